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
(北京大学经济学教授张明远 -> 北京大学, 经济学教授); a person quoted without them keeps those
the text gives where it first introduces the person.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.document import Entity, Quote, Span
from pipeline.quotes.cues import _Context
from pipeline.quotes.marks import _speech_verbs, is_term, quote_marks
from pipeline.quotes.reported import _neighbours, _reported, fill_roles, interview_lines
from pipeline.quotes.speakers import _direct


def extract_quotes(text: str, entities: Sequence[Entity]) -> list[Quote]:
    """Direct and reported speech in ``text`` with speakers resolved against ``entities``.

    >>> from pipeline.entities import extract_entities
    >>> t = "北京大学经济学教授张明远说：“要降低成本。”"
    >>> quotes = extract_quotes(t, extract_entities(t))
    >>> [(q.speaker, q.organization, q.role, q.text) for q in quotes]
    [('张明远', '北京大学', '经济学教授', '要降低成本。')]
    """
    ctx = _Context.build(text, entities)
    all_marks = quote_marks(text)
    marks = [m for m in all_marks if not is_term(text, m)]
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
    quotes += interview_lines(ctx, {q.span for q in quotes})
    return fill_roles(ctx, sorted(quotes, key=lambda q: q.span))
