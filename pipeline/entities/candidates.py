"""Labels, candidate spans and their priorities, and where the model lives."""

from __future__ import annotations

from pathlib import Path

LABELS = ("PER", "ORG", "LOC", "WORK", "PRODUCT", "EVENT")


MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "ner"


MODEL_FILE = "ner.crfsuite"


RULES = "entity_rules"


# A candidate span: (start, end, label, priority). Higher priority wins among equal lengths.
Candidate = tuple[int, int, str, int]


PRIORITY_MODEL = 1


PRIORITY_GAZETTEER = 2


PRIORITY_UNKNOWN_HEAD = 2  # suffix-rule organizations whose head is a word jieba does not know


PRIORITY_RULE = 3


PRIORITY_DELIMITED = 4  # names marked off by 《》 or quotes


CN_NUMERALS = frozenset("零〇一二三四五六七八九十百千万亿两")
