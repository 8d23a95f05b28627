"""Character classes, lexicons, and what one line or string says (byline, dateline, furniture)."""

from __future__ import annotations

import re
from functools import cache

from pipeline.lexicon import read_list
from pipeline.zh.chars import HAN, HAN_WIDE
from pipeline.zh.sentences import LINE_CLOSERS, OPENERS, STRONG_ENDS
from pipeline.zh.words import jieba_word_tags, load_jieba

# --- character classes -------------------------------------------------------------------

_SENTENCE_END = frozenset(STRONG_ENDS)
_CLOSERS = LINE_CLOSERS
_MID_SENTENCE = frozenset(OPENERS)
_BULLETS = "□■●◆▲◇○◎★☆·•"
_HEADING_MAX = 40  # longest unmarked line that can still be a heading
WINDOW = 600  # characters of context on each side of a boundary for topic similarity
_VERSE = 4  # heading-shaped lines in a row that are more than a headline group
_BOX_LINES = 3  # display lines under a box label that are its facts, not a title and subtitle
_SIDEBAR_DENSITY = 0.25  # numbers with units per ten characters in an infographic
# Hard-wrapped pages: at least this many lines (and this share of lines) of one width of at
# least _WRAP_MIN characters, of which at most _WRAP_CLOSED end a sentence and at least
# _WRAP_PROSE hold punctuation.
_WRAP_MIN, _WRAP_MIN_LINES, _WRAP_SHARE, _WRAP_CLOSED, _WRAP_PROSE = 12, 5, 0.3, 0.3, 0.5

_HAN = re.compile(f"[{HAN_WIDE}]")
NON_HAN = re.compile(f"[^{HAN_WIDE}]+")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_NARROW = re.compile(r"[\x00-\u1fff]")  # half-width: Latin letters, digits, ASCII spaces
# A number with a unit or scale after it (any Chinese character counts as one).
_FIGURE = re.compile(rf"\d+(?:[.．]\d+)?\s*[%％{HAN_WIDE}]")
# The name of a paper, station or agency before a byline marker (光明日报记者, 中新社记者).
_MEDIA = rf"[{HAN}]{{1,8}}?(?:报|社|台|网|刊)"
_CREDIT_PUNCT = " \u3000：:／/|"
_COLUMN_TAG = re.compile(r"（([^（）]{2,16})）$")
_ENUMERATION = re.compile(
    r"^(?:（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、|\d+[.、．])"
)
# A news lead names its time in its first words ("近日，" "4月10日，").
_NEWS_LEAD = re.compile(r"\d+月\d+日|\d+日[，、电]|近日|日前|今年|昨天|昨日|今天|当天|近期|连日来")
# Topic similarity across a heading, and what it says about an article starting there.
_TOPIC_STEPS = (0.015, 0.03, 0.05, 0.08, 0.12)
# A signed-off commentary stands apart from the article it follows when its paragraph pairs
# with the article's are less alike than this share of the pairs on one side (far less, when
# other text could take the sign-off).
_SHIFT, _SHIFT_STRICT = 0.5, 0.25
_COLUMN_PARAS = 40  # paragraphs looked at before a sign-off (a column piece has far fewer)
_SIGNATURE = re.compile(r"^——[^，。]{1,8}$")  # "——编  者" closes an editor's note
_NOTE_LABEL = re.compile(r"^【?编\s*者\s*按】?[：:]")  # 编者按：… opens an editor's note
_EDITOR_NOTE = re.compile(r"^——\s*编\s*者$")
_CAPTION = re.compile(r"^(?:图[①-⑳\d一二三四五六七八九十]*[：:]|[上下左右]?图为|[上下左右]图[：:])")
_BRACKET_LABEL = re.compile(r"^【[^【】]{1,12}】$")  # 【群众心声】: a section label
_PAREN_LINE = re.compile(r"^[（(].*[）)]$")
_DATE_LINE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日\s*(?:星期.)?")
# A page header: a full date with the weekday or the page number (经济日报 2026年6月10日 第5版).
_HEADER_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
_HEADER_MARK = re.compile(r"星期.|第?[\d一二三四五六七八九十]{1,3}版")
# Continuation notes: the article goes on on another page (下转第8版), or comes from one
# (上接第1版).
_JUMP_OUT = re.compile(r"[（(]?\s*(?:下转|转|续)第?\s*[\d一二三四五六七八九十]{1,3}\s*版\s*[）)]?$")
_JUMP_IN = re.compile(
    r"^[（(]?\s*(?:上接|紧接|接|续)第?\s*[\d一二三四五六七八九十]{1,3}\s*版\s*[）)]?"
)
_TIMESTAMP = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}\s*\d{1,2}:\d{2}")
# A folio: the page number, alone or with the page's section name (金融 第9版, 第1版：要闻).
_FOLIO = re.compile(
    rf"^(?:[{HAN}]{{1,6}}[：:·|]?)?第?\d{{1,3}}版(?:[：:·|]?[{HAN}]{{1,6}})?$|^\d{{1,3}}$"
)


# --- lexicons ------------------------------------------------------------------------------


@cache
def _markers(name: str) -> tuple[str, ...]:
    """A lexicon of ``gazetteers/segment/``, longest entries first (so prefixes match fully)."""
    return tuple(sorted(read_list(f"segment/{name}.txt"), key=len, reverse=True))


@cache
def _surnames() -> frozenset[str]:
    """Family names, single and compound (the list the entity rules use too)."""
    return frozenset(read_list("entity_rules/surnames.txt"))


@cache
def _byline_marker() -> re.Pattern[str]:
    """A byline marker, optionally after the name of a paper or agency (光明日报记者)."""
    markers = "|".join(map(re.escape, _markers("byline_markers")))
    return re.compile(rf"(?:{_MEDIA})?(?:{markers})")


@cache
def _dateline() -> re.Pattern[str]:
    sources = "|".join(map(re.escape, _markers("dateline_sources")))
    return re.compile(rf"^(?:{sources})[^，。\s]{{0,14}}?[电讯]")


def preload() -> None:
    """Load jieba and the lexicons now (before timing, or before forking workers)."""
    load_jieba()
    jieba_word_tags()
    for name in ("byline_markers", "furniture_markers", "advertisement_markers", "credit_markers"):
        _markers(name)
    _surnames()


# --- text predicates -----------------------------------------------------------------------


def _core(text: str) -> str:
    """Text without trailing closing quotes and brackets."""
    return text.rstrip(_CLOSERS + " ")


def ends_sentence(text: str) -> bool:
    """Whether a line ends with sentence-final punctuation.

    >>> ends_sentence("同比增长9.9%。"), ends_sentence("“好不好”转变。”"), ends_sentence("以省级智")
    (True, True, False)
    """
    core = _core(text)
    return bool(core) and core[-1] in _SENTENCE_END


def is_person_name(text: str) -> bool:
    """A person's name as printed in a byline: surname + 1-2 characters, spaces allowed.

    >>> is_person_name("陆敏"), is_person_name("尚 咲"), is_person_name("顾  春")
    (True, True, True)
    >>> is_person_name("全  异"), is_person_name("全异")  # padded apart: a name, not the word
    (True, False)
    >>> is_person_name("深化工作机制"), is_person_name("高质量")
    (False, False)
    """
    if len(text) > 12:  # most lines: no need to look closer
        return False
    han = _SPACES.sub("", text)
    if not 2 <= len(han) <= 4 or NON_HAN.search(han):
        return False
    surname = han[:2] if han[:2] in _surnames() else han[:1]
    if surname not in _surnames() or len(han) - len(surname) not in (1, 2):
        return False
    if len(han) == 2 and len(text) > 2:
        return True  # two characters padded apart to the width of a three-character name
    # A dictionary word is a name only when jieba tags it as one (nr).
    return not load_jieba().dt.FREQ.get(han) or jieba_word_tags().get(han, "").startswith("nr")


def split_names(text: str) -> list[str]:
    """Names in a byline remainder, each as written.

    Names are separated by 、，, or runs of spaces; single characters separated by spaces
    belong together (顾  春 is one name printed with padding).

    >>> split_names("赵文静  孙立群  钱思远"), split_names("尚 咲"), split_names("王明、李华")
    (['赵文静', '孙立群', '钱思远'], ['尚 咲'], ['王明', '李华'])
    """
    names: list[str] = []
    for part in re.split(r"[、，,；;]", text):
        tokens = list(re.finditer(r"[^ \t\u3000\u00a0]+", part))
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if len(tok.group()) == 1 and i + 1 < len(tokens) and len(tokens[i + 1].group()) == 1:
                names.append(part[tok.start() : tokens[i + 1].end()])
                i += 2
                continue
            names.append(tok.group())
            i += 1
    return [n for n in names if _HAN.search(n)]


def byline_names(text: str) -> list[str] | None:
    """Names of a byline line (None when the line is not a byline).

    >>> byline_names("□ 本报记者 孙立群"), byline_names("本报记者 尚 咲"), byline_names("评论员")
    (['孙立群'], ['尚 咲'], [])
    >>> byline_names("本报记者 王明 通讯员 李华"), byline_names("记者在采访中了解到")
    (['王明', '李华'], None)
    >>> byline_names("光明日报记者　孙丽华　光明日报通讯员　杨帆"), byline_names("记者 王明 报道")
    (['孙丽华', '杨帆'], ['王明'])
    """
    clean = text.lstrip(_BULLETS + " \u3000")
    if not _byline_marker().match(clean):
        return None
    rest = _byline_marker().sub(" ", clean).strip(" ：:\u3000")
    for suffix in _markers("byline_suffixes"):
        if rest.endswith(suffix) and len(rest) > len(suffix):
            rest = rest[: -len(suffix)].rstrip(" \u3000")
            break
    names = split_names(rest)
    if not all(is_person_name(n) for n in names):
        return None
    return names


def split_trailing_byline(text: str) -> tuple[str, list[str]] | None:
    """A heading line that ends with a byline (as a PDF line may): the heading and the names.

    >>> split_trailing_byline("春耕备耕有序推进 □ 本报记者 孙立群")
    ('春耕备耕有序推进', ['孙立群'])
    >>> split_trailing_byline("记者节里的记者") is None
    True
    """
    for m in re.finditer(rf"[\s{_BULLETS}]+", text):
        names = byline_names(text[m.end() :])
        if names and m.start() > 0:
            return text[: m.start()], names
    return None


def dateline_names(text: str) -> list[str]:
    """Reporters named in a dateline's parenthesis.

    >>> dateline_names("新华社北京5月19日电（记者 王明 李华）近日，……")
    ['王明', '李华']
    >>> dateline_names("本报北京3月8日电 （记者孙立群）有关部门……")
    ['孙立群']
    >>> dateline_names("本报讯（记者 王明 通讯员 李华）近日，……")
    ['王明', '李华']
    """
    m = re.match(r"^[^（(]{0,24}[（(]([^）)]{1,40})[）)]", text)
    if not m:
        return []
    inner = m.group(1)
    if not _byline_marker().search(inner):
        return []
    return [n for n in split_names(_byline_marker().sub(" ", inner)) if is_person_name(n)]


def is_furniture(text: str) -> bool:
    """Page furniture: editor credits, folios, date lines.

    >>> is_furniture("本版编辑 于泳 苏瑞淇"), is_furniture("2026年5月18日 星期一")
    (True, True)
    >>> is_furniture("9"), is_furniture("2026-07-04 00:00:00:0 3016 http://x.cn")
    (True, True)
    >>> is_furniture("经济日报 2026年6月10日 星期三 第5版"), is_furniture("编辑部的故事")
    (True, False)
    """
    clean = _SPACES.sub("", text)
    rest = re.sub(r"^(?:第?[\d一二三四五六七八九十]+版|本版)", "", clean)
    for marker in _markers("furniture_markers"):
        for candidate in (clean, rest):
            if candidate.startswith(marker):
                after = candidate[len(marker) :]
                if not after or after[0] in "：:" or any(is_person_name(after[:n]) for n in (2, 3)):
                    return True
    if not _HAN.search(clean) or _TIMESTAMP.match(clean):
        return True  # folios, timestamps, addresses, scraped metadata: not read as text
    if is_jump(clean):
        return False
    if len(clean) <= 40 and _HEADER_DATE.search(clean) and _HEADER_MARK.search(clean):
        return True
    return bool(_DATE_LINE.match(clean) and len(clean) <= 30) or bool(_FOLIO.match(clean))


def is_jump(text: str) -> bool:
    """A line that only says where the article goes on or came from.

    >>> is_jump("（下转第8版）"), is_jump("上接第一版"), is_jump("第3版：要闻")
    (True, True, False)
    """
    clean = _SPACES.sub("", text)
    return bool(_JUMP_IN.fullmatch(clean) or _JUMP_OUT.fullmatch(clean))


def is_advertisement(text: str) -> bool:
    """A line that only says 广告 (or a kindred marker).

    >>> is_advertisement("广告"), is_advertisement("广 告"), is_advertisement("广告业发展")
    (True, True, False)
    """
    return _SPACES.sub("", text) in _markers("advertisement_markers")


def is_credit(text: str) -> bool:
    """A photo/source credit or a closing note that ends an article.

    >>> is_credit("傅  斌摄"), is_credit("李华摄（新华社发）"), is_credit("（新华社北京1月16日电）")
    (True, True, True)
    >>> is_credit("新华社记者 王明 摄"), is_credit("新华社发"), is_credit("摄影：王明")
    (True, True, True)
    >>> is_credit("（一）"), is_credit("链接"), is_credit("本报记者 王明")
    (False, False, False)
    """
    if text.startswith(_markers("source_markers")):
        return True
    if _PAREN_LINE.match(text):
        inner = text[1:-1]
        return len(inner) >= 3 and any(m in inner for m in _markers("credit_markers"))
    tag = re.search(r"[（(]([^）)]*)[）)]$", text)
    if tag and tag.group(1).endswith(("发", "摄", "供图")):
        return True
    core = re.sub(r"[（(][^）)]*[）)]$", "", text).strip()
    if len(core) > 24:
        return False
    who = _credit_source().match(core)
    rest = core[who.end() :].strip(_CREDIT_PUNCT) if who else core
    for marker in _markers("credit_markers"):
        if rest.endswith(marker):
            names = split_names(rest[: -len(marker)].strip(_CREDIT_PUNCT))
        elif rest.startswith(marker) and rest[len(marker) : len(marker) + 1] in _CREDIT_PUNCT:
            names = split_names(rest[len(marker) :].strip(_CREDIT_PUNCT))  # 摄影：X
        else:
            continue
        if not names:  # an agency's own picture (新华社发)
            return who is not None and marker in ("发", "供图")
        return all(is_person_name(n) for n in names)
    return False


@cache
def _credit_source() -> re.Pattern[str]:
    """The agency or byline marker that may open a credit (新华社记者, 本报记者, 新华社)."""
    markers = "|".join(map(re.escape, _markers("byline_markers")))
    return re.compile(rf"^(?:{_MEDIA})?(?:{markers})?(?<=.)")


def figure_density(text: str) -> float:
    """Number-with-unit matches per ten characters.

    >>> round(figure_density("累放贷款 6.5万亿元"), 2)
    0.91
    """
    return 10 * len(_FIGURE.findall(text)) / max(1, len(text))


def word_joins(left: str, right: str) -> bool:
    """Whether the break between ``left`` and ``right`` falls inside a dictionary word.

    >>> word_joins("嵌入银", "行业务链条"), word_joins("组成部分，需", "要进一步")
    (True, True)
    >>> word_joins("以省级智", "科技金融")
    False
    """
    a, b = left[-4:], right[:4]
    if not a or not b or not (_HAN.match(a[-1]) and _HAN.match(b[0])):
        return False
    pos = 0
    for tok in load_jieba().lcut(a + b, HMM=False):
        if pos < len(a) < pos + len(tok):
            return True
        pos += len(tok)
    return False


def _brief_head(text: str) -> str | None:
    """The lead-in of a brief: a short unpunctuated phrase, a space, then a dateline.

    >>> _brief_head("河道整治完工　本报讯　近日，……"), _brief_head("本报讯　近日，……")
    ('河道整治完工', None)
    """
    m = re.match(r"^(\S{4,30}?)[ \u3000]+", text)
    if m is None or not _bare(m.group(1)) or not _dateline().match(text[m.end() :]):
        return None
    return m.group(1)


def _word_break(left: str, right: str) -> bool:
    """A break inside a sentence of a line that looked like a heading: comma before, word across.

    >>> _word_break("是重要组成部分，需", "要进一步优化"), _word_break("深化工作机制", "为引导银行")
    (True, False)
    """
    return "，" in left and word_joins(left, right)


def _bare(text: str) -> bool:
    """A line without punctuation that is not a dateline (a heading's shape).

    >>> _bare("老旧小区加装电梯惠及全市居民"), _bare("记者从住房城乡建设部门获悉，")
    (True, False)
    >>> _bare("本报南湖5月19日电  记者从住房城乡建")
    False
    """
    if _dateline().match(text):
        return False
    return not any(c in _SENTENCE_END or c in _MID_SENTENCE for c in text)


def _is_column_line(text: str) -> bool:
    """A line that can be a column's name: short, without punctuation, not a person's name.

    >>> _is_column_line("经济时评"), _is_column_line("柯文涛"), _is_column_line("好。")
    (True, False, False)
    """
    return 2 <= len(text) <= 8 and _bare(text) and not is_person_name(text)
