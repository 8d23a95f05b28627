"""OCR: pictures of pages and PDF pages without a text layer read like their text version.

The page is drawn with a Chinese font (tests/ocr_pages.py) and saved as PNG and as an
image-only PDF; each is read once by OCR (a few seconds a page). Skipped, with the reason,
where the font or the OCR engine is missing (CI installs both).
"""

from __future__ import annotations

import importlib.util
import itertools
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.ingest import IngestedPage, IngestFailure, read_pages
from pipeline.ingest.pdf import NO_TEXT_LAYER, read_pdf
from pipeline.segment import segment
from pipeline.textmap import TextMap

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ocr_pages
import pdf_layouts
from test_pdf_generators import char_jaccard, f1

MIN_JACCARD = 0.95
MIN_FIGURES_F1 = 0.90
# PP-OCR reads vertical lines less well (upright punctuation and digits): 0.90 measured.
MIN_VERTICAL_JACCARD = 0.85


@pytest.fixture(scope="module")
def picture(tmp_path_factory) -> ocr_pages.Picture:
    if importlib.util.find_spec("rapidocr_onnxruntime") is None:
        pytest.skip("rapidocr-onnxruntime is not installed")
    if ocr_pages.font_path() is None:
        pytest.skip("no Chinese font installed (fonts-wqy-zenhei)")
    return ocr_pages.draw(tmp_path_factory.mktemp("ocr"))


@pytest.fixture(scope="module")
def from_png(picture) -> IngestedPage:
    [page] = read_pages(picture.png)
    assert isinstance(page, IngestedPage), page
    return page


@pytest.fixture(scope="module")
def from_pdf(picture) -> IngestedPage:
    [page] = read_pdf(picture.pdf)
    assert isinstance(page, IngestedPage), page
    return page


def test_a_picture_is_read_and_marked_as_ocr(picture, from_png):
    assert from_png.source == str(picture.png)
    assert from_png.ocr
    assert char_jaccard(from_png.text, picture.text) >= MIN_JACCARD


def test_ocr_lines_carry_confidences_and_spans_in_text_order(from_png):
    spans = from_png.ocr_lines
    assert len(spans) >= 10
    assert all(0.0 < s.confidence <= 1.0 for s in spans)
    assert all(0 <= s.start < s.end <= len(from_png.text) for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_a_pdf_page_without_text_layer_is_read_by_ocr(picture, from_pdf):
    assert from_pdf.ocr and from_pdf.source == f"{picture.pdf}#page=1"
    assert char_jaccard(from_pdf.text, picture.text) >= MIN_JACCARD


def test_without_ocr_such_a_page_still_fails_clearly(picture):
    assert read_pdf(picture.pdf, ocr=False) == [
        IngestFailure(f"{picture.pdf}#page=1", NO_TEXT_LAYER)
    ]


def test_ocr_columns_give_the_articles_of_the_text_version(picture, from_png):
    got = [a for a in segment(from_png.text, from_png.hints).articles if a.kind == "news"]
    want = [a for a in segment(picture.text).articles if a.kind == "news"]
    assert [a.headline for a in got] == [a.headline for a in want]
    for a, b in zip(got, want, strict=True):
        body = TextMap.from_spans(from_png.text, a.spans).text
        assert char_jaccard(body, TextMap.from_spans(picture.text, b.spans).text) >= MIN_JACCARD


def test_ocr_figures_and_dates_match_the_text_version(picture, from_png):
    from pipeline.process import extract

    docs = [
        extract(from_png.text, published="2026-05-18", hints=from_png.hints),
        extract(picture.text, published="2026-05-18"),
    ]
    figures = [Counter((f.surface, f.value, f.unit) for f in d.figures) for d in docs]
    dates = [Counter((d.surface, d.normalized) for d in doc.dates) for doc in docs]
    assert figures[1] and dates[1]
    assert f1(*figures) >= MIN_FIGURES_F1
    assert f1(*dates) >= MIN_FIGURES_F1


def test_the_document_of_an_ocr_page_validates_and_keeps_its_offsets(picture):
    import jsonschema

    from pipeline.document import json_schema
    from pipeline.process import extract_path

    [doc] = extract_path(picture.png)
    data = doc.to_dict()
    jsonschema.validate(data, json_schema())
    page = data["page"]
    assert page["ocr"] is True and page["ocr_lines"]
    for line in page["ocr_lines"]:
        start, end = line["span"]
        assert page["text"][start:end].strip()
    for fig in data["figures"]:
        assert page["text"][fig["start"] : fig["end"]] == fig["surface"]


def test_a_page_of_missing_glyphs_is_no_text(tmp_path):
    """Boxes drawn where a font had no glyphs read as rows of zeros: no page text."""
    path = pdf_layouts.without_tounicode(tmp_path / "cid.pdf")
    [result] = read_pdf(path)
    assert isinstance(result, IngestFailure)


def test_a_picture_set_vertically_reads_column_by_column(picture, tmp_path):
    vertical = ocr_pages.draw_vertical(tmp_path)
    [page] = read_pages(vertical.png)
    assert isinstance(page, IngestedPage), page
    headline, body = vertical.blocks
    assert page.text.startswith(headline)
    assert char_jaccard(page.text, vertical.text) >= MIN_VERTICAL_JACCARD
    # The body's columns come right to left: its start is read before its end (the final
    # full stop aside).
    assert page.text.index(body[:6]) < page.text.index(body[-9:-1])
