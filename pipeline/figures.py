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
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from pipeline.document import DateMention, Figure
from pipeline.lexicon import read_list, read_table

__all__ = ["NumberMention", "extract_figures", "extract_numbers", "find_numbers", "parse_number"]

# One-to-one folding table: offsets in the folded text equal offsets in the original text.
_FOLD = str.maketrans(
    "０１２３４５６７８９．％－～萬億兩倆個點拾佰仟壹貳贰參叁肆伍陸陆柒捌玖圓幣餘約負項張條場輛噸畝釐侖裏華幾",
    "0123456789.%-~万亿两两个点十百千一二二三三四五六六七八九圆币余约负项张条场辆吨亩厘仑里华几",
)
# Financial capitals fold to plain numerals; alone (陆家嘴, 队伍) they are not numbers.
_CAPITALS = frozenset("壹貳贰參叁肆伍陸陆柒捌玖拾佰仟")

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
_SMALL = {"十": 10, "百": 100, "千": 1000}
_BIG = {"万": 10_000, "亿": 100_000_000, "兆": 1_000_000_000_000}
_TENS = {"廿": 20, "卅": 30}

_CN = "零〇一二两三四五六七八九十百千万亿廿卅"
_CN_RUN = rf"(?:[{_CN}]|兆(?=[一二三四五六七八九十]))+(?:点[零〇一二三四五六七八九]+)?"
_ARABIC = r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?"
# Arabic digits with scale words, also interleaved (5万4千6百, 1千零1)
_MIXED = rf"{_ARABIC}(?:[十百千万亿]+零?[0-9]+)*[十百千万亿]*"
_SIGN = r"(?:负|(?<![0-9A-Za-z])-)?"
# A number core: signed Arabic number with trailing scale words, or a run of Chinese numerals.
_CORE = re.compile(
    rf"(?P<pct>[百千万]分之)?(?P<core>{_SIGN}(?<![0-9A-Za-z.])(?<![0-9],)(?:{_MIXED}|{_CN_RUN}))"
)
_WS = " \t\u3000\xa0"
_RANGE_SEP = re.compile(r"[ \u3000]*(?:-{1,2}|—{1,2}|–|~|至|到)[ \u3000]*")
_CENTS = re.compile(
    r"(?:(?P<jiao>[0-9一二两三四五六七八九])[角毛])?(?:零?(?P<fen>[0-9一二两三四五六七八九])分)?(?![钟])"
)
_APPROX_SCALE = re.compile(r"[余多几]([万亿]+)")
_TITLE = re.compile(r"《[^《》\n]{0,120}》")
_SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*|\n")
_CLAUSE_END = "，,；;：:、。！？!?\n"
_FRACTION = re.compile(rf"(?P<den>{_CN_RUN}|{_ARABIC})分之(?P<num>{_CN_RUN}|{_ARABIC})")


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


@dataclass(frozen=True)
class _Qualifier:
    bound: str
    scale_only: bool


@dataclass(frozen=True)
class _Lexicon:
    units: dict[str, _Unit]
    unit_max: int
    non_units: frozenset[str]
    non_unit_max: int
    pre: dict[str, _Qualifier]
    mid: dict[str, _Qualifier]
    post: dict[str, _Qualifier]
    qual_max: int
    changes: dict[str, str]
    change_max: int
    idioms: re.Pattern[str] | None
    links: tuple[str, ...]
    boundaries: tuple[str, ...]
    noun_stop_set: frozenset[str]
    counted_nouns: frozenset[str]
    subject_heads: tuple[str, ...]
    subject_suffixes: tuple[str, ...]


def _fold(text: str) -> str:
    return text.translate(_FOLD)


@cache
def _lexicon() -> _Lexicon:
    units: dict[str, _Unit] = {}
    for row in read_table("figures/units.tsv"):
        surface, base, factor, category = row[:4]
        blockers = row[4] if len(row) > 4 else ""
        units[_fold(surface)] = _Unit(base, float(factor), category, blockers)
    for noun in read_list("figures/counted_nouns.txt"):
        units.setdefault(noun, _Unit(noun, 1.0, "count", ""))
    pre: dict[str, _Qualifier] = {}
    mid: dict[str, _Qualifier] = {}
    post: dict[str, _Qualifier] = {}
    for row in read_table("figures/qualifiers.tsv"):
        word, bound, position = row[:3]
        slot = {"pre": pre, "mid": mid, "post": post}[position]
        slot[word] = _Qualifier(bound, len(row) > 3 and row[3] == "scale_only")
    changes = {w: d for w, d in read_table("figures/change_verbs.tsv")}
    idioms = sorted((_fold(w) for w in read_list("figures/idioms.txt")), key=len, reverse=True)
    non_units = frozenset(_fold(w) for w in read_list("figures/non_units.txt"))
    return _Lexicon(
        units=units,
        unit_max=max(map(len, units)),
        non_units=non_units,
        non_unit_max=max(map(len, non_units)),
        pre=pre,
        mid=mid,
        post=post,
        qual_max=max(map(len, [*pre, *mid, *post])),
        changes=changes,
        change_max=max(map(len, changes)),
        idioms=re.compile("|".join(map(re.escape, idioms))) if idioms else None,
        links=tuple(sorted(read_list("figures/link_words.txt"), key=len, reverse=True)),
        boundaries=tuple(read_list("figures/metric_boundaries.txt")),
        noun_stop_set=frozenset(read_list("figures/noun_stops.txt")),
        counted_nouns=frozenset(read_list("figures/counted_nouns.txt")),
        subject_heads=tuple(sorted(read_list("figures/subject_heads.txt"), key=len, reverse=True)),
        subject_suffixes=tuple(read_list("figures/subject_suffixes.txt")),
    )


# ---------------------------------------------------------------------------------------------
# Parsing numerals


def parse_number(s: str) -> float | None:
    """The value of a numeral string (Arabic, Chinese, mixed, full-width), or None.

    >>> parse_number("三"), parse_number("十二"), parse_number("两百"), parse_number("一千零五")
    (3.0, 12.0, 200.0, 1005.0)
    >>> parse_number("6.5万"), parse_number("1,234.5"), parse_number("１２％")
    (65000.0, 1234.5, 12.0)
    >>> parse_number("38.8万亿"), parse_number("一万零十二点一五"), parse_number("一千陆")
    (38800000000000.0, 10012.15, 1600.0)
    >>> parse_number("二〇二六"), parse_number("负3.9"), parse_number("三分之一")
    (2026.0, -3.9, 0.3333333333333333)
    >>> parse_number("百分之五"), parse_number("万"), parse_number("abc") is None
    (5.0, 10000.0, True)
    """
    return _parse_folded(_fold(s).strip().replace(" ", "").rstrip("%‰"))


def _parse_folded(t: str) -> float | None:
    """:func:`parse_number` on text already folded and stripped."""
    if not t:
        return None
    for prefix in ("百分之", "千分之"):
        if t.startswith(prefix):
            return _parse_folded(t[len(prefix) :])
    sign = 1.0
    if t[0] in "-负":
        sign, t = -1.0, t[1:]
    if "分之" in t:
        return _parse_fraction(t, sign)
    value = _parse_magnitude(t)
    return None if value is None else sign * value


def _parse_fraction(t: str, sign: float) -> float | None:
    whole = 0.0
    if "又" in t:
        head, t = t.split("又", 1)
        whole = _parse_magnitude(head) or 0.0
    den_text, num_text = t.split("分之", 1)
    den, num = _parse_magnitude(den_text), _parse_magnitude(num_text)
    if not den or num is None:
        return None
    return sign * (whole + num / den)


def _parse_magnitude(t: str) -> float | None:
    """Unsigned numeral: Arabic digits and Chinese numerals, with scale words."""
    if "点" in t:
        whole_text, frac_text = t.split("点", 1)
        whole = _parse_units(whole_text) if whole_text else 0.0
        if whole is None or not frac_text or any(c not in _DIGITS for c in frac_text):
            return None
        return whole + float("0." + "".join(str(_DIGITS[c]) for c in frac_text))
    return _parse_units(t)


def _parse_scale(t: str) -> float | None:
    """Product of trailing scale words: 万亿 -> 1e12."""
    value = 1.0
    for c in t:
        factor = _SMALL.get(c) or _BIG.get(c)
        if factor is None:
            return None
        value *= factor
    return value


_TOKEN = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?|.")


def _parse_units(t: str) -> float | None:
    """Digits (Arabic numbers or Chinese digits) combined with unit words, the Chinese way:
    一千零五 = 1005, 5万4千6百 = 54600, 38.8万亿 = 3.88e13, and abbreviated tails
    (一千陆 = 1600, 两万三 = 23000)."""
    tokens = _TOKEN.findall(t)
    if not tokens or any(
        not tok[0].isdigit() and tok not in _DIGITS and tok not in _SMALL and tok not in _BIG
        and tok not in _TENS for tok in tokens
    ):  # fmt: skip
        return None
    if len(tokens) > 1 and all(tok in _DIGITS for tok in tokens):  # 二〇二六: digit by digit
        return float("".join(str(_DIGITS[tok]) for tok in tokens))
    total = section = last_unit = biggest = 0.0
    digit: float | None = None
    zero_seen = False
    for tok in tokens:
        if tok[0].isdigit():
            digit = float(tok.replace(",", ""))
        elif tok in "零〇":
            zero_seen = True
        elif tok in _DIGITS:
            digit = float(_DIGITS[tok])
        elif tok in _TENS:
            section += _TENS[tok]
            digit, last_unit = None, 1.0
        elif tok in _SMALL:
            section += (1.0 if digit is None else digit) * _SMALL[tok]
            digit, last_unit, zero_seen = None, _SMALL[tok], False
        else:
            unit = _BIG[tok]
            part = section + (digit or 0.0)
            if part == 0.0:
                total = (total or 1.0) * unit
            elif unit > biggest:
                total = (total + part) * unit
            else:
                total += part * unit
            biggest = max(biggest, unit)
            section, digit, last_unit, zero_seen = 0.0, None, unit, False
    if digit is not None:
        # 一千陆 / 两万三: a bare digit right after a unit word counts one place lower
        section += digit * (last_unit / 10 if last_unit >= 100 and not zero_seen else 1.0)
    return total + section


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
        return float(f"{self.raw * self.scale_value * self.factor + self.extra:.15g}")


def _longest(table: dict[str, object] | frozenset[str], text: str, pos: int, most: int) -> str:
    """Longest key of ``table`` that starts at ``pos`` in ``text`` ('' when none)."""
    for n in range(min(most, len(text) - pos), 0, -1):
        if text[pos : pos + n] in table:
            return text[pos : pos + n]
    return ""


def _longest_before(table: dict[str, _Qualifier], text: str, pos: int, most: int) -> str:
    for n in range(min(most, pos), 0, -1):
        if text[pos - n : pos] in table:
            return text[pos - n : pos]
    return ""


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
    scale_chars = "十百千万亿" if arabic else "万亿"
    i = len(core)
    while i > 0 and core[i - 1] in scale_chars:
        i -= 1
    if i == 0:  # a bare scale word (百 in 超百场): the last one is the numeral
        i = len(core) - 1
    if any(c in ("十百千万亿" if arabic else "万亿兆") for c in core[:i]):
        return core, ""  # 5万4千6百, 四十九兆九千五百九十二亿: one numeral
    return core[:i], core[i:]


def _scan(text: str) -> list[_Candidate]:
    """Every numeral with what follows it (scale, mid-qualifier, unit, post-qualifier)."""
    lex = _lexicon()
    folded = _fold(text)
    found: list[_Candidate] = []
    for m in _CORE.finditer(folded):
        cand = _candidate(lex, text, folded, m)
        if cand is not None:
            found.append(cand)
    return found


def _candidate(lex: _Lexicon, text: str, folded: str, m: re.Match[str]) -> _Candidate | None:
    core_start, core_end = m.span("core")
    core = folded[core_start:core_end]
    arabic = any(c.isdigit() for c in core)
    if not arabic:
        core = _well_formed(core)
        core_end = core_start + len(core)
        if len(core) == 1 and text[core_start] in _CAPITALS and not m.group("pct"):
            return None
    if not arabic and core[0] in "零〇" and "点" not in core:  # 零部件, 零售
        return None
    num_end = _numeral_end(lex, folded, core_start, core, arabic)
    numeral = folded[core_start:num_end]
    sign = numeral[0] in "-负"
    body = numeral[1:] if sign else numeral
    number_part, scale = _split_scale(body, arabic)
    raw = _parse_folded(("-" if sign else "") + number_part)
    scale_value = _parse_scale(scale) if scale else 1.0
    if raw is None or scale_value is None:
        return None
    pure_scale = not arabic and all(c in "十百千万亿" for c in body) and body[0] != "十"
    cand = _Candidate(
        start=core_start,
        end=num_end,
        num_start=core_start,
        num_end=num_end,
        number_text=text[core_start : core_start + len(number_part) + sign],
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
    _attach_pre_qualifier(lex, text, folded, cand)
    _attach_currency_prefix(lex, text, folded, cand)
    if cand.percent_prefix:
        _apply_percent_prefix(cand, m.start("pct"))
    return cand


def _well_formed(core: str) -> str:
    """The longest prefix of a Chinese numeral run that reads as one number: unit words fall
    within a section (七十百分位 -> 七十, the 百 starts the next word)."""
    last_small = 10_000
    for i, c in enumerate(core):
        if c in _SMALL:
            if _SMALL[c] >= last_small:
                return core[:i]
            last_small = _SMALL[c]
        elif c in _BIG:
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
        stripped = stripped[:-1]
    return best[0]


def _after_numeral(lex: _Lexicon, folded: str, pos: int) -> tuple[int, str, _Unit | None]:
    """How far a unit reaches after a numeral ending at ``pos`` (skipping mid-qualifier/scale)."""
    p = pos
    mid = _longest(lex.mid, folded, p, lex.qual_max)
    p += len(mid)
    while p < len(folded) and folded[p] in "万亿":
        p += 1
    mid2 = "" if mid else _longest(lex.mid, folded, p, lex.qual_max)
    p += len(mid2)
    q = p
    while q < len(folded) and folded[q] in _WS and q - p < 3:
        q += 1
    unit_text, unit = _match_unit(lex, folded, q)
    if unit is None:
        return pos, "", None
    return q + len(unit_text), unit_text, unit


def _attach_tail(lex: _Lexicon, text: str, folded: str, cand: _Candidate) -> None:
    """Mid-qualifier, extra scale, unit, order marker and post-qualifier after the numeral."""
    p = cand.num_end
    mid = _longest(lex.mid, folded, p, lex.qual_max)
    if mid:
        p += len(mid)
        cand.qualifier, cand.bound = text[p - len(mid) : p], lex.mid[mid].bound
    extra = p
    while p < len(folded) and folded[p] in "万亿":
        p += 1
    if p > extra:
        extra_scale = _parse_scale(folded[extra:p]) or 1.0
        cand.scale_value *= extra_scale
        cand.scale = (cand.scale or "") + text[extra:p]
    if not mid:
        mid = _longest(lex.mid, folded, p, lex.qual_max)
        if mid and p > extra:
            p += len(mid)
            cand.qualifier, cand.bound = text[p - len(mid) : p], lex.mid[mid].bound
    cand.end = p
    q = p
    while q < len(folded) and folded[q] in _WS and q - p < 3:
        q += 1
    unit_text, unit = _match_unit(lex, folded, q)
    non_unit = _longest(lex.non_units, folded, q, lex.non_unit_max)
    if unit is not None and len(unit_text) > len(non_unit):
        cand.unit, cand.factor, cand.category = unit.base, unit.factor, unit.category
        cand.noun_unit = unit_text in lex.counted_nouns
        p = cand.end = _attach_subunits(folded, cand, q + len(unit_text))
        if folded[p : p + 1] == "/":  # 元/股, 美元/桶
            per_text, per = _match_unit(lex, folded, p + 1)
            if per is not None:
                cand.unit = f"{unit.base}/{per.base}"
                p = cand.end = p + 1 + len(per_text)
    elif non_unit:
        if non_unit == "级" and _scaled(cand):
            cand.order, cand.bound, cand.end = True, "order", q + 1
            return
        cand.category = "time"
        cand.end = q + len(non_unit)
        return
    if unit is None and not non_unit and _big_count(lex, text, folded, cand, q):
        return
    if folded[p : p + 1] == "级" and _scaled(cand):
        cand.order, cand.bound, cand.end = True, "order", p + 1
        return
    post = _longest(lex.post, folded, p, lex.qual_max)
    if post and _post_qualifier_ok(folded, p + len(post), post):
        if cand.qualifier is None:
            cand.qualifier, cand.bound = text[p : p + len(post)], lex.post[post].bound
        cand.end = p + len(post)


def _scaled(cand: _Candidate) -> bool:
    """Whether the numeral carries a scale word (百亿, 38.8万亿, 万亿): needed for 百亿级."""
    return bool(cand.scale) or cand.pure_scale or any(c in "万亿" for c in cand.number_text)


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
    pos = cand.num_start - (len(cand.percent_prefix) if cand.percent_prefix else 0)
    pre = _longest_before(lex.pre, folded, pos, lex.qual_max)
    if not pre:
        return
    entry = lex.pre[pre]
    if entry.scale_only and not cand.pure_scale:
        return
    cand.start = pos - len(pre)
    # a qualifier written before the number wins over 余/多 after it (超过100余家 is rare)
    cand.qualifier, cand.bound = text[cand.start : pos], entry.bound


def _attach_currency_prefix(lex: _Lexicon, text: str, folded: str, cand: _Candidate) -> None:
    """港币3.14, 新台币 177.1亿元: a currency named before the number decides the unit."""
    if cand.unit not in (None, "元") or cand.percent_prefix:
        return
    pos = cand.start
    if pos > 0 and folded[pos - 1] in _WS:
        pos -= 1
    for n in range(min(lex.unit_max, pos), 1, -1):
        unit = lex.units.get(folded[pos - n : pos])
        if unit is not None and unit.category == "money":
            if unit.base != "元" or cand.unit is None:
                cand.unit, cand.category, cand.factor = unit.base, "money", unit.factor
                cand.start = pos - n
            return


def _attach_subunits(folded: str, cand: _Candidate, pos: int) -> int:
    """123元1角1分 (money) and 一吨半 (measures): the smaller parts add to the value."""
    if cand.unit == "元":
        m = _CENTS.match(folded, pos)
        if m and m.end() > pos:
            jiao, fen = m.group("jiao"), m.group("fen")
            cand.extra += (_digit(jiao) * 0.1 if jiao else 0.0) + (
                _digit(fen) * 0.01 if fen else 0.0
            )
            return m.end()
    if cand.category == "measure" and folded[pos : pos + 1] == "半" and not cand.scale:
        nxt = folded[pos + 1 : pos + 2]
        if not nxt or not _is_cjk(nxt):
            cand.extra += 0.5 * cand.factor
            return pos + 1
    return pos


def _digit(c: str) -> float:
    return float(c) if c.isdigit() else float(_DIGITS[c])


def _apply_percent_prefix(cand: _Candidate, prefix_start: int) -> None:
    """百分之五 -> 5 %, 千分之三 -> 3 ‰, 万分之三 -> 0.03 %."""
    assert cand.percent_prefix is not None
    cand.start = min(cand.start, prefix_start)
    if cand.percent_prefix == "千分之":
        cand.unit, cand.category = "‰", "ratio"
    else:
        cand.unit, cand.category = "%", "ratio"
        if cand.percent_prefix == "万分之":
            cand.factor = 0.01
    cand.pure_scale = False


# ---------------------------------------------------------------------------------------------
# Filtering


def _blocked(text: str, folded: str, cand: _Candidate) -> bool:
    """Ordinals, vague counts, codes and times are not figures."""
    before = folded[cand.num_start - 1] if cand.num_start > 0 else ""
    if before == "第":  # 第三, 第2
        return True
    if before and before in "数几干" and not cand.number_text[:1].isdigit():
        return True  # 数十家, 几百万, 若干 (户数86万户 is a count)
    if before.isascii() and before.isalnum():
        return True
    after = folded[cand.num_end : cand.num_end + 1]
    if cand.unit is None and after.isascii() and (after.isalnum() or after == "."):
        return True
    if cand.category == "time":
        return True
    return cand.pure_scale and not (cand.qualifier or cand.order)


def _masked_spans(folded: str, lex: _Lexicon) -> list[tuple[int, int]]:
    spans = [m.span() for m in _TITLE.finditer(folded)]
    if lex.idioms is not None:
        spans.extend(m.span() for m in lex.idioms.finditer(folded))
    return sorted(spans)


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, i - 8) : i])


# ---------------------------------------------------------------------------------------------
# Ranges


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
    sep = _RANGE_SEP.fullmatch(folded, a.end, b.start)
    if sep is None or b.unit is None or a.category == "time" or a.order or b.order:
        return None
    if a.unit is not None and a.unit != b.unit:
        return None
    if folded[a.start - 1 : a.start] in ("从", "由"):  # 从3%提高到5%: two levels, not a range
        return None
    if (a.qualifier and a.bound not in ("approx",)) or (b.qualifier and b.bound not in ("approx",)):
        return None
    low = a.raw * a.scale_value
    if a.scale is None and b.scale is not None and a.raw <= b.raw:
        low = a.raw * b.scale_value  # 两到三万港元: the scale is written once
    low *= b.factor if a.unit is None else a.factor
    high = b.value
    if low >= high:
        return None
    qualifier = a.qualifier or b.qualifier
    return replace(
        b,
        start=a.start,
        num_start=a.num_start,
        number_text=text[a.num_start : b.num_end],
        low=low,
        high=high,
        qualifier=qualifier,
        bound=a.bound if a.qualifier else b.bound,
        pure_scale=False,
    )


# ---------------------------------------------------------------------------------------------
# Context: sentence, change, period, metric, subject


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group() != "\n" else m.start()
        spans.append(_trim(text, start, end))
        start = m.end()
    spans.append(_trim(text, start, len(text)))
    return [s for s in spans if s[0] < s[1]]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentence_of(sentences: list[tuple[int, int]], pos: int, text_len: int) -> tuple[int, int]:
    i = bisect.bisect_right(sentences, (pos, text_len + 1)) - 1
    if i >= 0 and sentences[i][0] <= pos < sentences[i][1]:
        return sentences[i]
    return (pos, pos + 1)


def _change(lex: _Lexicon, folded: str, start: int, lo: int, value: float) -> str | None:
    """increase/decrease when a change verb stands right before the figure."""
    p = start
    while p > lo and (folded[p - 1] in _WS or folded[p - 1] in "了为达"):
        p -= 1
    for n in range(min(lex.change_max, p - lo), 0, -1):
        direction = lex.changes.get(folded[p - n : p])
        if direction is not None:
            if value < 0:
                return "decrease" if direction == "increase" else "increase"
            return direction
    return None


def _governing_date(
    dates: Sequence[DateMention], text: str, sentence: tuple[int, int], start: int
) -> str | None:
    preceding = [d for d in dates if sentence[0] <= d.start and d.end <= start]
    if preceding:
        return preceding[-1].surface
    for d in dates:
        if sentence[0] <= d.start < sentence[1]:
            lead = text[max(sentence[0], d.start - 3) : d.start]
            if lead.endswith(("截至", "截止", "截止到", "到")):
                return d.surface
    return None


def _clause_start(text: str, lo: int, pos: int) -> int:
    p = pos
    while p > lo and text[p - 1] not in _CLAUSE_END:
        p -= 1
    return p


def _strip_links(lex: _Lexicon, phrase: str) -> tuple[str, bool]:
    """Drop link words and change verbs at the right end; say whether a change verb was seen."""
    saw_change = False
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
                if phrase[-n:] in lex.changes:
                    phrase, changed, saw_change = phrase[:-n], True, True
                    break
    return phrase, saw_change


def _split_subject(lex: _Lexicon, phrase: str) -> tuple[str | None, str]:
    """Subject at the start of a clause (浙江, 银行业金融机构) and the rest."""
    for head in lex.subject_heads:
        if phrase.startswith(head) and len(phrase) > len(head):
            rest = phrase[len(head) :]
            for tail in ("全省", "全市", "省", "市"):
                if rest.startswith(tail) and len(rest) > len(tail):
                    return head + tail, rest[len(tail) :]
            return head, rest
    # the last name ending (机构, 银行, 局 ...) that leaves something to measure; a longer ending
    # at the same place wins (银行业 over 银行)
    longest: dict[int, int] = {}
    for suffix in lex.subject_suffixes:
        i = phrase.find(suffix)
        while i != -1:
            longest[i] = max(longest.get(i, 0), i + len(suffix))
            i = phrase.find(suffix, i + 1)
    ends = [end for end in longest.values() if 2 <= end < len(phrase)]
    best = max(ends, default=0)
    if best and not any(word in phrase[:best] for word in lex.boundaries):
        return phrase[:best], phrase[best:]
    return None, phrase


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
    start = head + 1 if 0 < head <= 4 else 0
    phrase = _cut_at_stops(lex, raw[start:])
    used = pos - origin + start + len(phrase)
    return phrase.translate(_NO_QUOTES), used if phrase else 0


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
    left = text[lo : cand.start]
    for d in dates:
        if lo <= d.start and d.end <= cand.start:
            left = text[d.end : cand.start]
    left = left.strip(_PUNCT_STRIP)
    # 分别为10.79亿元、13.03亿元和15.70亿元: later list items share the first one's metric
    listed = left in _LIST_JOINERS or (not left and text[max(0, lo - 1) : lo] == "、")
    if listed:
        left = ""
    phrase, saw_change = _strip_links(lex, left)
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
        metric = label
    elif right and used and cand.category in ("count", "measure"):
        # a counted noun follows its count (61个政务单位, 3000平方米场地)
        metric, right_used = right, used
    else:
        # a phrase ending in a verb (研发投入) is its own metric; one ending in a function
        # word (银行业以) is not
        fallback = rest if len(rest) > 2 and rest[-2:] in lex.boundaries else ""
        metric = left_metric or right or fallback or None
        right_used = used if metric == right else 0
    if metric is None and previous is not None and (saw_change or listed):
        return _Context(previous.metric, previous.subject or subject, 0)
    if metric is None:
        frames = list(_FRAME.finditer(text, sentence_start, cand.start))
        metric = frames[-1].group(1) if frames else None
    if subject is None and previous is not None:
        subject = previous.subject
    return _Context(metric, subject, right_used)


# ---------------------------------------------------------------------------------------------
# Public API


def _candidates(text: str, dates: Sequence[DateMention]) -> tuple[str, list[_Candidate]]:
    lex = _lexicon()
    folded = _fold(text)
    masked = _masked_spans(folded, lex)
    date_spans = sorted((d.start, d.end) for d in dates)
    kept: list[_Candidate] = []
    for cand in _merge_ranges(text, folded, _scan(text)):
        if _blocked(text, folded, cand) and cand.low is None:
            continue
        if _overlaps(masked, cand.num_start, cand.num_end):
            continue
        if _overlaps(date_spans, cand.start, cand.end):
            continue
        kept.append(cand)
    return folded, kept


def _label_line(
    text: str, sentence: tuple[int, int], sentences: list[tuple[int, int]]
) -> str | None:
    """In a sidebar, the line before a bare number line is its label (贷款余额 / 38.8万亿元)."""
    i = sentences.index(sentence)
    if i == 0:
        return None
    s, e = sentences[i - 1]
    line = text[s:e].strip(_PUNCT_STRIP)
    if not line or len(line) > 40 or any(c.isdigit() for c in line):
        return None
    return line


def extract_figures(
    text: str, *, dates: Sequence[DateMention] = (), in_sidebar: bool = False
) -> list[Figure]:
    """Every figure (number + unit) in ``text``, sorted by start.

    ``dates`` are the date mentions already found in the same text: figures never overlap them,
    and the governing date of each figure becomes its ``period``.

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
    sentences = _sentences(text)
    heading = None
    if in_sidebar and usable and usable[0].start < cands[0].start:
        heading = usable[0].surface
    figures: list[Figure] = []
    previous: _Context | None = None
    previous_sentence: tuple[int, int] | None = None
    consumed = 0
    for cand in cands:
        if cand.unit is None and not cand.order:
            continue
        sentence = _sentence_of(sentences, cand.start, len(text))
        if sentence != previous_sentence:
            previous, consumed = None, sentence[0]
        lo = max(_clause_start(text, sentence[0], cand.start), consumed)
        hi = sentence[1]
        label = _label_line(text, sentence, sentences) if in_sidebar else None
        ctx = _context(lex, text, cand, (sentence[0], lo, hi), usable, previous, label)
        period = _governing_date(usable, text, sentence, cand.start) or heading
        value = None if cand.low is not None else cand.value
        figures.append(
            Figure(
                id="",
                article=None,
                start=cand.start,
                end=cand.end,
                surface=text[cand.start : cand.end],
                number_text=cand.number_text,
                value=value,
                low=cand.low,
                high=cand.high,
                unit=cand.unit,
                scale=cand.scale,
                qualifier=cand.qualifier,
                bound=cand.bound,
                change=_change(lex, folded, cand.start, sentence[0], cand.value),
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

    Years, ordinals and idioms are not filtered here; this is the layer under
    :func:`extract_figures`.

    >>> [(n.surface, n.value) for n in find_numbers("二点五，1,100万，十多万和五分之一")]
    [('二点五', 2.5), ('1,100万', 11000000.0), ('十多万', 100000.0), ('五分之一', 0.2)]
    """
    folded = _fold(text)
    found: list[NumberMention] = []
    taken = [(m.start(), m.end()) for m in _FRACTION.finditer(folded)]
    for s, e in taken:
        value = _parse_folded(folded[s:e])
        if value is not None:
            found.append(NumberMention(s, e, text[s:e], value))
    for m in _CORE.finditer(folded):
        s, e = m.span("core")
        body = folded[s:e].lstrip("-负")
        if not body or _overlaps(taken, s, e) or body in ("百", "千", "万", "亿"):
            continue
        if len(body) == 1 and text[s] in _CAPITALS:
            continue
        value = _parse_folded(folded[s:e])
        tail = _APPROX_SCALE.match(folded, e)  # 十多万, 500余万
        if tail and value is not None:
            value *= _parse_scale(tail.group(1)) or 1.0
            e = tail.end()
        if value is not None:
            found.append(NumberMention(s, e, text[s:e], value))
    return sorted(found, key=lambda n: n.start)


def extract_numbers(text: str) -> list[Figure]:
    """Like :func:`extract_figures` but keeps numbers without a unit (unit None).

    >>> [(f.surface, f.bound, f.value) for f in extract_numbers("超过一千，500多亿")]
    [('超过一千', 'over', 1000.0), ('500多亿', 'over', 50000000000.0)]
    """
    _, cands = _candidates(text, ())
    return [
        Figure(
            id="",
            article=None,
            start=c.start,
            end=c.end,
            surface=text[c.start : c.end],
            number_text=c.number_text,
            value=None if c.low is not None else c.value,
            low=c.low,
            high=c.high,
            unit=c.unit,
            scale=c.scale,
            qualifier=c.qualifier,
            bound=c.bound,
            change=None,
            metric=None,
            subject=None,
            period=None,
            in_sidebar=False,
            sentence=(c.start, c.end),
        )
        for c in cands
    ]
