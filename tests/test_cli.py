"""The `baokan` command: outputs, exit codes and one-line errors for bad input."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.document import TABLES

runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture()
def bad_inputs(tmp_path):
    """One of each kind of bad input, beside one good page."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "garbled.txt").write_bytes(bytes((i * 7919) % 254 + 1 for i in range(4000)))
    (folder / "good.txt").write_text(
        "本报记者 彭江\n\n今年一季度贷款余额38.8万亿元。", encoding="utf-8"
    )
    empty_folder = tmp_path / "nothing"
    empty_folder.mkdir()
    return folder, empty_folder, tmp_path / "missing.txt"


def test_extract_prints_one_json_document_for_one_page(seed_path):
    result = _run("extract", str(seed_path))
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == "1"
    assert doc["page"]["source"] == str(seed_path)


def test_extract_prints_json_lines_for_several_pages(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("国家统计局发布数据。", encoding="utf-8")
    result = _run("extract", str(tmp_path))
    lines = result.stdout.strip().split("\n")
    assert result.exit_code == 0
    assert [json.loads(line)["page"]["source"] for line in lines] == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
    ]


def test_extract_with_out_writes_jsonl_and_every_table(tmp_path, seed_path):
    out = tmp_path / "out"
    result = _run("extract", str(seed_path), "-o", str(out), "--duckdb", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 0, result.output
    assert len((out / "pages.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    assert (out / "errors.jsonl").read_text() == ""
    for table in ("pages", *TABLES):
        raw = (out / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "CSV carries a BOM so Excel reads UTF-8"
        parquet = pd.read_parquet(out / f"{table}.parquet")
        assert len(parquet) == len(pd.read_csv(out / f"{table}.csv", encoding="utf-8-sig"))
    assert (tmp_path / "x.duckdb").is_file()


def test_bad_inputs_are_reported_and_the_rest_is_written(tmp_path, bad_inputs):
    folder, empty_folder, missing = bad_inputs
    out = tmp_path / "out"
    result = _run("extract", str(folder), str(empty_folder), str(missing), "-o", str(out))
    assert result.exit_code == 1
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    reasons = {e["source"].rsplit("/", 1)[-1]: e["reason"] for e in errors}
    assert set(reasons) == {"empty.txt", "picture.txt", "garbled.txt", "nothing", "missing.txt"}
    assert "empty" in reasons["empty.txt"]
    assert "PNG" in reasons["picture.txt"]
    assert "decode" in reasons["garbled.txt"]
    assert "no such file" in reasons["missing.txt"]
    pages = (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(p)["page"]["source"] for p in pages] == [str(folder / "good.txt")]
    stderr_lines = result.stderr.strip().splitlines()
    assert all(line.startswith("baokan: ") for line in stderr_lines)
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ("extract",),
        ("extract", "x.txt", "--published", "yesterday"),
        ("frobnicate",),
        ("eval", "x.txt"),
    ],
    ids=["no-files", "bad-date", "unknown-command", "eval-without-gold"],
)
def test_usage_errors_exit_2(args):
    assert _run(*args).exit_code == 2


def test_schema_command_prints_the_schema():
    result = _run("schema")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["$schema"].endswith("2020-12/schema")


def test_help_explains_every_command():
    result = _run("--help")
    for command in ("extract", "eval", "check", "audit", "schema", "train-ner"):
        assert command in result.stdout


def test_jobs_give_the_same_output_in_input_order(tmp_path):
    for i, city in enumerate(("广州", "成都", "西安")):
        text = f"{city}市统计局发布数据，一季度全市新增企业{i + 2}万家。"
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    serial = _run("extract", str(tmp_path))
    parallel = _run("extract", str(tmp_path), "--jobs", "2")
    assert parallel.exit_code == serial.exit_code == 0
    assert parallel.stdout == serial.stdout


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [("深圳新增注册商标12万件", "supported"), ("深圳新增注册商标15万件", "contradicted")],
)
def test_check_prints_the_verdict_and_the_sentence(tmp_path, claim, verdict):
    page = tmp_path / "page.txt"
    page.write_text("另据统计，深圳市今年新增注册商标12万件。", encoding="utf-8")
    result = _run("check", claim, str(page))
    assert result.exit_code == (0 if verdict == "supported" else 1)
    assert result.stdout.startswith(f"{claim[-4:]}: {verdict}")
    assert "新增注册商标12万件" in result.stdout


def test_resume_keeps_written_pages_and_does_only_the_rest(tmp_path):
    pages = tmp_path / "in"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):
        (pages / name).write_text("省统计局发布数据，全省新增企业3万家。", encoding="utf-8")
    out = tmp_path / "out"
    assert _run("extract", str(pages), "-o", str(out)).exit_code == 0
    with (out / "pages.jsonl").open("a", encoding="utf-8") as jsonl:
        jsonl.write('{"schema_version": "1", "page": {"id": "cut sho')  # a crash mid-line
    (pages / "c.txt").write_text("市商务局称，今年外贸进出口增长5.2%。", encoding="utf-8")
    result = _run("extract", str(pages), "-o", str(out), "--resume")
    assert result.exit_code == 0, result.output
    lines = (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    sources = sorted(json.loads(line)["page"]["source"] for line in lines)
    assert sources == [str(pages / n) for n in ("a.txt", "b.txt", "c.txt")]
    assert len(pd.read_parquet(out / "pages.parquet")) == 3
    assert "1 page written" in result.stderr
