"""PDF files -> pages (or failures), one per PDF page."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from pipeline.ingest import IngestedPage, IngestError, IngestFailure
from pipeline.ingest.pdf.chars import PageContent, Turn, read_content, rules, text_turn
from pipeline.ingest.pdf.layout import layout_text
from pipeline.ingest.pdf.trust import MAX_UNTRUSTED_SHARE, garbled_han, untrusted_share

NO_TEXT_LAYER = "no usable text layer (OCR needed)"
# Pages are rendered for OCR at about this many pixels on their longer side (the
# recognizer scales larger pictures down to 2000), and at most this many pixels a point.
OCR_PIXELS = 2000
MAX_SCALE = 4.0


def read_pdf(path: Path, ocr: bool = True) -> list[IngestedPage | IngestFailure]:
    """One page (or one failure) per PDF page, in reading order with layout hints; a page
    without a usable text layer is rendered and read by OCR (unless ``ocr`` is False).

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
            source = f"{path}#page={number + 1}"
            result = _read_page(pdf, number, source)
            if isinstance(result, IngestFailure):  # pdfminer decodes fonts its own way
                result = _read_with_pdfplumber(path, number, source) or result
            if ocr and result == IngestFailure(result.source, NO_TEXT_LAYER):
                result = _ocr_page(pdf, number, result.source)
            results.append(result)
        return results
    finally:
        pdf.close()


def _ocr_page(pdf: pdfium.PdfDocument, number: int, source: str) -> IngestedPage | IngestFailure:
    """The page rendered (its longer side about OCR_PIXELS) and read by OCR."""
    from pipeline.ingest.ocr import ocr_page

    page = pdf[number]
    try:
        scale = min(MAX_SCALE, OCR_PIXELS / max(page.get_size()))
        image = page.render(scale=scale).to_pil()
    finally:
        page.close()
    return ocr_page(image, source)


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
    return read_layer(content, source)


def _read_with_pdfplumber(path: Path, number: int, source: str) -> IngestedPage | None:
    """The page through pdfplumber, when that gives a usable text layer."""
    from pipeline.ingest.pdf.plumber import read_content as plumber_content

    try:
        content = plumber_content(path, number)
    except Exception:  # pdfminer refuses what pdfium refused: the first reason stands
        return None
    result = read_layer(content, source) if content is not None else None
    return result if isinstance(result, IngestedPage) else None


def read_layer(content: PageContent, source: str) -> IngestedPage | IngestFailure:
    """A page's text in reading order from its glyphs, boxes and rules, or why not."""
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
