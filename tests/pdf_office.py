"""Newspaper-like test PDFs typeset by LibreOffice from flat ODT files written here.

The pages hold the seed page's articles (tests/pdf_layouts.py cuts them), but LibreOffice does
the typesetting: its own line breaking, justification, spacing between Chinese and Latin text
(a number is never broken across lines), its own PDF writer and font embedding. Each article
is a text frame placed on the page with columns of its own, so headlines span some columns and
articles stand side by side; rules and a bordered box (a sidebar) are drawn by LibreOffice.
What a reader should get back is the text version of the same content, as in pdf_layouts.

Needs ``soffice`` (Debian: libreoffice-writer-nogui) and a Chinese font (fonts-wqy-zenhei).
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from pdf_layouts import Article, Layout, articles, editor_line, sidebar_items

PAGE_W, PAGE_H = 900.0, 2000.0
MARGIN = 30.0
BODY, LEADING = 9.0, 12.5
FONT = "WenQuanYi Zen Hei"
FOLIO = "财经 第9版"
JUMP_OUT = "（下转第2版）"

# name: (size, align, first-line indent in em, space above)
STYLES: dict[str, tuple[float, str, float, float]] = {
    "para": (BODY, "justify", 2.0, 0.0),
    "section": (12.0, "start", 0.0, 6.0),
    "byline": (BODY, "start", 0.0, 0.0),
    "kicker": (13.0, "center", 0.0, 0.0),
    "headline": (26.0, "center", 0.0, 0.0),
    "column": (15.0, "start", 0.0, 8.0),
    "author": (BODY, "end", 0.0, 2.0),
    "jump": (BODY, "end", 0.0, 0.0),
    "folio": (8.0, "start", 0.0, 0.0),
    "editor": (7.5, "start", 0.0, 0.0),
    "item": (10.0, "start", 0.0, 2.0),
    "box_title": (13.0, "center", 0.0, 0.0),
}


@dataclass
class Sheet:
    """The frames and rules of one page, in the order they are written."""

    frames: list[str] = field(default_factory=list)
    blocks: list[str] = field(default_factory=list)  # the text version, in reading order

    def frame(
        self,
        x: float,
        top: float,
        width: float,
        height: float,
        parts: Sequence[tuple[str, str]],
        columns: int = 1,
        boxed: bool = False,
    ) -> None:
        """A text frame of ``columns`` columns holding (style, text) paragraphs."""
        style = f"{'box' if boxed else 'fr'}{columns}"
        paras = "".join(
            f'<text:p text:style-name="{kind}">{escape(text)}</text:p>' for kind, text in parts
        )
        n = len(self.frames)
        self.frames.append(
            f'<draw:frame draw:style-name="{style}" draw:name="f{n}" text:anchor-type="page" '
            f'text:anchor-page-number="1" svg:x="{x:.1f}pt" svg:y="{top:.1f}pt" '
            f'svg:width="{width:.1f}pt" svg:height="{height:.1f}pt" draw:z-index="{n}">'
            f"<draw:text-box>{paras}</draw:text-box></draw:frame>"
        )
        self.blocks += [text for _, text in parts]

    def rule(self, top: float, x0: float = MARGIN, x1: float = PAGE_W - MARGIN) -> None:
        n = len(self.frames)
        self.frames.append(
            f'<draw:line draw:style-name="rule" text:anchor-type="page" '
            f'text:anchor-page-number="1" svg:x1="{x0:.1f}pt" svg:y1="{top:.1f}pt" '
            f'svg:x2="{x1:.1f}pt" svg:y2="{top:.1f}pt" draw:z-index="{n}"><text:p/></draw:line>'
        )

    def furniture_top(self) -> None:
        self.frame(MARGIN, 14, 300, 14, [("folio", FOLIO)])
        self.rule(32)

    def furniture_foot(self) -> None:
        self.rule(PAGE_H - 32)
        self.frame(MARGIN, PAGE_H - 26, 400, 14, [("editor", editor_line())])

    def document(self) -> str:
        return _DOCUMENT.format(
            font=FONT,
            styles="".join(_paragraph_style(name, *spec) for name, spec in STYLES.items()),
            frames=_frame_styles(),
            w=PAGE_W,
            h=PAGE_H,
            body="".join(self.frames),
        )


def _paragraph_style(name: str, size: float, align: str, indent: float, above: float) -> str:
    leading = LEADING if size == BODY else size * 1.3
    return (
        f'<style:style style:name="{name}" style:family="paragraph">'
        f'<style:paragraph-properties fo:text-align="{align}" fo:text-indent="{indent * size}pt" '
        f'fo:margin-top="{above}pt" fo:margin-bottom="0pt" fo:line-height="{leading:.1f}pt"/>'
        f'<style:text-properties style:font-name="CJK" style:font-name-asian="CJK" '
        f'fo:font-size="{size}pt" style:font-size-asian="{size}pt"/></style:style>'
    )


def _frame_styles() -> str:
    place = (
        'style:wrap="none" style:vertical-pos="from-top" style:horizontal-pos="from-left" '
        'style:vertical-rel="page" style:horizontal-rel="page" draw:auto-grow-height="false"'
    )
    out = []
    for n in range(1, 7):
        columns = f'<style:columns fo:column-count="{n}" fo:column-gap="10pt"/>' if n > 1 else ""
        for name, stroke, padding in (("fr", "none", 0), ("box", "solid", 6)):
            out.append(
                f'<style:style style:name="{name}{n}" style:family="graphic">'
                f'<style:graphic-properties draw:stroke="{stroke}" svg:stroke-width="0.8pt" '
                f'svg:stroke-color="#000000" fo:padding="{padding}pt" '
                f'fo:background-color="transparent" draw:fill="none" {place}>'
                f"{columns}</style:graphic-properties></style:style>"
            )
    out.append(
        '<style:style style:name="rule" style:family="graphic"><style:graphic-properties '
        f'svg:stroke-width="0.8pt" draw:stroke="solid" svg:stroke-color="#000000" {place}/>'
        "</style:style>"
    )
    return "".join(out)


_DOCUMENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls><style:font-face style:name="CJK" svg:font-family="'{font}'"/>
</office:font-face-decls>
<office:automatic-styles>{styles}
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="{w}pt"
 fo:page-height="{h}pt" fo:margin-top="20pt" fo:margin-bottom="20pt" fo:margin-left="20pt"
 fo:margin-right="20pt"/></style:page-layout>{frames}
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/>
</office:master-styles>
<office:body><office:text><text:p>{body}</text:p></office:text></office:body>
</office:document>
"""


# --- layouts ---------------------------------------------------------------------------


def _grid(n: int, gap: float = 10.0) -> list[tuple[float, float]]:
    """x and width of each of ``n`` page columns."""
    width = (PAGE_W - 2 * MARGIN - (n - 1) * gap) / n
    return [(MARGIN + i * (width + gap), width) for i in range(n)]


def _span(grid: list[tuple[float, float]], first: int, last: int) -> tuple[float, float]:
    x0 = grid[first][0]
    return x0, grid[last][0] + grid[last][1] - x0


def _height(parts: Sequence[tuple[str, str]], width: float, columns: int) -> float:
    """Room the parts need in a frame of ``columns`` columns, with some to spare."""
    column = (width - (columns - 1) * 10.0) / columns
    lines = 0.0
    for kind, text in parts:
        size, _, indent, above = STYLES[kind]
        per_line = max(1, int(column / size))
        leading = LEADING if size == BODY else size * 1.3
        lines += (math.ceil((len(text) + indent) / per_line) * leading + above) / LEADING
    return (lines / columns * 1.35 + 3) * LEADING


def _article(
    sheet: Sheet, article: Article, x: float, width: float, top: float, columns: int
) -> float:
    """Heads over the article's columns, the body below; returns the y under it."""
    heads = [(k, t) for k, t in (("kicker", article.kicker), ("headline", article.headline)) if t]
    if heads:
        height = sum(
            STYLES[k][0] * 1.3 * math.ceil(len(t) * STYLES[k][0] / width) for k, t in heads
        )
        sheet.frame(x, top, width, height + 4, heads)
        top += height + 10
    parts = [("byline", article.byline)] if article.byline else []
    parts += [(_kind(kind), text) for kind, text in article.paragraphs]
    height = _height(parts, width, columns)
    sheet.frame(x, top, width, height, parts, columns)
    return top + height


def _kind(kind: str) -> str:
    """The style of an article part: a commentary's column name and its author's name."""
    return {"section": "section", "byline": "author", "jump": "jump"}.get(kind, "para")


def _commentary() -> Article:
    """The commentary, its column's name set in display type before the author's name."""
    art = articles()["commentary"]
    *body, (_, column), (_, author) = art.paragraphs
    return Article(art.name, None, None, None, (*body, ("column", column), ("byline", author)))


def six_columns() -> Sheet:
    """Six columns: a news article under a headline over four of them, beside it a feature
    with kicker and headline over two; under a rule a commentary over three columns that
    ends with its column's name and author, and a second news article over the other three."""
    sheet = Sheet()
    sheet.furniture_top()
    grid = _grid(6)
    x, width = _span(grid, 0, 3)
    left = _article(sheet, articles()["small_business"], x, width, 44, 4)
    x, width = _span(grid, 4, 5)
    right = _article(sheet, articles()["vocational"], x, width, 44, 2)
    top = max(left, right) + 8
    sheet.rule(top)
    x, width = _span(grid, 0, 2)
    _commentary_frame(sheet, x, width, top + 10, 3)
    x, width = _span(grid, 3, 5)
    _article(sheet, articles()["agents"], x, width, top + 10, 3)
    sheet.furniture_foot()
    return sheet


def _commentary_frame(sheet: Sheet, x: float, width: float, top: float, columns: int) -> float:
    art = _commentary()
    parts = [("para", t) for _, t in art.paragraphs[:-2]]
    parts += [("column", art.paragraphs[-2][1]), ("author", art.paragraphs[-1][1])]
    height = _height(parts, width, columns)
    sheet.frame(x, top, width, height, parts, columns)
    return top + height


def boxed_sidebar() -> Sheet:
    """Five columns: a news article over three, its infographic in a bordered box under
    them; a second article over the other two; under a rule a commentary across the page."""
    sheet = Sheet()
    sheet.furniture_top()
    grid = _grid(5)
    x, width = _span(grid, 0, 2)
    bottom = _article(sheet, articles()["small_business"], x, width, 44, 3)
    items = sidebar_items()
    parts = [("box_title", items[0]), *(("item", t) for t in items[1:])]
    height = _height(parts, width - 12, 2) + 12
    sheet.frame(x, bottom + 6, width, height, parts, 2, boxed=True)
    left = bottom + 6 + height
    x, width = _span(grid, 3, 4)
    right = _article(sheet, articles()["agents"], x, width, 44, 2)
    top = max(left, right) + 10
    sheet.rule(top)
    x, width = _span(grid, 0, 4)
    _commentary_frame(sheet, x, width, top + 10, 5)
    sheet.furniture_foot()
    return sheet


def jump_line() -> Sheet:
    """A lead article over five columns cut off with a jump line (下转…) flush right; under a
    rule a feature over two columns beside a commentary over three."""
    lead = _jumped_lead()
    sheet = Sheet()
    sheet.furniture_top()
    grid = _grid(5)
    x, width = _span(grid, 0, 4)
    top = _article(sheet, lead, x, width, 44, 5) + 8
    sheet.rule(top)
    x, width = _span(grid, 0, 1)
    _article(sheet, articles()["vocational"], x, width, top + 10, 2)
    x, width = _span(grid, 2, 4)
    _commentary_frame(sheet, x, width, top + 10, 3)
    sheet.furniture_foot()
    return sheet


@dataclass(frozen=True)
class Plan:
    name: str
    draw: Callable[[], Sheet]
    articles: Callable[[], list[Article]]


def _jumped_lead() -> Article:
    agents = articles()["agents"]
    return Article(
        "agents_front",
        None,
        agents.headline,
        agents.byline,
        (*agents.paragraphs[:4], ("para", agents.paragraphs[4][1][:50]), ("jump", JUMP_OUT)),
    )


PLANS = {
    "office_six_columns": Plan(
        "office_six_columns",
        six_columns,
        lambda: [
            articles()["small_business"],
            articles()["vocational"],
            _commentary(),
            articles()["agents"],
        ],
    ),
    "office_boxed_sidebar": Plan(
        "office_boxed_sidebar",
        boxed_sidebar,
        lambda: [articles()["small_business"], articles()["agents"], _commentary()],
    ),
    "office_jump_line": Plan(
        "office_jump_line",
        jump_line,
        lambda: [_jumped_lead(), articles()["vocational"], _commentary()],
    ),
}


def available() -> str | None:
    """Why LibreOffice layouts cannot be made here, or None when they can."""
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed"
    if shutil.which("fc-list") is None:
        return "fontconfig (fc-list) is not installed"
    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True)
    if FONT not in fonts.stdout:
        return f"font {FONT} is not installed"
    return None


def build_all(folder: Path) -> dict[str, Layout]:
    """Every plan typeset to PDF in ``folder`` (one LibreOffice run for all)."""
    sheets = {}
    for name, plan in PLANS.items():
        sheet = plan.draw()
        (folder / f"{name}.fodt").write_text(sheet.document(), encoding="utf-8")
        sheets[name] = sheet
    _convert(sorted(folder / f"{name}.fodt" for name in PLANS), folder)
    out = {}
    for name, plan in PLANS.items():
        arts = plan.articles()
        heads = [a.headline for a in arts if a.headline]
        sidebar = list(sidebar_items()) if name == "office_boxed_sidebar" else []
        path = folder / f"{name}.pdf"
        out[name] = Layout(name, path, arts, heads, sidebar, sheets[name].blocks)
    return out


def _convert(sources: Sequence[Path], folder: Path) -> None:
    with tempfile.TemporaryDirectory() as profile:
        env = {**os.environ, "HOME": profile}
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *map(str, sources),
            ],
            check=True,
            capture_output=True,
            env=env,
            timeout=180,
        )
