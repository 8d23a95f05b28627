"""Text ingestion: encodings are detected, newlines normalized, bad bytes refused clearly."""

from __future__ import annotations

import codecs

import pytest

from pipeline.ingest import IngestedPage, IngestError, IngestFailure, find_pages, read_pages
from pipeline.ingest.text import decode_page

SAMPLE = "本报北京5月20日电　国家统计局今日发布数据，同比增长9.9%。\n\n责任编辑：张三"
TRADITIONAL = "中華民國經濟部公布統計數據，出口成長百分之五，創下歷史新高。"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("gb18030"),
        SAMPLE.encode("gbk"),
        SAMPLE.encode("utf-16"),
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "gb18030", "gbk", "utf16-le-bom", "utf16-be-bom"],
)
def test_encodings_decode_to_the_same_text(data):
    assert decode_page(data) == SAMPLE


def test_big5_text_is_recognized():
    assert decode_page(TRADITIONAL.encode("big5")) == TRADITIONAL


def test_seed_page_round_trips_through_gb18030(seed_text):
    assert decode_page(seed_text.encode("gb18030")) == seed_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("一\r\n二\r三\n四", "一\n二\n三\n四"), ("\r\n\r\n正文", "\n\n正文")],
)
def test_newlines_are_normalized_and_nothing_else(raw, expected):
    assert decode_page(raw.encode("gb18030")) == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"abc\x00def\x00" * 40, "NUL"),
        (bytes((i * 7919) % 254 + 1 for i in range(4000)), "cannot decode"),
    ],
    ids=["empty", "blank", "png", "nul-bytes", "undecodable"],
)
def test_bad_bytes_raise_a_clear_error(data, reason):
    with pytest.raises(IngestError, match=reason):
        decode_page(data)


def test_read_pages_reports_a_missing_file_as_a_failure(tmp_path):
    [result] = read_pages(tmp_path / "nope.txt")
    assert result == IngestFailure(str(tmp_path / "nope.txt"), "no such file")


def test_read_pages_gives_one_page_for_a_text_file(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes(SAMPLE.encode("gb18030"))
    assert read_pages(path) == [IngestedPage(source=str(path), text=SAMPLE)]


def test_find_pages_lists_page_files_under_a_folder_in_order(tmp_path):
    for name in ("b.txt", "a.txt", "sub/c.pdf", "notes.docx"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    found = [p.relative_to(tmp_path).as_posix() for p in find_pages(tmp_path)]
    assert found == ["a.txt", "b.txt", "sub/c.pdf"]
