"""Glyphs, boxes and lines: the shapes every stage of PDF reading works on.

Coordinates are points measured from the top-left of the page as set (upright).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

# Type size relative to the page's body size.
HEADLINE_RATIO = 1.6
SUBHEADLINE_RATIO = 1.15
# A page set vertically has at least this many characters one under the next.
VERTICAL_MIN_RUN = 20


@dataclass(frozen=True)
class Glyph:
    """One character with its box (points, measured from the page's top-left)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    # The centre, worked out once: the layout reader asks for it hundreds of times a glyph.
    cx: float = field(init=False, repr=False, compare=False)
    cy: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "cx", (self.x0 + self.x1) / 2)
        object.__setattr__(self, "cy", (self.top + self.bottom) / 2)


@dataclass(frozen=True)
class Rect:
    x0: float
    top: float
    x1: float
    bottom: float

    def holds(self, g: Glyph, slack: float = 1.0) -> bool:
        return (
            self.x0 - slack <= g.cx <= self.x1 + slack
            and self.top - slack <= g.cy <= self.bottom + slack
        )

    def inside(self, other: Rect) -> bool:
        return (
            self.x0 >= other.x0 - 1
            and self.x1 <= other.x1 + 1
            and self.top >= other.top - 1
            and self.bottom <= other.bottom + 1
        )


@dataclass(frozen=True)
class Line(Glyph):
    """A line of glyphs: its text, box and commonest type size, read like one wide glyph."""

    glyphs: tuple[Glyph, ...] = ()


@dataclass(frozen=True)
class Column:
    """A region that reads top to bottom; ``right`` is its text's right edge when a box
    around it tells (short lines alone cannot)."""

    lines: tuple[Line, ...]
    right: float | None = None


@dataclass(frozen=True)
class Box:
    """A boxed region (sidebar) and the glyphs inside it."""

    rect: Rect
    glyphs: tuple[Glyph, ...]


@dataclass(frozen=True)
class SidebarRegion:
    parts: tuple[Column, ...]


def body_size(glyphs: Sequence[Glyph]) -> float:
    """The most common type size (ties: the smaller), i.e. body text."""
    counts = Counter(g.size for g in glyphs)
    return max(counts, key=lambda s: (counts[s], -s))


def same_size(a: float, b: float) -> bool:
    return abs(a - b) <= 0.12 * min(a, b)


def find_gaps(spans: Iterable[tuple[float, float]], min_width: float) -> list[tuple[float, float]]:
    """Empty stretches between covered intervals, at least ``min_width`` wide.

    >>> find_gaps([(0, 10), (5, 12), (20, 30), (31, 40)], 5)
    [(12, 20)]
    """
    ordered = sorted(spans)
    gaps = []
    reach = ordered[0][1]
    for lo, hi in ordered[1:]:
        if lo - reach >= min_width:
            gaps.append((reach, lo))
        reach = max(reach, hi)
    return gaps


def group_rows(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs grouped into rows (vertical centre within the row's extent), each left to right."""
    rows: list[list[Glyph]] = []
    top = bottom = 0.0
    for g in sorted(glyphs, key=lambda g: (g.cy, g.x0)):
        if rows and top <= g.cy <= bottom:
            rows[-1].append(g)
            top, bottom = min(top, g.top), max(bottom, g.bottom)
        else:
            rows.append([g])
            top, bottom = g.top, g.bottom
    return [sorted(r, key=lambda g: g.x0) for r in rows]


def make_lines(glyphs: Iterable[Glyph]) -> list[Line]:
    lines = [make_line(row) for row in group_rows(glyphs)]
    return [ln for ln in lines if ln.text]


def make_line(row: Sequence[Glyph]) -> Line:
    """One line's text: spaces as printed, plus one where a wide gap has none."""
    parts: list[str] = []
    prev: Glyph | None = None
    for g in row:
        if prev is not None:
            if g.text == prev.text and abs(g.x0 - prev.x0) < 0.1 * g.size:
                continue  # overprinted (fake bold) glyph; "11" in a narrow font is not
            if g.x0 - prev.x1 > 0.6 * max(g.size, prev.size) and not (
                g.text.isspace() or prev.text.isspace()
            ):
                parts.append(" ")
        parts.append(" " if g.text.isspace() else g.text)
        prev = g
    text = " ".join("".join(parts).split())
    ink = [g for g in row if not g.text.isspace()] or list(row)
    sizes = Counter(g.size for g in ink)
    return Line(
        text,
        min(g.x0 for g in ink),
        max(g.x1 for g in ink),
        min(g.top for g in ink),
        max(g.bottom for g in ink),
        max(sizes, key=lambda s: (sizes[s], s)),
        tuple(row),
    )


def split_fragments(glyphs: list[Glyph]) -> list[Line]:
    """Lines, split where the gap between neighbours is wider than a character."""
    out = []
    for row in group_rows(glyphs):
        start = 0
        for i in range(1, len(row) + 1):
            if i == len(row) or row[i].x0 - row[i - 1].x1 > max(row[i].size, row[i - 1].size):
                out.append(make_line(row[start:i]))
                start = i
    return out


def set_vertically(glyphs: Sequence[Glyph]) -> bool:
    """Whether the text is set vertically (竖排): glyphs drawn one after another stand one
    under another far more often than side by side.

    >>> down = [Glyph(c, 0, 10, 10 * i, 10 * i + 10, 10.0) for i, c in enumerate("竖排的正文" * 5)]
    >>> across = [Glyph(c, 10 * i, 10 * i + 10, 0, 10, 10.0) for i, c in enumerate("横排" * 20)]
    >>> set_vertically(down), set_vertically(across), set_vertically(down[:3])
    (True, False, False)
    """
    down = across = 0
    for a, b in itertools.pairwise(glyphs):
        step = 1.6 * max(a.size, b.size)
        if abs(a.cx - b.cx) < 0.3 * a.size and 0 < b.cy - a.cy < step:
            down += 1
        elif abs(a.cy - b.cy) < 0.3 * a.size and 0 < b.cx - a.cx < step:
            across += 1
    return down >= VERTICAL_MIN_RUN and down > 2 * across
