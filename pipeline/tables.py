"""Page documents as pandas tables, and the writers for JSON Lines, CSV, Parquet and DuckDB."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from pathlib import Path

import pandas as pd

from pipeline.document import TABLES, PageDocument

# Columns that hold lists (spans, bylines): native lists in Parquet, JSON text in CSV.
_LIST_COLUMNS = frozenset({"byline", "spans", "span", "sentence", "speaker_span"})
_PAGE_COLUMNS = ["page_id", "source", "sha256", "published", "chars"]


def to_frames(docs: Iterable[PageDocument]) -> dict[str, pd.DataFrame]:
    """One DataFrame per table (``pages`` and each kind of item), rows keyed by ``page_id``.

    >>> from pipeline.document import Page
    >>> doc = PageDocument(page=Page("p1", "x.txt", "0" * 64, None, "文本"))
    >>> frames = to_frames([doc])
    >>> len(frames["pages"]), list(frames["figures"].columns)[:3]
    (1, ['page_id', 'id', 'article'])
    """
    rows: dict[str, list[dict]] = {name: [] for name in ("pages", *TABLES)}
    for doc in docs:
        page = doc.page
        rows["pages"].append(
            dict(
                zip(
                    _PAGE_COLUMNS,
                    (page.id, page.source, page.sha256, page.published, len(page.text)),
                    strict=True,
                )
            )
        )
        for name in TABLES:
            rows[name] += [{"page_id": page.id, **asdict(item)} for item in getattr(doc, name)]
    return {name: pd.DataFrame(items, columns=_columns(name)) for name, items in rows.items()}


def _columns(name: str) -> list[str]:
    """Column order of a table, fixed so that empty tables still have their columns."""
    if name == "pages":
        return _PAGE_COLUMNS
    from pipeline import document

    item_type = {
        "articles": document.Article,
        "sidebars": document.Sidebar,
        "figures": document.Figure,
        "dates": document.DateMention,
        "entities": document.Entity,
        "quotes": document.Quote,
    }[name]
    return ["page_id", *item_type.__dataclass_fields__]


def write_jsonl(docs: Iterable[PageDocument], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for doc in docs:
            out.write(doc.to_json() + "\n")


def write_tables(frames: dict[str, pd.DataFrame], out_dir: Path) -> list[Path]:
    """``NAME.csv`` (UTF-8 with BOM, for Excel) and ``NAME.parquet`` for every table."""
    written = []
    for name, frame in frames.items():
        csv_path, parquet_path = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
        _for_csv(frame).to_csv(csv_path, index=False, encoding="utf-8-sig", lineterminator="\n")
        frame.to_parquet(parquet_path, index=False)
        written += [csv_path, parquet_path]
    return written


def write_duckdb(frames: dict[str, pd.DataFrame], path: Path) -> None:
    """Every table into one DuckDB database file, replacing tables of the same name."""
    import duckdb

    with duckdb.connect(str(path)) as con:
        for name, frame in frames.items():
            con.register("frame", frame)
            con.execute(f'CREATE OR REPLACE TABLE "{name}" AS SELECT * FROM frame')
            con.unregister("frame")


def _for_csv(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    for column in _LIST_COLUMNS & set(frame.columns):
        frame[column] = frame[column].map(
            lambda v: None if v is None else json.dumps(v, ensure_ascii=False)
        )
    return frame
