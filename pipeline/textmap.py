"""Stitched text that remembers where each of its characters sits on the page.

Segmentation cuts sidebars out of an article and joins words split by column breaks by
choosing which page spans make up the article. The stitched text is the concatenation of
those spans, so every character of it is a character of ``page.text`` and any span of the
stitched text maps back to a page span.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.document import Span


@dataclass(frozen=True)
class TextMap:
    text: str
    offsets: tuple[int, ...]  # offsets[i] is the page index of text[i]

    @classmethod
    def from_spans(cls, page_text: str, spans: list[Span]) -> TextMap:
        """Concatenate page spans.

        >>> m = TextMap.from_spans("银\\n\\n行业务", [(0, 1), (3, 6)])
        >>> m.text, m.to_page(0, 2)
        ('银行业务', (0, 4))
        """
        text = "".join(page_text[s:e] for s, e in spans)
        offsets = tuple(i for s, e in spans for i in range(s, e))
        return cls(text, offsets)

    def to_page(self, start: int, end: int) -> Span:
        """Page span covering the stitched span ``[start, end)`` (gaps inside included)."""
        if start >= end:
            at = self.offsets[start] if start < len(self.offsets) else self._end()
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1

    def is_contiguous(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` maps to one unbroken page span."""
        return end - start < 2 or self.offsets[end - 1] - self.offsets[start] == end - start - 1

    def _end(self) -> int:
        return self.offsets[-1] + 1 if self.offsets else 0
