"""Cold start: ``baokan extract PAGE`` beside ``python -c 'import jieba; jieba.lcut("中文")'``.

    python benchmarks/bench_cold.py [PAGE] [--runs 5]

Each command runs as a fresh process, the two in turn (A B A B ...) after one warm-up run of
each (which writes jieba's and baokan's dictionary caches, as any first run does). Printed: the
median CPU seconds (user + system, from the kernel's accounting of the finished child), wall
seconds and peak memory of each, and the median of the per-pair ratios A/B. CPU time is the
figure to quote on a shared machine; wall time also counts other processes.

The package's modules are byte-compiled first (``compileall``), as ``pip install`` leaves an
installed package and as jieba's modules already are: with ``PYTHONDONTWRITEBYTECODE`` set, an
editable checkout would otherwise compile its sources on every start.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seed" / "000_caa4a03adb5becde.txt"
JIEBA = [sys.executable, "-c", 'import jieba; jieba.lcut("中文")']


@dataclass(frozen=True)
class Run:
    cpu: float  # user + system seconds
    wall: float
    peak_mb: float


def run_once(command: list[str]) -> Run:
    """One run of ``command`` as a child process, its output thrown away."""
    began = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - began
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"bench_cold: {' '.join(command)} exited {child.returncode}")
    return Run(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def compare(a: list[str], b: list[str], runs: int) -> tuple[list[Run], list[Run]]:
    """``runs`` runs of each command in turn, after one warm-up run of each."""
    run_once(a), run_once(b)
    pairs = [(run_once(a), run_once(b)) for _ in range(runs)]
    return [p[0] for p in pairs], [p[1] for p in pairs]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("page", nargs="?", type=Path, default=SEED)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    compileall.compile_dir(ROOT / "pipeline", quiet=1)
    script = Path(sys.executable).with_name("baokan")  # the installed entry point
    command = [str(script)] if script.exists() else [sys.executable, "-m", "pipeline.cli"]
    baokan = [*command, "extract", str(args.page)]
    a, b = compare(baokan, JIEBA, args.runs)
    print(f"medians of {args.runs} runs, side by side (A B A B ...), after one warm-up each")
    print(f"{'command':<28}{'cpu s':>8}{'wall s':>8}{'peak MB':>9}")
    for name, runs in (("A baokan extract", a), ("B jieba one-liner", b)):
        cpu = statistics.median(r.cpu for r in runs)
        wall = statistics.median(r.wall for r in runs)
        peak = max(r.peak_mb for r in runs)
        print(f"{name:<28}{cpu:>8.3f}{wall:>8.3f}{peak:>9.1f}")
    for what in ("cpu", "wall"):
        ratio = statistics.median(
            getattr(x, what) / getattr(y, what) for x, y in zip(a, b, strict=True)
        )
        print(f"A/B {what} (median of pair ratios): {ratio:.2f}")


if __name__ == "__main__":
    main()
