"""A speaker's role and organization, nouns for a person, and the antecedent of a pronoun."""

from __future__ import annotations

import bisect

from pipeline.document import Entity, Quote, Span
from pipeline.quotes.cues import (
    _CLAUSE_BREAK,
    _NOUN_HEAD_OPENERS,
    _OBJECT_MARKS,
    _REPORTERS,
    _SENTENCE_BREAK,
    _TITLE_STOP,
    MAX_ANTECEDENT,
    MAX_PHRASE,
    Speaker,
    _Context,
    _endings,
    _patterns,
    _roles,
)


def clause_before(text: str, end: int) -> Span:
    """The clause that ends at ``end``: back to the last clause break, at most 40 chars."""
    start = end
    while start > 0 and end - start < MAX_PHRASE and text[start - 1] not in _CLAUSE_BREAK:
        start -= 1
    return start, end


def _in_subject_position(text: str, clause_start: int, person: Entity) -> bool:
    """Whether only modifiers (a role, an organization, 22岁的) stand before the person."""
    head = text[clause_start : person.start]
    head = head[max(head.rfind("）"), head.rfind(")")) + 1 :]
    if head.startswith(("的", *_NOUN_HEAD_OPENERS)) or _OBJECT_MARKS.intersection(head):
        return False
    return len(head) <= 20 or head.endswith(_roles())


def role_and_org(ctx: _Context, start: int, p_start: int) -> tuple[str | None, str | None]:
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
        clause = clause_before(text, p.start)[0]
        if _in_subject_position(text, clause, p):
            return p.surface, None, None, None
    if last is None or last.speaker is None:
        return None
    return last.speaker, None, last.role, last.organization
