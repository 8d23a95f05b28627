"""Batched paths give what one text at a time gives: entities of many texts, CRF tags of many
texts, the gazetteer's lookups by length, a page's pieces in batches; jieba cuts a page once."""

from __future__ import annotations

import jieba
from hypothesis import given, settings
from hypothesis import strategies as st

import pipeline
from pipeline.entities import MODEL_DIR, MODEL_FILE, extract_entities, extract_entities_many
from pipeline.entities.crf import crf_tags, crf_tags_many
from pipeline.entities.features import token_table
from pipeline.entities.gazetteer import gazetteer_spans, scan
from pipeline.entities.lexicons import gazetteer_index, rule_lexicons
from pipeline.ingest.normalize import normalize
from pipeline.process import PIECE_CHARS, _batches, _pieces, _unit
from pipeline.zh.words import text_words

MODEL = MODEL_DIR / MODEL_FILE

TEXTS = [
    "南开大学金融学教授田利辉说，今年一季度浙江省杭州市新增企业三万家。",
    "",
    "   \n",
    "本报记者 王晓峰  北京５月２０日电　招商银行杭州分行推出“兴农快贷”产品。\n\n第二段。",
    "国务院发展研究中心研究员李明华表示：“利率将保持稳定”！上海交通大学安泰经济与管理学院",
    "单",
]


def test_entities_of_many_texts_equal_entities_of_each() -> None:
    assert extract_entities_many(TEXTS) == [extract_entities(t) for t in TEXTS]
    assert any(extract_entities_many(TEXTS))


def _inputs(text: str) -> tuple[str, list[str], list[tuple[int, int, str]]]:
    words = text_words(text)
    return text, words, gazetteer_spans(text, frozenset([*token_table(words)[0], len(text)]))


def test_crf_tags_of_many_texts_equal_tags_of_each() -> None:
    items = [_inputs(t) for t in TEXTS]
    together = crf_tags_many(items, MODEL)
    assert together == [crf_tags(*item[:2], MODEL, item[2]) for item in items]
    assert [len(tags) for tags in together] == [len(t) for t in TEXTS]


def _reference_scan(text: str, boundaries: frozenset[int]) -> list[tuple[int, int, str]]:
    """The name lists tried name by name, longest first, at every offset."""
    generic = frozenset(rule_lexicons()["generic_names"])
    spans: list[tuple[int, int, str]] = []
    i = 0
    while i < len(text):
        for name, label in gazetteer_index().get(text[i : i + 2], ()):
            end = i + len(name)
            if (
                text.startswith(name, i)
                and (len(name) > 2 or (i in boundaries and end in boundaries))
                and (end in boundaries or text[end - 1 : end + 1] not in generic)
            ):
                spans.append((i, end, label))
                i = end - 1
                break
        i += 1
    return spans


pieces = st.lists(
    st.sampled_from(["北京", "北京市", "中国人民银行", "中国", "部门", "和", "，", " "])
)


@settings(max_examples=100, deadline=None)
@given(pieces)
def test_gazetteer_lookup_by_length_finds_what_names_tried_one_by_one_find(parts) -> None:
    text = "".join(parts)
    boundaries = frozenset([*token_table(text_words(text))[0], len(text)])
    assert scan(text, boundaries, range(len(text))) == _reference_scan(text, boundaries)


def test_batches_hold_every_piece_once_in_order_and_stay_bounded() -> None:
    text = ("国家统计局发布数据。" * 900 + "\n\n") * 6
    view = normalize(text)
    units = [_unit(view, None, [(s, s + 9000)], False) for s in range(0, len(text) - 9000, 9000)]
    units.append(_unit(view, None, [(0, len(text))], False))  # longer than a piece: cut
    all_pieces = [p for u in units for p in _pieces(u)]
    batches = list(_batches(all_pieces))
    assert [p for b in batches for p in b] == all_pieces
    assert all(sum(len(p.map.text) for p in b) <= PIECE_CHARS for b in batches)
    assert len(batches) > 1


def test_jieba_cuts_each_character_of_a_page_at_most_once(monkeypatch, seed_text) -> None:
    cut: list[int] = []
    lcut = jieba.lcut

    def counting(text: str, *args, **kwargs):
        if kwargs.get("HMM", True):  # the page's words; HMM=False: a dictionary look at a break
            cut.append(len(text))
        return lcut(text, *args, **kwargs)

    monkeypatch.setattr(jieba, "lcut", counting)
    pipeline.extract(seed_text)
    assert 0 < sum(cut) <= len(seed_text)
