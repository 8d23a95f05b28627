"""Pictures of pages for the OCR tests, drawn with a Chinese font from the seed page's text.

A small two-column page (a headline over both columns, a byline, and paragraphs full of
figures), drawn as a picture and saved as PNG and as an image-only PDF (a scan). Kept small
because OCR takes about a second a line on a shared machine. The text version of the same
content is what reading the picture should give.

Needs a Chinese TrueType font (Debian: fonts-wqy-zenhei).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pdf_layouts import articles

FONT_PATHS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
WIDTH, HEIGHT = 1240, 760
MARGIN, GUTTER = 60, 60
BODY, LEADING, HEAD = 26, 40, 52


@dataclass(frozen=True)
class Picture:
    """A drawn page: its parts (headline, byline, paragraphs) and where it was saved."""

    blocks: tuple[str, ...]
    png: Path
    pdf: Path

    @property
    def text(self) -> str:
        return "\n\n".join(self.blocks)


def font_path() -> Path | None:
    return next((p for p in FONT_PATHS if p.exists()), None)


def content() -> tuple[str, str, tuple[str, ...]]:
    """Headline, byline and two paragraphs of the seed's first article rich in figures."""
    art = articles()["small_business"]
    paras = [text for kind, text in art.paragraphs if kind == "para"]
    chosen = tuple(p for p in paras if "万亿元" in p and len(p) < 260)[:2]
    return art.headline or "", art.byline or "", chosen


def draw(folder: Path) -> Picture:
    """The page as PNG and as an image-only PDF in ``folder``."""
    from PIL import Image, ImageDraw, ImageFont

    path = font_path()
    if path is None:
        raise RuntimeError("no Chinese font installed")
    head_font = ImageFont.truetype(str(path), HEAD)
    body_font = ImageFont.truetype(str(path), BODY)
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    pen = ImageDraw.Draw(image)
    headline, byline, paras = content()
    width = pen.textlength(headline, font=head_font)
    pen.text(((WIDTH - width) / 2, 40), headline, font=head_font, fill=0)
    column = (WIDTH - 2 * MARGIN - GUTTER) // 2
    lines = [(byline, 0)]
    for para in paras:
        lines += _wrap(para, column, body_font, pen)
    per_column = (HEIGHT - 140 - MARGIN) // LEADING
    if len(lines) > 2 * per_column:
        raise ValueError("the page's text does not fit in its two columns")
    for i, (line, indent) in enumerate(lines):
        x = MARGIN + (i // per_column) * (column + GUTTER) + indent
        pen.text((x, 140 + (i % per_column) * LEADING), line, font=body_font, fill=0)
    png, pdf = folder / "page.png", folder / "page.pdf"
    image.save(png)
    image.save(pdf, "PDF", resolution=150.0)
    return Picture((headline, byline, *paras), png, pdf)


def draw_vertical(folder: Path) -> Picture:
    """The headline and first paragraph set vertically (竖排), columns right to left, as PNG."""
    from PIL import Image, ImageDraw, ImageFont

    path = font_path()
    if path is None:
        raise RuntimeError("no Chinese font installed")
    head_font = ImageFont.truetype(str(path), HEAD)
    body_font = ImageFont.truetype(str(path), BODY)
    height = 700
    image = Image.new("L", (WIDTH, height), 255)
    pen = ImageDraw.Draw(image)
    headline, _, paras = content()
    x = WIDTH - MARGIN - HEAD
    for i, ch in enumerate(headline):
        pen.text((x, 40 + i * HEAD), ch, font=head_font, fill=0)
    per_column = (height - 80) // BODY
    slots = [None, None, *paras[0]]
    for start in range(0, len(slots), per_column):
        x -= LEADING + (20 if start == 0 else 0)
        for i, ch in enumerate(slots[start : start + per_column]):
            if ch is not None:
                pen.text((x, 40 + i * BODY), ch, font=body_font, fill=0)
    png = folder / "vertical.png"
    image.save(png)
    return Picture((headline, paras[0]), png, png)


def _wrap(text: str, width: int, font, pen) -> list[tuple[str, int]]:
    """Lines of a paragraph (first line indented two characters), broken between any two
    characters, closing punctuation kept on the line before."""
    lines: list[tuple[str, int]] = []
    indent = 2 * BODY
    current = ""
    for ch in text:
        room = width - (indent if not lines else 0)
        if current and pen.textlength(current + ch, font=font) > room and ch not in "，。、；：”）":
            lines.append((current, indent if not lines else 0))
            current = ""
        current += ch
    if current:
        lines.append((current, indent if not lines else 0))
    return lines
