"""Finding the page figures a claimed figure may be about, fast enough for an archive.

Every page figure becomes a :class:`Site`: the figure with the words around it at three
distances (its own clause, its sentence, its article with the headline). An :class:`Index`
files sites by unit and by the character bigrams of their sentences, so a claim only looks at
figures of its unit whose sentence shares a word with it; 1,000 claims against 100 pages
score a few hundred sites each.

A site's closeness to a claim is the share of the claim's word bigrams it uses, each weighted
by how near the figure it stands: in the figure's own clause (between the previous and the
next figure or clause break) 1.0 right beside it, 0.01 less for each character away, down to
0.8; in the clause before, 0.8; elsewhere in its sentence 0.7; earlier in its paragraph
0.55; in its article 0.4. In a
"A、B分别为x、y" list, A counts as x's own clause; in "由A提高到B", A's words are B's too,
as near as they are to A (the claim's period or value tells the two apart).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pipeline.claims.parse import ClaimedFigure, bigrams
from pipeline.claims.places import is_division, mentions
from pipeline.document import Article, Entity, Figure, PageDocument
from pipeline.lexicon import read_list, read_table

WEIGHTS = {"own": 1.0, "own_far": 0.8, "sentence": 0.7, "paragraph": 0.55, "article": 0.4}
DISTANCE_COST = 0.01
# A clause ends at these; the words of the next clause belong to another figure.
_CLAUSE_END = re.compile(r"[，,；;：:、。！？!?\n]")
_CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?\n]")
_RESPECTIVELY = "分别"
_LIST_JOIN = re.compile(r"[、，,和及与]|以及")
_LIST_SPLIT = re.compile(r"[、和及与]|以及")
# Words and characters that say nothing about what a clause counts (as its figure goes).
_FUNCTION_WORDS = re.compile(
    r"[同环]比|[较比](?:上年|去年)?(?:同期)?|连续|累计|分别|[了达为约超过近逾均年月天个倍%％.]|\W|\d"
)
# Entities whose names in a claim say who or where (岚南农商银行, 澜江市), not what.
NAME_LABELS = ("LOC", "ORG")
RANGE_WORDS = "claims/range_words.txt"
CHANGE_VERBS = "figures/change_verbs.tsv"
PLACE_ANAPHORA = "claims/place_anaphora.txt"
# How far back (characters) the place named last still governs a sentence that names none.
PLACE_REACH = 400
# Characters between 由/从 and its level, or 到/至 and its level (从2024年的341立方米).
RANGE_REACH = 8
# Distance given to the words of the clause before a figure's own (weight: own_far).
FAR = 20


@dataclass(frozen=True)
class ArticleText:
    id: str | None
    headline: str | None
    text: str  # headline and body, for "does the article name it"
    grams: frozenset[str]


@dataclass(frozen=True)
class Site:
    doc: PageDocument
    figure: Figure
    article: ArticleText
    sentence: str
    own: dict[str, int]  # bigrams of the figure's own clause -> characters away from it
    grams: frozenset[str]  # the sentence's
    lead: frozenset[str]  # the paragraph's before the sentence: subject and date said once
    in_force: tuple[str, ...] = ()  # the places the figure is about (see places_in_force)
    place_before: bool = False  # they were named before its sentence
    opens_range: bool = False  # A in 由A提高到B: a base level
    period: str | None = None  # the normalized value of the date that governs the figure


def sites_of(doc: PageDocument) -> list[Site]:
    """Every figure of the page with its surroundings."""
    articles = {a.id: _article_text(a) for a in doc.articles}
    whole = ArticleText(None, None, doc.page.text, page_grams(doc.page.text))
    text, figures = doc.page.text, doc.figures
    respective = _respective_items(text, figures)
    ranges = from_to_pairs(text, figures)
    divisions = [e for e in doc.entities if e.label == "LOC" and is_division(e.surface)]
    normalized = {d.id: d.normalized for d in doc.dates}
    sites = []
    for i, figure in enumerate(figures):
        lo, hi = figure.sentence
        before = figures[i - 1].end if i and figures[i - 1].end > lo else lo
        after = figures[i + 1].start if i + 1 < len(figures) else hi
        clauses = _CLAUSE_END.split(text[before : figure.start])
        right = _CLAUSE_END.split(text[figure.end : min(hi, max(figure.end, after))])[0]
        if i in respective:  # its list item, not the whole list, is its own clause
            clauses = ["", respective[i]]
        own = _distances(clauses[-1], right)
        # The clause before says what a bare rate counts (…游客12.6万人次，同比增长18%).
        head = _CLAUSE_END.split(text[lo : figure.start])
        previous = _counted_clause(head) if i not in respective else ""
        for gram in page_grams(previous):
            own.setdefault(gram, FAR)
        if i in ranges:  # 由8.2元提高到11.5元: the second level counts what the first does
            first = ranges[i]
            words = _CLAUSE_END.split(text[lo : first.start])[-1]
            for gram, away in _distances(words, "").items():
                if away < own.get(gram, away + 1):
                    own[gram] = away
        in_force, place_before = places_in_force(text, figure, divisions)
        sites.append(
            Site(
                doc=doc,
                figure=figure,
                article=articles.get(figure.article, whole),
                sentence=text[lo:hi],
                own=own,
                grams=page_grams(text[lo:hi]),
                lead=page_grams(text[text.rfind("\n", 0, lo) + 1 : lo]),
                in_force=in_force,
                place_before=place_before,
                opens_range=i + 1 in ranges and ranges[i + 1] is figure,
                period=normalized.get(figure.period_date) if figure.period_date else None,
            )
        )
    return sites


def places_in_force(
    text: str, figure: Figure, divisions: Sequence[Entity]
) -> tuple[tuple[str, ...], bool]:
    """The divisions a figure is about, and whether they were named before its sentence: those
    its sentence names (the page's LOC entities that are divisions: landmarks and foreign
    places do not set the subject), else the last one named before it within
    ``PLACE_REACH`` characters. A sentence that refers back (全县, 当地) is about the place
    named before it, whatever else it names."""
    lo, hi = figure.sentence
    inside = tuple(e.surface for e in divisions if lo <= e.start < hi)
    clause = text[lo : figure.start]
    if inside and not any(word in clause for word in read_list(PLACE_ANAPHORA)):
        return inside, False
    before = [e for e in divisions if lo - PLACE_REACH <= e.start < lo]
    if not before:
        return inside, False
    run = [before[-1]]  # with the divisions written right before it (湖南 in 湖南岳阳)
    for e in reversed(before[:-1]):
        if e.end != run[0].start:
            break
        run.insert(0, e)
    return tuple(e.surface for e in run), True


def from_to_pairs(text: str, figures: Sequence[Figure]) -> dict[int, Figure]:
    """Index of the second level -> the first, for "由A提高到B" / "从A减少到了B": the same unit,
    由/从 shortly before A, 到/至 shortly before B, at most one comma between."""
    words = read_table(RANGE_WORDS)
    opens = tuple(w for role, w in words if role == "from")
    closes = tuple(w for role, w in words if role == "to")
    pairs = {}
    for i in range(1, len(figures)):
        a, b = figures[i - 1], figures[i]
        if a.unit != b.unit or a.sentence != b.sentence:
            continue
        before = _CLAUSE_BREAK.split(text[max(a.sentence[0], a.start - RANGE_REACH) : a.start])
        between = text[a.end : b.start]
        if (
            any(w in before[-1] for w in opens)
            and any(w in between[-RANGE_REACH:] for w in closes)
            and len(_CLAUSE_BREAK.findall(between)) <= 1
        ):
            pairs[i] = a
    return pairs


def _counted_clause(clauses: list[str]) -> str:
    """For a figure whose own clause (the last) says only how or how long (同比增长8.3%,
    连续5年超2万吨), the nearest clause before it that says what is counted; else ""."""
    if len(clauses) < 2 or not bare_clause(clauses[-1]):
        return ""
    for clause in reversed(clauses[:-1]):
        if not bare_clause(clause):
            return clause
    return ""


def bare_clause(clause: str) -> bool:
    """Whether a clause says only how a figure changed or for how long (同比增长, 连续3年)."""
    rest = clause
    for word in sorted(_change_words(), key=len, reverse=True):
        rest = rest.replace(word, "")
    return len(_FUNCTION_WORDS.sub("", rest)) <= 1


@cache
def _change_words() -> tuple[str, ...]:
    return tuple(row[0] for row in read_table(CHANGE_VERBS))


def _respective_items(text: str, figures: Sequence[Figure]) -> dict[int, str]:
    """Figure index -> its list item and the verb, for "A、B分别增长129%、117%": the n items
    before 分别 go with the n figures after it, in order."""
    items: dict[int, str] = {}
    for i, figure in enumerate(figures):
        lo = figure.sentence[0]
        head = text[lo : figure.start]
        at = head.rfind(_RESPECTIVELY)
        if at < 0 or _CLAUSE_BREAK.search(head[at:]) or (i and figures[i - 1].end > lo + at):
            continue
        run = [i]
        while run[-1] + 1 < len(figures) and _LIST_JOIN.fullmatch(
            text[figures[run[-1]].end : figures[run[-1] + 1].start]
        ):
            run.append(run[-1] + 1)
        listed = _LIST_SPLIT.split(_CLAUSE_BREAK.split(head[:at])[-1])
        if len(run) > 1 and len(listed) >= len(run):
            verb = head[at:] if run[0] == i else ""
            items.update((n, item + verb) for n, item in zip(run, listed[-len(run) :], strict=True))
    return items


def page_grams(text: str) -> frozenset[str]:
    """The bigrams and the single characters of a page text: a claim's one-character word
    (镇 in 临泽县镇达7个) is looked up as itself."""
    return bigrams(text) | frozenset(ch for ch in text if ch.isalnum())


def _distances(left: str, right: str) -> dict[str, int]:
    """Bigrams and characters of the clause around a figure, with their distance from it."""
    near: dict[str, int] = {}
    for size in (1, 2):
        for i in range(len(right) - size + 1):
            near.setdefault(right[i : i + size], i)
        for i in range(len(left) - size + 1):
            away = len(left) - i - size
            if away < near.get(left[i : i + size], away + 1):
                near[left[i : i + size]] = away
    return near


def _article_text(article: Article) -> ArticleText:
    parts = [article.kicker, article.headline, article.subheadline, article.text]
    text = "\n".join(p for p in parts if p)
    return ArticleText(article.id, article.headline, text, page_grams(text))


def closeness(site: Site, claimed: ClaimedFigure) -> float:
    """Weighted share of the claim's words found near the figure (see module doc): each metric
    bigram is one word, and so is each place, name or period, whatever its length; a place still
    in force, a name written shortly before the sentence, or the period that governs the figure,
    counts as if in the figure's clause."""
    words = [_weight(site, gram) for gram in sorted(claimed.bigrams())]
    for said in claimed.periods:
        agrees = said.normalized is not None and said.normalized == site.period
        words.append(WEIGHTS["own"] if agrees else _name_weight(site, said.surface))
    for place in claimed.places:
        weight = _name_weight(site, place.surface)
        if site.place_before and any(mentions(named, place) for named in site.in_force):
            weight = WEIGHTS["own"]  # named before, still in force: as good as in its clause
        words.append(weight)
    for name in claimed.names:
        weight = _name_weight(site, name)
        if weight < WEIGHTS["sentence"] and _named_before(site, name):
            weight = WEIGHTS["own"]  # the paper says who once, then goes on about them
        words.append(weight)
    return round(sum(words) / len(words), 6) if words else 0.0


def _name_weight(site: Site, name: str) -> float:
    grams = sorted(bigrams(name))
    return sum(_weight(site, g) for g in grams) / len(grams)


def _named_before(site: Site, name: str) -> bool:
    """Whether the name is written in the figure's article shortly before its sentence."""
    lo = site.figure.sentence[0]
    return site.doc.page.text.find(name, max(0, lo - PLACE_REACH), lo) >= 0


def _weight(site: Site, gram: str) -> float:
    away = site.own.get(gram)
    if away is not None:
        return max(WEIGHTS["own_far"], WEIGHTS["own"] - DISTANCE_COST * away)
    if gram in site.grams:
        return WEIGHTS["sentence"]
    if gram in site.lead:
        return WEIGHTS["paragraph"]
    return WEIGHTS["article"] if gram in site.article.grams else 0.0


class Index:
    """Sites of many pages, filed by unit and by sentence bigram."""

    def __init__(self, docs: Sequence[PageDocument]) -> None:
        self.sites: list[Site] = [site for doc in docs for site in sites_of(doc)]
        self._by_gram: dict[tuple[str | None, str], list[int]] = defaultdict(list)
        self._by_unit: dict[str | None, list[int]] = defaultdict(list)
        self._by_value: dict[float, list[int]] = defaultdict(list)
        self.names = frozenset(
            e.surface
            for doc in docs
            for e in doc.entities
            if e.label in NAME_LABELS and len(e.surface) > 1
        )
        self.longest_name = max(map(len, self.names), default=0)
        for n, site in enumerate(self.sites):
            unit = site.figure.unit
            self._by_unit[unit].append(n)
            if site.figure.value is not None:
                self._by_value[_value_key(site.figure.value)].append(n)
            for gram in site.grams:
                self._by_gram[(unit, gram)].append(n)

    def candidates(self, claimed: ClaimedFigure) -> list[Site]:
        """Sites of the claimed figure's unit whose sentence shares a word with the claim."""
        unit = claimed.figure.unit
        grams = claimed.bigrams() | claimed.name_bigrams()
        hits = {n for gram in grams for n in self._by_gram.get((unit, gram), ())}
        if not grams:
            hits = set(self._by_unit.get(unit, ()))
        return [self.sites[n] for n in sorted(hits)]

    def same_value_other_unit(self, claimed: ClaimedFigure) -> list[Site]:
        """Sites that give the claimed value in another unit (596万户 against 596万家)."""
        value = claimed.figure.value
        if value is None:
            return []
        found = self._by_value.get(_value_key(value), ())
        return [self.sites[n] for n in found if self.sites[n].figure.unit != claimed.figure.unit]


def _value_key(value: float) -> float:
    return float(f"{value:.9g}")
