"""Character features of the CRF as strings (training; tagging uses :mod:`.feature_rows`)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from itertools import accumulate, chain, repeat

from pipeline.entities.candidates import CN_NUMERALS, RULES
from pipeline.entities.gazetteer import gazetteer_spans
from pipeline.lexicon import read_list
from pipeline.zh.chars import is_han
from pipeline.zh.words import jieba_word_tags, text_words

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalize(text: str) -> str:
    """Full-width ASCII to half-width, same length (features only; spans use the raw text).

    >>> normalize("１９９８年ＡＢ")
    '1998年AB'
    """
    return text.translate(_FULLWIDTH)


@cache
def char_type(ch: str) -> str:
    if ch.isdigit():
        return "D"
    if ch in CN_NUMERALS:
        return "N"
    if ch.isascii() and ch.isalpha():
        return "L"
    if is_han(ch):
        return "H"
    if ch.isspace():
        return "S"
    return "P"


@cache
def feature_lexicons() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Surnames, organization suffixes, place suffixes and roles used as CRF features."""
    return (
        frozenset(read_list(f"{RULES}/surnames.txt")),
        frozenset(read_list(f"{RULES}/org_suffixes.txt")),
        frozenset(read_list(f"{RULES}/loc_suffixes.txt")),
        frozenset(read_list(f"{RULES}/person_roles.txt")),
    )


def _word_positions(words: Sequence[str]) -> tuple[list[str], list[int]]:
    """For each character: its BMES position in its jieba word, and the index of that word.

    >>> _word_positions(["银行", "的", "分行们"])
    (['B', 'E', 'S', 'B', 'M', 'E'], [0, 0, 1, 2, 2, 2])
    """
    pos: list[str] = []
    own: list[int] = []
    for k, word in enumerate(words):
        n = len(word)
        pos.extend(("S",) if n == 1 else ("B", *("M",) * (n - 2), "E"))
        own.extend((k,) * n)
    return pos, own


def char_features(
    text: str,
    words: Sequence[str] | None = None,
    names: Sequence[tuple[int, int, str]] | None = None,
) -> list[list[str]]:
    """One feature list per character of ``text``: char n-grams, jieba word and lexicon cues.

    ``words`` is the jieba segmentation of ``text`` and ``names`` its gazetteer matches
    (both computed when not given). Built column by column (one comprehension per feature
    kind) because this runs on every character.

    >>> feats = char_features("张明远说")
    >>> len(feats), feats[0][:2]
    (4, ['c=张', 'c-1=^'])
    """
    if not text:
        return []
    if words is None:
        words = text_words(text)
    if names is None:
        starts, _ = token_table(words)
        names = gazetteer_spans(text, frozenset([*starts, len(text)]))
    surnames, org_suffixes, loc_suffixes, roles = feature_lexicons()
    tags = jieba_word_tags()
    norm = normalize(text)
    n = len(norm)
    ch = ["^", "^", *norm, "$", "$"]
    ty = ["^", "^", *(char_type(c) for c in norm), "$", "$"]
    wtags = [tags.get(w, "new" if len(w) > 1 else "x") for w in words]
    pos, own = _word_positions(words)
    wt = [wtags[k] for k in own]
    ptag = ["^", *wtags]
    ntag = [*wtags[1:], "$"]
    wid = [w if len(w) <= 6 else "LONG" for w in words]
    mid = range(2, n + 2)
    cols = [
        ["c=" + c for c in ch[2:-2]],
        ["c-1=" + c for c in ch[1:-3]],
        ["c+1=" + c for c in ch[3:-1]],
        ["b-1=" + ch[j - 1] + ch[j] for j in mid],
        ["b0=" + ch[j] + ch[j + 1] for j in mid],
        ["b-2=" + ch[j - 2] + ch[j - 1] for j in mid],
        ["b+1=" + ch[j + 1] + ch[j + 2] for j in mid],
        ["t=" + ty[j - 1] + ty[j] + ty[j + 1] for j in mid],
        ["wp=" + p + t for p, t in zip(pos, wt, strict=True)],
        ["w=" + p + wid[k] for p, k in zip(pos, own, strict=True)],
        ["pt=" + ptag[k] + p for p, k in zip(pos, own, strict=True)],
        ["nt=" + p + ntag[k] for p, k in zip(pos, own, strict=True)],
    ]
    feats = [list(f) for f in zip(*cols, strict=True)]
    for start, end, label in names:
        feats[start].append("g=B" + label)
        for i in range(start + 1, end - 1):
            feats[i].append("g=I" + label)
        feats[end - 1].append("g=E" + label)
    first = 0  # offset of the current word's first char
    for k, word in enumerate(words):
        last = first + len(word) - 1
        f = feats[first]
        prev_word = words[k - 1] if k else "^"
        f.append("pw=" + prev_word)
        if norm[first] in surnames:
            f.append("sur")
        if norm[first : first + 2] in surnames:
            f.append("sur2")
        if prev_word in roles:
            f.append("prole")
        f = feats[last]
        f.append("nw=" + (words[k + 1] if k + 1 < len(words) else "$"))
        if word in org_suffixes or word[-1] in org_suffixes:
            f.append("osuf")
        if norm[last] in loc_suffixes:
            f.append("lsuf")
        first = last + 1
    return feats


def token_table(words: Sequence[str]) -> tuple[list[int], list[int]]:
    """Start offsets of the words, and for each char the index of its word."""
    lengths = [len(w) for w in words]
    starts = list(accumulate(lengths, initial=0))[:-1]
    owner = list(chain.from_iterable(repeat(k, n) for k, n in enumerate(lengths)))
    return starts, owner
