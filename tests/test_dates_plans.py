"""Five-year-plan periods as dates: “十四五”时期, 十四五期间, “十一五”末. Sentences invented."""

from __future__ import annotations

import datetime as dt

from pipeline.dates import extract_dates

PUBLISHED = dt.date(2026, 4, 11)


def dates(text: str) -> list[tuple[str, str, str | None]]:
    return [(d.surface, d.kind, d.normalized) for d in extract_dates(text, published=PUBLISHED)]


def test_quoted_plan_period_is_its_five_years() -> None:
    assert dates("“十四五”时期，全市新建学校40所。") == [("“十四五”时期", "interval", "2021/2025")]


def test_unquoted_plan_with_a_period_word_is_its_five_years() -> None:
    assert dates("十五五期间投资将超千亿元。") == [("十五五期间", "interval", "2026/2030")]


def test_end_of_a_plan_is_its_last_day() -> None:
    assert dates("“十一五”末，全市有公园12个。") == [("“十一五”末", "period_end", "2010-12-31")]


def test_bare_quoted_plan_name_is_a_period() -> None:
    assert dates("编制“十三五”规划。") == [("“十三五”", "interval", "2016/2020")]


def test_fifteen_written_out_is_no_plan() -> None:
    assert dates("共有十五个项目开工。") == []
