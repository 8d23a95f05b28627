"""Sidebars: runs of short figure lines and labelled background boxes."""

from __future__ import annotations

from pipeline.segment.cues import (
    _BOX_LINES,
    _FIGURE,
    _HEADING_MAX,
    _SENTENCE_END,
    _SIDEBAR_DENSITY,
    _SPACES,
    _dateline,
    _markers,
    figure_density,
)
from pipeline.segment.lines import _Line, is_tagged

# --- sidebars ------------------------------------------------------------------------------


def _is_figure_line(ln: _Line) -> bool:
    return bool(_FIGURE.search(ln.text)) or ln.text.startswith(_markers("sidebar_leads"))


def _sidebar_like(ln: _Line) -> bool:
    return (
        ln.role in ("heading", "body", "sidebar")
        and ln.hint not in ("body", "headline")
        and len(ln.text) <= _HEADING_MAX
        and not any(c in _SENTENCE_END for c in ln.text)
    )


def find_sidebars(lines: list[_Line]) -> list[tuple[int, int, int | None]]:
    """Sidebars as (first line, last line, title line), and mark their lines."""
    found: list[tuple[int, int, int | None]] = []
    i = 0
    while i < len(lines):
        if lines[i].hint == "sidebar":
            j = i
            while j + 1 < len(lines) and lines[j + 1].hint == "sidebar":
                j += 1
            found.append((i, j, None))
            i = j + 1
            continue
        if (box := _box_end(lines, i)) is not None:
            found.append((i + 1, box, i))
            i = box + 1
            continue
        if not (_sidebar_like(lines[i]) and _is_figure_line(lines[i])):
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and _sidebar_like(lines[j + 1]):
            j += 1
        # A heading that a byline or dateline follows is the next article's, not the box's.
        while j > i and _leads_article(lines, j):
            j -= 1
        run = lines[i : j + 1]
        if _introduced(lines, i):  # a table the text announces (成绩如下：) is body text
            i = j + 1
            continue
        figures = sum(_is_figure_line(ln) for ln in run)
        dense = figure_density("".join(ln.text for ln in run)) >= _SIDEBAR_DENSITY
        if len(run) >= 2 and figures >= 2 and figures >= 0.4 * len(run) and dense:
            title = _sidebar_title(lines, i)
            nxt = lines[j + 1] if j + 1 < len(lines) else None
            if nxt is not None and nxt.text.startswith(_markers("source_markers")):
                j += 1  # the box's own source line (数据来源：…)
            found.append((i, j, title))
            i = j + 1
        else:
            i += 1
    for first, last, title in found:
        for ln in lines[(title if title is not None else first) : last + 1]:
            ln.role = "sidebar"
    return found


def _introduced(lines: list[_Line], i: int) -> bool:
    """Whether the run of short lines from line ``i`` is announced by a colon that ends its
    first line or the body line before it."""
    if lines[i].text.rstrip().endswith(("：", ":")):
        return True
    prev = lines[i - 1] if i else None
    return prev is not None and prev.role == "body" and prev.text.rstrip().endswith(("：", ":"))


def _box_end(lines: list[_Line], i: int) -> int | None:
    """The last line of a background box whose label (链接) is line ``i``.

    A titled box holds its own title lines, then its paragraphs, and more titled parts (a
    title over a subtitle, with no byline, dateline or column tag: the next case of the box)
    up to any other line. A box with no title of its own, or whose title stands over short
    display lines (more than a subtitle), holds only its short lines or one paragraph: the
    paragraphs after that are the article's text, printed around the box.
    """
    if lines[i].role != "heading" or _SPACES.sub("", lines[i].text) not in _markers("box_labels"):
        return None
    if i + 1 < len(lines) and lines[i + 1].role == "body":
        return _untitled_box_end(lines, i + 1)
    j, end, first = i + 1, None, True
    while j < len(lines):
        k = j
        while k < len(lines) and lines[k].role == "heading" and not is_tagged(lines[k]):
            k += 1
        if k >= len(lines) or lines[k].role != "body" or _dateline().match(lines[k].text):
            break
        if first and k - j >= _BOX_LINES:  # facts set line by line under the box's title
            return k - 1
        if not first and k - j < 2:
            break
        while k + 1 < len(lines) and lines[k + 1].role == "body":
            k += 1
        j, end, first = k + 1, k, False
    return end


def _untitled_box_end(lines: list[_Line], j: int) -> int | None:
    """The last line of an untitled box whose text starts at line ``j``: its run of short
    lines (facts set line by line), or else its one paragraph (which may go on after a column
    break in mid-sentence).

    >>> box = [_Line(0, 7, 0, "对象：农户", False, True), _Line(8, 13, 8, "期限：3年", False, True)]
    >>> para = _Line(20, 90, 20, "这一产品" * 15 + "。", False, True)
    >>> cut = _Line(20, 90, 20, "这一产品" * 15 + "，", False, True)
    >>> _untitled_box_end(box + [para], 0), _untitled_box_end([para, *box], 0)
    (1, 0)
    >>> _untitled_box_end([cut, para, para], 0)
    1
    """
    if _dateline().match(lines[j].text):
        return None
    k = j
    short = len(lines[j].text) <= _HEADING_MAX
    while k + 1 < len(lines) and lines[k + 1].role == "body":
        goes_on = len(lines[k + 1].text) <= _HEADING_MAX if short else lines[k].open
        if not goes_on:
            break
        k += 1
    return k


def _leads_article(lines: list[_Line], j: int) -> bool:
    nxt = lines[j + 1] if j + 1 < len(lines) else None
    return nxt is not None and (nxt.role == "byline" or bool(_dateline().match(nxt.text)))


def _sidebar_title(lines: list[_Line], first: int) -> int | None:
    """The heading just above a sidebar, when it is not itself part of a headline group."""
    t = first - 1
    if t < 1 or lines[t].role != "heading" or _is_figure_line(lines[t]):
        return None
    if lines[t - 1].role in ("heading", "furniture"):
        return None
    return t
