"""The data files under ``gazetteers/``: one header format, no duplicate rows, sorted rows
where order does not matter; and the entity name lists' format and coverage."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from functools import cache
from pathlib import Path

import pytest

from pipeline.gazetteers.tidy import tidy_text
from pipeline.lexicon import GAZETTEERS, read_list

ROOT = Path(__file__).resolve().parent.parent
DATA = sorted(str(p.relative_to(GAZETTEERS)) for p in GAZETTEERS.rglob("*.t[xs][tv]"))
HEADER_KEY = re.compile(r"^# (source|date|made|order): (.*)$")
MADE = re.compile(r"^by hand$|^by script (gazetteers/[a-z_]+/build/[a-z_]+\.py)$")
ENTITIES = GAZETTEERS / "entities"
FILES = sorted(ENTITIES.glob("*.txt"))
NAMES = [p.name for p in FILES]
LABELS = {"PER", "ORG", "LOC", "WORK", "PRODUCT", "EVENT"}
FILE_NAME = re.compile(r"^(?P<label>[A-Z]+)\.[a-z_]+\.txt$")
# Generic words that must never be an entity on their own (conventions: 金融机构, 银行, 该行).
GENERIC = {
    *("银行", "分行", "支行", "大学", "学院", "中心", "公司", "集团", "企业", "政府", "机构"),
    *("金融机构", "小微企业", "该行", "本行", "委员会", "研究院", "研究所", "协会", "总局"),
    *("城区", "新区", "郊区", "矿区", "市中", "东区", "西区", "市区", "县城", "地区", "全国"),
    *("和平", "合作", "东方", "发展", "建设", "开发", "平安", "资源", "港口", "公安", "南部"),
}
PROVINCIAL = (
    *("北京市", "天津市", "上海市", "重庆市", "河北省", "山西省", "辽宁省", "吉林省", "黑龙江省"),
    *("江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省", "河南省", "湖北省", "湖南省"),
    *("广东省", "海南省", "四川省", "贵州省", "云南省", "陕西省", "甘肃省", "青海省", "台湾省"),
    *("内蒙古自治区", "广西壮族自治区", "西藏自治区", "宁夏回族自治区", "新疆维吾尔自治区"),
    *("香港特别行政区", "澳门特别行政区"),
)


@cache
def raw_entries(name: str) -> tuple[str, ...]:
    """Non-comment, non-blank lines exactly as written (no stripping)."""
    text = (ENTITIES / name).read_text(encoding="utf-8")
    return tuple(ln for ln in text.split("\n") if ln.strip() and not ln.startswith("#"))


def entries(name: str) -> tuple[str, ...]:
    return read_list(f"entities/{name}")


def label(name: str) -> str:
    match = FILE_NAME.match(name)
    assert match, name
    return match["label"]


# --- every data file: header, duplicates, order ---------------------------------------------


def split_file(name: str) -> tuple[list[str], list[str]]:
    """The leading ``#`` lines of a data file, and the lines after them."""
    lines = (GAZETTEERS / name).read_text(encoding="utf-8").split("\n")
    n = next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))
    return lines[:n], lines[n:]


def header_keys(name: str) -> dict[str, str]:
    """``# key: value`` lines of the header (a value may go on over indented ``#   `` lines)."""
    keys: dict[str, str] = {}
    for line in split_file(name)[0]:
        match = HEADER_KEY.match(line)
        if match:
            assert match[1] not in keys, f"{name}: {match[1]} given twice"
            keys[match[1]] = match[2].strip()
    return keys


def sections(name: str) -> list[list[str]]:
    """Runs of rows between comment or blank lines after the header."""
    runs: list[list[str]] = [[]]
    for line in split_file(name)[1]:
        if line.strip() and not line.startswith("#"):
            runs[-1].append(line)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def test_there_are_data_files_in_every_folder():
    assert len(DATA) > 50
    assert {n.split("/")[0] for n in DATA} >= {"dates", "entities", "figures", "segment"}


@pytest.mark.parametrize("name", DATA)
def test_header_gives_source_date_and_how_the_file_was_made(name):
    keys = header_keys(name)
    assert keys.get("source"), f"{name}: no '# source: ...' line"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", keys.get("date", "")), f"{name}: no '# date:'"
    assert dt.date.fromisoformat(keys["date"]) <= dt.date.today()
    made = MADE.match(keys.get("made", ""))
    assert made, f"{name}: '# made: by hand' or '# made: by script gazetteers/.../build/X.py'"
    if made[1]:
        assert (ROOT / made[1]).is_file(), f"{name}: build script {made[1]} not found"


@pytest.mark.parametrize("name", DATA)
def test_order_line_says_why_order_is_significant(name):
    order = header_keys(name).get("order")
    if order is not None:
        assert re.fullmatch(r"significant: .{10,}", order), f"{name}: '# order: significant: why'"


@pytest.mark.parametrize("name", DATA)
def test_data_file_is_utf8_without_bom_or_crlf(name):
    data = (GAZETTEERS / name).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    assert b"\r" not in data
    data.decode("utf-8")


@pytest.mark.parametrize("name", DATA)
def test_no_duplicate_rows(name):
    seen: set[str] = set()
    rows = [line.strip() for run in sections(name) for line in run]
    dups = [row for row in rows if row in seen or seen.add(row)]
    assert not dups, f"{dups[:10]}: python gazetteers/tidy.py drops them"


@pytest.mark.parametrize("name", DATA)
def test_rows_are_sorted_unless_order_is_significant(name):
    if "order" in header_keys(name):
        pytest.skip("order is significant")
    unsorted = [run[:3] for run in sections(name) if run != sorted(run)]
    assert not unsorted, f"{name}: unsorted section {unsorted[0]}: python gazetteers/tidy.py"


def test_tidy_sorts_each_section_drops_repeats_and_keeps_comments():
    text = "# source: s\n# date: 2026-01-01\n甲\n丙\n甲\n\n# part two\n乙\n丁\n"
    assert tidy_text(text) == "# source: s\n# date: 2026-01-01\n丙\n甲\n\n# part two\n丁\n乙\n"


def test_tidy_keeps_the_order_of_an_order_significant_file():
    text = "# source: s\n# order: significant: first match wins\n先生\n生\n先生\n"
    assert tidy_text(text) == "# source: s\n# order: significant: first match wins\n先生\n生\n"


def test_build_scripts_are_named_by_the_files_they_make():
    scripts = {str(p.relative_to(ROOT)) for p in GAZETTEERS.rglob("build/*.py")}
    made = (MADE.match(header_keys(name).get("made", "")) for name in DATA)
    assert scripts == {m[1] for m in made if m and m[1]}


# --- entity lists: format ----------------------------------------------------------------------


def test_there_are_lists_for_loc_and_org():
    assert {label(n) for n in NAMES} >= {"LOC", "ORG"}


@pytest.mark.parametrize("name", NAMES)
def test_file_name_carries_a_valid_label(name):
    assert FILE_NAME.match(name), name
    assert label(name) in LABELS


@pytest.mark.parametrize("name", NAMES)
def test_entries_have_no_surrounding_or_inner_whitespace(name):
    bad = [e for e in raw_entries(name) if e != e.strip() or re.search(r"\s", e)]
    assert not bad, bad[:10]


@pytest.mark.parametrize("name", NAMES)
def test_no_generic_word_and_no_single_character_entry(name):
    bad = [e for e in entries(name) if e in GENERIC or len(e) < 2]
    assert not bad, bad[:10]


@pytest.mark.parametrize("name", NAMES)
def test_brackets_are_full_width(name):
    bad = [e for e in entries(name) if "(" in e or ")" in e]
    assert not bad, bad[:10]


def test_no_name_is_both_an_org_and_a_loc():
    by_label: dict[str, set[str]] = {}
    for name in NAMES:
        by_label.setdefault(label(name), set()).update(entries(name))
    assert not by_label["ORG"] & by_label["LOC"]


# --- coverage: LOC -----------------------------------------------------------------------------


def test_all_34_provincial_level_divisions_present():
    names = set(entries("LOC.divisions.txt"))
    assert len(PROVINCIAL) == 34
    assert set(PROVINCIAL) <= names


@pytest.mark.parametrize(
    "name", ["浙江", "江苏", "内蒙古", "广西", "新疆", "香港", "台湾", "南昌", "杭州", "平阳"]
)
def test_division_short_forms_present(name):
    assert name in entries("LOC.divisions.txt")


@pytest.mark.parametrize(
    "name", ["南昌市", "平阳县", "浦东新区", "延边朝鲜族自治州", "神农架林区", "义乌市"]
)
def test_division_full_names_present(name):
    assert name in entries("LOC.divisions.txt")


@pytest.mark.parametrize("word", ["城区", "新区", "市中", "和平", "合作", "东方", "新兴", "平原"])
def test_division_short_forms_that_are_ordinary_words_absent(word):
    assert word not in entries("LOC.divisions.txt")


def test_divisions_cover_prefecture_and_county_levels():
    names = entries("LOC.divisions.txt")
    assert sum(n.endswith("县") for n in names) > 1300
    assert len(names) > 5000


@pytest.mark.parametrize("name", ["美国", "中华人民共和国", "俄罗斯", "东南亚", "北马其顿"])
def test_countries_and_regions_present(name):
    assert name in entries("LOC.countries.txt")


def test_world_cities_hold_capitals_but_not_country_names():
    cities = set(entries("LOC.world_cities.txt"))
    assert {"东京", "伦敦", "巴黎", "首尔"} <= cities
    assert not cities & set(entries("LOC.countries.txt"))


# --- coverage: ORG -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        *("金融监管总局", "国家发展改革委", "证监会", "中国人民银行", "央行", "国家外汇管理局"),
        *("人社部", "国家网信办", "全国人大", "最高人民法院", "国务院国资委"),
    ],
)
def test_state_bodies_with_short_forms_present(name):
    assert name in entries("ORG.state_bodies.txt")


LARGE_STATE_BANKS = ("工商银行", "农业银行", "中国银行", "建设银行", "交通银行", "邮储银行")
JOINT_STOCK_BANKS = (
    *("招商银行", "浦发银行", "中信银行", "光大银行", "华夏银行", "民生银行"),
    *("广发银行", "兴业银行", "平安银行", "恒丰银行", "浙商银行", "渤海银行"),
)


@pytest.mark.parametrize("name", LARGE_STATE_BANKS + JOINT_STOCK_BANKS + ("工行", "建行"))
def test_large_and_joint_stock_banks_present(name):
    assert name in entries("ORG.banks.txt")


def test_universities_list_is_the_official_mainland_list():
    names = set(entries("ORG.universities.txt"))
    assert len(names) > 2500
    assert {"北京大学", "南开大学", "中国石油大学（北京）", "深圳职业技术学院"} <= names


def test_academia_list_holds_academies_short_forms_and_universities_abroad():
    names = set(entries("ORG.academia.txt"))
    assert {"中国科学院", "中国社会科学院", "北大", "香港大学", "国防科技大学"} <= names
    assert not names & set(entries("ORG.universities.txt"))


# --- build scripts -----------------------------------------------------------------------------


def load_build_script(name: str):
    path = ENTITIES / "build" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"gazetteer_build_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("full", "short"),
    [
        ("浙江省", "浙江"),
        ("广西壮族自治区", "广西"),
        ("新疆维吾尔自治区", "新疆"),
        ("内蒙古自治区", "内蒙古"),
        ("香港特别行政区", "香港"),
        ("延边朝鲜族自治州", "延边"),
        ("恩施土家族苗族自治州", "恩施"),
        ("浦东新区", "浦东"),
        ("阿克苏地区", "阿克苏"),
        ("平阳县", "平阳"),
        ("正蓝旗", None),
    ],
)
def test_division_short_form_strips_administrative_suffix(full, short):
    assert load_build_script("divisions").short_form(full) == short


def test_build_scripts_exist_for_derived_lists():
    built = {p.stem for p in (ENTITIES / "build").glob("*.py")}
    assert {"divisions", "countries", "world_cities", "universities"} <= built
