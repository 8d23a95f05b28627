"""Whose a figure is when its sentence names no holder: the text's topic, short province names
behind 全省, counted groups, noun-phrase holders and demonstratives that refer back.

Sentences invented for these tests; entities given by hand, so the tests exercise the figure
stage and not the recognizer.
"""

from __future__ import annotations

import datetime as dt

from pipeline.dates import extract_dates
from pipeline.document import Entity, Figure
from pipeline.figures import extract_figures

PUBLISHED = dt.date(2026, 6, 1)


def by_surface(text: str, names: tuple[tuple[str, str], ...] = ()) -> dict[str, Figure]:
    entities = []
    for surface, label in names:
        start = 0
        while (start := text.find(surface, start)) != -1:
            entities.append(Entity("", None, start, start + len(surface), surface, label))
            start += len(surface)
    entities.sort(key=lambda e: e.start)
    dates = extract_dates(text, published=PUBLISHED)
    return {f.surface: f for f in extract_figures(text, dates=dates, entities=entities)}


# --- the text's topic --------------------------------------------------------------------------


def test_figure_of_a_later_paragraph_takes_the_topic_of_the_text() -> None:
    text = (
        "江城推进港口建设\n江城今年新开航线。江城港吞吐量增长。\n"
        "力争到2030年货物吞吐量达到5000万吨。"
    )
    found = by_surface(text, (("江城", "LOC"),))
    assert found["5000万吨"].subject == "江城"


def test_a_name_mentioned_once_is_no_topic() -> None:
    text = "港口建设提速\n江城今年新开航线。\n力争到2030年货物吞吐量达到5000万吨。"
    found = by_surface(text, (("江城", "LOC"),))
    assert found["5000万吨"].subject is None


def test_the_place_of_a_dateline_is_no_topic() -> None:
    text = (
        "本报北京5月3日电 记者获悉：一季度，机床产量增长4%。\n"
        "本报北京5月4日电 前4个月，机床出口12万台。"
    )
    found = by_surface(text, (("北京", "LOC"),))
    assert found["12万台"].subject is None


def test_a_text_citing_a_statistics_source_has_no_topic() -> None:
    text = (
        "记者从国家统计局获悉：一季度江城、河城两地客流回升。江城旅游收入增长。\n"
        "国内旅游收入1.2万亿元。"
    )
    names = (("国家统计局", "ORG"), ("江城", "LOC"), ("河城", "LOC"))
    assert by_surface(text, names)["1.2万亿元"].subject is None


# --- 全省, 全县 for a place named without its division word ------------------------------------


def test_whole_province_resolves_to_a_province_named_short() -> None:
    text = "湖南推进医养结合。全省91%的养老机构开展签约服务。"
    found = by_surface(text, (("湖南", "LOC"),))
    assert found["91%"].subject == "湖南"


def test_whole_county_does_not_resolve_to_a_province() -> None:
    text = "湖南推进医养结合。全县91%的养老机构开展签约服务。"
    found = by_surface(text, (("湖南", "LOC"),))
    assert found["91%"].subject != "湖南"


# --- a counted group holds the later figures of its sentence -----------------------------------


def test_counted_group_beats_the_carried_topic() -> None:
    text = (
        "江城发展循环经济\n江城的固废利用率提高。江城有多家企业参与。\n"
        "目前，12台锅炉完成改造，每年减少排放约3万吨。"
    )
    found = by_surface(text, (("江城", "LOC"),))
    assert found["约3万吨"].subject == "12台锅炉"


# --- the noun phrase a sentence opens with, when no entity holds the figure --------------------


def test_unrecognized_brand_opening_the_sentence_holds_a_later_figure() -> None:
    found = by_surface("青禾咖啡先后入驻多个商圈，今年会员人数增长2倍。")
    assert found["2倍"].subject == "青禾咖啡"


def test_bare_noun_refers_back_to_the_fuller_phrase_named_before() -> None:
    text = "交易所发布创新企业上市标准。\n标准设定三项门槛：年营收不低于5亿元。"
    found = by_surface(text)
    assert found["不低于5亿元"].subject == "企业上市标准"


def test_bare_noun_with_nothing_to_refer_back_to_is_no_holder() -> None:
    assert by_surface("标准设定三项门槛：年营收不低于5亿元。")["不低于5亿元"].subject is None


def test_opening_phrase_that_is_the_metric_is_no_holder() -> None:
    assert by_surface("居民消费价格指数同比上涨1.2%。")["1.2%"].subject is None


def test_speaker_opening_the_sentence_is_no_holder() -> None:
    found = by_surface("王主任介绍，今年完成投资5亿元。", (("王主任", "PER"),))
    assert found["5亿元"].subject is None


def test_quoted_name_cut_by_a_number_is_no_holder() -> None:
    assert by_surface("“飞鸿三号”采用新算法，定位偏差不到5厘米。")["不到5厘米"].subject is None


# --- which entity of the sentence holds the figure ---------------------------------------------


def test_place_beginning_a_cut_longer_name_is_no_holder() -> None:
    text = "江城依托港口，建成甲园、河城宏达物流园；入驻物流企业120家。"
    found = by_surface(text, (("江城", "LOC"), ("河城", "LOC")))
    assert found["120家"].subject == "江城"


def test_whole_name_introduced_as_object_holds_the_next_clause() -> None:
    text = "城东支行推出“惠农快贷”产品，单户最高授信达300万元。"
    found = by_surface(text, (("城东支行", "ORG"), ("惠农快贷", "PRODUCT")))
    assert found["300万元"].subject == "惠农快贷"


def test_place_after_zai_is_where_not_who() -> None:
    found = by_surface("上周，青禾咖啡在新加坡一口气开出5家门店。", (("新加坡", "LOC"),))
    assert found["5家"].subject == "青禾咖啡"


def test_name_after_a_quantity_is_counted_not_holder() -> None:
    text = "营业收入首次突破百亿元关口，比上年增长3.1%。"
    found = by_surface(text, (("关口", "LOC"),))
    assert found["3.1%"].subject != "关口"


def test_scope_opened_by_zai_zhong_is_no_venue() -> None:
    found = by_surface("在家电板块中，空调销量占比达40%。")
    assert found["40%"].subject != "家电板块中"


# --- demonstratives: 这种/这家 + noun point back --------------------------------------------------


def test_demonstrative_phrase_points_back_to_the_fuller_phrase() -> None:
    text = "镇上建成新型储水罐。\n这种沿坡安装的储水罐，容积约30立方米。"
    found = by_surface(text, (("镇上", "LOC"),))
    assert found["约30立方米"].subject == "新型储水罐"


def test_demonstrative_phrase_with_nothing_before_holds_the_figure_itself() -> None:
    text = "江城建了一批水站——这种沿坡安装的储水罐，容积约30立方米。"
    found = by_surface(text, (("江城", "LOC"),))
    assert found["约30立方米"].subject == "这种沿坡安装的储水罐"


def test_demonstrative_running_into_the_measure_is_no_holder() -> None:
    text = "江城造出新型水泵。这款长度仅30厘米的水泵重量轻。"
    found = by_surface(text, (("江城", "LOC"),))
    assert found["30厘米"].subject != "这款长度"


def test_our_unit_resolves_to_its_fuller_name_before() -> None:
    text = "青山农机合作社的任务定了。“落到我们合作社的是300亩。"
    found = by_surface(text)
    assert found["300亩"].subject == "青山农机合作社"
