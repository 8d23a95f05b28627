"""Reading a candidate: its unit, scale, qualifier and bound from the words around the
numeral, and the direction of change a verb before it states."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from pipeline.figures.candidate import Candidate
from pipeline.figures.lexicon import Lexicon, Unit, match_unit
from pipeline.zh.chars import INLINE_SPACE, QUOTE_OPENERS, is_han
from pipeline.zh.numerals import digit_value, parse_scale
from pipeline.zh.patterns import longest, longest_before

_CENTS = re.compile(
    r"(?:(?P<jiao>[0-9一二两三四五六七八九])[角毛])?(?:零?(?P<fen>[0-9一二两三四五六七八九])分)?(?![钟])"
)
_KUAI_CENTS = re.compile(  # after 块: 三块五, 五块七毛八, 三块零四
    r"(?P<jiao>[0-9一二两三四五六七八九])(?:[角毛](?P<fen>[0-9一二两三四五六七八九])?分?)?"
    r"|零(?P<zfen>[0-9一二两三四五六七八九])分?"
)
_AFTER_KUAI = frozenset("钱到至的左右多一每")  # 三块五到四块, 三块五一斤 (not 一块二手车)


def attach_tail(lex: Lexicon, text: str, folded: str, cand: Candidate) -> None:
    """Mid-qualifier, extra scale, unit, order marker and post-qualifier after the numeral."""
    p = skip_classifier(folded, cand.num_end)
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
    q = skip_spaces(folded, p)
    unit_text, unit = match_unit(lex, folded, q)
    if unit is not None:
        unit, more = _unit_in_context(lex, folded, cand, unit_text, unit, q + len(unit_text))
        unit_text = folded[q : q + len(unit_text) + more]
    non_unit = longest(lex.non_units, folded, q, lex.non_unit_max)
    if unit is not None and len(unit_text) > len(non_unit):
        cand.unit, cand.factor, cand.category = unit.base, unit.factor, unit.category
        cand.noun_unit = unit_text in lex.counted_nouns
        p = cand.end = _attach_subunits(folded, cand, q + len(unit_text))
        if _times_suffix(folded, p) and cand.category in ("count", "measure"):
            cand.unit, cand.category = f"{cand.unit}次", "count"  # 33亿亩次, 600余艘次
            p = cand.end = p + 1
        if folded[p : p + 1] == "/":  # 元/股, 美元/桶
            per_text, per = match_unit(lex, folded, p + 1)
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


def skip_spaces(folded: str, pos: int) -> int:
    """Past the spaces between a number and its unit (a few; PDF text pads with more)."""
    q = pos
    while q < len(folded) and folded[q] in INLINE_SPACE and q - pos < 6:
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


def skip_classifier(folded: str, pos: int) -> int:
    """十个亿, 5个多亿: a 个 between a number and 万/亿 is a spoken filler of the scale."""
    if folded[pos : pos + 1] != "个":
        return pos
    nxt = folded[pos + 1 : pos + 3]
    if nxt[:1] in ("万", "亿") or (nxt[:1] in ("多", "余") and nxt[1:] in ("万", "亿")):
        return pos + 1
    return pos


_KUAI_MONEY = frozenset("钱零一二两三四五六七八九毛角") | frozenset("0123456789")


def _unit_in_context(
    lex: Lexicon, folded: str, cand: Candidate, unit_text: str, unit: Unit, after: int
) -> tuple[Unit | None, int]:
    """Units whose reading depends on their neighbours.

    块 is money (三块五, 十块钱, 5块) unless a noun follows (一块土地: a piece); 折 after two
    digits is already the percentage (75折, 八五折), after one it counts tenths (九折, 9.9折);
    a unit marked so in units.tsv does not follow a small Chinese count (两度 is twice); a
    measure or currency after 个/元 is the unit (六个加仑, 9000元日币). Returns the unit and how
    many characters after ``after`` it takes too.
    """
    nxt = folded[after : after + 1]
    noun_next = nxt in QUOTE_OPENERS or (is_han(nxt) and nxt not in _KUAI_MONEY) if nxt else False
    kuai_noun = unit_text == "块" and noun_next
    if kuai_noun and not longest(lex.post, folded, after, lex.qual_max):  # 3块以上 is money
        return Unit("块", 1.0, "count", ""), 0
    if unit_text == "个":  # 六个加仑: a measure counted with 个
        measure_text, measure = match_unit(lex, folded, after)
        if measure is not None and measure.category == "measure":
            return measure, len(measure_text)
    if unit.category == "money" and unit.base == "元":  # 9000元日币: the currency named after
        currency_text, currency = match_unit(lex, folded, after)
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


def _small_change(folded: str, cand: Candidate, pos: int) -> int | None:
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
        if not cand.number_text.isascii() or (nxt and is_han(nxt)):
            return None
        fen = ""
    cand.unit, cand.category, cand.factor = "元", "money", 0.1
    cand.extra += digit_value(fen) * 0.01 if fen and fen in _CN_DIGIT_CHARS else 0.0
    return end


def _scaled(cand: Candidate) -> bool:
    """Whether the numeral carries a scale word (百亿, 4.2万亿, 万亿): needed for 百亿级."""
    return bool(cand.scale) or cand.pure_scale or any(c in "万亿" for c in cand.number_text)


def _big_count(lex: Lexicon, text: str, folded: str, cand: Candidate, pos: int) -> bool:
    """五大板块, 三大指数: a small Chinese count + 大 + a two-character noun that is the unit."""
    noun = folded[pos + 1 : pos + 3]
    after = folded[pos + 3 : pos + 4]
    if (
        folded[pos : pos + 1] != "大"
        # the two characters must be the whole noun (四大领域，), not the head of a longer
        # phrase (两大鲜明特征, 六大核心赛道)
        or (after and is_han(after) and after not in lex.noun_stop_set)
        or not 2 <= cand.raw <= 10
        or cand.scale
        or any(c.isdigit() for c in cand.number_text)
        or len(noun) < 2
        or not all(is_han(c) for c in noun)
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
        return not nxt or not is_han(nxt)
    if post in ("上下", "起"):
        return not nxt or not is_han(nxt) or nxt == "步"
    return True


def attach_pre_qualifier(lex: Lexicon, text: str, folded: str, cand: Candidate) -> None:
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
    cand.qualifier, cand.bound = text[start:pos].rstrip(INLINE_SPACE), entry.bound


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
        if text[p] in INLINE_SPACE:
            if not chars and pos - p > 2:
                break
            continue
        chars.append(p)
    for n in range(len(chars), 0, -1):
        key = "".join(text[i] for i in reversed(chars[:n]))
        if key in table:
            return key, chars[n - 1]
    return "", pos


def attach_comparative(lex: Lexicon, text: str, folded: str, cand: Candidate) -> None:
    """比 170 低, 比四分之一大: a number between 比 and a word of ``than`` is a bound.

    >>> from pipeline.figures import extract_numbers
    >>> [(f.start, f.end, f.bound, f.qualifier) for f in extract_numbers("身高比 170 低")]
    [(2, 9, 'under', '低')]
    """
    if cand.qualifier is not None:
        return
    p = cand.start
    while p > 0 and folded[p - 1] in INLINE_SPACE and cand.start - p < 2:
        p -= 1
    if folded[p - 1 : p] != "比":
        return
    q = skip_spaces(folded, cand.end)
    word = folded[q : q + 1]
    nxt = folded[q + 1 : q + 2]
    if word not in lex.than or (nxt and is_han(nxt) and nxt != "的"):
        return
    cand.start, cand.end = p - 1, q + 1
    cand.qualifier, cand.bound = text[q], lex.than[word].bound


def attach_prefix(lex: Lexicon, text: str, folded: str, cand: Candidate) -> None:
    """US$5, ¥300, 华氏70度, 零下5℃ (unit_prefixes.tsv) and 港币3.14, 新台币 177.1亿元 (a
    currency of units.tsv): what is written before the number decides its unit or sign."""
    if cand.percent_prefix:
        return
    pos = cand.start
    if pos > 0 and folded[pos - 1] in INLINE_SPACE:
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


def _attach_subunits(folded: str, cand: Candidate, pos: int) -> int:
    """123元1角1分 (money) and 一吨半 (measures): the smaller parts add to the value."""
    if cand.unit == "块" and folded[pos - 1 : pos] == "块":
        m = _KUAI_CENTS.match(folded, pos)  # 三块五, 三块零四, 五块七毛八
        nxt = folded[m.end() : m.end() + 1] if m else ""
        if m and m.end() > pos and (not nxt or not is_han(nxt) or nxt in _AFTER_KUAI):
            jiao, fen = m.group("jiao"), m.group("fen") or m.group("zfen")
            cand.extra += (digit_value(jiao) * 0.1 if jiao else 0.0) + (
                digit_value(fen) * 0.01 if fen else 0.0
            )
            return m.end() + (nxt == "钱")
    if cand.unit == "元":
        m = _CENTS.match(folded, pos)
        if m and m.end() > pos:
            jiao, fen = m.group("jiao"), m.group("fen")
            cand.extra += (digit_value(jiao) * 0.1 if jiao else 0.0) + (
                digit_value(fen) * 0.01 if fen else 0.0
            )
            return m.end()
    half_unit = cand.category == "measure" or cand.unit == "成"  # 四成半
    if half_unit and folded[pos : pos + 1] == "半" and not cand.scale:
        nxt = folded[pos + 1 : pos + 2]
        if not nxt or not is_han(nxt):
            cand.extra += 0.5 * cand.factor
            return pos + 1
    return pos


def apply_percent_prefix(cand: Candidate, prefix_start: int) -> None:
    """百分之五 -> 5 %, 千分之三 -> 3 ‰, 万分之三 -> 0.03 %, 千万分之六 -> 6e-05 %."""
    assert cand.percent_prefix is not None
    cand.start = min(cand.start, prefix_start)
    denominator = parse_scale("".join(cand.percent_prefix.split())[:-2]) or 100.0
    if denominator == 1000:
        cand.unit, cand.category = "‰", "ratio"
    else:
        cand.unit, cand.category, cand.factor = "%", "ratio", 100 / denominator
    cand.pure_scale = False


# ---------------------------------------------------------------------------------------------
# Filtering

_CHANGE_LINKS = ("分别达到", "分别为", "分别是", "分别达", "均为", "均达", "分别", "均", "都", "也")


def change_direction(lex: Lexicon, folded: str, start: int, lo: int, value: float) -> str | None:
    """increase/decrease when a change verb stands right before the figure, or a change
    noun (增速, 涨幅) with only an adverb or a copula between.

    >>> from pipeline.figures.lexicon import load_lexicon
    >>> lex = load_lexicon()
    >>> change_direction(lex, "增速均超过5%", 3, 0, 5.0)
    'increase'
    >>> change_direction(lex, "跌幅分别为2%", 5, 0, 2.0)
    'decrease'
    """
    p = start
    while p > lo and (folded[p - 1] in INLINE_SPACE or folded[p - 1] in "了为达是"):
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
