"""Quotation marks, terms in quotation marks, and speech verbs."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from pipeline.document import Span
from pipeline.quotes.cues import MARKS, SPEECH_END, WORD_CHAR, _patterns


def quote_marks(text: str) -> list[Span]:
    """Spans inside “…”; a quote over several paragraphs (each opening with “, only the last
    closing with ”) is one span.

    >>> t = "他说：“第一段。\\n\\n“第二段。”"
    >>> [t[s:e] for s, e in quote_marks(t)]
    ['第一段。\\n\\n“第二段。']
    """
    spans: list[Span] = []
    open_at = -1
    for m in MARKS.finditer(text):
        i = m.start()
        if text[i] == "”":
            if open_at >= 0:
                spans.append((open_at + 1, i))
            open_at = -1
        elif open_at < 0 or not _continues(text, open_at, i):
            open_at = i
    return spans


def _continues(text: str, open_at: int, again: int) -> bool:
    """Whether the “ at ``again`` opens the next paragraph of the quote opened at ``open_at``
    (a quote over several paragraphs reopens each one and closes only the last)."""
    line_start = text.rfind("\n", 0, again) + 1
    return line_start > open_at and not text[line_start:again].strip()


def is_term(text: str, span: Span) -> bool:
    """A name or term in quotation marks: its words end without punctuation and the sentence
    runs straight on (“双减”政策…, “星光”工程负责人)."""
    s, e = span
    if text[s:e].endswith(SPEECH_END):
        return False
    return e + 1 < len(text) and WORD_CHAR.match(text, e + 1) is not None


def _speech_verbs(text: str, inside: list[Span]) -> list[re.Match[str]]:
    """Speech verbs followed by ，/： outside quotation marks and outside words like 著称."""
    pats = _patterns()
    in_marks = _Intervals(inside)
    blocked = _Intervals([m.span() for m in pats["not_speech"].finditer(text)])
    return [
        m
        for m in pats["reported"].finditer(text)
        if not in_marks.holds(m.start()) and not blocked.overlaps(m.start(), m.end(1))
    ]


class _Intervals:
    """Spans sorted by start whose ends are sorted too (non-nested, as ``finditer`` and
    :func:`quote_marks` give them), asked by bisection: no scan of every span per match."""

    def __init__(self, spans: list[Span]) -> None:
        self.starts = [s for s, _ in spans]
        self.ends = [e for _, e in spans]

    def holds(self, pos: int) -> bool:
        """Whether some span has ``start <= pos < end``."""
        k = bisect_right(self.starts, pos)
        return k > 0 and self.ends[k - 1] > pos

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span has ``s < end and start < e``."""
        k = bisect_left(self.starts, end)
        return k > 0 and self.ends[k - 1] > start


def not_speech_at(text: str, start: int, end: int) -> bool:
    """Whether the verb text[start:end] is part of a word like 著称 or 可以说."""
    pat = _patterns()["not_speech"]
    return any(
        m.start() < end and start < m.end()
        for m in pat.finditer(text, max(0, start - 4), min(len(text), end + 4))
    )
