"""Name lists: gazetteers/entities/<LABEL>.<name>.txt, exact longest matches."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import numpy as np

from pipeline.entities.lexicons import gazetteer_index, rule_lexicons


@cache
def _prefix_codes() -> np.ndarray:
    """The first two characters of every name as sorted integers (see :func:`_pair_codes`)."""
    return np.array(sorted((ord(k[0]) << 21) | ord(k[1]) for k in gazetteer_index()))


def code_points(text: str) -> np.ndarray:
    """The code points of ``text`` as int64, without a Python call per character."""
    return np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.int64)


def _pair_codes(text: str) -> np.ndarray:
    """Each pair of neighbouring characters of ``text`` as one integer (21 bits a character)."""
    codes = code_points(text)
    return (codes[:-1] << 21) | codes[1:]


def _starts(text: str) -> list[int]:
    """Offsets where some name's first two characters occur (the only places to try)."""
    if len(text) < 2:
        return []
    pairs, prefixes = _pair_codes(text), _prefix_codes()
    at = np.minimum(np.searchsorted(prefixes, pairs), len(prefixes) - 1)
    return np.flatnonzero(prefixes[at] == pairs).tolist()


def gazetteer_spans(text: str, boundaries: frozenset[int]) -> list[tuple[int, int, str]]:
    """Leftmost-longest list matches; two-character names must be whole jieba words, and no
    name may end on the first character of a generic word (财政部 in 财政部门).

    >>> gazetteer_spans("财政部门和财政部", frozenset([0, 2, 4, 5, 8]))
    [(5, 8, 'ORG')]
    """
    return scan(text, boundaries, _starts(text))


def scan(
    text: str, boundaries: frozenset[int], offsets: Iterable[int]
) -> list[tuple[int, int, str]]:
    """:func:`gazetteer_spans` trying names only at ``offsets`` (ascending): the candidate
    offsets of :func:`_starts`, or every offset, which must find the same."""
    index = _names_by_length()
    generic = frozenset(rule_lexicons()["generic_names"])
    spans: list[tuple[int, int, str]] = []
    free = 0  # the first offset not inside a match
    for i in offsets:
        if i < free:
            continue
        for length, names in index.get(text[i : i + 2], ()):
            end = i + length
            label = names.get(text[i:end])
            if (
                label is not None
                and (length > 2 or (i in boundaries and end in boundaries))
                and (end in boundaries or text[end - 1 : end + 1] not in generic)
            ):
                spans.append((i, end, label))
                free = end
                break
    return spans


@cache
def _names_by_length() -> dict[str, tuple[tuple[int, dict[str, str]], ...]]:
    """First two characters -> (length, {name: label}) longest first: one dictionary lookup per
    length instead of a comparison per name (some two-character prefixes start 400 names)."""
    index = {}
    for prefix, group in gazetteer_index().items():
        by_length: dict[int, dict[str, str]] = {}
        for name, label in group:
            by_length.setdefault(len(name), {}).setdefault(name, label)
        index[prefix] = tuple(sorted(by_length.items(), key=lambda item: -item[0]))
    return index
