"""The verdict on one claimed figure, with the evidence that decided it.

The page figure a claimed figure is about is the nearest one in meaning (see
:mod:`pipeline.claims.match`) among those of its unit; a figure whose subject, period and
metric all agree is preferred over a slightly nearer one where one of them differs. Then:
``supported`` when its value says what the claim says (see
:mod:`pipeline.claims.equivalence`), ``contradicted`` when it gives another value,
``mismatch`` (with the field) when the page gives the figure for another subject, period,
metric or unit, and ``not_found`` when no page figure is near enough in meaning.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from typing import Any

from pipeline.claims.equivalence import supports
from pipeline.claims.fields import Finding, findings, place_spans, site_period, word_spans
from pipeline.claims.match import Index, Site, closeness
from pipeline.claims.parse import ClaimedFigure
from pipeline.document import Figure

# Closeness a page figure needs to be about the claimed one at all.
FOUND = 0.45
# How much nearer a figure whose fields differ must be to beat one whose fields agree.
FIELD_MARGIN = 0.15
# A page figure that says the claimed value is taken to be the one meant over a slightly
# nearer one that does not: agreement in value is evidence of reference too.
VALUE_BONUS = 0.02
_WAN = math.log(1e4)
# Closeness a figure in another unit needs to be taken for the one meant.
OTHER_UNIT = 0.75
# Sites this much less near than the nearest are still "about as near".
NEAR = 0.02


@dataclass(frozen=True)
class Evidence:
    page_id: str
    source: str
    article: str | None
    headline: str | None
    sentence: str
    sentence_span: tuple[int, int]
    figure: Figure  # offsets into the page text
    decided: list[tuple[int, int]] = field(default_factory=list)  # page words that decided
    closeness: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sentence_span"] = list(self.sentence_span)
        data["figure"]["sentence"] = list(self.figure.sentence)
        data["decided"] = [list(span) for span in self.decided]
        return data


@dataclass(frozen=True)
class Verdict:
    claim: str
    surface: str  # the claimed figure as written
    start: int  # its offsets in the claim
    end: int
    verdict: str  # supported | contradicted | mismatch | not_found
    field: str | None  # for mismatch: subject | period | metric | unit
    reason: str
    evidence: Evidence | None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["evidence"] = self.evidence.to_dict() if self.evidence else None
        return data


def decide(claimed: ClaimedFigure, index: Index) -> Verdict:
    claimed = claimed.with_names(index.names, index.longest_name)
    ranked = []
    for site in index.candidates(claimed):
        score = closeness(site, claimed)
        if score >= FOUND:
            problems = findings(claimed, site)
            ok = supports(site.figure, claimed.figure)
            score += (VALUE_BONUS if ok else 0.0) - (FIELD_MARGIN if problems else 0.0)
            ranked.append((score, ok, site, problems))
    best = _pick(claimed.figure, ranked) if ranked else None
    other = _other_unit(claimed, index, _score(best[2], claimed) if best else FOUND)
    if other is not None:
        return other
    if best is None:
        return _verdict(claimed, "not_found", None, None)
    _, ok, site, problems = best
    if problems:
        return _verdict(claimed, "mismatch", site, problems[0], score=_score(site, claimed))
    verdict = "supported" if ok else "contradicted"
    return _verdict(claimed, verdict, site, None, score=_score(site, claimed))


def _pick(claimed: Figure, ranked: list[tuple[float, bool, Site, list[Finding]]]):
    """The nearest site; among sites about as near, one that supports the claim, else the one
    whose value is closest to the claim's (a misquote is likelier a slip of a digit or of
    万/亿 on the figure meant than on its neighbour)."""
    best = max(r[0] for r in ranked)
    near = [r for r in ranked if r[0] >= best - NEAR]
    return max(near, key=lambda r: (r[1], -_value_gap(r[2].figure, claimed), r[0]))


def _value_gap(page: Figure, claimed: Figure) -> float:
    """How far apart two values are, a 万/亿 slip (a factor of 10^4) counting as no distance."""
    a, b = _magnitude(page), _magnitude(claimed)
    if a is None or b is None or a <= 0 or b <= 0:
        return math.inf
    gap = math.log(a / b)
    return min(abs(gap + k * _WAN) for k in (-1, 0, 1))


def _magnitude(figure: Figure) -> float | None:
    if figure.value is not None:
        return figure.value
    return figure.low if figure.low is not None else figure.high


def _score(site: Site, claimed: ClaimedFigure) -> float:
    return round(closeness(site, claimed), 3)


def _other_unit(claimed: ClaimedFigure, index: Index, to_beat: float) -> Verdict | None:
    """The claimed value in another unit (596万户 vs 596万家), nearer in meaning than the best
    figure of the claimed unit and agreeing in subject, period and metric."""
    best = None
    for site in index.same_value_other_unit(claimed):
        score = closeness(site, claimed)
        if score < max(to_beat, OTHER_UNIT) or findings(claimed, site):
            continue
        if best is None or score > best[0]:
            best = (score, site)
    if best is None:
        return None
    site = best[1]
    reason = (
        f"the page gives {site.figure.surface}, in {site.figure.unit}, not in {claimed.figure.unit}"
    )
    return _verdict(claimed, "mismatch", site, Finding("unit", reason), score=round(best[0], 3))


def _verdict(
    claimed: ClaimedFigure,
    verdict: str,
    site: Site | None,
    problem: Finding | None,
    *,
    score: float = 0.0,
) -> Verdict:
    figure = claimed.figure
    return Verdict(
        claim=claimed.claim,
        surface=figure.surface,
        start=figure.start,
        end=figure.end,
        verdict=verdict,
        field=problem.field if problem else None,
        reason=problem.reason if problem else _reason(verdict, figure, site),
        evidence=_evidence(claimed, site, score) if site else None,
    )


def _reason(verdict: str, claimed: Figure, site: Site | None) -> str:
    if site is None:
        return "no page figure of that unit says anything near the claim"
    page = site.figure.surface
    if verdict == "supported":
        return f"the page gives {page}"
    return f"the page gives {page}, not {claimed.surface}"


def _evidence(claimed: ClaimedFigure, site: Site, score: float) -> Evidence:
    decided = place_spans(site, claimed.places) + word_spans(site, claimed.words)
    period = site_period(site)
    if period is not None and claimed.periods:
        decided.append((period.start, period.end))
    return Evidence(
        page_id=site.doc.page.id,
        source=site.doc.page.source,
        article=site.article.id,
        headline=site.article.headline,
        sentence=site.sentence,
        sentence_span=site.figure.sentence,
        figure=site.figure,
        decided=sorted(set(decided)),
        closeness=score,
    )
