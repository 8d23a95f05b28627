"""An archive run from inputs to run folder: skip what is done, batch the rest, commit."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.archive.engines import Batch, Engine
from pipeline.archive.inputs import InputFailure, PageSource, iter_sources
from pipeline.archive.work import BatchResult

if TYPE_CHECKING:  # the run folder's modules load pandas: not needed for pages on stdout
    from pipeline.archive.run import RunFolder

BATCH_SIZE = 16


@dataclass
class RunStats:
    """What a run did so far; the progress display reads it after every batch."""

    pages: int = 0
    sources: int = 0
    skipped: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)

    def add(self, result: BatchResult) -> None:
        for outcome in result.outcomes:
            self.sources += 1
            self.pages += len(outcome.lines)
            self.failures += outcome.errors


def run_archive(
    inputs: Sequence[Path],
    out: Path,
    engine: Engine,
    *,
    version: str,
    published: str | None = None,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[BatchResult, RunStats], None] = lambda result, stats: None,
) -> RunStats:
    """Extract every source of ``inputs`` not yet done into the run folder ``out``."""
    from pipeline.archive.run import RunFolder

    folder = RunFolder(out, version)
    stats = RunStats()
    try:
        if folder.records:  # a rerun: batches of changed files or older versions are redone
            folder.drop_batches(folder.outdated_batches(_changed(inputs, folder)))
        todo = _todo(iter_sources(inputs), folder, stats)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%f")
        for number, result in enumerate(engine.run(batched(todo, batch_size), published)):
            folder.commit(f"{stamp}-{number:06d}", result)
            stats.add(result)
            on_batch(result, stats)
    finally:  # after Ctrl-C too: the catalog shows what is committed
        finish(folder)
        folder.close()
    return stats


def finish(folder: RunFolder) -> None:
    """errors.jsonl and catalog.duckdb for the folder as it is now."""
    from pipeline.archive.query import write_catalog

    folder.write_errors()
    write_catalog(folder.path)


def extract_sources(
    inputs: Sequence[Path], engine: Engine, *, published: str | None = None
) -> Iterator[BatchResult]:
    """Results of every source of ``inputs``, in input order, without a run folder (and
    without tables)."""
    yield from engine.run(batched(iter_sources(inputs), BATCH_SIZE), published, tables=False)


def batched(items: Iterable[PageSource | InputFailure], size: int) -> Iterator[Batch]:
    batch: list[PageSource | InputFailure] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _todo(
    sources: Iterable[PageSource | InputFailure], folder: RunFolder, stats: RunStats
) -> Iterator[PageSource | InputFailure]:
    """Sources not done yet, each once even if given twice."""
    seen: set[str] = set()
    for source in sources:
        if source.key in seen:
            continue
        seen.add(source.key)
        if isinstance(source, PageSource) and folder.done(source):
            stats.skipped += 1
            continue
        yield source


def _changed(inputs: Sequence[Path], folder: RunFolder) -> set[str]:
    """Keys of sources whose bytes differ from the ones the manifest recorded."""
    changed = set()
    for source in iter_sources(inputs):
        record = folder.records.get(source.key)
        if isinstance(source, PageSource) and record and record.sha256 != source.sha256:
            changed.add(source.key)
    return changed
