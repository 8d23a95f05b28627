"""Where the words of a figure's meaning stand in the text.

Metric and subject are phrases read off the text; their span is the occurrence nearest to the
figure: in the figure's own sentence the closest one, else the closest one before that sentence,
else (a headline figure explained by the body) the first one after it. An occurrence never
overlaps the figure's own surface.
"""

from __future__ import annotations

Span = tuple[int, int]


def nearest_span(
    text: str, phrase: str | None, sentence: Span, figure: Span, *, before_only: bool = False
) -> Span | None:
    """The span of ``phrase`` nearest to ``figure`` (see the module), or None.

    >>> text = "存款余额增长。今年存款余额5亿元，贷款余额3亿元。"
    >>> nearest_span(text, "存款余额", (7, 26), (13, 16))
    (9, 13)
    >>> nearest_span(text, "利润", (7, 26), (13, 16)) is None
    True
    """
    if not phrase:
        return None
    width = len(phrase)
    best: Span | None = None
    i = text.find(phrase, sentence[0], sentence[1])
    while i != -1:
        if _apart((i, i + width), figure) and (
            best is None or _distance((i, i + width), figure) < _distance(best, figure)
        ):
            best = (i, i + width)
        i = text.find(phrase, i + 1, sentence[1])
    if best is not None:
        return best
    i = text.rfind(phrase, max(0, sentence[0] - REACH), sentence[0])
    if i != -1:
        return (i, i + width)
    if before_only:
        return None
    i = text.find(phrase, sentence[1], sentence[1] + REACH + width)
    return (i, i + width) if i != -1 else None


# characters searched before and after the figure's sentence: an article's length, so that the
# search costs the same in a long text as in a short one
REACH = 4000


def _apart(a: Span, b: Span) -> bool:
    return a[1] <= b[0] or b[1] <= a[0]


def _distance(a: Span, b: Span) -> int:
    return b[0] - a[1] if a[1] <= b[0] else a[0] - b[1]
