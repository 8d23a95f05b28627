"""Who said what: direct quotes (“…”) and reported speech (X表示，…), with the speaker.

A direct quote is the text between “ and ”; one that runs over several paragraphs opens each
paragraph with “ and closes only the last. It is attributed, first match wins, to
- a speech verb before it (张三说：“…”) or after it (“…”张三说。 / “…”通过调研，张三认为);
- the subject of the clause that leads into it (张三放下茶杯，“…” / 她想了想：“…”) or,
  when the quote is a whole utterance (ends in 。！？…), of the clause after it
  (“…。”张三叹了口气);
- a quote standing right next to an attributed one (“…”“…”张三说).
A term in quotation marks (“双减”政策…, “十五五”时期) is not speech.
Reported speech is the clause after a speech verb (X表示，…, 在X看来，…) to the sentence end.
An interview line (张三：…) is a quote of 张三.

Speech verbs come from ``gazetteers/entity_rules/speech_verbs.txt`` and
``gazetteers/quotes/more_verbs.txt``; words such as 著称 or 可以说 that hold one are not speech
(``gazetteers/quotes/not_speech.txt``). A speaker phrase counts when it holds a person (a PER
entity, or a name the text gives elsewhere: 安德森 for 彼得·安德森), a pronoun (他/她: the person
named last in its sentence, else the last speaker or person in subject position), or a role or
a noun for a person (负责人, 老人; ``gazetteers/quotes/speaker_nouns.txt``). The organization
is the ORG entity before the person and the role the words in between
(南开大学金融学教授田利辉 -> 南开大学, 金融学教授); a person quoted without them keeps those
the text gives where it first introduces the person.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import NamedTuple

from pipeline.document import Entity, Quote, Span
from pipeline.lexicon import read_list

RULES = "entity_rules"
QUOTES = "quotes"
MAX_PHRASE = 40
# How far back (chars) a pronoun looks for a person who is not the last speaker.
MAX_ANTECEDENT = 300
# (speaker, speaker span, role, organization)
Speaker = tuple[str, Span | None, str | None, str | None]

# Clause openers that belong to no speaker (据田利辉介绍 -> 田利辉).
_LEAD = re.compile(r"(?:据|对此|同时|此外|另外|其中|正如|但是|但|而|不过)?[，,\s]*")
_PRONOUN = re.compile(r"[他她](?!们)")
_CLAUSE_BREAK = "。！？；\n“”，,：:…"
_SENTENCE_BREAK = "。！？；\n"
_UTTERANCE_END = ("。", "！", "？", "…", "—", "!", "?")
# A quote whose words end without punctuation and run straight into more words is a term.
_SPEECH_END = (*_UTTERANCE_END, "，", "；", "：", "、", ",", ";", ":")
_WORD_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9“‘《]")
# Characters that put a person in object position (对张三说, 会见…张三, 碰上了张三).
_OBJECT_MARKS = frozenset("对向与同和跟给让被把为帮请叫找陪送见到了着过及听说问（(")
# Where a run of title words before a name stops (副市长张三昨日在京与外方|代表彼得).
_TITLE_STOP = re.compile(r"[\s\d的与同和在是了将为对向并及见（）()，,：:“”]")
# A speaker phrase ending so does not say anything (他一边走，一边…; 没有说).
_NOT_SAYING = ("一边", "边", "不", "没", "没有", "未")
_PHRASE_STOPS = re.compile(r"[“”《》]")
# The reporter asks; the people interviewed are quoted.
_REPORTERS = ("记者", "通讯员", "编辑")
_NOUN_HEAD_OPENERS = ("在", "从", "当", "经", "由", "对", "就")
_STOPS = re.compile(r"[。！？“”]|\n\s*##")
_MARKS = re.compile(r"[“”]")
# Who an interview is with: 记者采访了某部门相关负责人。 / ——访某大学教授张三
_INTERVIEWEE = re.compile(r"(?:采访了|专访了?|——访|—访)([^，。；：\n“”]{2,30})")
_ANSWER = re.compile(r"^[ \t\u3000]*答[：:][ \t\u3000]*(\S[^\n]*?)\s*$", re.M)
_INTERVIEW = re.compile(
    r"^[ \t\u3000]*(?:#+[ \t\u3000]*)?([^\s：:，。“”#]{2,12})[：:][ \t\u3000]*(\S[^\n]*?)\s*$", re.M
)


def _alternation(words: Sequence[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _roles() -> tuple[str, ...]:
    """Roles, titles and nouns for a person, longest first."""
    words = {
        *read_list(f"{RULES}/person_roles.txt"),
        *read_list(f"{QUOTES}/titles.txt"),
        *read_list(f"{QUOTES}/speaker_nouns.txt"),
    }
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _role_set() -> frozenset[str]:
    return frozenset(_roles())


@cache
def _documents() -> tuple[str, ...]:
    return read_list(f"{QUOTES}/documents.txt")


@cache
def _endings() -> tuple[str, ...]:
    return read_list(f"{QUOTES}/title_endings.txt")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    verbs = _alternation(
        [*read_list(f"{RULES}/speech_verbs.txt"), *read_list(f"{QUOTES}/more_verbs.txt")]
    )
    plain = r"[^“”。！？；\n，,：:]"
    term = r"“[^“”\n]{1,12}”"
    return {
        "verb": re.compile(verbs),
        # 田利辉说：“…” (group 1 = verb; the speaker phrase lies before it)
        "before": re.compile(rf"({verbs})[：:，,]?\s*“"),
        # “…”田利辉说。 / “…”，他表示， / “…”通过调研，张三认为，
        "after": re.compile(
            rf"”[，,]?((?:{plain}{{1,12}}[，,])?(?:{plain}|{term}){{1,{MAX_PHRASE}}}?)"
            rf"({verbs})(?=[。，,：:；！？\n]|$)"
        ),
        # 渤海银行成都分行负责人介绍，下一步…。
        "reported": re.compile(rf"({verbs})[，,：:]"),
        "not_speech": re.compile(_alternation(read_list(f"{QUOTES}/not_speech.txt"))),
        "role": re.compile(_alternation(_roles())),
        "org_suffix": re.compile(
            _alternation([w for w in read_list(f"{RULES}/org_suffixes.txt") if len(w) >= 2])
        ),
    }


class _Context(NamedTuple):
    """The text with its persons and organizations, sorted for range look-ups."""

    text: str
    persons: tuple[Entity, ...]
    person_starts: tuple[int, ...]
    orgs: tuple[Entity, ...]
    org_starts: tuple[int, ...]
    names: tuple[str, ...]

    @classmethod
    def build(cls, text: str, entities: Sequence[Entity]) -> _Context:
        persons = tuple(
            sorted((e for e in entities if e.label == "PER" and len(e.surface) >= 2),
                   key=lambda e: e.start)
        )  # fmt: skip
        orgs = tuple(sorted((e for e in entities if e.label == "ORG"), key=lambda e: e.start))
        names = {p.surface for p in persons if not _PHRASE_STOPS.search(p.surface)}
        names |= {n.rsplit("·", 1)[1] for n in names if "·" in n}
        return cls(
            text,
            persons,
            tuple(p.start for p in persons),
            orgs,
            tuple(o.start for o in orgs),
            tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True)),
        )

    def persons_in(self, start: int, end: int) -> list[Entity]:
        """Persons that start in [start, end), in text order."""
        i = bisect.bisect_left(self.person_starts, start)
        j = bisect.bisect_left(self.person_starts, end)
        return list(self.persons[i:j])

    def orgs_in(self, start: int, end: int) -> list[Entity]:
        """Organizations inside [start, end), in text order."""
        i = bisect.bisect_left(self.org_starts, start)
        j = bisect.bisect_left(self.org_starts, end)
        return [o for o in self.orgs[i:j] if o.end <= end]


def extract_quotes(text: str, entities: Sequence[Entity]) -> list[Quote]:
    """Direct and reported speech in ``text`` with speakers resolved against ``entities``.

    >>> from pipeline.entities import extract_entities
    >>> t = "南开大学金融学教授田利辉说：“要降低成本。”"
    >>> quotes = extract_quotes(t, extract_entities(t))
    >>> [(q.speaker, q.organization, q.role, q.text) for q in quotes]
    [('田利辉', '南开大学', '金融学教授', '要降低成本。')]
    """
    ctx = _Context.build(text, entities)
    all_marks = quote_marks(text)
    marks = [m for m in all_marks if not _is_term(text, m)]
    inside = [(s - 1, e + 1) for s, e in all_marks]
    events: list[tuple[int, Span | re.Match[str]]] = [(m[0], m) for m in marks]
    events += [(m.start(), m) for m in _speech_verbs(text, inside)]
    quotes: list[Quote] = []
    attributed: dict[Span, Quote] = {}
    for _, event in sorted(events, key=lambda ev: ev[0]):
        if isinstance(event, tuple):
            quote = _direct(ctx, event, quotes)
            if quote is not None:
                attributed[event] = quote
        else:
            quote = _reported(ctx, event, marks, quotes)
        if quote is not None:
            quotes.append(quote)
    quotes += _neighbours(text, marks, attributed)
    quotes += _interview_lines(ctx, {q.span for q in quotes})
    return _fill_roles(ctx, sorted(quotes, key=lambda q: q.span))


def quote_marks(text: str) -> list[Span]:
    """Spans inside “…”; a quote over several paragraphs (each opening with “, only the last
    closing with ”) is one span.

    >>> t = "他说：“第一段。\\n\\n“第二段。”"
    >>> [t[s:e] for s, e in quote_marks(t)]
    ['第一段。\\n\\n“第二段。']
    """
    spans: list[Span] = []
    open_at = -1
    for m in _MARKS.finditer(text):
        i = m.start()
        if text[i] == "”":
            if open_at >= 0:
                spans.append((open_at + 1, i))
            open_at = -1
        elif open_at < 0 or not _continues(text, open_at, i):
            open_at = i
    return spans


def _continues(text: str, open_at: int, again: int) -> bool:
    """Whether the “ at ``again`` opens the next paragraph of the quote opened at ``open_at``
    (a quote over several paragraphs reopens each one and closes only the last)."""
    line_start = text.rfind("\n", 0, again) + 1
    return line_start > open_at and not text[line_start:again].strip()


def _is_term(text: str, span: Span) -> bool:
    """A name or term in quotation marks: its words end without punctuation and the sentence
    runs straight on (“双减”政策…, “星光”工程负责人)."""
    s, e = span
    if text[s:e].endswith(_SPEECH_END):
        return False
    return e + 1 < len(text) and _WORD_CHAR.match(text, e + 1) is not None


def _speech_verbs(text: str, inside: list[Span]) -> list[re.Match[str]]:
    """Speech verbs followed by ，/： outside quotation marks and outside words like 著称."""
    pats = _patterns()
    blocked = [m.span() for m in pats["not_speech"].finditer(text)]
    return [
        m
        for m in pats["reported"].finditer(text)
        if not any(s <= m.start() < e for s, e in inside)
        and not any(s < m.end(1) and m.start() < e for s, e in blocked)
    ]


def _not_speech_at(text: str, start: int, end: int) -> bool:
    """Whether the verb text[start:end] is part of a word like 著称 or 可以说."""
    pat = _patterns()["not_speech"]
    return any(
        m.start() < end and start < m.end()
        for m in pat.finditer(text, max(0, start - 4), min(len(text), end + 4))
    )


def _quote(ctx: _Context, span: Span, speaker: Speaker | None) -> Quote | None:
    if speaker is None or span[1] <= span[0]:
        return None
    name, speaker_span, role, org = speaker
    return Quote("", None, name, None, span, ctx.text[span[0] : span[1]], role, org, speaker_span)


def _direct(ctx: _Context, span: Span, quotes: list[Quote]) -> Quote | None:
    """The quote text[span] attributed by a verb next to it, else by a clause subject."""
    text = ctx.text
    open_at, close_at = span[0] - 1, span[1]
    last = quotes[-1] if quotes else None
    if last is not None and last.span[0] <= open_at and span[1] <= last.span[1]:
        return None  # quoted inside reported speech (张三介绍，…，“…。”), which covers it
    introduced = text[:open_at].rstrip().endswith(("：", ":"))
    speaker = _verb_before(ctx, open_at, quotes)
    if speaker is None and not introduced:  # 他感叹：“…”李四说 — not 李四's words
        speaker = _verb_after(ctx, close_at, quotes)
    if speaker is None:
        speaker = _subject_before(ctx, open_at, quotes)
    utterance = text[span[0] : span[1]].endswith(_UTTERANCE_END)
    if speaker is None and not introduced and utterance:
        speaker = _subject_after(ctx, close_at, quotes)
    if speaker is None and utterance and last is not None and _follows(text, last, open_at):
        speaker = (last.speaker or "", None, last.role, last.organization)
    return _quote(ctx, span, speaker)


def _follows(text: str, last: Quote, open_at: int) -> bool:
    """Whether a quote opening at ``open_at`` goes on from the quote ``last`` in the same
    paragraph, with only the end of its sentence between (张三说，…。“…”)."""
    return 0 <= open_at - last.span[1] <= 2 and not text[last.span[1] : open_at].strip("。！？”")


def _verb_before(ctx: _Context, open_at: int, quotes: list[Quote]) -> Speaker | None:
    """张三说：“ / 张三表示，“ — the speaker phrase before the verb."""
    text = ctx.text
    m = _patterns()["before"].search(text, max(0, open_at - 12), open_at + 1)
    while m is not None and m.end() != open_at + 1:
        m = _patterns()["before"].search(text, m.start() + 1, open_at + 1)
    if m is None or _not_speech_at(text, m.start(1), m.end(1)):
        return None
    start, end = _phrase_before(text, m.start(1))
    if start == end:
        # 他站起身，说：“ — the subject of the clause before
        if start == 0 or text[start - 1] not in "，,":
            return None
        return _clause_subject(ctx, *_clause_before(text, start - 1), quotes)
    return _resolve(ctx, start, end, quotes, verb=m.group(1))


def _verb_after(ctx: _Context, close_at: int, quotes: list[Quote]) -> Speaker | None:
    """”张三说。 / ”，他表示， / ”通过调研，张三认为，"""
    m = _patterns()["after"].match(ctx.text, close_at)
    if m is None or _not_speech_at(ctx.text, m.start(2), m.end(2)):
        return None
    if ctx.text.startswith(("：", ":"), m.end()):
        return None  # ”，张三表示：“… introduces the next quote, not this one
    start, end = m.span(1)
    comma = max(ctx.text.rfind("，", start, end), ctx.text.rfind(",", start, end))
    if comma >= 0:
        start = comma + 1
    return _resolve(ctx, start, end, quotes, verb=m.group(2))


def _subject_before(ctx: _Context, open_at: int, quotes: list[Quote]) -> Speaker | None:
    """张三放下茶杯，“… / 她想了想：“… — the subject of the clause leading in."""
    text = ctx.text
    k = open_at
    while k > 0 and text[k - 1] in " \t\u3000\n":
        k -= 1
    if k == 0 or text[k - 1] not in "：:，,":
        return None
    # 张三点点头，转向李四，“… — the subject may lead an earlier clause of the sentence
    end = k - 1
    for _ in range(3):
        start, _ = _clause_before(text, end)
        if "《" in text[start:end]:
            return None  # a work is cited (古人著《农书》载，“…”)
        speaker = _clause_subject(ctx, start, end, quotes)
        if speaker is not None or start == 0 or text[start - 1] not in "，,":
            return speaker
        verb = _patterns()["verb"].search(text, start, end)
        if verb is not None and verb.start() > start:
            return None  # 张三在留言中写道：“ — the verb's own subject, not an earlier one
        end = start - 1
    return None


def _subject_after(ctx: _Context, close_at: int, quotes: list[Quote]) -> Speaker | None:
    """”张三叹了口气。 / ”走进院子，村民张三笑了。 — the subject of the clause
    after a whole utterance, or of the next one when the first names nobody."""
    text = ctx.text
    start = close_at + 1
    end = _clause_end_at(text, start)
    speaker = _clause_subject(ctx, start, end, quotes)
    if speaker is not None or not text.startswith(("，", ","), end) or ctx.persons_in(start, end):
        return speaker
    # the next clause counts with a person; with a noun only after a place (在…里，店员…)
    second = _clause_subject(ctx, end + 1, _clause_end_at(text, end + 1), quotes)
    if second is None or (
        second[1] != _person_at(ctx, second) and not text.startswith("在", start)
    ):
        return None
    return second


def _clause_end_at(text: str, start: int) -> int:
    """End of the clause starting at ``start``: the next clause break, at most 40 chars on."""
    end = start
    while end < len(text) and end - start < MAX_PHRASE and text[end] not in _CLAUSE_BREAK:
        end += 1
    return end


def _person_at(ctx: _Context, speaker: Speaker) -> Span | None:
    """The speaker span when it is a person's name (a PER entity or a known name)."""
    span = speaker[1]
    if span is None:
        return None
    name = ctx.text[span[0] : span[1]]
    is_person = ctx.persons_in(span[0], span[0] + 1) or name in ctx.names
    return span if is_person else None


def _clause_before(text: str, end: int) -> Span:
    """The clause that ends at ``end``: back to the last clause break, at most 40 chars."""
    start = end
    while start > 0 and end - start < MAX_PHRASE and text[start - 1] not in _CLAUSE_BREAK:
        start -= 1
    return start, end


def _phrase_before(text: str, verb_start: int) -> Span:
    """The clause stretch before a speech verb, without its opener (据, 此外…)."""
    start, end = _clause_before(text, verb_start)
    lead = _LEAD.match(text, start, end)
    return (lead.end() if lead else start), end


def _clause_subject(ctx: _Context, start: int, end: int, quotes: list[Quote]) -> Speaker | None:
    """The speaker standing first in text[start:end]: a person after at most a role or
    organization (社长赵天伟把…), a pronoun, or a noun for a person (老人露出…)."""
    text = ctx.text
    lead = _LEAD.match(text, start, end)
    start = lead.end() if lead else start
    if start >= end:
        return None
    if _PRONOUN.match(text, start):
        return _antecedent(ctx, start, quotes)
    persons = ctx.persons_in(start, end)
    if persons and _in_subject_position(text, start, persons[0]):
        p = _titled(text, persons)
        return _person_speaker(ctx, start, *_untitled(text, p.start, p.end), end)
    name = next((n for n in ctx.names if text.startswith(n, start)), None)
    if name is not None:
        return _person_speaker(ctx, start, start, start + len(name), end)
    m = _patterns()["role"].match(text, start, end)
    if m is None or m.group().endswith(_REPORTERS):
        return None
    return _noun_speaker(ctx, start, m.end())


def _titled(text: str, persons: list[Entity]) -> Entity:
    """The first of ``persons``, or a later one its title leads to (某站副站长张三: a
    mistaken PER before the role gives way to the person the role names)."""
    first = persons[0]
    for p in persons[1:]:
        gap = text[first.end : p.start]
        if _OBJECT_MARKS.intersection(gap) or "、" in gap or "，" in gap:
            break
        if not gap.endswith(_roles()):
            break
        first = p
    return first


def _untitled(text: str, start: int, end: int) -> Span:
    """The name without the end of a title the entity swallowed (首席技术|官张三 -> 张三)."""
    roles = _role_set()
    longest = max(map(len, roles))
    for k in (1, 2):
        if end - start - k >= 2 and any(
            text[start + k - n : start + k] in roles
            for n in range(k + 1, min(longest, start + k) + 1)
        ):
            return start + k, end
    return start, end


def _in_subject_position(text: str, clause_start: int, person: Entity) -> bool:
    """Whether only modifiers (a role, an organization, 22岁的) stand before the person."""
    head = text[clause_start : person.start]
    head = head[max(head.rfind("）"), head.rfind(")")) + 1 :]
    if head.startswith(("的", *_NOUN_HEAD_OPENERS)) or _OBJECT_MARKS.intersection(head):
        return False
    return len(head) <= 20 or head.endswith(_roles())


def _resolve(ctx: _Context, start: int, end: int, quotes: list[Quote], verb: str) -> Speaker | None:
    """The speaker of the phrase text[start:end] before a speech verb, or None."""
    text = ctx.text
    start = _after_parenthetical(ctx, start, end)
    lead = _LEAD.match(text, start, end)
    start = lead.end() if lead else start
    if verb == "看来":  # only 在X看来
        if not text.startswith("在", start):
            return None
        start += 1
    phrase = text[start:end].rstrip()
    if not phrase or phrase.endswith(_NOT_SAYING) or phrase.endswith(_documents()):
        return None  # 没有说; 公告称 (a document is a source, not a speaker)
    person = _person_span(ctx, start, end)
    if person is not None:
        return _person_speaker(ctx, start, *person, end)
    if _PRONOUN.match(text, start):
        return _antecedent(ctx, start, quotes)
    return _noun_in_phrase(ctx, start, end)


def _after_parenthetical(ctx: _Context, start: int, end: int) -> int:
    """Start of the phrase after a parenthesis that names a person ((记者李欣怡)发言人郭嘉昆)."""
    text = ctx.text
    for close in ("）", ")"):
        k = text.rfind(close, start, end)
        if k >= 0:
            opening = max(text.rfind("（", start, k), text.rfind("(", start, k))
            if opening >= 0 and ctx.persons_in(opening, k):
                start = max(start, k + 1)
    return start


def _person_span(ctx: _Context, start: int, end: int) -> Span | None:
    """The first person named in text[start:end]: a PER entity (cut at ``end`` when the
    entity runs into the verb), else a name the text gives elsewhere (安德森)."""
    persons = [p for p in ctx.persons_in(start, end) if min(p.end, end) - p.start >= 2]
    if persons:
        p = _titled(ctx.text, persons)
        return _untitled(ctx.text, p.start, min(p.end, end))
    best: Span | None = None
    for name in ctx.names:
        k = ctx.text.find(name, start, end)
        if k >= 0 and (best is None or k < best[0]):
            best = (k, k + len(name))
    return best


def _person_speaker(ctx: _Context, start: int, p_start: int, p_end: int, end: int) -> Speaker:
    """The person text[p_start:p_end] with the role and organization before it; a person's
    relative (张三的妻子) is the speaker phrase instead."""
    text = ctx.text
    if text.startswith("的", p_end):
        m = _patterns()["role"].match(text, p_end + 1, end)
        if m is not None:
            return text[p_start : m.end()], (p_start, m.end()), None, None
    role, org = _role_and_org(ctx, start, p_start)
    return text[p_start:p_end], (p_start, p_end), role, org


def _role_and_org(ctx: _Context, start: int, p_start: int) -> tuple[str | None, str | None]:
    """Role and organization in text[start:p_start], the words before a person's name. The
    role is the run of title words ending in a known title; the organization counts only when
    that run reaches back to it."""
    text = ctx.text
    others = [o for o in ctx.persons_in(start, p_start) if o.end <= p_start]
    if others:  # 副部长张三、大使李四: the title after the other person
        start = max(start, others[-1].end)
    orgs = ctx.orgs_in(start, p_start)
    org = orgs[-1] if orgs else None
    words = text[(org.end if org else start) : p_start]
    cut = max((m.end() for m in _TITLE_STOP.finditer(words)), default=0)
    role = words[cut:].strip("、")
    if org is not None and cut > 0 and words[:cut].strip(" \u3000的、"):
        org = None  # the organization belongs to some other part of the sentence
    organization = _organization(text, start, org) if org is not None else None
    # 统计处处|长 split inside the entity: give the role its first character back
    if organization and role:
        organization, role = _split_title(organization, role)
    elif role:
        organization, role = _split_organization(role)
    known = role.endswith(_roles())
    if not known and not (organization and 0 < len(role) <= 8 and role.endswith(_endings())):
        return None, None  # an unknown title counts only right after its organization
    return role or None, organization or None


def _split_organization(role: str) -> tuple[str | None, str]:
    """An organization written into the title words when no entity marks it
    (星河科技有限公司|董事长): split after the last organization suffix."""
    best = None
    for m in _patterns()["org_suffix"].finditer(role):
        if m.end() >= 4 and role[m.end() :].endswith(_roles()):
            best = m.end()
    return (role[:best], role[best:]) if best else (None, role)


def _split_title(organization: str, role: str) -> tuple[str, str]:
    """Move the head of a title cut off into the organization entity back to the title
    (统计处处|长 -> 统计处|处长, 外交|部长 -> 外交部长)."""
    joined = organization + role
    longest = max(
        (t for t in _roles() if len(t) > len(role) and joined.endswith(t)), key=len, default=""
    )
    if not longest:
        return organization, role
    return joined[: -len(longest)], longest


def _organization(text: str, start: int, org: Entity) -> str:
    """The organization, with the place or unit words written before the entity
    (江城市经济|商务局)."""
    head = text[start : org.start]
    if (
        0 < len(head) <= 10
        and not _TITLE_STOP.search(head)
        and "、" not in head
        and not _OBJECT_MARKS.intersection(head)
        and not head.endswith(_roles())
    ):
        return head + org.surface
    return org.surface


def _noun_in_phrase(ctx: _Context, start: int, end: int) -> Speaker | None:
    """A speaker phrase ending in a role or a noun for a person, followed by at most a few
    words of manner (老人笑着, 企业负责人日前)."""
    text = ctx.text
    if text.startswith(_NOUN_HEAD_OPENERS, start):
        return None
    best = None
    for m in _patterns()["role"].finditer(text, start, end):
        head, tail = text[start : m.start()], text[m.end() : end]
        if len(head) > 25 or _OBJECT_MARKS.intersection(head):
            break
        if len(tail) <= 8 and "的" not in tail and not ctx.persons_in(m.end(), end):
            best = m  # the last one: 水利部长江委有关负责人 -> 负责人
    return _noun_speaker(ctx, start, best.end()) if best else None


def _noun_speaker(ctx: _Context, start: int, end: int) -> Speaker:
    """The speaker phrase text[start:end] ending in a role or noun, with its organization."""
    text = ctx.text
    orgs = ctx.orgs_in(start, end)
    if not orgs:
        return text[start:end], (start, end), None, None
    org = orgs[-1]
    role = text[org.end : end].strip("的、") or None
    return text[start:end], (start, end), role, _organization(text, start, org)


def _antecedent(ctx: _Context, pos: int, quotes: list[Quote]) -> Speaker | None:
    """The person 他/她 at ``pos`` stands for: one named earlier in the same sentence, else the
    later of the last speaker and the last person in subject position."""
    text = ctx.text
    sentence = max(text.rfind(c, 0, pos) for c in _SENTENCE_BREAK) + 1
    before = ctx.persons_in(sentence, pos)
    if before:
        return before[-1].surface, None, None, None
    last = quotes[-1] if quotes else None
    last_at = -1 if last is None else (last.speaker_span or last.span)[0]
    i = bisect.bisect_left(ctx.person_starts, pos)
    for p in reversed(ctx.persons[max(0, i - 6) : i]):
        if p.start <= last_at or pos - p.start > MAX_ANTECEDENT:
            break
        if text[max(0, p.start - 8) : p.start].rstrip().endswith(_REPORTERS):
            continue  # the reporter of a byline (本报记者 X) writes the story, not speaks in it
        clause = _clause_before(text, p.start)[0]
        if _in_subject_position(text, clause, p):
            return p.surface, None, None, None
    if last is None or last.speaker is None:
        return None
    return last.speaker, None, last.role, last.organization


def _reported(
    ctx: _Context, m: re.Match[str], marks: list[Span], quotes: list[Quote]
) -> Quote | None:
    """Reported speech after the speech verb matched by ``m`` (X表示，…。), if X is a speaker."""
    text = ctx.text
    begin = m.end()
    while begin < len(text) and text[begin] in " \t\u3000":
        begin += 1
    if text.startswith("“", begin) and any(s == begin + 1 for s, _ in marks):
        return None  # a direct quote: 张三说，“…”
    end = _clause_end(text, begin)
    if end - begin < 4:
        return None
    start, stop = _phrase_before(text, m.start(1))
    if start == stop:
        return None
    return _quote(ctx, (begin, end), _resolve(ctx, start, stop, quotes, verb=m.group(1)))


def _clause_end(text: str, start: int) -> int:
    """End of reported speech: the sentence end (。！？) outside quotation marks, or after the
    ” that closes a sentence quoted inside it; a heading line (## …) also ends it."""
    depth = 0
    for m in _STOPS.finditer(text, start):
        c = m.group()
        if c == "“":
            depth += 1
        elif c == "”":
            depth = max(0, depth - 1)
            if depth == 0 and text[m.start() - 1] in "。！？":
                return m.end()
        elif c.startswith("\n") or depth == 0:
            return m.start()
    return len(text.rstrip())


def _neighbours(text: str, marks: list[Span], attributed: dict[Span, Quote]) -> list[Quote]:
    """Quotes standing right next to an attributed quote (“…”“…”) share its speaker."""
    found: list[Quote] = []
    known = dict(attributed)
    for order in (marks, marks[::-1]):
        for a, b in itertools.pairwise(order):
            left, right = sorted((a, b))
            if b in known or a not in known or text[left[1] + 1 : right[0] - 1].strip("…"):
                continue
            quote = replace(known[a], span=b, text=text[b[0] : b[1]])
            known[b] = quote
            found.append(quote)
    return found


def _interview_lines(ctx: _Context, taken: set[Span]) -> list[Quote]:
    """Interview and headline lines with a person before the colon (张三：…), and the answers
    (答：…) of the person an interview names (——访…张三 / 记者采访了…负责人)."""
    quotes = []
    for m in _INTERVIEW.finditer(ctx.text):
        span = m.span(2)
        if span in taken or m.group(2).startswith("“"):
            continue
        persons = ctx.persons_in(m.start(1), m.end(1))
        if persons and (persons[0].start, persons[0].end) == m.span(1):
            quote = _quote(ctx, span, (m.group(1), m.span(1), None, None))
            if quote is not None:
                quotes.append(quote)
    answers = list(_ANSWER.finditer(ctx.text))
    who = _INTERVIEWEE.search(ctx.text, 0, answers[0].start()) if answers else None
    speaker = _resolve(ctx, *who.span(1), [], verb="") if who else None
    for m in answers if speaker is not None else ():
        quote = _quote(ctx, m.span(1), speaker)
        if quote is not None and quote.span not in taken:
            quotes.append(quote)
    return quotes


def _fill_roles(ctx: _Context, quotes: list[Quote]) -> list[Quote]:
    """A person quoted without a title keeps the role and organization the text gives where
    it names the person with them (集团董事长张三 … 张三说)."""
    titles: dict[str, tuple[str | None, str | None]] = {}
    for q in quotes:
        if q.speaker and (q.role or q.organization):
            titles.setdefault(q.speaker, (q.role, q.organization))
    needed = {q.speaker for q in quotes if q.speaker and not (q.role or q.organization)}
    for p in ctx.persons:
        name = p.surface.rsplit("·", 1)[-1]  # 总理彼得·安德森 … 安德森表示
        for key in {p.surface, name} & needed:
            if key not in titles:
                role, org = _role_and_org(ctx, _clause_before(ctx.text, p.start)[0], p.start)
                if role or org:
                    titles[key] = (role, org)
    out = []
    for q in quotes:
        if q.speaker in titles and not (q.role or q.organization):
            role, org = titles[q.speaker]
            q = replace(q, role=role, organization=org)
        out.append(q)
    return out
