"""A number found in text, on its way to becoming a figure."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Candidate:
    start: int  # incl. pre-qualifier
    end: int  # incl. unit and post-qualifier
    num_start: int
    num_end: int  # end of the numeral incl. its scale
    number_text: str
    scale: str | None
    raw: float  # numeral value without scale
    scale_value: float
    unit: str | None
    factor: float
    category: str | None
    qualifier: str | None
    bound: str
    pure_scale: bool
    order: bool = False
    noun_unit: bool = False  # the unit is the counted noun itself (3部门, 五大板块)
    low: float | None = None
    high: float | None = None
    percent_prefix: str | None = None
    extra: float = 0.0  # 角/分 after 元, 半 after a measure

    @property
    def value(self) -> float:
        # 15 significant digits drop binary noise (4.03 * 1e12 = 4030000000000.0005)
        extra = -self.extra if self.raw < 0 else self.extra  # -5元7角 is -5.7
        return float(f"{self.raw * self.scale_value * self.factor + extra:.15g}")
