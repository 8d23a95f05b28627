"""``baokan check`` and ``baokan audit``: cited figures against pages, an editor's checks."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.base import app, error

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
        error("check", "give a CLAIM or --claims FILE.jsonl")
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
                error("claim", "no figure found in the claim")
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
            error(str(given), str(err))
            raise typer.Exit(INPUT_ERROR) from None
    failures: list[tuple[str, str]] = []
    for results in extract_paths(list(_inputs(files, failures))):
        for result in results:
            if isinstance(result, PageDocument):
                docs.append(result)
            else:
                failures.append((result.source, result.reason))
                error(result.source, result.reason)
    if failures:
        raise typer.Exit(INPUT_ERROR)
    if not docs:
        error("check", "no pages to check against (give FILES, --run or --pages)")
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
        error(str(path), str(err).splitlines()[0])
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


def _inputs(files: list[Path], failures: list[tuple[str, str]]) -> Iterator[Path]:
    """Page files named or found under folders; a folder without pages is a failure."""
    from pipeline.ingest import find_pages, page_suffixes_text

    for given in files:
        found = find_pages(given)
        if not found:
            reason = f"folder holds no page files ({page_suffixes_text()})"
            failures.append((str(given), reason))
            error(str(given), reason)
        yield from found
