"""The extra CRF features (per-character lookups) and training a model that uses them."""

from __future__ import annotations

import json

import pycrfsuite

from pipeline.entities import bioes_spans, doc_words, tokenizer_nlp
from pipeline.entities.model_features import extra_features
from pipeline.ner_train import sentence_items, train


def test_extra_features_give_one_row_per_character_with_spaces_and_latin():
    text = "华远集团 CEO 王明说：ABC有限公司"
    words = doc_words(tokenizer_nlp()(text))
    rows = extra_features(text, words)
    assert len(rows) == len(text)
    assert all(row[0] == "c3=" + ("^" + text + "$")[i : i + 3] for i, row in enumerate(rows))


def test_extra_features_mark_suffix_ends_surnames_and_speech_verbs():
    text = "王明说华远集团"
    rows = extra_features(text, ["王明", "说", "华远", "集团"])
    assert "sc" in rows[0] and "sc" not in rows[2]
    assert "nv" in rows[1] and "nv" not in rows[0]
    assert "oe" in rows[6] and "oe" not in rows[5]


def _record(text: str, name: str, label: str) -> dict:
    start = text.index(name)
    entity = {"start": start, "end": start + len(name), "label": label}
    return {"text": text, "source": "msra_val", "entities": [entity]}


def test_training_with_extra_features_records_them_and_learns_the_names(tmp_path):
    records = [
        _record("记者王明报道。", "王明", "PER"),
        _record("华远集团发布年报。", "华远集团", "ORG"),
        _record("记者李华报道。", "李华", "PER"),
    ] * 3
    data = tmp_path / "train.jsonl"
    data.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records))
    info = train(data, tmp_path / "model", extra=True, max_iterations=30)
    written = json.loads((tmp_path / "model" / "training.json").read_text())
    assert info["extra_features"] is True and written["extra_features"] is True
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "model" / "ner.crfsuite"))
    feats, _ = sentence_items(records[1], extra=True)
    assert bioes_spans(tagger.tag(feats)) == [(0, 4, "ORG")]
