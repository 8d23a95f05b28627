"""Quotes: direct and reported speech, speakers, roles and organizations.

Cases are our own sentences, grouped by the form of attribution they exercise.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import Entity, Quote
from pipeline.entities import extract_entities
from pipeline.quotes import extract_quotes, quote_marks

SEED_DIR = Path(__file__).resolve().parent.parent / "corpora" / "seed"
SEED_TEXT = SEED_DIR / "000_caa4a03adb5becde.txt"
SEED_GOLD = SEED_DIR / "gold.json"


def quotes_of(text: str) -> list[Quote]:
    return extract_quotes(text, extract_entities(text))


def said(text: str) -> list[tuple[str | None, str]]:
    """(speaker, words) of every quote in ``text``."""
    return [(q.speaker, q.text) for q in quotes_of(text)]


# --- direct quotes with a speech verb before or after -----------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "复旦大学经济学院教授张伟民说：“消费正在回暖。”",
            [("张伟民", "消费正在回暖。")],
            id="verb-before-colon",
        ),
        pytest.param(
            "研究员李明华表示，“物价将保持平稳。”",
            [("李明华", "物价将保持平稳。")],
            id="verb-before-comma",
        ),
        pytest.param(
            "“明年利率将保持稳定。”张伟民说。",
            [("张伟民", "明年利率将保持稳定。")],
            id="verb-after",
        ),
        pytest.param(
            "“企业融资成本明显下降。”中国人民大学教授王建国说。",
            [("王建国", "企业融资成本明显下降。")],
            id="verb-after-with-role",
        ),
        pytest.param(
            "“企业融资成本明显下降。”通过调研，王建国认为，小微企业贷款更容易了。",
            [("王建国", "企业融资成本明显下降。"), ("王建国", "小微企业贷款更容易了")],
            id="verb-after-lead-clause-then-reported",
        ),
        pytest.param(
            "教授张伟民来到现场。“消费正在回暖，”他说，“明年会更好。”",
            [("张伟民", "消费正在回暖，"), ("张伟民", "明年会更好。")],
            id="split-by-pronoun-verb",
        ),
    ],
)
def test_direct_quote_with_a_speech_verb(text: str, expected: list) -> None:
    assert said(text) == expected


@pytest.mark.parametrize(
    ("text", "speaker", "role", "org"),
    [
        ("复旦大学经济学院教授张伟民说：“消费正在回暖。”", "张伟民", "教授", "复旦大学经济学院"),
        ("“企业融资成本明显下降。”中国人民大学教授王建国说。", "王建国", "教授", "中国人民大学"),
        ("研究员李明华表示，“物价将保持平稳。”", "李明华", "研究员", None),
        (
            "招商银行杭州分行负责人介绍，该行将加大信贷投放。",
            "招商银行杭州分行负责人",
            "负责人",
            "招商银行杭州分行",
        ),
        ("“今年收入翻了一番。”村民李秀英说。", "李秀英", "村民", None),
    ],
)
def test_speaker_role_and_organization(
    text: str, speaker: str, role: str | None, org: str | None
) -> None:
    (q,) = quotes_of(text)
    assert (q.speaker, q.role, q.organization) == (speaker, role, org)


def test_speaker_span_points_at_the_person() -> None:
    text = "复旦大学教授张伟民说：“消费正在回暖。”"
    (q,) = quotes_of(text)
    assert q.speaker_span is not None
    assert text[q.speaker_span[0] : q.speaker_span[1]] == "张伟民"


def test_person_quoted_again_keeps_the_title_given_when_introduced() -> None:
    text = "复旦大学教授张伟民来到现场。“消费正在回暖。”张伟民说。"
    (q,) = quotes_of(text)
    assert (q.speaker, q.role, q.organization) == ("张伟民", "教授", "复旦大学")


# --- reported speech ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "words"),
    [
        pytest.param(
            "据招商银行杭州分行行长刘志强介绍，该行将加大信贷投放。",
            "刘志强",
            "该行将加大信贷投放",
            id="ju-X-jieshao",
        ),
        pytest.param(
            "刘志强介绍说，该行将加大信贷投放。",
            "刘志强",
            "该行将加大信贷投放",
            id="X-jieshao-shuo",
        ),
        pytest.param(
            "刘志强告诉记者，该行将加大信贷投放。",
            "刘志强",
            "该行将加大信贷投放",
            id="X-gaosu-jizhe",
        ),
        pytest.param(
            "在复旦大学教授张伟民看来，消费将继续回暖。",
            "张伟民",
            "消费将继续回暖",
            id="zai-X-kanlai",
        ),
        pytest.param("张伟民指出，消费将继续回暖。", "张伟民", "消费将继续回暖", id="zhichu"),
        pytest.param("张伟民强调，要稳住就业。", "张伟民", "要稳住就业", id="qiangdiao"),
        pytest.param(
            "张伟民透露，新产品将于下月上市。", "张伟民", "新产品将于下月上市", id="toulu"
        ),
        pytest.param("张伟民坦言，转型并不容易。", "张伟民", "转型并不容易", id="tanyan"),
    ],
)
def test_reported_speech_forms(text: str, speaker: str, words: str) -> None:
    assert said(text) == [(speaker, words)]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param(
            "王建国表示，“十五五”时期是关键时期，要稳住就业。",
            "“十五五”时期是关键时期，要稳住就业",
            id="term-in-quotes-opens-the-clause",
        ),
        pytest.param(
            "刘志强介绍，该行贷款增长较快，“明年还要再增加两成。”\n\n下一段。",
            "该行贷款增长较快，“明年还要再增加两成。”",
            id="clause-ends-after-a-quoted-sentence",
        ),
    ],
)
def test_reported_speech_span(text: str, words: str) -> None:
    assert [q.text for q in quotes_of(text)] == [words]


# --- speaker named by the clause around the quote -----------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("村民李秀英拿出账本，“今年收入翻了一番。”", id="subject-before-comma"),
        pytest.param("村民李秀英想了想：“明年还种玉米吗？”", id="subject-before-colon"),
        pytest.param("“今年收入翻了一番。”村民李秀英笑得合不拢嘴。", id="subject-after"),
        pytest.param(
            "“今年收入翻了一番。”走进院子，村民李秀英笑得合不拢嘴。", id="subject-after-lead"
        ),
    ],
)
def test_clause_subject_is_the_speaker(text: str) -> None:
    assert [q.speaker for q in quotes_of(text)] == ["李秀英"]


def test_quote_after_a_colon_is_not_given_to_a_verb_after_it() -> None:
    text = "教授张伟民来到车间，他感叹：“一年只做成一台。”李明华说，要慢慢来。"
    assert said(text)[0] == ("张伟民", "一年只做成一台。")


# --- pronouns -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        pytest.param(
            "教授张伟民说：“消费正在回暖。”“明年会更好。”他说。",
            ["张伟民", "张伟民"],
            id="after-quote",
        ),
        pytest.param(
            "研究员李明华表示，利率将保持稳定。他说：“物价也会平稳。”",
            ["李明华", "李明华"],
            id="before-quote",
        ),
        pytest.param(
            "王建国对李明华一行表示欢迎。他指出，双方合作前景广阔。",
            ["王建国"],
            id="subject-not-object",
        ),
        pytest.param(
            "记者见到了村民李秀英，她想了想：“今年的苹果卖得好。”",
            ["李秀英"],
            id="same-sentence",
        ),
    ],
)
def test_pronoun_speaker_is_the_person_it_stands_for(text: str, speakers: list[str]) -> None:
    assert [q.speaker for q in quotes_of(text)] == speakers


# --- quotes over several paragraphs, neighbours and continuations -------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        pytest.param(
            "教授张伟民说：“消费正在回暖。\n\n“明年还会更好。\n\n“后年更好。”",
            "消费正在回暖。\n\n“明年还会更好。\n\n“后年更好。",
            id="speaker-before",
        ),
        pytest.param(
            "“消费正在回暖。\n\n“明年还会更好。”教授张伟民说。",
            "消费正在回暖。\n\n“明年还会更好。",
            id="speaker-after",
        ),
    ],
)
def test_multi_paragraph_quote_is_one_quote(text: str, words: str) -> None:
    assert said(text) == [("张伟民", words)]


def test_quote_marks_join_paragraphs_of_one_quote() -> None:
    text = "他说：“第一段。\n\n“第二段。”另有“术语”。"
    assert [text[s:e] for s, e in quote_marks(text)] == ["第一段。\n\n“第二段。", "术语"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("张伟民说：“消费正在回暖。”“明年会更好。”", id="neighbour"),
        pytest.param("张伟民说，消费正在回暖。“明年还会更好。”", id="continuation"),
    ],
)
def test_following_quote_keeps_the_speaker(text: str) -> None:
    assert [q.speaker for q in quotes_of(text)] == ["张伟民", "张伟民"]


# --- headlines and interviews ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "## 张伟民：消费回暖势头明显\n\n本报记者 李明",
            [("张伟民", "消费回暖势头明显")],
            id="headline-name-colon",
        ),
        pytest.param(
            "——访复旦大学教授张伟民\n\n问：消费会回暖吗？\n\n答：消费正在回暖。\n\n问：利率呢？"
            "\n\n答：利率将保持稳定。",
            [("张伟民", "消费正在回暖。"), ("张伟民", "利率将保持稳定。")],
            id="interview-fang",
        ),
        pytest.param(
            "围绕这些问题，记者采访了国家统计局相关负责人。\n\n问：消费会回暖吗？\n\n答：消费正在回暖。",
            [("国家统计局相关负责人", "消费正在回暖。")],
            id="interview-caifang",
        ),
    ],
)
def test_headline_and_interview_lines(text: str, expected: list) -> None:
    assert said(text) == expected


# --- not quotes ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("金融“活水”加速流向小微企业。", id="scare-quotes"),
        pytest.param("“一带一路”倡议提出以来，合作成果丰硕。", id="name-in-quotes"),
        pytest.param("记者了解到，该项目将于年底完工。", id="reporter-found"),
        pytest.param("据了解，该项目将于年底完工。", id="ju-liaojie"),
        pytest.param("数据显示，贷款余额增长9.9%。", id="data-shows"),
        pytest.param("报告指出，消费将继续回暖。", id="report-says"),
        pytest.param("该集团在官网发布公告称，年度分红方案已获通过。", id="announcement-says"),
        pytest.param("张伟民对各方的支持表示感谢。", id="biaoshi-ganxie"),
        pytest.param("该镇以竹编著称，产品远销海外。", id="zhucheng"),
        pytest.param("对企业来说，融资成本下降了。", id="laishuo"),
        pytest.param("可以说，这一机制已经见效。", id="keyishuo"),
        pytest.param("她一边解释，一边演示操作。", id="yibian"),
    ],
)
def test_no_quote_without_a_speaker(text: str) -> None:
    assert quotes_of(text) == []


def test_term_in_quotes_before_a_speaker_is_not_speech() -> None:
    text = "“星光”工程负责人表示，工程将于年底完工。"
    assert [q.text for q in quotes_of(text)] == ["工程将于年底完工"]


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
@given(
    st.text(
        alphabet=st.sampled_from(list("王李他说表示认为：，。“”‘’教授银行答问 \n#")), max_size=60
    )
)
def test_never_raises_and_spans_are_valid(text: str) -> None:
    for q in quotes_of(text):
        assert text[q.span[0] : q.span[1]] == q.text
        assert q.span[0] < q.span[1]
        assert q.id == "" and q.article is None and q.speaker_entity is None
        if q.speaker_span is not None:
            assert text[q.speaker_span[0] : q.speaker_span[1]] == q.speaker


# --- who the speaker is: names, titles, organizations ----------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "role", "org"),
    [
        pytest.param(
            "本报北京3月2日电（记者赵欣然）外交部发言人刘志强2日表示，中方愿意加强合作。",
            "刘志强",
            "发言人",
            "外交部",
            id="byline-in-parentheses-is-not-the-speaker",
        ),
        pytest.param(
            "新西兰总理彼得·安德森出席会议。\n\n安德森表示，两国合作潜力巨大。",
            "安德森",
            "新西兰总理",
            None,
            id="short-form-of-a-named-person",
        ),
        pytest.param(
            "“消费正在回暖。”老人笑着说。",
            "老人",
            None,
            None,
            id="noun-for-a-person",
        ),
        pytest.param(
            "说起这次获奖，张伟民的妻子很骄傲：“他付出了很多。”",
            "张伟民的妻子",
            None,
            None,
            id="relative-of-a-person",
        ),
    ],
)
def test_speaker_phrase_forms(text: str, speaker: str, role: str | None, org: str | None) -> None:
    (q,) = quotes_of(text)
    assert (q.speaker, q.role, q.organization) == (speaker, role, org)


def test_title_swallowed_by_the_name_entity_is_given_back() -> None:
    text = "“要守住安全底线。”星河证券前首席信息官王建国表示。"
    k = text.index("官王建国")
    swallowed = Entity("", None, k, k + 4, "官王建国", "PER")
    (q,) = extract_quotes(text, [swallowed])
    assert q.speaker == "王建国"
    assert q.role is not None and q.role.endswith("前首席信息官")


def test_title_head_swallowed_by_the_organization_entity_is_given_back() -> None:
    text = "江西省统计局综合处处长李明华介绍，数据将于月底发布。"
    org_end, k = text.index("长李明华"), text.index("李明华")
    entities = [
        Entity("", None, 0, org_end, text[:org_end], "ORG"),
        Entity("", None, k, k + 3, "李明华", "PER"),
    ]
    (q,) = extract_quotes(text, entities)
    assert (q.organization, q.role) == ("江西省统计局综合处", "处长")


def test_organization_written_into_the_title_is_split_off() -> None:
    text = "星河科技有限公司董事长王建国说，企业要加快转型。"
    k = text.index("王建国")
    (q,) = extract_quotes(text, [Entity("", None, k, k + 3, "王建国", "PER")])
    assert (q.organization, q.role) == ("星河科技有限公司", "董事长")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("古人张伟民著《农书》载，“春耕宜早，秋收宜迟”。", id="work-cited"),
        pytest.param("对于传闻中的“已经量产”，张伟民表示：“据我所知，还在试产。”", id="rumour"),
    ],
)
def test_quoted_words_that_are_not_the_speakers(text: str) -> None:
    assert all(q.text not in ("春耕宜早，秋收宜迟", "已经量产") for q in quotes_of(text))


@pytest.mark.parametrize(
    "text",
    [
        "□ 本报记者 林晓舟\n\n村里的养殖户正忙着出栏。“今年的行情比去年好。”他说。",
        "通讯员 韦青禾\n\n渔港里一片忙碌。“这一网收成不错。”她说。",
    ],
)
def test_a_pronoun_never_stands_for_the_reporter_of_the_byline(text):
    reporter = text.split("\n")[0].split()[-1]
    start = text.index(reporter)
    entities = [Entity("", None, start, start + len(reporter), reporter, "PER")]
    assert all(q.speaker != reporter for q in extract_quotes(text, entities))
