"""What a worker does with a batch of page sources: ingest, extract, tabulate.

The same function runs in-process, in a local process pool and on Dask workers. The heavy
resources (jieba, spaCy, the NER model) live in module-level caches, so each worker process
loads them once, on its first page.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.archive.inputs import InputFailure, PageSource
from pipeline.document import TABLES, PageDocument
from pipeline.ingest import IngestedPage, IngestFailure, read_pages
from pipeline.process import extract, extract_item

if TYPE_CHECKING:  # pandas loads only where tables are made: not for pages on stdout
    import pandas as pd

UNKNOWN_MONTH = "unknown"


@dataclass(frozen=True)
class Outcome:
    """What became of one page source: its page documents (JSON lines) and its failures."""

    key: str
    sha256: str
    lines: tuple[str, ...]
    errors: tuple[tuple[str, str], ...]  # (page source, reason)

    @property
    def status(self) -> str:
        if not self.errors:
            return "ok"
        return "partial" if self.lines else "failed"


@dataclass(frozen=True)
class BatchResult:
    """Outcomes of a batch in input order, and its tables with ``paper``/``month`` columns."""

    outcomes: tuple[Outcome, ...]
    frames: dict[str, pd.DataFrame]


def process_batch(
    sources: Sequence[PageSource | InputFailure], published: str | None = None, tables: bool = True
) -> BatchResult:
    """Extract every page of every source; ``published`` is the default publication date.

    Inputs that failed to be read ride along as failures, so they are recorded in order.
    Without ``tables`` the result has no frames (pages printed, not archived).
    """
    outcomes, docs, papers = [], [], []
    for source in sources:
        if isinstance(source, InputFailure):
            outcomes.append(Outcome(source.key, "", (), ((source.key, source.reason),)))
            continue
        found, errors = _extract_source(source, source.published or published)
        outcomes.append(
            Outcome(source.key, source.sha256, tuple(d.to_json() for d in found), tuple(errors))
        )
        docs += found
        papers += [source.paper] * len(found)
    if not tables:
        return BatchResult(tuple(outcomes), {})
    from pipeline.tables import to_frames

    frames = to_frames(docs)
    _add_partitions(frames, docs, papers)
    return BatchResult(tuple(outcomes), frames)


def failed_batch(sources: Sequence[PageSource | InputFailure], reason: str) -> BatchResult:
    """The result of a batch that no worker could finish."""
    from pipeline.tables import to_frames

    outcomes = tuple(
        Outcome(s.key, getattr(s, "sha256", ""), (), ((s.key, reason),)) for s in sources
    )
    return BatchResult(outcomes, to_frames([]))


def _extract_source(
    source: PageSource, published: str | None
) -> tuple[list[PageDocument], list[tuple[str, str]]]:
    docs, errors = [], []
    for item in _ingest(source):
        result = extract_item(item, published=published)
        if isinstance(result, IngestFailure):
            errors.append((result.source, result.reason))
        else:
            docs.append(result)
    return docs, errors


def _ingest(source: PageSource) -> list[IngestedPage | IngestFailure]:
    """Page text of a source: exported text as is, files through the ingest stage."""
    if source.is_text:
        if not source.data.strip():
            return [IngestFailure(source.key, "empty text")]
        return [IngestedPage(source=source.source or source.key, text=source.data.decode("utf-8"))]
    return _ingest_bytes(source)


def _ingest_bytes(source: PageSource) -> list[IngestedPage | IngestFailure]:
    """A file read from its bytes, which the parent sent: a Dask worker may not see its disk.

    The bytes go through a temporary file of the same name, so the ingest stage treats an
    archive member exactly as a loose file.
    """
    with tempfile.TemporaryDirectory(prefix="baokan-") as tmp:
        path = Path(tmp) / (Path(source.key.rsplit("!", 1)[-1]).name or f"page{source.suffix}")
        path.write_bytes(source.data)
        pages = read_pages(path)
    renamed = []
    for page in pages:
        name = page.source.replace(str(path), source.key, 1)
        if isinstance(page, IngestFailure):
            renamed.append(IngestFailure(name, page.reason))
        else:
            renamed.append(dataclasses.replace(page, source=name))  # OCR marks go along
    return renamed


def _add_partitions(
    frames: dict[str, pd.DataFrame], docs: Sequence[PageDocument], papers: Sequence[str]
) -> None:
    """``paper`` and ``month`` (YYYY-MM of the publication date) on every row."""
    import numpy as np

    months = [d.page.published[:7] if d.page.published else UNKNOWN_MONTH for d in docs]
    counts = {"pages": [1] * len(docs)}
    counts |= {name: [len(getattr(d, name)) for d in docs] for name in TABLES}
    for name, frame in frames.items():
        frame["paper"] = np.repeat(np.array(papers, dtype=object), counts[name])
        frame["month"] = np.repeat(np.array(months, dtype=object), counts[name])


def start_worker(parent: int) -> None:
    """Pool initializer: die with the parent, leave Ctrl-C to it, load resources now."""
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    warm_up()


def die_with_parent(parent: int) -> None:
    """Ask Linux to kill this process when its parent dies (kill -9 included)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request was in place
        os._exit(1)


def warm_up() -> None:
    """Load the extractors' resources once per process, before the first real page."""
    extract("本报北京5月20日电 国家统计局发布数据，贷款余额38.8万亿元。", source="warm-up")
