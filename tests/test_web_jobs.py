"""What the workers run: documents back from JSON, verdicts as JSON, uploads named."""

from __future__ import annotations

import json
from dataclasses import dataclass

from pipeline.document import PageDocument
from pipeline.web import jobs


def test_document_comes_back_from_its_json_unchanged(seed_doc):
    again = PageDocument.from_dict(json.loads(seed_doc.to_json()))
    assert again == seed_doc
    assert again.to_json() == seed_doc.to_json()


def test_verdict_uses_its_own_to_dict_when_it_has_one():
    @dataclass
    class Plain:
        verdict: str

    class Rich(Plain):
        def to_dict(self):
            return {"verdict": self.verdict, "field": "value"}

    assert jobs.verdict_to_dict(Plain("supported")) == {"verdict": "supported"}
    assert jobs.verdict_to_dict(Rich("mismatch")) == {"verdict": "mismatch", "field": "value"}


def test_claims_are_checked_against_the_document_json(seed_doc):
    verdicts = json.loads(jobs.check_claims(["浙江已走访企业596万家"], seed_doc.to_json()))
    [verdict] = verdicts
    figure = verdict["evidence"]["figure"]
    assert verdict["verdict"] == "supported"
    assert seed_doc.page.text[figure["start"] : figure["end"]] == "596万家"


def test_uploaded_text_is_named_after_the_upload(seed_text):
    [doc] = jobs.extract_upload(seed_text.encode("utf-16"), "dir/版面.TXT", "2026-05-20")
    page = json.loads(doc)["page"]
    assert page["source"] == "版面.TXT"
    assert page["text"] == seed_text
    assert page["published"] == "2026-05-20"
