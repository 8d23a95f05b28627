"""What a figure measures: words that are not part of the measure stay out. Sentences invented
for these tests."""

from __future__ import annotations

import datetime as dt

from pipeline.dates import extract_dates
from pipeline.document import Figure
from pipeline.figures import extract_figures

PUBLISHED = dt.date(2026, 6, 1)


def by_surface(text: str) -> dict[str, Figure]:
    dates = extract_dates(text, published=PUBLISHED)
    return {f.surface: f for f in extract_figures(text, dates=dates)}


def test_forecast_and_modal_words_stay_out_of_the_metric() -> None:
    found = by_surface("预计全国快递业务量将突破2000亿件。")
    assert found["突破2000亿件"].metric == "快递业务量"
    assert found["突破2000亿件"].subject == "全国"


def test_list_enumerator_stays_out_of_the_metric() -> None:
    found = by_surface("条件有两条：一是“营业收入不低于3亿元”，二是“净利润不低于5000万元”。")
    assert found["不低于3亿元"].metric == "营业收入"
    assert found["不低于5000万元"].metric == "净利润"


def test_clause_holding_a_quantity_names_no_later_measure() -> None:
    found = by_surface("全年销售额为120亿元，首次突破百亿元关口，比上年增长6.2%。")
    assert found["6.2%"].metric == "销售额"


def test_measure_ending_in_a_verb_beats_the_words_after_a_money_figure() -> None:
    found = by_surface("近两年累计技改投入不低于3亿元且带动就业不少于500人。")
    assert found["不低于3亿元"].metric == "累计技改投入"
