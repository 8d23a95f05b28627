"""The publication date of a page: from its masthead or date line, else from its file name."""

from __future__ import annotations

import datetime
import re
from pathlib import PurePath

from pipeline.dates.patterns import AR_DAY, AR_MONTH
from pipeline.zh.chars import fold

_WEEKDAY = r"(?:星期|礼拜|周)[一二三四五六日天]"
_FULL_DATE = re.compile(
    rf"(?<![0-9])(?P<y>(?:19|20)[0-9]{{2}}) ?(?:年 ?(?P<m>{AR_MONTH}) ?月 ?(?P<d>{AR_DAY}) ?日"
    rf"|(?P<s>[-/.])(?P<m2>{AR_MONTH})(?P=s)(?P<d2>{AR_DAY})(?![0-9]))"
)
_FILE_DATE = re.compile(
    r"(?<![0-9])(?P<y>(?:19|20)[0-9]{2})(?P<s>[-_./]?)(?P<m>1[0-2]|0[1-9])(?P=s)"
    r"(?P<d>3[01]|[12][0-9]|0[1-9])(?![0-9])"
)
_MASTHEAD_LINES = 8  # a dateline stands among the first lines of a page
_MASTHEAD_WIDTH = 40  # … and is short: a date, a weekday, a paper's name, a page number
_DATELINE_EXTRA = re.compile(
    rf"^[\s|│·•第版期号刊报\w]*?(?:{_WEEKDAY}|农历[^\s]{{2,8}})?[\s|│·•]*$"
)


def _date_of(match: re.Match[str], month_key: str, day_key: str) -> datetime.date | None:
    try:
        return datetime.date(int(match["y"]), int(match[month_key]), int(match[day_key]))
    except ValueError:
        return None


def _dateline(line: str, near_top: bool) -> datetime.date | None:
    """The date of a masthead/date line: short, a full date, little else (a weekday, a name)."""
    line = fold(line).strip()
    if len(line) > _MASTHEAD_WIDTH or re.search("[。，；！？]", line):
        return None
    match = _FULL_DATE.search(line)
    if match is None:
        return None
    rest = line[: match.start()] + " " + line[match.end() :]
    with_weekday = re.search(_WEEKDAY, rest) is not None
    short_rest = len(re.sub(r"\s", "", rest)) <= 12 and _DATELINE_EXTRA.match(rest) is not None
    if not (with_weekday or (near_top and short_rest)):
        return None
    if match["m"]:
        return _date_of(match, "m", "d")
    return _date_of(match, "m2", "d2")


def find_published(text: str, source_name: str | None = None) -> datetime.date | None:
    """Publication date from the page's masthead/date line, else from its file name.

    Conservative: a full date on a short line near the page top (or any short line that also
    names the weekday), or a year-month-day in the file name; never a date from the body.

    >>> find_published("人民日报\\n2026年5月20日 星期三\\n第5版")
    datetime.date(2026, 5, 20)
    >>> find_published("正文说2026年5月20日发布了通知。", "rmrb_2026_05_21.txt")
    datetime.date(2026, 5, 21)
    >>> find_published("截至2025年9月末，存款余额下降。") is None
    True
    """
    lines = [ln for ln in text.split("\n") if ln.strip()]
    for i, line in enumerate(lines):
        if i >= _MASTHEAD_LINES and _WEEKDAY[:3] not in line and "星期" not in line:
            continue
        found = _dateline(line, near_top=i < _MASTHEAD_LINES)
        if found is not None:
            return found
    if source_name:
        # the file's own name first, then its folders (archive/2026/05/20/page1.txt)
        path = PurePath(source_name)
        for candidate in (path.name, "/".join(path.parts[-4:])):
            match = _FILE_DATE.search(candidate)
            if match is not None:
                return _date_of(match, "m", "d")
    return None
