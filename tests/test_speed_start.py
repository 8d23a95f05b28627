"""A cold ``baokan extract`` loads only what one page needs: jieba's dictionary and tags from
one cache, no pandas, DuckDB, spaCy or pkg_resources; the CLI's help is one per command."""

from __future__ import annotations

import json
import subprocess
import sys

import jieba
import pytest

from pipeline.zh.dictionary import dictionary_path, load_dictionary, read_tags


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    """A tokenizer initialized by jieba itself."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def test_dictionary_from_the_cache_equals_jiebas_own(tmp_path, reference) -> None:
    built, cached = jieba.Tokenizer(), jieba.Tokenizer()
    tags_built = load_dictionary(built, str(tmp_path))  # no cache yet: jieba's way, then write
    (cache,) = tmp_path.iterdir()
    assert cache.name.startswith("baokan-jieba.")
    tags_cached = load_dictionary(cached, str(tmp_path))
    assert cached.initialized
    assert cached.FREQ == reference.FREQ and cached.total == reference.total
    assert tags_cached == tags_built == read_tags(dictionary_path(reference))
    assert cached.lcut("南开大学金融学教授说") == reference.lcut("南开大学金融学教授说")


def test_an_unreadable_cache_is_rebuilt(tmp_path, reference) -> None:
    load_dictionary(jieba.Tokenizer(), str(tmp_path))
    (cache,) = tmp_path.iterdir()
    cache.write_bytes(b"not marshal data")
    tokenizer = jieba.Tokenizer()
    tags = load_dictionary(tokenizer, str(tmp_path))
    assert tokenizer.FREQ == reference.FREQ
    assert tags["北京"] == "ns"
    assert cache.read_bytes() != b"not marshal data"  # written anew


def test_a_tokenizer_loaded_already_keeps_its_words(tmp_path) -> None:
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    tokenizer.add_word("甲乙丙丁戊")
    load_dictionary(tokenizer, str(tmp_path))
    assert "甲乙丙丁戊" in tokenizer.FREQ
    assert not list(tmp_path.iterdir())  # a changed dictionary is not cached


def _modules_after(code: str) -> set[str]:
    program = f"import sys\n{code}\nprint(__import__('json').dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_extract_to_stdout_loads_no_tables_database_web_or_spacy(seed_path) -> None:
    code = (
        "from pipeline.cli import app\n"
        f"try: app(['extract', {str(seed_path)!r}])\n"
        "except SystemExit as end: assert end.code == 0, end.code"
    )
    loaded = _modules_after(code)
    assert "pipeline.process" in loaded and "jieba" in loaded  # it did extract
    heavy = {"pandas", "pyarrow", "duckdb", "spacy", "uvicorn", "fastapi", "distributed"}
    assert not heavy & loaded
    assert "pkg_resources" not in loaded


def test_help_lists_every_command_in_order() -> None:
    from typer.testing import CliRunner

    from pipeline.cli import app

    out = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "100"}).stdout
    names = ["extract", "query", "eval", "check", "audit", "schema", "train-ner", "serve", "view"]
    at = [out.index(f"│ {name} ") for name in names]
    assert at == sorted(at)
