"""Output paths checked before any page is read, so that a bad one costs nothing.

Each check raises :class:`OutputPathError` with a one-line reason; the command line shows
it as ``baokan: PATH: reason`` and exits 2 (a usage error).
"""

from __future__ import annotations

import os
from pathlib import Path


class OutputPathError(Exception):
    """An output path that cannot be written; ``str()`` is ``PATH: reason``."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def check_output_dir(path: Path) -> None:
    """``path`` is a folder we can write in; it is created (with its parents) if missing."""
    if path.exists() and not path.is_dir():
        raise OutputPathError(path, "exists and is not a folder")
    blocker = _file_in_the_way(path)
    if blocker is not None:
        raise OutputPathError(path, f"cannot create the folder: {blocker} is a file")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise OutputPathError(path, f"cannot create the folder: {_reason(err)}") from None
    if not os.access(path, os.W_OK | os.X_OK):
        raise OutputPathError(path, "folder is not writable")


def check_duckdb_path(path: Path) -> None:
    """``path`` is a DuckDB file we can open for writing, or can be created as one.

    A file that exists must open as a DuckDB database and not be locked by another
    process; a new file's folder must exist and be writable.
    """
    if path.is_dir():
        raise OutputPathError(path, "is a folder, not a DuckDB file")
    parent = path.parent
    if not parent.is_dir():
        raise OutputPathError(path, f"no such folder: {parent}")
    if not path.exists():
        if not os.access(parent, os.W_OK | os.X_OK):
            raise OutputPathError(path, f"folder is not writable: {parent}")
        return
    import duckdb

    try:
        duckdb.connect(str(path)).close()
    except duckdb.Error as err:
        raise OutputPathError(
            path, f"cannot open as a DuckDB database: {_first_line(err)}"
        ) from None


def _file_in_the_way(path: Path) -> Path | None:
    """The nearest existing ancestor of ``path`` when it is a file, not a folder."""
    for parent in path.parents:
        if parent.exists():
            return parent if not parent.is_dir() else None
    return None


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def _first_line(err: Exception) -> str:
    return str(err).strip().split("\n")[0]
