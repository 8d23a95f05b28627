"""PDF files -> pages (or failures), one per PDF page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.utils.exceptions import PdfminerException

from pipeline.ingest import IngestedPage, IngestError, IngestFailure
from pipeline.ingest.pdf.chars import Turn, text_turn, to_glyphs, to_rects, to_rules
from pipeline.ingest.pdf.layout import layout_text
from pipeline.ingest.pdf.trust import MAX_UNTRUSTED_SHARE, garbled_han, untrusted_share

NO_TEXT_LAYER = "no usable text layer (OCR needed)"


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
    rotation = text_turn(raw, int(page.rotation or 0) % 360)
    turn = Turn(rotation, float(page.width), float(page.height))
    glyphs = [turn.glyph(g) for g in to_glyphs(raw)]
    glyphs = [g for g in glyphs if g.x1 > 0 and g.bottom > 0 and g.top < turn.upright_height]
    try:
        text, hints = layout_text(
            glyphs,
            [turn.rect(r) for r in to_rects(rects)],
            [turn.rect(r) for r in to_rules(rects, lines)],
            turn.upright_height,
        )
    except Exception as err:
        return IngestFailure(source, f"layout analysis failed ({type(err).__name__})")
    if not text:
        return IngestFailure(source, NO_TEXT_LAYER)
    return IngestedPage(source=source, text=text, hints=tuple(hints))
