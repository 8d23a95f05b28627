"""The regular expressions of the date rules, built from the lexicons once per process.

Each ``*_pattern`` function returns the source of one rule's pattern; :mod:`pipeline.dates.rules`
pairs it with the function that normalizes its matches. Patterns start with a look-ahead on
the characters a match can start with, so that the regex engine skips the rest of a page fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from pipeline.dates.lexicons import day_parts, duration_units, holiday_words, relative_words
from pipeline.dates.lexicons import suffixes as suffix_table
from pipeline.lexicon import read_list
from pipeline.zh.patterns import alternation

CN_DIGIT = "〇零○一二三四五六七八九"
AR_MONTH = r"(?:1[0-2]|0?[1-9])"
_CN_MONTH = r"(?:十[一二]?|[一二三四五六七八九])"
AR_DAY = r"(?:3[01]|[12][0-9]|0?[1-9])"
_CN_DAY = r"(?:三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
SEP = r"(?:——|[—–\-－~～〜至到])"
# A month or count is not one when glued to a preceding number or a word that makes it ordinal,
# periodic or another word (第, 每, 统一月).
_NOT_BEFORE_NUM = r"(?<![0-9.〇零○一二三四五六七八九十百千万两第个每统单唯同逐])"
NUMBER = rf"(?:[0-9]+(?:\.[0-9]+)?|(?![百千])[{CN_DIGIT}两十百]+|半)"
_MONTH = rf"(?:{AR_MONTH}|{_CN_MONTH})"
_DAY = rf"(?:{AR_DAY}|{_CN_DAY})"
_NUM_START = f"(?=[0-9{CN_DIGIT}两十百半])"


def _relative_alternation(*units: str) -> str:
    """Alternation of the relative words of these units, each guarded against longer words."""
    parts = []
    for word, rel in sorted(relative_words().items(), key=lambda kv: (-len(kv[0]), kv[0])):
        if units and rel.unit not in units:
            continue
        # the guard behind is written after the word (same meaning) so that a pattern starting
        # with these words starts with literals, which the regex engine scans for quickly
        word_re = re.escape(word)
        behind = f"(?<![{re.escape(rel.not_after)}]{word_re})" if rel.not_after else ""
        ahead = f"(?![{re.escape(rel.not_before)}])" if rel.not_before else ""
        parts.append(f"{word_re}{behind}{ahead}")
    return "|".join(parts)


def _suffixes(*meanings: str) -> str:
    """Alternation of the period suffixes (末, 初, 上旬) with these meanings, guarded."""
    parts = []
    for word, (meaning, blocked) in sorted(suffix_table().items(), key=lambda kv: -len(kv[0])):
        if meaning in meanings:
            guard = f"(?![{re.escape(blocked)}])" if blocked else ""
            parts.append(re.escape(word) + guard)
    return "|".join(parts)


def _calendar_start() -> str:
    """Every calendar mention starts with a digit, a numeral or a relative word."""
    first = "".join(
        sorted({w[0] for w in relative_words()} | set("0123456789QH年月第前后上下十两"))
    )
    return f"(?=[{re.escape(first + CN_DIGIT)}])"


def _year_part() -> str:
    """2026年, 二〇二六年度, 26年 before a month or quarter, 去年/当年."""
    cn4, cn2 = f"[{CN_DIGIT}]{{4}}", f"[{CN_DIGIT}]{{2}}"
    return (
        rf"(?:(?<![0-9.])(?P<y>[12][0-9]{{3}}|{cn4}) ?年(?P<du>度)?"
        rf"|(?<![0-9.{CN_DIGIT}])(?P<y2>[0-9]{{2}}|{cn2})年"
        rf"(?=(?:{_MONTH})月|第?[一二三四1-4]季度|[上下]半年)"
        rf"|(?P<yrel>{_relative_alternation('year', 'context_year')}))"
    )


def calendar_pattern() -> str:
    """Year, month, day, quarter, half and their ends/starts in any combination: 2025年9月末,
    5月20日, 三季度末, 2026Q1, 上半年, 2025年年底."""
    end_start = _suffixes("end", "start")
    month_part = (
        rf"(?:{_NOT_BEFORE_NUM}(?P<m>{_MONTH})月份?(?![亮球光饼]|期(?!间))"
        rf"|(?P<mrel>{_relative_alternation('month', 'context_month')}))"
    )
    quarter_part = (
        rf"(?:(?<![前个每{CN_DIGIT}0-9])第?(?P<q>[一二三四1-4])季度"
        r"|(?<![A-Za-z])Q(?P<qq>[1-4])(?:季度)?(?![0-9A-Za-z]))"  # not 辅酶Q10
    )
    xun = _suffixes("xun1", "xun2", "xun3")
    return _calendar_start() + (
        rf"(?:{_year_part()}|(?<![0-9.])(?P<yq>[12][0-9]{{3}}) ?(?=[QH][1-4]))?"
        rf"(?:{month_part}(?:(?P<d>{_DAY})[日号]|(?P<mx>{xun})|月?(?P<me>{end_start}))?"
        rf"|{quarter_part}(?P<qe>{end_start})?"
        rf"|(?P<h>[上下前后])半年(?P<he>末)?|(?<![A-Za-z])H(?P<hh>[12])(?![0-9A-Za-z])"
        rf"|年?(?P<ye>{end_start}))?"  # 2025年年底 repeats the unit
        # everything above is optional: a mention ends on one of these, an empty match never
        r"(?<=[年月份日号末底初旬度0-9])"
    )


# The guards behind follow the unit so that the patterns start with a literal (fast scan).
def bare_year_end_pattern() -> str:
    """年底, 年初 without a year."""
    return rf"年(?<![0-9{CN_DIGIT}十每去今明前后上本当同次]年)(?P<ye>{_suffixes('end', 'start')})"


def bare_month_end_pattern() -> str:
    """月底, 月初 without a month."""
    return rf"月(?<![0-9{CN_DIGIT}十每个正腊冬]月)(?P<me>{_suffixes('end', 'start')})"


def bare_day_pattern() -> str:
    """20日 without a month."""
    return _NUM_START + r"(?<![0-9.第每周号月年])(?P<d>" + AR_DAY + r")日(?![元本韩内])"


def month_range_pattern() -> str:
    """1—4月, 2026年3至5月份."""
    return _calendar_start() + (
        rf"(?:{_year_part()})?{_NOT_BEFORE_NUM}(?P<m1>{_MONTH})(?:月份?)? ?{SEP} ?"
        rf"(?P<m2>{_MONTH})月份?"
    )


def day_range_pattern() -> str:
    """5月8日至10日."""
    return _calendar_start() + (
        rf"(?:{_year_part()})?{_NOT_BEFORE_NUM}(?P<m>{_MONTH})月(?P<d1>{_DAY})[日号]? ?{SEP} ?"
        rf"(?P<d2>{_DAY})[日号]"
    )


def year_range_pattern() -> str:
    """2024—2026年."""
    return rf"(?<![0-9.])(?P<y1>[12][0-9]{{3}})(?: ?年)? ?{SEP} ?(?P<y2>[12][0-9]{{3}}) ?年"


def first_quarters_pattern() -> str:
    """前三季度: the first quarters of a year."""
    return _calendar_start() + rf"(?:{_year_part()})?前(?P<qn>[二三两2-3])个?季度"


def first_months_pattern() -> str:
    """前4个月: January to April, after a year or at the start of a clause (not 'before')."""
    return _calendar_start() + (
        rf"(?:{_year_part()}|(?<![^，。；：、\n\s（(]))"
        r"前(?P<mn>[2-9]|1[0-2]|十[一二]?|[二两三四五六七八九])个?月"
    )


def iso_day_pattern() -> str:
    """2026-05-20, 2026/5/20, 2026.5.20."""
    return _NUM_START + (
        rf"(?<![0-9])(?P<y>[12][0-9]{{3}})(?P<s>[-/.])(?P<m>{AR_MONTH})(?P=s)"
        rf"(?P<d>{AR_DAY})(?![0-9])"
    )


def compact_day_pattern() -> str:
    """20260520."""
    return _NUM_START + (
        r"(?<![0-9.])(?P<y>(?:19|20)[0-9]{2})(?P<m>0[1-9]|1[0-2])(?P<d>0[1-9]|[12][0-9]|3[01])"
        r"(?![0-9.%‰元万亿千百号])"
    )


def decade_pattern() -> str:
    """90年代, 上世纪八十年代."""
    return f"(?=[0-9{CN_DIGIT}十上])" + (
        r"(?:(?P<c>二十|十九|20|19|上)世纪)?(?<![0-9])"
        r"(?P<dec>[1-9]0|[一二三四五六七八九]十)年代"
    )


_PLAN_NO = "十[一二三四五六七八九]?|[一二三四五六七八九]"  # which five-year plan: 十四 of 十四五
_PLAN_PART = "时期|期间|末|初"


def plan_pattern() -> str:
    """Five-year-plan periods: “十四五”, “十四五”时期, 十四五期间, “十二五”末 (unquoted only with
    a period word, 十五 alone being a number)."""
    return (
        f"(?<![0-9{CN_DIGIT}十第])"
        f'(?:[“"](?P<pq>{_PLAN_NO})五[”"]|(?P<pn>{_PLAN_NO})五(?={_PLAN_PART}))'
        f"(?P<pp>{_PLAN_PART})?"
    )


def _longest_first(words: Iterable[str]) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


def _unit_alternation(words: Iterable[str]) -> str:
    """Units longest first; 个月 also as 个多月, 个余月, 个半月."""
    return "|".join(re.escape(w).replace("个", "个[多余半]?", 1) for w in _longest_first(words))


def _units_guarded() -> str:
    units = duration_units()
    return "|".join(
        re.escape(u).replace("个", "个[多余半]?", 1) + (f"(?![{re.escape(v[3])}])" if v[3] else "")
        for u, v in sorted(units.items(), key=lambda kv: -len(kv[0]))
    )


# A count is not one after a number, a vague count word (数十年) or an ordinal/periodic word;
# 前 makes it 'before' (提前 counts); 这一年, 上一年 are years, but Arabic digits after 下 are
# counted (条件下15秒内).
_NOT_COUNT = rf"(?<![0-9.{CN_DIGIT}两十百第每近数几])(?:(?=[0-9])|(?<![上下本这]))(?<!(?<!提)前)"


def _bounds() -> str:
    """Bound words written after a duration (内, 以上, 左右)."""
    return alternation(read_list("dates/duration_bounds.txt"))


def duration_pattern() -> str:
    """3年, 两周内, 两个多月, 35,000个小时, 3万年以上."""
    return _NUM_START + (
        rf"{_NOT_COUNT}(?P<n>[0-9]{{1,3}}(?:,[0-9]{{3}})+|{NUMBER})(?P<scale>万|亿)?"
        r"(?P<approx>余|多)? ?整?"  # 一整天
        rf"(?P<unit>{_units_guarded()})(?P<half>半)?(?![级代度龄岁])(?P<bound>{_bounds()})?"
    )


@cache
def compound_units(later: bool) -> str:
    """Units of a compound duration's parts: the duration units that need no bound word, and
    for a later part also the short hour/minute words (两小时十分; 8时30分 alone is a time)."""
    words = [u for u, v in duration_units().items() if not v[2]] + (["时", "分"] if later else [])
    return _unit_alternation(words)


def compound_duration_pattern() -> str:
    """1年零3个月, 8天20小时, 两小时十分."""
    first = rf"(?:{NUMBER})(?:余|多)? ?(?:{compound_units(False)})半?"
    later = rf"(?:{NUMBER})(?:余|多)? ?(?:{compound_units(True)})半?"
    return _NUM_START + (
        rf"{_NOT_COUNT}{first}(?:[零又余多]?{later})+(?![级代度龄岁])(?P<bound>{_bounds()})?"
    )


@cache
def compound_part() -> re.Pattern[str]:
    """One part of a compound duration."""
    return re.compile(rf"(?P<n>{NUMBER})(?:余|多)? ?(?P<unit>{compound_units(True)})(?P<half>半)?")


# A count no one number: 几个月, 数十年, 十几天, 好几年 (a vague mention, normalized null).
_VAGUE = r"(?P<vague>[几数]十|十几|[几数]百|好几|[几数多])"
_COUNTED_UNIT = r"(?P<unit>年|个[多余]?月|天|周|个星期)"


def relative_n_pattern() -> str:
    """近三年, 过去十年, 未来五年, 近两个月来, 过去数十年."""
    return (
        rf"(?P<rel>近|过去|未来|今后|最近)的?(?:(?P<n>{NUMBER})(?P<approx>余|多)?|{_VAGUE})"
        rf"{_COUNTED_UNIT}(?P<lai>来|以来)?"
    )


def ago_pattern() -> str:
    """3年前, 两个月之前, 两个多月前, 几天前."""
    return f"(?=[0-9{CN_DIGIT}两十百半几数好多])" + (
        rf"(?<![0-9.{CN_DIGIT}两十百第每几数])"
        rf"(?:(?P<n>[0-9]{{1,3}}|[{CN_DIGIT}两十]+|半)(?P<approx>多|余)?|{_VAGUE})"
        rf"{_COUNTED_UNIT}(?P<dir>之?前|以前)(?![夕期提者])"
    )


def holiday_pattern() -> str:
    """国庆节, 春节, 元旦."""
    return "(?P<hol>" + "|".join(holiday_words()) + ")"


def time_pattern() -> str:
    """A clock time: 14:30, 10时30分, 下午3点半, 凌晨2时15分, 上午9时许, 十一点一刻."""
    start = "".join(sorted({w[0] for w in day_parts()}))
    parts = []
    for word in _longest_first(day_parts()):
        blocked = day_parts()[word].not_after
        parts.append((f"(?<![{re.escape(blocked)}])" if blocked else "") + re.escape(word))
    hour_cn = "二十[一二三四]?|十[一二三四五六七八九]?|[零〇两一二三四五六七八九]"
    sixty_cn = "[二三四五]十[一二三四五六七八九]?|十[一二三四五六七八九]?|零?[一二三四五六七八九]"
    ratio = "".join(f"(?<!{w})" for w in ("比", "比例", "比例为", "比分", "比分为", "比值为"))
    clock = (
        ratio + r"(?<![0-9.:：])(?P<ch>2[0-4]|[01]?[0-9])[:：](?P<cm>[0-5][0-9])"
        r"(?:[:：](?P<cs>[0-5][0-9]))?(?![0-9:：])(?:\s?(?P<ampm>[apAP]\.?[mM]\.?))?"
    )
    spoken = (
        rf"(?<![0-9.{CN_DIGIT}十百千万第每])(?P<h>2[0-4]|[01]?[0-9]|{hour_cn})"
        r"(?P<hu>点钟|点(?![数赞评击名位滴线状阵])|时(?![段间期代候辰效速空差区节]))"
        rf"(?:(?P<half>半)|(?P<qt>[一1三3])刻|(?P<mi>[0-5]?[0-9]|{sixty_cn})分(?!钟)"
        rf"(?:(?P<se>[0-5]?[0-9]|{sixty_cn})秒)?"
        rf"|(?<=点)(?P<mi2>[0-5]?[0-9]|{sixty_cn})(?![0-9分秒刻钟个天年月日号%.万亿元])"
        r")?(?P<tail>许|整|左右)?"
    )
    body = rf"(?:(?P<dp>{'|'.join(parts)})\s?)?(?:{clock}|{spoken})"
    return f"(?=[0-9{CN_DIGIT}两十{start}])" + body


def relative_pattern() -> str:
    """去年, 本月, 近日, 目前."""
    return rf"(?P<word>{_relative_alternation()})"


def weekday_pattern() -> str:
    """周三, 上周三, 星期日."""
    return "(?=[上下本这个星礼周])" + (
        r"(?<![每数几个两一二三四五六七八九十])(?P<wrel>上上|下下|上|下|本|这)?个?"
        r"(?:(?:星期|礼拜|周)(?=[星礼周]))?(?:星期|礼拜|周)"
        r"(?P<wd>[一二三四五六日天])(?![0-9一二三四五六七八九十年岁])"
    )


def year_pair_pattern() -> str:
    """今明两年, 去今两年: two adjacent years named by their relative words."""
    return r"(?P<ya>前|去|今|明)(?P<yb>去|今|明|后)两年"


def weekend_pattern() -> str:
    """本周末, 上周末."""
    return "(?=[上下本这])" + r"(?<![每数几])(?P<wrel>上上|下下|上|下|本|这)个?周末"
