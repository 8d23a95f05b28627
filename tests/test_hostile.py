"""Issue 17: hostile input (web scrapes, HTML, Traditional Chinese, huge pages, bad output
paths, API misuse) never gives a wrong answer or a traceback."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import warnings
from pathlib import Path

import pytest
from typer.testing import CliRunner

import pipeline
from pipeline import process
from pipeline.cli import app
from pipeline.ingest import IngestError, read_pages
from pipeline.process import PublishedDateError

runner = CliRunner()
_INVISIBLE = "\u200b\u200c\u200d\ufeff\u00ad\u2060\u200e"


def _figure_key(doc) -> list[tuple]:
    return sorted((f.value, f.low, f.high, f.unit, f.scale, f.bound) for f in doc.figures)


def _offsets_hold(doc) -> None:
    text = doc.page.text
    for item in (*doc.figures, *doc.dates, *doc.entities):
        assert text[item.start : item.end] == item.surface


def _sprinkled(text: str, seed: int = 17) -> str:
    rng = random.Random(seed)
    return "".join(ch + (rng.choice(_INVISIBLE) if rng.random() < 0.2 else "") for ch in text)


def _as_html(text: str) -> str:
    body = "\n".join(f"<p>{line.replace('&', '&amp;')}</p>" for line in text.split("\n"))
    head = "<!DOCTYPE html>\n<html><head><style>p {margin: 0}</style></head><body>\n"
    return f"{head}{body}\n</body></html>"


def _traditional(text: str) -> str:
    import opencc

    return opencc.OpenCC("s2t").convert(text)


# --- zero-width characters -----------------------------------------------------------------


def test_zero_width_space_inside_a_number_keeps_its_value():
    doc = pipeline.extract("普惠型小微企业贷款余额38.\u200b8万亿元。")
    (figure,) = doc.figures
    assert figure.value == pytest.approx(3.88e13)
    assert figure.surface == "38.\u200b8万亿元"
    _offsets_hold(doc)


def test_zero_width_space_inside_a_percentage_keeps_its_value():
    doc = pipeline.extract("不良贷款处置率达到1\u200b00%。")
    assert [(f.surface, f.value, f.unit) for f in doc.figures] == [("1\u200b00%", 100.0, "%")]


def test_names_with_zero_width_joiners_are_found_whole(seed_doc, seed_text):
    doc = pipeline.extract(_sprinkled(seed_text))
    plain = {(e.surface, e.label) for e in seed_doc.entities}
    found = {("".join(c for c in e.surface if c not in _INVISIBLE), e.label) for e in doc.entities}
    assert found == plain
    _offsets_hold(doc)


def test_seed_with_zero_width_characters_gives_the_same_articles_and_figures(seed_doc, seed_text):
    doc = pipeline.extract(_sprinkled(seed_text))
    assert len(doc.articles) == len(seed_doc.articles)
    assert [a.headline for a in doc.articles] == [a.headline for a in seed_doc.articles]
    assert _figure_key(doc) == _figure_key(seed_doc)
    assert len(doc.quotes) == len(seed_doc.quotes)


def test_full_width_number_is_read_and_article_text_keeps_the_page_forms():
    doc = pipeline.extract(
        "本报记者 彭江\n\n普惠型小微企业贷款余额３８．８万亿元\u200b，增长９．９％。"
    )
    assert [(f.surface, f.value) for f in doc.figures] == [
        ("３８．８万亿元", pytest.approx(3.88e13)),
        ("９．９％", pytest.approx(9.9)),
    ]
    assert any("３８．８万亿元，增长９．９％。" in a.text for a in doc.articles)
    _offsets_hold(doc)


# --- HTML ----------------------------------------------------------------------------------


def test_html_remnants_do_not_enter_figure_surfaces():
    doc = pipeline.extract("<p>普惠型小微企业贷款余额<b>38.8万亿元</b>，同比增长9.9%&nbsp;。</p>")
    assert [f.surface for f in doc.figures] == ["38.8万亿元", "9.9%"]
    _offsets_hold(doc)


def test_seed_wrapped_in_html_gives_the_same_figures_and_headlines(seed_doc, seed_text):
    doc = pipeline.extract(_as_html(seed_text))
    assert _figure_key(doc) == _figure_key(seed_doc)
    assert [a.headline for a in doc.articles] == [a.headline for a in seed_doc.articles]
    assert not any("<" in f.surface or ">" in f.surface for f in doc.figures)
    _offsets_hold(doc)


def test_html_file_is_read_as_its_visible_text(tmp_path, seed_doc, seed_text):
    page = tmp_path / "page.html"
    page.write_text(_as_html(seed_text), encoding="utf-8")
    (doc,) = pipeline.extract_file(page)
    assert "<p>" not in doc.page.text
    assert _figure_key(doc) == _figure_key(seed_doc)


# --- Traditional Chinese -------------------------------------------------------------------

_TAIPEI = (
    "【記者王小明／台北報導】台積電今年第一季營收達新台幣8393億元，年增41.6%。"
    "台積電董事長魏哲家表示：「人工智慧需求強勁，我們對全年營運審慎樂觀。」"
)


def test_traditional_company_name_is_an_organization():
    doc = pipeline.extract(_TAIPEI)
    labels = {e.surface: e.label for e in doc.entities}
    assert labels.get("台積電") == "ORG"
    assert labels.get("魏哲家") == "PER"


def test_traditional_figure_subject_does_not_run_over_the_dateline():
    doc = pipeline.extract(_TAIPEI)
    money = next(f for f in doc.figures if f.scale == "亿")
    assert money.value == pytest.approx(8.393e11)
    assert money.unit == "新台币"  # units are normalized names, in Simplified like all units
    assert money.subject == "台積電"
    assert "報導" not in (money.metric or "")


def test_corner_bracket_quotes_lose_their_marks_and_keep_their_script():
    (quote,) = pipeline.extract(_TAIPEI).quotes
    assert quote.speaker == "魏哲家"
    assert quote.text == "人工智慧需求強勁，我們對全年營運審慎樂觀。"


def test_seed_in_traditional_gives_the_same_figures_and_traditional_strings(seed_doc, seed_text):
    text = _traditional(seed_text)
    doc = pipeline.extract(text)
    assert _figure_key(doc) == _figure_key(seed_doc)
    assert len(doc.entities) == len(seed_doc.entities)
    assert len(doc.quotes) == len(seed_doc.quotes)
    headlines = [a.headline for a in doc.articles if a.headline]
    assert headlines and all(h in text for h in headlines)
    assert all(q.speaker is None or q.speaker in text for q in doc.quotes)
    _offsets_hold(doc)


# --- long pages ----------------------------------------------------------------------------


def test_a_long_article_is_read_in_pieces_no_longer_than_the_limit(monkeypatch):
    lengths: list[int] = []
    real = process.extract_entities_many

    def spy(texts: list[str]):
        lengths.extend(map(len, texts))
        return real(texts)

    monkeypatch.setattr(process, "PIECE_CHARS", 400)
    monkeypatch.setattr(process, "extract_entities_many", spy)
    sentence = "国家金融监督管理总局称，普惠型小微企业贷款余额38.8万亿元。"
    doc = pipeline.extract(sentence * 60)  # one line, about 1,900 characters
    assert lengths and max(lengths) <= 400
    assert len(doc.figures) == 60
    assert all(f.value == pytest.approx(3.88e13) for f in doc.figures)
    _offsets_hold(doc)


def test_a_page_over_the_size_limit_is_refused_with_a_message():
    with pytest.raises(IngestError, match=r"page too long: 20,000,001 characters"):
        pipeline.extract("字" * 20_000_001)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import pipeline.ingest.text as text_module

    monkeypatch.setattr(text_module, "MAX_PAGE_CHARS", 100)
    page = tmp_path / "huge.txt"
    page.write_text("贷款" * 300, encoding="utf-8")
    (failure,) = read_pages(page)
    assert failure.reason.startswith("page too long: ")


# --- output paths --------------------------------------------------------------------------


@pytest.fixture()
def no_extraction(monkeypatch):
    """Fail the test if any page is extracted: path checks come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("extraction ran before the output path was checked")

    monkeypatch.setattr(process, "extract_paths", refuse)


def _fails_cleanly(result, path: Path, reason: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"baokan: {path}: {reason}" in result.stderr
    assert "Traceback" not in result.output


def test_out_naming_an_existing_file_is_a_usage_error(tmp_path, seed_path, no_extraction):
    target = tmp_path / "taken"
    target.write_text("x")
    result = runner.invoke(app, ["extract", str(seed_path), "-o", str(target)])
    _fails_cleanly(result, target, "exists and is not a folder")


def test_out_that_cannot_be_created_is_a_usage_error(tmp_path, seed_path, no_extraction):
    (tmp_path / "file").write_text("x")
    target = tmp_path / "file" / "out"
    result = runner.invoke(app, ["extract", str(seed_path), "-o", str(target)])
    _fails_cleanly(result, target, "cannot create the folder")


def test_out_under_a_dangling_link_is_a_usage_error(tmp_path, seed_path, no_extraction):
    (tmp_path / "link").symlink_to(tmp_path / "gone")
    target = tmp_path / "link" / "out"
    result = runner.invoke(app, ["extract", str(seed_path), "-o", str(target)])
    _fails_cleanly(result, target, "cannot create the folder")


def test_duckdb_in_a_missing_folder_is_a_usage_error(tmp_path, seed_path, no_extraction):
    target = tmp_path / "missing" / "pages.duckdb"
    result = runner.invoke(app, ["extract", str(seed_path), "--duckdb", str(target)])
    _fails_cleanly(result, target, "no such folder")


def test_duckdb_on_a_file_that_is_not_a_database_is_a_usage_error(
    tmp_path, seed_path, no_extraction
):
    target = tmp_path / "notes.duckdb"
    target.write_text("not a database")
    result = runner.invoke(app, ["extract", str(seed_path), "--duckdb", str(target)])
    _fails_cleanly(result, target, "cannot open as a DuckDB database")


def test_duckdb_locked_by_another_process_is_a_usage_error(tmp_path, seed_path, no_extraction):
    target = tmp_path / "locked.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(target)!r}); "
            "print('ready', flush=True); time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        result = runner.invoke(app, ["extract", str(seed_path), "--duckdb", str(target)])
    finally:
        holder.kill()
        holder.wait()
    _fails_cleanly(result, target, "cannot open as a DuckDB database")


def test_resume_without_out_is_a_usage_error(seed_path, no_extraction):
    result = runner.invoke(app, ["extract", str(seed_path), "--resume"])
    assert result.exit_code == 2
    assert "baokan: --resume: needs --out" in result.stderr


def test_indent_with_several_pages_prints_one_json_array(tmp_path):
    pages = []
    for i, body in enumerate(["贷款余额38.8万亿元。", "同比增长9.9%。"]):
        page = tmp_path / f"p{i}.txt"
        page.write_text(body, encoding="utf-8")
        pages.append(str(page))
    result = runner.invoke(app, ["extract", *pages, "--indent", "2"])
    assert result.exit_code == 0, result.output
    docs = json.loads(result.stdout)
    assert [d["page"]["source"] for d in docs] == pages
    assert result.stdout.startswith("[\n  {")


def test_indent_with_one_page_prints_one_json_object(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("贷款余额38.8万亿元。", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(page), "--indent", "2"])
    assert json.loads(result.stdout)["figures"][0]["surface"] == "38.8万亿元"


# --- the Python API ------------------------------------------------------------------------


def test_extract_given_a_path_raises_type_error_with_a_hint(seed_path):
    with pytest.raises(TypeError, match="extract_file"):
        pipeline.extract(seed_path)


def test_extract_given_bytes_raises_type_error_with_a_hint():
    with pytest.raises(TypeError, match="decode it first"):
        pipeline.extract("贷款".encode())


def test_extract_given_a_str_naming_a_file_warns_and_reads_it_as_text(seed_path):
    with pytest.warns(UserWarning, match="extract_file"):
        doc = pipeline.extract(str(seed_path))
    assert doc.page.text == str(seed_path)


def test_extract_given_page_text_does_not_warn():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        pipeline.extract("贷款余额38.8万亿元。")


def test_to_frames_takes_one_document(seed_doc):
    frames = pipeline.to_frames(seed_doc)
    assert len(frames["pages"]) == 1
    assert len(frames["figures"]) == len(seed_doc.figures)
    assert len(pipeline.to_frames(seed_doc.to_dict())["figures"]) == len(seed_doc.figures)


def test_to_frames_given_page_text_raises_type_error():
    with pytest.raises(TypeError, match="page documents"):
        pipeline.to_frames("贷款余额")


@pytest.mark.parametrize("bad", ["2026-13-45", "May 20", "20/05/2026", ""])
def test_a_bad_published_date_names_the_value_and_the_form(bad):
    if not bad:
        pipeline.extract("贷款余额。", published=bad)  # empty means not given
        return
    with pytest.raises(PublishedDateError, match=r"not a date; give an ISO date like 2026-05-20"):
        pipeline.extract("贷款余额。", published=bad)
    assert issubclass(PublishedDateError, ValueError)


def test_a_folder_walk_takes_page_files_only_and_reports_a_broken_link(tmp_path, seed_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.txt").write_text(seed_path.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "README.md").write_text("# 说明\n\n这是说明文件。", encoding="utf-8")
    (folder / "data.json").write_text('{"text": "不是版面"}', encoding="utf-8")
    (folder / ".hidden.txt").write_text("\x00\x01 not a page", encoding="utf-8")
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")
    out = tmp_path / "out"
    result = runner.invoke(app, ["extract", str(folder), "-o", str(out)])
    assert result.exit_code == 1
    lines = (out / "pages.jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["page"]["source"] for line in lines] == [str(folder / "page.txt")]
    [error] = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert error["source"] == str(folder / "gone.txt")
    assert "Traceback" not in result.output
