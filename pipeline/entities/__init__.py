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
"""

from __future__ import annotations

from pipeline.document import Entity
from pipeline.entities.candidates import LABELS, MODEL_DIR, MODEL_FILE
from pipeline.entities.canonical import canonical_names
from pipeline.entities.components import build_nlp, doc_state
from pipeline.entities.crf import bioes_spans, crf_spans
from pipeline.entities.features import char_features, doc_words, normalize, tokenizer_nlp
from pipeline.entities.gazetteer import gazetteer_spans
from pipeline.entities.resolve import resolve

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
    "gazetteer_spans",
    "normalize",
    "resolve",
    "tokenizer_nlp",
]


VOCAB_LIMIT = 1_000_000  # token strings the shared spaCy pipeline may collect before a rebuild


def extract_entities(text: str) -> list[Entity]:
    """Named entities of ``text``, sorted, non-overlapping, with exact character offsets.

    >>> [(e.surface, e.label) for e in extract_entities("南开大学教授田利辉发布《报告》。")]
    [('南开大学', 'ORG'), ('田利辉', 'PER'), ('《报告》', 'WORK')]
    """
    if not text.strip():
        return []
    nlp = build_nlp()
    if len(nlp.vocab.strings) > VOCAB_LIMIT:
        # spaCy keeps every token string it has seen; over an archive of millions of pages
        # that grows without end, so start afresh (no output depends on the vocabulary).
        build_nlp.cache_clear()
        nlp = build_nlp()
    state = doc_state(nlp(text))
    spans = resolve(text, state.spans)
    boundaries = frozenset([*state.table[0], len(text)])
    return [
        Entity("", None, s, e, text[s:e], label, canonical)
        for s, e, label, canonical in canonical_names(text, spans, boundaries)
    ]
