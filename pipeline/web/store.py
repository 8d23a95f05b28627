"""The server's page store: page id -> page document JSON, in DuckDB.

Kept to three calls so that the archive catalog can take its place later.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import duckdb


@dataclass(frozen=True)
class StoredPage:
    id: str
    source: str


class PageStore:
    """Page documents by id; ``path`` is a DuckDB file, or ``:memory:``."""

    def __init__(self, path: str = ":memory:") -> None:
        self._db = duckdb.connect(path)
        # One connection shared by the server's threads; DuckDB wants them serialized.
        self._lock = threading.Lock()
        with self._lock:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS pages "
                "(id VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, document VARCHAR NOT NULL)"
            )

    def put(self, page_id: str, source: str, document_json: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO pages VALUES (?, ?, ?)", [page_id, source, document_json]
            )

    def get(self, page_id: str) -> str | None:
        with self._lock:
            row = self._db.execute("SELECT document FROM pages WHERE id = ?", [page_id]).fetchone()
        return row[0] if row else None

    def pages(self) -> list[StoredPage]:
        with self._lock:
            rows = self._db.execute("SELECT id, source FROM pages ORDER BY source, id").fetchall()
        return [StoredPage(*row) for row in rows]

    def close(self) -> None:
        with self._lock:
            self._db.close()
