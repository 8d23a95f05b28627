"""Columns -> paragraphs -> blocks with roles.

Lines join into paragraphs with no space (a number broken across lines comes back whole); a
first-line indent, a vertical gap, a short line or a change of type size starts a new
paragraph. A paragraph goes on at the head of the next column when that starts unindented and
the paragraph stopped mid-sentence or on a full line; a float read in between (a caption, a
pull quote) follows the paragraph it interrupts. Blocks are separated by a blank line, as on
text pages, and each gets a role judged from its type size against the body size of the text
around it (a lead story may be set larger than the rest of the page).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.ingest import LayoutHint
from pipeline.ingest.pdf.geometry import (
    HEADLINE_RATIO,
    SUBHEADLINE_RATIO,
    Column,
    Line,
    SidebarRegion,
    body_size,
    same_size,
)

FURNITURE_RATIO = 0.92


# Furniture is short: at most this many characters on one line.
FURNITURE_MAX_CHARS = 60


DISPLAY_ROLES = frozenset({"headline", "subheadline", "kicker"})


# A column with this many lines of one size holds running text (sets its own body size).
RUNNING_LINES = 3


# A float (caption, pull quote) set in a column has at most this many lines.
FLOAT_MAX_LINES = 6


# Characters that may end a paragraph: sentence ends, closing quotes and brackets.
SENTENCE_CLOSERS = frozenset("。！？!?…；;：:”’」』）)》】")


# Share of the page height at the top and bottom where single lines count as furniture.
MARGIN_SHARE = 0.05


@dataclass
class Para:
    lines: list[Line]
    size: float
    indented: bool
    open_end: bool = False
    body: float = 0.0  # the body size of the text around it, which its role is judged by
    inset: bool = False  # a float inside an article's paragraph (caption, pull quote)


@dataclass(frozen=True)
class Block:
    text: str
    role: str
    size: float


def _paras(column: Column) -> list[Para]:
    """Paragraphs of one column: a new one on a size change, gap, indent or short line."""
    lines = list(column.lines)
    if not lines:
        return []
    sizes = Counter()
    for ln in lines:
        sizes[ln.size] += len(ln.text)
    main = max(sizes, key=lambda s: (sizes[s], -s))
    # Most lines of a column are full and unindented: the medians are its edges (a line
    # may hang out with punctuation, and ragged-right lines end a little apart).
    frame = [ln for ln in lines if same_size(ln.size, main)]
    left = _left_edge([ln.x0 for ln in frame])
    right = max(sorted(ln.x1 for ln in frame)[len(frame) // 2], column.right or 0.0)
    gaps = sorted(
        b.top - a.bottom
        for a, b in itertools.pairwise(lines)
        if same_size(a.size, b.size) and b.top > a.bottom
    )
    usual = gaps[len(gaps) // 2] if gaps else 0.3 * main
    paras: list[Para] = []
    for i, ln in enumerate(lines):
        indented = ln.x0 - left >= 0.8 * ln.size
        prev = lines[i - 1] if i else None
        if (
            prev is None
            or not same_size(prev.size, ln.size)
            or ln.top - prev.bottom > usual + 0.5 * ln.size
            or indented
            or (prev.x1 < right - 1.5 * prev.size and not _word_pushed_down(prev, ln, right))
        ):
            paras.append(Para([ln], ln.size, indented))
        else:
            paras[-1].lines.append(ln)
    last = paras[-1].lines[-1]
    paras[-1].open_end = len(lines) > 1 and last.x1 >= right - 1.5 * last.size
    return paras


def _left_edge(starts: Sequence[float]) -> float:
    """Where a column's lines start: the leftmost start that many lines share (in short
    paragraphs half the lines are indented first lines), else the median start.

    >>> _left_edge([81, 61, 81, 61, 81, 61, 81]), _left_edge([40, 50, 50, 50, 60])
    (61.0, 50.0)
    """
    counts = Counter(round(x * 2) / 2 for x in starts)
    shared = [x for x, n in counts.items() if n >= max(2, len(starts) / 4)]
    if shared:
        return min(shared)
    return sorted(starts)[len(starts) // 2]


def _word_pushed_down(prev: Line, line: Line, right: float) -> bool:
    """Whether ``prev`` ends short only because the word (a number, a Latin word) that
    ``line`` starts with would not fit after it: a typesetter that does not break numbers
    leaves such a gap at the end of a line within a paragraph.

    >>> from pipeline.ingest.pdf.geometry import Glyph, make_line
    >>> g = [Glyph(c, 10 * i, 10 * i + 5, 0, 10, 10.0) for i, c in enumerate("2026年")]
    >>> prev = make_line([Glyph("好", 0, 10, 0, 10, 10.0)])
    >>> _word_pushed_down(prev, make_line(g), 35.0), _word_pushed_down(prev, make_line(g), 60.0)
    (True, False)
    """
    word = list(itertools.takewhile(lambda g: g.text.isascii() and g.text.strip(), line.glyphs))
    if not word or not word[0].text.isalnum():
        return False
    return prev.x1 + (word[-1].x1 - word[0].x0) > right


def _flow(parts: Sequence[Column], bodies: Sequence[float]) -> list[Para]:
    """Paragraphs of consecutive columns. A paragraph that runs off a column's foot goes on
    at the head of a later column that starts unindented in the same size; the floats read
    in between (a caption, a pull quote: a column of one paragraph in another size) follow
    the paragraph they interrupt."""
    out: list[Para] = []
    held: list[Para] = []  # floats waiting for the paragraph they interrupt to end
    for column, body in zip(parts, bodies, strict=True):
        paras = _paras(column)
        if not paras:
            continue
        for para in paras:
            para.body = body
        at = _runs_on(out, paras[0])
        if at is not None:
            held += out[at + 1 :]
            del out[at + 1 :]
        if held and out and same_size(out[-1].size, paras[0].size):
            for para in held:  # text of one size on both sides: floats inside an article
                para.inset = True
        if at is not None:
            out[at].lines.extend(paras[0].lines)
            out[at].open_end = paras[0].open_end if len(paras) == 1 else False
            paras = paras[1:]
        if paras and held:
            out += held
            held = []
        if len(paras) == 1 and out and _floats(paras[0], out[-1]):
            held.append(paras[0])
            continue
        out += paras
    return out + held


def _runs_on(out: Sequence[Para], head: Para) -> int | None:
    """Index of the paragraph that ``head`` (a column's first paragraph) continues: the last
    one read, or the one before the floats read since, when it stops short of a sentence's
    end (or, last read, fills its last line) and ``head`` starts unindented in its size."""
    if not out or head.indented:
        return None
    last = out[-1]
    if last.open_end and same_size(last.size, head.size):
        return len(out) - 1
    for i in range(len(out) - 1, -1, -1):
        para = out[i]
        if same_size(para.size, head.size):
            # A note set flush right under the text (下转…) is no column's first line.
            full = head.lines[0].x1 - head.lines[0].x0 >= 0.6 * max(
                ln.x1 - ln.x0 for ln in para.lines
            )
            open_sentence = len(para.lines) >= 2 and not _ends_sentence(_para_text(para))
            return i if open_sentence and full else None
        if not _floats(para, head):
            return None
    return None


def _floats(para: Para, beside: Para) -> bool:
    """Whether a paragraph set alone in its column can be a float in text of ``beside``'s
    size: a few lines in another size, smaller than a headline."""
    return (
        len(para.lines) <= FLOAT_MAX_LINES
        and not same_size(para.size, beside.size)
        and para.size < HEADLINE_RATIO * beside.size
    )


def _ends_sentence(text: str) -> bool:
    """Whether a paragraph's text ends a sentence (or a quotation, a bracket).

    >>> [_ends_sentence(t) for t in ["增长9.9%。", "他说：“好。”", "（下转第2版）", "需要进一步"]]
    [True, True, True, False]
    """
    return text.rstrip()[-1:] in SENTENCE_CLOSERS


def to_blocks(regions: Sequence[Column | SidebarRegion], body: float, height: float) -> list[Block]:
    """Blocks in reading order; runs of columns flow into each other, sidebars stand alone."""
    columns = [r for r in regions if isinstance(r, Column)]
    local = dict(zip(map(id, columns), _local_bodies(columns, body), strict=True))
    blocks: list[Block] = []
    run: list[Column] = []
    for region in [*regions, None]:
        if isinstance(region, Column):
            run.append(region)
            continue
        paras = _flow(run, [local[id(c)] for c in run])
        blocks += _roles(paras, height)
        run = []
        if isinstance(region, SidebarRegion):
            texts = [_para_text(p) for p in _flow(region.parts, [body] * len(region.parts))]
            ink = [g for c in region.parts for ln in c.lines for g in ln.glyphs]
            size = body_size([g for g in ink if not g.text.isspace()] or ink)
            blocks.append(Block("\n\n".join(t for t in texts if t), "sidebar", size))
    return [b for b in blocks if b.text]


def _local_bodies(columns: Sequence[Column], page_body: float) -> list[float]:
    """The body size each column's roles are judged by: its own main size when it holds
    running text (a page may set its lead story larger than the rest), else that of the
    text it heads (the next column with running text), else the page's.

    >>> from pipeline.ingest.pdf.geometry import Glyph, make_lines
    >>> row = lambda top, n, size: [Glyph("字", 10 * i, 10 * i + size, top, top + size, size)
    ...                             for i in range(n)]
    >>> head = Column(tuple(make_lines(row(0, 8, 30.0))))
    >>> text = Column(tuple(make_lines(row(40, 20, 11.0) + row(55, 20, 11.0) + row(70, 20, 11.0))))
    >>> _local_bodies([head, text], 9.0)
    [11.0, 11.0]
    """
    own: list[float | None] = []
    for column in columns:
        sizes: Counter[float] = Counter()
        for ln in column.lines:
            sizes[ln.size] += 1
        main = max(sizes, key=lambda s: (sizes[s], -s), default=None)
        running = main is not None and sizes[main] >= RUNNING_LINES
        own.append(main if running and main < HEADLINE_RATIO * page_body else None)
    out = []
    for i, size in enumerate(own):
        after = next((s for s in own[i:] if s is not None), None)
        before = next((s for s in reversed(own[:i]) if s is not None), None)
        out.append(size or after or before or page_body)
    return out


def _para_text(para: Para) -> str:
    return "".join(ln.text for ln in para.lines)


def _roles(paras: list[Para], height: float) -> list[Block]:
    """Role of each paragraph from its type size against the body size around it; a display
    line just above a bigger headline is its kicker, one just below it its subheadline, and
    small print right under a headline (a byline set small) is no furniture."""
    blocks = []
    for para in paras:
        text = _para_text(para)
        ratio = para.size / para.body
        if _is_furniture(para, text, ratio, height):
            role = "furniture"
        elif ratio >= HEADLINE_RATIO:
            role = "headline"
        elif ratio >= SUBHEADLINE_RATIO:
            role = "subheadline"
        else:
            role = "body"
        blocks.append(Block(text, role, para.size))
    for i in range(len(blocks) - 1):
        this, after = blocks[i], blocks[i + 1]
        if (
            this.role in {"headline", "subheadline"}
            and after.role == "headline"
            and after.size > this.size * (1 + 0.12)
        ):
            blocks[i] = Block(this.text, "kicker", this.size)
        elif (
            this.role == "headline"
            and after.role == "headline"
            and this.size > after.size * (1 + 0.12)
        ):
            blocks[i + 1] = Block(after.text, "subheadline", after.size)
    for i in range(1, len(blocks)):
        if blocks[i].role == "furniture" and blocks[i - 1].role in DISPLAY_ROLES:
            blocks[i] = Block(blocks[i].text, "body", blocks[i].size)
    return blocks


def _is_furniture(para: Para, text: str, ratio: float, height: float) -> bool:
    """Short small print, or a single short line in the top or bottom margin; not a float
    inside an article's paragraph (a caption belongs to the article)."""
    if len(text) > FURNITURE_MAX_CHARS or len(para.lines) > 2 or para.inset:
        return False
    if ratio < FURNITURE_RATIO:
        return True
    if ratio >= SUBHEADLINE_RATIO:
        return False
    line = para.lines[0]
    in_margin = line.bottom < MARGIN_SHARE * height or line.top > (1 - MARGIN_SHARE) * height
    return len(para.lines) == 1 and in_margin


def assemble_blocks(blocks: Sequence[Block]) -> tuple[str, list[LayoutHint]]:
    """Blocks joined by blank lines, with a hint for each block's stretch of the text."""
    parts: list[str] = []
    hints: list[LayoutHint] = []
    pos = 0
    for block in blocks:
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(block.text)
        hints.append(LayoutHint(pos, pos + len(block.text), block.role, block.size))
        pos += len(block.text)
    return "".join(parts), hints
