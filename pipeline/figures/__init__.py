"""Figures: every number with its unit, value, bound, change and what it measures.

The extractor is regex-driven (one compiled scanner, dictionary look-ups for units and
qualifiers) so that it runs well above 1 MB of text per second per core. All lexicons live in
``gazetteers/figures/``. The stages, in the order they run:

- :mod:`~pipeline.figures.scan` finds numerals and reads each into a candidate,
  :mod:`~pipeline.figures.parse` attaches unit, scale, qualifier and bound around it;
- :mod:`~pipeline.figures.ranges` joins ranges and bounds, :mod:`~pipeline.figures.filters`
  drops what is no figure (ordinals, idioms, codes);
- :mod:`~pipeline.figures.meaning` (with :mod:`~pipeline.figures.phrases`) reads what each
  figure measures and whose it is from its clause, :mod:`~pipeline.figures.holders` resolves
  holders beyond it (anaphors, sources, reporters), :mod:`~pipeline.figures.period` picks the
  governing date; :mod:`~pipeline.figures.spans` locates the words and
  :mod:`~pipeline.figures.keys` gives the metric's grouping key;
- :mod:`~pipeline.figures.extract` puts them together.

>>> [f.surface for f in extract_figures("贷款余额2.5万亿元，同比增长7.1%。")]
['2.5万亿元', '7.1%']
>>> parse_number("一千零五")
1005.0
"""

from pipeline.figures.extract import NumberMention, extract_figures, extract_numbers, find_numbers
from pipeline.zh.numerals import parse_number

__all__ = ["NumberMention", "extract_figures", "extract_numbers", "find_numbers", "parse_number"]
