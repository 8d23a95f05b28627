"""The annotated page: one pure function from a page document to HTML, everything escaped."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

import pipeline
from pipeline.web.marks import Mark, markup, untangle
from pipeline.web.render import render_index, render_page


class _Marks(HTMLParser):
    """Text inside each <mark> (by its data-start/end) and inside each .piece, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.marks: dict[tuple[str, int, int], str] = {}
        self.tips: dict[tuple[str, int, int], str] = {}
        self.pieces: list[str] = []
        self._open: list[tuple[str, int, int] | None] = []
        self._piece_depth: int | None = None
        self._depth = 0
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._depth += 1
        if tag == "script":
            self._in_script = True
        if tag == "div" and attrs.get("class") == "piece" and self._piece_depth is None:
            self._piece_depth = self._depth
            self.pieces.append("")
        if tag == "mark":
            key = (attrs["data-kind"], int(attrs["data-start"]), int(attrs["data-end"]))
            self.marks.setdefault(key, "")
            self.tips[key] = attrs["data-tip"]
            self._open.append(key)

    def handle_endtag(self, tag):
        if tag == "mark":
            self._open.pop()
        if tag == "script":
            self._in_script = False
        if self._piece_depth == self._depth:
            self._piece_depth = None
        self._depth -= 1

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        for key in self._open:
            self.marks[key] += data
        if self._piece_depth is not None:
            self.pieces[-1] += data


def _parse(html: str) -> _Marks:
    parser = _Marks()
    parser.feed(html)
    return parser


@pytest.fixture(scope="module")
def seed_dict(seed_doc):
    return seed_doc.to_dict()


@pytest.fixture(scope="module")
def seed_html(seed_dict):
    return render_page(seed_dict, check_url="/check")


def test_every_figure_is_highlighted_with_its_own_page_text(seed_dict, seed_html):
    """Marks hold their item's page text; one split by a cut loses only the blank between."""
    marks = _parse(seed_html).marks
    text = seed_dict["page"]["text"]
    figures = {("fig", f["start"], f["end"]) for f in seed_dict["figures"]}
    assert figures <= set(marks)
    for kind, start, end in marks:
        assert "".join(marks[kind, start, end].split()) == "".join(text[start:end].split())


def test_figure_tooltip_gives_value_unit_bound_and_meaning(seed_dict, seed_html):
    tips = _parse(seed_html).tips
    figure = next(f for f in seed_dict["figures"] if f["metric"] and f["period"])
    tip = tips["fig", figure["start"], figure["end"]]
    assert f"bound: {figure['bound']}" in tip
    assert f"metric: {figure['metric']}" in tip
    assert f"period: {figure['period']}" in tip
    assert figure["unit"] in tip.splitlines()[1]


def test_dates_entities_and_quotes_have_their_own_styles(seed_dict, seed_html):
    kinds = {kind for kind, _, _ in _parse(seed_html).marks}
    assert kinds == {"fig", "date", "ent", "quote"}
    date = seed_dict["dates"][0]
    assert (
        f"normalized: {date['normalized'] or '—'}"
        in _parse(seed_html).tips["date", date["start"], date["end"]]
    )


def test_no_page_text_is_lost_or_repeated(seed_dict, seed_html):
    """The pieces together hold every non-blank character of the page exactly once."""
    shown = "".join(_parse(seed_html).pieces)
    text = seed_dict["page"]["text"]
    assert sorted("".join(shown.split())) == sorted("".join(text.split()))


def test_sidebar_sits_inside_its_article_set_apart(seed_dict, seed_html):
    sidebar = next(s for s in seed_dict["sidebars"] if s["article"])
    article_at = seed_html.index(f'id="{sidebar["article"]}"')
    sidebar_at = seed_html.index(f'<aside class="sidebar" id="{sidebar["id"]}"')
    next_article = seed_html.find("<article", article_at + 1)
    assert article_at < sidebar_at < (next_article if next_article > 0 else len(seed_html))


def test_articles_come_in_reading_order_with_kind_and_headline(seed_dict, seed_html):
    positions = [seed_html.index(f'id="{a["id"]}"') for a in seed_dict["articles"]]
    assert positions == sorted(positions)
    for article in seed_dict["articles"]:
        if article["headline"]:
            assert f'<h2 class="headline">{article["headline"]}</h2>' in seed_html


def test_markup_in_page_text_is_shown_as_text():
    doc = pipeline.extract(
        '<script>alert("x")</script>本报北京5月20日电 今年贷款余额38.8万亿元。<b onclick="x">'
    ).to_dict()
    html = render_page(doc, check_url="/check")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "<b onclick" not in html
    parsed = _parse(html)
    assert not any("alert" in s for s in parsed.scripts)
    assert "<script>alert" in "".join(parsed.pieces)


def test_source_name_is_escaped_too():
    doc = pipeline.extract(
        "贷款余额38.8万亿元。", source='"><img src=x onerror=alert(1)>'
    ).to_dict()
    html = render_page(doc)
    assert "<img" not in html


def test_static_file_works_offline_and_has_no_claim_box():
    doc = pipeline.extract("贷款余额38.8万亿元。").to_dict()
    html = render_page(doc)
    assert "<link" not in html and "<script src" not in html
    assert not re.search(r"""(src|href)=["']?https?:""", html)
    assert 'id="claim-form"' not in html
    assert 'id="claim-form"' in render_page(doc, check_url="/check")


def test_server_pages_link_the_assets():
    doc = pipeline.extract("贷款余额38.8万亿元。").to_dict()
    html = render_page(doc, check_url="/check", static_url="/static")
    assert '<link rel="stylesheet" href="/static/baokan.css">' in html
    assert "<style>" not in html


def test_rendering_is_deterministic(seed_dict, seed_html):
    assert render_page(seed_dict, check_url="/check") == seed_html


def test_figure_table_lists_every_figure_with_its_offsets(seed_dict, seed_html):
    rows = re.findall(r'<tr data-start="(\d+)" data-end="(\d+)"', seed_html)
    assert [(int(s), int(e)) for s, e in rows] == [
        (f["start"], f["end"]) for f in seed_dict["figures"]
    ]


def test_figure_table_tags_figures_read_in_a_sidebar(seed_dict, seed_html):
    rows = re.findall(
        r'<tr data-start="(\d+)"[^>]*><td class="surface">([^<]*)(<span class="tag">)?', seed_html
    )
    tagged = {int(start) for start, _, tag in rows if tag}
    assert tagged == {f["start"] for f in seed_dict["figures"] if f["in_sidebar"]}
    assert tagged  # the seed page has sidebars with figures


def test_crossing_marks_keep_the_figure():
    figure = Mark(2, 6, "fig", "hl-fig", "f", "f")
    entity = Mark(0, 4, "ent", "hl-ent", "e", "e")
    date = Mark(2, 4, "date", "hl-date", "d", "d")
    assert untangle([entity, figure, date]) == [figure, date]


def test_nested_marks_close_in_order_and_clip_to_the_range():
    outer = Mark(0, 6, "quote", "q", "q", "q")
    inner = Mark(2, 4, "fig", "f", "f", "f")
    html = markup("abcdefgh", 1, 5, [outer, inner])
    stripped = re.sub(r"<[^>]+>", "", html)
    assert stripped == "bcde"
    assert html.count("<mark") == 2 and html.count("</mark>") == 2
    assert html.index('data-kind="quote"') < html.index('data-kind="fig"')


def test_index_lists_pages_escaped():
    html = render_index([("page-1", "<b>x</b>.txt")])
    assert '<a href="/view/page-1">&lt;b&gt;x&lt;/b&gt;.txt</a>' in html
