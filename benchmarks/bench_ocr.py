"""OCR speed (pages per second) and character error rate against the text version.

Reads the drawn test page (tests/ocr_pages.py) as PNG and as an image-only PDF, and, when a
folder of probe PDFs is given, those whose text layer is unusable (read through OCR), against
the seed page (the probes with a text layer give the share of the error that comes from
reading order, as the probes lay the seed out in an order of their own). The character
error rate is the edit distance between the OCR'd text and the
text version (whitespace removed), divided by the length of the text version. Times are
wall-clock (onnxruntime runs its own threads), one page at a time.

    .venv/bin/python benchmarks/bench_ocr.py [PROBE_FOLDER]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

from pipeline.ingest import IngestedPage, read_pages
from pipeline.ingest.pdf import read_pdf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import ocr_pages  # noqa: E402  (the test helper that draws the page)
import pdf_layouts  # noqa: E402


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (characters).

    >>> edit_distance("小微企业", "小微金业"), edit_distance("", "ab")
    (1, 2)
    """
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, start=1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def cer(got: str, want: str) -> float:
    got, want = "".join(got.split()), "".join(want.split())
    return edit_distance(got, want) / max(1, len(want))


def measure(label: str, read, path: Path, want: str) -> None:
    start = time.perf_counter()
    [page] = read(path)
    seconds = time.perf_counter() - start
    if not isinstance(page, IngestedPage):
        print(f"{label:<32} failed: {page.reason}")
        return
    print(
        f"{label:<32} ocr={page.ocr!s:<5} {len(page.ocr_lines):>4} lines  {seconds:6.1f} s "
        f"({1 / seconds:.3f} pages/s)  CER {cer(page.text, want):.3f}"
    )


def seed_text() -> str:
    """The seed page's text without its ``##`` marks, as the probe PDFs print it."""
    return re.sub(r"^## ", "", pdf_layouts.SEED.read_text(encoding="utf-8"), flags=re.M)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="probe PDFs (optional)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        picture = ocr_pages.draw(Path(tmp))
        measure("drawn page (PNG)", read_pages, picture.png, picture.text)
        measure("drawn page (image-only PDF)", read_pdf, picture.pdf, picture.text)
    if args.folder:
        for path in sorted(args.folder.glob("*.pdf")):
            [layer] = read_pdf(path, ocr=False)
            if isinstance(layer, IngestedPage):  # the reading order's share of the error
                print(f"{path.name:<32} text layer: CER {cer(layer.text, seed_text()):.3f}")
            else:
                measure(path.name, read_pdf, path, seed_text())


if __name__ == "__main__":
    main()
