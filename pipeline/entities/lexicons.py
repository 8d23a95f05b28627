"""The name lists and rule word lists, loaded once."""

from __future__ import annotations

from functools import cache

from pipeline.entities.candidates import LABELS, RULES
from pipeline.lexicon import GAZETTEERS, read_list

GAZETTEER_DIR = GAZETTEERS / "entities"


@cache
def gazetteer_index() -> dict[str, tuple[tuple[str, str], ...]]:
    """First two characters -> ((name, label), ...) longest name first, from every list file.

    A name listed twice keeps the label of the first file in name order.
    """
    names: dict[str, str] = {}
    ambiguous = frozenset(read_list(f"{RULES}/ambiguous_places.txt"))
    for path in sorted(GAZETTEER_DIR.glob("*.txt")):
        label = path.name.split(".", 1)[0]
        if label not in LABELS:
            continue
        for name in read_list(f"entities/{path.name}"):
            if name not in ambiguous:
                names.setdefault(name, label)
    index: dict[str, list[tuple[str, str]]] = {}
    for name, label in names.items():
        if len(name) >= 2:
            index.setdefault(name[:2], []).append((name, label))
    return {k: tuple(sorted(v, key=lambda nl: -len(nl[0]))) for k, v in index.items()}


@cache
def rule_lexicons() -> dict[str, tuple[str, ...]]:
    names = (
        "org_suffixes",
        "loc_suffixes",
        "person_roles",
        "speech_verbs",
        "product_suffixes",
        "event_suffixes",
        "not_names",
        "generic_names",
        "division_suffixes",
        "surnames",
        "org_name_verbs",
        "person_honorifics",
        "person_trailers",
        "clause_verbs",
        "event_only_suffixes",
        "name_prefix_stops",
        "common_nr_words",
    )
    return {n: read_list(f"{RULES}/{n}.txt") for n in names}
