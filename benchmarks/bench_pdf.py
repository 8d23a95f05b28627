"""Pages per second of PDF ingestion from the text layer (``read_pdf`` without OCR).

Reads the generated test layouts (tests/pdf_layouts.py), and every PDF under FOLDER when one
is given (e.g. the shared probe PDFs), and reports pages per second with the share of time
that reading the characters through pdfium takes. Times are this process's CPU time, so
that other work on a shared machine does not skew them.

    .venv/bin/python benchmarks/bench_pdf.py [FOLDER] [--repeat N]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import pypdfium2 as pdfium

from pipeline.ingest import IngestedPage
from pipeline.ingest.pdf import read_pdf
from pipeline.ingest.pdf.chars import read_content

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
import pdf_layouts  # noqa: E402  (the test helper that draws the layouts)


def parse_only(path: Path) -> None:
    """What reading costs on its own: the characters, rectangles and lines of each page."""
    pdf = pdfium.PdfDocument(path)
    for page in pdf:
        read_content(page)
        page.close()
    pdf.close()


def measure(label: str, paths: list[Path], repeat: int) -> None:
    pages = chars = 0
    start = time.process_time()
    for _ in range(repeat):
        for path in paths:
            for result in read_pdf(path, ocr=False):
                pages += 1
                if isinstance(result, IngestedPage):
                    chars += len(result.text)
    total = time.process_time() - start
    start = time.process_time()
    for _ in range(repeat):
        for path in paths:
            parse_only(path)
    parsing = time.process_time() - start
    print(
        f"{label:<28} {pages:>5} pages  {pages / total:7.2f} pages/s  "
        f"{chars / total:9.0f} chars/s  reading {parsing / total:4.0%} of the time"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="more PDFs to read (optional)")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        layouts = [pdf_layouts.build(name, Path(tmp)) for name in sorted(pdf_layouts.LAYOUTS)]
        for layout in layouts:
            measure(f"generated/{layout.name}", [layout.path], args.repeat)
        measure("generated (all)", [layout.path for layout in layouts], args.repeat)
    if args.folder:
        found = sorted(args.folder.glob("*.pdf"))
        for path in found:
            measure(path.name, [path], args.repeat)
        if found:
            measure(f"{args.folder.name} (all)", found, args.repeat)


if __name__ == "__main__":
    main()
