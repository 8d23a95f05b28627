"""A PDF page's glyphs, boxes and rules, turned upright.

A page is read the way its text runs (a /Rotate, or a page drawn turned on its sheet).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.ingest.pdf.geometry import Glyph, Rect


def text_turn(chars: Iterable[dict[str, Any]], rotation: int) -> int:
    """How far the page's text is turned clockwise as displayed (0, 90, 180 or 270): the
    direction most glyphs run in, from their text matrices. That covers a /Rotate and a
    page drawn turned on its sheet alike; ``rotation`` (the /Rotate) breaks a tie.

    >>> text_turn([{"matrix": (0.0, -1.0, 1.0, 0.0, 5.0, 9.0)}] * 3, 0)
    90
    >>> text_turn([], 270)
    270
    """
    votes: Counter[int] = Counter()
    for c in chars:
        a, b = c["matrix"][:2]
        if abs(a) >= abs(b):
            votes[0 if a > 0 else 180] += 1
        else:
            votes[90 if b < 0 else 270] += 1
    if not votes:
        return rotation
    best = max(votes.values())
    return rotation if votes[rotation] == best else max(votes, key=votes.__getitem__)


@dataclass(frozen=True)
class Turn:
    """Undoes a turned page: pdfplumber gives boxes as displayed (``width`` and ``height``
    are the displayed page's), so the text of a page turned a quarter runs down the page;
    this maps boxes back onto the page as it was set."""

    rotation: int
    width: float
    height: float

    @property
    def upright_height(self) -> float:
        return self.width if self.rotation in (90, 270) else self.height

    def box(self, x0: float, x1: float, top: float, bottom: float) -> tuple[float, ...]:
        if self.rotation == 90:
            return top, bottom, self.width - x1, self.width - x0
        if self.rotation == 180:
            return self.width - x1, self.width - x0, self.height - bottom, self.height - top
        if self.rotation == 270:
            return self.height - bottom, self.height - top, x0, x1
        return x0, x1, top, bottom

    def glyph(self, g: Glyph) -> Glyph:
        if not self.rotation:
            return g
        x0, x1, top, bottom = self.box(g.x0, g.x1, g.top, g.bottom)
        return Glyph(g.text, x0, x1, top, bottom, g.size)

    def rect(self, r: Rect) -> Rect:
        x0, x1, top, bottom = self.box(r.x0, r.x1, r.top, r.bottom)
        return Rect(x0, top, x1, bottom)


def to_glyphs(chars: Iterable[dict[str, Any]]) -> list[Glyph]:
    """Glyphs of the page; unmapped codes become U+FFFD so no stray digits of "(cid:12)" leak."""
    out = []
    for c in chars:
        text = "\ufffd" if c["text"].startswith("(cid:") else c["text"]
        out.append(
            Glyph(
                text,
                float(c["x0"]),
                float(c["x1"]),
                float(c["top"]),
                float(c["bottom"]),
                round(float(c["size"]), 1),
            )
        )
    return out


def to_rects(rects: Iterable[dict[str, Any]]) -> list[Rect]:
    return [
        Rect(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])) for r in rects
    ]


def to_rules(rects: Iterable[dict[str, Any]], lines: Iterable[dict[str, Any]]) -> list[Rect]:
    """Drawn lines and hairline rectangles (rules are drawn either way)."""
    out = to_rects(lines)
    out += [r for r in to_rects(rects) if min(r.x1 - r.x0, r.bottom - r.top) <= 2]
    return out
