"""Regression floors: the pipeline's F1 on each gold page never drops below its floors.json."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

import pipeline
from pipeline.document import TABLES
from pipeline.evaluate import Report, format_report, load_gold, score

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = sorted(p.parent for p in (ROOT / "corpora").glob("*/floors.json"))


def _floors(folder: Path) -> dict:
    return json.loads((folder / "floors.json").read_text(encoding="utf-8"))


@cache
def _report(folder: Path) -> Report:
    gold = load_gold(folder / "gold.json")
    page = ROOT / gold["page"]["source"]
    doc = pipeline.extract(page.read_text(encoding="utf-8"), published=gold["page"]["published"])
    return score(doc.to_dict(), gold)


def test_the_seed_page_has_floors():
    assert ROOT / "corpora" / "seed" in FOLDERS


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda f: f.name)
def test_floors_file_names_every_table_with_a_score(folder):
    floors = _floors(folder)
    assert set(floors["floors"]) == set(TABLES)
    assert all(0.0 <= floor <= 1.0 for floor in floors["floors"].values())
    assert floors["note"]


@pytest.mark.parametrize(
    ("folder", "table"),
    [(folder, table) for folder in FOLDERS for table in TABLES],
    ids=lambda v: v.name if isinstance(v, Path) else v,
)
def test_page_f1_is_at_least_the_floor(folder, table):
    report = _report(folder)
    assert report[table].f1 >= _floors(folder)["floors"][table], format_report(report, verbose=True)
