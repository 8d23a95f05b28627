"""Dates, periods, relative expressions and durations (pipeline.dates).

Cases are written for these tests (news-style phrasings), grouped by the form they check.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.dates import extract_dates, find_published

PUB = datetime.date(2026, 5, 20)
SEED = Path(__file__).resolve().parent.parent / "corpora" / "seed"


def found(text: str, **kwargs: object) -> list[tuple[str, str, str | None]]:
    return [(m.surface, m.kind, m.normalized) for m in extract_dates(text, **kwargs)]


def only(text: str, **kwargs: object) -> tuple[str, str, str | None]:
    mentions = found(text, **kwargs)
    assert len(mentions) == 1, mentions
    return mentions[0]


# ---------------------------------------------------------------- each form


@pytest.mark.parametrize(
    ("text", "surface", "kind", "normalized"),
    [
        # days
        ("会议于2026年5月20日召开。", "2026年5月20日", "date", "2026-05-20"),
        ("会议于2026-05-20召开。", "2026-05-20", "date", "2026-05-20"),
        ("会议于2026/5/8召开。", "2026/5/8", "date", "2026-05-08"),
        ("会议于二〇二六年五月二十日召开。", "二〇二六年五月二十日", "date", "2026-05-20"),
        ("会议于２０２６年５月２０日召开。", "２０２６年５月２０日", "date", "2026-05-20"),
        ("会议于2026年5月8号召开。", "2026年5月8号", "date", "2026-05-08"),
        # months and years
        ("2026年5月，新规发布。", "2026年5月", "month", "2026-05"),
        ("2026年5月份，新规发布。", "2026年5月份", "month", "2026-05"),
        ("2024年，机制建立。", "2024年", "year", "2024"),
        ("2025年度报告显示增长。", "2025年度", "year", "2025"),
        # quarters
        ("2026年一季度，贷款增长。", "2026年一季度", "quarter", "2026-Q1"),
        ("2026年第一季度，贷款增长。", "2026年第一季度", "quarter", "2026-Q1"),
        ("2026年Q3，贷款增长。", "2026年Q3", "quarter", "2026-Q3"),
        ("2026Q2，贷款增长。", "2026Q2", "quarter", "2026-Q2"),
        ("2026年4季度，贷款增长。", "2026年4季度", "quarter", "2026-Q4"),
        # halves
        ("2026年上半年，贷款增长。", "2026年上半年", "half", "2026-H1"),
        ("2025年下半年，贷款增长。", "2025年下半年", "half", "2025-H2"),
        # period ends and starts
        ("截至2026年4月末，余额增长。", "2026年4月末", "period_end", "2026-04-30"),
        ("截至2026年4月底，余额增长。", "2026年4月底", "period_end", "2026-04-30"),
        ("截至2026年一季度末，余额增长。", "2026年一季度末", "period_end", "2026-03-31"),
        ("截至2025年三季度末，余额增长。", "2025年三季度末", "period_end", "2025-09-30"),
        ("截至2025年末，余额增长。", "2025年末", "period_end", "2025-12-31"),
        ("截至2025年年底，余额增长。", "2025年年底", "period_end", "2025-12-31"),
        ("截至2025年上半年末，余额增长。", "2025年上半年末", "period_end", "2025-06-30"),
        ("2026年初，新规实施。", "2026年初", "period_start", "2026-01-01"),
        ("2026年3月初，新规实施。", "2026年3月初", "period_start", "2026-03-01"),
        ("2026年二季度初，新规实施。", "2026年二季度初", "period_start", "2026-04-01"),
        ("2026年5月中旬，新规实施。", "2026年5月中旬", "interval", "2026-05-11/2026-05-20"),
        ("2026年4月下旬，新规实施。", "2026年4月下旬", "interval", "2026-04-21/2026-04-30"),
    ],
)
def test_each_form_is_found_and_normalized(
    text: str, surface: str, kind: str, normalized: str
) -> None:
    assert only(text) == (surface, kind, normalized)


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("2026年1—4月，贷款增长。", "2026年1—4月", "2026-01/2026-04"),
        ("2026年1-4月份，贷款增长。", "2026年1-4月份", "2026-01/2026-04"),
        ("2026年1至4月，贷款增长。", "2026年1至4月", "2026-01/2026-04"),
        ("2024年至2026年，贷款增长。", "2024年至2026年", "2024/2026"),
        ("2021—2025年，贷款增长。", "2021—2025年", "2021/2025"),
        ("2026年前三季度，贷款增长。", "2026年前三季度", "2026-Q1/2026-Q3"),
        ("2026年前4个月，贷款增长。", "2026年前4个月", "2026-01/2026-04"),
        ("2025年1月至2026年3月，贷款增长。", "2025年1月至2026年3月", "2025-01/2026-03"),
        ("2026年5月20日至22日，会议召开。", "2026年5月20日至22日", "2026-05-20/2026-05-22"),
        ("2025年11月到2026年2月，贷款增长。", "2025年11月到2026年2月", "2025-11/2026-02"),
        ("20世纪80年代，工厂建成。", "20世纪80年代", "1980/1989"),
    ],
)
def test_spans_are_intervals(text: str, surface: str, normalized: str) -> None:
    assert only(text) == (surface, "interval", normalized)


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("银行要在1个月内作出决定。", "1个月内", "P1M"),
        ("需要6个月以上的岗前培训。", "6个月以上", "P6M"),
        ("这项工作持续三年。", "三年", "P3Y"),
        ("这项工作持续半年。", "半年", "P6M"),
        ("这项工作持续一年半。", "一年半", "P18M"),
        ("这项工作持续10天。", "10天", "P10D"),
        ("这项工作持续两周。", "两周", "P2W"),
        ("这项工作持续3个多月。", "3个多月", "P3M"),
        ("须在5个工作日内办结。", "5个工作日内", "P5D"),
        ("须在30日内办结。", "30日内", "P30D"),
        ("会议开了2小时。", "2小时", "PT2H"),
        ("这项工作持续10余年。", "10余年", "P10Y"),
        ("须在兩個月內办结。", "兩個月內", "P2M"),
    ],
)
def test_durations_keep_their_bound_in_the_surface(
    text: str, surface: str, normalized: str
) -> None:
    assert only(text) == (surface, "duration", normalized)


# ---------------------------------------------------------------- leap years and month ends


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("2024年2月末", "2024-02-29"),
        ("2026年2月末", "2026-02-28"),
        ("2000年2月末", "2000-02-29"),
        ("2100年2月末", "2100-02-28"),
        ("2026年6月末", "2026-06-30"),
        ("2026年12月底", "2026-12-31"),
        ("2024年一季度末", "2024-03-31"),
        ("2024年四季度末", "2024-12-31"),
        ("2024年2月29日", "2024-02-29"),
    ],
)
def test_month_ends_follow_the_calendar(text: str, normalized: str) -> None:
    assert only(text)[2] == normalized


@pytest.mark.parametrize("text", ["2026年2月29日", "2026年4月31日", "2026-02-30"])
def test_impossible_days_are_not_dates(text: str) -> None:
    assert all(kind != "date" for _, kind, _ in found(text))


# ---------------------------------------------------------------- years from context

NO_YEAR_PAGE = "一季度末，贷款余额增长。4月末，余额继续增长。1—4月，新增贷款较多。20日，新规发布。"


def test_page_without_any_year_keeps_normalized_null() -> None:
    mentions = found(NO_YEAR_PAGE)
    assert [(s, k) for s, k, _ in mentions] == [
        ("一季度末", "period_end"),
        ("4月末", "period_end"),
        ("1—4月", "interval"),
        ("20日", "date"),
    ]
    assert all(n is None for _, _, n in mentions)


def test_page_without_any_year_takes_default_year() -> None:
    assert [n for _, _, n in found(NO_YEAR_PAGE, default_year=2024)] == [
        "2024-03-31",
        "2024-04-30",
        "2024-01/2024-04",
        "2024-04-20",
    ]


def test_page_without_any_year_takes_the_publication_year() -> None:
    assert [n for _, _, n in found(NO_YEAR_PAGE, published=PUB)] == [
        "2026-03-31",
        "2026-04-30",
        "2026-01/2026-04",
        "2026-04-20",
    ]


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        # the same sentence wins, even when its year comes after the mention
        ("2024年贷款增长。一季度末，2025年新规实施。", "2025-03-31"),
        # else the text's last explicit year before the mention
        ("2024年贷款增长。2025年新规实施。一季度末，余额增长。", "2025-03-31"),
    ],
)
def test_year_comes_from_the_sentence_then_the_text(text: str, normalized: str) -> None:
    quarter_end = [n for s, _, n in found(text, default_year=2020) if s == "一季度末"]
    assert quarter_end == [normalized]


def test_text_year_beats_default_year_and_publication() -> None:
    assert found("2024年，贷款增长。5月，新规实施。", default_year=2020, published=PUB)[1] == (
        "5月",
        "month",
        "2024-05",
    )


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        # a relative year that names a period lends its year
        ("去年5月，贷款增长。6月，继续增长。", "2025-06"),
        # a bare 去年/上年 is a comparison base and does not
        ("比上年同期增长5%。6月，继续增长。", "2026-06"),
    ],
)
def test_relative_years_lend_their_year_only_with_a_period(text: str, normalized: str) -> None:
    assert [n for s, _, n in found(text, published=PUB) if s == "6月"] == [normalized]


def test_bare_day_needs_a_known_month() -> None:
    assert found("20日，新规发布。") == []
    assert found("2026年5月，会议召开。20日，新规发布。")[1] == ("20日", "date", "2026-05-20")


# ---------------------------------------------------------------- relative expressions


@pytest.mark.parametrize(
    ("word", "with_published"),
    [
        ("今年", "2026"),
        ("去年", "2025"),
        ("上年", "2025"),
        ("明年", "2027"),
        ("上月", "2026-04"),
        ("本月", "2026-05"),
        ("上季度", "2026-Q1"),
        ("昨天", "2026-05-19"),
        ("上周", "2026-W20"),
        ("日前", None),
        ("目前", None),
        ("近日", None),
        ("近年来", None),
        ("下一步", None),
        ("当前", None),
        ("近几年", None),
        ("如今", None),
    ],
)
def test_relative_words_resolve_against_publication_only(
    word: str, with_published: str | None
) -> None:
    text = f"他说，{word}，工作推进顺利。"
    assert only(text, published=PUB) == (word, "relative", with_published)
    assert only(text) == (word, "relative", None)
    assert only(text, default_year=2024) == (word, "relative", None)


@pytest.mark.parametrize(
    ("text", "surface", "kind", "normalized"),
    [
        ("今年4月，贷款增长。", "今年4月", "month", "2026-04"),
        ("今年一季度，贷款增长。", "今年一季度", "quarter", "2026-Q1"),
        ("去年底，贷款增长。", "去年底", "period_end", "2025-12-31"),
        ("去年年底，贷款增长。", "去年年底", "period_end", "2025-12-31"),
        ("上年末，贷款增长。", "上年末", "period_end", "2025-12-31"),
        ("今年上半年，贷款增长。", "今年上半年", "half", "2026-H1"),
        ("本月18日，新规发布。", "本月18日", "date", "2026-05-18"),
        ("3年前，工厂建成。", "3年前", "relative", "2023"),
        ("周三，新规发布。", "周三", "relative", "2026-05-20"),
    ],
)
def test_relative_compounds_resolve_against_publication(
    text: str, surface: str, kind: str, normalized: str
) -> None:
    assert only(text, published=PUB) == (surface, kind, normalized)
    assert only(text)[2] is None


def test_since_until_now_is_an_open_interval() -> None:
    assert only("2024年至今，贷款增长。") == ("2024年至今", "interval", "2024/..")
    assert only("2024年至今，贷款增长。", published=PUB)[2] == "2024/2026"


# ---------------------------------------------------------------- publication date


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        ("经济日报\n2026年5月20日 星期三\n第7版\n正文。", None, PUB),
        ("人民日报 2026年5月20日\n正文。", None, PUB),
        ("2026-05-20\n标题\n正文。", None, PUB),
        ("正文。\n" * 30 + "2026年5月20日 星期三", None, PUB),
        ("正文。", "rmrb_2026_05_20.txt", PUB),
        ("正文。", "20260520-07.pdf", PUB),
        ("正文。", "archive/2026-05-20/page07.txt", PUB),
        ("正文。", "archive/2026/05/20/page07.txt", PUB),
        # body dates are not datelines
        ("截至2026年4月末，余额增长。2026年5月20日，新规发布。", None, None),
        ("标题\n2026年5月20日，国家金融监督管理总局发布通知，要求加强服务。", None, None),
        ("正文。\n" * 30 + "2026年5月20日", None, None),
        ("正文。", "page_12345678.txt", None),
        ("正文。", "2026-13-45.txt", None),
    ],
)
def test_find_published(text: str, source: str | None, expected: datetime.date | None) -> None:
    assert find_published(text, source) == expected


def test_seed_page_has_no_publication_date() -> None:
    text = (SEED / "000_caa4a03adb5becde.txt").read_text(encoding="utf-8")
    assert find_published(text, "000_caa4a03adb5becde.txt") is None


# ---------------------------------------------------------------- negatives


@pytest.mark.parametrize(
    "text",
    [
        "吕仲涛在2026清华五道口全球金融论坛上表示。",
        "2026年博览会将在杭州举办。",
        "艾瑞咨询发布的《中国金融智能体发展研究报告(2025)》显示。",
        "发布《关于做好2026年小微企业金融服务工作的通知》。",
        "一是直达基层。二是快速便捷。",
        "共有1234家企业，编号2026。",
        "他是三年级学生。",
        "一年一度的展会。",
        "节日前夕，气氛热烈。",
        "飞机接近日本海域。",
        "人类登上月球。",
        "每周一开会，每年检查。",
        "院子四周都是树。",
        "建校五十周年。",
        "在此前提下推进。",
        "3月期央票发行。",
        "光明日报报道。",
        "8个智能体，61个政务单位。",
    ],
)
def test_not_dates(text: str) -> None:
    assert found(text) == []


# ---------------------------------------------------------------- the seed page


def test_seed_page_dates_match_the_gold() -> None:
    gold_path = SEED / "gold.json"
    if not gold_path.is_file():
        pytest.skip("no gold file for the seed page")
    text = (SEED / "000_caa4a03adb5becde.txt").read_text(encoding="utf-8")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["dates"]
    got = {(m.start, m.end, m.normalized) for m in extract_dates(text)}
    required = {(g["start"], g["end"], g["normalized"]) for g in gold if not g.get("optional")}
    optional = {(g["start"], g["end"], g["normalized"]) for g in gold if g.get("optional")}
    tp = len(required & got)
    fp = len(got - required - optional)
    f1 = 2 * tp / (2 * tp + fp + len(required - got))
    assert f1 >= 0.95, (required - got, got - required - optional)


# ---------------------------------------------------------------- invariants

ALPHABET = [
    *"0123456789〇一二两三四五十年月日号末底初旬上下季度第前半个周天内以至—-今去本近来《》，。的",
    "2026",
    "星期",
    "近年来",
    "个月",
    "论坛",
]


@settings(max_examples=300, deadline=None)
@given(
    text=st.lists(st.sampled_from(ALPHABET), max_size=30).map("".join),
    published=st.one_of(st.none(), st.dates()),
    default_year=st.one_of(st.none(), st.integers(1, 9999)),
)
def test_never_raises_and_spans_are_valid(
    text: str, published: datetime.date | None, default_year: int | None
) -> None:
    mentions = extract_dates(text, published=published, default_year=default_year)
    last_end = 0
    for m in mentions:
        assert text[m.start : m.end] == m.surface
        assert last_end <= m.start < m.end
        assert m.id == "" and m.article is None
        last_end = m.end


@given(text=st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_any_text_is_safe(text: str) -> None:
    for m in extract_dates(text):
        assert text[m.start : m.end] == m.surface


def test_output_is_deterministic() -> None:
    text = (SEED / "000_caa4a03adb5becde.txt").read_text(encoding="utf-8")
    assert extract_dates(text, published=PUB) == extract_dates(text, published=PUB)
