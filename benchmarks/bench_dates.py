"""Score ``pipeline.dates.extract_dates`` on the date, time and duration benchmark cases, beside
jionlp's time parser on the same cases.

    python benchmarks/bench_dates.py ../shared/benchmarks/numbers_dev.jsonl [--page PAGE.txt]

Cases (schema in NUMBERS_SOURCES.md): ``span_mode`` "whole" means the whole text is one
expression; "sentence" means every expected mention must be found inside the text. A case is
right when every expected mention is found with the same surface and ``normalized`` (a negative
case: when nothing is found). ``reference_date`` is passed as the publication date.

Two scores for us: strict (our output exactly as the benchmark writes it), and
convention-mapped, where a different but equivalent way of writing the same answer counts:

- X季度末: the JioNLP source writes the quarter's last month (2013-03), we its last day
  (2013-03-31).
- calendar spans are compared by the days they cover: 2021-Q1/2021-Q2 = 2021-H1,
  2015-01/2015-12 = 2015.
- durations are compared by length: P4W = P28D, P6M = P0.5Y, PT30M = PT0.5H, PT330S = PT5M30S
  (a month is twelve to a year; days, hours, minutes and seconds convert exactly).
- clock times: the sources write seconds (T21:30:00) or only the hour (2021-06-14T23) where we
  write HH:MM; and Duckling/JioNLP put a time with no day on the reference day, where we write
  it without a day (T15:30) unless the text names the day (今天15:30).
- Recognizers-Text ranges end exclusively: 5月-10月 is written 2018-05/2018-09 (the range stops
  as October starts), 1995-1997年 1995/1996, 过去十年 ending the day before the reference date;
  our ends are inclusive (2018-05/2018-10).
- Recognizers-Text puts the words around a date into its span (自2016年9月1日起,
  2015年1月1日或之前, 截止到2018年); by our conventions (截至 is not part of the surface) they stay
  outside, so mapped also accepts the expected surface without them. jionlp gets this too.

Not mapped (real differences): Duckling reads a bare weekday (周一) as the next one, we as the
one in the publication week; lunar dates; interval readings of 三天后 or 上午.

jionlp gets the most generous reading of its output: any ISO rendering of its time span that
equals the expected one. ``--page`` also times extract_dates on a page (characters per second).
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import importlib.util
import io
import itertools
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path
from typing import Any

from pipeline.dates import extract_dates

KINDS = ("date", "time", "duration", "datetime_mixed")
Case = dict[str, Any]
Found = list[tuple[str, set[str]]]  # (surface, acceptable normalized strings)


def load_cases(path: Path) -> list[Case]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [r for r in rows if r["kind"] in KINDS]


def reference(case: Case) -> datetime.datetime | None:
    ref = case.get("reference_date")
    return datetime.datetime.fromisoformat(ref) if ref else None


# ---------------------------------------------------------------- ours


def ours(case: Case, mapped: bool) -> Found:
    ref = reference(case)
    mentions = extract_dates(case["text"], published=ref.date() if ref else None)
    found = []
    for m in mentions:
        norms = {m.normalized} if m.normalized else {"null"}
        if mapped and m.normalized:
            norms |= mapped_forms(m.surface, m.kind, m.normalized, case)
        found.append((m.surface, norms))
    return found


def mapped_forms(surface: str, kind: str, normalized: str, case: Case) -> set[str]:
    """Other ways of writing our answer that the benchmark's sources use (module docstring)."""
    forms = set()
    if "季度末" in surface and len(normalized) == 10:
        forms.add(normalized[:7])
    if kind == "time":
        ref = reference(case)
        day = ref.date().isoformat() if ref else None
        sides = [time_forms(side, day) for side in normalized.split("/")]
        forms |= {"/".join(combo) for combo in itertools.product(*sides)}
    if case["source"].startswith("microsoft/") and "/" in normalized and kind != "time":
        start, end = normalized.split("/")
        if (before := one_unit_before(end)) is not None:
            forms.add(f"{start}/{before}")
    return forms


def time_forms(iso: str, reference_day: str | None) -> set[str]:
    """T15:30 -> also T15:30:00, and on the reference day; 2021-06-14T23:00 -> also ...T23.

    >>> sorted(time_forms("T15:00", "2013-02-12"))  # doctest: +NORMALIZE_WHITESPACE
    ['2013-02-12T15', '2013-02-12T15:00', '2013-02-12T15:00:00', 'T15', 'T15:00', 'T15:00:00']
    """
    days = {iso}
    if iso.startswith("T") and reference_day:
        days.add(reference_day + iso)
    forms = set()
    for form in days:
        forms.add(form)
        if re.search(r"T[0-9]{2}:[0-9]{2}$", form):
            forms.add(form + ":00")
            if form.endswith(":00"):
                forms.add(form[:-3])
    return forms


def one_unit_before(iso: str) -> str | None:
    """The year, month or day before (an exclusive end as an inclusive one).

    >>> one_unit_before("2018-10"), one_unit_before("1997"), one_unit_before("2018-03-01")
    ('2018-09', '1996', '2018-02-28')
    """
    if re.fullmatch(r"[0-9]{4}", iso):
        return f"{int(iso) - 1:04d}"
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}", iso):
        year, month = int(iso[:4]), int(iso[5:])
        index = year * 12 + month - 2
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", iso):
        return (datetime.date.fromisoformat(iso) - datetime.timedelta(days=1)).isoformat()
    return None


def _period_days(iso: str) -> tuple[datetime.date, datetime.date] | None:
    """First and last day of a year, half, quarter, ISO week, month or day."""
    try:
        if m := re.fullmatch(r"([0-9]{4})(?:-([HQ])([1-4]))?", iso):
            year = int(m[1])
            months = {"H": 6, "Q": 3}.get(m[2] or "", 12)
            first = (int(m[3] or 1) - 1) * months + 1
            last = first + months - 1
            end = datetime.date(year, last, calendar.monthrange(year, last)[1])
            return datetime.date(year, first, 1), end
        if m := re.fullmatch(r"([0-9]{4})-W([0-9]{2})", iso):
            monday = datetime.date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + datetime.timedelta(days=6)
        if m := re.fullmatch(r"([0-9]{4})-([0-9]{2})", iso):
            year, month = int(m[1]), int(m[2])
            last_day = calendar.monthrange(year, month)[1]
            return datetime.date(year, month, 1), datetime.date(year, month, last_day)
        day = datetime.date.fromisoformat(iso)
        return day, day
    except ValueError:
        return None


def calendar_span(iso: str) -> tuple[datetime.date, datetime.date] | None:
    """Days an ISO date, period or a/b interval covers: equal spans written otherwise compare
    equal.

    >>> calendar_span("2021-Q1/2021-Q2") == calendar_span("2021-H1")
    True
    >>> calendar_span("2015-01/2015-12") == calendar_span("2015"), calendar_span("T10:00")
    (True, None)
    """
    ends = [_period_days(part) for part in iso.split("/")]
    if len(ends) > 2 or any(e is None for e in ends):
        return None
    return ends[0][0], ends[-1][1]  # type: ignore[index]


_DURATION = re.compile(
    r"P(?:([0-9.]+)Y)?(?:([0-9.]+)M)?(?:([0-9.]+)W)?(?:([0-9.]+)D)?"
    r"(?:T(?:([0-9.]+)H)?(?:([0-9.]+)M)?(?:([0-9.]+)S)?)?"
)


def duration_length(iso: str) -> tuple[float, float] | None:
    """(months, seconds) of an ISO 8601 duration: equal lengths in other units compare equal.

    >>> duration_length("P4W") == duration_length("P28D"), duration_length("P6M")
    (True, (6.0, 0.0))
    >>> duration_length("PT330S") == duration_length("PT5M30S") == duration_length("PT5.5M")
    True
    """
    match = _DURATION.fullmatch(iso)
    if not match or iso in ("P", "PT"):
        return None
    y, mo, w, d, h, mi, s = (float(v) if v else 0.0 for v in match.groups())
    return y * 12 + mo, round(((w * 7 + d) * 24 + h) * 3600 + mi * 60 + s, 3)


# ---------------------------------------------------------------- jionlp


def _whole_day(start: datetime.datetime, end: datetime.datetime) -> bool:
    return start.time() == datetime.time(0, 0) and end.time() == datetime.time(23, 59, 59)


def _calendar_names(start: datetime.date, end: datetime.date) -> set[str]:
    """ISO names of a day span: the day, month, ISO week, quarter, half, year, or intervals."""
    names = {f"{start}/{end}"}
    if start == end:
        names.add(start.isoformat())
    month_end = calendar.monthrange(end.year, end.month)[1]
    if start.day == 1 and end.day == month_end:
        names.add(f"{start:%Y-%m}/{end:%Y-%m}")
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        if months == 1:
            names.add(f"{start:%Y-%m}")
        if months == 3 and start.month % 3 == 1:
            names.add(f"{start.year}-Q{start.month // 3 + 1}")
        if months == 6 and start.month in (1, 7):
            names.add(f"{start.year}-H{1 if start.month == 1 else 2}")
        if start.month == 1 and end.month == 12:
            names.add(f"{start.year}" if start.year == end.year else f"{start.year}/{end.year}")
    if (end - start).days == 6 and start.isoweekday() == 1:
        iso = start.isocalendar()
        names.add(f"{iso[0]}-W{iso[1]:02d}")
    return names


def _time_names(start: datetime.datetime, end: datetime.datetime) -> set[str]:
    fmts = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%dT%H", "T%H:%M:%S")
    names = set()
    for fmt in fmts:
        names.add(start.strftime(fmt))
        names.add(f"{start.strftime(fmt)}/{end.strftime(fmt)}")
    return names


def _delta_names(delta: dict[str, float]) -> set[str]:
    units = [("year", "Y"), ("month", "M"), ("day", "D")]
    times = [("hour", "H"), ("minute", "M"), ("second", "S")]

    def part(pairs: list[tuple[str, str]]) -> str:
        out = ""
        for key, letter in pairs:
            if delta.get(key):
                value = delta[key]
                out += f"{int(value) if value == int(value) else value}{letter}"
        return out

    date_part, time_part = part(units), part(times)
    name = "P" + date_part + (f"T{time_part}" if time_part else "")
    return {name} if name != "P" else set()


def jio_names(result: dict[str, Any]) -> set[str]:
    """Every ISO rendering of a jionlp ``parse_time`` result."""
    kind, value = result.get("type"), result.get("time")
    if kind == "time_delta":
        delta = value[0] if isinstance(value, list) else value
        return _delta_names(delta) if isinstance(delta, dict) else set()
    if kind not in ("time_point", "time_span") or not isinstance(value, list):
        return set()
    if any(v == "inf" or not isinstance(v, str) for v in value):
        return set()
    start, end = (datetime.datetime.fromisoformat(v) for v in value)
    if _whole_day(start, end):
        return _calendar_names(start.date(), end.date())
    return _time_names(start, end)


def _quiet(fn: Callable[[], Any]) -> Any:
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        return fn()


def jionlp_found(case: Case) -> Found:
    import jionlp as jio

    ref = reference(case) or datetime.datetime(2026, 5, 20)
    base = ref.timestamp()
    text = case["text"]
    try:
        if case["span_mode"] == "whole":
            return [(text, jio_names(_quiet(lambda: jio.parse_time(text, time_base=base))))]
        items = _quiet(lambda: jio.extract_time(text, time_base=base, with_parsing=True))
    except Exception:  # jionlp raises on strings it cannot parse: a miss, not a crash
        return []
    return [(it["text"], jio_names(it.get("detail") or {})) for it in items]


# ---------------------------------------------------------------- scoring


# Words Recognizers-Text keeps in a date's span that our conventions leave out.
_AROUND = re.compile(
    r"^(?:从|自从|自|截止到|截止|截至|在)|"
    r"(?:或之前|或之后|或以前|或以后|及以前|及以后|及之前|及之后|之前|之后|以前|以后|开始|起|止)$"
)


def surfaces(expected: str, mapped: bool) -> set[str]:
    """The expected surface, and when mapped also without the words around the date."""
    if not mapped:
        return {expected}
    return {expected, _AROUND.sub("", _AROUND.sub("", expected))}


def correct(case: Case, found: Found, mapped: bool = False) -> tuple[bool, bool]:
    """(span right, span and normalized right) for a case."""
    expected = case["expected"]
    if not expected:
        return not found, not found

    def value_ok(e: dict[str, Any], norms: set[str]) -> bool:
        norm = e["normalized"] or "null"
        if norm in norms:
            return True
        if not mapped:
            return False
        if norm.startswith("P"):
            length = duration_length(norm)
            return length is not None and length in {duration_length(n) for n in norms}
        days = calendar_span(norm)
        return days is not None and days in {calendar_span(n) for n in norms}

    spans_ok = all(any(s in surfaces(e["surface"], mapped) for s, _ in found) for e in expected)
    full_ok = all(
        any(s in surfaces(e["surface"], mapped) and value_ok(e, norms) for s, norms in found)
        for e in expected
    )
    return spans_ok, full_ok


def groups(case: Case) -> Iterable[str]:
    yield f"kind={case['kind']}"
    yield f"source={case['source'].split(':')[0]}"
    tags = set(case.get("tags") or [])
    if tags & {"news_marker", "prose"}:
        yield "news subset (news_marker or prose)"
    yield "all"


def score(cases: list[Case]) -> None:
    systems = {
        "ours strict": (lambda c: ours(c, mapped=False), False),
        "ours mapped": (lambda c: ours(c, mapped=True), True),
    }
    if importlib.util.find_spec("jionlp") is not None:  # the comparison column is optional
        systems["jionlp"] = (jionlp_found, True)
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    counts: dict[str, int] = defaultdict(int)
    for case in cases:
        for group in groups(case):
            counts[group] += 1
        for name, (system, mapped) in systems.items():
            _, ok = correct(case, system(case), mapped)
            for group in groups(case):
                table[group][name][0] += ok
    names = list(systems)
    print(f"{'group':42s} {'n':>5s} " + " ".join(f"{n:>12s}" for n in names))
    for group in sorted(counts, key=lambda g: (g == "all", g)):
        n = counts[group]
        cells = " ".join(f"{table[group][name][0] / n:12.3f}" for name in names)
        print(f"{group:42s} {n:5d} {cells}")


def page_speed(path: Path, rounds: int = 10, repeats: int = 7) -> None:
    """Characters per second of extract_dates on a page: the best of ``repeats`` timings of
    ``rounds`` runs (the machine is shared; the best run is the least disturbed one)."""
    text = path.read_text(encoding="utf-8")
    extract_dates(text)  # compile the patterns, load the lexicons
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(rounds):
            extract_dates(text)
        best = min(best, (time.perf_counter() - t0) / rounds)
    print(f"speed: {len(text) / best / 1e6:.2f} M chars/s on {path.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=Path, help="numbers_dev.jsonl")
    parser.add_argument("--page", type=Path, help="a page text to time extract_dates on")
    args = parser.parse_args()
    if args.page:  # first: jionlp's dictionaries, once loaded, slow every later GC pass
        page_speed(args.page)
    score(load_cases(args.cases))


if __name__ == "__main__":
    main()
