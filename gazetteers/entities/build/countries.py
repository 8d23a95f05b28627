"""Build ``LOC.countries.txt`` from jionlp's world location dictionary plus world regions.

Usage::

    python gazetteers/entities/build/countries.py gazetteers/entities/LOC.countries.txt

Reads ``jionlp/dictionary/world_location.txt`` of the installed jionlp (short name, full name,
capital, main cities per country, grouped by continent). Not imported by the package.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import jionlp

# Current 外交部 names that jionlp 1.5.31 lacks (renamed states), compiled by hand from
# 外交部《国家和组织》 as of 2025 (no package ships that list).
CURRENT_NAMES = (
    *("北马其顿", "北马其顿共和国", "埃斯瓦蒂尼", "埃斯瓦蒂尼王国", "缅甸联邦共和国"),
    *("利比亚国", "斐济共和国", "多米尼克", "沙特阿拉伯", "刚果（金）", "刚果（布）"),
)
# Continents and major world regions in common Chinese usage (compiled by hand).
REGIONS = (
    *("亚洲", "欧洲", "非洲", "北美洲", "南美洲", "拉丁美洲", "大洋洲", "南极洲", "北极"),
    *("南极", "北美", "南美", "拉美", "东亚", "东南亚", "南亚", "中亚", "西亚", "中东"),
    *("北非", "西非", "东非", "南部非洲", "撒哈拉以南非洲", "西欧", "东欧", "北欧", "南欧"),
    *("中东欧", "亚太", "亚太地区", "欧亚", "欧亚大陆", "中美洲", "加勒比", "加勒比地区"),
    *("太平洋", "大西洋", "印度洋", "北冰洋", "地中海", "波斯湾", "海湾地区", "南太平洋"),
    *("巴尔干", "高加索", "斯堪的纳维亚", "中南半岛", "朝鲜半岛", "阿拉伯半岛", "非洲大陆"),
)


def countries(path: Path) -> list[str]:
    """Short and full country names from world_location.txt, in file order.

    >>> countries(SOURCE)[:2]
    ['中国', '中华人民共和国']
    """
    names: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 2:
            # News text writes 刚果（金） with full-width brackets.
            names.extend(c.replace("(", "（").replace(")", "）") for c in cells[:2])
    return names


SOURCE = Path(jionlp.__file__).parent / "dictionary" / "world_location.txt"


def main() -> None:
    """Write the list: ``countries.py OUTPUT``."""
    entries = sorted({*countries(SOURCE), *CURRENT_NAMES, *REGIONS})
    header = [
        "# source: jionlp/dictionary/world_location.txt of PyPI package jionlp 1.5.31",
        "#   (Apache-2.0; Chinese country names and full official names after 外交部",
        "#   《国家和组织》 usage), columns 1-2; plus renamed states missing there",
        "#   (北马其顿, 埃斯瓦蒂尼, 缅甸联邦共和国...) and continents/world regions",
        "#   (亚洲, 东南亚, 中东, 拉美...), both compiled by hand from 外交部",
        "#   《国家和组织》 (2025) and common news usage",
        f"# date: {datetime.date.today().isoformat()}",
        "# made: by script gazetteers/entities/build/countries.py",
        "# LOC.countries: countries (short and full Chinese names) and major world regions.",
        f"# {len(entries)} entries.",
    ]
    Path(sys.argv[1]).write_text("\n".join(header + entries) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
