"""Build ``LOC.world_cities.txt``: capitals and main cities from jionlp's world dictionary.

Usage::

    python gazetteers/entities/build/world_cities.py gazetteers/entities/LOC.world_cities.txt

China's row is skipped (``LOC.divisions.txt`` covers it). Not imported by the package.
"""

from __future__ import annotations

import datetime
import sys
from pathlib import Path

import jionlp

SOURCE = Path(jionlp.__file__).parent / "dictionary" / "world_location.txt"
# City names that are also ordinary words or person names in Chinese news text.
AMBIGUOUS = {
    "万象",
    "金边",
    "维多利亚",
    "亚伦",
    "圣约翰",
    "圣乔治",
    "华盛顿",
    "西贡",
    "亚历山大",
    "汉堡",
}


def cities(path: Path) -> list[str]:
    """Capitals and main cities (columns 3-4) that are not country names, in file order.

    >>> cities(SOURCE)[:3]
    ['乌兰巴托', '平壤', '首尔']
    """
    names: list[str] = []
    countries: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) < 3:
            continue
        countries.update(cells[:2])
        if cells[0] != "中国":
            names.append(cells[2])
            names.extend(cells[3].split("/") if len(cells) > 3 else ())
    skip = AMBIGUOUS | countries
    return [n for n in dict.fromkeys(names) if n and n not in skip]


def main() -> None:
    """Write the list: ``world_cities.py OUTPUT``."""
    entries = sorted(cities(SOURCE))
    header = [
        "# source: jionlp/dictionary/world_location.txt of PyPI package jionlp 1.5.31",
        "#   (Apache-2.0), columns 3-4 (capital, main cities); China's row skipped;",
        "#   names of countries (新加坡, 摩纳哥: in LOC.countries.txt) and ambiguous",
        "#   names (万象, 金边, 维多利亚, 华盛顿...) left out",
        f"# date: {datetime.date.today().isoformat()}",
        "# made: by script gazetteers/entities/build/world_cities.py",
        "# LOC.world_cities: capitals and main cities of countries other than China.",
        f"# {len(entries)} entries.",
    ]
    Path(sys.argv[1]).write_text("\n".join(header + entries) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
