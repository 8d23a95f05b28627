"""A PDF page's glyphs, boxes and rules, read through pdfium and turned upright.

pdfium reads a page's characters many times faster than pdfminer (which pdfplumber runs
over the whole page); only what the layout reader needs is taken: each character's text,
loose box (the font's ascent to descent, not the ink), size and run direction, and the
straight lines and rectangles that the page draws.

Coordinates come in the page's user space (y up); they are flipped to top-down and then turned
so that the text runs left to right (a page drawn turned on its sheet reads as the upright
one, and a /Rotate, which only turns the display, changes nothing).
"""

from __future__ import annotations

import ctypes
import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.ingest.pdf.geometry import Glyph, Rect

# A code pdfium cannot map to Unicode is marked like pdfminer marks it, so one test judges both.
UNMAPPED = "(cid:?)"
# Segments of a drawn path that are one straight stretch: a rule.
RULE_POINTS = 2


@dataclass(frozen=True)
class PageContent:
    """What the layout reader needs of one page, top-down, before turning it upright."""

    glyphs: tuple[Glyph, ...]
    directions: tuple[int, ...]  # per glyph: 0, 90, 180 or 270 (clockwise, as the text runs)
    rects: tuple[Rect, ...]
    lines: tuple[Rect, ...]
    width: float
    height: float


def read_content(page: pdfium.PdfPage) -> PageContent:
    """The glyphs, rectangles and straight lines of a page (user space flipped top-down)."""
    # The page box as pdfium applies it (inherited from the page tree where the page has none).
    left, bottom, right, top = page.get_bbox()
    textpage = page.get_textpage()
    try:
        glyphs, directions = _read_chars(textpage, left, top)
    finally:
        textpage.close()
    rects, lines = _read_paths(page, left, top)
    return PageContent(
        tuple(glyphs), tuple(directions), tuple(rects), tuple(lines), right - left, top - bottom
    )


def _read_chars(textpage: pdfium.PdfTextPage, left: float, top: float) -> tuple[list, list]:
    """Every character the content stream draws, and the spaces between words of a line that
    pdfium puts in place of drawn ones (not the line ends it adds)."""
    raw = textpage.raw
    box = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    x, y = ctypes.c_double(), ctypes.c_double()
    chars: list[_Char | None] = []  # None: a space pdfium generated
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        if pdfium_c.FPDFText_IsGenerated(raw, i) == 1:
            if code == 0x20:
                chars.append(None)
            continue
        if code in (0xFFFE, 0xFFFF):  # a hyphen pdfium marks as soft
            continue
        text = _char_text(code, pdfium_c.FPDFText_HasUnicodeMapError(raw, i) == 1)
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, box)
        pdfium_c.FPDFText_GetMatrix(raw, i, matrix)
        pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y)
        size = round(pdfium_c.FPDFText_GetFontSize(raw, i), 1)
        glyph = Glyph(
            text, box.left - left, box.right - left, top - box.top, top - box.bottom, size
        )
        chars.append(_Char(glyph, run_direction(matrix.a, matrix.b), x.value, y.value))
    drawn = _with_word_spaces(chars)
    advances = _advances(drawn)
    glyphs = [_trimmed(c.glyph, advances.get((c.glyph.text, c.glyph.size))) for c in drawn]
    return glyphs, [c.direction for c in drawn]


def _with_word_spaces(chars: Sequence[_Char | None]) -> list[_Char]:
    """The drawn characters, with a generated space kept where it stands between two Chinese
    characters on one baseline, as in a spaced name ("尚 咲"), which pdfium may give as its own
    space. Between a Chinese character and a digit or letter the gap is the typesetter's
    automatic spacing, not a space of the text. A kept space has no width (it stands at the
    end of the character before it) so that it never bridges a gutter."""
    out: list[_Char] = []
    for i, char in enumerate(chars):
        if char is not None:
            out.append(char)
            continue
        before = chars[i - 1] if i else None
        after = chars[i + 1] if i + 1 < len(chars) else None
        if before is None or after is None or abs(after.y - before.y) >= 0.1:
            continue
        if not (_is_han(before.glyph.text) and _is_han(after.glyph.text)):
            continue
        g = before.glyph
        space = Glyph(" ", g.x1, g.x1, g.top, g.bottom, g.size)
        out.append(_Char(space, before.direction, before.x, before.y))
    return out


@dataclass(frozen=True)
class _Char:
    glyph: Glyph
    direction: int
    x: float  # origin, user space
    y: float


def _is_han(text: str) -> bool:
    return len(text) == 1 and "\u3400" <= text <= "\u9fff"


def _advances(chars: Sequence[_Char]) -> dict[tuple[str, float], float]:
    """The usual advance of each character (per size) that runs left to right: the distance
    to the next character's origin on the same baseline (the smallest seen, as justified
    lines spread)."""
    out: dict[tuple[str, float], float] = {}
    for this, after in itertools.pairwise(chars):
        step = after.x - this.x
        if this.direction == 0 and abs(after.y - this.y) < 0.1 and 0 < step <= this.glyph.size:
            key = (this.glyph.text, this.glyph.size)
            out[key] = min(out.get(key, step), step)
    return out


def _trimmed(glyph: Glyph, advance: float | None) -> Glyph:
    """The glyph's box cut back to its advance where pdfium's loose box reaches beyond it (a
    digit's box may reach into the gutter of a justified column)."""
    if advance is None or glyph.x1 - glyph.x0 <= advance:
        return glyph
    return Glyph(glyph.text, glyph.x0, glyph.x0 + advance, glyph.top, glyph.bottom, glyph.size)


def _char_text(code: int, map_error: bool) -> str:
    """A character's text; codes with no Unicode behind them become the unmapped mark.

    >>> _char_text(0x56FD, False), _char_text(0, False), _char_text(0x41, True)
    ('国', '(cid:?)', '(cid:?)')
    """
    if map_error or code == 0:
        return UNMAPPED
    try:
        return chr(code)
    except ValueError:
        return UNMAPPED


def run_direction(a: float, b: float) -> int:
    """Which way text with matrix (a, b, ...) runs, clockwise from left-to-right: user space
    has y up, so b < 0 runs down the page.

    >>> run_direction(1.0, 0.0), run_direction(0.0, -1.0), run_direction(-2.0, 0.1)
    (0, 90, 180)
    """
    if abs(a) >= abs(b):
        return 0 if a > 0 else 180
    return 90 if b < 0 else 270


def text_turn(directions: Iterable[int]) -> int:
    """How far the page's text is turned clockwise: the direction most glyphs run in (a tie
    goes to the smaller turn, so a page with no text stays as it is).

    >>> text_turn([90, 90, 0]), text_turn([])
    (90, 0)
    """
    votes = Counter(directions)
    return max(sorted(votes), key=votes.__getitem__, default=0)


def _read_paths(page: pdfium.PdfPage, left: float, top: float) -> tuple[list[Rect], list[Rect]]:
    """Axis-aligned rectangles and straight lines among the page's drawn paths."""
    rects: list[Rect] = []
    lines: list[Rect] = []
    matrix = pdfium_c.FS_MATRIX()
    for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=1):
        pdfium_c.FPDFPageObj_GetMatrix(obj.raw, matrix)
        for points in _subpaths(obj.raw):
            placed = [_apply(matrix, x, y) for x, y in points]
            flipped = [(x - left, top - y) for x, y in placed]
            xs = sorted(x for x, _ in flipped)
            ys = sorted(y for _, y in flipped)
            shape = Rect(xs[0], ys[0], xs[-1], ys[-1])
            if len(flipped) == RULE_POINTS:
                lines.append(shape)
            elif _is_box(flipped, shape):
                rects.append(shape)
    return rects, lines


def _subpaths(path: ctypes.c_void_p) -> list[list[tuple[float, float]]]:
    """The points of each straight-edged subpath (a subpath with a curve is left out)."""
    out: list[list[tuple[float, float]]] = []
    current: list[tuple[float, float]] = []
    curved = False
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(pdfium_c.FPDFPath_CountSegments(path)):
        segment = pdfium_c.FPDFPath_GetPathSegment(path, i)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            if current and not curved:
                out.append(current)
            current, curved = [], False
        curved = curved or kind == pdfium_c.FPDF_SEGMENT_BEZIERTO
        current.append((x.value, y.value))
    if current and not curved:
        out.append(current)
    return out


def _apply(m: pdfium_c.FS_MATRIX, x: float, y: float) -> tuple[float, float]:
    return m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f


def _is_box(points: Sequence[tuple[float, float]], bounds: Rect) -> bool:
    """Whether a subpath outlines its bounding box: edges along x or y only, every point on
    the box's sides (a rectangle drawn from any corner, or from the middle of a side).

    >>> _is_box([(5, 0), (0, 0), (0, 3), (9, 3), (9, 0), (5, 0)], Rect(0, 0, 9, 3))
    True
    >>> _is_box([(0, 0), (9, 0), (9, 3), (4, 3), (4, 1)], Rect(0, 0, 9, 3))
    False
    """
    on_side = all(
        min(abs(x - bounds.x0), abs(x - bounds.x1), abs(y - bounds.top), abs(y - bounds.bottom))
        < 0.5
        for x, y in points
    )
    return len(points) >= 4 and on_side and _axis_aligned(points)


def _axis_aligned(points: Sequence[tuple[float, float]]) -> bool:
    """Whether consecutive points differ in x or in y only (a box not drawn askew).

    >>> _axis_aligned([(0, 0), (5, 0), (5, 3), (0, 3)])
    True
    >>> _axis_aligned([(0, 0), (5, 2), (0, 3), (1, 1)])
    False
    """
    ring = [*points, points[0]]
    return all(
        abs(x0 - x1) < 0.5 or abs(y0 - y1) < 0.5 for (x0, y0), (x1, y1) in itertools.pairwise(ring)
    )


@dataclass(frozen=True)
class Turn:
    """Undoes a turned page: the text of a page turned a quarter clockwise runs down it;
    this maps top-down boxes (``width`` and ``height`` of the page as stored) back onto the
    page as it was set."""

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
        """The glyph upright, one em tall from its descent line up (as pdfminer measures it):
        pdfium's loose box reaches up to the font's ascent, which differs from font to font
        and would make a headline set close over the text overlap its first line."""
        x0, x1, _, bottom = self.box(g.x0, g.x1, g.top, g.bottom)
        return Glyph(g.text, x0, x1, bottom - g.size, bottom, g.size)

    def rect(self, r: Rect) -> Rect:
        x0, x1, top, bottom = self.box(r.x0, r.x1, r.top, r.bottom)
        return Rect(x0, top, x1, bottom)


def rules(rects: Iterable[Rect], lines: Iterable[Rect]) -> list[Rect]:
    """Drawn lines and hairline rectangles (rules are drawn either way)."""
    return [*lines, *(r for r in rects if min(r.x1 - r.x0, r.bottom - r.top) <= 2)]
