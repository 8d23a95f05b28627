"""From drafts to articles: kinds, spans, and the page's segmentation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pipeline.document import Article, Span
from pipeline.ingest import LayoutHint
from pipeline.segment.blocks import Draft, _blocks
from pipeline.segment.boxes import find_sidebars
from pipeline.segment.cues import (
    _COLUMN_TAG,
    _PAREN_LINE,
    _SPACES,
    _brief_head,
    _byline_marker,
    _dateline,
    _markers,
    dateline_names,
)
from pipeline.segment.lines import (
    _apply_hints,
    _classify,
    _Line,
    _promote_headlines,
    _read_lines,
    _unwrap,
)
from pipeline.segment.reader import Reader
from pipeline.segment.weights import Decide, starts_article
from pipeline.textmap import TextMap


@dataclass(frozen=True)
class SidebarUnit:
    span: Span
    title: str | None
    article: int | None  # index into Segmentation.articles


@dataclass(frozen=True)
class Segmentation:
    articles: list[Article]  # ids left empty: the page pipeline assigns them
    sidebars: list[SidebarUnit]


# --- kinds and spans -----------------------------------------------------------------------


def _kind(draft: Draft, lines: list[_Line]) -> str:
    if draft.kind != "article":
        return draft.kind
    cues = _markers("commentary_cues")
    tags = [
        m.group(1) for t in (draft.headline, draft.kicker) if t and (m := _COLUMN_TAG.search(t))
    ]
    own = [lines[i] for i in draft.lines]
    if draft.column is not None or any(any(c in tag for c in cues) for tag in tags):
        return "commentary"
    if draft.kicker is not None and _SPACES.sub("", draft.kicker) in cues:
        return "commentary"  # a column label over the headline (短评)
    if any(ln.role == "byline" and "评论员" in ln.text for ln in own):
        return "commentary"
    if any(ln.text.startswith(("（作者为", "（作者单位", "（作者系")) for ln in own[-3:]):
        return "commentary"
    body = [lines[i] for i in draft.lines if lines[i].role == "body"]
    lead = body[0].text if body else ""
    if _dateline().match(lead) or _brief_head(lead):
        return "news"
    if draft.signed_name and draft.headline is not None and not _reporter_named(own):
        return "commentary"  # a headline and an author's bare sign-off, and no reporter
    if any(any(c in tag for c in _markers("feature_cues")) for tag in tags):
        return "feature"
    scene = lead.startswith(("“", "在")) and "，" in lead[:16]
    if draft.kicker is not None or (scene and not draft.byline):
        return "feature"
    return "news"


def _reporter_named(lines: list[_Line]) -> bool:
    """Whether an article's lines name a reporter: a byline line (本报记者 X) or a credit or
    closing parenthesis with a byline marker in it ((记者 X)).

    >>> lines = [_Line(0, 6, 0, "（记者 王明）", False, True), _Line(7, 9, 7, "王明", False, True)]
    >>> for ln in lines:
    ...     _classify(ln)
    >>> _reporter_named(lines), _reporter_named(lines[1:])
    (True, False)
    """
    return any(
        ln.role == "byline"
        or (
            ln.role in ("credit", "body")
            and bool(_PAREN_LINE.match(ln.text))
            and bool(_byline_marker().search(ln.text))
        )
        for ln in lines
    )


def _spans(draft: Draft, lines: list[_Line], text: str) -> list[Span]:
    """Page spans of a draft: contiguous lines share a span; a cut ends one at the last
    character; a paragraph break across removed material (not a box) keeps its newlines."""
    order = sorted(range(len(draft.lines)), key=lambda k: lines[draft.lines[k]].start)
    idxs = [draft.lines[k] for k in order]
    joins = ["para"] + [draft.joins[k - 1] if k else "para" for k in order[1:]]
    spans: list[Span] = []
    start = lines[idxs[0]].start
    for prev, idx, join in zip(idxs[:-1], idxs[1:], joins[1:], strict=True):
        if join == "para" and idx == prev + 1:
            continue
        end = lines[prev].end
        if join == "para" and lines[prev + 1].role != "sidebar":  # a box ends the span
            stop = lines[prev + 1].raw_start
            while end < stop and text[end] in "\r\n":
                end += 1
        spans.append((start, end))
        start = lines[idx].start
    spans.append((start, lines[idxs[-1]].end))
    gaps = sorted(g for i in idxs for g in lines[i].gaps)
    return _cut_gaps(spans, gaps) if gaps else spans


def _cut_gaps(spans: list[Span], gaps: list[Span]) -> list[Span]:
    """Spans with the given stretches (line breaks of wrapped paragraphs) cut out.

    >>> _cut_gaps([(0, 10), (12, 20)], [(4, 5), (15, 16)])
    [(0, 4), (5, 10), (12, 15), (16, 20)]
    """
    out: list[Span] = []
    for start, end in spans:
        for g0, g1 in gaps:
            if start < g0 and g1 < end:
                out.append((start, g0))
                start = g1
        out.append((start, end))
    return out


def _article_of(span: Span, articles: list[Article]) -> int | None:
    """The article whose spans enclose a sidebar, else the one just before it."""
    before: int | None = None
    for k, art in enumerate(articles):
        if art.kind in ("furniture", "advertisement"):
            continue
        starts = [s for s, _ in art.spans]
        if min(starts) < span[0] < max(e for _, e in art.spans) and any(
            s >= span[1] for s in starts
        ):
            return k
        if min(starts) < span[0]:
            before = k
    return before


def segment(
    text: str, hints: Sequence[LayoutHint] = (), *, decide: Decide = starts_article
) -> Segmentation:
    """Articles and sidebars of one page, in reading order.

    ``decide`` takes the reader's decision at each heading group; fitting the weights of
    the default replaces it with the annotated answer.

    >>> page = "标题一\\n\\n本报记者 王明\\n\\n第一段。\\n\\n本版编辑 李华"
    >>> seg = segment(page)
    >>> [(a.kind, a.headline, a.byline) for a in seg.articles]
    [('news', '标题一', ['王明']), ('furniture', None, [])]
    >>> seg.articles[0].spans
    [(0, 18)]
    """
    lines = _read_lines(text)
    if not hints:  # a PDF reader has joined the lines of its paragraphs already
        lines = _unwrap(text, lines)
    _apply_hints(lines, hints)
    for ln in lines:
        _classify(ln)
    _promote_headlines(lines)
    boxes = find_sidebars(lines)
    drafts = Reader(lines, decide).read(_blocks(lines))
    drafts.sort(key=lambda d: min(lines[i].start for i in d.lines))
    articles = [
        _article(
            text,
            _spans(d, lines, text),
            kind=_kind(d, lines),
            headline=d.headline,
            subheadline=d.subheadline,
            kicker=d.kicker,
            byline=d.byline or _lead_names(d, lines),
            column=d.column,
            truncated=d.truncated,
        )
        for d in drafts
    ]
    sidebars = []
    for first, last, title in boxes:
        top = title if title is not None else first
        span = (lines[top].start, lines[last].end)
        name = lines[title].text if title is not None else None
        sidebars.append(SidebarUnit(span, name, _article_of(span, articles)))
    return Segmentation(articles, sidebars)


def _article(text: str, spans: list[Span], **heads: Any) -> Article:
    """An article of the page: its heads, spans and stitched text (id left to the caller)."""
    return Article(id="", spans=spans, text=TextMap.from_spans(text, spans).text, **heads)


def _lead_names(draft: Draft, lines: list[_Line]) -> list[str]:
    """Reporters named in the dateline of an article's first body line."""
    body = [lines[i].text for i in draft.lines if lines[i].role == "body"]
    if draft.kind != "article" or not body or not _dateline().match(body[0]):
        return []
    return dateline_names(body[0])
