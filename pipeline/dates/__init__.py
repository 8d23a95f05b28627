"""Dates, periods and durations in Chinese news text, normalized to ISO 8601.

News speaks in periods (2025年三季度末, 1—4月, 近年来, 两周内). :func:`extract_dates` finds
every time expression in a text and normalizes it:

- date ``2026-05-20``, month ``2026-05``, year ``2024``, quarter ``2026-Q1``, half ``2026-H1``;
- period_end / period_start: the day itself (2024年2月末 -> ``2024-02-29``, 年初 -> ``YYYY-01-01``);
- interval ``a/b`` (1—4月 -> ``2026-01/2026-04``, 2024年至2026年 -> ``2024/2026``);
- relative: resolved against the publication date when it names a calendar unit (去年 -> 2025),
  else null (日前, 近年来, 几个月前, 过去数十年); a comparison base after 比/较/由 (比上月,
  较上年同期) counts back from the period the text reports instead (2025年…比上年 -> 2024);
  至今 and 以来 stay outside the date they follow;
- duration: ISO 8601 durations (两周内 -> ``P2W``, 三年 -> ``P3Y``, 1年零3个月 -> ``P1Y3M``,
  8天20小时 -> ``P8DT20H``), the bound word (内, 以上) inside the surface;
- time: a clock time, on its day when the text names one (2026年5月20日上午10时 ->
  ``2026-05-20T10:00``, 今天14:30 with the publication date), else ``T10:30``; time ranges
  (上午9时至11时) as ``a/b``;
- spans counted from publication (近三年, 过去十年, 未来五年) as day intervals ``a/b``; holidays
  (国庆节, 春节) as the day in the governing year, from ``holidays.tsv`` and the lunar table.

A year left out of a mention comes, in this order, from

1. its own sentence: a year before it, or one after it in the same clause (with no publication
   date, anywhere later in the sentence);
2. the last year stated before it in the same paragraph, at most three sentences back: the story
   stays in its year that long (1953年建厂以来… does not date a meeting two paragraphs on);
   without a publication date the text's last stated year governs to the end of the text;
3. ``default_year``;
4. the publication date: its year, or the year before for a month more than six months after
   the publication month (a January page's 12月 or 四季度 is last year's; past-tense reporting
   is the usual case, while plans rarely name a month that far ahead without its year). 年底,
   年初 and holidays keep the publication year.

A paragraph ends at a line break; in text wrapped inside sentences (PDF columns: most lines end
mid-sentence) only at a blank line or a break after a sentence's end. A bare day (8日) takes the
month of the same reach (its paragraph), else the publication month. 当年/同年 refer back to the
text's last stated year and stay null without one; 每年6月10日 recurs and has no year. Without
any source the mention keeps ``normalized=None`` (never a guessed year). A carried year moves
forward with the story: right after 2025年12月17日 a year-less 6月 is June 2026 (never past the
publication year).

Everything is driven by regular expressions compiled once per process from the lexicons under
``gazetteers/dates/``.

The package: :mod:`~pipeline.dates.patterns` (the regular expressions), :mod:`~.rules` (the
registry pairing each pattern with its normalizer), :mod:`~.candidates` and :mod:`~.merge`
(choosing and joining matches), :mod:`~.resolve` (which year a mention belongs to),
:mod:`~.normalize`, :mod:`~.durations` and :mod:`~.clock` (the ISO forms),
:mod:`~.published` (the page's own date).
"""

from __future__ import annotations

import datetime

from pipeline.dates.candidates import find_candidates, select
from pipeline.dates.lexicons import relative_words, scan_table
from pipeline.dates.merge import merge_mentions
from pipeline.dates.published import find_published
from pipeline.dates.resolve import Context, context_year
from pipeline.dates.rules import RULES, normalize_mention
from pipeline.document import DateMention

__all__ = ["extract_dates", "find_published"]


def extract_dates(
    text: str,
    *,
    published: datetime.date | None = None,
    default_year: int | None = None,
) -> list[DateMention]:
    """Every date, period, relative expression and duration in ``text``, sorted by start.

    >>> [(d.surface, d.kind, d.normalized) for d in extract_dates("截至2025年9月末，两周内")]
    [('2025年9月末', 'period_end', '2025-09-30'), ('两周内', 'duration', 'P2W')]
    >>> [(d.surface, d.normalized) for d in extract_dates("三季度末", default_year=2024)]
    [('三季度末', '2024-09-30')]
    >>> pub = datetime.date(2026, 5, 20)
    >>> [(d.surface, d.normalized) for d in extract_dates("去年", published=pub)]
    [('去年', '2025')]
    >>> [(d.surface, d.kind, d.normalized) for d in extract_dates("今天下午3点半", published=pub)]
    [('今天下午3点半', 'time', '2026-05-20T15:30')]
    """
    scan = text.translate(scan_table())
    cands = merge_mentions(scan, select(scan, find_candidates(scan, RULES), RULES))
    years = [(c.start, y) for c in cands if (y := context_year(c, published)) is not None]
    ctx = Context(scan, published, default_year, years)
    mentions = []
    for cand in cands:
        result = normalize_mention(cand, ctx, None)
        if result is None:
            continue
        kind, normalized = result
        surface = text[cand.start : cand.end]
        if mentions and mentions[-1].end == cand.start and _echoes(surface):
            continue  # 5月当月, 2025年当年: the date just named, said again
        mentions.append(DateMention("", None, cand.start, cand.end, surface, kind, normalized))
    return mentions


def _echoes(surface: str) -> bool:
    """Whether the word points back to the date before it (当月, 当年, 同年).

    >>> _echoes("当月"), _echoes("今年")
    (True, False)
    """
    rel = relative_words().get(surface)
    return rel is not None and rel.unit.startswith("context_")
