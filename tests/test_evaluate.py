"""The scorer on small synthetic pages, and on the seed gold file scored against itself."""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path

import pytest

from pipeline.document import TABLES
from pipeline.evaluate import Report, agrees, format_report, load_gold, score

ROOT = Path(__file__).resolve().parent.parent
SEED_GOLD = ROOT / "corpora" / "seed" / "gold.json"

# A synthetic page: one article, one sidebar inside it.
TEXT = (
    "浙江贷款余额\n\n2026年4月末，浙江贷款余额11.5万亿元，同比增长9.9%。"
    "田利辉说：“要加大支持。”\n\n余额 11.5万亿元\n\n本版编辑 于泳"
)


def _at(surface: str, nth: int = 1) -> tuple[int, int]:
    start = -1
    for _ in range(nth):
        start = TEXT.index(surface, start + 1)
    return start, start + len(surface)


def _figure(surface: str, value: float, unit: str, nth: int = 1, **extra) -> dict:
    start, end = _at(surface, nth)
    item = {
        "start": start,
        "end": end,
        "surface": surface,
        "value": value,
        "unit": unit,
        "low": None,
        "high": None,
        "metric": "贷款余额",
        "subject": "浙江",
        "period": "2026年4月末",
        "in_sidebar": False,
    }
    item.update(extra)
    return item


def _date(surface: str, normalized: str | None, **extra) -> dict:
    start, end = _at(surface)
    return {
        "start": start,
        "end": end,
        "surface": surface,
        "kind": "period_end",
        "normalized": normalized,
        **extra,
    }


def _entity(surface: str, label: str, nth: int = 1, **extra) -> dict:
    start, end = _at(surface, nth)
    return {"start": start, "end": end, "surface": surface, "label": label, **extra}


def _quote(words: str, speaker: str | None) -> dict:
    start, end = _at(words)
    return {"span": [start, end], "text": words, "speaker": speaker}


SIDEBAR = [TEXT.index("余额 11.5"), TEXT.index("万亿元\n\n本版") + 3]
BODY = [0, TEXT.index("”") + 1]
EDITOR = [TEXT.index("本版"), len(TEXT)]


def _gold() -> dict:
    return {
        "schema_version": "1",
        "page": {"source": "synthetic", "sha256": hashlib.sha256(TEXT.encode()).hexdigest()},
        "articles": [
            {"kind": "news", "headline": "浙江贷款余额", "spans": [BODY]},
            {"kind": "furniture", "headline": None, "spans": [EDITOR]},
        ],
        "sidebars": [{"span": SIDEBAR, "title": None, "article": 0}],
        "figures": [
            _figure("11.5万亿元", 1.15e13, "元"),
            _figure("9.9%", 9.9, "%", change="increase"),
            _figure("11.5万亿元", 1.15e13, "元", nth=2, in_sidebar=True),
        ],
        "dates": [_date("2026年4月末", "2026-04-30")],
        "entities": [
            _entity("浙江", "LOC", nth=2),
            _entity("田利辉", "PER"),
            _entity("于泳", "PER"),
        ],
        "quotes": [_quote("要加大支持。", "田利辉")],
    }


def _doc(gold: dict) -> dict:
    """A perfect prediction: the gold items, without the optional flag, plus the page text."""
    doc = copy.deepcopy(gold)
    doc["page"]["text"] = TEXT
    for table in TABLES:
        for item in doc[table]:
            item.pop("optional", None)
    return doc


def _scores(doc: dict, gold: dict) -> dict[str, tuple[int, int, int]]:
    report = score(doc, gold)
    return {name: (t.tp, t.fp, t.fn) for name, t in report.tables.items()}


# ---------------------------------------------------------------- perfect and broken documents


def test_perfect_document_scores_one_everywhere():
    report = score(_doc(_gold()), _gold())
    assert {name: t.f1 for name, t in report.tables.items()} == dict.fromkeys(TABLES, 1.0)
    assert report.figure_agreement == dict.fromkeys(
        ("metric", "subject", "period", "in_sidebar"), 1.0
    )
    assert report.article_mean_jaccard == 1.0


@pytest.mark.parametrize(
    ("table", "index", "change"),
    [
        pytest.param("figures", 0, {"value": 1.16e13}, id="figure-wrong-value"),
        pytest.param("figures", 1, {"unit": "个百分点"}, id="figure-wrong-unit"),
        pytest.param("figures", 0, {"start": 0, "end": 2}, id="figure-disjoint-span"),
        pytest.param("dates", 0, {"normalized": "2026-04"}, id="date-wrong-normalized"),
        pytest.param("entities", 1, {"end": TEXT.index("田利辉") + 2}, id="entity-short-span"),
        pytest.param("entities", 1, {"label": "ORG"}, id="entity-wrong-label"),
        pytest.param("quotes", 0, {"speaker": "于泳"}, id="quote-wrong-speaker"),
        pytest.param("articles", 1, {"kind": "advertisement"}, id="article-wrong-kind"),
        pytest.param("articles", 0, {"spans": [[0, 20]]}, id="article-low-jaccard"),
        pytest.param("sidebars", 0, {"span": [SIDEBAR[0], SIDEBAR[0] + 4]}, id="sidebar-cut"),
    ],
)
def test_a_wrong_item_is_one_miss_and_one_extra(table, index, change):
    gold = _gold()
    doc = _doc(gold)
    doc[table][index].update(change)
    report = score(doc, gold)
    assert (report[table].tp, report[table].fp, report[table].fn) == (len(gold[table]) - 1, 1, 1)
    assert report[table].misses == [gold[table][index]]
    assert report[table].extras == [doc[table][index]]


@pytest.mark.parametrize(
    ("table", "index", "change"),
    [
        pytest.param("figures", 0, {"value": 1.15e13 * (1 + 1e-9)}, id="figure-value-tolerance"),
        pytest.param("figures", 0, {"start": TEXT.index("11.5万亿元") + 4}, id="figure-overlap"),
        pytest.param("dates", 0, {"start": TEXT.index("2026年4月末") + 5}, id="date-overlap"),
        pytest.param("quotes", 0, {"speaker": "南开大学教授田利辉"}, id="quote-speaker-phrase"),
        pytest.param("quotes", 0, {"span": [BODY[0] + 40, BODY[1]]}, id="quote-wider-span"),
        pytest.param("articles", 0, {"spans": [[BODY[0], BODY[1] - 1]]}, id="article-jaccard"),
        pytest.param("sidebars", 0, {"span": [SIDEBAR[0] - 2, SIDEBAR[1]]}, id="sidebar-blank"),
    ],
)
def test_a_close_enough_item_still_matches(table, index, change):
    gold = _gold()
    doc = _doc(gold)
    doc[table][index].update(change)
    assert score(doc, gold)[table].f1 == 1.0


def test_figure_attributes_are_compared_on_matched_figures_only():
    gold = _gold()
    doc = _doc(gold)
    doc["figures"][0].update(metric="民营企业贷款余额", subject="江苏")
    doc["figures"][2]["in_sidebar"] = False
    doc["figures"][1]["value"] = 1.0  # unmatched: not counted in the shares
    report = score(doc, gold)
    assert report.figure_matched == 2
    assert report.figure_agreement == {
        "metric": 1.0,
        "subject": 0.5,
        "period": 1.0,
        "in_sidebar": 0.5,
    }


# ---------------------------------------------------------------- optional gold items


@pytest.mark.parametrize("table", ["figures", "dates", "entities", "quotes"])
def test_predicting_an_optional_item_is_neutral(table):
    gold = _gold()
    gold[table][0]["optional"] = True
    report = score(_doc(gold), gold)
    assert (report[table].tp, report[table].fp, report[table].fn) == (len(gold[table]) - 1, 0, 0)
    assert report[table].neutral == 1


@pytest.mark.parametrize("table", ["figures", "dates", "entities", "quotes"])
def test_missing_an_optional_item_is_not_a_miss(table):
    gold = _gold()
    gold[table][0]["optional"] = True
    doc = _doc(gold)
    del doc[table][0]
    report = score(doc, gold)
    assert (report[table].fp, report[table].fn) == (0, 0)
    assert report[table].f1 == 1.0


def test_a_prediction_prefers_a_required_item_to_an_optional_one():
    gold = _gold()
    optional = _entity("田利", "PER", optional=True)
    gold["entities"].append(optional)
    doc = _doc(gold)
    doc["entities"] = [e for e in doc["entities"] if e["surface"] != "田利"]
    assert _scores(doc, gold)["entities"] == (3, 0, 0)


# ---------------------------------------------------------------- one-to-one matching


def test_two_predictions_of_one_gold_item_count_once():
    gold = _gold()
    doc = _doc(gold)
    doc["dates"].append(dict(doc["dates"][0], start=doc["dates"][0]["start"] + 1))
    assert _scores(doc, gold)["dates"] == (1, 1, 0)


def test_one_prediction_spanning_two_gold_items_matches_one():
    gold = _gold()
    gold["dates"].append(_date("4月末", "2026-04-30"))
    gold["dates"][0].update(start=gold["dates"][0]["start"], end=_at("4月末")[0])
    doc = _doc(gold)
    doc["dates"] = [_date("2026年4月末", "2026-04-30")]
    assert _scores(doc, gold)["dates"] == (1, 0, 1)


def test_matching_finds_the_assignment_that_matches_most():
    # p1 overlaps both gold figures, p2 only the first: both must be matched.
    gold = _gold()
    gold["figures"] = [_figure("11.5", 11.5, "元"), _figure("万亿元", 11.5, "元")]
    doc = _doc(gold)
    wide = _figure("11.5万亿元", 11.5, "元")
    narrow = _figure("11.5", 11.5, "元")
    doc["figures"] = [wide, narrow]
    assert _scores(doc, gold)["figures"] == (2, 0, 0)


# ---------------------------------------------------------------- page identity and I/O


def test_a_document_of_another_page_is_refused():
    gold = _gold()
    doc = _doc(gold)
    doc["page"]["sha256"] = "0" * 64
    with pytest.raises(ValueError, match="sha256"):
        score(doc, gold)


def test_load_gold_refuses_a_file_without_page_hash(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"page": {}, **{name: [] for name in TABLES}}), encoding="utf-8")
    with pytest.raises(ValueError, match="sha256"):
        load_gold(path)


def test_seed_gold_scored_against_itself_is_perfect():
    gold = load_gold(SEED_GOLD)
    doc = copy.deepcopy(gold)
    doc["page"]["text"] = (ROOT / gold["page"]["source"]).read_text(encoding="utf-8")
    report = score(doc, gold)
    assert all(t.f1 == 1.0 and t.fp == 0 for t in report.tables.values())


# ---------------------------------------------------------------- the printed report


def test_report_table_lists_every_table_and_verbose_lists_misses():
    gold = _gold()
    doc = _doc(gold)
    doc["figures"][0]["value"] = 1.0
    report = score(doc, gold)
    plain = format_report(report)
    verbose = format_report(report, verbose=True)
    assert all(name in plain for name in TABLES)
    assert "miss" not in plain
    assert "miss  figures" in verbose and "extra figures" in verbose


def test_report_to_dict_is_json_ready():
    report = score(_doc(_gold()), _gold())
    assert isinstance(report, Report)
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["tables"]["figures"]["f1"] == 1.0


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("普惠型小微企业贷款余额", "贷款余额", True),
        ("“江苏”", "江苏", True),
        ("浙江", "江苏", False),
        (None, None, True),
        ("浙江", None, False),
    ],
)
def test_attribute_agreement_is_normalized_containment(a, b, expected):
    assert agrees(a, b) is expected
