"""HTML pages: the visible text, read with an HTML5 parser (selectolax, the Lexbor engine).

A page saved from a news site is read as HTML, not as text with tags in it: the page text
is what a browser shows, one line per block element (paragraph, heading, list item, table
row), entities decoded, scripts and styles left out. Offsets are into that text.
"""

from __future__ import annotations

import re

from pipeline.ingest.normalize import html_tags

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
_HIDDEN = "script, style, noscript, template, head, svg, iframe"
_SPACE = re.compile(r"[ \t\r\n\f]+")  # HTML white space, collapsed as a browser does
_DOCUMENT = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML document (it opens with a doctype or an ``<html>`` tag).

    >>> looks_like_html("<!DOCTYPE html><p>版</p>"), looks_like_html("正文<p>")
    (True, False)
    """
    return bool(_DOCUMENT.match(text[:4096]))


def html_text(markup: str) -> str:
    """The visible text of an HTML document, block elements on lines of their own.

    >>> html_text("<html><body><h1>标题</h1><p>贷款&nbsp;38.8万亿元<br>增长</p></body></html>")
    '标题\\n贷款 38.8万亿元\\n增长'
    """
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(markup)
    for node in tree.css(_HIDDEN):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    parts: list[str] = []
    for node in root.traverse(include_text=True):
        if node.tag == "-text":
            parts.append(_SPACE.sub(" ", node.text_content or ""))
        elif html_tags().get(node.tag) == "block":
            parts.append("\n")
    lines = "".join(parts).replace("\u00a0", " ").split("\n")
    return "\n".join(line.strip() for line in lines if line.strip())
