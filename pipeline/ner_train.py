"""Train the character CRF of :mod:`pipeline.entities` on news NER data (JSONL).

``python -m pipeline.ner_train ../shared/benchmarks/ner_train.jsonl`` writes
``pipeline/models/ner/ner.crfsuite`` and ``training.json`` (settings, data counts, timing).
Input records: ``{"text", "source", "entities": [{"start", "end", "label"}]}`` as described in
the benchmark's NER_SOURCES.md; only the news sources (MSRA, PD98) are used by default, because
mixing CLUENER's guidelines into news training lowers news accuracy.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from pipeline.entities import MODEL_DIR, MODEL_FILE, char_features, doc_words, tokenizer_nlp
from pipeline.entities.model_features import extra_features

NEWS_SOURCES = ("msra_val", "msra_test", "pd98_dev", "pd98_test")
MODEL_LABELS = ("PER", "ORG", "LOC")


def bioes(length: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIOES tags of a sentence of ``length`` chars with the given entity spans.

    >>> bioes(5, [(0, 1, "PER"), (2, 5, "LOC")])
    ['S-PER', 'O', 'B-LOC', 'I-LOC', 'E-LOC']
    """
    tags = ["O"] * length
    for start, end, label in spans:
        if end - start == 1:
            tags[start] = "S-" + label
            continue
        tags[start] = "B-" + label
        for i in range(start + 1, end - 1):
            tags[i] = "I-" + label
        tags[end - 1] = "E-" + label
    return tags


def read_records(path: Path, sources: Sequence[str]) -> list[dict[str, Any]]:
    """Records of the given sources, in file order."""
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return [r for r in records if r["source"] in sources]


def sentence_items(
    record: dict[str, Any], extra: bool = False
) -> tuple[list[list[str]], list[str]]:
    """CRF features and BIOES tags of one record (model labels only); ``extra`` adds the
    features of :mod:`pipeline.entities.model_features` (a model trained so needs them when
    tagging)."""
    text = record["text"]
    words = doc_words(tokenizer_nlp()(text))
    spans = [(e["start"], e["end"], e["label"]) for e in record["entities"]]
    spans = [s for s in spans if s[2] in MODEL_LABELS]
    feats = char_features(text, words)
    if extra:
        for row, more in zip(feats, extra_features(text, words), strict=True):
            row.extend(more)
    return feats, bioes(len(text), spans)


def train(
    train_path: Path | str,
    out_dir: Path | str = MODEL_DIR,
    *,
    sources: Sequence[str] = NEWS_SOURCES,
    c1: float = 0.1,
    c2: float = 0.01,
    max_iterations: int = 150,
    holdout: int = 0,
    extra: bool = False,
) -> dict[str, Any]:
    """Train the CRF and write it to ``out_dir``; returns the settings and timings written.

    ``holdout`` keeps the last N records out of training (for tuning on a train slice).
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    records = read_records(Path(train_path), sources)
    if holdout:
        records = records[:-holdout]
    t0 = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    n_chars = 0
    for record in records:
        feats, tags = sentence_items(record, extra)
        trainer.append(feats, tags)
        n_chars += len(tags)
    t1 = time.perf_counter()
    params = {
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "feature.possible_transitions": True,
    }
    trainer.set_params(params)
    trainer.train(str(out / MODEL_FILE))
    t2 = time.perf_counter()
    info = {
        "train_path": Path(train_path).name,
        "sources": list(sources),
        "sentences": len(records),
        "chars": n_chars,
        "holdout": holdout,
        "extra_features": extra,
        "params": params,
        "feature_seconds": round(t1 - t0, 1),
        "train_seconds": round(t2 - t1, 1),
    }
    (out / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train_path", type=Path)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--max-iterations", type=int, default=150)
    parser.add_argument("--holdout", type=int, default=0)
    parser.add_argument("--sources", default=",".join(NEWS_SOURCES), help="comma-separated")
    parser.add_argument(
        "--extra-features", action="store_true", help="add pipeline.entities.model_features"
    )
    args = parser.parse_args(argv)
    info = train(
        args.train_path,
        args.out,
        c1=args.c1,
        c2=args.c2,
        max_iterations=args.max_iterations,
        holdout=args.holdout,
        sources=tuple(args.sources.split(",")),
        extra=args.extra_features,
    )
    print(json.dumps(info, indent=2))


if __name__ == "__main__":
    main()
