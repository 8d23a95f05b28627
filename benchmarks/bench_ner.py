"""Score the entity stage on a NER benchmark file and measure its speed beside jieba.lcut.

Usage: ``python benchmarks/bench_ner.py /work/shared/benchmarks/ner_dev.jsonl [--seed PAGE]``

Scores are exact span + label, per label and per source group (msra, pd98, cluener); predicted
labels that a source does not annotate are ignored; our WORK is compared with their TITLE.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import jieba

from pipeline.entities import extract_entities

OUR_TO_THEIRS = {"WORK": "TITLE"}
SCORED = ("PER", "ORG", "LOC", "TITLE")
SEED = Path(__file__).resolve().parent.parent / "corpora" / "seed" / "000_caa4a03adb5becde.txt"


def group_of(source: str) -> str:
    """msra_val -> msra, pd98_test -> pd98, cluener_dev -> cluener."""
    return source.split("_", 1)[0]


def score(records: list[dict]) -> dict[str, dict[str, Counter]]:
    """Counts of tp/fp/fn per group and label."""
    counts: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for rec in records:
        annotated = set(rec["labels_annotated"])
        gold = {(e["start"], e["end"], e["label"]) for e in rec["entities"]}
        gold = {g for g in gold if g[2] in SCORED}
        pred = set()
        for ent in extract_entities(rec["text"]):
            label = OUR_TO_THEIRS.get(ent.label, ent.label)
            if label in annotated and label in SCORED:
                pred.add((ent.start, ent.end, label))
        group = counts[group_of(rec["source"])]
        for kind, items in (("tp", pred & gold), ("fp", pred - gold), ("fn", gold - pred)):
            for item in items:
                group[item[2]][kind] += 1
    return counts


def prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def speed(fn: Callable[[str], object], texts: list[str], repeat: int = 1) -> float:
    """Characters per second of ``fn`` over ``texts``."""
    n = sum(len(t) for t in texts) * repeat
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            fn(t)
    return n / (time.perf_counter() - t0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", type=Path)
    parser.add_argument("--seed", type=Path, default=SEED)
    args = parser.parse_args()
    records = [json.loads(x) for x in args.data.read_text(encoding="utf-8").splitlines() if x]
    extract_entities("预热：南开大学。")  # load models before timing
    jieba.lcut("预热")
    counts = score(records)
    print(f"{'group':8} {'label':6} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for group in sorted(counts):
        total: Counter = Counter()
        for label in SCORED:
            c = counts[group].get(label)
            if not c:
                continue
            total.update(c)
            p, r, f = prf(c)
            print(f"{group:8} {label:6} {p:6.3f} {r:6.3f} {f:6.3f} {c['tp'] + c['fn']:6d}")
        p, r, f = prf(total)
        print(f"{group:8} {'ALL':6} {p:6.3f} {r:6.3f} {f:6.3f} {total['tp'] + total['fn']:6d}")
    texts = [r["text"] for r in records]
    print(
        f"speed on {args.data.name}: extract_entities {speed(extract_entities, texts):,.0f}"
        f" chars/s, jieba.lcut {speed(jieba.lcut, texts):,.0f} chars/s"
    )
    if args.seed.is_file():
        page = [args.seed.read_text(encoding="utf-8")]
        print(
            f"speed on seed page: extract_entities {speed(extract_entities, page, 20):,.0f}"
            f" chars/s, jieba.lcut {speed(jieba.lcut, page, 20):,.0f} chars/s"
        )


if __name__ == "__main__":
    main()
