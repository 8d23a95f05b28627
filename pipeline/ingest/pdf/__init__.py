"""PDF pages in reading order, with layout hints.

chars.py reads a page's glyphs, boxes and rules; trust.py judges whether its text layer can
be trusted; columns.py cuts the page into columns and sidebars (a recursive XY cut);
paragraphs.py joins lines into paragraphs and gives each block its role; layout.py ties
them together and reader.py reads files.
"""

from pipeline.ingest.pdf.geometry import Glyph, Rect
from pipeline.ingest.pdf.layout import layout_text
from pipeline.ingest.pdf.reader import NO_TEXT_LAYER, read_pdf
from pipeline.ingest.pdf.trust import garbled_han, untrusted_share

__all__ = [
    "NO_TEXT_LAYER",
    "Glyph",
    "Rect",
    "garbled_han",
    "layout_text",
    "read_pdf",
    "untrusted_share",
]
