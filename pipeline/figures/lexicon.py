"""The figure lexicons of ``gazetteers/figures/``, loaded once per process.

Units, qualifiers, change verbs, idioms and the word lists that bound metrics and subjects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from pipeline.lexicon import read_list, read_table
from pipeline.zh.chars import fold


@dataclass(frozen=True)
class Unit:
    base: str
    factor: float
    category: str
    blockers: str
    not_after_small: bool = False  # not a unit after a small Chinese count (两度 is twice)


@dataclass(frozen=True)
class _Qualifier:
    bound: str
    scale_only: bool
    not_after: str = ""  # characters before the word that make it part of another (通过)


@dataclass(frozen=True)
class Lexicon:
    units: dict[str, Unit]
    unit_max: int
    non_units: frozenset[str]
    non_unit_max: int
    pre: dict[str, _Qualifier]
    mid: dict[str, _Qualifier]
    post: dict[str, _Qualifier]
    than: dict[str, _Qualifier]  # 比170低: the word after 比 + number
    qual_max: int
    bound_links: tuple[str, ...]  # 大于100并且小于300: what joins two bounds into a range
    changes: dict[str, str]
    change_max: int
    idioms: re.Pattern[str] | None
    links: tuple[str, ...]
    boundaries: tuple[str, ...]
    noun_stop_set: frozenset[str]
    counted_nouns: frozenset[str]
    follow: frozenset[str]  # characters that can follow a numeral of a figure
    subject_heads: tuple[str, ...]
    subject_suffixes: dict[str, tuple[str, str]]  # ending -> (may not follow, may not precede)
    determiners: str  # 另一种, 每一次: characters before 一 that make it a determiner
    count_cues: tuple[str, ...]  # 仅一家, 新增一名: words that make 一 + classifier a count
    prefixes: dict[str, tuple[str, str, frozenset[str]]]  # US$ -> (美元, money, {})
    prefix_max: int


@cache
def load_lexicon() -> Lexicon:
    units: dict[str, Unit] = {}
    for row in read_table("figures/units.tsv"):
        surface, base, factor, category = row[:4]
        blockers = row[4] if len(row) > 4 else ""
        flag = len(row) > 5 and row[5] == "not_after_small"
        units[fold(surface)] = Unit(base, float(factor), category, blockers, flag)
    for noun in read_list("figures/counted_nouns.txt"):
        units.setdefault(noun, Unit(noun, 1.0, "count", ""))
    pre: dict[str, _Qualifier] = {}
    mid: dict[str, _Qualifier] = {}
    post: dict[str, _Qualifier] = {}
    than: dict[str, _Qualifier] = {}
    for row in read_table("figures/qualifiers.tsv"):
        word, bound, position = row[:3]
        slot = {"pre": pre, "mid": mid, "post": post, "than": than}[position]
        flag = row[3] if len(row) > 3 else ""
        not_after = flag.removeprefix("not_after:") if flag.startswith("not_after:") else ""
        slot[word] = _Qualifier(bound, flag == "scale_only", not_after)
    changes = {w: d for w, d in read_table("figures/change_verbs.tsv")}
    idioms = sorted((fold(w) for w in read_list("figures/idioms.txt")), key=len, reverse=True)
    non_units = frozenset(fold(w) for w in read_list("figures/non_units.txt"))
    starts = (*units, *non_units, *mid, *post, "大", "-", "—", "–", "~", "至", "到", "、", "级")
    starts = (*starts, "个", "角", "毛")  # 十个亿, 两毛五
    prefixes = {
        fold(row[0]): (row[1], row[2], frozenset(row[3].split(",") if len(row) > 3 else ()))
        for row in read_table("figures/unit_prefixes.tsv")
    }
    return Lexicon(
        determiners="".join(read_list("figures/determiners.txt")),
        count_cues=read_list("figures/count_cues.txt"),
        prefixes=prefixes,
        prefix_max=max(map(len, prefixes)),
        follow=frozenset(word[0] for word in starts),
        units=units,
        unit_max=max(map(len, units)),
        non_units=non_units,
        non_unit_max=max(map(len, non_units)),
        pre=pre,
        mid=mid,
        post=post,
        than=than,
        bound_links=tuple(sorted(read_list("figures/bound_links.txt"), key=len, reverse=True)),
        qual_max=max(map(len, [*pre, *mid, *post])),
        changes=changes,
        change_max=max(map(len, changes)),
        idioms=re.compile("|".join(map(re.escape, idioms))) if idioms else None,
        links=tuple(sorted(read_list("figures/link_words.txt"), key=len, reverse=True)),
        boundaries=tuple(read_list("figures/metric_boundaries.txt")),
        noun_stop_set=frozenset(read_list("figures/noun_stops.txt")),
        counted_nouns=frozenset(read_list("figures/counted_nouns.txt")),
        subject_heads=tuple(sorted(read_list("figures/subject_heads.txt"), key=len, reverse=True)),
        subject_suffixes={
            row[0]: ((row[1] if len(row) > 1 else ""), (row[2] if len(row) > 2 else ""))
            for row in read_table("figures/subject_suffixes.txt")
        },
    )


# ---------------------------------------------------------------------------------------------
# Scanning


def match_unit(lex: Lexicon, folded: str, pos: int) -> tuple[str, Unit | None]:
    """The unit starting at ``pos`` (its surface and entry), honouring each unit's blockers."""
    for n in range(min(lex.unit_max, len(folded) - pos), 0, -1):
        unit = lex.units.get(folded[pos : pos + n])
        if unit is None:
            continue
        after = folded[pos + n : pos + n + 1]
        if after and after in unit.blockers:
            continue
        return folded[pos : pos + n], unit
    return "", None
