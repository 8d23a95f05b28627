"""Regression floors: the pipeline's F1 on the seed page never drops below floors.json."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from pipeline.document import TABLES
from pipeline.evaluate import Report, format_report, load_gold, score

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "corpora" / "seed"
FLOORS = json.loads((SEED / "floors.json").read_text(encoding="utf-8"))


@cache
def _report() -> Report:
    import pipeline

    try:
        extract = pipeline.extract
    except (AttributeError, ImportError) as err:
        pytest.skip(f"pipeline.extract is not importable yet: {err}")
    gold = load_gold(SEED / "gold.json")
    text = (ROOT / gold["page"]["source"]).read_text(encoding="utf-8")
    return score(extract(text).to_dict(), gold)


def test_floors_file_names_every_table_with_a_score():
    assert set(FLOORS["floors"]) == set(TABLES)
    assert all(0.0 <= floor <= 1.0 for floor in FLOORS["floors"].values())
    assert FLOORS["note"]


@pytest.mark.parametrize("table", TABLES)
def test_seed_page_f1_is_at_least_the_floor(table):
    report = _report()
    floor = FLOORS["floors"][table]
    assert report[table].f1 >= floor, format_report(report, verbose=True)
