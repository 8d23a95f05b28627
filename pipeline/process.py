"""The page pipeline: page text in, :class:`PageDocument` out.

Segmentation splits the page into articles and sidebars; every later stage runs on the
stitched text of one article or one sidebar, and its offsets are moved back onto the page
here, once, through the unit's :class:`TextMap`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from pipeline.dates import extract_dates, find_published
from pipeline.document import (
    Article,
    DateMention,
    Entity,
    Figure,
    OcrLine,
    Page,
    PageDocument,
    Quote,
    Sidebar,
    Span,
    item_id,
    sha256_text,
)
from pipeline.entities import extract_entities
from pipeline.figures import extract_figures
from pipeline.ingest import IngestError, IngestFailure, LayoutHint, OcrSpan, read_pages
from pipeline.quotes import extract_quotes
from pipeline.segment import segment
from pipeline.textmap import TextMap

_Item = TypeVar("_Item", Figure, DateMention, Entity)


@dataclass(frozen=True)
class _Unit:
    """One stretch of stitched text that the extractors read: an article or a sidebar."""

    article: str | None
    map: TextMap
    in_sidebar: bool


@dataclass
class _Found:
    figures: list[Figure] = dataclasses.field(default_factory=list)
    dates: list[DateMention] = dataclasses.field(default_factory=list)
    entities: list[Entity] = dataclasses.field(default_factory=list)
    quotes: list[Quote] = dataclasses.field(default_factory=list)


def extract(
    text: str,
    *,
    published: str | dt.date | None = None,
    source: str = "<text>",
    hints: Sequence[LayoutHint] = (),
    ocr_lines: Sequence[OcrSpan] | None = None,
) -> PageDocument:
    """The page document of one page of text.

    ``published`` (ISO date) resolves relative dates; when it is not given, the page's
    masthead or date line, or its source name, may supply it. ``ocr_lines`` marks a page
    read by OCR, with the confidence of each of its lines.
    """
    sha = sha256_text(text)
    pub = _published(published, text, source)
    page = Page(
        id=f"page-{sha[:16]}",
        source=source,
        sha256=sha,
        published=pub.isoformat() if pub else None,
        text=text,
        ocr=ocr_lines is not None,
        ocr_lines=[OcrLine((s.start, s.end), s.confidence) for s in ocr_lines or ()],
    )
    layout = segment(text, hints)
    articles = [_article(page, unit) for unit in layout.articles]
    sidebars = [
        Sidebar(
            id=item_id(sha, "side", *sb.span),
            article=articles[sb.article].id if sb.article is not None else None,
            span=sb.span,
            title=sb.title,
        )
        for sb in layout.sidebars
    ]
    units = [_Unit(a.id, TextMap.from_spans(text, a.spans), False) for a in articles]
    units += [_Unit(sb.article, TextMap.from_spans(text, [sb.span]), True) for sb in sidebars]
    found = _Found()
    for unit in units:
        _read_unit(page, unit, pub, found)
    return PageDocument(
        page=page,
        articles=articles,
        sidebars=sidebars,
        figures=sorted(found.figures, key=_by_span),
        dates=sorted(found.dates, key=_by_span),
        entities=sorted(found.entities, key=_by_span),
        quotes=sorted(found.quotes, key=lambda q: q.span),
    )


def extract_path(
    path: str | Path, *, published: str | dt.date | None = None
) -> list[PageDocument | IngestFailure]:
    """Documents of every page of one file, and a failure record for each page that failed."""
    results: list[PageDocument | IngestFailure] = []
    for item in read_pages(Path(path)):
        if isinstance(item, IngestFailure):
            results.append(item)
            continue
        try:
            doc = extract(
                item.text,
                published=published,
                source=item.source,
                hints=item.hints,
                ocr_lines=item.ocr_lines if item.ocr else None,
            )
        except Exception as err:  # one bad page must not stop a batch of thousands
            results.append(IngestFailure(item.source, f"extraction failed: {err!r}"))
        else:
            results.append(doc)
    return results


def extract_paths(
    paths: Sequence[str | Path], *, published: str | dt.date | None = None, jobs: int = 1
) -> Iterator[list[PageDocument | IngestFailure]]:
    """:func:`extract_path` over many files, in input order, on ``jobs`` processes."""
    work = functools.partial(extract_path, published=published)
    if jobs <= 1 or len(paths) < 2:
        yield from map(work, paths)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(work, paths, chunksize=4)


def extract_file(path: str | Path, *, published: str | dt.date | None = None) -> list[PageDocument]:
    """Documents of every page of one file; raises :class:`IngestError` if any page failed."""
    results = extract_path(path, published=published)
    failures = [r for r in results if isinstance(r, IngestFailure)]
    if failures:
        raise IngestError("; ".join(f"{f.source}: {f.reason}" for f in failures))
    return [r for r in results if isinstance(r, PageDocument)]


def _published(given: str | dt.date | None, text: str, source: str) -> dt.date | None:
    if isinstance(given, dt.date):
        return given
    if given:
        return dt.date.fromisoformat(given)
    return find_published(text, Path(source).name)


def _article(page: Page, article: Article) -> Article:
    start, end = article.spans[0][0], article.spans[-1][1]
    return dataclasses.replace(article, id=item_id(page.sha256, "art", start, end))


def _read_unit(page: Page, unit: _Unit, published: dt.date | None, found: _Found) -> None:
    """Run the extractors on one unit and add what they find, moved onto the page."""
    text = unit.map.text
    dates = extract_dates(text, published=published)
    entities = extract_entities(text)
    figures = extract_figures(text, dates=dates, entities=entities, in_sidebar=unit.in_sidebar)
    quotes = extract_quotes(text, entities)

    found.dates += _place(page, unit, dates, "date")
    found.figures += _place(page, unit, figures, "fig")
    placed_entities = _place(page, unit, entities, "ent")
    found.entities += placed_entities
    by_span = {(e.start, e.end): e.id for e in placed_entities}
    for quote in quotes:
        found.quotes.append(_place_quote(page, unit, quote, by_span))


def _place(page: Page, unit: _Unit, items: Iterable[_Item], kind: str) -> list[_Item]:
    """Items with page offsets, page surfaces, ids and their article.

    An item whose stitched span straddles a cut that removed more than whitespace
    (a sidebar) has no honest page surface and is left out.
    """
    placed = []
    for item in items:
        start, end = unit.map.to_page(item.start, item.end)
        surface = page.text[start:end]
        if not unit.map.is_contiguous(item.start, item.end) and not _only_gaps(
            surface, item.surface
        ):
            continue
        changes = {
            "id": item_id(page.sha256, kind, start, end),
            "article": unit.article,
            "start": start,
            "end": end,
            "surface": surface,
        }
        if isinstance(item, Figure):
            changes["sentence"] = unit.map.to_page(*item.sentence)
        placed.append(dataclasses.replace(item, **changes))
    return placed


def _place_quote(page: Page, unit: _Unit, quote: Quote, entity_ids: dict[Span, str]) -> Quote:
    span = unit.map.to_page(*quote.span)
    speaker_span = unit.map.to_page(*quote.speaker_span) if quote.speaker_span else None
    return dataclasses.replace(
        quote,
        id=item_id(page.sha256, "quote", *span),
        article=unit.article,
        span=span,
        speaker_span=speaker_span,
        speaker_entity=entity_ids.get(speaker_span) if speaker_span else None,
    )


def _only_gaps(page_surface: str, stitched_surface: str) -> bool:
    """Whether the page surface is the stitched one with only whitespace put back."""
    return "".join(page_surface.split()) == "".join(stitched_surface.split())


def _by_span(item: Figure | DateMention | Entity) -> tuple[int, int]:
    return item.start, item.end
