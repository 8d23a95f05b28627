"""What marks speech: the lexicons, patterns and character classes of the quote stage."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from functools import cache
from typing import NamedTuple

from pipeline.document import Entity, Span
from pipeline.lexicon import read_list
from pipeline.zh.chars import HAN
from pipeline.zh.patterns import alternation

RULES = "entity_rules"


QUOTES = "quotes"


MAX_PHRASE = 40


# How far back (chars) a pronoun looks for a person who is not the last speaker.
MAX_ANTECEDENT = 300


# (speaker, speaker span, role, organization)
Speaker = tuple[str, Span | None, str | None, str | None]


# Clause openers that belong to no speaker (据张明远介绍 -> 张明远).
_LEAD = re.compile(r"(?:据|对此|同时|此外|另外|其中|正如|但是|但|而|不过)?[，,\s]*")


_PRONOUN = re.compile(r"[他她](?!们)")


_CLAUSE_BREAK = "。！？；\n“”，,：:…"


_SENTENCE_BREAK = "。！？；\n"


_UTTERANCE_END = ("。", "！", "？", "…", "—", "!", "?")


# A quote whose words end without punctuation and run straight into more words is a term.
SPEECH_END = (*_UTTERANCE_END, "，", "；", "：", "、", ",", ";", ":")


WORD_CHAR = re.compile(rf"[{HAN}A-Za-z0-9“‘《]")


# Characters that put a person in object position (对张三说, 会见…张三, 碰上了张三).
_OBJECT_MARKS = frozenset("对向与同和跟给让被把为帮请叫找陪送见到了着过及听说问（(")


# Where a run of title words before a name stops (副市长张三昨日在京与外方|代表彼得).
_TITLE_STOP = re.compile(r"[\s\d的与同和在是了将为对向并及见（）()，,：:“”]")


# A speaker phrase ending so does not say anything (他一边走，一边…; 没有说).
_NOT_SAYING = ("一边", "边", "不", "没", "没有", "未")


_PHRASE_STOPS = re.compile(r"[“”《》]")


# The reporter asks; the people interviewed are quoted.
_REPORTERS = ("记者", "通讯员", "编辑")


_NOUN_HEAD_OPENERS = ("在", "从", "当", "经", "由", "对", "就")


STOPS = re.compile(r"[。！？“”]|\n\s*##")


MARKS = re.compile(r"[“”]")


# Who an interview is with: 记者采访了某部门相关负责人。 / ——访某大学教授张三
INTERVIEWEE = re.compile(r"(?:采访了|专访了?|——访|—访)([^，。；：\n“”]{2,30})")


ANSWER = re.compile(r"^[ \t\u3000]*答[：:][ \t\u3000]*(\S[^\n]*?)\s*$", re.M)


INTERVIEW = re.compile(
    r"^[ \t\u3000]*(?:#+[ \t\u3000]*)?([^\s：:，。“”#]{2,12})[：:][ \t\u3000]*(\S[^\n]*?)\s*$", re.M
)


@cache
def _roles() -> tuple[str, ...]:
    """Roles, titles and nouns for a person, longest first."""
    words = {
        *read_list(f"{RULES}/person_roles.txt"),
        *read_list(f"{QUOTES}/titles.txt"),
        *read_list(f"{QUOTES}/speaker_nouns.txt"),
    }
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _role_set() -> frozenset[str]:
    return frozenset(_roles())


@cache
def _documents() -> tuple[str, ...]:
    return read_list(f"{QUOTES}/documents.txt")


@cache
def _endings() -> tuple[str, ...]:
    return read_list(f"{QUOTES}/title_endings.txt")


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    verbs = alternation(
        [*read_list(f"{RULES}/speech_verbs.txt"), *read_list(f"{QUOTES}/more_verbs.txt")]
    )
    plain = r"[^“”。！？；\n，,：:]"
    term = r"“[^“”\n]{1,12}”"
    return {
        "verb": re.compile(verbs),
        # 张明远说：“…” (group 1 = verb; the speaker phrase lies before it)
        "before": re.compile(rf"({verbs})[：:，,]?\s*“"),
        # “…”张明远说。 / “…”，他表示， / “…”通过调研，张三认为，
        "after": re.compile(
            rf"”[，,]?((?:{plain}{{1,12}}[，,])?(?:{plain}|{term}){{1,{MAX_PHRASE}}}?)"
            rf"({verbs})(?=[。，,：:；！？\n]|$)"
        ),
        # 渤海银行成都分行负责人介绍，下一步…。
        "reported": re.compile(rf"({verbs})[，,：:]"),
        "not_speech": re.compile(alternation(read_list(f"{QUOTES}/not_speech.txt"))),
        "role": re.compile(alternation(_roles())),
        "org_suffix": re.compile(
            alternation([w for w in read_list(f"{RULES}/org_suffixes.txt") if len(w) >= 2])
        ),
    }


class _Context(NamedTuple):
    """The text with its persons and organizations, sorted for range look-ups."""

    text: str
    persons: tuple[Entity, ...]
    person_starts: tuple[int, ...]
    orgs: tuple[Entity, ...]
    org_starts: tuple[int, ...]
    names: tuple[str, ...]
    names_by_first: dict[str, tuple[str, ...]]  # first character -> names, longest first

    @classmethod
    def build(cls, text: str, entities: Sequence[Entity]) -> _Context:
        persons = tuple(
            sorted((e for e in entities if e.label == "PER" and len(e.surface) >= 2),
                   key=lambda e: e.start)
        )  # fmt: skip
        orgs = tuple(sorted((e for e in entities if e.label == "ORG"), key=lambda e: e.start))
        names = {p.surface for p in persons if not _PHRASE_STOPS.search(p.surface)}
        names |= {n.rsplit("·", 1)[1] for n in names if "·" in n}
        ordered = tuple(sorted((n for n in names if len(n) >= 2), key=len, reverse=True))
        by_first: dict[str, list[str]] = {}
        for name in ordered:
            by_first.setdefault(name[0], []).append(name)
        return cls(
            text,
            persons,
            tuple(p.start for p in persons),
            orgs,
            tuple(o.start for o in orgs),
            ordered,
            {k: tuple(v) for k, v in by_first.items()},
        )

    def name_at(self, start: int, end: int | None = None) -> str | None:
        """The longest name the text gives that starts at ``start`` (and ends by ``end``)."""
        stop = len(self.text) if end is None else end
        for name in self.names_by_first.get(self.text[start : start + 1], ()):
            if start + len(name) <= stop and self.text.startswith(name, start):
                return name
        return None

    def persons_in(self, start: int, end: int) -> list[Entity]:
        """Persons that start in [start, end), in text order."""
        i = bisect.bisect_left(self.person_starts, start)
        j = bisect.bisect_left(self.person_starts, end)
        return list(self.persons[i:j])

    def orgs_in(self, start: int, end: int) -> list[Entity]:
        """Organizations inside [start, end), in text order."""
        i = bisect.bisect_left(self.org_starts, start)
        j = bisect.bisect_left(self.org_starts, end)
        return [o for o in self.orgs[i:j] if o.end <= end]
