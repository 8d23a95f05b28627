"""Finding numbers: the scanner over folded text, and each numeral read into a candidate.

Matching runs on a *folded* copy of the text (:func:`pipeline.zh.chars.fold`): every character
maps to exactly one character, so offsets found in the folded text are offsets into the text.
"""

from __future__ import annotations

import math
import re

from pipeline.figures.candidate import Candidate
from pipeline.figures.lexicon import Lexicon, Unit, match_unit
from pipeline.figures.parse import (
    apply_percent_prefix,
    attach_comparative,
    attach_pre_qualifier,
    attach_prefix,
    attach_tail,
    skip_classifier,
    skip_spaces,
)
from pipeline.figures.ranges import RANGE_SEP
from pipeline.zh.chars import CAPITALS, INLINE_SPACE
from pipeline.zh.numerals import (
    DIGITS,
    NUMERAL_CHARS,
    parse_folded,
    parse_scale,
    well_formed,
)
from pipeline.zh.patterns import longest

_DECIMAL_DIGITS = "零〇一二三四五六七八九"  # after 点 (两 is no decimal digit)
# Text set with spaces between characters (PDF layouts: 一百 五 十, 7 万5 千): a space may stand
# inside a numeral next to a scale word or 点, never between two bare digits (一 二 are two).
_SP = r"[ \u3000]{1,3}"
_SPO = r"[ \u3000]{0,3}"
_CN_RUN = (
    rf"(?:[{NUMERAL_CHARS}]|兆(?=[一二三四五六七八九十]))"
    rf"(?:[{NUMERAL_CHARS}]|兆(?=[一二三四五六七八九十])|{_SP}(?=[十百千万亿])|(?<=[十百千万亿]){_SP}(?=[{NUMERAL_CHARS}]))*"
    rf"(?:{_SPO}点{_SPO}[{_DECIMAL_DIGITS}](?:[ \u3000]?[{_DECIMAL_DIGITS}])*)?"
)
# Thousands separated by a full-width comma (36，500.00元) only where the comma cannot end a
# clause: before decimals or with two groups or more (3，500个 stays two numbers).
_ARABIC = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,3}(?:，[0-9]{3})+(?=\.[0-9])"
    r"|[0-9]{1,3}(?:，[0-9]{3}){2,}(?![0-9])|[0-9]+)(?:\.[0-9]+)?"
)
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
CORE = re.compile(
    rf"(?=[-负0-9{NUMERAL_CHARS}兆])"  # fail fast where no number starts: most characters of a page
    rf"(?:(?P<pct>{_PCT})|{_FRAC})?"
    rf"(?P<core>{_SIGN}(?<![0-9A-Za-z.])(?<![0-9],)(?:{_MIXED}|{_CN_RUN}))"
)


def _split_scale(core: str, arabic: bool) -> tuple[str, str]:
    """Numeral and scale parts: 4.2万亿 -> (4.2, 万亿); 一百五十万 -> (一百五十, 万)."""
    scale_chars = ("十百千万亿" if arabic else "万亿") + " \u3000"
    i = len(core)
    while i > 0 and core[i - 1] in scale_chars:
        i -= 1
    if i == 0:  # a bare scale word (百 in 超百场, 亿 in 过亿): the last one is the numeral
        i = max(len(core) - 1, 1)
    if any(c in ("十百千万亿" if arabic else "万亿兆") for c in core[:i]):
        return core, ""  # 5万4千6百, 四十九兆九千五百九十二亿: one numeral
    return core[:i], core[i:].lstrip(" \u3000")


def scan_candidates(lex: Lexicon, text: str, folded: str, *, bare: bool) -> list[Candidate]:
    """Every numeral with what follows it (scale, mid-qualifier, unit, post-qualifier).

    Unless ``bare`` numbers are wanted, a Chinese numeral that nothing unit-like follows
    (一些, 统一, 三农) is dropped before any further work: most Chinese numeral characters in
    running text are not numbers.
    """
    found: list[Candidate] = []
    for m in CORE.finditer(folded):
        last = found[-1] if found else None
        if last is not None and m.start() < last.end:
            continue  # inside the previous figure (五元七毛八分)
        # 百分之十到二十: the high end of a percent range needs no unit of its own
        high_end = last is not None and bool(last.percent_prefix)
        high_end = high_end and RANGE_SEP.fullmatch(folded, last.end, m.start()) is not None
        if not (bare or high_end or m.group("pct")) and _unit_cannot_follow(lex, folded, m):
            continue
        cand = _candidate(lex, text, folded, m)
        if cand is not None:
            found.append(cand)
    return found


def _unit_cannot_follow(lex: Lexicon, folded: str, m: re.Match[str]) -> bool:
    core = m.group("core")
    if core[-1:].isdigit() or any(c in "万亿" for c in core):
        return False
    p = m.end("core")
    while p < len(folded) and folded[p] in INLINE_SPACE:
        p += 1
    return folded[p : p + 1] not in lex.follow


def _candidate(lex: Lexicon, text: str, folded: str, m: re.Match[str]) -> Candidate | None:
    core_start, core_end = m.span("core")
    core = folded[core_start:core_end]
    arabic = any(c.isdigit() for c in core)
    if not arabic:
        core = well_formed(core)
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
    raw = parse_folded(("-" if sign else "") + number_part.replace("，", ","))
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
    cand = Candidate(
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
    attach_tail(lex, text, folded, cand)
    attach_prefix(lex, text, folded, cand)
    attach_pre_qualifier(lex, text, folded, cand)
    attach_comparative(lex, text, folded, cand)
    if cand.percent_prefix:
        apply_percent_prefix(cand, m.start("pct"))
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


def _numeral_end(lex: Lexicon, folded: str, start: int, core: str, arabic: bool) -> int:
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


def _after_numeral(lex: Lexicon, folded: str, pos: int) -> tuple[int, str, Unit | None]:
    """How far a unit reaches after a numeral ending at ``pos`` (skipping mid-qualifier/scale)."""
    p = skip_classifier(folded, pos)
    mid = longest(lex.mid, folded, p, lex.qual_max)
    p += len(mid)
    while p < len(folded) and folded[p] in "万亿":
        p += 1
    mid2 = "" if mid else longest(lex.mid, folded, p, lex.qual_max)
    p += len(mid2)
    q = skip_spaces(folded, p)
    unit_text, unit = match_unit(lex, folded, q)
    if unit is None:
        return pos, "", None
    return q + len(unit_text), unit_text, unit
