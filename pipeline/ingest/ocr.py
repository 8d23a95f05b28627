"""OCR of page pictures: scans, photographed pages, PDF pages without a usable text layer.

RapidOCR runs the PP-OCR detection and recognition models that ship inside the
rapidocr-onnxruntime wheel (nothing is downloaded at run time). Each recognized character
comes with its box, so the page goes through the same layout reader as a PDF's glyphs:
columns, headlines and boxes come out in reading order. The page is marked as OCR'd and each
line found in the page text carries the recognizer's confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from pipeline.ingest import IngestedPage, IngestFailure, OcrSpan
from pipeline.ingest.pdf.geometry import Glyph
from pipeline.ingest.pdf.layout import layout_text

NO_TEXT_FOUND = "no readable text found by OCR"
# A page whose lines are read with less confidence than this on average is not text (a
# photo, a drawing, boxes where a font had no glyphs).
MIN_MEAN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class OcrLine:
    """One line the recognizer read: its text, confidence and the glyphs (pixel boxes)."""

    text: str
    confidence: float
    glyphs: tuple[Glyph, ...]


@cache
def _engine() -> Any:
    from rapidocr_onnxruntime import RapidOCR

    return RapidOCR()


def recognize(image: Any) -> list[OcrLine]:
    """The lines RapidOCR reads on a PIL image, each with a box per character."""
    import numpy as np

    result, _ = _engine()(np.asarray(image.convert("RGB")), use_cls=False, return_word_box=True)
    return [line for item in result or [] if (line := _line(item)) is not None]


def _line(item: Sequence[Any]) -> OcrLine | None:
    """An OcrLine from one RapidOCR result: [box, text, score, word boxes, words, scores]."""
    box, text, score = item[0], str(item[1]), float(item[2])
    if not text.strip():
        return None
    top = min(p[1] for p in box)
    bottom = max(p[1] for p in box)
    size = round(bottom - top, 1)
    words = list(zip(item[3], item[4], strict=False)) if len(item) > 4 and item[3] else []
    if not words:  # no character boxes: share the line's width out evenly
        words = [(box, text)]
    glyphs = []
    for word_box, word in words:
        x0 = min(p[0] for p in word_box)
        x1 = max(p[0] for p in word_box)
        step = (x1 - x0) / max(1, len(word))
        for i, ch in enumerate(word):
            glyphs.append(Glyph(ch, x0 + i * step, x0 + (i + 1) * step, top, bottom, size))
    return OcrLine(text, score, tuple(glyphs))


def ocr_page(image: Any, source: str) -> IngestedPage | IngestFailure:
    """The page text of a picture in reading order, marked as OCR'd, with line confidences."""
    lines = recognize(image)
    if not lines or sum(ln.confidence for ln in lines) / len(lines) < MIN_MEAN_CONFIDENCE:
        return IngestFailure(source, NO_TEXT_FOUND)
    glyphs = [g for ln in lines for g in ln.glyphs]
    text, hints = layout_text(glyphs, [], [], float(image.height))
    if not text:
        return IngestFailure(source, NO_TEXT_FOUND)
    spans = line_spans(text, lines)
    return IngestedPage(source=source, text=text, hints=tuple(hints), ocr=True, ocr_lines=spans)


def line_spans(text: str, lines: Sequence[OcrLine]) -> tuple[OcrSpan, ...]:
    """Where each line stands in the page text, with its confidence, in text order. Longer
    lines are placed first, each at its first place not already taken; a line the layout
    reader split (a detection that ran across a gutter) is left out.

    >>> g = ()
    >>> line_spans("甲乙丙\\n\\n乙丙", [OcrLine("乙丙", 0.9, g), OcrLine("甲乙丙", 0.8, g)])
    (OcrSpan(start=0, end=3, confidence=0.8), OcrSpan(start=5, end=7, confidence=0.9))
    """
    taken: list[OcrSpan] = []
    for line in sorted(lines, key=lambda ln: -len(ln.text)):
        needle = " ".join(line.text.split())
        start = text.find(needle)
        while start != -1 and any(start < s.end and start + len(needle) > s.start for s in taken):
            start = text.find(needle, start + 1)
        if start != -1:
            taken.append(OcrSpan(start, start + len(needle), round(line.confidence, 4)))
    return tuple(sorted(taken, key=lambda s: s.start))
