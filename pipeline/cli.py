"""``baokan``: the command line, a thin shell over the Python API.

Exit codes: 0 all inputs processed, 1 some inputs failed (each reported on stderr, the rest
still written), 2 usage error. ``check`` and ``audit`` answer a question instead: 0 all
supported / no finding, 1 some not / some findings, 2 usage error, 3 input error.
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
        int | None, typer.Option(help="Indent JSON on stdout (one page only reads best).")
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes.")] = 1,
    resume: Annotated[
        bool, typer.Option(help="With --out: keep the pages already there, skip their files.")
    ] = False,
) -> None:
    """Extract every page of FILES: JSON on stdout, or JSON Lines and tables under --out."""
    from pipeline.document import PageDocument
    from pipeline.process import extract_paths

    folder = None
    if out is not None:
        from pipeline.tables import OutputFolder  # pandas: only when tables are written

        folder = OutputFolder(out, resume=resume)
    kept: list[PageDocument] = []  # only for --duckdb without --out
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
                else:
                    typer.echo(result.to_json(indent=indent))
                    if duckdb is not None:
                        kept.append(result)
            advance()
    if folder is not None:
        for source, reason in failures:
            folder.fail(source, reason)
        frames = folder.close()
        written = f"{folder.written} page{'' if folder.written == 1 else 's'}"
        typer.echo(f"baokan: {written} written to {out}, {len(failures)} failed", err=True)
    if duckdb is not None:
        from pipeline.tables import to_frames, write_duckdb

        write_duckdb(frames if folder is not None else to_frames(kept), duckdb)
    raise typer.Exit(1 if failures else 0)


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


# Exit codes of check and audit.
ALL_GOOD, SOME_NOT, USAGE, INPUT_ERROR = 0, 1, 2, 3


@app.command()
def check(
    claim: Annotated[
        str | None, typer.Argument(help="The sentence that cites figures (or use --claims).")
    ] = None,
    files: Annotated[
        list[Path] | None, typer.Argument(help="Pages (or folders of pages) to extract.")
    ] = None,
    run: Annotated[
        Path | None,
        typer.Option(help="An extracted run: its folder, pages.jsonl or DuckDB catalog."),
    ] = None,
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
    files: Annotated[
        list[Path] | None, typer.Argument(help="Pages (or folders of pages) to extract.")
    ] = None,
    run: Annotated[
        Path | None,
        typer.Option(help="An extracted run: its folder, pages.jsonl or DuckDB catalog."),
    ] = None,
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


def main() -> None:  # pragma: no cover - console entry for `python -m pipeline.cli`
    sys.exit(app())


if __name__ == "__main__":  # pragma: no cover
    main()
