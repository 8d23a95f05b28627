"""``baokan serve`` and ``baokan view``: the web API and the annotated page."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pipeline.cli.base import app, error, published_date


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
        error(f"{host}:{port}", busy)
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
        typer.Option(
            help="Publication date (YYYY-MM-DD) for relative dates.", callback=published_date
        ),
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
        error(str(out), err.strerror or type(err).__name__)
        raise typer.Exit(1) from None
    more = f" (first of {len(docs)} pages)" if len(docs) > 1 else ""
    typer.echo(f"baokan: {out} written{more}", err=True)
