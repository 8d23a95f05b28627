"""Highlights over page text: figures, dates, entities and quotes as nested HTML marks.

Each item becomes a :class:`Mark` with its page offsets and tooltip. Marks nest (a date inside
a figure, an entity inside a quote); where two cross, the lower-ranked one is left out, so a
figure is never lost to an overlapping entity. Everything from the page is HTML-escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

# Lower rank = kept when marks cross, and outermost when two share a span.
RANK = {"fig": 0, "date": 1, "ent": 2, "quote": 3}

ENTITY_NAMES = {
    "PER": "person",
    "ORG": "organization",
    "LOC": "place",
    "WORK": "title of a work",
    "PRODUCT": "product",
    "EVENT": "event",
}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # fig | date | ent | quote
    css: str
    tip: str
    item_id: str

    def open_tag(self, start: int, end: int) -> str:
        """The opening tag; ``start``/``end`` are the item's offsets, kept for look-ups."""
        return (
            f'<mark class="hl {self.css}" data-kind="{self.kind}" data-id="{escape(self.item_id)}"'
            f' data-start="{start}" data-end="{end}" data-tip="{escape(self.tip)}"'
            ' tabindex="0">'
        )


def page_marks(doc: dict[str, Any]) -> list[Mark]:
    """Every item of the page document as a mark, crossing ones left out."""
    marks = [_figure_mark(f) for f in doc["figures"]]
    marks += [_date_mark(d) for d in doc["dates"]]
    marks += [_entity_mark(e) for e in doc["entities"]]
    marks += [_quote_mark(q) for q in doc["quotes"]]
    return untangle(marks)


def untangle(marks: Iterable[Mark]) -> list[Mark]:
    """The marks that can nest: a mark crossing a better-ranked kept one is dropped.

    >>> a = Mark(0, 4, "fig", "", "", "a"); b = Mark(2, 6, "ent", "", "", "b")
    >>> [m.item_id for m in untangle([b, a])]
    ['a']
    """
    kept: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (RANK[m.kind], m.start, m.end)):
        if not any(_cross(mark, other) for other in kept):
            kept.append(mark)
    return sorted(kept, key=_nesting_order)


def _cross(a: Mark, b: Mark) -> bool:
    return a.start < b.start < a.end < b.end or b.start < a.start < b.end < a.end


def _nesting_order(mark: Mark) -> tuple[int, int, int]:
    return mark.start, -mark.end, RANK[mark.kind]


def markup(text: str, start: int, end: int, marks: Sequence[Mark]) -> str:
    """HTML of ``text[start:end]`` with the marks that touch it, clipped to it, nested.

    >>> m = Mark(1, 3, "fig", "hl-fig", "tip", "f1")
    >>> markup("a<b>c", 0, 5, [m]).replace(m.open_tag(1, 3), "[")
    'a[&lt;b</mark>&gt;c'
    """
    out: list[str] = []
    stack: list[Mark] = []
    pos = start
    for mark in marks:  # already in nesting order
        lo, hi = max(mark.start, start), min(mark.end, end)
        if lo >= hi:
            continue
        while stack and min(stack[-1].end, end) <= lo:
            pos = _close(text, pos, stack.pop(), end, out)
        out.append(escape(text[pos:lo], quote=False))
        out.append(mark.open_tag(mark.start, mark.end))
        pos = lo
        stack.append(mark)
    while stack:
        pos = _close(text, pos, stack.pop(), end, out)
    out.append(escape(text[pos:end], quote=False))
    return "".join(out)


def _close(text: str, pos: int, mark: Mark, end: int, out: list[str]) -> int:
    stop = min(mark.end, end)
    out.append(escape(text[pos:stop], quote=False))
    out.append("</mark>")
    return stop


def value_text(figure: dict[str, Any]) -> str:
    """The figure's value in base units, or its range.

    >>> value_text({"value": 5960000.0, "low": None, "high": None})
    '5,960,000'
    """
    if figure["value"] is not None:
        return f"{figure['value']:,.15g}"
    return "–".join(f"{v:,.15g}" for v in (figure["low"], figure["high"]) if v is not None)


def figure_tip(figure: dict[str, Any]) -> str:
    value = " ".join(x for x in (value_text(figure), figure["unit"] or "") if x)
    fields = [
        ("value", value),
        ("bound", figure["bound"]),
        ("change", figure["change"]),
        ("metric", figure["metric"]),
        ("subject", figure["subject"]),
        ("period", figure["period"]),
        ("qualifier", figure["qualifier"]),
    ]
    lines = [f"figure · {figure['surface']}"]
    lines += [f"{name}: {text}" for name, text in fields if text]
    if figure["in_sidebar"]:
        lines.append("in a sidebar")
    return "\n".join(lines)


def _figure_mark(figure: dict[str, Any]) -> Mark:
    return Mark(figure["start"], figure["end"], "fig", "hl-fig", figure_tip(figure), figure["id"])


def _date_mark(date: dict[str, Any]) -> Mark:
    tip = f"date · {date['kind']}\nnormalized: {date['normalized'] or '—'}"
    return Mark(date["start"], date["end"], "date", "hl-date", tip, date["id"])


def _entity_mark(entity: dict[str, Any]) -> Mark:
    label = entity["label"]
    tip = f"entity · {label} ({ENTITY_NAMES.get(label, 'other')})"
    return Mark(entity["start"], entity["end"], "ent", f"hl-ent hl-{label}", tip, entity["id"])


def _quote_mark(quote: dict[str, Any]) -> Mark:
    fields = [
        ("speaker", quote["speaker"]),
        ("role", quote.get("role")),
        ("organization", quote.get("organization")),
    ]
    tip = "\n".join(["quote"] + [f"{name}: {text}" for name, text in fields if text])
    start, end = quote["span"]
    return Mark(start, end, "quote", "hl-quote", tip, quote["id"])
