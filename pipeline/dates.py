"""Dates, periods and durations in Chinese news text, normalized to ISO 8601.

News speaks in periods (2026年一季度末, 1—4月, 近年来, 1个月内). :func:`extract_dates` finds
every time expression in a text and normalizes it:

- date ``2026-05-20``, month ``2026-05``, year ``2024``, quarter ``2026-Q1``, half ``2026-H1``;
- period_end / period_start: the day itself (2024年2月末 -> ``2024-02-29``, 年初 -> ``YYYY-01-01``);
- interval ``a/b`` (1—4月 -> ``2026-01/2026-04``, 2024年至2026年 -> ``2024/2026``);
- relative: resolved against the publication date when it names a calendar unit (去年 -> 2025),
  else null (日前, 近年来);
- duration: ISO 8601 durations (1个月内 -> ``P1M``, 三年 -> ``P3Y``, 1年零3个月 -> ``P1Y3M``,
  8天20小时 -> ``P8DT20H``), the bound word (内, 以上) inside the surface;
- time: a clock time, on its day when the text names one (2026年5月20日上午10时 ->
  ``2026-05-20T10:00``, 今天14:30 with the publication date), else ``T10:30``; time ranges
  (上午9时至11时) as ``a/b``;
- spans counted from publication (近三年, 过去十年, 未来五年) as day intervals ``a/b``; holidays
  (国庆节, 春节) as the day in the governing year, from ``holidays.tsv`` and the lunar table.

A year left out of a mention comes, in this order, from

1. its own sentence: a year before it, or one after it in the same clause (with no publication
   date, anywhere later in the sentence);
2. the last year stated before it in the same paragraph, at most three sentences back: the story
   stays in its year that long (1953年建厂以来… does not date a meeting two paragraphs on);
   without a publication date the text's last stated year governs to the end of the text;
3. ``default_year``;
4. the publication date: its year, or the year before for a month more than six months after
   the publication month (a January page's 12月 or 四季度 is last year's; past-tense reporting
   is the usual case, while plans rarely name a month that far ahead without its year). 年底,
   年初 and holidays keep the publication year.

A paragraph ends at a line break; in text wrapped inside sentences (PDF columns: most lines end
mid-sentence) only at a blank line or a break after a sentence's end. A bare day (8日) takes the
month of the same reach (its paragraph), else the publication month. 当年/同年 refer back to the
text's last stated year and stay null without one; 每年6月10日 recurs and has no year. Without
any source the mention keeps ``normalized=None`` (never a guessed year). A carried year moves
forward with the story: right after 2025年12月17日 a year-less 6月 is June 2026 (never past the
publication year).

Everything is driven by regular expressions compiled once per process from the lexicons under
``gazetteers/dates/``.
"""

from __future__ import annotations

import calendar
import datetime
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath

from pipeline.document import DateMention
from pipeline.lexicon import read_list, read_table

# Characters only; the lexicons hold the words.
_ASCII_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


@cache
def _scan_table() -> dict[int, int]:
    """Full-width digits and traditional characters as the patterns expect them (1:1, so
    offsets into the scanned text are offsets into the original)."""
    pairs = dict(_ASCII_DIGITS)
    pairs.update({ord(t): ord(s) for t, s in read_table("dates/variants.tsv")})
    return pairs


_CN_DIGIT = "〇零○一二三四五六七八九"
_AR_MONTH = r"(?:1[0-2]|0?[1-9])"
_CN_MONTH = r"(?:十[一二]?|[一二三四五六七八九])"
_AR_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
_CN_DAY = r"(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_SEP = r"(?:——|[—–\-－~～〜至到])"
# A month or count is not one when glued to a preceding number or a word that makes it ordinal,
# periodic or another word (第, 每, 统一月).
_NOT_BEFORE_NUM = r"(?<![0-9.〇零○一二三四五六七八九十百千万两第个每统单唯同逐])"
_NUMBER = rf"(?:[0-9]+(?:\.[0-9]+)?|(?![百千])[{_CN_DIGIT}两十百]+|半)"
_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_BOOK_TITLE = re.compile(r"《[^《》\n]{0,200}》")


@dataclass(frozen=True)
class _Rel:
    unit: str  # year | month | quarter | week | day | context_year | context_month | none
    offset: int
    not_after: str  # characters that, right before the word, make another word (节日前夕)
    not_before: str  # characters that, right after it, make another word (接近日本)


@dataclass(frozen=True)
class _Cand:
    start: int
    end: int
    rule: str
    groups: dict[str, str | None]
    parts: tuple[_Cand, ...] = ()  # members of a merged interval


# ---------------------------------------------------------------- lexicons


@cache
def _relative() -> dict[str, _Rel]:
    rows = read_table("dates/relative.tsv")
    return {r[0]: _Rel(r[1], int(r[2]), r[3].strip("-"), r[4].strip("-")) for r in rows}


@cache
def _suffixes() -> dict[str, tuple[str, str]]:
    """Suffix -> (meaning, characters that block it)."""
    rows = read_table("dates/period_suffixes.tsv")
    return {row[0]: (row[1], "" if row[2] == "-" else row[2]) for row in rows}


@dataclass(frozen=True)
class _DayPart:
    rule: str  # am | pm | noon | night: how the part shifts a 12-hour clock reading
    offset: int | None  # days from publication the word names (昨晚 -1); None: no day
    not_after: str  # characters that, right before the word, make another word (最晚)


@cache
def _day_parts() -> dict[str, _DayPart]:
    rows = read_table("dates/day_parts.tsv")
    return {r[0]: _DayPart(r[1], None if r[2] == "-" else int(r[2]), r[3].strip("-")) for r in rows}


@cache
def _holidays() -> dict[str, tuple[str, str]]:
    """Holiday name -> (month, day) of a fixed Gregorian holiday, or ("lunar", festival)."""
    return {row[0]: (row[1], row[2]) for row in read_table("dates/holidays.tsv")}


@cache
def _lunar_festivals() -> dict[tuple[str, int], str]:
    """(festival, Gregorian year) -> its day, MM-DD."""
    return {(row[0], int(row[1])): row[2] for row in read_table("dates/lunar_festivals.tsv")}


def _holiday_day(name: str, year: int) -> str | None:
    """ISO day of a holiday in a year; None when the lunar table does not reach that year.

    >>> _holiday_day("国庆节", 2026), _holiday_day("春节", 2026), _holiday_day("中秋节", 1800)
    ('2026-10-01', '2026-02-17', None)
    """
    month, day = _holidays()[name]
    if month != "lunar":
        return _iso_day(year, int(month), int(day))
    month_day = _lunar_festivals().get((day, year))
    return None if month_day is None else f"{year:04d}-{month_day}"


def _holiday_words() -> list[str]:
    """Holiday names as patterns, longest first, each with the words that must follow it."""
    rows = {row[0]: row[3] for row in read_table("dates/holidays.tsv")}
    words = []
    for name in sorted(rows, key=lambda w: (-len(w), w)):
        after = "" if rows[name] == "-" else f"(?={_alt(rows[name].split(','))})"
        words.append(re.escape(name) + after)
    return words


@cache
def _numerals() -> dict[str, int]:
    return {row[0]: int(row[1]) for row in read_table("dates/numerals.tsv")}


@cache
def _units() -> dict[str, tuple[str, float, bool, str]]:
    """Unit word -> (ISO designator, multiplier, needs a bound, characters that may not follow)."""
    rows = read_table("dates/duration_units.tsv")
    return {r[0]: (r[1], float(r[2]), r[3] == "1", r[4].strip("-")) for r in rows}


def _alt(words: list[str] | tuple[str, ...]) -> str:
    """Regex alternation, longest word first so that the longest one wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _rel_words(*units: str) -> str:
    """Alternation of the relative words of these units, each guarded against longer words."""
    parts = []
    for word, rel in sorted(_relative().items(), key=lambda kv: (-len(kv[0]), kv[0])):
        if units and rel.unit not in units:
            continue
        # the guard behind is written after the word (same meaning) so that a pattern starting
        # with these words starts with literals, which the regex engine scans for quickly
        word_re = re.escape(word)
        behind = f"(?<![{re.escape(rel.not_after)}]{word_re})" if rel.not_after else ""
        ahead = f"(?![{re.escape(rel.not_before)}])" if rel.not_before else ""
        parts.append(f"{word_re}{behind}{ahead}")
    return "|".join(parts)


def _suffix_re(meanings: tuple[str, ...]) -> str:
    parts = []
    for word, (meaning, blocked) in sorted(_suffixes().items(), key=lambda kv: -len(kv[0])):
        if meaning in meanings:
            guard = f"(?![{re.escape(blocked)}])" if blocked else ""
            parts.append(re.escape(word) + guard)
    return "|".join(parts)


# ---------------------------------------------------------------- patterns


@cache
def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """(rule, pattern) pairs; every match is a candidate, the longest non-overlapping win."""
    cn4 = f"[{_CN_DIGIT}]{{4}}"
    cn2 = f"[{_CN_DIGIT}]{{2}}"
    month = rf"(?:{_AR_MONTH}|{_CN_MONTH})"
    day = rf"(?:{_AR_DAY}|{_CN_DAY})"
    end_start = _suffix_re(("end", "start"))
    xun = _suffix_re(("xun1", "xun2", "xun3"))
    year_part = (
        rf"(?:(?<![0-9.])(?P<y>[12][0-9]{{3}}|{cn4}) ?年(?P<du>度)?"
        rf"|(?<![0-9.{_CN_DIGIT}])(?P<y2>[0-9]{{2}}|{cn2})年(?=(?:{month})月|第?[一二三四1-4]季度|[上下]半年)"
        rf"|(?P<yrel>{_rel_words('year', 'context_year')}))"
    )
    month_part = (
        rf"(?:{_NOT_BEFORE_NUM}(?P<m>{month})月份?(?![亮球光饼]|期(?!间))"
        rf"|(?P<mrel>{_rel_words('month', 'context_month')}))"
    )
    quarter_part = (
        rf"(?:(?<![前个每{_CN_DIGIT}0-9])第?(?P<q>[一二三四1-4])季度"
        r"|(?<![A-Za-z])Q(?P<qq>[1-4])(?:季度)?(?![0-9A-Za-z]))"  # not 辅酶Q10
    )
    calendar_re = (
        rf"(?:{year_part}|(?<![0-9.])(?P<yq>[12][0-9]{{3}}) ?(?=[QH][1-4]))?"
        rf"(?:{month_part}(?:(?P<d>{day})[日号]|(?P<mx>{xun})|月?(?P<me>{end_start}))?"
        rf"|{quarter_part}(?P<qe>{end_start})?"
        rf"|(?P<h>[上下前后])半年(?P<he>末)?|(?<![A-Za-z])H(?P<hh>[12])(?![0-9A-Za-z])"
        rf"|年?(?P<ye>{end_start}))?"  # 2025年年底 repeats the unit
        # everything above is optional: a mention ends on one of these, an empty match never
        r"(?<=[年月份日号末底初旬度0-9])"
    )
    # the guards behind follow the unit so that the patterns start with a literal (fast scan)
    bare_year_end = rf"年(?<![0-9{_CN_DIGIT}十每去今明前后上本当同次]年)(?P<ye>{end_start})"
    bare_month_end = rf"月(?<![0-9{_CN_DIGIT}十每个正腊冬]月)(?P<me>{end_start})"
    bare_day = r"(?<![0-9.第每周号月年])(?P<d>" + _AR_DAY + r")日(?![元本韩内])"
    month_range = (
        rf"(?:{year_part})?{_NOT_BEFORE_NUM}(?P<m1>{month})(?:月份?)? ?{_SEP} ?"
        rf"(?P<m2>{month})月份?"
    )
    day_range = (
        rf"(?:{year_part})?{_NOT_BEFORE_NUM}(?P<m>{month})月(?P<d1>{day})[日号]? ?{_SEP} ?"
        rf"(?P<d2>{day})[日号]"
    )
    year_range = rf"(?<![0-9.])(?P<y1>[12][0-9]{{3}})(?: ?年)? ?{_SEP} ?(?P<y2>[12][0-9]{{3}}) ?年"
    first_quarters = rf"(?:{year_part})?前(?P<qn>[二三两2-3])个?季度"
    # 前4个月 is January to April after a year or at the start of a clause, not 'before'
    first_months = (
        rf"(?:{year_part}|(?<![^，。；：、\n\s（(]))"
        r"前(?P<mn>[2-9]|1[0-2]|十[一二]?|[二两三四五六七八九])个?月"
    )
    iso_day = (
        rf"(?<![0-9])(?P<y>[12][0-9]{{3}})(?P<s>[-/.])(?P<m>{_AR_MONTH})(?P=s)"
        rf"(?P<d>{_AR_DAY})(?![0-9])"
    )
    decade = (
        r"(?:(?P<c>二十|十九|20|19|上)世纪)?(?<![0-9])"
        r"(?P<dec>[1-9]0|[一二三四五六七八九]十)年代"
    )
    number = _NUMBER
    units = "|".join(
        re.escape(u).replace("个", "个[多余半]?", 1) + (f"(?![{re.escape(v[3])}])" if v[3] else "")
        for u, v in sorted(_units().items(), key=lambda kv: -len(kv[0]))
    )
    bounds = _alt(read_list("dates/duration_bounds.txt"))
    not_count = rf"(?<![0-9.{_CN_DIGIT}两十百第每近上下本这])(?<!(?<!提)前)"  # 提前 counts
    duration = (
        rf"{not_count}(?P<n>[0-9]{{1,3}}(?:,[0-9]{{3}})+|{number})(?P<scale>万|亿)?"
        r"(?P<approx>余|多)? ?"
        rf"(?P<unit>{units})(?P<half>半)?(?![级代度龄岁])(?P<bound>{bounds})?"
    )
    # 1年零3个月, 8天20小时: a later part may also be written 时/分/秒 (两小时十分)
    first = rf"(?:{number})(?:余|多)? ?(?:{_compound_units(False)})半?"
    later = rf"(?:{number})(?:余|多)? ?(?:{_compound_units(True)})半?"
    compound = rf"{not_count}{first}(?:[零又余多]?{later})+(?![级代度龄岁])(?P<bound>{bounds})?"
    relative_n = (
        rf"(?P<rel>近|过去|未来|今后|最近)的?(?P<n>{number})(?P<approx>余|多)?"
        rf"(?P<unit>年|个月|天|周|个星期)(?P<lai>来|以来)?"
    )
    ago = (
        rf"(?<![0-9.{_CN_DIGIT}两十百第每])(?P<n>[0-9]{{1,3}}|[{_CN_DIGIT}两十]+|半)"
        r"(?P<approx>多|余)?(?P<unit>年|个月|天|周|个星期)(?P<dir>之?前|以前)(?![夕期提者])"
    )
    compact_day = (
        r"(?<![0-9.])(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])"
        r"(?![0-9.%‰元万亿千百号])"
    )
    holiday = "(?P<hol>" + "|".join(_holiday_words()) + ")"
    time_of_day = _time_re()
    relative = rf"(?P<word>{_rel_words()})"
    weekday = (
        r"(?<![每数几个两一二三四五六七八九十])(?P<wrel>上上|下下|上|下|本|这)?个?"
        r"(?:(?:星期|礼拜|周)(?=[星礼周]))?(?:星期|礼拜|周)"
        r"(?P<wd>[一二三四五六日天])(?![0-9一二三四五六七八九十年岁])"
    )
    # 今明两年, 去今两年: two adjacent years named by their relative words
    year_pair = r"(?P<ya>前|去|今|明)(?P<yb>去|今|明|后)两年"
    weekend = r"(?<![每数几])(?P<wrel>上上|下下|上|下|本|这)个?周末"
    # Fail fast: every calendar mention starts with a digit, a numeral or a relative word.
    first = "".join(sorted({w[0] for w in _relative()} | set("0123456789QH年月第前后上下十两")))
    start = f"(?=[{re.escape(first + _CN_DIGIT)}])"
    num_start = f"(?=[0-9{_CN_DIGIT}两十百半])"
    time_start = "".join(sorted({w[0] for w in _day_parts()}))
    rules = {
        "calendar": start + calendar_re,
        "bare_year_end": bare_year_end,
        "bare_month_end": bare_month_end,
        "bare_day": num_start + bare_day,
        "month_range": start + month_range,
        "day_range": start + day_range,
        "year_range": year_range,
        "first_quarters": start + first_quarters,
        "first_months": start + first_months,
        "iso_day": num_start + iso_day,
        "decade": f"(?=[0-9{_CN_DIGIT}十上])" + decade,
        "duration": num_start + duration,
        "compound_duration": num_start + compound,
        "relative_n": relative_n,
        "ago": num_start + ago,
        "compact_day": num_start + compact_day,
        "holiday": holiday,
        "time": f"(?=[0-9{_CN_DIGIT}两十{time_start}])" + time_of_day,
        "relative": relative,
        "weekday": "(?=[上下本这个星礼周])" + weekday,
        "year_pair": year_pair,
        "weekend": "(?=[上下本这])" + weekend,
    }
    return tuple((name, re.compile(rx)) for name, rx in rules.items())


@cache
def _compound_units(later: bool) -> str:
    """Units of a compound duration's parts: the duration units that need no bound word, and
    for a later part also the short hour/minute words (两小时十分; 8时30分 alone is a time)."""
    words = [u for u, v in _units().items() if not v[2]] + (["时", "分"] if later else [])
    return "|".join(re.escape(w).replace("个", "个[多余半]?", 1) for w in _by_length(words))


def _by_length(words: list[str]) -> list[str]:
    return sorted(words, key=lambda w: (-len(w), w))


def _time_re() -> str:
    """A clock time: 14:30, 10时30分, 下午3点半, 凌晨2时15分, 上午9时许, 十一点一刻."""
    parts = []
    for word in _by_length(list(_day_parts())):
        blocked = _day_parts()[word].not_after
        parts.append((f"(?<![{re.escape(blocked)}])" if blocked else "") + re.escape(word))
    hour_cn = "二十[一二三四]?|十[一二三四五六七八九]?|[零〇两一二三四五六七八九]"
    sixty_cn = "[二三四五]十[一二三四五六七八九]?|十[一二三四五六七八九]?|零?[一二三四五六七八九]"
    ratio = "".join(f"(?<!{w})" for w in ("比", "比例", "比例为", "比分", "比分为", "比值为"))
    clock = (
        ratio + r"(?<![0-9.:：])(?P<ch>2[0-4]|[01]?[0-9])[:：](?P<cm>[0-5][0-9])"
        r"(?:[:：](?P<cs>[0-5][0-9]))?(?![0-9:：])(?:\s?(?P<ampm>[apAP]\.?[mM]\.?))?"
    )
    spoken = (
        rf"(?<![0-9.{_CN_DIGIT}十百千万第每])(?P<h>2[0-4]|[01]?[0-9]|{hour_cn})"
        r"(?P<hu>点钟|点(?![数赞评击名位滴线状阵])|时(?![段间期代候辰效速空差区节]))"
        rf"(?:(?P<half>半)|(?P<qt>[一1三3])刻|(?P<mi>[0-5]?[0-9]|{sixty_cn})分(?!钟)"
        rf"(?:(?P<se>[0-5]?[0-9]|{sixty_cn})秒)?"
        rf"|(?<=点)(?P<mi2>[0-5]?[0-9]|{sixty_cn})(?![0-9分秒刻钟个天年月日号%.万亿元])"
        r")?(?P<tail>许|整|左右)?"
    )
    return rf"(?:(?P<dp>{'|'.join(parts)})\s?)?(?:{clock}|{spoken})"


@cache
def _not_dates() -> re.Pattern[str]:
    return re.compile(_alt(read_list("dates/not_dates.txt")))


@cache
def _count_before() -> re.Pattern[str]:
    """A word that makes the number after it a count (提前30日 is thirty days, not the 30th)."""
    return re.compile(f"(?:{_alt(read_list('dates/count_words.txt'))})$")


def _counted(text: str, start: int) -> bool:
    return _count_before().search(text, max(0, start - 4), start) is not None


@cache
def _name_after_year() -> re.Pattern[str]:
    """An event/organization name word in the unbroken run of characters after a year."""
    return re.compile(rf"[^\s\W0-9]{{0,12}}?(?:{_alt(read_list('dates/name_suffixes.txt'))})")


# ---------------------------------------------------------------- numbers and calendar


def cn_number(text: str) -> float | None:
    """Value of an Arabic or Chinese number (十, 二十五, 一百, 2.5, 半); None if unreadable.

    >>> [cn_number(s) for s in ["二十五", "十", "两", "一百二十", "2.5", "半", "二〇二六"]]
    [25.0, 10.0, 2.0, 120.0, 2.5, 0.5, 2026.0]
    """
    text = text.translate(_ASCII_DIGITS)
    if text == "半":
        return 0.5
    try:
        return float(text)
    except ValueError:
        pass
    num = _numerals()
    if any(ch not in num for ch in text):
        return None
    if not any(ch in "十百" for ch in text):
        # written digit by digit (二〇二六) or a single digit
        return float(int("".join(str(num[ch]) for ch in text)))
    total, current = 0, 0
    for ch in text:
        value = num[ch]
        if value >= 10:
            total += (current or 1) * value
            current = 0
        else:
            current = value
    return float(total + current)


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    value = cn_number(text)
    return int(value) if value is not None and value == int(value) else None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _iso_day(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def _shift_month(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _add_days(day: datetime.date, days: int) -> datetime.date | None:
    """``day`` shifted by ``days``; None beyond the calendar's range (year 1 to 9999)."""
    try:
        return day + datetime.timedelta(days=days)
    except OverflowError:
        return None


def _century_year(two_digits: int, published: datetime.date | None) -> int:
    """A two-digit year (98年): the latest such year at most ten years after publication (plans
    reach a few years ahead), or not after 2049 when publication is unknown.

    >>> _century_year(98, None), _century_year(15, None)
    (1998, 2015)
    >>> _century_year(40, datetime.date(2026, 1, 1)), _century_year(98, datetime.date(1997, 7, 1))
    (1940, 1998)
    """
    horizon = published.year + 10 if published else 2049
    year = horizon - horizon % 100 + two_digits
    return year - 100 if year > horizon else year


# ---------------------------------------------------------------- candidates


# Rules whose every match contains one of these characters: they only run on windows around
# them (a page has few), which keeps the page scan fast. The widths bound the longest mention
# on either side of its anchor character (二〇二六年十二月 is 8 characters).
_ANCHORS = {
    "month_range": "—–-－~～〜至到",
    "day_range": "—–-－~～〜至到",
    "year_range": "—–-－~～〜至到",
    "first_quarters": "前",
    "first_months": "前",
    "decade": "代",
}
_WINDOW = (20, 20)


@cache
def _anchor_res() -> dict[str, re.Pattern[str]]:
    return {rule: re.compile(f"[{re.escape(chars)}]") for rule, chars in _ANCHORS.items()}


def _windows(text: str, anchor: re.Pattern[str]) -> list[tuple[int, int]]:
    """Disjoint spans of ``text`` around the anchor characters."""
    spans: list[tuple[int, int]] = []
    back, ahead = _WINDOW
    for match in anchor.finditer(text):
        start, end = max(0, match.start() - back), min(len(text), match.end() + ahead)
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((start, end))
    return spans


def _candidates(text: str) -> list[_Cand]:
    found = []
    anchors = _anchor_res()
    for rule, pattern in _patterns():
        spans = _windows(text, anchors[rule]) if rule in anchors else [(0, len(text))]
        for lo, hi in spans:
            for match in pattern.finditer(text, lo, hi):
                if match.end() > match.start():
                    found.append(_Cand(match.start(), match.end(), rule, match.groupdict()))
    return found


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Book titles and set phrases, as disjoint sorted spans: no mention may overlap them."""
    spans = [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _not_dates().finditer(text)]
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


def _is_name_year(text: str, cand: _Cand) -> bool:
    """A bare year written right before an event/organization name is part of that name."""
    g = cand.groups
    parts = ("m", "mrel", "q", "qq", "h", "hh", "ye", "d")
    bare_year = g.get("y") and not any(g.get(k) for k in parts)
    return bool(bare_year and _name_after_year().match(text, cand.end))


def _valid_calendar(text: str, cand: _Cand) -> bool:
    g = cand.groups
    if not any(g.get(k) for k in ("m", "mrel", "q", "qq", "h", "hh", "y", "y2", "yrel")):
        return False
    if g.get("ye") and not (g.get("y") or g.get("yrel")):
        return False  # 年末 alone is the bare_year_end rule
    if g.get("yq") and not (g.get("qq") or g.get("hh")):
        return False  # 2026 without 年 is only a year before Q1/H1
    if g.get("d") and g.get("m"):
        year = _int(g.get("y")) or 2024  # a leap year when unknown: 2月29日 may exist
        if (_int(g["d"]) or 0) > _last_day(year, _int(g["m"]) or 1):
            return False
    return not _is_name_year(text, cand)


def _valid(text: str, cand: _Cand) -> bool:
    """Checks a pattern cannot express: real calendar days, counts that are years, names."""
    if cand.rule == "calendar":
        return _valid_calendar(text, cand)
    if cand.rule == "bare_day":
        return not _counted(text, cand.start)
    if cand.rule == "duration":
        return _duration_parts(cand, _counted(text, cand.start)) is not None
    if cand.rule in ("relative_n", "ago"):
        return _duration_parts(cand) is not None
    if cand.rule == "compound_duration":
        return _compound_parts(text[cand.start : cand.end]) is not None
    if cand.rule == "time":
        g = cand.groups
        # 三点五, 10点五 are decimal numbers: minutes without 分 need a day part or Arabic digits
        same_script = (g.get("h") or "").isdigit() and (g.get("mi2") or "").isdigit()
        bare_spoken = g.get("mi2") and not (same_script or g.get("dp"))
        return _reading(g) is not None and not bare_spoken
    return True


def _select(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Longest candidates first; drop those overlapping a chosen one or a blocked span."""
    blocked = _blocked_spans(text)
    blocked_starts = [s for s, _ in blocked]
    chosen: list[tuple[int, int]] = []
    starts: list[int] = []
    kept = []
    order = {name: i for i, (name, _) in enumerate(_patterns())}
    for cand in sorted(cands, key=lambda c: (c.start - c.end, c.start, order[c.rule])):
        if _overlaps(blocked, blocked_starts, cand.start, cand.end):
            continue
        i = bisect_left(starts, cand.start)
        if i > 0 and chosen[i - 1][1] > cand.start:
            continue
        if i < len(chosen) and chosen[i][0] < cand.end:
            continue
        if not _valid(text, cand):
            continue
        chosen.insert(i, (cand.start, cand.end))
        starts.insert(i, cand.start)
        kept.append(cand)
    return sorted(kept, key=lambda c: c.start)


_MERGE_SEP = re.compile(rf"\s?{_SEP}\s?")
# 2015年和2018年之间: two mentions joined by 和/与 with 之间 after them are one interval
_AND_SEP = re.compile(r"\s?[和与跟]\s?")
_BETWEEN = re.compile(r"\s?之间")
_MERGEABLE = frozenset(
    {
        "calendar",
        "bare_day",
        "iso_day",
        "compact_day",
        "holiday",
        "dated_weekday",
        "bare_year_end",
        "bare_month_end",
    }
)
_TIMES = frozenset({"time", "datetime"})
_UNTIL_NOW = frozenset({"至今", "迄今"})
_DATE_TIME_GAP = re.compile(r"\s?")
_WEEKDAY_GAP = re.compile(r"\s?(?P<open>[（(])?")
_CLOSE = "）)"


def _is_day(cand: _Cand) -> bool:
    """Whether a mention names one day (a clock time written after it is on that day)."""
    if cand.rule == "calendar":
        return bool(cand.groups.get("d"))
    if cand.rule == "relative":
        return _relative()[cand.groups["word"] or ""].unit == "day"
    return cand.rule in (
        "iso_day",
        "compact_day",
        "bare_day",
        "weekday",
        "holiday",
        "dated_weekday",
    )


def _weekday_after(text: str, day: _Cand, cand: _Cand) -> int | None:
    """End of the weekday that names the day just written (5月20日（星期三）, 6月1日周六); None
    if ``cand`` is no such weekday."""
    if cand.rule != "weekday" or cand.groups.get("wrel") or not _is_day(day):
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


def _is_year(cand: _Cand) -> bool:
    """Whether a mention is a year alone (2025年, 去年)."""
    g = cand.groups
    parts = ("m", "mrel", "q", "qq", "h", "hh", "ye", "d", "du")
    return cand.rule == "calendar" and not any(g.get(k) for k in parts)


def _merge_datetimes(text: str, cands: list[_Cand]) -> list[_Cand]:
    """A day followed by a clock time is one mention (2026年5月20日上午10时, 今天14:30), and so
    are a year followed by a holiday (2025年元旦) and a day followed by its weekday."""
    merged: list[_Cand] = []
    for cand in cands:
        prev = merged[-1] if merged else None
        year_before = prev is not None and _is_year(prev) and prev.end == cand.start
        if prev is not None and year_before and cand.rule == "holiday":
            groups = {**prev.groups, "hol": cand.groups["hol"]}
            merged[-1] = _Cand(prev.start, cand.end, "holiday", groups)
            continue
        weekday_end = None if prev is None else _weekday_after(text, prev, cand)
        if prev is not None and weekday_end is not None:
            merged[-1] = _Cand(prev.start, weekday_end, "dated_weekday", {}, (prev,))
            continue
        if (
            prev is not None
            and cand.rule == "time"
            and _is_day(prev)
            and _day_offset(cand.groups) is None
            and _DATE_TIME_GAP.fullmatch(text, prev.end, cand.start)
        ):
            merged[-1] = _Cand(prev.start, cand.end, "datetime", {}, (prev, cand))
            continue
        merged.append(cand)
    return merged


def _joinable(left: _Cand, right: _Cand) -> bool:
    """Whether a separator between these two mentions makes one interval of them."""
    if left.rule in _TIMES:
        return right.rule in _TIMES
    return left.rule in _MERGEABLE and right.rule in _MERGEABLE


def _merge_intervals(text: str, cands: list[_Cand]) -> list[_Cand]:
    """Calendar mentions joined by 至/到/— form one interval (2025年1月至2026年3月), and so do
    clock times (上午9时至11时) and a calendar mention followed by 至今."""
    merged: list[_Cand] = []
    for cand in _merge_datetimes(text, cands):
        prev = merged[-1] if merged else None
        if prev is not None and (prev.rule in _MERGEABLE or prev.rule in _TIMES):
            if _joinable(prev, cand) and _MERGE_SEP.fullmatch(text, prev.end, cand.start):
                merged[-1] = _Cand(prev.start, cand.end, "merged", {}, (prev, cand))
                continue
            between = _BETWEEN.match(text, cand.end)
            if (
                between is not None
                and _joinable(prev, cand)
                and _AND_SEP.fullmatch(text, prev.end, cand.start)
            ):
                merged[-1] = _Cand(prev.start, between.end(), "merged", {}, (prev, cand))
                continue
            if (
                cand.rule == "relative"
                and prev.rule in _MERGEABLE
                and cand.groups["word"] in _UNTIL_NOW
                and prev.end == cand.start
            ):
                merged[-1] = _Cand(prev.start, cand.end, "until_now", {}, (prev,))
                continue
        merged.append(cand)
    return merged


# ---------------------------------------------------------------- context


# A stated year governs year-less mentions in its own paragraph for this many sentences; past
# them, with a publication date known, a year-less mention is read against that date instead.
_CARRY_SENTENCES = 3
# A year-less month more than this many months after the publication month lies in the year
# before (a January page's 12月 is last December; a June page's 12月 is this December).
_AHEAD_MONTHS = 6
_STRONG_END = re.compile(r"[。！？!?；;]")
# A line break ends a paragraph (or a headline); in text whose lines are mostly wrapped inside
# sentences (a PDF column), only a blank line or a break after a sentence's end does.
_LINE_BREAK = re.compile(r"\n")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n|(?<=[。！？!?；;：:”」』）)…])[ \t\u3000]*\n")
_WRAPPED_SHARE = 0.75
_CLAUSE_BREAK = re.compile(r"[，,：:（(]")


def _paragraph_breaks(text: str) -> list[int]:
    """Where the paragraphs of ``text`` end.

    >>> _paragraph_breaks("标题\\n正文。\\n下一段。")
    [2, 6]
    >>> _paragraph_breaks("一句话被\\n折成\\n两行\\n又一行\\n还有一行。")
    []
    """
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    open_lines = sum(1 for line in lines if _PARAGRAPH_BREAK.search(line[-1] + "\n") is None)
    wrapped = len(lines) >= 4 and open_lines > _WRAPPED_SHARE * len(lines)
    return [m.start() for m in (_PARAGRAPH_BREAK if wrapped else _LINE_BREAK).finditer(text)]


class _Context:
    """Years the text states, the last month it spoke of, the page's defaults."""

    def __init__(
        self,
        text: str,
        published: datetime.date | None,
        default_year: int | None,
        years: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.published = published
        self.default_year = default_year
        self.sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        self.strong_ends = [m.end() for m in _STRONG_END.finditer(text)]
        self.breaks = _paragraph_breaks(text)
        self.year_pos = [pos for pos, _ in years]
        self.year_val = [year for _, year in years]
        self.last_month: tuple[int | None, int] | None = None
        self.last_month_pos = 0

    def _sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sentence_ends, pos)
        start = self.sentence_ends[i - 1] if i else 0
        end = self.sentence_ends[i] if i < len(self.sentence_ends) else 1 << 62
        return start, end

    def near(self, earlier: int, pos: int) -> bool:
        """Whether what the text says at ``earlier`` still governs ``pos``: the same paragraph,
        at most ``_CARRY_SENTENCES`` sentence ends between them."""
        if bisect_right(self.breaks, pos) != bisect_right(self.breaks, earlier):
            return False
        ends = bisect_right(self.strong_ends, pos) - bisect_right(self.strong_ends, earlier)
        return ends <= _CARRY_SENTENCES

    def _onward(self, i: int, month: int | None) -> int:
        """The ``i``-th stated year, moved forward with the story: right after 2025年12月17日 a
        year-less 6月 is the next June, and what follows stays there (never past the publication
        year). Only a month stated with its year turns it: after 2025年…12月, 1—11月 is still
        2025's."""
        year, last = self.year_val[i], self.last_month
        if last is None or last[0] is None or self.last_month_pos < self.year_pos[i]:
            return year
        limit = self.published.year if self.published else 1 << 14
        if year < last[0] <= limit:
            return last[0]  # the story already moved on
        stated = self.last_month_pos == self.year_pos[i]
        if stated and month is not None and last[0] == year and month < last[1] and year < limit:
            return year + 1
        return year

    def _ahead(self, pos: int, i: int) -> bool:
        """Whether the ``i``-th year, later in the sentence, governs ``pos``: in the same clause,
        or anywhere in the sentence when no publication date is there to go by."""
        between = self.text[pos : self.year_pos[i]]
        return self.published is None or _CLAUSE_BREAK.search(between) is None

    def _carries(self, earlier: int, pos: int) -> bool:
        """Without a publication date the text's last year governs to its end."""
        return self.published is None or self.near(earlier, pos)

    def year(self, pos: int, month: int | None = None) -> int | None:
        """Year for a mention at ``pos`` that states none (see the module docstring);
        ``month`` is the first month it names, if any."""
        s_start, s_end = self._sentence(pos)
        i = bisect_left(self.year_pos, pos)
        if i and self.year_pos[i - 1] >= s_start:
            return self._onward(i - 1, month)
        if i < len(self.year_pos) and self.year_pos[i] < s_end and self._ahead(pos, i):
            return self.year_val[i]
        if i and self._carries(self.year_pos[i - 1], pos):
            return self._onward(i - 1, month)
        if self.default_year is not None:
            return self.default_year
        if self.published is None:
            return None
        ahead = month is not None and month - self.published.month > _AHEAD_MONTHS
        return self.published.year - 1 if ahead else self.published.year

    def story_year(self, pos: int) -> int | None:
        """The year the text last stated before ``pos`` (当年, 同年 refer back to it)."""
        i = bisect_left(self.year_pos, pos)
        return self.year_val[i - 1] if i else self.default_year

    def set_month(self, pos: int, year: int | None, month: int) -> None:
        self.last_month, self.last_month_pos = (year, month), pos

    def month(self, pos: int) -> tuple[int | None, int] | None:
        """(year, month) the text last spoke of, if it still governs ``pos``."""
        if self.last_month is None or not self._carries(self.last_month_pos, pos):
            return None
        return self.last_month


def _context_year(cand: _Cand, published: datetime.date | None) -> int | None:
    """The year a mention lends to later year-less mentions (the latest, for an interval).

    Years written out count, and so do relative years that name a period (去年5月, 今年一季度);
    a bare 去年 or 上年 is often a comparison base (去年同期), not what the text goes on about.
    """
    g = cand.groups
    if cand.parts:
        years = [_context_year(p, published) for p in cand.parts]
        return next((y for y in reversed(years) if y is not None), None)
    stated = _stated_year(cand, published)
    if stated is not None:
        return stated
    word, period = g.get("yrel"), any(g.get(k) for k in ("m", "q", "qq", "h", "ye"))
    if word and period and published and _relative()[word].unit == "year":
        return published.year + _relative()[word].offset
    return None


def _stated_year(cand: _Cand, published: datetime.date | None) -> int | None:
    """The year a mention writes out in digits (the latest, for an interval)."""
    g = cand.groups
    if cand.parts:
        years = [_stated_year(p, published) for p in cand.parts]
        return next((y for y in reversed(years) if y is not None), None)
    if cand.rule == "year_range":
        return int(g["y2"] or 0)
    for key in ("y", "yq"):
        if g.get(key):
            return _int(g[key])
    if g.get("y2"):
        return _century_year(int(cn_number(g["y2"] or "") or 0), published)
    return None


# ---------------------------------------------------------------- normalization


def _year_of(cand: _Cand, ctx: _Context, hint: int | None) -> int | None:
    """Stated year, else the hint (the left end of an interval), else the context's."""
    g = cand.groups
    own = _stated_year(cand, ctx.published)
    if own is not None:
        return own
    word = g.get("yrel")
    if word:
        rel = _relative()[word]
        if rel.unit == "year":
            return ctx.published.year + rel.offset if ctx.published else None
        base = hint if hint is not None else ctx.story_year(cand.start)
        return base + rel.offset if base is not None else None
    if hint is not None:
        return hint
    if _after_every_year(ctx.text, cand.start):
        return None  # 每年6月10日 recurs; it has no year
    return ctx.year(cand.start, _first_month(cand))


def _after_every_year(text: str, pos: int) -> bool:
    return text.endswith("每年", 0, pos)


def _first_month(cand: _Cand) -> int | None:
    """The first month a year-less mention names (a quarter's, a half's first), if any."""
    g = cand.groups
    if g.get("m") or g.get("m1"):
        return _int(g.get("m") or g.get("m1"))
    if g.get("q") or g.get("qq"):
        return 3 * (_int(g.get("q") or g.get("qq")) or 1) - 2
    if g.get("h") or g.get("hh"):
        return 7 if g.get("h") in ("下", "后") or g.get("hh") == "2" else 1
    return None  # a holiday is named ahead as often as back: it keeps the publication year


def _month_word(word: str, ctx: _Context) -> tuple[int | None, int] | None:
    """(year, month) named by 本月/上月/当月…; None when it cannot be resolved."""
    rel = _relative()[word]
    if rel.unit == "month" and ctx.published:
        return _shift_month(ctx.published.year, ctx.published.month, rel.offset)
    last = ctx.last_month
    if rel.unit == "context_month" and last is not None and last[0] is not None:
        return _shift_month(last[0], last[1], rel.offset)
    return None


def _month_period(year: int | None, month: int, g: dict[str, str | None]) -> tuple[str, str | None]:
    suffix = g.get("mx") or g.get("me")
    if g.get("d"):
        return "date", None if year is None else _iso_day(year, month, _int(g["d"]) or 1)
    if suffix is None:
        return "month", None if year is None else f"{year:04d}-{month:02d}"
    meaning = _suffixes()[suffix][0]
    if year is None:
        return {"end": "period_end", "start": "period_start"}.get(meaning, "interval"), None
    last = _last_day(year, month)
    if meaning == "end":
        return "period_end", _iso_day(year, month, last)
    if meaning == "start":
        return "period_start", _iso_day(year, month, 1)
    first, final = {"xun1": (1, 10), "xun2": (11, 20), "xun3": (21, last)}[meaning]
    return "interval", f"{_iso_day(year, month, first)}/{_iso_day(year, month, final)}"


def _quarter_period(year: int | None, quarter: int, suffix: str | None) -> tuple[str, str | None]:
    if suffix is None:
        return "quarter", None if year is None else f"{year:04d}-Q{quarter}"
    meaning = _suffixes()[suffix][0]
    kind = "period_end" if meaning == "end" else "period_start"
    if year is None:
        return kind, None
    if meaning == "end":
        month = quarter * 3
        return kind, _iso_day(year, month, _last_day(year, month))
    return kind, _iso_day(year, quarter * 3 - 2, 1)


def _year_period(year: int | None, suffix: str | None) -> tuple[str, str | None]:
    meaning = _suffixes()[suffix][0] if suffix else None
    if meaning == "end":
        return "period_end", None if year is None else f"{year:04d}-12-31"
    if meaning == "start":
        return "period_start", None if year is None else f"{year:04d}-01-01"
    return "year", None if year is None else f"{year:04d}"


def _calendar_month(
    g: dict[str, str | None], year: int | None, ctx: _Context, pos: int
) -> tuple[str, str | None] | None:
    """A mention with a month: 2026年4月末, 5月20日, 本月18日, 上月."""
    only_word = g.get("mrel") and not (g.get("d") or g.get("mx") or g.get("me"))
    if g.get("mrel"):
        resolved = _month_word(g["mrel"] or "", ctx)
        year, month = resolved if resolved else (None, 1)
    else:
        month = _int(g["m"]) or 1
    if g.get("d") and year is not None and (_int(g["d"]) or 0) > _last_day(year, month):
        return None
    if g.get("m") or year is not None:
        ctx.set_month(pos, year, month)
    kind, norm = _month_period(year, month, g)
    return ("relative" if only_word else kind), norm


def _calendar(cand: _Cand, ctx: _Context, hint: int | None) -> tuple[str, str | None] | None:
    """Year, month, day, quarter, half and their ends/starts, in any combination."""
    g = cand.groups
    year = _year_of(cand, ctx, hint)
    if g.get("m") or g.get("mrel"):
        return _calendar_month(g, year, ctx, cand.start)
    if g.get("q") or g.get("qq"):
        return _quarter_period(year, _int(g.get("q") or g["qq"]) or 1, g.get("qe"))
    if g.get("h") or g.get("hh"):
        half = 1 if (g.get("h") in ("上", "前") or g.get("hh") == "1") else 2
        if g.get("he"):
            if year is None:
                return "period_end", None
            return "period_end", f"{year:04d}-06-30" if half == 1 else f"{year:04d}-12-31"
        return "half", None if year is None else f"{year:04d}-H{half}"
    kind, norm = _year_period(year, g.get("ye"))
    if g.get("yrel") and not g.get("ye"):
        kind = "relative"
    return kind, norm


def _relative_word(word: str, ctx: _Context, pos: int) -> tuple[str, str | None]:
    rel = _relative()[word]
    pub = ctx.published
    if rel.unit in ("month", "context_month"):
        resolved = _month_word(word, ctx)
        return "relative", None if resolved is None else f"{resolved[0]:04d}-{resolved[1]:02d}"
    if rel.unit == "context_year":
        year = ctx.story_year(pos)
        return "relative", None if year is None else f"{year + rel.offset:04d}"
    if pub is None or rel.unit == "none":
        return "relative", None
    if rel.unit == "year":
        return "relative", f"{pub.year + rel.offset:04d}"
    if rel.unit == "quarter":
        year, month = _shift_month(pub.year, pub.month, 3 * rel.offset)
        return "relative", f"{year:04d}-Q{(month - 1) // 3 + 1}"
    day = _add_days(pub, (7 if rel.unit == "week" else 1) * rel.offset)
    if day is None:
        return "relative", None
    if rel.unit == "week":
        iso = day.isocalendar()
        return "relative", f"{iso[0]:04d}-W{iso[1]:02d}"
    return "relative", day.isoformat()


def _duration_parts(cand: _Cand, counted: bool = False) -> tuple[str, float] | None:
    """(ISO designator, count) of a duration-like mention; None if it is not one. ``counted``:
    a count word stands before it, so a unit that needs a bound word (30日) needs none."""
    g = cand.groups
    unit = re.sub("^个[多余半]", "个", g["unit"] or "")
    designator, multiplier, needs_bound, _ = _units().get(unit, ("Y", 1.0, False, ""))
    n_text = (g["n"] or "").replace(",", "")  # 35,000个小时
    value = cn_number(n_text)
    if value is None or value <= 0 or (n_text[:1] == "0" and n_text[1:2].isdigit()):
        return None  # 03年 is a year written short, not three years
    digitwise = len(n_text) > 1 and not any(ch in "十百.半" for ch in n_text)
    if unit == "年" and (value >= 1000 or (digitwise and not n_text.isdigit())):
        return None  # a year, not a count of years
    if cand.rule == "duration":
        if needs_bound and not (g.get("bound") or counted):
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


def _format_duration(parts: dict[str, float]) -> str:
    """ISO 8601 duration of designator -> count (MIN is minutes).

    >>> _format_duration({"Y": 1, "M": 3}), _format_duration({"D": 8, "H": 20, "MIN": 5})
    ('P1Y3M', 'P8DT20H5M')
    """

    def number(value: float) -> str:
        return str(int(value)) if value == int(value) else f"{value:g}"

    date = "".join(f"{number(parts[d])}{d}" for d in _DATE_DESIGNATORS if d in parts)
    time = "".join(f"{number(parts[d])}{d[0]}" for d in _TIME_DESIGNATORS if d in parts)
    return "P" + date + (f"T{time}" if time else "")


def _iso_duration(designator: str, value: float) -> str:
    """ISO 8601 duration; a fraction goes to the next smaller unit when it is whole there
    (a year's to months: 1.5年 is 18 months).

    >>> [_iso_duration(*a) for a in [("Y", 1.5), ("M", 6), ("H", 2), ("MIN", 30), ("H", 0.5)]]
    ['P18M', 'P6M', 'PT2H', 'PT30M', 'PT30M']
    >>> _iso_duration("D", 1.5), _iso_duration("M", 0.5)
    ('P1DT12H', 'P0.5M')
    """
    if designator == "Y" and value != int(value) and value * 12 == int(value * 12):
        return _format_duration({"M": value * 12})
    whole, fraction = int(value), value - int(value)
    if fraction and designator in _SMALLER:
        smaller, factor = _SMALLER[designator]
        if fraction * factor == int(fraction * factor):
            parts = {designator: float(whole)} if whole else {}
            return _format_duration({**parts, smaller: fraction * factor})
    return _format_duration({designator: value})


@cache
def _part_re() -> re.Pattern[str]:
    return re.compile(
        rf"(?P<n>{_NUMBER})(?:余|多)? ?(?P<unit>{_compound_units(True)})(?P<half>半)?"
    )


def _compound_parts(surface: str) -> dict[str, float] | None:
    """Designator -> count of a compound duration (1年零3个月); None unless it has two or more
    parts in different units.

    >>> _compound_parts("1年零3个月"), _compound_parts("两小时十分")
    ({'Y': 1.0, 'M': 3.0}, {'H': 2.0, 'MIN': 10.0})
    >>> _compound_parts("3个月2个月") is None
    True
    """
    total: dict[str, float] = {}
    for match in _part_re().finditer(surface):
        unit = re.sub("^个[多余半]", "个", match["unit"])
        short = {"时": ("H", 1.0), "分": ("MIN", 1.0)}
        designator, multiplier = short.get(unit) or _units()[unit][:2]
        value = cn_number(match["n"])
        if value is None or value <= 0 or designator in total:
            return None
        if unit == "年" and value >= 1000:
            return None  # a year, not a count of years
        if match["half"] or "个半" in match["unit"]:
            value += 0.5
        total[designator] = value * multiplier
    return total if len(total) >= 2 else None


_CLAUSE_START = frozenset("，。；：、！？!?;:,\n \u3000“\"‘'（(在从于")


def _relative_span(cand: _Cand, ctx: _Context) -> tuple[str, str | None] | None:
    """近三年, 过去十年, 未来五年: the span from publication back (or forward) that many units,
    day by day; null without a publication date or with an approximate count (近十余年).

    近 after a verb counts a length, not recent years: 工作近30年 is a duration."""
    g, pub = cand.groups, ctx.published
    before = ctx.text[cand.start - 1] if cand.start else "\n"
    if g["rel"] == "近" and not g.get("lai") and before not in _CLAUSE_START:
        parts = _duration_parts(cand, _counted(ctx.text, cand.start))
        return None if parts is None else ("duration", _iso_duration(*parts))
    unit = g["unit"] or ""
    value = (cn_number(g["n"] or "") or 0.0) * (12 if unit == "年" else 1)  # 过去半年: 6 months
    if pub is None or g.get("approx") or not value or value != int(value):
        return "relative", None
    n = int(value) * (1 if g["rel"] in ("未来", "今后") else -1)
    if unit in ("年", "个月"):
        year, month = _shift_month(pub.year, pub.month, n)
        other = None
        if 1 <= year <= 9999:
            other = datetime.date(year, month, min(pub.day, _last_day(year, month)))
    else:
        other = _add_days(pub, n * (1 if unit == "天" else 7))
    if other is None:
        return "relative", None
    first, last = sorted((pub, other))
    return "interval", f"{first.isoformat()}/{last.isoformat()}"


# ---------------------------------------------------------------- clock times


def _day_offset(g: dict[str, str | None]) -> int | None:
    """Days from publication that a time's day part names (昨晚 -1); None if it names none."""
    return _day_parts()[g["dp"]].offset if g.get("dp") else None


def _reading(g: dict[str, str | None]) -> tuple[int, int, int | None] | None:
    """(hour, minute, second) of a clock time as written; None if no such time of day."""
    if g.get("ch"):
        hour, minute = int(g["ch"] or 0), int(g["cm"] or 0)
        second = int(g["cs"]) if g.get("cs") else None
    else:
        hour = _int(g.get("h"))
        if g.get("half"):
            minute = 30
        elif g.get("qt"):
            minute = 15 * (_int(g["qt"]) or 1)
        else:
            minute = _int(g.get("mi") or g.get("mi2")) or 0
        second = _int(g["se"]) if g.get("se") else None
    if hour is None or hour > 24 or minute >= 60 or (second or 0) >= 60:
        return None
    if hour == 24 and (minute or second):
        return None
    return hour, minute, second


def _weak_time(g: dict[str, str | None]) -> bool:
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


def _clock(g: dict[str, str | None], default_rule: str | None) -> str | None:
    """HH:MM (HH:MM:SS when seconds are written) on the 24-hour clock; ``default_rule`` is the
    day part's rule carried over from the start of a range (下午1点到3点)."""
    reading = _reading(g)
    if reading is None:
        return None
    hour, minute, second = reading
    rule = default_rule
    if g.get("dp"):
        rule = _day_parts()[g["dp"] or ""].rule
    elif g.get("ampm"):
        rule = "pm" if (g["ampm"] or "")[0] in "pP" else "am"
        hour = 0 if rule == "am" and hour == 12 else hour
    text = f"{_to_24h(hour, rule):02d}:{minute:02d}"
    return text if second is None else f"{text}:{second:02d}"


def _clock_groups(cand: _Cand) -> dict[str, str | None]:
    return cand.parts[1].groups if cand.rule == "datetime" else cand.groups


def _time_point(
    cand: _Cand, ctx: _Context, default_rule: str | None
) -> tuple[str | None, str] | None:
    """(day, clock) of a time or day+time mention: day "" when the text names none, None when
    it names one that cannot be resolved; None if it is no time at all."""
    g = _clock_groups(cand)
    clock = _clock(g, default_rule)
    if clock is None:
        return None
    if cand.rule == "datetime":
        day = _normalize(cand.parts[0], ctx, None)
        if day is None:
            return None
        return (day[1][:10] if day[1] else None), clock
    offset = _day_offset(g)
    if offset is not None and ctx.published:
        day_of = _add_days(ctx.published, offset)
        return (day_of.isoformat() if day_of else None), clock
    return "", clock


def _iso_time(day: str | None, clock: str) -> str | None:
    return None if day is None else f"{day}T{clock}"


def _time(cand: _Cand, ctx: _Context) -> tuple[str, str | None] | None:
    if cand.rule == "time" and _weak_time(cand.groups):
        return None
    point = _time_point(cand, ctx, None)
    return None if point is None else ("time", _iso_time(*point))


def _time_interval(cand: _Cand, ctx: _Context) -> tuple[str, str | None] | None:
    """上午9时至11时, 9:30~11:30, 9日0时至18时: the right end takes the left end's day and day
    part when it writes none."""
    left, right = cand.parts
    start = _time_point(left, ctx, None)
    left_g, right_g = _clock_groups(left), _clock_groups(right)
    rule = None
    bare_right = right.rule == "time" and not (right_g.get("dp") or right_g.get("ampm"))
    if left_g.get("dp") and bare_right:
        rule = _day_parts()[left_g["dp"] or ""].rule
    end = _time_point(right, ctx, rule)
    if start is None or end is None:
        return None
    if end[0] == "" and right.rule == "time" and _day_offset(right_g) is None:
        end = (start[0], end[1])
    a, b = _iso_time(*start), _iso_time(*end)
    return "time", None if a is None or b is None else f"{a}/{b}"


def _ago(cand: _Cand, ctx: _Context) -> tuple[str, str | None]:
    """3年前, 两个月之前: that year, month or day counted back from publication. (N天后 is
    left a duration: in news it mostly counts from the story's own events.)"""
    pub = ctx.published
    value = cn_number(cand.groups["n"] or "") or 0.0
    if pub is None or cand.groups.get("approx"):
        return "relative", None  # 800多年前: no one year
    sign = -1
    unit = cand.groups["unit"]
    if unit == "年" and value == int(value):
        year = pub.year + sign * int(value)
        return "relative", f"{year:04d}" if 1 <= year <= 9999 else None
    if unit in ("年", "个月"):
        months = value * (12 if unit == "年" else 1)
        if months != int(months):
            return "relative", None
        year, month = _shift_month(pub.year, pub.month, sign * int(months))
        return "relative", f"{year:04d}-{month:02d}" if 1 <= year <= 9999 else None
    days = value * (1 if unit == "天" else 7)
    if days != int(days):
        return "relative", None
    day = _add_days(pub, sign * int(days))
    return "relative", None if day is None else day.isoformat()


_YEAR_WORDS = {"前": -2, "去": -1, "今": 0, "明": 1, "后": 2}


def _year_pair(g: dict[str, str | None], pub: datetime.date | None) -> tuple[str, str | None]:
    """今明两年: this year and the next, as an interval of years; None unless adjacent."""
    first, second = _YEAR_WORDS[g["ya"] or "今"], _YEAR_WORDS[g["yb"] or "明"]
    if second != first + 1:
        return "relative", None
    if pub is None:
        return "relative", None
    return "interval", f"{pub.year + first:04d}/{pub.year + second:04d}"


def _weekend(g: dict[str, str | None], pub: datetime.date | None) -> tuple[str, str | None]:
    """本周末, 上周末: the Saturday and Sunday of that ISO week."""
    if pub is None:
        return "relative", None
    weeks = {"上上": -2, "上": -1, "下": 1, "下下": 2}.get(g.get("wrel") or "", 0)
    saturday = _add_days(pub, 7 * weeks + 6 - pub.isoweekday())
    sunday = None if saturday is None else _add_days(saturday, 1)
    if saturday is None or sunday is None:
        return "relative", None
    return "interval", f"{saturday.isoformat()}/{sunday.isoformat()}"


def _weekday(g: dict[str, str | None], pub: datetime.date | None) -> tuple[str, str | None]:
    """周三, 上周三: that weekday in the publication week (or the week before/after)."""
    if pub is None:
        return "relative", None
    wd = g["wd"] or "日"
    weekday = 7 if wd in "日天" else int(wd) if wd.isdigit() else "一二三四五六".index(wd) + 1
    weeks = {"上上": -2, "上": -1, "下": 1, "下下": 2}.get(g.get("wrel") or "", 0)
    day = _add_days(pub, 7 * weeks + weekday - pub.isoweekday())
    return "relative", None if day is None else day.isoformat()


def _decade(g: dict[str, str | None], pub: datetime.date | None) -> tuple[str, str | None]:
    tens = int(cn_number(g["dec"] or "") or 0)
    last_century = (pub.year // 100 - 1) * 100 if pub else 1900  # 上世纪, written since 2001
    centuries = {"二十": 1900, "20": 1900, "十九": 1800, "19": 1800, "上": last_century}
    century = centuries.get(g.get("c") or "")
    if century is None:
        century = 1900 if tens >= 30 else None
    if century is None:
        return "interval", None
    return "interval", f"{century + tens}/{century + tens + 9}"


def _bare_day(cand: _Cand, ctx: _Context) -> tuple[str, str | None] | None:
    """20日: the month the text last spoke of, else the publication month; else dropped."""
    day = _int(cand.groups["d"]) or 0
    known = ctx.month(cand.start)
    if known is None and ctx.published:
        pub = ctx.published
        known = (pub.year, pub.month) if day <= pub.day else _shift_month(pub.year, pub.month, -1)
    if known is None:
        return None
    year, month = known
    if year is None:
        return "date", None
    if day > _last_day(year, month):
        return None
    return "date", _iso_day(year, month, day)


def _bare_month_end(cand: _Cand, ctx: _Context) -> tuple[str, str | None]:
    known = ctx.month(cand.start)
    if known is None and ctx.published:
        known = (ctx.published.year, ctx.published.month)
    if known is None or known[0] is None:
        return _month_period(None, 1, cand.groups)
    return _month_period(known[0], known[1], cand.groups)


def _ranges(cand: _Cand, ctx: _Context) -> tuple[str, str | None] | None:
    g = cand.groups
    if cand.rule == "year_range":
        y1, y2 = int(g["y1"] or 0), int(g["y2"] or 0)
        return ("interval", f"{y1:04d}/{y2:04d}") if y1 < y2 else None
    year = _year_of(cand, ctx, None)
    if cand.rule == "month_range":
        m1, m2 = _int(g["m1"]) or 0, _int(g["m2"]) or 0
        if m1 == m2:
            return None
        if year is None:
            return "interval", None
        y2, _ = (year + 1, 0) if m2 < m1 else (year, 0)
        ctx.set_month(cand.start, y2, m2)
        return "interval", f"{year:04d}-{m1:02d}/{y2:04d}-{m2:02d}"
    if cand.rule == "day_range":
        month, d1, d2 = _int(g["m"]) or 1, _int(g["d1"]) or 1, _int(g["d2"]) or 1
        ctx.set_month(cand.start, year, month)
        if d1 >= d2 or (year is not None and d2 > _last_day(year, month)):
            return None
        if year is None:
            return "interval", None
        return "interval", f"{_iso_day(year, month, d1)}/{_iso_day(year, month, d2)}"
    if cand.rule == "first_quarters":
        n = _int(g["qn"]) or 2
        return "interval", None if year is None else f"{year:04d}-Q1/{year:04d}-Q{n}"
    n = _int(g["mn"]) or 2
    return "interval", None if year is None else f"{year:04d}-01/{year:04d}-{n:02d}"


def _now_at(precision_of: str, pub: datetime.date) -> str:
    """The publication date written at the precision of ``precision_of``."""
    if "-Q" in precision_of:
        return f"{pub.year:04d}-Q{(pub.month - 1) // 3 + 1}"
    if "-H" in precision_of:
        return f"{pub.year:04d}-H{1 if pub.month <= 6 else 2}"
    return pub.isoformat()[: len(precision_of)]


def _interval(cand: _Cand, ctx: _Context) -> tuple[str, str | None] | None:
    left = _normalize(cand.parts[0], ctx, None)
    if left is None:
        return None
    a = left[1].split("/")[0] if left[1] else None
    if cand.rule == "until_now":
        if a is None:
            return "interval", None
        return "interval", f"{a}/{_now_at(a, ctx.published) if ctx.published else '..'}"
    right_cand = cand.parts[1]
    hint = int(a[:4]) if a and a[:4].isdigit() else None
    right = _normalize(right_cand, ctx, hint)
    if right is None or a is None or right[1] is None:
        return ("interval", None) if right is not None else None
    b = right[1].split("/")[-1]
    if b < a and hint is not None and _stated_year(right_cand, ctx.published) is None:
        right = _normalize(right_cand, ctx, hint + 1)  # 8月至2月: into the next year
        b = right[1].split("/")[-1] if right and right[1] else b
    return "interval", f"{a}/{b}"


def _normalize(cand: _Cand, ctx: _Context, hint: int | None) -> tuple[str, str | None] | None:
    """(kind, normalized) of a mention; None drops it (an impossible day, an unknown month)."""
    rule, g = cand.rule, cand.groups
    if rule == "calendar":
        return _calendar(cand, ctx, hint)
    if rule == "merged" and cand.parts[0].rule in _TIMES:
        return _time_interval(cand, ctx)
    if rule in ("merged", "until_now"):
        return _interval(cand, ctx)
    if rule in ("time", "datetime"):
        return _time(cand, ctx)
    if rule == "dated_weekday":
        return _normalize(cand.parts[0], ctx, hint)
    if rule == "holiday":
        year = _year_of(cand, ctx, hint)
        return "date", None if year is None else _holiday_day(g["hol"] or "", year)
    if rule in ("iso_day", "compact_day"):
        year, month, day = int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0)
        if day > _last_day(year, month):
            return None
        ctx.set_month(cand.start, year, month)
        return "date", _iso_day(year, month, day)
    if rule == "bare_day":
        return _bare_day(cand, ctx)
    if rule == "bare_month_end":
        return _bare_month_end(cand, ctx)
    if rule == "bare_year_end":
        return _year_period(hint if hint is not None else ctx.year(cand.start), g["ye"])
    if rule == "duration":
        parts = _duration_parts(cand, _counted(ctx.text, cand.start))
        return None if parts is None else ("duration", _iso_duration(*parts))
    if rule == "compound_duration":
        parts = _compound_parts(ctx.text[cand.start : cand.end])
        return None if parts is None else ("duration", _format_duration(parts))
    if rule == "relative_n":
        return _relative_span(cand, ctx)
    if rule == "ago":
        return _ago(cand, ctx)
    if rule == "decade":
        return _decade(g, ctx.published)
    if rule == "relative":
        return _relative_word(g["word"] or "", ctx, cand.start)
    if rule == "year_pair":
        return _year_pair(g, ctx.published)
    if rule == "weekend":
        return _weekend(g, ctx.published)
    if rule == "weekday":
        return _weekday(g, ctx.published)
    return _ranges(cand, ctx)


# ---------------------------------------------------------------- public API


def extract_dates(
    text: str,
    *,
    published: datetime.date | None = None,
    default_year: int | None = None,
) -> list[DateMention]:
    """Every date, period, relative expression and duration in ``text``, sorted by start.

    >>> [(d.surface, d.kind, d.normalized) for d in extract_dates("截至2026年4月末，1个月内")]
    [('2026年4月末', 'period_end', '2026-04-30'), ('1个月内', 'duration', 'P1M')]
    >>> [(d.surface, d.normalized) for d in extract_dates("一季度末", default_year=2024)]
    [('一季度末', '2024-03-31')]
    >>> pub = datetime.date(2026, 5, 20)
    >>> [(d.surface, d.normalized) for d in extract_dates("去年", published=pub)]
    [('去年', '2025')]
    >>> [(d.surface, d.kind, d.normalized) for d in extract_dates("今天下午3点半", published=pub)]
    [('今天下午3点半', 'time', '2026-05-20T15:30')]
    """
    scan = text.translate(_scan_table())
    cands = _merge_intervals(scan, _select(scan, _candidates(scan)))
    years = [(c.start, y) for c in cands if (y := _context_year(c, published)) is not None]
    ctx = _Context(scan, published, default_year, years)
    mentions = []
    for cand in cands:
        result = _normalize(cand, ctx, None)
        if result is None:
            continue
        kind, normalized = result
        surface = text[cand.start : cand.end]
        if mentions and mentions[-1].end == cand.start and _echoes(surface):
            continue  # 5月当月, 2025年当年: the date just named, said again
        mentions.append(DateMention("", None, cand.start, cand.end, surface, kind, normalized))
    return mentions


def _echoes(surface: str) -> bool:
    """Whether the word points back to the date before it (当月, 当年, 同年).

    >>> _echoes("当月"), _echoes("今年")
    (True, False)
    """
    rel = _relative().get(surface)
    return rel is not None and rel.unit.startswith("context_")


_WEEKDAY = r"(?:星期|礼拜|周)[一二三四五六日天]"
_FULL_DATE = re.compile(
    rf"(?<![0-9])(?P<y>(?:19|20)[0-9]{{2}}) ?(?:年 ?(?P<m>{_AR_MONTH}) ?月 ?(?P<d>{_AR_DAY}) ?日"
    rf"|(?P<s>[-/.])(?P<m2>{_AR_MONTH})(?P=s)(?P<d2>{_AR_DAY})(?![0-9]))"
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
    line = line.translate(_ASCII_DIGITS).strip()
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
    >>> find_published("截至2026年4月末，贷款余额增长。") is None
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
