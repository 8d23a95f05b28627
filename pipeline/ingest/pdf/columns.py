"""Columns and sidebars of a page in reading order: a recursive XY cut.

A PDF's text in drawing order interleaves the columns of a newspaper page line by line, so the
reading order is built here from the glyphs' boxes:

1. bands: a region is cut across where a wide horizontal gap or a horizontal rule runs
   through it (full-width headlines, rules between articles);
2. columns: a band is cut down the gutters, the gaps in the x-projection of its characters;
   a headline that crosses the gutters of body-size text is lifted out as its own band;
3. a region that cannot be cut is one column, read top to bottom, line by line.

A title set vertically is read before the columns beside it. Boxed regions (rectangles,
filled backgrounds) are read on their own and placed after the band that holds them, as
sidebar blocks.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.ingest.pdf.geometry import (
    HEADLINE_RATIO,
    SUBHEADLINE_RATIO,
    Box,
    Column,
    Glyph,
    Line,
    Rect,
    SidebarRegion,
    find_gaps,
    group_rows,
    make_lines,
    split_fragments,
)

# A vertical title has at least this many characters.
VERTICAL_MIN_CHARS = 4


# Gutters and band gaps, in units of the body size.
MIN_GUTTER = 0.5


MIN_BAND_GAP = 1.0


# An article has at least this many rows of body text.
RUNNING_ROWS = 3
# A rule or box must span this share of a region's width to separate bands.
RULE_SPAN = 0.5


@dataclass(frozen=True)
class Geometry:
    """What the cutting needs to know about the whole page."""

    body: float
    hrules: tuple[Rect, ...]
    vrules: tuple[Rect, ...]


@dataclass
class Reader:
    geo: Geometry
    out: list[Column | SidebarRegion] = field(default_factory=list)


def ruled_boxes(hrules: Sequence[Rect], vrules: Sequence[Rect]) -> list[Rect]:
    """Boxes drawn as four separate rules: two horizontal ones of the same extent joined at
    both ends by vertical ones.

    >>> h = [Rect(10, 100, 200, 100), Rect(10, 300, 200, 300)]
    >>> v = [Rect(10, 100, 10, 300), Rect(200, 99, 200, 301)]
    >>> ruled_boxes(h, v)
    [Rect(x0=10, top=100, x1=200, bottom=300)]
    >>> ruled_boxes(h, v[:1])
    []
    """

    def joins(x: float, top: float, bottom: float) -> bool:
        return any(
            abs((v.x0 + v.x1) / 2 - x) <= 2 and v.top <= top + 2 and v.bottom >= bottom - 2
            for v in vrules
        )

    boxes = []
    for upper, lower in itertools.combinations(sorted(hrules, key=lambda r: r.top), 2):
        if abs(upper.x0 - lower.x0) > 2 or abs(upper.x1 - lower.x1) > 2:
            continue
        top, bottom = upper.top, lower.bottom
        if bottom > top and joins(upper.x0, top, bottom) and joins(upper.x1, top, bottom):
            boxes.append(Rect(upper.x0, top, upper.x1, bottom))
    return boxes


def find_boxes(
    glyphs: Sequence[Glyph], rects: Sequence[Rect], body: float, height: float
) -> list[Box]:
    """Outermost rectangles big enough to hold text and holding some: sidebars."""
    page_extent = max(g.x1 for g in glyphs) - min(g.x0 for g in glyphs)
    candidates = [
        r
        for r in rects
        if r.x1 - r.x0 >= 3 * body
        and r.bottom - r.top >= 2 * body
        and (r.x1 - r.x0) * (r.bottom - r.top) < 0.5 * page_extent * height
    ]
    outer: list[Rect] = []
    for rect in sorted(candidates, key=lambda r: -(r.x1 - r.x0) * (r.bottom - r.top)):
        if not any(rect.inside(o) for o in outer):
            outer.append(rect)
    boxes = []
    taken: set[int] = set()
    for rect in sorted(outer, key=lambda r: (r.top, r.x0)):
        inside = tuple(g for g in glyphs if id(g) not in taken and rect.holds(g))
        # A band behind a single line is decoration, not a sidebar.
        if len(group_rows(g for g in inside if not g.text.isspace())) >= 2:
            taken.update(id(g) for g in inside)
            boxes.append(Box(rect, inside))
    return boxes


def cut_region(reader: Reader, glyphs: list[Glyph], boxes: list[Box]) -> None:
    """Append the columns and sidebars of one region to ``reader.out`` in reading order."""
    visible = [g for g in glyphs if not g.text.isspace()]
    if not visible:
        _emit_boxes(reader, boxes)
        return
    # Rules part articles first; then articles side by side, each under its own headline.
    ruled = _band_cuts(visible, reader.geo, ruled_only=True)
    if ruled and _split_rows(reader, glyphs, boxes, ruled):
        return
    articles = _article_gutters(visible, reader.geo)
    if articles:
        _split_articles(reader, glyphs, boxes, articles)
        return
    bands = _band_cuts(visible, reader.geo)
    if bands and _split_rows(reader, glyphs, boxes, bands):
        return
    body_like = [g for g in visible if g.size < SUBHEADLINE_RATIO * reader.geo.body]
    display = [g for g in visible if g.size >= SUBHEADLINE_RATIO * reader.geo.body]
    crossing = _crossing_lines(display, _gutters(body_like, reader.geo, visible))
    # A display line across body gutters with nothing beside it heads everything below it,
    # even where it leaves a gutter clear (a centred headline).
    alone = [ln for ln in crossing if _alone(ln, visible)]
    if alone and _split_around(reader, glyphs, boxes, visible, alone[0]):
        return
    gutters = _gutters(visible, reader.geo, visible)
    if gutters:
        parts = _under_headlines(_split_columns(glyphs, gutters), crossing)
        if len(parts) > 1 and _side_by_side(parts, visible, reader.geo.body):
            # A title set vertically is read before the text beside it, on either side.
            for part in sorted(parts, key=lambda p: not _vertical(make_lines(p), reader.geo.body)):
                cut_region(reader, part, [])
            _emit_boxes(reader, boxes)
            return
    elif crossing and _split_around(reader, glyphs, boxes, visible, crossing[0]):
        return
    reader.out.append(Column(tuple(make_lines(glyphs))))
    _emit_boxes(reader, boxes)


def _article_gutters(visible: list[Glyph], geo: Geometry) -> list[tuple[float, float]]:
    """Gutters that run down the whole region with an article on both sides (headline type
    and running text): articles standing side by side, each under its own headline. They
    are cut before any band, so that headlines set level with each other head their own
    columns."""
    big = [g for g in visible if g.size >= HEADLINE_RATIO * geo.body]
    if len(big) < 2:
        return []
    gutters = _gutters(visible, geo, visible)
    if not gutters:
        return []
    edges = [min(g.x0 for g in visible), *((lo + hi) / 2 for lo, hi in gutters)]
    edges.append(max(g.x1 for g in visible))
    small = [g for g in visible if g.size < SUBHEADLINE_RATIO * geo.body]

    def article(a: float, b: float) -> bool:
        if not any(a < g.cx < b for g in big):
            return False
        return len(group_rows(g for g in small if a < g.cx < b)) >= RUNNING_ROWS

    headed = [article(a, b) for a, b in itertools.pairwise(edges)]
    return [gutter for i, gutter in enumerate(gutters) if headed[i] and headed[i + 1]]


def _split_articles(
    reader: Reader, glyphs: list[Glyph], boxes: list[Box], gutters: list[tuple[float, float]]
) -> None:
    """Read side-by-side articles one after the other, each with the boxes set in it."""
    edges = [(lo + hi) / 2 for lo, hi in gutters]
    parts = _split_columns(glyphs, gutters)
    held: list[list[Box]] = [[] for _ in parts]
    for box in boxes:
        held[sum(1 for e in edges if (box.rect.x0 + box.rect.x1) / 2 > e)].append(box)
    for part, inside in zip(parts, held, strict=True):
        cut_region(reader, part, inside)


def _alone(line: Line, visible: list[Glyph]) -> bool:
    """Whether no other glyph of the region stands level with ``line``."""
    own = {id(g) for g in line.glyphs}
    return not any(g.top < line.bottom and g.bottom > line.top for g in visible if id(g) not in own)


def _split_around(
    reader: Reader, glyphs: list[Glyph], boxes: list[Box], visible: list[Glyph], line: Line
) -> bool:
    """Read what is above ``line``, the band it stands in, and what is below, in turn."""
    above = max((g.bottom for g in visible if g.cy < line.top), default=None)
    below = min((g.top for g in visible if g.cy > line.bottom), default=None)
    cuts = []
    if above is not None:
        cuts.append((above, line.top))
    if below is not None:
        cuts.append((line.bottom, below))
    return bool(cuts) and _split_rows(reader, glyphs, boxes, cuts)


def _side_by_side(parts: list[list[Glyph]], visible: list[Glyph], body: float) -> bool:
    """Whether parts split at gutters are columns rather than the cells of a table (or the
    words of one line): columns hold running text, cells share their rows. A column of
    running text beside a line or two (the end of an article in its last column) is read
    column by column too: read across, those lines would be spliced into its sentences."""
    texty = 0
    rows = [len(make_lines(part)) for part in parts]
    for part in parts:
        lines = make_lines(part)
        long_lines = sum(1 for ln in lines if ln.x1 - ln.x0 >= 6 * ln.size)
        texty += long_lines >= 2 or _vertical(lines, 0.0)
    most_rows = max(rows)
    return (
        texty >= 2
        or _headlines_side_by_side(parts, body)
        or len(group_rows(visible)) > most_rows + 1
        or (texty == 1 and sum(rows) - most_rows <= most_rows / 3)
    )


def _headlines_side_by_side(parts: list[list[Glyph]], body: float) -> bool:
    """Whether parts are single lines of headline type set wide apart: the headlines of
    articles standing side by side. Chinese has no word spaces, and even a letter-spaced
    title keeps its characters closer than two of them; read across, two would make one."""
    lines = [make_lines(part) for part in parts]
    if any(len(ls) != 1 for ls in lines):
        return False
    row = [ls[0] for ls in lines]
    if any(ln.size < HEADLINE_RATIO * body for ln in row):
        return False
    return all(b.x0 - a.x1 >= 2 * max(a.size, b.size) for a, b in itertools.pairwise(row))


def _under_headlines(parts: list[list[Glyph]], crossing: list[Line]) -> list[list[Glyph]]:
    """Parts beside a headline's part that start below the headline join its part: a
    headline heads the columns around it up to another article's heads (set level with it
    or higher). A centred headline may leave the outer gutters of its columns clear."""
    for line in crossing:
        at = next((i for i, p in enumerate(parts) if line.glyphs[0] in p), None)
        if at is None:
            continue
        lo, hi = at, at
        while lo > 0 and _starts_below(parts[lo - 1], line):
            lo -= 1
        while hi + 1 < len(parts) and _starts_below(parts[hi + 1], line):
            hi += 1
        if hi > lo:
            merged = [g for part in parts[lo : hi + 1] for g in part]
            parts = [*parts[:lo], merged, *parts[hi + 1 :]]
    return parts


def _starts_below(part: list[Glyph], line: Line) -> bool:
    ink = [g for g in part if not g.text.isspace()]
    return bool(ink) and min(g.top for g in ink) >= line.bottom


def _vertical(lines: Sequence[Line], body: float) -> bool:
    """Whether lines are text set vertically, one character under another, in type bigger
    than ``body``: a vertical title.

    >>> from pipeline.ingest.pdf.geometry import Glyph, make_line
    >>> glyphs = [Glyph(c, 10, 32, 22 * i, 22 * (i + 1), 22.0) for i, c in enumerate("标题四个")]
    >>> column = [make_line([g]) for g in glyphs]
    >>> _vertical(column, 10.0), _vertical(column[:2], 10.0)
    (True, False)
    """
    return len(lines) >= VERTICAL_MIN_CHARS and all(
        len(ln.glyphs) == 1 and ln.size > body for ln in lines
    )


def _emit_boxes(reader: Reader, boxes: list[Box]) -> None:
    for box in boxes:
        inner = Reader(reader.geo)
        cut_region(inner, list(box.glyphs), [])
        parts = tuple(p for p in inner.out if isinstance(p, Column))
        if parts:
            reader.out.append(SidebarRegion(_within(parts, box.rect)))


def _within(parts: tuple[Column, ...], rect: Rect) -> tuple[Column, ...]:
    """Columns of a box that stand one under another, with the box's inner right edge (its
    right side less the margin its text keeps on the left): a box of short items is not
    one paragraph of full lines."""
    spans = sorted((min(ln.top for ln in p.lines), max(ln.bottom for ln in p.lines)) for p in parts)
    if any(lower[0] < upper[1] for upper, lower in itertools.pairwise(spans)):
        return parts
    return tuple(Column(p.lines, rect.x1 - (min(ln.x0 for ln in p.lines) - rect.x0)) for p in parts)


def _split_rows(
    reader: Reader, glyphs: list[Glyph], boxes: list[Box], cuts: list[tuple[float, float]]
) -> bool:
    """Read the region band by band at the given horizontal gaps; False if that splits nothing."""
    edges = [(lo + hi) / 2 for lo, hi in cuts]
    bands: list[list[Glyph]] = [[] for _ in range(len(edges) + 1)]
    band_boxes: list[list[Box]] = [[] for _ in range(len(edges) + 1)]
    for g in glyphs:
        bands[sum(1 for e in edges if g.cy > e)].append(g)
    if max(len(b) for b in bands) == len(glyphs):
        return False
    for box in boxes:
        middle = (box.rect.top + box.rect.bottom) / 2
        band_boxes[sum(1 for e in edges if middle > e)].append(box)
    for band, held in zip(bands, band_boxes, strict=True):
        cut_region(reader, band, held)
    return True


def _split_columns(glyphs: list[Glyph], gutters: list[tuple[float, float]]) -> list[list[Glyph]]:
    edges = [(lo + hi) / 2 for lo, hi in gutters]
    cols: list[list[Glyph]] = [[] for _ in range(len(edges) + 1)]
    for g in glyphs:
        cols[sum(1 for e in edges if g.cx > e)].append(g)
    return cols


def _band_cuts(
    visible: list[Glyph], geo: Geometry, ruled_only: bool = False
) -> list[tuple[float, float]]:
    """Horizontal gaps across the whole region: wide ones (unless ``ruled_only``), and any
    that holds a long rule."""
    left = min(g.x0 for g in visible)
    right = max(g.x1 for g in visible)
    width = right - left
    wide = math.inf if ruled_only else MIN_BAND_GAP * geo.body
    cuts = []
    for lo, hi in find_gaps(((g.top, g.bottom) for g in visible), 0.0):
        if hi - lo >= wide or any(
            lo - 1 <= (r.top + r.bottom) / 2 <= hi + 1
            and min(r.x1, right) - max(r.x0, left) >= RULE_SPAN * width
            for r in geo.hrules
        ):
            cuts.append((lo, hi))
    return cuts


def _gutters(glyphs: list[Glyph], geo: Geometry, region: list[Glyph]) -> list[tuple[float, float]]:
    """Vertical gaps in the x-projection of ``glyphs``: wide ones, and any with a long rule.
    Wide is measured in the type on either side (the smaller): the space a typesetter
    leaves beside a quotation mark in a headline is no gutter."""
    if not glyphs:
        return []
    top = min(g.top for g in region)
    bottom = max(g.bottom for g in region)
    largest = max(g.size for g in glyphs)
    gutters = []
    for lo, hi in find_gaps(((g.x0, g.x1) for g in glyphs), 0.0):
        wide = hi - lo >= MIN_GUTTER * largest or (
            hi - lo >= MIN_GUTTER * geo.body
            and hi - lo >= MIN_GUTTER * _type_beside(glyphs, lo, hi, geo.body)
        )
        if wide or any(
            lo - 1 <= (r.x0 + r.x1) / 2 <= hi + 1
            and min(r.bottom, bottom) - max(r.top, top) >= RULE_SPAN * (bottom - top)
            for r in geo.vrules
        ):
            gutters.append((lo, hi))
    return gutters


def _type_beside(glyphs: list[Glyph], lo: float, hi: float, body: float) -> float:
    """The type size a gap is measured in: the larger type at each edge, the smaller of the
    two edges, never less than the body size."""
    left = max((g.size for g in glyphs if abs(g.x1 - lo) < 0.5), default=body)
    right = max((g.size for g in glyphs if abs(g.x0 - hi) < 0.5), default=body)
    return max(body, min(left, right))


def _crossing_lines(display: list[Glyph], gutters: list[tuple[float, float]]) -> list[Line]:
    """Display lines (headlines) that run across a body-text gutter, top first."""
    if not gutters or not display:
        return []
    return sorted(
        (
            ln
            for ln in split_fragments(display)
            if any(ln.x0 < lo and ln.x1 > hi for lo, hi in gutters)
        ),
        key=lambda ln: ln.top,
    )
