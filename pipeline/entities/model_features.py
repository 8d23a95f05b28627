"""Extra CRF features: per-character lookups of characters, jieba words and lexicons.

Each feature is a lookup that an array-based tagger can compute without per-character
strings: the character trigram, the first and last character of the character's word, the
word's length, whether the character is a surname character, whether an organization or
place suffix of the lexicons ends at this character, and whether the next word is a speech
verb or a role. :func:`extra_features` returns them per character, to be appended to
:func:`pipeline.entities.features.char_features`.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from pipeline.entities.candidates import RULES
from pipeline.lexicon import read_list

_MAX_SUFFIX = 8


@cache
def _lexicons() -> dict[str, frozenset[str]]:
    names = ("surnames", "org_suffixes", "loc_suffixes", "speech_verbs", "person_roles")
    return {n: frozenset(read_list(f"{RULES}/{n}.txt")) for n in names}


def _suffix_ends(text: str, suffixes: frozenset[str]) -> list[bool]:
    """For each character: whether a suffix of two or more characters ends on it.

    >>> _suffix_ends("光明集团有限公司", frozenset({"集团", "有限公司"}))
    [False, False, False, True, False, False, False, True]
    """
    longest = min(_MAX_SUFFIX, max((len(s) for s in suffixes), default=0))
    ends = [False] * len(text)
    for i in range(len(text)):
        for n in range(2, longest + 1):
            if i + 1 - n >= 0 and text[i + 1 - n : i + 1] in suffixes:
                ends[i] = True
                break
    return ends


def extra_features(text: str, words: Sequence[str]) -> list[list[str]]:
    """Extra feature names for each character of ``text`` (``words`` its jieba words).

    >>> extra_features("王明说", ["王明", "说"])[0]
    ['c3=^王明', 'wf=王', 'wl=明', 'wn=2', 'sc']
    """
    lex = _lexicons()
    org_end = _suffix_ends(text, lex["org_suffixes"])
    loc_end = _suffix_ends(text, lex["loc_suffixes"])
    padded = "^" + text + "$"
    feats: list[list[str]] = []
    for k, word in enumerate(words):
        nxt = words[k + 1] if k + 1 < len(words) else ""
        shared = ["wf=" + word[0], "wl=" + word[-1], "wn=" + str(min(len(word), 5))]
        for j in range(len(word)):
            i = len(feats)
            row = ["c3=" + padded[i : i + 3], *shared]
            if text[i] in lex["surnames"]:
                row.append("sc")
            if org_end[i]:
                row.append("oe")
            if loc_end[i]:
                row.append("le")
            if j == len(word) - 1 and nxt in lex["speech_verbs"]:
                row.append("nv")
            if j == len(word) - 1 and nxt in lex["person_roles"]:
                row.append("nr")
            feats.append(row)
    return feats
