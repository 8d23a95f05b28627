"""Text files: detect the encoding, decode, normalize newlines, and nothing else.

An HTML file (by its name or its opening ``<!DOCTYPE html>``/``<html>``) is read as HTML:
the page text is its visible text (:mod:`pipeline.ingest.html`). A file longer than
:data:`MAX_PAGE_CHARS` characters is refused before it is read whole.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from charset_normalizer import from_bytes

from pipeline.ingest import IngestError

# Checked in order; the first whose BOM starts the file wins (UTF-32 before UTF-16).
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Chinese pages come in these; limiting the detector to them avoids wild guesses
# (cp949, latin-1) on short texts. Listed in order of preference on a tie.
_CANDIDATES = ["gb18030", "big5", "utf_8"]
# Longest page accepted, in characters (about 500 printed pages run together); a longer one
# is refused with a message rather than risk the machine's memory.
MAX_PAGE_CHARS = 20_000_000
_MAX_BYTES_PER_CHAR = 4
_JUNK = frozenset({"Cc", "Cn", "Co", "Cs"})
_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"PK\x03\x04": "a ZIP archive (or Office file)",
    b"%PDF": "a PDF (give it a .pdf name)",
    b"\x1f\x8b": "a gzip archive",
}


def detect_encoding(data: bytes) -> str:
    """Name of the codec that decodes ``data``.

    >>> detect_encoding("本报记者".encode("gb18030"))
    'gb18030'
    >>> detect_encoding(codecs.BOM_UTF8 + "版".encode())
    'utf-8-sig'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    for magic, what in _MAGIC.items():
        if data.startswith(magic):
            raise IngestError(f"binary file: looks like {what}, not page text")
    if b"\x00" in data:
        raise IngestError("binary file: contains NUL bytes and no UTF-16 byte-order mark")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    matches = list(from_bytes(data, cp_isolation=_CANDIDATES))
    if not matches:
        raise IngestError("cannot decode: not UTF-8, GB18030/GBK, Big5 or UTF-16 with BOM")
    # On a tie (short texts) the mainland encoding is the likelier one.
    best = min(matches, key=lambda m: (m.chaos, -m.coherence, _CANDIDATES.index(m.encoding)))
    return best.encoding


def decode_page(data: bytes) -> str:
    """Decoded page text with ``\\r\\n`` and ``\\r`` turned into ``\\n``.

    >>> decode_page("第一行\\r\\n第二行".encode("gbk"))
    '第一行\\n第二行'
    """
    if not data.strip():
        raise IngestError("empty file")
    codec = detect_encoding(data)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as err:
        raise IngestError(f"cannot decode as {codec}: {err.reason}") from None
    if len(text) > MAX_PAGE_CHARS:  # before the slow checks below
        raise IngestError(too_long(len(text), "characters"))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise IngestError("empty file")
    if _junk_share(text) > 0.01:
        raise IngestError(
            f"binary file: decoded as {codec} but full of control or unassigned code points"
        )
    return text


def read_text_file(path: Path) -> str:
    """The page text of a text or HTML file."""
    if path.stat().st_size > MAX_PAGE_CHARS * _MAX_BYTES_PER_CHAR:
        raise IngestError(too_long(path.stat().st_size, "bytes"))
    text = decode_page(path.read_bytes())
    from pipeline.ingest.html import HTML_SUFFIXES, html_text, looks_like_html

    if path.suffix.lower() in HTML_SUFFIXES or looks_like_html(text):
        text = html_text(text)
        if not text.strip():
            raise IngestError("HTML file with no visible text")
    return text


def too_long(size: int, what: str) -> str:
    """The message for a page over the size limit.

    >>> too_long(25_000_000, "characters")
    'page too long: 25,000,000 characters, the limit is 20,000,000 characters; split it'
    """
    return f"page too long: {size:,} {what}, the limit is {MAX_PAGE_CHARS:,} characters; split it"


def _junk_share(text: str) -> float:
    """Share of characters no page text has: controls, unassigned, private use, U+FFFD."""
    junk = sum(1 for ch in text if ch not in "\n\t\f" and unicodedata.category(ch) in _JUNK)
    return (junk + text.count("\ufffd")) / len(text)
