"""Checking a cited figure against pages: supported, contradicted, or not found.

A claim such as "浙江已走访企业596万家" is read with the same figure extractor as the pages.
For each figure in the claim, the page figures with the same unit are ranked by how much of
the claim's wording (character bigrams, figure surface left out) their sentence shares, then
by how much the words just left of the figure share. The best one decides: the same value
supports the claim, another value contradicts it (and is the right figure to cite); too
little shared wording means the figure was not found.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.dates import extract_dates
from pipeline.document import Figure, PageDocument
from pipeline.figures import extract_figures

# Share of the claim's context bigrams that a sentence must contain to be about the same thing.
MIN_OVERLAP = 0.5
VALUE_TOLERANCE = 1e-6
# Characters left of a figure that usually name what it counts (走访企业 in 走访企业596万家);
# they tell apart the figures of one sentence.
LEFT = 12


@dataclass(frozen=True)
class Evidence:
    page_id: str
    source: str
    article: str | None
    headline: str | None
    figure: Figure
    sentence: str
    overlap: float


@dataclass(frozen=True)
class Verdict:
    claim: str
    surface: str  # the claimed figure as written in the claim
    verdict: str  # supported | contradicted | not_found
    evidence: Evidence | None


def check_claim(claim: str, docs: Sequence[PageDocument]) -> list[Verdict]:
    """One verdict per figure in ``claim``; none when the claim holds no figure."""
    claimed = extract_figures(claim, dates=extract_dates(claim))
    return [_verdict(claim, figure, docs) for figure in claimed]


def _verdict(claim: str, claimed: Figure, docs: Sequence[PageDocument]) -> Verdict:
    context = bigrams(claim[: claimed.start] + "\n" + claim[claimed.end :])
    best: tuple[tuple[float, float, bool], Evidence] | None = None
    for doc in docs:
        for figure in doc.figures:
            if figure.unit != claimed.unit:
                continue
            sentence = doc.page.text[slice(*figure.sentence)]
            overlap = _share(context, bigrams(sentence.replace(figure.surface, "\n")))
            left = doc.page.text[max(figure.sentence[0], figure.start - LEFT) : figure.start]
            key = (overlap, _share(context, bigrams(left)), _same_value(claimed, figure))
            if best is None or key > best[0]:
                best = (key, _evidence(doc, figure, sentence, overlap))
    if best is None or best[0][0] < MIN_OVERLAP:
        return Verdict(claim, claimed.surface, "not_found", best[1] if best else None)
    verdict = "supported" if best[0][2] else "contradicted"
    return Verdict(claim, claimed.surface, verdict, best[1])


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the text's Chinese and alphanumeric runs.

    >>> sorted(bigrams("走访企业"))
    ['企业', '访企', '走访']
    """
    runs = "".join(ch if ch.isalnum() else "\n" for ch in text).split()
    return frozenset(run[i : i + 2] for run in runs for i in range(len(run) - 1))


def _share(needles: frozenset[str], haystack: frozenset[str]) -> float:
    return len(needles & haystack) / len(needles) if needles else 0.0


def _same_value(claimed: Figure, found: Figure) -> bool:
    pairs = [(claimed.value, found.value), (claimed.low, found.low), (claimed.high, found.high)]
    return all(
        (a is None) == (b is None) and (a is None or math.isclose(a, b, rel_tol=VALUE_TOLERANCE))
        for a, b in pairs
    )


def _evidence(doc: PageDocument, figure: Figure, sentence: str, overlap: float) -> Evidence:
    headline = next((a.headline for a in doc.articles if a.id == figure.article), None)
    return Evidence(
        page_id=doc.page.id,
        source=doc.page.source,
        article=figure.article,
        headline=headline,
        figure=figure,
        sentence=sentence,
        overlap=round(overlap, 3),
    )
