"""The noun phrase a clause opens with, as the holder of a figure when no recognized name holds
it: 青禾咖啡在新加坡开出5家门店 → 青禾咖啡, 标准设定三项门槛 → 标准, a definite noun that refers
back to the fuller phrase written before it (创新企业上市标准).

Phrases are read off jieba's dictionary words and tags: nouns and unknown characters (brand
names jieba does not know) make the phrase, a verb, adverb, preposition or one of
``predicate_openers.txt`` ends it.
"""

from __future__ import annotations

import re
from functools import cache

from pipeline.figures.spans import REACH
from pipeline.lexicon import read_list
from pipeline.zh.sentences import CLAUSE_MARKS
from pipeline.zh.words import dictionary_words

_QUOTE_OPENERS = "“‘「『"
_LEADS = _QUOTE_OPENERS + "\"' \u3000"  # quote marks and spaces before a clause's first word
_ENDING_TAGS = (
    "v",
    "d",
    "p",
    "c",
    "u",
    "m",
    "q",
    "r",
    "f",
    "t",
    "a",
    "i",
    "l",
)  # what a phrase ends at
_LONGEST = 12  # characters: longer openers are clauses, not names
_NOT_IN = "《》【】[]"  # titles and bracketed labels are no holders
_REPORTS = ("显示", "表明")


@cache
def _openers() -> frozenset[str]:
    return frozenset(read_list("figures/predicate_openers.txt"))


@cache
def _not_holders() -> tuple[str, ...]:
    return read_list("figures/not_holders.txt")


@cache
def _speech_verbs() -> tuple[str, ...]:
    return read_list("entity_rules/speech_verbs.txt")


def opening_phrase(text: str, head: int, end: int) -> tuple[int, int] | None:
    """Span of the noun phrase the clause at ``head`` opens with, when a predicate follows it
    before ``end`` and the phrase looks like a name (a proper noun, Latin letters, or characters
    jieba does not know as words) or is one common noun (标准, which refers back).

    >>> text = "青禾咖啡在新加坡开出5家门店"
    >>> s, e = opening_phrase(text, 0, len(text)); text[s:e]
    '青禾咖啡'
    >>> opening_phrase("检查消防设备", 0, 6) is None
    True
    >>> opening_phrase("王主任介绍，投入5亿元", 0, 11) is None
    True
    >>> opening_phrase("城东支行推出新产品", 0, 9)
    (0, 4)
    >>> opening_phrase("科技股表现分化", 0, 7) is None
    True
    """
    p = head
    while p < end and text[p] in _LEADS:
        p += 1
    quoted = text[p - 1 : p] in _QUOTE_OPENERS and p > head
    q = p
    while q < end and text[q] not in CLAUSE_MARKS:
        q += 1
    words = dictionary_words(text[p:q])
    n = _phrase_length(words)
    if n is None:
        return None  # the clause is a noun phrase alone: no predicate follows it
    taken = p + sum(len(w) for w, _ in words[:n])
    while taken > p and text[taken - 1] in "的之":
        taken -= 1
    phrase = text[p:taken]
    if not 2 <= len(phrase) <= _LONGEST or any(c.isdigit() or c in _NOT_IN for c in phrase):
        return None
    closes = quoted and any(c in "”’" for c in text[taken:q])  # a quoted name, not speech
    if phrase.count("“") != phrase.count("”") or (closes and text[taken] not in "”’"):
        return None  # “星河”二号, “星河二号”: a quoted name cut
    if phrase.startswith(_not_holders()) or text.startswith(_speech_verbs(), taken):
        return None  # 某某介绍，…: the speaker, not a holder
    if text.startswith(_REPORTS, taken):
        return None  # 数据显示，…: a report, whose figures its reporter may hold
    if words[n][1].startswith("m") or words[n][0].isdigit():
        return None  # “星河一号”, 甲指数报3000点: a name going on with a number, or a value
    return (p, taken) if _name_like(words[:n]) or _one_noun(words[:n]) else None


def _phrase_length(words: list[tuple[str, str]]) -> int | None:
    """How many of ``words`` make the opening noun phrase, None when nothing ends it."""
    for i, (word, tag) in enumerate(words):
        # two verbs in a row: jieba's verb tag on a name's part (城东支行推出 → 支行 'v')
        verb_next = 0 < i < len(words) - 1 and _is_verb(*words[i + 1])
        if _ends_phrase(word, tag) and not (_is_verb(word, tag) and verb_next):
            return i
    return None


_PROPER = ("nr", "ns", "nt", "nz", "eng")


def _name_like(words: list[tuple[str, str]]) -> bool:
    """A proper noun, Latin letters, or mostly single characters: a name jieba does not know
    (a brand, a product) falls apart into them."""
    if any(len(w) > 1 and t.startswith(_PROPER) for w, t in words):
        return True
    if any(c.isascii() and c.isalpha() for w, _ in words for c in w):
        return True
    return len(words) >= 2 and 2 * sum(len(w) == 1 for w, _ in words) >= len(words)


def _one_noun(words: list[tuple[str, str]]) -> bool:
    return len(words) == 1 and words[0][1] == "n"


def _is_verb(word: str, tag: str) -> bool:
    return len(word) > 1 and tag.startswith("v") and word not in _openers()


def _ends_phrase(word: str, tag: str) -> bool:
    if word in _openers() or any(c.isdigit() for c in word):
        return True
    if len(word) == 1:  # one character: a name's part unless it is a function word
        return tag.startswith(("p", "c", "u", "m", "q", "r", "d"))
    return tag.startswith(_ENDING_TAGS)


# what a noun phrase before its head is made of
_FULLER_TAGS = ("n", "m", "q", "b", "j", "eng", "zg")
_FULLEST = 16
_MODIFIER_WORDS = 3  # a longer run of nouns and numbers before the head is no one phrase


def fuller_phrase(text: str, noun: str, pos: int) -> str | None:
    """The fuller phrase a bare noun refers back to: the nearest earlier occurrence of the noun
    with a modifier before it (…发布创新企业上市标准。标准设定… → 企业上市标准).

    >>> fuller_phrase("交易所发布创新企业上市标准。标准设定三项门槛", "标准", 14)
    '企业上市标准'
    """
    floor = max(0, pos - REACH)
    i = text.rfind(noun, floor, pos)
    while i > 0:
        lo = phrase_start(text, max(0, i - _FULLEST), i)
        words = dictionary_words(text[lo:i])
        k = len(words)
        while k > 0 and words[k - 1][1].startswith(_FULLER_TAGS):
            k -= 1
        modifier = "".join(w for w, _ in words[k:])
        named = any(not t.startswith(("m", "q")) for _, t in words[k:])  # 一座祠堂: no name
        if named and len(words) - k <= _MODIFIER_WORDS:
            return modifier + noun
        i = text.rfind(noun, floor, i)
    return None


_BREAKS = "，,；;：:。！？!?\n"  # clause breaks; 、 joins list items inside a clause


def phrase_start(text: str, lo: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts, items of a list (、) kept together; a dash
    (——) opens one too.

    >>> phrase_start("截至3月，甲、乙两地投入5亿元", 0, 12)
    5
    """
    p = pos
    while p > lo and text[p - 1] not in _BREAKS and text[p - 2 : p] != "——":
        p -= 1
    return p


def holder_phrase(phrase: str, metric: str | None) -> str | None:
    """The part of an opening noun phrase that holds the figure: what stands before its metric
    (江城港吞吐量 with metric 吞吐量 → 江城港); none when the phrase is the metric itself.

    >>> holder_phrase("江城港吞吐量", "吞吐量"), holder_phrase("汽车", "汽车产销")
    ('江城港', None)
    """
    if metric:
        if phrase in metric:
            return None
        i = phrase.find(metric)
        phrase = phrase[:i] if i != -1 else phrase
    return phrase if len(phrase) >= 2 else None


def is_one_noun(phrase: str) -> bool:
    """Whether ``phrase`` is one common noun of jieba's dictionary (标准, 会议).

    >>> is_one_noun("标准"), is_one_noun("城东支行")
    (True, False)
    """
    return _one_noun(dictionary_words(phrase))


# 这种储水罐, 这家企业: a demonstrative and a measure word before the noun it points with
# (该 and 此 + noun are anaphors of the entities' kind: see anaphors.tsv)
_DEMONSTRATIVE = re.compile(r"[这那](?:种|个|款|家|座|些|项|类|批|位|条|所|台)")


def demonstrative_phrase(text: str, head: int, end: int, metric: str | None = None) -> str | None:
    """The thing a clause opening with a demonstrative points back to: the fuller phrase of its
    head noun written before (这家企业 → 星河材料企业), else the demonstrative phrase itself
    (这种沿坡安装的储水罐), which at least says what kind of thing holds the figure.

    >>> text = "镇上建了新型储水罐。这种沿坡安装的储水罐，容积约30立方米"
    >>> demonstrative_phrase(text, 10, 28)
    '新型储水罐'
    >>> demonstrative_phrase("这种沿坡安装的储水罐，容积约30立方米", 0, 18)
    '这种沿坡安装的储水罐'
    """
    m = _DEMONSTRATIVE.match(text, head)
    if m is None or m.end() == head:
        return None
    q = m.end()
    while q < end and text[q] not in CLAUSE_MARKS:
        q += 1
    start = text.rfind("的", m.end(), q) + 1 or m.end()  # 这种沿坡安装的储水罐: after the clause
    words = dictionary_words(text[start:q])
    n = 0
    while n < len(words) and words[n][1].startswith(("n", "j")):
        n += 1
    if n == 0:
        return None
    noun_end = start + sum(len(w) for w, _ in words[:n])
    if metric and (metric in text[head:noun_end] or text[start:noun_end] in metric):
        return None  # 这台机器的功率达5千瓦: the phrase runs into the measure
    nxt = dictionary_words(text[noun_end : noun_end + 4])
    acts = nxt and len(nxt[0][0]) > 1 and nxt[0][1].startswith(("v", "d"))
    if text[noun_end : noun_end + 1] not in CLAUSE_MARKS and not acts:
        return None  # 这款长度仅30厘米: a measure said of it, not the thing alone
    return fuller_phrase(text, words[n - 1][0], head) or text[head:noun_end]


_OUR = re.compile(r"(?:我们|咱们)")


def our_phrase(text: str, lo: int, pos: int) -> str | None:
    """The unit a speaker calls 我们 + noun in the figure's clause (落到我们合作社的…), by the
    fuller name written before (青山农机合作社), else as said.

    >>> text = "青山农机合作社的任务定了。“落到我们合作社的是300亩"
    >>> our_phrase(text, 14, len(text))
    '青山农机合作社'
    """
    for m in _OUR.finditer(text, lo, pos):
        words = dictionary_words(text[m.end() : min(pos, m.end() + 6)])
        n = 0
        while n < len(words) and words[n][1].startswith(("n", "m", "q", "l")):
            n += 1
        while n > 0 and not words[n - 1][1].startswith(("n", "l")):  # 合作社 is 'l'
            n -= 1
        if n == 0:
            continue
        noun = "".join(w for w, _ in words[:n])
        if any(c.isdigit() for c in noun) or noun.startswith(_not_holders()):
            continue  # 我们每季度: a distributive, no unit
        return fuller_phrase(text, noun, m.start()) or text[m.start() : m.end() + len(noun)]
    return None


def opening_holder(text: str, first: int, pos: int, metric: str | None) -> str | None:
    """The noun phrase opening the figure's clause, the clause before it or its sentence (from
    ``first``: 青禾咖啡先后入驻多个商圈，会员人数增长2倍), unless it is the figure's metric; a bare
    noun by the fuller phrase it refers back to (标准 → the standard named before it)."""
    own = phrase_start(text, first, pos)
    before = phrase_start(text, first, own - 1) if own > first else own
    for head in dict.fromkeys((own, before, first)):
        found = opening_phrase(text, head, pos)
        holder = holder_phrase(text[found[0] : found[1]], metric) if found else None
        if holder is not None and found is not None and is_one_noun(holder):
            holder = fuller_phrase(text, holder, found[0])
        if holder is not None:
            return holder
    return None


def pointed_back(text: str, start: int, pos: int, metric: str | None) -> str | None:
    """What a demonstrative opening the figure's clause or the clause before (这种储水罐，容积…),
    or 我们 + noun in its clause, points back to."""
    own = phrase_start(text, start, pos)
    before = phrase_start(text, start, own - 1) if own > start else own
    for head in dict.fromkeys((own, before)):
        pointed = demonstrative_phrase(text, head, pos, metric)
        if pointed is not None:
            return pointed
    return our_phrase(text, own, pos)
