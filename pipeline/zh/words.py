"""Words and their tags: the one place that asks jieba.

jieba's dictionary loads once per process; its part-of-speech table is read from the same
dictionary file instead of importing ``jieba.posseg`` (half the start-up).
"""

from __future__ import annotations

import logging
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
