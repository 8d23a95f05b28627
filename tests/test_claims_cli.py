"""`baokan check` and `baokan audit`: pages from files or from an extracted run, claim files,
exit codes, one-line errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import pipeline
from pipeline.claims.load import PagesError, load_pages
from pipeline.cli import app
from pipeline.document import PageDocument
from pipeline.tables import to_frames, write_duckdb

runner = CliRunner()
PAGE = (
    "本报杭州5月20日电  截至2026年4月末，浙江已组织走访企业596万家，"
    "纳入推荐清单数量172万家，其中147万家已获得授信支持，累放贷款6.5万亿元。\n"
)


def _run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("run")
    page = folder / "page.txt"
    page.write_text(PAGE, encoding="utf-8")
    assert _run("extract", str(page), "-o", str(folder / "out")).exit_code == 0
    return folder


@pytest.mark.parametrize(
    ("claim", "code", "verdict"),
    [
        ("浙江已组织走访企业596万家", 0, "supported"),
        ("浙江已组织走访企业696万家", 1, "contradicted"),
        ("上海已组织走访企业596万家", 1, "mismatch"),
    ],
)
def test_check_against_a_run_exits_by_verdict(run_dir, claim, code, verdict):
    result = _run("check", claim, "--run", str(run_dir / "out"), "--json")
    assert result.exit_code == code, result.output
    [found] = json.loads(result.stdout)
    assert found["verdict"] == verdict
    assert found["evidence"]["figure"]["surface"] == "596万家"


def test_check_many_claims_writes_one_json_line_each(run_dir, tmp_path):
    claims = tmp_path / "claims.jsonl"
    lines = [{"id": "a", "claim": "浙江已组织走访企业596万家"}, {"id": "b", "claim": "浙江147万家"}]
    claims.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in lines), "utf-8")
    pages = run_dir / "out" / "pages.jsonl"
    result = _run("check", "--claims", str(claims), "--pages", str(pages))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[0]["verdicts"][0]["verdict"] == "supported"
    assert result.exit_code == (0 if records[1]["verdicts"][0]["verdict"] == "supported" else 1)


def test_check_reads_the_duckdb_catalog_like_pages_jsonl(run_dir, tmp_path):
    docs = load_pages(run_dir / "out")
    catalog = tmp_path / "run.duckdb"
    write_duckdb(to_frames(docs), catalog)
    back = load_pages(catalog)
    assert [d.figures for d in back] == [d.figures for d in docs]
    result = _run("check", "浙江已组织走访企业596万家", "--pages", str(catalog))
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize(
    "args",
    [
        ("浙江596万家", "--pages", "{tmp}/missing.jsonl"),
        ("--claims", "{tmp}/missing.jsonl", "--run", "{run}"),
        ("--claims", "{tmp}/bad.jsonl", "--run", "{run}"),
    ],
)
def test_unreadable_input_exits_3_with_one_line(run_dir, tmp_path, args):
    (tmp_path / "bad.jsonl").write_text('{"text": "no claim"}\n', encoding="utf-8")
    given = [a.format(tmp=tmp_path, run=run_dir / "out") for a in args]
    result = _run("check", *given)
    assert result.exit_code == 3
    assert result.stderr.startswith("baokan: ") and result.stderr.count("\n") == 1


def test_a_broken_pages_file_is_an_input_error(tmp_path):
    bad = tmp_path / "pages.jsonl"
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(PagesError, match="line 1"):
        load_pages(bad)
    assert _run("check", "浙江596万家", "--pages", str(bad)).exit_code == 3


def test_check_without_claim_or_pages_is_a_usage_error():
    assert _run("check").exit_code == 2
    assert _run("check", "浙江596万家").exit_code == 2


def test_audit_exits_1_with_findings_and_0_on_a_clean_page(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text(PAGE, encoding="utf-8")
    wrong = tmp_path / "wrong.txt"
    wrong.write_text(PAGE.replace("其中147万家", "其中187万家"), encoding="utf-8")
    assert _run("audit", str(clean)).exit_code == 0
    result = _run("audit", str(wrong), "--json")
    assert result.exit_code == 1
    [finding] = [json.loads(line) for line in result.stdout.splitlines()]
    assert finding["kind"] == "part_exceeds_whole"


def test_from_dict_gives_back_the_document():
    doc = pipeline.extract(PAGE, source="p.txt")
    assert PageDocument.from_dict(json.loads(doc.to_json())) == doc
