"""Rules: organization suffixes, persons by role or speech verb, titles, products, events."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from pipeline.entities.candidates import CN_NUMERALS, RULES
from pipeline.entities.features import token_table
from pipeline.entities.lexicons import gazetteer_index, rule_lexicons
from pipeline.lexicon import read_list
from pipeline.zh.chars import HAN, HAN_RE, HAN_RUN_RE
from pipeline.zh.patterns import compile_alternation
from pipeline.zh.words import jieba_word_tags

# A span with its label, and the word table of a text (start and end offset of each word).
LabelSpan = tuple[int, int, str]
WordTable = tuple[list[int], list[int]]

_PROPER_TAGS = frozenset({"ns", "nt", "nz", "nr", "nrt", "nrfg", "j", "new", "eng"})


_NOMINAL_TAGS = _PROPER_TAGS | frozenset({"n", "vn", "nrfg", "b", "l", "an", "ng"})


# jieba tags of characters that only do grammar (为, 个, 的, 都): no part of a name
_GRAMMAR_TAGS = frozenset(
    {"p", "q", "c", "d", "m", "r", "u", "uj", "ul", "uz", "ug", "uv", "ud", "y"}
)


_HAN = HAN_RE


_HAN_WORD = HAN_RUN_RE


_WORK = re.compile(r"《[^《》\n]{1,80}》")


_QUOTED = re.compile(r"[“‘\"「]([^“”‘’\"「」\n，。、；：！？,;:+＋]{2,20})[”’\"」]")


# Characters a statistical span may not contain (it would cross a quote, a title or a line).
_NOT_IN_NAME = re.compile(r"[\s“”‘’\"《》「」()（）【】，。、；：！？,;:!?]")


# a quoted part inside an organization's name: “发现”号航天飞机 (a title in 《》 stays a WORK)
_QUOTED_PART = re.compile(r"“[^“”\s，。、；：]{1,15}”")


def model_span_ok(surface: str, label: str) -> bool:
    """A statistical span crosses no quote, bracket, line or clause punctuation, except that
    an organization may hold a whole quoted part (“革命武装力量”游击队).

    >>> model_span_ok("“革命武装力量”游击队", "ORG"), model_span_ok("工程”组委会", "ORG")
    (True, False)
    """
    if label == "ORG" and len(surface) > 2:
        surface = _QUOTED_PART.sub("名", surface)
    return not _NOT_IN_NAME.search(surface)


@cache
def _rule_patterns() -> dict[str, re.Pattern[str]]:
    lex = rule_lexicons()
    surnames = "|".join(re.escape(s) for s in sorted(lex["surnames"], key=len, reverse=True))
    verbs = "|".join(re.escape(v) for v in sorted(lex["speech_verbs"], key=len, reverse=True))
    roles = "|".join(re.escape(r) for r in sorted(lex["person_roles"], key=len, reverse=True))
    return {
        "org_suffix": compile_alternation(s for s in lex["org_suffixes"] if len(s) >= 2),
        "division": compile_alternation(lex["division_suffixes"]),
        "event_suffix": compile_alternation(lex["event_suffixes"]),
        # what may follow 名称（地名）: a few more name characters, then the suffix
        "bracket_tail": re.compile(
            rf"[{HAN}]{{0,8}}?(?:{compile_alternation(lex['org_suffixes']).pattern})"
        ),
        # role + name: 教授张明远说 / 本报记者 王明 / 研究员李华表示 (name is group 1)
        "role_name": re.compile(
            rf"(?:{roles})[ \u3000]?((?:{surnames})(?:[ \u3000][{HAN}](?=\s)|"
            rf"[{HAN}]{{1,2}}?))"
            rf"(?=$|[\s，。、；：:（(]|{verbs}|在|指出|等)"
        ),
        # clause-initial name + speech verb: 。李俊成表示
        "name_verb": re.compile(
            rf"(?:^|(?<=[\s，。；：:！？“”]))((?:{surnames})[{HAN}]{{1,2}}?)(?={verbs})"
        ),
        "editor_line": re.compile(
            r"^[ \u3000]*(?:本版编辑|责任编辑|本版责编|编辑)[：:\s]+(.+)$", re.M
        ),
    }


def is_name(surface: str) -> bool:
    """Not a word that is never a person (小微, 普惠型), nor one that starts with such a word."""
    not_names = rule_lexicons()["not_names"]
    return surface not in not_names and not surface.startswith(not_names)


_FUNCTION_CHARS = frozenset("还也就都又才却则等的地得了着过是在和与将已曾便")


def _rule_name(surface: str, strict: bool) -> bool:
    """A rule-found surname + given name: not a dictionary word other than a name; ``strict``
    (no role word next to it) also rejects a common word at its start or end (有评论, 高兴地)."""
    if not is_name(surface):
        return False
    tags = jieba_word_tags()
    tag = tags.get(surface.replace(" ", ""))
    if tag is not None and not tag.startswith("nr"):
        return False
    if not strict:
        return True
    if surface[-1] in _FUNCTION_CHARS:
        return False
    head, tail = tags.get(surface[:2], "nr"), tags.get(surface[1:], "nr")
    return head.startswith("nr") and tail.startswith("nr")


def person_rule_spans(text: str) -> list[LabelSpan]:
    """Persons next to a role (教授X, 记者 X), before a speech verb, or in editor lines."""
    pats = _rule_patterns()
    spans: list[LabelSpan] = []
    for key, strict in (("role_name", False), ("name_verb", True)):
        for m in pats[key].finditer(text):
            if _rule_name(m.group(1), strict):
                spans.append((m.start(1), m.end(1), "PER"))
    for m in pats["editor_line"].finditer(text):
        spans.extend(_editor_names(text, m.start(1), m.end(1)))
    return spans


def _editor_names(text: str, start: int, end: int) -> list[LabelSpan]:
    """Names in an editor line; a two-char name printed with a space inside stays one name."""
    surnames = frozenset(rule_lexicons()["surnames"])
    parts = [(m.start(), m.end()) for m in HAN_RUN_RE.finditer(text[start:end])]
    spans: list[LabelSpan] = []
    k = 0
    while k < len(parts):
        s, e = parts[k]
        word = text[start + s : start + e]
        if len(word) == 1 and k + 1 < len(parts) and parts[k + 1][1] - parts[k + 1][0] == 1:
            if word in surnames:
                spans.append((start + s, start + parts[k + 1][1], "PER"))
            k += 2
            continue
        if 2 <= len(word) <= 4 and (word[0] in surnames or word[:2] in surnames):
            spans.append((start + s, start + e, "PER"))
        k += 1
    return spans


def work_spans(text: str) -> list[LabelSpan]:
    """Titles in 《》, brackets included.

    >>> work_spans("发布《通知》")
    [(2, 6, 'WORK')]
    """
    return [(m.start(), m.end(), "WORK") for m in _WORK.finditer(text)]


@cache
def _quoted_kinds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(label, suffixes) for quoted names, products first."""
    lex = rule_lexicons()
    return (
        ("PRODUCT", lex["product_suffixes"]),
        ("EVENT", lex["event_suffixes"]),
        ("ORG", tuple(x for x in lex["org_suffixes"] if len(x) >= 2)),
    )


def quoted_name_spans(text: str) -> list[LabelSpan]:
    """Quoted names, quotes excluded: products (“科创贷”), events (“…专场”), organizations.

    The quoted words must end in a suffix from the lexicons and not be a common word.

    >>> quoted_name_spans("推出“渤银科创e贷”产品，共建“现场工程师学院”")
    [(3, 9, 'PRODUCT'), (16, 23, 'ORG')]
    """
    kinds = _quoted_kinds()
    tags = jieba_word_tags()
    spans = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1)
        if len(inner) > 12 or inner in tags or not _HAN.match(inner):
            continue
        label = next((lab for lab, sufs in kinds if inner.endswith(sufs)), None)
        if label == "PRODUCT" or (label and len(inner) > 2):
            spans.append((m.start(1), m.end(1), label))
    return spans


def _walk_left(
    text: str,
    words: Sequence[str],
    starts: list[int],
    owner: list[int],
    at: int,
    subunit: bool = False,
) -> tuple[int, bool]:
    """Start of the name that ends with a suffix at ``at``, and whether it holds a proper noun.

    Walks left over nominal jieba words (and a verb of ``org_name_verbs.txt`` after a noun:
    江西制造职业技术学院, not 深圳新增上市公司); stops at punctuation, function
    words, single-char common words and other organization suffixes, except places between
    (银行成都分行) or, when the suffix is a ``subunit`` one (学院, 分行...), one parent name
    (复旦大学经济学院). Leading verbs are dropped.
    """
    tags = jieba_word_tags()
    org_suffix = _rule_patterns()["org_suffix"]
    not_names = frozenset(rule_lexicons()["not_names"])
    name_verbs = frozenset(rule_lexicons()["org_name_verbs"])
    taken: list[tuple[int, str]] = []  # (start, tag) of the words walked over, right to left
    places_only = True
    k = owner[at - 1] if at > 0 else -1
    while k >= 0:
        word = text[starts[k] : min(starts[k] + len(words[k]), at)]
        tag = tags.get(word, "new" if len(word) > 1 else "x")
        if word.isdigit() or not _HAN.search(word):
            break
        if org_suffix.fullmatch(word) or (len(word) > 2 and org_suffix.search(word[-2:])):
            if not ((places_only or subunit) and taken):
                break
            subunit = False
        elif tag not in _NOMINAL_TAGS and not (
            word in name_verbs and k > 0 and _HAN.match(words[k - 1])
        ):
            break
        if len(word) == 1 and tag not in _PROPER_TAGS:
            break
        if word in not_names:
            tag = "n"
        taken.append((starts[k], tag))
        places_only = places_only and tag == "ns"
        k -= 1
    while taken and taken[-1][1] == "v":
        taken.pop()
    if not taken:
        return at, False
    return taken[-1][0], any(tag in _PROPER_TAGS for _, tag in taken)


@cache
def _subunits() -> frozenset[str]:
    return frozenset(read_list(f"{RULES}/org_subunit_suffixes.txt"))


def org_rule_spans(
    text: str, words: Sequence[str], table: WordTable | None = None
) -> list[LabelSpan]:
    """Organizations ending in a suffix (银行, 分行, 监管局, 大学, 有限公司...) with a proper head.

    ``table`` is :func:`token_table` of ``words`` when already known.
    """
    starts, owner = table or token_table(words)
    boundaries = frozenset([*starts, len(text)])
    spans = []
    for m in _rule_patterns()["org_suffix"].finditer(text):
        if m.end() not in boundaries and not _rest_is_word(text, words, starts, owner, m.end()):
            continue
        subunit = m.group() in _subunits()
        start, proper = _walk_left(text, words, starts, owner, m.start(), subunit)
        if proper and start < m.start():
            spans.append((start, m.end(), "ORG"))
    return spans


def unknown_head_orgs(
    text: str,
    words: Sequence[str],
    table: WordTable,
    orgs: Iterable[LabelSpan],
) -> list[LabelSpan]:
    """Suffix-rule organizations headed by a two-character word jieba does not know, made of
    name characters (a coined trade name, X岭|重工|集团): such a head is a name, so the
    organization stands without a model or list match inside it. A preposition glued on the
    head is dropped (是X南|农商|银行); 图为|国泰 or 办个 are no heads.

    >>> words = ["。", "鹤岭", "重工", "集团", "董事长"]
    >>> unknown_head_orgs("。鹤岭重工集团董事长", words, token_table(words), [(1, 7, "ORG")])
    [(1, 7, 'ORG')]
    """
    starts, owner = table
    tags = jieba_word_tags()
    spans = []
    for s, e, label in orgs:
        k = owner[s]
        word = words[k]
        if starts[k] != s or word in tags or not _HAN_WORD.fullmatch(word):
            continue
        start = _strip_stops(text, s, s + len(word))
        head = text[start : s + len(word)]
        first, second = (tags.get(c, "n") for c in head) if len(head) == 2 else ("", "")
        if e - start >= 4 and first in _NOMINAL_TAGS and second not in _GRAMMAR_TAGS:
            spans.append((start, e, label))
    return spans


_BRACKETED = re.compile(rf"[（(]([{HAN}]{{2,8}})[)）]")


def bracketed_place_org_spans(
    text: str, words: Sequence[str], table: WordTable | None = None
) -> list[LabelSpan]:
    """Company names with their seat in brackets: 星辰精密仪器（苏州）有限公司 is one ORG.

    The bracketed words must be a listed place, an organization suffix must follow within a
    few characters, and a name must stand before the bracket.

    >>> text = "由星辰光电科技（苏州）有限公司生产"
    >>> bracketed_place_org_spans(text, ["由", "星辰", "光电", "科技", "（", "苏州", "）",
    ...     "有限公司", "生产"])
    [(1, 15, 'ORG')]
    """
    index = gazetteer_index()
    starts, owner = table or token_table(words)
    tail = _rule_patterns()["bracket_tail"]
    spans = []
    for m in _BRACKETED.finditer(text):
        place = m.group(1)
        end = tail.match(text, m.end())
        if not end or (place, "LOC") not in index.get(place[:2], ()):
            continue
        start = _bracket_head_start(text, words, starts, owner, m.start())
        if start < m.start():
            spans.append((start, end.end(), "ORG"))
    return spans


_HEAD_TAGS = _NOMINAL_TAGS | frozenset({"a", "v"})


def _bracket_head_start(
    text: str, words: Sequence[str], starts: list[int], owner: list[int], at: int
) -> int:
    """Start of the trade name before 「（地名）」: words of two or more Han characters that are
    nouns, adjectives or name verbs (精密制造), at most 12 characters, no leading verb."""
    tags = jieba_word_tags()
    name_verbs = frozenset(rule_lexicons()["org_name_verbs"])
    start = at
    k = owner[at - 1] if at > 0 else -1
    while k >= 0 and at - starts[k] <= 12:
        word = words[k]
        tag = tags.get(word, "new")
        if len(word) < 2 or not _HAN_WORD.fullmatch(word) or tag not in _HEAD_TAGS:
            break
        if tag == "v" and word not in name_verbs:
            break
        start = starts[k]
        k -= 1
    return start


def _rest_is_word(
    text: str, words: Sequence[str], starts: list[int], owner: list[int], at: int
) -> bool:
    """The suffix ends inside a jieba word whose rest is a word of 2+ chars (银行|信贷)."""
    k = owner[at] if at < len(owner) else -1
    if k < 0:
        return False
    rest = text[at : starts[k] + len(words[k])]
    return len(rest) >= 2 and rest in jieba_word_tags()


def event_spans(text: str, words: Sequence[str], table: WordTable | None = None) -> list[LabelSpan]:
    """Named events ending in 论坛/博览会/峰会/大会...: nominal words (and a year) before it,
    with a place joined by a dash (中国—东盟博览会) and an ordinal (第五届, 首届) in front.

    >>> words = ["在", "2026", "清华", "五道口", "全球", "金融", "论坛", "上"]
    >>> event_spans("在2026清华五道口全球金融论坛上", words)
    [(1, 16, 'EVENT')]
    >>> event_spans("第五届中国—东盟博览会", ["第五届", "中国", "—", "东盟", "博览会"])
    [(0, 11, 'EVENT')]
    """
    starts, owner = table or token_table(words)
    tags = jieba_word_tags()
    spans = []
    for m in _rule_patterns()["event_suffix"].finditer(text):
        k = owner[m.start() - 1] if m.start() > 0 else -1
        start, proper = m.start(), False
        while k >= 0 and starts[k] + len(words[k]) <= m.start():
            word = words[k]
            tag = tags.get(word, "new" if len(word) > 1 else "x")
            year = word.isdigit() and len(word) == 4
            if not (year or (tag in _NOMINAL_TAGS and _HAN.match(word) and len(word) > 1)):
                break
            proper = proper or year or tag in _PROPER_TAGS
            start = starts[k]
            k -= 1
        if proper and m.start() - start >= 2:
            if k >= 1 and words[k] in _DASHES and tags.get(words[k - 1]) == "ns":
                start = starts[k - 1]
            ordinal = _EVENT_ORDINAL.search(text, max(0, start - 8), start)
            spans.append((ordinal.start() if ordinal else start, m.end(), "EVENT"))
    return spans


def division_spans(
    text: str, words: Sequence[str], table: WordTable | None = None
) -> list[LabelSpan]:
    """Places ending in a division suffix (省, 市, 县, 新区...) at the end of a jieba word, and
    the organization a place heads (X县 + 农业农村局, X市 + 商务局).

    Only names jieba does not know: the word minus the suffix, or, when that leaves under two
    characters, also the unknown or one-character word before it (X|南县); a preposition
    jieba glued on is dropped. Heads of two to four characters without function characters or
    numerals; a dictionary word (全市, 社区, 北京市) is left to the model and the lists.

    >>> division_spans("和榆坪县农业农村局", ["和榆", "坪县", "农业", "农村", "局"])
    [(1, 4, 'LOC'), (1, 9, 'ORG')]
    >>> division_spans("全市外贸", ["全市", "外贸"])
    []
    """
    starts, owner = table or token_table(words)
    tags = jieba_word_tags()
    spans: list[LabelSpan] = []
    for m in _rule_patterns()["division"].finditer(text):
        a, b = m.start(), m.end()
        k = owner[b - 1]
        if starts[k] + len(words[k]) != b or starts[k] > a:
            continue
        lone = words[k] == m.group()  # a lone suffix word (镇 is tagged n) needs a name before
        tag = "ns" if lone else tags.get(words[k])
        start = _division_head_start(text, words, starts, k, a, tag)
        if start is None:
            continue
        spans.append((start, b, "LOC"))
        org_end = _org_after_place(text, words, starts, k + 1)
        if org_end:
            spans.append((start, org_end, "ORG"))
    return spans


def place_head_spans(
    text: str,
    words: Sequence[str],
    table: WordTable,
    places: Iterable[LabelSpan],
) -> list[LabelSpan]:
    """Other mentions of a division name without its suffix (X市 ... X的实践) are places too.

    A mention must start a jieba word (after a glued preposition) and end one, or end inside
    an unknown word; heads that are dictionary words other than places are not taken.

    >>> words = ["桐川市", "外贸", "，", "从桐川", "看"]
    >>> place_head_spans("桐川市外贸，从桐川看", words, token_table(words), [(0, 3, "LOC")])
    [(7, 9, 'LOC')]
    """
    starts, owner = table
    tags = jieba_word_tags()
    suffix = _rule_patterns()["division"]
    heads = set()
    own = {s for s, _, _ in places}  # the places themselves are not other mentions
    for s, e, label in places:
        m = suffix.search(text, s, e)
        while m and m.end() != e:
            m = suffix.search(text, m.start() + 1, e)
        head = text[s : m.start()] if label == "LOC" and m else ""
        if len(head) >= 2 and tags.get(head, "ns") == "ns":
            heads.add(head)
    spans = []
    for head in sorted(heads):
        for m in re.finditer(re.escape(head), text):
            a, b = m.span()
            k = owner[a]
            if a in own or _strip_stops(text, starts[k], a) != a:
                continue
            j = owner[b - 1]
            if starts[j] + len(words[j]) == b or words[j] not in tags:
                spans.append((a, b, "LOC"))
    return sorted(spans)


def _strip_stops(text: str, start: int, end: int) -> int:
    """``start`` moved past prepositions glued to the front of an unknown word (从|桐川)."""
    stops = frozenset(rule_lexicons()["name_prefix_stops"])
    while start < end and text[start] in stops:
        start += 1
    return start


def _division_head_start(
    text: str, words: Sequence[str], starts: list[int], k: int, at: int, tag: str | None
) -> int | None:
    """Start of the unknown place name whose division suffix starts at ``at`` inside word ``k``.

    Word ``k`` is a word jieba does not know (``tag`` None), or a place word of two characters
    or the bare suffix (``tag`` ns) that needs the unknown or one-character word before it;
    known places (北京市, 大城市) are left to the model and the lists.
    """
    tags = jieba_word_tags()
    if tag is None:
        start = _strip_stops(text, starts[k], at)
    elif tag == "ns" and at - starts[k] < 2:
        start = starts[k]
    else:
        return None
    if at - start < 2 and k > 0:
        prev = words[k - 1]
        prev_tag = tags.get(prev)
        if prev_tag is None or (len(prev) == 1 and prev_tag in _PROPER_TAGS):
            start = _strip_stops(text, starts[k - 1], at)
    head = text[start:at]
    if not 2 <= len(head) <= 4 or not _HAN_WORD.fullmatch(head):
        return None
    if any(c in _FUNCTION_CHARS or c in CN_NUMERALS for c in head):
        return None
    return start


def _org_after_place(text: str, words: Sequence[str], starts: list[int], k: int) -> int | None:
    """End of the organization name that follows a place from word ``k`` on: nominal words,
    at most 10 characters, ending in an organization suffix (农业农村局, 重工集团)."""
    tags = jieba_word_tags()
    suffixes = _place_org_suffixes()
    roles = frozenset(rule_lexicons()["person_roles"])
    end, size = None, 0
    while k < len(words) and size + len(words[k]) <= 10:
        word = words[k]
        if not _HAN_WORD.fullmatch(word):
            break
        cut = next((x for x in suffixes if _glued_after(word, x, roles)), "")
        if cut:
            return starts[k] + len(cut)
        if word not in suffixes and tags.get(word, "new") not in _NOMINAL_TAGS:
            break
        size += len(word)
        if word.endswith(suffixes):
            end = starts[k] + len(word)
        k += 1
    return end


def _glued_after(word: str, suffix: str, roles: frozenset[str]) -> bool:
    """``word`` is ``suffix`` with the next word's start or a role glued on by jieba.

    >>> _glued_after("局局长", "局", frozenset({"局长"})), _glued_after("局签", "局", frozenset())
    (True, True)
    """
    if not word.startswith(suffix) or word == suffix:
        return False
    return word not in jieba_word_tags() or word[len(suffix) :] in roles


@cache
def _place_org_suffixes() -> tuple[str, ...]:
    return (*rule_lexicons()["org_suffixes"], *read_list(f"{RULES}/place_org_suffixes.txt"))


_DASHES = frozenset("—－-–")


# 第五届 / 第139届 / 首届 right before an event name
_EVENT_ORDINAL = re.compile(r"(?:第[0-9一二三四五六七八九十百零〇]{1,4}|首)届$")
