"""Whose a figure is, beyond the words of its own clause: sources that are not holders, anaphors
(全县, 该公司, 我家) resolved to the name they point to, and chains of place names.

``names`` everywhere are ``(start, end, surface, label)`` of entities, sorted by offsets.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.lexicon import read_list, read_table
from pipeline.zh.chars import is_han
from pipeline.zh.numerals import NUMERAL_CHARS
from pipeline.zh.patterns import compile_alternation
from pipeline.zh.sentences import CLAUSE_MARKS
from pipeline.zh.words import dictionary_words

Name = tuple[int, int, str, str]
NAMES_BACK = 200  # names looked back over for an antecedent: an article's worth
_CUE_REACH = 8  # characters between a name and its cue (日前公布的统计数据显示)
# 占全省的38%: the whole a share is of; 较全市, 比全国: the base of a comparison; 对东盟: a partner
NOT_HOLDER_LEADS = "占较比对向"
_DETERMINERS = "全该本我此这其"  # 全县, 该公司, 我们村: they refer back wherever they stand
# 本届博览会, 本次进博会: the event a clause opens with, named by its head noun
_EVENT = re.compile(r"(?:本届|本次|该届)([\u4e00-\u9fff]{0,5}?(?:会|节|赛|展))")
# 在某电商平台上，…: the platform or place a sentence opens with
_VENUE = re.compile(r"在([^，。；：\n在]{2,16}?)上?[，,]")


# Where the name of a reporting body ends inside "X最新发布的数据显示": the words that follow it.
_REPORT_TAIL = re.compile(r"最新|近日|日前|发布|公布|《|数据|调研|监测|报告|相关|[0-9]")


@dataclass(frozen=True)
class _Tables:
    after: tuple[str, ...]
    before: tuple[str, ...]
    report: tuple[str, ...]
    endings: tuple[str, ...]
    anaphors: dict[str, str]
    anaphor_pattern: re.Pattern[str]


@cache
def _divisions() -> frozenset[str]:
    return frozenset(read_list("entities/LOC.divisions.txt"))


def is_division(name: str, word: str) -> bool:
    """Whether the place ``name`` is a division of kind ``word`` (省, 市, 县…): it ends with it
    (北川县), or its full name does (湖南 → 湖南省), so that 全省 finds a province named short.

    >>> is_division("北川县", "县"), is_division("湖南", "省"), is_division("湖南", "县")
    (True, True, False)
    """
    if name.endswith(word):
        return len(name) > len(word)
    return len(word) == 1 and name + word in _divisions()


@cache
def _tables() -> _Tables:
    cues = read_table("figures/source_cues.tsv")
    anaphors = dict(read_table("figures/anaphors.tsv"))
    return _Tables(
        after=tuple(w for w, where in cues if where == "after"),
        before=tuple(w for w, where in cues if where == "before"),
        report=tuple(w for w, where in cues if where == "report"),
        endings=tuple(read_list("figures/source_endings.txt")),
        anaphors=anaphors,
        anaphor_pattern=compile_alternation(anaphors),
    )


def drop_sources(text: str, names: Sequence[Name]) -> list[Name]:
    """``names`` without the official bodies cited as sources (国家统计局数据显示, 记者从交通运输部
    获悉): they report the figures, they do not hold them.

    >>> text = "记者从交通运输部获悉：山东客运量1亿人次。"
    >>> names = [(3, 8, "交通运输部", "ORG"), (11, 13, "山东", "LOC")]
    >>> [n[2] for n in drop_sources(text, names)]
    ['山东']
    """
    tables = _tables()
    return [n for n in names if not _is_source(text, n, tables)]


def _is_source(text: str, name: Name, tables: _Tables) -> bool:
    start, end, surface, _ = name
    if not surface.endswith(tables.endings):
        return False
    if text[max(0, start - 3) : start].endswith(tables.before):
        return True
    tail = text[end : end + _CUE_REACH + 6]
    for cue in tables.after:
        i = tail.find(cue)
        if 0 <= i <= _CUE_REACH and not any(c in CLAUSE_MARKS for c in tail[:i]):
            return True
    return False


def anaphor_before(text: str, lo: int, pos: int) -> tuple[int, str] | None:
    """The anaphor (全县, 该公司, 我家) nearest before ``pos`` in ``text[lo:pos]`` and where it
    starts.

    >>> anaphor_before("今年，全县新建水池64座", 0, 9)
    (3, '全县')
    """
    for m in reversed(list(_tables().anaphor_pattern.finditer(text, lo, pos))):
        if _refers(text, m.start(), lo, m.group()):
            return m.start(), m.group()
    return None


def _refers(text: str, p: int, lo: int, word: str) -> bool:
    """Whether ``word`` at ``p`` refers back to a holder: not the whole of a share or the base
    of a comparison (占全省的38%, 较全市平均), and a bare anaphor (平台, 公司) only at the start
    of its clause (某电商平台 is a name)."""
    before = text[p - 1] if p > 0 else ""
    if before and before in NOT_HOLDER_LEADS:
        return False
    return word[0] in _DETERMINERS or p <= lo or not is_han(before)


def is_anaphor(word: str) -> bool:
    """Whether ``word`` is one of the anaphors of ``anaphors.tsv``."""
    return word in _tables().anaphors


def resolve(names: Sequence[Name], anaphor: str, pos: int) -> Name | None:
    """The name ``anaphor`` points to: the nearest one before ``pos`` that ends as the anaphor
    says (县 for 全县) or has its label (LOC for 当地, PER for 我家).

    >>> names = [(0, 3, "北川县", "LOC"), (5, 8, "绵阳市", "LOC")]
    >>> resolve(names, "全县", 20)[2], resolve(names, "当地", 20)[2]
    ('北川县', '绵阳市')
    """
    want = _tables().anaphors.get(anaphor)
    if want is None:
        return None
    i = bisect.bisect_left(names, (pos, pos, "", ""))
    for name in reversed(names[max(0, i - NAMES_BACK) : i]):
        if name[1] > pos:
            continue
        fits = (
            name[3] == want or (want == "ORG" and name[3] == "PRODUCT")
            if want.isupper()
            else is_division(name[2], want)
        )
        if fits:
            return name
    return None


def chain_end(names: Sequence[Name], text: str, start: int, end: int) -> Name | None:
    """The last place of a chain written as one (四川省绵阳市北川县) that starts with the name at
    ``start``–``end``, when more places follow it with nothing between.

    >>> names = [(0, 3, "四川省", "LOC"), (3, 6, "绵阳市", "LOC"), (6, 9, "北川县", "LOC")]
    >>> chain_end(names, "四川省绵阳市北川县，", 0, 3)[2]
    '北川县'
    """
    last: Name | None = None
    i = bisect.bisect_left(names, (end, 0, "", ""))
    while i < len(names) and names[i][0] == end and names[i][3] == "LOC":
        last = names[i]
        end = last[1]
        i += 1
    return last


def reporter(text: str, lo: int, pos: int) -> tuple[int, str, bool] | None:
    """The body whose data a sentence reports (某平台数据显示，…; 某公司发布的《…》显示，…), where
    its cue ends, and whether it is an official source (统计局, 研究中心): a platform or a
    company holds the figures it reports, a statistics office does not.

    >>> reporter("飞猪数据显示，酒店预订量上涨40%", 0, 13)
    (6, '飞猪', False)
    >>> reporter("国家统计局数据显示，CPI上涨1%", 0, 15)
    (9, '国家统计局', True)
    """
    tables = _tables()
    for cue in tables.report:
        i = text.rfind(cue, lo, pos)
        if i == -1 or text[i + len(cue) : i + len(cue) + 1] not in "，,：:":
            continue
        head = i
        while head > lo and text[head - 1] not in CLAUSE_MARKS:
            head -= 1
        phrase = text[head:i].lstrip("据").strip()
        m = _REPORT_TAIL.search(phrase)
        name = (phrase[: m.start()] if m else phrase).removesuffix("的")
        if 2 <= len(name) <= 16:
            return i + len(cue), name, name.endswith(tables.endings)
    return None


def venue(text: str, lo: int) -> tuple[int, str, bool] | None:
    """The platform or place a sentence at ``lo`` opens with (在京东平台上，…) and where it ends.

    >>> venue("在某电商平台上，童装成交额增长5%", 0)
    (8, '某电商平台', False)
    >>> venue("在这方面，投入3亿元", 0) is None
    True
    >>> venue("在童装品类中，基础款占比40%", 0) is None
    True
    """
    m = _VENUE.match(text, lo)
    if m is None or m.group(1)[0] in "这那此其该" or any(c.isdigit() for c in m.group(1)):
        return None
    if m.group(1).endswith(_SCOPES):
        return None  # 在童装品类中, 在推进改革的同时: a scope or a time, not a venue
    return m.end(), m.group(1), False


_SCOPES = tuple("中里内间时后前下")  # …中, …的同时, …过程中, …以后


def event_at(text: str, head: int) -> str | None:
    """The event a clause at ``head`` opens with (本届博览会展览面积…) by its own name.

    >>> event_at("本届进博会累计意向成交800亿元", 0)
    '进博会'
    """
    m = _EVENT.match(text, head)
    return m.group(1) if m is not None and len(m.group(1)) >= 2 else None


_LOCATIVE = "在赴"  # 某品牌在新加坡开出5家门店: where it acts, not who


def holder_name(
    names: Sequence[tuple[int, int, str]], text: str, start: int, head: int, pos: int
) -> tuple[int, int, str] | None:
    """The entity nearest before ``pos`` (from ``start``) that can hold the figure: one in the
    figure's own clause (from ``head``), one opening an earlier clause, or a whole name there
    (推出“惠农快贷”产品，单户授信…), not a place that only begins a longer name the recognizer
    cut (江城依托港口，建成甲园、河城物流园；入驻企业120家: 江城, not 河城); never a place after
    在/赴 inside a clause.

    >>> text = "江城依托港口，建成甲园、河城物流园；入驻企业120家"
    >>> names = [(0, 2, "江城"), (11, 13, "河城")]
    >>> holder_name(names, text, 0, 19, 25)
    (0, 2, '江城')
    """
    i = bisect.bisect_left(names, (pos, pos, ""))
    for name in reversed(names[max(0, i - 16) : i]):
        if name[0] < start:
            break
        if name[1] > pos or _locative(text, name) or _counted(text, name):
            continue
        if name[0] >= head or _opens_clause(text, start, name[0]) or not _embedded(text, name):
            return name
    return None


def _embedded(text: str, name: tuple[int, int, str]) -> bool:
    """Whether a name only modifies a longer name the recognizer cut (甲县宏达物流园: 甲县)."""
    words = dictionary_words(text[name[1] : name[1] + 4])
    return bool(words) and is_han(words[0][0][0]) and not words[0][1].startswith(_PREDICATES)


_PREDICATES = ("v", "d", "c", "u", "y")  # what follows a whole name acting in its clause


def _counted(text: str, name: tuple[int, int, str]) -> bool:
    """Whether a name follows a quantity (突破百亿元关口): what is counted, not a holder."""
    return any(c.isdigit() or c in NUMERAL_CHARS for c in text[max(0, name[0] - 3) : name[0]])


def _locative(text: str, name: tuple[int, int, str]) -> bool:
    before = text[name[0] - 1] if name[0] else ""
    return before != "" and before in _LOCATIVE and text[name[1] : name[1] + 1] not in "，,"


_BREAKS = "，,；;：:。！？!?\n"  # clause breaks; after 、 a list goes on, no clause opens


def _opens_clause(text: str, lo: int, at: int) -> bool:
    p = at
    while p > lo and text[p - 1] not in _BREAKS:
        p -= 1
    return not text[p:at].strip(" \u3000“”‘’\"'")
