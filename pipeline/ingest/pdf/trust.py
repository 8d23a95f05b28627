"""Whether a page's text layer can be trusted.

Pages whose text layer cannot be trusted need OCR: no characters, fonts without a ToUnicode
map that come out as ``(cid:N)`` and Latin junk, or a wrong CMap that gives real but wrong
Chinese characters, while in both cases the digits survive.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from pipeline.zh.words import load_jieba

# A page is refused when this share of its glyphs is unmapped (cid:N) or implausible.
MAX_UNTRUSTED_SHARE = 0.05


# Chinese characters decoded through a wrong CMap: judged on at least MIN_HAN_TO_JUDGE; a page
# with MIN_COMMON_SHARE of them common passes, else MIN_WORD_SHARE must stand in words.
MIN_HAN_TO_JUDGE = 20


MIN_COMMON_SHARE = 0.9


MIN_WORD_SHARE = 0.15


# Letters that a Chinese page may legitimately hold in the Latin-1 and Latin Extended blocks.
_LATIN_OK = frozenset("·×÷°±§µ²³¹¼½¾āáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ")


def untrusted_share(texts: Sequence[str]) -> float:
    """Share of glyph texts that are unmapped codes or characters no Chinese page holds.

    >>> untrusted_share(["国", "家", "2", "0"])
    0.0
    >>> untrusted_share(["(cid:3)", "(cid:4)", "2", "Ž"])
    0.75
    """
    if not texts:
        return 1.0
    bad = sum(1 for t in texts if t.startswith("(cid:") or any(map(_implausible, t)))
    return bad / len(texts)


def garbled_han(texts: Sequence[str]) -> bool:
    """Whether the Chinese characters read are real but wrong ones, as a font decoded through
    the wrong CMap gives (a GB1 code read as a CNS1 one) while its digits survive.

    Simplified-Chinese news is almost all GB 2312 level-1 characters; a page that is not
    (a traditional-script page, or such garbage) must read as words: garbage seldom puts
    two characters of a dictionary word side by side.

    >>> garbled_han(list("银行业金融机构贷款余额同比增长") * 2)
    False
    >>> garbled_han(list("琩嘖猧悖渭淗梒婄羔矞惤棖琰韶") * 2)
    True
    """
    han = "".join(t for t in texts if len(t) == 1 and "\u4e00" <= t <= "\u9fff")
    if len(han) < MIN_HAN_TO_JUDGE:
        return False
    common = _gb2312_level1()
    if sum(1 for ch in han if ch in common) >= MIN_COMMON_SHARE * len(han):
        return False
    words = load_jieba().dt.FREQ
    paired = [False] * len(han)
    for i in range(len(han) - 1):
        if words.get(han[i : i + 2]):
            paired[i] = paired[i + 1] = True
    return sum(paired) < MIN_WORD_SHARE * len(han)


@cache
def _gb2312_level1() -> frozenset[str]:
    """GB 2312's level-1 characters (3755 in common use, rows 16-55), from Python's codec."""
    chars = set()
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes((hi, lo)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars)


def _implausible(ch: str) -> bool:
    """A character that shows a font was decoded with the wrong map.

    >>> [_implausible(c) for c in "国a9，“·Š‚\\ue001"]
    [False, False, False, False, False, False, True, True, True]
    """
    cp = ord(ch)
    if cp < 0x20 or 0x7F <= cp <= 0x9F or 0xE000 <= cp <= 0xF8FF or ch == "\ufffd":
        return True
    if 0xA0 <= cp <= 0x24F or 0x2B0 <= cp <= 0x2FF:
        return ch not in _LATIN_OK
    return ch in "‚„†‡‰‹›™"
