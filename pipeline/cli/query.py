"""``baokan query``: SQL over a run folder's catalog."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.base import app, error


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
        error(str(run), str(err))
        raise typer.Exit(1) from None
    if fmt == "csv":
        typer.echo(frame.to_csv(index=False, lineterminator="\n"), nl=False)
    elif fmt == "json":
        typer.echo(frame.to_json(orient="records", lines=True, force_ascii=False), nl=False)
    else:
        typer.echo(frame.to_string(index=False, max_colwidth=60))
