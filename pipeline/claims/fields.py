"""Whether a page figure is about the claim's subject, period and metric.

Each check takes the claimed figure and the page site and answers with a :class:`Finding`
when the field differs, naming the page words that decided. The checks read the figure's own
fields (``period``) and the words around it, so better extracted fields make them better.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from pipeline.claims.match import Site
from pipeline.claims.parse import ClaimedFigure
from pipeline.claims.places import Place, mentions
from pipeline.dates import extract_dates
from pipeline.document import DateMention

# A stretch of claim words this many bigrams long (four characters) that the figure's article
# never uses is a metric the page does not give; shorter gaps are the claim's own joins.
UNSEEN_RUN = 3
# How far back (characters) a date still heads a sentence that names none.
DATE_REACH = 400
_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?")
_NOT_PERIODS = ("duration",)
_BASE = ("比", "较", "同比", "相比")
_CLAUSE_BREAK = re.compile(r"[，,；;。！？\n]")


@dataclass(frozen=True)
class Finding:
    field: str  # subject | period | metric | unit
    reason: str


def subject_finding(claimed: ClaimedFigure, site: Site) -> Finding | None:
    """The claim's places against the places in force at the figure (see
    :func:`pipeline.claims.match.places_in_force`): the sentence names a claim place, or the
    places in force include one, or none is in force; and every claim place is named somewhere
    in the article."""
    if not claimed.places:
        return None
    said_here = any(mentions(site.sentence, c) for c in claimed.places)
    in_force = [] if said_here else list(site.in_force)
    near = not in_force or any(mentions(p, c) for p in in_force for c in claimed.places)
    missing = [c for c in claimed.places if not mentions(site.article.text, c)]
    if near and not missing:
        return None
    wrong = missing[0] if missing else claimed.places[0]
    named = "、".join(dict.fromkeys(in_force))
    where = f"for {named}" if named else "without that place"
    return Finding(
        "subject", f"the page gives {site.figure.surface} {where}, not for {wrong.surface}"
    )


def site_period(site: Site) -> DateMention | None:
    """The page's date for the figure: a date in its own clause (由2019年的52立方米降至2024年的
    9.73立方米), else its ``period`` field located on the page, else the nearest date before it
    in its sentence, else in its article within ``DATE_REACH`` characters before. Dates it is
    compared with (比2024年, 较上年) do not count."""
    figure, text = site.figure, site.doc.page.text
    lo = figure.sentence[0]
    dates = [
        d
        for d in site.doc.dates
        if d.kind not in _NOT_PERIODS and not text[max(0, d.start - 2) : d.start].endswith(_BASE)
    ]
    inside = [d for d in dates if lo <= d.start and d.end <= figure.start]
    if inside and not _CLAUSE_BREAK.search(text[inside[-1].end : figure.start]):
        return inside[-1]
    if site.opens_range:  # 与2019年相比，…由8.2元提高到11.5元: the base level is 2019's
        base = _base_date(site)
        if base is not None:
            return base
    if figure.period:
        named = [d for d in dates if d.surface == figure.period and d.article == figure.article]
        before = [d for d in named if d.start <= figure.start]
        if before:
            return before[-1]
        return named[0] if named else None
    if inside:
        return inside[-1]
    # A date said once heads what follows (截至2026年4月末 over a box or a paragraph run).
    earlier = [
        d
        for d in dates
        if lo - DATE_REACH <= d.start < lo and d.article == figure.article and d.normalized
    ]
    return earlier[-1] if earlier else None


def _base_date(site: Site) -> DateMention | None:
    """A date the sentence compares with (与2020年相比, 比2024年, 较上年)."""
    text, (lo, hi) = site.doc.page.text, site.figure.sentence
    for d in site.doc.dates:
        if lo <= d.start < hi and d.kind not in _NOT_PERIODS and d.normalized:
            lead, tail = text[max(lo, d.start - 2) : d.start], text[d.end : d.end + 2]
            if lead.endswith(("与", "比", "较", "同")) or tail.startswith(("相比", "比")):
                return d
    return None


def period_finding(claimed: ClaimedFigure, site: Site) -> Finding | None:
    """The claim's year (and month, when both say one) against the page's period; a claim's
    relative date (今年, 3月底) is read as of the page's publication date."""
    page = site_period(site)
    if page is None or not page.normalized:
        return None
    for said in claimed.periods:
        normalized = said.normalized or _as_of(said.surface, site.doc.page.published)
        if normalized and not _same_period(normalized, page.normalized):
            return Finding(
                "period",
                f"the page gives {site.figure.surface} for {page.surface}, not {said.surface}",
            )
    return None


@cache
def _as_of(surface: str, published: str | None) -> str | None:
    if not published:
        return None
    found = extract_dates(surface, published=dt.date.fromisoformat(published))
    return found[0].normalized if len(found) == 1 else None


def _same_period(claimed: str, page: str) -> bool:
    c, p = _YEAR_MONTH.match(claimed), _YEAR_MONTH.match(page)
    if c is None or p is None:
        return True
    if "/" in page:  # an interval: any year it spans
        return c.group(1) in {m[:4] for m in page.split("/")} or c.group(1) in page
    if c.group(1) != p.group(1):
        return False
    return not (c.group(2) and p.group(2)) or c.group(2) == p.group(2)


def metric_finding(claimed: ClaimedFigure, site: Site) -> Finding | None:
    """Claim words the figure's article never uses, four characters or more in a row."""
    seen = site.article.grams | site.grams
    for run in "".join(ch if ch.isalnum() else "\n" for ch in claimed.words).split():
        missing = 0
        for i in range(len(run) - 1):
            missing = missing + 1 if run[i : i + 2] not in seen else 0
            if missing >= UNSEEN_RUN:
                counts = f"counts {site.figure.metric}" if site.figure.metric else "is not that"
                return Finding("metric", f"the page's {site.figure.surface} {counts}, not {run}")
    return None


def findings(claimed: ClaimedFigure, site: Site) -> list[Finding]:
    checks = (subject_finding, period_finding, metric_finding)
    return [f for check in checks if (f := check(claimed, site)) is not None]


def place_spans(site: Site, places: tuple[Place, ...]) -> list[tuple[int, int]]:
    """Page offsets of the claim's places near the figure (its sentence, else its page)."""
    text, (lo, hi) = site.doc.page.text, site.figure.sentence
    spans = []
    for place in places:
        for form in sorted(place.forms, key=len, reverse=True):
            at = text.find(form, lo, hi)
            if at < 0:
                at = text.rfind(form, 0, site.figure.start)
            if at >= 0:
                spans.append((at, at + len(form)))
                break
    return spans


def word_spans(site: Site, words: str) -> list[tuple[int, int]]:
    """Page offsets, in the figure's sentence, of the longest stretches of the claim's words."""
    text, (lo, hi) = site.doc.page.text, site.figure.sentence
    sentence = text[lo:hi]
    spans = []
    for run in "".join(ch if ch.isalnum() else "\n" for ch in words).split():
        i = 0
        while i < len(run) - 1:
            size = len(run) - i
            while size >= 2 and run[i : i + size] not in sentence:
                size -= 1
            if size >= 2:
                at = sentence.find(run[i : i + size])
                spans.append((lo + at, lo + at + size))
                i += size
            else:
                i += 1
    return sorted(set(spans))
