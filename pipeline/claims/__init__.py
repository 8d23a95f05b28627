"""Checking claims against pages: does the page say what the claim says?

>>> import pipeline  # doctest: +SKIP
>>> check_claim("浙江已组织走访企业596万家", [pipeline.extract(page)])  # doctest: +SKIP

``check_claim`` gives one :class:`Verdict` per figure of the claim; ``check_claims`` checks
many claims against one index of pages (build the index once for an archive).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from pipeline.claims.match import Index
from pipeline.claims.parse import parse_claim
from pipeline.claims.verdict import Evidence, Verdict, decide
from pipeline.document import PageDocument

__all__ = ["Evidence", "Index", "Verdict", "check_claim", "check_claims"]


def check_claim(claim: str, docs: Sequence[PageDocument] | Index) -> list[Verdict]:
    """One verdict per figure in ``claim``; none when the claim holds no figure."""
    index = docs if isinstance(docs, Index) else Index(docs)
    return [decide(claimed, index) for claimed in parse_claim(claim)]


def check_claims(claims: Iterable[str], docs: Sequence[PageDocument]) -> list[list[Verdict]]:
    """The verdicts of each claim, against pages indexed once."""
    index = Index(docs)
    return [check_claim(claim, index) for claim in claims]
