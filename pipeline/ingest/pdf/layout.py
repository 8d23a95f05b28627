"""Reading-order text of a page's glyphs, with a layout hint per block."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.ingest import LayoutHint
from pipeline.ingest.pdf.chars import Turn
from pipeline.ingest.pdf.columns import Geometry, Reader, cut_region, find_boxes, ruled_boxes
from pipeline.ingest.pdf.geometry import Glyph, Rect, body_size, set_vertically
from pipeline.ingest.pdf.paragraphs import assemble_blocks, to_blocks


def layout_text(
    glyphs: Sequence[Glyph], rects: Sequence[Rect], rules: Sequence[Rect], height: float
) -> tuple[str, list[LayoutHint]]:
    """Reading-order text of a page's glyphs, and a hint per block (offsets into that text).

    >>> g = [Glyph(c, 10 + 10 * i, 20 + 10 * i, 100, 110, 10.0) for i, c in enumerate("小微20")]
    >>> g += [Glyph(c, 10 + 10 * i, 20 + 10 * i, 114, 124, 10.0) for i, c in enumerate("26年")]
    >>> layout_text(g, [], [], 800.0)[0]
    '小微2026年'
    """
    visible = [g for g in glyphs if not g.text.isspace()]
    if not visible:
        return "", []
    if set_vertically(visible):
        # Columns run down the page, right to left: turned a quarter, they are lines.
        turn = Turn(90, max(g.x1 for g in visible) + min(g.x0 for g in visible), height)
        glyphs = [turn.glyph(g) for g in glyphs]
        visible = [g for g in glyphs if not g.text.isspace()]
        rects, rules = [turn.rect(r) for r in rects], [turn.rect(r) for r in rules]
        height = turn.upright_height
    body = body_size(visible)
    hrules = tuple(r for r in rules if r.bottom - r.top <= 2 and r.x1 - r.x0 > 2 * body)
    vrules = tuple(r for r in rules if r.x1 - r.x0 <= 2 and r.bottom - r.top > 2 * body)
    boxes = find_boxes(glyphs, [*rects, *ruled_boxes(hrules, vrules)], body, height)
    boxed = {id(g) for b in boxes for g in b.glyphs}
    flow = [g for g in glyphs if id(g) not in boxed]
    reader = Reader(Geometry(body, hrules, vrules))
    cut_region(reader, flow, boxes)
    blocks = to_blocks(reader.out, body, height)
    return assemble_blocks(blocks)
