"""Mentions that make one: a day and its clock time or weekday, a year and its holiday, two
dates joined by 至 or 和…之间."""

from __future__ import annotations

import re

from pipeline.dates.candidates import Candidate
from pipeline.dates.clock import day_offset
from pipeline.dates.patterns import SEP

_MERGE_SEP = re.compile(rf"\s?{SEP}\s?")
# 2015年和2018年之间: two mentions joined by 和/与 with 之间 after them are one interval
_AND_SEP = re.compile(r"\s?[和与跟]\s?")
_BETWEEN = re.compile(r"\s?之间")
TIMES = frozenset({"time", "datetime"})
_DATE_TIME_GAP = re.compile(r"\s?")
_WEEKDAY_GAP = re.compile(r"\s?(?P<open>[（(])?")
_CLOSE = "）)"


def _weekday_after(text: str, day: Candidate, cand: Candidate) -> int | None:
    """End of the weekday that names the day just written (5月20日（星期三）, 6月1日周六); None
    if ``cand`` is no such weekday."""
    if cand.rule != "weekday" or cand.groups.get("wrel") or not day.day:
        return None
    if day.rule in ("weekday", "relative", "dated_weekday"):
        return None
    gap = _WEEKDAY_GAP.fullmatch(text, day.end, cand.start)
    if gap is None:
        return None
    if not gap["open"]:
        return cand.end
    closed = cand.end < len(text) and text[cand.end] in _CLOSE
    return cand.end + 1 if closed else None


def _is_year(cand: Candidate) -> bool:
    """Whether a mention is a year alone (2025年, 去年)."""
    g = cand.groups
    parts = ("m", "mrel", "q", "qq", "h", "hh", "ye", "d", "du")
    return cand.rule == "calendar" and not any(g.get(k) for k in parts)


def _merge_datetimes(text: str, cands: list[Candidate]) -> list[Candidate]:
    """A day followed by a clock time is one mention (2026年5月20日上午10时, 今天14:30), and so
    are a year followed by a holiday (2025年元旦) and a day followed by its weekday."""
    merged: list[Candidate] = []
    for cand in cands:
        prev = merged[-1] if merged else None
        year_before = prev is not None and _is_year(prev) and prev.end == cand.start
        if prev is not None and year_before and cand.rule == "holiday":
            groups = {**prev.groups, "hol": cand.groups["hol"]}
            merged[-1] = Candidate(
                prev.start, cand.end, "holiday", groups, (), cand.joins, cand.day
            )
            continue
        weekday_end = None if prev is None else _weekday_after(text, prev, cand)
        if prev is not None and weekday_end is not None:
            merged[-1] = Candidate(
                prev.start, weekday_end, "dated_weekday", {}, (prev,), True, True
            )
            continue
        if (
            prev is not None
            and cand.rule == "time"
            and prev.day
            and day_offset(cand.groups) is None
            and _DATE_TIME_GAP.fullmatch(text, prev.end, cand.start)
        ):
            merged[-1] = Candidate(prev.start, cand.end, "datetime", {}, (prev, cand))
            continue
        merged.append(cand)
    return merged


def _joinable(left: Candidate, right: Candidate) -> bool:
    """Whether a separator between these two mentions makes one interval of them."""
    if left.rule in TIMES:
        return right.rule in TIMES
    return left.joins and right.joins


def merge_mentions(text: str, cands: list[Candidate]) -> list[Candidate]:
    """Calendar mentions joined by 至/到/— form one interval (2025年1月至2026年3月), and so do
    clock times (上午9时至11时). 至今 after a date stays outside it, like 以来."""
    merged: list[Candidate] = []
    for cand in _merge_datetimes(text, cands):
        prev = merged[-1] if merged else None
        if prev is not None and (prev.joins or prev.rule in TIMES):
            if _joinable(prev, cand) and _MERGE_SEP.fullmatch(text, prev.end, cand.start):
                merged[-1] = Candidate(prev.start, cand.end, "merged", {}, (prev, cand))
                continue
            between = _BETWEEN.match(text, cand.end)
            if (
                between is not None
                and _joinable(prev, cand)
                and _AND_SEP.fullmatch(text, prev.end, cand.start)
            ):
                merged[-1] = Candidate(prev.start, between.end(), "merged", {}, (prev, cand))
                continue
        merged.append(cand)
    return merged
