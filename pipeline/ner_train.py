"""Train the character CRF of :mod:`pipeline.entities` on NER data (JSONL): news and CLUENER.

``python -m pipeline.ner_train ../shared/benchmarks/ner_train.jsonl`` writes
``pipeline/models/ner/ner.crfsuite`` and ``training.json`` (settings, data counts, timing).
Input records: ``{"text", "source", "entities": [{"start", "end", "label"}]}`` as described in
the benchmark's NER_SOURCES.md.

CLUENER is partially annotated (its own categories only; many places and countries are left
unlabelled), so its sentences are completed before training: a model trained on the fully
annotated news sources first tags them, and its spans are added where they overlap no gold
span. A gold place that the news model splits into two or more places (江苏省靖江市) is taken
as those places, the news convention; the entity stage joins adjacent divisions again.

Each feature of a partially annotated sentence is also given a copy marked with its source
(``cl:c=京``; feature augmentation after Daumé, "Frustratingly easy domain adaptation",
2007). What holds in both kinds of data goes to the shared weights; what only CLUENER's
guidelines teach (generic organizations, addresses with house numbers) goes to the copies,
which the tagger never sees, so tagging reads the shared weights only.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pycrfsuite

from pipeline.entities import (
    MODEL_DIR,
    MODEL_FILE,
    bioes_spans,
    char_features,
    doc_words,
    tokenizer_nlp,
)
from pipeline.entities.model_features import extra_features

NEWS_SOURCES = ("msra_val", "msra_test", "pd98_dev", "pd98_test")
PARTIAL_SOURCES = ("cluener_train",)  # annotated for their own categories only
SOURCE_MARK = "cl:"  # prefix of the source-specific feature copies of partial sentences
ALL_SOURCES = (*NEWS_SOURCES, *PARTIAL_SOURCES)
MODEL_LABELS = ("PER", "ORG", "LOC")

Span = tuple[int, int, str]
# the completing news model: the recipe of the former news-only model
COMPLETION_PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 150}


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


def complete_spans(gold: Sequence[Span], predicted: Sequence[Span]) -> list[Span]:
    """The model-label spans of a partially annotated sentence: its gold spans (a place that
    the prediction splits into two or more places replaced by those), and the predicted
    spans that overlap no gold span of any label.

    >>> complete_spans([(0, 6, "LOC"), (7, 9, "MISC")], [(0, 3, "LOC"), (3, 6, "LOC"),
    ...                 (7, 8, "PER"), (10, 12, "LOC")])
    [(0, 3, 'LOC'), (3, 6, 'LOC'), (10, 12, 'LOC')]
    """
    out: list[Span] = []
    for start, end, label in gold:
        if label not in MODEL_LABELS:
            continue
        inner = [p for p in predicted if p[2] == "LOC" and start <= p[0] and p[1] <= end]
        if label == "LOC" and len(inner) >= 2:
            out.extend(inner)
        else:
            out.append((start, end, label))
    for p in predicted:
        if p[2] in MODEL_LABELS and not any(p[0] < e and s < p[1] for s, e, _ in gold):
            out.append(p)
    return sorted(out)


def read_records(path: Path, sources: Sequence[str]) -> list[dict[str, Any]]:
    """Records of the given sources, in file order."""
    with path.open(encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    return [r for r in records if r["source"] in sources]


def gold_spans(record: dict[str, Any]) -> list[Span]:
    """All annotated spans of a record (every label)."""
    return [(e["start"], e["end"], e["label"]) for e in record["entities"]]


def gold_tags(record: dict[str, Any]) -> list[str]:
    """BIOES tags of a record's gold spans of the model's labels."""
    spans = [s for s in gold_spans(record) if s[2] in MODEL_LABELS]
    return bioes(len(record["text"]), spans)


def record_features(record: dict[str, Any], extra: bool = False) -> list[list[str]]:
    """CRF features of one record's characters; ``extra`` adds the features of
    :mod:`pipeline.entities.model_features` (a model trained so needs them when tagging)."""
    text = record["text"]
    words = doc_words(tokenizer_nlp()(text))
    feats = char_features(text, words)
    if extra:
        for row, more in zip(feats, extra_features(text, words), strict=True):
            row.extend(more)
    return feats


def sentence_items(
    record: dict[str, Any], extra: bool = False
) -> tuple[list[list[str]], list[str]]:
    """CRF features and BIOES tags of one record (model labels only)."""
    return record_features(record, extra), gold_tags(record)


def with_source_copies(feats: list[list[str]]) -> list[list[str]]:
    """Each character's features followed by their source-marked copies.

    >>> with_source_copies([["c=京", "sur"]])
    [['c=京', 'sur', 'cl:c=京', 'cl:sur']]
    """
    return [row + [SOURCE_MARK + f for f in row] for row in feats]


def _fit(
    items: Iterable[tuple[list[list[str]], list[str]]], model_path: Path, params: dict[str, Any]
) -> None:
    """Train a CRF on (features, tags) sentences and write it to ``model_path``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for feats, tags in items:
        trainer.append(feats, tags)
    trainer.set_params(params)
    trainer.train(str(model_path))


def completed_tags(
    records: Sequence[dict[str, Any]],
    feats: Sequence[list[list[str]]],
    params: dict[str, Any],
) -> list[list[str]]:
    """BIOES tags of every record, those of partially annotated sources completed by a model
    trained first on the fully annotated ones (see the module docstring)."""
    tags = [gold_tags(r) for r in records]
    partial = [i for i, r in enumerate(records) if r["source"] in PARTIAL_SOURCES]
    full = [i for i, r in enumerate(records) if r["source"] not in PARTIAL_SOURCES]
    if not partial or not full:
        return tags
    with tempfile.TemporaryDirectory() as tmp:
        model = Path(tmp) / MODEL_FILE
        _fit(((feats[i], tags[i]) for i in full), model, {**params, **COMPLETION_PARAMS})
        tagger = pycrfsuite.Tagger()
        tagger.open(str(model))
        for i in partial:
            predicted = bioes_spans(tagger.tag(feats[i]))
            spans = complete_spans(gold_spans(records[i]), predicted)
            tags[i] = bioes(len(records[i]["text"]), spans)
        tagger.close()
    return tags


def train(
    train_path: Path | str,
    out_dir: Path | str = MODEL_DIR,
    *,
    sources: Sequence[str] = ALL_SOURCES,
    c1: float = 0.1,
    c2: float = 0.05,
    max_iterations: int = 150,
    holdout: int = 0,
    extra: bool = False,
    msra_repeat: int = 1,
    adapt: bool = True,
) -> dict[str, Any]:
    """Train the CRF and write it to ``out_dir``; returns the settings and timings written.

    ``holdout`` keeps the last N records out of training (for tuning on a train slice);
    ``msra_repeat`` counts each MSRA sentence that many times in the final training (the
    benchmark's news guidelines weigh more than the partial sources'); ``adapt`` gives the
    partial sources' features their source-marked copies.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    records = read_records(Path(train_path), sources)
    if holdout:
        records = records[:-holdout]
    params = {
        "c1": c1,
        "c2": c2,
        "max_iterations": max_iterations,
        "feature.possible_transitions": True,
    }
    t0 = time.perf_counter()
    feats = [record_features(r, extra) for r in records]
    t1 = time.perf_counter()
    tags = completed_tags(records, feats, params)
    t2 = time.perf_counter()
    weight = [msra_repeat if r["source"].startswith("msra") else 1 for r in records]
    if adapt:
        feats = [
            with_source_copies(f) if r["source"] in PARTIAL_SOURCES else f
            for f, r in zip(feats, records, strict=True)
        ]
    items = ((f, t) for f, t, n in zip(feats, tags, weight, strict=True) for _ in range(n))
    _fit(items, out / MODEL_FILE, params)
    t3 = time.perf_counter()
    info = {
        "train_path": Path(train_path).name,
        "sources": list(sources),
        "sentences": len(records),
        "chars": sum(len(t) for t in tags),
        "holdout": holdout,
        "extra_features": extra,
        "msra_repeat": msra_repeat,
        "source_copies": adapt,
        "params": params,
        "feature_seconds": round(t1 - t0, 1),
        "completion_seconds": round(t2 - t1, 1),
        "train_seconds": round(t3 - t2, 1),
    }
    (out / "training.json").write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    return info


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("train_path", type=Path)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.05)
    parser.add_argument("--max-iterations", type=int, default=150)
    parser.add_argument("--holdout", type=int, default=0)
    parser.add_argument("--sources", default=",".join(ALL_SOURCES), help="comma-separated")
    parser.add_argument("--msra-repeat", type=int, default=1)
    parser.add_argument(
        "--no-source-copies", action="store_true", help="no source-marked feature copies"
    )
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
        msra_repeat=args.msra_repeat,
        adapt=not args.no_source_copies,
    )
    print(json.dumps(info, indent=2))


if __name__ == "__main__":
    main()
