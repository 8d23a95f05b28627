"""Checking claims against a page written for these tests: each verdict and each equivalence."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.claims import Index, check_claim, check_claims
from pipeline.claims.match import closeness
from pipeline.claims.parse import bigrams, parse_claim

PAGE = (
    "广东专精特新企业突破3200家\n\n"
    "本报广州10月18日电  （记者 王明）截至2025年9月末，广东省已培育专精特新企业3200家，"
    "其中国家级专精特新“小巨人”企业480家。全省规模以上工业增加值同比增长4.5%，"
    "高技术制造业投资超900亿元。\n\n"
    "记者从省通信管理局获悉，全省累计建成5G基站约32.4万个。"
    "金融机构累放贷款6.5万亿元，惠及经营主体18万户。\n\n"
    "另据统计，深圳市2025年前三季度新增注册商标12万件，较上年同期增长8.2%。\n"
)


@pytest.fixture(scope="module")
def doc():
    return pipeline.extract(PAGE, source="claims-test.txt", published="2025-10-18")


def _one(claim, doc):
    [verdict] = check_claim(claim, [doc])
    return verdict


@pytest.mark.parametrize(
    "claim",
    [
        "截至2025年9月末，广东已培育专精特新企业3200家",  # 广东 = 广东省
        "广东省已培育专精特新企业三千二百家",
        "广东已培育专精特新企业3,200家",
        "广东已培育专精特新企业0.32万家",
        "广东累放贷款65000亿元",  # 6.5万亿元 = 65000亿元
        "广东高技术制造业投资900多亿元",  # 超900亿 and 900多亿: above the same number
        "广东累计建成5G基站32万个",  # 约32.4万 rounds to 32万 at the claim's precision
        "广东累计建成5G基站32.43万个",  # 约32.4万 covers it at its own precision
    ],
)
def test_equivalent_forms_are_supported_on_the_page_figure(doc, claim):
    verdict = _one(claim, doc)
    assert verdict.verdict == "supported", verdict.reason
    figure = verdict.evidence.figure
    assert doc.page.text[figure.start : figure.end] == figure.surface


@pytest.mark.parametrize(
    ("claim", "page_figure"),
    [
        ("广东已培育专精特新企业3500家", "3200家"),
        ("广东已培育专精特新企业3200万家", "3200家"),  # a 万/亿 slip
        ("广东高技术制造业投资1000亿元", "超900亿元"),  # a bound is not a point
        ("广东累计建成5G基站33万个", "约32.4万个"),
        ("深圳新增注册商标15万件", "12万件"),
    ],
)
def test_another_value_is_contradicted_citing_the_page_figure(doc, claim, page_figure):
    verdict = _one(claim, doc)
    assert verdict.verdict == "contradicted"
    assert verdict.evidence.figure.surface == page_figure
    assert page_figure in verdict.reason


def test_the_figure_of_the_claimed_metric_is_the_one_cited(doc):
    verdict = _one("广东培育的国家级专精特新“小巨人”企业3200家", doc)
    assert (verdict.verdict, verdict.evidence.figure.surface) == ("contradicted", "480家")


@pytest.mark.parametrize(
    ("claim", "field", "words"),
    [
        ("截至2024年9月末，广东已培育专精特新企业3200家", "period", "2025年9月末"),
        ("福建已培育专精特新企业3200家", "subject", "福建"),
        ("广东已培育瞪羚企业3200家", "metric", "瞪羚"),
        ("广东已培育专精特新企业3200户", "unit", "3200家"),
        ("广东规模以上工业增加值同比增长4.5个百分点", "unit", "4.5%"),
    ],
)
def test_a_differing_field_is_a_mismatch_that_says_which(doc, claim, field, words):
    verdict = _one(claim, doc)
    assert (verdict.verdict, verdict.field) == ("mismatch", field)
    assert words in verdict.reason


def test_percent_is_never_taken_for_percentage_points(doc):
    verdict = _one("广东规模以上工业增加值同比增长4.5个百分点", doc)
    assert verdict.evidence.figure.unit == "%"
    assert verdict.verdict != "supported"


def test_a_claim_about_nothing_on_the_page_is_not_found(doc):
    verdict = _one("江苏全省新建风电场15座", doc)
    assert verdict.verdict == "not_found"
    assert verdict.evidence is None


def test_each_figure_of_a_claim_gets_its_verdict(doc):
    claim = "广东已培育专精特新企业3200家，其中国家级专精特新“小巨人”企业500家"
    verdicts = check_claim(claim, [doc])
    assert [(v.surface, v.verdict) for v in verdicts] == [
        ("3200家", "supported"),
        ("500家", "contradicted"),
    ]
    assert [claim[v.start : v.end] for v in verdicts] == ["3200家", "500家"]


def test_evidence_names_page_article_sentence_and_deciding_words(doc):
    verdict = _one("截至2025年9月末，广东已培育专精特新企业3200家", doc)
    found = verdict.evidence
    assert found.page_id == doc.page.id
    assert found.headline == "广东专精特新企业突破3200家"
    assert doc.page.text[slice(*found.sentence_span)] == found.sentence
    decided = {doc.page.text[s:e] for s, e in found.decided}
    assert {"广东省", "2025年9月末", "培育专精特新企业"} <= decided
    data = verdict.to_dict()
    assert data["evidence"]["figure"]["surface"] == "3200家"
    assert data["evidence"]["page_id"] == doc.page.id


def test_a_relative_claim_date_is_read_as_of_the_page(doc):
    assert _one("今年前三季度，深圳新增注册商标12万件", doc).verdict == "supported"


def test_a_claim_without_a_figure_gets_no_verdict(doc):
    assert check_claim("广东专精特新企业很多", [doc]) == []


def test_many_claims_share_one_index_and_agree_with_single_checks(doc):
    claims = ["广东已培育专精特新企业3200家", "深圳新增注册商标15万件"]
    together = check_claims(claims, [doc])
    alone = [check_claim(c, Index([doc])) for c in claims]
    assert together == alone


def test_claim_words_leave_out_the_figure_the_date_and_the_place():
    [claimed] = parse_claim("截至2025年9月末，广东已培育专精特新企业3200家")
    assert [p.surface for p in claimed.places] == ["广东"]
    assert [d.surface for d in claimed.periods] == ["2025年9月末"]
    assert "培育专精特新企业" in claimed.words and "3200" not in claimed.words


def test_a_place_that_begins_an_organization_name_is_not_the_subject():
    [claimed] = parse_claim("浙江农商银行走访企业12万家")
    assert claimed.places == ()


def test_bigrams_ignore_punctuation_and_keep_one_character_words():
    assert bigrams("增长，贷款 镇") == frozenset({"增长", "贷款", "镇"})


def test_the_period_a_claim_names_draws_it_to_the_figure_that_period_governs():
    page = (
        "青川县林下经济产值为42亿元，带动农户增收。\n\n"
        "2020年，青川县林下经济产值为18亿元，当地发展食用菌和中药材种植。\n"
    )
    doc = pipeline.extract(page, source="period-test.txt", published="2026-03-02")
    index = Index([doc])
    [claimed] = parse_claim("2020年，青川县林下经济产值为42亿元")
    claimed = claimed.with_names(index.names, index.longest_name)
    near = {site.figure.surface: closeness(site, claimed) for site in index.candidates(claimed)}
    assert near["18亿元"] > near["42亿元"]
    assert _one("2020年，青川县林下经济产值为42亿元", doc).verdict == "contradicted"
