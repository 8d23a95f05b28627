"""Archive runs: inputs, the run folder's manifest and recovery, the catalog and queries."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest

from pipeline.archive.engines import InProcess
from pipeline.archive.inputs import InputFailure, iter_sources
from pipeline.archive.query import QueryError, query
from pipeline.archive.run import MANIFEST, PAGES, RunFolder
from pipeline.archive.runner import run_archive
from tests.archive_pages import page_text, write_pages


def _run(inputs: list[Path], out: Path, version: str = "1", **options):
    return run_archive(inputs, out, InProcess(), version=version, batch_size=2, **options)


def _sources(out: Path) -> list[str]:
    lines = (out / PAGES).read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["page"]["source"] for line in lines]


def test_folder_walk_takes_page_files_and_skips_hidden_ones(tmp_path):
    write_pages(tmp_path / "paper", 2)
    (tmp_path / "paper" / ".hidden.txt").write_text(page_text(9), encoding="utf-8")
    (tmp_path / "paper" / ".git").mkdir()
    (tmp_path / "paper" / ".git" / "x.txt").write_text(page_text(8), encoding="utf-8")
    (tmp_path / "paper" / "notes.md").write_text(page_text(7), encoding="utf-8")
    keys = [s.key for s in iter_sources([tmp_path / "paper"])]
    assert [Path(k).name for k in keys] == ["p0000.txt", "p0001.txt"]


def test_zip_tar_and_jsonl_inputs_give_keys_papers_and_dates(tmp_path):
    with zipfile.ZipFile(tmp_path / "日报.zip", "w") as archive:
        archive.writestr("b/p2.txt", page_text(2))
        archive.writestr("a/p1.txt", page_text(1))
        archive.writestr("__MACOSX/a/._p1.txt", "junk")
    with tarfile.open(tmp_path / "晚报.tar.gz", "w:gz") as archive:
        data = page_text(3).encode()
        info = tarfile.TarInfo("p3.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    rows = [
        {"id": "x1", "text": page_text(4), "published": "2026-05-20", "paper": "商报"},
        {"text": page_text(5), "source": "p5.txt"},
        {"no_text": 1},
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    found = list(iter_sources([tmp_path / "日报.zip", tmp_path / "晚报.tar.gz", export]))
    keys = [s.key.removeprefix(f"{tmp_path}/") for s in found]
    assert list(zip(keys, [getattr(s, "paper", None) for s in found], strict=True)) == [
        ("日报.zip!a/p1.txt", "日报"),
        ("日报.zip!b/p2.txt", "日报"),
        ("晚报.tar.gz!p3.txt", "晚报"),
        ("export.jsonl#x1", "商报"),
        ("export.jsonl#line=2", "export"),
        ("export.jsonl#line=3", None),
    ]
    assert found[3].published == "2026-05-20" and found[4].source == "p5.txt"
    assert isinstance(found[5], InputFailure) and "text" in found[5].reason


def test_a_run_writes_pages_partitioned_tables_and_a_catalog(tmp_path):
    write_pages(tmp_path / "浙江日报", 5)
    out = tmp_path / "run"
    stats = _run([tmp_path / "浙江日报"], out, published="2026-05-20")
    assert stats.pages == 5 and not stats.failures
    parts = sorted(p.relative_to(out).parts[:4] for p in (out / "tables").rglob("*.parquet"))
    assert ("tables", "figures", "paper=浙江日报", "month=2026-05") in parts
    assert (out / "catalog.duckdb").is_file()
    in_jsonl = sum(len(json.loads(line)["figures"]) for line in (out / PAGES).open())
    counted = query(out, "SELECT count(*) AS n, min(paper) AS paper FROM figures")
    assert counted.n[0] == in_jsonl > 0 and counted.paper[0] == "浙江日报"


def test_catalog_answers_the_readme_queries(tmp_path):
    write_pages(tmp_path / "浙江日报", 3)
    out = tmp_path / "run"
    _run([tmp_path / "浙江日报"], out, published="2026-05-20")
    by_month = query(
        out,
        "SELECT month, count(*) AS n FROM figures "
        "WHERE metric LIKE '%贷款余额%' AND paper LIKE '%浙江%' GROUP BY month",
    )
    docs = [json.loads(line) for line in (out / PAGES).open(encoding="utf-8")]
    loans = [f for d in docs for f in d["figures"] if "贷款余额" in (f["metric"] or "")]
    assert by_month.to_dict("records") == [{"month": "2026-05", "n": len(loans)}]
    assert loans
    with pytest.raises(QueryError, match="nosuch"):
        query(out, "SELECT * FROM nosuch")


def test_a_rerun_skips_done_sources_and_redoes_failed_and_changed_ones(tmp_path):
    pages = write_pages(tmp_path / "in", 4)
    (tmp_path / "in" / "bad.txt").write_bytes(b"")
    out = tmp_path / "run"
    first = _run([tmp_path / "in"], out)
    assert first.pages == 4 and len(first.failures) == 1
    (tmp_path / "in" / "bad.txt").write_text(page_text(50), encoding="utf-8")
    pages[0].write_text(page_text(60), encoding="utf-8")
    second = _run([tmp_path / "in"], out)
    # batches are (bad.txt, p0000), (p0001, p0002), (p0003): only the first is redone
    assert (second.pages, second.skipped, second.failures) == (2, 3, [])
    assert sorted(_sources(out)) == sorted(str(p) for p in [*pages, tmp_path / "in" / "bad.txt"])
    assert query(out, "SELECT count(*) AS n FROM pages").n[0] == 5
    assert (out / "errors.jsonl").read_text() == ""


def test_a_new_pipeline_version_redoes_what_the_old_one_made(tmp_path):
    write_pages(tmp_path / "in", 3)
    out = tmp_path / "run"
    _run([tmp_path / "in"], out, version="1")
    again = _run([tmp_path / "in"], out, version="2")
    assert (again.pages, again.skipped) == (3, 0)
    assert len(_sources(out)) == 3
    folder = RunFolder(out, "2")
    folder.close()
    versions = {r.version for r in folder.records.values()}
    assert versions == {"2"}


def test_a_torn_tail_is_cut_and_uncommitted_parts_are_deleted(tmp_path):
    write_pages(tmp_path / "in", 4)
    out = tmp_path / "run"
    _run([tmp_path / "in"], out)
    reference = (out / PAGES).read_bytes()
    manifest = (out / MANIFEST).read_text(encoding="utf-8").splitlines(keepends=True)
    # a crash after pages and parts of the last batch, in the middle of its manifest write
    (out / MANIFEST).write_text("".join(manifest[:-1]) + manifest[-1][:20], encoding="utf-8")
    stray = out / "tables" / "pages" / "paper=in" / "month=unknown" / "part-zzz.parquet"
    stray.write_bytes(b"half")
    folder = RunFolder(out, "1")
    folder.close()
    assert len(folder.records) == 2 and not stray.exists()
    assert len((out / PAGES).read_text(encoding="utf-8").splitlines()) == 2
    again = _run([tmp_path / "in"], out)
    assert again.pages == 2
    assert (out / PAGES).read_bytes() == reference
    counts = query(out, "SELECT count(DISTINCT source) AS n, count(*) AS m FROM pages")
    assert counts.iloc[0].tolist() == [4, 4]


def test_a_batch_that_keeps_killing_workers_is_given_up_and_the_rest_goes_on():
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    from pipeline.archive.engines import MAX_ATTEMPTS, _windowed
    from pipeline.archive.work import failed_batch

    poison = [InputFailure("poison", "x")]
    good = [[InputFailure(f"good{i}", "x")] for i in range(3)]
    sent: list[str] = []
    restarts: list[int] = []

    def submit(batch):
        sent.append(batch[0].key)
        future: Future = Future()
        if batch is poison:
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_result(failed_batch(batch, "done"))
        return future

    results = list(
        _windowed(
            [good[0], poison, *good[1:]], submit, 2, lambda err: True, lambda: restarts.append(1)
        )
    )
    keys = [r.outcomes[0].key for r in results]
    assert keys == ["good0", "poison", "good1", "good2"]
    assert sent.count("poison") == len(restarts) == MAX_ATTEMPTS
    assert "died" in results[1].outcomes[0].errors[0][1]


def test_a_text_file_over_the_page_limit_is_refused_before_it_is_read(tmp_path):
    from pipeline.ingest.text import MAX_PAGE_CHARS

    huge = tmp_path / "paper" / "huge.txt"
    huge.parent.mkdir()
    with huge.open("wb") as sparse:  # a hole: no disk used, nothing to read
        sparse.truncate(MAX_PAGE_CHARS * 4 + 1)
    with zipfile.ZipFile(tmp_path / "a.zip", "w") as archive:
        archive.writestr("small.txt", page_text(1))
    (found,) = iter_sources([tmp_path / "paper"])
    assert isinstance(found, InputFailure) and "page too long" in found.reason
    (member,) = iter_sources([tmp_path / "a.zip"])
    assert member.data == page_text(1).encode()


def test_a_second_run_on_a_folder_in_use_is_refused(tmp_path):
    from pipeline.archive.run import RunError

    first = RunFolder(tmp_path / "run", "1")
    with pytest.raises(RunError, match="another baokan run"):
        RunFolder(tmp_path / "run", "1")
    assert first.records == {}
