"""The page pipeline: page text in, :class:`PageDocument` out.

Segmentation splits the page into articles and sidebars; every later stage runs on the
stitched text of one article or one sidebar, and its offsets are moved back onto the page
here, once, through the unit's :class:`TextMap`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import os
import re
import warnings
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
from pipeline.entities import extract_entities_many
from pipeline.figures import extract_figures
from pipeline.ingest import (
    IngestedPage,
    IngestError,
    IngestFailure,
    LayoutHint,
    OcrSpan,
    read_pages,
)
from pipeline.ingest.normalize import View, normalize
from pipeline.ingest.text import MAX_PAGE_CHARS, too_long
from pipeline.quotes import extract_quotes
from pipeline.segment import segment
from pipeline.textmap import TextMap

_Item = TypeVar("_Item", Figure, DateMention, Entity)


# The stages read a long article in pieces of at most this many characters, cut at a
# sentence end (the entity model's limit is 1,000,000; time and memory stay linear).
PIECE_CHARS = 20_000
_PIECE_END = re.compile(r"[\n。！？!?；;]")


class PublishedDateError(ValueError):
    """A ``published`` value that is not an ISO date."""


@dataclass(frozen=True)
class _Unit:
    """One stretch of stitched text that the extractors read: an article or a sidebar.

    ``map`` goes from the stitched text to the view; ``clean`` is the stitched text in the
    page's own script (the same length), for the strings shown to people.
    """

    article: str | None
    map: TextMap
    clean: str
    in_sidebar: bool


@dataclass(frozen=True)
class _Context:
    page: Page
    view: View
    published: dt.date | None


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
    masthead or date line, or its source name, may supply it. The stages read the
    normalized view of the text (:mod:`pipeline.ingest.normalize`); every offset is into
    ``text`` itself. ``ocr_lines`` marks a page read by OCR, with the confidence of each of
    its lines.
    """
    _check_text(text)
    sha = sha256_text(text)
    view = normalize(text)
    pub = _published(published, view.text, source)
    page = Page(
        id=f"page-{sha[:16]}",
        source=source,
        sha256=sha,
        published=pub.isoformat() if pub else None,
        text=text,
        ocr=ocr_lines is not None,
        ocr_lines=[OcrLine((s.start, s.end), s.confidence) for s in ocr_lines or ()],
    )
    ctx = _Context(page, view, pub)
    layout = segment(view.text, [_hint_in_view(view, h) for h in hints])
    articles = [_article(ctx, unit) for unit in layout.articles]
    sidebars = [
        Sidebar(
            id=item_id(sha, "side", *view.map.to_page(*sb.span)),
            article=articles[sb.article].id if sb.article is not None else None,
            span=view.map.to_page(*sb.span),
            title=_own_script(view.text, view.clean, sb.title, sb.span[0]),
        )
        for sb in layout.sidebars
    ]
    units = [
        _unit(view, art.id, seg.spans, False)
        for art, seg in zip(articles, layout.articles, strict=True)
    ]
    units += [
        _unit(view, sb.article, [vs.span], True)
        for sb, vs in zip(sidebars, layout.sidebars, strict=True)
    ]
    found = _Found()
    pieces = [piece for unit in units for piece in _pieces(unit)]
    for batch in _batches(pieces):
        texts = [piece.map.text for piece in batch]
        for piece, entities in zip(batch, extract_entities_many(texts), strict=True):
            _read_unit(ctx, piece, entities, found)
    return PageDocument(
        page=page,
        articles=articles,
        sidebars=sidebars,
        figures=sorted(found.figures, key=_by_span),
        dates=sorted(found.dates, key=_by_span),
        entities=sorted(found.entities, key=_by_span),
        quotes=sorted(found.quotes, key=lambda q: q.span),
    )


def _check_text(text: object) -> None:
    """Page text is a ``str`` of bounded length; a path or bytes get a hint."""
    if isinstance(text, os.PathLike):
        raise TypeError(
            f"pipeline.extract takes page text (str), not a path ({text!s}); "
            "use pipeline.extract_file(path) to read a file"
        )
    if isinstance(text, bytes | bytearray):
        raise TypeError(
            "pipeline.extract takes page text (str), not bytes; decode it first, "
            "or use pipeline.extract_file(path) to read a file"
        )
    if not isinstance(text, str):
        raise TypeError(f"pipeline.extract takes page text (str), not {type(text).__name__}")
    if len(text) > MAX_PAGE_CHARS:
        raise IngestError(too_long(len(text), "characters"))
    if _names_a_file(text):
        warnings.warn(
            f"pipeline.extract reads its argument as page text, and {text!r} names a file; "
            "use pipeline.extract_file(path) to read the file",
            UserWarning,
            stacklevel=3,
        )


def _names_a_file(text: str) -> bool:
    """Whether ``text`` is one short line that names an existing file."""
    if not text or len(text) > 1024 or "\n" in text:
        return False
    try:
        return Path(text.strip()).is_file()
    except (OSError, ValueError):
        return False


def _hint_in_view(view: View, hint: LayoutHint) -> LayoutHint:
    start, end = view.map.from_page(hint.start, hint.end)
    return dataclasses.replace(hint, start=start, end=end)


def _unit(view: View, article: str | None, spans: list[Span], in_sidebar: bool) -> _Unit:
    stitched = TextMap.from_spans(view.text, spans)
    same = view.text is view.clean
    clean = stitched.text if same else "".join(view.clean[s:e] for s, e in spans)
    return _Unit(article, stitched, clean, in_sidebar)


def _pieces(unit: _Unit) -> list[_Unit]:
    """The unit cut at sentence ends into pieces of at most :data:`PIECE_CHARS`."""
    text = unit.map.text
    if len(text) <= PIECE_CHARS:
        return [unit]
    same = unit.clean is text
    pieces, start = [], 0
    while start < len(text):
        end = min(start + PIECE_CHARS, len(text))
        if end < len(text):
            breaks = _PIECE_END.finditer(text, start + PIECE_CHARS // 2, end)
            end = max((m.end() for m in breaks), default=end)
        piece = unit.map.slice(start, end)
        clean = piece.text if same else unit.clean[start:end]
        pieces.append(dataclasses.replace(unit, map=piece, clean=clean))
        start = end
    return pieces


def _batches(pieces: list[_Unit]) -> Iterator[list[_Unit]]:
    """Consecutive pieces of at most :data:`PIECE_CHARS` together (or one longer piece): the
    entity model tags a batch at once, and memory stays bounded by the batch."""
    batch: list[_Unit] = []
    size = 0
    for piece in pieces:
        if batch and size + len(piece.map.text) > PIECE_CHARS:
            yield batch
            batch, size = [], 0
        batch.append(piece)
        size += len(piece.map.text)
    if batch:
        yield batch


def extract_path(
    path: str | Path, *, published: str | dt.date | None = None
) -> list[PageDocument | IngestFailure]:
    """Documents of every page of one file, and a failure record for each page that failed."""
    return [extract_item(item, published=published) for item in read_pages(Path(path))]


def extract_item(
    item: IngestedPage | IngestFailure, *, published: str | dt.date | None = None
) -> PageDocument | IngestFailure:
    """The document of one ingested page, or a failure record if it could not be read or
    extracted."""
    if isinstance(item, IngestFailure):
        return item
    try:
        return extract(
            item.text,
            published=published,
            source=item.source,
            hints=item.hints,
            ocr_lines=item.ocr_lines if item.ocr else None,
        )
    except Exception as err:  # one bad page must not stop a batch of thousands
        return IngestFailure(item.source, f"extraction failed: {err!r}")


def extract_paths(
    paths: Sequence[str | Path], *, published: str | dt.date | None = None, jobs: int = 1
) -> Iterator[list[PageDocument | IngestFailure]]:
    """:func:`extract_path` over many files, in input order, on ``jobs`` processes."""
    work = functools.partial(extract_path, published=published)
    if jobs <= 1 or len(paths) < 2:
        yield from map(work, paths)
        return
    from pipeline.archive.work import die_with_parent  # the archive package imports this one

    with ProcessPoolExecutor(
        max_workers=jobs, initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
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
        try:
            return dt.date.fromisoformat(given)
        except (TypeError, ValueError):
            raise PublishedDateError(
                f"published: {given!r} is not a date; give an ISO date like 2026-05-20"
            ) from None
    return find_published(text, Path(source).name)


def _article(ctx: _Context, article: Article) -> Article:
    """The article with page spans, its id, and its strings in the page's own script."""
    view = ctx.view
    spans = [view.map.to_page(s, e) for s, e in article.spans]
    at = article.spans[0][0]

    def own(value: str | None) -> str | None:
        return _own_script(view.text, view.clean, value, at)

    return dataclasses.replace(
        article,
        id=item_id(ctx.page.sha256, "art", spans[0][0], spans[-1][1]),
        spans=spans,
        text="".join(view.clean[s:e] for s, e in article.spans),
        headline=own(article.headline),
        subheadline=own(article.subheadline),
        kicker=own(article.kicker),
        byline=[own(name) or name for name in article.byline],
        column=own(article.column),
    )


def _own_script(text: str, clean: str, value: str | None, near: int = 0) -> str | None:
    """``value``, a string of the view ``text``, as the same characters of ``clean``.

    The view reads Traditional pages in Simplified characters and 「」 as “”; what is shown
    to people comes back in the page's own. A string not found in the view stays as it is.
    """
    if not value or text is clean:
        return value
    at = text.find(value, near)
    if at < 0:
        at = text.find(value)
    return clean[at : at + len(value)] if at >= 0 else value


def _read_unit(ctx: _Context, unit: _Unit, entities: list[Entity], found: _Found) -> None:
    """Run the extractors on one unit (its ``entities`` found already, with its batch's) and
    add what they find, moved onto the page."""
    text = unit.map.text
    dates = extract_dates(text, published=ctx.published)
    figures = extract_figures(text, dates=dates, entities=entities, in_sidebar=unit.in_sidebar)
    quotes = extract_quotes(text, entities)

    found.dates += _place(ctx, unit, dates, "date")
    placed_entities = _place(ctx, unit, entities, "ent")
    found.entities += placed_entities
    by_span = {(e.start, e.end): e.id for e in placed_entities}
    found.figures += [_with_entity(f, by_span) for f in _place(ctx, unit, figures, "fig")]
    for quote in quotes:
        found.quotes.append(_place_quote(ctx, unit, quote, by_span))


def _to_page(ctx: _Context, unit: _Unit, start: int, end: int) -> Span:
    """Page span of a span of the unit's stitched text."""
    return ctx.view.map.to_page(*unit.map.to_page(start, end))


def _place(ctx: _Context, unit: _Unit, items: Iterable[_Item], kind: str) -> list[_Item]:
    """Items with page offsets, page surfaces, ids and their article.

    An item whose stitched span straddles a cut that removed more than whitespace
    (a sidebar) has no honest page surface and is left out.
    """
    page, view_text = ctx.page, ctx.view.text
    placed = []
    for item in items:
        view_start, view_end = unit.map.to_page(item.start, item.end)
        if not unit.map.is_contiguous(item.start, item.end) and not _only_gaps(
            view_text[view_start:view_end], item.surface
        ):
            continue
        start, end = ctx.view.map.to_page(view_start, view_end)
        changes = {
            "id": item_id(page.sha256, kind, start, end),
            "article": unit.article,
            "start": start,
            "end": end,
            "surface": page.text[start:end],
        }
        if isinstance(item, Entity):
            changes["canonical"] = _entity_canonical(unit, item, changes["surface"])
        if isinstance(item, Figure):
            changes |= _figure_strings(unit, item)
            changes["sentence"] = _to_page(ctx, unit, *item.sentence)
            changes["metric_span"] = _span_on_page(ctx, unit, item.metric_span)
            changes["subject_span"] = _span_on_page(ctx, unit, item.subject_span)
        placed.append(dataclasses.replace(item, **changes))
    return placed


def _entity_canonical(unit: _Unit, entity: Entity, surface: str) -> str:
    """The entity's canonical name in the page's own script: its page surface when it names
    itself, else the full name as first written in the unit."""
    if entity.canonical is None or entity.canonical == entity.surface:
        return surface
    return _own_script(unit.map.text, unit.clean, entity.canonical) or surface


def _figure_strings(unit: _Unit, figure: Figure) -> dict[str, str | None]:
    """The figure's strings in the page's own script, looked up near the figure."""
    near = figure.sentence[0]
    names = ("number_text", "qualifier", "metric", "subject", "period")
    return {
        name: _own_script(unit.map.text, unit.clean, getattr(figure, name), near) for name in names
    }


def _span_on_page(ctx: _Context, unit: _Unit, span: Span | None) -> Span | None:
    """A stitched span on the page, or None where it straddles a cut (its words are not one
    stretch of the page)."""
    if span is None or not unit.map.is_contiguous(*span):
        return None
    return _to_page(ctx, unit, *span)


def _with_entity(figure: Figure, entity_ids: dict[Span, str]) -> Figure:
    """The figure with the id of the entity its subject span names, if one does."""
    if figure.subject_span is None:
        return figure
    return dataclasses.replace(figure, subject_entity=entity_ids.get(figure.subject_span))


def _place_quote(ctx: _Context, unit: _Unit, quote: Quote, entity_ids: dict[Span, str]) -> Quote:
    span = _to_page(ctx, unit, *quote.span)
    speaker_span = _to_page(ctx, unit, *quote.speaker_span) if quote.speaker_span else None
    near = quote.speaker_span[0] if quote.speaker_span else quote.span[0]

    def own(value: str | None) -> str | None:
        return _own_script(unit.map.text, unit.clean, value, max(0, near - 200))

    return dataclasses.replace(
        quote,
        id=item_id(ctx.page.sha256, "quote", *span),
        article=unit.article,
        span=span,
        text=unit.clean[quote.span[0] : quote.span[1]],
        speaker=own(quote.speaker),
        role=own(quote.role),
        organization=own(quote.organization),
        speaker_span=speaker_span,
        speaker_entity=entity_ids.get(speaker_span) if speaker_span else None,
    )


def _only_gaps(view_surface: str, stitched_surface: str) -> bool:
    """Whether the view surface is the stitched one with only whitespace put back."""
    return "".join(view_surface.split()) == "".join(stitched_surface.split())


def _by_span(item: Figure | DateMention | Entity) -> tuple[int, int]:
    return item.start, item.end
