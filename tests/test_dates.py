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


# The publication date of the cases below: a June page, so 12月 is this December and a January
# page's 12月 is last December.
JUNE = datetime.date(2026, 6, 10)


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        # a historical year does not reach into the next paragraph
        (
            "1958年建厂以来，工厂不断壮大。\n7月2日至3日，订货会在长沙举行。",
            "7月2日至3日",
            "2026-07-02/2026-07-03",
        ),
        # … nor past three sentences of its own paragraph
        (
            "1990年，他进厂当学徒。后来升为技师。再后来当了厂长。工厂扩建了。3月，新车间投产。",
            "3月",
            "2026-03",
        ),
        # within them the story stays in its year
        ("1990年，他进厂当学徒。3月，他第一次上岗。", "3月", "1990-03"),
        # a year later in the sentence, after a comma, is another clause's
        ("本报记者5月8日电，2019年以来，全市新建学校40所。", "5月8日", "2026-05-08"),
        # a bare day takes the month of its own paragraph only
        ("2019年4月1日，工程开工。\n8日，部长来到工地。", "8日", "2026-06-08"),
        # a recurring day has no year
        ("每年9月20日是全国爱牙日。", "9月20日", None),
    ],
)
def test_a_stated_year_governs_only_its_paragraph(text: str, surface: str, normalized: str) -> None:
    assert [n for s, _, n in found(text, published=JUNE) if s == surface] == [normalized]


@pytest.mark.parametrize(
    ("published", "text", "normalized"),
    [
        (datetime.date(2026, 1, 17), "12月，出口增长较快。", "2025-12"),
        (datetime.date(2026, 1, 17), "四季度，出口增长较快。", "2025-Q4"),
        (datetime.date(2026, 1, 17), "7月，新规将实施。", "2026-07"),
        (datetime.date(2026, 6, 10), "12月，新规将实施。", "2026-12"),
        (datetime.date(2026, 6, 10), "1—5月，出口增长较快。", "2026-01/2026-05"),
        # 年底 and holidays keep the publication year
        (datetime.date(2026, 1, 17), "预计年底完成。", "2026-12-31"),
    ],
)
def test_a_month_far_ahead_of_publication_is_last_years(
    published: datetime.date, text: str, normalized: str
) -> None:
    assert found(text, published=published)[0][2] == normalized


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        # right after a dated December, a year-less June is the next one, and so is what follows
        ("2025年11月20日，项目获批。厂房将于3月底完工，5月投产。", ["2026-03-31", "2026-05"]),
        # a month named without its year does not turn it
        (
            "2025年，全省外贸平稳。11月，出口增长。1—10月，进口下降。",
            ["2025-11", "2025-01/2025-10"],
        ),
    ],
)
def test_a_story_moves_forward_into_the_next_year(text: str, normalized: list[str]) -> None:
    assert [n for _, _, n in found(text, published=JUNE)][1:] == normalized


def test_without_publication_the_last_year_governs_to_the_end() -> None:
    text = "1990年，他进厂当学徒。后来升为技师。再后来当了厂长。工厂扩建了。\n3月，新车间投产。"
    assert found(text)[-1] == ("3月", "month", "1990-03")


def test_a_wrapped_line_does_not_end_the_paragraph() -> None:
    text = "2019年，这家工厂开始\n改造生产线，工人们\n加班加点，一直\n忙到了\n5月，新线投产。"
    assert found(text, published=JUNE)[-1] == ("5月", "month", "2019-05")


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("2018年，他来到这里。当年，村里通了路。", "2018"),
        ("老人讲起当年修渠的故事。", None),
    ],
)
def test_back_then_refers_to_a_stated_year_only(text: str, normalized: str | None) -> None:
    assert [n for s, _, n in found(text, published=JUNE) if s == "当年"] == [normalized]


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


def test_until_now_stays_outside_the_date_like_since() -> None:
    assert only("2024年至今，贷款增长。", published=PUB) == ("2024年", "year", "2024")
    assert only("去年3月迄今，产量翻番。", published=PUB) == ("去年3月", "month", "2025-03")
    assert found("至今已有十家企业落户。", published=PUB) == []


# ---------------------------------------------------------------- clock times


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("会议于10时30分开始。", "10时30分", "T10:30"),
        ("会议于10点半开始。", "10点半", "T10:30"),
        ("会议于下午3点开始。", "下午3点", "T15:00"),
        ("晚会于晚上8时开始。", "晚上8时", "T20:00"),
        ("列车于凌晨2时15分出发。", "凌晨2时15分", "T02:15"),
        ("发布会14:30举行。", "14:30", "T14:30"),
        ("发布会１４：３０举行。", "１４：３０", "T14:30"),
        ("上午9时许，车队抵达。", "上午9时许", "T09:00"),
        ("中午1点，食堂开门。", "中午1点", "T13:00"),
        ("深夜11点，灯还亮着。", "深夜11点", "T23:00"),
        ("下午三点一刻，雨停了。", "下午三点一刻", "T15:15"),
        ("十一点半，记者赶到。", "十一点半", "T11:30"),
        ("火箭于16时40分50秒点火。", "16时40分50秒", "T16:40:50"),
        ("零点整，钟声响起。", "零点整", "T00:00"),
        ("截至18时，已有千人到场。", "18时", "T18:00"),
        ("比赛晚上九點半开始。", "晚上九點半", "T21:30"),
    ],
)
def test_clock_times_without_a_day(text: str, surface: str, normalized: str) -> None:
    assert only(text) == (surface, "time", normalized)
    assert only(text, published=PUB) == (surface, "time", normalized)


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("2026年5月20日上午10时，会议开幕。", "2026年5月20日上午10时", "2026-05-20T10:00"),
        ("2025年3月1日14:30，列车开出。", "2025年3月1日14:30", "2025-03-01T14:30"),
        ("2025-03-01 08:05，列车开出。", "2025-03-01 08:05", "2025-03-01T08:05"),
        ("今天下午3点半，会议开幕。", "今天下午3点半", "2026-05-20T15:30"),
        ("今日10时，会议开幕。", "今日10时", "2026-05-20T10:00"),
        ("昨天晚上7点，会议闭幕。", "昨天晚上7点", "2026-05-19T19:00"),
        ("昨晚8时35分，地震发生。", "昨晚8时35分", "2026-05-19T20:35"),
        ("明早6点，车队出发。", "明早6点", "2026-05-21T06:00"),
        # the month comes from the publication date, the day from the text
        ("18日9时，大桥合龙。", "18日9时", "2026-05-18T09:00"),
        # a bare 三点 is a time when a day is written before it
        ("5月21日三点，会议开幕。", "5月21日三点", "2026-05-21T03:00"),
    ],
)
def test_clock_times_on_a_day(text: str, surface: str, normalized: str) -> None:
    assert only(text, published=PUB) == (surface, "time", normalized)


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("上午9时至11时，展馆开放。", "上午9时至11时", "T09:00/T11:00"),
        ("下午1点到3点，展馆开放。", "下午1点到3点", "T13:00/T15:00"),
        ("展馆9:30—17:00开放。", "9:30—17:00", "T09:30/T17:00"),
        (
            "2026年6月1日8时至18时，道路封闭。",
            "2026年6月1日8时至18时",
            "2026-06-01T08:00/2026-06-01T18:00",
        ),
        (
            "6月1日晚上8时至6月2日上午6时，道路封闭。",
            "6月1日晚上8时至6月2日上午6时",
            "2026-06-01T20:00/2026-06-02T06:00",
        ),
    ],
)
def test_time_ranges_are_intervals(text: str, surface: str, normalized: str) -> None:
    assert only(text, published=PUB) == (surface, "time", normalized)


@pytest.mark.parametrize(
    "text",
    [
        "他提出三点建议。",
        "请再快一点。",
        "一时半会儿解决不了。",
        "一时间议论纷纷。",
        "指数上涨三点五。",
        "气温升高10点五度。",
        "第3点意见。",
        "比分是3:1。",
        "双方比分为3:21。",
        "地图比例为1:10。",
        "下降了0点5。",
        "同时推进。",
    ],
)
def test_counts_and_decimals_are_not_times(text: str) -> None:
    assert [k for _, k, _ in found(text, published=PUB) if k == "time"] == []


# ---------------------------------------------------------------- durations, compound


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("工程历时1年零3个月。", "1年零3个月", "P1Y3M"),
        ("工程历时2年6个月。", "2年6个月", "P2Y6M"),
        ("航行8天20小时。", "8天20小时", "P8DT20H"),
        ("手术持续两小时十分。", "两小时十分", "PT2H10M"),
        ("手术持续3小时20分钟。", "3小时20分钟", "PT3H20M"),
        ("工程历时一年多三个月。", "一年多三个月", "P1Y3M"),
        ("手术持续半小时。", "半小时", "PT30M"),
        ("手术持续一个半小时。", "一个半小时", "PT1H30M"),
        ("航行一天半。", "一天半", "P1DT12H"),
        ("他干了两个钟头。", "两个钟头", "PT2H"),
    ],
)
def test_compound_and_fractional_durations(text: str, surface: str, normalized: str) -> None:
    assert only(text) == (surface, "duration", normalized)


def test_a_count_after_a_story_event_stays_a_duration() -> None:
    assert only("出口连续增长17个月后首次回落。", published=PUB) == ("17个月", "duration", "P17M")


# ---------------------------------------------------------------- spans from publication


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("近三年，产量翻番。", "近三年", "2023-05-20/2026-05-20"),
        ("过去十年，产量翻番。", "过去十年", "2016-05-20/2026-05-20"),
        ("近5年来，产量翻番。", "近5年来", "2021-05-20/2026-05-20"),
        ("未来五年，产量将翻番。", "未来五年", "2026-05-20/2031-05-20"),
        ("最近30天，产量翻番。", "最近30天", "2026-04-20/2026-05-20"),
        ("近6个月，产量翻番。", "近6个月", "2025-11-20/2026-05-20"),
        ("过去两周，产量翻番。", "过去两周", "2026-05-06/2026-05-20"),
        ("过去半年，产量翻番。", "过去半年", "2025-11-20/2026-05-20"),
    ],
)
def test_recent_spans_end_at_publication(text: str, surface: str, normalized: str) -> None:
    assert only(text, published=PUB) == (surface, "interval", normalized)
    assert only(text) == (surface, "relative", None)


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("他在矿上工作近30年。", "近30年", "P30Y"),
        ("这家店已开了近两年。", "近两年", "P2Y"),
    ],
)
def test_near_after_a_verb_is_a_length(text: str, surface: str, normalized: str) -> None:
    assert only(text, published=PUB) == (surface, "duration", normalized)


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("两周之前，工厂投产。", "两周之前", "2026-05-06"),
        ("3个月以前，工厂投产。", "3个月以前", "2026-02"),
        ("上上周，工厂投产。", "上上周", "2026-W19"),
        ("下下周三，工厂投产。", "下下周三", "2026-06-03"),
        ("大前年，工厂投产。", "大前年", "2023"),
        ("本周，工厂投产。", "本周", "2026-W21"),
        ("本季度，工厂投产。", "本季度", "2026-Q2"),
        ("本月，工厂投产。", "本月", "2026-05"),
    ],
)
def test_more_relative_words_resolve_against_publication(
    text: str, surface: str, normalized: str
) -> None:
    assert only(text, published=PUB) == (surface, "relative", normalized)


def test_half_year_alone_takes_the_publication_year() -> None:
    assert only("上半年，工厂投产。", published=PUB) == ("上半年", "half", "2026-H1")


# ---------------------------------------------------------------- written forms of days


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("编号为20250307的文件。", "20250307", "2025-03-07"),
        ("文件于2025.3.7印发。", "2025.3.7", "2025-03-07"),
        ("文件于2025/03/07印发。", "2025/03/07", "2025-03-07"),
    ],
)
def test_compact_and_dotted_days(text: str, surface: str, normalized: str) -> None:
    assert only(text) == (surface, "date", normalized)


@pytest.mark.parametrize(
    "text", ["金额为20251399元。", "共20250307元。", "累计20251307人次。", "账号202503071。"]
)
def test_eight_digit_numbers_that_are_not_days(text: str) -> None:
    assert all(k != "date" for _, k, _ in found(text))


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("5月-10月，客流增长。", "5月-10月", "2026-05/2026-10"),
        ("5月至10月，客流增长。", "5月至10月", "2026-05/2026-10"),
        ("2024年5月至10月，客流增长。", "2024年5月至10月", "2024-05/2024-10"),
        ("2024年11月至次年2月，客流增长。", "2024年11月至次年2月", "2024-11/2025-02"),
    ],
)
def test_month_ranges(text: str, surface: str, normalized: str) -> None:
    assert only(text, published=PUB) == (surface, "interval", normalized)


@pytest.mark.parametrize(
    ("two_digit", "published", "year"),
    [
        ("99年3月", datetime.date(2026, 5, 20), "1999"),
        ("28年3月", datetime.date(2026, 5, 20), "2028"),
    ],
)
def test_two_digit_years_near_publication(
    two_digit: str, published: datetime.date, year: str
) -> None:
    assert only(two_digit, published=published)[2] == f"{year}-03"


@pytest.mark.parametrize(
    ("text", "surface", "kind", "normalized"),
    [
        ("5月21日（星期四），会议开幕。", "5月21日（星期四）", "date", "2026-05-21"),
        ("5月21日周四，会议开幕。", "5月21日周四", "date", "2026-05-21"),
        (
            "5月21日（周四）上午9时，会议开幕。",
            "5月21日（周四）上午9时",
            "time",
            "2026-05-21T09:00",
        ),
    ],
)
def test_weekday_after_a_day_is_part_of_it(
    text: str, surface: str, kind: str, normalized: str
) -> None:
    assert only(text, published=PUB) == (surface, kind, normalized)


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("上世纪80年代，工厂建成。", "上世纪80年代", "1980/1989"),
        ("二十世纪八十年代，工厂建成。", "二十世纪八十年代", "1980/1989"),
    ],
)
def test_decades(text: str, surface: str, normalized: str) -> None:
    assert only(text, published=PUB) == (surface, "interval", normalized)


# ---------------------------------------------------------------- holidays


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("元旦当天，游客众多。", "元旦", "2026-01-01"),
        ("劳动节期间，游客众多。", "劳动节", "2026-05-01"),
        ("六一儿童节，孩子们很开心。", "六一儿童节", "2026-06-01"),
        ("国庆节期间，游客众多。", "国庆节", "2026-10-01"),
        ("国庆假期，游客众多。", "国庆", "2026-10-01"),
        ("圣诞节前夕，商场打折。", "圣诞节", "2026-12-25"),
        ("2024年国庆节，游客众多。", "2024年国庆节", "2024-10-01"),
        ("去年元旦，游客众多。", "去年元旦", "2025-01-01"),
        # a year stated earlier in the text governs
        ("2023年，景区扩建。国庆节期间，游客众多。", "国庆节", "2023-10-01"),
        # lunar festivals from the table
        ("春节期间，游客众多。", "春节", "2026-02-17"),
        ("2025年中秋节，游客众多。", "2025年中秋节", "2025-10-06"),
        ("端午假期，游客众多。", "端午", "2026-06-19"),
        ("2024年除夕，游客众多。", "2024年除夕", "2024-02-09"),
    ],
)
def test_holidays_are_days_of_the_governing_year(text: str, surface: str, normalized: str) -> None:
    assert [m for m in found(text, published=PUB) if m[0] == surface] == [
        (surface, "date", normalized)
    ]


@pytest.mark.parametrize("text", ["两国领导人在韩国庆州会见。", "中国庆祝节日。", "他爱吃元宵。"])
def test_holiday_words_inside_other_words(text: str) -> None:
    assert found(text, published=PUB) == []


def test_holiday_without_any_year_keeps_normalized_null() -> None:
    assert only("国庆节期间，游客众多。") == ("国庆节", "date", None)


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
        ("标题\n2026年5月20日，省商务厅印发通知，要求加快审批。", None, None),
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


@pytest.mark.parametrize(
    ("text", "surface", "kind", "normalized"),
    [
        ("单位应提前30日书面通知本人。", "30日", "duration", "P30D"),
        ("为期15日的展会。", "15日", "duration", "P15D"),
        ("截至30日，共有5家企业报名。", "30日", "date", "2026-05-30"),
        ("800多年前的丝织品。", "800多年前", "relative", None),
        ("今明两年是攻坚期。", "今明两年", "interval", "2026/2027"),
        ("本周末，公园将举办灯会。", "本周末", "interval", "2026-06-13/2026-06-14"),
        ("2019年和2022年之间，产量翻番。", "2019年和2022年之间", "interval", "2019/2022"),
        ("公司Q2季度营收增长。", "Q2季度", "quarter", "2026-Q2"),
        ("累计安全运行1200万小时。", "1200万小时", "duration", "PT12000000H"),
        ("设备运行了12,500个小时。", "12,500个小时", "duration", "PT12500H"),
        ("国庆、中秋假期游客较多。", "国庆", "date", "2026-10-01"),
    ],
)
def test_news_forms_found_on_real_pages(
    text: str, surface: str, kind: str, normalized: str | None
) -> None:
    assert [m for m in found(text, published=JUNE) if m[0] == surface] == [
        (surface, kind, normalized)
    ]


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
        "辅酶Q10和H1N1疫苗。",
        "自通知印发之日起十个交易日后。",
        "当年轻人走进车间。",
        "资本周期已经来临。",
        "三天打鱼两天晒网。",
        "十年树木，百年树人。",
        "生态一天天变好。",
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
    *"时点分秒刻许:：",
    "上午",
    "晚上",
    "昨晚",
    "国庆",
    "春节",
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


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        ("8月当月，全县接待游客12万人次。", ["8月"]),
        ("2024年当年新建基站900个。", ["2024年"]),
        ("去年8月，当月接待游客12万人次。", ["去年8月", "当月"]),  # not right after the date
    ],
)
def test_an_anaphor_right_after_its_date_is_not_a_second_date(text, surfaces):
    found = extract_dates(text, published=datetime.date(2026, 6, 18))
    assert [d.surface for d in found] == surfaces


# ---------------------------------------------------------------- variant characters


@pytest.mark.parametrize(
    ("text", "surface", "normalized"),
    [
        ("二○二六年五月", "二○二六年五月", "2026-05"),  # ○ typed for 〇
        ("一〇年三月", "一〇年三月", "2010-03"),  # a two-digit year read digit by digit
        ("会议于２０２６．５．２０召开", "２０２６．５．２０", "2026-05-20"),  # full-width
        ("三個月內完成", "三個月內", "P3M"),  # traditional characters
    ],
)
def test_variant_characters_read_as_their_standard_forms(
    text: str, surface: str, normalized: str
) -> None:
    assert [(s, n) for s, _, n in found(text, published=PUB)] == [(surface, normalized)]


def test_financial_capital_alone_is_not_a_numeral() -> None:
    assert found("他的入伍年限不长。", published=PUB) == []  # 伍 is no 五 here
