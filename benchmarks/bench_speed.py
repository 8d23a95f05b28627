"""Speed of the page pipeline and of each stage beside plain ``jieba.lcut``, in one process.

    python benchmarks/bench_speed.py [PAGE_OR_FOLDER_OR_JSONL ...] [--repeat N]
    python benchmarks/bench_speed.py [...] --scaling [--sizes 5000,20000,80000,320000]

With no argument it reads the seed page; a ``.jsonl`` file gives one page per line (its
``text``), as in ``../shared/corpora_external/rmrb_fulltext_pages_dev.jsonl``. Resources are
loaded once before timing (a warm run), then each page is extracted ``--repeat`` times. Also
prints the cold start: the time of the first ``extract`` call (loads jieba and the NER model).

``--scaling`` runs every stage once on one unit of each size, cut from the pages joined end
to end, and prints characters per CPU second: a stage that is linear in the length of a unit
keeps its rate as the unit grows, a quadratic one loses it.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import jieba

import pipeline
from pipeline.dates import extract_dates
from pipeline.entities import extract_entities
from pipeline.figures import extract_figures
from pipeline.ingest import find_pages
from pipeline.ingest.text import read_text_file
from pipeline.quotes import extract_quotes
from pipeline.segment import segment

SEED = Path(__file__).resolve().parent.parent / "corpora" / "seed"
SIZES = "5000,20000,80000,320000"


def _texts(paths: list[Path]) -> list[str]:
    texts = []
    for path in paths:
        if path.suffix == ".jsonl":
            lines = path.read_text(encoding="utf-8").splitlines()
            texts += [t for t in (json.loads(x).get("text") for x in lines if x) if t]
            continue
        files = [f for f in find_pages(path) if f.suffix.lower() != ".pdf"]
        texts += [read_text_file(f) for f in files]
    return texts


def _rate(func: Callable[[str], object], texts: list[str], repeat: int) -> float:
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


def _unit_stages() -> dict[str, Callable[[str], object]]:
    """Each stage on one unit of text, its inputs from the earlier stages computed untimed."""

    def figures(text: str) -> Callable[[], object]:
        dates, entities = extract_dates(text), extract_entities(text)
        return lambda: extract_figures(text, dates=dates, entities=entities, in_sidebar=False)

    def quotes(text: str) -> Callable[[], object]:
        entities = extract_entities(text)
        return lambda: extract_quotes(text, entities)

    return {
        "jieba.lcut": lambda text: lambda: jieba.lcut(text),
        "segment": lambda text: lambda: segment(text),
        "dates": lambda text: lambda: extract_dates(text),
        "entities": lambda text: lambda: extract_entities(text),
        "figures": figures,
        "quotes": quotes,
        "pipeline.extract": lambda text: lambda: pipeline.extract(text),
    }


def scaling(texts: list[str], sizes: list[int]) -> None:
    """Characters per CPU second of each stage on units of growing size (one run each)."""
    joined = "\n\n".join(texts)
    while len(joined) < max(sizes):
        joined += "\n\n" + joined
    print(f"{'stage':<18}" + "".join(f"{f'{n // 1000}K chars/s':>14}" for n in sizes))
    for name, prepare in _unit_stages().items():
        cells = []
        for n in sizes:
            run = prepare(joined[:n])
            began = time.process_time()
            run()
            cells.append(n / max(time.process_time() - began, 1e-9))
        print(f"{name:<18}" + "".join(f"{c:>14,.0f}" for c in cells), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[SEED])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--scaling", action="store_true", help="rates on growing units")
    parser.add_argument("--sizes", default=SIZES, help="unit sizes for --scaling")
    args = parser.parse_args()
    texts = _texts(args.paths)
    began = time.perf_counter()
    pipeline.extract(texts[0])
    cold = time.perf_counter() - began
    jieba.lcut(texts[0])
    if args.scaling:
        scaling(texts, [int(n) for n in args.sizes.split(",")])
        return
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
    rates = {name: _rate(func, texts, args.repeat) for name, func in stages.items()}
    for name, rate in rates.items():
        print(f"{name:<20}{rate:>18,.0f}")
    ratio = rates["pipeline.extract"] / rates["jieba.lcut"]
    print(f"pipeline.extract / jieba.lcut throughput ratio: {ratio:.2f}")


if __name__ == "__main__":
    main()
