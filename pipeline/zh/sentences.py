"""Where sentences and clauses end.

One set of marks for every stage: a sentence ends at 。！？ (and their ASCII forms), with any
closing quote or bracket that follows; a line break ends it too. Stages that need a wider cut
(a clause, or ； as a sentence end in lists) use the named sets here.

>>> text = "贷款余额增长。“很好！”他说\\n下一段"
>>> [text[s:e] for s, e in sentence_spans(text)]
['贷款余额增长。', '“很好！”', '他说', '下一段']
>>> sentence_at(text, 9)
(7, 12)
"""

from __future__ import annotations

import re
from bisect import bisect_right

SENTENCE_ENDS = "。！？!?"
# Marks that end a statement inside a list or a report line as well (分号, 省略号).
STRONG_ENDS = SENTENCE_ENDS + "；;…"
CLAUSE_ENDS = "，,；;：:、" + SENTENCE_ENDS
CLOSERS = "”’」』）)"
# What may trail the last sentence of a line besides closing quotes: a title or a bracket.
LINE_CLOSERS = CLOSERS + "】》\"'"
OPENERS = "，,、（(“《‘「『"

_SENTENCE_END = re.compile(rf"[{SENTENCE_ENDS}]+[{CLOSERS}]*|\n")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``, surrounding white space left out, empty ones dropped."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        end = m.end() if m.group() != "\n" else m.start()
        spans.append(trim(text, start, end))
        start = m.end()
    spans.append(trim(text, start, len(text)))
    return [s for s in spans if s[0] < s[1]]


def sentence_ends(text: str) -> list[int]:
    """Offsets just past each sentence end of ``text``, in order (for bisecting)."""
    return [m.end() for m in _SENTENCE_END.finditer(text)]


def sentence_at(text: str, pos: int, ends: list[int] | None = None) -> tuple[int, int]:
    """The span of the sentence holding ``pos`` (its end mark included, white space trimmed).

    ``ends`` from :func:`sentence_ends` saves the scan when many positions are asked about.
    """
    ends = sentence_ends(text) if ends is None else ends
    i = bisect_right(ends, pos)
    start = ends[i - 1] if i else 0
    end = ends[i] if i < len(ends) else len(text)
    if end > start and text[end - 1] == "\n":
        end -= 1
    return trim(text, start, end)


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``/``end`` moved inwards past white space."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
