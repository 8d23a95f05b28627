"""What is not a figure: ordinals, determiners, codes, idioms, titles, reduplications."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from pipeline.figures.candidate import Candidate
from pipeline.figures.lexicon import Lexicon, load_lexicon

_TITLE = re.compile(r"《[^《》\n]{0,120}》")
# a short quoted phrase without punctuation: a slogan or a name (“三所联动”, “跑一次”, “六尺巷”)
SLOGAN = re.compile(r"“[^“”\n，。！？、；：,!?]{1,8}”|‘[^‘’\n，。！？、；：,!?]{1,8}’")
_URL = re.compile(r"(?:https?://|www\.)[!-~]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+")


def indefinite(lex: Lexicon, text: str, cand: Candidate) -> bool:
    """一家工厂, 一种模式: a lone 一 + classifier is an article ("a/an"), not a figure, unless a
    count cue stands right before it (仅一家, 新增一名).

    >>> from pipeline.figures import extract_figures
    >>> [(f.start, f.surface) for f in extract_figures("一家工厂只剩一家门店，新增一名员工。")]
    [(6, '一家'), (13, '一名')]
    """
    if cand.number_text != "一" or cand.category != "count" or cand.qualifier or cand.scale:
        return False
    return not text[: cand.start].endswith(lex.count_cues)


def bare_scaled(cand: Candidate) -> bool:
    """总曝光量近10亿: a number with 万/亿 is a quantity even when its unit is left implicit."""
    return cand.category is None and any(c in "万亿萬億" for c in cand.scale or "")


def blocked(text: str, folded: str, cand: Candidate) -> bool:
    """Ordinals, vague counts, codes and times are not figures."""
    before = folded[cand.num_start - 1] if cand.num_start > 0 else ""
    if before == "第":  # 第三, 第2
        return True
    if before == "前" and cand.unit in ("名", "位", "强"):  # 前三名, 前10位: a rank
        return True
    if before and before in load_lexicon().determiners and cand.number_text == "一":
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


def _reduplicated(folded: str, cand: Candidate) -> bool:
    """一笔一笔, 一步一个, 一茬接着一茬: 一 + classifier said twice is a manner ("one by one",
    "one after another"), not a count.

    >>> _reduplicated("一笔一笔记", Candidate(0, 2, 0, 1, "一", None, 1, 1, "笔", 1, "count",
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


def masked_spans(folded: str) -> list[tuple[int, int]]:
    """Titles 《…》, web addresses and e-mail addresses: no number inside them is a figure."""
    spans = [m.span() for m in _TITLE.finditer(folded)]
    if "@" in folded or "www." in folded or "://" in folded:
        spans.extend(m.span() for m in _URL.finditer(folded))
    return sorted(spans)


def idiom_spans(folded: str, lex: Lexicon) -> list[tuple[int, int]]:
    if lex.idioms is None:
        return []
    return [m.span() for m in lex.idioms.finditer(folded)]


def in_idiom(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a numeral overlaps a set phrase, unless it runs on past its end: 一点 is a set
    phrase but 一点六 a decimal, 十分 an adverb but 十分之一 a fraction."""
    i = bisect.bisect_left(spans, (end, end))
    return any(
        s < end and start < e and not (start <= s and e < end) for s, e in spans[max(0, i - 8) : i]
    )


def overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect.bisect_left(spans, (end, end))
    return any(s < end and start < e for s, e in spans[max(0, i - 8) : i])


# ---------------------------------------------------------------------------------------------
# Ranges
