"""Word lists as regular expressions and longest-match look-ups.

>>> alternation(["银行", "银行业", "行"])
'银行业|银行|行'
>>> longest({"万", "万亿"}, "38.8万亿元", 4, 2)
'万亿'
>>> longest_before({"截至"}, "截至4月末", 2, 3)
'截至'
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable


def alternation(words: Iterable[str]) -> str:
    """Regex alternation of ``words``, longest first so that the longest one wins; the order is
    fixed (length, then the word) so that the pattern is the same in every process."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def compile_alternation(words: Iterable[str]) -> re.Pattern[str]:
    """:func:`alternation` compiled."""
    return re.compile(alternation(words))


def longest(table: Collection[str], text: str, pos: int, most: int) -> str:
    """Longest key of ``table`` that starts at ``pos`` in ``text`` ('' when none)."""
    for n in range(min(most, len(text) - pos), 0, -1):
        if text[pos : pos + n] in table:
            return text[pos : pos + n]
    return ""


def longest_before(table: Collection[str], text: str, pos: int, most: int) -> str:
    """Longest key of ``table`` that ends at ``pos`` in ``text`` ('' when none)."""
    for n in range(min(most, pos), 0, -1):
        if text[pos - n : pos] in table:
            return text[pos - n : pos]
    return ""
