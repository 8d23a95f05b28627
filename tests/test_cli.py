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


def test_extract_with_out_writes_a_run_folder_with_every_table(tmp_path, seed_path):
    out = tmp_path / "out"
    result = _run("extract", str(seed_path), "-o", str(out), "--duckdb", str(tmp_path / "x.duckdb"))
    assert result.exit_code == 0, result.output
    assert len((out / "pages.jsonl").read_text(encoding="utf-8").splitlines()) == 1
    assert (out / "errors.jsonl").read_text() == ""
    assert (out / "catalog.duckdb").is_file()
    import duckdb

    with duckdb.connect(str(tmp_path / "x.duckdb"), read_only=True) as con:
        for table in ("pages", *TABLES):
            parts = list((out / "tables" / table).rglob("*.parquet"))
            in_parquet = sum(len(pd.read_parquet(p)) for p in parts)
            copied = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            assert copied == in_parquet, table
    assert in_parquet > 0  # the seed page has quotes


def test_csv_flag_writes_every_table_for_excel(tmp_path, seed_path):
    out = tmp_path / "out"
    assert _run("extract", str(seed_path), "-o", str(out), "--csv").exit_code == 0
    doc = json.loads((out / "pages.jsonl").read_text(encoding="utf-8"))
    for table in ("pages", *TABLES, "errors"):
        raw = (out / "csv" / f"{table}.csv").read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), table  # the BOM Excel needs for Chinese
    figures = pd.read_csv(out / "csv" / "figures.csv", encoding="utf-8-sig")
    assert len(figures) == len(doc["figures"])
    articles = pd.read_csv(out / "csv" / "articles.csv", encoding="utf-8-sig")
    assert json.loads(articles["spans"][0]) == doc["articles"][0]["spans"]


def test_csv_flag_without_out_is_a_usage_error(seed_path):
    assert _run("extract", str(seed_path), "--csv").exit_code == 2


def test_query_prints_a_table_csv_or_json_lines(tmp_path, seed_path):
    out = tmp_path / "out"
    assert _run("extract", str(seed_path), "-o", str(out)).exit_code == 0
    sql = "SELECT label, count(*) AS n FROM entities GROUP BY label ORDER BY n DESC, label"
    as_csv = _run("query", str(out), sql, "--format", "csv")
    as_json = _run("query", str(out), sql, "--format", "json")
    as_table = _run("query", str(out), sql)
    assert as_csv.exit_code == as_json.exit_code == as_table.exit_code == 0
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert as_csv.stdout.splitlines()[0] == "label,n"
    assert len(as_csv.stdout.splitlines()) == len(rows) + 1
    assert rows[0]["label"] in as_table.stdout


def test_query_reports_bad_sql_and_missing_runs_in_one_line(tmp_path):
    missing = _run("query", str(tmp_path), "SELECT 1")
    assert missing.exit_code == 1
    assert missing.stderr.startswith(f"baokan: {tmp_path}: not a run folder")
    assert "Traceback" not in missing.output


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
    for command in ("extract", "query", "eval", "check", "schema", "train-ner"):
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
    assert result.exit_code == 0
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
    parts = (out / "tables" / "pages").rglob("*.parquet")
    assert sum(len(pd.read_parquet(p)) for p in parts) == 3
    assert "1 page written" in result.stderr


def test_an_unreachable_scheduler_is_a_one_line_usage_error(tmp_path):
    (tmp_path / "a.txt").write_text("国家统计局发布数据。", encoding="utf-8")
    result = _run("extract", str(tmp_path), "--scheduler", "no:such:place")
    assert result.exit_code == 2
    assert result.stderr.startswith("baokan: no:such:place: cannot reach the Dask scheduler")
    assert "Traceback" not in result.output


def test_a_jsonl_export_runs_into_paper_and_month_partitions(tmp_path):
    rows = [
        {
            "id": f"p{i}",
            "paper": "浙江日报",
            "published": f"2026-0{i + 4}-20",
            "text": f"浙江省统计局发布数据，全省贷款余额{i + 3}.5万亿元。",
        }
        for i in range(2)
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    out = tmp_path / "run"
    assert _run("extract", str(export), "-o", str(out)).exit_code == 0
    months = {p.parent.name for p in (out / "tables" / "pages").rglob("*.parquet")}
    assert months == {"month=2026-04", "month=2026-05"}
    sql = (
        "SELECT p.source, p.month, count(f.id) AS n FROM pages p LEFT JOIN figures f "
        "USING (page_id) WHERE p.paper = '浙江日报' GROUP BY ALL ORDER BY p.source"
    )
    result = _run("query", str(out), sql, "--format", "json")
    found = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["source"], r["month"]) for r in found] == [
        (f"{export}#p0", "2026-04"),
        (f"{export}#p1", "2026-05"),
    ]
    assert all(r["n"] >= 1 for r in found)
