"""Split a page into its articles, sidebars, furniture and advertisements.

The page text is cut into lines; on a hard-wrapped page (many lines of one width that stop
mid-sentence, as OCR output gives) the lines of each paragraph are joined first, leaving the
line breaks out of the article spans. Each line gets a role from its shape and the lexicons
under ``gazetteers/segment/`` (heading, body, byline, credit, furniture, advertisement), or
from the layout hints of a PDF page when there are any; hints never make a bare name body
text. Runs of short, figure-dense lines become sidebars and leave the article stream. The
stream is then read in order:

- a group of heading lines starts a new article when the evidence says so (a byline or a
  dateline follows, a column tag ends it, the previous article closed with a credit, the topic
  changes); otherwise it is a section head of the current article;
- a body line that stops mid-sentence is joined to the next body line when the join makes a
  word (jieba's dictionary), the break falls after a comma, or the topic goes on; else the
  article is truncated and the next text starts a new one;
- a short display line over a name line (or a name line alone), with no body text of their
  own after them, are the column name and author that sign off the article before them; at
  the very end of the page they go to the headline-less commentary. A short display line
  whose text ends with its own author's name is that commentary's column name;
- a column name and author that close text which opened as another article (a finished
  news story, a feature, an article with section heads) sign off a headline-less commentary
  printed after it: walking back from the sign-off over the paragraphs while their topic
  holds together, the commentary starts where the topic shifts (``_Reader._commentary_start``);
  the pieces of columns in a row each take their own sign-off;
- the bylined parts of a report that an editor's note (——编者) introduces stay in it, and an
  editor's note (编者按：…) printed over a headline opens that headline's article;
- a continuation note closes its article as truncated (下转第8版) or opens a continued one
  (上接第1版); an item of a list of briefs ("lead-in　本报讯　…") is an article headed by its
  lead-in; each captioned photo with its credit under a picture label is an item;
- display lines after an advertisement marker (or before it, when they are no article: no
  finished sentence, no byline) are its copy.

Background boxes under a label (链接, 背景: ``box_labels.txt``) are sidebars, as the annotation
guide says (corpora/ANNOTATION.md, section 3). A run of short figure lines that the text
announces with a colon (成绩如下：) is a table in the body, not a sidebar.

Article spans index into the page text; their concatenation is the article's stitched text.
"""

from __future__ import annotations

import bisect
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from pipeline.document import Article, Span
from pipeline.ingest import LayoutHint
from pipeline.lexicon import read_list
from pipeline.textmap import TextMap
from pipeline.zh.words import jieba_word_tags, load_jieba


@dataclass(frozen=True)
class SidebarUnit:
    span: Span
    title: str | None
    article: int | None  # index into Segmentation.articles


@dataclass(frozen=True)
class Segmentation:
    articles: list[Article]  # ids left empty: the page pipeline assigns them
    sidebars: list[SidebarUnit]


# --- character classes -------------------------------------------------------------------

_SENTENCE_END = frozenset("。！？!?…；;")
_CLOSERS = "”’」』）)】》\"'"
_MID_SENTENCE = frozenset("，,、（(“《‘「『")
_BULLETS = "□■●◆▲◇○◎★☆·•"
_HEADING_MAX = 40  # longest unmarked line that can still be a heading
_WINDOW = 600  # characters of context on each side of a boundary for topic similarity
_START_THRESHOLD = 2.0
_VERSE = 4  # heading-shaped lines in a row that are more than a headline group
_BOX_LINES = 3  # display lines under a box label that are its facts, not a title and subtitle
_SIDEBAR_DENSITY = 0.25  # numbers with units per ten characters in an infographic
# Hard-wrapped pages: at least this many lines (and this share of lines) of one width of at
# least _WRAP_MIN characters, of which at most _WRAP_CLOSED end a sentence and at least
# _WRAP_PROSE hold punctuation.
_WRAP_MIN, _WRAP_MIN_LINES, _WRAP_SHARE, _WRAP_CLOSED, _WRAP_PROSE = 12, 5, 0.3, 0.3, 0.5

_HAN = re.compile(r"[\u3400-\u9fff]")
_NON_HAN = re.compile(r"[^\u3400-\u9fff]+")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_NARROW = re.compile(r"[\x00-\u1fff]")  # half-width: Latin letters, digits, ASCII spaces
# A number with a unit or scale after it (any Chinese character counts as one).
_FIGURE = re.compile(r"\d+(?:[.．]\d+)?\s*[%％\u3400-\u9fff]")
# The name of a paper, station or agency before a byline marker (光明日报记者, 中新社记者).
_MEDIA = r"[\u4e00-\u9fff]{1,8}?(?:报|社|台|网|刊)"
_CREDIT_PUNCT = " \u3000：:／/|"
_COLUMN_TAG = re.compile(r"（([^（）]{2,16})）$")
_ENUMERATION = re.compile(
    r"^(?:（[一二三四五六七八九十\d]+）|[一二三四五六七八九十]+、|\d+[.、．])"
)
# A news lead names its time in its first words ("近日，" "4月10日，").
_NEWS_LEAD = re.compile(r"\d+月\d+日|\d+日[，、电]|近日|日前|今年|昨天|昨日|今天|当天|近期|连日来")
# Topic similarity across a heading, and what it says about an article starting there.
_TOPIC_STEPS = (0.015, 0.03, 0.05, 0.08, 0.12)
_TOPIC_SCORE = (2.0, 1.5, 1.0, 0.0, -1.5, -2.5)
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
    r"^(?:[\u4e00-\u9fff]{1,6}[：:·|]?)?第?\d{1,3}版(?:[：:·|]?[\u4e00-\u9fff]{1,6})?$|^\d{1,3}$"
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
    if not 2 <= len(han) <= 4 or _NON_HAN.search(han):
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

    >>> split_names("林丽鹂  邓剑洋  王云杉"), split_names("尚 咲"), split_names("王明、李华")
    (['林丽鹂', '邓剑洋', '王云杉'], ['尚 咲'], ['王明', '李华'])
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

    >>> byline_names("□ 本报记者 彭江"), byline_names("本报记者 尚 咲"), byline_names("本报评论员")
    (['彭江'], ['尚 咲'], [])
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

    >>> split_trailing_byline("小微信贷润泽千企万户 □ 本报记者 彭江")
    ('小微信贷润泽千企万户', ['彭江'])
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
    >>> dateline_names("本报北京7月3日电 （记者梅常伟）中央军委……")
    ['梅常伟']
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

    >>> is_credit("傅  斌摄"), is_credit("周亮摄（影像中国）"), is_credit("（新华社北京1月16日电）")
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


# --- lines ---------------------------------------------------------------------------------


@dataclass
class _Line:
    start: int  # first non-space character (heading marks included)
    end: int  # after the last non-space character
    raw_start: int  # start of the line in the page
    text: str  # without heading marks, bullets and surrounding spaces
    marked: bool
    blank_before: bool
    hint: str | None = None
    size: float = 0.0  # largest type size of the hints over the line
    role: str = "body"  # heading | body | byline | credit | furniture | advertisement | sidebar
    names: list[str] = field(default_factory=list)
    gaps: tuple[Span, ...] = ()  # line breaks inside a hard-wrapped paragraph (left out)

    @property
    def open(self) -> bool:
        """A body line that stops mid-sentence (not at a colon or dash, which lead on)."""
        core = self.text.rstrip()
        if not core or ends_sentence(core) or _SIGNATURE.match(core):
            return False
        return not (core.endswith(("：", ":", "——")) or core[-1] in _CLOSERS)


def _read_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    prev_end = 0
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        body = raw.strip(" \t\r\u3000\u00a0")
        if not body:
            continue
        start = m.start() + raw.index(body)
        clean = body.lstrip("#＃").strip(" \u3000").lstrip(_BULLETS).strip(" \u3000")
        blank = text.count("\n", prev_end, m.start()) > 1 or not lines
        lines.append(
            _Line(start, start + len(body), m.start(), clean or body, body[0] in "#＃", blank)
        )
        prev_end = m.end()
    return lines


def _width(text: str) -> float:
    """Printed width in full-width characters (ASCII letters, digits and spaces are half).

    >>> _width("　　增长9.9%"), _width("本报记者")
    (6.0, 4.0)
    """
    return len(text) - 0.5 * len(_NARROW.findall(text))


def _wrap_width(text: str, lines: list[_Line]) -> tuple[Callable[[str], float], int] | None:
    """The width at which a page's paragraphs were hard-wrapped, if they were.

    A hard-wrapped page has many lines of one width (counted in characters, or in printed
    width when half-width digits are narrower) that stop without sentence-final punctuation.
    Returns the measure and the width, or None for a page of whole paragraphs.
    """
    raws = [text[ln.raw_start : ln.end] for ln in lines if not ln.marked]
    best: tuple[int, Callable[[str], float], int, int] | None = None
    for measure in (len, _width):
        widths = [measure(r) for r in raws]
        counts = Counter(round(w) for w in widths if w >= _WRAP_MIN)
        if not counts:
            continue
        width = counts.most_common(1)[0][0]
        near = sum(abs(w - width) <= 1 for w in widths)
        if best is None or near > best[0]:
            best = (near, measure, width, sum(counts.values()))
    if best is None:
        return None
    # Names, column names and furniture are short lines on any page: only lines that could
    # be wrapped count in the share.
    near, measure, width, long = best
    if near < _WRAP_MIN_LINES or near < _WRAP_SHARE * long:
        return None
    full = [r for r in raws if abs(measure(r) - width) <= 1]
    closed = sum(ends_sentence(r) for r in full)
    # Wrapped prose has punctuation inside its lines; verse of even lines has none.
    prose = sum(any(c in _MID_SENTENCE or c in _SENTENCE_END for c in r[:-1]) for r in full)
    if closed > _WRAP_CLOSED * len(full) or prose < _WRAP_PROSE * len(full):
        return None
    return measure, width


def _stands_alone(text: str) -> bool:
    """A line that is never part of a wrapped paragraph (a wrapped line without Chinese
    characters is the tail of a number: "95" / "%。")."""
    return (
        byline_names(text) is not None
        or (is_furniture(text) and bool(_HAN.search(text)))
        or is_advertisement(text)
        or is_credit(text)
    )


def _unwrap(text: str, lines: list[_Line]) -> list[_Line]:
    """Join the lines of hard-wrapped paragraphs into one line each.

    A line as wide as the wrap width goes on in the next line unless a blank line or an
    indent (on a page that indents its paragraphs) comes between, or it closes a sentence and
    a short line without punctuation (a heading) follows. Bylines, furniture and credits
    stand alone, and a dateline opens a paragraph.
    """
    found = _wrap_width(text, lines)
    if found is None:
        return lines
    measure, width = found
    indented = [ln.start > ln.raw_start for ln in lines]
    indents = sum(indented) >= _WRAP_MIN_LINES
    out: list[_Line] = []
    for k, ln in enumerate(lines):
        prev = out[-1] if out else None
        joins = (
            prev is not None
            and not ln.blank_before
            and not ln.marked
            and not (indents and indented[k])
            and measure(text[lines[k - 1].raw_start : lines[k - 1].end]) >= width - 1
            and not _stands_alone(prev.text)
            and not _stands_alone(ln.text)
            and not _dateline().match(ln.text)  # a dateline opens a paragraph
            and not (ends_sentence(prev.text) and measure(ln.text) < width - 1 and _bare(ln.text))
        )
        if not joins:
            out.append(ln)
            continue
        assert prev is not None
        prev.gaps = (*prev.gaps, (prev.end, ln.start))
        prev.text += ln.text
        prev.end = ln.end
    return out


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


def _apply_hints(lines: list[_Line], hints: Sequence[LayoutHint]) -> None:
    """Give each line the role of the hints that cover most of it."""
    if not hints:
        return
    ordered = sorted(hints, key=lambda h: h.start)
    sizes = Counter(h.size for h in hints if h.role == "body" and h.size)
    body_size = sizes.most_common(1)[0][0] if sizes else None
    for ln in lines:
        cover: Counter[str] = Counter()
        biggest = 0.0
        for h in ordered:
            if h.start >= ln.end:
                break
            overlap = min(h.end, ln.end) - max(h.start, ln.start)
            if overlap > 0:
                cover[h.role] += overlap
                biggest = max(biggest, h.size or 0.0)
        if cover:
            ln.hint = cover.most_common(1)[0][0]
        ln.size = biggest
        # Type twice the body size is a headline, whatever else the reader guessed.
        big = body_size is not None and biggest >= 2 * body_size
        if ln.hint == "furniture" and big and not is_furniture(ln.text):
            ln.hint = "headline"


def _is_heading_shape(ln: _Line) -> bool:
    text = _COLUMN_TAG.sub("", ln.text) or ln.text
    limit = _HEADING_MAX + 20 if ln.marked else _HEADING_MAX
    if len(text) > limit or any(c in _SENTENCE_END for c in _core(text)[:-1]):
        return False
    core = _core(text)
    if not core:
        return False
    if core[-1] in _SENTENCE_END:
        # A short question or exclamation can be a headline; a quoted one is dialogue.
        # A speaker's label (记者：) makes it an interview's question.
        speaker = re.match(r"^[\u4e00-\u9fff]{1,5}[：:]", text)
        return core[-1] in "？?！!" and text[0] not in "“‘「" and len(text) <= 30 and not speaker
    return core[-1] not in _MID_SENTENCE and not core.endswith(("：", ":"))


def _classify(ln: _Line) -> None:
    text = ln.text
    if ln.hint == "sidebar":
        ln.role = "sidebar"
    elif is_jump(text):
        ln.role = "jump"
    elif ln.hint == "furniture" or is_furniture(text):
        ln.role = "furniture"
    elif is_advertisement(text):
        ln.role = "advertisement"
    elif (names := byline_names(text)) is not None:
        ln.role, ln.names = "byline", names
    elif is_credit(text):
        ln.role = "credit"
    elif (
        ln.hint in ("headline", "subheadline", "kicker")
        or (ln.hint != "body" and _is_heading_shape(ln) and not _SIGNATURE.match(text))
        or is_person_name(text)  # a bare name is never body text, whatever the type size
    ):
        ln.role = "heading"
    else:
        ln.role = "body"


def _promote_headlines(lines: list[_Line]) -> None:
    """A long unpunctuated line right above a dateline is a headline, not body; a column name
    over its author's name after a finished sentence is a sign-off whatever its type size."""
    for ln, nxt in itertools.pairwise(lines):
        if (
            ln.role == "body"
            and ln.hint is None
            and len(ln.text) <= 2 * _HEADING_MAX
            and not any(c in _SENTENCE_END for c in ln.text)
            and _dateline().match(nxt.text)
        ):
            ln.role = "heading"
    for prev, ln, nxt in zip(lines, lines[1:], lines[2:], strict=False):
        if (
            ln.role == "body"
            and prev.role == "body"
            and ends_sentence(prev.text)
            and _is_column_line(ln.text)
            and nxt.role == "heading"
            and is_person_name(nxt.text)
        ):
            ln.role = "heading"


# --- sidebars ------------------------------------------------------------------------------


def _is_figure_line(ln: _Line) -> bool:
    return bool(_FIGURE.search(ln.text)) or ln.text.startswith(_markers("sidebar_leads"))


def _sidebar_like(ln: _Line) -> bool:
    return (
        ln.role in ("heading", "body", "sidebar")
        and ln.hint not in ("body", "headline")
        and len(ln.text) <= _HEADING_MAX
        and not any(c in _SENTENCE_END for c in ln.text)
    )


def _find_sidebars(lines: list[_Line]) -> list[tuple[int, int, int | None]]:
    """Sidebars as (first line, last line, title line), and mark their lines."""
    found: list[tuple[int, int, int | None]] = []
    i = 0
    while i < len(lines):
        if lines[i].hint == "sidebar":
            j = i
            while j + 1 < len(lines) and lines[j + 1].hint == "sidebar":
                j += 1
            found.append((i, j, None))
            i = j + 1
            continue
        if (box := _box_end(lines, i)) is not None:
            found.append((i + 1, box, i))
            i = box + 1
            continue
        if not (_sidebar_like(lines[i]) and _is_figure_line(lines[i])):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and _sidebar_like(lines[j + 1]):
            j += 1
        # A heading that a byline or dateline follows is the next article's, not the box's.
        while j > i and _leads_article(lines, j):
            j -= 1
        run = lines[i : j + 1]
        if _introduced(lines, i):  # a table the text announces (成绩如下：) is body text
            i = j + 1
            continue
        figures = sum(_is_figure_line(ln) for ln in run)
        dense = figure_density("".join(ln.text for ln in run)) >= _SIDEBAR_DENSITY
        if len(run) >= 2 and figures >= 2 and figures >= 0.4 * len(run) and dense:
            title = _sidebar_title(lines, i)
            nxt = lines[j + 1] if j + 1 < len(lines) else None
            if nxt is not None and nxt.text.startswith(_markers("source_markers")):
                j += 1  # the box's own source line (数据来源：…)
            found.append((i, j, title))
            i = j + 1
        else:
            i += 1
    for first, last, title in found:
        for ln in lines[(title if title is not None else first) : last + 1]:
            ln.role = "sidebar"
    return found


def _introduced(lines: list[_Line], i: int) -> bool:
    """Whether the run of short lines from line ``i`` is announced by a colon that ends its
    first line or the body line before it."""
    if lines[i].text.rstrip().endswith(("：", ":")):
        return True
    prev = lines[i - 1] if i else None
    return prev is not None and prev.role == "body" and prev.text.rstrip().endswith(("：", ":"))


def _box_end(lines: list[_Line], i: int) -> int | None:
    """The last line of a background box whose label (链接) is line ``i``.

    A titled box holds its own title lines, then its paragraphs, and more titled parts (a
    title over a subtitle, with no byline, dateline or column tag: the next case of the box)
    up to any other line. A box with no title of its own, or whose title stands over short
    display lines (more than a subtitle), holds only its short lines or one paragraph: the
    paragraphs after that are the article's text, printed around the box.
    """
    if lines[i].role != "heading" or _SPACES.sub("", lines[i].text) not in _markers("box_labels"):
        return None
    if i + 1 < len(lines) and lines[i + 1].role == "body":
        return _untitled_box_end(lines, i + 1)
    j, end, first = i + 1, None, True
    while j < len(lines):
        k = j
        while k < len(lines) and lines[k].role == "heading" and not _is_tagged(lines[k]):
            k += 1
        if k >= len(lines) or lines[k].role != "body" or _dateline().match(lines[k].text):
            break
        if first and k - j >= _BOX_LINES:  # facts set line by line under the box's title
            return k - 1
        if not first and k - j < 2:
            break
        while k + 1 < len(lines) and lines[k + 1].role == "body":
            k += 1
        j, end, first = k + 1, k, False
    return end


def _untitled_box_end(lines: list[_Line], j: int) -> int | None:
    """The last line of an untitled box whose text starts at line ``j``: its run of short
    lines (facts set line by line), or else its one paragraph (which may go on after a column
    break in mid-sentence).

    >>> box = [_Line(0, 7, 0, "对象：农户", False, True), _Line(8, 13, 8, "期限：3年", False, True)]
    >>> para = _Line(20, 90, 20, "这一产品" * 15 + "。", False, True)
    >>> cut = _Line(20, 90, 20, "这一产品" * 15 + "，", False, True)
    >>> _untitled_box_end(box + [para], 0), _untitled_box_end([para, *box], 0)
    (1, 0)
    >>> _untitled_box_end([cut, para, para], 0)
    1
    """
    if _dateline().match(lines[j].text):
        return None
    k = j
    short = len(lines[j].text) <= _HEADING_MAX
    while k + 1 < len(lines) and lines[k + 1].role == "body":
        goes_on = len(lines[k + 1].text) <= _HEADING_MAX if short else lines[k].open
        if not goes_on:
            break
        k += 1
    return k


def _leads_article(lines: list[_Line], j: int) -> bool:
    nxt = lines[j + 1] if j + 1 < len(lines) else None
    return nxt is not None and (nxt.role == "byline" or bool(_dateline().match(nxt.text)))


def _sidebar_title(lines: list[_Line], first: int) -> int | None:
    """The heading just above a sidebar, when it is not itself part of a headline group."""
    t = first - 1
    if t < 1 or lines[t].role != "heading" or _is_figure_line(lines[t]):
        return None
    if lines[t - 1].role in ("heading", "furniture"):
        return None
    return t


# --- topic similarity ----------------------------------------------------------------------


class _Topics:
    """Character-bigram vectors of lines, weighted by inverse line frequency on the page."""

    def __init__(self, lines: list[_Line]) -> None:
        self.bags = [_bigrams(ln.text) for ln in lines]
        df: Counter[str] = Counter()
        for bag in self.bags:
            df.update(bag.keys())
        n = len(lines) + 1
        self.idf = {k: math.log(n / v) for k, v in df.items()}

    def window(self, idxs: Sequence[int]) -> Counter[str]:
        """Bag of the given lines, taken until about ``_WINDOW`` characters."""
        bag: Counter[str] = Counter()
        size = 0
        for i in idxs:
            bag.update(self.bags[i])
            size += sum(self.bags[i].values())
            if size >= _WINDOW:
                break
        return bag

    def similarity(self, a: Counter[str], b: Counter[str]) -> float:
        idf = self.idf
        num = sum(v * b[k] * idf[k] ** 2 for k, v in a.items() if k in b)
        if not num:
            return 0.0
        na = math.sqrt(sum((v * idf[k]) ** 2 for k, v in a.items()))
        nb = math.sqrt(sum((v * idf[k]) ** 2 for k, v in b.items()))
        return num / (na * nb)


def _bigrams(text: str) -> Counter[str]:
    """
    >>> sorted(_bigrams("银行，业务"))
    ['业务', '银行']
    """
    return Counter(
        run[k : k + 2] for run in _NON_HAN.split(text) for k in range(len(run) - 1) if run
    )


# --- reading the stream --------------------------------------------------------------------


@dataclass
class _Draft:
    lines: list[int]
    joins: list[str]  # join before each line after the first: "para" or "cut"
    kind: str = "article"
    headline: str | None = None
    subheadline: str | None = None
    kicker: str | None = None
    byline: list[str] = field(default_factory=list)
    column: str | None = None
    truncated: bool = False
    closed_by_credit: bool = False
    package: bool = False  # opened by an editor's note: the bylined parts after it belong to it
    signed: bool = False  # closed by a column name and author: the text after it is another piece
    signed_name: bool = False  # no byline at the top, an author's bare name (□ X, ——X) at the end

    def add(self, idx: int, join: str) -> None:
        self.lines.append(idx)
        self.joins.append(join)


@dataclass
class _Block:
    kind: str  # group | body | credit | furniture | advertisement
    lines: list[int]


def _blocks(lines: list[_Line]) -> list[_Block]:
    """Consecutive heading/byline lines form one group; other lines stand alone.

    A headline with a column tag after a run of short lines (the verse of a poem) starts a
    group of its own.
    """
    blocks: list[_Block] = []
    for i, ln in enumerate(lines):
        if ln.role == "sidebar":
            continue
        kind = "group" if ln.role in ("heading", "byline") else ln.role
        prev = blocks[-1] if blocks else None
        if (
            prev is not None
            and prev.kind == kind
            and kind in ("group", "furniture", "advertisement")
            and prev.lines[-1] == i - 1
            and not (kind == "group" and len(prev.lines) >= _VERSE and _is_tagged(ln))
        ):
            prev.lines.append(i)
        else:
            blocks.append(_Block(kind, [i]))
    return blocks


class _Reader:
    """Reads the blocks of one page in order and builds article drafts."""

    def __init__(self, lines: list[_Line]) -> None:
        self.lines = lines
        self.topics = _Topics(lines)
        self.drafts: list[_Draft] = []
        self.cur: _Draft | None = None
        self.after_break = False  # furniture or an advertisement came since the last line
        self.ad: _Draft | None = None  # an advertisement whose copy may follow its marker

    def read(self, blocks: list[_Block]) -> list[_Draft]:
        tails_from = _tail_start(blocks)
        for b, block in enumerate(blocks):
            if self._ad_copy(block, blocks[b + 1 :]):
                assert self.ad is not None
                for idx in block.lines:
                    self.ad.add(idx, "para")
                continue
            self.ad = None
            if block.kind == "advertisement":
                self._advertisement(block)
            elif b >= tails_from and block.kind == "group":
                self._tail(block)
            elif block.kind == "group" and self._signs_off(block, blocks[b + 1 :]):
                self._sign_off(block, blocks[b + 1 :])
            elif block.kind == "furniture":
                self.drafts.append(_Draft(list(block.lines), ["para"] * (len(block.lines) - 1)))
                self.drafts[-1].kind = block.kind
                self.after_break = True
            elif block.kind == "credit":
                self._credit(block)
            elif block.kind == "jump":
                self._jump(block.lines[0])
            elif block.kind == "group":
                self._group(block, blocks[b + 1 :])
            else:
                self._body(block.lines[0], _following_lines(blocks[b:]))
                assert self.cur is not None
                if _JUMP_OUT.search(self.lines[block.lines[0]].text):  # 。（下转第2版）
                    self.cur.truncated = self.cur.closed_by_credit = True
        return self.drafts

    # each block kind

    def _ad_copy(self, block: _Block, rest: list[_Block]) -> bool:
        """Lines after an advertisement marker that read as ad copy, not news: display lines
        and phrases with no finished sentence, no byline and no dateline."""
        if self.ad is None or block.kind not in ("group", "body"):
            return False
        lines = [self.lines[i] for i in block.lines]
        if block.kind == "group":
            lines += [self.lines[i] for i in _following_lines(rest)]
        return all(
            ln.role in ("heading", "body")
            and not ends_sentence(ln.text)
            and not _dateline().match(ln.text)
            for ln in lines
        )

    def _advertisement(self, block: _Block) -> None:
        """An advertisement marker; display lines just before it that are no article (no
        finished sentence, no byline) are its copy."""
        cur = self.cur
        lines = [self.lines[i] for i in cur.lines] if cur is not None else []
        if (
            cur is not None
            and cur is self.drafts[-1]
            and cur.kind == "article"
            and not cur.byline
            and not any(ln.role == "byline" or ends_sentence(ln.text) for ln in lines)
        ):
            cur.kind = "advertisement"
            for idx in block.lines:
                cur.add(idx, "para")
            self.ad, self.cur = cur, None
            return
        self.drafts.append(_Draft(list(block.lines), ["para"] * (len(block.lines) - 1)))
        self.drafts[-1].kind = "advertisement"
        self.ad = self.drafts[-1]
        self.after_break = True

    def _credit(self, block: _Block) -> None:
        if self.cur is None:
            self._start(block.lines[0])
            return
        # A photo credit under a caption at the top of an article does not close it; one
        # under a photo item (no headline of its own, or under a picture label) does.
        heads = [_SPACES.sub("", self.lines[i].text) for i in self.cur.lines]
        # A credit under a caption (图为…) inside the text credits a photo printed there.
        captioned = bool(_CAPTION.match(self.lines[self.cur.lines[-1]].text))
        closes = not captioned and (
            self._substance(self.cur) >= 100
            or all(self.lines[i].role != "heading" for i in self.cur.lines)
            or any(h in _markers("picture_labels") for h in heads)
        )
        self.cur.add(block.lines[0], "para")
        self.cur.closed_by_credit = closes
        text = self.lines[block.lines[0]].text
        if not self.cur.byline and _PAREN_LINE.match(text):  # （本报记者 王明）
            self.cur.byline = byline_names(text[1:-1]) or []

    def _jump(self, idx: int) -> None:
        """A continuation note: 下转 closes (and truncates) the current article; 上接 opens a
        continued one, after its headline when it has one."""
        cur = self.cur
        if _JUMP_IN.match(_SPACES.sub("", self.lines[idx].text)):
            heads = cur is not None and all(self.lines[i].role != "body" for i in cur.lines)
            if cur is not None and heads and not self.after_break:
                cur.add(idx, "para")
            else:
                self._start(idx)
            return
        if cur is None:
            self._start(idx)
            return
        cur.add(idx, "para")
        cur.truncated = cur.closed_by_credit = True

    def _body(self, idx: int, ahead: list[int]) -> None:
        """Place a body line; ``ahead`` is it and the body lines after it, up to a heading."""
        cur, ln = self.cur, self.lines[idx]
        if cur is None:
            self._start(idx)
            return
        if cur.signed:  # a column name and author closed it: this is the next piece
            self._start(idx)
            return
        last = self.lines[cur.lines[-1]]
        if last.role == "body" and last.open:
            if self._continues(cur, ahead):
                cur.add(idx, "cut")
                return
            cur.truncated = True
            self._start(idx)
            return
        if last.role == "heading" and len(cur.lines) > 1 and _word_break(last.text, ln.text):
            cur.add(idx, "cut")  # a body line taken for a section head, split inside a word
            return
        if _SIGNATURE.match(ln.text) and is_person_name(ln.text.lstrip("—").strip()):
            cur.add(idx, "para")  # ——X: the author signs off
            cur.signed_name = cur.signed_name or not cur.byline
            cur.byline = cur.byline or [ln.text.lstrip("—").strip()]
            cur.closed_by_credit = True
            return
        brief = _brief_head(ln.text)
        if brief is not None:  # an item of a list of briefs: its lead-in is its headline
            if any(self.lines[i].role == "body" for i in cur.lines):
                self._start(idx)
                assert self.cur is not None
                self.cur.headline = brief
                return
            cur.add(idx, "para")
            cur.kicker, cur.headline = cur.headline, brief
            return
        dated = bool(_dateline().match(ln.text))
        dispatched = dated and any(_dateline().match(self.lines[i].text) for i in cur.lines)
        if dispatched and self._substance(cur) < 200:
            self._start(idx)  # a second short dispatch: the next item of a list of briefs
            return
        # A dateline with no headline starts an article only when its story is new to the
        # whole article so far (not the story a summary at its top announced).
        lead = dated and self._substance(cur) >= 200 and self._novelty(cur, ahead) < 0.08
        fresh = self.after_break or cur.closed_by_credit or lead
        if fresh and self._topic(cur.lines, [idx]) < 0.08:
            self._start(idx)
            return
        cur.add(idx, "para")
        cur.closed_by_credit = False  # the text goes on: the credit did not close it

    def _group(self, block: _Block, rest: list[_Block]) -> None:
        cur = self.cur
        if cur is not None and self._note_only(cur) and self.drafts[-1] is cur:
            for idx in block.lines:  # an editor's note printed over the headline it introduces
                cur.add(idx, "para")
            _fill_heads(cur, [self.lines[i] for i in block.lines])
            return
        if cur is None or self._start_score(block, rest) >= _START_THRESHOLD:
            if cur is not None:
                last = self.lines[cur.lines[-1]]
                cur.truncated = cur.truncated or (last.role == "body" and last.open)
            self._start(block.lines[0])
            assert self.cur is not None
            for idx in block.lines[1:]:
                self.cur.add(idx, "para")
            _fill_heads(self.cur, [self.lines[i] for i in block.lines])
            if _signed_at_end(self.lines, rest) and _is_column_name(self.lines, block.lines):
                self.cur.column, self.cur.headline = self.cur.headline, None
            return
        cur.package = cur.package or self._part_of_package(block)
        for idx in block.lines:
            cur.add(idx, "para")

    def _note_only(self, draft: _Draft) -> bool:
        """A draft that is only an editor's note (编者按：…), with no headline of its own."""
        lines = [self.lines[i] for i in draft.lines]
        return (
            draft.headline is None
            and all(ln.role == "body" for ln in lines)
            and bool(_NOTE_LABEL.match(lines[0].text))
        )

    def _signs_off(self, block: _Block, rest: list[_Block]) -> bool:
        """Whether a group opens with the sign-off of the current article (a column name and
        an author's name, or the name alone) after a finished sentence, with no body text of
        its own after it."""
        cur = self.cur
        size = _sign_off_size(self.lines, block.lines)
        if cur is None or not size:
            return False
        last = self.lines[cur.lines[-1]]
        if last.role != "body" or last.open:
            return False
        more = [self.lines[i] for i in block.lines[size:]]
        if more:  # the next article's headline group follows at once
            return more[0].role == "heading"
        if rest and rest[0].kind == "body":  # a column's pieces in a row, each signed at its end
            pair = [self.lines[i] for i in block.lines]
            return _column_and_name(pair) and _column_signs_next(self.lines, rest)
        return True

    def _sign_off(self, block: _Block, rest: list[_Block]) -> None:
        assert self.cur is not None
        size = _sign_off_size(self.lines, block.lines)
        *column, name = (self.lines[i] for i in block.lines[:size])
        if column and self.cur.column is None:  # a column's commentary, printed after an article
            strict = not self._reported(self.cur)
            self.cur = self._split_commentary(self.cur, strict) or self.cur
        for idx in block.lines[:size]:
            self.cur.add(idx, "para")
        if column:
            self.cur.column = self.cur.column or column[0].text
            self.cur.signed = True
        if name.role == "heading":
            self.cur.signed_name = self.cur.signed_name or not self.cur.byline
        self.cur.byline = self.cur.byline or name.names or split_names(name.text)
        self.cur.closed_by_credit = True
        if len(block.lines) > size:
            self._group(_Block("group", block.lines[size:]), rest)

    def _tail(self, block: _Block) -> None:
        """Short lines at the end of the page: a commentary's column name and author."""
        lines = [self.lines[i] for i in block.lines]
        articles = [d for d in self.drafts if d.kind == "article"]
        if not articles or len(lines) > 3 or any(len(ln.text) > 12 for ln in lines):
            self._group(block, [])
            return
        headless = [d for d in articles if d.headline is None and not d.signed]
        target = headless[-1] if headless else articles[-1]
        last = articles[-1]
        if last.headline is not None and last.column is None and _column_and_name(lines):
            # A column's commentary may follow the last article: it takes the sign-off unless
            # headless text before could (then it has to stand clearly apart).
            strict = bool(headless) or not self._reported(last)
            target = self._split_commentary(last, strict) or target
        for idx, ln in zip(block.lines, lines, strict=True):
            target.add(idx, "para")
            names = ln.names if ln.role == "byline" else None
            if names is None and is_person_name(ln.text):
                names = [ln.text]
                target.signed_name = target.signed_name or not target.byline
            if names is not None:
                target.byline = target.byline or names
            elif target.column is None:
                target.column = ln.text

    def _split_commentary(self, draft: _Draft, strict: bool) -> _Draft | None:
        """Cut the headless commentary that a column name and author sign off at the end of
        ``draft`` out of it, as a new draft placed after it (None when there is none)."""
        found = self._commentary_start(draft, strict)
        if found is None:
            return None
        new = _Draft(draft.lines[found:], draft.joins[found:])
        del draft.lines[found:]
        del draft.joins[found - 1 :]
        draft.closed_by_credit = True
        self.drafts.insert(self.drafts.index(draft) + 1, new)
        return new

    def _commentary_start(self, draft: _Draft, strict: bool) -> int | None:
        """Where in ``draft.lines`` a headless commentary signed off after the draft starts.

        The candidates are the boundaries between the paragraphs of the body text at the end
        of the draft (after its headline, byline or last section head); the first paragraph
        stays with the article, the commentary keeps at least two, and a boundary with a
        dateline after it (an article's lead) or a colon before it (the text announces what
        follows) is none. The heads (the text just before those paragraphs) and each
        paragraph are items; the boundary where the topic shifts most wins: the mean
        similarity of the item pairs on one side of it less that of the pairs across it.

        There is a commentary when the pairs across that boundary are much less alike than
        the pairs on one side. When ``strict`` (headless text before could take the
        sign-off, or the draft has no reporter of its own), they must be far less alike, and
        the article must keep more than its first paragraph: a topic that only drifts away
        from the lead is no second piece. The commentary then walks back from the boundary
        over the paragraphs that read closer to it than to the text before them (its first
        paragraph often states its theme with the article's words).
        """
        lines = draft.lines
        paras = self._trailing_paragraphs(draft)[-_COLUMN_PARAS:]
        if len(paras) < 3:
            return None
        top = paras[0][0]
        head = self.topics.window(lines[top - 1 :: -1]) if top else Counter()
        off = 1 if head else 0  # item of paragraph p: p + off
        items = [head] * off + [self._bag(lines[a:b]) for a, b in paras]
        sim = [[self.topics.similarity(x, y) for y in items] for x in items]
        cuts = [p + off for p in range(1, len(paras) - 1) if self._may_open(draft, paras, p)]
        if not cuts:
            return None
        cut = max(cuts, key=lambda k: operator.sub(*_pair_means(sim, k)))
        within, across = _pair_means(sim, cut)
        ratio = _SHIFT_STRICT if strict else _SHIFT
        if across >= ratio * within or (strict and cut == 1 + off):
            return None
        while cut - 1 in cuts:
            para, start = items[cut - 1], paras[cut - 1 - off][0]
            before = self.topics.window(lines[start - 1 :: -1])
            after = sum(items[cut:], Counter())
            if self.topics.similarity(para, after) <= self.topics.similarity(para, before):
                break
            cut -= 1
        return paras[cut - off][0]

    def _may_open(self, draft: _Draft, paras: list[tuple[int, int]], p: int) -> bool:
        """Whether a commentary can start at trailing paragraph ``p``: no dateline from
        there on, and no colon just before it."""
        if any(_dateline().match(self.lines[draft.lines[a]].text) for a, _ in paras[p:]):
            return False
        return not self.lines[draft.lines[paras[p][0] - 1]].text.endswith(("：", ":"))

    def _reported(self, draft: _Draft) -> bool:
        """A draft with a reporter's byline or a dateline: its writer signs at the top."""
        return bool(draft.byline) or any(_dateline().match(self.lines[i].text) for i in draft.lines)

    def _trailing_paragraphs(self, draft: _Draft) -> list[tuple[int, int]]:
        """The paragraphs (positions in ``draft.lines``, end exclusive) of the body text at
        the end of a draft, after its last heading, byline or credit line; a paragraph's
        lines are joined by cuts."""
        paras: list[tuple[int, int]] = []
        end = len(draft.lines)
        for k in range(len(draft.lines) - 1, -1, -1):
            if self.lines[draft.lines[k]].role != "body":
                break
            if k == 0 or draft.joins[k - 1] != "cut":
                paras.append((k, end))
                end = k
        return paras[::-1]

    def _bag(self, idxs: Sequence[int]) -> Counter[str]:
        bag: Counter[str] = Counter()
        for i in idxs:
            bag.update(self.topics.bags[i])
        return bag

    # decisions

    def _start(self, idx: int) -> None:
        self.cur = _Draft([idx], [])
        self.drafts.append(self.cur)
        self.after_break = False

    def _substance(self, draft: _Draft) -> int:
        """Characters of body text (captions left out) in a draft."""
        body = (self.lines[i] for i in draft.lines if self.lines[i].role == "body")
        return sum(len(ln.text) for ln in body if not _CAPTION.match(ln.text))

    def _topic(self, before: list[int], after: list[int]) -> float:
        bag_before = self.topics.window(list(reversed(before)))
        return self.topics.similarity(bag_before, self.topics.window(after))

    def _novelty(self, draft: _Draft, ahead: list[int]) -> float:
        """Topic similarity between the text ``ahead`` and the whole of a draft."""
        whole: Counter[str] = Counter()
        for i in draft.lines:
            whole.update(self.topics.bags[i])
        return self.topics.similarity(whole, self.topics.window(ahead))

    def _cohesion(self, draft: _Draft) -> float | None:
        """Topic similarity between the last two stretches of a draft (None when short)."""
        lines = list(reversed(draft.lines))
        size, k = 0, 0
        while k < len(lines) and size < _WINDOW:
            size += len(self.lines[lines[k]].text)
            k += 1
        rest = lines[k:]
        if sum(len(self.lines[i].text) for i in rest) < _WINDOW // 2:
            return None
        return self.topics.similarity(self.topics.window(lines[:k]), self.topics.window(rest))

    def _continues(self, cur: _Draft, ahead: list[int]) -> bool:
        """Whether the body text ``ahead`` continues the sentence cut at the end of ``cur``."""
        last, ln = self.lines[cur.lines[-1]], self.lines[ahead[0]]
        if last.hint == "body" and ln.hint == "body" and not ln.blank_before:
            return True  # a wrapped line of one paragraph
        if _core(last.text)[-1] in _MID_SENTENCE or word_joins(last.text, ln.text):
            return True
        return self._topic(cur.lines, ahead) >= 0.06

    def _start_score(self, block: _Block, rest: list[_Block]) -> float:
        """Evidence that a heading group starts an article rather than a section."""
        assert self.cur is not None
        lines = [self.lines[i] for i in block.lines]
        heads = [ln for ln in lines if ln.role == "heading"]
        following = _following_lines(rest)
        nxt = self.lines[following[0]] if following else None
        score = 0.0
        if any(ln.hint == "headline" for ln in lines):
            score += 5
        has_byline = any(ln.role == "byline" for ln in lines) or (
            len(heads) >= 2 and is_person_name(heads[-1].text)
        )
        if has_byline or (nxt is not None and _dateline().match(nxt.text)):
            score += 5
        if self.cur.closed_by_credit or self.after_break:
            score += 2.5
        if rest and rest[0].kind == "jump" and _JUMP_IN.match(self.lines[rest[0].lines[0]].text):
            score += 5  # the headline of a continued article
        if any(_COLUMN_TAG.search(ln.text) and not _ENUMERATION.match(ln.text) for ln in heads):
            score += 4.5
        elif len(heads) >= 2 and _SPACES.sub("", heads[0].text) in _markers("commentary_cues"):
            score += 4.5  # a column label (短评) over a headline
        if len(heads) >= 2:
            score += 0.5
        last = self.lines[self.cur.lines[-1]]
        if last.role == "body" and last.open:
            score += 1.5
        if last.role == "body" and last.text.rstrip().endswith(("：", ":")):
            score -= 5  # the text announces what follows (成绩如下：)
        if nxt is not None and (_NEWS_LEAD.search(nxt.text[:25]) or nxt.text.startswith("“")):
            score += 1  # leads open with their time, or with a quotation
        topic = self._topic(self.cur.lines, block.lines + following)
        score += _TOPIC_SCORE[bisect.bisect_right(_TOPIC_STEPS, topic)]
        cohesion = self._cohesion(self.cur)
        if cohesion is not None:  # a drop well below the article's own cohesion
            score += 1.5 if topic < 0.3 * cohesion else 0.5 if topic < 0.4 * cohesion else 0
        if heads and (
            _ENUMERATION.match(heads[0].text)
            or _BRACKET_LABEL.match(heads[0].text)
            or _SPACES.sub("", heads[0].text) in _markers("inset_labels")
        ):
            score -= 4  # a numbered section or an inset of the article around it
        if len(heads) >= 4 and not has_byline and topic >= _TOPIC_STEPS[0]:
            score -= 3
        if len(heads) == 1 and heads[0].text.endswith(("——", "：")):
            score -= 2
        short = 0 < self._substance(self.cur) < 120
        if self.cur.headline and not self._sections(self.cur) and short:
            score += 1  # a headline over one short item: no article breaks into sections so soon
        if len(lines) == 1 and not has_byline and self._sections(self.cur) >= 2:
            score -= 1  # an article cut into sections goes on with more single-line heads
        if self.cur.byline and _signed_at_end(self.lines, rest):
            score += 1.5  # the text under it ends with its own author: a second signed piece
        if self._part_of_package(block) and topic >= _TOPIC_STEPS[1]:
            score -= 5  # a bylined part of a report that an editor's note introduced
        return score

    def _part_of_package(self, block: _Block) -> bool:
        """A headline and byline (no column tag) right after an editor's note that ends the
        text before it, or after such a part: the parts of one report."""
        assert self.cur is not None
        lines = [self.lines[i] for i in block.lines]
        if not any(ln.role == "byline" for ln in lines) or any(_is_tagged(ln) for ln in lines):
            return False
        last = self.lines[self.cur.lines[-1]]
        return self.cur.package or bool(_EDITOR_NOTE.match(last.text))

    def _sections(self, draft: _Draft) -> int:
        """Section heads in a draft: heading lines after its first body line."""
        roles = [self.lines[i].role for i in draft.lines]
        first = roles.index("body") if "body" in roles else len(roles)
        return roles[first:].count("heading")


def _sign_off_size(lines: list[_Line], group: list[int]) -> int:
    """Lines of a sign-off at the top of a group: a column name (a short heading with no
    punctuation) over an author's name (2), an author's name alone (1), or none (0).

    >>> pair = [_Line(0, 4, 0, "经济时评", False, True), _Line(5, 8, 5, "柯文涛", False, False)]
    >>> for ln in pair:
    ...     _classify(ln)
    >>> _sign_off_size(pair, [0, 1]), _sign_off_size(pair, [1]), _sign_off_size(pair, [0])
    (2, 1, 0)
    """
    first = lines[group[0]]
    if first.role == "heading" and is_person_name(first.text):
        return 1
    if len(group) < 2 or first.role != "heading" or not 2 <= len(first.text) <= 12:
        return 0
    if _NON_HAN.sub("", first.text) != first.text:
        return 0
    name = lines[group[1]]
    if name.role == "byline":
        return 2 if name.names else 0
    return 2 if name.role == "heading" and is_person_name(name.text) else 0


def _pair_means(sim: list[list[float]], cut: int) -> tuple[float, float]:
    """Mean similarity of the item pairs on one side of ``cut`` and of the pairs across it.

    >>> _pair_means([[1, 0.5, 0.0], [0.5, 1, 0.1], [0.0, 0.1, 1]], 2)
    (0.5, 0.05)
    """
    pairs = list(itertools.combinations(range(len(sim)), 2))
    within = [sim[i][j] for i, j in pairs if (i < cut) == (j < cut)]
    across = [sim[i][j] for i, j in pairs if (i < cut) != (j < cut)]
    return (sum(within) / len(within) if within else 0.0), sum(across) / len(across)


def _column_signs_next(lines: list[_Line], rest: list[_Block]) -> bool:
    """Whether the body text after a group ends with a column name and an author's name of its
    own, followed by no body text, by a headline, or by more text that ends the same way (a
    column's pieces in a row, each signed at its end)."""
    k = 0
    while k < len(rest) and rest[k].kind == "body":
        k += 1
    if k == len(rest) or rest[k].kind != "group":
        return False
    group = rest[k].lines
    if not _column_and_name([lines[i] for i in group[:2]]):
        return False
    after = rest[k + 1] if k + 1 < len(rest) else None
    if len(group) > 2:
        return lines[group[2]].role == "heading"
    return after is None or after.kind != "body" or _column_signs_next(lines, rest[k + 1 :])


def _column_and_name(lines: list[_Line]) -> bool:
    """Two lines that are a column name (a short display line without punctuation) over an
    author's bare name, as a commentary signs off (陶然论金 / 陆敏); a reporter's byline
    (本报记者 X) opens an article instead.

    >>> pair = [_Line(0, 4, 0, "经济时评", False, True), _Line(5, 8, 5, "柯文涛", False, False)]
    >>> for ln in pair:
    ...     _classify(ln)
    >>> _column_and_name(pair), _column_and_name(pair[::-1])
    (True, False)
    """
    return (
        len(lines) == 2
        and lines[0].role == "heading"
        and _is_column_line(lines[0].text)
        and lines[1].role == "heading"
        and is_person_name(lines[1].text)
    )


def _is_column_line(text: str) -> bool:
    """A line that can be a column's name: short, without punctuation, not a person's name.

    >>> _is_column_line("陶然论金"), _is_column_line("陆敏"), _is_column_line("好。")
    (True, False, False)
    """
    return 2 <= len(text) <= 8 and _bare(text) and not is_person_name(text)


def _signed_at_end(lines: list[_Line], rest: list[_Block]) -> bool:
    """Whether the body text after a group ends with a line holding only its author's name
    and nothing of its own after that (the author's sign-off)."""
    k = 0
    while k < len(rest) and rest[k].kind == "body":
        k += 1
    if k == 0 or k == len(rest) or len(rest[k].lines) != 1:
        return False
    name = lines[rest[k].lines[0]]
    after = rest[k + 1] if k + 1 < len(rest) else None
    return (
        name.role == "heading"
        and is_person_name(name.text)
        and (after is None or after.kind != "body")
    )


def _is_column_name(lines: list[_Line], group: list[int]) -> bool:
    """A group that is one short display line without punctuation (陶然论金, 经济时评)."""
    if len(group) != 1:
        return False
    text = lines[group[0]].text
    return lines[group[0]].role == "heading" and 2 <= len(text) <= 8 and _bare(text)


def _is_tagged(ln: _Line) -> bool:
    """A heading that ends with a column tag, like 秒秒与涓涓（金台随感）."""
    return (
        ln.role == "heading"
        and bool(_COLUMN_TAG.search(ln.text))
        and not _ENUMERATION.match(ln.text)
    )


def _following_lines(rest: list[_Block]) -> list[int]:
    """Body lines after a group, up to the next group."""
    out: list[int] = []
    for block in rest:
        if block.kind != "body":
            break
        out.extend(block.lines)
    return out


def _tail_start(blocks: list[_Block]) -> int:
    """Index of the first block after the page's last body line (only groups count as tail)."""
    last_body = max((b for b, block in enumerate(blocks) if block.kind == "body"), default=-1)
    return last_body + 1


def _fill_heads(draft: _Draft, lines: list[_Line]) -> None:
    """Kicker, headline, subheadline and byline of an article's opening group."""
    heads = [ln for ln in lines if ln.role == "heading"]
    for ln in lines:
        if ln.role == "byline":
            draft.byline = draft.byline or ln.names
    for ln in heads:
        split = split_trailing_byline(ln.text)
        if split is not None:
            ln.text, names = split
            draft.byline = draft.byline or names
    if len(heads) >= 2 and not draft.byline and is_person_name(heads[-1].text):
        draft.byline = [heads.pop().text]
    if not heads:
        return
    hinted = [ln for ln in heads if ln.hint == "headline"]
    if hinted:
        main = max(hinted, key=lambda ln: ln.size)
        at = heads.index(main)
        draft.headline = main.text
        draft.kicker = next((ln.text for ln in heads[:at] if ln.hint != "body"), None)
        draft.subheadline = next((ln.text for ln in heads[at + 1 :] if ln.hint != "body"), None)
        return
    texts = [ln.text for ln in heads]
    if len(texts) == 1 or len(texts) >= _VERSE:  # a poem's title over its verse
        draft.headline = texts[0]
    elif len(texts) == 2:
        first, second = texts
        if _is_kicker_pair(first, second):
            draft.kicker, draft.headline = first, second
        else:
            draft.headline, draft.subheadline = first, second
    else:
        draft.kicker, draft.headline, draft.subheadline = texts[0], texts[1], texts[2]


def _is_kicker_pair(first: str, second: str) -> bool:
    """Whether two stacked heading lines read kicker + headline (else headline + subheadline).

    >>> _is_kicker_pair("江西制造职业技术学院", "“一体两院”模式赋能地方智能制造升级")
    True
    >>> _is_kicker_pair("国家发展改革委将从5方面支持民企发展", "依法保护民营企业合法权益")
    False
    """
    if first.endswith("——"):
        return True
    if second.startswith("——") or _COLUMN_TAG.search(first):
        return False
    if _COLUMN_TAG.search(second):
        return True
    return len(first) < 0.75 * len(second)


# --- kinds and spans -----------------------------------------------------------------------


def _kind(draft: _Draft, lines: list[_Line]) -> str:
    if draft.kind != "article":
        return draft.kind
    cues = _markers("commentary_cues")
    tags = [
        m.group(1) for t in (draft.headline, draft.kicker) if t and (m := _COLUMN_TAG.search(t))
    ]
    own = [lines[i] for i in draft.lines]
    if draft.column is not None or any(any(c in tag for c in cues) for tag in tags):
        return "commentary"
    if draft.kicker is not None and _SPACES.sub("", draft.kicker) in cues:
        return "commentary"  # a column label over the headline (短评)
    if any(ln.role == "byline" and "评论员" in ln.text for ln in own):
        return "commentary"
    if any(ln.text.startswith(("（作者为", "（作者单位", "（作者系")) for ln in own[-3:]):
        return "commentary"
    body = [lines[i] for i in draft.lines if lines[i].role == "body"]
    lead = body[0].text if body else ""
    if _dateline().match(lead) or _brief_head(lead):
        return "news"
    if draft.signed_name and draft.headline is not None and not _reporter_named(own):
        return "commentary"  # a headline and an author's bare sign-off, and no reporter
    if any(any(c in tag for c in _markers("feature_cues")) for tag in tags):
        return "feature"
    scene = lead.startswith(("“", "在")) and "，" in lead[:16]
    if draft.kicker is not None or (scene and not draft.byline):
        return "feature"
    return "news"


def _reporter_named(lines: list[_Line]) -> bool:
    """Whether an article's lines name a reporter: a byline line (本报记者 X) or a credit or
    closing parenthesis with a byline marker in it ((记者 X)).

    >>> lines = [_Line(0, 6, 0, "（记者 王明）", False, True), _Line(7, 9, 7, "王明", False, True)]
    >>> for ln in lines:
    ...     _classify(ln)
    >>> _reporter_named(lines), _reporter_named(lines[1:])
    (True, False)
    """
    return any(
        ln.role == "byline"
        or (
            ln.role in ("credit", "body")
            and bool(_PAREN_LINE.match(ln.text))
            and bool(_byline_marker().search(ln.text))
        )
        for ln in lines
    )


def _spans(draft: _Draft, lines: list[_Line], text: str) -> list[Span]:
    """Page spans of a draft: contiguous lines share a span; a cut ends one at the last
    character; a paragraph break across removed material (not a box) keeps its newlines."""
    order = sorted(range(len(draft.lines)), key=lambda k: lines[draft.lines[k]].start)
    idxs = [draft.lines[k] for k in order]
    joins = ["para"] + [draft.joins[k - 1] if k else "para" for k in order[1:]]
    spans: list[Span] = []
    start = lines[idxs[0]].start
    for prev, idx, join in zip(idxs[:-1], idxs[1:], joins[1:], strict=True):
        if join == "para" and idx == prev + 1:
            continue
        end = lines[prev].end
        if join == "para" and lines[prev + 1].role != "sidebar":  # a box ends the span
            stop = lines[prev + 1].raw_start
            while end < stop and text[end] in "\r\n":
                end += 1
        spans.append((start, end))
        start = lines[idx].start
    spans.append((start, lines[idxs[-1]].end))
    gaps = sorted(g for i in idxs for g in lines[i].gaps)
    return _cut_gaps(spans, gaps) if gaps else spans


def _cut_gaps(spans: list[Span], gaps: list[Span]) -> list[Span]:
    """Spans with the given stretches (line breaks of wrapped paragraphs) cut out.

    >>> _cut_gaps([(0, 10), (12, 20)], [(4, 5), (15, 16)])
    [(0, 4), (5, 10), (12, 15), (16, 20)]
    """
    out: list[Span] = []
    for start, end in spans:
        for g0, g1 in gaps:
            if start < g0 and g1 < end:
                out.append((start, g0))
                start = g1
        out.append((start, end))
    return out


def _article_of(span: Span, articles: list[Article]) -> int | None:
    """The article whose spans enclose a sidebar, else the one just before it."""
    before: int | None = None
    for k, art in enumerate(articles):
        if art.kind in ("furniture", "advertisement"):
            continue
        starts = [s for s, _ in art.spans]
        if min(starts) < span[0] < max(e for _, e in art.spans) and any(
            s >= span[1] for s in starts
        ):
            return k
        if min(starts) < span[0]:
            before = k
    return before


def segment(text: str, hints: Sequence[LayoutHint] = ()) -> Segmentation:
    """Articles and sidebars of one page, in reading order.

    >>> page = "标题一\\n\\n本报记者 王明\\n\\n第一段。\\n\\n本版编辑 李华"
    >>> seg = segment(page)
    >>> [(a.kind, a.headline, a.byline) for a in seg.articles]
    [('news', '标题一', ['王明']), ('furniture', None, [])]
    >>> seg.articles[0].spans
    [(0, 18)]
    """
    lines = _read_lines(text)
    if not hints:  # a PDF reader has joined the lines of its paragraphs already
        lines = _unwrap(text, lines)
    _apply_hints(lines, hints)
    for ln in lines:
        _classify(ln)
    _promote_headlines(lines)
    boxes = _find_sidebars(lines)
    drafts = _Reader(lines).read(_blocks(lines))
    drafts.sort(key=lambda d: min(lines[i].start for i in d.lines))
    articles = [
        _article(
            text,
            _spans(d, lines, text),
            kind=_kind(d, lines),
            headline=d.headline,
            subheadline=d.subheadline,
            kicker=d.kicker,
            byline=d.byline or _lead_names(d, lines),
            column=d.column,
            truncated=d.truncated,
        )
        for d in drafts
    ]
    sidebars = []
    for first, last, title in boxes:
        top = title if title is not None else first
        span = (lines[top].start, lines[last].end)
        name = lines[title].text if title is not None else None
        sidebars.append(SidebarUnit(span, name, _article_of(span, articles)))
    return Segmentation(articles, sidebars)


def _article(text: str, spans: list[Span], **heads: Any) -> Article:
    """An article of the page: its heads, spans and stitched text (id left to the caller)."""
    return Article(id="", spans=spans, text=TextMap.from_spans(text, spans).text, **heads)


def _lead_names(draft: _Draft, lines: list[_Line]) -> list[str]:
    """Reporters named in the dateline of an article's first body line."""
    body = [lines[i].text for i in draft.lines if lines[i].role == "body"]
    if draft.kind != "article" or not body or not _dateline().match(body[0]):
        return []
    return dateline_names(body[0])
