"""The entity steps as spaCy components, registered by name, and the pipeline that runs them.

Extraction calls :mod:`.steps` directly; this pipeline gives spaCy users (and training) the
same steps over a Doc whose tokens are jieba's words.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from pipeline.entities.steps import (
    DEFAULT_MODEL,
    DocState,
    gazetteer_step,
    make_state,
    model_step,
    rules_step,
)
from pipeline.zh.words import load_jieba, words_and_spaces

if not Doc.has_extension("baokan"):
    Doc.set_extension("baokan", default=None)


def doc_words(doc: Doc) -> list[str]:
    """The jieba words of a Doc, trailing whitespace as words of their own (covers doc.text)."""
    words: list[str] = []
    for token in doc:
        words.append(token.text)
        if token.whitespace_:
            words.append(token.whitespace_)
    return words


def doc_state(doc: Doc) -> DocState:
    """The shared state of ``doc`` (one extension, ``doc._.baokan``), made on first use."""
    state = doc._.baokan
    if state is None:
        state = make_state(doc_words(doc))
        doc._.baokan = state
    return state


class JiebaTokenizer:
    """jieba's words as Doc tokens, aligned with the text in linear time."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces = words_and_spaces(load_jieba().cut(text), text)
        return Doc(self.vocab, words=words, spaces=spaces)


def _pipe(step: Callable[[DocState], object]) -> Callable[[Doc], Doc]:
    """A spaCy component that runs an entity step on the Doc's state."""

    def component(doc: Doc) -> Doc:
        step(doc_state(doc))
        return doc

    return component


@Language.factory("baokan_ner_model", default_config={"model_path": ""})
def make_ner_model(nlp: Language, name: str, model_path: str) -> Callable[[Doc], Doc]:
    """The character CRF; ``model_path`` empty means the model shipped in the package."""
    path = Path(model_path) if model_path else DEFAULT_MODEL
    return _pipe(lambda state: model_step(state, path))


@Language.factory("baokan_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Exact matches of the name lists under ``gazetteers/entities/``."""
    return _pipe(gazetteer_step)


@Language.factory("baokan_rules")
def make_rules(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Pattern rules: organizations, persons, works, products and events."""
    return _pipe(rules_step)


def blank_zh() -> Language:
    """A blank Chinese pipeline whose tokenizer is jieba (no components)."""
    load_jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.tokenizer = JiebaTokenizer(nlp.vocab)
    return nlp


@cache
def tokenizer_nlp() -> Language:
    """The tokenizer alone, shared by training and feature extraction."""
    return blank_zh()


@cache
def build_nlp() -> Language:
    """The entity pipeline (blank zh + jieba, CRF, gazetteer, rules), built once per process."""
    nlp = blank_zh()
    nlp.add_pipe("baokan_ner_model")
    nlp.add_pipe("baokan_gazetteer")
    nlp.add_pipe("baokan_rules")
    return nlp
