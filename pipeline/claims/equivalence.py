"""When a page figure says what a claimed figure says: value, bound, rounding, unit.

Values are compared after scaling (596万 = 5,960,000 = 五百九十六万 = 0.596亿; 6.5万亿元 =
65000亿元: the extractor gives all of them one value in base units), so the rules below only
decide how close is close enough.

The rounding rule: a figure is as precise as its last written digit (6.5万亿: 0.1万亿;
2000亿: 1亿); an approximate figure (约, 近, 左右) only to its last non-zero digit (约2000亿:
1000亿). An exact page figure supports a claim when it rounds to the claim at the claim's
precision (6.48万亿 supports 6.5万亿); an approximate page figure supports claims within its
own precision too (约6.5万亿 supports 6.48万亿). Bounds must agree in direction and name the
same number (超1900亿 supports 1900多亿, not 2000亿 nor 1900亿); % and 个百分点 are
different units and never match.
"""

from __future__ import annotations

import math
import re

from pipeline.document import Figure

# Bound groups: which bounds say the same kind of thing about the number.
_DIRECTION = {
    "exact": "point",
    "approx": "point",
    "over": "above",
    "at_least": "above",
    "under": "below",
    "at_most": "below",
    "order": "order",
}
_PLAIN_NUMBER = re.compile(r"^\d+(?:\.(\d+))?$")
_SLACK = 1 + 1e-9  # float noise on the half-step comparison


def precision(figure: Figure, value: float) -> float:
    """The step of the figure's last significant digit, in base units (see module doc)."""
    number = (figure.number_text or "").replace(",", "").replace("，", "")
    m = _PLAIN_NUMBER.match(number)
    if m and float(number) and figure.bound != "approx" and figure.qualifier != "近":
        decimals = len(m.group(1) or "")
        return abs(value / float(number)) * 10.0**-decimals
    return _last_nonzero_step(value)


def _last_nonzero_step(value: float) -> float:
    """10^k for the lowest non-zero digit of ``value`` (596万 -> 1万, 6.5万亿 -> 0.1万亿)."""
    if value == 0:
        return 1.0
    step = 10.0 ** math.floor(math.log10(abs(value)))
    while step > 1e-6 and not _whole(value / step):
        step /= 10
    return step


def _whole(x: float) -> bool:
    return abs(x - round(x)) <= 1e-6 * max(1.0, abs(x))


def _points(figure: Figure) -> list[float | None]:
    return [figure.value] if figure.value is not None else [figure.low, figure.high]


def supports(page: Figure, claimed: Figure) -> bool:
    """Whether the page figure says what the claimed figure says (units assumed equal)."""
    if _DIRECTION.get(page.bound) != _DIRECTION.get(claimed.bound):
        return False
    if page.change and claimed.change and page.change != claimed.change:
        return False
    pairs = list(zip(_points(page), _points(claimed), strict=False))
    if len(_points(page)) != len(_points(claimed)):
        return False
    return all(p is not None and c is not None and _close(page, p, claimed, c) for p, c in pairs)


def _close(page: Figure, p: float, claimed: Figure, c: float) -> bool:
    step = precision(claimed, c)
    if page.bound == "approx":
        step = max(step, precision(page, p))
    return abs(p - c) <= step / 2 * _SLACK
