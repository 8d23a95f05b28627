"""PDF ingestion: reading order, layout hints, untrustworthy text layers and broken files.

The PDFs are generated from the seed page's articles by tests/pdf_layouts.py; the probe PDFs
in the shared folder are read only when that folder is present.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from pipeline.document import Article
from pipeline.ingest import IngestedPage, IngestError, IngestFailure, read_pages
from pipeline.ingest.ocr import NO_TEXT_FOUND
from pipeline.ingest.pdf import NO_TEXT_LAYER, Glyph, layout_text, read_pdf, untrusted_share
from pipeline.segment import Segmentation, segment
from pipeline.textmap import TextMap

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pdf_layouts

RUN = 12
MIN_RUN_SHARE = 0.98
LAYOUTS = sorted(pdf_layouts.LAYOUTS)


def run_share(source: str, text: str) -> float:
    """Share of the source's 12-character runs found intact in ``text``."""
    runs = [source[i : i + RUN] for i in range(max(1, len(source) - RUN + 1))]
    return sum(run in text for run in runs) / len(runs)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("pdf")


@pytest.fixture(scope="module")
def read(folder):
    """Each layout, built once, with the single page read back from it."""
    cache: dict[str, tuple[pdf_layouts.Layout, IngestedPage]] = {}

    def get(name: str) -> tuple[pdf_layouts.Layout, IngestedPage]:
        if name not in cache:
            layout = pdf_layouts.build(name, folder)
            [page] = read_pdf(layout.path)
            assert isinstance(page, IngestedPage), page
            cache[name] = (layout, page)
        return cache[name]

    return get


def role_of(page: IngestedPage, text: str) -> str | None:
    return next((h.role for h in page.hints if page.text[h.start : h.end] == text), None)


# --- generated layouts: reading order ------------------------------------------------------


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_article_reads_back_in_order(read, name):
    layout, page = read(name)
    for article in layout.articles:
        source = "\n\n".join(article.texts())
        assert run_share(source, page.text) >= MIN_RUN_SHARE, article.name


@pytest.mark.parametrize("name", LAYOUTS)
def test_articles_come_in_the_order_of_the_text_version(read, name):
    layout, page = read(name)
    positions = [page.text.find(a.texts()[0]) for a in layout.articles]
    assert -1 not in positions
    assert positions == sorted(positions)


@pytest.mark.parametrize("name", LAYOUTS)
def test_numbers_broken_across_lines_come_back_joined(read, name):
    layout, page = read(name)
    for number in layout.broken_numbers:
        assert number in page.text


def test_the_layouts_do_break_numbers_across_lines(read):
    assert sum(len(read(name)[0].broken_numbers) for name in LAYOUTS) >= 2


@pytest.mark.parametrize("name", LAYOUTS)
def test_page_source_names_the_file_and_page(read, name):
    layout, page = read(name)
    assert page.source == f"{layout.path}#page=1"


@pytest.mark.parametrize(
    ("rotation", "turned"),
    [(90, False), (180, False), (270, False), (0, True), (270, True)],
    ids=["rotate90", "rotate180", "rotate270", "drawn_turned", "drawn_turned_rotate270"],
)
def test_a_rotated_page_reads_as_the_upright_one(read, tmp_path, rotation, turned):
    _, upright = read("five_columns")
    layout = pdf_layouts.five_columns(tmp_path / "turned.pdf", rotation, turned)
    [page] = read_pdf(layout.path)
    assert isinstance(page, IngestedPage)
    assert (page.text, page.hints) == (upright.text, upright.hints)


@pytest.mark.parametrize("name", LAYOUTS)
def test_pdf_text_is_the_text_version(read, name):
    """Every block, paragraph break and float in its place, not just the runs of text."""
    layout, page = read(name)
    assert page.text == layout.text


def test_floats_follow_the_paragraph_they_interrupt(read):
    layout, page = read("photo_and_quote")
    caption, quote = pdf_layouts.CAPTION, pdf_layouts._pull_quote(layout.articles[0])
    for float_text in (caption, quote):
        before, _, after = page.text.partition("\n\n" + float_text + "\n\n")
        assert after, float_text
        paragraphs = [t for _, t in layout.articles[0].paragraphs]
        assert any(before.endswith(p) for p in paragraphs), float_text
        assert any(after.startswith(p) for p in paragraphs), float_text


@pytest.mark.parametrize(
    "note", [pdf_layouts.JUMP_OUT, pdf_layouts.JUMP_IN], ids=["jump_out", "jump_in"]
)
def test_continuation_notes_are_blocks_of_their_own(read, note):
    _, page = read("continued")
    assert role_of(page, note) == "body"


# --- generated layouts: hints ------------------------------------------------------------


@pytest.mark.parametrize("name", LAYOUTS)
def test_hints_are_blocks_separated_by_blank_lines(read, name):
    _, page = read(name)
    assert page.hints
    ends = [0, *(h.end + 2 for h in page.hints)]
    assert [h.start for h in page.hints] == ends[:-1]
    assert page.hints[-1].end == len(page.text)
    for before, after in zip(page.hints, page.hints[1:], strict=False):
        assert page.text[before.end : after.start] == "\n\n"


@pytest.mark.parametrize("name", LAYOUTS)
def test_headlines_are_headline_blocks(read, name):
    layout, page = read(name)
    for headline in layout.headlines:
        assert role_of(page, headline) == "headline"


@pytest.mark.parametrize("name", LAYOUTS)
def test_folio_and_editor_line_are_furniture(read, name):
    layout, page = read(name)
    assert role_of(page, layout.blocks[0]) == "furniture"
    assert role_of(page, layout.blocks[-1]) == "furniture"


def test_section_heads_are_subheadlines(read):
    layout, page = read("four_columns")
    [article] = layout.articles
    heads = [text for kind, text in article.paragraphs if kind == "section"]
    assert heads
    assert [role_of(page, h) for h in heads] == ["subheadline"] * len(heads)


@pytest.mark.parametrize("name", ["two_bands", "stacked_heads", "six_columns", "mixed_sizes"])
def test_kicker_above_a_headline_is_a_kicker(read, name):
    layout, page = read(name)
    kickers = [a.kicker for a in layout.articles if a.kicker]
    assert kickers
    assert [role_of(page, k) for k in kickers] == ["kicker"] * len(kickers)


def test_subheadline_below_a_headline_is_a_subheadline(read):
    layout, page = read("stacked_heads")
    [article] = layout.articles
    assert article.subheadline
    assert role_of(page, article.subheadline) == "subheadline"


@pytest.mark.parametrize("name", ["stacked_heads", "six_columns"])
def test_header_band_with_display_type_is_furniture(read, name):
    _, page = read(name)
    header = page.text[: page.hints[0].end]
    assert pdf_layouts.PAPER in header and pdf_layouts.DATELINE in header
    assert page.hints[0].role == "furniture"


@pytest.mark.parametrize("name", ["two_bands", "mixed_sizes", "l_shape", "photo_and_quote"])
def test_body_paragraphs_are_body(read, name):
    layout, page = read(name)
    paragraphs = [t for a in layout.articles for kind, t in a.paragraphs if kind == "para"]
    roles = Counter(role_of(page, p) for p in paragraphs)
    assert roles["body"] >= 0.9 * len(paragraphs)


@pytest.mark.parametrize("name", ["boxed_sidebar", "ruled_sidebar", "infographic"])
def test_boxed_sidebar_is_one_sidebar_block(read, name):
    layout, page = read(name)
    sidebars = [h for h in page.hints if h.role == "sidebar"]
    assert len(sidebars) == 1
    inside = page.text[sidebars[0].start : sidebars[0].end].replace("\n\n", "")
    assert "".join(layout.sidebar) in inside


@pytest.mark.parametrize("name", ["boxed_sidebar", "ruled_sidebar", "infographic"])
def test_sidebar_text_stays_out_of_the_article_body(read, name):
    layout, page = read(name)
    [sidebar] = [h for h in page.hints if h.role == "sidebar"]
    body = page.text[: sidebar.start] + page.text[sidebar.end :]
    text_body = "\n\n".join(b for b in layout.blocks if b not in layout.sidebar)
    for item in layout.sidebar:  # the body repeats some of them
        assert body.count(item) == text_body.count(item)


# --- synthetic glyphs ----------------------------------------------------------------------


def glyph_row(text: str, x: float, top: float, advance: float, size: float = 10.0) -> list:
    return [
        Glyph(ch, x + i * advance, x + i * advance + advance, top, top + size, size)
        for i, ch in enumerate(text)
    ]


@pytest.mark.parametrize(
    ("glyphs", "expected"),
    [
        (glyph_row("增长", 10, 100, 10) + glyph_row("增长", 10.4, 100, 10), "增长"),
        (glyph_row("1100万元", 10, 100, 2.6), "1100万元"),
    ],
    ids=["fake_bold_overprint_read_once", "narrow_repeated_digits_kept"],
)
def test_line_text_from_glyphs(glyphs, expected):
    assert layout_text(glyphs, [], [], 800.0)[0] == expected


def two_columns(last_line: str) -> list:
    """A paragraph in a left column whose last line, ``last_line``, stops short of the
    column's edge, and a right column that starts unindented."""
    left = (
        glyph_row("甲乙丙丁戊己庚辛", 30, 100, 10)
        + glyph_row("子丑寅卯辰巳午未申酉", 10, 114, 10)
        + glyph_row(last_line, 10, 128, 10)
    )
    right = (
        glyph_row("日月盈昃辰宿列张寒来", 200, 100, 10)
        + glyph_row("暑往秋收冬藏闰余。", 200, 114, 10)
        + glyph_row("成岁律吕调阳云腾致", 220, 128, 10)
    )
    return left + right


@pytest.mark.parametrize(
    ("last_line", "joined"),
    [("天地玄黄宇宙洪荒", True), ("天地玄黄宇宙。", False), ("天地玄黄宇宙”", False)],
    ids=["stops_mid_sentence", "ends_a_sentence", "ends_a_quotation"],
)
def test_unindented_column_head_continues_an_unfinished_paragraph(last_line, joined):
    text = layout_text(two_columns(last_line), [], [], 800.0)[0]
    assert (last_line + "日月" in text) == joined
    assert (last_line + "\n\n日月" in text) == (not joined)


def test_a_page_set_vertically_reads_column_by_column_right_to_left(tmp_path):
    layout = pdf_layouts.vertical_page(tmp_path / "vertical.pdf")
    [page] = read_pdf(layout.path)
    assert page.text == layout.text
    got, want = segment(page.text, page.hints), segment(layout.text)
    assert [heads(a) for a in got.articles] == [heads(a) for a in want.articles]


# --- pages and files that cannot be read -------------------------------------------------


@pytest.mark.parametrize("make", [pdf_layouts.without_tounicode, pdf_layouts.image_only])
def test_untrustworthy_text_layer_gives_the_ocr_message(tmp_path, make):
    path = make(tmp_path / f"{make.__name__}.pdf")
    assert read_pdf(path, ocr=False) == [IngestFailure(f"{path}#page=1", NO_TEXT_LAYER)]


def test_text_under_a_unicode_cmap_of_another_script_reads_as_written(tmp_path):
    """GB1 codes under a Unicode CMap on a CNS1 font: pdfium maps the codes through the CMap,
    so the text layer gives the characters written, not CNS1 characters of the same codes."""
    [page] = read_pdf(pdf_layouts.wrong_cmap(tmp_path / "cmap.pdf"))
    assert isinstance(page, IngestedPage)
    body = pdf_layouts.articles()["vocational"].texts()[-1]
    assert run_share(body, page.text) >= MIN_RUN_SHARE


def test_a_picture_page_fails_alone_and_the_text_page_is_kept(tmp_path):
    path = pdf_layouts.text_then_picture(tmp_path / "mixed.pdf")
    first, second = read_pdf(path, ocr=False)
    assert isinstance(first, IngestedPage)
    assert pdf_layouts.articles()["vocational"].kicker in first.text
    assert second == IngestFailure(f"{path}#page=2", NO_TEXT_LAYER)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (pdf_layouts.encrypted, "encrypted"),
        (pdf_layouts.random_bytes, "not a PDF"),
        (lambda p: pdf_layouts.truncated(p, pdf_layouts.encrypted(p.with_suffix(".x"))), "corrupt"),
    ],
    ids=["encrypted", "random_bytes", "truncated"],
)
def test_unreadable_files_raise_a_clear_error(tmp_path, make, reason):
    path = make(tmp_path / "bad.pdf")
    with pytest.raises(IngestError, match=reason):
        read_pdf(path)


def test_a_batch_keeps_the_good_pages(folder, read, tmp_path):
    layout, _ = read("four_columns")
    files = [
        pdf_layouts.random_bytes(tmp_path / "noise.pdf"),
        layout.path,
        pdf_layouts.image_only(tmp_path / "scan.pdf"),
    ]
    results = [r for f in files for r in read_pages(f)]
    pages = [r for r in results if isinstance(r, IngestedPage)]
    failures = [r for r in results if isinstance(r, IngestFailure)]
    assert [p.source for p in pages] == [f"{layout.path}#page=1"]
    # The picture page is read by OCR, which finds no text on it.
    assert [f.reason for f in failures] == ["not a PDF file (no %PDF header)", NO_TEXT_FOUND]


@pytest.mark.parametrize(
    ("texts", "trusted"),
    [
        (list("国家金融监督管理总局2026年"), True),
        (list("2026年5月·田利辉×3°C"), True),
        ([f"(cid:{n})" for n in range(20)] + list("2026"), False),
        (list("‚ƒ„…†‡ˆ‰Š‹Œ38.8Ž"), False),
    ],
    ids=["chinese", "legit_symbols", "cid_codes_with_digits", "latin_junk_with_digits"],
)
def test_untrusted_share_tells_junk_from_text(texts, trusted):
    assert (untrusted_share(texts) < 0.05) == trusted


# --- the same content as text and as PDF gives the same findings --------------------------

HAS_PIPELINE = importlib.util.find_spec("pipeline.process") is not None


def findings(doc) -> dict[str, Counter]:
    return {
        "figures": Counter((f.surface, f.value) for f in doc.figures),
        "dates": Counter((d.surface, d.normalized) for d in doc.dates),
        "entities": Counter((e.surface, e.label) for e in doc.entities),
    }


@pytest.mark.skipif(not HAS_PIPELINE, reason="pipeline.process not available")
@pytest.mark.parametrize("name", LAYOUTS)
def test_pdf_and_text_versions_give_the_same_findings(read, name):
    from pipeline.process import extract

    layout, page = read(name)
    from_pdf = extract(page.text, published="2026-05-18", source=page.source, hints=page.hints)
    from_text = extract(layout.text, published="2026-05-18", source="text")
    assert from_text.figures and from_text.dates and from_text.entities
    assert findings(from_pdf) == findings(from_text)


# --- the same content as text and as PDF segments into the same articles ----------------


def heads(article: Article) -> tuple:
    return (
        article.kind,
        article.kicker,
        article.headline,
        article.subheadline,
        article.column,
        article.byline,
        article.truncated,
    )


def article_text(text: str, article: Article) -> str:
    """The stitched text of an article without whitespace (paragraph breaks differ)."""
    return "".join(TextMap.from_spans(text, article.spans).text.split())


@pytest.fixture(scope="module")
def segmented(read):
    """Each layout's PDF page and its text version, segmented."""

    def get(name: str) -> tuple[pdf_layouts.Layout, Segmentation, Segmentation]:
        layout, page = read(name)
        return layout, segment(page.text, page.hints), segment(layout.text)

    return get


def stories(seg: Segmentation) -> list[Article]:
    return [a for a in seg.articles if a.kind not in ("furniture", "advertisement")]


@pytest.mark.parametrize("name", LAYOUTS)
@pytest.mark.parametrize("version", ["pdf", "text"])
def test_each_laid_out_article_is_one_article(segmented, name, version):
    layout, from_pdf, from_text = segmented(name)
    seg = from_pdf if version == "pdf" else from_text
    assert [a.headline for a in stories(seg)] == [a.headline for a in layout.articles]
    for art, source in zip(stories(seg), layout.articles, strict=True):
        sign_off = [text for kind, text in source.paragraphs if kind == "byline"]
        if sign_off:  # a commentary signed with its column's name and the author's
            assert (art.kind, art.column, art.byline) == (
                "commentary",
                source.paragraphs[-2][1],
                sign_off,
            )


@pytest.mark.parametrize("name", LAYOUTS)
def test_pdf_and_text_versions_give_the_same_article_heads(segmented, name):
    _, from_pdf, from_text = segmented(name)
    assert [heads(a) for a in from_pdf.articles] == [heads(a) for a in from_text.articles]


@pytest.mark.parametrize("name", LAYOUTS)
def test_pdf_and_text_versions_give_the_same_article_text(read, segmented, name):
    layout, from_pdf, from_text = segmented(name)
    _, page = read(name)
    pairs = zip(from_pdf.articles, from_text.articles, strict=True)
    for pdf_art, text_art in pairs:
        pdf_body, text_body = article_text(page.text, pdf_art), article_text(layout.text, text_art)
        assert run_share(text_body, pdf_body) >= MIN_RUN_SHARE, text_art.headline
        assert run_share(pdf_body, text_body) >= MIN_RUN_SHARE, text_art.headline


@pytest.mark.parametrize("name", LAYOUTS)
def test_pdf_and_text_versions_give_the_same_sidebars(segmented, name):
    layout, from_pdf, from_text = segmented(name)
    assert len(from_pdf.sidebars) == len(from_text.sidebars) == (1 if layout.sidebar else 0)
    assert [b.article for b in from_pdf.sidebars] == [b.article for b in from_text.sidebars]


# --- probe PDFs written by others (skipped without the shared folder) ---------------------


@pytest.fixture(scope="module")
def probes(shared_dir) -> list[tuple[Path, IngestedPage | IngestFailure]]:
    """Each probe PDF (one page) with what reading it gives, read once."""
    paths = sorted((shared_dir / "corpora_external" / "pdf_probe").glob("*.pdf"))
    if not paths:
        pytest.skip("no probe PDFs")
    out = []
    for path in paths:  # their text layers; OCR of the one without is measured in benchmarks
        [result] = read_pdf(path, ocr=False)
        out.append((path, result))
    return out


def test_probe_pdfs_read_in_order_or_fail_clearly(probes):
    paragraphs = [p for p in pdf_layouts.seed_paragraphs() if len(p) >= 40]
    for path, result in probes:
        if isinstance(result, IngestFailure):
            assert result.reason == NO_TEXT_LAYER
            continue
        shares = [run_share(p, result.text) for p in paragraphs]
        assert sum(shares) / len(shares) >= MIN_RUN_SHARE, path.name


def test_probe_pdfs_segment_into_the_seed_pages_articles(probes, seed_text):
    want = sorted(
        (a.kind, a.kicker, a.headline, a.column, a.byline, a.truncated)
        for a in stories(segment(seed_text))
    )
    for path, result in probes:
        if isinstance(result, IngestFailure):
            continue
        got = sorted(
            (a.kind, a.kicker, a.headline, a.column, a.byline, a.truncated)
            for a in stories(segment(result.text, result.hints))
        )
        assert got == want, path.name


# --- the second reader: pdfplumber where pdfium fails ----------------------------------------


@pytest.mark.parametrize("name", LAYOUTS)
def test_pdfplumber_reads_each_layout_as_pdfium_does(read, name):
    from pipeline.ingest.pdf.plumber import read_content
    from pipeline.ingest.pdf.reader import read_layer

    layout, page = read(name)
    other = read_layer(read_content(layout.path, 0), page.source)
    assert isinstance(other, IngestedPage)
    assert (other.text, other.hints) == (page.text, page.hints)


def test_a_page_pdfium_cannot_read_is_read_through_pdfplumber(read, monkeypatch):
    import pipeline.ingest.pdf.reader as reader

    layout, page = read("four_columns")

    def broken(_page):
        raise RuntimeError("pdfium failed on this page")

    monkeypatch.setattr(reader, "read_content", broken)
    [again] = read_pdf(layout.path, ocr=False)
    assert isinstance(again, IngestedPage)
    assert again.text == page.text
