"""Throughput of the figure extractor on the seed page, beside jieba in the same process.

    python benchmarks/bench_figures_speed.py [corpora/seed] [--seconds 3]

Runs :func:`pipeline.figures.extract_figures` over the text of every ``*.txt`` under the
given folder (default ``corpora/seed``) repeatedly for about ``--seconds`` of CPU time each, on
one core (one process, one thread), after one warm-up call that loads the lexicons; then the
same for ``jieba.lcut`` (after ``jieba.initialize()``). Time is the process's CPU time, so other
jobs on a shared machine do not lower the figure. Prints characters per second and MB of UTF-8
text per second for both. Target: at least 1 MB/s per core for figures.

``--with-context`` gives the extractor the page's dates and entities, found once beforehand, as
the pipeline does: the figure stage with its subject and period resolution, not only the scan.
Not imported by tests.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.figures import extract_figures


def throughput(func: Callable[[str], object], text: str, seconds: float) -> tuple[float, int]:
    """Calls per CPU second of ``func(text)`` over about ``seconds`` of CPU time, and the calls."""
    func(text)  # warm-up: lexicons, regex caches
    calls = 0
    start = time.process_time()
    elapsed = 0.0
    while elapsed < seconds:
        func(text)
        calls += 1
        elapsed = time.process_time() - start
    return calls / elapsed, calls


def _with_context(text: str) -> Callable[[str], object]:
    """extract_figures with the dates and entities of ``text`` found once, outside the timing."""
    from pipeline.dates import extract_dates
    from pipeline.entities import extract_entities

    dates, entities = extract_dates(text), extract_entities(text)
    return lambda t: extract_figures(t, dates=dates, entities=entities)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", nargs="?", default="corpora/seed", help="folder of *.txt pages")
    parser.add_argument("--seconds", type=float, default=3.0, help="time per measurement")
    parser.add_argument("--with-context", action="store_true", help="pass dates and entities")
    args = parser.parse_args()
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(args.folder).glob("*.txt")))
    if not text:
        raise SystemExit(f"no *.txt under {args.folder}")
    n_bytes = len(text.encode("utf-8"))

    import jieba

    jieba.setLogLevel(60)
    jieba.initialize()
    figures = _with_context(text) if args.with_context else extract_figures
    n_figures = len(figures(text))
    print(f"text: {len(text)} chars, {n_bytes / 1e6:.3f} MB UTF-8, {n_figures} figures")
    print(f"{'engine':<22}{'calls':>7}{'chars/s':>14}{'MB/s':>9}")
    for name, func in (("figures", figures), ("jieba.lcut", jieba.lcut)):
        rate, calls = throughput(func, text, args.seconds)
        print(f"{name:<22}{calls:>7}{rate * len(text):>14,.0f}{rate * n_bytes / 1e6:>9.2f}")


if __name__ == "__main__":
    main()
