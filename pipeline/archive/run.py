"""The run folder: what an archive run has written, and how it survives a crash.

Layout::

    pages.jsonl       one page document a line
    manifest.jsonl    one record per page source: sha256, pipeline version, status, errors
    errors.jsonl      the failures of the last run (source, reason)
    tables/NAME/paper=P/month=M/part-BATCH.parquet   one dataset per table
    catalog.duckdb    views over the datasets and errors.jsonl

A batch is committed in three steps: its Parquet parts (each written to a temporary file and
renamed), its lines appended to ``pages.jsonl``, then its manifest records in one write. The
manifest is the truth: on opening, part files of batches it does not list are deleted and
``pages.jsonl`` is cut back to the bytes its batches account for, so a run killed at any
moment leaves every page exactly once after the next run.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from pipeline.archive.inputs import PageSource
from pipeline.archive.work import BatchResult, Outcome
from pipeline.tables import PARTITION_COLUMNS, write_part

PAGES, MANIFEST, ERRORS, TABLES_DIR = "pages.jsonl", "manifest.jsonl", "errors.jsonl", "tables"
_DONE = frozenset({"ok", "partial"})
_COMPACTED = '{"compacted": true}\n'
_PART = re.compile(r"^part-(?P<batch>[^/]+)\.parquet$")


class RunError(Exception):
    """A run folder that cannot be continued; the message is shown to the user."""


@dataclass(frozen=True)
class Record:
    """The manifest's word on one page source."""

    sha256: str
    version: str
    status: str
    batch: str
    pages: int
    errors: tuple[tuple[str, str], ...]  # (page source, reason)


class RunFolder:
    def __init__(self, path: Path, version: str) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path, self.version = path, version
        self._lock = _lock(path)
        _finish_compaction(path)
        self.records, batch_bytes = _load_manifest(path / MANIFEST)
        _cut_pages(path / PAGES, sum(batch_bytes.values()))
        _delete_parts(path / TABLES_DIR, keep=set(batch_bytes))

    def close(self) -> None:
        """Let another run have the folder."""
        self._lock.close()

    def done(self, source: PageSource) -> bool:
        """Whether this very source (same bytes) was done by this pipeline version."""
        record = self.records.get(source.key)
        return (
            record is not None
            and record.status in _DONE
            and record.sha256 == source.sha256
            and record.version == self.version
        )

    def outdated_batches(self, changed: set[str]) -> set[str]:
        """Batches holding pages of an older version or of a source whose bytes changed."""
        return {
            r.batch
            for key, r in self.records.items()
            if r.pages and (r.version != self.version or key in changed)
        }

    def drop_batches(self, batches: set[str]) -> None:
        """Take whole batches out of the run; their sources are done again."""
        if not batches:
            return
        _compact(self.path, batches)
        self.records, batch_bytes = _load_manifest(self.path / MANIFEST)
        _delete_parts(self.path / TABLES_DIR, keep=set(batch_bytes))

    def commit(self, batch: str, result: BatchResult) -> None:
        """Write a finished batch: parts, then pages, then the manifest records."""
        for name, frame in result.frames.items():
            for (paper, month), part in frame.groupby(list(PARTITION_COLUMNS), sort=True):
                folder = self.path / TABLES_DIR / name / _partition(paper, month)
                write_part(part, name, folder / f"part-{batch}.parquet")
        pages = "".join(line + "\n" for o in result.outcomes for line in o.lines).encode()
        _append(self.path / PAGES, pages)
        records = [
            self._record(o, batch, len(result.outcomes), len(pages)) for o in result.outcomes
        ]
        _append(self.path / MANIFEST, "".join(records).encode())
        for outcome in result.outcomes:
            self.records[outcome.key] = Record(
                outcome.sha256,
                self.version,
                outcome.status,
                batch,
                len(outcome.lines),
                outcome.errors,
            )

    def _record(self, outcome: Outcome, batch: str, size: int, nbytes: int) -> str:
        record = {
            "source": outcome.key,
            "sha256": outcome.sha256,
            "version": self.version,
            "status": outcome.status,
            "errors": list(outcome.errors),
            "pages": len(outcome.lines),
            "batch": batch,
            "batch_size": size,
            "batch_bytes": nbytes,
        }
        return json.dumps(record, ensure_ascii=False) + "\n"

    def failures(self) -> Iterator[tuple[str, str]]:
        """(source, reason) of every error the manifest holds now, in source order."""
        for key in sorted(self.records):
            yield from self.records[key].errors

    def write_errors(self) -> None:
        lines = [
            json.dumps({"source": s, "reason": r}, ensure_ascii=False) + "\n"
            for s, r in self.failures()
        ]
        _write_whole(self.path / ERRORS, "".join(lines).encode())


def _lock(path: Path) -> IO[bytes]:
    """Hold the folder's lock file for the life of this process (the kernel drops it on death)."""
    import fcntl

    handle = (path / ".lock").open("wb")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise RunError("another baokan run is writing this folder") from None
    return handle


def _partition(paper: str, month: str) -> str:
    """Hive-style folder names; characters a path or the partition syntax cannot hold go."""
    safe = re.sub(r'[/\\=:*?"<>|\x00-\x1f]', "_", paper).strip(". ") or "unknown"
    return f"paper={safe}/month={month}"


def _load_manifest(path: Path) -> tuple[dict[str, Record], dict[str, int]]:
    """Latest record per source and the pages.jsonl bytes of each committed batch, in order.

    A batch counts only when all its records are there; a crash's torn tail is cut off.
    """
    records: dict[str, Record] = {}
    batch_bytes: dict[str, int] = {}
    if not path.is_file():
        return records, batch_bytes
    group: list[dict] = []
    good_end = offset = 0
    with path.open("rb") as lines:
        for raw in lines:
            offset += len(raw)
            if not raw.endswith(b"\n"):
                break
            data = json.loads(raw)
            if "source" not in data:  # the mark a compaction leaves
                good_end = offset
                continue
            if group and group[0]["batch"] != data["batch"]:
                group = []
            group.append(data)
            if len(group) == data["batch_size"]:
                _add_batch(group, records, batch_bytes)
                group, good_end = [], offset
    if good_end < path.stat().st_size:
        os.truncate(path, good_end)
    return records, batch_bytes


def _add_batch(group: list[dict], records: dict[str, Record], batch_bytes: dict[str, int]) -> None:
    for data in group:
        records[data["source"]] = Record(
            data["sha256"],
            data["version"],
            data["status"],
            data["batch"],
            data["pages"],
            tuple((source, reason) for source, reason in data["errors"]),
        )
    batch_bytes[group[0]["batch"]] = group[0]["batch_bytes"]


def _cut_pages(path: Path, committed: int) -> None:
    size = path.stat().st_size if path.is_file() else 0
    if size < committed:
        raise RunError(f"{path} is shorter than its manifest says; start a new run folder")
    if size > committed:
        os.truncate(path, committed)


def _delete_parts(tables: Path, keep: set[str]) -> None:
    """Remove part files of uncommitted or dropped batches, and temporary files."""
    if not tables.is_dir():
        return
    for path in tables.rglob("*.parquet*"):
        match = _PART.match(path.name)
        if match is None or match["batch"] not in keep:
            path.unlink()


def _compact(path: Path, dropped: set[str]) -> None:
    """Rewrite pages.jsonl and the manifest without the dropped batches.

    Both new files are written beside the old ones; the manifest's closing mark says the
    pair is complete, so :func:`_finish_compaction` can finish the renames after a crash.
    """
    _, batch_bytes = _load_manifest(path / MANIFEST)
    with (path / PAGES).open("rb") as old, (path / f"{PAGES}.tmp").open("wb") as new:
        for batch, nbytes in batch_bytes.items():
            chunk = old.read(nbytes)
            if batch not in dropped:
                new.write(chunk)
        new.flush()
        os.fsync(new.fileno())
    with (path / MANIFEST).open("rb") as old, (path / f"{MANIFEST}.tmp").open("wb") as new:
        for raw in old:
            data = json.loads(raw)
            if "source" in data and data["batch"] not in dropped:
                new.write(raw)
        new.write(_COMPACTED.encode())
        new.flush()
        os.fsync(new.fileno())
    _finish_compaction(path)


def _finish_compaction(path: Path) -> None:
    pages_tmp, manifest_tmp = path / f"{PAGES}.tmp", path / f"{MANIFEST}.tmp"
    complete = manifest_tmp.is_file() and manifest_tmp.read_bytes().endswith(_COMPACTED.encode())
    if not complete:
        pages_tmp.unlink(missing_ok=True)
        manifest_tmp.unlink(missing_ok=True)
        return
    if pages_tmp.is_file():
        os.replace(pages_tmp, path / PAGES)
    os.replace(manifest_tmp, path / MANIFEST)


def _append(path: Path, data: bytes) -> None:
    """Append in one system call where the kernel allows, so a kill cannot split a record."""
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _write_whole(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
