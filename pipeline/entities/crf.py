"""The statistical component: a character CRF with BIOES tags."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

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


CrfInput = tuple[str, Sequence[str], Sequence[tuple[int, int, str]]]  # text, words, names


def crf_tags(
    text: str,
    words: Sequence[str],
    model_path: Path,
    names: Sequence[tuple[int, int, str]],
) -> list[str]:
    """The CRF's BIOES tag of every character, each sentence-sized chunk decoded on its own
    (the same tags as crfsuite's tagger on each chunk's ``char_features``)."""
    return crf_tags_many([(text, words, names)], model_path)[0]


def crf_tags_many(items: Sequence[CrfInput], model_path: Path) -> list[list[str]]:
    """:func:`crf_tags` of several texts, their chunks decoded in one Viterbi pass: the
    decoder's cost per step is mostly numpy's per-call overhead, paid once for all texts."""
    weights = read_weights(model_path)
    full = [(text, words, names) for text, words, names in items if text]
    if not full:
        return [[] for _ in items]
    rows = np.concatenate([feature_rows(weights, *item) for item in full], axis=1)
    chunks, offset = [], 0
    for text, _, _ in full:
        chunks += [(offset + s, offset + e) for s, e in _chunks(text)]
        offset += len(text)
    labels = weights.labels
    tags = [labels[i] for i in viterbi(weights, emissions(weights, rows), chunks)]
    out, offset = [], 0
    for text, _, _ in items:
        out.append(tags[offset : offset + len(text)])
        offset += len(text)
    return out


def crf_spans(
    text: str,
    words: Sequence[str],
    model_path: Path,
    names: Sequence[tuple[int, int, str]],
) -> list[tuple[int, int, str]]:
    """PER/ORG/LOC spans tagged by the CRF over one text; ``words`` is its jieba segmentation
    and ``names`` its gazetteer matches."""
    return crf_spans_many([(text, words, names)], model_path)[0]


def crf_spans_many(items: Sequence[CrfInput], model_path: Path) -> list[list[tuple[int, int, str]]]:
    """:func:`crf_spans` of several texts, tagged together (:func:`crf_tags_many`)."""
    return [
        _tag_spans(text, tags)
        for (text, _, _), tags in zip(items, crf_tags_many(items, model_path), strict=True)
    ]


def _tag_spans(text: str, tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """The spans of each chunk's tags, without the line breaks the model never saw."""
    spans: list[tuple[int, int, str]] = []
    for start, end in _chunks(text):
        for s, e, lab in bioes_spans(tags[start:end]):
            surface = text[start + s : start + e]
            s += len(surface) - len(surface.lstrip())
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
