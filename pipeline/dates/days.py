"""Calendar arithmetic the normalizers share: month lengths, ISO days, shifting by months and
days, two-digit years, numerals read as whole numbers."""

from __future__ import annotations

import calendar
import datetime

from pipeline.zh.numerals import parse_number


def to_int(text: str | None) -> int | None:
    """A numeral (二十五, 12, 二〇二六) as a whole number; None if it is none.

    >>> to_int("二十五"), to_int("12"), to_int("2.5"), to_int(None)
    (25, 12, None, None)
    """
    if text is None:
        return None
    value = parse_number(text)
    return int(value) if value is not None and value == int(value) else None


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def iso_day(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def add_days(day: datetime.date, days: int) -> datetime.date | None:
    """``day`` shifted by ``days``; None beyond the calendar's range (year 1 to 9999)."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return None


def century_year(two_digits: int, published: datetime.date | None) -> int:
    """A two-digit year (98年): the latest such year at most ten years after publication (plans
    reach a few years ahead), or not after 2049 when publication is unknown.

    >>> century_year(98, None), century_year(15, None)
    (1998, 2015)
    >>> century_year(40, datetime.date(2026, 1, 1)), century_year(98, datetime.date(1997, 7, 1))
    (1940, 1998)
    """
    horizon = published.year + 10 if published else 2049
    year = horizon - horizon % 100 + two_digits
    return year - 100 if year > horizon else year
