"""Which year and month a mention that states none belongs to: the text's own years, the
paragraph and sentence it stands in, the publication date (rules in the package docstring)."""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left, bisect_right

from pipeline.dates.candidates import Candidate
from pipeline.dates.days import century_year, to_int
from pipeline.dates.lexicons import is_comparison_base, relative_words
from pipeline.zh.numerals import parse_digits
from pipeline.zh.sentences import CLOSERS, STRONG_ENDS

# A stated year governs year-less mentions in its own paragraph for this many sentences; past
# them, with a publication date known, a year-less mention is read against that date instead.
_CARRY_SENTENCES = 3
# A year-less month more than this many months after the publication month lies in the year
# before (a January page's 12月 is last December; a June page's 12月 is this December).
_AHEAD_MONTHS = 6
_STRONG_END = re.compile(f"[{re.escape(STRONG_ENDS)}]")
_SENTENCE_END = re.compile(f"[{re.escape(STRONG_ENDS)}\n]")
# A line break ends a paragraph (or a headline); in text whose lines are mostly wrapped inside
# sentences (a PDF column), only a blank line or a break after a sentence's end does.
_LINE_BREAK = re.compile(r"\n")
_PARAGRAPH_BREAK = re.compile(
    rf"\n[ \t\u3000]*\n|(?<=[{re.escape(STRONG_ENDS + '：:' + CLOSERS)}])[ \t\u3000]*\n"
)
_WRAPPED_SHARE = 0.75
_CLAUSE_BREAK = re.compile(r"[，,：:（(]")


def _paragraph_breaks(text: str) -> list[int]:
    """Where the paragraphs of ``text`` end.

    >>> _paragraph_breaks("标题\\n正文。\\n下一段。")
    [2, 6]
    >>> _paragraph_breaks("一句话被\\n折成\\n两行\\n又一行\\n还有一行。")
    []
    """
    lines = [line.rstrip() for line in text.split("\n") if line.strip()]
    open_lines = sum(1 for line in lines if _PARAGRAPH_BREAK.search(line[-1] + "\n") is None)
    wrapped = len(lines) >= 4 and open_lines > _WRAPPED_SHARE * len(lines)
    return [m.start() for m in (_PARAGRAPH_BREAK if wrapped else _LINE_BREAK).finditer(text)]


class Context:
    """Years the text states, the last month it spoke of, the page's defaults."""

    def __init__(
        self,
        text: str,
        published: datetime.date | None,
        default_year: int | None,
        years: list[tuple[int, int]],
    ) -> None:
        self.text = text
        self.published = published
        self.default_year = default_year
        self.sentence_ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        self.strong_ends = [m.end() for m in _STRONG_END.finditer(text)]
        self.breaks = _paragraph_breaks(text)
        self.year_pos = [pos for pos, _ in years]
        self.year_val = [year for _, year in years]
        self.last_month: tuple[int | None, int] | None = None
        self.last_month_pos = 0
        self.last_base_pos: int | None = None  # where a comparison base last counted back

    def _sentence(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sentence_ends, pos)
        start = self.sentence_ends[i - 1] if i else 0
        end = self.sentence_ends[i] if i < len(self.sentence_ends) else 1 << 62
        return start, end

    def near(self, earlier: int, pos: int) -> bool:
        """Whether what the text says at ``earlier`` still governs ``pos``: the same paragraph,
        at most ``_CARRY_SENTENCES`` sentence ends between them."""
        if bisect_right(self.breaks, pos) != bisect_right(self.breaks, earlier):
            return False
        ends = bisect_right(self.strong_ends, pos) - bisect_right(self.strong_ends, earlier)
        return ends <= _CARRY_SENTENCES

    def _onward(self, i: int, month: int | None) -> int:
        """The ``i``-th stated year, moved forward with the story: right after 2025年12月17日 a
        year-less 6月 is the next June, and what follows stays there (never past the publication
        year). Only a month stated with its year turns it: after 2025年…12月, 1—11月 is still
        2025's."""
        year, last = self.year_val[i], self.last_month
        if last is None or last[0] is None or self.last_month_pos < self.year_pos[i]:
            return year
        limit = self.published.year if self.published else 1 << 14
        if year < last[0] <= limit:
            return last[0]  # the story already moved on
        stated = self.last_month_pos == self.year_pos[i]
        if stated and month is not None and last[0] == year and month < last[1] and year < limit:
            return year + 1
        return year

    def _ahead(self, pos: int, i: int) -> bool:
        """Whether the ``i``-th year, later in the sentence, governs ``pos``: in the same clause,
        or anywhere in the sentence when no publication date is there to go by."""
        between = self.text[pos : self.year_pos[i]]
        return self.published is None or _CLAUSE_BREAK.search(between) is None

    def _carries(self, earlier: int, pos: int) -> bool:
        """Without a publication date the text's last year governs to its end."""
        return self.published is None or self.near(earlier, pos)

    def year(self, pos: int, month: int | None = None) -> int | None:
        """Year for a mention at ``pos`` that states none (see the module docstring);
        ``month`` is the first month it names, if any."""
        s_start, s_end = self._sentence(pos)
        i = bisect_left(self.year_pos, pos)
        if i and self.year_pos[i - 1] >= s_start:
            return self._onward(i - 1, month)
        if i < len(self.year_pos) and self.year_pos[i] < s_end and self._ahead(pos, i):
            return self.year_val[i]
        if i and self._carries(self.year_pos[i - 1], pos):
            return self._onward(i - 1, month)
        if self.default_year is not None:
            return self.default_year
        if self.published is None:
            return None
        ahead = month is not None and month - self.published.month > _AHEAD_MONTHS
        return self.published.year - 1 if ahead else self.published.year

    def story_year(self, pos: int) -> int | None:
        """The year the text last stated before ``pos`` (当年, 同年 refer back to it)."""
        i = bisect_left(self.year_pos, pos)
        return self.year_val[i - 1] if i else self.default_year

    def reported_year(self, pos: int) -> int | None:
        """The year a report speaks of at ``pos``: the last one stated, while it still governs
        ``pos`` and is not after the publication year (a target year is no comparison base)."""
        i = bisect_left(self.year_pos, pos)
        if not i or not self._carries(self.year_pos[i - 1], pos):
            return None
        year = self.year_val[i - 1]
        return None if self.published and year > self.published.year else year

    def reported_month(self) -> tuple[int, int] | None:
        """The (year, month) a report speaks of: the last one the text stated with a known
        year, not after the publication month."""
        last = self.last_month
        if last is None or last[0] is None:
            return None
        if self.published and (last[0], last[1]) > (self.published.year, self.published.month):
            return None
        return last[0], last[1]

    def in_report(self, pos: int) -> bool:
        """Whether ``pos`` follows a comparison base near enough to stand in the same report
        (本月 there is the reported month, not the publication month)."""
        return self.last_base_pos is not None and self.near(self.last_base_pos, pos)

    def set_month(self, pos: int, year: int | None, month: int) -> None:
        self.last_month, self.last_month_pos = (year, month), pos

    def month(self, pos: int) -> tuple[int | None, int] | None:
        """(year, month) the text last spoke of, if it still governs ``pos``."""
        if self.last_month is None or not self._carries(self.last_month_pos, pos):
            return None
        return self.last_month


def context_year(cand: Candidate, published: datetime.date | None) -> int | None:
    """The year a mention lends to later year-less mentions (the latest, for an interval).

    Years written out count, and so do relative years that name a period (去年5月, 今年一季度);
    a bare 去年 or 上年 is often a comparison base (去年同期), not what the text goes on about.
    """
    g = cand.groups
    if cand.parts:
        years = [context_year(p, published) for p in cand.parts]
        return next((y for y in reversed(years) if y is not None), None)
    stated = stated_year(cand, published)
    if stated is not None:
        return stated
    word, period = g.get("yrel"), any(g.get(k) for k in ("m", "q", "qq", "h", "ye"))
    if word and period and published and relative_words()[word].unit == "year":
        return published.year + relative_words()[word].offset
    return None


def stated_year(cand: Candidate, published: datetime.date | None) -> int | None:
    """The year a mention writes out in digits (the latest, for an interval)."""
    g = cand.groups
    if cand.parts:
        years = [stated_year(p, published) for p in cand.parts]
        return next((y for y in reversed(years) if y is not None), None)
    if cand.rule == "year_range":
        return int(g["y2"] or 0)
    for key in ("y", "yq"):
        if g.get(key):
            return to_int(g[key])
    if g.get("y2"):
        return century_year(parse_digits(g["y2"] or "") or 0, published)
    return None


# ---------------------------------------------------------------- normalization


def year_of(cand: Candidate, ctx: Context, hint: int | None) -> int | None:
    """Stated year, else the hint (the left end of an interval), else the context's."""
    g = cand.groups
    own = stated_year(cand, ctx.published)
    if own is not None:
        return own
    word = g.get("yrel")
    if word:
        rel = relative_words()[word]
        reported = ctx.reported_year(cand.start)
        if is_comparison_base(ctx.text, cand.start, word) and reported is not None:
            return reported + rel.offset  # 2025年…比上年增长: 2024
        if rel.unit == "year":
            return ctx.published.year + rel.offset if ctx.published else None
        base = hint if hint is not None else ctx.story_year(cand.start)
        return base + rel.offset if base is not None else None
    if hint is not None:
        return hint
    if _after_every_year(ctx.text, cand.start):
        return None  # 每年6月10日 recurs; it has no year
    return ctx.year(cand.start, first_month(cand))


def _after_every_year(text: str, pos: int) -> bool:
    return text.endswith("每年", 0, pos)


def first_month(cand: Candidate) -> int | None:
    """The first month a year-less mention names (a quarter's, a half's first), if any."""
    g = cand.groups
    if g.get("m") or g.get("m1"):
        return to_int(g.get("m") or g.get("m1"))
    if g.get("q") or g.get("qq"):
        return 3 * (to_int(g.get("q") or g.get("qq")) or 1) - 2
    if g.get("h") or g.get("hh"):
        return 7 if g.get("h") in ("下", "后") or g.get("hh") == "2" else 1
    return None  # a holiday is named ahead as often as back: it keeps the publication year
