"""Newspaper-like test PDFs typeset by fpdf2 from the seed page's articles.

fpdf2 is another PDF writer with a column flow of its own (``text_columns``: its own line
breaking, justification and column balancing) and embeds a TrueType subset with a ToUnicode
map. The page: a headline over three balanced columns of one article, a rule, then a feature
with kicker and headline over two columns beside a ruled box of the seed's infographic items.
What a reader should get back is the text version of the same content, as in pdf_layouts.

Needs fpdf2 (a dev dependency) and a Chinese font (fonts-wqy-zenhei).
"""

from __future__ import annotations

from pathlib import Path

from ocr_pages import font_path
from pdf_layouts import Article, Layout, articles, editor_line, sidebar_items

PAGE_W, PAGE_H = 842.0, 1400.0
MARGIN = 36.0
BODY, LEADING = 10.0, 1.4  # line height as a multiple of the size
FOLIO = "金融 第9版"


def available() -> str | None:
    """Why fpdf2 pages cannot be made here, or None when they can."""
    try:
        import fpdf  # noqa: F401
    except ImportError:
        return "fpdf2 is not installed"
    return None if font_path() else "no Chinese font installed (fonts-wqy-zenhei)"


def _heads(pdf, article: Article, x: float, width: float) -> None:
    for text, size in ((article.kicker, 14.0), (article.headline, 26.0)):
        if text:
            pdf.set_font("zh", size=size)
            pdf.set_x(x)
            pdf.multi_cell(width, size * 1.3, text, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(8)


def _flow(pdf, article: Article, x: float, width: float, ncols: int) -> None:
    """The article's byline and body through ``ncols`` balanced, justified columns."""
    from fpdf.enums import WrapMode

    pdf.set_font("zh", size=BODY)
    cols = pdf.text_columns(
        ncols=ncols,
        gutter=14,
        balance=True,
        text_align="J",
        line_height=LEADING,
        l_margin=x,
        r_margin=PAGE_W - x - width,
        wrapmode=WrapMode.CHAR,
    )
    with cols:
        if article.byline:
            with cols.paragraph(text_align="L") as par:
                par.write(article.byline)
        for kind, text in article.paragraphs:
            section = kind == "section"
            pdf.set_font("zh", size=13.0 if section else BODY)
            with cols.paragraph(
                text_align="L" if section else "J",
                first_line_indent=0 if section else 2 * BODY,
                top_margin=4 if section else 0,
            ) as par:
                par.write(text)
            pdf.set_font("zh", size=BODY)


def two_articles(path: Path) -> Layout:
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format=(PAGE_W, PAGE_H))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(False)
    pdf.add_page(format=(PAGE_W, PAGE_H))
    pdf.add_font("zh", fname=str(font_path()))
    pdf.set_font("zh", size=9.0)
    pdf.set_xy(MARGIN, 18)
    pdf.cell(200, 12, FOLIO)
    pdf.line(MARGIN, 34, PAGE_W - MARGIN, 34)
    lead, feature = articles()["agents"], articles()["vocational"]
    width = PAGE_W - 2 * MARGIN
    pdf.set_y(46)
    _heads(pdf, lead, MARGIN, width)
    _flow(pdf, lead, MARGIN, width, 3)
    rule = pdf.get_y() + 10
    pdf.line(MARGIN, rule, PAGE_W - MARGIN, rule)
    pdf.set_y(rule + 12)
    left = width * 2 / 3
    _heads(pdf, feature, MARGIN, left)
    _flow(pdf, feature, MARGIN, left, 2)
    items = sidebar_items()
    box_x, box_top = MARGIN + left + 20, rule + 12
    pdf.set_font("zh", size=11.0)
    pdf.set_xy(box_x + 8, box_top + 8)
    for item in items:
        pdf.set_x(box_x + 8)
        pdf.multi_cell(width - left - 36, 16, item, new_x="LMARGIN", new_y="NEXT")
    pdf.rect(box_x, box_top, width - left - 20, pdf.get_y() - box_top + 8)
    pdf.line(MARGIN, PAGE_H - 34, PAGE_W - MARGIN, PAGE_H - 34)
    pdf.set_font("zh", size=8.0)
    pdf.set_xy(MARGIN, PAGE_H - 28)
    pdf.cell(300, 10, editor_line())
    pdf.output(str(path))
    blocks = [FOLIO, *lead.texts(), *feature.texts(), *items, editor_line()]
    heads = [lead.headline or "", feature.headline or ""]
    return Layout("fpdf_two_articles", path, [lead, feature], heads, list(items), blocks)


PLANS = {"fpdf_two_articles": two_articles}
