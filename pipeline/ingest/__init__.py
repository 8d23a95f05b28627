"""Bytes in, page text out: text files, PDF pages and pictures of pages (OCR).

Each input file gives one or more :class:`IngestedPage` (a PDF gives one per page), or
:class:`IngestFailure` records naming the file (and page) and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
PDF_SUFFIXES = frozenset({".pdf"})
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
# What a folder or archive walk takes as a page file; help text, errors and README name these.
PAGE_SUFFIXES = (".txt", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


class IngestError(Exception):
    """An input that cannot become page text; the message is shown to the user as is."""


@dataclass(frozen=True)
class LayoutHint:
    """What the layout (a PDF's fonts and boxes) says about a stretch of page text.

    ``role`` is one of headline, subheadline, kicker, body, furniture, sidebar.
    """

    start: int
    end: int
    role: str
    size: float | None = None


@dataclass(frozen=True)
class OcrSpan:
    """A line of an OCR'd page: its stretch of the page text and the recognizer's confidence."""

    start: int
    end: int
    confidence: float


@dataclass(frozen=True)
class IngestedPage:
    source: str
    text: str
    hints: tuple[LayoutHint, ...] = field(default_factory=tuple)
    ocr: bool = False  # the text was read off a picture of the page
    ocr_lines: tuple[OcrSpan, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class IngestFailure:
    source: str
    reason: str


def read_pages(path: Path) -> list[IngestedPage | IngestFailure]:
    """Every page of one file; a file that cannot be read gives one failure."""
    from pipeline.ingest.text import read_text_file

    try:
        if not path.exists():
            raise IngestError("no such file")
        if path.is_dir():
            raise IngestError("is a folder")
        if path.suffix.lower() in PDF_SUFFIXES:
            from pipeline.ingest.pdf import read_pdf

            return read_pdf(path)
        if path.suffix.lower() in IMAGE_SUFFIXES:
            from pipeline.ingest.image import read_image

            return read_image(path)
        return [IngestedPage(source=str(path), text=read_text_file(path))]
    except IngestError as err:
        return [IngestFailure(str(path), str(err))]
    except OSError as err:
        return [IngestFailure(str(path), err.strerror or type(err).__name__)]


def page_suffixes_text() -> str:
    """The page suffixes as people read them: ``.txt, .pdf``."""
    return ", ".join(PAGE_SUFFIXES)


def is_page_name(name: str) -> bool:
    """Whether a walk takes this relative path: a page suffix, no hidden part.

    >>> is_page_name("2026/p01.TXT"), is_page_name(".cache/p01.txt"), is_page_name("x.md")
    (True, False, False)
    """
    parts = name.replace("\\", "/").split("/")
    hidden = any(part.startswith(".") or part == "__MACOSX" for part in parts)
    return not hidden and Path(name).suffix.lower() in PAGE_SUFFIXES


def find_pages(path: Path) -> list[Path]:
    """A file as given, or every page file under a folder (hidden ones skipped), sorted.

    A link to a page file that is gone is listed too, so that reading it reports it: a page
    the user put there is never dropped in silence.
    """
    if not path.is_dir():
        return [path]
    return sorted(
        p
        for p in path.rglob("*")
        if (p.is_file() or p.is_symlink()) and is_page_name(str(p.relative_to(path)))
    )
