"""Whether a heading group starts an article: a linear score over named cues.

The weights live in ``gazetteers/segment/start_weights.tsv``, fitted on annotated pages by
``gazetteers/segment/build/fit_start_weights.py``; a group starts an article when the weighted
sum of its cues (``bias`` always among them) is at least zero.

>>> starts_article({"bias": 1.0, "byline_or_dateline": 1.0}, 0)
True
>>> starts_article({"bias": 1.0, "numbered_or_inset_head": 1.0}, 0)
False
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import cache

from pipeline.lexicon import read_table

# (cues of a heading group, page offset of its first line) -> whether it starts an article
Decide = Callable[[Mapping[str, float], int], bool]

WEIGHTS_FILE = "segment/start_weights.tsv"


@cache
def start_weights() -> dict[str, float]:
    """Cue name -> weight."""
    return {name: float(weight) for name, weight in read_table(WEIGHTS_FILE)}


def start_score(cues: Mapping[str, float], weights: Mapping[str, float] | None = None) -> float:
    """Weighted sum of ``cues`` (a cue without a weight counts nothing)."""
    weights = start_weights() if weights is None else weights
    return sum(weights.get(name, 0.0) * value for name, value in sorted(cues.items()))


def starts_article(cues: Mapping[str, float], at: int) -> bool:
    """The decision the reader takes for a heading group (``at`` is for fitting: see
    :data:`Decide`)."""
    return start_score(cues) >= 0.0
