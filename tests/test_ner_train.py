"""Training the NER model: completing partially annotated sentences, weighting sources."""

from __future__ import annotations

import json

import pycrfsuite

from pipeline.entities import bioes_spans
from pipeline.ner_train import complete_spans, completed_tags, gold_tags, record_features, train

PARAMS = {"c1": 0.0, "c2": 0.01, "max_iterations": 40, "feature.possible_transitions": True}


def test_completion_keeps_gold_and_adds_predictions_that_overlap_no_gold_span():
    gold = [(0, 4, "ORG"), (6, 9, "MISC")]
    predicted = [(0, 2, "LOC"), (6, 8, "PER"), (10, 12, "LOC"), (13, 15, "PER")]
    assert complete_spans(gold, predicted) == [(0, 4, "ORG"), (10, 12, "LOC"), (13, 15, "PER")]


def test_completion_takes_a_gold_place_as_the_places_the_model_splits_it_into():
    gold = [(0, 6, "LOC"), (8, 12, "LOC")]
    predicted = [(0, 3, "LOC"), (3, 6, "LOC"), (8, 10, "LOC")]
    assert complete_spans(gold, predicted) == [(0, 3, "LOC"), (3, 6, "LOC"), (8, 12, "LOC")]


def test_completion_never_writes_labels_the_model_does_not_learn():
    assert complete_spans([(0, 3, "TITLE")], [(5, 7, "WORK")]) == []


def _record(text: str, source: str, spans: list[tuple[str, str]]) -> dict:
    entities = []
    for name, label in spans:
        start = text.index(name)
        entities.append({"start": start, "end": start + len(name), "label": label})
    return {"text": text, "source": source, "entities": entities}


NEWS = [
    _record("记者王明在北京报道。", "msra_val", [("王明", "PER"), ("北京", "LOC")]),
    _record("记者李华在上海报道。", "pd98_dev", [("李华", "PER"), ("上海", "LOC")]),
    _record("记者张强在北京采访。", "pd98_test", [("张强", "PER"), ("北京", "LOC")]),
] * 4


def test_partial_sentences_get_the_news_models_places_before_training():
    # the partial source annotates the person only; the news model adds the place
    partial = _record("记者王明在上海采访。", "cluener_train", [("王明", "PER")])
    records = [*NEWS, partial]
    feats = [record_features(r) for r in records]
    tags = completed_tags(records, feats, PARAMS)
    assert tags[:-1] == [gold_tags(r) for r in NEWS]
    assert bioes_spans(tags[-1]) == [(2, 4, "PER"), (5, 7, "LOC")]


def test_training_on_all_sources_writes_a_model_and_its_settings(tmp_path):
    partial = _record("华远集团在上海发布年报。", "cluener_train", [("华远集团", "ORG")])
    data = tmp_path / "train.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in [*NEWS, partial] * 2]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    info = train(data, tmp_path / "model", max_iterations=40, msra_repeat=2, adapt=False)
    written = json.loads((tmp_path / "model" / "training.json").read_text(encoding="utf-8"))
    assert written["msra_repeat"] == 2 and written["source_copies"] is False
    assert written["sentences"] == info["sentences"] == 26
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "model" / "ner.crfsuite"))
    spans = bioes_spans(tagger.tag(record_features(partial)))
    assert (0, 4, "ORG") in spans


def test_source_copies_are_learnt_but_never_read_when_tagging(tmp_path):
    # the partial source alone calls 华远 an organization; with source copies the shared
    # weights need not learn it, so a plain tagger still finds the news names
    partial = _record("华远在上海发布年报。", "cluener_train", [("华远", "ORG")])
    data = tmp_path / "train.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in [*NEWS, partial] * 2]
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    train(data, tmp_path / "model", max_iterations=40)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(tmp_path / "model" / "ner.crfsuite"))
    attributes = {a for a, _ in tagger.info().state_features}
    assert any(a.startswith("cl:") for a in attributes)
    assert bioes_spans(tagger.tag(record_features(NEWS[0]))) == [(2, 4, "PER"), (5, 7, "LOC")]
