"""Checking cited figures against pages written for these tests."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.claims import bigrams, check_claim

PAGE = (
    "本报记者 王明\n\n"
    "截至2025年9月末，广东省已培育专精特新企业3200家，带动就业45万人。"
    "全省规模以上工业增加值同比增长4.5%，高技术制造业投资超900亿元。\n\n"
    "另据统计，深圳市新增注册商标12万件。"
)


@pytest.fixture(scope="module")
def docs():
    return [pipeline.extract(PAGE, source="claims-test.txt")]


@pytest.mark.parametrize(
    ("claim", "verdict", "page_figure"),
    [
        ("广东已培育专精特新企业3200家", "supported", "3200家"),
        ("广东省培育的专精特新企业达3500家", "contradicted", "3200家"),
        ("广东带动就业50万人", "contradicted", "45万人"),
        ("深圳新增注册商标12万件", "supported", "12万件"),
        ("广东高技术制造业投资超900亿元", "supported", "超900亿元"),
        ("江苏全省新建5G基站8万个", "not_found", None),
    ],
)
def test_claims_get_their_verdict_and_the_page_figure(docs, claim, verdict, page_figure):
    [result] = check_claim(claim, docs)
    assert result.verdict == verdict
    if page_figure is not None:
        assert result.evidence.figure.surface == page_figure
        assert page_figure in result.evidence.sentence


def test_a_claim_without_a_figure_gets_no_verdict(docs):
    assert check_claim("广东省专精特新企业很多", docs) == []


def test_each_figure_of_a_claim_is_checked(docs):
    results = check_claim("广东培育专精特新企业3200家，带动就业45万人", docs)
    assert [r.verdict for r in results] == ["supported", "supported"]


def test_bigrams_ignore_punctuation_and_spaces():
    assert bigrams("增长，贷款 余额。") == frozenset({"增长", "贷款", "余额"})
