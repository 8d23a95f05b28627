"""Every gold file (the seed page's first) is consistent with its page text and with itself."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Every gold file of the project is checked; the seed page's is the first.
GOLD_PATHS = sorted((ROOT / "corpora").glob("**/gold.json"))

POINT_TABLES = ("figures", "dates", "entities")
LABELS = {"PER", "ORG", "LOC", "WORK", "PRODUCT", "EVENT"}
KINDS = {"news", "feature", "commentary", "furniture", "advertisement"}
BOUNDS = {"exact", "approx", "over", "under", "at_least", "at_most", "order"}
CHANGES = {None, "increase", "decrease"}
# What `normalized` looks like for each date kind.
NORMALIZED = {
    "date": r"\d{4}-\d{2}-\d{2}",
    "month": r"\d{4}-\d{2}",
    "year": r"\d{4}",
    "quarter": r"\d{4}-Q[1-4]",
    "half": r"\d{4}-H[12]",
    "period_end": r"\d{4}-\d{2}-\d{2}",
    "period_start": r"\d{4}-\d{2}-\d{2}",
    "interval": r"[\d-]+/[\d-]+",
    "duration": r"P\d+[YMWD]",
}
CHINESE_DIGITS = {
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
    "百": 100,
    "千": 1000,
}
SCALES = {None: 1, "十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8, "万亿": 10**12}


@dataclass(frozen=True)
class Gold:
    """A gold file with the text of its page."""

    name: str
    data: dict
    text: str


def _load(path: Path) -> Gold:
    data = json.loads(path.read_text(encoding="utf-8"))
    text = (ROOT / data["page"]["source"]).read_text(encoding="utf-8")
    return Gold(path.parent.name, data, text)


GOLDS = [_load(path) for path in GOLD_PATHS]


def _golds():
    return [pytest.param(g, id=g.name) for g in GOLDS]


def _items(*tables: str):
    """(gold, item) pairs of the given tables of every gold file."""
    return [
        pytest.param(g, item, id=f"{g.name}-{table}-{_start(item)}")
        for g in GOLDS
        for table in tables
        for item in g.data[table]
    ]


def _start(item: dict) -> int:
    if "spans" in item:
        return item["spans"][0][0]
    return item["start"] if "start" in item else item["span"][0]


def _number(text: str) -> float | None:
    """A number written in digits or as one simple Chinese numeral (三, 百); else None."""
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(Decimal(text))
    if len(text) == 1 and text in CHINESE_DIGITS:
        return float(CHINESE_DIGITS[text])
    return None


def _containers(g: Gold) -> list[tuple[int, int]]:
    spans = [tuple(s) for a in g.data["articles"] for s in a["spans"]]
    return spans + [tuple(s["span"]) for s in g.data["sidebars"]]


def _sidebar_spans(g: Gold) -> list[tuple[int, int]]:
    return [tuple(s["span"]) for s in g.data["sidebars"]]


# ---------------------------------------------------------------- the page


def test_the_seed_page_has_a_gold_file():
    assert "seed" in {g.name for g in GOLDS}


@pytest.mark.parametrize("g", _golds())
def test_gold_names_the_page_by_its_sha256(g):
    assert g.data["page"]["sha256"] == hashlib.sha256(g.text.encode("utf-8")).hexdigest()


@pytest.mark.parametrize("g", _golds())
def test_gold_has_every_table_and_no_page_text(g):
    tables = {"articles", "sidebars", "figures", "dates", "entities", "quotes"}
    assert {"schema_version", "page", *tables} <= set(g.data)
    assert "text" not in g.data["page"]


# ---------------------------------------------------------------- spans and surfaces


@pytest.mark.parametrize(("g", "item"), _items(*POINT_TABLES))
def test_span_equals_surface(g, item):
    assert 0 <= item["start"] < item["end"] <= len(g.text)
    assert g.text[item["start"] : item["end"]] == item["surface"]


@pytest.mark.parametrize(("g", "item"), _items("quotes"))
def test_quote_span_equals_its_text(g, item):
    start, end = item["span"]
    assert 0 <= start < end <= len(g.text)
    assert g.text[start:end] == item["text"]


@pytest.mark.parametrize(("g", "item"), _items(*POINT_TABLES, "quotes"))
def test_item_lies_inside_one_article_or_sidebar(g, item):
    # A quote may cross a column break: both its ends lie in spans of one unit.
    start, end = item["span"] if "span" in item else (item["start"], item["end"])
    units = [a["spans"] for a in g.data["articles"]] + [[s["span"]] for s in g.data["sidebars"]]
    if "span" not in item:
        assert any(s <= start and end <= e for spans in units for s, e in spans)
        return
    assert any(
        any(s <= start < e for s, e in spans) and any(s < end <= e for s, e in spans)
        for spans in units
    )


@pytest.mark.parametrize("g", _golds())
@pytest.mark.parametrize("table", [*POINT_TABLES, "quotes"])
def test_items_do_not_duplicate(g, table):
    keys = [
        (tuple(i["span"]) if table == "quotes" else (i["start"], i["end"]), i.get("label"))
        for i in g.data[table]
    ]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize("g", _golds())
@pytest.mark.parametrize("table", [*POINT_TABLES, "quotes"])
def test_required_items_do_not_overlap(g, table):
    spans = sorted(
        tuple(i["span"]) if table == "quotes" else (i["start"], i["end"])
        for i in g.data[table]
        if not i.get("optional")
    )
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start


# ---------------------------------------------------------------- vocabularies


@pytest.mark.parametrize(("g", "item"), _items("entities"))
def test_entity_label_is_known_and_work_keeps_its_title_marks(g, item):
    assert item["label"] in LABELS
    if item["label"] == "WORK":
        assert item["surface"].startswith("《") and item["surface"].endswith("》")
    else:
        assert not re.search(r"[《》“”‘’\"]", item["surface"])
        assert item["surface"] == item["surface"].strip()


@pytest.mark.parametrize(("g", "item"), _items("dates"))
def test_date_normalized_matches_its_kind(g, item):
    if item["kind"] == "relative":
        assert item["normalized"] is None or re.fullmatch(r"\d{4}(-\d{2})?", item["normalized"])
    else:
        assert re.fullmatch(NORMALIZED[item["kind"]], item["normalized"])


@pytest.mark.parametrize(("g", "item"), _items("dates"))
def test_date_surface_leaves_out_jiezhi(g, item):
    assert not item["surface"].startswith("截至")


@pytest.mark.parametrize(("g", "item"), _items("figures"))
def test_figure_fields_are_from_the_vocabularies(g, item):
    assert item["bound"] in BOUNDS
    assert item["change"] in CHANGES
    assert item["number_text"] in item["surface"]
    assert item["qualifier"] is None or item["bound"] != "exact"


# ---------------------------------------------------------------- figure values


@pytest.mark.parametrize(("g", "item"), _items("figures"))
def test_figure_value_follows_number_text_and_scale(g, item):
    number = _number(item["number_text"])
    if number is None or item["value"] is None:
        pytest.skip("value not derivable from number_text")
    assert item["value"] == pytest.approx(number * SCALES[item["scale"]], rel=1e-9)


@pytest.mark.parametrize(("g", "item"), _items("figures"))
def test_range_has_low_and_high_and_no_value(g, item):
    is_range = item["low"] is not None or item["high"] is not None
    assert (item["value"] is None) == is_range
    if is_range:
        assert item["low"] <= item["high"]


@pytest.mark.parametrize(("g", "item"), _items("figures"))
def test_scale_and_unit_are_written_in_the_surface(g, item):
    assert item["scale"] is None or item["scale"] in item["surface"]
    assert item["unit"] is None or item["unit"] in item["surface"]


@pytest.mark.parametrize(("g", "item"), _items("figures"))
def test_figure_period_is_a_gold_date_surface(g, item):
    surfaces = {d["surface"] for d in g.data["dates"]}
    assert item["period"] is None or item["period"] in surfaces


@pytest.mark.parametrize(("g", "item"), _items("figures"))
def test_in_sidebar_agrees_with_the_sidebar_spans(g, item):
    inside = any(s <= item["start"] and item["end"] <= e for s, e in _sidebar_spans(g))
    assert item["in_sidebar"] == inside


# ---------------------------------------------------------------- articles and sidebars


@pytest.mark.parametrize(("g", "item"), _items("articles"))
def test_article_spans_are_ordered_and_trimmed(g, item):
    assert item["kind"] in KINDS
    spans = item["spans"]
    assert spans == sorted(spans)
    for start, end in spans:
        assert 0 <= start < end <= len(g.text)
        assert not g.text[start].isspace() and not g.text[end - 1].isspace()


@pytest.mark.parametrize(("g", "item"), _items("articles"))
def test_article_headline_and_byline_are_inside_its_spans(g, item):
    body = "".join(g.text[s:e] for s, e in item["spans"])
    for part in [item["headline"], item["kicker"], item["column"], *item["byline"]]:
        assert part is None or part in body


@pytest.mark.parametrize("g", _golds())
def test_no_two_spans_of_articles_or_sidebars_overlap(g):
    spans = sorted(_containers(g))
    for (_, end), (start, _) in pairwise(spans):
        assert end <= start


@pytest.mark.parametrize(("g", "item"), _items("sidebars"))
def test_sidebar_points_at_an_article_and_holds_its_title(g, item):
    start, end = item["span"]
    assert 0 <= start < end <= len(g.text)
    assert 0 <= item["article"] < len(g.data["articles"])
    assert item["title"] is None or item["title"] in g.text[start:end]


@pytest.mark.parametrize("g", _golds())
def test_every_non_blank_character_belongs_to_an_article_or_sidebar(g):
    covered = {k for s, e in _containers(g) for k in range(s, e)}
    stray = [k for k, ch in enumerate(g.text) if not ch.isspace() and k not in covered]
    assert stray == []


# ---------------------------------------------------------------- quotes


@pytest.mark.parametrize(("g", "item"), _items("quotes"))
def test_speaker_is_a_person_entity_or_a_phrase_of_the_page(g, item):
    persons = {e["surface"] for e in g.data["entities"] if e["label"] == "PER"}
    assert item["speaker"] in persons or item["speaker"] in g.text
    for key in ("role", "organization"):
        assert item[key] is None or item[key] in g.text
