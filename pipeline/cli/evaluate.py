"""``baokan eval``: the pipeline's scores on a page against its gold file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.base import app, error, published_date


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
            help="Publication date (YYYY-MM-DD); default: the gold file's.", callback=published_date
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
        error(str(gold), str(err))
        raise typer.Exit(1) from None
    if as_json:
        typer.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2))
    else:
        typer.echo(format_report(report, verbose=verbose))
