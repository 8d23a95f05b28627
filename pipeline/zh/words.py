"""Words and their tags: the one place that asks jieba.

jieba's dictionary loads once per process, with its part-of-speech table (instead of importing
``jieba.posseg``, half the start-up), from one cache file (:mod:`pipeline.zh.dictionary`).
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Iterable
from functools import cache
from types import ModuleType

from pipeline.zh.dictionary import load_dictionary


@cache
def _jieba_and_tags() -> tuple[ModuleType, dict[str, str]]:
    jieba = _import_jieba()
    jieba.setLogLevel(logging.WARNING)
    return jieba, load_dictionary(jieba.dt)


def load_jieba() -> ModuleType:
    """jieba with its dictionary loaded, quietly, once per process."""
    return _jieba_and_tags()[0]


def _import_jieba() -> ModuleType:
    """``import jieba`` without ``pkg_resources``: jieba imports it only to open its own
    dictionary file, and falls back to a plain ``open`` of the same file when the import fails;
    ``pkg_resources`` alone costs a tenth of a second of every cold start."""
    if "jieba" in sys.modules or "pkg_resources" in sys.modules:
        import jieba

        return jieba
    sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # import raises ImportError
    try:
        import jieba
    finally:
        del sys.modules["pkg_resources"]
    return jieba


def jieba_word_tags() -> dict[str, str]:
    """Part-of-speech tags of jieba's dictionary words (nr person, ns place, nt organization),
    loaded with the dictionary (:mod:`pipeline.zh.dictionary`)."""
    return _jieba_and_tags()[1]


def word_frequencies() -> dict[str, int]:
    """jieba's dictionary: word -> frequency (0 for words only known as prefixes)."""
    return load_jieba().dt.FREQ


def words(text: str, *, hmm: bool = True) -> list[str]:
    """jieba's segmentation of ``text`` (``hmm=False``: dictionary words only)."""
    return load_jieba().lcut(text, HMM=hmm)


def dictionary_words(phrase: str, most: int = 6) -> list[tuple[str, str]]:
    """Forward longest-match words of ``phrase`` (at most ``most`` characters each) from
    jieba's dictionary, with their tags ('' for a single character jieba does not know).

    >>> dictionary_words("草场告别")
    [('草场', 'n'), ('告别', 'v')]
    """
    tags = jieba_word_tags()
    found: list[tuple[str, str]] = []
    i = 0
    while i < len(phrase):
        for n in range(min(most, len(phrase) - i), 0, -1):
            word = phrase[i : i + n]
            if n == 1 or word in tags:
                found.append((word, tags.get(word, "")))
                i += n
                break
    return found


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
    its trailing space as a word of its own; together they spell ``text``.

    >>> text_words("记者  王峰 说")
    ['记者', ' ', ' ', '王峰', ' ', '说']
    """
    cut = load_jieba().lcut(text)
    if sum(map(len, cut)) != len(text):  # jieba lost or added characters: align by search
        words, spaces = words_and_spaces(cut, text)
        return [
            w for word, space in zip(words, spaces, strict=True) for w in (word, " ")[: 1 + space]
        ]
    return _regroup_whitespace(cut)


def _regroup_whitespace(cut: list[str]) -> list[str]:
    """jieba's words with each whitespace run regrouped as spaCy does: after a word, a first
    space on its own (the word's trailing space), then the rest of the run as one word."""
    out: list[str] = []
    gap = ""
    for word in cut:
        if not word:
            continue
        if word.isspace():
            gap += word
            continue
        if gap:
            out.extend(_gap_words(gap, bool(out)))
            gap = ""
        out.append(word)
    if gap:
        out.extend(_gap_words(gap, bool(out)))
    return out


def _gap_words(gap: str, after_word: bool) -> list[str]:
    if after_word and gap[0] == " ":
        return [" ", gap[1:]] if len(gap) > 1 else [" "]
    return [gap]
