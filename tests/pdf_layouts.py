"""Newspaper-like test PDFs built with reportlab from the seed page's articles.

Each layout draws some of the seed page's articles (headline, byline, body with section heads)
into columns, with furniture (folio, editor line) and optionally a boxed sidebar, and returns
what a reader should get back: every article's paragraphs in order, the headlines, the
sidebar's paragraphs, the numbers the line breaks cut in two, and the text version of the same
content (blocks in reading order, separated by blank lines). The articles are cut from the seed
page by fixed paragraph ranges; the text is not tuned to the reader.

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
    paragraphs: tuple[tuple[str, str], ...]  # (kind, text): kind para, section or byline

    def texts(self) -> list[str]:
        parts = [self.kicker, self.headline, self.byline, *(t for _, t in self.paragraphs)]
        return [p for p in parts if p]


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

    def __init__(self, canvas: Canvas, justify: bool) -> None:
        self.canvas = canvas
        self.justify = justify
        self.broken: list[str] = []

    def draw(self, x: float, top: float, text: str, size: float, space: float = 0.0) -> None:
        """One line of text whose box starts ``top`` points below the page top."""
        obj = self.canvas.beginText(x, PAGE_H - top - size * 0.88)
        obj.setFont(FONT, size)
        obj.setCharSpace(space)
        obj.textOut(text)
        self.canvas.drawText(obj)

    def centered(self, x: float, width: float, top: float, text: str, size: float) -> float:
        """Display lines centred over ``width``; returns the y below them."""
        for line in _wrap(text, width, size, 0.0):
            self.draw(x + (width - _width(line, size)) / 2, top, line, size)
            top += size * 1.25
        return top

    def pour(self, frames: Sequence[Frame], parts: Sequence[tuple[str, str]]) -> None:
        """Flow (kind, text) parts through the frames: paragraphs indent two characters and
        justify; section heads stand on their own lines in a larger size."""
        slots = [(f, y) for f in frames for y in _slots(f)]
        at = 0
        for kind, text in parts:
            size = SECTION_SIZE if kind == "section" else BODY
            indent = 2 * BODY if kind == "para" else 0.0
            if kind == "section" and at < len(slots) and slots[at][1] > slots[at][0].top:
                at += 1  # a blank slot above a section head
            lines = _wrap(text, slots[at][0].width if at < len(slots) else 100, size, indent)
            self._note_breaks(lines)
            for n, line in enumerate(lines):
                if at >= len(slots):
                    raise ValueError("layout overflows its frames")
                frame, y = slots[at]
                first = n == 0
                x = frame.x + (indent if first else 0.0)
                room = frame.width - (indent if first else 0.0)
                natural = _width(line, size)
                last = n == len(lines) - 1
                space = 0.0
                if len(line) > 1 and (natural > room or (self.justify and not last)):
                    space = (room - natural) / (len(line) - 1)
                self.draw(x, y, line, size, space)
                at += 1

    def _note_breaks(self, lines: Sequence[str]) -> None:
        for a, b in itertools.pairwise(lines):
            if a[-1:].isdigit() and b[:1].isdigit():
                head = re.search(r"[\d.]+$", a)
                tail = re.match(r"[\d.]+\D?", b)
                if head and tail:
                    self.broken.append(head.group() + tail.group())


def _slots(frame: Frame) -> list[float]:
    """Line tops of a frame, skipping its holes."""
    tops = []
    y = frame.top
    while y + LEADING <= frame.bottom:
        hole = next((h for h in frame.holes if h[0] - LEADING < y < h[1]), None)
        if hole:
            y = hole[1]
            continue
        tops.append(y)
        y += LEADING
    return tops


def _width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def _wrap(text: str, width: float, size: float, indent: float) -> list[str]:
    """Lines of at most ``width`` points, broken between any two characters."""
    lines: list[str] = []
    current = ""
    room = width - indent
    for ch in text:
        if current and _width(current + ch, size) > room and ch not in NO_LINE_START:
            lines.append(current)
            current = ""
            room = width
        current += ch
    if current:
        lines.append(current)
    return lines


@cache
def _register() -> None:
    pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _canvas(path: Path, **kwargs) -> Canvas:
    _register()
    canvas = Canvas(str(path), pagesize=(PAGE_W, PAGE_H), invariant=1, **kwargs)
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


def five_columns(path: Path, rotation: int = 0) -> Layout:
    """A headline set close over five unjustified columns (it crosses their gutters); the
    page may carry a /Rotate."""
    art = articles()["agents"]
    canvas = _canvas(path)
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


LAYOUTS: dict[str, Callable[[Path], Layout]] = {
    "ruled_columns": ruled_columns,
    "four_columns": four_columns,
    "five_columns": five_columns,
    "boxed_sidebar": boxed_sidebar,
    "ruled_sidebar": ruled_sidebar,
    "two_bands": two_bands,
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
