"""Words and their tags: the one place that asks jieba.

jieba's dictionary loads once per process; its part-of-speech table is read from the same
dictionary file instead of importing ``jieba.posseg`` (half the start-up).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import cache
from types import ModuleType


@cache
def load_jieba() -> ModuleType:
    """jieba with its dictionary loaded, quietly, once per process."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


@cache
def jieba_word_tags() -> dict[str, str]:
    """Part-of-speech tags of jieba's dictionary words (nr person, ns place, nt organization)."""
    with load_jieba().dt.get_dict_file() as dict_file:
        fields = dict_file.read().decode("utf-8").split()
    return dict(zip(fields[0::3], fields[2::3], strict=True))


def word_frequencies() -> dict[str, int]:
    """jieba's dictionary: word -> frequency (0 for words only known as prefixes)."""
    return load_jieba().dt.FREQ


def words(text: str, *, hmm: bool = True) -> list[str]:
    """jieba's segmentation of ``text`` (``hmm=False``: dictionary words only)."""
    return load_jieba().lcut(text, HMM=hmm)


def words_and_spaces(words: Iterable[str], text: str) -> tuple[list[str], list[bool]]:
    """spaCy's ``get_words_and_spaces`` for words that cover ``text`` in order, in linear time
    (spaCy slices the rest of the text for every word): whitespace words are dropped, one
    space after a word becomes its trailing space, other whitespace becomes a word.

    >>> words_and_spaces(["中文", " ", "  ", "ok", "\\n"], "中文   ok\\n")
    (['中文', '  ', 'ok', '\\n'], [True, False, False, False])
    """
    out: list[str] = []
    spaces: list[bool] = []
    pos = 0
    for word in words:
        if not word or word.isspace():
            continue
        start = text.find(word, pos)
        if start < 0:
            raise ValueError(f"word {word!r} not found in text after offset {pos}")
        if start > pos:
            out.append(text[pos:start])
            spaces.append(False)
        out.append(word)
        spaces.append(False)
        pos = start + len(word)
        if text.startswith(" ", pos):
            spaces[-1] = True
            pos += 1
    if pos < len(text):
        out.append(text[pos:])
        spaces.append(False)
    return out, spaces


def text_words(text: str) -> list[str]:
    """jieba's words of ``text`` as a spaCy Doc of it has them: its tokens, each followed by
    its trailing space as a word of its own; together they spell ``text``."""
    out: list[str] = []
    for word, space in zip(*words_and_spaces(load_jieba().cut(text), text), strict=True):
        out.append(word)
        if space:
            out.append(" ")
    return out
