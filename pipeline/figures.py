"""Figures: every number with its unit, value, bound, change and what it measures.

The extractor is regex-driven (one compiled scanner, dictionary look-ups for units and
qualifiers) so that it runs well above 1 MB of text per second per core. All lexicons live in
``gazetteers/figures/``.

Matching runs on a *folded* copy of the text: every character maps to exactly one character
(full-width digits to ASCII, traditional numerals to simplified ones), so offsets found in the
folded text are offsets into the original text.

>>> [f.surface for f in extract_figures("贷款余额38.8万亿元，同比增长9.9%。")]
['38.8万亿元', '9.9%']
>>> parse_number("一千零五")
1005.0
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import Any

from pipeline.document import DateMention, Entity, Figure
from pipeline.lexicon import read_list, read_table
from pipeline.zh.chars import CAPITALS, fold
from pipeline.zh.numerals import DIGITS, parse_folded, parse_number, parse_scale, scale_words
from pipeline.zh.patterns import longest, longest_before
from pipeline.zh.sentences import sentence_spans
from pipeline.zh.words import jieba_word_tags

__all__ = ["NumberMention", "extract_figures", "extract_numbers", "find_numbers", "parse_number"]

_CN = "零〇一二两三四五六七八九十百千万亿廿卅"
_CNDIGITS = "零〇一二三四五六七八九"
# Text set with spaces between characters (PDF layouts: 一百 五 十, 7 万5 千): a space may stand
# inside a numeral next to a scale word or 点, never between two bare digits (一 二 are two).
_SP = r"[ \u3000]{1,3}"
_SPO = r"[ \u3000]{0,3}"
_CN_RUN = (
    rf"(?:[{_CN}]|兆(?=[一二三四五六七八九十]))"
    rf"(?:[{_CN}]|兆(?=[一二三四五六七八九十])|{_SP}(?=[十百千万亿])|(?<=[十百千万亿]){_SP}(?=[{_CN}]))*"
    rf"(?:{_SPO}点{_SPO}[{_CNDIGITS}](?:[ \u3000]?[{_CNDIGITS}])*)?"
)
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
# Arabic digits with scale words, also interleaved (5万4千6百, 1千零1)
_MIXED = rf"{_ARABIC}(?:{_SPO}[十百千万亿]+{_SPO}零?[0-9]+)*(?:{_SPO}[十百千万亿]+)?"
_SIGN = r"(?:负|(?<![0-9A-Za-z])-)?"
_NUMERAL = rf"(?:{_MIXED}|{_CN_RUN})"
# 百分之五 (%), 千分之三 (‰), 万分之三, 千万分之六: a scale-word denominator makes a ratio
_PCT = rf"(?:千万|百万|十万|[百千万亿]){_SPO}分{_SPO}之{_SPO}"
# 三分之一, 二十五分之一百四十四, 一又二分之一: any other denominator makes a fraction
_FRAC = rf"(?:(?P<whole>{_SIGN}{_NUMERAL})又)?(?P<den>{_NUMERAL}){_SPO}分{_SPO}之{_SPO}"
# A number core: signed Arabic number with trailing scale words, or a run of Chinese numerals,
# after a percent prefix or the denominator of a fraction.
_CORE = re.compile(
    rf"(?=[-负0-9{_CN}兆])"  # fail fast where no number starts: most characters of a page
    rf"(?:(?P<pct>{_PCT})|{_FRAC})?"
    rf"(?P<core>{_SIGN}(?<![0-9A-Za-z.])(?<![0-9],)(?:{_MIXED}|{_CN_RUN}))"
)
_SPACES = str.maketrans("", "", " \u3000")
_WS = " \t\u3000\xa0"
_RANGE_SEP = re.compile(
    r"(?:[(（]含[)）])?[ \u3000]*(?:-{1,2}|—{1,2}|–|~|至|到)[ \u3000]*"  # 1万(含)-5万元
)
_CENTS = re.compile(
    r"(?:(?P<jiao>[0-9一二两三四五六七八九])[角毛])?(?:零?(?P<fen>[0-9一二两三四五六七八九])分)?(?![钟])"
)
_KUAI_CENTS = re.compile(  # after 块: 三块五, 五块七毛八, 三块零四
    r"(?P<jiao>[0-9一二两三四五六七八九])(?:[角毛](?P<fen>[0-9一二两三四五六七八九])?分?)?"
    r"|零(?P<zfen>[0-9一二两三四五六七八九])分?"
)
_AFTER_KUAI = frozenset("钱到至的左右多一每")  # 三块五到四块, 三块五一斤 (not 一块二手车)
_APPROX_SCALE = re.compile(r"[余多几]([万亿]+)")
_TITLE = re.compile(r"《[^《》\n]{0,120}》")
# a short quoted phrase without punctuation: a slogan or a name (“三所联动”, “跑一次”, “六尺巷”)
_SLOGAN = re.compile(r"“[^“”\n，。！？、；：,!?]{1,8}”|‘[^‘’\n，。！？、；：,!?]{1,8}’")
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n")
_CLAUSE_END = "，,；;：:、。！？!?\n"
_SLASH_FRACTION = re.compile(r"(?<![0-9/.])(-?[0-9]+)[ ]?/[ ]?([0-9]+)(?![0-9/.])")  # 1/3, -3/2
_URL = re.compile(r"(?:https?://|www\.)[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+")


@dataclass(frozen=True)
class NumberMention:
    """A bare number found in text (no unit needed): what :func:`find_numbers` returns."""

    start: int
    end: int
    surface: str
    value: float


@dataclass(frozen=True)
class _Unit:
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
class _Lexicon:
    units: dict[str, _Unit]
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
def _lexicon() -> _Lexicon:
    units: dict[str, _Unit] = {}
    for row in read_table("figures/units.tsv"):
        surface, base, factor, category = row[:4]
        blockers = row[4] if len(row) > 4 else ""
        flag = len(row) > 5 and row[5] == "not_after_small"
        units[fold(surface)] = _Unit(base, float(factor), category, blockers, flag)
    for noun in read_list("figures/counted_nouns.txt"):
        units.setdefault(noun, _Unit(noun, 1.0, "count", ""))
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
    return _Lexicon(
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


@dataclass
class _Candidate:
    start: int  # incl. pre-qualifier
    end: int  # incl. unit and post-qualifier
    num_start: int
    num_end: int  # end of the numeral incl. its scale
    number_text: str
    scale: str | None
    raw: float  # numeral value without scale
    scale_value: float
    unit: str | None
    factor: float
    category: str | None
    qualifier: str | None
    bound: str
    pure_scale: bool
    order: bool = False
    noun_unit: bool = False  # the unit is the counted noun itself (3部门, 六大方向)
    low: float | None = None
    high: float | None = None
    percent_prefix: str | None = None
    extra: float = 0.0  # 角/分 after 元, 半 after a measure

    @property
    def value(self) -> float:
        # 15 significant digits drop binary noise (4.03 * 1e12 = 4030000000000.0005)
        extra = -self.extra if self.raw < 0 else self.extra  # -5元7角 is -5.7
        return float(f"{self.raw * self.scale_value * self.factor + extra:.15g}")


def _match_unit(lex: _Lexicon, folded: str, pos: int) -> tuple[str, _Unit | None]:
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


def _split_scale(core: str, arabic: bool) -> tuple[str, str]:
    """Numeral and scale parts: 38.8万亿 -> (38.8, 万亿); 一百五十万 -> (一百五十, 万)."""
    scale_chars = ("十百千万亿" if arabic else "万亿") + " \u3000"
    i = len(core)
    while i > 0 and core[i - 1] in scale_chars:
        i -= 1
    if i == 0:  # a bare scale word (百 in 超百场, 亿 in 过亿): the last one is the numeral
        i = max(len(core) - 1, 1)
    if any(c in ("十百千万亿" if arabic else "万亿兆") for c in core[:i]):
        return core, ""  # 5万4千6百, 四十九兆九千五百九十二亿: one numeral
    return core[:i], core[i:].lstrip(" \u3000")


def _scan(lex: _Lexicon, text: str, folded: str, *, bare: bool) -> list[_Candidate]:
    """Every numeral with what follows it (scale, mid-qualifier, unit, post-qualifier).

    Unless ``bare`` numbers are wanted, a Chinese numeral that nothing unit-like follows
    (一些, 统一, 三农) is dropped before any further work: most Chinese numeral characters in
    running text are not numbers.
    """
    found: list[_Candidate] = []
    for m in _CORE.finditer(folded):
        last = found[-1] if found else None
        if last is not None and m.start() < last.end:
            continue  # inside the previous figure (五元七毛八分)
        # 百分之十到二十: the high end of a percent range needs no unit of its own
        high_end = last is not None and bool(last.percent_prefix)
        high_end = high_end and _RANGE_SEP.fullmatch(folded, last.end, m.start()) is not None
        if not (bare or high_end or m.group("pct")) and _unit_cannot_follow(lex, folded, m):
            continue
        cand = _candidate(lex, text, folded, m)
        if cand is not None:
            found.append(cand)
    return found


def _unit_cannot_follow(lex: _Lexicon, folded: str, m: re.Match[str]) -> bool:
    core = m.group("core")
    if core[-1:].isdigit() or any(c in "万亿" for c in core):
        return False
    p = m.end("core")
    while p < len(folded) and folded[p] in _WS:
        p += 1
    return folded[p : p + 1] not in lex.follow


def _candidate(lex: _Lexicon, text: str, folded: str, m: re.Match[str]) -> _Candidate | None:
    core_start, core_end = m.span("core")
    core = folded[core_start:core_end]
    arabic = any(c.isdigit() for c in core)
    if not arabic:
        core = _well_formed(core)
        core_end = core_start + len(core)
        if len(core) == 1 and text[core_start] in CAPITALS and not m.group("pct"):
            return None
    if not arabic and core[0] in "零〇" and "点" not in core:  # 零部件, 零售
        return None
    num_end = _numeral_end(lex, folded, core_start, core, arabic)
    numeral = folded[core_start:num_end]
    sign = numeral[0] in "-负"
    body = numeral[1:] if sign else numeral
    number_part, scale = _split_scale(body, arabic)
    raw = parse_folded(("-" if sign else "") + number_part)
    if raw is None and folded[num_end : num_end + 1] == "折" and len(number_part) == 2:
        raw = float("".join(str(DIGITS.get(c, "")) for c in number_part) or "nan")  # 八五折
    scale_value = parse_scale(scale) if scale else 1.0
    if raw is None or math.isnan(raw) or scale_value is None:
        return None
    num_start = core_start
    if m.group("den") is not None:  # 三分之一: the numerator read, now the fraction
        raw = _fraction_value(m.group("whole"), m.group("den"), raw)
        if raw is None:
            return None
        num_start = m.start()
    pure_scale = not arabic and all(c in "十百千万亿" for c in body) and body[0] != "十"
    cand = _Candidate(
        start=num_start,
        end=num_end,
        num_start=num_start,
        num_end=num_end,
        number_text=text[num_start : core_start + len(number_part) + sign],
        scale=text[num_end - len(scale) : num_end] if scale else None,
        raw=raw,
        scale_value=scale_value,
        unit=None,
        factor=1.0,
        category=None,
        qualifier=None,
        bound="exact",
        pure_scale=pure_scale,
        percent_prefix=m.group("pct"),
    )
    _attach_tail(lex, text, folded, cand)
    _attach_prefix(lex, text, folded, cand)
    _attach_pre_qualifier(lex, text, folded, cand)
    _attach_comparative(lex, text, folded, cand)
    if cand.percent_prefix:
        _apply_percent_prefix(cand, m.start("pct"))
    return cand


def _fraction_value(whole: str | None, den: str, numerator: float) -> float | None:
    """一又二分之一 -> 1.5; 三分之一 -> 1/3 (None when the denominator is 0 or unreadable)."""
    denominator = parse_folded(den)
    if not denominator:
        return None
    value = numerator / denominator
    if whole is None:
        return value
    head = parse_folded(whole)
    if head is None:
        return None
    return head - value if head < 0 else head + value


def _well_formed(core: str) -> str:
    """The longest prefix of a Chinese numeral run that reads as one number: unit words fall
    within a section (七十百分位 -> 七十, the 百 starts the next word)."""
    small, big = scale_words()
    last_small = 10_000.0
    for i, c in enumerate(core):
        if c in small:
            if small[c] >= last_small:
                return core[:i]
            last_small = small[c]
        elif c in big:
            last_small = 10_000
    return core


def _numeral_end(lex: _Lexicon, folded: str, start: int, core: str, arabic: bool) -> int:
    """Where the numeral ends. Trailing scale words may belong to a unit (3千瓦, 5百分点): give
    them back when the unit then reaches as far and is longer."""
    best = (start + len(core), 0, 0)  # (num_end, reach, unit length)
    stripped = core
    while stripped.lstrip("-负"):
        end = start + len(stripped)
        reach, unit_text, unit = _after_numeral(lex, folded, end)
        if unit is not None and (reach, len(unit_text)) > best[1:]:
            best = (end, reach, len(unit_text))
        if len(stripped.lstrip("-负")) == 1 or stripped[-1] not in "十百千万亿":
            break
        stripped = stripped[:-1].rstrip(" \u3000")
    return best[0]


def _after_numeral(lex: _Lexicon, folded: str, pos: int) -> tuple[int, str, _Unit | None]:
    """How far a unit reaches after a numeral ending at ``pos`` (skipping mid-qualifier/scale)."""
    p = _skip_classifier(folded, pos)
    mid = longest(lex.mid, folded, p, lex.qual_max)
    p += len(mid)
    while p < len(folded) and folded[p] in "万亿":
        p += 1
    mid2 = "" if mid else longest(lex.mid, folded, p, lex.qual_max)
    p += len(mid2)
    q = _skip_spaces(folded, p)
    unit_text, unit = _match_unit(lex, folded, q)
    if unit is None:
        return pos, "", None
    return q + len(unit_text), unit_text, unit


def _attach_tail(lex: _Lexicon, text: str, folded: str, cand: _Candidate) -> None:
    """Mid-qualifier, extra scale, unit, order marker and post-qualifier after the numeral."""
    p = _skip_classifier(folded, cand.num_end)
    mid = longest(lex.mid, folded, p, lex.qual_max)
    if mid:
        p += len(mid)
        cand.qualifier, cand.bound = text[p - len(mid) : p], lex.mid[mid].bound
    extra = p
    while p < len(folded) and folded[p] in "万亿":
        p += 1
    if p > extra:
        extra_scale = parse_scale(folded[extra:p]) or 1.0
        cand.scale_value *= extra_scale
        cand.scale = (cand.scale or "") + text[extra:p]
    if not mid:
        mid = longest(lex.mid, folded, p, lex.qual_max)
        if mid and p > extra:
            p += len(mid)
            cand.qualifier, cand.bound = text[p - len(mid) : p], lex.mid[mid].bound
    cand.end = p
    q = _skip_spaces(folded, p)
    unit_text, unit = _match_unit(lex, folded, q)
    if unit is not None:
        unit, more = _unit_in_context(lex, folded, cand, unit_text, unit, q + len(unit_text))
        unit_text = folded[q : q + len(unit_text) + more]
    non_unit = longest(lex.non_units, folded, q, lex.non_unit_max)
    if unit is not None and len(unit_text) > len(non_unit):
        cand.unit, cand.factor, cand.category = unit.base, unit.factor, unit.category
        cand.noun_unit = unit_text in lex.counted_nouns
        p = cand.end = _attach_subunits(folded, cand, q + len(unit_text))
        if _times_suffix(folded, p) and cand.category in ("count", "measure"):
            cand.unit, cand.category = f"{cand.unit}次", "count"  # 33亿亩次, 8000余艘次
            p = cand.end = p + 1
        if folded[p : p + 1] == "/":  # 元/股, 美元/桶
            per_text, per = _match_unit(lex, folded, p + 1)
            if per is not None:
                cand.unit = f"{unit.base}/{per.base}"
                p = cand.end = p + 1 + len(per_text)
    elif non_unit == "点" and (cand.raw > 24 or "." in cand.number_text):
        # 报4049.29点: index points, not a clock reading (下午3点)
        cand.unit, cand.category = "点", "measure"
        p = cand.end = q + 1
    elif non_unit:
        if non_unit == "级" and _scaled(cand):
            cand.order, cand.bound, cand.end = True, "order", q + 1
            return
        cand.category = "time"
        cand.end = q + len(non_unit)
        return
    if unit is None and not non_unit and _big_count(lex, text, folded, cand, q):
        return
    if unit is None and not non_unit:
        p = cand.end = _small_change(folded, cand, q) or cand.end
    if folded[p : p + 1] == "级" and _scaled(cand):
        cand.order, cand.bound, cand.end = True, "order", p + 1
        return
    if cand.unit is None and folded[p : p + 1] == " ":  # 170 之下
        spaced = longest(lex.post, folded, p + 1, lex.qual_max)
        p += 1 if len(spaced) > 1 else 0
    post = longest(lex.post, folded, p, lex.qual_max)
    if post and _post_qualifier_ok(folded, p + len(post), post):
        if cand.qualifier is None:
            cand.qualifier, cand.bound = text[p : p + len(post)], lex.post[post].bound
        cand.end = p + len(post)


def _skip_spaces(folded: str, pos: int) -> int:
    """Past the spaces between a number and its unit (a few; PDF text pads with more)."""
    q = pos
    while q < len(folded) and folded[q] in _WS and q - pos < 6:
        q += 1
    return q


def _times_suffix(folded: str, pos: int) -> bool:
    """A 次 after a unit makes a count of occasions (亩次, 艘次), unless it opens a word (次要)."""
    return folded[pos : pos + 1] == "次" and folded[pos + 1 : pos + 2] not in (
        "要",
        "生",
        "级",
        "序",
    )


def _skip_classifier(folded: str, pos: int) -> int:
    """十个亿, 5个多亿: a 个 between a number and 万/亿 is a spoken filler of the scale."""
    if folded[pos : pos + 1] != "个":
        return pos
    nxt = folded[pos + 1 : pos + 3]
    if nxt[:1] in ("万", "亿") or (nxt[:1] in ("多", "余") and nxt[1:] in ("万", "亿")):
        return pos + 1
    return pos


_KUAI_MONEY = frozenset("钱零一二两三四五六七八九毛角") | frozenset("0123456789")


def _unit_in_context(
    lex: _Lexicon, folded: str, cand: _Candidate, unit_text: str, unit: _Unit, after: int
) -> tuple[_Unit | None, int]:
    """Units whose reading depends on their neighbours.

    块 is money (三块五, 十块钱, 5块) unless a noun follows (一块土地: a piece); 折 after two
    digits is already the percentage (75折, 八五折), after one it counts tenths (九折, 9.9折);
    a unit marked so in units.tsv does not follow a small Chinese count (两度 is twice); a
    measure or currency after 个/元 is the unit (六个加仑, 9000元日币). Returns the unit and how
    many characters after ``after`` it takes too.
    """
    nxt = folded[after : after + 1]
    noun_next = nxt in _OPEN_QUOTES or (_is_cjk(nxt) and nxt not in _KUAI_MONEY) if nxt else False
    kuai_noun = unit_text == "块" and noun_next
    if kuai_noun and not longest(lex.post, folded, after, lex.qual_max):  # 3块以上 is money
        return _Unit("块", 1.0, "count", ""), 0
    if unit_text == "个":  # 六个加仑: a measure counted with 个
        measure_text, measure = _match_unit(lex, folded, after)
        if measure is not None and measure.category == "measure":
            return measure, len(measure_text)
    if unit.category == "money" and unit.base == "元":  # 9000元日币: the currency named after
        currency_text, currency = _match_unit(lex, folded, after)
        if currency is not None and currency.category == "money" and currency.base != "元":
            return currency, len(currency_text)
    if len(unit_text) == 1 and nxt == unit_text and cand.raw == 1:
        return None, 0  # 一台台, 一个个: "one after another", not a count
    if unit_text == "折" and abs(cand.raw) >= 10:
        return replace(unit, factor=1.0), 0
    if (
        unit.not_after_small
        and not any(c.isdigit() for c in cand.number_text)
        and abs(cand.raw) < 10
        and cand.raw == int(cand.raw)
    ):
        return None, 0
    return unit, 0


_CN_DIGIT_CHARS = frozenset("0123456789一二两三四五六七八九")


def _small_change(folded: str, cand: _Candidate, pos: int) -> int | None:
    """两毛五, 5角, 三毛钱: 角/毛 are money (tenths of a yuan) when a digit or 钱 follows, or
    after an Arabic digit with no noun after (a Chinese 三角 or 三毛 alone is a word or a name).
    Sets the unit and returns where the figure ends, or None."""
    if folded[pos : pos + 1] not in ("角", "毛") or cand.scale or not 0 < cand.raw < 10:
        return None
    end = pos + 1
    fen = folded[end : end + 1]
    if fen and fen in _CN_DIGIT_CHARS:
        end += 1 + (folded[end + 1 : end + 2] == "分")
    elif folded[end : end + 1] == "钱":
        end += 1
    else:
        nxt = folded[end : end + 1]
        if not cand.number_text.isascii() or (nxt and _is_cjk(nxt)):
            return None
        fen = ""
    cand.unit, cand.category, cand.factor = "元", "money", 0.1
    cand.extra += _digit(fen) * 0.01 if fen and fen in _CN_DIGIT_CHARS else 0.0
    return end


def _scaled(cand: _Candidate) -> bool:
    """Whether the numeral carries a scale word (百亿, 38.8万亿, 万亿): needed for 百亿级."""
    return bool(cand.scale) or cand.pure_scale or any(c in "万亿" for c in cand.number_text)


def _indefinite(lex: _Lexicon, text: str, cand: _Candidate) -> bool:
    """一家工厂, 一种模式: a lone 一 + classifier is an article ("a/an"), not a figure, unless a
    count cue stands right before it (仅一家, 新增一名).

    >>> [(f.start, f.surface) for f in extract_figures("一家工厂只剩一家门店，新增一名员工。")]
    [(6, '一家'), (13, '一名')]
    """
    if cand.number_text != "一" or cand.category != "count" or cand.qualifier or cand.scale:
        return False
    return not text[: cand.start].endswith(lex.count_cues)


def _bare_scaled(cand: _Candidate) -> bool:
    """总曝光量近10亿: a number with 万/亿 is a quantity even when its unit is left implicit."""
    return cand.category is None and any(c in "万亿萬億" for c in cand.scale or "")


def _big_count(lex: _Lexicon, text: str, folded: str, cand: _Candidate, pos: int) -> bool:
    """六大方向, 三大指数: a small Chinese count + 大 + a two-character noun that is the unit."""
    noun = folded[pos + 1 : pos + 3]
    after = folded[pos + 3 : pos + 4]
    if (
        folded[pos : pos + 1] != "大"
        # the two characters must be the whole noun (四大领域，), not the head of a longer
        # phrase (两大鲜明特征, 六大核心赛道)
        or (after and _is_cjk(after) and after not in lex.noun_stop_set)
        or not 2 <= cand.raw <= 10
        or cand.scale
        or any(c.isdigit() for c in cand.number_text)
        or len(noun) < 2
        or not all(_is_cjk(c) for c in noun)
        or any(noun.startswith(w) for w in lex.noun_stop_set)
    ):
        return False
    cand.unit, cand.category, cand.noun_unit = text[pos + 1 : pos + 3], "count", True
    cand.end = pos + 3
    return True


def _post_qualifier_ok(folded: str, after: int, post: str) -> bool:
    """A post-qualifier must not be the first half of a word (上下游, 起草, 多元)."""
    nxt = folded[after : after + 1]
    if post in ("多", "余"):
        return not nxt or not _is_cjk(nxt)
    if post in ("上下", "起"):
        return not nxt or not _is_cjk(nxt) or nxt == "步"
    return True


def _is_cjk(c: str) -> bool:
    return "\u4e00" <= c <= "\u9fff"


def _attach_pre_qualifier(lex: _Lexicon, text: str, folded: str, cand: _Candidate) -> None:
    pos = cand.start - (len(cand.percent_prefix) if cand.percent_prefix else 0)
    pre, start = _spaced_before(lex.pre, folded, pos, lex.qual_max)
    if not pre:
        return
    entry = lex.pre[pre]
    if entry.scale_only and not cand.pure_scale:
        return
    before = folded[start - 1 : start] if start > 0 else ""
    if before and before in entry.not_after:
        return
    cand.start = start
    # a qualifier written before the number wins over 余/多 after it (超过100余家 is rare)
    cand.qualifier, cand.bound = text[start:pos].rstrip(_WS), entry.bound


def _spaced_before(table: dict[str, Any], text: str, pos: int, most: int) -> tuple[str, int]:
    """The longest key of ``table`` that ends at ``pos`` when spaces are ignored (小于 或 等于
    100, < = 100; a space or two between it and the number too), and where it starts.

    >>> _spaced_before({"小于或等于": 1, "等于": 1}, "小于 或 等于 100", 8, 5)
    ('小于或等于', 0)
    """
    chars: list[int] = []  # positions of the non-space characters before pos, nearest first
    p = pos
    while p > 0 and len(chars) < most and pos - p < most + 6:
        p -= 1
        if text[p] in _WS:
            if not chars and pos - p > 2:
                break
            continue
        chars.append(p)
    for n in range(len(chars), 0, -1):
        key = "".join(text[i] for i in reversed(chars[:n]))
        if key in table:
            return key, chars[n - 1]
    return "", pos


def _attach_comparative(lex: _Lexicon, text: str, folded: str, cand: _Candidate) -> None:
    """比 170 低, 比四分之一大: a number between 比 and a word of ``than`` is a bound.

    >>> c = _candidates("身高比 170 低", ())[1][0]
    >>> (c.start, c.end, c.bound, c.qualifier)
    (2, 9, 'under', '低')
    """
    if cand.qualifier is not None:
        return
    p = cand.start
    while p > 0 and folded[p - 1] in _WS and cand.start - p < 2:
        p -= 1
    if folded[p - 1 : p] != "比":
        return
    q = _skip_spaces(folded, cand.end)
    word = folded[q : q + 1]
    nxt = folded[q + 1 : q + 2]
    if word not in lex.than or (nxt and _is_cjk(nxt) and nxt != "的"):
        return
    cand.start, cand.end = p - 1, q + 1
    cand.qualifier, cand.bound = text[q], lex.than[word].bound


def _attach_prefix(lex: _Lexicon, text: str, folded: str, cand: _Candidate) -> None:
    """US$5, ¥300, 华氏70度, 零下5℃ (unit_prefixes.tsv) and 港币3.14, 新台币 177.1亿元 (a
    currency of units.tsv): what is written before the number decides its unit or sign."""
    if cand.percent_prefix:
        return
    pos = cand.start
    if pos > 0 and folded[pos - 1] in _WS:
        pos -= 1
    symbol = longest_before(lex.prefixes, folded, pos, lex.prefix_max)
    if symbol:
        base, category, replaces = lex.prefixes[symbol]
        left = folded[pos - len(symbol) - 1 : pos - len(symbol)]
        if symbol.isascii() and left.isascii() and left.isalnum():
            return  # ABC$5, 3USD: part of a longer code
        if category == "money" and cand.unit == "起" and cand.qualifier is None:
            # ¥2999起: a price from, not 2999 cases
            cand.unit, cand.qualifier, cand.bound = None, text[cand.end - 1], "at_least"
        if (cand.unit is None and category != "sign") or cand.unit in replaces:
            if category == "sign":
                cand.raw = -abs(cand.raw)
            else:
                cand.unit, cand.category, cand.factor = base, category, 1.0
            cand.start = pos - len(symbol)
        return
    if cand.unit not in (None, "元"):
        return
    for n in range(min(lex.unit_max, pos), 1, -1):
        unit = lex.units.get(folded[pos - n : pos])
        if unit is not None and unit.category == "money":
            if unit.base != "元" or cand.unit is None:
                cand.unit, cand.category, cand.factor = unit.base, "money", unit.factor
                cand.start = pos - n
            return


def _attach_subunits(folded: str, cand: _Candidate, pos: int) -> int:
    """123元1角1分 (money) and 一吨半 (measures): the smaller parts add to the value."""
    if cand.unit == "元" and folded[pos - 1 : pos] == "块":
        m = _KUAI_CENTS.match(folded, pos)  # 三块五, 三块零四, 五块七毛八
        nxt = folded[m.end() : m.end() + 1] if m else ""
        if m and m.end() > pos and (not nxt or not _is_cjk(nxt) or nxt in _AFTER_KUAI):
            jiao, fen = m.group("jiao"), m.group("fen") or m.group("zfen")
            cand.extra += (_digit(jiao) * 0.1 if jiao else 0.0) + (
                _digit(fen) * 0.01 if fen else 0.0
            )
            return m.end() + (nxt == "钱")
    if cand.unit == "元":
        m = _CENTS.match(folded, pos)
        if m and m.end() > pos:
            jiao, fen = m.group("jiao"), m.group("fen")
            cand.extra += (_digit(jiao) * 0.1 if jiao else 0.0) + (
                _digit(fen) * 0.01 if fen else 0.0
            )
            return m.end()
    half_unit = cand.category == "measure" or (cand.unit == "%" and cand.factor == 10)  # 四成半
    if half_unit and folded[pos : pos + 1] == "半" and not cand.scale:
        nxt = folded[pos + 1 : pos + 2]
        if not nxt or not _is_cjk(nxt):
            cand.extra += 0.5 * cand.factor
            return pos + 1
    return pos


def _digit(c: str) -> float:
    return float(c) if c.isdigit() else float(DIGITS[c])


def _apply_percent_prefix(cand: _Candidate, prefix_start: int) -> None:
    """百分之五 -> 5 %, 千分之三 -> 3 ‰, 万分之三 -> 0.03 %, 千万分之六 -> 6e-05 %."""
    assert cand.percent_prefix is not None
    cand.start = min(cand.start, prefix_start)
    denominator = parse_scale(cand.percent_prefix.translate(_SPACES)[:-2]) or 100.0
    if denominator == 1000:
        cand.unit, cand.category = "‰", "ratio"
    else:
        cand.unit, cand.category, cand.factor = "%", "ratio", 100 / denominator
    cand.pure_scale = False


# ---------------------------------------------------------------------------------------------
# Filtering


def _blocked(text: str, folded: str, cand: _Candidate) -> bool:
    """Ordinals, vague counts, codes and times are not figures."""
    before = folded[cand.num_start - 1] if cand.num_start > 0 else ""
    if before == "第":  # 第三, 第2
        return True
    if before and before in _lexicon().determiners and cand.number_text == "一":
        return True  # 另一种, 每一次, 某一个: a determiner, not a count
    if before and before in "数几干" and not cand.number_text[:1].isdigit():
        return True  # 数十家, 几百万, 若干 (户数86万户 is a count)
    if before.isascii() and before.isalnum():
        return True
    after = folded[cand.num_end : cand.num_end + 1]
    if cand.unit is None and after.isascii() and (after.isalnum() or after == "."):
        return True
    if cand.category == "time":
        return True
    if _reduplicated(folded, cand):
        return True
    # 百余场, 上千家 are counts; 千米之下 is a depth, not "under a thousand"
    qualified = cand.qualifier is not None and cand.qualifier not in ("之上", "之下")
    return cand.pure_scale and not (qualified or cand.order)


def _reduplicated(folded: str, cand: _Candidate) -> bool:
    """一笔一笔, 一步一个, 一茬接着一茬: 一 + classifier said twice is a manner ("one by one",
    "one after another"), not a count.

    >>> _reduplicated("一笔一笔记", _Candidate(0, 2, 0, 1, "一", None, 1, 1, "笔", 1, "count",
    ...     None, "exact", False))
    True
    """
    if cand.number_text != "一" or cand.end - cand.num_end != 1:
        return False
    if folded[cand.end : cand.end + 1] == "一":
        return True
    pair = "一" + folded[cand.num_end]
    # the same pair again with at most two characters between (接着, 又, 接)
    return (
        pair in folded[cand.end : cand.end + 4]
        or pair in folded[max(0, cand.num_start - 4) : cand.num_start]
    )


def _masked_spans(folded: str) -> list[tuple[int, int]]:
    """Titles 《…》, web addresses and e-mail addresses: no number inside them is a figure."""
    spans = [m.span() for m in _TITLE.finditer(folded)]
    if "@" in folded or "www." in folded or "://" in folded:
        spans.extend(m.span() for m in _URL.finditer(folded))
    return sorted(spans)


def _idiom_spans(folded: str, lex: _Lexicon) -> list[tuple[int, int]]:
    if lex.idioms is None:
        return []
    return [m.span() for m in lex.idioms.finditer(folded)]


def _in_idiom(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a numeral overlaps a set phrase, unless it runs on past its end: 一点 is a set
    phrase but 一点六 a decimal, 十分 an adverb but 十分之一 a fraction."""
    i = bisect.bisect_left(spans, (end, end))
    return any(
        s < end and start < e and not (start <= s and e < end) for s, e in spans[max(0, i - 8) : i]
    )


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, i - 8) : i])


# ---------------------------------------------------------------------------------------------
# Ranges


def _share_units(folded: str, cands: list[_Candidate]) -> None:
    """分别覆盖30、27、35个行业: bare numbers listed before a number with a unit share it."""
    for i in range(len(cands) - 2, -1, -1):
        a, b = cands[i], cands[i + 1]
        if (
            a.unit is None
            and b.unit is not None
            and not a.order
            and a.category is None
            and not a.pure_scale
            and folded[a.end : b.start] in ("、", "，", "和", "及")
            and (folded[a.end : b.start] != "，" or folded[a.start - 1 : a.start] == "、")
        ):
            a.unit, a.factor, a.category, a.noun_unit = b.unit, b.factor, b.category, b.noun_unit


def _merge_ranges(text: str, folded: str, cands: list[_Candidate]) -> list[_Candidate]:
    """Join ``A—B unit`` (10万—20万元, 10%至20%) into one figure with low and high."""
    out: list[_Candidate] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        joined = _join(text, folded, a, b) if b is not None else None
        if joined is not None:
            out.append(joined)
            i += 2
        else:
            out.append(a)
            i += 1
    return out


def _join(text: str, folded: str, a: _Candidate, b: _Candidate) -> _Candidate | None:
    if b.unit is None and a.percent_prefix and b.low is None:  # 百分之十到二十
        b = replace(b, unit=a.unit, factor=a.factor, category=a.category)
    high = b.value
    between = folded[a.end : b.start]
    if b.raw < 0 and folded[b.num_start] == "-" and b.start == b.num_start:
        # 1万-5万元: the hyphen read as a sign is the range dash
        between, high = between + "-", -high
    between_and = between in ("和", "与") and folded[b.end : b.end + 2] == "之间"  # 20与30之间
    if not (_RANGE_SEP.fullmatch(between) or between_and) or a.category == "time":
        return None
    # numbers without unit make a range only with a word (10至20, 20和30之间): 1-2 may be a code
    if b.unit is None and (a.unit is not None or b.category or "-" in between):
        return None
    if a.order or b.order or (a.unit is not None and a.unit != b.unit):
        return None
    if folded[a.start - 1 : a.start] in ("从", "由"):  # 从3%提高到5%: two levels, not a range
        return None
    if (a.qualifier and a.bound != "approx") or (b.qualifier and b.bound != "approx"):
        return None
    low = a.value if a.unit is not None else a.raw * a.scale_value * b.factor
    if a.scale is None:
        # 两到三万港元, 八到九百亿: the scale, and a round place value, are written once
        if b.scale is not None and a.raw <= abs(b.raw):
            low *= b.scale_value
        low *= _shared_place(a, b)
    return _range_of(
        text,
        a,
        b,
        low,
        high,
        qualifier=a.qualifier or b.qualifier,
        bound=a.bound if a.qualifier else b.bound,
    )


def _range_of(
    text: str, a: _Candidate, b: _Candidate, low: float, high: float, **changes: object
) -> _Candidate | None:
    """One range figure from ``a`` (the first number) to ``b``, or None when low >= high."""
    if low >= high:
        return None
    return replace(
        b,
        start=a.start,
        num_start=a.num_start,
        number_text=text[a.num_start : b.num_end],
        low=low,
        high=high,
        pure_scale=False,
        **changes,
    )


_LOWER = ("over", "at_least")
_UPPER = ("under", "at_most")


def _merge_bounds(
    lex: _Lexicon, text: str, folded: str, cands: list[_Candidate]
) -> list[_Candidate]:
    """Join a lower and an upper bound next to each other (大于100并且小于300, 1000以上，
    1500以下, 最多100最少20个) into one range: low and high, bound exact.

    >>> [(c.low, c.high) for c in _candidates("大于20的同时小于等于35", ())[1]]
    [(20.0, 35.0)]
    """
    out: list[_Candidate] = []
    for cand in cands:
        joined = _join_bounds(lex, text, folded, out[-1], cand) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(cand)
    return out


def _join_bounds(
    lex: _Lexicon, text: str, folded: str, a: _Candidate, b: _Candidate
) -> _Candidate | None:
    if a.low is not None or b.low is not None:
        return None
    if not ((a.bound in _LOWER and b.bound in _UPPER) or (a.bound in _UPPER and b.bound in _LOWER)):
        return None
    between = folded[a.end : b.start].strip(_WS)
    if between and between not in lex.bound_links:
        return None
    if a.unit is not None and b.unit is not None and a.unit != b.unit:
        return None
    unit_of = a if a.unit is not None else b
    values = [
        c.raw * c.scale_value * unit_of.factor + c.extra if c.unit is None else c.value
        for c in (a, b)
    ]
    low, high = (values[0], values[1]) if a.bound in _LOWER else (values[1], values[0])
    return _range_of(
        text,
        a,
        b,
        low,
        high,
        unit=unit_of.unit,
        factor=unit_of.factor,
        category=unit_of.category,
        qualifier=None,
        bound="exact",
    )


def _shared_place(a: _Candidate, b: _Candidate) -> float:
    """两到三千: a bare digit before a round Chinese hundred/thousand takes its place value."""
    if not 1 <= a.raw < 10 or a.raw != int(a.raw) or fold(b.number_text)[-1:] not in ("百", "千"):
        return 1.0
    place = 10 ** math.floor(math.log10(abs(b.raw)))
    return place if abs(b.raw) % place == 0 and a.raw * place < abs(b.raw) else 1.0


# ---------------------------------------------------------------------------------------------
# Context: sentence, change, period, metric, subject


def _sentence_of(sentences: list[tuple[int, int]], pos: int, text_len: int) -> tuple[int, int]:
    i = bisect.bisect_right(sentences, (pos, text_len + 1)) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return (pos, pos + 1)


# Adverbs and copulas that may stand between a change word and its rate (增速均超过100%,
# 涨幅分别为1.83%); longest first.
_CHANGE_LINKS = ("分别达到", "分别为", "分别是", "分别达", "均为", "均达", "分别", "均", "都", "也")


def _change(lex: _Lexicon, folded: str, start: int, lo: int, value: float) -> str | None:
    """increase/decrease when a change verb stands right before the figure, or a change
    noun (增速, 涨幅) with only an adverb or a copula between.

    >>> lex = _lexicon()
    >>> _change(lex, "增速均超过5%", 3, 0, 5.0), _change(lex, "跌幅分别为2%", 5, 0, 2.0)
    ('increase', 'decrease')
    """
    p = start
    while p > lo and (folded[p - 1] in _WS or folded[p - 1] in "了为达是"):
        p -= 1
    for word in _CHANGE_LINKS:
        if folded.endswith(word, lo, p):
            p -= len(word)
            break
    for n in range(min(lex.change_max, p - lo), 0, -1):
        direction = lex.changes.get(folded[p - n : p])
        if direction is not None:
            if value < 0:
                return "decrease" if direction == "increase" else "increase"
            return direction
    return None


_BASE_LEADS = ("比", "较", "相比", "相较", "相较于", "同比", "对比")


def _is_base(text: str, d: DateMention, start: int) -> bool:
    """A date a figure is compared with, not the one it belongs to: 比上年增长5%, 较2023年末,
    上年同期, 约为2023年的4倍.

    >>> _is_base("比上年增长5%", DateMention("", None, 1, 3, "上年", "year", "2025"), 5)
    True
    """
    if text[max(0, d.start - 3) : d.start].endswith(_BASE_LEADS):
        return True
    after = text[d.end : d.end + 2]
    return after == "同期" or (after[:1] == "的" and start - d.end <= 2)


def _governing_date(
    dates: Sequence[DateMention], text: str, sentence: tuple[int, int], start: int
) -> DateMention | None:
    """The date of a figure's own sentence that governs it: the nearest one before it that is
    not a comparison base, else a 截至… date after it."""
    preceding = [
        d
        for d in dates
        if sentence[0] <= d.start and d.end <= start and not _is_base(text, d, start)
    ]
    if preceding:
        return preceding[-1]
    for d in dates:
        if sentence[0] <= d.start < sentence[1]:
            lead = text[max(sentence[0], d.start - 3) : d.start]
            if lead.endswith(("截至", "截止", "截止到", "到")):
                return d
    return None


_FRAME_LEADS = ("", "截至", "截止", "截止到", "到", "在", "自", "从")


def _carries(text: str, d: DateMention, sentence_start: int) -> bool:
    """Whether a date that governed a figure of an earlier sentence still governs the sentence
    at ``sentence_start``: it is precise (目前, 现在 are not), in the same paragraph, and frames
    its clause (2025年，… / 截至3月末，…) rather than sitting inside it (该厂建于2005年).

    >>> d = DateMention("", None, 2, 4, "3月", "month", "2026-03")
    >>> _carries("截至3月，贷款5亿元。其中，个人贷款3亿元。", d, 11)
    True
    >>> _carries("截至3月，贷款5亿元。\\n个人贷款3亿元。", d, 12)
    False
    """
    if d.normalized is None or "\n" in text[d.end : sentence_start]:
        return False
    head = _clause_start(text, max(0, d.start - 6), d.start)
    return text[head : d.start].strip(_WS) in _FRAME_LEADS and not _is_base(text, d, -1)


def _statistic(cand: _Candidate) -> bool:
    """Money, ratios, measures and written-out numbers: the figures of a statistical passage,
    whose date carries on to the next sentence (一件, 两个 in a story do not set one)."""
    return cand.category in ("money", "ratio", "measure") or cand.number_text.isascii()


def _clause_start(text: str, lo: int, pos: int) -> int:
    p = pos
    while p > lo and text[p - 1] not in _CLAUSE_END:
        p -= 1
    return p


def _strip_links(lex: _Lexicon, phrase: str) -> tuple[str, bool, str]:
    """Drop link words and change verbs at the right end; say whether a change word was seen
    and which change noun (涨幅, 增速) if one was.

    >>> _strip_links(_lexicon(), "营收同比增")
    ('营收', True, '')
    >>> _strip_links(_lexicon(), "通信跌幅分别为")
    ('通信', True, '跌幅')
    """
    saw_change = False
    noun = ""
    changed = True
    while changed and phrase:
        changed = False
        phrase = phrase.rstrip(_WS)
        for word in lex.links:
            if phrase.endswith(word):
                phrase, changed = phrase[: -len(word)], True
                break
        else:
            for n in range(min(lex.change_max, len(phrase)), 0, -1):
                word = phrase[-n:]
                if word not in lex.changes:
                    continue
                phrase, changed, saw_change = phrase[:-n], True, True
                noun = noun or (word if word[-1] in _RATE_ENDS else "")
                break
    return phrase, saw_change, noun


_RATE_ENDS = "幅速"  # 涨幅, 增速: change words that are nouns and can name the measure


def _split_subject(lex: _Lexicon, phrase: str) -> tuple[str | None, str]:
    """Subject at the start of a clause (浙江, 银行业金融机构) and the rest."""
    # the last name ending (机构, 银行, 局 ...) that leaves something to measure; a longer ending
    # at the same place wins (银行业 over 银行)
    longest: dict[int, int] = {}
    for suffix, (not_after, not_before) in lex.subject_suffixes.items():
        i = phrase.find(suffix)
        while i != -1:
            end = i + len(suffix)
            nxt, prv = phrase[end : end + 1], phrase[i - 1 : i] if i else ""
            if not (nxt and nxt in not_after) and not (prv and prv in not_before):
                longest[i] = max(longest.get(i, 0), end)
            i = phrase.find(suffix, i + 1)
    # an ending followed by a title is a person's post (中国工程院院士, 监管局局长), not a name
    ends = [
        end
        for end in longest.values()
        if 2 <= end < len(phrase) and phrase[end] not in _TITLE_STARTS
    ]
    for best in sorted(ends, reverse=True):
        if _name_like(lex, phrase[:best]):
            return _unit_of(phrase[:best]), phrase[best:]
    if phrase in lex.subject_heads:  # 江苏进度过八成，山东过四成半: a place alone
        return phrase, ""
    for head in lex.subject_heads:  # a place or collective subject (浙江, 我国, 全省)
        if phrase.startswith(head) and len(phrase) > len(head):
            rest = phrase[len(head) :]
            for tail in ("全省", "全市", "省", "市"):
                if rest.startswith(tail) and len(rest) > len(tail):
                    # 江苏省 is a name; in 江苏全省 the 全省 only stresses it
                    name = head if tail.startswith("全") else head + tail
                    return name, rest[len(tail) :]
            return head, rest
    return None, phrase


_TITLE_STARTS = frozenset("士长员主任书记")
_SUBORDINATE = ("辖内", "旗下", "下属", "所属")


def _unit_of(name: str) -> str:
    """浙江农商银行辖内警安农商银行 -> 警安农商银行: the unit named last acts."""
    for word in _SUBORDINATE:
        i = name.rfind(word)
        if i != -1 and len(name) - i - len(word) >= 2:
            name = name[i + len(word) :]
    return name


def _name_like(lex: _Lexicon, phrase: str) -> bool:
    """Whether a phrase can be a name: no digits, no predicate or preposition inside."""
    if any(c.isdigit() or c in _NOT_IN_NAMES for c in phrase):
        return False
    words = (*lex.boundaries, *(w for w in lex.noun_stop_set if len(w) > 1))
    return not any(word in phrase for word in words)


def _cut_boundary(lex: _Lexicon, phrase: str) -> str:
    """The part of ``phrase`` after its last boundary word (已, 组织, 对 ...)."""
    cut = 0
    for word in lex.boundaries:
        i = phrase.rfind(word)
        if i != -1 and i + len(word) > cut:
            cut = i + len(word)
    return phrase[cut:]


_PUNCT_STRIP = "“”‘’\"'「」『』《》()（）[]【】 \t\u3000"
_ADVERBS = ("已经", "已", "均", "都", "将", "也", "还")  # 147万家已获得授信支持: the predicate


def _right_phrase(lex: _Lexicon, text: str, pos: int, hi: int) -> tuple[str, int]:
    """The noun phrase right after a figure (61个政务单位 -> 政务单位) and how many characters
    it spans; when an adverb opens a predicate there (147万家已获得授信支持), that predicate.

    A short modifier ending in 的 is skipped (一家知名的空调压缩机智能工厂 -> 空调压缩机智能工厂);
    a quoted name is kept whole (超百场“服务实体经济专场”银企对接活动).
    """
    origin = pos
    while pos < hi and text[pos] in _WS:
        pos += 1
    first = text[pos : pos + 1]
    if not first or not (_is_cjk(first) or first in _OPEN_QUOTES):
        return "", 0
    q = pos
    quoted = False
    plain = 0  # characters outside quotes: a quoted name does not count towards the cap
    while q < hi and plain < _RIGHT_MAX:
        c = text[q]
        if c in _OPEN_QUOTES:
            quoted = True
        elif c in _CLOSE_QUOTES:
            quoted = False
        elif not quoted and (c in _CLAUSE_END or c in "（(《" or not _is_cjk(c)):
            break
        elif not quoted:
            plain += 1
        q += 1
    raw = text[pos:q]
    for adverb in _ADVERBS:
        if raw.startswith(adverb):
            return _cut_at_stops(lex, raw[len(adverb) :], skip_first=True), 0
    head = raw.find("的")
    # skip a short modifier (知名的…) unless the phrase runs into the next number: then 的
    # opens that figure's metric (两类产品的存续规模占比分别为19.38%)
    next_number = q < len(text) and (text[q].isdigit() or text[q] in _CN)
    start = head + 1 if 0 < head <= 4 and not next_number else 0
    words = _words(raw[start:])
    if start == 0 and 0 < head < len(raw) - 1 and _is_predicate(words[0][1]):
        start = head + 1  # 拥有热带森林的国家: a relative clause before 的, the noun after it
        words = _words(raw[start:])
    phrase = _cut_at_stops(lex, _cut_at_predicate(raw[start:], words))
    used = pos - origin + start + len(phrase)
    return phrase.translate(_NO_QUOTES), used if phrase else 0


_WORD_MAX = 6


def _words(phrase: str) -> list[tuple[str, str]]:
    """Forward longest-match words of ``phrase`` with jieba's dictionary tags ('' unknown).

    >>> _words("耕地告别")
    [('耕地', 'n'), ('告别', 'v')]
    """
    tags = jieba_word_tags()
    words: list[tuple[str, str]] = []
    i = 0
    while i < len(phrase):
        for n in range(min(_WORD_MAX, len(phrase) - i), 0, -1):
            word = phrase[i : i + n]
            if n == 1 or word in tags:
                words.append((word, tags.get(word, "")))
                i += n
                break
    return words


def _is_predicate(tag: str) -> bool:
    """Verbs (not verbal nouns), adverbs and prepositions open a predicate."""
    return tag in ("v", "d", "p", "vd", "ul")


def _cut_at_predicate(phrase: str, words: list[tuple[str, str]]) -> str:
    """The counted noun before the predicate that follows it (2497亩耕地告别大水漫灌 -> 耕地);
    a quoted name is kept whole.

    >>> _cut_at_predicate("耕地告别大水漫灌", _words("耕地告别大水漫灌"))
    '耕地'
    >>> _cut_at_predicate("居民堵在了办公室", _words("居民堵在了办公室"))
    '居民'
    """
    # a short phrase is a compound noun whatever jieba's tags say (改革创新举措, 先行赔付案例)
    if len(phrase) <= _COMPOUND_MAX or any(c in _OPEN_QUOTES for c in phrase):
        return phrase
    pos = 0
    for i, (word, tag) in enumerate(words):
        # a one-character verb (站 in 水电站, 作 in 手作) is usually inside a word jieba lacks,
        # unless a preposition or particle follows it (居民堵在了…)
        if i and _is_predicate(tag) and (len(word) > 1 or tag != "v"):
            previous, previous_tag = words[i - 1]
            if tag in ("p", "ul") and i > 1 and len(previous) == 1 and previous_tag == "v":
                pos -= 1
            return phrase[:pos]
        pos += len(word)
    return phrase


_COMPOUND_MAX = 6


def _cut_at_stops(lex: _Lexicon, raw: str, *, skip_first: bool = False) -> str:
    """``raw`` up to the first stop word or change verb outside quotes."""
    quoted = False
    for i, c in enumerate(raw):
        if c in _OPEN_QUOTES:
            quoted = True
        elif c in _CLOSE_QUOTES:
            quoted = False
        elif not quoted and not (skip_first and i == 0):
            # one-character stops (对, 和, 涨) inside a phrase are usually part of a word
            # (银企对接活动); they only stop a phrase at its start
            shortest = 1 if i == 0 or c == "的" else 2
            for n in range(min(4, len(raw) - i), shortest - 1, -1):
                word = raw[i : i + n]
                if word in lex.noun_stop_set or word in lex.changes:
                    return raw[:i]
    return raw


_NOT_IN_NAMES = frozenset("在于占据如了：:，,。")
_RIGHT_MAX = 12  # a noun phrase after a count is short; longer runs are clauses
_OPEN_QUOTES = '“‘「『"'
_CLOSE_QUOTES = "”’」』"
_NO_QUOTES = str.maketrans("", "", '“”‘’「」『』"')
_LIST_JOINERS = ("和", "及", "与", "以及", "、")
_FRAME = re.compile(r"从([^，。；：、]{2,20}?)(?:来)?看[，,]")  # 从项目数量占比来看，…


@dataclass(frozen=True)
class _Context:
    metric: str | None
    subject: str | None
    right_used: int  # characters to the right of the figure taken by its metric


def _context(
    lex: _Lexicon,
    text: str,
    cand: _Candidate,
    bounds: tuple[int, int, int],
    dates: Sequence[DateMention],
    previous: _Context | None,
    label: str | None,
) -> _Context:
    """Metric and subject of a figure from the clause around it."""
    sentence_start, lo, hi = bounds
    if lo == sentence_start:
        lo = _after_dateline(text, lo, cand.start)
    left = text[lo : cand.start]
    for d in dates:
        if lo <= d.start and d.end <= cand.start:
            left = text[d.end : cand.start]
    left = left.strip(_PUNCT_STRIP)
    # 分别为10.79亿元、13.03亿元和15.70亿元: later list items share the first one's metric
    listed = left in _LIST_JOINERS or (not left and text[max(0, lo - 1) : lo] == "、")
    if listed:
        left = ""
    phrase, saw_change, rate = _strip_links(lex, left)
    if not phrase and not rate and "分别" in left and text[lo - 1 : lo] in ("，", ","):
        # 通信行业净流出金额居前，分别为96.49亿元: the measure is named in the clause before
        earlier = text[_clause_start(text, sentence_start, lo - 1) : lo - 1]
        if not any(c.isdigit() for c in earlier):
            phrase, _, rate = _strip_links(lex, earlier.strip(_PUNCT_STRIP))
            phrase = "" if rate else _cut_boundary(lex, phrase)
    phrase = phrase.strip(_PUNCT_STRIP)
    subject, rest = _split_subject(lex, phrase)
    rest = rest.strip(_PUNCT_STRIP)
    left_metric = _cut_boundary(lex, rest).strip(_PUNCT_STRIP)
    right, used = "", 0
    if not cand.noun_unit and not cand.order and cand.category in ("count", "measure", "money"):
        right, used = _right_phrase(lex, text, cand.end, hi)
    right_used = 0
    metric: str | None
    if cand.noun_unit:
        metric = cand.unit
    elif label and not left:  # sidebar: a label line above a bare number line
        label_subject, metric = _split_subject(lex, label)
        subject = subject or label_subject
    elif right and used and cand.category in ("count", "measure"):
        # a counted noun follows its count (61个政务单位, 3000平方米场地)
        metric, right_used = right, used
    else:
        # a phrase ending in a verb (研发投入) is its own metric; one ending in a function
        # word (银行业以) is not
        fallback = rest if len(rest) > 2 and rest[-2:] in lex.boundaries else ""
        metric = left_metric or right or fallback or rate or None
        right_used = used if metric == right else 0
    parallel = subject is not None and not rest  # …，山东过四成半: same measure, new subject
    # …，首次突破千亿元: only adverbs before a qualifier that is the predicate, the same measure
    linked = (
        left.endswith((*_ADVERBS, "首次", "再次", "仅", "只"))
        and not phrase
        and cand.qualifier is not None
        and cand.start < cand.num_start
    )
    if metric is None and previous is not None and (saw_change or listed or parallel or linked):
        return _Context(previous.metric, subject if parallel else previous.subject or subject, 0)
    if metric is None:
        frames = list(_FRAME.finditer(text, sentence_start, cand.start))
        metric = frames[-1].group(1) if frames else None
    if subject is None and previous is not None:
        subject = previous.subject
    if subject is None:
        subject = _sentence_subject(lex, text, sentence_start, cand.start, dates)
    return _Context(_balance_quotes(metric), subject, right_used)


def _balance_quotes(phrase: str | None) -> str | None:
    """Put back an opening quote that trimming took off (“一江一河”岸线里程).

    >>> _balance_quotes("一江一河”岸线里程")
    '“一江一河”岸线里程'
    """
    if phrase and phrase.count("”") > phrase.count("“"):
        return "“" + phrase
    return phrase


def _topic(
    lex: _Lexicon,
    text: str,
    sentences: list[tuple[int, int]],
    sentence: tuple[int, int],
    dates: Sequence[DateMention],
) -> str | None:
    """The subject of the nearest earlier sentence of the same paragraph that names one: a
    sentence with no subject of its own continues the topic (…江苏监管局升级平台。组织超百场…)."""
    i = bisect.bisect_left(sentences, sentence)
    for s, e in reversed(sentences[max(0, i - 2) : i]):
        if "\n" in text[e : sentence[0]]:
            return None
        subject = _sentence_subject(lex, text, s, e, dates)
        if subject is not None:
            return subject
        sentence = (s, e)
    return None


# 新华社北京6月11日电 (记者…), 中国经济网北京6月12日讯, 本报讯: the agency is no subject
_DATELINE = re.compile(
    r"(?:[\u4e00-\u9fff]{2,14}?[0-9０-９]{1,2}月[0-9０-９]{1,2}日|本报[\u4e00-\u9fff]{0,6}?)[电讯]"
    r"[ \u3000]*(?:[（(][^（）()\n]{0,40}[）)])?[ \u3000]*"
)


def _after_dateline(text: str, start: int, end: int) -> int:
    """Where a sentence's own words begin, after a wire-service dateline if it opens with one.

    >>> _after_dateline("新华社北京6月11日电 工信部约谈", 0, 17)
    12
    """
    m = _DATELINE.match(text, start, end)
    return m.end() if m else start


_SUBJECT_LABELS = frozenset({"ORG", "LOC", "PRODUCT"})
# determiners that make a subject refer back (该行, 本行, 其, 全行, 全省): a name is better
_REFERRING = ("该", "本", "其", "全")


_PLACE_ANAPHOR = re.compile(r"[全该本]([省市县区州镇乡])")


def _antecedent(names: Sequence[tuple[int, int, str]], subject: str, pos: int) -> str:
    """全市, 该省: the place named last before ``pos`` with the same division word, if any.

    >>> _antecedent([(0, 3, "澜江市"), (8, 11, "东岚省")], "全市", 20)
    '澜江市'
    >>> _antecedent([(0, 3, "东岚省")], "全市", 20)
    '全市'
    """
    anaphor = _PLACE_ANAPHOR.fullmatch(subject)
    if anaphor is None:
        return subject
    i = bisect.bisect_left(names, (pos, pos, ""))
    for _, _, surface in reversed(names[:i]):
        if surface.endswith(anaphor.group(1)) and len(surface) > 1:
            return surface
    return subject


def _nearest_name(names: Sequence[tuple[int, int, str]], start: int, pos: int) -> str | None:
    """The last entity name between ``start`` and ``pos``.

    >>> _nearest_name([(0, 4, "工商银行"), (10, 12, "浙江")], 0, 20)
    '浙江'
    """
    i = bisect.bisect_left(names, (pos, pos, ""))
    for s, e, surface in reversed(names[max(0, i - 16) : i]):
        if s >= start and e <= pos:
            return surface
        if s < start:
            break
    return None


def _sentence_subject(
    lex: _Lexicon, text: str, start: int, end: int, dates: Sequence[DateMention]
) -> str | None:
    """The subject opening the sentence (国家金融监督管理总局江苏监管局升级…), when the
    figure's own clause names none."""
    p = _after_dateline(text, start, end)
    for d in dates:  # 截至2026年4月末，… / 2025年，…
        if p <= d.start <= p + 3 and d.end <= end:
            p = d.end
    while p < end and (text[p] in _CLAUSE_END or text[p] in _WS):
        p += 1
    q = p
    while q < end and text[q] not in _CLAUSE_END:
        q += 1
    subject, _ = _split_subject(lex, text[p:q].strip(_PUNCT_STRIP))
    if subject is not None and subject.startswith(("截至", "截止")):
        return None  # 截至招股说明书签署日: a time clause
    return subject


# ---------------------------------------------------------------------------------------------
# Public API


def _candidates(
    text: str, dates: Sequence[DateMention], *, bare: bool = False
) -> tuple[str, list[_Candidate]]:
    lex = _lexicon()
    folded = fold(text)
    masked = _masked_spans(folded)
    idioms = _idiom_spans(folded, lex)
    date_spans = sorted((d.start, d.end) for d in dates)
    slogans = [m.span() for m in _SLOGAN.finditer(folded)]
    kept: list[_Candidate] = []
    scanned = _scan(lex, text, folded, bare=bare)
    _share_units(folded, scanned)
    for cand in _merge_bounds(lex, text, folded, _merge_ranges(text, folded, scanned)):
        if _blocked(text, folded, cand) and cand.low is None:
            continue
        if _overlaps(masked, cand.num_start, cand.num_end):
            continue
        if _in_idiom(idioms, cand.num_start, cand.num_end):
            continue
        if not cand.number_text.isascii() and _overlaps(slogans, cand.num_start, cand.num_end):
            continue  # Arabic numbers in quotes are still figures (“超过300项”)
        if _overlaps(date_spans, cand.start, cand.end):
            continue
        kept.append(cand)
    return folded, kept


def _label_line(
    text: str, sentence: tuple[int, int], sentences: list[tuple[int, int]]
) -> str | None:
    """In a sidebar, the line before a bare number line is its label (贷款余额 / 38.8万亿元)."""
    i = bisect.bisect_left(sentences, sentence)
    if i == 0 or i >= len(sentences) or sentences[i] != sentence:
        return None
    s, e = sentences[i - 1]
    line = text[s:e].strip(_PUNCT_STRIP)
    if not line or len(line) > 40 or any(c.isdigit() for c in line):
        return None
    return line


def extract_figures(
    text: str,
    *,
    dates: Sequence[DateMention] = (),
    entities: Sequence[Entity] = (),
    in_sidebar: bool = False,
) -> list[Figure]:
    """Every figure (number + unit) in ``text``, sorted by start.

    ``dates`` are the date mentions already found in the same text: figures never overlap them,
    and the governing date of each figure becomes its ``period``. ``entities`` (optional, found
    in the same text) name the subject when the figure's clause names none or only refers back
    (该行, 全行): the nearest organization, place or product before it in its sentence.

    >>> f = extract_figures("浙江已组织走访企业596万家，累放贷款6.5万亿元。")
    >>> [(x.surface, x.value, x.unit, x.scale) for x in f]
    [('596万家', 5960000.0, '家', '万'), ('6.5万亿元', 6500000000000.0, '元', '万亿')]
    >>> [(x.surface, x.bound, x.qualifier) for x in extract_figures("组织超百场活动，约70%。")]
    [('超百场', 'over', '超'), ('约70%', 'approx', '约')]
    >>> g = extract_figures("投资10万—20万元，同比下降2个百分点")
    >>> [(x.surface, x.low, x.high, x.value) for x in g][0]
    ('10万—20万元', 100000.0, 200000.0, None)
    >>> g[1].change, g[1].unit
    ('decrease', '个百分点')
    >>> extract_figures("2026年第一季度，一是三年内")
    []
    """
    lex = _lexicon()
    folded, cands = _candidates(text, dates)
    if not cands:
        return []
    usable = sorted((d for d in dates if d.kind != "duration"), key=lambda d: d.start)
    names = sorted(
        (e.start, e.end, e.surface)
        for e in entities
        if e.label in _SUBJECT_LABELS and not any(c.isdigit() for c in e.surface)
    )
    sentences = sentence_spans(text)
    heading = None
    if in_sidebar and usable and usable[0].start < cands[0].start:
        heading = usable[0].surface
    figures: list[Figure] = []
    previous: _Context | None = None
    previous_sentence: tuple[int, int] | None = None
    topic: str | None = None  # in a sidebar, the subject named on an earlier line holds
    carried: DateMention | None = None  # the date of the statistics of earlier sentences
    consumed = 0
    for cand in cands:
        if cand.unit is None and not cand.order and not _bare_scaled(cand):
            continue
        if _indefinite(lex, text, cand):
            continue
        sentence = _sentence_of(sentences, cand.start, len(text))
        if sentence != previous_sentence:
            previous, consumed = None, sentence[0]
        lo = max(_clause_start(text, sentence[0], cand.start), consumed)
        hi = sentence[1]
        label = _label_line(text, sentence, sentences) if in_sidebar else None
        ctx = _context(lex, text, cand, (sentence[0], lo, hi), usable, previous, label)
        if ctx.subject is not None and len(ctx.subject) < 2:
            ctx = replace(ctx, subject=None)  # 台 of 港澳台, 加 of 加方: a fragment, not a name
        if ctx.subject is None or ctx.subject.startswith(_REFERRING):
            named = _nearest_name(names, _after_dateline(text, *sentence), cand.start)
            ctx = replace(ctx, subject=named or ctx.subject)
        if ctx.subject is None:
            ctx = replace(
                ctx, subject=topic if in_sidebar else _topic(lex, text, sentences, sentence, usable)
            )
        if ctx.subject is not None and len(ctx.subject) < 2:
            ctx = replace(ctx, subject=None)
        if ctx.subject is not None:
            ctx = replace(ctx, subject=_antecedent(names, ctx.subject, cand.start))
        topic = ctx.subject or topic
        own = _governing_date(usable, text, sentence, cand.start)
        if own is None and carried is not None and _carries(text, carried, sentence[0]):
            own = carried
        if own is not None and _statistic(cand):
            carried = own
        period = own.surface if own is not None else heading
        change = _change(lex, folded, cand.start, sentence[0], cand.value)
        if change is None and figures and folded[figures[-1].end : cand.start] in _LIST_JOINERS:
            change = figures[-1].change  # 分别下跌3.48%、3.14%: every item of the list
        figures.append(
            _figure(
                text,
                cand,
                change=change,
                metric=ctx.metric,
                subject=ctx.subject,
                period=period,
                in_sidebar=in_sidebar,
                sentence=sentence,
            )
        )
        previous, previous_sentence = ctx, sentence
        consumed = cand.end + ctx.right_used
    return figures


def find_numbers(text: str) -> list[NumberMention]:
    """Every numeral in ``text`` with its value (scale folded in), with or without a unit.

    Years and ordinals are not filtered here (set phrases are: 一些, 统一); this is the layer
    under :func:`extract_figures`. Fractions count (三分之一, 1/3); vague runs do not (二三十).

    >>> [(n.surface, n.value) for n in find_numbers("二点五，1,100万，十多万和五分之一")]
    [('二点五', 2.5), ('1,100万', 11000000.0), ('十多万', 100000.0), ('五分之一', 0.2)]
    """
    folded = fold(text)
    idioms = _idiom_spans(folded, _lexicon())
    found: list[NumberMention] = []
    taken = _masked_spans(folded)
    for m in _SLASH_FRACTION.finditer(folded):  # 1/3, -3/2
        if int(m.group(2)):
            s, e = m.span()
            found.append(NumberMention(s, e, text[s:e], int(m.group(1)) / int(m.group(2))))
            taken.append((s, e))
    taken.sort()
    for m in _CORE.finditer(folded):
        s, e = m.start(), m.end("core")
        body = folded[m.start("core") : e].lstrip("-负")
        if not body or _overlaps(taken, s, e) or _in_idiom(idioms, s, e):
            continue
        if body in ("百", "千", "万", "亿") and not (m.group("pct") or m.group("den")):
            continue
        if len(body) == 1 and text[m.start("core")] in CAPITALS and s == m.start("core"):
            continue
        value = parse_folded(folded[s:e])
        tail = _APPROX_SCALE.match(folded, e)  # 十多万, 500余万
        if tail and value is not None:
            value *= parse_scale(tail.group(1)) or 1.0
            e = tail.end()
        if value is not None:
            found.append(NumberMention(s, e, text[s:e], value))
    return sorted(found, key=lambda n: n.start)


def extract_numbers(text: str) -> list[Figure]:
    """Like :func:`extract_figures` but keeps numbers without a unit (unit None).

    >>> [(f.surface, f.bound, f.value) for f in extract_numbers("超过一千，500多亿")]
    [('超过一千', 'over', 1000.0), ('500多亿', 'over', 50000000000.0)]
    """
    _, cands = _candidates(text, (), bare=True)
    return [_figure(text, c, sentence=(c.start, c.end)) for c in cands]


def _figure(
    text: str,
    cand: _Candidate,
    *,
    sentence: tuple[int, int],
    change: str | None = None,
    metric: str | None = None,
    subject: str | None = None,
    period: str | None = None,
    in_sidebar: bool = False,
) -> Figure:
    """The Figure of a candidate, with what its context says about it."""
    return Figure(
        id="",
        article=None,
        start=cand.start,
        end=cand.end,
        surface=text[cand.start : cand.end],
        number_text=cand.number_text,
        value=None if cand.low is not None else cand.value,
        low=cand.low,
        high=cand.high,
        unit=cand.unit,
        scale=cand.scale,
        qualifier=cand.qualifier,
        bound=cand.bound,
        change=change,
        metric=metric,
        subject=subject,
        period=period,
        in_sidebar=in_sidebar,
        sentence=sentence,
    )
