"""``baokan schema`` and ``baokan train-ner``: the page contract and the entity model."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.base import app, error


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
        error(str(train), "no such file")
        raise typer.Exit(2)
    train_model(train, out or MODEL_DIR)
