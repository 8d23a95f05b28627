"""PDF pages in reading order: characters -> lines -> blocks, with layout hints.

pdfplumber's default text interleaves the columns of a newspaper page line by line, so the
reading order is built here from the characters' boxes (a recursive XY cut):

1. bands: a region is cut across where a wide horizontal gap or a horizontal rule runs
   through it (full-width headlines, rules between articles);
2. columns: a band is cut down the gutters, the gaps in the x-projection of its characters;
   a headline that crosses the gutters of body-size text is lifted out as its own band;
3. a region that cannot be cut is one column, read top to bottom, line by line.

A title set vertically is read before the columns beside it. Boxed regions (rectangles,
filled backgrounds) are read on their own and placed after the band that holds them, as
sidebar blocks. Lines join into paragraphs with no space (a number broken across lines comes
back whole); a first-line indent, a vertical gap, a short line or a change of type size starts
a new paragraph. A paragraph goes on at the head of the next column when that starts
unindented and the paragraph stopped mid-sentence or on a full line; a float read in between
(a caption, a pull quote) follows the paragraph it interrupts. Blocks are separated by a blank
line, as on text pages, and each gets a :class:`LayoutHint` with its role, judged from its
type size against the body size of the text around it (a lead story may be set larger than
the rest of the page), and its size.

A page is read the way its text runs (a /Rotate, or a page drawn turned on its sheet). Pages
whose text layer cannot be trusted become an :class:`IngestFailure`: no characters, fonts
without a ToUnicode map that come out as ``(cid:N)`` and Latin junk, or a wrong CMap that gives
real but wrong Chinese characters, while in both cases the digits survive.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.ingest import IngestedPage, IngestError, IngestFailure, LayoutHint
from pipeline.zh.words import load_jieba

NO_TEXT_LAYER = "no usable text layer (OCR needed)"

# A page is refused when this share of its glyphs is unmapped (cid:N) or implausible.
MAX_UNTRUSTED_SHARE = 0.05
# Chinese characters decoded through a wrong CMap: judged on at least MIN_HAN_TO_JUDGE; a page
# with MIN_COMMON_SHARE of them common passes, else MIN_WORD_SHARE must stand in words.
MIN_HAN_TO_JUDGE = 20
MIN_COMMON_SHARE = 0.9
MIN_WORD_SHARE = 0.15
# Type size relative to the page's body size.
HEADLINE_RATIO = 1.6
SUBHEADLINE_RATIO = 1.15
FURNITURE_RATIO = 0.92
# Furniture is short: at most this many characters on one line.
FURNITURE_MAX_CHARS = 60
# A vertical title has at least this many characters.
VERTICAL_MIN_CHARS = 4
DISPLAY_ROLES = frozenset({"headline", "subheadline", "kicker"})
# A column with this many lines of one size holds running text (sets its own body size).
RUNNING_LINES = 3
# A float (caption, pull quote) set in a column has at most this many lines.
FLOAT_MAX_LINES = 6
# Characters that may end a paragraph: sentence ends, closing quotes and brackets.
SENTENCE_CLOSERS = frozenset("。！？!?…；;：:”’」』）)》】")
# Share of the page height at the top and bottom where single lines count as furniture.
MARGIN_SHARE = 0.05
# Gutters and band gaps, in units of the body size.
MIN_GUTTER = 0.5
MIN_BAND_GAP = 1.0
# A rule or box must span this share of a region's width to separate bands.
RULE_SPAN = 0.5
# Letters that a Chinese page may legitimately hold in the Latin-1 and Latin Extended blocks.
_LATIN_OK = frozenset("·×÷°±§µ²³¹¼½¾āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ")


@dataclass(frozen=True)
class Glyph:
    """One character with its box (points, measured from the page's top-left)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2


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
class Line:
    glyphs: tuple[Glyph, ...]
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


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


@dataclass
class Para:
    lines: list[Line]
    size: float
    indented: bool
    open_end: bool = False
    body: float = 0.0  # the body size of the text around it, which its role is judged by
    inset: bool = False  # a float inside an article's paragraph (caption, pull quote)


@dataclass(frozen=True)
class Block:
    text: str
    role: str
    size: float


@dataclass(frozen=True)
class _Geometry:
    """What the cutting needs to know about the whole page."""

    body: float
    hrules: tuple[Rect, ...]
    vrules: tuple[Rect, ...]


@dataclass
class _Reader:
    geo: _Geometry
    out: list[Column | SidebarRegion] = field(default_factory=list)


def read_pdf(path: Path) -> list[IngestedPage | IngestFailure]:
    """One page (or one failure) per PDF page, in reading order with layout hints.

    Raises :class:`IngestError` when the file as a whole cannot be read.
    """
    _check_header(path)
    try:
        pdf = pdfplumber.open(path)
        pages = pdf.pages
    except Exception as err:  # pdfminer raises many kinds on a broken file
        raise IngestError(_describe(err)) from err
    with pdf:
        if not pages:
            raise IngestError("PDF has no pages")
        results = []
        for number, page in enumerate(pages, start=1):
            results.append(_read_page(page, f"{path}#page={number}"))
            page.close()  # frees the parsed layout; archives have long PDFs
    return results


def _check_header(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise IngestError("not a PDF file (no %PDF header)")


def _describe(err: Exception) -> str:
    """A short reason for a file pdfminer refused."""
    cause = err.args[0] if isinstance(err, PdfminerException) and err.args else err
    if isinstance(cause, PDFPasswordIncorrect | PDFEncryptionError):
        return "encrypted PDF (password required)"
    detail = str(cause).strip() or type(cause).__name__
    return f"corrupt PDF ({detail[:80]})"


def _read_page(page: Any, source: str) -> IngestedPage | IngestFailure:
    # One bad page must not stop the file, nor a batch of thousands.
    try:
        raw = page.chars
        rects = page.rects
        lines = page.lines
    except Exception as err:
        return IngestFailure(source, f"unreadable page ({type(err).__name__})")
    texts = [c["text"] for c in raw if not c["text"].isspace()]
    if not texts or untrusted_share(texts) >= MAX_UNTRUSTED_SHARE or garbled_han(texts):
        return IngestFailure(source, NO_TEXT_LAYER)
    rotation = _text_turn(raw, int(page.rotation or 0) % 360)
    turn = _Turn(rotation, float(page.width), float(page.height))
    glyphs = [turn.glyph(g) for g in _glyphs(raw)]
    glyphs = [g for g in glyphs if g.x1 > 0 and g.bottom > 0 and g.top < turn.upright_height]
    try:
        text, hints = layout_text(
            glyphs,
            [turn.rect(r) for r in _rects(rects)],
            [turn.rect(r) for r in _rules(rects, lines)],
            turn.upright_height,
        )
    except Exception as err:
        return IngestFailure(source, f"layout analysis failed ({type(err).__name__})")
    if not text:
        return IngestFailure(source, NO_TEXT_LAYER)
    return IngestedPage(source=source, text=text, hints=tuple(hints))


def _text_turn(chars: Iterable[dict[str, Any]], rotation: int) -> int:
    """How far the page's text is turned clockwise as displayed (0, 90, 180 or 270): the
    direction most glyphs run in, from their text matrices. That covers a /Rotate and a
    page drawn turned on its sheet alike; ``rotation`` (the /Rotate) breaks a tie.

    >>> _text_turn([{"matrix": (0.0, -1.0, 1.0, 0.0, 5.0, 9.0)}] * 3, 0)
    90
    >>> _text_turn([], 270)
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
class _Turn:
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


def untrusted_share(texts: Sequence[str]) -> float:
    """Share of glyph texts that are unmapped codes or characters no Chinese page holds.

    >>> untrusted_share(["国", "家", "2", "0"])
    0.0
    >>> untrusted_share(["(cid:3)", "(cid:4)", "2", "Ž"])
    0.75
    """
    if not texts:
        return 1.0
    bad = sum(1 for t in texts if t.startswith("(cid:") or any(map(_implausible, t)))
    return bad / len(texts)


def garbled_han(texts: Sequence[str]) -> bool:
    """Whether the Chinese characters read are real but wrong ones, as a font decoded through
    the wrong CMap gives (a GB1 code read as a CNS1 one) while its digits survive.

    Simplified-Chinese news is almost all GB 2312 level-1 characters; a page that is not
    (a traditional-script page, or such garbage) must read as words: garbage seldom puts
    two characters of a dictionary word side by side.

    >>> garbled_han(list("银行业金融机构贷款余额同比增长") * 2)
    False
    >>> garbled_han(list("琩嘖猧悖渭淗梒婄羔矞惤棖琰韶") * 2)
    True
    """
    han = "".join(t for t in texts if len(t) == 1 and "\u4e00" <= t <= "\u9fff")
    if len(han) < MIN_HAN_TO_JUDGE:
        return False
    common = _gb2312_level1()
    if sum(1 for ch in han if ch in common) >= MIN_COMMON_SHARE * len(han):
        return False
    words = load_jieba().dt.FREQ
    paired = [False] * len(han)
    for i in range(len(han) - 1):
        if words.get(han[i : i + 2]):
            paired[i] = paired[i + 1] = True
    return sum(paired) < MIN_WORD_SHARE * len(han)


@cache
def _gb2312_level1() -> frozenset[str]:
    """GB 2312's level-1 characters (3755 in common use, rows 16-55), from Python's codec."""
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def _implausible(ch: str) -> bool:
    """A character that shows a font was decoded with the wrong map.

    >>> [_implausible(c) for c in "国a9，“·Š‚\\ue001"]
    [False, False, False, False, False, False, True, True, True]
    """
    cp = ord(ch)
    if cp < 0x20 or 0x7F <= cp <= 0x9F or 0xE000 <= cp <= 0xF8FF or ch == "\ufffd":
        return True
    if 0xA0 <= cp <= 0x24F or 0x2B0 <= cp <= 0x2FF:
        return ch not in _LATIN_OK
    return ch in "‚„†‡‰‹›™"


def _glyphs(chars: Iterable[dict[str, Any]]) -> list[Glyph]:
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


def _rects(rects: Iterable[dict[str, Any]]) -> list[Rect]:
    return [
        Rect(float(r["x0"]), float(r["top"]), float(r["x1"]), float(r["bottom"])) for r in rects
    ]


def _rules(rects: Iterable[dict[str, Any]], lines: Iterable[dict[str, Any]]) -> list[Rect]:
    """Drawn lines and hairline rectangles (rules are drawn either way)."""
    out = _rects(lines)
    out += [r for r in _rects(rects) if min(r.x1 - r.x0, r.bottom - r.top) <= 2]
    return out


def layout_text(
    glyphs: Sequence[Glyph], rects: Sequence[Rect], rules: Sequence[Rect], height: float
) -> tuple[str, list[LayoutHint]]:
    """Reading-order text of a page's glyphs, and a hint per block (offsets into that text).

    >>> g = [Glyph(c, 10 + 10 * i, 20 + 10 * i, 100, 110, 10.0) for i, c in enumerate("小微20")]
    >>> g += [Glyph(c, 10 + 10 * i, 20 + 10 * i, 114, 124, 10.0) for i, c in enumerate("26年")]
    >>> layout_text(g, [], [], 800.0)[0]
    '小微2026年'
    """
    visible = [g for g in glyphs if not g.text.isspace()]
    if not visible:
        return "", []
    body = _body_size(visible)
    hrules = tuple(r for r in rules if r.bottom - r.top <= 2 and r.x1 - r.x0 > 2 * body)
    vrules = tuple(r for r in rules if r.x1 - r.x0 <= 2 and r.bottom - r.top > 2 * body)
    boxes = _boxes(glyphs, [*rects, *_ruled_boxes(hrules, vrules)], body, height)
    boxed = {id(g) for b in boxes for g in b.glyphs}
    flow = [g for g in glyphs if id(g) not in boxed]
    reader = _Reader(_Geometry(body, hrules, vrules))
    _cut(reader, flow, boxes)
    blocks = _blocks(reader.out, body, height)
    return _assemble(blocks)


def _body_size(glyphs: Sequence[Glyph]) -> float:
    """The most common type size (ties: the smaller), i.e. body text."""
    counts = Counter(g.size for g in glyphs)
    return max(counts, key=lambda s: (counts[s], -s))


def _ruled_boxes(hrules: Sequence[Rect], vrules: Sequence[Rect]) -> list[Rect]:
    """Boxes drawn as four separate rules: two horizontal ones of the same extent joined at
    both ends by vertical ones.

    >>> h = [Rect(10, 100, 200, 100), Rect(10, 300, 200, 300)]
    >>> v = [Rect(10, 100, 10, 300), Rect(200, 99, 200, 301)]
    >>> _ruled_boxes(h, v)
    [Rect(x0=10, top=100, x1=200, bottom=300)]
    >>> _ruled_boxes(h, v[:1])
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


def _boxes(glyphs: Sequence[Glyph], rects: Sequence[Rect], body: float, height: float) -> list[Box]:
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
        if len(_rows(g for g in inside if not g.text.isspace())) >= 2:
            taken.update(id(g) for g in inside)
            boxes.append(Box(rect, inside))
    return boxes


def _cut(reader: _Reader, glyphs: list[Glyph], boxes: list[Box]) -> None:
    """Append the columns and sidebars of one region to ``reader.out`` in reading order."""
    visible = [g for g in glyphs if not g.text.isspace()]
    if not visible:
        _emit_boxes(reader, boxes)
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
        parts = _split_columns(glyphs, gutters)
        if _side_by_side(parts, visible):
            # A title set vertically is read before the text beside it, on either side.
            for part in sorted(parts, key=lambda p: not _vertical(_lines(p), reader.geo.body)):
                _cut(reader, part, [])
            _emit_boxes(reader, boxes)
            return
    elif crossing and _split_around(reader, glyphs, boxes, visible, crossing[0]):
        return
    reader.out.append(Column(tuple(_lines(glyphs))))
    _emit_boxes(reader, boxes)


def _alone(line: Line, visible: list[Glyph]) -> bool:
    """Whether no other glyph of the region stands level with ``line``."""
    own = {id(g) for g in line.glyphs}
    return not any(g.top < line.bottom and g.bottom > line.top for g in visible if id(g) not in own)


def _split_around(
    reader: _Reader, glyphs: list[Glyph], boxes: list[Box], visible: list[Glyph], line: Line
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


def _side_by_side(parts: list[list[Glyph]], visible: list[Glyph]) -> bool:
    """Whether parts split at gutters are columns rather than the cells of a table (or the
    words of one line): columns hold running text, cells share their rows. A column of
    running text beside a line or two (the end of an article in its last column) is read
    column by column too: read across, those lines would be spliced into its sentences."""
    texty = 0
    rows = [len(_lines(part)) for part in parts]
    for part in parts:
        lines = _lines(part)
        long_lines = sum(1 for ln in lines if ln.x1 - ln.x0 >= 6 * ln.size)
        texty += long_lines >= 2 or _vertical(lines, 0.0)
    most_rows = max(rows)
    return (
        texty >= 2
        or len(_rows(visible)) > most_rows + 1
        or (texty == 1 and sum(rows) - most_rows <= most_rows / 3)
    )


def _vertical(lines: Sequence[Line], body: float) -> bool:
    """Whether lines are text set vertically, one character under another, in type bigger
    than ``body``: a vertical title.

    >>> glyphs = [Glyph(c, 10, 32, 22 * i, 22 * (i + 1), 22.0) for i, c in enumerate("标题四个")]
    >>> column = [_line([g]) for g in glyphs]
    >>> _vertical(column, 10.0), _vertical(column[:2], 10.0)
    (True, False)
    """
    return len(lines) >= VERTICAL_MIN_CHARS and all(
        len(ln.glyphs) == 1 and ln.size > body for ln in lines
    )


def _emit_boxes(reader: _Reader, boxes: list[Box]) -> None:
    for box in boxes:
        inner = _Reader(reader.geo)
        _cut(inner, list(box.glyphs), [])
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
    reader: _Reader, glyphs: list[Glyph], boxes: list[Box], cuts: list[tuple[float, float]]
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
        _cut(reader, band, held)
    return True


def _split_columns(glyphs: list[Glyph], gutters: list[tuple[float, float]]) -> list[list[Glyph]]:
    edges = [(lo + hi) / 2 for lo, hi in gutters]
    cols: list[list[Glyph]] = [[] for _ in range(len(edges) + 1)]
    for g in glyphs:
        cols[sum(1 for e in edges if g.cx > e)].append(g)
    return cols


def _gaps(spans: Iterable[tuple[float, float]], min_width: float) -> list[tuple[float, float]]:
    """Empty stretches between covered intervals, at least ``min_width`` wide.

    >>> _gaps([(0, 10), (5, 12), (20, 30), (31, 40)], 5)
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


def _band_cuts(visible: list[Glyph], geo: _Geometry) -> list[tuple[float, float]]:
    """Horizontal gaps across the whole region: wide ones, and any that holds a long rule."""
    left = min(g.x0 for g in visible)
    right = max(g.x1 for g in visible)
    width = right - left
    cuts = []
    for lo, hi in _gaps(((g.top, g.bottom) for g in visible), 0.0):
        if hi - lo >= MIN_BAND_GAP * geo.body or any(
            lo - 1 <= (r.top + r.bottom) / 2 <= hi + 1
            and min(r.x1, right) - max(r.x0, left) >= RULE_SPAN * width
            for r in geo.hrules
        ):
            cuts.append((lo, hi))
    return cuts


def _gutters(glyphs: list[Glyph], geo: _Geometry, region: list[Glyph]) -> list[tuple[float, float]]:
    """Vertical gaps in the x-projection of ``glyphs``: wide ones, and any with a long rule."""
    if not glyphs:
        return []
    top = min(g.top for g in region)
    bottom = max(g.bottom for g in region)
    gutters = []
    for lo, hi in _gaps(((g.x0, g.x1) for g in glyphs), 0.0):
        if hi - lo >= MIN_GUTTER * geo.body or any(
            lo - 1 <= (r.x0 + r.x1) / 2 <= hi + 1
            and min(r.bottom, bottom) - max(r.top, top) >= RULE_SPAN * (bottom - top)
            for r in geo.vrules
        ):
            gutters.append((lo, hi))
    return gutters


def _crossing_lines(display: list[Glyph], gutters: list[tuple[float, float]]) -> list[Line]:
    """Display lines (headlines) that run across a body-text gutter, top first."""
    if not gutters or not display:
        return []
    return sorted(
        (ln for ln in _fragments(display) if any(ln.x0 < lo and ln.x1 > hi for lo, hi in gutters)),
        key=lambda ln: ln.top,
    )


def _fragments(glyphs: list[Glyph]) -> list[Line]:
    """Lines, split where the gap between neighbours is wider than a character."""
    out = []
    for row in _rows(glyphs):
        start = 0
        for i in range(1, len(row) + 1):
            if i == len(row) or row[i].x0 - row[i - 1].x1 > max(row[i].size, row[i - 1].size):
                out.append(_line(row[start:i]))
                start = i
    return out


def _rows(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
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


def _lines(glyphs: Iterable[Glyph]) -> list[Line]:
    lines = [_line(row) for row in _rows(glyphs)]
    return [ln for ln in lines if ln.text]


def _line(row: Sequence[Glyph]) -> Line:
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
        tuple(row),
        text,
        min(g.x0 for g in ink),
        max(g.x1 for g in ink),
        min(g.top for g in ink),
        max(g.bottom for g in ink),
        max(sizes, key=lambda s: (sizes[s], s)),
    )


def _paras(column: Column) -> list[Para]:
    """Paragraphs of one column: a new one on a size change, gap, indent or short line."""
    lines = list(column.lines)
    if not lines:
        return []
    sizes = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    main = max(sizes, key=lambda s: (sizes[s], -s))
    # Most lines of a column are full and unindented: the medians are its edges (a line
    # may hang out with punctuation, and ragged-right lines end a little apart).
    frame = [ln for ln in lines if _same_size(ln.size, main)]
    left = sorted(ln.x0 for ln in frame)[len(frame) // 2]
    right = max(sorted(ln.x1 for ln in frame)[len(frame) // 2], column.right or 0.0)
    gaps = sorted(
        b.top - a.bottom
        for a, b in itertools.pairwise(lines)
        if _same_size(a.size, b.size) and b.top > a.bottom
    )
    usual = gaps[len(gaps) // 2] if gaps else 0.3 * main
    paras: list[Para] = []
    for i, ln in enumerate(lines):
        indented = ln.x0 - left >= 0.8 * ln.size
        prev = lines[i - 1] if i else None
        if (
            prev is None
            or not _same_size(prev.size, ln.size)
            or ln.top - prev.bottom > usual + 0.5 * ln.size
            or indented
            or prev.x1 < right - 1.5 * prev.size
        ):
            paras.append(Para([ln], ln.size, indented))
        else:
            paras[-1].lines.append(ln)
    last = paras[-1].lines[-1]
    paras[-1].open_end = len(lines) > 1 and last.x1 >= right - 1.5 * last.size
    return paras


def _same_size(a: float, b: float) -> bool:
    return abs(a - b) <= 0.12 * min(a, b)


def _flow(parts: Sequence[Column], bodies: Sequence[float]) -> list[Para]:
    """Paragraphs of consecutive columns. A paragraph that runs off a column's foot goes on
    at the head of a later column that starts unindented in the same size; the floats read
    in between (a caption, a pull quote: a column of one paragraph in another size) follow
    the paragraph they interrupt."""
    out: list[Para] = []
    held: list[Para] = []  # floats waiting for the paragraph they interrupt to end
    for column, body in zip(parts, bodies, strict=True):
        paras = _paras(column)
        if not paras:
            continue
        for para in paras:
            para.body = body
        at = _runs_on(out, paras[0])
        if at is not None:
            held += out[at + 1 :]
            del out[at + 1 :]
        if held and out and _same_size(out[-1].size, paras[0].size):
            for para in held:  # text of one size on both sides: floats inside an article
                para.inset = True
        if at is not None:
            out[at].lines.extend(paras[0].lines)
            out[at].open_end = paras[0].open_end if len(paras) == 1 else False
            paras = paras[1:]
        if paras and held:
            out += held
            held = []
        if len(paras) == 1 and out and _floats(paras[0], out[-1]):
            held.append(paras[0])
            continue
        out += paras
    return out + held


def _runs_on(out: Sequence[Para], head: Para) -> int | None:
    """Index of the paragraph that ``head`` (a column's first paragraph) continues: the last
    one read, or the one before the floats read since, when it stops short of a sentence's
    end (or, last read, fills its last line) and ``head`` starts unindented in its size."""
    if not out or head.indented:
        return None
    last = out[-1]
    if last.open_end and _same_size(last.size, head.size):
        return len(out) - 1
    for i in range(len(out) - 1, -1, -1):
        para = out[i]
        if _same_size(para.size, head.size):
            # A note set flush right under the text (下转…) is no column's first line.
            full = head.lines[0].x1 - head.lines[0].x0 >= 0.6 * max(
                ln.x1 - ln.x0 for ln in para.lines
            )
            open_sentence = len(para.lines) >= 2 and not _ends_sentence(_para_text(para))
            return i if open_sentence and full else None
        if not _floats(para, head):
            return None
    return None


def _floats(para: Para, beside: Para) -> bool:
    """Whether a paragraph set alone in its column can be a float in text of ``beside``'s
    size: a few lines in another size, smaller than a headline."""
    return (
        len(para.lines) <= FLOAT_MAX_LINES
        and not _same_size(para.size, beside.size)
        and para.size < HEADLINE_RATIO * beside.size
    )


def _ends_sentence(text: str) -> bool:
    """Whether a paragraph's text ends a sentence (or a quotation, a bracket).

    >>> [_ends_sentence(t) for t in ["增长9.9%。", "他说：“好。”", "（下转第2版）", "需要进一步"]]
    [True, True, True, False]
    """
    return text.rstrip()[-1:] in SENTENCE_CLOSERS


def _blocks(regions: Sequence[Column | SidebarRegion], body: float, height: float) -> list[Block]:
    """Blocks in reading order; runs of columns flow into each other, sidebars stand alone."""
    columns = [r for r in regions if isinstance(r, Column)]
    local = dict(zip(map(id, columns), _local_bodies(columns, body), strict=True))
    blocks: list[Block] = []
    run: list[Column] = []
    for region in [*regions, None]:
        if isinstance(region, Column):
            run.append(region)
            continue
        paras = _flow(run, [local[id(c)] for c in run])
        blocks += _roles(paras, height)
        run = []
        if isinstance(region, SidebarRegion):
            texts = [_para_text(p) for p in _flow(region.parts, [body] * len(region.parts))]
            ink = [g for c in region.parts for ln in c.lines for g in ln.glyphs]
            size = _body_size([g for g in ink if not g.text.isspace()] or ink)
            blocks.append(Block("\n\n".join(t for t in texts if t), "sidebar", size))
    return [b for b in blocks if b.text]


def _local_bodies(columns: Sequence[Column], page_body: float) -> list[float]:
    """The body size each column's roles are judged by: its own main size when it holds
    running text (a page may set its lead story larger than the rest), else that of the
    text it heads (the next column with running text), else the page's.

    >>> row = lambda top, n, size: [Glyph("字", 10 * i, 10 * i + size, top, top + size, size)
    ...                             for i in range(n)]
    >>> head = Column(tuple(_lines(row(0, 8, 30.0))))
    >>> text = Column(tuple(_lines(row(40, 20, 11.0) + row(55, 20, 11.0) + row(70, 20, 11.0))))
    >>> _local_bodies([head, text], 9.0)
    [11.0, 11.0]
    """
    own: list[float | None] = []
    for column in columns:
        sizes: Counter[float] = Counter()
        for ln in column.lines:
            sizes[ln.size] += 1
        main = max(sizes, key=lambda s: (sizes[s], -s), default=None)
        running = main is not None and sizes[main] >= RUNNING_LINES
        own.append(main if running and main < HEADLINE_RATIO * page_body else None)
    out = []
    for i, size in enumerate(own):
        after = next((s for s in own[i:] if s is not None), None)
        before = next((s for s in reversed(own[:i]) if s is not None), None)
        out.append(size or after or before or page_body)
    return out


def _para_text(para: Para) -> str:
    return "".join(ln.text for ln in para.lines)


def _roles(paras: list[Para], height: float) -> list[Block]:
    """Role of each paragraph from its type size against the body size around it; a display
    line just above a bigger headline is its kicker, one just below it its subheadline, and
    small print right under a headline (a byline set small) is no furniture."""
    blocks = []
    for para in paras:
        text = _para_text(para)
        ratio = para.size / para.body
        if _is_furniture(para, text, ratio, height):
            role = "furniture"
        elif ratio >= HEADLINE_RATIO:
            role = "headline"
        elif ratio >= SUBHEADLINE_RATIO:
            role = "subheadline"
        else:
            role = "body"
        blocks.append(Block(text, role, para.size))
    for i in range(len(blocks) - 1):
        this, after = blocks[i], blocks[i + 1]
        if (
            this.role in {"headline", "subheadline"}
            and after.role == "headline"
            and after.size > this.size * (1 + 0.12)
        ):
            blocks[i] = Block(this.text, "kicker", this.size)
        elif (
            this.role == "headline"
            and after.role == "headline"
            and this.size > after.size * (1 + 0.12)
        ):
            blocks[i + 1] = Block(after.text, "subheadline", after.size)
    for i in range(1, len(blocks)):
        if blocks[i].role == "furniture" and blocks[i - 1].role in DISPLAY_ROLES:
            blocks[i] = Block(blocks[i].text, "body", blocks[i].size)
    return blocks


def _is_furniture(para: Para, text: str, ratio: float, height: float) -> bool:
    """Short small print, or a single short line in the top or bottom margin; not a float
    inside an article's paragraph (a caption belongs to the article)."""
    if len(text) > FURNITURE_MAX_CHARS or len(para.lines) > 2 or para.inset:
        return False
    if ratio < FURNITURE_RATIO:
        return True
    if ratio >= SUBHEADLINE_RATIO:
        return False
    line = para.lines[0]
    in_margin = line.bottom < MARGIN_SHARE * height or line.top > (1 - MARGIN_SHARE) * height
    return len(para.lines) == 1 and in_margin


def _assemble(blocks: Sequence[Block]) -> tuple[str, list[LayoutHint]]:
    """Blocks joined by blank lines, with a hint for each block's stretch of the text."""
    parts: list[str] = []
    hints: list[LayoutHint] = []
    pos = 0
    for block in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(block.text)
        hints.append(LayoutHint(pos, pos + len(block.text), block.role, block.size))
        pos += len(block.text)
    return "".join(parts), hints
