"""`baokan view` writes the annotated page as one offline HTML file; `baokan serve` options."""

from __future__ import annotations

import socket

from typer.testing import CliRunner

from pipeline.cli import app

runner = CliRunner()


def test_view_writes_the_annotated_page(seed_path, seed_doc, tmp_path):
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["view", str(seed_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert html.count('data-kind="fig"') >= len(seed_doc.figures)
    assert "<style>" in html and "<link" not in html  # works from disk, offline


def test_view_of_a_missing_page_is_a_one_line_error(tmp_path):
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, ["view", str(missing), "-o", str(tmp_path / "x.html")])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"baokan: {missing}: no such file"
    assert not (tmp_path / "x.html").exists()


def test_view_into_a_missing_folder_is_a_one_line_error(seed_path, tmp_path):
    out = tmp_path / "no" / "page.html"
    result = runner.invoke(app, ["view", str(seed_path), "-o", str(out)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"baokan: {out}: No such file or directory"


def test_view_of_a_bad_date_is_a_usage_error(seed_path, tmp_path):
    result = runner.invoke(
        app, ["view", str(seed_path), "-o", str(tmp_path / "x.html"), "--published", "May"]
    )
    assert result.exit_code == 2


def test_serve_offers_host_port_workers_and_store():
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--host", "--port", "--workers", "--timeout", "--max-bytes", "--store"):
        assert option in result.output


def test_serve_on_a_busy_port_is_a_one_line_error():
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(f"baokan: 127.0.0.1:{port}: ")
    assert "\n" not in result.stderr.strip()
