"""Page sources of an archive: files, folders, ZIP and TAR archives, JSON Lines exports.

Inputs are read lazily, one page source at a time, so that an archive of millions of pages
never sits in memory. Every source gets a key that is unique in a run (the manifest's key)
and a ``paper`` name that partitions the tables.
"""

from __future__ import annotations

import hashlib
import json
import tarfile
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from pathlib import Path

from pipeline.ingest import PDF_SUFFIXES, find_pages, is_page_name, page_suffixes_text

_ARCHIVE_ENDINGS = (".tar.gz", ".tgz", ".tar", ".zip")
JSONL_ENDING = ".jsonl"


@dataclass(frozen=True)
class PageSource:
    """One page file (or one exported page) and what the run needs to know about it.

    ``key`` names the source in the manifest: a path, ``ARCHIVE!MEMBER`` for a member of a
    ZIP or TAR file, ``EXPORT.jsonl#ID`` (or ``#line=N``) for a line of an export.
    ``data`` is the raw file (for an exported page: its text in UTF-8); ``suffix`` is
    ``.pdf`` for a PDF and the text suffix otherwise (empty for exported text).
    """

    key: str
    paper: str
    suffix: str
    data: bytes
    published: str | None = None
    source: str | None = None  # the page's own name, when the export gives one
    sha256: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.sha256:
            object.__setattr__(self, "sha256", hashlib.sha256(self.data).hexdigest())

    @property
    def is_text(self) -> bool:
        """Exported pages are text already; files are decoded by the ingest stage."""
        return self.suffix == ""


@dataclass(frozen=True)
class InputFailure:
    key: str
    reason: str


def describe_inputs() -> str:
    """The accepted inputs in one phrase, for help text and errors."""
    return f"page files ({page_suffixes_text()}), folders of them, .zip/.tar(.gz) archives, .jsonl"


def iter_sources(inputs: Sequence[Path]) -> Iterator[PageSource | InputFailure]:
    """Every page source of the inputs, in input order; a bad input gives one failure."""
    for given in inputs:
        try:
            yield from _sources_of(given)
        except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError) as err:
            yield InputFailure(str(given), _reason(err))


def _sources_of(path: Path) -> Iterator[PageSource | InputFailure]:
    name = path.name.lower()
    if not path.exists():
        yield InputFailure(str(path), "no such file")
    elif path.is_dir():
        yield from _folder(path)
    elif name.endswith(".zip"):
        yield from _zip(path)
    elif name.endswith((".tar", ".tar.gz", ".tgz")):
        yield from _tar(path)
    elif name.endswith(JSONL_ENDING):
        yield from _jsonl(path)
    else:
        yield _file(path, paper=_paper_of_file(path))


def _folder(folder: Path) -> Iterator[PageSource | InputFailure]:
    found = find_pages(folder)
    if not found:
        yield InputFailure(str(folder), f"folder holds no page files ({page_suffixes_text()})")
    for path in found:
        try:
            yield _file(path, paper=_paper_of_file(folder / "x"))
        except OSError as err:
            yield InputFailure(str(path), _reason(err))


def _file(path: Path, *, paper: str) -> PageSource | InputFailure:
    refused = _too_big(path.stat().st_size, path.name)
    if refused:
        return InputFailure(str(path), refused)
    return PageSource(str(path), paper, path.suffix.lower(), path.read_bytes())


def _too_big(size: int, name: str) -> str | None:
    """Why a text file is refused before its bytes are read (PDFs are read page by page)."""
    from pipeline.ingest.text import MAX_PAGE_CHARS, too_long

    # No encoding takes more than 4 bytes a character, so a bigger file is over the limit.
    if Path(name).suffix.lower() in PDF_SUFFIXES or size <= MAX_PAGE_CHARS * 4:
        return None
    return too_long(size, "bytes")


def _zip(path: Path) -> Iterator[PageSource | InputFailure]:
    paper = archive_stem(path.name)
    with zipfile.ZipFile(path) as archive:
        members = sorted(
            (i for i in archive.infolist() if not i.is_dir()), key=attrgetter("filename")
        )
        for member in members:
            if not is_page_name(member.filename):
                continue
            key = f"{path}!{member.filename}"
            refused = _too_big(member.file_size, member.filename)
            if refused:
                yield InputFailure(key, refused)
                continue
            suffix = Path(member.filename).suffix.lower()
            yield PageSource(key, paper, suffix, archive.read(member))


def _tar(path: Path) -> Iterator[PageSource | InputFailure]:
    paper = archive_stem(path.name)
    # Stream mode reads a .tar.gz front to back once, without an index in memory.
    with tarfile.open(path, mode="r|*") as archive:
        for member in archive:
            if not member.isfile() or not is_page_name(member.name):
                continue
            refused = _too_big(member.size, member.name)
            if refused:
                yield InputFailure(f"{path}!{member.name}", refused)
                continue
            handle = archive.extractfile(member)
            if handle is None:
                continue
            data = handle.read()
            yield PageSource(f"{path}!{member.name}", paper, Path(member.name).suffix.lower(), data)


def _jsonl(path: Path) -> Iterator[PageSource | InputFailure]:
    """One page a line: ``text``, optional ``id``, ``published``, ``source``, ``paper``."""
    default_paper = archive_stem(path.name)
    with path.open(encoding="utf-8", errors="replace") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            yield _exported_page(path, number, line, default_paper)


def _exported_page(path: Path, number: int, line: str, paper: str) -> PageSource | InputFailure:
    key = f"{path}#line={number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        return InputFailure(key, f"not JSON ({err.msg})")
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return InputFailure(key, 'no "text" string in the line')
    if record.get("id") is not None:
        key = f"{path}#{record['id']}"
    return PageSource(
        key=key,
        paper=str(record.get("paper") or paper),
        suffix="",
        data=record["text"].encode("utf-8"),
        published=_text_or_none(record.get("published")),
        source=_text_or_none(record.get("source")),
    )


def _text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def archive_stem(name: str) -> str:
    """An archive or export name without its ending.

    >>> archive_stem("人民日报-2026.tar.gz"), archive_stem("ce.jsonl"), archive_stem("a.zip")
    ('人民日报-2026', 'ce', 'a')
    """
    for ending in (*_ARCHIVE_ENDINGS, JSONL_ENDING):
        if name.lower().endswith(ending):
            return name[: -len(ending)]
    return name


def _paper_of_file(path: Path) -> str:
    """A loose file's paper is its folder's name (a folder given as input: that folder)."""
    return path.resolve().parent.name or "unknown"


def _reason(err: BaseException) -> str:
    if isinstance(err, OSError):
        return err.strerror or type(err).__name__
    if isinstance(err, zipfile.BadZipFile):
        return f"corrupt ZIP archive ({err})"
    if isinstance(err, tarfile.TarError | EOFError):
        return f"corrupt TAR archive ({err or type(err).__name__})"
    return str(err)


def count_sources(inputs: Sequence[Path]) -> int:
    """How many page sources the inputs hold, without reading the pages (for an ETA)."""
    total = 0
    for path in inputs:
        name = path.name.lower()
        try:
            if path.is_dir():
                total += len(find_pages(path))
            elif name.endswith(".zip"):
                with zipfile.ZipFile(path) as archive:
                    total += sum(1 for n in archive.namelist() if is_page_name(n))
            elif name.endswith((".tar", ".tar.gz", ".tgz")):
                with tarfile.open(path, mode="r|*") as archive:
                    total += sum(1 for m in archive if m.isfile() and is_page_name(m.name))
            elif name.endswith(JSONL_ENDING):
                with path.open("rb") as lines:
                    total += sum(1 for line in lines if line.strip())
            else:
                total += 1
        except (OSError, zipfile.BadZipFile, tarfile.TarError, EOFError):
            total += 1
    return total
