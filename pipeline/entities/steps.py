"""The entity steps as plain functions over a text and its jieba words (no spaCy Doc), so
that extraction runs without importing spaCy; :mod:`.components` wraps the same steps as
spaCy components."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

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
from pipeline.entities.crf import crf_spans_many
from pipeline.entities.features import token_table
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

DEFAULT_MODEL = MODEL_DIR / MODEL_FILE


@dataclass
class DocState:
    """What the steps share about one text: its words, token table, list matches and the
    candidate spans found so far."""

    text: str
    words: list[str]
    table: tuple[list[int], list[int]]
    names: list[tuple[int, int, str]]
    spans: list[Candidate] = field(default_factory=list)

    def add(self, spans: Iterable[tuple[int, int, str]], priority: int) -> None:
        self.spans.extend((s, e, label, priority) for s, e, label in spans)


def make_state(words: list[str]) -> DocState:
    """The shared state of the text spelled by ``words``."""
    text = "".join(words)
    table = token_table(words)
    names = gazetteer_spans(text, frozenset([*table[0], len(text)]))
    return DocState(text, words, table, names)


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


def model_step(st: DocState, model_path: Path = DEFAULT_MODEL) -> None:
    """The character CRF's spans, clause verbs cut off."""
    model_steps([st], model_path)


def model_steps(states: Sequence[DocState], model_path: Path = DEFAULT_MODEL) -> None:
    """:func:`model_step` on several texts, tagged by the CRF together."""
    found = crf_spans_many([(st.text, st.words, st.names) for st in states], model_path)
    for st, spans in zip(states, found, strict=True):
        st.add(cut_clause_verbs(st.words, st.table, spans), PRIORITY_MODEL)


def gazetteer_step(st: DocState) -> None:
    """Exact matches of the name lists under ``gazetteers/entities/``."""
    st.add(st.names, PRIORITY_GAZETTEER)


def rules_step(st: DocState) -> None:
    """Pattern rules: organizations, persons, works, products and events."""
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


def candidate_spans(words: list[str]) -> list[Candidate]:
    """Every step's candidates for the text spelled by ``words``, in pipeline order."""
    return candidate_spans_many([words])[0]


def candidate_spans_many(word_lists: Sequence[list[str]]) -> list[list[Candidate]]:
    """:func:`candidate_spans` of several texts (the CRF decodes them together)."""
    states = [make_state(words) for words in word_lists]
    model_steps(states)
    for st in states:
        gazetteer_step(st)
        rules_step(st)
    return [st.spans for st in states]
