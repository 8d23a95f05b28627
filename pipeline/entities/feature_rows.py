"""The CRF's features as attribute rows, without a Python string per character.

:func:`pipeline.entities.features.char_features` spells out each character's feature strings
(training needs them). Tagging needs only the model rows those strings name, so here each
feature kind is a lookup table built once from the model's attribute names: characters and
character n-grams by code point (vectorised with ``searchsorted``), word features per word,
then spread over the word's characters. Row order per character is ``char_features``' order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from pipeline.entities.crf_model import CrfWeights
from pipeline.entities.features import char_type, feature_lexicons, normalize
from pipeline.entities.gazetteer import code_points
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


class _TypeLetters(dict[int, str]):
    """Code point -> its character type letter, filled on first sight (for ``str.translate``,
    which then runs over a text without a Python call per character)."""

    def __missing__(self, cp: int) -> str:
        self[cp] = letter = char_type(chr(cp))
        return letter


_TYPE_LETTERS = _TypeLetters()
_TYPE_CODES = np.zeros(128, dtype=np.int64)  # type letter's code point -> its _TYPES code
_TYPE_CODES[[ord(k) for k in _TYPES]] = list(_TYPES.values())


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
    memo: dict[str, tuple[int, ...]] = field(default_factory=dict)  # see _word_props


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
    codes = code_points("^^" + norm + "$$")
    letters = "^^" + norm.translate(_TYPE_LETTERS) + "$$"
    types = _TYPE_CODES[code_points(letters)]
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


_MEMO_LIMIT = 500_000  # distinct words kept per process (new words have no bound)
# columns of a word's properties (see _word_props): tag, w at B M E S, then these
_PW, _PROLE, _NW, _OSUF, _SUR, _LSUF = range(5, 11)


def _word_props(index: FeatureIndex, word: str) -> tuple[int, ...]:
    """What a word contributes wherever it occurs: its tag column, its ``w`` rows at B, M, E
    and S, its rows as previous word (pw, prole) and as next word (nw), and osuf, sur, lsuf."""
    props = index.memo.get(word)
    if props is None:
        surnames, org_suffixes, loc_suffixes, roles = feature_lexicons()
        unk, flags, rows = index.unknown, index.flags, index.words
        wid = word if len(word) <= 6 else "LONG"
        norm = normalize(word)
        props = (
            index.tags[jieba_word_tags().get(word, "new" if len(word) > 1 else "x")],
            *(rows["w" + p].get(wid, unk) for p in _POSITIONS),
            rows["pw"].get(word, unk),
            flags["prole"] if word in roles else unk,
            rows["nw"].get(word, unk),
            flags["osuf"] if word in org_suffixes or word[-1] in org_suffixes else unk,
            flags["sur"] if norm[0] in surnames else unk,
            flags["lsuf"] if norm[-1] in loc_suffixes else unk,
        )
        if len(index.memo) > _MEMO_LIMIT:
            index.memo.clear()
        index.memo[word] = props
    return props


def _word_rows(
    index: FeatureIndex, words: Sequence[str], norm: str
) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Rows of the word features spread over characters (wp, w, pt, nt); the word-level rows
    on a word's first character (pw, sur, sur2, prole) and on its last (nw, osuf, lsuf); and
    each word's start."""
    memo = index.memo
    props = np.array([memo.get(w) or _word_props(index, w) for w in words], dtype=np.int64)
    edge = np.array([_word_props(index, w) for w in ("^", "$")], dtype=np.int64)
    own, pos, starts = _word_layout(words)
    wtag = props[:, 0]
    ptag = np.concatenate(([index.tags["^"]], wtag[:-1]))
    ntag = np.concatenate((wtag[1:], [index.tags["$"]]))
    spread = [
        index.tag_rows["wp"][pos, wtag[own]],
        props[own, 1 + pos],
        index.tag_rows["pt"][ptag[own], pos],
        index.tag_rows["nt"][pos, ntag[own]],
    ]
    surnames = feature_lexicons()[0]
    sur2 = [norm[i : i + 2] in surnames for i in starts.tolist()]
    edges = [
        np.concatenate((edge[0, _PW : _PW + 1], props[:-1, _PW])),
        props[:, _SUR],
        np.where(np.array(sur2, dtype=bool), index.flags["sur2"], index.unknown),
        np.concatenate((edge[0, _PROLE : _PROLE + 1], props[:-1, _PROLE])),
        np.concatenate((props[1:, _NW], edge[1, _NW : _NW + 1])),
        props[:, _OSUF],
        props[:, _LSUF],
    ]
    return spread, edges, starts


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
    spread, edges, starts = _word_rows(index, words, norm)
    gaz = np.full(n, unk, dtype=np.int64)
    for start, end, label in names:
        gaz[start + 1 : end - 1] = index.gazetteer.get("I" + label, unk)
        gaz[start] = index.gazetteer.get("B" + label, unk)
        gaz[end - 1] = index.gazetteer.get("E" + label, unk)
    lasts = starts + np.array([len(w) for w in words]) - 1
    placed = []
    for k, rows in enumerate(edges):
        col = np.full(n, unk, dtype=np.int64)
        col[starts if k < 4 else lasts] = rows
        placed.append(col)
    return np.stack([*_char_rows(index, norm), *spread, gaz, *placed])
