"""Score ``pipeline.dates.extract_dates`` on the date, time and duration benchmark cases, beside
jionlp's time parser on the same cases.

    python benchmarks/bench_dates.py /work/shared/benchmarks/numbers_dev.jsonl [--page PAGE.txt]

Cases (schema in NUMBERS_SOURCES.md): ``span_mode`` "whole" means the whole text is one
expression; "sentence" means every expected mention must be found inside the text. A case is
right when every expected mention is found with the same surface and ``normalized`` (a negative
case: when nothing is found). ``reference_date`` is passed as the publication date.

Two scores for us: strict, and convention-mapped (the benchmark's source writes X季度末 as the
quarter's last month, 2013-03, where we write its last day, 2013-03-31; and equal durations
written in other units count: P4W = P28D, P6M = P0.5Y). jionlp gets the most
generous reading of its output: any ISO rendering of its time span that equals the expected one.
``--page`` also times extract_dates on a page (characters per second).
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import io
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
        if mapped and m.normalized and "季度末" in m.surface and len(m.normalized) == 10:
            norms.add(m.normalized[:7])  # the source's convention: the quarter's last month
        if mapped and m.kind == "duration" and m.normalized:
            norms |= duration_equivalents(m.normalized)
        found.append((m.surface, norms))
    return found


def duration_equivalents(iso: str) -> set[str]:
    """The same duration in the neighbouring unit: P4W -> P28D, P6M -> P0.5Y.

    >>> sorted(duration_equivalents("P4W")), sorted(duration_equivalents("P6M"))
    (['P28D'], ['P0.5Y'])
    """
    match = re.fullmatch(r"P([0-9.]+)([WM])", iso)
    if not match:
        return set()
    value = float(match[1])
    other = value * 7 if match[2] == "W" else value / 12
    return {f"P{other:g}{'D' if match[2] == 'W' else 'Y'}"}


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


def correct(case: Case, found: Found) -> tuple[bool, bool]:
    """(span right, span and normalized right) for a case."""
    expected = case["expected"]
    if not expected:
        return not found, not found
    spans_ok = all(any(s == e["surface"] for s, _ in found) for e in expected)
    full_ok = all(
        any(s == e["surface"] and (e["normalized"] or "null") in norms for s, norms in found)
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
        "ours strict": lambda c: ours(c, mapped=False),
        "ours mapped": lambda c: ours(c, mapped=True),
        "jionlp": jionlp_found,
    }
    table: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    counts: dict[str, int] = defaultdict(int)
    for case in cases:
        for group in groups(case):
            counts[group] += 1
        for name, system in systems.items():
            _, ok = correct(case, system(case))
            for group in groups(case):
                table[group][name][0] += ok
    names = list(systems)
    print(f"{'group':42s} {'n':>5s} " + " ".join(f"{n:>12s}" for n in names))
    for group in sorted(counts, key=lambda g: (g == "all", g)):
        n = counts[group]
        cells = " ".join(f"{table[group][name][0] / n:12.3f}" for name in names)
        print(f"{group:42s} {n:5d} {cells}")


def page_speed(path: Path, rounds: int = 50) -> None:
    text = path.read_text(encoding="utf-8")
    extract_dates(text)  # compile the patterns, load the lexicons
    t0 = time.perf_counter()
    for _ in range(rounds):
        extract_dates(text)
    seconds = time.perf_counter() - t0
    print(f"speed: {len(text) * rounds / seconds / 1e6:.2f} M chars/s on {path.name}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=Path, help="numbers_dev.jsonl")
    parser.add_argument("--page", type=Path, help="a page text to time extract_dates on")
    args = parser.parse_args()
    score(load_cases(args.cases))
    if args.page:
        page_speed(args.page)


if __name__ == "__main__":
    main()
