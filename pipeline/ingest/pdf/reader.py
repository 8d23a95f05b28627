"""PDF files -> pages (or failures), one per PDF page."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.ingest import IngestedPage, IngestError, IngestFailure
from pipeline.ingest.pdf.chars import Turn, read_content, rules, text_turn
from pipeline.ingest.pdf.layout import layout_text
from pipeline.ingest.pdf.trust import MAX_UNTRUSTED_SHARE, garbled_han, untrusted_share

NO_TEXT_LAYER = "no usable text layer (OCR needed)"


def read_pdf(path: Path) -> list[IngestedPage | IngestFailure]:
    """One page (or one failure) per PDF page, in reading order with layout hints.

    Raises :class:`IngestError` when the file as a whole cannot be read.
    """
    _check_header(path)
    try:
        pdf = pdfium.PdfDocument(path)
    except pdfium.PdfiumError as err:
        raise IngestError(_describe(err)) from err
    try:
        if len(pdf) == 0:
            raise IngestError("PDF has no pages")
        results = []
        for number in range(len(pdf)):
            results.append(_read_page(pdf, number, f"{path}#page={number + 1}"))
        return results
    finally:
        pdf.close()


def _check_header(path: Path) -> None:
    with path.open("rb") as handle:
        head = handle.read(1024)
    if b"%PDF-" not in head:
        raise IngestError("not a PDF file (no %PDF header)")


def _describe(err: pdfium.PdfiumError) -> str:
    """A short reason for a file pdfium refused."""
    if getattr(err, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
        return "encrypted PDF (password required)"
    detail = str(err).strip() or type(err).__name__
    return f"corrupt PDF ({detail[:80]})"


def _read_page(pdf: pdfium.PdfDocument, number: int, source: str) -> IngestedPage | IngestFailure:
    # One bad page must not stop the file, nor a batch of thousands.
    try:
        page = pdf[number]
        try:
            content = read_content(page)
        finally:
            page.close()
    except Exception as err:
        return IngestFailure(source, f"unreadable page ({type(err).__name__})")
    texts = [g.text for g in content.glyphs if not g.text.isspace()]
    if not texts or untrusted_share(texts) >= MAX_UNTRUSTED_SHARE or garbled_han(texts):
        return IngestFailure(source, NO_TEXT_LAYER)
    turn = Turn(text_turn(content.directions), content.width, content.height)
    glyphs = [turn.glyph(g) for g in content.glyphs if not g.text.startswith("(cid:")]
    glyphs = [g for g in glyphs if g.x1 > 0 and g.bottom > 0 and g.top < turn.upright_height]
    try:
        text, hints = layout_text(
            glyphs,
            [turn.rect(r) for r in content.rects],
            [turn.rect(r) for r in rules(content.rects, content.lines)],
            turn.upright_height,
        )
    except Exception as err:
        return IngestFailure(source, f"layout analysis failed ({type(err).__name__})")
    if not text:
        return IngestFailure(source, NO_TEXT_LAYER)
    return IngestedPage(source=source, text=text, hints=tuple(hints))
