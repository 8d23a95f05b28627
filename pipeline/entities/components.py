"""The spaCy components, registered by name, and the pipeline that runs them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.entities.candidates import (
    MODEL_DIR,
    MODEL_FILE,
    PRIORITY_DELIMITED,
    PRIORITY_GAZETTEER,
    PRIORITY_MODEL,
    PRIORITY_RULE,
    PRIORITY_UNKNOWN_HEAD,
    Candidate,
)
from pipeline.entities.crf import crf_spans
from pipeline.entities.features import blank_zh, doc_words, token_table
from pipeline.entities.gazetteer import gazetteer_spans
from pipeline.entities.lexicons import rule_lexicons
from pipeline.entities.rules import (
    bracketed_place_org_spans,
    division_spans,
    event_spans,
    org_rule_spans,
    person_rule_spans,
    place_head_spans,
    quoted_name_spans,
    unknown_head_orgs,
    work_spans,
)


@dataclass
class DocState:
    """What the components share about one Doc, kept in ``doc._.baokan`` (one extension,
    because every ``doc._`` access costs more than the work on a short sentence)."""

    text: str
    words: list[str]
    table: tuple[list[int], list[int]]
    names: list[tuple[int, int, str]]
    spans: list[Candidate] = field(default_factory=list)

    def add(self, spans: Iterable[tuple[int, int, str]], priority: int) -> None:
        self.spans.extend((s, e, label, priority) for s, e, label in spans)


if not Doc.has_extension("baokan"):
    Doc.set_extension("baokan", default=None)


def doc_state(doc: Doc) -> DocState:
    """The shared state of ``doc``, made on first use: words, token table, list matches."""
    state = doc._.baokan
    if state is None:
        words = doc_words(doc)
        text = "".join(words)
        table = token_table(words)
        names = gazetteer_spans(text, frozenset([*table[0], len(text)]))
        state = DocState(text, words, table, names)
        doc._.baokan = state
    return state


def cut_clause_verbs(
    words: Sequence[str],
    table: tuple[list[int], list[int]],
    spans: Iterable[tuple[int, int, str]],
) -> list[tuple[int, int, str]]:
    """An organization span holding a clause verb (成立, 携手, 地处...) keeps what follows the
    last one, if that is three characters or more; other spans pass unchanged.

    >>> words = ["婺城区", "成立", "商圈", "综治", "中心", "，"]
    >>> cut_clause_verbs(words, token_table(words), [(0, 11, "ORG"), (0, 3, "ORG")])
    [(5, 11, 'ORG'), (0, 3, 'ORG')]
    """
    verbs = frozenset(rule_lexicons()["clause_verbs"])
    starts, owner = table
    out = []
    for s, e, label in spans:
        if label == "ORG":
            cut = s
            for k in range(owner[s], owner[e - 1] + 1):
                if words[k] in verbs and starts[k] >= s and starts[k] + len(words[k]) <= e:
                    cut = starts[k] + len(words[k])
            if cut > s and e - cut < 3:
                continue
            s = cut
        out.append((s, e, label))
    return out


def _pipe(step: Callable[[DocState], None]) -> Callable[[Doc], Doc]:
    """A pipeline component that lets ``step`` add its spans to the doc's shared state."""

    def component(doc: Doc) -> Doc:
        step(doc_state(doc))
        return doc

    return component


@Language.factory("baokan_ner_model", default_config={"model_path": ""})
def make_ner_model(nlp: Language, name: str, model_path: str) -> Callable[[Doc], Doc]:
    """The character CRF; ``model_path`` empty means the model shipped in the package."""
    path = Path(model_path) if model_path else MODEL_DIR / MODEL_FILE

    def ner_model(st: DocState) -> None:
        spans = crf_spans(st.text, st.words, path, st.names)
        st.add(cut_clause_verbs(st.words, st.table, spans), PRIORITY_MODEL)

    return _pipe(ner_model)


@Language.factory("baokan_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Exact matches of the name lists under ``gazetteers/entities/``."""
    return _pipe(lambda st: st.add(st.names, PRIORITY_GAZETTEER))


@Language.factory("baokan_rules")
def make_rules(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Pattern rules: organizations, persons, works, products and events."""
    return _pipe(_rules)


def _rules(st: DocState) -> None:
    orgs = org_rule_spans(st.text, st.words, st.table)
    st.add(unknown_head_orgs(st.text, st.words, st.table, orgs), PRIORITY_UNKNOWN_HEAD)
    for spans in (
        orgs,
        person_rule_spans(st.text),
        event_spans(st.text, st.words, st.table),
    ):
        st.add(spans, PRIORITY_RULE)
    places = division_spans(st.text, st.words, st.table)
    st.add(places, PRIORITY_RULE)
    st.add(place_head_spans(st.text, st.words, st.table, places), PRIORITY_RULE)
    st.add(work_spans(st.text), PRIORITY_DELIMITED)
    st.add(bracketed_place_org_spans(st.text, st.words, st.table), PRIORITY_DELIMITED)
    st.add(quoted_name_spans(st.text), PRIORITY_DELIMITED)


@cache
def build_nlp() -> Language:
    """The entity pipeline (blank zh + jieba, CRF, gazetteer, rules), built once per process."""
    nlp = blank_zh()
    nlp.add_pipe("baokan_ner_model")
    nlp.add_pipe("baokan_gazetteer")
    nlp.add_pipe("baokan_rules")
    return nlp
