"""Archive throughput: pages per second for 1 and 2 local workers and a 2-worker Dask cluster.

    python benchmarks/bench_archive.py [../shared/corpora_external] [--pages 2000] [--chars 1500]

Builds a ZIP archive of ``--pages`` pages in a temporary folder (never in the project) from
the shared full-text pages and articles, each page a different rotation and slice of a
source's paragraphs so that no two pages are equal. Runs the whole archive path (reading
the ZIP, extraction, committing Parquet parts and pages.jsonl) once per engine and prints
pages/s, the speed-up over one worker, and the peak resident memory of this process and of
the busiest worker. Wall clock, start-up included: on a shared machine the numbers are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import psutil

from pipeline.archive.engines import DaskEngine, Engine, InProcess, LocalPool
from pipeline.archive.runner import run_archive

SOURCES = ("rmrb_fulltext_pages_dev.jsonl", "rmrb_fulltext_articles.jsonl")


def _paragraph_sets(corpus: Path) -> list[list[str]]:
    sets = []
    for name in SOURCES:
        with (corpus / name).open(encoding="utf-8") as lines:
            for line in lines:
                paragraphs = [p for p in json.loads(line)["text"].split("\n\n") if p.strip()]
                if len(paragraphs) >= 3:
                    sets.append(paragraphs)
    return sets


def varied_pages(corpus: Path, count: int, chars: int) -> Iterator[str]:
    """``count`` different pages of about ``chars`` characters: rotations and slices."""
    sets = _paragraph_sets(corpus)
    seen: set[str] = set()
    turn = 0
    while len(seen) < count:
        paragraphs = sets[turn % len(sets)]
        shift = (turn // len(sets)) % len(paragraphs)
        rotated = paragraphs[shift:] + paragraphs[:shift]
        page, taken = [], 0
        for paragraph in rotated:
            page.append(paragraph)
            taken += len(paragraph)
            if taken >= chars:
                break
        text = "\n\n".join(page) + "\n"
        turn += 1
        if text not in seen:
            seen.add(text)
            yield text


def build_archive(corpus: Path, folder: Path, count: int, chars: int) -> Path:
    path = folder / "bench.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for number, text in enumerate(varied_pages(corpus, count, chars)):
            archive.writestr(f"pages/p{number:05d}.txt", text)
    return path


class Usage:
    """Peak RSS and CPU seconds of this process and of each process below it.

    Sampled twice a second: CPU time is what tells the cost per page apart from the noise
    of a shared machine, where the wall clock also counts everybody else's work.
    """

    def __init__(self) -> None:
        self.peaks: dict[int, int] = {}
        self.cpu: dict[int, float] = {}
        self._start_cpu = sum(psutil.Process().cpu_times()[:2])
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> Usage:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        me = psutil.Process()
        while not self._stop.wait(0.5):
            for process in [me, *me.children(recursive=True)]:
                try:
                    rss = process.memory_info().rss
                    cpu = sum(process.cpu_times()[:2])
                except psutil.Error:
                    continue
                self.peaks[process.pid] = max(self.peaks.get(process.pid, 0), rss)
                self.cpu[process.pid] = cpu

    def cpu_seconds(self) -> float:
        """CPU seconds of this process (since the start) and of its workers."""
        return sum(self.cpu.values()) - self._start_cpu

    def parent_mb(self) -> float:
        return self.peaks.get(os.getpid(), 0) / 2**20

    def worker_mb(self) -> float:
        others = [rss for pid, rss in self.peaks.items() if pid != os.getpid()]
        return max(others, default=0) / 2**20


def measure(label: str, engine: Engine, archive: Path, pages: int, out: Path) -> float:
    with Usage() as usage:
        started = time.monotonic()
        try:
            stats = run_archive([archive], out, engine, version="bench", batch_size=16)
        finally:
            engine.close()
        seconds = time.monotonic() - started
    assert stats.pages == pages, f"{label}: {stats.pages} pages of {pages}"
    rate = pages / seconds
    worker = usage.worker_mb() or usage.parent_mb()  # one worker: this process
    print(
        f"{label:<18} {seconds:6.1f} s {rate:6.1f} pages/s  "
        f"{usage.cpu_seconds() / pages * 1000:5.0f} CPU ms/page  "
        f"peak RSS: parent {usage.parent_mb():4.0f} MB, worker {worker:4.0f} MB",
        flush=True,
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=Path("../shared/corpora_external"))
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--chars", type=int, default=1500, help="about this long a page")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="baokan-bench-") as tmp:
        folder = Path(tmp)
        archive = build_archive(args.corpus, folder, args.pages, args.chars)
        print(f"{args.pages} pages of about {args.chars} characters in {archive.name}")
        one = measure("1 local worker", InProcess(), archive, args.pages, folder / "r1")
        two = measure("2 local workers", LocalPool(2), archive, args.pages, folder / "r2")
        dask = measure(
            "Dask, 2 workers", DaskEngine("local", 2), archive, args.pages, folder / "r3"
        )
        print(f"speed-up over one worker: local pool {two / one:.2f}x, Dask {dask / one:.2f}x")


if __name__ == "__main__":
    main()
