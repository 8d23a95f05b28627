"""The normalized view of a page: the text the stages read, mapped back to ``page.text``.

``page.text`` stays the text as decoded; offsets are always into it. The stages read a view
of it in which what would mislead them is gone:

- invisible characters (zero-width spaces and joiners, BOM, soft hyphen, bidi marks,
  variation selectors) are dropped: ``38.\\u200b8万亿元`` reads as ``38.8万亿元``;
- HTML/XML remnants are dropped (comments, doctype, script and style with their content,
  tags of HTML elements: block elements read as a line break) and entities are decoded;
- full-width digits and letters, and full-width ``．％，`` inside numbers, become ASCII;
- 「」『』 read as “”‘’, the quote marks the stages know;
- Traditional Chinese is read through a Simplified view (OpenCC ``tw2sp``), character for
  character, so that names, figures and quotes are found as in mainland text.

Each view character knows the page span it came from (:class:`TextMap`); a surface is then
``page.text[start:end]`` and may hold the characters the view dropped, as it must.
``View.clean`` is the page's own characters with only the invisible ones and the markup
gone (entities decoded): the same length as the view, for the strings shown to people
(article text, headlines, quote text) in the page's own script and forms.
"""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass
from functools import cache

from pipeline.lexicon import read_table
from pipeline.textmap import TextMap

_INVISIBLE = (
    "\u00ad\u034f\u061c\u180b-\u180f\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufe00-\ufe0f\ufeff"
)
_MARKUP = re.compile(
    rf"(?P<invisible>[{_INVISIBLE}]+)"
    r"|(?P<comment><!--.*?(?:-->|\Z))"
    r"|(?P<hidden><(?P<hide>script|style)\b[^>]*>.*?(?:</(?P=hide)\s*>|\Z))"
    r"|(?P<decl><![A-Za-z][^<>]*>|<\?[^<>]*\?>)"
    r"|(?P<tag></?(?P<name>[A-Za-z][A-Za-z0-9]*(?::[A-Za-z]+)?)(?:[\s/][^<>]{0,2000})?>)"
    r"|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});)",
    re.S | re.I,
)
_INVISIBLE_CHAR = re.compile(rf"[{_INVISIBLE}]")
# One-for-one foldings, so that they leave the offset map alone.
_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "\u00a0": " ",
        "\u2028": "\n",
        "\u2029": "\n",
    }
)
_NUMBER_MARKS = re.compile(r"(?<=[0-9])．(?=[0-9])|(?<=[0-9])％|(?<=[0-9])，(?=[0-9]{3}(?![0-9]))")
_QUOTE_MARKS = str.maketrans("「」『』", "“”‘’")
_HAN = re.compile(r"[\u4e00-\u9fff]")
# Share of Han characters that OpenCC changes, above which a page counts as Traditional;
# Simplified text scores about 0, Traditional news text 0.2 and more.
TRADITIONAL_SHARE = 0.05
_SAMPLE = 200_000


@dataclass(frozen=True)
class View:
    map: TextMap  # map.text is what the stages read; offsets into page.text
    clean: str  # map.text before folding and conversion; same length (same object if equal)
    traditional: bool

    @property
    def text(self) -> str:
        return self.map.text


def normalize(text: str) -> View:
    """The view of ``text`` that the stages read.

    >>> v = normalize("<p>增长&nbsp;38.\\u200b8％</p>")
    >>> v.text, v.map.to_page(3, 8), v.map.to_page(0, 2)
    ('增长 38.8%', (11, 17), (3, 5))
    """
    stripped = strip_markup(text)
    read = fold_widths(stripped.text).translate(_QUOTE_MARKS)
    traditional = is_traditional(read)
    if traditional:
        read = to_simplified(read)
    if read == stripped.text:
        read = stripped.text  # one object: callers test ``view.text is view.clean``
    return View(TextMap(read, stripped.offsets, stripped.ends), stripped.text, traditional)


def strip_markup(text: str) -> TextMap:
    """``text`` without invisible characters and HTML remnants, entities decoded."""
    if not _INVISIBLE_CHAR.search(text) and "<" not in text and "&" not in text:
        return TextMap.identity(text)
    out: list[str] = []
    offsets, ends = array("q"), array("q")
    pos = 0
    for m in _MARKUP.finditer(text):
        repl = _replacement(m, text, out)
        if repl is None:
            continue
        _keep(text, pos, m.start(), out, offsets, ends)
        for ch in repl:
            out.append(ch)
            offsets.append(m.start())
            ends.append(m.end())
        pos = m.end()
    if not out and pos == 0:
        return TextMap.identity(text)
    _keep(text, pos, len(text), out, offsets, ends)
    return TextMap("".join(out), offsets, ends)


def _keep(text: str, start: int, end: int, out: list[str], offsets: array, ends: array) -> None:
    if start < end:
        out.append(text[start:end])
        offsets.extend(range(start, end))
        ends.extend(range(start + 1, end + 1))


def _replacement(m: re.Match[str], text: str, out: list[str]) -> str | None:
    """What a markup match reads as in the view; None when it is not markup after all."""
    kind = m.lastgroup
    if kind == "entity":
        decoded = html.unescape(m.group())
        if decoded == m.group():
            return None
        return _INVISIBLE_CHAR.sub("", decoded.translate(_WIDTH))
    if kind == "tag":
        role = html_tags().get(m.group("name").lower())
        if role is None:
            return None
        return "\n" if role == "block" and _line_break_needed(text, m.end(), out) else ""
    return ""


def _line_break_needed(text: str, after: int, out: list[str]) -> bool:
    """A block tag breaks the line unless a line break already stands on either side."""
    if not out or out[-1].endswith("\n"):
        return False
    rest = text[after : after + 200].lstrip(" \t")
    return not (rest.startswith(("\n", "<")) or not rest)


@cache
def html_tags() -> dict[str, str]:
    """HTML element name -> ``block`` or ``inline``."""
    return {row[0]: row[1] for row in read_table("ingest/html_tags.tsv")}


def fold_widths(text: str) -> str:
    """Full-width digits and letters as ASCII; ``．％，`` inside numbers too.

    >>> fold_widths("增长１２．５％，达１，２００亿")
    '增长12.5%，达1,200亿'
    """
    folded = text.translate(_WIDTH)
    return _NUMBER_MARKS.sub(lambda m: chr(ord(m.group()) - 0xFEE0), folded)


def is_traditional(text: str) -> bool:
    """Whether ``text`` is Traditional Chinese (judged on its first 200K characters).

    >>> is_traditional("台積電營收創新高"), is_traditional("台积电营收创新高")
    (True, False)
    """
    sample = text[:_SAMPLE]
    han = len(_HAN.findall(sample))
    if not han:
        return False
    converted = _converter().convert(sample)
    if len(converted) != len(sample):
        converted = to_simplified(sample)
    changed = sum(1 for a, b in zip(sample, converted, strict=True) if a != b)
    return changed / han >= TRADITIONAL_SHARE


def to_simplified(text: str) -> str:
    """Simplified ``text``, character for character (same length, same positions).

    A phrase conversion that changes the length is undone: such a line is converted one
    character at a time.
    """
    convert = _converter().convert
    whole = convert(text)
    if len(whole) == len(text):
        return whole
    return "".join(_line_simplified(line) for line in text.splitlines(keepends=True))


def _line_simplified(line: str) -> str:
    convert = _converter().convert
    whole = convert(line)
    if len(whole) == len(line):
        return whole
    return "".join(c if len(c := convert(ch)) == 1 else ch for ch in line)


@cache
def _converter():
    import opencc

    return opencc.OpenCC("tw2sp")
