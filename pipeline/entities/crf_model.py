"""The CRF's weights as numpy arrays, read straight from the crfsuite model file, and a
Viterbi decoder over many sentences at once.

crfsuite stays the trainer; tagging here gives the same tags as ``pycrfsuite.Tagger`` because
it adds the same float64 weights in the same order and breaks ties the same way (first best).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

_HEADER = struct.Struct("<4sI4sIIIIIIIII")  # crf1d model header (crfsuite's crf1d_model.c)
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


@dataclass(frozen=True, eq=False)  # compared and hashed by identity (one per model file)
class CrfWeights:
    """Labels, attribute names, state weights (one row per attribute, plus a last zero row
    for unknown attributes) and transition weights ``[from, to]``."""

    labels: tuple[str, ...]
    attributes: tuple[str, ...]
    state: np.ndarray
    transition: np.ndarray

    @property
    def unknown(self) -> int:
        """The row of attributes the model does not know (all zeros)."""
        return len(self.attributes)


def _cqdb_strings(data: bytes, offset: int) -> list[str]:
    """The strings of a crfsuite string database (CQDB chunk), in id order."""
    _, _, _, count, backward = struct.unpack_from("<IIIII", data, offset + 4)
    entries = np.frombuffer(data, "<u4", count, offset + backward)
    out = []
    for entry in entries.tolist():
        _, size = struct.unpack_from("<II", data, offset + entry)
        start = offset + entry + 8
        out.append(data[start : start + size - 1].decode("utf-8"))  # size counts the NUL
    return out


@cache
def read_weights(model_path: Path) -> CrfWeights:
    """The weights of a crfsuite CRF1d model file, once per process."""
    data = model_path.read_bytes()
    head = _HEADER.unpack_from(data, 0)
    if head[0] != b"lCRF" or head[2] != b"FOMC":
        raise ValueError(f"{model_path}: not a crfsuite CRF1d model")
    n_labels, n_attrs, off_features, off_labels, off_attrs = head[5:10]
    (count,) = struct.unpack_from("<I", data, off_features + 8)
    features = np.frombuffer(data, _FEATURE, count, off_features + 12)
    state = np.zeros((n_attrs + 1, n_labels))
    trans = np.zeros((n_labels, n_labels))
    kind = features["type"]
    st, tr = features[kind == _STATE], features[kind == _TRANSITION]
    state[st["src"], st["dst"]] = st["weight"]
    trans[tr["src"], tr["dst"]] = tr["weight"]
    labels = tuple(_cqdb_strings(data, off_labels))
    attributes = tuple(_cqdb_strings(data, off_attrs))
    return CrfWeights(labels, attributes, state, trans)


def emissions(weights: CrfWeights, rows: np.ndarray) -> np.ndarray:
    """Per-character label scores: the weight rows of each feature summed in feature order
    (``rows`` is features x characters; the order matters for bit-identical sums)."""
    out = weights.state[rows[0]]
    taken = np.empty_like(out)  # one buffer for every feature's rows
    for row in rows[1:]:
        np.take(weights.state, row, axis=0, out=taken)
        out += taken
    return out


def viterbi(
    weights: CrfWeights, scores: np.ndarray, chunks: Sequence[tuple[int, int]]
) -> list[int]:
    """Best label ids of every character inside ``chunks`` (each decoded on its own), all
    chunks advanced together one position per step; characters outside chunks get -1."""
    if not chunks:
        return [-1] * len(scores)
    lengths = np.array([e - s for s, e in chunks])
    order = np.argsort(-lengths, kind="stable")  # longest first: active chunks are a prefix
    starts = np.array([chunks[i][0] for i in order])
    lengths = lengths[order]
    # active[t]: how many chunks are longer than t
    active = np.searchsorted(-lengths, -np.arange(int(lengths[0])), side="left").tolist()
    n = len(weights.labels)
    trans = weights.transition.T[None, :, :].copy()  # [to, from]: reduce the last axis
    back = np.zeros(scores.shape, dtype=np.int8)
    best = scores[starts].copy()
    cand = np.empty((len(starts), n, n))  # buffers reused at every step
    arg = np.empty((len(starts), n), dtype=np.intp)
    rows, cols = np.arange(len(starts))[:, None], np.arange(n)[None, :]
    for t in range(1, len(active)):
        k = active[t]
        np.add(best[:k, None, :], trans, out=cand[:k])
        cand[:k].argmax(axis=2, out=arg[:k])
        pos = starts[:k] + t
        back[pos] = arg[:k]
        # the maximum picked by index: a second reduction over 13 labels costs twice as much
        best[:k] = cand[rows[:k], cols, arg[:k]] + scores[pos]
    return _backtrack(best.argmax(axis=1), starts, active, back)


def _backtrack(
    last: np.ndarray, starts: np.ndarray, active: list[int], back: np.ndarray
) -> list[int]:
    """Follow the back pointers from each chunk's best last label, all chunks together."""
    tags = np.full(len(back), -1, dtype=np.int64)
    cur = last.copy()
    for t in range(len(active) - 1, -1, -1):
        k = active[t]
        pos = starts[:k] + t
        tags[pos] = cur[:k]
        if t:
            cur[:k] = back[pos, cur[:k]]
    return tags.tolist()
