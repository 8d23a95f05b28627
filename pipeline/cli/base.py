"""The ``baokan`` application, its global options and what every command shares.

Only typer and the standard library are imported here: each command imports what it needs
when it runs, so that ``baokan extract`` does not pay for pandas, DuckDB or the web server.
"""

from __future__ import annotations

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


def published_date(value: str | None) -> str | None:
    """The ``--published`` option's callback: YYYY-MM-DD or a usage error."""
    from pipeline.document import published_date as parse

    try:
        return parse(value)
    except ValueError as err:
        raise typer.BadParameter(str(err)) from None


def error(source: str, reason: str) -> None:
    """The one-line error every command prints: ``baokan: SOURCE: reason``."""
    typer.echo(f"baokan: {source}: {reason}", err=True)
