"""OCR of page pictures: scans, photographed pages, PDF pages without a usable text layer.

RapidOCR runs the PP-OCR detection and recognition models that ship inside the
rapidocr-onnxruntime wheel (nothing is downloaded at run time). Each recognized character
comes with its box, so the page goes through the same layout reader as a PDF's glyphs:
columns, headlines and boxes come out in reading order. The page is marked as OCR'd and each
line found in the page text carries the recognizer's confidence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from pipeline.ingest import IngestedPage, IngestFailure, OcrSpan
from pipeline.ingest.pdf.geometry import Glyph
from pipeline.ingest.pdf.layout import layout_text

NO_TEXT_FOUND = "no readable text found by OCR"
# A page whose lines are read with less confidence than this on average is not text (a
# photo, a drawing, boxes where a font had no glyphs).
MIN_MEAN_CONFIDENCE = 0.6
# Text read off a Chinese page is mostly Chinese; boxes drawn where a font had no glyphs read
# as rows of 0 and O with high confidence.
MIN_HAN_SHARE = 0.2
# A detected line this many times taller than wide is set vertically.
TALL = 1.5


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
    left = min(p[0] for p in box)
    right = max(p[0] for p in box)
    if bottom - top > TALL * (right - left) and len(text) > 1:
        return OcrLine(text, score, _down(text, left, right, top, bottom))
    words = list(zip(item[3], item[4], strict=False)) if len(item) > 4 and item[3] else []
    if not words:  # no character boxes: share the line's width out evenly
        words = [(box, text)]
    cells = []
    for word_box, word in words:
        x0 = min(p[0] for p in word_box)
        x1 = max(p[0] for p in word_box)
        step = (x1 - x0) / max(1, len(word))
        cells += [(ch, x0 + i * step, x0 + (i + 1) * step) for i, ch in enumerate(word)]
    size = round(bottom - top)
    glyphs = tuple(Glyph(ch, x0, x1, top, bottom, size) for ch, x0, x1 in cells)
    return OcrLine(text, score, glyphs)


def _down(text: str, left: float, right: float, top: float, bottom: float) -> tuple:
    """Glyphs of a line set vertically: the box shared out from top to bottom.

    >>> [(g.text, g.top, g.bottom) for g in _down("竖排", 0, 20, 0, 40)]
    [('竖', 0.0, 20.0), ('排', 20.0, 40.0)]
    """
    step = (bottom - top) / len(text)
    size = round(right - left)
    return tuple(
        Glyph(ch, left, right, top + i * step, top + (i + 1) * step, size)
        for i, ch in enumerate(text)
    )


def even_sizes(lines: Sequence[OcrLine]) -> list[OcrLine]:
    """Lines with their type sizes evened out: detected boxes vary by a few pixels from line
    to line in one type, which would read as changes of type. Sizes within a fifth of each
    other, in order, take the median of their run.

    >>> g = lambda size: (Glyph("字", 0, 1, 0, 1, size),)
    >>> [ln.glyphs[0].size for ln in even_sizes([OcrLine("字", 1, g(s)) for s in (23, 27, 26, 47)])]
    [26, 26, 26, 47]
    """
    sizes = sorted({ln.glyphs[0].size for ln in lines if ln.glyphs})
    runs: list[list[float]] = []
    for size in sizes:
        if runs and size <= runs[-1][0] * 1.2:
            runs[-1].append(size)
        else:
            runs.append([size])
    even = {size: run[len(run) // 2] for run in runs for size in run}
    return [
        OcrLine(ln.text, ln.confidence, tuple(replace(g, size=even[g.size]) for g in ln.glyphs))
        for ln in lines
    ]


def ocr_page(image: Any, source: str) -> IngestedPage | IngestFailure:
    """The page text of a picture in reading order, marked as OCR'd, with line confidences."""
    lines = recognize(image)
    if not lines or not _plausible(lines):
        return IngestFailure(source, NO_TEXT_FOUND)
    glyphs = [g for ln in even_sizes(lines) for g in ln.glyphs]
    text, hints = layout_text(glyphs, [], [], float(image.height))
    if not text:
        return IngestFailure(source, NO_TEXT_FOUND)
    spans = line_spans(text, lines)
    return IngestedPage(source=source, text=text, hints=tuple(hints), ocr=True, ocr_lines=spans)


def _plausible(lines: Sequence[OcrLine]) -> bool:
    """Whether the lines read look like the text of a Chinese page: read with confidence,
    and with a fair share of Chinese characters.

    >>> g = ()
    >>> _plausible([OcrLine("2026年小微企业", 0.9, g)]), _plausible([OcrLine("0 00 000", 0.9, g)])
    (True, False)
    """
    if sum(ln.confidence for ln in lines) / len(lines) < MIN_MEAN_CONFIDENCE:
        return False
    ink = "".join("".join(ln.text.split()) for ln in lines)
    han = sum(1 for ch in ink if "\u3400" <= ch <= "\u9fff")
    return han >= MIN_HAN_SHARE * len(ink)


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
