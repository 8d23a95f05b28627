"""Name lists: gazetteers/entities/<LABEL>.<name>.txt, exact longest matches."""

from __future__ import annotations

from pipeline.entities.lexicons import gazetteer_index, rule_lexicons


def gazetteer_spans(text: str, boundaries: frozenset[int]) -> list[tuple[int, int, str]]:
    """Leftmost-longest list matches; two-character names must be whole jieba words, and no
    name may end on the first character of a generic word (财政部 in 财政部门).

    >>> gazetteer_spans("财政部门和财政部", frozenset([0, 2, 4, 5, 8]))
    [(5, 8, 'ORG')]
    """
    index = gazetteer_index()
    generic = frozenset(rule_lexicons()["generic_names"])
    spans: list[tuple[int, int, str]] = []
    i, n = 0, len(text) - 1
    while i < n:
        for name, label in index.get(text[i : i + 2], ()):
            end = i + len(name)
            if (
                text.startswith(name, i)
                and (len(name) > 2 or (i in boundaries and end in boundaries))
                and (end in boundaries or text[end - 1 : end + 1] not in generic)
            ):
                spans.append((i, end, label))
                i = end - 1
                break
        i += 1
    return spans
