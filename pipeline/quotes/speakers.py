"""Who speaks: the speech verb or clause subject next to a quote, and the person it names."""

from __future__ import annotations

from pipeline.document import Entity, Quote, Span
from pipeline.quotes.cues import (
    _CLAUSE_BREAK,
    _LEAD,
    _NOT_SAYING,
    _OBJECT_MARKS,
    _PRONOUN,
    _REPORTERS,
    _UTTERANCE_END,
    MAX_PHRASE,
    Speaker,
    _Context,
    _documents,
    _patterns,
    _role_set,
    _roles,
)
from pipeline.quotes.marks import not_speech_at
from pipeline.quotes.roles import (
    _antecedent,
    _in_subject_position,
    _noun_in_phrase,
    _noun_speaker,
    clause_before,
    role_and_org,
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
    if m is None or not_speech_at(text, m.start(1), m.end(1)):
        return None
    start, end = phrase_before(text, m.start(1))
    if start == end:
        # 他站起身，说：“ — the subject of the clause before
        if start == 0 or text[start - 1] not in "，,":
            return None
        return _clause_subject(ctx, *clause_before(text, start - 1), quotes)
    return _resolve(ctx, start, end, quotes, verb=m.group(1))


def _verb_after(ctx: _Context, close_at: int, quotes: list[Quote]) -> Speaker | None:
    """”张三说。 / ”，他表示， / ”通过调研，张三认为，"""
    m = _patterns()["after"].match(ctx.text, close_at)
    if m is None or not_speech_at(ctx.text, m.start(2), m.end(2)):
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
        start, _ = clause_before(text, end)
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
    is_person = ctx.persons_in(span[0], span[0] + 1) or name in ctx.names_by_first.get(name[:1], ())
    return span if is_person else None


def phrase_before(text: str, verb_start: int) -> Span:
    """The clause stretch before a speech verb, without its opener (据, 此外…)."""
    start, end = clause_before(text, verb_start)
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
    name = ctx.name_at(start)
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
    for k in range(start, end):  # the earliest name, by first character: no scan of all names
        name = ctx.name_at(k, end)
        if name is not None:
            return k, k + len(name)
    return None


def _person_speaker(ctx: _Context, start: int, p_start: int, p_end: int, end: int) -> Speaker:
    """The person text[p_start:p_end] with the role and organization before it; a person's
    relative (张三的妻子) is the speaker phrase instead."""
    text = ctx.text
    if text.startswith("的", p_end):
        m = _patterns()["role"].match(text, p_end + 1, end)
        if m is not None:
            return text[p_start : m.end()], (p_start, m.end()), None, None
    role, org = role_and_org(ctx, start, p_start)
    return text[p_start:p_end], (p_start, p_end), role, org
