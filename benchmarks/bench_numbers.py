"""Score the figure extractor on the shared number benchmark.

    python benchmarks/bench_numbers.py ../shared/benchmarks/numbers_dev.jsonl [--show-errors]

Cases (schema in NUMBERS_SOURCES.md) of kind number, percent, number_range, money, quantity
and ordinal are scored; a case counts as right when every expected item is found and nothing
else is. What "found" means per kind:

- money, percent, quantity: a figure from :func:`pipeline.figures.extract_figures` on the case
  text whose span overlaps the expected surface, whose value agrees (relative 1e-6; a range
  compares low and high) and whose unit agrees after mapping the benchmark's unit names onto
  ours: ISO codes to Chinese currency names (CNY -> 元, USD -> 美元, HKD -> 港元, ...), Duckling's
  generic 元(generic) -> 元; ``%`` -> ``%``, percentage_point -> 个百分点; RT/Duckling measure
  names to our base units (Kilogram -> 千克, Mu -> 亩, Square meter -> 平方米, metre -> 米, ...,
  Year (an age) -> 岁). Unit names we have no equivalent for stay unmatched (they count as
  errors). ``span_only`` items only need the overlap.
- number: a bare numeral from :func:`pipeline.figures.find_numbers` (figures need units; this
  is the layer under them) with overlapping span and equal value.
- number_range: :func:`pipeline.figures.extract_numbers` (figures with or without a unit). The
  expected interval ``[a,b)``/``(a,)``/``(,b]`` is compared by its finite ends: a one-sided
  interval must come out as one bound (over/at_least with value a, or under/at_most with value
  b), a two-sided one as low a and high b. Open versus closed ends are not compared (the
  project's bounds do not keep RT's half-open convention).
- ordinal: ordinals are not figures, so the case is right when ``extract_figures`` emits
  nothing there and ``find_numbers`` reads the number after 第 right.

Two scores are printed. ``strict`` is the above. ``mapped`` also forgives differences of
*convention* between the benchmark's sources and the project (pipeline/figures/ keeps the
project's conventions; the mapping lives only here):

- money: Duckling and JioNLP read a bare amount as yuan (``小于40万`` -> CNY 400000); the
  project leaves the unit of a bare number open (unit None). Mapped: unit None is accepted for
  CNY / 元(generic) when the case text names no currency.
- quantity: Duckling converts masses to grams (35毫克 -> 0.035 gram); the project keeps the
  unit as written (35 毫克). Mapped: our mass units are converted to grams before comparing.
- units as written: the project keeps 成 (tenths), 块 (the spoken yuan), 公斤 and 周岁 as the
  page writes them (三成 -> 3 成); the sources normalize (30 %, 元, kilogram, year). Mapped:
  ours are converted to the sources' form before comparing.
- number_range: Recognizers-Text annotates only the ranges of a sentence, not its other
  numbers (``9217商店…至少有2252``); :func:`extract_numbers` returns every number. Mapped:
  found plain numbers (bound exact, no range) that no item expects are not counted as extra,
  and a one-point interval ``[a,a]`` (``等于1535``) is the exact value a.

Repeated surfaces (``二百五, 二百五``) are located in order, one occurrence per item.

Next to it, jionlp's money parser (``jionlp.parse_money``) on the money cases. jionlp has no
extractor, so it gets the *expected surface* of each money item (the whole text for
``span_mode: whole``), an advantage over our end-to-end run; for a fair view the script also
prints our extractor run on those same surfaces.

Prints accuracy per kind, for the news subset (``news_marker`` or ``prose`` tags) and overall.
Not imported by tests.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import math
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.figures import extract_figures, extract_numbers, find_numbers
from pipeline.lexicon import read_table

KINDS = ("number", "percent", "number_range", "money", "quantity", "ordinal")

UNIT_MAP = {
    # money: ISO 4217 codes and Duckling's generic unit
    "CNY": "元", "元(generic)": "元", "USD": "美元", "HKD": "港元", "EUR": "欧元",
    "JPY": "日元", "GBP": "英镑", "TWD": "新台币", "CHF": "瑞士法郎", "AUD": "澳元",
    "CAD": "加元", "THB": "泰铢", "KRW": "韩元", "SGD": "新加坡元", "MOP": "澳门元",
    # ratios
    "%": "%", "percentage_point": "个百分点",
    # measures: Recognizers-Text and Duckling names
    "Mu": "亩", "Kilogram": "千克", "kilogram": "千克", "Gram": "克", "gram": "克",
    "Microgram": "微克", "Milligram": "毫克", "Ton": "吨", "Jin": "斤",
    "Square meter": "平方米", "Square kilometer": "平方公里", "Hectare": "公顷",
    "Meter": "米", "metre": "米", "Kilometer": "公里", "kilometre": "公里",
    "Centimeter": "厘米", "centimetre": "厘米", "Millimeter": "毫米", "millimetre": "毫米",
    "foot": "英尺", "inch": "英寸", "mile": "英里", "litre": "升", "Liter": "升",
    "millilitre": "毫升", "gallon": "加仑", "Kilocalorie": "千卡", "Kilowatt": "千瓦",
    "Hertz": "赫兹", "Kilobyte": "千字节", "celsius": "摄氏度", "C": "摄氏度",
    "fahrenheit": "华氏度", "Year": "岁", "Degree": "度",
}  # fmt: skip

# mapped only: Duckling's gram base for masses (see the module docstring)
TO_GRAM = {"毫克": 1e-3, "微克": 1e-6, "克": 1.0, "千克": 1e3, "斤": 500.0, "吨": 1e6}
YUAN_BY_DEFAULT = {"CNY", "元(generic)"}
# mapped only: units the project keeps as written -> the sources' unit and factor
AS_WRITTEN = {"成": ("%", 10.0), "块": ("元", 1.0), "公斤": ("千克", 1.0), "周岁": ("岁", 1.0)}

JIONLP_CASE = {"人民币": "元"}  # jionlp names the renminbi both ways


# Which of our figures a case of each kind is about: the benchmark annotates one kind per case
# (a money case does not list the counts in the same sentence), so other figures are ignored.
KIND_CATEGORIES = {"money": {"money"}, "percent": {"ratio"}, "quantity": {"measure", "age"}}


def unit_categories() -> dict[str, str]:
    return {row[1]: row[3] for row in read_table("figures/units.tsv")}


def load(path: str) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        cases = [json.loads(line) for line in fh if line.strip()]
    for case in cases:
        locate(case)
    return cases


def locate(case: dict[str, Any]) -> None:
    """Give each item its span: its offset, else the next occurrence of its surface after the
    previous item's (二百五, 二百五 are two places), else the first occurrence."""
    pos = 0
    for item in case["expected"]:
        if case["span_mode"] == "whole":
            item["_span"] = (0, len(case["text"]))
        elif "offset" in item:
            item["_span"] = tuple(item["offset"])
        else:
            i = case["text"].find(item["surface"], pos)
            if i < 0:
                i = case["text"].find(item["surface"])
            n = len(item["surface"])
            item["_span"] = (i, i + n) if i >= 0 else (0, len(case["text"]))
            pos = i + n if i >= 0 else pos


def close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)


def item_span(case: dict[str, Any], item: dict[str, Any]) -> tuple[int, int]:
    if "_span" not in item:
        locate(case)
    return item["_span"]


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def figure_matches(
    case: dict[str, Any], item: dict[str, Any], fig: Any, *, mapped: bool = False
) -> bool:
    if not overlaps((fig.start, fig.end), item_span(case, item)):
        return False
    if "span_only" in case["tags"] or (item.get("value") is None and "range" not in item):
        return True
    unit, value, low, high = fig.unit, fig.value, fig.low, fig.high
    if unit == "‰":  # the benchmark writes per mille as percent (千分之三 -> 0.3 %)
        unit, value = "%", None if value is None else value / 10
    expected = UNIT_MAP.get(item.get("unit") or "", item.get("unit"))
    if mapped and unit in AS_WRITTEN:
        unit, factor = AS_WRITTEN[unit]
        value, low, high = (None if x is None else x * factor for x in (value, low, high))
    bare_yuan = mapped and unit is None and item.get("unit") in YUAN_BY_DEFAULT
    if bare_yuan and not any(f.unit for f in extract_figures(case["text"])):
        unit = expected
    if mapped and item.get("unit") == "gram" and unit in TO_GRAM:
        factor = TO_GRAM[unit]
        unit, value = "gram", None if value is None else value * factor
        low, high = (None if x is None else x * factor for x in (low, high))
        expected = "gram"
    if expected != unit:
        return False
    if "range" in item:
        return close(low, item["range"][0]) and close(high, item["range"][1])
    return close(value, item["value"])


def interval(normalized: str) -> tuple[float | None, float | None]:
    m = re.fullmatch(r"[\[(]([^,]*),([^\])]*)[\])]", normalized)
    if not m:
        return None, None
    lo, hi = (float(x) if x else None for x in m.groups())
    return lo, hi


def range_matches(
    case: dict[str, Any], item: dict[str, Any], fig: Any, *, mapped: bool = False
) -> bool:
    if not overlaps((fig.start, fig.end), item_span(case, item)):
        return False
    lo, hi = interval(item.get("normalized") or "")
    if mapped and lo is not None and lo == hi:  # [1535,1535]: an exact value
        return fig.low is None and fig.bound == "exact" and close(fig.value, lo)
    if lo is not None and hi is not None:
        return close(fig.low, lo) and close(fig.high, hi)
    if lo is not None:
        return fig.bound in ("over", "at_least") and close(fig.value, lo)
    if hi is not None:
        return fig.bound in ("under", "at_most") and close(fig.value, hi)
    return False


def number_matches(case: dict[str, Any], item: dict[str, Any], num: Any) -> bool:
    return overlaps((num.start, num.end), item_span(case, item)) and close(num.value, item["value"])


def all_found(
    case: dict[str, Any], found: list[Any], match: Callable[[dict, dict, Any], bool]
) -> bool:
    """Every expected item matched one-to-one and nothing left over."""
    left = list(found)
    for item in case["expected"]:
        hit = next((f for f in left if match(case, item, f)), None)
        if hit is None:
            return False
        left.remove(hit)
    return not left


def score_case(case: dict[str, Any], *, mapped: bool = False) -> bool:
    kind, text = case["kind"], case["text"]
    if kind == "number":
        return all_found(case, find_numbers(text), number_matches)
    if kind == "number_range":
        match = partial(range_matches, mapped=mapped)
        found = extract_numbers(text)
        if mapped:  # RT annotates ranges only: a plain number nobody expects is not an error
            found = [
                f for f in found
                if f.bound != "exact" or f.low is not None
                or any(match(case, item, f) for item in case["expected"])
            ]  # fmt: skip
        return all_found(case, found, match)
    if kind == "ordinal":
        figures = extract_figures(text)
        for item in case["expected"]:
            span = item_span(case, item)
            if any(overlaps((f.start, f.end), span) for f in figures):
                return False
            if not any(number_matches(case, item, n) for n in find_numbers(text)):
                return False
        return True
    categories = unit_categories()
    wanted = KIND_CATEGORIES[kind]
    figures = [f for f in extract_figures(text) if categories.get(f.unit or "", "") in wanted]
    if mapped and kind == "money":  # a bare amount may be the yuan the case means
        figures += [f for f in extract_figures(text) if f.unit is None]
    return all_found(case, figures, partial(figure_matches, mapped=mapped))


def jionlp_money(cases: list[dict[str, Any]]) -> tuple[int, int]:
    """jionlp.parse_money on each expected surface: (right, total) over money cases."""
    with contextlib.redirect_stdout(io.StringIO()):  # jionlp prints a banner on import
        import jionlp
    right = 0
    for case in cases:
        ok = True
        for item in case["expected"] or [{"surface": case["text"], "value": None}]:
            surface = case["text"] if case["span_mode"] == "whole" else item["surface"]
            try:
                parsed = jionlp.parse_money(surface)
            except Exception:  # jionlp raises on strings it cannot read
                parsed = None
            ok = ok and jionlp_agrees(case, item, parsed)
        right += ok
    return right, len(cases)


def jionlp_agrees(case: dict[str, Any], item: dict[str, Any], parsed: Any) -> bool:
    if not case["expected"]:
        return parsed is None
    if parsed is None:
        return False
    if "span_only" in case["tags"] or (item.get("value") is None and "range" not in item):
        return True
    unit = JIONLP_CASE.get(parsed.get("case"), parsed.get("case"))
    if UNIT_MAP.get(item.get("unit") or "", item.get("unit")) != unit:
        return False
    num = parsed.get("num")
    if "range" in item:
        return isinstance(num, list) and all(
            close(float(a), b) for a, b in zip(num, item["range"], strict=True)
        )
    return isinstance(num, str) and close(float(num), item["value"])


def ours_on_surfaces(cases: list[dict[str, Any]], *, mapped: bool = False) -> tuple[int, int]:
    """Our extractor given the same expected surfaces as jionlp."""
    right = 0
    for case in cases:
        ok = True
        for item in case["expected"]:
            surface = case["text"] if case["span_mode"] == "whole" else item["surface"]
            fresh = {k: v for k, v in item.items() if k != "_span"}
            sub = {**case, "text": surface, "span_mode": "whole", "expected": [fresh]}
            match = partial(figure_matches, mapped=mapped)
            ok = ok and all_found(sub, extract_figures(surface), match)
        if not case["expected"]:
            ok = not extract_figures(case["text"])
        right += ok
    return right, len(cases)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", help="numbers_dev.jsonl (shared benchmark)")
    parser.add_argument("--show-errors", action="store_true", help="print every missed case")
    args = parser.parse_args()
    cases = [c for c in load(args.path) if c["kind"] in KINDS]
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for case in cases:
        strict, mapped = score_case(case), score_case(case, mapped=True)
        news = bool({"news_marker", "prose"} & set(case["tags"]))
        for key in (case["kind"], "all", *(["news subset"] if news else [])):
            totals[key][0] += strict
            totals[key][1] += mapped
            totals[key][2] += 1
        if args.show_errors and not mapped:
            print(f"MISS {case['id']}: {case['text']!r} -> {case['expected']}", file=sys.stderr)
    print(f"{'kind':<14}{'cases':>7}{'strict':>8}{'mapped':>8}")
    for key in (*KINDS, "news subset", "all"):
        strict, mapped, total = totals[key]
        if total:
            print(f"{key:<14}{total:>7}{strict / total:>8.3f}{mapped / total:>8.3f}")
    money = [c for c in cases if c["kind"] == "money"]
    print("\nmoney, given the expected surfaces (span_mode whole: the whole text):")
    for name, (right, total) in (
        ("jionlp.parse_money", jionlp_money(money)),
        ("baokan extract_figures", ours_on_surfaces(money)),
        ("baokan, mapped", ours_on_surfaces(money, mapped=True)),
    ):
        print(f"  {name:<24}{right:>4}/{total:<4}{right / total:.3f}")


if __name__ == "__main__":
    main()
