"""The registry of date rules: each pattern registered with the function that normalizes its
matches, the check its matches must pass and how its mentions merge with others (whether 至
joins them into intervals, whether they name a day a clock time can fall on), plus the
normalizers of merged mentions.

The order of :data:`RULES` breaks ties between candidates of the same span (earlier wins).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from pipeline.dates import durations, normalize, patterns
from pipeline.dates.candidates import Candidate, Groups, Reading
from pipeline.dates.clock import (
    clock_groups,
    clock_text,
    day_offset,
    iso_time,
    reading,
    weak_time,
)
from pipeline.dates.days import add_days
from pipeline.dates.lexicons import day_parts, relative_words
from pipeline.dates.merge import TIMES
from pipeline.dates.resolve import Context, stated_year

Normalizer = Callable[[Candidate, Context, int | None], Reading | None]
Check = Callable[[str, Candidate], bool]
_RANGE_SIGNS = "—–-－~～〜至到"


def _always(text: str, cand: Candidate) -> bool:
    return True


def _never(groups: Groups) -> bool:
    return False


def _every(groups: Groups) -> bool:
    return True


def _with_day(groups: Groups) -> bool:
    """A calendar match names a day when it writes one (5月20日, not 5月)."""
    return bool(groups.get("d"))


def _day_word(groups: Groups) -> bool:
    """今天, 昨日: relative words of the day unit."""
    return relative_words()[groups["word"] or ""].unit == "day"


@dataclass(frozen=True)
class Rule:
    """A pattern, the normalizer of its matches, and what a match must pass to count."""

    name: str
    source: Callable[[], str]  # the pattern's regex source, built from the lexicons
    normalize: Normalizer
    valid: Check = _always
    anchor: str = ""  # every match contains one of these characters: scan only near them
    joins: bool = False  # 至/— join its mentions with other dates into intervals
    names_day: Callable[[Groups], bool] = _never  # whether a match names one day

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(self.source())


# ---------------------------------------------------------------- clock times


def _time_point(
    cand: Candidate, ctx: Context, default_rule: str | None
) -> tuple[str | None, str] | None:
    """(day, clock) of a time or day+time mention: day "" when the text names none, None when
    it names one that cannot be resolved; None if it is no time at all."""
    g = clock_groups(cand)
    hhmm = clock_text(g, default_rule)
    if hhmm is None:
        return None
    if cand.rule == "datetime":
        day = normalize_mention(cand.parts[0], ctx, None)
        if day is None:
            return None
        return (day[1][:10] if day[1] else None), hhmm
    offset = day_offset(g)
    if offset is not None and ctx.published:
        day_of = add_days(ctx.published, offset)
        return (day_of.isoformat() if day_of else None), hhmm
    return "", hhmm


def _time(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """下午3点半, 今天14:30, 2026年5月20日上午10时."""
    if cand.rule == "time" and weak_time(cand.groups):
        return None
    point = _time_point(cand, ctx, None)
    return None if point is None else ("time", iso_time(*point))


def _valid_time(text: str, cand: Candidate) -> bool:
    """三点五, 10点五 are decimal numbers: minutes without 分 need a day part or Arabic digits."""
    g = cand.groups
    same_script = (g.get("h") or "").isdigit() and (g.get("mi2") or "").isdigit()
    bare_spoken = g.get("mi2") and not (same_script or g.get("dp"))
    return reading(g) is not None and not bare_spoken


def _time_interval(cand: Candidate, ctx: Context) -> Reading | None:
    """上午9时至11时, 9:30~11:30, 9日0时至18时: the right end takes the left end's day and day
    part when it writes none."""
    left, right = cand.parts
    start = _time_point(left, ctx, None)
    left_g, right_g = clock_groups(left), clock_groups(right)
    rule = None
    bare_right = right.rule == "time" and not (right_g.get("dp") or right_g.get("ampm"))
    if left_g.get("dp") and bare_right:
        rule = day_parts()[left_g["dp"] or ""].rule
    end = _time_point(right, ctx, rule)
    if start is None or end is None:
        return None
    if end[0] == "" and right.rule == "time" and day_offset(right_g) is None:
        end = (start[0], end[1])
    a, b = iso_time(*start), iso_time(*end)
    return "time", None if a is None or b is None else f"{a}/{b}"


# ---------------------------------------------------------------- merged mentions


def _interval(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """2025年1月至2026年3月, 8月至10月 (the right end shares the left end's year), 上午9时至11时."""
    if cand.parts[0].rule in TIMES:
        return _time_interval(cand, ctx)
    left = normalize_mention(cand.parts[0], ctx, None)
    if left is None:
        return None
    a = left[1].split("/")[0] if left[1] else None
    right_cand = cand.parts[1]
    hint = int(a[:4]) if a and a[:4].isdigit() else None
    right = normalize_mention(right_cand, ctx, hint)
    if right is None or a is None or right[1] is None:
        return ("interval", None) if right is not None else None
    b = right[1].split("/")[-1]
    if b < a and hint is not None and stated_year(right_cand, ctx.published) is None:
        right = normalize_mention(right_cand, ctx, hint + 1)  # 8月至2月: into the next year
        b = right[1].split("/")[-1] if right and right[1] else b
    return "interval", f"{a}/{b}"


def _dated_weekday(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """5月20日（星期三）: the day; the weekday only confirms it."""
    return normalize_mention(cand.parts[0], ctx, hint)


# ---------------------------------------------------------------- the registry


def _day_rule(
    name: str,
    source: Callable[[], str],
    normalizer: Normalizer,
    valid: Check,
    names_day: Callable[[Groups], bool],
) -> Rule:
    """A checked rule whose mentions may name a day and join other dates into intervals."""
    return Rule(name, source, normalizer, valid, joins=True, names_day=names_day)


RULES: tuple[Rule, ...] = (
    _day_rule(
        "calendar",
        patterns.calendar_pattern,
        normalize.calendar,
        normalize.valid_calendar,
        _with_day,
    ),
    Rule("bare_year_end", patterns.bare_year_end_pattern, normalize.bare_year_end, joins=True),
    Rule("bare_month_end", patterns.bare_month_end_pattern, normalize.bare_month_end, joins=True),
    _day_rule(
        "bare_day", patterns.bare_day_pattern, normalize.bare_day, normalize.valid_bare_day, _every
    ),
    Rule("month_range", patterns.month_range_pattern, normalize.month_range, anchor=_RANGE_SIGNS),
    Rule("day_range", patterns.day_range_pattern, normalize.day_range, anchor=_RANGE_SIGNS),
    Rule("year_range", patterns.year_range_pattern, normalize.year_range, anchor=_RANGE_SIGNS),
    Rule("first_quarters", patterns.first_quarters_pattern, normalize.first_quarters, anchor="前"),
    Rule("first_months", patterns.first_months_pattern, normalize.first_months, anchor="前"),
    Rule("iso_day", patterns.iso_day_pattern, normalize.written_day, joins=True, names_day=_every),
    Rule("decade", patterns.decade_pattern, normalize.decade, anchor="代"),
    Rule("plan", patterns.plan_pattern, normalize.plan, anchor="五"),
    Rule("duration", patterns.duration_pattern, durations.duration, durations.valid_duration),
    Rule(
        "compound_duration",
        patterns.compound_duration_pattern,
        durations.compound_duration,
        durations.valid_compound,
    ),
    Rule("relative_n", patterns.relative_n_pattern, normalize.relative_span, normalize.valid_count),
    Rule("ago", patterns.ago_pattern, normalize.ago, normalize.valid_count),
    Rule(
        "compact_day",
        patterns.compact_day_pattern,
        normalize.written_day,
        joins=True,
        names_day=_every,
    ),
    Rule("holiday", patterns.holiday_pattern, normalize.holiday, joins=True, names_day=_every),
    Rule("time", patterns.time_pattern, _time, _valid_time),
    Rule("relative", patterns.relative_pattern, normalize.relative, names_day=_day_word),
    Rule("weekday", patterns.weekday_pattern, normalize.weekday, names_day=_every),
    Rule("year_pair", patterns.year_pair_pattern, normalize.year_pair),
    Rule("weekend", patterns.weekend_pattern, normalize.weekend),
)

# Mentions made of others (see pipeline.dates.merge), by the name the merge gives them.
_MERGED: dict[str, Normalizer] = {
    "merged": _interval,
    "datetime": _time,
    "dated_weekday": _dated_weekday,
}
_NORMALIZERS: dict[str, Normalizer] = {rule.name: rule.normalize for rule in RULES} | _MERGED


def normalize_mention(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """(kind, normalized) of a mention; None drops it (an impossible day, an unknown month)."""
    return _NORMALIZERS[cand.rule](cand, ctx, hint)
