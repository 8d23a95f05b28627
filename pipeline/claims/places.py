"""Place names and their other forms (江苏 = 江苏省), from the division gazetteer.

The gazetteer lists each division's full name followed by its short forms (浙江省, 浙江), so a
short form belongs to the full name above it that it begins.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from pipeline.lexicon import read_list

DIVISIONS = "entities/LOC.divisions.txt"


@dataclass(frozen=True)
class Place:
    surface: str
    start: int
    end: int
    forms: frozenset[str]  # every way the page may write it


@cache
def _forms() -> dict[str, frozenset[str]]:
    """Each name -> all the names of the divisions it may stand for."""
    groups: dict[str, set[str]] = defaultdict(set)
    full = ""
    for name in read_list(DIVISIONS):
        if full and name != full and full.startswith(name):
            groups[full].add(name)
        else:
            full = name
            groups[full].add(full)
    forms: dict[str, set[str]] = defaultdict(set)
    for names in groups.values():
        for name in names:
            forms[name] |= names
    return {name: frozenset(names) for name, names in forms.items()}


@cache
def _longest_name() -> int:
    return max(map(len, _forms()))


def find_places(text: str) -> list[Place]:
    """Division names in ``text``, longest first at each position, left to right.

    >>> [p.surface for p in find_places("山西朔州年均消纳煤矸石")]
    ['山西', '朔州']
    """
    forms, most = _forms(), _longest_name()
    found, pos = [], 0
    while pos < len(text):
        for size in range(min(most, len(text) - pos), 1, -1):
            name = text[pos : pos + size]
            if name in forms:
                found.append(Place(name, pos, pos + size, forms[name]))
                pos += size
                break
        else:
            pos += 1
    return found


def mentions(text: str, place: Place) -> bool:
    """Whether ``text`` names the place in any of its forms."""
    return any(form in text for form in place.forms)


@cache
def is_division(name: str) -> bool:
    """Whether the name is a Chinese division in one of its forms (浙江, 浙江省, 朔州市), or
    divisions one after another (山西朔州)."""
    places = find_places(name)
    return bool(places) and sum(p.end - p.start for p in places) == len(name)
