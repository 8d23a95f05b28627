"""PDF pages made by other programs read like their text version.

The pages are typeset by LibreOffice from flat ODT files (tests/pdf_office.py) and by fpdf2's
column flow (tests/pdf_fpdf.py): their own line breaking, spacing and PDF writers, on grids
the reportlab layouts do not use. Articles,
headlines, sidebars, figures and dates from the PDF are compared with those from the text
version of the same content. Skipped, with the reason, where a generator or a Chinese font
is missing (CI installs them).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.ingest import IngestedPage
from pipeline.ingest.pdf import read_pdf
from pipeline.segment import Segmentation, segment
from pipeline.textmap import TextMap

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pdf_fpdf
import pdf_office
from pdf_layouts import Layout

MIN_JACCARD = 0.95
MIN_F1 = 0.95
NAMES = sorted([*pdf_office.PLANS, *pdf_fpdf.PLANS])


def char_jaccard(a: str, b: str) -> float:
    """Jaccard similarity of two texts as multisets of characters (whitespace ignored).

    >>> char_jaccard("小微企业", "小微企业"), char_jaccard("小微", "小企")
    (1.0, 0.3333333333333333)
    """
    ca, cb = Counter("".join(a.split())), Counter("".join(b.split()))
    union = sum((ca | cb).values())
    return sum((ca & cb).values()) / union if union else 1.0


def f1(got: Counter, want: Counter) -> float:
    """F1 of two multisets.

    >>> f1(Counter("aab"), Counter("abb"))
    0.6666666666666666
    """
    hits = sum((got & want).values())
    if not got and not want:
        return 1.0
    return 2 * hits / (sum(got.values()) + sum(want.values()))


@pytest.fixture(scope="module")
def office(tmp_path_factory) -> dict[str, tuple[Layout, IngestedPage]]:
    """Each generator's layouts, made once, with the page read back (a generator that is
    missing here skips its layouts)."""
    folder = tmp_path_factory.mktemp("generated")
    out: dict[str, tuple[Layout, IngestedPage] | str] = {}
    reason = pdf_office.available()
    layouts = pdf_office.build_all(folder) if reason is None else {}
    out.update({name: reason for name in pdf_office.PLANS if reason})
    reason = pdf_fpdf.available()
    for name, make in pdf_fpdf.PLANS.items():
        if reason is None:
            layouts[name] = make(folder / f"{name}.pdf")
        else:
            out[name] = reason
    for name, layout in layouts.items():
        [page] = read_pdf(layout.path, ocr=False)
        assert isinstance(page, IngestedPage), page
        out[name] = (layout, page)
    return _Made(out)


class _Made(dict):
    """Layouts by name; asking for one that could not be made skips the test."""

    def __getitem__(self, name: str):
        value = super().__getitem__(name)
        if isinstance(value, str):
            pytest.skip(value)
        return value


@pytest.fixture(scope="module")
def segmented(office) -> dict[str, tuple[Segmentation, Segmentation]]:
    def get(name: str) -> tuple[Segmentation, Segmentation]:
        layout, page = office[name]
        return segment(page.text, page.hints), segment(layout.text)

    return _Lazy(get)


class _Lazy(dict):
    """Worked out on first use, per layout."""

    def __init__(self, make) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, name: str):
        self[name] = self.make(name)
        return self[name]


def stories(seg: Segmentation) -> list:
    return [a for a in seg.articles if a.kind not in ("furniture", "advertisement")]


def body(text: str, article) -> str:
    return TextMap.from_spans(text, article.spans).text


@pytest.mark.parametrize("name", NAMES)
def test_articles_and_their_heads_are_those_of_the_text_version(segmented, name):
    from_pdf, from_text = segmented[name]

    def heads(seg: Segmentation) -> list[tuple]:
        return [(a.kind, a.kicker, a.headline, a.column, a.byline) for a in stories(seg)]

    assert heads(from_pdf) == heads(from_text)


@pytest.mark.parametrize("name", NAMES)
def test_each_article_reads_as_in_the_text_version(office, segmented, name):
    layout, page = office[name]
    from_pdf, from_text = segmented[name]
    for got, want in zip(stories(from_pdf), stories(from_text), strict=True):
        score = char_jaccard(body(page.text, got), body(layout.text, want))
        assert score >= MIN_JACCARD, (want.headline, score)


@pytest.mark.parametrize("name", NAMES)
def test_sidebars_are_those_of_the_text_version(segmented, name):
    from_pdf, from_text = segmented[name]
    assert [s.title for s in from_pdf.sidebars] == [s.title for s in from_text.sidebars]


@pytest.fixture(scope="module")
def extracted(office):
    from pipeline.process import extract

    def get(name: str) -> tuple:
        layout, page = office[name]
        return (
            extract(page.text, published="2026-05-18", source=page.source, hints=page.hints),
            extract(layout.text, published="2026-05-18", source="text"),
        )

    return _Lazy(get)


@pytest.mark.parametrize("name", NAMES)
def test_figures_and_dates_match_the_text_version(extracted, name):
    from_text = extracted[name][1]
    figures = [Counter((f.surface, f.value, f.unit) for f in d.figures) for d in extracted[name]]
    dates = [Counter((d.surface, d.normalized) for d in doc.dates) for doc in extracted[name]]
    assert from_text.figures and from_text.dates
    assert f1(*figures) >= MIN_F1
    assert f1(*dates) >= MIN_F1
