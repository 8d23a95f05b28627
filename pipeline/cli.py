"""``baokan``: the command line, a thin shell over the Python API.

Exit codes: 0 all inputs processed, 1 some inputs failed (each reported on stderr, the rest
still written), 2 usage error. ``check`` and ``audit`` answer a question instead: 0 all
supported / no finding, 1 some not / some findings, 2 usage error, 3 input error.
"""

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

if TYPE_CHECKING:
    from pipeline.archive.engines import Engine
    from pipeline.archive.work import BatchResult

app = typer.Typer(
    help="Chinese newspaper pages in; articles, figures, dates, entities and quotes out.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _print_version(value: bool) -> None:
    if value:
        from pipeline import __version__

        typer.echo(f"baokan {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Options before the command (``baokan --version``)."""


def _published(value: str | None) -> str | None:
    from pipeline.document import published_date

    try:
        return published_date(value)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None


def _error(source: str, reason: str) -> None:
    typer.echo(f"baokan: {source}: {reason}", err=True)


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
        typer.Option(help="Publication date (YYYY-MM-DD) for relative dates.", callback=_published),
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
        _error("--csv", "needs --out: the tables are written into the run folder")
        raise typer.Exit(2)
    try:
        engine = make_engine(jobs, scheduler)
    except EngineError as err:
        _error(scheduler or "engine", str(err))
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
        _error("interrupted", where if out is not None else "nothing written")
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
            _error(str(out), str(err))
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
                _error(source, reason)
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
        _error(str(duckdb), f"cannot write the database: {err}")
        raise typer.Exit(1) from None


def _check_outputs(out: Path | None, duckdb: Path | None, resume: bool) -> None:
    """Exit 2 with ``baokan: PATH: reason`` on an output that cannot be written, up front."""
    from pipeline.outputs import OutputPathError, check_duckdb_path, check_output_dir

    if resume and out is None:
        _error("--resume", "needs --out (it keeps the pages already written there)")
        raise typer.Exit(2)
    try:
        if out is not None:
            check_output_dir(out)
        if duckdb is not None:
            check_duckdb_path(duckdb)
    except OutputPathError as err:
        _error(str(err.path), err.reason)
        raise typer.Exit(2) from None


def _indented(docs: list[dict], indent: int) -> str:
    """One page as a JSON object, several as a JSON array, indented."""
    value = docs[0] if len(docs) == 1 else docs
    return json.dumps(value, ensure_ascii=False, indent=indent)


@contextmanager
def _progress(files: list[Path]) -> Iterator[Callable]:
    """Each failure on stderr; pages/s, ETA and failures so far when a person is watching."""
    if not sys.stderr.isatty():
        yield lambda result, stats: _report(result, _error)
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


def _inputs(files: list[Path], failures: list[tuple[str, str]]) -> Iterator[Path]:
    """Page files named or found under folders; a folder without pages is a failure."""
    from pipeline.ingest import find_pages, page_suffixes_text

    for given in files:
        found = find_pages(given)
        if not found:
            reason = f"folder holds no page files ({page_suffixes_text()})"
            failures.append((str(given), reason))
            _error(str(given), reason)
        yield from found


@app.command()
def query(
    run: Annotated[Path, typer.Argument(help="A run folder written by `baokan extract -o`.")],
    sql: Annotated[
        str,
        typer.Argument(
            help="SQL over pages, articles, sidebars, figures, dates, entities, quotes, errors."
        ),
    ],
    fmt: Annotated[
        str, typer.Option("--format", help="table, csv or json (JSON Lines).")
    ] = "table",
) -> None:
    """Run SQL on a run folder's catalog and print the result."""
    from pipeline.archive.query import QueryError
    from pipeline.archive.query import query as run_query

    if fmt not in ("table", "csv", "json"):
        raise typer.BadParameter("use table, csv or json", param_hint="--format")
    try:
        frame = run_query(run, sql)
    except QueryError as err:
        _error(str(run), str(err))
        raise typer.Exit(1) from None
    if fmt == "csv":
        typer.echo(frame.to_csv(index=False, lineterminator="\n"), nl=False)
    elif fmt == "json":
        typer.echo(frame.to_json(orient="records", lines=True, force_ascii=False), nl=False)
    else:
        typer.echo(frame.to_string(index=False, max_colwidth=60))


@app.command(name="eval")
def evaluate(
    page: Annotated[Path, typer.Argument(help="The page file the gold file annotates.")],
    gold: Annotated[Path, typer.Option(help="Gold file (JSON) of that page.")],
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List misses and extras.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    published: Annotated[
        str | None,
        typer.Option(
            help="Publication date (YYYY-MM-DD); default: the gold file's.", callback=_published
        ),
    ] = None,
) -> None:
    """Score the pipeline on PAGE against its gold file: precision, recall, F1 per table."""
    from pipeline.evaluate import format_report, load_gold, score
    from pipeline.process import extract_file

    try:
        gold_data = load_gold(gold)
        docs = extract_file(page, published=published or gold_data["page"].get("published"))
        report = score(docs[0].to_dict(), gold_data)
    except (OSError, ValueError) as err:
        _error(str(gold), str(err))
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(format_report(report, verbose=verbose))


# Exit codes of check and audit.
ALL_GOOD, SOME_NOT, USAGE, INPUT_ERROR = 0, 1, 2, 3

# The inputs check and audit share: pages to extract, or a run extracted before.
_PageFiles = Annotated[
    list[Path] | None, typer.Argument(help="Pages (or folders of pages) to extract.")
]
_RunOption = Annotated[
    Path | None,
    typer.Option(help="An extracted run: its folder, pages.jsonl or DuckDB catalog."),
]


@app.command()
def check(
    claim: Annotated[
        str | None, typer.Argument(help="The sentence that cites figures (or use --claims).")
    ] = None,
    files: _PageFiles = None,
    run: _RunOption = None,
    pages: Annotated[
        Path | None, typer.Option(help="Extracted pages: pages.jsonl or a DuckDB catalog.")
    ] = None,
    claims: Annotated[
        Path | None,
        typer.Option(help='Claims file, JSON Lines ({"claim": ..., "id": ...}); writes JSONL.'),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdicts as JSON.")] = False,
) -> None:
    """Check cited figures against pages: supported, contradicted (with the page's figure),
    mismatch (the page gives it for another subject, period, metric or unit) or not_found.

    Exit codes: 0 every figure supported; 1 some not supported; 2 usage error; 3 input error
    (pages or claims that cannot be read).
    """
    from pipeline.claims import Index, check_claim

    paths = list(files or [])
    if claims is not None and claim is not None:
        paths.insert(0, Path(claim))  # with --claims every argument is a page
        claim = None
    if claim is None and claims is None:
        _error("check", "give a CLAIM or --claims FILE.jsonl")
        raise typer.Exit(USAGE)
    docs = _pages_for(paths, run, pages)
    records = _read_claims(claims) if claims is not None else [{"claim": claim}]
    index = Index(docs)
    all_good = True
    for record in records:
        verdicts = check_claim(record["claim"], index)
        all_good &= bool(verdicts) and all(v.verdict == "supported" for v in verdicts)
        if claims is not None:
            out = {**record, "verdicts": [v.to_dict() for v in verdicts]}
            typer.echo(json.dumps(out, ensure_ascii=False))
        elif as_json:
            typer.echo(json.dumps([v.to_dict() for v in verdicts], ensure_ascii=False, indent=2))
        else:
            if not verdicts:
                _error("claim", "no figure found in the claim")
            for verdict in verdicts:
                typer.echo(_describe(verdict))
    raise typer.Exit(ALL_GOOD if all_good else SOME_NOT)


def _pages_for(files: list[Path], run: Path | None, pages: Path | None) -> list:
    """Pages from extracted runs, or extracted now from page files; exit 3 when unreadable."""
    from pipeline.claims.load import PagesError, load_pages
    from pipeline.document import PageDocument
    from pipeline.process import extract_paths

    docs: list[PageDocument] = []
    for given in (p for p in (run, pages) if p is not None):
        try:
            docs += load_pages(given)
        except PagesError as err:
            _error(str(given), str(err))
            raise typer.Exit(INPUT_ERROR) from None
    failures: list[tuple[str, str]] = []
    for results in extract_paths(list(_inputs(files, failures))):
        for result in results:
            if isinstance(result, PageDocument):
                docs.append(result)
            else:
                failures.append((result.source, result.reason))
                _error(result.source, result.reason)
    if failures:
        raise typer.Exit(INPUT_ERROR)
    if not docs:
        _error("check", "no pages to check against (give FILES, --run or --pages)")
        raise typer.Exit(USAGE)
    return docs


def _read_claims(path: Path) -> list[dict]:
    """Claim records of a JSON Lines file; each needs a "claim" string."""
    records = []
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if not line.strip():
                    continue
                record = json.loads(line)
                if not isinstance(record, dict) or not isinstance(record.get("claim"), str):
                    raise ValueError(f'line {number} has no "claim" string')
                records.append(record)
    except (OSError, ValueError) as err:
        _error(str(path), str(err).splitlines()[0])
        raise typer.Exit(INPUT_ERROR) from None
    return records


def _describe(verdict) -> str:
    what = verdict.verdict + (f" ({verdict.field})" if verdict.field else "")
    lines = [f"{verdict.surface}: {what}: {verdict.reason}"]
    found = verdict.evidence
    if found is not None:
        figure = found.figure
        lines.append(
            f"  page says {figure.surface} (value {_value_text(figure)} {figure.unit or ''}) "
            f"in {found.source}, chars {figure.start}-{figure.end}"
            + (f", article 《{found.headline}》" if found.headline else "")
        )
        lines.append(f"  sentence: {found.sentence}")
    return "\n".join(lines)


def _value_text(figure) -> str:
    if figure.value is not None:
        return f"{figure.value:,.15g}"
    return "–".join(f"{v:,.15g}" for v in (figure.low, figure.high) if v is not None)


@app.command()
def audit(
    files: _PageFiles = None,
    run: _RunOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="JSON Lines, one finding a line.")
    ] = False,
) -> None:
    """What a careful editor checks: a sidebar figure that differs from the body's, a part
    larger than its whole, shares past 100%, a rate the two stated levels do not give.

    Exit codes: 0 no finding; 1 some findings; 2 usage error; 3 input error.
    """
    from pipeline.claims.audit import audit_page

    docs = _pages_for(list(files or []), run, None)
    count = 0
    for doc in docs:
        for finding in audit_page(doc):
            count += 1
            if as_json:
                typer.echo(json.dumps(finding.to_dict(), ensure_ascii=False))
            else:
                where = ", ".join(f"{s}-{e}" for s, e in finding.spans)
                typer.echo(f"{doc.page.source}: {finding.kind}: {finding.reason} (chars {where})")
    raise typer.Exit(SOME_NOT if count else ALL_GOOD)


@app.command()
def schema() -> None:
    """Print the JSON Schema (draft 2020-12) of the page document."""
    from pipeline.document import json_schema

    typer.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


@app.command(name="train-ner")
def train_ner(
    train: Annotated[Path, typer.Argument(help="Training data (ner_train.jsonl format).")],
    out: Annotated[
        Path | None, typer.Option(help="Model folder (default: the shipped model's).")
    ] = None,
) -> None:
    """Retrain the statistical NER model from a JSONL file of annotated sentences."""
    from pipeline.entities import MODEL_DIR
    from pipeline.ner_train import train as train_model

    if not train.is_file():
        _error(str(train), "no such file")
        raise typer.Exit(2)
    train_model(train, out or MODEL_DIR)


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option(min=1, help="Extraction worker processes.")] = 2,
    timeout: Annotated[
        float, typer.Option(min=0.1, help="Seconds a page may take before its worker is stopped.")
    ] = 30.0,
    max_bytes: Annotated[
        int, typer.Option(min=1, help="Largest request body (bytes).")
    ] = 2_000_000,
    store: Annotated[
        Path | None, typer.Option(help="DuckDB file that keeps the pages read (default: memory).")
    ] = None,
) -> None:
    """Serve the JSON API (/extract, /check, /docs) and the annotated page at /."""
    import uvicorn

    from pipeline.web.app import Settings, create_app

    settings = Settings(
        workers=workers,
        timeout=timeout,
        max_bytes=max_bytes,
        store=str(store) if store else ":memory:",
    )
    busy = _unbindable(host, port)
    if busy:
        _error(f"{host}:{port}", busy)
        raise typer.Exit(1)
    typer.echo(f"baokan: serving on http://{host}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(create_app(settings), host=host, port=port, log_level="warning")


def _unbindable(host: str, port: int) -> str | None:
    """Why the server could not listen there, checked before its workers start."""
    import socket

    try:
        with socket.create_server((host, port)):
            return None
    except OSError as err:
        return err.strerror or str(err)


@app.command()
def view(
    page: Annotated[Path, typer.Argument(help="A page file (.txt, .pdf).")],
    out: Annotated[Path, typer.Option("-o", "--out", help="The HTML file to write.")],
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for relative dates.", callback=_published),
    ] = None,
) -> None:
    """Write the annotated page of PAGE as one HTML file that works offline."""
    from pipeline.ingest import IngestError
    from pipeline.process import extract_file
    from pipeline.web.render import render_page

    try:
        docs = extract_file(page, published=published)
    except IngestError as err:  # its message names the page already
        typer.echo(f"baokan: {err}", err=True)
        raise typer.Exit(1) from None
    try:
        out.write_text(render_page(docs[0].to_dict()), encoding="utf-8")
    except OSError as err:
        _error(str(out), err.strerror or type(err).__name__)
        raise typer.Exit(1) from None
    more = f" (first of {len(docs)} pages)" if len(docs) > 1 else ""
    typer.echo(f"baokan: {out} written{more}", err=True)


def main() -> None:  # pragma: no cover - console entry for `python -m pipeline.cli`
    sys.exit(app())


if __name__ == "__main__":  # pragma: no cover
    main()
