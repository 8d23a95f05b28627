"""Clock times: reading 14:30, 下午3点半, 凌晨2时15分 as hours, minutes and seconds on the
24-hour clock."""

from __future__ import annotations

from pipeline.dates.candidates import Candidate, Groups
from pipeline.dates.days import to_int
from pipeline.dates.lexicons import day_parts


def day_offset(g: Groups) -> int | None:
    """Days from publication that a time's day part names (昨晚 -1); None if it names none."""
    return day_parts()[g["dp"]].offset if g.get("dp") else None


def reading(g: Groups) -> tuple[int, int, int | None] | None:
    """(hour, minute, second) of a clock time as written; None if no such time of day."""
    if g.get("ch"):
        hour, minute = int(g["ch"] or 0), int(g["cm"] or 0)
        second = int(g["cs"]) if g.get("cs") else None
    else:
        hour = to_int(g.get("h"))
        if g.get("half"):
            minute = 30
        elif g.get("qt"):
            minute = 15 * (to_int(g["qt"]) or 1)
        else:
            minute = to_int(g.get("mi") or g.get("mi2")) or 0
        second = to_int(g["se"]) if g.get("se") else None
    if hour is None or hour > 24 or minute >= 60 or (second or 0) >= 60:
        return None
    if hour == 24 and (minute or second):
        return None
    return hour, minute, second


def weak_time(g: Groups) -> bool:
    """A bare 三点 or 5点 may count points, and 0点5 may be a decimal; they are times only
    beside a day or another time."""
    if g.get("ch") or g.get("dp") or g.get("tail"):
        return False
    marked = any(g.get(k) for k in ("half", "qt", "mi", "se"))
    arabic_hour = (g.get("h") or "").isdigit() and g.get("hu") == "时"
    return not (marked or arabic_hour or g.get("hu") == "点钟")


def _to_24h(hour: int, rule: str | None) -> int:
    """The hour on the 24-hour clock after a day part's rule (see day_parts.tsv).

    >>> [_to_24h(3, "pm"), _to_24h(8, "night"), _to_24h(2, "night"), _to_24h(1, "noon")]
    [15, 20, 2, 13]
    """
    if rule == "pm" and 1 <= hour < 12:
        return hour + 12
    if rule == "noon" and 1 <= hour <= 3:
        return hour + 12
    if rule == "night" and 6 <= hour <= 12:
        return 0 if hour == 12 else hour + 12
    if rule == "am" and hour == 12:
        return 12
    return hour


def clock_text(g: Groups, default_rule: str | None) -> str | None:
    """HH:MM (HH:MM:SS when seconds are written) on the 24-hour clock; ``default_rule`` is the
    day part's rule carried over from the start of a range (下午1点到3点)."""
    read = reading(g)
    if read is None:
        return None
    hour, minute, second = read
    rule = default_rule
    if g.get("dp"):
        rule = day_parts()[g["dp"] or ""].rule
    elif g.get("ampm"):
        rule = "pm" if (g["ampm"] or "")[0] in "pP" else "am"
        hour = 0 if rule == "am" and hour == 12 else hour
    text = f"{_to_24h(hour, rule):02d}:{minute:02d}"
    return text if second is None else f"{text}:{second:02d}"


def clock_groups(cand: Candidate) -> Groups:
    """The clock time's groups of a time or a day+time mention."""
    return cand.parts[1].groups if cand.rule == "datetime" else cand.groups


def iso_time(day: str | None, hhmm: str) -> str | None:
    """A time on its day (``2026-05-20T10:00``), alone (``T10:00``: day ""), or None when the
    day could not be resolved."""
    return None if day is None else f"{day}T{hhmm}"
