"""Reading Chinese, Arabic and mixed numerals: one parser for every stage.

>>> parse_number("三"), parse_number("十二"), parse_number("两百"), parse_number("一千零五")
(3.0, 12.0, 200.0, 1005.0)
>>> parse_number("半"), parse_number("二〇二六"), parse_number("廿五")
(0.5, 2026.0, 25.0)
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from pipeline.lexicon import read_table
from pipeline.zh.chars import fold

DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
TENS = {"廿": 20, "卅": 30}
_ARABIC = "0123456789"
_SPACES = str.maketrans("", "", " \u3000")


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
    return parse_folded(fold(s).strip().replace(" ", "").rstrip("%‰"))


def parse_digits(s: str) -> int | None:
    """Digits read one by one, Chinese or Arabic: a year written short or in full.

    >>> parse_digits("二六"), parse_digits("〇八"), parse_digits("98"), parse_digits("二十") is None
    (26, 8, 98, True)
    """
    t = fold(s).strip()
    if not t or any(c not in DIGITS and c not in _ARABIC for c in t):
        return None
    return int("".join(c if c in _ARABIC else str(DIGITS[c]) for c in t))


def parse_folded(t: str) -> float | None:
    """:func:`parse_number` on text already folded and stripped."""
    t = t.translate(_SPACES)
    if not t:
        return None
    if t == "半":  # 半年, 过去半年: a half on its own
        return 0.5
    for prefix in ("百分之", "千分之"):
        if t.startswith(prefix):
            return parse_folded(t[len(prefix) :])
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
    if "分之" not in t:  # 分之 before 又: not a fraction
        return None
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
        if whole is None or not frac_text or any(c not in DIGITS for c in frac_text):
            return None
        return whole + float("0." + "".join(str(DIGITS[c]) for c in frac_text))
    return _parse_units(t)


@cache
def scale_words() -> tuple[dict[str, float], dict[str, float]]:
    """Scale words from the lexicon: within a section (十 百 千) and section words (万 亿)."""
    table = {word: float(value) for word, value in read_table("zh/scales.tsv")}
    small = {w: v for w, v in table.items() if v < 10_000}
    return small, {w: v for w, v in table.items() if v >= 10_000}


def parse_scale(t: str) -> float | None:
    """Product of trailing scale words: 万亿 -> 1e12."""
    small, big = scale_words()
    value = 1.0
    for c in t.translate(_SPACES):
        factor = small.get(c) or big.get(c)
        if factor is None:
            return None
        value *= factor
    return value


_TOKEN = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?|.")


def _digit_string(tokens: list[str]) -> float | None:
    """Chinese digits read one by one (二〇二六, 一九九八): three or more, or with 〇/零; two
    bare digits (三五, 七八) are a vague "a few", and 两 is never read digit by digit (两两)."""
    if "两" in tokens or (len(tokens) == 2 and not {"〇", "零"} & set(tokens)):
        return None
    return float("".join(str(DIGITS[tok]) for tok in tokens))


def _parse_units(t: str) -> float | None:
    """Digits (Arabic numbers or Chinese digits) combined with unit words, the Chinese way:
    一千零五 = 1005, 5万4千6百 = 54600, 38.8万亿 = 3.88e13, and abbreviated tails
    (一千陆 = 1600, 两万三 = 23000)."""
    small, big = scale_words()
    tokens = _TOKEN.findall(t)
    if not tokens or any(
        not tok[0].isdigit() and tok not in DIGITS and tok not in small and tok not in big
        and tok not in TENS for tok in tokens
    ):  # fmt: skip
        return None
    if len(tokens) > 1 and all(tok in DIGITS for tok in tokens):
        return _digit_string(tokens)
    if all(tok in big for tok in tokens) and any(
        big[a] >= big[b] for a, b in itertools.pairwise(tokens)
    ):
        return None  # 万万 (an adverb), 亿万 (countless): not numbers; 万亿 is one
    total = section = last_unit = biggest = 0.0
    digit: float | None = None
    zero_seen = False
    previous = ""
    for tok in tokens:
        if tok[0].isdigit():
            digit = float(tok.replace(",", ""))
        elif tok in "零〇":
            zero_seen = True
        elif tok in DIGITS:
            if previous in DIGITS and previous not in "零〇":
                return None  # 二三十, 七八百: a vague range, not one number
            digit = float(DIGITS[tok])
        elif tok in TENS:
            section += TENS[tok]
            digit, last_unit = None, 1.0
        elif tok in small:
            section += (1.0 if digit is None else digit) * small[tok]
            digit, last_unit, zero_seen = None, small[tok], False
        else:
            unit = big[tok]
            if digit is not None and 100 <= last_unit < 10_000 and not zero_seen:
                digit *= last_unit / 10  # 百二万: 一百二十万
            part = section + (digit or 0.0)
            if part == 0.0:
                total = (total or 1.0) * unit
            elif unit > biggest:
                total = (total + part) * unit
            else:
                total += part * unit
            biggest = max(biggest, unit)
            section, digit, last_unit, zero_seen = 0.0, None, unit, False
        previous = tok
    if digit is not None:
        # 一千陆 / 两万三: a bare digit right after a unit word counts one place lower
        section += digit * (last_unit / 10 if last_unit >= 100 and not zero_seen else 1.0)
    return total + section
