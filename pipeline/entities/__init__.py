"""Named entities: a spaCy pipeline (blank ``zh``, jieba tokens) with a character CRF and rules.

The pipeline has three components, registered by name:

- ``baokan_ner_model``: a character-level CRF (python-crfsuite) trained here on news NER data
  (see ``pipeline/models/ner/MODEL_CARD.md`` and :mod:`pipeline.ner_train`); PER/ORG/LOC.
- ``baokan_gazetteer``: exact matches of the name lists in ``gazetteers/entities/*.txt``
  (file ``<LABEL>.<name>.txt``), longest match first.
- ``baokan_rules``: organization suffixes, persons next to a role or a speech verb, titles in
  《》, quoted product names and event names, from the lexicons in ``gazetteers/entity_rules/``.

Entity boundaries need not fall on jieba token boundaries, so every component writes exact
character spans ``(start, end, label, priority)`` into ``doc._.baokan.spans``; the last step
resolves overlaps (longest span wins, then priority, then the earlier one).

:func:`extract_entities` runs the same steps (:mod:`.steps`) on jieba's words without building
a spaCy Doc, and the CRF is applied as numpy arrays (:mod:`.crf_model`, :mod:`.feature_rows`)
with the same tags as crfsuite's tagger.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Any

from pipeline.document import Entity
from pipeline.entities.candidates import LABELS, MODEL_DIR, MODEL_FILE, Candidate
from pipeline.entities.canonical import canonical_names
from pipeline.entities.crf import bioes_spans, crf_spans
from pipeline.entities.features import char_features, normalize
from pipeline.entities.gazetteer import gazetteer_spans
from pipeline.entities.resolve import resolve
from pipeline.entities.steps import candidate_spans_many
from pipeline.zh.words import text_words

__all__ = [
    "LABELS",
    "MODEL_DIR",
    "MODEL_FILE",
    "bioes_spans",
    "build_nlp",
    "char_features",
    "crf_spans",
    "doc_state",
    "doc_words",
    "extract_entities",
    "extract_entities_many",
    "gazetteer_spans",
    "normalize",
    "resolve",
    "text_words",
    "tokenizer_nlp",
]

_SPACY_NAMES = frozenset({"build_nlp", "doc_state", "doc_words", "tokenizer_nlp"})


def __getattr__(name: str) -> Any:
    """The spaCy pipeline's names, imported on first use: extraction does not need spaCy,
    and importing it would double the start-up of a one-page ``baokan extract``."""
    if name in _SPACY_NAMES:
        from pipeline.entities import components

        return getattr(components, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def extract_entities(text: str) -> list[Entity]:
    """Named entities of ``text``, sorted, non-overlapping, with exact character offsets.

    >>> [(e.surface, e.label) for e in extract_entities("北京大学教授张明远发布《报告》。")]
    [('北京大学', 'ORG'), ('张明远', 'PER'), ('《报告》', 'WORK')]
    """
    return extract_entities_many([text])[0]


def extract_entities_many(texts: Sequence[str]) -> list[list[Entity]]:
    """:func:`extract_entities` of each text; the CRF tags them all in one pass, which is
    what makes many short texts (a page's articles) as fast as one long one."""
    todo = [k for k, text in enumerate(texts) if text.strip()]
    word_lists = [text_words(texts[k]) for k in todo]
    out: list[list[Entity]] = [[] for _ in texts]
    for k, words, candidates in zip(
        todo, word_lists, candidate_spans_many(word_lists), strict=True
    ):
        out[k] = _entities(texts[k], words, candidates)
    return out


def _entities(text: str, words: list[str], candidates: list[Candidate]) -> list[Entity]:
    spans = resolve(text, candidates)
    boundaries = frozenset(itertools.accumulate(map(len, words), initial=0))
    return [
        Entity("", None, s, e, text[s:e], label, canonical)
        for s, e, label, canonical in canonical_names(text, spans, boundaries)
    ]
