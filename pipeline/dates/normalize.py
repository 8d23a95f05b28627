"""Normalizers of the calendar rules: each turns a candidate into (kind, normalized), resolved
against the context (the text's years, the publication date), or None to drop it.

Every normalizer takes (candidate, context, hint): ``hint`` is the year of an interval's left
end, which a right end that states none shares (2025年8月至10月)."""

from __future__ import annotations

import datetime

from pipeline.dates.candidates import Candidate, Groups, Reading
from pipeline.dates.days import add_days, iso_day, last_day, shift_month, to_int
from pipeline.dates.durations import duration_parts, iso_duration
from pipeline.dates.lexicons import (
    counted,
    holiday_day,
    is_comparison_base,
    name_after_year,
    relative_words,
    suffixes,
)
from pipeline.dates.resolve import Context, year_of
from pipeline.zh.numerals import parse_number


def _month_word(word: str, ctx: Context, pos: int) -> tuple[int | None, int] | None:
    """(year, month) named by 本月/上月/当月…; None when it cannot be resolved."""
    rel = relative_words()[word]
    reported = ctx.reported_month()
    if reported is not None and is_comparison_base(ctx.text, pos, word):
        ctx.last_base_pos = pos
        return shift_month(reported[0], reported[1], rel.offset)  # 3月…比上月: February
    if reported is not None and rel.unit == "month" and not rel.offset and ctx.in_report(pos):
        return reported  # 3月…比上月…。本月: March
    if rel.unit == "month" and ctx.published:
        return shift_month(ctx.published.year, ctx.published.month, rel.offset)
    last = ctx.last_month
    if rel.unit == "context_month" and last is not None and last[0] is not None:
        return shift_month(last[0], last[1], rel.offset)
    return None


def _month_period(year: int | None, month: int, g: Groups) -> Reading:
    suffix = g.get("mx") or g.get("me")
    if g.get("d"):
        return "date", None if year is None else iso_day(year, month, to_int(g["d"]) or 1)
    if suffix is None:
        return "month", None if year is None else f"{year:04d}-{month:02d}"
    meaning = suffixes()[suffix][0]
    if year is None:
        return {"end": "period_end", "start": "period_start"}.get(meaning, "interval"), None
    last = last_day(year, month)
    if meaning == "end":
        return "period_end", iso_day(year, month, last)
    if meaning == "start":
        return "period_start", iso_day(year, month, 1)
    first, final = {"xun1": (1, 10), "xun2": (11, 20), "xun3": (21, last)}[meaning]
    return "interval", f"{iso_day(year, month, first)}/{iso_day(year, month, final)}"


def _quarter_period(year: int | None, quarter: int, suffix: str | None) -> Reading:
    if suffix is None:
        return "quarter", None if year is None else f"{year:04d}-Q{quarter}"
    meaning = suffixes()[suffix][0]
    kind = "period_end" if meaning == "end" else "period_start"
    if year is None:
        return kind, None
    if meaning == "end":
        month = quarter * 3
        return kind, iso_day(year, month, last_day(year, month))
    return kind, iso_day(year, quarter * 3 - 2, 1)


def _year_period(year: int | None, suffix: str | None) -> Reading:
    meaning = suffixes()[suffix][0] if suffix else None
    if meaning == "end":
        return "period_end", None if year is None else f"{year:04d}-12-31"
    if meaning == "start":
        return "period_start", None if year is None else f"{year:04d}-01-01"
    return "year", None if year is None else f"{year:04d}"


def _calendar_month(g: Groups, year: int | None, ctx: Context, pos: int) -> Reading | None:
    """A mention with a month: 2025年9月末, 5月20日, 本月18日, 上月."""
    only_word = g.get("mrel") and not (g.get("d") or g.get("mx") or g.get("me"))
    base = False
    if g.get("mrel"):
        resolved = _month_word(g["mrel"] or "", ctx, pos)
        year, month = resolved if resolved else (None, 1)
        base = is_comparison_base(ctx.text, pos, g["mrel"] or "")
    else:
        month = to_int(g["m"]) or 1
    if g.get("d") and year is not None and (to_int(g["d"]) or 0) > last_day(year, month):
        return None
    if (g.get("m") or year is not None) and not base:  # a base is not what the text reports
        ctx.set_month(pos, year, month)
    kind, norm = _month_period(year, month, g)
    return ("relative" if only_word else kind), norm


def calendar(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """Year, month, day, quarter, half and their ends/starts, in any combination."""
    g = cand.groups
    year = year_of(cand, ctx, hint)
    if g.get("m") or g.get("mrel"):
        return _calendar_month(g, year, ctx, cand.start)
    if g.get("q") or g.get("qq"):
        return _quarter_period(year, to_int(g.get("q") or g["qq"]) or 1, g.get("qe"))
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


def _relative_word(word: str, ctx: Context, pos: int) -> Reading:
    rel = relative_words()[word]
    pub = ctx.published
    if rel.unit in ("month", "context_month"):
        resolved = _month_word(word, ctx, pos)
        return "relative", None if resolved is None else f"{resolved[0]:04d}-{resolved[1]:02d}"
    if rel.unit == "context_year":
        year = ctx.story_year(pos)
        return "relative", None if year is None else f"{year + rel.offset:04d}"
    if pub is None or rel.unit == "none":
        return "relative", None
    if rel.unit == "year":
        return "relative", f"{pub.year + rel.offset:04d}"
    if rel.unit == "quarter":
        year, month = shift_month(pub.year, pub.month, 3 * rel.offset)
        return "relative", f"{year:04d}-Q{(month - 1) // 3 + 1}"
    day = add_days(pub, (7 if rel.unit == "week" else 1) * rel.offset)
    if day is None:
        return "relative", None
    if rel.unit == "week":
        iso = day.isocalendar()
        return "relative", f"{iso[0]:04d}-W{iso[1]:02d}"
    return "relative", day.isoformat()


# Units counted exactly; 个多月 and 个余月 are approximate.
_EXACT_UNITS = frozenset({"年", "个月", "天", "周", "个星期"})
_CLAUSE_START = frozenset("，。；：、！？!?;:,\n \u3000“\"‘'（(在从于")


def relative_span(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """近三年, 过去十年, 未来五年: the span from publication back (or forward) that many units,
    day by day; null without a publication date or with an approximate count (近十余年).

    近 after a verb counts a length, not recent years: 工作近30年 is a duration."""
    g, pub = cand.groups, ctx.published
    before = ctx.text[cand.start - 1] if cand.start else "\n"
    if g["rel"] == "近" and not g.get("lai") and before not in _CLAUSE_START:
        if g.get("vague"):
            return "duration", None  # 工作近几十年: a length, but no one number
        parts = duration_parts(cand, counted(ctx.text, cand.start))
        return None if parts is None else ("duration", iso_duration(*parts))
    unit = g["unit"] or ""
    value = (parse_number(g["n"] or "") or 0.0) * (12 if unit == "年" else 1)  # 过去半年: 6 months
    exact = g.get("approx") is None and unit in _EXACT_UNITS  # not 近十余年, 近两个多月
    if pub is None or not exact or not value or value != int(value):
        return "relative", None
    n = int(value) * (1 if g["rel"] in ("未来", "今后") else -1)
    if unit in ("年", "个月"):
        year, month = shift_month(pub.year, pub.month, n)
        other = None
        if 1 <= year <= 9999:
            other = datetime.date(year, month, min(pub.day, last_day(year, month)))
    else:
        other = add_days(pub, n * (1 if unit == "天" else 7))
    if other is None:
        return "relative", None
    first, last = sorted((pub, other))
    return "interval", f"{first.isoformat()}/{last.isoformat()}"


def ago(cand: Candidate, ctx: Context, hint: int | None) -> Reading:
    """3年前, 两个月之前: that year, month or day counted back from publication. (N天后 is
    left a duration: in news it mostly counts from the story's own events.)"""
    pub, g = ctx.published, cand.groups
    value = parse_number(g["n"] or "") or 0.0
    if pub is None or g.get("approx") or g.get("vague") or g["unit"] not in _EXACT_UNITS:
        return "relative", None  # 800多年前, 几天前, 两个多月前: no one day or year
    sign = -1
    unit = g["unit"]
    if unit == "年" and value == int(value):
        year = pub.year + sign * int(value)
        return "relative", f"{year:04d}" if 1 <= year <= 9999 else None
    if unit in ("年", "个月"):
        months = value * (12 if unit == "年" else 1)
        if months != int(months):
            return "relative", None
        year, month = shift_month(pub.year, pub.month, sign * int(months))
        return "relative", f"{year:04d}-{month:02d}" if 1 <= year <= 9999 else None
    days = value * (1 if unit == "天" else 7)
    if days != int(days):
        return "relative", None
    day = add_days(pub, sign * int(days))
    return "relative", None if day is None else day.isoformat()


_YEAR_WORDS = {"前": -2, "去": -1, "今": 0, "明": 1, "后": 2}


def year_pair(cand: Candidate, ctx: Context, hint: int | None) -> Reading:
    """今明两年: this year and the next, as an interval of years; None unless adjacent."""
    g, pub = cand.groups, ctx.published
    first, second = _YEAR_WORDS[g["ya"] or "今"], _YEAR_WORDS[g["yb"] or "明"]
    if second != first + 1:
        return "relative", None
    if pub is None:
        return "relative", None
    return "interval", f"{pub.year + first:04d}/{pub.year + second:04d}"


def weekend(cand: Candidate, ctx: Context, hint: int | None) -> Reading:
    """本周末, 上周末: the Saturday and Sunday of that ISO week."""
    saturday = _day_of_week(ctx.published, cand.groups.get("wrel"), 6)
    sunday = None if saturday is None else add_days(saturday, 1)
    if saturday is None or sunday is None:
        return "relative", None
    return "interval", f"{saturday.isoformat()}/{sunday.isoformat()}"


def weekday(cand: Candidate, ctx: Context, hint: int | None) -> Reading:
    """周三, 上周三: that weekday in the publication week (or the week before/after)."""
    wd = cand.groups["wd"] or "日"
    number = 7 if wd in "日天" else int(wd) if wd.isdigit() else "一二三四五六".index(wd) + 1
    day = _day_of_week(ctx.published, cand.groups.get("wrel"), number)
    return "relative", None if day is None else day.isoformat()


_WEEK_SHIFTS = {"上上": -2, "上": -1, "下": 1, "下下": 2}


def _day_of_week(pub: datetime.date | None, shift: str | None, number: int) -> datetime.date | None:
    """Weekday ``number`` (1 Monday .. 7 Sunday) of the publication week, or of the week
    ``shift`` (上, 下下, ...) names; None without a publication date."""
    if pub is None:
        return None
    weeks = _WEEK_SHIFTS.get(shift or "", 0)
    return add_days(pub, 7 * weeks + number - pub.isoweekday())


def decade(cand: Candidate, ctx: Context, hint: int | None) -> Reading:
    """90年代, 上世纪八十年代: the decade's ten years."""
    g, pub = cand.groups, ctx.published
    tens = int(parse_number(g["dec"] or "") or 0)
    last_century = (pub.year // 100 - 1) * 100 if pub else 1900  # 上世纪, written since 2001
    centuries = {"二十": 1900, "20": 1900, "十九": 1800, "19": 1800, "上": last_century}
    century = centuries.get(g.get("c") or "")
    if century is None:
        century = 1900 if tens >= 30 else None
    if century is None:
        return "interval", None
    return "interval", f"{century + tens}/{century + tens + 9}"


# The first two five-year plans ran 1953–1962; after three years of adjustment the third began
# in 1966, and each later one five years on (the 14th: 2021–2025).
_THIRD_PLAN = 1966


def plan(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """“十四五”时期: the plan's five years (2021/2025); its 末 the last day, its 初 the first.

    >>> from pipeline.dates import extract_dates
    >>> [(d.surface, d.normalized) for d in extract_dates("“十一五”末和十四五期间")]
    [('“十一五”末', '2010-12-31'), ('十四五期间', '2021/2025')]
    """
    g = cand.groups
    number = parse_number(g.get("pq") or g.get("pn") or "")
    if number is None or not 1 <= number <= 30:
        return None
    n = int(number)
    first = 1953 + 5 * (n - 1) if n <= 2 else _THIRD_PLAN + 5 * (n - 3)
    part = g.get("pp")
    if part == "末":
        return "period_end", f"{first + 4}-12-31"
    if part == "初":
        return "period_start", f"{first}-01-01"
    return "interval", f"{first}/{first + 4}"


def bare_day(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """20日: the month the text last spoke of, else the publication month; else dropped."""
    day = to_int(cand.groups["d"]) or 0
    known = ctx.month(cand.start)
    if known is None and ctx.published:
        pub = ctx.published
        known = (pub.year, pub.month) if day <= pub.day else shift_month(pub.year, pub.month, -1)
    if known is None:
        return None
    year, month = known
    if year is None:
        return "date", None
    if day > last_day(year, month):
        return None
    return "date", iso_day(year, month, day)


def bare_month_end(cand: Candidate, ctx: Context, hint: int | None) -> Reading:
    """月底, 月初: of the month the text last spoke of, else the publication month."""
    known = ctx.month(cand.start)
    if known is None and ctx.published:
        known = (ctx.published.year, ctx.published.month)
    if known is None or known[0] is None:
        return _month_period(None, 1, cand.groups)
    return _month_period(known[0], known[1], cand.groups)


def year_range(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """2024—2026年: from the first year to the last."""
    y1, y2 = int(cand.groups["y1"] or 0), int(cand.groups["y2"] or 0)
    return ("interval", f"{y1:04d}/{y2:04d}") if y1 < y2 else None


def month_range(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """1—4月, 11月至次年2月 (the second month before the first is in the next year)."""
    g, year = cand.groups, year_of(cand, ctx, None)
    m1, m2 = to_int(g["m1"]) or 0, to_int(g["m2"]) or 0
    if m1 == m2:
        return None
    if year is None:
        return "interval", None
    y2 = year + 1 if m2 < m1 else year
    ctx.set_month(cand.start, y2, m2)
    return "interval", f"{year:04d}-{m1:02d}/{y2:04d}-{m2:02d}"


def day_range(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """5月8日至10日."""
    g, year = cand.groups, year_of(cand, ctx, None)
    month, d1, d2 = to_int(g["m"]) or 1, to_int(g["d1"]) or 1, to_int(g["d2"]) or 1
    ctx.set_month(cand.start, year, month)
    if d1 >= d2 or (year is not None and d2 > last_day(year, month)):
        return None
    if year is None:
        return "interval", None
    return "interval", f"{iso_day(year, month, d1)}/{iso_day(year, month, d2)}"


def first_quarters(cand: Candidate, ctx: Context, hint: int | None) -> Reading:
    """前三季度: the first quarter to the n-th."""
    year, n = year_of(cand, ctx, None), to_int(cand.groups["qn"]) or 2
    return "interval", None if year is None else f"{year:04d}-Q1/{year:04d}-Q{n}"


def first_months(cand: Candidate, ctx: Context, hint: int | None) -> Reading:
    """前4个月: January to the n-th month."""
    year, n = year_of(cand, ctx, None), to_int(cand.groups["mn"]) or 2
    return "interval", None if year is None else f"{year:04d}-01/{year:04d}-{n:02d}"


def holiday(cand: Candidate, ctx: Context, hint: int | None) -> Reading:
    """国庆节, 2025年春节: the holiday's day in its year."""
    year = year_of(cand, ctx, hint)
    return "date", None if year is None else holiday_day(cand.groups["hol"] or "", year)


def written_day(cand: Candidate, ctx: Context, hint: int | None) -> Reading | None:
    """2026-05-20, 20260520: a day written out in digits."""
    g = cand.groups
    year, month, day = int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0)
    if day > last_day(year, month):
        return None
    ctx.set_month(cand.start, year, month)
    return "date", iso_day(year, month, day)


def bare_year_end(cand: Candidate, ctx: Context, hint: int | None) -> Reading:
    """年底, 年初 without a year: the year the context gives."""
    return _year_period(hint if hint is not None else ctx.year(cand.start), cand.groups["ye"])


def relative(cand: Candidate, ctx: Context, hint: int | None) -> Reading:
    """去年, 本月, 当年, 近日 (see relative.tsv)."""
    return _relative_word(cand.groups["word"] or "", ctx, cand.start)


# ---------------------------------------------------------------- checks a pattern cannot express


def _is_name_year(text: str, cand: Candidate) -> bool:
    """A bare year written right before an event/organization name is part of that name."""
    g = cand.groups
    parts = ("m", "mrel", "q", "qq", "h", "hh", "ye", "d")
    bare_year = g.get("y") and not any(g.get(k) for k in parts)
    return bool(bare_year and name_after_year().match(text, cand.end))


def valid_calendar(text: str, cand: Candidate) -> bool:
    """A calendar match names a unit, a real day, and is no part of a name."""
    g = cand.groups
    if not any(g.get(k) for k in ("m", "mrel", "q", "qq", "h", "hh", "y", "y2", "yrel")):
        return False
    if g.get("ye") and not (g.get("y") or g.get("yrel")):
        return False  # 年末 alone is the bare_year_end rule
    if g.get("yq") and not (g.get("qq") or g.get("hh")):
        return False  # 2026 without 年 is only a year before Q1/H1
    if g.get("d") and g.get("m"):
        year = to_int(g.get("y")) or 2024  # a leap year when unknown: 2月29日 may exist
        if (to_int(g["d"]) or 0) > last_day(year, to_int(g["m"]) or 1):
            return False
    return not _is_name_year(text, cand)


def valid_bare_day(text: str, cand: Candidate) -> bool:
    """20日 after a count word (提前30日) counts days."""
    return not counted(text, cand.start)


def valid_count(text: str, cand: Candidate) -> bool:
    """近三年, 3年前: the count reads as one (or is vague on purpose: 几天前)."""
    return cand.groups.get("vague") is not None or duration_parts(cand) is not None
