"""Reading the line stream in order into article drafts."""

from __future__ import annotations

import bisect
import operator
from collections import Counter
from collections.abc import Sequence

from pipeline.segment.blocks import Draft, Topics, _Block
from pipeline.segment.cues import (
    _BRACKET_LABEL,
    _CAPTION,
    _COLUMN_PARAS,
    _COLUMN_TAG,
    _EDITOR_NOTE,
    _ENUMERATION,
    _JUMP_IN,
    _JUMP_OUT,
    _MID_SENTENCE,
    _NEWS_LEAD,
    _NOTE_LABEL,
    _PAREN_LINE,
    _SHIFT,
    _SHIFT_STRICT,
    _SIGNATURE,
    _SPACES,
    _TOPIC_STEPS,
    WINDOW,
    _brief_head,
    _core,
    _dateline,
    _markers,
    _word_break,
    byline_names,
    ends_sentence,
    is_person_name,
    split_names,
    word_joins,
)
from pipeline.segment.heads import (
    _column_and_name,
    _column_signs_next,
    _fill_heads,
    _following_lines,
    _is_column_name,
    _pair_means,
    _sign_off_size,
    _signed_at_end,
    _tail_start,
)
from pipeline.segment.lines import _Line, is_tagged
from pipeline.segment.weights import Decide, starts_article


class Reader:
    """Reads the blocks of one page in order and builds article drafts."""

    def __init__(self, lines: list[_Line], decide: Decide = starts_article) -> None:
        self.lines = lines
        self.decide = decide  # whether a heading group's cues start an article
        self.topics = Topics(lines)
        self.drafts: list[Draft] = []
        self.cur: Draft | None = None
        self.after_break = False  # furniture or an advertisement came since the last line
        self.ad: Draft | None = None  # an advertisement whose copy may follow its marker

    def read(self, blocks: list[_Block]) -> list[Draft]:
        tails_from = _tail_start(blocks)
        for b, block in enumerate(blocks):
            if self._ad_copy(block, blocks[b + 1 :]):
                assert self.ad is not None
                for idx in block.lines:
                    self.ad.add(idx, "para")
                continue
            self.ad = None
            if block.kind == "advertisement":
                self._advertisement(block)
            elif b >= tails_from and block.kind == "group":
                self._tail(block)
            elif block.kind == "group" and self._signs_off(block, blocks[b + 1 :]):
                self._sign_off(block, blocks[b + 1 :])
            elif block.kind == "furniture":
                self.drafts.append(Draft(list(block.lines), ["para"] * (len(block.lines) - 1)))
                self.drafts[-1].kind = block.kind
                self.after_break = True
            elif block.kind == "credit":
                self._credit(block)
            elif block.kind == "jump":
                self._jump(block.lines[0])
            elif block.kind == "group":
                self._group(block, blocks[b + 1 :])
            else:
                self._body(block.lines[0], _following_lines(blocks[b:]))
                assert self.cur is not None
                if _JUMP_OUT.search(self.lines[block.lines[0]].text):  # 。（下转第2版）
                    self.cur.truncated = self.cur.closed_by_credit = True
        return self.drafts

    # each block kind

    def _ad_copy(self, block: _Block, rest: list[_Block]) -> bool:
        """Lines after an advertisement marker that read as ad copy, not news: display lines
        and phrases with no finished sentence, no byline and no dateline."""
        if self.ad is None or block.kind not in ("group", "body"):
            return False
        lines = [self.lines[i] for i in block.lines]
        if block.kind == "group":
            lines += [self.lines[i] for i in _following_lines(rest)]
        return all(
            ln.role in ("heading", "body")
            and not ends_sentence(ln.text)
            and not _dateline().match(ln.text)
            for ln in lines
        )

    def _advertisement(self, block: _Block) -> None:
        """An advertisement marker; display lines just before it that are no article (no
        finished sentence, no byline) are its copy."""
        cur = self.cur
        lines = [self.lines[i] for i in cur.lines] if cur is not None else []
        if (
            cur is not None
            and cur is self.drafts[-1]
            and cur.kind == "article"
            and not cur.byline
            and not any(ln.role == "byline" or ends_sentence(ln.text) for ln in lines)
        ):
            cur.kind = "advertisement"
            for idx in block.lines:
                cur.add(idx, "para")
            self.ad, self.cur = cur, None
            return
        self.drafts.append(Draft(list(block.lines), ["para"] * (len(block.lines) - 1)))
        self.drafts[-1].kind = "advertisement"
        self.ad = self.drafts[-1]
        self.after_break = True

    def _credit(self, block: _Block) -> None:
        if self.cur is None:
            self._start(block.lines[0])
            return
        # A photo credit under a caption at the top of an article does not close it; one
        # under a photo item (no headline of its own, or under a picture label) does.
        heads = [_SPACES.sub("", self.lines[i].text) for i in self.cur.lines]
        # A credit under a caption (图为…) inside the text credits a photo printed there.
        captioned = bool(_CAPTION.match(self.lines[self.cur.lines[-1]].text))
        closes = not captioned and (
            self._substance(self.cur) >= 100
            or all(self.lines[i].role != "heading" for i in self.cur.lines)
            or any(h in _markers("picture_labels") for h in heads)
        )
        self.cur.add(block.lines[0], "para")
        self.cur.closed_by_credit = closes
        text = self.lines[block.lines[0]].text
        if not self.cur.byline and _PAREN_LINE.match(text):  # （本报记者 王明）
            self.cur.byline = byline_names(text[1:-1]) or []

    def _jump(self, idx: int) -> None:
        """A continuation note: 下转 closes (and truncates) the current article; 上接 opens a
        continued one, after its headline when it has one."""
        cur = self.cur
        if _JUMP_IN.match(_SPACES.sub("", self.lines[idx].text)):
            heads = cur is not None and all(self.lines[i].role != "body" for i in cur.lines)
            if cur is not None and heads and not self.after_break:
                cur.add(idx, "para")
            else:
                self._start(idx)
            return
        if cur is None:
            self._start(idx)
            return
        cur.add(idx, "para")
        cur.truncated = cur.closed_by_credit = True

    def _body(self, idx: int, ahead: list[int]) -> None:
        """Place a body line; ``ahead`` is it and the body lines after it, up to a heading."""
        cur, ln = self.cur, self.lines[idx]
        if cur is None:
            self._start(idx)
            return
        if cur.signed:  # a column name and author closed it: this is the next piece
            self._start(idx)
            return
        last = self.lines[cur.lines[-1]]
        if last.role == "body" and last.open:
            if self._continues(cur, ahead):
                cur.add(idx, "cut")
                return
            cur.truncated = True
            self._start(idx)
            return
        if last.role == "heading" and len(cur.lines) > 1 and _word_break(last.text, ln.text):
            cur.add(idx, "cut")  # a body line taken for a section head, split inside a word
            return
        if _SIGNATURE.match(ln.text) and is_person_name(ln.text.lstrip("—").strip()):
            cur.add(idx, "para")  # ——X: the author signs off
            cur.signed_name = cur.signed_name or not cur.byline
            cur.byline = cur.byline or [ln.text.lstrip("—").strip()]
            cur.closed_by_credit = True
            return
        brief = _brief_head(ln.text)
        if brief is not None:  # an item of a list of briefs: its lead-in is its headline
            if any(self.lines[i].role == "body" for i in cur.lines):
                self._start(idx)
                assert self.cur is not None
                self.cur.headline = brief
                return
            cur.add(idx, "para")
            cur.kicker, cur.headline = cur.headline, brief
            return
        dated = bool(_dateline().match(ln.text))
        dispatched = dated and any(_dateline().match(self.lines[i].text) for i in cur.lines)
        if dispatched and self._substance(cur) < 200:
            self._start(idx)  # a second short dispatch: the next item of a list of briefs
            return
        # A dateline with no headline starts an article only when its story is new to the
        # whole article so far (not the story a summary at its top announced).
        lead = dated and self._substance(cur) >= 200 and self._novelty(cur, ahead) < 0.08
        fresh = self.after_break or cur.closed_by_credit or lead
        if fresh and self._topic(cur.lines, [idx]) < 0.08:
            self._start(idx)
            return
        cur.add(idx, "para")
        cur.closed_by_credit = False  # the text goes on: the credit did not close it

    def _group(self, block: _Block, rest: list[_Block]) -> None:
        cur = self.cur
        if cur is not None and self._note_only(cur) and self.drafts[-1] is cur:
            for idx in block.lines:  # an editor's note printed over the headline it introduces
                cur.add(idx, "para")
            _fill_heads(cur, [self.lines[i] for i in block.lines])
            return
        if cur is None or self.decide(
            self._start_features(block, rest), self.lines[block.lines[0]].start
        ):
            if cur is not None:
                last = self.lines[cur.lines[-1]]
                cur.truncated = cur.truncated or (last.role == "body" and last.open)
            self._start(block.lines[0])
            assert self.cur is not None
            for idx in block.lines[1:]:
                self.cur.add(idx, "para")
            _fill_heads(self.cur, [self.lines[i] for i in block.lines])
            if _signed_at_end(self.lines, rest) and _is_column_name(self.lines, block.lines):
                self.cur.column, self.cur.headline = self.cur.headline, None
            return
        cur.package = cur.package or self._part_of_package(block)
        for idx in block.lines:
            cur.add(idx, "para")

    def _note_only(self, draft: Draft) -> bool:
        """A draft that is only an editor's note (编者按：…), with no headline of its own."""
        lines = [self.lines[i] for i in draft.lines]
        return (
            draft.headline is None
            and all(ln.role == "body" for ln in lines)
            and bool(_NOTE_LABEL.match(lines[0].text))
        )

    def _signs_off(self, block: _Block, rest: list[_Block]) -> bool:
        """Whether a group opens with the sign-off of the current article (a column name and
        an author's name, or the name alone) after a finished sentence, with no body text of
        its own after it."""
        cur = self.cur
        size = _sign_off_size(self.lines, block.lines)
        if cur is None or not size:
            return False
        last = self.lines[cur.lines[-1]]
        if last.role != "body" or last.open:
            return False
        more = [self.lines[i] for i in block.lines[size:]]
        if more:  # the next article's headline group follows at once
            return more[0].role == "heading"
        if rest and rest[0].kind == "body":  # a column's pieces in a row, each signed at its end
            pair = [self.lines[i] for i in block.lines]
            return _column_and_name(pair) and _column_signs_next(self.lines, rest)
        return True

    def _sign_off(self, block: _Block, rest: list[_Block]) -> None:
        assert self.cur is not None
        size = _sign_off_size(self.lines, block.lines)
        *column, name = (self.lines[i] for i in block.lines[:size])
        if column and self.cur.column is None:  # a column's commentary, printed after an article
            strict = not self._reported(self.cur)
            self.cur = self._split_commentary(self.cur, strict) or self.cur
        for idx in block.lines[:size]:
            self.cur.add(idx, "para")
        if column:
            self.cur.column = self.cur.column or column[0].text
            self.cur.signed = True
        if name.role == "heading":
            self.cur.signed_name = self.cur.signed_name or not self.cur.byline
        self.cur.byline = self.cur.byline or name.names or split_names(name.text)
        self.cur.closed_by_credit = True
        if len(block.lines) > size:
            self._group(_Block("group", block.lines[size:]), rest)

    def _tail(self, block: _Block) -> None:
        """Short lines at the end of the page: a commentary's column name and author."""
        lines = [self.lines[i] for i in block.lines]
        articles = [d for d in self.drafts if d.kind == "article"]
        if not articles or len(lines) > 3 or any(len(ln.text) > 12 for ln in lines):
            self._group(block, [])
            return
        headless = [d for d in articles if d.headline is None and not d.signed]
        target = headless[-1] if headless else articles[-1]
        last = articles[-1]
        if last.headline is not None and last.column is None and _column_and_name(lines):
            # A column's commentary may follow the last article: it takes the sign-off unless
            # headless text before could (then it has to stand clearly apart).
            strict = bool(headless) or not self._reported(last)
            target = self._split_commentary(last, strict) or target
        for idx, ln in zip(block.lines, lines, strict=True):
            target.add(idx, "para")
            names = ln.names if ln.role == "byline" else None
            if names is None and is_person_name(ln.text):
                names = [ln.text]
                target.signed_name = target.signed_name or not target.byline
            if names is not None:
                target.byline = target.byline or names
            elif target.column is None:
                target.column = ln.text

    def _split_commentary(self, draft: Draft, strict: bool) -> Draft | None:
        """Cut the headless commentary that a column name and author sign off at the end of
        ``draft`` out of it, as a new draft placed after it (None when there is none)."""
        found = self._commentary_start(draft, strict)
        if found is None:
            return None
        new = Draft(draft.lines[found:], draft.joins[found:])
        del draft.lines[found:]
        del draft.joins[found - 1 :]
        draft.closed_by_credit = True
        self.drafts.insert(self.drafts.index(draft) + 1, new)
        return new

    def _commentary_start(self, draft: Draft, strict: bool) -> int | None:
        """Where in ``draft.lines`` a headless commentary signed off after the draft starts.

        The candidates are the boundaries between the paragraphs of the body text at the end
        of the draft (after its headline, byline or last section head); the first paragraph
        stays with the article, the commentary keeps at least two, and a boundary with a
        dateline after it (an article's lead) or a colon before it (the text announces what
        follows) is none. The heads (the text just before those paragraphs) and each
        paragraph are items; the boundary where the topic shifts most wins: the mean
        similarity of the item pairs on one side of it less that of the pairs across it.

        There is a commentary when the pairs across that boundary are much less alike than
        the pairs on one side. When ``strict`` (headless text before could take the
        sign-off, or the draft has no reporter of its own), they must be far less alike, and
        the article must keep more than its first paragraph: a topic that only drifts away
        from the lead is no second piece. The commentary then walks back from the boundary
        over the paragraphs that read closer to it than to the text before them (its first
        paragraph often states its theme with the article's words).
        """
        lines = draft.lines
        paras = self._trailing_paragraphs(draft)[-_COLUMN_PARAS:]
        if len(paras) < 3:
            return None
        top = paras[0][0]
        head = self.topics.window(lines[top - 1 :: -1]) if top else Counter()
        off = 1 if head else 0  # item of paragraph p: p + off
        items = [head] * off + [self._bag(lines[a:b]) for a, b in paras]
        sim = [[self.topics.similarity(x, y) for y in items] for x in items]
        cuts = [p + off for p in range(1, len(paras) - 1) if self._may_open(draft, paras, p)]
        if not cuts:
            return None
        cut = max(cuts, key=lambda k: operator.sub(*_pair_means(sim, k)))
        within, across = _pair_means(sim, cut)
        ratio = _SHIFT_STRICT if strict else _SHIFT
        if across >= ratio * within or (strict and cut == 1 + off):
            return None
        while cut - 1 in cuts:
            para, start = items[cut - 1], paras[cut - 1 - off][0]
            before = self.topics.window(lines[start - 1 :: -1])
            after = sum(items[cut:], Counter())
            if self.topics.similarity(para, after) <= self.topics.similarity(para, before):
                break
            cut -= 1
        return paras[cut - off][0]

    def _may_open(self, draft: Draft, paras: list[tuple[int, int]], p: int) -> bool:
        """Whether a commentary can start at trailing paragraph ``p``: no dateline from
        there on, and no colon just before it."""
        if any(_dateline().match(self.lines[draft.lines[a]].text) for a, _ in paras[p:]):
            return False
        return not self.lines[draft.lines[paras[p][0] - 1]].text.endswith(("：", ":"))

    def _reported(self, draft: Draft) -> bool:
        """A draft with a reporter's byline or a dateline: its writer signs at the top."""
        return bool(draft.byline) or any(_dateline().match(self.lines[i].text) for i in draft.lines)

    def _trailing_paragraphs(self, draft: Draft) -> list[tuple[int, int]]:
        """The paragraphs (positions in ``draft.lines``, end exclusive) of the body text at
        the end of a draft, after its last heading, byline or credit line; a paragraph's
        lines are joined by cuts."""
        paras: list[tuple[int, int]] = []
        end = len(draft.lines)
        for k in range(len(draft.lines) - 1, -1, -1):
            if self.lines[draft.lines[k]].role != "body":
                break
            if k == 0 or draft.joins[k - 1] != "cut":
                paras.append((k, end))
                end = k
        return paras[::-1]

    def _bag(self, idxs: Sequence[int]) -> Counter[str]:
        bag: Counter[str] = Counter()
        for i in idxs:
            bag.update(self.topics.grams[i])
        return bag

    # decisions

    def _start(self, idx: int) -> None:
        self.cur = Draft([idx], [])
        self.drafts.append(self.cur)
        self.after_break = False

    def _substance(self, draft: Draft) -> int:
        """Characters of body text (captions left out) in a draft."""
        body = (self.lines[i] for i in draft.lines if self.lines[i].role == "body")
        return sum(len(ln.text) for ln in body if not _CAPTION.match(ln.text))

    def _topic(self, before: list[int], after: list[int]) -> float:
        bag_before = self.topics.window(list(reversed(before)))
        return self.topics.similarity(bag_before, self.topics.window(after))

    def _novelty(self, draft: Draft, ahead: list[int]) -> float:
        """Topic similarity between the text ``ahead`` and the whole of a draft."""
        whole: Counter[str] = Counter()
        for i in draft.lines:
            whole.update(self.topics.grams[i])
        return self.topics.similarity(whole, self.topics.window(ahead))

    def _cohesion(self, draft: Draft) -> float | None:
        """Topic similarity between the last two stretches of a draft (None when short)."""
        lines = list(reversed(draft.lines))
        size, k = 0, 0
        while k < len(lines) and size < WINDOW:
            size += len(self.lines[lines[k]].text)
            k += 1
        rest = lines[k:]
        if sum(len(self.lines[i].text) for i in rest) < WINDOW // 2:
            return None
        return self.topics.similarity(self.topics.window(lines[:k]), self.topics.window(rest))

    def _continues(self, cur: Draft, ahead: list[int]) -> bool:
        """Whether the body text ``ahead`` continues the sentence cut at the end of ``cur``."""
        last, ln = self.lines[cur.lines[-1]], self.lines[ahead[0]]
        if last.hint == "body" and ln.hint == "body" and not ln.blank_before:
            return True  # a wrapped line of one paragraph
        if _core(last.text)[-1] in _MID_SENTENCE or word_joins(last.text, ln.text):
            return True
        return self._topic(cur.lines, ahead) >= 0.06

    def _start_features(self, block: _Block, rest: list[_Block]) -> dict[str, float]:
        """What speaks for or against a heading group starting an article rather than a
        section: named cues, weighed by ``gazetteers/segment/start_weights.tsv``."""
        assert self.cur is not None
        lines = [self.lines[i] for i in block.lines]
        heads = [ln for ln in lines if ln.role == "heading"]
        following = _following_lines(rest)
        nxt = self.lines[following[0]] if following else None
        last = self.lines[self.cur.lines[-1]]
        has_byline = any(ln.role == "byline" for ln in lines) or (
            len(heads) >= 2 and is_person_name(heads[-1].text)
        )
        topic = self._topic(self.cur.lines, block.lines + following)
        cohesion = self._cohesion(self.cur)
        sections = self._sections(self.cur)
        cues = {
            "bias": True,
            "layout_headline": any(ln.hint == "headline" for ln in lines),
            "byline_or_dateline": has_byline or bool(nxt and _dateline().match(nxt.text)),
            "after_credit_or_break": self.cur.closed_by_credit or self.after_break,
            "continued_from_page": bool(
                rest
                and rest[0].kind == "jump"
                and _JUMP_IN.match(self.lines[rest[0].lines[0]].text)
            ),
            "column_tag": any(
                _COLUMN_TAG.search(ln.text) and not _ENUMERATION.match(ln.text) for ln in heads
            ),
            "column_label_over_headline": len(heads) >= 2
            and _SPACES.sub("", heads[0].text) in _markers("commentary_cues"),
            "several_heads": len(heads) >= 2,
            "text_before_cut": last.role == "body" and last.open,
            "text_before_announces": last.role == "body"
            and last.text.rstrip().endswith(("：", ":")),
            "news_lead_follows": bool(
                nxt and (_NEWS_LEAD.search(nxt.text[:25]) or nxt.text.startswith("“"))
            ),
            f"topic_{bisect.bisect_right(_TOPIC_STEPS, topic)}": True,
            "topic_far_below_cohesion": cohesion is not None and topic < 0.3 * cohesion,
            "topic_below_cohesion": cohesion is not None
            and 0.3 * cohesion <= topic < 0.4 * cohesion,
            "numbered_or_inset_head": bool(heads)
            and bool(
                _ENUMERATION.match(heads[0].text)
                or _BRACKET_LABEL.match(heads[0].text)
                or _SPACES.sub("", heads[0].text) in _markers("inset_labels")
            ),
            "many_heads_unsigned": len(heads) >= 4 and not has_byline and topic >= _TOPIC_STEPS[0],
            "head_leads_on": len(heads) == 1 and heads[0].text.endswith(("——", "：")),
            "headline_over_short_item": bool(self.cur.headline)
            and not sections
            and 0 < self._substance(self.cur) < 120,
            "single_head_in_sectioned_article": len(lines) == 1
            and not has_byline
            and sections >= 2,
            "second_signed_piece": bool(self.cur.byline) and _signed_at_end(self.lines, rest),
            "part_of_package": self._part_of_package(block) and topic >= _TOPIC_STEPS[1],
        }
        # the first cue of the column pair wins, as a label over a headline is one evidence
        if cues["column_tag"]:
            cues["column_label_over_headline"] = False
        return {name: 1.0 for name, on in cues.items() if on}

    def _part_of_package(self, block: _Block) -> bool:
        """A headline and byline (no column tag) right after an editor's note that ends the
        text before it, or after such a part: the parts of one report."""
        assert self.cur is not None
        lines = [self.lines[i] for i in block.lines]
        if not any(ln.role == "byline" for ln in lines) or any(is_tagged(ln) for ln in lines):
            return False
        last = self.lines[self.cur.lines[-1]]
        return self.cur.package or bool(_EDITOR_NOTE.match(last.text))

    def _sections(self, draft: Draft) -> int:
        """Section heads in a draft: heading lines after its first body line."""
        roles = [self.lines[i].role for i in draft.lines]
        first = roles.index("body") if "body" in roles else len(roles)
        return roles[first:].count("heading")
