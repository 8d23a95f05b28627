"""Column names, sign-offs and the heads (kicker, headline, subheadline) of a draft."""

from __future__ import annotations

import itertools

from pipeline.segment.blocks import Draft, _Block
from pipeline.segment.cues import (
    _COLUMN_TAG,
    _VERSE,
    NON_HAN,
    _bare,
    _is_column_line,
    is_person_name,
    split_trailing_byline,
)
from pipeline.segment.lines import _Line


def _sign_off_size(lines: list[_Line], group: list[int]) -> int:
    """Lines of a sign-off at the top of a group: a column name (a short heading with no
    punctuation) over an author's name (2), an author's name alone (1), or none (0).

    >>> from pipeline.segment.lines import _classify
    >>> pair = [_Line(0, 4, 0, "经济时评", False, True), _Line(5, 8, 5, "柯文涛", False, False)]
    >>> for ln in pair:
    ...     _classify(ln)
    >>> _sign_off_size(pair, [0, 1]), _sign_off_size(pair, [1]), _sign_off_size(pair, [0])
    (2, 1, 0)
    """
    first = lines[group[0]]
    if first.role == "heading" and is_person_name(first.text):
        return 1
    if len(group) < 2 or first.role != "heading" or not 2 <= len(first.text) <= 12:
        return 0
    if NON_HAN.sub("", first.text) != first.text:
        return 0
    name = lines[group[1]]
    if name.role == "byline":
        return 2 if name.names else 0
    return 2 if name.role == "heading" and is_person_name(name.text) else 0


def _pair_means(sim: list[list[float]], cut: int) -> tuple[float, float]:
    """Mean similarity of the item pairs on one side of ``cut`` and of the pairs across it.

    >>> _pair_means([[1, 0.5, 0.0], [0.5, 1, 0.1], [0.0, 0.1, 1]], 2)
    (0.5, 0.05)
    """
    pairs = list(itertools.combinations(range(len(sim)), 2))
    within = [sim[i][j] for i, j in pairs if (i < cut) == (j < cut)]
    across = [sim[i][j] for i, j in pairs if (i < cut) != (j < cut)]
    return (sum(within) / len(within) if within else 0.0), sum(across) / len(across)


def _column_signs_next(lines: list[_Line], rest: list[_Block]) -> bool:
    """Whether the body text after a group ends with a column name and an author's name of its
    own, followed by no body text, by a headline, or by more text that ends the same way (a
    column's pieces in a row, each signed at its end)."""
    k = 0
    while k < len(rest) and rest[k].kind == "body":
        k += 1
    if k == len(rest) or rest[k].kind != "group":
        return False
    group = rest[k].lines
    if not _column_and_name([lines[i] for i in group[:2]]):
        return False
    after = rest[k + 1] if k + 1 < len(rest) else None
    if len(group) > 2:
        return lines[group[2]].role == "heading"
    return after is None or after.kind != "body" or _column_signs_next(lines, rest[k + 1 :])


def _column_and_name(lines: list[_Line]) -> bool:
    """Two lines that are a column name (a short display line without punctuation) over an
    author's bare name, as a commentary signs off (经济时评 / 柯文涛); a reporter's byline
    (本报记者 X) opens an article instead.

    >>> from pipeline.segment.lines import _classify
    >>> pair = [_Line(0, 4, 0, "经济时评", False, True), _Line(5, 8, 5, "柯文涛", False, False)]
    >>> for ln in pair:
    ...     _classify(ln)
    >>> _column_and_name(pair), _column_and_name(pair[::-1])
    (True, False)
    """
    return (
        len(lines) == 2
        and lines[0].role == "heading"
        and _is_column_line(lines[0].text)
        and lines[1].role == "heading"
        and is_person_name(lines[1].text)
    )


def _signed_at_end(lines: list[_Line], rest: list[_Block]) -> bool:
    """Whether the body text after a group ends with a line holding only its author's name
    and nothing of its own after that (the author's sign-off)."""
    k = 0
    while k < len(rest) and rest[k].kind == "body":
        k += 1
    if k == 0 or k == len(rest) or len(rest[k].lines) != 1:
        return False
    name = lines[rest[k].lines[0]]
    after = rest[k + 1] if k + 1 < len(rest) else None
    return (
        name.role == "heading"
        and is_person_name(name.text)
        and (after is None or after.kind != "body")
    )


def _is_column_name(lines: list[_Line], group: list[int]) -> bool:
    """A group that is one short display line without punctuation (陶然论金, 经济时评)."""
    if len(group) != 1:
        return False
    text = lines[group[0]].text
    return lines[group[0]].role == "heading" and 2 <= len(text) <= 8 and _bare(text)


def _following_lines(rest: list[_Block]) -> list[int]:
    """Body lines after a group, up to the next group."""
    out: list[int] = []
    for block in rest:
        if block.kind != "body":
            break
        out.extend(block.lines)
    return out


def _tail_start(blocks: list[_Block]) -> int:
    """Index of the first block after the page's last body line (only groups count as tail)."""
    last_body = max((b for b, block in enumerate(blocks) if block.kind == "body"), default=-1)
    return last_body + 1


def _fill_heads(draft: Draft, lines: list[_Line]) -> None:
    """Kicker, headline, subheadline and byline of an article's opening group."""
    heads = [ln for ln in lines if ln.role == "heading"]
    for ln in lines:
        if ln.role == "byline":
            draft.byline = draft.byline or ln.names
    for ln in heads:
        split = split_trailing_byline(ln.text)
        if split is not None:
            ln.text, names = split
            draft.byline = draft.byline or names
    if len(heads) >= 2 and not draft.byline and is_person_name(heads[-1].text):
        draft.byline = [heads.pop().text]
    if not heads:
        return
    hinted = [ln for ln in heads if ln.hint == "headline"]
    if hinted:
        main = max(hinted, key=lambda ln: ln.size)
        at = heads.index(main)
        draft.headline = main.text
        draft.kicker = next((ln.text for ln in heads[:at] if ln.hint != "body"), None)
        draft.subheadline = next((ln.text for ln in heads[at + 1 :] if ln.hint != "body"), None)
        return
    texts = [ln.text for ln in heads]
    if len(texts) == 1 or len(texts) >= _VERSE:  # a poem's title over its verse
        draft.headline = texts[0]
    elif len(texts) == 2:
        first, second = texts
        if _is_kicker_pair(first, second):
            draft.kicker, draft.headline = first, second
        else:
            draft.headline, draft.subheadline = first, second
    else:
        draft.kicker, draft.headline, draft.subheadline = texts[0], texts[1], texts[2]


def _is_kicker_pair(first: str, second: str) -> bool:
    """Whether two stacked heading lines read kicker + headline (else headline + subheadline).

    >>> _is_kicker_pair("某市职业技术学院", "“校企共建”模式助力地方制造升级")
    True
    >>> _is_kicker_pair("有关部门将从4方面支持小微企业", "稳定小微企业融资预期")
    False
    """
    if first.endswith("——"):
        return True
    if second.startswith("——") or _COLUMN_TAG.search(first):
        return False
    if _COLUMN_TAG.search(second):
        return True
    return len(first) < 0.75 * len(second)
