"""The article-start decision: named cues weighed by a fitted data table."""

from __future__ import annotations

from pipeline.lexicon import read_table
from pipeline.segment import segment
from pipeline.segment.weights import start_score, start_weights, starts_article

PAGE = "第一个标题\n\n第一段正文写到这里。\n\n第二个标题\n\n第二段正文写到这里。"


def test_fitted_and_hand_tables_name_the_same_cues():
    prior = {name for name, _ in read_table("segment/start_weights_prior.tsv")}
    assert set(start_weights()) == prior


def test_score_is_the_weighted_sum_of_the_cues():
    weights = start_weights()
    cues = {"bias": 1.0, "byline_or_dateline": 1.0}
    assert start_score(cues) == weights["bias"] + weights["byline_or_dateline"]
    assert start_score({"no_such_cue": 1.0}) == 0.0


def test_a_byline_outweighs_the_bias_and_a_numbered_head_does_not():
    assert starts_article({"bias": 1.0, "byline_or_dateline": 1.0}, 0)
    assert not starts_article({"bias": 1.0, "numbered_or_inset_head": 1.0}, 0)


def test_the_reader_asks_the_decision_at_each_later_heading_group():
    asked: list[tuple[dict[str, float], int]] = []

    def never(cues, at):
        asked.append((dict(cues), at))
        return False

    def always(cues, at):
        return True

    assert len(segment(PAGE, decide=never).articles) == 1
    assert [at for _, at in asked] == [PAGE.index("第二个标题")]
    assert all(cues["bias"] == 1.0 for cues, _ in asked)
    assert len(segment(PAGE, decide=always).articles) == 2
