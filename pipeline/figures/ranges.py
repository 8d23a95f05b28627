"""Ranges and bounds: 10万—20万元, 两到三千, 大于100并且小于300 become one figure."""

from __future__ import annotations

import math
import re
from dataclasses import replace

from pipeline.figures.candidate import Candidate
from pipeline.figures.lexicon import Lexicon
from pipeline.zh.chars import INLINE_SPACE, fold

RANGE_SEP = re.compile(
    r"(?:[(（]含[)）])?[ \u3000]*(?:-{1,2}|—{1,2}|–|~|至|到)[ \u3000]*"  # 1万(含)-5万元
)


def share_units(folded: str, cands: list[Candidate]) -> None:
    """分别覆盖30、27、35个行业: bare numbers listed before a number with a unit share it."""
    for i in range(len(cands) - 2, -1, -1):
        a, b = cands[i], cands[i + 1]
        if (
            a.unit is None
            and b.unit is not None
            and not a.order
            and a.category is None
            and not a.pure_scale
            and folded[a.end : b.start] in ("、", "，", "和", "及")
            and (folded[a.end : b.start] != "，" or folded[a.start - 1 : a.start] == "、")
        ):
            a.unit, a.factor, a.category, a.noun_unit = b.unit, b.factor, b.category, b.noun_unit


def merge_ranges(text: str, folded: str, cands: list[Candidate]) -> list[Candidate]:
    """Join ``A—B unit`` (10万—20万元, 10%至20%) into one figure with low and high."""
    out: list[Candidate] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        joined = _join(text, folded, a, b) if b is not None else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _join(text: str, folded: str, a: Candidate, b: Candidate) -> Candidate | None:
    if b.unit is None and a.percent_prefix and b.low is None:  # 百分之十到二十
        b = replace(b, unit=a.unit, factor=a.factor, category=a.category)
    high = b.value
    between = folded[a.end : b.start]
    if b.raw < 0 and folded[b.num_start] == "-" and b.start == b.num_start:
        # 1万-5万元: the hyphen read as a sign is the range dash
        between, high = between + "-", -high
    between_and = between in ("和", "与") and folded[b.end : b.end + 2] == "之间"  # 20与30之间
    if not (RANGE_SEP.fullmatch(between) or between_and) or a.category == "time":
        return None
    # numbers without unit make a range only with a word (10至20, 20和30之间): 1-2 may be a code
    if b.unit is None and (a.unit is not None or b.category or "-" in between):
        return None
    if a.order or b.order or (a.unit is not None and a.unit != b.unit):
        return None
    if folded[a.start - 1 : a.start] in ("从", "由"):  # 从3%提高到5%: two levels, not a range
        return None
    if (a.qualifier and a.bound != "approx") or (b.qualifier and b.bound != "approx"):
        return None
    low = a.value if a.unit is not None else a.raw * a.scale_value * b.factor
    if a.scale is None:
        # 两到三万港元, 八到九百亿: the scale, and a round place value, are written once
        if b.scale is not None and a.raw <= abs(b.raw):
            low *= b.scale_value
        low *= _shared_place(a, b)
    return _range_of(
        text,
        a,
        b,
        low,
        high,
        qualifier=a.qualifier or b.qualifier,
        bound=a.bound if a.qualifier else b.bound,
    )


def _range_of(
    text: str, a: Candidate, b: Candidate, low: float, high: float, **changes: object
) -> Candidate | None:
    """One range figure from ``a`` (the first number) to ``b``, or None when low >= high."""
    if low >= high:
        return None
    return replace(
        b,
        start=a.start,
        num_start=a.num_start,
        number_text=text[a.num_start : b.num_end],
        low=low,
        high=high,
        pure_scale=False,
        **changes,
    )


_LOWER = ("over", "at_least")
_UPPER = ("under", "at_most")


def merge_bounds(lex: Lexicon, text: str, folded: str, cands: list[Candidate]) -> list[Candidate]:
    """Join a lower and an upper bound next to each other (大于100并且小于300, 1000以上，
    1500以下, 最多100最少20个) into one range: low and high, bound exact.

    >>> from pipeline.figures import extract_numbers
    >>> [(f.low, f.high) for f in extract_numbers("大于20的同时小于等于35")]
    [(20.0, 35.0)]
    """
    out: list[Candidate] = []
    for cand in cands:
        joined = _join_bounds(lex, text, folded, out[-1], cand) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(cand)
    return out


def _join_bounds(
    lex: Lexicon, text: str, folded: str, a: Candidate, b: Candidate
) -> Candidate | None:
    if a.low is not None or b.low is not None:
        return None
    if not ((a.bound in _LOWER and b.bound in _UPPER) or (a.bound in _UPPER and b.bound in _LOWER)):
        return None
    between = folded[a.end : b.start].strip(INLINE_SPACE)
    if between and between not in lex.bound_links:
        return None
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return None
    unit_of = a if a.unit is not None else b
    values = [
        c.raw * c.scale_value * unit_of.factor + c.extra if c.unit is None else c.value
        for c in (a, b)
    ]
    low, high = (values[0], values[1]) if a.bound in _LOWER else (values[1], values[0])
    return _range_of(
        text,
        a,
        b,
        low,
        high,
        unit=unit_of.unit,
        factor=unit_of.factor,
        category=unit_of.category,
        qualifier=None,
        bound="exact",
    )


def _shared_place(a: Candidate, b: Candidate) -> float:
    """两到三千: a bare digit before a round Chinese hundred/thousand takes its place value."""
    if not 1 <= a.raw < 10 or a.raw != int(a.raw) or fold(b.number_text)[-1:] not in ("百", "千"):
        return 1.0
    place = 10 ** math.floor(math.log10(abs(b.raw)))
    return place if abs(b.raw) % place == 0 and a.raw * place < abs(b.raw) else 1.0


# ---------------------------------------------------------------------------------------------
# Context: sentence, change, period, metric, subject
