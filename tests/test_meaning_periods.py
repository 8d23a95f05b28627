"""Which date governs a figure, and where a date stops governing: thresholds that count their
own window back, forecasts after a dated report. Sentences invented for these tests."""

from __future__ import annotations

import datetime as dt

from pipeline.dates import extract_dates
from pipeline.document import Figure
from pipeline.figures import extract_figures

PUBLISHED = dt.date(2026, 6, 1)


def by_surface(text: str) -> dict[str, Figure]:
    dates = extract_dates(text, published=PUBLISHED)
    return {f.surface: f for f in extract_figures(text, dates=dates)}


def test_window_inside_a_threshold_is_no_period() -> None:
    found = by_surface("申请企业最近两年净利润不低于5000万元，且近三年研发投入不少于800万元。")
    assert found["不低于5000万元"].period is None
    assert found["不少于800万元"].period is None


def test_window_framing_a_reported_figure_is_its_period() -> None:
    found = by_surface("近三年，全市研发投入增长12%。")
    assert found["12%"].period == "近三年"


def test_fixed_year_inside_a_threshold_stays_the_period() -> None:
    found = by_surface("2025年营业收入不低于3亿元的企业可以申报。")
    assert found["不低于3亿元"].period == "2025年"


def test_forecast_does_not_inherit_the_date_of_the_report_before_it() -> None:
    text = "2025年，全省快递业务收入达到520亿元。预计快递业务收入将突破600亿元。"
    found = by_surface(text)
    assert found["520亿元"].period == "2025年"
    assert found["突破600亿元"].period is None


def test_statement_after_a_dated_report_inherits_its_date() -> None:
    text = "2025年，全省快递业务收入达到520亿元。其中，农村快递业务收入120亿元。"
    assert by_surface(text)["120亿元"].period == "2025年"


def test_plan_period_governs_a_target() -> None:
    found = by_surface("“十五五”时期，全市养老床位将增加到1.2万张。")
    assert found["1.2万张"].period == "“十五五”时期"


def test_date_of_the_from_value_does_not_govern_the_to_value() -> None:
    found = by_surface("目前，全市污水处理率由2020年的61%提高到93%。")
    assert found["61%"].period == "2020年"
    assert found["93%"].period == "目前"


def test_recent_days_inside_a_threshold_stay_the_period() -> None:
    found = by_surface("该企业近日获得授信，额度不超过4亿元。")
    assert found["不超过4亿元"].period == "近日"


def test_date_before_the_figure_itself_governs_it() -> None:
    found = by_surface("营收从约800万元增长到今年的预计1500万元。")
    assert found["1500万元"].period == "今年"
