"""Numerals on real pages that are, or are not, figures: names, idioms, counts, written ranges."""

from __future__ import annotations

import pytest

from pipeline.figures import extract_figures, find_numbers


def surfaces(text: str) -> list[str]:
    return [f.surface for f in extract_figures(text)]


@pytest.mark.parametrize(
    "text",
    [
        "兰州市七里河区举办招聘会。",  # a district name, not 7 里
        "他们百折不挠地攻克难关。",  # an idiom, not a discount
        "学习贯彻二十届三中全会精神。",  # a session, not a count
        "村里推行汽车三包服务。",  # a set phrase
        "二期工程进入收尾阶段。",  # a phase, an ordinal
        "该校就业率位居全省前三名。",  # a rank
    ],
)
def test_numerals_in_names_idioms_and_ranks_are_no_figures(text: str) -> None:
    assert surfaces(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("三代人接力守护这片林子。", "三代", "代"),
        ("他连续两届当选村主任。", "两届", "届"),
        ("工程将分三期建设。", "三期", "期"),
        ("新建的办公楼共有28层。", "28层", "层"),
        ("项目覆盖沿江五市。", "五市", "市"),
    ],
)
def test_counted_words_are_units(text: str, surface: str, unit: str) -> None:
    found = {f.surface: f.unit for f in extract_figures(text)}
    assert found[surface] == unit


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("签约额已完成全年目标的近三成。", "近三成", 3.0, "成"),
        ("每斤菜价便宜了2块多。", "2块多", 2.0, "块"),
        ("5公斤废纸能换1公斤大米。", "5公斤", 5.0, "公斤"),
    ],
)
def test_units_are_kept_as_written(text: str, surface: str, value: float, unit: str) -> None:
    found = {f.surface: f for f in extract_figures(text)}
    assert (found[surface].value, found[surface].unit) == (value, unit)


def test_ranges_and_bounds_written_in_words() -> None:
    found = {f.surface: f for f in extract_figures("月薪三千至五千元，利率高于8%低于12%。")}
    assert (found["三千至五千元"].low, found["三千至五千元"].high) == (3000.0, 5000.0)
    assert (found["高于8%低于12%"].low, found["高于8%低于12%"].high) == (8.0, 12.0)
    bounds = {f.surface: f.bound for f in extract_figures("增速不低于5%，两百家以上企业参加。")}
    assert bounds == {"不低于5%": "at_least", "两百家以上": "over"}


def test_full_width_thousands_separator_does_not_split_a_number() -> None:
    found = extract_figures("合同金额36，500.00元。")
    assert [(f.surface, f.value) for f in found] == [("36，500.00元", 36500.0)]
    assert [n.value for n in find_numbers("合同金额36，500.00元")] == [36500.0]


def test_a_full_width_comma_between_numbers_still_ends_a_clause() -> None:
    assert surfaces("共3，500个") == ["500个"]
