"""``baokan extract``: pages to JSON on stdout or to a run folder."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from pipeline.archive.inputs import describe_inputs
from pipeline.cli.base import app, error, published_date

if TYPE_CHECKING:
    from pipeline.archive.engines import Engine
    from pipeline.archive.work import BatchResult

_INPUTS_HELP = describe_inputs().capitalize() + "."


@app.command()
def extract(
    files: Annotated[list[Path], typer.Argument(help=_INPUTS_HELP)],
    out: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--out",
            help="Run folder: pages.jsonl, manifest, Parquet tables, catalog.duckdb. "
            "Running again does only what is new, failed or made by an older version.",
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date (YYYY-MM-DD) for relative dates.", callback=published_date
        ),
    ] = None,
    duckdb: Annotated[
        Path | None, typer.Option(help="Also write every table into this DuckDB file.")
    ] = None,
    csv: Annotated[
        bool,
        typer.Option(help="With --out: also write csv/NAME.csv per table (UTF-8 with BOM, Excel)."),
    ] = False,
    indent: Annotated[
        int | None,
        typer.Option(help="Indent JSON on stdout: one page as an object, several as an array."),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="Dask scheduler (tcp://HOST:PORT), or 'local' for a new local Dask cluster "
            "of --jobs workers."
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Page sources per batch.")] = 16,
    resume: Annotated[
        bool, typer.Option(help="With --out: continue a run folder (what it always does).")
    ] = False,
) -> None:
    """Extract every page of FILES: JSON on stdout, or a run folder under --out."""
    from pipeline.archive.engines import EngineError, make_engine

    _check_outputs(out, duckdb, resume)  # a run folder always continues: resume or not
    if csv and out is None:
        error("--csv", "needs --out: the tables are written into the run folder")
        raise typer.Exit(2)
    try:
        engine = make_engine(jobs, scheduler)
    except EngineError as err:
        error(scheduler or "engine", str(err))
        raise typer.Exit(2) from None
    try:
        if out is not None:
            failed = _extract_to_folder(files, out, engine, published, batch_size)
            if duckdb is not None:
                from pipeline.archive.query import copy_tables

                _write_database(lambda: copy_tables(out, duckdb), duckdb)
            if csv:
                from pipeline.archive.query import export_csv

                export_csv(out)
        else:
            failed = _extract_to_stdout(files, engine, published, indent, duckdb)
    except KeyboardInterrupt:
        where = f"run the same command again to resume ({out} keeps what is done)"
        error("interrupted", where if out is not None else "nothing written")
        raise typer.Exit(130) from None
    finally:
        engine.close()
    raise typer.Exit(1 if failed else 0)


def _extract_to_folder(
    files: list[Path], out: Path, engine: Engine, published: str | None, batch_size: int
) -> bool:
    """A run into the folder; whether any source failed."""
    from pipeline import __version__
    from pipeline.archive.run import RunError
    from pipeline.archive.runner import run_archive

    with _progress(files) as on_batch:
        try:
            stats = run_archive(
                files,
                out,
                engine,
                version=__version__,
                published=published,
                batch_size=batch_size,
                on_batch=on_batch,
            )
        except RunError as err:
            error(str(out), str(err))
            raise typer.Exit(2) from None
    pages = f"{stats.pages} page{'' if stats.pages == 1 else 's'}"
    typer.echo(
        f"baokan: {pages} written to {out}, {stats.skipped} already done, "
        f"{len(stats.failures)} failed",
        err=True,
    )
    return bool(stats.failures)


def _extract_to_stdout(
    files: list[Path],
    engine: Engine,
    published: str | None,
    indent: int | None,
    duckdb: Path | None,
) -> bool:
    """Page documents on stdout in input order; whether any source failed."""
    from pipeline.archive.runner import extract_sources

    kept: list[str] = []  # for --duckdb or --indent
    failed = False
    for result in extract_sources(files, engine, published=published):
        for outcome in result.outcomes:
            for source, reason in outcome.errors:
                failed = True
                error(source, reason)
            if indent is None:
                typer.echo("\n".join(outcome.lines), nl=bool(outcome.lines))
            kept += outcome.lines if duckdb is not None or indent is not None else []
    docs = [json.loads(line) for line in kept]
    if indent is not None:
        typer.echo(_indented(docs, indent))
    if duckdb is not None:
        from pipeline.tables import to_frames, write_duckdb

        _write_database(lambda: write_duckdb(to_frames(docs), duckdb), duckdb)
    return failed


def _write_database(write: Callable[[], None], duckdb: Path) -> None:
    try:
        write()
    except Exception as err:  # duckdb's errors share no base class worth naming here
        error(str(duckdb), f"cannot write the database: {err}")
        raise typer.Exit(1) from None


def _check_outputs(out: Path | None, duckdb: Path | None, resume: bool) -> None:
    """Exit 2 with ``baokan: PATH: reason`` on an output that cannot be written, up front."""
    from pipeline.outputs import OutputPathError, check_duckdb_path, check_output_dir

    if resume and out is None:
        error("--resume", "needs --out (it keeps the pages already written there)")
        raise typer.Exit(2)
    try:
        if out is not None:
            check_output_dir(out)
        if duckdb is not None:
            check_duckdb_path(duckdb)
    except OutputPathError as err:
        error(str(err.path), err.reason)
        raise typer.Exit(2) from None


def _indented(docs: list[dict], indent: int) -> str:
    """One page as a JSON object, several as a JSON array, indented."""
    value = docs[0] if len(docs) == 1 else docs
    return json.dumps(value, ensure_ascii=False, indent=indent)


@contextmanager
def _progress(files: list[Path]) -> Iterator[Callable]:
    """Each failure on stderr; pages/s, ETA and failures so far when a person is watching."""
    if not sys.stderr.isatty():
        yield lambda result, stats: _report(result, error)
        return
    from rich.console import Console
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from pipeline.archive.inputs import count_sources

    columns = (
        TextColumn("{task.completed}/{task.total} sources"),
        BarColumn(),
        TextColumn("{task.fields[rate]:.1f} pages/s"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[failed]} failed"),
    )
    with Progress(*columns, console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("sources", total=count_sources(files), rate=0.0, failed=0)
        started = time.monotonic()

        def on_batch(result, stats) -> None:
            rate = stats.pages / max(time.monotonic() - started, 1e-9)
            done = stats.sources + stats.skipped
            progress.update(task, completed=done, rate=rate, failed=len(stats.failures))
            _report(
                result,
                lambda source, reason: progress.console.print(
                    f"baokan: {source}: {reason}", markup=False, highlight=False
                ),
            )

        yield on_batch


def _report(result: BatchResult, error: Callable[[str, str], None]) -> None:
    for outcome in result.outcomes:
        for source, reason in outcome.errors:
            error(source, reason)
