"""The server's page store: documents by id, kept across restarts when it is a file."""

from __future__ import annotations

from pipeline.web.store import PageStore, StoredPage


def test_pages_are_kept_in_a_file_across_restarts(tmp_path):
    path = str(tmp_path / "pages.duckdb")
    store = PageStore(path)
    store.put("page-b", "b.txt", '{"n": 2}')
    store.put("page-a", "a.txt", '{"n": 1}')
    store.close()
    again = PageStore(path)
    assert again.get("page-a") == '{"n": 1}'
    assert again.pages() == [StoredPage("page-a", "a.txt"), StoredPage("page-b", "b.txt")]
    again.close()


def test_the_same_page_read_again_replaces_the_old_copy():
    store = PageStore()
    store.put("page-a", "a.txt", "old")
    store.put("page-a", "a.pdf", "new")
    assert store.get("page-a") == "new"
    assert store.pages() == [StoredPage("page-a", "a.pdf")]
    assert store.get("page-missing") is None
