"""The annotated page: one page document (dict) in, one HTML string out.

Articles are blocks in reading order, each with its kind, headline and byline; a sidebar is
set apart inside its article where the page puts it. Figures, dates, entities and quotes are
highlighted with tooltips; a side panel holds the page's figures as a sortable table and,
when a check URL is given, a claim box. Used by ``baokan view`` (CSS and JavaScript inlined,
so that the file works offline) and by the server's pages (assets linked from ``/static``).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from html import escape
from importlib import resources
from typing import Any

from pipeline.web.marks import Mark, markup, page_marks, value_text

KIND_NAMES = {
    "news": "news",
    "feature": "feature",
    "commentary": "commentary",
    "furniture": "page furniture",
    "advertisement": "advertisement",
}

# What each highlight style means; the side panel stays in view while the page scrolls.
LEGEND = (
    '<section class="card legend-card"><h2>Highlights</h2><p class="legends">'
    '<span class="hl-fig">figure</span> <span class="hl-date">date</span> '
    '<span class="hl-ent hl-PER">person</span> <span class="hl-ent hl-ORG">organization</span> '
    '<span class="hl-ent hl-LOC">place</span> <span class="hl-quote">quote</span></p>'
    '<p class="hint">Point at a highlight (or tab to it) for what baokan read there.</p></section>'
)


def render_page(
    doc: dict[str, Any], *, check_url: str | None = None, static_url: str | None = None
) -> str:
    """HTML of the annotated page; ``check_url`` enables the claim box."""
    page = doc["page"]
    marks = page_marks(doc)
    title = f"baokan · {page['source']}"
    body = (
        _page_header(doc)
        + '<div class="layout"><main class="page" id="page">'
        + "".join(html for _, html in sorted(_blocks(doc, marks), key=lambda b: b[0]))
        + '</main><aside class="panel">'
        + _claim_box(check_url)
        + LEGEND
        + _figure_table(doc)
        + "</aside></div>"
    )
    attrs = f'data-page-id="{escape(page["id"])}"'
    if check_url:
        attrs += f' data-check-url="{escape(check_url)}"'
    return _shell(title, body, attrs, static_url)


def render_index(pages: Sequence[tuple[str, str]], *, static_url: str | None = None) -> str:
    """The server's front page: a form to extract a page, and the pages kept so far."""
    rows = "".join(
        f'<li><a href="/view/{escape(pid)}">{escape(source)}</a> <code>{escape(pid)}</code></li>'
        for pid, source in pages
    )
    listing = f"<ul>{rows}</ul>" if rows else "<p class='muted'>No pages yet.</p>"
    body = (
        '<header class="top"><h1>baokan</h1><p>Paste a newspaper page or upload its '
        "<code>.txt</code> or <code>.pdf</code>; the annotated page opens when it is read. "
        'Programs: see the <a href="/docs">API</a>.</p>'
        "</header><main class='index'>"
        '<form id="extract-form" class="card">'
        '<label>Page text<textarea name="text" rows="10" placeholder="页面文字…"></textarea>'
        '</label><label>or a file <input type="file" name="file" accept=".txt,.pdf"></label>'
        '<label>Published (optional) <input type="date" name="published"></label>'
        '<button type="submit">Read the page</button><p id="extract-status" role="status"></p>'
        f'</form><section class="card"><h2>Pages read</h2>{listing}</section></main>'
    )
    return _shell("baokan", body, 'data-extract-url="/extract"', static_url)


def _shell(title: str, body: str, body_attrs: str, static_url: str | None) -> str:
    if static_url is None:
        head = f"<style>{_asset('baokan.css')}</style>"
        tail = f"<script>{_asset('baokan.js')}</script>"
    else:
        head = f'<link rel="stylesheet" href="{escape(static_url)}/baokan.css">'
        tail = f'<script src="{escape(static_url)}/baokan.js"></script>'
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>{head}</head><body {body_attrs}>{body}"
        f'<div id="tip" role="tooltip" hidden></div>{tail}</body></html>\n'
    )


@cache
def _asset(name: str) -> str:
    return resources.files("pipeline.web").joinpath("static", name).read_text(encoding="utf-8")


def _page_header(doc: dict[str, Any]) -> str:
    page = doc["page"]
    counts = [
        ("hl-fig", "figures", len(doc["figures"])),
        ("hl-date", "dates", len(doc["dates"])),
        ("hl-ent", "entities", len(doc["entities"])),
        ("hl-quote", "quotes", len(doc["quotes"])),
    ]
    legend = "".join(f'<span class="legend {css}">{n} {name}</span>' for css, name, n in counts)
    published = escape(page["published"] or "date unknown")
    return (
        f'<header class="top"><h1>{escape(page["source"])}</h1>'
        f'<p class="meta">published {published} · <code>{escape(page["id"])}</code> · '
        f"{len(doc['articles'])} articles, {len(doc['sidebars'])} sidebars</p>"
        f'<p class="legends">{legend}</p></header>'
    )


def _blocks(doc: dict[str, Any], marks: list[Mark]) -> list[tuple[int, str]]:
    """(first offset, HTML) of every article, orphan sidebar and stretch of other text."""
    text = doc["page"]["text"]
    blocks = [
        (a["spans"][0][0], _article(text, a, _sidebars_of(doc, a["id"]), marks))
        for a in doc["articles"]
        if a["spans"]
    ]
    blocks += [(s["span"][0], _sidebar(text, s, marks)) for s in _sidebars_of(doc, None)]
    blocks += [
        (
            lo,
            '<section class="block other"><p class="facts">not in any article</p>'
            f'<div class="piece">{markup(text, lo, hi, marks)}</div></section>',
        )
        for lo, hi in _uncovered(doc)
    ]
    return blocks


def _sidebars_of(doc: dict[str, Any], article_id: str | None) -> list[dict[str, Any]]:
    return [s for s in doc["sidebars"] if s["article"] == article_id]


def _article(
    text: str, article: dict[str, Any], sidebars: list[dict[str, Any]], marks: list[Mark]
) -> str:
    """An article block; its sidebars stand between the pieces of text they interrupt."""
    parts = [
        (lo, f'<div class="piece">{markup(text, lo, hi, marks)}</div>')
        for lo, hi in article["spans"]
    ]
    parts += [(s["span"][0], _sidebar(text, s, marks)) for s in sidebars]
    body = "".join(html for _, html in sorted(parts, key=lambda p: p[0]))
    kind = article["kind"]
    return (
        f'<article class="block kind-{escape(kind)}" id="{escape(article["id"])}">'
        f'{_article_head(article)}<div class="body">{body}</div></article>'
    )


def _article_head(article: dict[str, Any]) -> str:
    kind = escape(KIND_NAMES.get(article["kind"], article["kind"]))
    facts = [f'<span class="kind">{kind}</span>']
    if article.get("column"):
        facts.append(f'<span class="column">{escape(article["column"])}</span>')
    if article["byline"]:
        facts.append(f'<span class="byline">{escape("、".join(article["byline"]))}</span>')
    if article["truncated"]:
        facts.append('<span class="truncated">continues elsewhere</span>')
    lines = [f'<p class="facts">{"".join(facts)}</p>']
    if article.get("kicker"):
        lines.append(f'<p class="kicker">{escape(article["kicker"])}</p>')
    if article["headline"]:
        lines.append(f'<h2 class="headline">{escape(article["headline"])}</h2>')
    if article.get("subheadline"):
        lines.append(f'<p class="subheadline">{escape(article["subheadline"])}</p>')
    return f"<header>{''.join(lines)}</header>"


def _sidebar(text: str, sidebar: dict[str, Any], marks: list[Mark]) -> str:
    title = f"sidebar · {escape(sidebar['title'])}" if sidebar["title"] else "sidebar"
    lo, hi = sidebar["span"]
    return (
        f'<aside class="sidebar" id="{escape(sidebar["id"])}"><p class="sidebar-title">{title}</p>'
        f'<div class="piece">{markup(text, lo, hi, marks)}</div></aside>'
    )


def _uncovered(doc: dict[str, Any]) -> list[tuple[int, int]]:
    """Stretches of page text that no article or sidebar holds, whitespace aside."""
    text = doc["page"]["text"]
    spans = sorted(
        [tuple(s) for a in doc["articles"] for s in a["spans"]]
        + [tuple(s["span"]) for s in doc["sidebars"]]
    )
    gaps, pos = [], 0
    for lo, hi in [*spans, (len(text), len(text))]:
        if lo > pos and text[pos:lo].strip():
            gaps.append((pos, lo))
        pos = max(pos, hi)
    return gaps


def _figure_table(doc: dict[str, Any]) -> str:
    headlines = {a["id"]: a["headline"] or KIND_NAMES.get(a["kind"], "") for a in doc["articles"]}
    rows = "".join(_figure_row(f, headlines.get(f["article"], "")) for f in doc["figures"])
    columns = ["figure", "value", "unit", "metric", "subject", "period", "article"]
    head = "".join(
        f'<th scope="col"><button type="button" data-col="{i}">{name}</button></th>'
        for i, name in enumerate(columns)
    )
    return (
        f'<section class="card figures"><h2>Figures on the page ({len(doc["figures"])})</h2>'
        '<p class="hint">Click a heading to sort, a row to find the figure on the page.</p>'
        f'<div class="scroll"><table id="figure-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table></div></section>"
    )


def _figure_row(figure: dict[str, Any], headline: str) -> str:
    number = figure["value"] if figure["value"] is not None else figure["low"]
    cells = [
        f'<td data-sort="{number if number is not None else ""}">{escape(value_text(figure))}</td>',
        *(f"<td>{escape(figure[k] or '')}</td>" for k in ("unit", "metric", "subject", "period")),
        f"<td>{escape(headline)}</td>",
    ]
    # Sidebars often repeat body figures; the tag tells the two apart.
    tag = ' <span class="tag">sidebar</span>' if figure["in_sidebar"] else ""
    return (
        f'<tr data-start="{figure["start"]}" data-end="{figure["end"]}" tabindex="0">'
        f'<td class="surface">{escape(figure["surface"])}{tag}</td>{"".join(cells)}</tr>'
    )


def _claim_box(check_url: str | None) -> str:
    if not check_url:
        return (
            '<section class="card claim"><h2>Check a claim</h2><p class="hint">'
            "Claims are checked by the server: run <code>baokan serve</code> and open the page "
            "there.</p></section>"
        )
    return (
        '<section class="card claim"><h2>Check a claim</h2>'
        '<form id="claim-form"><textarea name="claim" rows="3" required '
        'placeholder="浙江已走访企业596万家"></textarea>'
        '<button type="submit">Check against this page</button></form>'
        '<div id="verdicts" role="status" aria-live="polite"></div></section>'
    )
