"""PDF reading on layouts the reader was never tuned on: random LibreOffice grids.

Draws N pages with a seeded random grid (four to seven page columns, two articles side by side
in the upper band with a random split, a commentary and a third article in the lower band,
random order of the seed's articles), typesets them with LibreOffice (tests/pdf_office.py),
and compares each PDF's reading with the text version of the same content: whether the
articles' heads (kind, kicker, headline, column, byline) agree, the articles' character
Jaccard, and figures and dates F1.

    .venv/bin/python benchmarks/bench_pdf_unseen.py [--pages N] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path

from pipeline.ingest import IngestedPage
from pipeline.ingest.pdf import read_pdf
from pipeline.process import extract
from pipeline.segment import segment
from pipeline.textmap import TextMap

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import pdf_office  # noqa: E402  (the test helper that writes and typesets the pages)
from pdf_layouts import articles  # noqa: E402
from test_pdf_generators import char_jaccard, f1  # noqa: E402


def random_sheet(rng: random.Random) -> tuple[pdf_office.Sheet, list[str]]:
    """A page on a random grid that fits the page; returns it and its text version's blocks."""
    while True:
        sheet, bottom = _try_sheet(rng)
        if bottom < pdf_office.PAGE_H - 40:
            return sheet, sheet.blocks


def _try_sheet(rng: random.Random) -> tuple[pdf_office.Sheet, float]:
    """A page on a random grid, each article over two columns or more, and where its lower
    band ends (it may run off the page; such a draw is made again)."""
    sheet = pdf_office.Sheet()
    sheet.furniture_top()
    n = rng.choice([4, 5, 6, 7])
    grid = pdf_office._grid(n)
    first, second, third = rng.sample(["small_business", "vocational", "agents"], 3)
    split = rng.randint(2, n - 2)
    x, width = pdf_office._span(grid, 0, split - 1)
    left = pdf_office._article(sheet, articles()[first], x, width, 44, split)
    x, width = pdf_office._span(grid, split, n - 1)
    right = pdf_office._article(sheet, articles()[second], x, width, 44, n - split)
    top = max(left, right) + 8
    sheet.rule(top)
    cut = rng.randint(2, n - 2)
    x, width = pdf_office._span(grid, 0, cut - 1)
    bottom = pdf_office._commentary_frame(sheet, x, width, top + 10, cut)
    x, width = pdf_office._span(grid, cut, n - 1)
    bottom = max(bottom, pdf_office._article(sheet, articles()[third], x, width, top + 10, n - cut))
    sheet.furniture_foot()
    return sheet, bottom


def score(pdf_path: Path, blocks: list[str]) -> tuple[bool, float, float, float] | None:
    [page] = read_pdf(pdf_path, ocr=False)
    if not isinstance(page, IngestedPage):
        return None
    text = "\n\n".join(blocks)
    got, want = segment(page.text, page.hints), segment(text)

    def heads(seg) -> list[tuple]:
        return [(a.kind, a.kicker, a.headline, a.column, a.byline) for a in seg.articles]

    pairs = list(zip(got.articles, want.articles, strict=False))
    jaccard = min(
        char_jaccard(
            TextMap.from_spans(page.text, a.spans).text, TextMap.from_spans(text, b.spans).text
        )
        for a, b in pairs
    )
    docs = [
        extract(page.text, published="2026-05-18", hints=page.hints),
        extract(text, published="2026-05-18"),
    ]
    figures = f1(*(Counter((f.surface, f.value) for f in d.figures) for d in docs))
    dates = f1(*(Counter((d.surface, d.normalized) for d in doc.dates) for doc in docs))
    return heads(got) == heads(want), jaccard, figures, dates


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=8)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    reason = pdf_office.available()
    if reason:
        sys.exit(f"bench_pdf_unseen: {reason}")
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        pages = {}
        for i in range(args.pages):
            sheet, blocks = random_sheet(rng)
            (folder / f"page{i}.fodt").write_text(sheet.document(), encoding="utf-8")
            pages[i] = blocks
        pdf_office._convert(sorted(folder.glob("*.fodt")), folder)
        results = [score(folder / f"page{i}.pdf", blocks) for i, blocks in pages.items()]
    read = [r for r in results if r is not None]
    print(f"{len(read)}/{len(results)} pages read")
    for i, r in enumerate(results):
        if r is None:
            print(f"page{i}: failed")
            continue
        agree, jaccard, figures, dates = r
        print(
            f"page{i}: heads agree {agree}  article Jaccard min {jaccard:.3f}  "
            f"figures F1 {figures:.3f}  dates F1 {dates:.3f}"
        )
    if read:
        print(
            f"heads agree on {sum(r[0] for r in read)}/{len(read)} pages; "
            f"mean article Jaccard (min per page) {sum(r[1] for r in read) / len(read):.3f}; "
            f"mean figures F1 {sum(r[2] for r in read) / len(read):.3f}; "
            f"mean dates F1 {sum(r[3] for r in read) / len(read):.3f}"
        )


if __name__ == "__main__":
    main()
