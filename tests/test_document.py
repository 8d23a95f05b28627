"""The page document contract: schema, offsets, stable ids, determinism, encodings."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import pipeline
from pipeline.document import TABLES, json_schema

OFFSET_TABLES = ("figures", "dates", "entities")


def _validate(doc) -> None:
    jsonschema.Draft202012Validator(json_schema()).validate(json.loads(doc.to_json()))


def test_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(json_schema())


def test_seed_document_validates_against_the_schema(seed_doc):
    _validate(seed_doc)


@pytest.mark.parametrize("table", OFFSET_TABLES)
def test_every_surface_is_its_page_slice(seed_doc, table):
    text = seed_doc.page.text
    for item in getattr(seed_doc, table):
        assert text[item.start : item.end] == item.surface, item


def test_every_span_lies_inside_the_page(seed_doc):
    n = len(seed_doc.page.text)
    spans = [s for a in seed_doc.articles for s in a.spans]
    spans += [s.span for s in seed_doc.sidebars]
    spans += [f.sentence for f in seed_doc.figures]
    spans += [q.span for q in seed_doc.quotes]
    spans += [q.speaker_span for q in seed_doc.quotes if q.speaker_span]
    assert spans, "the seed page yields spans"
    for start, end in spans:
        assert 0 <= start <= end <= n


def test_article_text_is_stitched_from_its_spans(seed_doc):
    text = seed_doc.page.text
    for article in seed_doc.articles:
        assert article.text == "".join(text[s:e] for s, e in article.spans)


def test_quote_text_is_read_from_its_span(seed_doc):
    text = seed_doc.page.text
    for quote in seed_doc.quotes:
        page_slice = "".join(text[slice(*quote.span)].split())
        assert "".join(quote.text.split()) in page_slice


def test_items_point_at_existing_articles(seed_doc):
    ids = {a.id for a in seed_doc.articles}
    for table in ("sidebars", *OFFSET_TABLES, "quotes"):
        for item in getattr(seed_doc, table):
            assert item.article in ids


def test_ids_are_unique_within_the_document(seed_doc):
    ids = [item.id for table in TABLES for item in getattr(seed_doc, table)]
    assert len(ids) == len(set(ids))


def test_same_input_gives_byte_identical_json(seed_text, seed_doc):
    again = pipeline.extract(seed_text, source=seed_doc.page.source)
    assert again.to_json() == seed_doc.to_json()


@pytest.mark.parametrize("encoding", ["gb18030", "utf-8-sig"])
def test_other_encodings_give_the_same_document(tmp_path, seed_path, seed_doc, encoding):
    copy = tmp_path / f"seed-{encoding}.txt"
    copy.write_bytes(seed_path.read_text(encoding="utf-8").encode(encoding))
    [doc] = pipeline.extract_file(copy)
    original = seed_doc.to_dict()
    converted = doc.to_dict()
    for data in (original, converted):
        del data["page"]["source"]
    assert converted == original


def test_published_date_is_carried_into_the_page(seed_text):
    doc = pipeline.extract(seed_text[:300], published="2026-05-20")
    assert doc.page.published == "2026-05-20"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(
            list("本报记者彭江说：“国家统计局2026年4月末增长9.9%超1900亿元。”\n ##《》银行")
        ),
        max_size=300,
    )
)
def test_any_text_gives_a_valid_document(text):
    doc = pipeline.extract(text)
    _validate(doc)
    for table in OFFSET_TABLES:
        for item in getattr(doc, table):
            assert text[item.start : item.end] == item.surface


def test_output_does_not_depend_on_the_process_hash_seed(seed_path):
    """Separate processes with different string hashing give the same bytes."""
    outputs = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        command = [sys.executable, "-m", "pipeline.cli", "extract", str(seed_path)]
        run = subprocess.run(command, env=env, capture_output=True, check=True)
        outputs.add(run.stdout)
    assert len(outputs) == 1
