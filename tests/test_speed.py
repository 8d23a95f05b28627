"""The fast paths give what the slow ones gave: numpy CRF vs crfsuite, words vs spaCy's Doc,
``to_json`` vs ``asdict``; extraction stays off spaCy; stages stay linear in unit length."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import time

import pycrfsuite
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.util import get_words_and_spaces

from pipeline.entities import MODEL_DIR, MODEL_FILE, char_features, gazetteer_spans, text_words
from pipeline.entities.components import doc_words, tokenizer_nlp
from pipeline.entities.crf import _chunks, crf_tags
from pipeline.entities.crf_model import read_weights
from pipeline.entities.features import token_table
from pipeline.entities.gazetteer import scan
from pipeline.zh.words import words_and_spaces

MODEL = MODEL_DIR / MODEL_FILE

OWN_TEXT = (
    "南开大学金融学教授田利辉说，今年一季度浙江省杭州市新增企业三万家。\n"
    "本报记者 王晓峰  北京５月２０日电　招商银行杭州分行推出“兴农快贷”产品。\n\n"
    "国务院发展研究中心研究员李明华表示：“利率将保持稳定”！上海交通大学安泰经济与管理学院"
    "联合星河光电科技（苏州）有限公司在2025陆家嘴金融论坛上发布《报告》，ABC公司CEO约翰·史密斯出席"
)


def crfsuite_tags(text: str) -> list[str]:
    """crfsuite's own tags of ``text``, chunk by chunk, from the string features."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    words = text_words(text)
    names = gazetteer_spans(text, frozenset([*token_table(words)[0], len(text)]))
    feats = char_features(text, words, names)
    return [tag for s, e in _chunks(text) for tag in tagger.tag(feats[s:e])]


def numpy_tags(text: str) -> list[str]:
    words = text_words(text)
    names = gazetteer_spans(text, frozenset([*token_table(words)[0], len(text)]))
    return crf_tags(text, words, MODEL, names)


def test_numpy_crf_tags_equal_crfsuite_tags_on_own_text() -> None:
    tags = numpy_tags(OWN_TEXT)
    assert tags == crfsuite_tags(OWN_TEXT)
    assert {"B-PER", "B-ORG", "B-LOC"} <= set(tags)  # the text exercises every label


def test_numpy_crf_tags_equal_crfsuite_tags_on_one_long_chunk() -> None:
    text = OWN_TEXT.replace("。", "，").replace("\n", "，") * 5  # one chunk, hundreds of chars
    assert numpy_tags(text) == crfsuite_tags(text)


@settings(max_examples=40, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(list("王李张说银行分行大学省市“”，。 \n0１a记者　")), max_size=50
    )
)
def test_numpy_crf_tags_equal_crfsuite_tags_on_any_text(text: str) -> None:
    assert numpy_tags(text) == crfsuite_tags(text)


def test_model_weights_read_from_the_file_match_crfsuite_dump() -> None:
    weights = read_weights(MODEL)
    tagger = pycrfsuite.Tagger()
    tagger.open(str(MODEL))
    info = tagger.info()
    assert list(weights.labels) == tagger.labels()
    row = {a: i for i, a in enumerate(weights.attributes)}
    col = {lab: j for j, lab in enumerate(weights.labels)}
    for (attr, label), value in list(info.state_features.items())[::500]:
        assert weights.state[row[attr], col[label]] == pytest.approx(value, abs=1e-6)
    for (src, dst), value in info.transitions.items():
        assert weights.transition[col[src], col[dst]] == pytest.approx(value, abs=1e-6)
    assert not weights.state[weights.unknown].any()


spaced = st.text(alphabet=st.sampled_from(list("中文银行 \n\t　ab12，。")), max_size=40)


@settings(max_examples=100, deadline=None)
@given(spaced)
def test_text_words_are_the_words_of_spacy_doc(text: str) -> None:
    words = text_words(text)
    assert "".join(words) == text
    if text:
        from spacy.lang.zh import ChineseTokenizer  # spaCy's own jieba tokenizer as reference

        nlp = tokenizer_nlp()
        reference = ChineseTokenizer(nlp.vocab, segmenter="jieba")
        assert words == doc_words(reference(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["中文", " ", "  ", "\n", "a", "银行", "\u3000"]), max_size=20))
def test_words_and_spaces_equal_spacy_alignment(words: list[str]) -> None:
    text = "".join(words)
    assert words_and_spaces(words, text) == get_words_and_spaces(words, text)


def test_to_json_is_byte_identical_to_asdict_json(seed_doc) -> None:
    data = dataclasses.asdict(seed_doc)
    del data["page"]["ocr"], data["page"]["ocr_lines"]  # written for OCR pages only
    reference = {"schema_version": data.pop("schema_version"), **data}
    expected = json.dumps(json.loads(json.dumps(reference)), ensure_ascii=False)
    assert seed_doc.to_json() == expected
    assert seed_doc.entities and seed_doc.quotes  # items of every kind were compared


def test_extract_does_not_import_spacy() -> None:
    code = (
        "import sys, pipeline; pipeline.extract('南开大学教授田利辉说：“好。”');"
        "print('spacy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def _seconds_per_char(func, text: str) -> float:
    func(text)  # warm
    began = time.process_time()
    func(text)
    return (time.process_time() - began) / len(text)


@pytest.mark.parametrize("stage", ["entities", "quotes"])
def test_stage_time_grows_linearly_with_unit_length(stage: str, seed_text: str) -> None:
    from pipeline.entities import extract_entities
    from pipeline.quotes import extract_quotes

    funcs = {
        "entities": extract_entities,
        "quotes": lambda t: extract_quotes(t, extract_entities(t)),
    }
    small = seed_text[:5000]
    large = (seed_text * 12)[:60000]
    ratio = _seconds_per_char(funcs[stage], large) / _seconds_per_char(funcs[stage], small)
    assert ratio < 3  # twelve times the text: a quadratic stage would take ~12x per character


names = st.lists(st.sampled_from(["北京", "北京市", "财政部", "门", "和", "南开大学", "，", " "]))


@settings(max_examples=100, deadline=None)
@given(names)
def test_gazetteer_candidate_offsets_find_what_a_full_scan_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    boundaries = frozenset([*token_table(text_words(text))[0], len(text)])
    assert gazetteer_spans(text, boundaries) == scan(text, boundaries, range(len(text)))
