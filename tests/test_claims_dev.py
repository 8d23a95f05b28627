"""The claim check on the shared development claim set (skipped when ../shared is absent)."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

import pipeline
from pipeline.claims import Index, check_claim

# Measured 2026-12-04 (README, "Checking claims"); a floor a little under, so that a change
# that loses claims fails here.
FLOORS = {
    "true": 0.94,
    "value": 0.94,
    "scale": 0.94,
    "period": 0.97,
    "subject": 0.97,
    "metric": 0.97,
}


@pytest.fixture(scope="module")
def scores(shared_dir):
    folder = shared_dir / "benchmarks" / "claims"
    docs, sources = [], {}
    for line in (folder / "claims_dev_pages.jsonl").open(encoding="utf-8"):
        page = json.loads(line)
        doc = pipeline.extract(page["text"], published=page["published"])
        sources[doc.page.id] = page["source"]
        docs.append(doc)
    index = Index(docs)
    hit, total = defaultdict(int), defaultdict(int)
    for line in (folder / "claims_dev.jsonl").open(encoding="utf-8"):
        claim = json.loads(line)
        verdicts = check_claim(claim["claim"], index)
        total[claim["kind"]] += 1
        hit[claim["kind"]] += _right(claim, verdicts[-1] if verdicts else None, sources)
    return {kind: hit[kind] / total[kind] for kind in total}


def _right(claim: dict, verdict, sources: dict) -> bool:
    """The scoring rule of the set's README: the last figure's verdict, on the gold figure."""
    if verdict is None:
        return claim["expect"] == "not_supported"
    if claim["expect"] == "not_supported":
        return verdict.verdict != "supported"
    found = verdict.evidence
    spans = claim.get("spans") or [[claim["start"], claim["end"]]]
    on_gold = (
        found is not None
        and sources.get(found.page_id) == claim["page"]
        and any(found.figure.start < e and s < found.figure.end for s, e in spans)
    )
    return verdict.verdict == claim["expect"] and on_gold


@pytest.mark.parametrize("kind", sorted(FLOORS))
def test_each_kind_of_claim_scores_at_least_its_floor(scores, kind):
    assert scores[kind] >= FLOORS[kind], scores
