"""Resolving overlapping candidates into one set of entities."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache

from pipeline.entities.candidates import PRIORITY_MODEL, PRIORITY_RULE, Candidate
from pipeline.entities.lexicons import rule_lexicons
from pipeline.entities.rules import is_name, model_span_ok


def resolve(text: str, candidates: Iterable[Candidate]) -> list[tuple[int, int, str]]:
    """No overlaps: longest span first, then higher priority, then earlier; join adjacent places.

    >>> resolve("江西省南昌市", [(0, 3, "LOC", 1), (3, 6, "LOC", 2), (1, 3, "ORG", 1)])
    [(0, 6, 'LOC')]
    """
    candidates = _confirm_rule_orgs(text, _drop_model_spans_over_names(list(candidates)))
    candidates = [t for c in candidates if (t := _tidy(text, c)) is not None]
    candidates = _trim_glued_persons(text, candidates)
    taken = [False] * (len(text) + 1)
    chosen: list[tuple[int, int, str]] = []
    generic = frozenset(rule_lexicons()["generic_names"])
    common = _common_nr_words()
    for s, e, label, priority in sorted(candidates, key=lambda c: (c[0] - c[1], -c[3], c[0])):
        if e <= s or any(taken[s:e]) or text[s:e] in generic:
            continue
        if priority == PRIORITY_MODEL and not model_span_ok(text[s:e], label):
            continue
        # jieba tags some common words nr (金刚石, 哈达); the model learnt names from such tags
        if priority == PRIORITY_MODEL and label == "PER" and text[s:e] in common:
            continue
        if label == "PER" and not is_name(text[s:e]):
            continue
        chosen.append((s, e, label))
        for i in range(s, e):
            taken[i] = True
    chosen.sort()
    # 江西省南昌市 is one place; 中美, 山西阳高县, 城关镇宝塔山 are not joined.
    admin = frozenset(rule_lexicons()["division_suffixes"])
    merged: list[tuple[int, int, str]] = []
    for s, e, label in chosen:
        if (
            merged
            and label == "LOC"
            and merged[-1][2] == "LOC"
            and merged[-1][1] == s
            and text[s - 1] in admin
            and text[e - 1] in admin
        ):
            merged[-1] = (merged[-1][0], e, "LOC")
        else:
            merged.append((s, e, label))
    return merged


@cache
def _common_nr_words() -> frozenset[str]:
    return frozenset(rule_lexicons()["common_nr_words"])


def _trim_glued_persons(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A person found at one place only whose name minus its last character is found at another
    place had the next word's first character glued on (陈冬共执行 next to 陈冬): trim it.

    >>> _trim_glued_persons("陈冬说，陈冬共执行", [(0, 2, "PER", 1), (4, 7, "PER", 1)])
    [(0, 2, 'PER', 1), (4, 6, 'PER', 1)]
    """
    seen: dict[str, set[int]] = {}
    for c in candidates:
        if c[2] == "PER":
            seen.setdefault(text[c[0] : c[1]], set()).add(c[0])
    out = []
    for s, e, label, priority in candidates:
        elsewhere = seen.get(text[s : e - 1], {s}) - {s}
        if label == "PER" and e - s >= 3 and seen[text[s:e]] == {s} and elsewhere:
            e -= 1
        out.append((s, e, label, priority))
    return out


def _tidy(text: str, candidate: Candidate) -> Candidate | None:
    """Fix the edges of a person or organization span that are known to go wrong.

    A person loses a form of address (钱先生 -> 钱) or a credit/speech character (张三丰摄 ->
    张三丰) or a preposition jieba glued on (在王明; 从X江 with no surname after 从 is none);
    a surname before 氏 is a clan, not a person (程氏宗祠); a "person" ending in a
    two-character place word or a division suffix is a place (怀柔水库, 桐川市). An
    organization loses a role at its end (矿业公司总工程师) or the first character of a role
    that repeats its last one (教育厅厅长); one counted by 家/所 (12家墨西哥银行, 3家村镇银行)
    is a plural, generic phrase, and one ending in 博览会, 峰会, 进博会... is an event.

    >>> _tidy("钱先生说", (0, 3, "PER", 1)), _tidy("王建国摄", (0, 4, "PER", 1))
    ((0, 1, 'PER', 1), (0, 3, 'PER', 1))
    >>> _tidy("程氏宗祠", (0, 1, "PER", 1)), _tidy("怀柔水库", (0, 4, "PER", 1))
    (None, (0, 4, 'LOC', 1))
    >>> _tidy("在王明家", (0, 3, "PER", 1)), _tidy("从桐川看", (0, 3, "PER", 1))
    ((1, 3, 'PER', 1), None)
    >>> _tidy("桐川市", (0, 3, "PER", 1))
    (0, 3, 'LOC', 1)
    >>> _tidy("省教育厅厅长", (0, 5, "ORG", 1)), _tidy("有3家兴业银行", (3, 7, "ORG", 3))
    ((0, 4, 'ORG', 1), None)
    >>> _tidy("参加进博会", (2, 5, "ORG", 1))
    (2, 5, 'EVENT', 1)
    """
    s, e, label, priority = candidate
    lex = _tidy_lexicons()
    if label == "PER":
        surface = text[s:e]
        honorific = next((h for h in lex["honorifics"] if surface.endswith(h)), "")
        if honorific and e - len(honorific) > s:
            e -= len(honorific)
        elif e - s >= 3 and text[e - 1] in lex["trailers"]:
            e -= 1
        if e - s >= 3 and text[s] in lex["stops"]:  # 从|桐川: jieba glued a preposition on
            if text[s + 1] not in lex["surnames"] and text[s + 1 : s + 3] not in lex["surnames"]:
                return None
            if text[s] not in lex["surnames"]:  # 向凤兰 may be a name, 在王明 is not
                s += 1
        if e - s == 1 and text[e : e + 1] == "氏":
            return None
        if surface.endswith(lex["place_words"]) or text.endswith(lex["divisions"], s, e):
            label = "LOC"
    elif label == "ORG":
        if _COUNTED.search(text, max(0, s - 8), s):
            return None
        if text.endswith(lex["events"], s, e):
            return s, e, "EVENT", priority
        role = next((r for r in lex["roles"] if text.endswith(r, s, e)), "")
        if role and e - len(role) - s >= 2:
            e -= len(role)
        elif e - s >= 3 and text[e - 2] == text[e - 1] and text[e - 1 : e + 1] in lex["roles"]:
            e -= 1
    return s, e, label, priority


# a count of firms or institutions right before a name: 12家, 三所, 20余家
_COUNTED = re.compile(r"(?:[0-9０-９]+|[一二三四五六七八九十两几数百千多]+)[余多]?[家所]$")


@cache
def _tidy_lexicons() -> dict[str, tuple[str, ...]]:
    lex = rule_lexicons()
    return {
        "honorifics": lex["person_honorifics"],
        "trailers": lex["person_trailers"],
        "place_words": tuple(x for x in lex["loc_suffixes"] if len(x) >= 2),
        "roles": tuple(r for r in lex["person_roles"] if len(r) >= 2),
        "events": lex["event_only_suffixes"],
        "stops": lex["name_prefix_stops"],
        "divisions": lex["division_suffixes"],
        "surnames": lex["surnames"],
    }


def _starting_within(
    ordered: list[Candidate], keys: list[int], start: int, end: int
) -> list[Candidate]:
    """Candidates of ``ordered`` (sorted by start; ``keys`` their starts) lying in [start, end)."""
    lo, hi = bisect_left(keys, start), bisect_left(keys, end)
    return [c for c in ordered[lo:hi] if c[1] <= end]


def _confirm_rule_orgs(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A suffix-rule organization starts where a model or list name starts inside it (its left
    edge is the weak part: 图为国泰航空公司 -> 国泰航空公司), or a person right before the
    suffix (艾瑞 + 咨询); with no such name it is dropped."""
    suffixes = frozenset(rule_lexicons()["org_suffixes"])
    others = sorted(c for c in candidates if c[3] != PRIORITY_RULE or c[2] != "ORG")
    keys = [c[0] for c in others]
    out = list(others)
    for s, e, label, priority in candidates:
        if priority != PRIORITY_RULE or label != "ORG":
            continue
        starts = [
            c[0]
            for c in _starting_within(others, keys, s, e)
            if c[2] != "PER" or text[c[1] : e] in suffixes
        ]
        if starts:
            out.append((min(starts), e, label, priority))
    return out


def _drop_model_spans_over_names(candidates: list[Candidate]) -> list[Candidate]:
    """A model span that covers two organizations found by lists or rules is two names."""
    named = sorted(c for c in candidates if c[3] > PRIORITY_MODEL and c[2] == "ORG")
    if not named:
        return candidates
    keys = [c[0] for c in named]

    def covers_two(c: Candidate) -> bool:
        inside = [n for n in _starting_within(named, keys, c[0], c[1]) if n[1] - n[0] < c[1] - c[0]]
        return any(a[1] <= b[0] for a in inside for b in inside)

    return [c for c in candidates if c[3] > PRIORITY_MODEL or not covers_two(c)]
