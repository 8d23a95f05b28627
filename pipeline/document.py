"""The page document: dataclasses for everything the pipeline emits, and its JSON form.

Offsets (``start``/``end``, ``span``, ``spans``, ``sentence``) are Python ``str`` indices,
end exclusive, into ``Page.text``. Stages produce items with offsets into the text they were
given; :mod:`pipeline.extract` moves them onto the page and assigns ids.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field, fields, is_dataclass
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1"

Span = tuple[int, int]


@dataclass(frozen=True)
class OcrLine:
    """A line of an OCR'd page: its stretch of the page text and the recognizer's confidence."""

    span: Span
    confidence: float


@dataclass(frozen=True)
class Page:
    id: str
    source: str
    sha256: str
    published: str | None
    text: str
    # Only pages read by OCR carry these in JSON (``ocr`` true and their lines).
    ocr: bool = False
    ocr_lines: list[OcrLine] = field(default_factory=list)


@dataclass(frozen=True)
class Article:
    id: str
    kind: str  # news | feature | commentary | furniture | advertisement
    headline: str | None
    subheadline: str | None
    kicker: str | None
    byline: list[str]
    column: str | None
    truncated: bool
    spans: list[Span]
    text: str


@dataclass(frozen=True)
class Sidebar:
    id: str
    article: str | None
    span: Span
    title: str | None


@dataclass(frozen=True)
class Figure:
    id: str
    article: str | None
    start: int
    end: int
    surface: str
    number_text: str
    value: float | None
    low: float | None
    high: float | None
    unit: str | None
    scale: str | None
    qualifier: str | None
    bound: str  # exact | approx | over | under | at_least | at_most | order
    change: str | None
    metric: str | None
    subject: str | None
    period: str | None
    in_sidebar: bool
    sentence: Span
    # The meaning fields' evidence: metric and subject as spans of the page text (None when the
    # words are not one stretch there), the metric's grouping key, the entity id of the subject
    # and the normalized value of the period's date item.
    metric_span: Span | None = None
    metric_key: str | None = None
    subject_span: Span | None = None
    subject_entity: str | None = None
    period_date: str | None = None


@dataclass(frozen=True)
class DateMention:
    id: str
    article: str | None
    start: int
    end: int
    surface: str
    kind: str  # date | month | quarter | year | period_end | relative | duration | ...
    normalized: str | None


@dataclass(frozen=True)
class Entity:
    id: str
    article: str | None
    start: int
    end: int
    surface: str
    label: str  # PER | ORG | LOC | WORK | PRODUCT | EVENT
    # the full name this mention stands for (一汽 -> 中国第一汽车集团有限公司), else its surface
    canonical: str | None = None


@dataclass(frozen=True)
class Quote:
    id: str
    article: str | None
    speaker: str | None
    speaker_entity: str | None
    span: Span
    text: str
    role: str | None
    organization: str | None
    speaker_span: Span | None


@dataclass(frozen=True)
class PageDocument:
    page: Page
    articles: list[Article] = field(default_factory=list)
    sidebars: list[Sidebar] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    schema_version: str = SCHEMA_VERSION

    def to_dict(self) -> dict[str, Any]:
        """The document as plain JSON-ready data, keys in schema order."""
        data = _plain(self)
        if not self.page.ocr:
            del data["page"]["ocr"], data["page"]["ocr_lines"]
        ordered = {"schema_version": data.pop("schema_version")}
        ordered.update(data)
        return ordered

    def to_json(self, *, indent: int | None = None) -> str:
        """Deterministic JSON: same document, same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PageDocument:
        """The document back from its ``to_dict()`` form (a line of ``pages.jsonl``)."""
        items = {name: [_item(_ITEM_TYPES[name], row) for row in data[name]] for name in TABLES}
        return cls(page=Page(**data["page"]), schema_version=data["schema_version"], **items)


TABLES = ("articles", "sidebars", "figures", "dates", "entities", "quotes")


_ITEM_TYPES = {
    "articles": Article,
    "sidebars": Sidebar,
    "figures": Figure,
    "dates": DateMention,
    "entities": Entity,
    "quotes": Quote,
}


# Fields that hold one span: lists in JSON, tuples in the dataclasses.
_SPAN_FIELDS = frozenset({"span", "sentence", "speaker_span", "metric_span", "subject_span"})


def _item(item_type: type, row: dict[str, Any]) -> Any:
    """One item from its JSON form; spans (lists in JSON) become tuples again."""
    values = {}
    for f in fields(item_type):
        value = row.get(f.name)
        if f.name in _SPAN_FIELDS and value is not None:
            value = tuple(value)
        elif f.name == "spans":
            value = [tuple(span) for span in value]
        values[f.name] = value
    return item_type(**values)


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass type, None for other types (looked up once per type)."""
    return tuple(f.name for f in fields(cls)) if is_dataclass(cls) else None


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, tuples (spans) as lists, recursively; what ``asdict`` gives and
    then some, without its deep copies (the items are frozen and their fields immutable)."""
    names = _field_names(type(value))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def item_id(page_hash: str, kind: str, start: int, end: int, extra: str = "") -> str:
    """Stable id from the page hash, the item kind and its offsets.

    >>> item_id("ab" * 32, "fig", 3, 9)
    'fig-abababab-3-9'
    """
    suffix = f"-{extra}" if extra else ""
    return f"{kind}-{page_hash[:8]}-{start}-{end}{suffix}"


@cache
def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the page document, shipped with the package."""
    text = resources.files("pipeline").joinpath("schema.json").read_text(encoding="utf-8")
    return json.loads(text)


def published_date(value: str | None) -> str | None:
    """A publication date as ``Page.published`` holds it (ISO); ``ValueError`` if it is
    not a date."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ValueError(f"{value!r} is not a date like 2026-05-20") from None
