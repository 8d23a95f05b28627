"""Text derived from the page that remembers where each of its characters sits on the page.

Two kinds of derived text use it. Segmentation cuts sidebars out of an article and joins
words split by column breaks by choosing which page spans make up the article: the stitched
text is the concatenation of those spans. Normalization (:mod:`pipeline.ingest.normalize`)
drops invisible characters and HTML tags and decodes entities: one character of the view may
then stand for several page characters (``&amp;`` -> ``&``), so each character carries the
page span it came from. Any span of the derived text maps back to a page span.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.document import Span


@dataclass(frozen=True)
class TextMap:
    text: str
    offsets: Sequence[int]  # offsets[i] is the page index where text[i] starts
    ends: Sequence[int] | None = None  # ends[i] is where it ends; None: offsets[i] + 1

    @classmethod
    def identity(cls, text: str) -> TextMap:
        """The page text as its own view (costs no memory per character)."""
        return cls(text, range(len(text)))

    @classmethod
    def from_spans(cls, page_text: str, spans: list[Span]) -> TextMap:
        """Concatenate page spans.

        >>> m = TextMap.from_spans("银\\n\\n行业务", [(0, 1), (3, 6)])
        >>> m.text, m.to_page(0, 2)
        ('银行业务', (0, 4))
        """
        text = "".join(page_text[s:e] for s, e in spans)
        offsets = array("q")  # 8 bytes a character: long pages stay small
        for s, e in spans:
            offsets.extend(range(s, e))
        return cls(text, offsets)

    def slice(self, start: int, end: int) -> TextMap:
        """The map of ``text[start:end]``.

        >>> TextMap("甲乙丙", (0, 2, 3)).slice(1, 3).to_page(0, 2)
        (2, 4)
        """
        ends = self.ends[start:end] if self.ends is not None else None
        return TextMap(self.text[start:end], self.offsets[start:end], ends)

    def to_page(self, start: int, end: int) -> Span:
        """Page span covering the derived span ``[start, end)`` (gaps inside included)."""
        if start >= end:
            at = self.offsets[start] if start < len(self.offsets) else self._end()
            return at, at
        return self.offsets[start], self._char_end(end - 1)

    def from_page(self, start: int, end: int) -> Span:
        """Derived span of the characters that start inside the page span ``[start, end)``.

        >>> TextMap("ab", (1, 3)).from_page(0, 3)
        (0, 1)
        """
        return bisect_left(self.offsets, start), bisect_left(self.offsets, end)

    def is_contiguous(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` maps to one unbroken page span."""
        return end - start < 2 or self.offsets[end - 1] - self.offsets[start] == end - start - 1

    def _char_end(self, i: int) -> int:
        return self.ends[i] if self.ends is not None else self.offsets[i] + 1

    def _end(self) -> int:
        return self._char_end(len(self.offsets) - 1) if self.offsets else 0
