"""Candidate mentions: every match of every rule, then the longest non-overlapping valid ones.

A rule here is anything with a ``name``, a compiled ``pattern``, an ``anchor`` (characters
every match contains, or "") and a ``valid`` check; :mod:`pipeline.dates.rules` holds them.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from pipeline.dates.lexicons import not_dates

_BOOK_TITLE = re.compile(r"《[^《》\n]{0,200}》")
# Rules with an anchor only run on windows around its characters (a page has few), which keeps
# the page scan fast. The widths bound the longest mention on either side of its anchor
# character (二〇二六年十二月 is 8 characters).
_WINDOW = (20, 20)


Groups = dict[str, str | None]  # a match's named groups
Reading = tuple[str, str | None]  # what a normalizer makes of a mention: (kind, normalized)


@dataclass(frozen=True)
class Candidate:
    """A match of one rule (or several merged into one mention) over the scanned text."""

    start: int
    end: int
    rule: str
    groups: Groups
    parts: tuple[Candidate, ...] = ()  # members of a merged interval
    joins: bool = False  # 至/— or 和…之间 join it with another date into an interval
    day: bool = False  # it names one day: a clock time written right after it is on that day


class ScanRule(Protocol):
    name: str
    anchor: str
    joins: bool

    @property
    def names_day(self) -> Callable[[Groups], bool]: ...

    @property
    def pattern(self) -> re.Pattern[str]: ...

    @property
    def valid(self) -> Callable[[str, Candidate], bool]: ...


def _windows(text: str, anchor: str) -> list[tuple[int, int]]:
    """Disjoint spans of ``text`` around the anchor characters."""
    spans: list[tuple[int, int]] = []
    back, ahead = _WINDOW
    for match in re.finditer(f"[{re.escape(anchor)}]", text):
        start, end = max(0, match.start() - back), min(len(text), match.end() + ahead)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def find_candidates(text: str, rules: Sequence[ScanRule]) -> list[Candidate]:
    """Every non-empty match of every rule."""
    found = []
    for rule in rules:
        spans = _windows(text, rule.anchor) if rule.anchor else [(0, len(text))]
        for lo, hi in spans:
            for match in rule.pattern.finditer(text, lo, hi):
                if match.end() > match.start():
                    groups = match.groupdict()
                    day = rule.names_day(groups)
                    start, end = match.span()
                    found.append(Candidate(start, end, rule.name, groups, (), rule.joins, day))
    return found


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Book titles and set phrases, as disjoint sorted spans: no mention may overlap them."""
    spans = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)]
    spans += [(m.start(), m.end()) for m in not_dates().finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _overlaps(spans: list[tuple[int, int]], starts: list[int], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the disjoint sorted ``spans``."""
    i = bisect_right(starts, end - 1)
    return i > 0 and spans[i - 1][1] > start


def select(text: str, cands: list[Candidate], rules: Sequence[ScanRule]) -> list[Candidate]:
    """Longest candidates first (ties: earlier start, earlier rule); drop those overlapping a
    chosen one or a blocked span, and those their rule finds invalid."""
    blocked = _blocked_spans(text)
    blocked_starts = [s for s, _ in blocked]
    chosen: list[tuple[int, int]] = []
    starts: list[int] = []
    kept = []
    by_name = {rule.name: (i, rule.valid) for i, rule in enumerate(rules)}
    for cand in sorted(cands, key=lambda c: (c.start - c.end, c.start, by_name[c.rule][0])):
        if _overlaps(blocked, blocked_starts, cand.start, cand.end):
            continue
        i = bisect_left(starts, cand.start)
        if i > 0 and chosen[i - 1][1] > cand.start:
            continue
        if i < len(chosen) and chosen[i][0] < cand.end:
            continue
        if not by_name[cand.rule][1](text, cand):
            continue
        chosen.insert(i, (cand.start, cand.end))
        starts.insert(i, cand.start)
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)
