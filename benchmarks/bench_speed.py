"""Speed of the page pipeline and of each stage beside plain ``jieba.lcut``, in one process.

    python benchmarks/bench_speed.py [PAGE_OR_FOLDER ...] [--repeat N]

With no argument it reads the seed page. Resources are loaded once before timing (a warm
run), then each page is extracted ``--repeat`` times. Also prints the cold start: the time
of the first ``extract`` call, which includes loading jieba, spaCy and the NER model.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import jieba

import pipeline
from pipeline.dates import extract_dates
from pipeline.entities import extract_entities
from pipeline.figures import extract_figures
from pipeline.ingest import find_pages
from pipeline.ingest.text import read_text_file
from pipeline.segment import segment

SEED = Path(__file__).resolve().parent.parent / "corpora" / "seed"


def _texts(paths: list[Path]) -> list[str]:
    files = [f for p in paths for f in find_pages(p) if f.suffix.lower() != ".pdf"]
    return [read_text_file(f) for f in files]


def _rate(func, texts: list[str], repeat: int) -> float:
    """Characters per CPU second of ``func`` over ``texts``, best of three rounds.

    CPU time of this process, not wall time: on a shared machine the wall clock also
    counts other processes, and "per core" is what the figure is meant to say.
    """
    chars = sum(map(len, texts)) * repeat
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        for _ in range(repeat):
            for text in texts:
                func(text)
        best = min(best, time.process_time() - began)
    return chars / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[SEED])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    texts = _texts(args.paths)
    began = time.perf_counter()
    pipeline.extract(texts[0])
    cold = time.perf_counter() - began
    jieba.lcut(texts[0])
    stages = {
        "jieba.lcut": jieba.lcut,
        "segment": segment,
        "dates": extract_dates,
        "figures": extract_figures,
        "entities": extract_entities,
        "pipeline.extract": pipeline.extract,
    }
    print(f"{len(texts)} pages, {sum(map(len, texts)):,} chars, repeat {args.repeat}")
    print(f"first extract (loads resources): {cold:.2f} s")
    print(f"{'stage':<20}{'chars/s per core':>18}")
    for name, func in stages.items():
        print(f"{name:<20}{_rate(func, texts, args.repeat):>18,.0f}")


if __name__ == "__main__":
    main()
