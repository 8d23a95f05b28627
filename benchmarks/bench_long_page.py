"""Time and peak memory of `baokan extract` on one very long page.

    python benchmarks/bench_long_page.py [--chars 5000000] [--one-line] [--out DIR]

Builds a page of ``--chars`` characters by repeating the seed page (``--one-line`` drops its
line breaks, so that the whole page is one paragraph: the worst case for segmentation and
for the entity model's length limit), writes it to a temporary file, and runs
``baokan extract FILE -o DIR`` in a child process. Prints the wall time, the child's CPU
time and its peak resident memory (``getrusage`` of the children: the same figure as
``/usr/bin/time -v``). Not imported by tests.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seed" / "000_caa4a03adb5becde.txt"


def long_page(chars: int, one_line: bool) -> str:
    """The seed page repeated up to ``chars`` characters."""
    seed = SEED.read_text(encoding="utf-8")
    if one_line:
        seed = seed.replace("\n", "")
    return (seed * (chars // len(seed) + 1))[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, default=5_000_000)
    parser.add_argument("--one-line", action="store_true")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "long.txt"
        page.write_text(long_page(args.chars, args.one_line), encoding="utf-8")
        out = args.out or Path(tmp) / "out"
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "pipeline.cli", "extract", str(page), "-o", str(out)],
            cwd=ROOT,
            check=False,
        )
        wall = time.perf_counter() - began
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"characters: {args.chars:,} ({'one line' if args.one_line else 'seed lines'})")
    print(f"exit code: {done.returncode}")
    print(f"wall: {wall:.1f} s, CPU: {usage.ru_utime + usage.ru_stime:.1f} s")
    print(f"peak memory: {usage.ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
