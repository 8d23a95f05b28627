"""Page documents as pandas tables, and the writers for JSON Lines, CSV, Parquet and DuckDB."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

import pandas as pd

from pipeline.document import TABLES, PageDocument

# Columns that hold lists (spans, bylines): native lists in Parquet, JSON text in CSV.
_LIST_COLUMNS = frozenset(
    {"byline", "spans", "span", "sentence", "speaker_span", "metric_span", "subject_span"}
)
_PAGE_COLUMNS = ["page_id", "source", "sha256", "published", "chars"]


def to_frames(docs: Iterable[PageDocument | dict]) -> dict[str, pd.DataFrame]:
    """One DataFrame per table (``pages`` and each kind of item), rows keyed by ``page_id``.

    Takes documents or their ``to_dict()`` form (as read back from ``pages.jsonl``).

    >>> from pipeline.document import Page
    >>> doc = PageDocument(page=Page("p1", "x.txt", "0" * 64, None, "文本"))
    >>> frames = to_frames([doc])
    >>> len(frames["pages"]), list(frames["figures"].columns)[:3]
    (1, ['page_id', 'id', 'article'])
    """
    rows: dict[str, list[dict]] = {name: [] for name in ("pages", *TABLES)}
    for doc in docs:
        data = doc.to_dict() if isinstance(doc, PageDocument) else doc
        page = data["page"]
        values = (page["id"], page["source"], page["sha256"], page["published"], len(page["text"]))
        rows["pages"].append(dict(zip(_PAGE_COLUMNS, values, strict=True)))
        for name in TABLES:
            rows[name] += [{"page_id": page["id"], **item} for item in data[name]]
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


class OutputFolder:
    """``pages.jsonl`` and ``errors.jsonl`` written as pages come, the tables at the end.

    Each page is on disk as soon as it is extracted, so a crash loses at most the page in
    hand; with ``resume`` the folder keeps the pages it has, and :meth:`has` tells which
    input files are done.
    """

    def __init__(self, path: Path, *, resume: bool = False) -> None:
        path.mkdir(parents=True, exist_ok=True)
        self.path = path
        pages = path / "pages.jsonl"
        if resume:
            _drop_partial_line(pages)
        self._done = {src.split("#page=")[0] for src in _sources(pages)} if resume else set()
        self._pages = pages.open("a" if resume else "w", encoding="utf-8", newline="\n")
        # Inputs that failed before are tried again, so their old records go.
        self._errors = (path / "errors.jsonl").open("w", encoding="utf-8", newline="\n")
        self.written = 0

    def has(self, source: Path) -> bool:
        return str(source) in self._done

    def add(self, doc: PageDocument) -> None:
        self._pages.write(doc.to_json() + "\n")
        self._pages.flush()
        self.written += 1

    def fail(self, source: str, reason: str) -> None:
        record = {"source": source, "reason": reason}
        self._errors.write(json.dumps(record, ensure_ascii=False) + "\n")
        self._errors.flush()

    def close(self) -> dict[str, pd.DataFrame]:
        """Close the JSON Lines files and write every table from all pages in the folder."""
        self._pages.close()
        self._errors.close()
        frames = to_frames(_read_jsonl(self.path / "pages.jsonl"))
        write_tables(frames, self.path)
        return frames


def _read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _drop_partial_line(path: Path) -> None:
    """Cut a last line that a crash left without its newline, so appending stays valid."""
    if not path.is_file():
        return
    data = path.read_bytes()
    if data and not data.endswith(b"\n"):
        path.write_bytes(data[: data.rfind(b"\n") + 1])


def _sources(path: Path) -> set[str]:
    """Page sources already in a ``pages.jsonl``."""
    if not path.is_file():
        return set()
    return {doc["page"]["source"] for doc in _read_jsonl(path)}


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
