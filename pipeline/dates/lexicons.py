"""The date lexicons under ``gazetteers/dates/``, loaded once per process.

Relative words (去年, 当月), period suffixes (末, 初, 上旬), day parts (上午, 昨晚), holidays,
duration units and the word lists that block or force a reading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.dates.days import iso_day
from pipeline.lexicon import read_list, read_table
from pipeline.zh.chars import CAPITALS, fold_table
from pipeline.zh.patterns import alternation, longest_before


@cache
def scan_table() -> dict[int, int]:
    """Full-width digits and traditional characters as the patterns expect them (1:1, so
    offsets into the scanned text are offsets into the original). Financial capitals stay:
    alone (队伍, 陆续) they are not numerals."""
    pairs = {k: v for k, v in fold_table().items() if chr(k) not in CAPITALS}
    pairs.update({ord(t): ord(s) for t, s in read_table("dates/variants.tsv")})
    return pairs


@dataclass(frozen=True)
class Relative:
    """A relative word (去年, 本月, 近日) and how it resolves."""

    unit: str  # year | month | quarter | week | day | context_year | context_month | none
    offset: int
    not_after: str  # characters that, right before the word, make another word (节日前夕)
    not_before: str  # characters that, right after it, make another word (接近日本)


@cache
def relative_words() -> dict[str, Relative]:
    rows = read_table("dates/relative.tsv")
    return {r[0]: Relative(r[1], int(r[2]), r[3].strip("-"), r[4].strip("-")) for r in rows}


@cache
def suffixes() -> dict[str, tuple[str, str]]:
    """Suffix -> (meaning, characters that block it)."""
    rows = read_table("dates/period_suffixes.tsv")
    return {row[0]: (row[1], "" if row[2] == "-" else row[2]) for row in rows}


@dataclass(frozen=True)
class DayPart:
    """A part of the day (上午, 昨晚) before a clock time."""

    rule: str  # am | pm | noon | night: how the part shifts a 12-hour clock reading
    offset: int | None  # days from publication the word names (昨晚 -1); None: no day
    not_after: str  # characters that, right before the word, make another word (最晚)


@cache
def day_parts() -> dict[str, DayPart]:
    rows = read_table("dates/day_parts.tsv")
    return {r[0]: DayPart(r[1], None if r[2] == "-" else int(r[2]), r[3].strip("-")) for r in rows}


@cache
def holidays() -> dict[str, tuple[str, str]]:
    """Holiday name -> (month, day) of a fixed Gregorian holiday, or ("lunar", festival)."""
    return {row[0]: (row[1], row[2]) for row in read_table("dates/holidays.tsv")}


@cache
def lunar_festivals() -> dict[tuple[str, int], str]:
    """(festival, Gregorian year) -> its day, MM-DD."""
    return {(row[0], int(row[1])): row[2] for row in read_table("dates/lunar_festivals.tsv")}


def holiday_day(name: str, year: int) -> str | None:
    """ISO day of a holiday in a year; None when the lunar table does not reach that year.

    >>> holiday_day("国庆节", 2026), holiday_day("春节", 2026), holiday_day("中秋节", 1800)
    ('2026-10-01', '2026-02-17', None)
    """
    month, day = holidays()[name]
    if month != "lunar":
        return iso_day(year, int(month), int(day))
    month_day = lunar_festivals().get((day, year))
    return None if month_day is None else f"{year:04d}-{month_day}"


def holiday_words() -> list[str]:
    """Holiday names as patterns, longest first, each with the words that must follow it."""
    rows = {row[0]: row[3] for row in read_table("dates/holidays.tsv")}
    words = []
    for name in sorted(rows, key=lambda w: (-len(w), w)):
        after = "" if rows[name] == "-" else f"(?={alternation(rows[name].split(','))})"
        words.append(re.escape(name) + after)
    return words


@cache
def duration_units() -> dict[str, tuple[str, float, bool, str]]:
    """Unit word -> (ISO designator, multiplier, needs a bound, characters that may not follow)."""
    rows = read_table("dates/duration_units.tsv")
    return {r[0]: (r[1], float(r[2]), r[3] == "1", r[4].strip("-")) for r in rows}


@cache
def not_dates() -> re.Pattern[str]:
    return re.compile(alternation(read_list("dates/not_dates.txt")))


@cache
def _count_before() -> re.Pattern[str]:
    """A word that makes the number after it a count (提前30日 is thirty days, not the 30th)."""
    return re.compile(f"(?:{alternation(read_list('dates/count_words.txt'))})$")


def counted(text: str, start: int) -> bool:
    return _count_before().search(text, max(0, start - 4), start) is not None


@cache
def name_after_year() -> re.Pattern[str]:
    """An event/organization name word in the unbroken run of characters after a year."""
    suffix = alternation(read_list("dates/name_suffixes.txt"))
    return re.compile(rf"[^\s\W0-9]{{0,12}}?(?:{suffix})")


@cache
def _comparison_words() -> frozenset[str]:
    return frozenset(read_list("dates/comparison_words.txt"))


def is_comparison_base(text: str, start: int, word: str) -> bool:
    """Whether the relative word at ``start`` is a comparison base (比上年, 较上月): such a base
    counts back from the period the text reports, not from the publication date."""
    if word not in read_list("dates/comparison_bases.txt"):
        return False
    return longest_before(_comparison_words(), text, start, 2) != ""
