"""A page's text layer read a second way: pdfplumber (pdfminer) where pdfium cannot read it.

pdfium is the fast reader (:mod:`chars`). pdfminer parses content streams and decodes fonts on
its own, so a page that pdfium fails on (an exception, or a text layer without Unicode) is read
again through pdfplumber before it goes to OCR, which is slow and loses characters. The result
has the shape pdfium's reader gives, so one layout reader takes both.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pipeline.ingest.pdf.chars import UNMAPPED, PageContent, run_direction
from pipeline.ingest.pdf.geometry import Glyph, Rect


def read_content(path: Path, number: int) -> PageContent | None:
    """The glyphs, rectangles and lines of page ``number`` (0-based), top-down; None for a
    page set turned (/Rotate), whose boxes pdfplumber gives as displayed, not as set."""
    import pdfplumber

    with pdfplumber.open(path, pages=[number + 1]) as pdf:
        page = pdf.pages[0]
        if int(page.rotation or 0) % 360:
            return None
        chars = page.chars
        glyphs = tuple(_glyph(c) for c in chars)
        directions = tuple(run_direction(*c["matrix"][:2]) for c in chars)
        rects = tuple(_rect(r) for r in page.rects)
        lines = tuple(_rect(ln) for ln in page.lines)
        return PageContent(glyphs, directions, rects, lines, float(page.width), float(page.height))


def _glyph(char: dict[str, Any]) -> Glyph:
    # pdfminer writes an unmapped code as (cid:N): one mark for every such code
    text = UNMAPPED if char["text"].startswith("(cid:") else char["text"]
    size = round(float(char["size"]), 1)
    return Glyph(text, char["x0"], char["x1"], char["top"], char["bottom"], size)


def _rect(shape: dict[str, Any]) -> Rect:
    return Rect(shape["x0"], shape["top"], shape["x1"], shape["bottom"])
