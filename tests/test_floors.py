"""Regression floors: the pipeline's F1 on the seed page never drops below floors.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.document import TABLES
from pipeline.evaluate import Report, format_report, load_gold, score

SEED = Path(__file__).resolve().parent.parent / "corpora" / "seed"
FLOORS = json.loads((SEED / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report(seed_doc) -> Report:
    return score(seed_doc.to_dict(), load_gold(SEED / "gold.json"))


def test_floors_file_names_every_table_with_a_score():
    assert set(FLOORS["floors"]) == set(TABLES)
    assert all(0.0 <= floor <= 1.0 for floor in FLOORS["floors"].values())
    assert FLOORS["note"]


@pytest.mark.parametrize("table", TABLES)
def test_seed_page_f1_is_at_least_the_floor(report, table):
    assert report[table].f1 >= FLOORS["floors"][table], format_report(report, verbose=True)
