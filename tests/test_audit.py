"""The page audit on pages written for these tests: each finding, and none on a clean page."""

from __future__ import annotations

import pytest

import pipeline
from pipeline.claims.audit import audit_page

CLEAN = (
    "广东专精特新企业突破3200家\n\n"
    "本报广州10月18日电  （记者 王明）截至2025年9月末，广东省已培育专精特新企业3200家，"
    "其中国家级专精特新“小巨人”企业480家，其中今年新增120家。\n\n"
    "全省亩均收益由8.2元提高到11.5元，增长40.2%。"
    "全省户籍人口中，城镇人口占比为74%、农村人口占比为26%。"
    "第一、二、三产业占比分别为4%、40%、56%。\n\n"
    "截至2025年9月末\n\n"
    "已培育专精特新企业 3200家\n\n"
    "其中“小巨人”企业 480家\n\n"
    "另据统计，深圳市2025年新增注册商标12万件，较上年增长8.2%。\n"
)


def _findings(text):
    doc = pipeline.extract(text, source="audit-test.txt")
    return doc, audit_page(doc)


def test_a_clean_page_has_no_finding():
    assert _findings(CLEAN)[1] == []


@pytest.mark.parametrize(
    ("old", "new", "kind", "surfaces"),
    [
        ("企业 3200家", "企业 3500家", "sidebar_differs", ["3500家", "3200家"]),
        ("新增120家", "新增520家", "part_exceeds_whole", ["480家", "520家"]),
        ("增长40.2%", "增长10%", "growth_inconsistent", ["8.2元", "11.5元", "10%"]),
        ("占比为26%", "占比为46%", "shares_over_100", ["74%", "46%"]),
        ("56%", "66%", "shares_over_100", ["4%", "40%", "66%"]),
        ("城镇人口占比为74%", "城镇人口占比为174%", "share_over_100", ["174%"]),
    ],
)
def test_each_error_gives_its_finding_with_offsets(old, new, kind, surfaces):
    assert old in CLEAN
    doc, findings = _findings(CLEAN.replace(old, new))
    [finding] = [f for f in findings if f.kind == kind]
    assert finding.surfaces == surfaces
    assert [doc.page.text[s:e] for s, e in finding.spans] == surfaces
    assert finding.reason
    assert finding.to_dict()["spans"] == [list(s) for s in finding.spans]


def test_a_part_may_not_pass_a_whole_stated_as_a_lower_bound():
    text = "全省已走访企业超500万家，其中520万家获得授信。"
    assert _findings(text)[1] == []


def test_a_rate_within_the_rounding_of_its_levels_passes():
    text = "全省亩均收益由8.2元提高到11.5元，增长40%。"
    assert _findings(text)[1] == []


def test_a_part_belongs_to_the_whole_that_counts_the_same_thing():
    text = "全省核发绿色证书3.6亿个，涉及项目120万个，其中可交易证书2.2亿个。"
    assert _findings(text)[1] == []


def test_a_rate_of_something_else_after_two_levels_is_not_checked_against_them():
    text = "地区生产总值从2015年的80.5亿元增至2025年的160.2亿元，城镇居民收入增长150%。"
    assert _findings(text)[1] == []
