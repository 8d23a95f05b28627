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

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import jieba
import pycrfsuite
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from pipeline.document import Entity
from pipeline.lexicon import GAZETTEERS, read_list
from pipeline.zh.words import jieba_word_tags, load_jieba

LABELS = ("PER", "ORG", "LOC", "WORK", "PRODUCT", "EVENT")
MODEL_DIR = Path(__file__).resolve().parent / "models" / "ner"
MODEL_FILE = "ner.crfsuite"
RULES = "entity_rules"
VOCAB_LIMIT = 1_000_000  # token strings the shared spaCy pipeline may collect before a rebuild

# A candidate span: (start, end, label, priority). Higher priority wins among equal lengths.
Candidate = tuple[int, int, str, int]
PRIORITY_MODEL = 1
PRIORITY_GAZETTEER = 2
PRIORITY_UNKNOWN_HEAD = 2  # suffix-rule organizations whose head is a word jieba does not know
PRIORITY_RULE = 3
PRIORITY_DELIMITED = 4  # names marked off by 《》 or quotes

# ---------------------------------------------------------------------------------------------
# Character features, shared by training (pipeline.ner_train) and tagging.
# ---------------------------------------------------------------------------------------------

_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_CN_NUMERALS = frozenset("零〇一二三四五六七八九十百千万亿两")


def normalize(text: str) -> str:
    """Full-width ASCII to half-width, same length (features only; spans use the raw text).

    >>> normalize("１９９８年ＡＢ")
    '1998年AB'
    """
    return text.translate(_FULLWIDTH)


@cache
def _char_type(ch: str) -> str:
    if ch.isdigit():
        return "D"
    if ch in _CN_NUMERALS:
        return "N"
    if ch.isascii() and ch.isalpha():
        return "L"
    if "\u4e00" <= ch <= "\u9fff":
        return "H"
    if ch.isspace():
        return "S"
    return "P"


@cache
def _feature_lexicons() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Surnames, organization suffixes, place suffixes and roles used as CRF features."""
    return (
        frozenset(read_list(f"{RULES}/surnames.txt")),
        frozenset(read_list(f"{RULES}/org_suffixes.txt")),
        frozenset(read_list(f"{RULES}/loc_suffixes.txt")),
        frozenset(read_list(f"{RULES}/person_roles.txt")),
    )


def _word_positions(words: Sequence[str]) -> tuple[list[str], list[int]]:
    """For each character: its BMES position in its jieba word, and the index of that word.

    >>> _word_positions(["银行", "的", "分行们"])
    (['B', 'E', 'S', 'B', 'M', 'E'], [0, 0, 1, 2, 2, 2])
    """
    pos: list[str] = []
    own: list[int] = []
    for k, word in enumerate(words):
        n = len(word)
        pos.extend(("S",) if n == 1 else ("B", *("M",) * (n - 2), "E"))
        own.extend((k,) * n)
    return pos, own


def char_features(
    text: str,
    words: Sequence[str] | None = None,
    names: Sequence[tuple[int, int, str]] | None = None,
) -> list[list[str]]:
    """One feature list per character of ``text``: char n-grams, jieba word and lexicon cues.

    ``words`` is the jieba segmentation of ``text`` and ``names`` its gazetteer matches
    (both computed when not given). Built column by column (one comprehension per feature
    kind) because this runs on every character.

    >>> feats = char_features("田利辉说")
    >>> len(feats), feats[0][:2]
    (4, ['c=田', 'c-1=^'])
    """
    if not text:
        return []
    if words is None:
        words = jieba.lcut(text)
    if names is None:
        starts, _ = _token_table(words)
        names = gazetteer_spans(text, frozenset([*starts, len(text)]))
    surnames, org_suffixes, loc_suffixes, roles = _feature_lexicons()
    tags = jieba_word_tags()
    norm = normalize(text)
    n = len(norm)
    ch = ["^", "^", *norm, "$", "$"]
    ty = ["^", "^", *(_char_type(c) for c in norm), "$", "$"]
    wtags = [tags.get(w, "new" if len(w) > 1 else "x") for w in words]
    pos, own = _word_positions(words)
    wt = [wtags[k] for k in own]
    ptag = ["^", *wtags]
    ntag = [*wtags[1:], "$"]
    wid = [w if len(w) <= 6 else "LONG" for w in words]
    mid = range(2, n + 2)
    cols = [
        ["c=" + c for c in ch[2:-2]],
        ["c-1=" + c for c in ch[1:-3]],
        ["c+1=" + c for c in ch[3:-1]],
        ["b-1=" + ch[j - 1] + ch[j] for j in mid],
        ["b0=" + ch[j] + ch[j + 1] for j in mid],
        ["b-2=" + ch[j - 2] + ch[j - 1] for j in mid],
        ["b+1=" + ch[j + 1] + ch[j + 2] for j in mid],
        ["t=" + ty[j - 1] + ty[j] + ty[j + 1] for j in mid],
        ["wp=" + p + t for p, t in zip(pos, wt, strict=True)],
        ["w=" + p + wid[k] for p, k in zip(pos, own, strict=True)],
        ["pt=" + ptag[k] + p for p, k in zip(pos, own, strict=True)],
        ["nt=" + p + ntag[k] for p, k in zip(pos, own, strict=True)],
    ]
    feats = [list(f) for f in zip(*cols, strict=True)]
    for start, end, label in names:
        feats[start].append("g=B" + label)
        for i in range(start + 1, end - 1):
            feats[i].append("g=I" + label)
        feats[end - 1].append("g=E" + label)
    first = 0  # offset of the current word's first char
    for k, word in enumerate(words):
        last = first + len(word) - 1
        f = feats[first]
        prev_word = words[k - 1] if k else "^"
        f.append("pw=" + prev_word)
        if norm[first] in surnames:
            f.append("sur")
        if norm[first : first + 2] in surnames:
            f.append("sur2")
        if prev_word in roles:
            f.append("prole")
        f = feats[last]
        f.append("nw=" + (words[k + 1] if k + 1 < len(words) else "$"))
        if word in org_suffixes or word[-1] in org_suffixes:
            f.append("osuf")
        if norm[last] in loc_suffixes:
            f.append("lsuf")
        first = last + 1
    return feats


def doc_words(doc: Doc) -> list[str]:
    """The jieba words of a Doc, trailing whitespace as words of their own (covers doc.text)."""
    words: list[str] = []
    for token in doc:
        words.append(token.text)
        if token.whitespace_:
            words.append(token.whitespace_)
    return words


def _blank_zh() -> Language:
    """A blank Chinese pipeline whose tokenizer is jieba (no components)."""
    load_jieba()
    return spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})


@cache
def tokenizer_nlp() -> Language:
    """The tokenizer alone, shared by training and feature extraction."""
    return _blank_zh()


# ---------------------------------------------------------------------------------------------
# The statistical component: character CRF, BIOES tags.
# ---------------------------------------------------------------------------------------------


def bioes_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans from BIOES tags; a broken sequence keeps its well-formed part only.

    >>> bioes_spans(["S-PER", "O", "B-LOC", "I-LOC", "E-LOC", "B-ORG", "O"])
    [(0, 1, 'PER'), (2, 5, 'LOC')]
    """
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
        kind, _, lab = tag.partition("-")
        if kind == "S":
            spans.append((i, i + 1, lab))
            start = -1
        elif kind == "B":
            start, label = i, lab
        elif kind == "I":
            if lab != label:
                start = -1
        elif kind == "E":
            if start >= 0 and lab == label:
                spans.append((start, i + 1, lab))
            start = -1
        else:
            start = -1
    return spans


@cache
def _tagger(model_path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_path))
    return tagger


def crf_spans(
    text: str,
    words: Sequence[str],
    model_path: Path,
    names: Sequence[tuple[int, int, str]] | None = None,
) -> list[tuple[int, int, str]]:
    """PER/ORG/LOC spans tagged by the CRF over one text (split at line breaks for speed).

    ``names`` are the gazetteer matches of ``text`` (computed when not given).
    """
    tagger = _tagger(model_path)
    spans: list[tuple[int, int, str]] = []
    feats = char_features(text, words, names)
    for start, end in _chunks(text):
        tags = tagger.tag(feats[start:end])
        for s, e, lab in bioes_spans(tags):
            surface = text[start + s : start + e]
            s += len(surface) - len(surface.lstrip())  # the model never saw line breaks
            e -= len(surface) - len(surface.rstrip())
            if e > s:
                spans.append((start + s, start + e, lab))
    return spans


_CHUNK_BREAK = re.compile(r"[\n。！？]")


def _chunks(text: str) -> Iterable[tuple[int, int]]:
    """Sentence-sized pieces of ``text`` (CRF decoding cost is linear, memory is per piece)."""
    start = 0
    for m in _CHUNK_BREAK.finditer(text):
        if m.end() > start:
            yield start, m.end()
        start = m.end()
    if start < len(text):
        yield start, len(text)


# ---------------------------------------------------------------------------------------------
# Gazetteer: gazetteers/entities/<LABEL>.<name>.txt, exact longest matches.
# ---------------------------------------------------------------------------------------------

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


def gazetteer_spans(text: str, boundaries: frozenset[int]) -> list[tuple[int, int, str]]:
    """Leftmost-longest list matches; two-character names must be whole jieba words, and no
    name may end on the first character of a generic word (财政部 in 财政部门).

    >>> gazetteer_spans("财政部门和财政部", frozenset([0, 2, 4, 5, 8]))
    [(5, 8, 'ORG')]
    """
    index = gazetteer_index()
    generic = frozenset(_rule_lexicons()["generic_names"])
    spans: list[tuple[int, int, str]] = []
    i, n = 0, len(text) - 1
    while i < n:
        for name, label in index.get(text[i : i + 2], ()):
            end = i + len(name)
            if (
                text.startswith(name, i)
                and (len(name) > 2 or (i in boundaries and end in boundaries))
                and (end in boundaries or text[end - 1 : end + 1] not in generic)
            ):
                spans.append((i, end, label))
                i = end - 1
                break
        i += 1
    return spans


# ---------------------------------------------------------------------------------------------
# Rules: organization suffixes, persons by role or speech verb, 《titles》, “products”, events.
# ---------------------------------------------------------------------------------------------

_PROPER_TAGS = frozenset({"ns", "nt", "nz", "nr", "nrt", "nrfg", "j", "new", "eng"})
_NOMINAL_TAGS = _PROPER_TAGS | frozenset({"n", "vn", "nrfg", "b", "l", "an", "ng"})
# jieba tags of characters that only do grammar (为, 个, 的, 都): no part of a name
_GRAMMAR_TAGS = frozenset(
    {"p", "q", "c", "d", "m", "r", "u", "uj", "ul", "uz", "ug", "uv", "ud", "y"}
)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HAN_WORD = re.compile(r"[\u4e00-\u9fff]+")
_WORK = re.compile(r"《[^《》\n]{1,80}》")
_QUOTED = re.compile(r"[“‘\"「]([^“”‘’\"「」\n，。、；：！？,;:+＋]{2,20})[”’\"」]")
# Characters a statistical span may not contain (it would cross a quote, a title or a line).
_NOT_IN_NAME = re.compile(r"[\s“”‘’\"《》「」()（）【】，。、；：！？,;:!?]")
# a quoted part inside an organization's name: “发现”号航天飞机 (a title in 《》 stays a WORK)
_QUOTED_PART = re.compile(r"“[^“”\s，。、；：]{1,15}”")


def _model_span_ok(surface: str, label: str) -> bool:
    """A statistical span crosses no quote, bracket, line or clause punctuation, except that
    an organization may hold a whole quoted part (“革命武装力量”游击队).

    >>> _model_span_ok("“革命武装力量”游击队", "ORG"), _model_span_ok("工程”组委会", "ORG")
    (True, False)
    """
    if label == "ORG" and len(surface) > 2:
        surface = _QUOTED_PART.sub("名", surface)
    return not _NOT_IN_NAME.search(surface)


@cache
def _rule_lexicons() -> dict[str, tuple[str, ...]]:
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
    )
    return {n: read_list(f"{RULES}/{n}.txt") for n in names}


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """A regex matching any of ``words``, longest first."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))


@cache
def _rule_patterns() -> dict[str, re.Pattern[str]]:
    lex = _rule_lexicons()
    surnames = "|".join(re.escape(s) for s in sorted(lex["surnames"], key=len, reverse=True))
    verbs = "|".join(re.escape(v) for v in sorted(lex["speech_verbs"], key=len, reverse=True))
    roles = "|".join(re.escape(r) for r in sorted(lex["person_roles"], key=len, reverse=True))
    return {
        "org_suffix": _alternation(s for s in lex["org_suffixes"] if len(s) >= 2),
        "division": _alternation(lex["division_suffixes"]),
        "event_suffix": _alternation(lex["event_suffixes"]),
        # what may follow 名称（地名）: a few more name characters, then the suffix
        "bracket_tail": re.compile(
            rf"[\u4e00-\u9fff]{{0,8}}?(?:{_alternation(lex['org_suffixes']).pattern})"
        ),
        # role + name: 教授田利辉说 / 本报记者 彭江 / 副研究员于涛表示 (name is group 1)
        "role_name": re.compile(
            rf"(?:{roles})[ \u3000]?((?:{surnames})(?:[ \u3000][\u4e00-\u9fff](?=\s)|"
            rf"[\u4e00-\u9fff]{{1,2}}?))"
            rf"(?=$|[\s，。、；：:（(]|{verbs}|在|指出|等)"
        ),
        # clause-initial name + speech verb: 。李俊成表示
        "name_verb": re.compile(
            rf"(?:^|(?<=[\s，。；：:！？“”]))((?:{surnames})[\u4e00-\u9fff]{{1,2}}?)(?={verbs})"
        ),
        "editor_line": re.compile(
            r"^[ \u3000]*(?:本版编辑|责任编辑|本版责编|编辑)[：:\s]+(.+)$", re.M
        ),
    }


def _is_name(surface: str) -> bool:
    """Not a word that is never a person (小微, 普惠型), nor one that starts with such a word."""
    not_names = _rule_lexicons()["not_names"]
    return surface not in not_names and not surface.startswith(not_names)


_FUNCTION_CHARS = frozenset("还也就都又才却则等的地得了着过是在和与将已曾便")


def _rule_name(surface: str, strict: bool) -> bool:
    """A rule-found surname + given name: not a dictionary word other than a name; ``strict``
    (no role word next to it) also rejects a common word at its start or end (有评论, 高兴地)."""
    if not _is_name(surface):
        return False
    tags = jieba_word_tags()
    tag = tags.get(surface.replace(" ", ""))
    if tag is not None and not tag.startswith("nr"):
        return False
    if not strict:
        return True
    if surface[-1] in _FUNCTION_CHARS:
        return False
    head, tail = tags.get(surface[:2], "nr"), tags.get(surface[1:], "nr")
    return head.startswith("nr") and tail.startswith("nr")


def person_rule_spans(text: str) -> list[tuple[int, int, str]]:
    """Persons next to a role (教授X, 记者 X), before a speech verb, or in editor lines."""
    pats = _rule_patterns()
    spans: list[tuple[int, int, str]] = []
    for key, strict in (("role_name", False), ("name_verb", True)):
        for m in pats[key].finditer(text):
            if _rule_name(m.group(1), strict):
                spans.append((m.start(1), m.end(1), "PER"))
    for m in pats["editor_line"].finditer(text):
        spans.extend(_editor_names(text, m.start(1), m.end(1)))
    return spans


def _editor_names(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Names in an editor line; a two-char name printed with a space inside stays one name."""
    surnames = frozenset(_rule_lexicons()["surnames"])
    parts = [(m.start(), m.end()) for m in re.finditer(r"[\u4e00-\u9fff]+", text[start:end])]
    spans: list[tuple[int, int, str]] = []
    k = 0
    while k < len(parts):
        s, e = parts[k]
        word = text[start + s : start + e]
        if len(word) == 1 and k + 1 < len(parts) and parts[k + 1][1] - parts[k + 1][0] == 1:
            if word in surnames:
                spans.append((start + s, start + parts[k + 1][1], "PER"))
            k += 2
            continue
        if 2 <= len(word) <= 4 and (word[0] in surnames or word[:2] in surnames):
            spans.append((start + s, start + e, "PER"))
        k += 1
    return spans


def work_spans(text: str) -> list[tuple[int, int, str]]:
    """Titles in 《》, brackets included.

    >>> work_spans("发布《通知》")
    [(2, 6, 'WORK')]
    """
    return [(m.start(), m.end(), "WORK") for m in _WORK.finditer(text)]


@cache
def _quoted_kinds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(label, suffixes) for quoted names, products first."""
    lex = _rule_lexicons()
    return (
        ("PRODUCT", lex["product_suffixes"]),
        ("EVENT", lex["event_suffixes"]),
        ("ORG", tuple(x for x in lex["org_suffixes"] if len(x) >= 2)),
    )


def quoted_name_spans(text: str) -> list[tuple[int, int, str]]:
    """Quoted names, quotes excluded: products (“科创贷”), events (“…专场”), organizations.

    The quoted words must end in a suffix from the lexicons and not be a common word.

    >>> quoted_name_spans("推出“渤银科创e贷”产品，共建“现场工程师学院”")
    [(3, 9, 'PRODUCT'), (16, 23, 'ORG')]
    """
    kinds = _quoted_kinds()
    tags = jieba_word_tags()
    spans = []
    for m in _QUOTED.finditer(text):
        inner = m.group(1)
        if len(inner) > 12 or inner in tags or not _HAN.match(inner):
            continue
        label = next((lab for lab, sufs in kinds if inner.endswith(sufs)), None)
        if label == "PRODUCT" or (label and len(inner) > 2):
            spans.append((m.start(1), m.end(1), label))
    return spans


def _token_table(words: Sequence[str]) -> tuple[list[int], list[int]]:
    """Start offsets of the words, and for each char the index of its word."""
    starts, owner = [], []
    pos = 0
    for k, w in enumerate(words):
        starts.append(pos)
        owner.extend([k] * len(w))
        pos += len(w)
    return starts, owner


def _walk_left(
    text: str,
    words: Sequence[str],
    starts: list[int],
    owner: list[int],
    at: int,
    subunit: bool = False,
) -> tuple[int, bool]:
    """Start of the name that ends with a suffix at ``at``, and whether it holds a proper noun.

    Walks left over nominal jieba words (and a verb of ``org_name_verbs.txt`` after a noun:
    江西制造职业技术学院, not 深圳新增上市公司); stops at punctuation, function
    words, single-char common words and other organization suffixes, except places between
    (银行成都分行) or, when the suffix is a ``subunit`` one (学院, 分行...), one parent name
    (复旦大学经济学院). Leading verbs are dropped.
    """
    tags = jieba_word_tags()
    org_suffix = _rule_patterns()["org_suffix"]
    not_names = frozenset(_rule_lexicons()["not_names"])
    name_verbs = frozenset(_rule_lexicons()["org_name_verbs"])
    taken: list[tuple[int, str]] = []  # (start, tag) of the words walked over, right to left
    places_only = True
    k = owner[at - 1] if at > 0 else -1
    while k >= 0:
        word = text[starts[k] : min(starts[k] + len(words[k]), at)]
        tag = tags.get(word, "new" if len(word) > 1 else "x")
        if word.isdigit() or not _HAN.search(word):
            break
        if org_suffix.fullmatch(word) or (len(word) > 2 and org_suffix.search(word[-2:])):
            if not ((places_only or subunit) and taken):
                break
            subunit = False
        elif tag not in _NOMINAL_TAGS and not (
            word in name_verbs and k > 0 and _HAN.match(words[k - 1])
        ):
            break
        if len(word) == 1 and tag not in _PROPER_TAGS:
            break
        if word in not_names:
            tag = "n"
        taken.append((starts[k], tag))
        places_only = places_only and tag == "ns"
        k -= 1
    while taken and taken[-1][1] == "v":
        taken.pop()
    if not taken:
        return at, False
    return taken[-1][0], any(tag in _PROPER_TAGS for _, tag in taken)


@cache
def _subunits() -> frozenset[str]:
    return frozenset(read_list(f"{RULES}/org_subunit_suffixes.txt"))


def org_rule_spans(
    text: str, words: Sequence[str], table: tuple[list[int], list[int]] | None = None
) -> list[tuple[int, int, str]]:
    """Organizations ending in a suffix (银行, 分行, 监管局, 大学, 有限公司...) with a proper head.

    ``table`` is :func:`_token_table` of ``words`` when already known.
    """
    starts, owner = table or _token_table(words)
    boundaries = frozenset([*starts, len(text)])
    spans = []
    for m in _rule_patterns()["org_suffix"].finditer(text):
        if m.end() not in boundaries and not _rest_is_word(text, words, starts, owner, m.end()):
            continue
        subunit = m.group() in _subunits()
        start, proper = _walk_left(text, words, starts, owner, m.start(), subunit)
        if proper and start < m.start():
            spans.append((start, m.end(), "ORG"))
    return spans


def unknown_head_orgs(
    text: str,
    words: Sequence[str],
    table: tuple[list[int], list[int]],
    orgs: Iterable[tuple[int, int, str]],
) -> list[tuple[int, int, str]]:
    """Suffix-rule organizations headed by a two-character word jieba does not know, made of
    name characters (a coined trade name, X岭|重工|集团): such a head is a name, so the
    organization stands without a model or list match inside it. A preposition glued on the
    head is dropped (是X南|农商|银行); 图为|国泰 or 办个 are no heads.

    >>> words = ["。", "鹤岭", "重工", "集团", "董事长"]
    >>> unknown_head_orgs("。鹤岭重工集团董事长", words, _token_table(words), [(1, 7, "ORG")])
    [(1, 7, 'ORG')]
    """
    starts, owner = table
    tags = jieba_word_tags()
    spans = []
    for s, e, label in orgs:
        k = owner[s]
        word = words[k]
        if starts[k] != s or word in tags or not _HAN_WORD.fullmatch(word):
            continue
        start = _strip_stops(text, s, s + len(word))
        head = text[start : s + len(word)]
        first, second = (tags.get(c, "n") for c in head) if len(head) == 2 else ("", "")
        if e - start >= 4 and first in _NOMINAL_TAGS and second not in _GRAMMAR_TAGS:
            spans.append((start, e, label))
    return spans


_BRACKETED = re.compile(r"[（(]([\u4e00-\u9fff]{2,8})[)）]")


def bracketed_place_org_spans(
    text: str, words: Sequence[str], table: tuple[list[int], list[int]] | None = None
) -> list[tuple[int, int, str]]:
    """Company names with their seat in brackets: 朴华新能源材料（上海）有限公司 is one ORG.

    The bracketed words must be a listed place, an organization suffix must follow within a
    few characters, and a name must stand before the bracket.

    >>> text = "由星辰光电科技（苏州）有限公司生产"
    >>> bracketed_place_org_spans(text, ["由", "星辰", "光电", "科技", "（", "苏州", "）",
    ...     "有限公司", "生产"])
    [(1, 15, 'ORG')]
    """
    index = gazetteer_index()
    starts, owner = table or _token_table(words)
    tail = _rule_patterns()["bracket_tail"]
    spans = []
    for m in _BRACKETED.finditer(text):
        place = m.group(1)
        end = tail.match(text, m.end())
        if not end or (place, "LOC") not in index.get(place[:2], ()):
            continue
        start = _bracket_head_start(text, words, starts, owner, m.start())
        if start < m.start():
            spans.append((start, end.end(), "ORG"))
    return spans


_HEAD_TAGS = _NOMINAL_TAGS | frozenset({"a", "v"})


def _bracket_head_start(
    text: str, words: Sequence[str], starts: list[int], owner: list[int], at: int
) -> int:
    """Start of the trade name before 「（地名）」: words of two or more Han characters that are
    nouns, adjectives or name verbs (精密制造), at most 12 characters, no leading verb."""
    tags = jieba_word_tags()
    name_verbs = frozenset(_rule_lexicons()["org_name_verbs"])
    start = at
    k = owner[at - 1] if at > 0 else -1
    while k >= 0 and at - starts[k] <= 12:
        word = words[k]
        tag = tags.get(word, "new")
        if len(word) < 2 or not _HAN_WORD.fullmatch(word) or tag not in _HEAD_TAGS:
            break
        if tag == "v" and word not in name_verbs:
            break
        start = starts[k]
        k -= 1
    return start


def _rest_is_word(
    text: str, words: Sequence[str], starts: list[int], owner: list[int], at: int
) -> bool:
    """The suffix ends inside a jieba word whose rest is a word of 2+ chars (银行|信贷)."""
    k = owner[at] if at < len(owner) else -1
    if k < 0:
        return False
    rest = text[at : starts[k] + len(words[k])]
    return len(rest) >= 2 and rest in jieba_word_tags()


def event_spans(
    text: str, words: Sequence[str], table: tuple[list[int], list[int]] | None = None
) -> list[tuple[int, int, str]]:
    """Named events ending in 论坛/博览会/峰会/大会...: nominal words (and a year) before it,
    with a place joined by a dash (中国—东盟博览会) and an ordinal (第五届, 首届) in front.

    >>> words = ["在", "2026", "清华", "五道口", "全球", "金融", "论坛", "上"]
    >>> event_spans("在2026清华五道口全球金融论坛上", words)
    [(1, 16, 'EVENT')]
    >>> event_spans("第五届中国—东盟博览会", ["第五届", "中国", "—", "东盟", "博览会"])
    [(0, 11, 'EVENT')]
    """
    starts, owner = table or _token_table(words)
    tags = jieba_word_tags()
    spans = []
    for m in _rule_patterns()["event_suffix"].finditer(text):
        k = owner[m.start() - 1] if m.start() > 0 else -1
        start, proper = m.start(), False
        while k >= 0 and starts[k] + len(words[k]) <= m.start():
            word = words[k]
            tag = tags.get(word, "new" if len(word) > 1 else "x")
            year = word.isdigit() and len(word) == 4
            if not (year or (tag in _NOMINAL_TAGS and _HAN.match(word) and len(word) > 1)):
                break
            proper = proper or year or tag in _PROPER_TAGS
            start = starts[k]
            k -= 1
        if proper and m.start() - start >= 2:
            if k >= 1 and words[k] in _DASHES and tags.get(words[k - 1]) == "ns":
                start = starts[k - 1]
            ordinal = _EVENT_ORDINAL.search(text, max(0, start - 8), start)
            spans.append((ordinal.start() if ordinal else start, m.end(), "EVENT"))
    return spans


def division_spans(
    text: str, words: Sequence[str], table: tuple[list[int], list[int]] | None = None
) -> list[tuple[int, int, str]]:
    """Places ending in a division suffix (省, 市, 县, 新区...) at the end of a jieba word, and
    the organization a place heads (X县 + 农业农村局, X市 + 商务局).

    Only names jieba does not know: the word minus the suffix, or, when that leaves under two
    characters, also the unknown or one-character word before it (X|南县); a preposition
    jieba glued on is dropped. Heads of two to four characters without function characters or
    numerals; a dictionary word (全市, 社区, 北京市) is left to the model and the lists.

    >>> division_spans("和榆坪县农业农村局", ["和榆", "坪县", "农业", "农村", "局"])
    [(1, 4, 'LOC'), (1, 9, 'ORG')]
    >>> division_spans("全市外贸", ["全市", "外贸"])
    []
    """
    starts, owner = table or _token_table(words)
    tags = jieba_word_tags()
    spans: list[tuple[int, int, str]] = []
    for m in _rule_patterns()["division"].finditer(text):
        a, b = m.start(), m.end()
        k = owner[b - 1]
        if starts[k] + len(words[k]) != b or starts[k] > a:
            continue
        lone = words[k] == m.group()  # a lone suffix word (镇 is tagged n) needs a name before
        tag = "ns" if lone else tags.get(words[k])
        start = _division_head_start(text, words, starts, k, a, tag)
        if start is None:
            continue
        spans.append((start, b, "LOC"))
        org_end = _org_after_place(text, words, starts, k + 1)
        if org_end:
            spans.append((start, org_end, "ORG"))
    return spans


def place_head_spans(
    text: str,
    words: Sequence[str],
    table: tuple[list[int], list[int]],
    places: Iterable[tuple[int, int, str]],
) -> list[tuple[int, int, str]]:
    """Other mentions of a division name without its suffix (X市 ... X的实践) are places too.

    A mention must start a jieba word (after a glued preposition) and end one, or end inside
    an unknown word; heads that are dictionary words other than places are not taken.

    >>> words = ["桐川市", "外贸", "，", "从桐川", "看"]
    >>> place_head_spans("桐川市外贸，从桐川看", words, _token_table(words), [(0, 3, "LOC")])
    [(7, 9, 'LOC')]
    """
    starts, owner = table
    tags = jieba_word_tags()
    suffix = _rule_patterns()["division"]
    heads = set()
    own = {s for s, _, _ in places}  # the places themselves are not other mentions
    for s, e, label in places:
        m = suffix.search(text, s, e)
        while m and m.end() != e:
            m = suffix.search(text, m.start() + 1, e)
        head = text[s : m.start()] if label == "LOC" and m else ""
        if len(head) >= 2 and tags.get(head, "ns") == "ns":
            heads.add(head)
    spans = []
    for head in sorted(heads):
        for m in re.finditer(re.escape(head), text):
            a, b = m.span()
            k = owner[a]
            if a in own or _strip_stops(text, starts[k], a) != a:
                continue
            j = owner[b - 1]
            if starts[j] + len(words[j]) == b or words[j] not in tags:
                spans.append((a, b, "LOC"))
    return sorted(spans)


def _strip_stops(text: str, start: int, end: int) -> int:
    """``start`` moved past prepositions glued to the front of an unknown word (从|桐川)."""
    stops = frozenset(_rule_lexicons()["name_prefix_stops"])
    while start < end and text[start] in stops:
        start += 1
    return start


def _division_head_start(
    text: str, words: Sequence[str], starts: list[int], k: int, at: int, tag: str | None
) -> int | None:
    """Start of the unknown place name whose division suffix starts at ``at`` inside word ``k``.

    Word ``k`` is a word jieba does not know (``tag`` None), or a place word of two characters
    or the bare suffix (``tag`` ns) that needs the unknown or one-character word before it;
    known places (北京市, 大城市) are left to the model and the lists.
    """
    tags = jieba_word_tags()
    if tag is None:
        start = _strip_stops(text, starts[k], at)
    elif tag == "ns" and at - starts[k] < 2:
        start = starts[k]
    else:
        return None
    if at - start < 2 and k > 0:
        prev = words[k - 1]
        prev_tag = tags.get(prev)
        if prev_tag is None or (len(prev) == 1 and prev_tag in _PROPER_TAGS):
            start = _strip_stops(text, starts[k - 1], at)
    head = text[start:at]
    if not 2 <= len(head) <= 4 or not _HAN_WORD.fullmatch(head):
        return None
    if any(c in _FUNCTION_CHARS or c in _CN_NUMERALS for c in head):
        return None
    return start


def _org_after_place(text: str, words: Sequence[str], starts: list[int], k: int) -> int | None:
    """End of the organization name that follows a place from word ``k`` on: nominal words,
    at most 10 characters, ending in an organization suffix (农业农村局, 重工集团)."""
    tags = jieba_word_tags()
    suffixes = _place_org_suffixes()
    roles = frozenset(_rule_lexicons()["person_roles"])
    end, size = None, 0
    while k < len(words) and size + len(words[k]) <= 10:
        word = words[k]
        if not _HAN_WORD.fullmatch(word):
            break
        cut = next((x for x in suffixes if _glued_after(word, x, roles)), "")
        if cut:
            return starts[k] + len(cut)
        if word not in suffixes and tags.get(word, "new") not in _NOMINAL_TAGS:
            break
        size += len(word)
        if word.endswith(suffixes):
            end = starts[k] + len(word)
        k += 1
    return end


def _glued_after(word: str, suffix: str, roles: frozenset[str]) -> bool:
    """``word`` is ``suffix`` with the next word's start or a role glued on by jieba.

    >>> _glued_after("局局长", "局", frozenset({"局长"})), _glued_after("局签", "局", frozenset())
    (True, True)
    """
    if not word.startswith(suffix) or word == suffix:
        return False
    return word not in jieba_word_tags() or word[len(suffix) :] in roles


@cache
def _place_org_suffixes() -> tuple[str, ...]:
    return (*_rule_lexicons()["org_suffixes"], *read_list(f"{RULES}/place_org_suffixes.txt"))


_DASHES = frozenset("—－-–")
# 第五届 / 第139届 / 首届 right before an event name
_EVENT_ORDINAL = re.compile(r"(?:第[0-9一二三四五六七八九十百零〇]{1,4}|首)届$")


# ---------------------------------------------------------------------------------------------
# spaCy components and the resolution of overlaps.
# ---------------------------------------------------------------------------------------------


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
        table = _token_table(words)
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
    >>> cut_clause_verbs(words, _token_table(words), [(0, 11, "ORG"), (0, 3, "ORG")])
    [(5, 11, 'ORG'), (0, 3, 'ORG')]
    """
    verbs = frozenset(_rule_lexicons()["clause_verbs"])
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


@Language.factory("baokan_ner_model", default_config={"model_path": ""})
def make_ner_model(nlp: Language, name: str, model_path: str) -> Callable[[Doc], Doc]:
    """The character CRF; ``model_path`` empty means the model shipped in the package."""
    path = Path(model_path) if model_path else MODEL_DIR / MODEL_FILE

    def ner_model(doc: Doc) -> Doc:
        st = doc_state(doc)
        spans = crf_spans(st.text, st.words, path, st.names)
        st.add(cut_clause_verbs(st.words, st.table, spans), PRIORITY_MODEL)
        return doc

    return ner_model


@Language.factory("baokan_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Exact matches of the name lists under ``gazetteers/entities/``."""

    def gazetteer(doc: Doc) -> Doc:
        st = doc_state(doc)
        st.add(st.names, PRIORITY_GAZETTEER)
        return doc

    return gazetteer


@Language.factory("baokan_rules")
def make_rules(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    """Pattern rules: organizations, persons, works, products and events."""

    def rules(doc: Doc) -> Doc:
        st = doc_state(doc)
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
        return doc

    return rules


@cache
def build_nlp() -> Language:
    """The entity pipeline (blank zh + jieba, CRF, gazetteer, rules), built once per process."""
    nlp = _blank_zh()
    nlp.add_pipe("baokan_ner_model")
    nlp.add_pipe("baokan_gazetteer")
    nlp.add_pipe("baokan_rules")
    return nlp


def resolve(text: str, candidates: Iterable[Candidate]) -> list[tuple[int, int, str]]:
    """No overlaps: longest span first, then higher priority, then earlier; join adjacent places.

    >>> resolve("江西省南昌市", [(0, 3, "LOC", 1), (3, 6, "LOC", 2), (1, 3, "ORG", 1)])
    [(0, 6, 'LOC')]
    """
    candidates = _confirm_rule_orgs(text, _drop_model_spans_over_names(list(candidates)))
    candidates = [t for c in candidates if (t := _tidy(text, c)) is not None]
    candidates = _trim_glued_persons(text, candidates)
    taken = [False] * (len(text) + 1)
    chosen: list[tuple[int, int, str]] = []
    generic = frozenset(_rule_lexicons()["generic_names"])
    for s, e, label, priority in sorted(candidates, key=lambda c: (c[0] - c[1], -c[3], c[0])):
        if e <= s or any(taken[s:e]) or text[s:e] in generic:
            continue
        if priority == PRIORITY_MODEL and not _model_span_ok(text[s:e], label):
            continue
        if label == "PER" and not _is_name(text[s:e]):
            continue
        chosen.append((s, e, label))
        for i in range(s, e):
            taken[i] = True
    chosen.sort()
    # 江西省南昌市 is one place; 中美, 山西阳高县, 城关镇宝塔山 are not joined.
    admin = frozenset(_rule_lexicons()["division_suffixes"])
    merged: list[tuple[int, int, str]] = []
    for s, e, label in chosen:
        if (
            merged
            and label == "LOC"
            and merged[-1][2] == "LOC"
            and merged[-1][1] == s
            and text[s - 1] in admin
            and text[e - 1] in admin
        ):
            merged[-1] = (merged[-1][0], e, "LOC")
        else:
            merged.append((s, e, label))
    return merged


def _trim_glued_persons(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A person found at one place only whose name minus its last character is found at another
    place had the next word's first character glued on (陈冬共执行 next to 陈冬): trim it.

    >>> _trim_glued_persons("陈冬说，陈冬共执行", [(0, 2, "PER", 1), (4, 7, "PER", 1)])
    [(0, 2, 'PER', 1), (4, 6, 'PER', 1)]
    """
    seen: dict[str, set[int]] = {}
    for c in candidates:
        if c[2] == "PER":
            seen.setdefault(text[c[0] : c[1]], set()).add(c[0])
    out = []
    for s, e, label, priority in candidates:
        elsewhere = seen.get(text[s : e - 1], {s}) - {s}
        if label == "PER" and e - s >= 3 and seen[text[s:e]] == {s} and elsewhere:
            e -= 1
        out.append((s, e, label, priority))
    return out


def _tidy(text: str, candidate: Candidate) -> Candidate | None:
    """Fix the edges of a person or organization span that are known to go wrong.

    A person loses a form of address (钱先生 -> 钱) or a credit/speech character (张三丰摄 ->
    张三丰) or a preposition jieba glued on (在王明; 从X江 with no surname after 从 is none);
    a surname before 氏 is a clan, not a person (程氏宗祠); a "person" ending in a
    two-character place word or a division suffix is a place (怀柔水库, 桐川市). An
    organization loses a role at its end (矿业公司总工程师) or the first character of a role
    that repeats its last one (教育厅厅长); one counted by 家/所 (12家墨西哥银行, 3家村镇银行)
    is a plural, generic phrase, and one ending in 博览会, 峰会, 进博会... is an event.

    >>> _tidy("钱先生说", (0, 3, "PER", 1)), _tidy("王建国摄", (0, 4, "PER", 1))
    ((0, 1, 'PER', 1), (0, 3, 'PER', 1))
    >>> _tidy("程氏宗祠", (0, 1, "PER", 1)), _tidy("怀柔水库", (0, 4, "PER", 1))
    (None, (0, 4, 'LOC', 1))
    >>> _tidy("在王明家", (0, 3, "PER", 1)), _tidy("从桐川看", (0, 3, "PER", 1))
    ((1, 3, 'PER', 1), None)
    >>> _tidy("桐川市", (0, 3, "PER", 1))
    (0, 3, 'LOC', 1)
    >>> _tidy("省教育厅厅长", (0, 5, "ORG", 1)), _tidy("有3家兴业银行", (3, 7, "ORG", 3))
    ((0, 4, 'ORG', 1), None)
    >>> _tidy("参加进博会", (2, 5, "ORG", 1))
    (2, 5, 'EVENT', 1)
    """
    s, e, label, priority = candidate
    lex = _tidy_lexicons()
    if label == "PER":
        surface = text[s:e]
        honorific = next((h for h in lex["honorifics"] if surface.endswith(h)), "")
        if honorific and e - len(honorific) > s:
            e -= len(honorific)
        elif e - s >= 3 and text[e - 1] in lex["trailers"]:
            e -= 1
        if e - s >= 3 and text[s] in lex["stops"]:  # 从|桐川: jieba glued a preposition on
            if text[s + 1] not in lex["surnames"] and text[s + 1 : s + 3] not in lex["surnames"]:
                return None
            if text[s] not in lex["surnames"]:  # 向凤兰 may be a name, 在王明 is not
                s += 1
        if e - s == 1 and text[e : e + 1] == "氏":
            return None
        if surface.endswith(lex["place_words"]) or text.endswith(lex["divisions"], s, e):
            label = "LOC"
    elif label == "ORG":
        if _COUNTED.search(text, max(0, s - 8), s):
            return None
        if text.endswith(lex["events"], s, e):
            return s, e, "EVENT", priority
        role = next((r for r in lex["roles"] if text.endswith(r, s, e)), "")
        if role and e - len(role) - s >= 2:
            e -= len(role)
        elif e - s >= 3 and text[e - 2] == text[e - 1] and text[e - 1 : e + 1] in lex["roles"]:
            e -= 1
    return s, e, label, priority


# a count of firms or institutions right before a name: 12家, 三所, 20余家
_COUNTED = re.compile(r"(?:[0-9０-９]+|[一二三四五六七八九十两几数百千多]+)[余多]?[家所]$")


@cache
def _tidy_lexicons() -> dict[str, tuple[str, ...]]:
    lex = _rule_lexicons()
    return {
        "honorifics": lex["person_honorifics"],
        "trailers": lex["person_trailers"],
        "place_words": tuple(x for x in lex["loc_suffixes"] if len(x) >= 2),
        "roles": tuple(r for r in lex["person_roles"] if len(r) >= 2),
        "events": lex["event_only_suffixes"],
        "stops": lex["name_prefix_stops"],
        "divisions": lex["division_suffixes"],
        "surnames": lex["surnames"],
    }


def _starting_within(
    ordered: list[Candidate], keys: list[int], start: int, end: int
) -> list[Candidate]:
    """Candidates of ``ordered`` (sorted by start; ``keys`` their starts) lying in [start, end)."""
    lo, hi = bisect_left(keys, start), bisect_left(keys, end)
    return [c for c in ordered[lo:hi] if c[1] <= end]


def _confirm_rule_orgs(text: str, candidates: list[Candidate]) -> list[Candidate]:
    """A suffix-rule organization starts where a model or list name starts inside it (its left
    edge is the weak part: 图为国泰航空公司 -> 国泰航空公司), or a person right before the
    suffix (艾瑞 + 咨询); with no such name it is dropped."""
    suffixes = frozenset(_rule_lexicons()["org_suffixes"])
    others = sorted(c for c in candidates if c[3] != PRIORITY_RULE or c[2] != "ORG")
    keys = [c[0] for c in others]
    out = list(others)
    for s, e, label, priority in candidates:
        if priority != PRIORITY_RULE or label != "ORG":
            continue
        starts = [
            c[0]
            for c in _starting_within(others, keys, s, e)
            if c[2] != "PER" or text[c[1] : e] in suffixes
        ]
        if starts:
            out.append((min(starts), e, label, priority))
    return out


def _drop_model_spans_over_names(candidates: list[Candidate]) -> list[Candidate]:
    """A model span that covers two organizations found by lists or rules is two names."""
    named = sorted(c for c in candidates if c[3] > PRIORITY_MODEL and c[2] == "ORG")
    if not named:
        return candidates
    keys = [c[0] for c in named]

    def covers_two(c: Candidate) -> bool:
        inside = [n for n in _starting_within(named, keys, c[0], c[1]) if n[1] - n[0] < c[1] - c[0]]
        return any(a[1] <= b[0] for a in inside for b in inside)

    return [c for c in candidates if c[3] > PRIORITY_MODEL or not covers_two(c)]


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
    doc = nlp(text)
    spans = resolve(text, doc_state(doc).spans)
    return [Entity("", None, s, e, text[s:e], label) for s, e, label in spans]
