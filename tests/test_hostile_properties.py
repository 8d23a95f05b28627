"""Property tests on arbitrary Unicode and hostile text: every stage and the whole pipeline
never raise, keep every offset valid, and give the same output twice."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline
from pipeline.dates import extract_dates
from pipeline.entities import extract_entities
from pipeline.figures import extract_figures
from pipeline.ingest.html import html_text
from pipeline.ingest.normalize import normalize
from pipeline.quotes import extract_quotes
from pipeline.segment import segment

# Pieces of the hostile cases of issue 17, mixed with arbitrary text by the strategy.
_PIECES = [
    "38.\u200b8万亿元",
    "1\u200b00%",
    "田利\u200b辉",
    "融监\u200d督\u200b管理总\u200b局",
    "<p>",
    "</p>",
    "<br/>",
    "<b>",
    "&nbsp;",
    "&amp;",
    "&#8203;",
    "<!-- x -->",
    "<script>",
    "台積電",
    "【記者王小明／台北報導】",
    "「",
    "」",
    "『",
    "』",
    "“",
    "”",
    "：",
    "同比增长9.9%",
    "2026年4月末",
    "本报北京5月20日电",
    "\n",
    "\n\n",
    "##",
    "。",
    "，",
    "１２．５％",
    "\ufeff",
    "\u00ad",
    "\u202e",
    "\u3000",
    "本报记者 彭江",
    "表示，",
    "说：",
    "国家金融监督管理总局",
    "近1000万元",
    "超百场",
    "一季度末",
    "\ud7ff",
    "\x00",
    "\r",
]
_HOSTILE = st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=6)), max_size=30).map(
    "".join
)
_SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _items_hold(text: str, items) -> None:
    for item in items:
        assert 0 <= item.start <= item.end <= len(text)
        assert text[item.start : item.end] == item.surface


@_SETTINGS
@given(_HOSTILE)
def test_normalize_maps_every_view_character_inside_the_page(text):
    view = normalize(text)
    assert len(view.text) == len(view.clean) == len(view.map.offsets)
    previous = -1
    for i in range(len(view.text)):
        start, end = view.map.to_page(i, i + 1)
        assert previous < start < end <= len(text)
        previous = start
    assert normalize(text) == view


@_SETTINGS
@given(_HOSTILE)
def test_html_text_never_raises_and_is_deterministic(text):
    assert html_text(text) == html_text(text)


@_SETTINGS
@given(_HOSTILE)
def test_segment_spans_stay_on_the_page(text):
    layout = segment(text)
    for article in layout.articles:
        for start, end in article.spans:
            assert 0 <= start <= end <= len(text)
        assert article.text == "".join(text[s:e] for s, e in article.spans)
    for sidebar in layout.sidebars:
        assert 0 <= sidebar.span[0] <= sidebar.span[1] <= len(text)
    assert segment(text) == layout


@_SETTINGS
@given(_HOSTILE)
def test_dates_offsets_hold(text):
    dates = extract_dates(text, published=dt.date(2026, 5, 20))
    _items_hold(text, dates)
    assert extract_dates(text, published=dt.date(2026, 5, 20)) == dates


@_SETTINGS
@given(_HOSTILE)
def test_figures_offsets_hold(text):
    figures = extract_figures(text, dates=extract_dates(text))
    _items_hold(text, figures)
    for figure in figures:
        assert 0 <= figure.sentence[0] <= figure.sentence[1] <= len(text)
    assert extract_figures(text, dates=extract_dates(text)) == figures


@_SLOW
@given(_HOSTILE)
def test_entities_and_quotes_offsets_hold(text):
    entities = extract_entities(text)
    _items_hold(text, entities)
    quotes = extract_quotes(text, entities)
    for quote in quotes:
        assert 0 <= quote.span[0] <= quote.span[1] <= len(text)
        assert text[quote.span[0] : quote.span[1]] == quote.text
    assert extract_entities(text) == entities
    assert extract_quotes(text, entities) == quotes


@_SLOW
@given(_HOSTILE)
def test_extract_on_hostile_text_keeps_offsets_and_is_deterministic(text):
    doc = pipeline.extract(text, published="2026-05-20")
    page = doc.page.text
    assert page == text
    _items_hold(page, (*doc.figures, *doc.dates, *doc.entities))
    for article in doc.articles:
        assert all(0 <= s <= e <= len(page) for s, e in article.spans)
    for quote in doc.quotes:
        assert 0 <= quote.span[0] <= quote.span[1] <= len(page)
    assert pipeline.extract(text, published="2026-05-20").to_json() == doc.to_json()
