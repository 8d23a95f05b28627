"""benchmarks/diff_outputs.py: two runs' page documents compared item by item."""

from __future__ import annotations

import copy
import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def diff_outputs():
    path = ROOT / "benchmarks" / "diff_outputs.py"
    spec = importlib.util.spec_from_file_location("diff_outputs", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def docs(diff_outputs):
    """The project's pages as ``save`` writes them (no shared material needed)."""
    return diff_outputs.extract_all(ROOT, None)


def test_save_covers_every_project_page(docs):
    assert set(docs) == {str(p.relative_to(ROOT)) for p in ROOT.glob("corpora/*/*.txt")}
    assert all(doc["figures"] for doc in docs.values())


def test_saved_file_reads_back_equal(diff_outputs, docs, tmp_path):
    out = tmp_path / "pages.jsonl"
    diff_outputs.save(out, docs)
    assert diff_outputs.load(out) == docs
    assert diff_outputs.compare(docs, diff_outputs.load(out), show=0) == 0


def test_removed_added_and_changed_items_are_told_apart(diff_outputs, docs):
    key = sorted(docs)[0]
    after = copy.deepcopy(docs)
    dropped = after[key]["figures"].pop(0)
    after[key]["entities"][0]["label"] = "CHANGED"
    after[key]["dates"].append({"id": "date-new", "start": 0, "end": 1, "surface": "x"})
    assert diff_outputs.diff_table(docs[key], after[key], "figures").removed == [dropped]
    changed = diff_outputs.diff_table(docs[key], after[key], "entities").changed
    assert [new["label"] for _old, new in changed] == ["CHANGED"]
    assert len(diff_outputs.diff_table(docs[key], after[key], "dates").added) == 1
    assert diff_outputs.compare(docs, after, show=3) == 1


def test_a_page_that_fails_differs_from_one_that_works(diff_outputs, docs):
    key = sorted(docs)[0]
    after = {**docs, key: {"error": "ValueError('boom')"}}
    assert diff_outputs.compare(docs, after, show=0) == 1
