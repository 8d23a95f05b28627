"""Who said what: direct quotes (“…”) and reported speech (X表示，…), with the speaker.

A speaker phrase is the stretch of the clause before a speech verb (from
``gazetteers/entity_rules/speech_verbs.txt``). It counts when it holds a person, an
organization or a role word; the speaker is then the first person named in it, else the
phrase itself (渤海银行成都分行负责人). The organization is the ORG entity before the person
and the role the words in between (南开大学金融学教授田利辉 -> 南开大学, 金融学教授).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache

from pipeline.document import Entity, Quote
from pipeline.lexicon import read_list

RULES = "entity_rules"
MAX_PHRASE = 40
# Clause openers that belong to no speaker (据田利辉介绍 -> 田利辉).
_LEAD = re.compile(r"^(?:据|对此|同时|此外|另外|其中)?[，,\s]*")
_PRONOUNS = frozenset({"他", "她", "他们", "她们"})
_CLAUSE_BREAK = "。！？；\n“”，,：:"
# Reported speech runs to the sentence end; a paragraph break may be a column break, but a
# heading line (## …) ends it.
_SENTENCE_END = re.compile(r"[。！？]|\n\s*##")


@cache
def _verbs() -> re.Pattern[str]:
    verbs = sorted(read_list(f"{RULES}/speech_verbs.txt"), key=len, reverse=True)
    return re.compile("|".join(re.escape(v) for v in verbs))


@cache
def _roles() -> tuple[str, ...]:
    return read_list(f"{RULES}/person_roles.txt")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    verbs = _verbs().pattern
    return {
        # 田利辉说：“…” (group 1 = verb; the speaker phrase lies before it)
        "before": re.compile(rf"({verbs})[：:，,]?\s*“"),
        # “…”田利辉说。 / “…”，他表示。
        "after": re.compile(
            rf"”[，,]?([^“”。！？；\n，,：:]{{1,{MAX_PHRASE}}}?)({verbs})[。，,：:]"
        ),
        # 渤海银行成都分行负责人介绍，下一步…。
        "reported": re.compile(rf"({verbs})[，,：:](?!\s*“)"),
        "quote": re.compile(r"“([^“”]*(?:‘[^’]*’[^“”]*)*)”"),
    }


def _phrase_before(text: str, verb_start: int) -> tuple[int, int]:
    """The clause stretch before a speech verb: after the last clause break, at most 40 chars."""
    start = verb_start
    while start > 0 and verb_start - start < MAX_PHRASE and text[start - 1] not in _CLAUSE_BREAK:
        start -= 1
    lead = _LEAD.match(text, start, verb_start)
    return (lead.end() if lead else start), verb_start


def _speaker(
    text: str, start: int, end: int, entities: Sequence[Entity]
) -> tuple[str, tuple[int, int], str | None, str | None] | None:
    """(speaker, speaker span, role, organization) of the phrase text[start:end], or None."""
    inside = [e for e in entities if start <= e.start and e.end <= end]
    person = next((e for e in inside if e.label == "PER"), None)
    if person is not None:
        orgs = [e for e in inside if e.label == "ORG" and e.end <= person.start]
        org = orgs[-1] if orgs else None
        role = text[(org.end if org else start) : person.start].strip(" 的、，")
        if org is None and role and not role.endswith(_roles()):
            role = ""
        return (
            person.surface,
            (person.start, person.end),
            role or None,
            org.surface if org else None,
        )
    phrase = text[start:end].strip()
    if not phrase or phrase in _PRONOUNS:
        return None
    orgs = [e for e in inside if e.label == "ORG"]
    role_end = _role_end(text, start, end)
    if orgs and orgs[0].start == start and role_end is not None:
        org = orgs[0]
        role = text[org.end : role_end].strip(" 的、") or None
        return text[start:role_end], (start, role_end), role, org.surface
    if role_end is not None and role_end - start <= 12:
        return text[start:role_end], (start, role_end), None, None
    return None


def _role_end(text: str, start: int, end: int) -> int | None:
    """End of the first role word (负责人, 总监...) in text[start:end] that ends the phrase
    or is followed by an adverbial (在…上)."""
    phrase = text[start:end]
    for role in sorted(_roles(), key=len, reverse=True):
        k = phrase.find(role)
        if k >= 0:
            tail = phrase[k + len(role) :]
            if not tail or tail.startswith(("在", "于", "日前", "近日", "也", "还", "则")):
                return start + k + len(role)
    return None


def _quote(
    text: str,
    span: tuple[int, int],
    phrase: tuple[int, int],
    entities: Sequence[Entity],
    last: Quote | None,
) -> Quote | None:
    """A Quote for the words text[span] said by the phrase text[phrase], or None."""
    s, e = phrase
    stripped = text[s:e].strip()
    if stripped in _PRONOUNS and last is not None:
        return Quote(
            "", None, last.speaker, None, span, text[span[0] : span[1]],
            last.role, last.organization, None,
        )  # fmt: skip
    found = _speaker(text, s, e, entities)
    if found is None or span[1] <= span[0]:
        return None
    speaker, speaker_span, role, org = found
    return Quote("", None, speaker, None, span, text[span[0] : span[1]], role, org, speaker_span)


def extract_quotes(text: str, entities: Sequence[Entity]) -> list[Quote]:
    """Direct and reported speech in ``text`` with speakers resolved against ``entities``.

    >>> from pipeline.entities import extract_entities
    >>> t = "南开大学金融学教授田利辉说：“要降低成本。”"
    >>> quotes = extract_quotes(t, extract_entities(t))
    >>> [(q.speaker, q.organization, q.role, q.text) for q in quotes]
    [('田利辉', '南开大学', '金融学教授', '要降低成本。')]
    """
    pats = _patterns()
    marks = list(pats["quote"].finditer(text))
    inside = [(m.start(), m.end()) for m in marks]
    verbs = [
        m for m in pats["reported"].finditer(text) if not any(s <= m.start() < e for s, e in inside)
    ]
    # In text order, so that 他/她 resolve to the speaker quoted last.
    events = sorted([*marks, *verbs], key=lambda m: m.start())
    quotes: list[Quote] = []
    for m in events:
        last = quotes[-1] if quotes else None
        quote = _direct(text, m, entities, last) if m.re is pats["quote"] else None
        if m.re is pats["reported"]:
            quote = _reported(text, m, entities, last)
        if quote is not None:
            quotes.append(quote)
    return _fill_roles(sorted(quotes, key=lambda q: q.span))


def _direct(
    text: str, m: re.Match[str], entities: Sequence[Entity], last: Quote | None
) -> Quote | None:
    """The quote “…” matched by ``m`` if a speaker stands before (X说：“) or after (”X说。)."""
    pats = _patterns()
    span = (m.start(1), m.end(1))
    before = pats["before"].search(text, max(0, m.start() - 6), m.start() + 1)
    if before and before.end() == m.start() + 1:
        quote = _quote(text, span, _phrase_before(text, before.start(1)), entities, last)
        if quote is not None:
            return quote
    after = pats["after"].match(text, m.end() - 1)
    if after is None:
        return None
    phrase = (after.start(1), after.end(1))
    lead = _LEAD.match(text, *phrase)
    if lead and lead.end() < phrase[1]:
        phrase = (lead.end(), phrase[1])
    return _quote(text, span, phrase, entities, last)


def _reported(
    text: str, m: re.Match[str], entities: Sequence[Entity], last: Quote | None
) -> Quote | None:
    """Reported speech after the speech verb matched by ``m`` (X表示，…。), if X is a speaker."""
    end = _clause_end(text, m.end())
    if end - m.end() < 4:
        return None
    return _quote(text, (m.end(), end), _phrase_before(text, m.start(1)), entities, last)


def _fill_roles(quotes: list[Quote]) -> list[Quote]:
    """A person quoted again without a title keeps the role and organization given before."""
    known: dict[str, tuple[str | None, str | None]] = {}
    out = []
    for q in quotes:
        if q.speaker_span is not None and q.role is None and q.organization is None:
            role, org = known.get(q.speaker or "", (None, None))
            q = replace(q, role=role, organization=org)
        elif q.speaker and (q.role or q.organization):
            known.setdefault(q.speaker, (q.role, q.organization))
        out.append(q)
    return out


def _clause_end(text: str, start: int) -> int:
    """End of reported speech: the sentence end (。！？) or the end of the paragraph."""
    m = _SENTENCE_END.search(text, start)
    return m.start() if m else len(text.rstrip())
