"""Newspaper-like test PDFs built with reportlab from the seed page's articles.

Each layout draws some of the seed page's articles (headline, byline, body with section heads)
into columns, with furniture (folio, editor line) and optionally a boxed sidebar, and returns
what a reader should get back: every article's paragraphs in order, the headlines, the
sidebar's paragraphs, the numbers the line breaks cut in two, and the text version of the same
content (blocks in reading order, separated by blank lines). The articles are cut from the seed
page by fixed paragraph ranges; the text is not tuned to the reader.

The grids and furniture vary as on real pages: three to six columns, narrow gutters with or
without rules, headlines over some columns beside another article (an L), kicker, headline
and subheadline stacks, a letter-spaced headline, a vertical headline, a header band with
the paper's name, a lead story in bigger type than the rest, a byline set small, floats (a
photo with its caption, a pull quote), an infographic box of big numbers, continuation notes,
and pages turned on their sheet.

STSong-Light is reportlab's built-in CID font (no font file needed); the PDF viewer supplies
the glyphs and pdfminer decodes its codes through the named CMap.
"""

from __future__ import annotations

import itertools
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

SEED = Path(__file__).resolve().parent.parent / "corpora" / "seed" / "000_caa4a03adb5becde.txt"
FONT = "STSong-Light"
# reportlab's other built-in CID font (Traditional Chinese); with reportlab's default encoding
# for it (UniGB-UCS2-H, a GB1 map on a CNS1 font) the text layer decodes to the wrong characters.
ALT_FONT = "MSung-Light"
PAGE_W, PAGE_H = 842.0, 1191.0
MARGIN = 36.0
GUTTER = 14.0
BODY, LEADING = 10.0, 14.0
HEAD_SIZE, SUB_SIZE, KICKER_SIZE, SECTION_SIZE = 28.0, 16.0, 14.0, 13.0
FOLIO_SIZE, EDITOR_SIZE = 9.0, 8.0
# Closing punctuation does not start a line: it stays on the line before, which is squeezed.
NO_LINE_START = "，。、；：？！”’）》"
FOLIO = "金融 第9版"


@dataclass(frozen=True)
class Article:
    """One article of the seed page, as its parts in reading order."""

    name: str
    kicker: str | None
    headline: str | None
    byline: str | None
    paragraphs: tuple[tuple[str, str], ...]  # (kind, text): para, section, byline, jump, note, cont
    subheadline: str | None = None

    def texts(self) -> list[str]:
        heads = [self.kicker, self.headline, self.subheadline, self.byline]
        return [p for p in [*heads, *(t for _, t in self.paragraphs)] if p]


@dataclass
class Layout:
    """A generated page and what reading it should give."""

    name: str
    path: Path
    articles: list[Article]
    headlines: list[str]
    sidebar: list[str]
    blocks: list[str]
    broken_numbers: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The text version of the same content."""
        return "\n\n".join(self.blocks)


@cache
def seed_paragraphs() -> tuple[str, ...]:
    """The seed page's paragraphs (blank-line separated, ``##`` marks dropped)."""
    raw = SEED.read_text(encoding="utf-8")
    parts = (p.strip().removeprefix("## ").strip() for p in re.split(r"\n\s*\n", raw))
    return tuple(p for p in parts if p)


def _article(name: str, kicker: int | None, head: int | None, byline: int | None, body) -> Article:
    ps = seed_paragraphs()
    kinds = {"s": "section", "p": "para", "b": "byline"}
    paragraphs = tuple((kinds[kind], ps[i]) for kind, i in body)
    return Article(
        name,
        ps[kicker] if kicker is not None else None,
        ps[head] if head is not None else None,
        ps[byline] if byline is not None else None,
        paragraphs,
    )


def _body(first: int, last: int, sections: Sequence[int] = ()) -> list[tuple[str, int]]:
    return [("s" if i in sections else "p", i) for i in range(first, last + 1)]


@cache
def articles() -> dict[str, Article]:
    """The seed page's articles by fixed paragraph ranges (see the seed file)."""
    return {
        "small_business": _article(
            "small_business", None, 0, 1, _body(6, 16, (7, 15)) + _body(26, 37, (31,))
        ),
        "vocational": _article("vocational", 38, 39, None, _body(40, 44)),
        # A commentary ends with its column's name in display type and the author's name.
        "commentary": _article(
            "commentary", None, None, None, [*_body(45, 53), ("s", 66), ("b", 67)]
        ),
        "agents": _article("agents", None, 55, 56, _body(57, 65)),
    }


@cache
def sidebar_items() -> tuple[str, ...]:
    """The infographic items of the seed page (its sidebar)."""
    return seed_paragraphs()[17:26]


@cache
def editor_line() -> str:
    return seed_paragraphs()[54]


@dataclass(frozen=True)
class Frame:
    """A column to pour text into: x, width, and the vertical stretch (from the page top)."""

    x: float
    width: float
    top: float
    bottom: float
    holes: tuple[tuple[float, float], ...] = ()


class Page:
    """A canvas page with a text-pouring helper that records what it drew."""

    def __init__(
        self,
        canvas: Canvas,
        justify: bool,
        font: str = FONT,
        body: float = BODY,
        leading: float = LEADING,
        byline: float | None = None,
    ) -> None:
        self.canvas = canvas
        self.justify = justify
        self.font = font
        self.body = body
        self.leading = leading
        self.byline = byline or body  # bylines are often set smaller than the text
        self.broken: list[str] = []
        # Index of the part being poured when the text stepped over each hole, in turn.
        self.holes_after: list[int] = []

    def draw(self, x: float, top: float, text: str, size: float, space: float = 0.0) -> None:
        """One line of text whose box starts ``top`` points below the page top."""
        obj = self.canvas.beginText(x, PAGE_H - top - size * 0.88)
        obj.setFont(self.font, size)
        obj.setCharSpace(space)
        obj.textOut(text)
        self.canvas.drawText(obj)

    def width(self, text: str, size: float, space: float = 0.0) -> float:
        return _width(text, size, self.font) + space * max(0, len(text) - 1)

    def centered(
        self, x: float, width: float, top: float, text: str, size: float, space: float = 0.0
    ) -> float:
        """Display lines centred over ``width`` (tracked by ``space``); returns the y below."""
        for line in _wrap(text, width, size + space, 0.0, self.font):
            self.draw(x + (width - self.width(line, size, space)) / 2, top, line, size, space)
            top += size * 1.25
        return top

    def pour(
        self, frames: Sequence[Frame], parts: Sequence[tuple[str, str]], at: int = 0
    ) -> tuple[Frame, float]:
        """Flow (kind, text) parts through the frames: paragraphs indent two characters and
        justify; section heads stand on their own lines in a larger size; a note to where
        the text goes on (jump) stands flush right, other kinds flush left. Returns the frame
        and line top after the last line drawn."""
        slots = [(f, y) for f in frames for y in _slots(f, self.leading)]
        body = self.body
        drawn: tuple[Frame | None, float, int] = (None, 0.0, 0)
        for index, (kind, text) in enumerate(parts):
            size = {"section": body * SECTION_SIZE / BODY, "byline": self.byline}.get(kind, body)
            indent = 2 * body if kind == "para" else 0.0
            if kind == "section" and at < len(slots) and slots[at][1] > slots[at][0].top:
                at += 1  # a blank slot above a section head
            room = slots[at][0].width if at < len(slots) else 100
            lines = _wrap(text, room, size, indent, self.font)
            self._note_breaks(lines)
            for n, line in enumerate(lines):
                if at >= len(slots):
                    raise ValueError("layout overflows its frames")
                frame, y = slots[at]
                if drawn[0] is frame and y - drawn[1] > 2.5 * self.leading:  # not a blank line
                    self.holes_after.append(drawn[2])
                drawn = (frame, y, index)
                first = n == 0
                x = frame.x + (indent if first else 0.0)
                room = frame.width - (indent if first else 0.0)
                natural = self.width(line, size)
                last = n == len(lines) - 1
                space = 0.0
                if kind == "jump":
                    x = frame.x + frame.width - natural
                elif len(line) > 1 and (natural > room or (self.justify and not last)):
                    space = (room - natural) / (len(line) - 1)
                self.draw(x, y, line, size, space)
                at += 1
        frame, y = slots[at - 1]
        return frame, y + self.leading

    def _note_breaks(self, lines: Sequence[str]) -> None:
        for a, b in itertools.pairwise(lines):
            if a[-1:].isdigit() and b[:1].isdigit():
                head = re.search(r"[\d.]+$", a)
                tail = re.match(r"[\d.]+\D?", b)
                if head and tail:
                    self.broken.append(head.group() + tail.group())


def _slots(frame: Frame, leading: float = LEADING) -> list[float]:
    """Line tops of a frame, skipping its holes."""
    tops = []
    y = frame.top
    while y + leading <= frame.bottom:
        hole = next((h for h in frame.holes if h[0] - leading < y < h[1]), None)
        if hole:
            y = hole[1]
            continue
        tops.append(y)
        y += leading
    return tops


def _width(text: str, size: float, font: str = FONT) -> float:
    return pdfmetrics.stringWidth(text, font, size)


def _wrap(text: str, width: float, size: float, indent: float, font: str = FONT) -> list[str]:
    """Lines of at most ``width`` points, broken between any two characters."""
    lines: list[str] = []
    current = ""
    room = width - indent
    for ch in text:
        if current and _width(current + ch, size, font) > room and ch not in NO_LINE_START:
            lines.append(current)
            current = ""
            room = width
        current += ch
    if current:
        lines.append(current)
    return lines


@cache
def _register() -> None:
    for font in (FONT, ALT_FONT):
        pdfmetrics.registerFont(UnicodeCIDFont(font))


def _canvas(path: Path, turned: bool = False, **kwargs) -> Canvas:
    """A portrait page; ``turned`` sets it on a landscape sheet turned a quarter clockwise
    in the drawing itself (no /Rotate), as imposed or scanned pages come."""
    _register()
    size = (PAGE_H, PAGE_W) if turned else (PAGE_W, PAGE_H)
    canvas = Canvas(str(path), pagesize=size, invariant=1, **kwargs)
    if turned:
        canvas.translate(0, PAGE_W)
        canvas.rotate(-90)
    canvas.setLineWidth(0.8)
    return canvas


def _set_rotation(path: Path, rotation: int) -> None:
    """Give the page a /Rotate (how a viewer turns it) without touching the drawing.

    reportlab's own setPageRotation also swaps the page box; editing the entry in place,
    at the same length, keeps the cross-reference offsets right.
    """
    data = path.read_bytes()
    old = b">> /Rotate 0 /Trans"
    new = f">>/Rotate {rotation}".encode().ljust(len(old) - len(b"/Trans")) + b"/Trans"
    if old not in data or len(new) != len(old):
        raise RuntimeError("cannot set the page rotation")
    path.write_bytes(data.replace(old, new))


def _columns(
    n: int, top: float, bottom: float, gutter: float = GUTTER, x1: float = PAGE_W - MARGIN
) -> list[Frame]:
    width = (x1 - MARGIN - (n - 1) * gutter) / n
    return [Frame(MARGIN + i * (width + gutter), width, top, bottom) for i in range(n)]


def _rule(canvas: Canvas, top: float, x0: float = MARGIN, x1: float = PAGE_W - MARGIN) -> None:
    canvas.line(x0, PAGE_H - top, x1, PAGE_H - top)


def _furniture(page: Page) -> tuple[list[str], list[str]]:
    """Folio over a rule at the top, editor line under a rule at the foot."""
    page.draw(MARGIN, 20, FOLIO, FOLIO_SIZE)
    _rule(page.canvas, 34)
    _rule(page.canvas, PAGE_H - 34)
    page.draw(MARGIN, PAGE_H - 28, editor_line(), EDITOR_SIZE)
    return [FOLIO], [editor_line()]


def _body_parts(article: Article, with_byline: bool = True) -> list[tuple[str, str]]:
    parts = [("byline", article.byline)] if with_byline and article.byline else []
    return parts + list(article.paragraphs)


def four_columns(path: Path) -> Layout:
    """A full-width headline over four columns of one article."""
    art = articles()["small_business"]
    canvas = _canvas(path)
    page = Page(canvas, justify=True)
    head, foot = _furniture(page)
    y = page.centered(MARGIN, PAGE_W - 2 * MARGIN, 50, art.headline or "", HEAD_SIZE)
    page.pour(_columns(4, y + 16, PAGE_H - 44), _body_parts(art))
    canvas.save()
    blocks = [*head, *art.texts(), *foot]
    return Layout("four_columns", path, [art], [art.headline or ""], [], blocks, page.broken)


def five_columns(path: Path, rotation: int = 0, turned: bool = False) -> Layout:
    """A headline set close over five unjustified columns (it crosses their gutters); the
    page may carry a /Rotate, or be drawn turned on a landscape sheet."""
    art = articles()["agents"]
    canvas = _canvas(path, turned)
    page = Page(canvas, justify=False)
    head, foot = _furniture(page)
    y = page.centered(MARGIN, PAGE_W - 2 * MARGIN, 50, art.headline or "", HEAD_SIZE)
    page.pour(_columns(5, y - 4, 560), _body_parts(art))
    canvas.save()
    if rotation:
        _set_rotation(path, rotation)
    blocks = [*head, *art.texts(), *foot]
    return Layout("five_columns", path, [art], [art.headline or ""], [], blocks, page.broken)


def boxed_sidebar(path: Path) -> Layout:
    """Four columns with a shaded, stroked box across the middle two; text flows around it."""
    return _sidebar_page(path, "boxed_sidebar", ruled=False)


def ruled_sidebar(path: Path) -> Layout:
    """Four columns with a box drawn as four separate rules inside the third column."""
    return _sidebar_page(path, "ruled_sidebar", ruled=True)


def _sidebar_page(path: Path, name: str, ruled: bool) -> Layout:
    art = articles()["small_business"]
    canvas = _canvas(path)
    page = Page(canvas, justify=True)
    head, foot = _furniture(page)
    y = page.centered(MARGIN, PAGE_W - 2 * MARGIN, 50, art.headline or "", HEAD_SIZE)
    cols = _columns(4, y + 16, PAGE_H - 44)
    held = [2] if ruled else [1, 2]
    box_x = cols[held[0]].x
    box_w = cols[held[-1]].x + cols[held[-1]].width - box_x
    items = sidebar_items()
    lines = [line for item in items for line in _wrap(item, box_w - 16, 9.0, 0.0)]
    box_top = 420.0
    box_bottom = box_top + 12 + LEADING * 1.3 * len(lines)
    if ruled:
        x0, x1, y0, y1 = box_x, box_x + box_w, PAGE_H - box_top, PAGE_H - box_bottom
        for a, b, c, d in ((x0, y0, x1, y0), (x0, y1, x1, y1), (x0, y0, x0, y1), (x1, y0, x1, y1)):
            canvas.line(a, b, c, d)
    else:
        canvas.setFillGray(0.92)
        canvas.rect(box_x, PAGE_H - box_bottom, box_w, box_bottom - box_top, stroke=1, fill=1)
        canvas.setFillGray(0)
    for i, line in enumerate(lines):
        page.draw(box_x + 8, box_top + 8 + i * LEADING * 1.3, line, 9.0)
    hole = ((box_top - 8, box_bottom + 8),)
    for i in held:
        cols[i] = Frame(cols[i].x, cols[i].width, cols[i].top, cols[i].bottom, hole)
    page.pour(cols, _body_parts(art))
    canvas.save()
    blocks = [*head, *art.texts(), *items, *foot]
    return Layout(name, path, [art], [art.headline or ""], list(items), blocks, page.broken)


def two_bands(path: Path) -> Layout:
    """An upper band with one article, a rule, and a lower band with a kicker-and-headline
    article over two columns beside a two-column commentary."""
    upper, lower, comment = (articles()[k] for k in ("agents", "vocational", "commentary"))
    canvas = _canvas(path)
    page = Page(canvas, justify=True)
    head, foot = _furniture(page)
    y = page.centered(MARGIN, PAGE_W - 2 * MARGIN, 50, upper.headline or "", HEAD_SIZE)
    page.pour(_columns(4, y + 16, 560), _body_parts(upper))
    _rule(canvas, 575)
    cols = _columns(4, 590, PAGE_H - 44)
    span = cols[1].x + cols[1].width - MARGIN
    y = page.centered(MARGIN, span, 590, lower.kicker or "", KICKER_SIZE)
    y = page.centered(MARGIN, span, y + 4, lower.headline or "", SUB_SIZE * 1.5)
    page.pour([Frame(c.x, c.width, y + 14, c.bottom) for c in cols[:2]], _body_parts(lower))
    page.pour(cols[2:], _body_parts(comment))
    canvas.save()
    blocks = [*head, *upper.texts(), *lower.texts(), *comment.texts(), *foot]
    headlines = [upper.headline or "", lower.headline or ""]
    return Layout("two_bands", path, [upper, lower, comment], headlines, [], blocks, page.broken)


def ruled_columns(path: Path) -> Layout:
    """Four columns with narrow gutters marked by vertical rules, the headline over the
    first three beside a commentary in the fourth."""
    art, comment = articles()["vocational"], articles()["commentary"]
    canvas = _canvas(path)
    page = Page(canvas, justify=True)
    head, foot = _furniture(page)
    gutter = 4.0
    cols = _columns(4, 50, PAGE_H - 44, gutter)
    for col in cols[1:]:
        x = col.x - gutter / 2
        canvas.line(x, PAGE_H - 50, x, 44)
    span = cols[2].x + cols[2].width - MARGIN
    y = page.centered(MARGIN, span, 50, art.kicker or "", KICKER_SIZE)
    y = page.centered(MARGIN, span, y + 4, art.headline or "", HEAD_SIZE)
    page.pour([Frame(c.x, c.width, y + 14, y + 220) for c in cols[:3]], _body_parts(art))
    page.pour([Frame(cols[3].x, cols[3].width, 50, PAGE_H - 44)], _body_parts(comment))
    canvas.save()
    blocks = [*head, *art.texts(), *comment.texts(), *foot]
    return Layout(
        "ruled_columns", path, [art, comment], [art.headline or ""], [], blocks, page.broken
    )


# --- layouts of round two: other grids, stacks, floats and furniture -----------------------

PAPER = "华夏财经报"
DATELINE = "2026年5月18日 星期一"
# Display lines of our own for the stacked heads (the seed page has no subheadline).
OWN_KICKER = "聚焦普惠金融服务"
SECTION_FOLIO = "第9版 金融"


def _masthead(page: Page) -> tuple[list[str], list[str]]:
    """A header band (paper name in display type, date, folio) over a rule, and a footer
    (editor line left, folio right) under one."""
    page.draw(MARGIN, 14, PAPER, 20.0)
    page.draw((PAGE_W - page.width(DATELINE, FOLIO_SIZE)) / 2, 22, DATELINE, FOLIO_SIZE)
    page.draw(PAGE_W - MARGIN - page.width(SECTION_FOLIO, FOLIO_SIZE), 22, SECTION_FOLIO, 9.0)
    _rule(page.canvas, 40)
    _rule(page.canvas, PAGE_H - 34)
    page.draw(MARGIN, PAGE_H - 28, editor_line(), EDITOR_SIZE)
    page.draw(PAGE_W - MARGIN - page.width("9", EDITOR_SIZE), PAGE_H - 28, "9", EDITOR_SIZE)
    return [f"{PAPER} {DATELINE} {SECTION_FOLIO}"], [f"{editor_line()} 9"]


def stacked_heads(path: Path) -> Layout:
    """Kicker, a tracked (letter-spaced) headline and a subheadline over three columns, under
    a header band with the paper's name, date and folio."""
    base = articles()["small_business"]
    art = Article(
        base.name, OWN_KICKER, base.headline, base.byline, base.paragraphs, subheadline_text()
    )
    canvas = _canvas(path)
    page = Page(canvas, justify=True)
    head, foot = _masthead(page)
    width = PAGE_W - 2 * MARGIN
    y = page.centered(MARGIN, width, 52, art.kicker or "", KICKER_SIZE)
    y = page.centered(MARGIN, width, y + 4, art.headline or "", HEAD_SIZE, space=6.0)
    y = page.centered(MARGIN, width, y + 4, art.subheadline or "", SUB_SIZE)
    page.pour(_columns(3, y + 14, PAGE_H - 44, 18.0), _body_parts(art))
    canvas.save()
    blocks = [*head, *art.texts(), *foot]
    return Layout("stacked_heads", path, [art], [art.headline or ""], [], blocks, page.broken)


def subheadline_text() -> str:
    """The seed page's infographic title, used here as a subheadline."""
    return seed_paragraphs()[2]


def six_columns(path: Path) -> Layout:
    """Six columns with narrow gutters and no rules: a headline over the first four above
    its own article, and beside it a second article with kicker and headline over the last
    two."""
    art, second = articles()["agents"], articles()["vocational"]
    canvas = _canvas(path)
    page = Page(canvas, justify=True)
    head, foot = _masthead(page)
    cols = _columns(6, 52, PAGE_H - 44, 6.0)
    span = cols[3].x + cols[3].width - MARGIN
    y = page.centered(MARGIN, span, 52, art.headline or "", HEAD_SIZE)
    page.pour([Frame(c.x, c.width, y + 12, c.bottom) for c in cols[:4]], _body_parts(art))
    x, width = cols[4].x, cols[5].x + cols[5].width - cols[4].x
    y = page.centered(x, width, 52, second.kicker or "", KICKER_SIZE)
    y = page.centered(x, width, y + 4, second.headline or "", SUB_SIZE * 1.4)
    page.pour([Frame(c.x, c.width, y + 12, c.bottom) for c in cols[4:]], _body_parts(second))
    canvas.save()
    blocks = [*head, *art.texts(), *second.texts(), *foot]
    headlines = [art.headline or "", second.headline or ""]
    return Layout("six_columns", path, [art, second], headlines, [], blocks, page.broken)


def l_shape(path: Path) -> Layout:
    """An L: the lead article's headline spans four columns; its text fills the first two
    and the top of the last two, where a second article (kicker, headline over two columns)
    takes the rest under a rule."""
    lead, second = articles()["small_business"], articles()["vocational"]
    canvas = _canvas(path)
    page = Page(canvas, justify=True)
    head, foot = _furniture(page)
    y = page.centered(MARGIN, PAGE_W - 2 * MARGIN, 50, lead.headline or "", HEAD_SIZE)
    cols = _columns(4, y + 16, PAGE_H - 44)
    split = 640.0
    frames = [*cols[:2], *(Frame(c.x, c.width, c.top, split) for c in cols[2:])]
    page.pour(frames, _body_parts(lead))
    _rule(canvas, split + 6, cols[2].x, cols[3].x + cols[3].width)
    x, width = cols[2].x, cols[3].x + cols[3].width - cols[2].x
    y = page.centered(x, width, split + 16, second.kicker or "", KICKER_SIZE)
    y = page.centered(x, width, y + 4, second.headline or "", SUB_SIZE * 1.5)
    page.pour([Frame(c.x, c.width, y + 12, c.bottom) for c in cols[2:]], _body_parts(second))
    canvas.save()
    blocks = [*head, *lead.texts(), *second.texts(), *foot]
    headlines = [lead.headline or "", second.headline or ""]
    return Layout("l_shape", path, [lead, second], headlines, [], blocks, page.broken)


def mixed_sizes(path: Path) -> Layout:
    """A lead article in 11-point type (its byline in 9) over three columns, and under a
    rule two smaller stories in 9-point type (more of the page is in the smaller size)."""
    lead, second, comment = (articles()[k] for k in ("agents", "vocational", "commentary"))
    canvas = _canvas(path)
    big = Page(canvas, justify=True, body=11.0, leading=15.5, byline=9.0)
    head, foot = _furniture(big)
    y = big.centered(MARGIN, PAGE_W - 2 * MARGIN, 50, lead.headline or "", 30.0)
    big.pour(_columns(3, y + 14, 620), _body_parts(lead))
    _rule(canvas, 632)
    small = Page(canvas, justify=True, body=9.0, leading=12.5)
    cols = _columns(4, 644, PAGE_H - 44)
    span = cols[1].x + cols[1].width - MARGIN
    y = small.centered(MARGIN, span, 644, second.kicker or "", 12.0)
    y = small.centered(MARGIN, span, y + 2, second.headline or "", 18.0)
    small.pour([Frame(c.x, c.width, y + 10, c.bottom) for c in cols[:2]], _body_parts(second))
    small.pour(cols[2:], _body_parts(comment))
    canvas.save()
    blocks = [*head, *lead.texts(), *second.texts(), *comment.texts(), *foot]
    headlines = [lead.headline or "", second.headline or ""]
    broken = big.broken + small.broken
    return Layout("mixed_sizes", path, [lead, second, comment], headlines, [], blocks, broken)


def _infographic_items() -> list[tuple[str, str, str]]:
    """(label, number, unit) of the seed page's sidebar items that are a label and a figure."""
    out = []
    for item in sidebar_items():
        match = re.fullmatch(r"(\D+?) ([\d.]+)(\D+)", item)
        if match and " " not in match[3]:
            out.append((match[1], match[2], match[3]))
    return out


def infographic(path: Path) -> Layout:
    """Four columns; at the foot of the last a shaded box of big numbers, each with its unit
    in small type on the number's baseline and its label raised beside it."""
    art = articles()["small_business"]
    canvas = _canvas(path)
    page = Page(canvas, justify=True)
    head, foot = _furniture(page)
    y = page.centered(MARGIN, PAGE_W - 2 * MARGIN, 50, art.headline or "", HEAD_SIZE)
    cols = _columns(4, y + 16, PAGE_H - 44)
    title = sidebar_items()[0]
    items = _infographic_items()
    box = cols[3]
    big, small, step = 22.0, 9.0, 34.0
    box_top = PAGE_H - 44 - 30 - step * len(items)
    canvas.setFillGray(0.9)
    canvas.rect(box.x, 44, box.width, PAGE_H - 44 - box_top, stroke=0, fill=1)
    canvas.setFillGray(0)
    page.draw(box.x + 6, box_top + 8, title, small)
    for i, (label, number, unit) in enumerate(items):
        top = box_top + 26 + i * step
        page.draw(box.x + 6, top, number, big)
        right = box.x + 6 + page.width(number, big) + 1
        page.draw(right, top + big - small, unit, small)
        page.draw(right, top, label, small)
    cols[3] = Frame(box.x, box.width, box.top, box_top - 10)
    page.pour(cols, _body_parts(art))
    canvas.save()
    sidebar = [title, *(part for lab, num, unit in items for part in (lab, num + unit))]
    blocks = [*head, *art.texts(), *sidebar, *foot]
    return Layout("infographic", path, [art], [art.headline or ""], sidebar, blocks, page.broken)


def continued(path: Path) -> Layout:
    """A lead article cut off with a continuation note (下转…), and under a rule an article
    continued from another page (上接…) under its headline."""
    agents, second = articles()["agents"], articles()["vocational"]
    lead = Article(
        "agents_front",
        None,
        agents.headline,
        agents.byline,
        (*agents.paragraphs[:3], ("para", agents.paragraphs[3][1][:60]), ("jump", JUMP_OUT)),
    )
    jumped = Article(
        "vocational_inside",
        second.kicker,
        second.headline,
        None,
        (("note", JUMP_IN), ("cont", second.paragraphs[0][1][30:]), *second.paragraphs[1:]),
    )
    canvas = _canvas(path)
    page = Page(canvas, justify=True)
    head, foot = _furniture(page)
    y = page.centered(MARGIN, PAGE_W - 2 * MARGIN, 50, lead.headline or "", HEAD_SIZE)
    page.pour(_columns(4, y + 16, 600), _body_parts(lead))
    _rule(canvas, 612)
    width = PAGE_W - 2 * MARGIN
    y = page.centered(MARGIN, width, 624, jumped.kicker or "", KICKER_SIZE)
    y = page.centered(MARGIN, width, y + 4, jumped.headline or "", SUB_SIZE * 1.5)
    page.pour(_columns(4, y + 12, PAGE_H - 44), _body_parts(jumped))
    canvas.save()
    blocks = [*head, *lead.texts(), *jumped.texts(), *foot]
    headlines = [lead.headline or "", jumped.headline or ""]
    return Layout("continued", path, [lead, jumped], headlines, [], blocks, page.broken)


def photo_and_quote(path: Path) -> Layout:
    """Four columns with a photo (a filled rectangle) and its caption in small type across
    the second column, and a pull quote in larger type between short rules in the third."""
    art = articles()["small_business"]
    canvas = _canvas(path)
    page = Page(canvas, justify=True)
    head, foot = _furniture(page)
    y = page.centered(MARGIN, PAGE_W - 2 * MARGIN, 50, art.headline or "", HEAD_SIZE)
    cols = _columns(4, y + 16, PAGE_H - 44)
    photo = cols[1]
    canvas.setFillGray(0.5)
    canvas.rect(photo.x, PAGE_H - 420, photo.width, 150, stroke=0, fill=1)
    canvas.setFillGray(0)
    caption = CAPTION
    page.draw(photo.x, 424, caption, EDITOR_SIZE)
    cols[1] = Frame(photo.x, photo.width, photo.top, photo.bottom, ((262, 446),))
    quote = _pull_quote(art)
    quote_lines = _wrap(quote, cols[2].width, KICKER_SIZE, 0.0)
    q_top = 560.0
    _rule(canvas, q_top, cols[2].x, cols[2].x + cols[2].width)
    for i, line in enumerate(quote_lines):
        page.draw(cols[2].x, q_top + 8 + i * KICKER_SIZE * 1.4, line, KICKER_SIZE)
    q_bottom = q_top + 16 + KICKER_SIZE * 1.4 * len(quote_lines)
    _rule(canvas, q_bottom, cols[2].x, cols[2].x + cols[2].width)
    cols[2] = Frame(cols[2].x, cols[2].width, cols[2].top, cols[2].bottom, ((q_top, q_bottom),))
    page.pour(cols, _body_parts(art))
    canvas.save()
    text = _with_floats(art, page.holes_after, [caption, quote])
    blocks = [*head, *text, *foot]
    return Layout("photo_and_quote", path, [art], [art.headline or ""], [], blocks, page.broken)


def _with_floats(article: Article, holes_after: list[int], floats: list[str]) -> list[str]:
    """The article's texts with each float after the part that the text stepped over its
    hole in (a reader takes floats out of the paragraph they interrupt)."""
    parts = _body_parts(article)
    heads = article.texts()[: len(article.texts()) - len(parts)]
    texts = [[text] for _, text in parts]
    for index, float_text in zip(holes_after, floats, strict=True):
        texts[index].append(float_text)
    return [*heads, *(t for group in texts for t in group)]


def vertical_headline(path: Path) -> Layout:
    """An upper band with one article; under a rule a second article whose headline is set
    vertically (one character under another) down the right of its three columns."""
    upper, base = articles()["agents"], articles()["vocational"]
    lower = Article("vocational_vertical", None, base.headline, None, base.paragraphs)
    canvas = _canvas(path)
    page = Page(canvas, justify=True)
    head, foot = _furniture(page)
    y = page.centered(MARGIN, PAGE_W - 2 * MARGIN, 50, upper.headline or "", HEAD_SIZE)
    page.pour(_columns(4, y + 16, 520), _body_parts(upper))
    _rule(canvas, 532)
    size = 22.0
    x = PAGE_W - MARGIN - size
    for i, ch in enumerate(lower.headline or ""):
        page.draw(x + (size - page.width(ch, size)) / 2, 550 + i * size * 1.05, ch, size)
    page.pour(_columns(3, 550, PAGE_H - 44, GUTTER, x - 18), _body_parts(lower))
    canvas.save()
    blocks = [*head, *upper.texts(), *lower.texts(), *foot]
    headlines = [upper.headline or "", lower.headline or ""]
    return Layout("vertical_headline", path, [upper, lower], headlines, [], blocks, page.broken)


def vertical_page(path: Path) -> Layout:
    """A page set vertically (竖排): kicker and headline in columns of their own at the right,
    then the body in columns read top to bottom and right to left, each paragraph starting
    a column two characters down."""
    art = articles()["vocational"]
    canvas = _canvas(path)
    page = Page(canvas, justify=False)
    top, bottom = 60.0, PAGE_H - 60.0
    x = PAGE_W - MARGIN
    for text, size in ((art.kicker or "", KICKER_SIZE), (art.headline or "", HEAD_SIZE)):
        x = _vertical_text(page, x - size * 1.5, top, bottom, text, size, 0, size * 1.5)
    x -= 12
    for _, text in art.paragraphs:
        x = _vertical_text(page, x - LEADING, top, bottom, text, BODY, 2, LEADING)
    if x < MARGIN:
        raise ValueError("layout overflows the page")
    canvas.save()
    blocks = art.texts()
    return Layout("vertical_page", path, [art], [art.headline or ""], [], blocks, [])


def _vertical_text(
    page: Page,
    x: float,
    top: float,
    bottom: float,
    text: str,
    size: float,
    indent: int,
    step: float,
) -> float:
    """Characters one under another from ``top`` (the first ``indent`` places left empty),
    going on in the next column to the left; returns the x of the last column."""
    per_column = int((bottom - top) // size)
    slots = [None] * indent + list(text)
    for start in range(0, len(slots), per_column):
        if start:
            x -= step
        for i, ch in enumerate(slots[start : start + per_column]):
            if ch is not None:
                page.draw(x + (size - page.width(ch, size)) / 2, top + i * size, ch, size)
    return x


JUMP_OUT, JUMP_IN = "（下转第2版）", "（上接第1版）"
# A caption of our own: what the photo shows, and who took it.
CAPTION = "图为客户经理走访小微企业。 本报记者 彭江摄"


def _pull_quote(article: Article) -> str:
    """The article's first sentence that speaks of a figure, as a pull quote repeats one."""
    for _, text in article.paragraphs:
        for sentence in re.findall(r"[^。]+。", text):
            if re.search(r"\d", sentence) and 20 <= len(sentence) <= 60:
                return sentence
    raise ValueError("no sentence to quote")


LAYOUTS: dict[str, Callable[[Path], Layout]] = {
    "ruled_columns": ruled_columns,
    "four_columns": four_columns,
    "five_columns": five_columns,
    "boxed_sidebar": boxed_sidebar,
    "ruled_sidebar": ruled_sidebar,
    "two_bands": two_bands,
    "stacked_heads": stacked_heads,
    "six_columns": six_columns,
    "l_shape": l_shape,
    "mixed_sizes": mixed_sizes,
    "infographic": infographic,
    "continued": continued,
    "photo_and_quote": photo_and_quote,
    "vertical_headline": vertical_headline,
}


def build(name: str, folder: Path) -> Layout:
    return LAYOUTS[name](folder / f"{name}.pdf")


def image_only(path: Path) -> Path:
    """A scanned-looking page: a drawn picture and shapes, no text layer."""
    from PIL import Image, ImageDraw

    picture = Image.new("L", (120, 80), 255)
    ImageDraw.Draw(picture).rectangle((10, 10, 110, 70), fill=90)
    canvas = _canvas(path)
    canvas.drawInlineImage(picture, MARGIN, PAGE_H - 400, 360, 240)
    canvas.rect(MARGIN, MARGIN, 200, 100, fill=1)
    canvas.save()
    return path


def text_then_picture(path: Path) -> Path:
    """Two pages: the first with text, the second only a picture (a scanned page)."""
    from PIL import Image

    canvas = _canvas(path)
    canvas.setFont(FONT, BODY)
    for i, text in enumerate(articles()["vocational"].texts()[:3]):
        canvas.drawString(MARGIN, PAGE_H - 60 - i * LEADING, text[:60])
    canvas.showPage()
    canvas.drawInlineImage(Image.new("L", (60, 60), 128), MARGIN, PAGE_H - 300, 200, 200)
    canvas.save()
    return path


def without_tounicode(path: Path) -> Path:
    """Chinese text in an embedded TrueType subset whose ToUnicode map is then removed, as in
    PDFs from tools that embed fonts without one: digits keep their codes, the rest do not.

    Vera (shipped with reportlab) has no CJK glyphs, which does not matter: the text layer,
    not the picture, is what is read.
    """
    if "Vera" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    canvas = _canvas(path, pageCompression=0)
    art = articles()["small_business"]
    y = 60.0
    for text in art.texts()[:8]:
        for line in _wrap(text, PAGE_W - 2 * MARGIN, BODY, 0.0):
            canvas.setFont("Vera", BODY)
            canvas.drawString(MARGIN, PAGE_H - y, line)
            y += LEADING
    canvas.save()
    data = path.read_bytes()
    # Blank the reference in place so that the cross-reference offsets stay right.
    stripped = re.sub(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group()), data)
    if stripped == data:
        raise RuntimeError("no ToUnicode entry to remove")
    path.write_bytes(stripped)
    return path


def wrong_cmap(path: Path) -> Path:
    """Chinese text in MSung-Light under reportlab's default encoding for it, a GB1 CMap on
    a CNS1 font: the text layer decodes to real but wrong (mostly rare) characters, while
    the digits come out right."""
    canvas = _canvas(path)
    page = Page(canvas, justify=False, font=ALT_FONT)
    page.pour(_columns(2, 60, PAGE_H - 60), _body_parts(articles()["vocational"]))
    canvas.save()
    return path


def encrypted(path: Path) -> Path:
    """A PDF that needs a password to open."""
    canvas = _canvas(path, encrypt=StandardEncryption("reader", "owner"))
    canvas.setFont(FONT, BODY)
    canvas.drawString(MARGIN, PAGE_H - 60, seed_paragraphs()[0])
    canvas.save()
    return path


def random_bytes(path: Path, seed: int = 8) -> Path:
    path.write_bytes(random.Random(seed).randbytes(4096))
    return path


def truncated(path: Path, source: Path) -> Path:
    """A PDF cut short: the header is there, the body is not."""
    path.write_bytes(source.read_bytes()[:600])
    return path
