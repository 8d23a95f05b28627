"""Reading a claim: its figures, and for each the words that say what it counts.

"截至2026年4月末，浙江已组织走访企业596万家" gives the figure 596万家 (value, unit, bound,
precision come with the extracted figure), the period 2026年4月末, the place 浙江 and the
metric words 已组织走访企业. A claim with several figures ("…走访企业596万家，其中147万家获得
授信") gives each figure the words since the previous figure, and the places and periods of
those words and of the claim's opening (subject and period are usually said once, at the
start).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.claims.places import Place, find_places
from pipeline.dates import extract_dates
from pipeline.document import DateMention, Figure
from pipeline.figures import extract_figures
from pipeline.lexicon import read_list

LINK_WORDS = "figures/link_words.txt"
ORG_SUFFIXES = "entity_rules/org_suffixes.txt"
# Characters that only carry the claim along (已, 共) or join its words (的, 了); they say
# nothing about the metric, and bigrams across them are noise.
_FILLER = frozenset("已共约的了")


@dataclass(frozen=True)
class ClaimedFigure:
    claim: str
    figure: Figure  # offsets into the claim
    places: tuple[Place, ...]
    periods: tuple[DateMention, ...]
    words: str  # subject and metric words, figures, dates and places blanked out
    names: tuple[str, ...] = ()  # names the pages know (岚南农商银行), blanked from words

    def bigrams(self) -> frozenset[str]:
        return bigrams(self.words)

    def with_names(self, known: frozenset[str], longest: int) -> ClaimedFigure:
        """The claim with the pages' entity names among its words taken out as names."""
        chars, found, pos = list(self.words), [], 0
        while pos < len(chars):
            for size in range(min(longest, len(chars) - pos), 1, -1):
                name = "".join(chars[pos : pos + size])
                if name in known:
                    found.append(name)
                    chars[pos : pos + size] = "\n" * size
                    pos += size
                    break
            else:
                pos += 1
        if not found:
            return self
        return replace(self, words="".join(chars), names=tuple(found))

    def name_bigrams(self) -> frozenset[str]:
        """Bigrams of its places and names: how the index finds the sentences that name them."""
        named = [p.surface for p in self.places] + list(self.names)
        return frozenset(g for name in named for g in bigrams(name))


def parse_claim(claim: str) -> list[ClaimedFigure]:
    """One entry per figure of the claim, in claim order."""
    dates = extract_dates(claim)
    figures = extract_figures(claim, dates=dates)
    real_dates = [d for d in dates if d.kind != "duration"]
    places = [
        p
        for p in find_places(claim)
        if not _inside(p.start, p.end, figures, real_dates) and not _names_org(claim, p)
    ]
    opening = figures[0].start if figures else len(claim)
    parsed = []
    for i, figure in enumerate(figures):
        own = (figures[i - 1].end if i else 0, figure.start)
        spans = [own] if i == 0 else [(0, opening), own]
        parsed.append(
            ClaimedFigure(
                claim=claim,
                figure=figure,
                places=tuple(p for p in places if _within(p.start, spans)),
                periods=tuple(d for d in real_dates if _within(d.start, spans)),
                words=_words(claim, own, figures, real_dates, places),
            )
        )
    return parsed


def _names_org(claim: str, place: Place) -> bool:
    """Whether the place begins an organization's name (山西晋豫…有限公司, 浙江农商银行): the
    subject is then the organization, not the place."""
    run = re.split(r"[^\w]|\d", claim[place.end :], maxsplit=1)[0]
    return any(suffix in run for suffix in read_list(ORG_SUFFIXES))


def _inside(start: int, end: int, figures: list[Figure], dates: list[DateMention]) -> bool:
    return any(x.start < end and start < x.end for x in [*figures, *dates])


def _within(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


def _words(
    claim: str,
    span: tuple[int, int],
    figures: list[Figure],
    dates: list[DateMention],
    places: list[Place],
) -> str:
    """The claim's words in ``span``, with what is compared on its own blanked out."""
    chars = list(claim)
    for item in [*figures, *dates, *places]:
        chars[item.start : item.end] = "\n" * (item.end - item.start)
    return _strip_links("".join(chars[span[0] : span[1]]))


def _strip_links(part: str) -> str:
    """Drops the link word (达, 为, 分别为) right before the figure and leading filler."""
    stripped = part.rstrip("，, \n")
    for word in sorted(read_list(LINK_WORDS), key=len, reverse=True):
        if stripped.endswith(word):
            stripped = stripped[: -len(word)]
            break
    return "".join("\n" if ch in _FILLER else ch for ch in stripped)


def bigrams(text: str) -> frozenset[str]:
    """Character bigrams of the text's Chinese and alphanumeric runs; a run of one character
    stands for itself.

    >>> sorted(bigrams("走访企业，镇"))
    ['企业', '访企', '走访', '镇']
    """
    runs = "".join(ch if ch.isalnum() else "\n" for ch in text).split()
    return frozenset(run[i : i + 2] for run in runs for i in range(max(1, len(run) - 1)))
