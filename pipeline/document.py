"""The page document: dataclasses for everything the pipeline emits, and its JSON form.

Offsets (``start``/``end``, ``span``, ``spans``, ``sentence``) are Python ``str`` indices,
end exclusive, into ``Page.text``. Stages produce items with offsets into the text they were
given; :mod:`pipeline.extract` moves them onto the page and assigns ids.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from typing import Any

SCHEMA_VERSION = "1"

Span = tuple[int, int]


@dataclass(frozen=True)
class Page:
    id: str
    source: str
    sha256: str
    published: str | None
    text: str


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
    role: str | None = None
    organization: str | None = None
    speaker_span: Span | None = None


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
        data = asdict(self)
        ordered = {"schema_version": data.pop("schema_version")}
        ordered.update(data)
        return _lists(ordered)

    def to_json(self, *, indent: int | None = None) -> str:
        """Deterministic JSON: same document, same bytes."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


TABLES = ("articles", "sidebars", "figures", "dates", "entities", "quotes")


def _lists(value: Any) -> Any:
    """Tuples (spans) become lists so that dicts compare equal to parsed JSON."""
    if isinstance(value, dict):
        return {k: _lists(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_lists(v) for v in value]
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
