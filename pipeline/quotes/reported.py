"""Reported speech, quotes standing next to attributed ones, and interview lines."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left
from dataclasses import replace

from pipeline.document import Quote, Span
from pipeline.quotes.cues import ANSWER, INTERVIEW, INTERVIEWEE, STOPS, _Context
from pipeline.quotes.roles import clause_before, role_and_org
from pipeline.quotes.speakers import _quote, _resolve, phrase_before


def _reported(
    ctx: _Context, m: re.Match[str], marks: list[Span], quotes: list[Quote]
) -> Quote | None:
    """Reported speech after the speech verb matched by ``m`` (X表示，…。), if X is a speaker."""
    text = ctx.text
    begin = m.end()
    while begin < len(text) and text[begin] in " \t\u3000":
        begin += 1
    if text.startswith("“", begin) and _opens_mark(marks, begin + 1):
        return None  # a direct quote: 张三说，“…”
    end = _clause_end(text, begin)
    if end - begin < 4:
        return None
    start, stop = phrase_before(text, m.start(1))
    if start == stop:
        return None
    return _quote(ctx, (begin, end), _resolve(ctx, start, stop, quotes, verb=m.group(1)))


def _opens_mark(marks: list[Span], start: int) -> bool:
    """Whether one of the sorted ``marks`` starts at ``start`` (by bisection)."""
    k = bisect_left(marks, (start,))
    return k < len(marks) and marks[k][0] == start


def _clause_end(text: str, start: int) -> int:
    """End of reported speech: the sentence end (。！？) outside quotation marks, or after the
    ” that closes a sentence quoted inside it; a heading line (## …) also ends it."""
    depth = 0
    for m in STOPS.finditer(text, start):
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


def interview_lines(ctx: _Context, taken: set[Span]) -> list[Quote]:
    """Interview and headline lines with a person before the colon (张三：…), and the answers
    (答：…) of the person an interview names (——访…张三 / 记者采访了…负责人)."""
    quotes = []
    for m in INTERVIEW.finditer(ctx.text):
        span = m.span(2)
        if span in taken or m.group(2).startswith("“"):
            continue
        persons = ctx.persons_in(m.start(1), m.end(1))
        if persons and (persons[0].start, persons[0].end) == m.span(1):
            quote = _quote(ctx, span, (m.group(1), m.span(1), None, None))
            if quote is not None:
                quotes.append(quote)
    answers = list(ANSWER.finditer(ctx.text))
    who = INTERVIEWEE.search(ctx.text, 0, answers[0].start()) if answers else None
    speaker = _resolve(ctx, *who.span(1), [], verb="") if who else None
    for m in answers if speaker is not None else ():
        quote = _quote(ctx, m.span(1), speaker)
        if quote is not None and quote.span not in taken:
            quotes.append(quote)
    return quotes


def fill_roles(ctx: _Context, quotes: list[Quote]) -> list[Quote]:
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
                role, org = role_and_org(ctx, clause_before(ctx.text, p.start)[0], p.start)
                if role or org:
                    titles[key] = (role, org)
    out = []
    for q in quotes:
        if q.speaker in titles and not (q.role or q.organization):
            role, org = titles[q.speaker]
            q = replace(q, role=role, organization=org)
        out.append(q)
    return out
