"""Character classes and the one-to-one fold of variant forms.

>>> fold("３８．８萬億")
'38.8万亿'
>>> is_han("银"), is_han("A")
(True, False)
"""

from __future__ import annotations

import re

# CJK Unified Ideographs, the block that news text uses (extensions are rare and not names).
HAN = "\u4e00-\u9fff"
# With Extension A (rare characters in names and old text), for telling text from layout.
HAN_WIDE = "\u3400-\u9fff"
HAN_RE = re.compile(f"[{HAN}]")
HAN_RUN_RE = re.compile(f"[{HAN}]+")

# Horizontal white space inside a line (PDF layouts set spaces between characters).
INLINE_SPACE = " \t\u3000\xa0"

# One-to-one: every character maps to exactly one character, so offsets found in folded text
# are offsets into the original. Full-width digits and signs to ASCII, traditional and financial
# numerals and the measure words that carry figures to their simplified forms.
_FOLD = str.maketrans(
    "０１２３４５６７８９．％－～萬億兩倆個點拾佰仟壹貳贰參叁肆伍陸陆柒捌玖圓幣餘約負項張條場輛噸畝釐侖裏華幾／＄￥€₤",
    "0123456789.%-~万亿两两个点十百千一二二三三四五六六七八九圆币余约负项张条场辆吨亩厘仑里华几/$¥€£",
)
# Financial capitals fold to plain numerals; alone (陆家嘴, 队伍) they are not numbers.
CAPITALS = frozenset("壹貳贰參叁肆伍陸陆柒捌玖拾佰仟")


def fold(text: str) -> str:
    """``text`` with variant digits, numerals and signs in one form, same length."""
    return text.translate(_FOLD)


def fold_table() -> dict[int, int]:
    """The mapping :func:`fold` applies (code point to code point), for callers that extend it.

    >>> table = fold_table()
    >>> chr(table[ord("０")]), chr(table[ord("萬")]), ord("a") in table
    ('0', '万', False)
    """
    return dict(_FOLD)


def is_han(ch: str) -> bool:
    """Whether ``ch`` is a Chinese character."""
    return "\u4e00" <= ch <= "\u9fff"
