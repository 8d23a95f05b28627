"""Short forms and coreference: which full name each entity stands for (``canonical``).

Three ways a text ties a mention to a full name:

- an introduction right after the full name: 中国第一汽车集团有限公司（以下简称“一汽”）,
  （简称“一汽集团”，下称“公司”）; every later occurrence of the short form on word
  boundaries becomes a mention of the full name, with its label;
- an organization whose name is an abbreviation of exactly one longer organization named
  earlier (北大 after 北京大学, 一汽 after 中国第一汽车集团): its characters in order, the first
  one in the full name's first half;
- a demonstrative mention (该公司, 该行, 该集团) with one full name of that kind before it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from pipeline.entities.lexicons import gazetteer_index, rule_lexicons
from pipeline.zh.chars import HAN
from pipeline.zh.words import jieba_word_tags


@dataclass(frozen=True)
class Mention:
    """An entity span with the surface of the full name it stands for."""

    start: int
    end: int
    label: str
    canonical: str


# （以下简称“一汽”）, (下称"公司"), （简称一汽）: the bracket's inside is group 1
_INTRO = re.compile(r"[（(]((?:以下|下文|下)?(?:简称|称|合称)[^（）()\n]{1,40})[)）]")


_QUOTED = re.compile(r"[“\"「『]([^“”\"「」『』，。；、\s]{1,12})[”\"」』]")


_BARE = re.compile(rf"^(?:以下|下文|下)?(?:简称|称|合称)[为：:]?([{HAN}]{{2,8}})$")


_INTRO_WORD = re.compile(r"(?:以下|下文|下)?(?:简称|称|合称)")


# 该公司 / 该行 / 该集团 ...: the noun, and the endings of the full names it can stand for
_DEMONSTRATIVE = re.compile(r"该(公司|集团|银行|行|企业|大学|医院|机构)")


_KINDS = {
    "公司": ("公司",),
    "集团": ("集团",),
    "银行": ("银行", "行"),
    "行": ("银行", "行"),
    "企业": ("公司", "集团", "厂"),
    "大学": ("大学",),
    "医院": ("医院",),
    "机构": ("公司", "集团", "银行", "行", "局", "会", "院", "所", "中心"),
}


def short_forms(text: str, spans: Sequence[tuple[int, int, str]]) -> list[tuple[str, int]]:
    """(short form, index of the full name in ``spans``) for every introduction in ``text``.

    ``spans`` are sorted (start, end, label) entities; the full name must end right before
    the bracket, spaces allowed.

    >>> short_forms("甲乙集团（以下简称“甲乙”或“集团”）", [(0, 4, "ORG")])
    [('甲乙', 0), ('集团', 0)]
    """
    ends = {e: k for k, (_, e, _) in enumerate(spans)}
    found = []
    for m in _INTRO.finditer(text):
        at = m.start()
        while at > 0 and text[at - 1] in " \u3000":
            at -= 1
        k = ends.get(at)
        if k is None:
            continue
        inside = m.group(1)
        names = _QUOTED.findall(inside)
        if not names and (bare := _BARE.match(inside)):
            names = [bare.group(1)]
        found.extend((name, k) for name in names if name != text[spans[k][0] : spans[k][1]])
    return found


def is_abbreviation(short: str, full: str) -> bool:
    """``short`` is ``full`` shortened: two or more of its characters in order, the first in
    the first half of ``full``, and at least two characters fewer.

    >>> is_abbreviation("北大", "北京大学"), is_abbreviation("一汽", "中国第一汽车集团")
    (True, True)
    >>> is_abbreviation("大学", "北京大学"), is_abbreviation("北京", "北京大学")
    (False, True)
    """
    if len(short) < 2 or len(full) - len(short) < 2:
        return False
    first = full.find(short[0])
    if first < 0 or first >= len(full) / 2:
        return False
    at = first + 1
    for ch in short[1:]:
        at = full.find(ch, at) + 1
        if at == 0:
            return False
    return True


@cache
def _listed() -> frozenset[str]:
    """Names of the name lists: a listed name is a name of its own, no one's short form."""
    return frozenset(name for group in gazetteer_index().values() for name, _ in group)


def _at_boundaries(start: int, end: int, boundaries: frozenset[int]) -> bool:
    return start in boundaries and end in boundaries


def introduced_mentions(
    text: str,
    spans: Sequence[tuple[int, int, str]],
    boundaries: frozenset[int],
) -> list[Mention]:
    """Occurrences of introduced short forms (from the full name on), as mentions of it."""
    mentions = []
    for short, k in short_forms(text, spans):
        start, end, label = spans[k]
        for m in re.finditer(re.escape(short), text):
            quoted = text[m.start() - 1 : m.start()] in '“"「『' and m.start() > 0
            if m.start() >= end and (quoted or _at_boundaries(m.start(), m.end(), boundaries)):
                mentions.append(Mention(m.start(), m.end(), label, text[start:end]))
    return mentions


def demonstrative_mentions(text: str, named: Sequence[tuple[int, int, str, str]]) -> list[Mention]:
    """该公司, 该行...: mentions of the one full name of that kind named before them, if only one.

    ``named`` are sorted, disjoint (start, end, label, canonical) entities.

    >>> demonstrative_mentions("甲乙银行说，该行", [(0, 4, "ORG", "甲乙银行")])
    [Mention(start=6, end=8, label='ORG', canonical='甲乙银行')]
    """
    mentions = []
    orgs = [(e, full) for _, e, label, full in named if label == "ORG"]  # disjoint: ends sorted
    of_kind: dict[str, set[str]] = {noun: set() for noun in _KINDS}  # full names ended so far
    k = 0
    for m in _DEMONSTRATIVE.finditer(text):
        while k < len(orgs) and orgs[k][0] <= m.start():  # one sweep over the names in all
            for noun, endings in _KINDS.items():
                if orgs[k][1].endswith(endings):
                    of_kind[noun].add(orgs[k][1])
            k += 1
        names = of_kind[m.group(1)]
        if len(names) == 1:
            mentions.append(Mention(m.start(), m.end(), "ORG", next(iter(names))))
    return mentions


def abbreviated_mentions(
    text: str, named: Sequence[tuple[int, int, str, str]], boundaries: frozenset[int]
) -> list[Mention]:
    """Words jieba's dictionary tags as abbreviations (``j``: 一汽, 北大) outside any entity,
    each a mention of the one organization named before it that it abbreviates.

    >>> text = "中国第一汽车集团称，一汽的销量增长"
    >>> abbreviated_mentions(text, [(0, 8, "ORG", "中国第一汽车集团")], frozenset([8, 9, 10, 12]))
    [Mention(start=10, end=12, label='ORG', canonical='中国第一汽车集团')]
    """
    tags = jieba_word_tags()
    taken = {i for s, e, _, _ in named for i in range(s, e)}
    orgs = [(s, full) for s, _, label, full in named if label == "ORG"]
    before = _Shortened()  # full names of organizations starting before the word
    k = 0
    mentions = []
    for start, end in pairwise(sorted(boundaries)):
        if end - start < 2 or tags.get(text[start:end]) != "j" or start in taken:
            continue
        while k < len(orgs) and orgs[k][0] < start:  # named is sorted: one sweep in all
            before.add(orgs[k][1])
            k += 1
        fulls = before.shortened_by(text[start:end])
        if len(fulls) == 1:
            mentions.append(Mention(start, end, "ORG", next(iter(fulls))))
    return mentions


@dataclass
class _Shortened:
    """Full names as they are named, indexed by character: a short form is tried only against
    the names holding all of its characters (an abbreviation must), so a unit's cost grows
    with its names, not with names times names."""

    by_char: dict[str, set[str]] = field(default_factory=dict)

    def add(self, full: str) -> None:
        for ch in full:
            self.by_char.setdefault(ch, set()).add(full)

    def shortened_by(self, short: str) -> set[str]:
        """The full names added so far that ``short`` abbreviates."""
        pools = sorted((self.by_char.get(ch, set()) for ch in set(short)), key=len)
        if not pools:
            return set()
        return {f for f in pools[0].intersection(*pools[1:]) if _abbreviates(short, f)}


Named = dict[tuple[int, int], tuple[str, str | None]]


def with_mentions(spans: Named, mentions: Sequence[Mention]) -> Named:
    """Spans ((start, end) -> (label, full name or None)) merged with the mentions.

    A mention takes the place of the entities inside it; one that overlaps another entity
    only in part, or lies inside one, is left out. ``spans`` do not overlap (nor do they
    after merging), so the entities a mention meets are one run of them, found by bisection.
    """
    out = dict(spans)
    keys = sorted(out)  # non-overlapping: sorted by start, their ends are sorted too
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        lo = bisect_left(keys, (m.start,))
        if lo and keys[lo - 1][1] > m.start:  # the one entity that may start before it
            lo -= 1
        hi = bisect_left(keys, (m.end,))
        met = keys[lo:hi]
        if any(s < m.start or e > m.end for s, e in met):
            continue
        for key in met:
            del out[key]
        keys[lo:hi] = [(m.start, m.end)]
        out[(m.start, m.end)] = (m.label, m.canonical)
    return out


def canonical_names(
    text: str, spans: Sequence[tuple[int, int, str]], boundaries: frozenset[int]
) -> list[tuple[int, int, str, str]]:
    """Entities with short-form and demonstrative mentions added, each with its canonical name:
    the full name it stands for (resolved through chains), or its own surface.

    >>> text = "甲乙丙丁集团有限公司（以下简称“甲乙”）称，甲乙营收增长。"
    >>> canonical_names(text, [(0, 10, "ORG")], frozenset([0, 10, 22, 24]))[-1]
    (22, 24, 'ORG', '甲乙丙丁集团有限公司')
    """
    own: Named = {(s, e): (label, None) for s, e, label in spans}
    named = _name_each(text, with_mentions(own, introduced_mentions(text, spans, boundaries)))
    later = [*demonstrative_mentions(text, named), *abbreviated_mentions(text, named, boundaries)]
    if not later:
        return named
    merged = with_mentions({(s, e): (lab, full) for s, e, lab, full in named}, later)
    return [(s, e, lab, full or text[s:e]) for (s, e), (lab, full) in sorted(merged.items())]


def _name_each(text: str, merged: Named) -> list[tuple[int, int, str, str]]:
    """Canonical name of each entity: its full name through chains, the one longer
    organization named before it that it abbreviates, or its own surface."""
    ordered = sorted(merged.items())
    full_of = {text[s:e]: full for (s, e), (_, full) in ordered if full}
    orgs_before = _Shortened()
    result = []
    for (s, e), (label, full) in ordered:
        surface = text[s:e]
        if full is None and label == "ORG":
            longer = orgs_before.shortened_by(surface)
            full = _root(next(iter(longer)), full_of) if len(longer) == 1 else None
            if full is None:
                orgs_before.add(surface)
        result.append((s, e, label, _root(full, full_of) if full else surface))
    return result


def _abbreviates(short: str, full: str) -> bool:
    """An abbreviation, unless both are listed names with the same ending (中国银行 is no
    short form of 中国工商银行; 北大 is one of 北京大学) or ``short`` is a parent organization."""
    if short in _listed() and full in _listed() and short[-2:] == full[-2:]:
        return False
    if short in full and short.endswith(_org_suffixes()):  # a parent: 清华大学 in 清华大学出版社
        return False
    return is_abbreviation(short, full)


@cache
def _org_suffixes() -> tuple[str, ...]:
    return tuple(x for x in rule_lexicons()["org_suffixes"] if len(x) >= 2)


def _root(name: str, full_of: dict[str, str]) -> str:
    """Follow short form -> full name links to the end (一汽 -> 一汽集团 -> 中国第一汽车集团)."""
    seen = {name}
    while name in full_of and full_of[name] not in seen:
        name = full_of[name]
        seen.add(name)
    return name
