"""What a careful editor checks on a page before it goes out.

- a sidebar figure that differs from the body's figure for the same metric, subject and period;
- a part larger than its whole (其中: 147万 ≤ 172万 ≤ 596万);
- a share over 100%, and shares of one whole, listed together, adding up past 100%;
- a rate of change that two stated levels do not give (由8.2元提高到11.5元，增长10%).

Every finding names the figures (offsets into the page text) and says why in one line; a clean
page gives none. Rounding is allowed for: each figure may be off by half its last digit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from pipeline.claims.equivalence import precision, supports
from pipeline.claims.match import bare_clause, from_to_pairs, page_grams
from pipeline.document import Figure, PageDocument
from pipeline.lexicon import read_list

SHARE_WORDS = "claims/share_words.txt"
_PART_LEAD = "其中"
_LIST_JOIN = re.compile(r"\s*(?:[、，,和及与]|以及)\s*")
_CLAUSE_BREAK = re.compile(r"[，,；;。！？!?\n]")
_LOWER_BOUNDS = ("over", "at_least")
_RATES = ("%", "倍")
# Characters a shortened metric needs to be taken for the full one (“小巨人”企业).
_MIN_METRIC = 4
_UPPER_BOUNDS = ("under", "at_most")


@dataclass(frozen=True)
class Finding:
    # sidebar_differs | part_exceeds_whole | share_over_100 | shares_over_100 |
    # growth_inconsistent
    kind: str
    page_id: str
    spans: list[tuple[int, int]]  # the figures concerned, page offsets
    surfaces: list[str]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["spans"] = [list(s) for s in self.spans]
        return data


def audit_page(doc: PageDocument) -> list[Finding]:
    """Every finding on the page, in page order."""
    checks = (_sidebar_differs, _parts_exceed_wholes, _shares_over_100, _growth_inconsistent)
    found = [finding for check in checks for finding in check(doc)]
    return sorted(found, key=lambda f: (f.spans[0], f.kind))


def _finding(doc: PageDocument, kind: str, figures: Sequence[Figure], reason: str) -> Finding:
    return Finding(
        kind=kind,
        page_id=doc.page.id,
        spans=[(f.start, f.end) for f in figures],
        surfaces=[f.surface for f in figures],
        reason=reason,
    )


def _same_meaning(a: Figure, b: Figure) -> bool:
    """Same unit and change, the same metric (one naming it in full, the other maybe in
    short: “小巨人”企业 / 国家级专精特新“小巨人”企业), and no other subject or period."""
    if a.unit != b.unit or a.change != b.change or not a.metric or not b.metric:
        return False
    short, full = sorted((a.metric, b.metric), key=len)
    same_metric = short == full or (len(short) >= _MIN_METRIC and short in full)
    return same_metric and _agree(a.subject, b.subject) and _agree(a.period, b.period)


def _agree(a: str | None, b: str | None) -> bool:
    """Equal, or one is unknown (a sidebar often leaves the subject to its article)."""
    return a is None or b is None or a == b or a in b or b in a


def _sidebar_differs(doc: PageDocument) -> list[Finding]:
    """A sidebar figure that no body figure of the same meaning in its article agrees with."""
    body = [f for f in doc.figures if not f.in_sidebar]
    found = []
    for side in (f for f in doc.figures if f.in_sidebar):
        same = [m for m in body if m.article == side.article and _same_meaning(side, m)]
        if not same or any(supports(m, side) or supports(side, m) for m in same):
            continue
        main = min(same, key=lambda m: (m.metric != side.metric, abs(m.start - side.start)))
        reason = f"the sidebar gives {side.surface} for {side.metric}, the article {main.surface}"
        found.append(_finding(doc, "sidebar_differs", [side, main], reason))
    return found


def _parts_exceed_wholes(doc: PageDocument) -> list[Finding]:
    """其中 opens the parts of the figure before it: none may be larger."""
    text, figures = doc.page.text, doc.figures
    found = []
    for i, part in enumerate(figures):
        lead = text.rfind(_PART_LEAD, 0, part.start)
        if lead < 0 or part.unit == "%" or part.bound in _UPPER_BOUNDS:
            continue
        wholes = [
            w
            for w in figures[:i]
            if w.end <= lead
            and w.unit == part.unit
            and not w.change
            and _same_paragraph(text, w.end, part.start)
            and not _CLAUSE_BREAK.search(text[lead : part.start].replace("，", "", 1))
        ]
        if not wholes:
            continue
        whole = _whole_of(text, part, lead, wholes)
        if whole.bound in _LOWER_BOUNDS or None in (whole.value, part.value):
            continue
        if part.value > whole.value + precision(whole, whole.value) / 2:
            reason = f"{part.surface} is a part (其中) of {whole.surface} but larger than it"
            found.append(_finding(doc, "part_exceeds_whole", [whole, part], reason))
    return found


def _whole_of(text: str, part: Figure, lead: int, wholes: list[Figure]) -> Figure:
    """The whole a 其中 part belongs to: the figure before whose clause shares most words with
    the part's (发放补贴4.2亿元，涉及农户36万户，其中种粮补贴2.5亿元: 4.2亿元),
    the nearest one on a tie."""
    words = page_grams(text[lead : part.start])

    def shared(whole: Figure) -> int:
        clause = _CLAUSE_BREAK.split(text[whole.sentence[0] : whole.start])[-1]
        return len(words & page_grams(clause))

    return max(reversed(wholes), key=shared)


def _same_paragraph(text: str, start: int, end: int) -> bool:
    return "\n" not in text[start:end] and text[start:end].count("。") <= 1


def _share_phrase(doc: PageDocument, figure: Figure) -> str | None:
    """The words from the share word to the figure (占全国的, 占比为), for a share; else None."""
    if figure.unit != "%" or figure.change or figure.value is None:
        return None
    clause = _CLAUSE_BREAK.split(doc.page.text[figure.sentence[0] : figure.start])[-1]
    clause = clause.split("、")[-1]
    at = max(clause.rfind(word) for word in read_list(SHARE_WORDS))
    return clause[at:] if at >= 0 else None


def _shares_over_100(doc: PageDocument) -> list[Finding]:
    found = []
    figures = doc.figures
    for f in figures:
        if _share_phrase(doc, f) is not None and f.value > 100 + precision(f, f.value) / 2:
            reason = f"{f.surface} is a share and cannot pass 100%"
            found.append(_finding(doc, "share_over_100", [f], reason))
    for run in _share_lists(doc):
        total = sum(f.value for f in run)
        slack = sum(precision(f, f.value) / 2 for f in run)
        if total > 100 + slack:
            reason = f"shares listed together add up to {total:g}%, past 100%"
            found.append(_finding(doc, "shares_over_100", run, reason))
    return found


def _share_lists(doc: PageDocument) -> list[list[Figure]]:
    """Runs of shares written as one list: 占比分别为30%、40%、50%, or 城镇人口占比为60%、
    农村人口占比为30% (the same share words before each, items joined by 、)."""
    text, runs, run = doc.page.text, [], []
    for f in doc.figures:
        phrase = _share_phrase(doc, f)
        between = text[run[-1].end : f.start] if run else ""
        listed = f.unit == "%" and not f.change and f.value is not None
        pure = _LIST_JOIN.fullmatch(between)
        labelled = between.startswith("、") and not _CLAUSE_BREAK.search(between)
        if run and listed and (pure or (labelled and phrase == _share_phrase(doc, run[0]))):
            run.append(f)
            continue
        if len(run) > 1:
            runs.append(run)
        run = [f] if phrase is not None and f.bound in ("exact", "approx") else []
    if len(run) > 1:
        runs.append(run)
    return runs


def _growth_inconsistent(doc: PageDocument) -> list[Finding]:
    """由A…到B, then a rate in the next clause: the rate must be what A and B give."""
    text, figures, found = doc.page.text, doc.figures, []
    for i, base in from_to_pairs(text, figures).items():
        new = figures[i]
        rate = figures[i + 1] if i + 1 < len(figures) else None
        if rate is None or rate.change is None or rate.value is None or rate.unit not in _RATES:
            continue
        between = text[new.end : rate.start]
        # The rate must say how those levels changed, not name something else (…，收入增长8%).
        if not bare_clause(between) or base.unit == "%":
            continue
        if not base.value or new.value is None:
            continue
        implied = (new.value / base.value - 1) * 100
        slack = 100 * new.value / base.value * _relative_step(base) + 100 * _relative_step(new)
        told = rate.value * (-1 if rate.change == "decrease" else 1)
        told_options = [told] if rate.unit == "%" else [told * 100, (told - 1) * 100]
        rate_slack = precision(rate, rate.value) / 2 * (100 if rate.unit == "倍" else 1)
        if all(abs(implied - t) > slack + rate_slack for t in told_options):
            reason = (
                f"{base.surface} to {new.surface} is a change of {implied:+.1f}%, "
                f"not {rate.surface}"
            )
            found.append(_finding(doc, "growth_inconsistent", [base, new, rate], reason))
    return found


def _relative_step(figure: Figure) -> float:
    return precision(figure, figure.value) / 2 / abs(figure.value) if figure.value else 0.0
