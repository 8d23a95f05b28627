"""The statistical component: a character CRF with BIOES tags."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path

import pycrfsuite

from pipeline.entities.features import char_features


def bioes_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans from BIOES tags; a broken sequence keeps its well-formed part only.

    >>> bioes_spans(["S-PER", "O", "B-LOC", "I-LOC", "E-LOC", "B-ORG", "O"])
    [(0, 1, 'PER'), (2, 5, 'LOC')]
    """
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
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


@cache
def _tagger(model_path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return tagger


def crf_spans(
    text: str,
    words: Sequence[str],
    model_path: Path,
    names: Sequence[tuple[int, int, str]] | None = None,
) -> list[tuple[int, int, str]]:
    """PER/ORG/LOC spans tagged by the CRF over one text (split at line breaks for speed).

    ``names`` are the gazetteer matches of ``text`` (computed when not given).
    """
    tagger = _tagger(model_path)
    spans: list[tuple[int, int, str]] = []
    feats = char_features(text, words, names)
    for start, end in _chunks(text):
        tags = tagger.tag(feats[start:end])
        for s, e, lab in bioes_spans(tags):
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
