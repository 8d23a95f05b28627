"""jieba's dictionary and its part-of-speech tags, loaded together from one cache file.

jieba keeps its prefix dictionary in a marshal cache, but reads it with ``marshal.load`` on
the open file, which pulls the 9 MB in small pieces: three times slower than reading the file
whole and then unmarshalling. The tags (``nr``, ``ns``...) are not in jieba's cache at all, so
they were parsed from the 5 MB dictionary text on every start. Here both live in one cache file
beside jieba's (its temporary folder), the tag dictionary's keys being the very strings of the
prefix dictionary, so marshal stores each word once. A missing, stale or unreadable cache is
rebuilt through jieba's own ``initialize``; the result is the same dictionary either way.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

Tags = dict[str, str]


def load_dictionary(tokenizer: Any, cache_dir: str | None = None) -> Tags:
    """Initialize ``tokenizer`` (a ``jieba.Tokenizer``) and return its dictionary's word tags.

    ``cache_dir`` defaults to the folder jieba keeps its own cache in.
    """
    source = dictionary_path(tokenizer)
    if tokenizer.initialized:  # loaded already (words may have been added): no cache
        return read_tags(source)
    folder = cache_dir or tokenizer.tmp_dir or tempfile.gettempdir()
    cache = Path(folder) / f"baokan-jieba.{_cache_key(source)}.cache"
    loaded = _read_cache(cache)
    if loaded is not None:
        tokenizer.FREQ, tokenizer.total, tags = loaded
        tokenizer.initialized = True
        return tags
    tokenizer.initialize()
    tags = read_tags(source)
    _write_cache(cache, tokenizer.FREQ, tokenizer.total, tags)
    return tags


def dictionary_path(tokenizer: Any) -> Path:
    """The dictionary file ``tokenizer`` reads (jieba's own ``dict.txt`` by default)."""
    if tokenizer.dictionary:
        return Path(tokenizer.dictionary)
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


def read_tags(source: Path) -> Tags:
    """word -> tag of a jieba dictionary file (lines ``word frequency tag``)."""
    fields = source.read_bytes().decode("utf-8").split()
    return dict(zip(fields[0::3], fields[2::3], strict=True))


def _cache_key(source: Path) -> str:
    """Names the dictionary file as it is now: a changed file gets a new cache."""
    stat = source.stat()
    key = f"{source.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{sys.version_info[:2]}"
    return hashlib.md5(key.encode("utf-8")).hexdigest()


def _read_cache(cache: Path) -> tuple[dict[str, int], int, Tags] | None:
    try:
        loaded = marshal.loads(cache.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not (isinstance(loaded, tuple) and [type(x) for x in loaded] == [dict, int, dict]):
        return None
    return loaded


def _write_cache(cache: Path, freq: dict[str, int], total: int, tags: Tags) -> None:
    """Write the cache atomically; a folder that cannot be written only costs the speed-up."""
    # Each tag key as the prefix dictionary's own string object, so marshal stores it once.
    same = dict(zip(freq, freq, strict=True))
    shared = {same.get(word, word): sys.intern(tag) for word, tag in tags.items()}
    try:
        fd, temp = tempfile.mkstemp(dir=cache.parent, prefix=cache.name)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(marshal.dumps((freq, total, shared)))
        os.replace(temp, cache)
    except OSError:
        Path(temp).unlink(missing_ok=True)
