"""Build ``lunar_festivals.tsv``: the Gregorian day of each lunar festival, 1990-2050.

Usage::

    pip install jionlp==1.5.31
    python gazetteers/dates/build/lunar_festivals.py gazetteers/dates/lunar_festivals.tsv

Converts each festival's lunar month and day with ``jionlp.lunar2solar`` (whose tables follow
the Purple Mountain Observatory calendar); 除夕 is the day before 春节, so it falls in the
Gregorian year of that 春节. Not imported by the package.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import jionlp

YEARS = range(1990, 2051)
# festival -> (lunar month, lunar day); 除夕 is derived from 春节.
FESTIVALS = {
    "春节": (1, 1),
    "元宵节": (1, 15),
    "端午节": (5, 5),
    "七夕": (7, 7),
    "中秋节": (8, 15),
    "重阳节": (9, 9),
}


def festival_days(year: int) -> dict[str, dt.date]:
    """Gregorian dates of the festivals of one lunar year (and 除夕 before its 春节).

    >>> festival_days(2026)["春节"], festival_days(2026)["除夕"]
    (datetime.date(2026, 2, 17), datetime.date(2026, 2, 16))
    """
    days = {name: jionlp.lunar2solar(year, m, d).date() for name, (m, d) in FESTIVALS.items()}
    days["除夕"] = days["春节"] - dt.timedelta(days=1)
    return days


def rows() -> list[str]:
    """``festival <TAB> year <TAB> MM-DD`` rows, sorted."""
    out = []
    for year in YEARS:
        for name, day in festival_days(year).items():
            out.append(f"{name}\t{day.year}\t{day:%m-%d}")
    return sorted(out)


HEADER = [
    "# source: computed from the Chinese lunisolar calendar with jionlp.lunar2solar of PyPI",
    "#   package jionlp 1.5.31 (Apache-2.0), whose tables follow the Purple Mountain Observatory",
    "#   calendar (cf. GB/T 33661-2017 农历的编算和颁行); spot-checked against the State Council",
    "#   holiday notices 2020-2026",
    "# date: {date}",
    "# made: by script gazetteers/dates/build/lunar_festivals.py",
    "# Lunar-calendar festivals: their Gregorian day in each year 1990-2050",
    "# (除夕 is the day before 春节).",
    "# Columns: festival <TAB> Gregorian year <TAB> month-day",
]


def main() -> None:
    """Write the table: ``lunar_festivals.py OUTPUT``."""
    header = [line.format(date=dt.date.today().isoformat()) for line in HEADER]
    Path(sys.argv[1]).write_text("\n".join(header + rows()) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
