"""Canonical names in time linear in the unit: the bisected merge of mentions and the short
forms tried once per pair give what the scans over every entity gave."""

from __future__ import annotations

import re
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.entities.canonical import (
    _KINDS,
    Mention,
    _abbreviates,
    canonical_names,
    demonstrative_mentions,
    with_mentions,
)


def _reference_with_mentions(spans, mentions):
    """Every entity compared with every mention."""
    out = dict(spans)
    for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
        inside = [(s, e) for s, e in out if m.start <= s and e <= m.end]
        if any(s < m.end and m.start < e and (s, e) not in inside for s, e in out):
            continue
        for key in inside:
            del out[key]
        out[(m.start, m.end)] = (m.label, m.canonical)
    return out


@st.composite
def spans_and_mentions(draw):
    cuts = sorted(draw(st.sets(st.integers(0, 60), min_size=2, max_size=24)))
    pairs = list(zip(cuts[::2], cuts[1::2], strict=False))  # disjoint, as resolve gives them
    spans = {(s, e): ("ORG", None) for s, e in pairs if e > s}
    mentions = []
    for _ in range(draw(st.integers(0, 8))):
        s = draw(st.integers(0, 59))
        e = draw(st.integers(s + 1, 60))
        mentions.append(Mention(s, e, draw(st.sampled_from(["ORG", "LOC"])), f"n{s}"))
    return spans, mentions


@settings(max_examples=300, deadline=None)
@given(spans_and_mentions())
def test_mentions_merged_by_bisection_equal_the_scan_over_every_entity(case) -> None:
    spans, mentions = case
    assert with_mentions(spans, mentions) == _reference_with_mentions(spans, mentions)


def _reference_abbreviations(text, spans):
    """Each organization tried against every organization named before it."""
    orgs, found = [], []
    for s, e, label in spans:
        surface = text[s:e]
        if label == "ORG":
            longer = {o for o in orgs if _abbreviates(surface, o)}
            if len(longer) == 1:
                found.append((s, longer.pop()))
            else:
                orgs.append(surface)
    return found


def test_short_forms_point_to_the_full_names_a_scan_would_find() -> None:
    names = ["北京大学", "北大", "中国第一汽车集团", "一汽", "清华大学", "北大", "一汽", "北京大学"]
    text, spans = "", []
    for name in names:
        spans.append((len(text), len(text) + len(name), "ORG"))
        text += name + "，"
    result = canonical_names(text, spans, frozenset())
    pointed = [(s, full) for s, _, _, full in result if full != text[s : s + len(full)]]
    assert pointed == _reference_abbreviations(text, spans)
    assert len(pointed) == 4  # both 北大 and both 一汽


def _seconds(text: str, spans) -> float:
    began = time.process_time()
    canonical_names(text, spans, frozenset())
    return time.process_time() - began


def test_canonical_names_take_time_linear_in_the_number_of_names() -> None:
    def unit(n: int):
        names = [f"甲{chr(0x4E00 + k % 500)}{chr(0x4E00 + k // 500)}集团公司" for k in range(n)]
        text = "，".join(names)
        spans, at = [], 0
        for name in names:
            spans.append((at, at + len(name), "ORG"))
            at += len(name) + 1
        return text, spans

    small, large = unit(500), unit(4000)
    ratio = (_seconds(*large) / 4000) / (_seconds(*small) / 500)
    assert ratio < 3  # eight times the names: a scan of all names per name takes ~8x per name


def _reference_demonstratives(text, named):
    """Every entity before each 该X looked at again."""
    found = []
    for m in re.finditer(r"该(公司|集团|银行|行|企业|大学|医院|机构)", text):
        names = {
            full
            for s, e, label, full in named
            if label == "ORG" and e <= m.start() and full.endswith(_KINDS[m.group(1)])
        }
        if len(names) == 1:
            found.append((m.start(), names.pop()))
    return found


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["甲乙银行", "丙丁集团", "戊公司", "该行", "该公司", "该机构", "，", "北京"]
        )
    )
)
def test_demonstratives_found_in_one_sweep_equal_a_look_at_every_name_before(parts) -> None:
    text, named = "", []
    for part in parts:
        if part.endswith(("银行", "集团", "公司")) and not part.startswith("该"):
            named.append((len(text), len(text) + len(part), "ORG", part))
        text += part
    found = [(m.start, m.canonical) for m in demonstrative_mentions(text, named)]
    assert found == _reference_demonstratives(text, named)
