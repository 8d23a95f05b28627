"""The period of a figure: which date mention governs its clause."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from pipeline.document import DateMention
from pipeline.figures.candidate import Candidate
from pipeline.zh.chars import INLINE_SPACE, is_han
from pipeline.zh.numerals import NUMERAL_CHARS
from pipeline.zh.sentences import clause_start

_BASE_LEADS = ("比", "较", "相比", "相较", "相较于", "同比", "对比")


def _is_base(text: str, d: DateMention, start: int) -> bool:
    """A date a figure is compared with, not the one it belongs to: 比上年增长5%, 较2023年末,
    上年同期, 约为2023年的4倍.

    >>> _is_base("比上年增长5%", DateMention("", None, 1, 3, "上年", "year", "2025"), 5)
    True
    """
    if text[max(0, d.start - 3) : d.start].endswith(_BASE_LEADS):
        return True
    after = text[d.end : d.end + 2]
    return after == "同期" or (after[:1] == "的" and start - d.end <= 2)


def governing_date(
    dates: Sequence[DateMention],
    text: str,
    sentence: tuple[int, int],
    start: int,
    *,
    multiple: bool = False,
) -> DateMention | None:
    """The date of a figure's own sentence that governs it: the date written as its attribute
    (从2023年的86吨减少到今年的70吨: each value its own year), else the nearest one
    before it that is not a comparison base, else a 截至… date after it.

    A multiple (约为2023年的4倍) has its base year, not its own, written that way.

    >>> text = "排放量从2023年的860吨减少到今年的700吨"
    >>> ds = [DateMention("", None, 4, 9, "2024年", "year", "2024"),
    ...       DateMention("", None, 19, 21, "今年", "year", "2026")]
    >>> [governing_date(ds, text, (0, 29), s).surface for s in (10, 22)]
    ['2024年', '今年']
    """
    within = dates_between(dates, sentence[0], sentence[1])
    if not multiple:
        for d in within:
            if d.end < start and _attribute_of(text, d, start):
                return d
    preceding = [
        d
        for d in within
        if d.end <= start and not _is_base(text, d, start) and not _of_other(text, d, start)
    ]
    clause = clause_start(text, sentence[0], start)
    # a date of the figure's own clause, else one framing the sentence (3月份，…), else any:
    # 端午假期后 inside an earlier clause dates that clause only
    framing = [d for d in preceding if d.start >= clause or _frames(text, d, sentence[0])]
    if framing or preceding:
        return (framing or preceding)[-1]
    for d in within:
        if text[d.end : d.end + 1] != "的":
            lead = text[max(sentence[0], d.start - 3) : d.start]
            if lead.endswith(("截至", "截止", "截止到", "到")):
                return d
    return None


def _of_other(text: str, d: DateMention, start: int) -> bool:
    """Whether the date is the attribute of an earlier value (由2020年的30%提高到45%: 2020年
    is 30%'s, not 45%'s).

    >>> d = DateMention("", None, 1, 6, "2020年", "year", "2020")
    >>> _of_other("由2020年的30%提高到45%", d, 14), _of_other("由2020年的预计45吨", d, 9)
    (True, False)
    """
    if text[d.end : d.end + 1] != "的":
        return False
    k = next((k for k in range(d.end + 1, d.end + 4) if _numeral(text[k : k + 1])), start)
    return k < start


def _numeral(c: str) -> bool:
    return c != "" and (c.isdigit() or c in NUMERAL_CHARS)


def dates_between(dates: Sequence[DateMention], lo: int, hi: int) -> Sequence[DateMention]:
    """The dates (sorted by start) that start in ``[lo, hi)``."""
    first = bisect.bisect_left(dates, lo, key=_start)
    return dates[first : bisect.bisect_left(dates, hi, lo=first, key=_start)]


def _start(d: DateMention) -> int:
    return d.start


def _frames(text: str, d: DateMention, lo: int) -> bool:
    """Whether the date opens its clause and the clause is the date alone (截至3月底，…)."""
    head = clause_start(text, lo, d.start)
    return (
        text[head : d.start].strip(INLINE_SPACE) in _FRAME_LEADS
        and text[d.end : d.end + 1] in "，,"
    )


def _attribute_of(text: str, d: DateMention, start: int) -> bool:
    """Whether the date stands as an attribute right before the figure (2023年的86吨)."""
    between = text[d.end : start].strip(INLINE_SPACE)
    return between == "的" and not text[max(0, d.start - 3) : d.start].endswith(_BASE_LEADS)


_FRAME_LEADS = ("", "截至", "截止", "截止到", "到", "在", "自", "从")


def carries(text: str, d: DateMention, sentence_start: int) -> bool:
    """Whether a date that governed a figure of an earlier sentence still governs the sentence
    at ``sentence_start``: it is precise (目前, 现在 are not), in the same paragraph, and frames
    its clause (2025年，… / 截至3月末，…) rather than sitting inside it (该厂建于2005年).

    >>> d = DateMention("", None, 2, 4, "3月", "month", "2026-03")
    >>> carries("截至3月，贷款5亿元。其中，个人贷款3亿元。", d, 11)
    True
    >>> carries("截至3月，贷款5亿元。\\n个人贷款3亿元。", d, 12)
    False
    """
    if d.normalized is None or "\n" in text[d.end : sentence_start]:
        return False
    head = clause_start(text, max(0, d.start - 6), d.start)
    if text[d.end : d.end + 1] == "的" or text.startswith("以来", d.end):
        return False  # 从2024年的…: one figure's own; 2024年以来: the events since, not the states
    return text[head : d.start].strip(INLINE_SPACE) in _FRAME_LEADS and not _is_base(text, d, -1)


def is_statistic(cand: Candidate) -> bool:
    """Money, ratios, measures and written-out numbers: the figures of a statistical passage,
    whose date carries on to the next sentence (一件, 两个 in a story do not set one)."""
    return cand.category in ("money", "ratio", "measure") or cand.number_text.isascii()


_THRESHOLDS = ("at_least", "at_most")
# windows counted back from now: 最近一年, 近三年, 过去12个月 (not 近日)
_WINDOW = re.compile(r"(?:最近|近|过去)[0-9一二两三四五六七八九十几]")


def in_condition(text: str, d: DateMention, bound: str) -> bool:
    """Whether a window counted back is part of a threshold's wording, not its period: in
    最近两年净利润不低于8000万元 the window is the applicant's, counted back from whenever it
    applies.

    >>> d = DateMention("", None, 0, 4, "最近两年", "interval", "2024-06-01/2026-06-01")
    >>> in_condition("最近两年净利润不低于8000万元", d, "at_least")
    True
    >>> in_condition("最近两年，净利润增长5%", d, "exact")
    False
    """
    attributive = is_han(text[d.end : d.end + 1]) and text[d.end : d.end + 1] != "的"
    return _WINDOW.match(d.surface) is not None and attributive and bound in _THRESHOLDS


_FORECAST = ("预计", "预期", "力争", "有望")


def forecast(text: str, lo: int, start: int) -> bool:
    """Whether the clause of a figure is a forecast (预计全年将突破…): a date carried from the
    report before it does not date what is expected.

    >>> forecast("预计全年销量将突破百万辆", 0, 9)
    True
    """
    return any(text.find(w, lo, start) != -1 for w in _FORECAST)
