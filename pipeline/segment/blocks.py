"""Topic similarity between stretches of text, and the drafts and blocks the reader works on."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.segment.cues import _VERSE, NON_HAN, WINDOW
from pipeline.segment.lines import _Line, is_tagged

# --- topic similarity ----------------------------------------------------------------------


class Topics:
    """Character-bigram vectors of lines, weighted by inverse line frequency on the page.

    ``grams[i]`` are line i's bigrams in order. A bag counts the bigram lists of its lines (in
    C) rather than adding per-line Counters (a Python loop per key): the same counts in the
    same key order, which the float sums of :meth:`similarity` follow.
    """

    def __init__(self, lines: list[_Line]) -> None:
        self.grams = [_bigram_list(ln.text) for ln in lines]
        df: Counter[str] = Counter()
        for grams in self.grams:
            df.update(dict.fromkeys(grams).keys())  # each bigram once per line
        n = len(lines) + 1
        self.idf = {k: math.log(n / v) for k, v in df.items()}
        self.idf2 = {k: v**2 for k, v in self.idf.items()}

    def window(self, idxs: Sequence[int]) -> Counter[str]:
        """Bag of the given lines, taken until about ``WINDOW`` characters."""
        bag: Counter[str] = Counter()
        size = 0
        for i in idxs:
            bag.update(self.grams[i])
            size += len(self.grams[i])
            if size >= WINDOW:
                break
        return bag

    def similarity(self, a: Counter[str], b: Counter[str]) -> float:
        idf, idf2 = self.idf, self.idf2
        num = sum(v * b[k] * idf2[k] for k, v in a.items() if k in b)
        if not num:
            return 0.0
        na = math.sqrt(sum((v * idf[k]) ** 2 for k, v in a.items()))
        nb = math.sqrt(sum((v * idf[k]) ** 2 for k, v in b.items()))
        return num / (na * nb)


def _bigram_list(text: str) -> list[str]:
    """
    >>> _bigram_list("银行，业务")
    ['银行', '业务']
    """
    return [run[k : k + 2] for run in NON_HAN.split(text) for k in range(len(run) - 1) if run]


# --- reading the stream --------------------------------------------------------------------


@dataclass
class Draft:
    lines: list[int]
    joins: list[str]  # join before each line after the first: "para" or "cut"
    kind: str = "article"
    headline: str | None = None
    subheadline: str | None = None
    kicker: str | None = None
    byline: list[str] = field(default_factory=list)
    column: str | None = None
    truncated: bool = False
    closed_by_credit: bool = False
    package: bool = False  # opened by an editor's note: the bylined parts after it belong to it
    signed: bool = False  # closed by a column name and author: the text after it is another piece
    signed_name: bool = False  # no byline at the top, an author's bare name (□ X, ——X) at the end

    def add(self, idx: int, join: str) -> None:
        self.lines.append(idx)
        self.joins.append(join)


@dataclass
class _Block:
    kind: str  # group | body | credit | furniture | advertisement
    lines: list[int]


def _blocks(lines: list[_Line]) -> list[_Block]:
    """Consecutive heading/byline lines form one group; other lines stand alone.

    A headline with a column tag after a run of short lines (the verse of a poem) starts a
    group of its own.
    """
    blocks: list[_Block] = []
    for i, ln in enumerate(lines):
        if ln.role == "sidebar":
            continue
        kind = "group" if ln.role in ("heading", "byline") else ln.role
        prev = blocks[-1] if blocks else None
        if (
            prev is not None
            and prev.kind == kind
            and kind in ("group", "furniture", "advertisement")
            and prev.lines[-1] == i - 1
            and not (kind == "group" and len(prev.lines) >= _VERSE and is_tagged(ln))
        ):
            prev.lines.append(i)
        else:
            blocks.append(_Block(kind, [i]))
    return blocks
