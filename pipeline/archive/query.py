"""The catalog of a run: DuckDB views over its Parquet datasets, and SQL on them."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from pipeline.archive.run import ERRORS, TABLES_DIR
from pipeline.document import TABLES

CATALOG = "catalog.duckdb"
CATALOG_TABLES = ("pages", *TABLES)


class QueryError(Exception):
    """A run folder without a catalog, or SQL DuckDB refuses; shown to the user as is."""


def attach_views(con, run: Path) -> None:
    """Create one view per table (and ``errors``) in a new DuckDB database, for this folder."""
    from pipeline.tables import arrow_schema

    run = run.resolve()
    for name in CATALOG_TABLES:
        folder = run / TABLES_DIR / name
        if any(folder.rglob("part-*.parquet")):
            pattern = _quoted(str(folder / "*" / "*" / "*.parquet"))
            con.execute(
                f'CREATE VIEW "{name}" AS SELECT * FROM read_parquet({pattern}, '
                "hive_partitioning = true, union_by_name = true, "
                "hive_types = {'paper': VARCHAR, 'month': VARCHAR})"
            )
        else:  # no part yet: an empty table with the right columns
            empty = arrow_schema(name).empty_table()  # noqa: F841 (DuckDB reads it by name)
            con.execute(
                f'CREATE TABLE "{name}" AS SELECT *, NULL::VARCHAR AS paper, '
                "NULL::VARCHAR AS month FROM empty"
            )
    con.execute(f"CREATE VIEW errors AS {_errors_select(run / ERRORS)}")


def _errors_select(path: Path) -> str:
    if path.is_file() and os.path.getsize(path):
        return (
            f"SELECT * FROM read_json({_quoted(str(path))}, format = 'newline_delimited', "
            "columns = {source: 'VARCHAR', reason: 'VARCHAR'})"
        )
    return "SELECT NULL::VARCHAR AS source, NULL::VARCHAR AS reason WHERE false"


def write_catalog(run: Path) -> Path:
    """``catalog.duckdb`` in the run folder (views with absolute paths, for any DuckDB)."""
    import duckdb

    path, temporary = run / CATALOG, run / f".{CATALOG}.tmp"
    temporary.unlink(missing_ok=True)
    with duckdb.connect(str(temporary)) as con:
        attach_views(con, run)
    os.replace(temporary, path)  # a reader never sees a half-made catalog
    return path


def query(run: Path, sql: str) -> pd.DataFrame:
    """The result of SQL over a run's tables.

    Views are made afresh in memory for the folder's current place, so a moved or copied
    run folder can still be queried.
    """
    import duckdb

    if not (run / TABLES_DIR).is_dir() and not (run / CATALOG).is_file():
        raise QueryError("not a run folder (no tables/ or catalog.duckdb)")
    with duckdb.connect() as con:
        attach_views(con, run)
        try:
            return con.execute(sql).df()
        except duckdb.Error as err:
            raise QueryError(str(err).splitlines()[0]) from None


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def copy_tables(run: Path, path: Path) -> None:
    """Every table of a run as a real table in another DuckDB file (``--duckdb``)."""
    import duckdb

    with duckdb.connect() as con:
        attach_views(con, run)
        con.execute(f"ATTACH {_quoted(str(path))} AS target")
        for name in (*CATALOG_TABLES, "errors"):
            con.execute(f'CREATE OR REPLACE TABLE target."{name}" AS SELECT * FROM "{name}"')


CSV_DIR = "csv"


def export_csv(run: Path) -> list[Path]:
    """``csv/NAME.csv`` for every table of a run (and ``errors``), for spreadsheet users."""
    from pipeline.tables import write_csv

    folder = run / CSV_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name in (*CATALOG_TABLES, "errors"):
        path, temporary = folder / f"{name}.csv", folder / f".{name}.csv.tmp"
        write_csv(query(run, f'SELECT * FROM "{name}"'), temporary)
        os.replace(temporary, path)
        written.append(path)
    return written
