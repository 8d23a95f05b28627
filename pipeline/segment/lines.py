"""The page as lines: reading, unwrapping hard-wrapped text, layout hints, first roles."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from pipeline.document import Span
from pipeline.ingest import LayoutHint
from pipeline.segment.cues import (
    _BULLETS,
    _CLOSERS,
    _COLUMN_TAG,
    _ENUMERATION,
    _HAN,
    _HEADING_MAX,
    _MID_SENTENCE,
    _NARROW,
    _SENTENCE_END,
    _SIGNATURE,
    _WRAP_CLOSED,
    _WRAP_MIN,
    _WRAP_MIN_LINES,
    _WRAP_PROSE,
    _WRAP_SHARE,
    _bare,
    _core,
    _dateline,
    _is_column_line,
    byline_names,
    ends_sentence,
    is_advertisement,
    is_credit,
    is_furniture,
    is_jump,
    is_person_name,
)
from pipeline.zh.chars import HAN

# --- lines ---------------------------------------------------------------------------------


@dataclass
class _Line:
    start: int  # first non-space character (heading marks included)
    end: int  # after the last non-space character
    raw_start: int  # start of the line in the page
    text: str  # without heading marks, bullets and surrounding spaces
    marked: bool
    blank_before: bool
    hint: str | None = None
    size: float = 0.0  # largest type size of the hints over the line
    role: str = "body"  # heading | body | byline | credit | furniture | advertisement | sidebar
    names: list[str] = field(default_factory=list)
    gaps: tuple[Span, ...] = ()  # line breaks inside a hard-wrapped paragraph (left out)

    @property
    def open(self) -> bool:
        """A body line that stops mid-sentence (not at a colon or dash, which lead on)."""
        core = self.text.rstrip()
        if not core or ends_sentence(core) or _SIGNATURE.match(core):
            return False
        return not (core.endswith(("：", ":", "——")) or core[-1] in _CLOSERS)


def _read_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    prev_end = 0
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group()
        body = raw.strip(" \t\r\u3000\u00a0")
        if not body:
            continue
        start = m.start() + raw.index(body)
        clean = body.lstrip("#＃").strip(" \u3000").lstrip(_BULLETS).strip(" \u3000")
        blank = text.count("\n", prev_end, m.start()) > 1 or not lines
        lines.append(
            _Line(start, start + len(body), m.start(), clean or body, body[0] in "#＃", blank)
        )
        prev_end = m.end()
    return lines


def _width(text: str) -> float:
    """Printed width in full-width characters (ASCII letters, digits and spaces are half).

    >>> _width("　　增长9.9%"), _width("本报记者")
    (6.0, 4.0)
    """
    return len(text) - 0.5 * len(_NARROW.findall(text))


def _wrap_width(text: str, lines: list[_Line]) -> tuple[Callable[[str], float], int] | None:
    """The width at which a page's paragraphs were hard-wrapped, if they were.

    A hard-wrapped page has many lines of one width (counted in characters, or in printed
    width when half-width digits are narrower) that stop without sentence-final punctuation.
    Returns the measure and the width, or None for a page of whole paragraphs.
    """
    raws = [text[ln.raw_start : ln.end] for ln in lines if not ln.marked]
    best: tuple[int, Callable[[str], float], int, int] | None = None
    for measure in (len, _width):
        widths = [measure(r) for r in raws]
        counts = Counter(round(w) for w in widths if w >= _WRAP_MIN)
        if not counts:
            continue
        width = counts.most_common(1)[0][0]
        near = sum(abs(w - width) <= 1 for w in widths)
        if best is None or near > best[0]:
            best = (near, measure, width, sum(counts.values()))
    if best is None:
        return None
    # Names, column names and furniture are short lines on any page: only lines that could
    # be wrapped count in the share.
    near, measure, width, long = best
    if near < _WRAP_MIN_LINES or near < _WRAP_SHARE * long:
        return None
    full = [r for r in raws if abs(measure(r) - width) <= 1]
    closed = sum(ends_sentence(r) for r in full)
    # Wrapped prose has punctuation inside its lines; verse of even lines has none.
    prose = sum(any(c in _MID_SENTENCE or c in _SENTENCE_END for c in r[:-1]) for r in full)
    if closed > _WRAP_CLOSED * len(full) or prose < _WRAP_PROSE * len(full):
        return None
    return measure, width


def _stands_alone(text: str) -> bool:
    """A line that is never part of a wrapped paragraph (a wrapped line without Chinese
    characters is the tail of a number: "95" / "%。")."""
    return (
        byline_names(text) is not None
        or (is_furniture(text) and bool(_HAN.search(text)))
        or is_advertisement(text)
        or is_credit(text)
    )


def _unwrap(text: str, lines: list[_Line]) -> list[_Line]:
    """Join the lines of hard-wrapped paragraphs into one line each.

    A line as wide as the wrap width goes on in the next line unless a blank line or an
    indent (on a page that indents its paragraphs) comes between, or it closes a sentence and
    a short line without punctuation (a heading) follows. Bylines, furniture and credits
    stand alone, and a dateline opens a paragraph.
    """
    found = _wrap_width(text, lines)
    if found is None:
        return lines
    measure, width = found
    indented = [ln.start > ln.raw_start for ln in lines]
    indents = sum(indented) >= _WRAP_MIN_LINES
    out: list[_Line] = []
    for k, ln in enumerate(lines):
        prev = out[-1] if out else None
        joins = (
            prev is not None
            and not ln.blank_before
            and not ln.marked
            and not (indents and indented[k])
            and measure(text[lines[k - 1].raw_start : lines[k - 1].end]) >= width - 1
            and not _stands_alone(prev.text)
            and not _stands_alone(ln.text)
            and not _dateline().match(ln.text)  # a dateline opens a paragraph
            and not (ends_sentence(prev.text) and measure(ln.text) < width - 1 and _bare(ln.text))
        )
        if not joins:
            out.append(ln)
            continue
        assert prev is not None
        prev.gaps = (*prev.gaps, (prev.end, ln.start))
        prev.text += ln.text
        prev.end = ln.end
    return out


def _apply_hints(lines: list[_Line], hints: Sequence[LayoutHint]) -> None:
    """Give each line the role of the hints that cover most of it."""
    if not hints:
        return
    ordered = sorted(hints, key=lambda h: h.start)
    sizes = Counter(h.size for h in hints if h.role == "body" and h.size)
    body_size = sizes.most_common(1)[0][0] if sizes else None
    for ln in lines:
        cover: Counter[str] = Counter()
        biggest = 0.0
        for h in ordered:
            if h.start >= ln.end:
                break
            overlap = min(h.end, ln.end) - max(h.start, ln.start)
            if overlap > 0:
                cover[h.role] += overlap
                biggest = max(biggest, h.size or 0.0)
        if cover:
            ln.hint = cover.most_common(1)[0][0]
        ln.size = biggest
        # Type twice the body size is a headline, whatever else the reader guessed.
        big = body_size is not None and biggest >= 2 * body_size
        if ln.hint == "furniture" and big and not is_furniture(ln.text):
            ln.hint = "headline"


def _is_heading_shape(ln: _Line) -> bool:
    text = _COLUMN_TAG.sub("", ln.text) or ln.text
    limit = _HEADING_MAX + 20 if ln.marked else _HEADING_MAX
    if len(text) > limit or any(c in _SENTENCE_END for c in _core(text)[:-1]):
        return False
    core = _core(text)
    if not core:
        return False
    if core[-1] in _SENTENCE_END:
        # A short question or exclamation can be a headline; a quoted one is dialogue.
        # A speaker's label (记者：) makes it an interview's question.
        speaker = re.match(rf"^[{HAN}]{{1,5}}[：:]", text)
        return core[-1] in "？?！!" and text[0] not in "“‘「" and len(text) <= 30 and not speaker
    return core[-1] not in _MID_SENTENCE and not core.endswith(("：", ":"))


def _classify(ln: _Line) -> None:
    text = ln.text
    if ln.hint == "sidebar":
        ln.role = "sidebar"
    elif is_jump(text):
        ln.role = "jump"
    elif ln.hint == "furniture" or is_furniture(text):
        ln.role = "furniture"
    elif is_advertisement(text):
        ln.role = "advertisement"
    elif (names := byline_names(text)) is not None:
        ln.role, ln.names = "byline", names
    elif is_credit(text):
        ln.role = "credit"
    elif (
        ln.hint in ("headline", "subheadline", "kicker")
        or (ln.hint != "body" and _is_heading_shape(ln) and not _SIGNATURE.match(text))
        or is_person_name(text)  # a bare name is never body text, whatever the type size
    ):
        ln.role = "heading"
    else:
        ln.role = "body"


def _promote_headlines(lines: list[_Line]) -> None:
    """A long unpunctuated line right above a dateline is a headline, not body; a column name
    over its author's name after a finished sentence is a sign-off whatever its type size."""
    for ln, nxt in itertools.pairwise(lines):
        if (
            ln.role == "body"
            and ln.hint is None
            and len(ln.text) <= 2 * _HEADING_MAX
            and not any(c in _SENTENCE_END for c in ln.text)
            and _dateline().match(nxt.text)
        ):
            ln.role = "heading"
    for prev, ln, nxt in zip(lines, lines[1:], lines[2:], strict=False):
        if (
            ln.role == "body"
            and prev.role == "body"
            and ends_sentence(prev.text)
            and _is_column_line(ln.text)
            and nxt.role == "heading"
            and is_person_name(nxt.text)
        ):
            ln.role = "heading"


def is_tagged(ln: _Line) -> bool:
    """A heading that ends with a column tag, like 山路与溪水（副刊随笔）."""
    return (
        ln.role == "heading"
        and bool(_COLUMN_TAG.search(ln.text))
        and not _ENUMERATION.match(ln.text)
    )
