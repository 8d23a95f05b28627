"""Place names and their other forms (江苏 = 江苏省), from the division gazetteer.

The gazetteer lists each division's full name followed by its short forms (浙江省, 浙江), so a
short form belongs to the full name above it that it begins.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from pipeline.lexicon import read_list
from pipeline.zh.chars import HAN

DIVISIONS = "entities/LOC.divisions.txt"


@dataclass(frozen=True)
class Place:
    surface: str
    start: int
    end: int
    forms: frozenset[str]  # every way the page may write it


# What a division's full name adds to its short form (浙江省 -> 浙江, 延边朝鲜族自治州 -> 延边):
# the rule the divisions list was built by (see its header).
_DIVISION_TAIL = re.compile(
    rf"^(?:[{HAN}]{{1,8}}族)*(?:自治区|自治州|自治县|自治旗|特别行政区|新区|林区|特区|地区|省|市|县|区|盟|州)$"
)


@cache
def _forms() -> dict[str, frozenset[str]]:
    """Each name -> all the names of the divisions it may stand for (a short form stands for
    every full name it shortens: 朝阳 for 朝阳区 and 朝阳市)."""
    names = set(read_list(DIVISIONS))
    groups: dict[str, set[str]] = {name: {name} for name in names}
    for full in names:
        for size in range(2, len(full)):
            if full[:size] in names and _DIVISION_TAIL.match(full[size:]):
                groups[full].add(full[:size])
    forms: dict[str, set[str]] = defaultdict(set)
    for group in groups.values():
        for name in group:
            forms[name] |= group
    return {name: frozenset(group) for name, group in forms.items()}


@cache
def _longest_name() -> int:
    return max(map(len, _forms()))


def find_places(text: str) -> list[Place]:
    """Division names in ``text``, longest first at each position, left to right.

    >>> [p.surface for p in find_places("湖南岳阳年均回收废钢")]
    ['湖南', '岳阳']
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
    """Whether the name is a Chinese division in one of its forms (浙江, 浙江省, 湖州市), or
    divisions one after another (湖南岳阳)."""
    places = find_places(name)
    return bool(places) and sum(p.end - p.start for p in places) == len(name)
