"""Noun phrases around a figure: link words and change verbs stripped, subject names split
off, the counted noun after a count cut at its predicate."""

from __future__ import annotations

from pipeline.figures.lexicon import Lexicon
from pipeline.zh.chars import INLINE_SPACE, QUOTE_CLOSERS, QUOTE_OPENERS, is_han
from pipeline.zh.numerals import NUMERAL_CHARS
from pipeline.zh.sentences import CLAUSE_MARKS
from pipeline.zh.words import dictionary_words


def strip_links(lex: Lexicon, phrase: str) -> tuple[str, bool, str]:
    """Drop link words and change verbs at the right end; say whether a change word was seen
    and which change noun (涨幅, 增速) if one was.

    >>> from pipeline.figures.lexicon import load_lexicon
    >>> strip_links(load_lexicon(), "营收同比增")
    ('营收', True, '')
    >>> strip_links(load_lexicon(), "通信跌幅分别为")
    ('通信', True, '跌幅')
    """
    saw_change = False
    noun = ""
    changed = True
    while changed and phrase:
        changed = False
        phrase = phrase.rstrip(INLINE_SPACE)
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


_FORECAST_LEADS = ("预计", "预期", "力争", "争取", "计划")  # 预计全国…将: the subject follows


def split_subject(lex: Lexicon, phrase: str) -> tuple[str | None, str]:
    """Subject at the start of a clause (福建, 证券公司) and the rest; a forecast word before the
    subject is dropped (预计全国快递业务量 → 全国, 快递业务量).

    >>> from pipeline.figures.lexicon import load_lexicon
    >>> split_subject(load_lexicon(), "预计全国快递业务量")
    ('全国', '快递业务量')
    """
    for lead in _FORECAST_LEADS:
        if phrase.startswith(lead) and len(phrase) > len(lead) + 1:
            phrase = phrase[len(lead) :]
            break
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
    if phrase in lex.subject_heads:  # 甲省进度过七成，乙省过三成半: a place alone
        return phrase, ""
    for head in lex.subject_heads:  # a place or collective subject (浙江, 我国, 全省)
        if phrase.startswith(head) and len(phrase) > len(head):
            rest = phrase[len(head) :]
            second = _second_head(lex, rest)  # 河北山西近五成: two places share a figure
            if second:
                return head + second, rest[len(second) :]
            for tail in ("全省", "全市", "省", "市"):
                if rest.startswith(tail) and len(rest) > len(tail):
                    # 福建省 is a name; in 福建全省 the 全省 only stresses it
                    name = head if tail.startswith("全") else head + tail
                    return name, rest[len(tail) :]
            return head, rest
    return None, phrase


def _second_head(lex: Lexicon, rest: str) -> str:
    """A second place written right after the first (河北山西), not 全省 or 我国."""
    if len(rest) < 2 or rest[0] in "全我中":
        return ""
    return next((head for head in lex.subject_heads if rest.startswith(head)), "")


_TITLE_STARTS = frozenset("士长员主任书记")
_SUBORDINATE = ("辖内", "旗下", "下属", "所属")


def _unit_of(name: str) -> str:
    """某省农信联社辖内青川农商银行 -> 青川农商银行: the unit named last acts."""
    for word in _SUBORDINATE:
        i = name.rfind(word)
        if i != -1 and len(name) - i - len(word) >= 2:
            name = name[i + len(word) :]
    return name


def _name_like(lex: Lexicon, phrase: str) -> bool:
    """Whether a phrase can be a name: no digits, no predicate or preposition inside."""
    if any(c.isdigit() or c in _NOT_IN_NAMES for c in phrase):
        return False
    words = (*lex.boundaries, *(w for w in lex.noun_stop_set if len(w) > 1))
    return not any(word in phrase for word in words)


def cut_boundary(lex: Lexicon, phrase: str) -> str:
    """The part of ``phrase`` after its last boundary word (已, 组织, 对 ...)."""
    cut = 0
    for word in lex.boundaries:
        i = phrase.rfind(word)
        if i != -1 and i + len(word) > cut:
            cut = i + len(word)
    return phrase[cut:]


PUNCT_STRIP = "“”‘’\"'「」『』《》()（）[]【】 \t\u3000"
# 20家已完成改造, 仅5公斤却能…: an adverb after a figure opens the predicate
ADVERBS = ("已经", "已", "均", "都", "将", "也", "还", "却", "就", "才")


def right_phrase(lex: Lexicon, text: str, pos: int, hi: int) -> tuple[str, int]:
    """The noun phrase right after a figure (12个服务网点 -> 服务网点) and how many characters
    it spans; when an adverb opens a predicate there (20家已完成改造), that predicate.

    A short modifier ending in 的 is skipped (一家新建的冷链物流中心 -> 冷链物流中心);
    a quoted name is kept whole (30场“送技术下乡”培训活动).
    """
    origin = pos
    while pos < hi and text[pos] in INLINE_SPACE:
        pos += 1
    first = text[pos : pos + 1]
    if not first or not (is_han(first) or first in QUOTE_OPENERS):
        return "", 0
    q = pos
    quoted = False
    plain = 0  # characters outside quotes: a quoted name does not count towards the cap
    while q < hi and plain < _RIGHT_MAX:
        c = text[q]
        if c in QUOTE_OPENERS:
            quoted = True
        elif c in QUOTE_CLOSERS:
            quoted = False
        elif not quoted and (c in CLAUSE_MARKS or c in "（(《" or not is_han(c)):
            break
        elif not quoted:
            plain += 1
        q += 1
    raw = text[pos:q]
    for adverb in ADVERBS:
        if raw.startswith(adverb):
            return _cut_at_stops(lex, raw[len(adverb) :], skip_first=True), 0
    head = raw.find("的")
    # skip a short modifier (知名的…) unless the phrase runs into the next number: then 的
    # opens that figure's metric (两种贷款的余额占比分别为12.5%)
    next_number = q < len(text) and (text[q].isdigit() or text[q] in NUMERAL_CHARS)
    start = head + 1 if 0 < head <= 4 and not next_number else 0
    words = dictionary_words(raw[start:])
    if start == 0 and 0 < head < len(raw) - 1 and _is_predicate(words[0][1]):
        start = head + 1  # 种植茶树的农户: a relative clause before 的, the noun after it
        words = dictionary_words(raw[start:])
    phrase = _cut_at_stops(lex, _cut_at_predicate(raw[start:], words))
    used = pos - origin + start + len(phrase)
    return phrase.translate(_NO_QUOTES), used if phrase else 0


def _is_predicate(tag: str) -> bool:
    """Verbs (not verbal nouns), adverbs and prepositions open a predicate."""
    return tag in ("v", "d", "p", "vd", "ul")


def _cut_at_predicate(phrase: str, words: list[tuple[str, str]]) -> str:
    """The counted noun before the predicate that follows it (300亩草场告别过度放牧 -> 草场);
    a quoted name is kept whole.

    >>> _cut_at_predicate("草场告别过度放牧", dictionary_words("草场告别过度放牧"))
    '草场'
    >>> _cut_at_predicate("乘客挤在了站台上", dictionary_words("乘客挤在了站台上"))
    '乘客'
    """
    # a short phrase is a compound noun whatever jieba's tags say (改革创新举措, 先行赔付案例)
    if len(phrase) <= _COMPOUND_MAX or any(c in QUOTE_OPENERS for c in phrase):
        return phrase
    pos = 0
    for i, (word, tag) in enumerate(words):
        # a one-character verb (站 in 水电站, 作 in 手作) is usually inside a word jieba lacks,
        # unless a preposition or particle follows it (乘客挤在了…)
        if i and _is_predicate(tag) and (len(word) > 1 or tag != "v"):
            previous, previous_tag = words[i - 1]
            if tag in ("p", "ul") and i > 1 and len(previous) == 1 and previous_tag == "v":
                pos -= 1
            return phrase[:pos]
        pos += len(word)
    return phrase


_COMPOUND_MAX = 6


def _cut_at_stops(lex: Lexicon, raw: str, *, skip_first: bool = False) -> str:
    """``raw`` up to the first stop word or change verb outside quotes."""
    quoted = False
    for i, c in enumerate(raw):
        if c in QUOTE_OPENERS:
            quoted = True
        elif c in QUOTE_CLOSERS:
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
_NO_QUOTES = str.maketrans("", "", '“”‘’「」『』"')
LIST_JOINERS = ("和", "及", "与", "以及", "、")
