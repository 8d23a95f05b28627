"""Pages already extracted, read back without extracting again: a run folder, its
``pages.jsonl``, or the DuckDB catalog written with ``baokan extract --duckdb``.

The catalog keeps no page text, only each article's stitched text and page spans; the page
text is rebuilt from them (characters outside every article become spaces), so offsets stay
the page's and every figure inside an article keeps its sentence.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from pipeline.document import TABLES, PageDocument

DUCKDB_SUFFIXES = (".duckdb", ".db", ".ddb")


class PagesError(ValueError):
    """Extracted pages that cannot be read; the message says why, in one line."""


def load_pages(path: Path) -> list[PageDocument]:
    """Page documents from a run folder, a ``pages.jsonl`` file or a DuckDB catalog."""
    if path.is_dir():
        path = path / "pages.jsonl"
    if not path.is_file():
        raise PagesError("no such file (expected pages.jsonl, a run folder or a DuckDB file)")
    if path.suffix in DUCKDB_SUFFIXES:
        return _from_duckdb(path)
    return _from_jsonl(path)


def _from_jsonl(path: Path) -> list[PageDocument]:
    docs = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                docs.append(PageDocument.from_dict(json.loads(line)))
            except (ValueError, KeyError, TypeError) as err:
                raise PagesError(f"line {number} is not a page document ({err})") from None
    return docs


def _from_duckdb(path: Path) -> list[PageDocument]:
    import duckdb

    try:
        with duckdb.connect(str(path), read_only=True) as con:
            pages = _rows(con, "pages")
            tables = {name: _rows(con, name) for name in TABLES}
    except duckdb.Error as err:
        raise PagesError(f"not a baokan DuckDB catalog ({str(err).splitlines()[0]})") from None
    grouped: dict[str, dict[str, list]] = defaultdict(lambda: {name: [] for name in TABLES})
    for name, rows in tables.items():
        for row in rows:
            grouped[row["page_id"]][name].append(_without_page(row))
    docs = []
    for page in pages:
        items = grouped[page["page_id"]]
        data = {"schema_version": "1", "page": _page(page, items["articles"]), **items}
        docs.append(PageDocument.from_dict(data))
    return docs


def _rows(con: Any, table: str) -> list[dict[str, Any]]:
    cursor = con.execute(f'SELECT * FROM "{table}"')
    names = [c[0] for c in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _without_page(row: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k != "page_id"}


def _page(row: dict[str, Any], articles: list[dict[str, Any]]) -> dict[str, Any]:
    """The page record, its text rebuilt from the articles' spans and stitched texts."""
    chars = [" "] * int(row["chars"])
    for article in articles:
        pos = 0
        for start, end in article["spans"]:
            chars[start:end] = article["text"][pos : pos + end - start]
            pos += end - start
    return {
        "id": row["page_id"],
        "source": row["source"],
        "sha256": row["sha256"],
        "published": row["published"],
        "text": "".join(chars),
    }
