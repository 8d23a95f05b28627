"""What a figure measures and whose it is: metric and subject from the clause around it, the
sentence before it and the entities named near it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.document import DateMention
from pipeline.figures.candidate import Candidate
from pipeline.figures.holders import NAMES_BACK, is_division
from pipeline.figures.lexicon import Lexicon
from pipeline.figures.period import dates_between
from pipeline.figures.phrases import (
    ADVERBS,
    LIST_JOINERS,
    PUNCT_STRIP,
    cut_boundary,
    right_phrase,
    split_subject,
    strip_links,
)
from pipeline.zh.chars import INLINE_SPACE
from pipeline.zh.patterns import longest_before
from pipeline.zh.sentences import CLAUSE_MARKS, clause_start

_JOINERS = ("且", "并", "而", "但")
_QUANTITY = re.compile(r"[0-9０-９]|[零〇一二两三四五六七八九十百千]+[万亿]*[元吨个家项倍]")
_FRAME = re.compile(r"从([^，。；：、]{2,20}?)(?:来)?看[，,]")  # 从出口结构来看，…


@dataclass(frozen=True)
class Context:
    metric: str | None
    subject: str | None
    right_used: int  # characters to the right of the figure taken by its metric


def figure_context(
    lex: Lexicon,
    text: str,
    cand: Candidate,
    bounds: tuple[int, int, int],
    dates: Sequence[DateMention],
    previous: Context | None,
    label: str | None,
) -> Context:
    """Metric and subject of a figure from the clause around it."""
    sentence_start, lo, hi = bounds
    if lo == sentence_start:
        lo = after_dateline(text, lo, cand.start)
    left, led_by_change = _left_words(lex, text, lo, cand.start, dates)
    # 分别为10.79亿元、13.03亿元和15.70亿元: later list items share the first one's metric
    listed = left in LIST_JOINERS or (not left and text[max(0, lo - 1) : lo] == "、")
    if listed:
        left = ""
    phrase, saw_change, rate = strip_links(lex, left)
    saw_change = saw_change or led_by_change
    open_clause = "分别" in left or saw_change
    if not phrase and not rate and open_clause and text[lo - 1 : lo] in ("，", ","):
        # 化工行业净流入金额居前，分别为12.3亿元 / 特别是出口额，同比增长5%: the measure is
        # named in the clause before
        earlier = text[clause_start(text, sentence_start, lo - 1) : lo - 1]
        if _QUANTITY.search(earlier) is None:  # 首次突破百亿元关口，比上年增长: not a measure
            phrase, _, rate = strip_links(lex, earlier.strip(PUNCT_STRIP))
            phrase = "" if rate else cut_boundary(lex, phrase)
    phrase = phrase.strip(PUNCT_STRIP)
    subject, rest = split_subject(lex, phrase)
    rest = rest.strip(PUNCT_STRIP)
    left_metric = cut_boundary(lex, rest).strip(PUNCT_STRIP)
    right, used = "", 0
    counted = ("count", "measure", "money", "age")
    # 96%的企业开展…: a share of the things named after it
    share_of = cand.category == "ratio" and text[cand.end : cand.end + 1] == "的"
    if not cand.noun_unit and not cand.order and (cand.category in counted or share_of):
        right, used = right_phrase(lex, text, cand.end + share_of, hi)
        if right.startswith(_JOINERS):
            right, used = "", 0  # 投入3亿元且带动就业…: a new predicate, not what is counted
    right_used = 0
    metric: str | None
    if cand.noun_unit:
        metric = cand.unit
    elif label and not left:  # sidebar: a label line above a bare number line
        label_subject, metric = split_subject(lex, label)
        subject = subject or label_subject
    elif right and used and cand.category in ("count", "measure", "age"):
        # a counted noun follows its count (12个服务网点, 800平方米厂房)
        metric, right_used = right, used
    else:
        # a phrase ending in a verb (技术投入) is its own metric; one ending in a function
        # word (物流业以) is not
        fallback = rest if len(rest) > 2 and rest[-2:] in lex.boundaries else ""
        metric = left_metric or right or fallback or rate or None
        right_used = used if metric == right else 0
    parallel = subject is not None and not rest  # …，山东过四成半: same measure, new subject
    # …，全年首次突破百亿元: only adverbs before a qualifier that is the predicate, the same measure
    linked = (
        left.endswith((*ADVERBS, "首次", "再次", "仅", "只"))
        and not phrase
        and cand.qualifier is not None
        and cand.start < cand.num_start
    )
    # 由180元降至150元: only link words between two values, the same measure
    only_links = bool(left) and not phrase and not rate
    carried = saw_change or listed or parallel or linked or only_links
    if metric is None and previous is not None and carried:
        return Context(previous.metric, subject if parallel else previous.subject or subject, 0)
    if metric is None:
        frames = list(_FRAME.finditer(text, sentence_start, cand.start))
        metric = frames[-1].group(1) if frames else None
    if subject is None and previous is not None:
        subject = previous.subject
    if subject is None:
        subject = _sentence_subject(lex, text, sentence_start, cand.start, dates)
    return Context(_balance_quotes(_after_enumerator(metric)), subject, right_used)


_FROM_WHEN = re.compile(r"[从由][^，。；：从由的]{1,10}的")
_BASE_WORDS = frozenset({"比", "较", "相比", "同比"})


def _left_words(
    lex: Lexicon, text: str, lo: int, start: int, dates: Sequence[DateMention]
) -> tuple[str, bool]:
    """The words of the clause before a figure that can name its measure, and whether a change
    verb led to a date that stands between (降至2025年的6.5吨).

    From–to pairs name the measure before 从/由 (利用率由2015年的40%提高到73%); otherwise a
    date in the clause cuts off what stands before it.
    """
    p = start
    dated = [d for d in dates_between(dates, lo, start) if d.end <= start]
    if text[p - 1 : p] == "的":
        p -= 1
    if dated and dated[-1].end == p:
        p = dated[-1].start
    if p > lo and text[p - 1] in "从由":
        return text[lo : p - 1].strip(PUNCT_STRIP), False
    pair = _FROM_WHEN.search(text, lo, start)  # 由“十三五”末的25%: a time the dates missed
    if pair is not None and pair.end() == start:
        return text[lo : pair.start()].strip(PUNCT_STRIP), False
    if not dated:
        return text[lo:start].strip(PUNCT_STRIP), False
    last = dated[-1]
    base = longest_before(_BASE_WORDS, text, last.start, 2)
    if base:  # 粮食产量比上年增长4.2%: the measure stands before the base
        return (text[lo : last.start - len(base)] + text[last.end : start]).strip(
            PUNCT_STRIP
        ), False
    lead, saw_change, _ = strip_links(lex, text[lo : last.start].strip(PUNCT_STRIP))
    return text[last.end : start].strip(PUNCT_STRIP), saw_change and not lead


_ENUMERATOR = re.compile(r"^(?:[一二三四五六七八九十]是|其[一二三四五六七八九十])[“‘]?")


def _after_enumerator(phrase: str | None) -> str | None:
    """A metric without the enumerator of its list item (一是“预计市值 → 预计市值).

    >>> _after_enumerator("二是“营业收入")
    '营业收入'
    """
    if not phrase:
        return phrase
    rest = _ENUMERATOR.sub("", phrase)
    return rest or phrase


def _balance_quotes(phrase: str | None) -> str | None:
    """Put back an opening quote that trimming took off (“一江一河”岸线里程).

    >>> _balance_quotes("一江一河”岸线里程")
    '“一江一河”岸线里程'
    """
    if phrase and phrase.count("”") > phrase.count("“"):
        return "“" + phrase
    return phrase


def topic_subject(
    lex: Lexicon,
    text: str,
    sentences: list[tuple[int, int]],
    sentence: tuple[int, int],
    dates: Sequence[DateMention],
) -> str | None:
    """The subject of the nearest earlier sentence of the same paragraph that names one: a
    sentence with no subject of its own continues the topic (…市文旅局推出线路。接待游客…)."""
    i = bisect.bisect_left(sentences, sentence)
    for s, e in reversed(sentences[max(0, i - 2) : i]):
        if "\n" in text[e : sentence[0]]:
            return None
        subject = _sentence_subject(lex, text, s, e, dates)
        if subject is not None:
            return subject
        sentence = (s, e)
    return None


# 新华社北京6月11日电 (记者…), 某某网北京3月2日讯, 本报讯: the agency is no subject
_DATELINE = re.compile(
    r"(?:[\u4e00-\u9fff]{2,14}?[0-9０-９]{1,2}月[0-9０-９]{1,2}日|本报[\u4e00-\u9fff]{0,6}?)[电讯]"
    r"[ \u3000]*(?:[（(][^（）()\n]{0,40}[）)])?[ \u3000]*"
)


def after_dateline(text: str, start: int, end: int) -> int:
    """Where a sentence's own words begin, after a wire-service dateline if it opens with one.

    >>> after_dateline("新华社北京6月11日电 工信部约谈", 0, 17)
    12
    """
    m = _DATELINE.match(text, start, end)
    return m.end() if m else start


SUBJECT_LABELS = frozenset({"ORG", "LOC", "PRODUCT"})
# determiners that make a subject refer back (该行, 本行, 其, 全行, 全省): a name is better
REFERRING = ("该", "本", "其", "全")


_PLACE_ANAPHOR = re.compile(r"[全该本]([省市县区州镇乡])")


def antecedent(names: Sequence[tuple[int, int, str]], subject: str, pos: int) -> str:
    """全市, 该省: the place named last before ``pos`` with the same division word, if any.

    >>> antecedent([(0, 3, "澜江市"), (8, 11, "东岚省")], "全市", 20)
    '澜江市'
    >>> antecedent([(0, 3, "东岚省")], "全市", 20)
    '全市'
    """
    anaphor = _PLACE_ANAPHOR.fullmatch(subject)
    if anaphor is None:
        return subject
    i = bisect.bisect_left(names, (pos, pos, ""))
    for _, _, surface in reversed(names[max(0, i - NAMES_BACK) : i]):
        if is_division(surface, anaphor.group(1)):
            return surface
    return subject


def _sentence_subject(
    lex: Lexicon, text: str, start: int, end: int, dates: Sequence[DateMention]
) -> str | None:
    """The subject opening the sentence (省交通运输厅新开通…), when the
    figure's own clause names none."""
    p = after_dateline(text, start, end)
    for d in dates_between(dates, p, end):  # 截至9月末，… / 上半年，…
        if d.start > p + 3:
            break
        if p <= d.start and d.end <= end:
            p = d.end
    while p < end and (text[p] in CLAUSE_MARKS or text[p] in INLINE_SPACE):
        p += 1
    q = p
    while q < end and text[q] not in CLAUSE_MARKS:
        q += 1
    subject, _ = split_subject(lex, text[p:q].strip(PUNCT_STRIP))
    if subject is not None and subject.startswith(("截至", "截止")):
        return None  # 截至公告披露日: a time clause
    return subject


# ---------------------------------------------------------------------------------------------
# Public API
