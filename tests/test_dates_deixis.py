"""Deictic and vague time words seen on real pages: comparison bases in reports, vague counts
(几个月前, 过去数十年), adverbial relatives (最近, 接下来), anaphors that are no dates.

The sentences are written for these tests.
"""

from __future__ import annotations

import datetime

import pytest

from pipeline.dates import extract_dates

PUB = datetime.date(2026, 5, 12)


def found(text: str, published: datetime.date | None = PUB) -> list[tuple[str, str, str | None]]:
    return [(m.surface, m.kind, m.normalized) for m in extract_dates(text, published=published)]


# ---------------------------------------------------------------- comparison bases


def test_month_base_counts_back_from_the_reported_month() -> None:
    text = "4月份，全省发电量同比增长3%，增速比上月加快0.6个百分点。"
    assert found(text) == [("4月份", "month", "2026-04"), ("上月", "relative", "2026-03")]


def test_month_base_holds_across_paragraphs_of_a_report() -> None:
    text = "4月份，钢材价格环比下降。\n\n钢材产量由上月增长1%转为下降2%。"
    assert found(text)[-1] == ("上月", "relative", "2026-03")


def test_year_base_counts_back_from_the_reported_year() -> None:
    text = "2024年，全市粮食产量达120万吨，比上年增长2.1%。"
    assert found(text) == [("2024年", "year", "2024"), ("上年", "relative", "2023")]


def test_year_base_with_same_period_counts_back_too() -> None:
    text = "2025年前三季度，出口额较上年同期增长8%。"
    assert found(text)[-1] == ("上年", "relative", "2024")


def test_this_month_right_after_a_base_is_the_reported_month() -> None:
    text = "4月份，钢材价格比上月上涨2%。本月钢材产量下降。"
    assert found(text)[-1] == ("本月", "relative", "2026-04")


def test_this_month_without_a_base_is_the_publication_month() -> None:
    assert found("4月份，钢材价格上涨2%。本月，工厂将扩产。")[-1] == ("本月", "relative", "2026-05")
    text = "4月份，价格比上月上涨。\n\n本月起，新规施行。"
    assert found(text)[-1] == ("本月", "relative", "2026-05")


def test_base_without_a_comparison_word_counts_from_publication() -> None:
    assert found("上月，新厂房正式投产。") == [("上月", "relative", "2026-04")]
    assert found("上年，该县新建学校两所。") == [("上年", "relative", "2025")]


def test_target_year_is_no_comparison_base() -> None:
    text = "到2030年，产能翻一番。今年产量比上年增长5%。"
    assert found(text)[-1] == ("上年", "relative", "2025")


def test_colloquial_last_year_keeps_counting_from_publication() -> None:
    text = "2024年，全市粮食产量达120万吨，比去年增长2.1%。"
    assert found(text)[-1] == ("去年", "relative", "2025")


def test_base_does_not_move_the_reported_month() -> None:
    text = "4月份，价格比上月上涨，环比较上月下降。"
    assert [m[2] for m in found(text)] == ["2026-04", "2026-03", "2026-03"]


# ---------------------------------------------------------------- vague counts


@pytest.mark.parametrize(
    "text,surface",
    [
        ("几个月前，他回到了村里。", "几个月前"),
        ("数年前，这里还是荒地。", "数年前"),
        ("十几天前，大桥合龙。", "十几天前"),
        ("两个多月前，工厂停产了。", "两个多月前"),
        ("过去数十年，小镇面貌一新。", "过去数十年"),
        ("未来几年，产业还将升级。", "未来几年"),
    ],
)
def test_vague_counts_back_or_ahead_are_relative_without_a_value(text: str, surface: str) -> None:
    assert found(text) == [(surface, "relative", None)]


def test_a_round_ten_inside_a_vague_count_is_no_duration() -> None:
    assert found("几十年如一日地坚守岗位。") == []
    assert found("他在这里住了数十年。") == []


def test_exact_count_back_still_resolves() -> None:
    assert found("两个月前，工厂停产了。") == [("两个月前", "relative", "2026-03")]


def test_vague_length_after_a_verb_is_a_duration_without_a_value() -> None:
    assert found("他坚持义诊近几十年。") == [("近几十年", "duration", None)]


# ---------------------------------------------------------------- adverbial relatives


@pytest.mark.parametrize(
    "text,surface",
    [
        ("最近，村里新修了一条路。", "最近"),
        ("接下来，我们将扩大生产。", "接下来"),
        ("前几天，一场大雨刚过。", "前几天"),
        ("前段时间，合作社试种了新品种。", "前段时间"),
    ],
)
def test_adverbial_relatives_are_dates_without_a_value(text: str, surface: str) -> None:
    assert found(text) == [(surface, "relative", None)]


def test_nearest_is_not_recent() -> None:
    assert found("离村子最近的医院有十公里。") == []


def test_days_before_a_festival_are_not_a_relative_date() -> None:
    assert [m[0] for m in found("春节前几天，集市格外热闹。")] == ["春节"]


@pytest.mark.parametrize("text", ["此后，他一直在这里工作。", "届时，将有百家企业参展。"])
def test_anaphors_are_not_dates(text: str) -> None:
    assert found(text) == []


# ---------------------------------------------------------------- durations


def test_a_whole_day_is_a_duration() -> None:
    assert found("我们在田里忙了一整天。") == [("一整天", "duration", "P1D")]


def test_arabic_count_after_a_phrase_ending_in_xia_is_a_duration() -> None:
    assert found("紧急情况下10分钟内应完成撤离。") == [("10分钟内", "duration", "PT10M")]


def test_this_year_written_with_yi_is_no_duration() -> None:
    assert found("这一年，村里通了公路。") == []


@pytest.mark.parametrize("text", ["这体现在三方面。", "新发现阶段性成果。", "问题出现在这里。"])
def test_verbs_ending_in_xian_before_zai_are_not_now(text: str) -> None:
    assert found(text) == []


def test_someday_is_no_duration() -> None:
    assert found("或许有一天，我们还会回来。") == []
    assert found("会期只有一天。") == [("一天", "duration", "P1D")]
