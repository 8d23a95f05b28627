"""Entity extraction: spans, labels and the no-overlap contract."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.entities import (
    bioes_spans,
    build_nlp,
    extract_entities,
    normalize,
    resolve,
)
from pipeline.ner_train import bioes

SEED_DIR = Path(__file__).resolve().parent.parent / "corpora" / "seed"
SEED_TEXT = SEED_DIR / "000_caa4a03adb5becde.txt"
SEED_GOLD = SEED_DIR / "gold.json"


def found(text: str) -> set[tuple[str, str]]:
    return {(e.surface, e.label) for e in extract_entities(text)}


# --- own sentences -----------------------------------------------------------------------------

OWN_FOUND = [
    # branch of a bank: one organization, the longest span wins
    ("招商银行杭州分行近日推出新的信贷服务。", "招商银行杭州分行", "ORG"),
    ("复旦大学经济学院教授张伟民说，消费正在回暖。", "张伟民", "PER"),
    ("复旦大学经济学院教授张伟民说，消费正在回暖。", "复旦大学经济学院", "ORG"),
    # a name after a role at the start of a byline, printed with a space
    ("本报记者 王晓峰\n\n今年以来，外贸保持增长。", "王晓峰", "PER"),
    # titles keep their brackets
    (
        "财政部印发《关于进一步加强地方债务管理的意见》。",
        "《关于进一步加强地方债务管理的意见》",
        "WORK",
    ),
    # quoted product names lose their quotes
    ("该行推出“兴农快贷”产品，服务种植大户。", "兴农快贷", "PRODUCT"),
    # named events end in 论坛/博览会/峰会
    ("他在2025陆家嘴金融论坛上发言。", "2025陆家嘴金融论坛", "EVENT"),
    # adjacent divisions are one place
    ("在四川省成都市，一批新企业落地。", "四川省成都市", "LOC"),
    ("湖南省长沙市岳麓区的一家工厂正在扩建。", "湖南省长沙市岳麓区", "LOC"),
    ("国务院发展研究中心发布报告。", "国务院发展研究中心", "ORG"),
    ("清华大学和北京大学联合举办活动。", "北京大学", "ORG"),
    ("研究员李明华表示，利率将保持稳定。", "李明华", "PER"),
    # a unit keeps its parent organization's name
    ("南京大学商学院发布报告。", "南京大学商学院", "ORG"),
    ("中国银行研究院首席研究员指出，消费将回升。", "中国银行研究院", "ORG"),
    # a company with its seat in brackets is one organization
    ("星河光电科技（苏州）有限公司今年扩产。", "星河光电科技（苏州）有限公司", "ORG"),
    ("本次由明德精密制造（江苏）股份有限公司承办。", "明德精密制造（江苏）股份有限公司", "ORG"),
    # a role that repeats the organization's last character stays outside it
    ("山东省财政厅厅长刘建国介绍了预算安排。", "山东省财政厅", "ORG"),
    # a form of address and a photo credit stay outside the person's name
    ("负责人孙先生告诉记者，订单已排到年底。", "孙", "PER"),
    ("清晨的江边。周明远摄\n", "周明远", "PER"),
    # an event's ordinal and a place joined by a dash are part of its name
    ("第三届中国—东盟博览会在南宁开幕。", "第三届中国—东盟博览会", "EVENT"),
    ("在第五届中国国际消费品博览会上，展品琳琅满目。", "第五届中国国际消费品博览会", "EVENT"),
]


@pytest.mark.parametrize(("text", "surface", "label"), OWN_FOUND)
def test_own_sentences_find_entity(text: str, surface: str, label: str) -> None:
    assert (surface, label) in found(text)


OWN_NOT_FOUND = [
    # generic words are not names
    ("银行要加大对小微企业的支持力度。", "银行"),
    ("各金融机构积极落实政策。", "金融机构"),
    ("小微企业融资难的问题有所缓解。", "小微"),
    ("普惠型贷款余额继续增长。", "普惠型"),
    # scare quotes around an ordinary phrase are not a product
    ("打通服务的“最后一公里”。", "最后一公里"),
    ("推动“硬科技”与“高风险”项目对接。", "高风险"),
    # a verb between a place and a suffix word breaks the name
    ("今年一季度深圳新增上市公司12家。", "深圳新增上市公司"),
    ("该公司与南开大学和清华大学开展合作。", "南开大学和清华大学"),
    # a predicate verb between a place and an organization suffix ends the name
    ("去年，滨江区成立数字服务中心，集中办理业务。", "滨江区成立数字服务中心"),
    # a ministry's name at the start of 部门 is not the ministry
    ("各地财政部门要加强预算管理。", "财政部"),
    ("上市公司数量继续增加。", "上市公司"),
    # a division's short form that is an ordinary word is not a place
    ("老人每天上街散步。", "上街"),
    # a surname before 氏 names a clan, not a person
    ("村里的陈氏宗祠已有三百年历史。", "陈"),
    # banks counted by 家 are a plural phrase, not a name
    ("全省共有12家农村商业银行完成改制。", "农村商业银行"),
]


def test_person_keeps_no_glued_character_when_named_elsewhere() -> None:
    text = "宇航员林海涛说，训练很辛苦。林海涛共执行了两次任务。"
    assert {s for s, label in found(text) if label == "PER"} == {"林海涛"}


@pytest.mark.parametrize(("text", "surface"), OWN_NOT_FOUND)
def test_own_sentences_generic_words_are_not_entities(text: str, surface: str) -> None:
    assert surface not in {s for s, _ in found(text)}


def test_person_with_role_excludes_the_role() -> None:
    surfaces = {s for s, label in found("副总经理陈佳怡说，新产品很受欢迎。") if label == "PER"}
    assert surfaces == {"陈佳怡"}


def test_editor_line_names_are_persons() -> None:
    people = {s for s, label in found("本版编辑 刘思远 胡 静\n") if label == "PER"}
    assert people == {"刘思远", "胡 静"}


# --- invented places and organizations (names no list or dictionary knows) --------------------

INVENTED_FOUND = [
    # a city name ending in a division suffix is a place, never a person
    ("1—6月，桐川市社会消费品零售总额增长5.1%。", "桐川市", "LOC"),
    # a preposition jieba glued onto the name stays outside it
    ("记者从溪屏县获悉，当地新建冷库12座。", "溪屏县", "LOC"),
    ("已在鹤岭县8个乡镇推开。", "鹤岭县", "LOC"),
    # a two-character division suffix is one place with its name
    ("在榆坪新区，一批项目集中开工。", "榆坪新区", "LOC"),
    # adjacent divisions join
    ("记者来到云岫省桐川市，看到工地繁忙。", "云岫省桐川市", "LOC"),
    # a place + a department is one organization
    ("我们和鹤岭县农业农村局签了协议。", "鹤岭县农业农村局", "ORG"),
    ("记者从云岫省发展改革委获悉，投资增长。", "云岫省发展改革委", "ORG"),
    ("桐川市商务局局长说，外贸稳中有进。", "桐川市商务局", "ORG"),
    # a coined trade name + an organization suffix is one organization
    ("苍梧重工集团今年新签订单增长三成。", "苍梧重工集团", "ORG"),
    # the short form of a division named in the same text is a place
    ("桐川市发布数据。从桐川的情况看，消费回暖。", "桐川", "LOC"),
    # a person after a glued preposition keeps only the name
    ("在王明远的带领下，团队完成了任务。", "王明远", "PER"),
]


@pytest.mark.parametrize(("text", "surface", "label"), INVENTED_FOUND)
def test_invented_names_find_entity(text: str, surface: str, label: str) -> None:
    assert (surface, label) in found(text)


INVENTED_NOT_FOUND = [
    # a city name is no person, and the preposition is no part of a name
    ("1—6月，桐川市社会消费品零售总额增长5.1%。", "桐川市", "PER"),
    ("目前，从桐川的情况看，消费回暖明显。", "从桐川", "PER"),
    # a generic noun is no organization
    ("企业用好海外仓，拓展新市场。", "海外仓", "ORG"),
    # counts and ordinary words before a suffix make no place
    ("全市外贸进出口增长6%。", "全市", "LOC"),
    ("沿河六县的领导参加了会议。", "沿河六县", "LOC"),
    ("巴西第二大城市的一幢大楼起火。", "大城市", "LOC"),
]


@pytest.mark.parametrize(("text", "surface", "label"), INVENTED_NOT_FOUND)
def test_invented_names_not_mislabeled(text: str, surface: str, label: str) -> None:
    assert (surface, label) not in found(text)


def test_invented_division_name_is_one_span() -> None:
    spans = {s for s, _ in found("在榆坪新区，一批项目集中开工。")}
    assert "榆坪" not in spans and "新区" not in spans


# --- the seed page -----------------------------------------------------------------------------

needs_seed = pytest.mark.skipif(not SEED_TEXT.is_file(), reason="seed page not present")

SEED_EXPECTED = [
    ("渤海银行成都分行", "ORG"),
    ("国家金融监督管理总局浙江监管局", "ORG"),
    ("国家金融监督管理总局江苏监管局", "ORG"),
    ("南开大学", "ORG"),
    ("田利辉", "PER"),
    ("《通知》", "WORK"),
    ("渤银科创e贷", "PRODUCT"),
    ("2026清华五道口全球金融论坛", "EVENT"),
    ("江西省南昌市", "LOC"),
    ("尚 咲", "PER"),
]


@pytest.fixture(scope="module")
def seed_entities() -> list:
    return extract_entities(SEED_TEXT.read_text(encoding="utf-8"))


@needs_seed
@pytest.mark.parametrize(("surface", "label"), SEED_EXPECTED)
def test_seed_page_entity(seed_entities: list, surface: str, label: str) -> None:
    assert (surface, label) in {(e.surface, e.label) for e in seed_entities}


@needs_seed
@pytest.mark.parametrize("word", ["小微", "普惠型", "金融机构", "该行"])
def test_seed_page_generic_words_are_not_entities(seed_entities: list, word: str) -> None:
    assert word not in {e.surface for e in seed_entities}


@needs_seed
def test_seed_page_no_place_inside_bank_branch(seed_entities: list) -> None:
    assert ("成都", "LOC") not in {(e.surface, e.label) for e in seed_entities}


@needs_seed
@pytest.mark.skipif(not SEED_GOLD.is_file(), reason="seed gold not present")
def test_seed_page_f1_against_gold(seed_entities: list) -> None:
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["entities"]
    want = {(g["start"], g["end"], g["label"]) for g in gold}
    got = {(e.start, e.end, e.label) for e in seed_entities}
    tp = len(want & got)
    f1 = 2 * tp / (len(want) + len(got))
    assert f1 >= 0.90


# --- contract: offsets, order, no overlaps -----------------------------------------------------


def check_contract(text: str) -> None:
    ents = extract_entities(text)
    assert ents == sorted(ents, key=lambda e: (e.start, e.end))
    for e in ents:
        assert text[e.start : e.end] == e.surface
        assert e.label in {"PER", "ORG", "LOC", "WORK", "PRODUCT", "EVENT"}
        assert e.id == "" and e.article is None
    for a, b in pairwise(ents):
        assert a.end <= b.start


@pytest.mark.parametrize(
    "text",
    ["", " ", "\n\n", "《", "“”", "《》", "说：“", "１９９８年ＡＢＣ", "王", "本版编辑 "],
)
def test_edge_inputs_keep_the_contract(text: str) -> None:
    check_contract(text)


chinese = st.text(
    alphabet=st.sampled_from(list("王李张说表示银行分行大学《》“”，。 \n0１a江苏省市论坛贷记者")),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(chinese)
def test_never_raises_and_spans_are_valid(text: str) -> None:
    check_contract(text)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=40))
def test_any_unicode_keeps_the_contract(text: str) -> None:
    check_contract(text)


# --- building blocks ---------------------------------------------------------------------------


def test_pipeline_components_are_registered_by_name() -> None:
    assert build_nlp().pipe_names == ["baokan_ner_model", "baokan_gazetteer", "baokan_rules"]


def test_pipeline_is_built_once() -> None:
    assert build_nlp() is build_nlp()


@pytest.mark.parametrize(
    ("spans", "length"),
    [([(0, 1, "PER")], 3), ([(0, 3, "LOC"), (4, 6, "ORG")], 7), ([], 2)],
)
def test_bioes_round_trip(spans: list, length: int) -> None:
    assert bioes_spans(bioes(length, spans)) == spans


def test_resolve_prefers_longest_span() -> None:
    text = "渤海银行成都分行"
    assert resolve(text, [(0, 4, "ORG", 2), (0, 8, "ORG", 1), (4, 6, "LOC", 3)]) == [(0, 8, "ORG")]


def test_normalize_keeps_length() -> None:
    assert len(normalize("ＡＢ１２　")) == 5


def test_spacy_pipeline_finds_the_same_entities_as_extract_entities() -> None:
    text = "南开大学教授田利辉说，浙江省新增企业三万家。\n本报记者 王晓峰  报道“兴农快贷”。"
    doc = build_nlp()(text)
    spans = resolve(text, doc._.baokan.spans)
    assert [(e.start, e.end, e.label) for e in extract_entities(text)] == spans
    assert spans  # the text has entities: the comparison is not between two empty lists
