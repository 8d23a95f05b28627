"""Durations: counts of a time unit (3年, 两周内, 两个多月), compound ones (1年零3个月), and
their ISO 8601 form (P3Y, P1M, P1Y3M, PT30M)."""

from __future__ import annotations

import re

from pipeline.dates.candidates import Candidate, Reading
from pipeline.dates.lexicons import counted, duration_units
from pipeline.dates.patterns import compound_part
from pipeline.dates.resolve import Context
from pipeline.zh.numerals import parse_number


def duration_parts(cand: Candidate, after_count_word: bool = False) -> tuple[str, float] | None:
    """(ISO designator, count) of a duration-like mention; None if it is not one.

    ``after_count_word``: a count word (提前) stands before it, so a unit that needs a bound
    word (30日) needs none."""
    g = cand.groups
    unit = re.sub("^个[多余半]", "个", g["unit"] or "")
    designator, multiplier, needs_bound, _ = duration_units().get(unit, ("Y", 1.0, False, ""))
    n_text = (g["n"] or "").replace(",", "")  # 35,000个小时
    value = parse_number(n_text)
    if value is None or value <= 0 or (n_text[:1] == "0" and n_text[1:2].isdigit()):
        return None  # 03年 is a year written short, not three years
    digitwise = len(n_text) > 1 and not any(ch in "十百.半" for ch in n_text)
    if unit == "年" and (value >= 1000 or (digitwise and not n_text.isdigit())):
        return None  # a year, not a count of years
    if cand.rule == "duration":
        if needs_bound and not (g.get("bound") or after_count_word):
            return None
        if unit == "周" and n_text == "四" and not g.get("bound"):
            return None  # 四周 'all around'
    if g.get("half") or "个半" in (g["unit"] or ""):
        value += 0.5
    scale = {"万": 1e4, "亿": 1e8}.get(g.get("scale") or "", 1.0)
    return designator, value * scale * multiplier


# A fraction of a unit written in the next smaller one (1.5天 -> 1天12小时).
_SMALLER = {"W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}
_DATE_DESIGNATORS = ("Y", "M", "W", "D")
_TIME_DESIGNATORS = ("H", "MIN", "S")


def format_duration(parts: dict[str, float]) -> str:
    """ISO 8601 duration of designator -> count (MIN is minutes).

    >>> format_duration({"Y": 1, "M": 3}), format_duration({"D": 8, "H": 20, "MIN": 5})
    ('P1Y3M', 'P8DT20H5M')
    """

    def number(value: float) -> str:
        return str(int(value)) if value == int(value) else f"{value:g}"

    date = "".join(f"{number(parts[d])}{d}" for d in _DATE_DESIGNATORS if d in parts)
    time = "".join(f"{number(parts[d])}{d[0]}" for d in _TIME_DESIGNATORS if d in parts)
    return "P" + date + (f"T{time}" if time else "")


def iso_duration(designator: str, value: float) -> str:
    """ISO 8601 duration; a fraction goes to the next smaller unit when it is whole there
    (a year's to months: 1.5年 is 18 months).

    >>> [iso_duration(*a) for a in [("Y", 1.5), ("M", 6), ("H", 2), ("MIN", 30), ("H", 0.5)]]
    ['P18M', 'P6M', 'PT2H', 'PT30M', 'PT30M']
    >>> iso_duration("D", 1.5), iso_duration("M", 0.5)
    ('P1DT12H', 'P0.5M')
    """
    if designator == "Y" and value != int(value) and value * 12 == int(value * 12):
        return format_duration({"M": value * 12})
    whole, fraction = int(value), value - int(value)
    if fraction and designator in _SMALLER:
        smaller, factor = _SMALLER[designator]
        if fraction * factor == int(fraction * factor):
            parts = {designator: float(whole)} if whole else {}
            return format_duration({**parts, smaller: fraction * factor})
    return format_duration({designator: value})


def compound_parts(surface: str) -> dict[str, float] | None:
    """Designator -> count of a compound duration (1年零3个月); None unless it has two or more
    parts in different units.

    >>> compound_parts("1年零3个月"), compound_parts("两小时十分")
    ({'Y': 1.0, 'M': 3.0}, {'H': 2.0, 'MIN': 10.0})
    >>> compound_parts("3个月2个月") is None
    True
    """
    total: dict[str, float] = {}
    for match in compound_part().finditer(surface):
        unit = re.sub("^个[多余半]", "个", match["unit"])
        short = {"时": ("H", 1.0), "分": ("MIN", 1.0)}
        designator, multiplier = short.get(unit) or duration_units()[unit][:2]
        value = parse_number(match["n"])
        if value is None or value <= 0 or designator in total:
            return None
        if unit == "年" and value >= 1000:
            return None  # a year, not a count of years
        if match["half"] or "个半" in match["unit"]:
            value += 0.5
        total[designator] = value * multiplier
    return total if len(total) >= 2 else None


def duration(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """3年, 两周内: one count of one unit."""
    parts = duration_parts(cand, counted(ctx.text, cand.start))
    return None if parts is None else ("duration", iso_duration(*parts))


def compound_duration(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """1年零3个月, 8天20小时."""
    parts = compound_parts(ctx.text[cand.start : cand.end])
    return None if parts is None else ("duration", format_duration(parts))


def valid_duration(text: str, cand: Candidate) -> bool:
    """A count of a unit that reads as one (03年 is a year; 30日 needs a bound or a count word)."""
    return duration_parts(cand, counted(text, cand.start)) is not None


def valid_compound(text: str, cand: Candidate) -> bool:
    """Two or more parts in different units."""
    return compound_parts(text[cand.start : cand.end]) is not None
