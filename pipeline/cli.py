"""``baokan``: the command line, a thin shell over the Python API.

Exit codes: 0 all inputs processed, 1 some inputs failed (each reported on stderr, the rest
still written), 2 usage error.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

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
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date like 2026-05-20") from None


def _error(source: str, reason: str) -> None:
    typer.echo(f"baokan: {source}: {reason}", err=True)


@app.command()
def extract(
    files: Annotated[
        list[Path], typer.Argument(help="Page files (.txt, .pdf) or folders of them.")
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "-o", "--out", help="Write pages.jsonl, errors.jsonl and CSV/Parquet tables here."
        ),
    ] = None,
    published: Annotated[
        str | None,
        typer.Option(help="Publication date (YYYY-MM-DD) for relative dates.", callback=_published),
    ] = None,
    duckdb: Annotated[
        Path | None, typer.Option(help="Also write every table into this DuckDB file.")
    ] = None,
    indent: Annotated[
        int | None,
        typer.Option(help="Indent JSON on stdout: one page as an object, several as an array."),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    resume: Annotated[
        bool, typer.Option(help="With --out: keep the pages already there, skip their files.")
    ] = False,
) -> None:
    """Extract every page of FILES: JSON on stdout, or JSON Lines and tables under --out."""
    from pipeline.document import PageDocument
    from pipeline.process import extract_paths

    _check_outputs(out, duckdb, resume)
    folder = None
    if out is not None:
        from pipeline.tables import OutputFolder  # pandas: only when tables are written

        folder = OutputFolder(out, resume=resume)
    kept: list[PageDocument] = []  # for --duckdb or --indent without --out
    failures: list[tuple[str, str]] = []
    paths = [p for p in _inputs(files, failures) if folder is None or not folder.has(p)]
    with _progress(len(paths)) as advance:
        for results in extract_paths(paths, published=published, jobs=jobs):
            for result in results:
                if not isinstance(result, PageDocument):
                    failures.append((result.source, result.reason))
                    _error(result.source, result.reason)
                elif folder is not None:
                    folder.add(result)
                elif indent is None:
                    typer.echo(result.to_json())
                    if duckdb is not None:
                        kept.append(result)
                else:
                    kept.append(result)  # printed at the end, as one JSON value
            advance()
    if folder is None and indent is not None:
        typer.echo(_indented(kept, indent))
    if folder is not None:
        for source, reason in failures:
            folder.fail(source, reason)
        frames = folder.close()
        written = f"{folder.written} page{'' if folder.written == 1 else 's'}"
        typer.echo(f"baokan: {written} written to {out}, {len(failures)} failed", err=True)
    if duckdb is not None:
        from pipeline.tables import to_frames, write_duckdb

        try:
            write_duckdb(frames if folder is not None else to_frames(kept), duckdb)
        except Exception as err:  # duckdb's errors share no base class worth naming here
            _error(str(duckdb), f"cannot write the database: {err}")
            raise typer.Exit(1) from None
    raise typer.Exit(1 if failures else 0)


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


def _indented(docs: list, indent: int) -> str:
    """One page as a JSON object, several as a JSON array, indented."""
    if len(docs) == 1:
        return docs[0].to_json(indent=indent)
    return json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=indent)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for batches, when a person is watching."""
    if total < 2 or not sys.stderr.isatty():
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as progress:
        task = progress.add_task("pages", total=total)
        yield lambda: progress.advance(task)


def _inputs(files: list[Path], failures: list[tuple[str, str]]) -> Iterator[Path]:
    """Page files named or found under folders; a folder without pages is a failure."""
    from pipeline.ingest import find_pages

    for given in files:
        found = find_pages(given)
        if not found:
            reason = "folder holds no page files (.txt, .pdf)"
            failures.append((str(given), reason))
            _error(str(given), reason)
        yield from found


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


@app.command()
def check(
    claim: Annotated[str, typer.Argument(help="The sentence that cites a figure.")],
    files: Annotated[list[Path], typer.Argument(help="Pages (or folders) to check it against.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the verdicts as JSON.")] = False,
) -> None:
    """Check a cited figure: supported, contradicted (with the page's figure), or not found."""
    from dataclasses import asdict

    from pipeline.claims import check_claim
    from pipeline.document import PageDocument
    from pipeline.process import extract_paths

    failures: list[tuple[str, str]] = []
    docs = []
    for results in extract_paths(list(_inputs(files, failures))):
        for result in results:
            if isinstance(result, PageDocument):
                docs.append(result)
            else:
                failures.append((result.source, result.reason))
                _error(result.source, result.reason)
    verdicts = check_claim(claim, docs)
    if not verdicts:
        _error("claim", "no figure found in the claim")
    if as_json:
        typer.echo(json.dumps([asdict(v) for v in verdicts], ensure_ascii=False, indent=2))
    else:
        for verdict in verdicts:
            typer.echo(_describe(verdict))
    raise typer.Exit(1 if failures or not verdicts else 0)


def _describe(verdict) -> str:
    lines = [f"{verdict.surface}: {verdict.verdict}"]
    found = verdict.evidence
    if found is not None and verdict.verdict != "not_found":
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
