"""``metric_key``: one form of a metric for grouping figures across pages.

The rule: the key is the head of the metric's noun phrase.

1. Brackets, quotes and what full-width parentheses enclose go (家具（不含床垫）零售总额 ->
   家电零售总额); so does everything up to the last 的 (耕地的亩均产量 -> 亩均产量).
2. Scope and time modifiers at the front go (累计, 全年, 新增 ...: ``metric_modifiers.txt``).
3. The rest is cut into dictionary words (jieba's dictionary, longest match), up to a
   comparison word (较, 比) and without trailing words that end no noun phrase (conjunctions,
   adverbs, particles: 养老床位和 -> 养老床位); the key is the
   last two words (more while the first of them is a single character, a bound morpheme such
   as 均 in 亩均), or the last one when it alone is four characters or more. Modifiers before
   the head (普惠型, 小微企业, 个人住房) are dropped that way, so 普惠型小微企业贷款余额 and
   个人住房贷款余额 both give 贷款余额.

>>> metric_key("绿色信贷贷款余额"), metric_key("个人住房贷款余额")
('贷款余额', '贷款余额')
>>> metric_key("家具（不含床垫）线上零售总额"), metric_key("耕地的亩均产量")
('零售总额', '亩均产量')
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from pipeline.lexicon import read_list
from pipeline.zh.words import dictionary_words

_ENCLOSED = re.compile(r"（[^（）]*）|\([^()]*\)")
_MARKS = str.maketrans("", "", "“”‘’\"'「」『』《》【】[] \u3000")
_HEAD_WORDS = 2
_COMPARE = ("较", "比")  # 效率较传统方式: what follows is the base of a comparison
# jieba tags of words that cannot end a noun phrase: conjunctions, adverbs, prepositions,
# particles, pronouns, adjectives (养老床位和, 产出则, 人流量最高); one-character verbs (可)
_NOT_HEAD = frozenset({"c", "d", "p", "u", "uj", "ul", "r", "y", "e", "zg", "a", "ad"})
_LONG_WORD = 4  # a dictionary word this long is a head on its own (社会消费品零售总额 is not one)


@cache
def _modifiers() -> tuple[str, ...]:
    return tuple(sorted(read_list("figures/metric_modifiers.txt"), key=len, reverse=True))


def _noun_words(tagged: list[tuple[str, str]]) -> list[str]:
    """The words up to a comparison, without the trailing words that end no noun phrase."""
    words = []
    for word, tag in tagged:
        if word in _COMPARE and words:
            break
        words.append((word, tag))
    while words and (
        words[-1][1] in _NOT_HEAD or (len(words[-1][0]) == 1 and words[-1][1] in "va")
    ):
        words.pop()
    return [w for w, _ in words]


@lru_cache(maxsize=8192)  # metrics repeat across the figures of an archive
def metric_key(metric: str | None) -> str | None:
    """The grouping key of ``metric`` (see the module), None when nothing is left."""
    if not metric:
        return None
    core = _ENCLOSED.sub("", metric).translate(_MARKS)
    core = core[core.rfind("的") + 1 :]
    changed = True
    while changed:
        changed = False
        for word in _modifiers():
            if core.startswith(word) and len(core) > len(word) + 1:
                core, changed = core[len(word) :], True
                break
    if not core:
        return None
    words = _noun_words(dictionary_words(core))
    if not words:
        return None
    if len(words[-1]) >= _LONG_WORD:
        return words[-1]
    take = min(_HEAD_WORDS, len(words))
    while take < len(words) and len(words[-take]) == 1:
        take += 1
    return "".join(words[-take:])
