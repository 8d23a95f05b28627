"""Scoring a page document against a hand-made gold file.

The gold file has the page-document shape (see ``corpora/ANNOTATION.md``) without the page
text: ``page.sha256`` identifies the page, and every item carries offsets into that page text.
Gold items may carry ``"optional": true``.

Matching rules, one table at a time (DESIGN.md):

- figures: spans overlap, ``value`` agrees (relative tolerance 1e-6; for a range ``low`` and
  ``high`` agree instead) and ``unit`` agrees;
- dates: spans overlap and ``normalized`` agrees (``null`` agrees with ``null``);
- entities: ``start``, ``end`` and ``label`` agree exactly;
- articles: ``kind`` agrees and the character Jaccard of the two span sets is >= 0.9;
- sidebars: the character Jaccard of the two spans is >= 0.8;
- quotes: spans overlap and the speaker agrees (see :func:`agrees`).

Character Jaccard ignores whitespace characters of the page text when the document carries
the text, so that a blank line more or less at a block edge does not count.

Matching is one-to-one: each gold item and each prediction is used at most once, and the
number of matched required gold items is maximised (augmenting paths, candidates tried in
order of closeness). Predictions left over may then match optional gold items: those are
neither true nor false positives, and optional gold items never count as misses.

On matched figures the report also gives the share where ``metric``, ``subject`` and
``period`` agree (normalized equality, or one contains the other) and where ``in_sidebar``
is equal.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from pipeline.document import TABLES

VALUE_TOLERANCE = 1e-6
ARTICLE_JACCARD = 0.9
SIDEBAR_JACCARD = 0.8
FIGURE_ATTRIBUTES = ("metric", "subject", "period", "in_sidebar")

Item = dict[str, Any]
Predicate = Callable[[Item, Item], bool]
Closeness = Callable[[Item, Item], float]


@dataclass(frozen=True)
class TableScore:
    """Counts and lists of one table; misses are gold items, extras are predictions."""

    table: str
    tp: int
    fp: int
    fn: int
    neutral: int = 0
    misses: list[Item] = field(default_factory=list)
    extras: list[Item] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted.

        >>> TableScore("dates", tp=3, fp=1, fn=0).precision
        0.75
        """
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when the gold table is empty.

        >>> TableScore("dates", tp=1, fp=0, fn=3).recall
        0.25
        """
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall (0.0 when both are 0).

        >>> round(TableScore("dates", tp=1, fp=1, fn=1).f1, 3)
        0.5
        """
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(precision=self.precision, recall=self.recall, f1=self.f1)
        return data


@dataclass(frozen=True)
class Report:
    """Scores of one page document against its gold file."""

    tables: dict[str, TableScore]
    figure_agreement: dict[str, float | None]
    figure_matched: int
    article_mean_jaccard: float | None

    def __getitem__(self, table: str) -> TableScore:
        return self.tables[table]

    def to_dict(self) -> dict[str, Any]:
        return {
            "tables": {name: score.to_dict() for name, score in self.tables.items()},
            "figure_agreement": dict(self.figure_agreement),
            "figure_matched": self.figure_matched,
            "article_mean_jaccard": self.article_mean_jaccard,
        }


def load_gold(path: str | Path) -> dict[str, Any]:
    """Read a gold file and check that it has a page hash and every table."""
    gold = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(gold, dict) or not gold.get("page", {}).get("sha256"):
        raise ValueError(f"{path}: a gold file needs page.sha256")
    missing = [name for name in TABLES if not isinstance(gold.get(name), list)]
    if missing:
        raise ValueError(f"{path}: gold file lacks tables {', '.join(missing)}")
    return gold


def score(doc: dict[str, Any], gold: dict[str, Any]) -> Report:
    """Score a page document (``PageDocument.to_dict()``) against a gold file.

    Raises ValueError when the document is not of the gold's page (sha256 differs).
    """
    expected = gold["page"]["sha256"]
    actual = (doc.get("page") or {}).get("sha256")
    if actual != expected:
        raise ValueError(
            f"document page sha256 {actual!r} is not the gold page's {expected!r}: "
            "the gold file belongs to another page (or the page text changed)"
        )
    text = (doc.get("page") or {}).get("text")
    chars = _char_filter(text)
    articles_close = _span_set_jaccard(chars, _article_spans)
    sidebars_close = _span_set_jaccard(chars, _sidebar_spans)
    rules: dict[str, tuple[Predicate, Closeness]] = {
        "articles": (_article_match(articles_close), articles_close),
        "sidebars": (lambda p, g: sidebars_close(p, g) >= SIDEBAR_JACCARD, sidebars_close),
        "figures": (_figure_match, _overlap_closeness(_item_span)),
        "dates": (_date_match, _overlap_closeness(_item_span)),
        "entities": (_entity_match, _overlap_closeness(_item_span)),
        "quotes": (_quote_match, _overlap_closeness(_quote_span)),
    }
    tables: dict[str, TableScore] = {}
    figure_pairs: list[tuple[Item, Item]] = []
    for name in TABLES:
        predicate, closeness = rules[name]
        table, pairs = _score_table(
            name, doc.get(name) or [], gold.get(name) or [], predicate, closeness
        )
        tables[name] = table
        if name == "figures":
            figure_pairs = pairs
    return Report(
        tables=tables,
        figure_agreement=_figure_agreement(figure_pairs),
        figure_matched=len(figure_pairs),
        article_mean_jaccard=_mean_best(
            doc.get("articles") or [], gold.get("articles") or [], articles_close
        ),
    )


def format_report(report: Report, *, verbose: bool = False) -> str:
    """A plain aligned table; ``verbose`` adds the misses and extras of each table."""
    lines = [f"{'table':<10} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"]
    for name, t in report.tables.items():
        lines.append(
            f"{name:<10} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}"
            f" {t.tp:5d} {t.fp:5d} {t.fn:5d}"
        )
    agreement = "  ".join(f"{key} {_fmt(value)}" for key, value in report.figure_agreement.items())
    lines.append(f"figures agreement on {report.figure_matched} matched: {agreement}")
    lines.append(f"articles mean Jaccard: {_fmt(report.article_mean_jaccard)}")
    if verbose:
        for name, t in report.tables.items():
            lines.extend(f"  miss  {name:<9} {describe(name, item)}" for item in t.misses)
            lines.extend(f"  extra {name:<9} {describe(name, item)}" for item in t.extras)
    return "\n".join(lines)


def describe(table: str, item: Item) -> str:
    """One line naming an item for a human.

    >>> describe("figures", {"start": 3, "end": 9, "surface": "38.8万亿元", "value": 3.88e13,
    ...                      "unit": "元"})
    '[3,9) 38.8万亿元 value=3.88e+13 unit=元'
    >>> describe("articles", {"kind": "news", "headline": "标题", "spans": [[0, 5]]})
    'news 标题 spans=[[0, 5]]'
    """
    if table == "articles":
        return f"{item.get('kind')} {item.get('headline')} spans={item.get('spans')}"
    if table == "sidebars":
        return f"{item.get('title')} span={item.get('span')}"
    if table == "quotes":
        start, end = _quote_span(item)
        words = (item.get("text") or "")[:20].replace("\n", " ")
        return f"[{start},{end}) speaker={item.get('speaker')} {words}"
    head = f"[{item.get('start')},{item.get('end')}) {item.get('surface')}"
    if table == "figures":
        value = item.get("value")
        shown = (
            f"{value:g}"
            if isinstance(value, int | float)
            else f"{item.get('low')}-{item.get('high')}"
        )
        return f"{head} value={shown} unit={item.get('unit')}"
    if table == "dates":
        return f"{head} {item.get('kind')} {item.get('normalized')}"
    return f"{head} {item.get('label')}"


def agrees(a: Any, b: Any) -> bool:
    """Lenient agreement of two attribute strings.

    Both are normalized (whitespace, quote marks and 《》 removed, lower case); they agree
    when equal or when one contains the other. Two empty values agree; one empty does not.

    >>> agrees("普惠型小微企业贷款余额", "小微企业贷款余额")
    True
    >>> agrees("浙江", "江苏")
    False
    >>> agrees(None, "")
    True
    >>> agrees("浙江", None)
    False
    """
    x, y = _normalize(a), _normalize(b)
    if not x or not y:
        return x == y
    return x in y or y in x


_STRIP = re.compile(r"[\s\"'“”‘’「」『』《》]")


def _normalize(value: Any) -> str:
    return _STRIP.sub("", str(value)).lower() if value is not None else ""


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def _score_table(
    name: str,
    predicted: Sequence[Item],
    gold: Sequence[Item],
    predicate: Predicate,
    closeness: Closeness,
) -> tuple[TableScore, list[tuple[Item, Item]]]:
    """Match one table one-to-one: required gold first, then optional gold absorbs extras."""
    required = [g for g in gold if not g.get("optional")]
    optional = [g for g in gold if g.get("optional")]
    pairs = _match(predicted, required, predicate, closeness)
    left = [i for i in range(len(predicted)) if i not in pairs]
    neutral = _match([predicted[i] for i in left], optional, predicate, closeness)
    extras = [predicted[i] for k, i in enumerate(left) if k not in neutral]
    found = set(pairs.values())
    misses = [g for j, g in enumerate(required) if j not in found]
    table = TableScore(
        table=name,
        tp=len(pairs),
        fp=len(extras),
        fn=len(misses),
        neutral=len(neutral),
        misses=misses,
        extras=extras,
    )
    matched = [(predicted[i], required[j]) for i, j in sorted(pairs.items())]
    return table, matched


def _match(
    predicted: Sequence[Item], gold: Sequence[Item], predicate: Predicate, closeness: Closeness
) -> dict[int, int]:
    """Maximum one-to-one matching (Kuhn's augmenting paths) as {prediction: gold index}."""
    candidates: list[list[int]] = []
    for p in predicted:
        ok = [j for j, g in enumerate(gold) if predicate(p, g)]
        candidates.append(sorted(ok, key=lambda j, p=p: (-closeness(p, gold[j]), j)))
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(predicted)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _item_span(item: Item) -> tuple[int, int]:
    return int(item["start"]), int(item["end"])


def _quote_span(item: Item) -> tuple[int, int]:
    start, end = item["span"]
    return int(start), int(end)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _overlap_closeness(span: Callable[[Item], tuple[int, int]]) -> Closeness:
    return lambda p, g: _overlap(span(p), span(g)) - abs(span(p)[0] - span(g)[0]) / 1e6


def _close(a: float | None, b: float | None) -> bool:
    """Numbers agree within the relative tolerance; None agrees only with None.

    >>> _close(3.88e13, 38.8e12), _close(9.9, 9.91), _close(None, None), _close(0.0, None)
    (True, False, True, False)
    """
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=VALUE_TOLERANCE, abs_tol=1e-12)


def _same_unit(a: str | None, b: str | None) -> bool:
    return _normalize(a) == _normalize(b)


def _figure_match(p: Item, g: Item) -> bool:
    if not _overlap(_item_span(p), _item_span(g)) or not _same_unit(p.get("unit"), g.get("unit")):
        return False
    if g.get("value") is None and p.get("value") is None:
        return _close(p.get("low"), g.get("low")) and _close(p.get("high"), g.get("high"))
    return _close(p.get("value"), g.get("value"))


def _date_match(p: Item, g: Item) -> bool:
    return bool(_overlap(_item_span(p), _item_span(g))) and p.get("normalized") == g.get(
        "normalized"
    )


def _entity_match(p: Item, g: Item) -> bool:
    return _item_span(p) == _item_span(g) and p.get("label") == g.get("label")


def _quote_match(p: Item, g: Item) -> bool:
    return bool(_overlap(_quote_span(p), _quote_span(g))) and agrees(
        p.get("speaker"), g.get("speaker")
    )


def _article_spans(item: Item) -> Iterable[Sequence[int]]:
    return item.get("spans") or []


def _sidebar_spans(item: Item) -> Iterable[Sequence[int]]:
    return [item["span"]] if item.get("span") else []


def _char_filter(text: str | None) -> Callable[[Iterable[Sequence[int]]], set[int]]:
    """Positions covered by spans, without whitespace when the page text is known."""

    def positions(spans: Iterable[Sequence[int]]) -> set[int]:
        covered = {k for start, end in spans for k in range(int(start), int(end))}
        if text is None:
            return covered
        return {k for k in covered if k < len(text) and not text[k].isspace()}

    return positions


def _span_set_jaccard(
    chars: Callable[[Iterable[Sequence[int]]], set[int]],
    spans: Callable[[Item], Iterable[Sequence[int]]],
) -> Closeness:
    def jaccard(p: Item, g: Item) -> float:
        a, b = chars(spans(p)), chars(spans(g))
        union = a | b
        return len(a & b) / len(union) if union else 0.0

    return jaccard


def _article_match(jaccard: Closeness) -> Predicate:
    return lambda p, g: p.get("kind") == g.get("kind") and jaccard(p, g) >= ARTICLE_JACCARD


def _mean_best(predicted: Sequence[Item], gold: Sequence[Item], jaccard: Closeness) -> float | None:
    """Mean over required gold articles of the best Jaccard with a predicted article of its kind."""
    required = [g for g in gold if not g.get("optional")]
    if not required:
        return None
    best = [
        max((jaccard(p, g) for p in predicted if p.get("kind") == g.get("kind")), default=0.0)
        for g in required
    ]
    return sum(best) / len(best)


def _figure_agreement(pairs: Sequence[tuple[Item, Item]]) -> dict[str, float | None]:
    """Share of matched figures whose metric, subject, period and in_sidebar agree."""
    if not pairs:
        return dict.fromkeys(FIGURE_ATTRIBUTES)
    shares: dict[str, float | None] = {}
    for key in FIGURE_ATTRIBUTES:
        if key == "in_sidebar":
            hits = sum(bool(p.get(key)) == bool(g.get(key)) for p, g in pairs)
        else:
            hits = sum(agrees(p.get(key), g.get(key)) for p, g in pairs)
        shares[key] = hits / len(pairs)
    return shares
