"""Page documents as pandas tables, and the writers for JSON Lines, CSV, Parquet and DuckDB."""

from __future__ import annotations

import json
import os
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.document import TABLES, PageDocument

# Columns that hold lists (spans, bylines): native lists in Parquet, JSON text in CSV.
_LIST_COLUMNS = frozenset({"byline", "spans", "span", "sentence", "speaker_span"})
_PAGE_COLUMNS = ["page_id", "source", "sha256", "published", "chars"]


def to_frames(
    docs: Iterable[PageDocument | dict] | PageDocument | dict,
) -> dict[str, pd.DataFrame]:
    """One DataFrame per table (``pages`` and each kind of item), rows keyed by ``page_id``.

    Takes documents or their ``to_dict()`` form (as read back from ``pages.jsonl``), or
    one document alone.

    >>> from pipeline.document import Page
    >>> doc = PageDocument(page=Page("p1", "x.txt", "0" * 64, None, "文本"))
    >>> frames = to_frames([doc])
    >>> len(frames["pages"]), list(frames["figures"].columns)[:3]
    (1, ['page_id', 'id', 'article'])
    """
    rows: dict[str, list[dict]] = {name: [] for name in ("pages", *TABLES)}
    for doc in _documents(docs):
        data = doc.to_dict() if isinstance(doc, PageDocument) else doc
        page = data["page"]
        values = (page["id"], page["source"], page["sha256"], page["published"], len(page["text"]))
        rows["pages"].append(dict(zip(_PAGE_COLUMNS, values, strict=True)))
        for name in TABLES:
            rows[name] += [{"page_id": page["id"], **item} for item in data[name]]
    return {name: pd.DataFrame(items, columns=_columns(name)) for name, items in rows.items()}


def _documents(docs: object) -> Iterable[PageDocument | dict]:
    """Documents as given; one document alone counts as a list of one."""
    if isinstance(docs, PageDocument) or (isinstance(docs, dict) and "page" in docs):
        return [docs]
    if isinstance(docs, str | bytes | dict) or not isinstance(docs, Iterable):
        raise TypeError(
            f"to_frames takes page documents (a list, or one document), not {type(docs).__name__}"
        )
    return docs


def _columns(name: str) -> list[str]:
    """Column order of a table, fixed so that empty tables still have their columns."""
    if name == "pages":
        return _PAGE_COLUMNS
    return ["page_id", *_item_type(name).__dataclass_fields__]


def _item_type(name: str) -> type:
    from pipeline import document

    return {
        "articles": document.Article,
        "sidebars": document.Sidebar,
        "figures": document.Figure,
        "dates": document.DateMention,
        "entities": document.Entity,
        "quotes": document.Quote,
    }[name]


def write_csv(frame: pd.DataFrame, path: Path) -> None:
    """A table as CSV: UTF-8 with a BOM (so that Excel shows Chinese), lists as JSON text."""
    _for_csv(frame).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\n")


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
            lambda v: None if v is None else json.dumps(_plain(v), ensure_ascii=False)
        )
    return frame


def _plain(value: Any) -> Any:
    """Lists as plain Python lists (a table read back from Parquet holds numpy arrays)."""
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


# Partitioned datasets (archive runs): one Parquet file per batch, table and partition.
PARTITION_COLUMNS = ("paper", "month")


def arrow_schema(name: str):
    """The Arrow schema of a table, from the document's dataclass types.

    Fixed types keep every part file of a dataset alike, even a part where a column is all
    null. Types with no Arrow counterpart are stored as JSON text.
    """
    import pyarrow as pa

    if name == "pages":
        types = [pa.string(), pa.string(), pa.string(), pa.string(), pa.int64()]
        return pa.schema(list(zip(_PAGE_COLUMNS, types, strict=True)))
    hints = typing.get_type_hints(_item_type(name))
    fields = [pa.field("page_id", pa.string())]
    fields += [pa.field(column, _arrow_type(hints[column])) for column in _columns(name)[1:]]
    return pa.schema(fields)


def _arrow_type(hint: Any):
    import pyarrow as pa

    args = [a for a in typing.get_args(hint) if a is not type(None)]
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union) and len(args) == 1:
        return _arrow_type(args[0])
    if origin in (list, tuple) and args:
        return pa.list_(_arrow_type(args[0]))
    return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_()}.get(
        hint, pa.string()
    )


def write_part(frame: pd.DataFrame, name: str, path: Path) -> None:
    """One part of a table's dataset, written whole or not at all (temporary file + rename)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(name)
    data = frame[schema.names].copy()
    for column in schema.names:
        if schema.field(column).type == pa.string():
            data[column] = data[column].map(_as_text)
    table = pa.Table.from_pandas(data, schema=schema, preserve_index=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    pq.write_table(table, temporary)
    os.replace(temporary, path)


def _as_text(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)
