"""Quotes: direct and reported speech, speakers, roles and organizations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.entities import extract_entities
from pipeline.quotes import extract_quotes

SEED_DIR = Path(__file__).resolve().parent.parent / "corpora" / "seed"
SEED_TEXT = SEED_DIR / "000_caa4a03adb5becde.txt"
SEED_GOLD = SEED_DIR / "gold.json"


def quotes_of(text: str) -> list:
    return extract_quotes(text, extract_entities(text))


# --- own sentences -----------------------------------------------------------------------------

OWN_SPEAKERS = [
    # speaker before a direct quote, with organization and role
    ("复旦大学经济学院教授张伟民说：“消费正在回暖。”", "张伟民", "复旦大学经济学院", "教授"),
    # speaker after the quote
    ("“明年利率将保持稳定。”张伟民说。", "张伟民", None, None),
    # reported speech with a speaker phrase but no person
    (
        "招商银行杭州分行负责人介绍，该行将加大信贷投放。",
        "招商银行杭州分行负责人",
        "招商银行杭州分行",
        "负责人",
    ),
    # reported speech with a person
    ("研究员李明华表示，利率将保持稳定。", "李明华", None, "研究员"),
]


@pytest.mark.parametrize(("text", "speaker", "org", "role"), OWN_SPEAKERS)
def test_own_sentences_speaker_role_and_organization(
    text: str, speaker: str, org: str | None, role: str | None
) -> None:
    quotes = quotes_of(text)
    assert len(quotes) == 1
    q = quotes[0]
    assert (q.speaker, q.organization, q.role) == (speaker, org, role)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("复旦大学教授张伟民说：“消费正在回暖。”", "消费正在回暖。"),
        ("研究员李明华表示，利率将保持稳定。", "利率将保持稳定"),
    ],
)
def test_span_covers_the_words_said(text: str, said: str) -> None:
    (q,) = quotes_of(text)
    assert text[q.span[0] : q.span[1]] == q.text == said


def test_speaker_span_points_at_the_person() -> None:
    text = "复旦大学教授张伟民说：“消费正在回暖。”"
    (q,) = quotes_of(text)
    assert q.speaker_span is not None
    assert text[q.speaker_span[0] : q.speaker_span[1]] == "张伟民"


def test_pronoun_speaker_is_the_previous_speaker() -> None:
    text = "教授张伟民说：“消费正在回暖。”“明年会更好。”他说。"
    assert [q.speaker for q in quotes_of(text)] == ["张伟民", "张伟民"]


def test_pronoun_before_a_quote_is_the_previous_speaker() -> None:
    text = "研究员李明华表示，利率将保持稳定。他说：“物价也会平稳。”"
    assert [q.speaker for q in quotes_of(text)] == ["李明华", "李明华"]


def test_repeated_speaker_keeps_earlier_role() -> None:
    text = "研究员李明华表示，利率将保持稳定。李明华认为，物价也将平稳。"
    assert [(q.speaker, q.role) for q in quotes_of(text)] == [
        ("李明华", "研究员"),
        ("李明华", "研究员"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "金融“活水”加速流向小微企业。",  # scare quotes, nobody speaks
        "记者在采访中了解到，企业融资成本下降。",  # not a speech verb
        "数据显示，贷款余额增长9.9%。",  # a source, not a speaker
        "可以说，这一机制已经见效。",  # set phrase with 说
    ],
)
def test_no_quote_without_a_speaker(text: str) -> None:
    assert quotes_of(text) == []


# --- the seed page -----------------------------------------------------------------------------


@pytest.mark.skipif(not SEED_GOLD.is_file(), reason="seed gold not present")
def test_seed_page_every_gold_quote_found_with_its_speaker() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    got = quotes_of(text)
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["quotes"]
    missing = [
        (g["speaker"], g["span"])
        for g in gold
        if not any(
            q.speaker == g["speaker"] and q.span[0] < g["span"][1] and g["span"][0] < q.span[1]
            for q in got
        )
    ]
    assert missing == []
    assert len(got) <= len(gold) + 2


@pytest.mark.skipif(not SEED_TEXT.is_file(), reason="seed page not present")
def test_seed_page_professor_has_role_and_organization() -> None:
    text = SEED_TEXT.read_text(encoding="utf-8")
    tian = [q for q in quotes_of(text) if q.speaker == "田利辉"]
    assert tian and (tian[0].organization, tian[0].role) == ("南开大学", "金融学教授")


# --- contract ----------------------------------------------------------------------------------


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("王李说表示认为：，。“”‘’教授银行 \n")), max_size=60))
def test_never_raises_and_spans_are_valid(text: str) -> None:
    for q in quotes_of(text):
        assert text[q.span[0] : q.span[1]] == q.text
        assert q.id == "" and q.article is None and q.speaker_entity is None
        if q.speaker_span is not None:
            assert text[q.speaker_span[0] : q.speaker_span[1]] == q.speaker
