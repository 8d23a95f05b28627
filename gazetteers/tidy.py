"""Put data files into the shape ``tests/test_gazetteers.py`` asks for.

Usage::

    python gazetteers/tidy.py gazetteers/figures/idioms.txt ...   # or no argument: every file

Drops repeated rows (the first stays) and, unless the header says ``# order: significant``,
sorts the rows of each section (a run of rows between comment or blank lines). Headers and
comments stay where they are. Useful after a merge that appended entries to a list.
"""

from __future__ import annotations

import sys
from pathlib import Path


def _is_row(line: str) -> bool:
    return bool(line.strip()) and not line.startswith("#")


def _header_end(lines: list[str]) -> int:
    return next((i for i, line in enumerate(lines) if not line.startswith("#")), len(lines))


def tidy_text(text: str) -> str:
    """The file text with repeated rows dropped and, where order does not matter, sections sorted.

    >>> tidy_text("# source: x\\nb\\na\\nb\\n# part two\\nd\\nc\\n")
    '# source: x\\na\\nb\\n# part two\\nc\\nd\\n'
    >>> tidy_text("# order: significant: first match wins\\nb\\na\\nb\\n")
    '# order: significant: first match wins\\nb\\na\\n'
    """
    lines = text.split("\n")
    head_end = _header_end(lines)
    keep_order = any(line.startswith("# order: significant") for line in lines[:head_end])
    seen: set[str] = set()
    out: list[str] = lines[:head_end]
    section: list[str] = []
    for line in lines[head_end:]:
        if _is_row(line):
            if line.strip() not in seen:
                seen.add(line.strip())
                section.append(line)
            continue
        out += section if keep_order else sorted(section)
        section = []
        out.append(line)
    return "\n".join(out + (section if keep_order else sorted(section)))


def main(paths: list[str]) -> None:
    folder = Path(__file__).resolve().parent
    files = [Path(p) for p in paths] or sorted(folder.rglob("*.t[xs][tv]"))
    for path in files:
        text = path.read_text(encoding="utf-8")
        tidied = tidy_text(text)
        if tidied != text:
            path.write_text(tidied, encoding="utf-8")
            print(f"tidied {path}")


if __name__ == "__main__":
    main(sys.argv[1:])
