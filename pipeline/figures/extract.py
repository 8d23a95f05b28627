"""The public API: figures of a text, and the bare numbers under them."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from pipeline.document import DateMention, Entity, Figure
from pipeline.figures.agents import opening_holder, pointed_back
from pipeline.figures.candidate import Candidate
from pipeline.figures.filters import (
    SLOGAN,
    bare_scaled,
    blocked,
    idiom_spans,
    in_idiom,
    indefinite,
    masked_spans,
    overlaps,
)
from pipeline.figures.holders import (
    NOT_HOLDER_LEADS,
    Name,
    anaphor_before,
    chain_end,
    drop_sources,
    event_at,
    holder_name,
    is_anaphor,
    reporter,
    resolve,
    venue,
)
from pipeline.figures.keys import metric_key
from pipeline.figures.lexicon import Lexicon, load_lexicon
from pipeline.figures.meaning import (
    REFERRING,
    SUBJECT_LABELS,
    Context,
    after_dateline,
    antecedent,
    figure_context,
    topic_subject,
)
from pipeline.figures.parse import change_direction
from pipeline.figures.period import (
    carries,
    forecast,
    governing_date,
    in_condition,
    is_statistic,
)
from pipeline.figures.phrases import LIST_JOINERS, PUNCT_STRIP
from pipeline.figures.ranges import merge_bounds, merge_ranges, share_units
from pipeline.figures.scan import CORE, scan_candidates
from pipeline.figures.spans import nearest_span
from pipeline.zh.chars import CAPITALS, fold
from pipeline.zh.numerals import NUMERAL_CHARS, parse_folded, parse_scale
from pipeline.zh.sentences import CLAUSE_MARKS, clause_start, sentence_spans, span_containing

_SLASH_FRACTION = re.compile(r"(?<![0-9/.])(-?[0-9]+)[ ]?/[ ]?([0-9]+)(?![0-9/.])")  # 1/3, -3/2
APPROX_SCALE = re.compile(r"[余多几]([万亿]+)")


@dataclass(frozen=True)
class NumberMention:
    """A bare number found in text (no unit needed): what :func:`find_numbers` returns."""

    start: int
    end: int
    surface: str
    value: float


def _candidates(
    text: str, dates: Sequence[DateMention], *, bare: bool = False
) -> tuple[str, list[Candidate]]:
    lex = load_lexicon()
    folded = fold(text)
    masked = masked_spans(folded)
    idioms = idiom_spans(folded, lex)
    date_spans = sorted((d.start, d.end) for d in dates)
    slogans = [m.span() for m in SLOGAN.finditer(folded)]
    kept: list[Candidate] = []
    scanned = scan_candidates(lex, text, folded, bare=bare)
    share_units(folded, scanned)
    for cand in merge_bounds(lex, text, folded, merge_ranges(text, folded, scanned)):
        if blocked(text, folded, cand) and cand.low is None:
            continue
        if overlaps(masked, cand.num_start, cand.num_end):
            continue
        if in_idiom(idioms, cand.num_start, cand.num_end):
            continue
        if not cand.number_text.isascii() and overlaps(slogans, cand.num_start, cand.num_end):
            continue  # Arabic numbers in quotes are still figures (“超过300项”)
        if overlaps(date_spans, cand.start, cand.end):
            continue
        kept.append(cand)
    return folded, kept


def _label_line(
    text: str, sentence: tuple[int, int], sentences: list[tuple[int, int]]
) -> str | None:
    """In a sidebar, the line before a bare number line is its label (存款余额 / 12.4万亿元)."""
    i = bisect.bisect_left(sentences, sentence)
    if i == 0 or i >= len(sentences) or sentences[i] != sentence:
        return None
    s, e = sentences[i - 1]
    line = text[s:e].strip(PUNCT_STRIP)
    if not line or len(line) > 40 or any(c.isdigit() for c in line):
        return None
    return line


def extract_figures(
    text: str,
    *,
    dates: Sequence[DateMention] = (),
    entities: Sequence[Entity] = (),
    in_sidebar: bool = False,
) -> list[Figure]:
    """Every figure (number + unit) in ``text``, sorted by start.

    ``dates`` are the date mentions already found in the same text: figures never overlap them,
    and the governing date of each figure becomes its ``period``. ``entities`` (optional, found
    in the same text) name the subject when the figure's clause names none or only refers back
    (该行, 全行): the nearest organization, place or product before it in its sentence.

    >>> f = extract_figures("全市已登记经营主体83万家，实现营业收入1.2万亿元。")
    >>> [(x.surface, x.value, x.unit, x.scale) for x in f]
    [('83万家', 830000.0, '家', '万'), ('1.2万亿元', 1200000000000.0, '元', '万亿')]
    >>> [(x.surface, x.bound, x.qualifier) for x in extract_figures("举办超百场讲座，约65%。")]
    [('超百场', 'over', '超'), ('约65%', 'approx', '约')]
    >>> g = extract_figures("投资10万—20万元，同比下降2个百分点")
    >>> [(x.surface, x.low, x.high, x.value) for x in g][0]
    ('10万—20万元', 100000.0, 200000.0, None)
    >>> g[1].change, g[1].unit
    ('decrease', '个百分点')
    >>> extract_figures("2026年第一季度，一是三年内")
    []
    """
    folded, cands = _candidates(text, dates)
    if not cands:
        return []
    scope = _scope_of(text, folded, dates, entities, in_sidebar)
    usable = scope.dates
    heading = None
    if in_sidebar and usable and usable[0].start < cands[0].start:
        heading = usable[0].surface
    figures: list[Figure] = []
    previous: Context | None = None
    previous_sentence: tuple[int, int] | None = None
    topic: str | None = None  # the subject named last in the paragraph (a sidebar: anywhere)
    topic_end = 0
    carried: DateMention | None = None  # the date of the statistics of earlier sentences
    group: tuple[tuple[int, int], str] | None = None  # a counted group acting in a sentence
    consumed = 0
    for cand in cands:
        if cand.unit is None and not cand.order and not bare_scaled(cand):
            continue
        if indefinite(scope.lex, text, cand):
            continue
        sentence = span_containing(scope.sentences, cand.start, len(text))
        if sentence != previous_sentence:
            previous, consumed = None, sentence[0]
        lo = max(clause_start(text, sentence[0], cand.start), consumed)
        label = _label_line(text, sentence, scope.sentences) if in_sidebar else None
        bounds = (sentence[0], lo, sentence[1])
        ctx = figure_context(scope.lex, text, cand, bounds, usable, previous, label)
        if not in_sidebar and "\n" in text[topic_end : cand.start]:
            topic = None  # a new paragraph: its subject is named anew
        ctx = _with_holder(scope, cand, ctx, sentence, previous, group, topic)
        if ctx.subject:
            topic, topic_end = ctx.subject, cand.end
        group = _group(text, cand, ctx, lo, sentence) or group
        own, carried = _period(scope, cand, sentence, carried)
        period = own.surface if own is not None else heading
        change = change_direction(scope.lex, folded, cand.start, sentence[0], cand.value)
        if change is None and figures and folded[figures[-1].end : cand.start] in LIST_JOINERS:
            change = figures[-1].change  # 分别下跌3.48%、3.14%: every item of the list
        figures.append(
            _figure(
                text,
                cand,
                change=change,
                metric=ctx.metric,
                subject=ctx.subject,
                period=period,
                in_sidebar=in_sidebar,
                sentence=sentence,
                period_date=own.normalized if own is not None else None,
            )
        )
        previous, previous_sentence = ctx, sentence
        consumed = cand.end + ctx.right_used
    return _explain_headline(text, figures)


def _with_holder(
    scope: _Scope,
    cand: Candidate,
    ctx: Context,
    sentence: tuple[int, int],
    previous: Context | None,
    group: tuple[tuple[int, int], str] | None,
    topic: str | None,
) -> Context:
    """The figure's context with its holder: the counted group acting in its sentence where its
    clause names no holder of its own (12个城市启动试点，累计投入…), else :func:`_subject`."""
    inherited = ctx.subject is None or (previous is not None and ctx.subject == previous.subject)
    if group is not None and group[0] == sentence and inherited:
        ctx = replace(ctx, subject=group[1])
    statistic = cand.category in ("money", "ratio", "measure")
    holder = _subject(scope, ctx.subject, sentence, cand.start, topic, ctx.metric, statistic)
    return replace(ctx, subject=holder)


_GROUP_LEADS = ("", "有", "已有", "共有", "现有")


def _group(
    text: str, cand: Candidate, ctx: Context, lo: int, sentence: tuple[int, int]
) -> tuple[tuple[int, int], str] | None:
    """A count opening its clause whose counted noun goes on to act (120处灌区累计引水…):
    the group, number included, holds the later figures of its sentence."""
    if cand.category != "count" or cand.noun_unit or not ctx.right_used:
        return None
    end = cand.end + ctx.right_used
    if text[lo : cand.start].strip() not in _GROUP_LEADS or text[end : end + 1] in CLAUSE_MARKS:
        return None
    return sentence, text[cand.start : end]


def _explain_headline(text: str, figures: list[Figure]) -> list[Figure]:
    """A figure of the headline (the first line) that the body repeats takes the body's
    metric and subject where it has none of its own: 80亿元资金下达 / …下达资金80亿元.

    >>> fs = extract_figures("新建光伏电站40座\\n今年，福建新建光伏电站40座。")
    >>> [(f.surface, f.subject) for f in fs]
    [('40座', '福建'), ('40座', '福建')]
    """
    first_line = text.find("\n")
    if first_line == -1:
        return figures
    out = []
    for fig in figures:
        twin = None
        if fig.end <= first_line and (fig.metric is None or fig.subject is None):
            twin = next((f for f in figures if f.start > first_line and _same(f, fig)), None)
        if twin is None:
            out.append(fig)
            continue
        metric, subject = fig.metric or twin.metric, fig.subject or twin.subject
        own = (fig.start, fig.end)
        out.append(
            replace(
                fig,
                metric=metric,
                metric_key=metric_key(metric),
                metric_span=nearest_span(text, metric, fig.sentence, own),
                subject=subject,
                subject_span=nearest_span(text, subject, fig.sentence, own),
            )
        )
    return out


def _same(a: Figure, b: Figure) -> bool:
    return (a.value, a.low, a.high, a.unit) == (b.value, b.low, b.high, b.unit)


def _scope_of(
    text: str,
    folded: str,
    dates: Sequence[DateMention],
    entities: Sequence[Entity],
    in_sidebar: bool,
) -> _Scope:
    """The dates that can govern a figure and the names that can hold one, of one text."""
    usable = sorted((d for d in dates if d.kind != "duration"), key=lambda d: d.start)
    titles = masked_spans(folded)  # a name inside 《…》 is part of a title
    every = sorted(
        (e.start, e.end, e.surface, e.label)
        for e in entities
        if not any(c.isdigit() for c in e.surface) and not overlaps(titles, e.start, e.end)
    )
    holders = drop_sources(text, every)
    sources = frozenset(n[2] for n in every) - frozenset(n[2] for n in holders)
    names = [
        n[:3]
        for n in holders
        if n[3] in SUBJECT_LABELS and not _compared(text, n[0]) and not _listed(text, n)
    ]
    lex = load_lexicon()
    sentences = sentence_spans(text)
    topic = None if sources else _topic(text, names, sentences)
    return _Scope(lex, text, folded, usable, names, holders, sources, sentences, in_sidebar, topic)


def _topic(
    text: str, names: Sequence[tuple[int, int, str]], sentences: list[tuple[int, int]]
) -> str | None:
    """What a text is about: of the holders its lead names (headline and first sentences,
    datelines left out: 本报北京…电), the one named most often, at least three times
    (the earliest of equals). A statistic whose sentence and paragraph name no holder is the
    topic's; a text citing a statistics source (…局数据显示) reports figures of no one named,
    so the caller gives it no topic."""
    own = [
        n
        for n in names
        if n[0] >= after_dateline(text, *span_containing(sentences, n[0], len(text)))
    ]
    lead_end = sentences[min(_LEAD, len(sentences)) - 1][1] if sentences else 0
    counts = Counter(n[2] for n in own)
    led = [n[2] for n in own if n[0] < lead_end]
    best = max((counts[name] for name in led), default=0)
    return (
        next((name for name in led if counts[name] == best), None)
        if best >= _TOPIC_MENTIONS
        else None
    )


_LEAD = 3  # sentences: a headline, a kicker or dateline line, the first sentence of the body
_TOPIC_MENTIONS = 3  # fewer is a passing mention


def _period(
    scope: _Scope, cand: Candidate, sentence: tuple[int, int], carried: DateMention | None
) -> tuple[DateMention | None, DateMention | None]:
    """The date governing a figure, and the date that carries on to the next sentences."""
    text = scope.text
    own = governing_date(scope.dates, text, sentence, cand.start, multiple=cand.unit == "倍")
    if own is not None and in_condition(text, own, cand.bound):
        own = None
    # a report's date carries to the amounts and rates of the next sentences, not to counts
    # of standing things (全岛8个口岸运行…) nor to forecasts (预计…将突破…)
    counted = cand.category == "count"
    if (
        own is None
        and carried is not None
        and not counted
        and carries(text, carried, sentence[0])
        and not forecast(text, sentence[0], cand.start)
    ):
        own = carried
    if own is not None and is_statistic(cand):
        carried = own
    return own, carried


@dataclass(frozen=True)
class _Scope:
    """What every figure of one text is read against."""

    lex: Lexicon
    text: str
    folded: str
    dates: list[DateMention]  # sorted, durations left out: they govern no figure
    names: list[tuple[int, int, str]]  # entities that can be subjects, sorted
    holders: list[Name]  # every entity but the sources, with its label (persons too)
    sources: frozenset[str]  # names cited as the source of statistics (国家统计局)
    sentences: list[tuple[int, int]]
    in_sidebar: bool
    topic: str | None  # the holder the whole text is about


def _subject(
    scope: _Scope,
    subject: str | None,
    sentence: tuple[int, int],
    pos: int,
    topic: str | None,
    metric: str | None,
    statistic: bool,
) -> str | None:
    """The subject of the figure at ``pos``: the one its clause names, else the entity or the
    anaphor (全县, 该公司 resolved to their antecedent) nearest before it in its sentence, else
    the topic of the sentences before; the last place of a chain (四川省绵阳市北川县)."""
    start = after_dateline(scope.text, *sentence)
    report = reporter(scope.text, start, pos)
    cited = report is not None and report[2]  # 国家统计局数据显示: the data of no one named
    if subject is not None and (
        len(subject) < 2 or subject in scope.sources or (cited and subject in report[1])
    ):
        subject = None  # 台 of 港澳台, 加 of 加方: a fragment; 国家统计局: a source
    pointed = pointed_back(scope.text, start, pos, metric)
    if pointed is not None:
        return pointed  # 这种储水罐，容积约30立方米: the thing pointed back to, not the carried one
    if subject is None or subject.startswith(REFERRING):
        after = report[0] if cited else start  # names in the source's own name hold nothing
        subject = _named_before(scope, after, pos) or subject
    if subject is None and cited:
        return None
    if subject is None and not scope.sources:  # a statistics text opens clauses with measures
        subject = opening_holder(scope.text, start, pos, metric)
    if subject is None and scope.in_sidebar:
        subject = topic
    elif subject is None:
        subject = topic_subject(scope.lex, scope.text, scope.sentences, sentence, scope.dates)
        subject = subject if subject not in scope.sources else None
        subject = subject or topic or (scope.topic if statistic else None)
    if subject is None or len(subject) < 2:
        return None
    subject = antecedent(scope.names, subject, pos)
    if is_anaphor(subject):  # 公司总经理说…: the clause named only 公司
        target = resolve(scope.holders, subject, pos)
        subject = target[2] if target is not None else subject
    return _whole_name(scope, subject, sentence, pos)


def _compared(text: str, start: int) -> bool:
    """A name after 较/比 is the base of a comparison (较省里下达的指标核减…), after 占 the whole
    of a share (占浙江的38%), after 对/向 a partner (对东盟出口): not the holder."""
    return start > 0 and text[start - 1] in NOT_HOLDER_LEADS


def _listed(text: str, name: Name) -> bool:
    """A member of a list the figure counts (江苏、浙江等8个省份; 甲、乙、丙三市), not its
    holder."""
    after = text[name[1] : name[1] + 1]
    before = text[name[0] - 1 : name[0]] if name[0] else ""
    return after in ("、", "等") or (before == "、" and _numeral(after))


def _numeral(c: str) -> bool:
    return c != "" and (c.isdigit() or c in NUMERAL_CHARS)


def _named_before(scope: _Scope, start: int, pos: int) -> str | None:
    """The holder named nearest before ``pos`` (from ``start``): a name opening the figure's
    clause, else the nearest entity, anaphor (resolved) or reporting platform."""
    text = scope.text
    head = clause_start(text, start, pos)
    i = bisect.bisect_left(scope.holders, (head, 0, "", ""))
    if i < len(scope.holders) and scope.holders[i][0] == head and scope.holders[i][1] <= pos:
        return scope.holders[i][2]  # 王芳买了两盒: the clause's own subject
    event = event_at(text, head)
    if event is not None:
        return event  # 本届博览会参展企业…: the event referred back to
    report = reporter(text, start, pos)
    report = venue(text, start) if report is None or report[2] else report
    named = holder_name(scope.names, text, start, head, pos)
    anaphor = anaphor_before(text, start, pos)
    if report is not None and anaphor is not None and anaphor[0] < report[0]:
        anaphor = None  # 平台 of 星河云平台数据显示: part of the reporter's name
    if anaphor is not None and (named is None or anaphor[0] >= named[1]):
        if report is not None:
            return report[1]  # 某旅行平台…显示，平台酒店预订…: the platform reports
        target = resolve(scope.holders, anaphor[1], anaphor[0])
        return target[2] if target is not None else anaphor[1]
    if report is not None and (named is None or named[0] < report[0]):
        return report[1]
    return named[2] if named is not None else None


def _whole_name(scope: _Scope, subject: str, sentence: tuple[int, int], pos: int) -> str:
    """The whole entity a subject starts (四川 of 四川省绵阳市北川县), and the last place of a
    chain of places written as one."""
    i = scope.text.rfind(subject, sentence[0], pos)
    if i == -1:
        return subject
    k = bisect.bisect_left(scope.holders, (i, 0, "", ""))
    while k < len(scope.holders) and scope.holders[k][0] == i:
        longer = scope.holders[k]
        if longer[1] <= pos and len(longer[2]) > len(subject) and not _listed(scope.text, longer):
            subject = longer[2]  # not a list member that starts with the name (江城甲园、…)
        k += 1
    last = chain_end(scope.holders, scope.text, i, i + len(subject))
    return last[2] if last is not None else subject


def find_numbers(text: str) -> list[NumberMention]:
    """Every numeral in ``text`` with its value (scale folded in), with or without a unit.

    Years and ordinals are not filtered here (set phrases are: 一些, 统一); this is the layer
    under :func:`extract_figures`. Fractions count (三分之一, 1/3); vague runs do not (二三十).

    >>> [(n.surface, n.value) for n in find_numbers("二点五，1,100万，十多万和五分之一")]
    [('二点五', 2.5), ('1,100万', 11000000.0), ('十多万', 100000.0), ('五分之一', 0.2)]
    """
    folded = fold(text)
    idioms = idiom_spans(folded, load_lexicon())
    found: list[NumberMention] = []
    taken = masked_spans(folded)
    for m in _SLASH_FRACTION.finditer(folded):  # 1/3, -3/2
        if int(m.group(2)):
            s, e = m.span()
            found.append(NumberMention(s, e, text[s:e], int(m.group(1)) / int(m.group(2))))
            taken.append((s, e))
    taken.sort()
    for m in CORE.finditer(folded):
        s, e = m.start(), m.end("core")
        body = folded[m.start("core") : e].lstrip("-负")
        if not body or overlaps(taken, s, e) or in_idiom(idioms, s, e):
            continue
        if body in ("百", "千", "万", "亿") and not (m.group("pct") or m.group("den")):
            continue
        if len(body) == 1 and text[m.start("core")] in CAPITALS and s == m.start("core"):
            continue
        value = parse_folded(folded[s:e].replace("，", ","))
        tail = APPROX_SCALE.match(folded, e)  # 十多万, 500余万
        if tail and value is not None:
            value *= parse_scale(tail.group(1)) or 1.0
            e = tail.end()
        if value is not None:
            found.append(NumberMention(s, e, text[s:e], value))
    return sorted(found, key=lambda n: n.start)


def extract_numbers(text: str) -> list[Figure]:
    """Like :func:`extract_figures` but keeps numbers without a unit (unit None).

    >>> [(f.surface, f.bound, f.value) for f in extract_numbers("超过一千，500多亿")]
    [('超过一千', 'over', 1000.0), ('500多亿', 'over', 50000000000.0)]
    """
    _, cands = _candidates(text, (), bare=True)
    return [_figure(text, c, sentence=(c.start, c.end)) for c in cands]


def _figure(
    text: str,
    cand: Candidate,
    *,
    sentence: tuple[int, int],
    change: str | None = None,
    metric: str | None = None,
    subject: str | None = None,
    period: str | None = None,
    in_sidebar: bool = False,
    period_date: str | None = None,
) -> Figure:
    """The Figure of a candidate, with what its context says about it."""
    own = (cand.start, cand.end)
    return Figure(
        id="",
        article=None,
        start=cand.start,
        end=cand.end,
        surface=text[cand.start : cand.end],
        number_text=cand.number_text,
        value=None if cand.low is not None else cand.value,
        low=cand.low,
        high=cand.high,
        unit=cand.unit,
        scale=cand.scale,
        qualifier=cand.qualifier,
        bound=cand.bound,
        change=change,
        metric=metric,
        subject=subject,
        period=period,
        in_sidebar=in_sidebar,
        sentence=sentence,
        metric_span=nearest_span(text, metric, sentence, own),
        metric_key=metric_key(metric),
        subject_span=nearest_span(text, subject, sentence, own),
        period_date=period_date,
    )
