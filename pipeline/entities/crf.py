"""The statistical component: a character CRF with BIOES tags."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from pipeline.entities.crf_model import emissions, read_weights, viterbi
from pipeline.entities.feature_rows import feature_rows


def bioes_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans from BIOES tags; a broken sequence keeps its well-formed part only.

    >>> bioes_spans(["S-PER", "O", "B-LOC", "I-LOC", "E-LOC", "B-ORG", "O"])
    [(0, 1, 'PER'), (2, 5, 'LOC')]
    """
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
        if tag == "O":  # most characters: skip the split
            start = -1
            continue
        kind, _, lab = tag.partition("-")
        if kind == "S":
            spans.append((i, i + 1, lab))
            start = -1
        elif kind == "B":
            start, label = i, lab
        elif kind == "I":
            if lab != label:
                start = -1
        elif kind == "E":
            if start >= 0 and lab == label:
                spans.append((start, i + 1, lab))
            start = -1
        else:
            start = -1
    return spans


def crf_tags(
    text: str,
    words: Sequence[str],
    model_path: Path,
    names: Sequence[tuple[int, int, str]],
) -> list[str]:
    """The CRF's BIOES tag of every character, each sentence-sized chunk decoded on its own
    (the same tags as crfsuite's tagger on each chunk's ``char_features``)."""
    if not text:
        return []
    weights = read_weights(model_path)
    scores = emissions(weights, feature_rows(weights, text, words, names))
    labels = weights.labels
    return [labels[i] for i in viterbi(weights, scores, list(_chunks(text)))]


def crf_spans(
    text: str,
    words: Sequence[str],
    model_path: Path,
    names: Sequence[tuple[int, int, str]],
) -> list[tuple[int, int, str]]:
    """PER/ORG/LOC spans tagged by the CRF over one text; ``words`` is its jieba segmentation
    and ``names`` its gazetteer matches."""
    tags = crf_tags(text, words, model_path, names)
    spans: list[tuple[int, int, str]] = []
    for start, end in _chunks(text):
        for s, e, lab in bioes_spans(tags[start:end]):
            surface = text[start + s : start + e]
            s += len(surface) - len(surface.lstrip())  # the model never saw line breaks
            e -= len(surface) - len(surface.rstrip())
            if e > s:
                spans.append((start + s, start + e, lab))
    return spans


_CHUNK_BREAK = re.compile(r"[\n。！？]")


def _chunks(text: str) -> Iterable[tuple[int, int]]:
    """Sentence-sized pieces of ``text`` (CRF decoding cost is linear, memory is per piece)."""
    start = 0
    for m in _CHUNK_BREAK.finditer(text):
        if m.end() > start:
            yield start, m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)
