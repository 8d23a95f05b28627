"""The CRF's features as attribute rows, without a Python string per character.

:func:`pipeline.entities.features.char_features` spells out each character's feature strings
(training needs them). Tagging needs only the model rows those strings name, so here each
feature kind is a lookup table built once from the model's attribute names: characters and
character n-grams by code point (vectorised with ``searchsorted``), word features per word,
then spread over the word's characters. Row order per character is ``char_features``' order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from pipeline.entities.crf_model import CrfWeights
from pipeline.entities.features import char_type, feature_lexicons, normalize
from pipeline.zh.words import jieba_word_tags

_CHAR_KINDS = ("c", "c-1", "c+1", "b-1", "b0", "b-2", "b+1", "t")
_CHAR_OFFSETS = {  # kind -> offsets of its characters from the current one
    "c": (0,),
    "c-1": (-1,),
    "c+1": (1,),
    "b-1": (-1, 0),
    "b0": (0, 1),
    "b-2": (-2, -1),
    "b+1": (1, 2),
    "t": (-1, 0, 1),
}
_POSITIONS = "BMES"
_FLAGS = ("sur", "sur2", "prole", "osuf", "lsuf")
_TYPES = {"^": 0, "$": 1, "D": 2, "N": 3, "L": 4, "H": 5, "S": 6, "P": 7}


def _code(value: str) -> int:
    """An n-gram of up to three characters as one integer (21 bits per code point)."""
    out = 0
    for ch in value:
        out = (out << 21) | ord(ch)
    return out


@dataclass(frozen=True)
class _Sorted:
    """An integer-keyed lookup: sorted keys and the attribute row of each."""

    keys: np.ndarray
    rows: np.ndarray

    def find(self, queries: np.ndarray, missing: int) -> np.ndarray:
        if not len(self.keys):
            return np.full(len(queries), missing, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.keys, queries), len(self.keys) - 1)
        return np.where(self.keys[at] == queries, self.rows[at], missing)


@dataclass(frozen=True)
class FeatureIndex:
    """Attribute rows of the model, by feature kind."""

    unknown: int
    chars: dict[str, _Sorted]
    tags: dict[str, int]  # jieba tag (and ^ $ new x) -> column of the tag tables
    tag_rows: dict[str, np.ndarray]  # wp: [pos, tag], pt: [ptag, pos], nt: [pos, ntag]
    words: dict[str, dict[str, int]]  # w<pos>, pw, nw: word -> row
    gazetteer: dict[str, int]  # B/I/E + label -> row
    flags: dict[str, int]


def _sorted(pairs: dict[int, int]) -> _Sorted:
    keys = np.array(sorted(pairs), dtype=np.int64)
    return _Sorted(keys, np.array([pairs[k] for k in keys.tolist()], dtype=np.int64))


@cache
def feature_index(weights: CrfWeights) -> FeatureIndex:
    """The lookup tables of one model, built once per process."""
    unknown = weights.unknown
    tag_names = sorted({*jieba_word_tags().values(), "^", "$", "new", "x"})
    tags = {t: i for i, t in enumerate(tag_names)}
    chars: dict[str, dict[int, int]] = {k: {} for k in _CHAR_KINDS}
    tag_rows = {
        "wp": np.full((4, len(tags)), unknown),
        "pt": np.full((len(tags), 4), unknown),
        "nt": np.full((4, len(tags)), unknown),
    }
    words: dict[str, dict[str, int]] = {k: {} for k in ("wB", "wM", "wE", "wS", "pw", "nw")}
    gazetteer: dict[str, int] = {}
    flags: dict[str, int] = dict.fromkeys(_FLAGS, unknown)
    for row, attr in enumerate(weights.attributes):
        kind, _, value = attr.partition("=")
        if kind in chars:
            if kind == "t":
                value = "".join(chr(_TYPES[c]) for c in value)
            chars[kind][_code(value)] = row
        elif kind in ("wp", "nt") and value[1:] in tags and value[:1] in _POSITIONS:
            tag_rows[kind][_POSITIONS.index(value[0]), tags[value[1:]]] = row
        elif kind == "pt" and value[:-1] in tags and value[-1:] in _POSITIONS:
            tag_rows[kind][tags[value[:-1]], _POSITIONS.index(value[-1])] = row
        elif kind == "w" and value[:1] in _POSITIONS:
            words["w" + value[0]][value[1:]] = row
        elif kind in ("pw", "nw"):
            words[kind][value] = row
        elif kind == "g":
            gazetteer[value] = row
        elif kind in flags:
            flags[kind] = row
    return FeatureIndex(
        unknown, {k: _sorted(v) for k, v in chars.items()}, tags, tag_rows, words, gazetteer, flags
    )


def _char_rows(index: FeatureIndex, norm: str) -> list[np.ndarray]:
    """Rows of the character n-gram features (c, c-1, c+1, b-1, b0, b-2, b+1, t)."""
    n = len(norm)
    pad = [ord("^")] * 2
    codes = np.array([*pad, *map(ord, norm), ord("$"), ord("$")], dtype=np.int64)
    types = np.array([0, 0, *(_TYPES[char_type(c)] for c in norm), 1, 1], dtype=np.int64)
    out = []
    for kind in _CHAR_KINDS:
        source = types if kind == "t" else codes
        key = np.zeros(n, dtype=np.int64)
        for off in _CHAR_OFFSETS[kind]:
            key = (key << 21) | source[2 + off : 2 + off + n]
        out.append(index.chars[kind].find(key, index.unknown))
    return out


def _word_layout(words: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per character: its word's index and its BMES position; and each word's start."""
    lengths = np.array([len(w) for w in words], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    own = np.repeat(np.arange(len(words)), lengths)
    inner = np.arange(len(own)) - starts[own]
    size = lengths[own]
    pos = np.where(size == 1, 3, np.where(inner == 0, 0, np.where(inner == size - 1, 2, 1)))
    return own, pos, starts


def _word_rows(
    index: FeatureIndex, words: Sequence[str], norm: str
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Rows of the word features spread over characters (wp, w, pt, nt), and the word-level
    rows that sit on a word's first character (pw, sur, sur2, prole) and last (nw, osuf, lsuf)."""
    jieba_tags = jieba_word_tags()
    tag_of = index.tags
    wtag = np.array(
        [tag_of[jieba_tags.get(w, "new" if len(w) > 1 else "x")] for w in words], dtype=np.int64
    )
    own, pos, starts = _word_layout(words)
    ptag = np.concatenate(([tag_of["^"]], wtag[:-1]))
    ntag = np.concatenate((wtag[1:], [tag_of["$"]]))
    unk = index.unknown
    wid = [w if len(w) <= 6 else "LONG" for w in words]
    by_pos = np.array([[index.words["w" + p].get(w, unk) for w in wid] for p in _POSITIONS])
    spread = [
        index.tag_rows["wp"][pos, wtag[own]],
        by_pos[pos, own],
        index.tag_rows["pt"][ptag[own], pos],
        index.tag_rows["nt"][pos, ntag[own]],
    ]
    return spread, _edge_rows(index, words, norm, starts)


def _edge_rows(
    index: FeatureIndex, words: Sequence[str], norm: str, starts: np.ndarray
) -> list[np.ndarray]:
    """pw, sur, sur2, prole (first character) and nw, osuf, lsuf (last), one row per word."""
    surnames, org_suffixes, loc_suffixes, roles = feature_lexicons()
    unk, flags = index.unknown, index.flags
    prev = ["^", *words[:-1]]
    nxt = [*words[1:], "$"]
    firsts = starts.tolist()
    lasts = [s + len(w) - 1 for s, w in zip(firsts, words, strict=True)]
    pw, nw = index.words["pw"], index.words["nw"]

    def flag(name: str, hits: Sequence[bool]) -> np.ndarray:
        return np.where(np.array(hits, dtype=bool), flags[name], unk)

    return [
        np.array([pw.get(w, unk) for w in prev], dtype=np.int64),
        flag("sur", [norm[i] in surnames for i in firsts]),
        flag("sur2", [norm[i : i + 2] in surnames for i in firsts]),
        flag("prole", [w in roles for w in prev]),
        np.array([nw.get(w, unk) for w in nxt], dtype=np.int64),
        flag("osuf", [w in org_suffixes or w[-1] in org_suffixes for w in words]),
        flag("lsuf", [norm[i] in loc_suffixes for i in lasts]),
    ]


def feature_rows(
    weights: CrfWeights,
    text: str,
    words: Sequence[str],
    names: Sequence[tuple[int, int, str]],
) -> np.ndarray:
    """Attribute rows of every character of ``text`` (features x characters), in the order
    of ``char_features``; absent features point at the model's zero row.

    ``words`` is the jieba segmentation of ``text`` and ``names`` its gazetteer matches.
    """
    index = feature_index(weights)
    n, unk = len(text), index.unknown
    norm = normalize(text)
    spread, edges = _word_rows(index, words, norm)
    gaz = np.full(n, unk, dtype=np.int64)
    for start, end, label in names:
        gaz[start + 1 : end - 1] = index.gazetteer.get("I" + label, unk)
        gaz[start] = index.gazetteer.get("B" + label, unk)
        gaz[end - 1] = index.gazetteer.get("E" + label, unk)
    _, _, starts = _word_layout(words)
    lasts = starts + np.array([len(w) for w in words]) - 1
    placed = []
    for k, rows in enumerate(edges):
        col = np.full(n, unk, dtype=np.int64)
        col[starts if k < 4 else lasts] = rows
        placed.append(col)
    return np.stack([*_char_rows(index, norm), *spread, gaz, *placed])
