"""Short forms, abbreviations and demonstratives resolve to a full name (``Entity.canonical``);
common words that jieba tags as names are no persons. Sentences written for these tests."""

from __future__ import annotations

import json

import jsonschema
import pytest

import pipeline
from pipeline.document import json_schema
from pipeline.entities import extract_entities
from pipeline.entities.canonical import (
    abbreviated_mentions,
    canonical_names,
    demonstrative_mentions,
    is_abbreviation,
    short_forms,
)
from pipeline.entities.lexicons import rule_lexicons
from pipeline.zh.words import jieba_word_tags

COMPANY_TEXT = (
    "深圳星河光电科技有限公司（以下简称“星河光电”）昨日发布年报。"
    "星河光电去年营收增长两成，该公司计划扩产。"
)


def _triples(text: str) -> list[tuple[str, str, str | None]]:
    return [(e.surface, e.label, e.canonical) for e in extract_entities(text)]


def test_introduced_short_form_and_demonstrative_point_to_the_full_name():
    full = "深圳星河光电科技有限公司"
    assert _triples(COMPANY_TEXT) == [
        (full, "ORG", full),
        ("星河光电", "ORG", full),
        ("星河光电", "ORG", full),
        ("该公司", "ORG", full),
    ]


def test_every_entity_has_a_canonical_name_and_exact_offsets():
    text = COMPANY_TEXT + "记者王海燕在杭州报道。"
    entities = extract_entities(text)
    assert entities
    for e in entities:
        assert text[e.start : e.end] == e.surface
        assert e.canonical
    assert {e.surface: e.canonical for e in entities}["王海燕"] == "王海燕"


def test_short_forms_read_quoted_alternatives_and_bare_names():
    spans = [(0, 6, "ORG")]
    assert short_forms("华远重工集团（以下简称“华远”或“集团”）", spans) == [
        ("华远", 0),
        ("集团", 0),
    ]
    assert short_forms("华远重工集团（简称华远）", spans) == [("华远", 0)]
    assert short_forms("华远重工集团 （下称“华远”）", spans) == [("华远", 0)]


def test_short_form_needs_the_full_name_right_before_the_bracket():
    assert short_forms("华远重工集团今天（以下简称“今天”）", [(0, 6, "ORG")]) == []


def test_short_form_mentions_keep_to_word_boundaries():
    text = "华远重工集团（以下简称“华远”）称，华远营收增长，华远方向不变。"
    # word starts as if the last 华远 were inside a word 华远方 (no boundary after 远)
    boundaries = frozenset([0, 6, 7, 9, 11, 12, 14, 15, 16, 17, 18, 20, 22, 24, 25, 28, 29, 32])
    found = canonical_names(text, [(0, 6, "ORG")], boundaries)
    assert [(s, e) for s, e, _, _ in found] == [(0, 6), (12, 14), (18, 20)]
    assert {c for _, _, _, c in found} == {"华远重工集团"}


def test_abbreviation_takes_characters_in_order_from_the_front_half():
    assert is_abbreviation("北大", "北京大学")
    assert is_abbreviation("一汽", "中国第一汽车集团")
    assert not is_abbreviation("大学", "北京大学")  # its first character is in the back half
    assert not is_abbreviation("北京大", "北京大学")  # one character shorter is no short form
    assert not is_abbreviation("南大", "北京大学")


def test_unintroduced_abbreviation_links_to_the_one_earlier_full_name():
    text = "北京大学和清华大学发布报告。北大校长说，研究仍在进行。"
    canon = {
        s: c
        for s, _, _, c in canonical_names(
            text, _orgs(text, "北京大学", "清华大学", "北大"), frozenset()
        )
    }
    assert canon[text.index("北大")] == "北京大学"


def test_parent_organization_is_no_short_form_of_its_unit():
    text = "清华大学出版社出版新书，清华大学教授作序。"
    found = canonical_names(text, _orgs(text, "清华大学出版社", "清华大学"), frozenset())
    assert [c for _, _, _, c in found] == ["清华大学出版社", "清华大学"]


def test_listed_name_with_the_same_ending_is_its_own_name():
    text = "中国工商银行和中国银行发布年报。"
    found = canonical_names(text, _orgs(text, "中国工商银行", "中国银行"), frozenset())
    assert [c for _, _, _, c in found] == ["中国工商银行", "中国银行"]


def test_demonstrative_needs_one_full_name_of_its_kind():
    one = [(0, 6, "ORG", "华远重工公司")]
    assert [m.canonical for m in demonstrative_mentions("华远重工公司说，该公司", one)] == [
        "华远重工公司"
    ]
    two = [*one, (7, 13, "ORG", "长江电力公司")]
    assert demonstrative_mentions("华远重工公司与长江电力公司说，该公司", two) == []


def test_demonstrative_of_a_bank_follows_the_short_form_to_one_name():
    text = "招商银行深圳分行（简称“招行深圳分行”）表示，该行将加大投放。"
    assert _triples(text)[-1] == ("该行", "ORG", "招商银行深圳分行")


@pytest.mark.parametrize("word", ["金刚石", "哈达", "阳光"])
def test_common_word_tagged_as_a_name_is_no_person(word):
    text = f"他们带着{word}回到村里。"
    assert all(e.label != "PER" for e in extract_entities(text) if word in e.surface)


def test_common_nr_words_are_words_jieba_tags_as_names():
    tags = jieba_word_tags()
    words = rule_lexicons()["common_nr_words"]
    assert len(words) > 1000
    assert all(tags[w].startswith("nr") for w in words)


def test_person_cue_still_finds_a_name_that_is_also_a_common_word():
    # 高峰 is a common word (peak) and a given name; a role word next to it decides
    text = "记者高峰说，会议在北京举行。"
    assert ("高峰", "PER", "高峰") in _triples(text)


def test_canonical_is_in_the_schema_and_the_entities_table():
    doc = pipeline.extract(COMPANY_TEXT)
    jsonschema.Draft202012Validator(json_schema()).validate(json.loads(doc.to_json()))
    table = pipeline.to_frames([doc])["entities"]
    assert "星河光电" in set(table["surface"])
    assert set(table.loc[table["surface"] == "星河光电", "canonical"]) == {
        "深圳星河光电科技有限公司"
    }


def _orgs(text: str, *names: str) -> list[tuple[int, int, str]]:
    """ORG spans of the first occurrence of each name, in text order (distinct starts)."""
    spans, taken = [], set()
    for name in names:
        start = text.find(name)
        while start in taken:
            start = text.find(name, start + 1)
        taken.add(start)
        spans.append((start, start + len(name), "ORG"))
    return sorted(spans)


def test_dictionary_abbreviation_after_its_full_name_becomes_a_mention():
    text = "中国第一汽车集团今天发布新车，一汽的销量增长。"
    assert ("一汽", "ORG", "中国第一汽车集团") in _triples(text)


def test_dictionary_abbreviation_without_a_full_name_stays_unlinked():
    found = abbreviated_mentions("一汽的销量增长", [], frozenset([0, 2, 3, 5, 7]))
    assert found == []


def test_listed_short_name_links_to_an_unlisted_full_name():
    text = "中国第一汽车集团（以下简称一汽）发布新车，一汽集团的销量增长。"
    canon = {surface: c for surface, _, c in _triples(text)}
    assert canon["一汽集团"] == "中国第一汽车集团"


def test_canonical_name_on_a_traditional_page_is_in_the_page_script():
    text = "華遠重工集團（以下簡稱「華遠」）今日公布營收，華遠股價上漲。"
    doc = pipeline.extract(text)
    short = [e for e in doc.entities if e.surface == "華遠"]
    assert short
    assert {e.canonical for e in short} == {"華遠重工集團"}
    assert all(doc.page.text[e.start : e.end] == e.surface for e in doc.entities)
