"""What each figure means: metric, subject and period, their spans, and the metric key.

Hand-written newspaper sentences, grouped by the construction they exercise. Entities are given
by hand where a test is about the figure stage, not the recognizer.
"""

from __future__ import annotations

import datetime as dt
import json
import sys

import pytest

import pipeline
from pipeline.dates import extract_dates
from pipeline.document import Entity, Figure
from pipeline.figures import extract_figures
from pipeline.figures.keys import metric_key

PUBLISHED = dt.date(2026, 6, 1)


def figures(text: str, names: tuple[tuple[str, str], ...] = ()) -> list[Figure]:
    entities = []
    for surface, label in names:
        start = text.index(surface)
        entities.append(Entity("", None, start, start + len(surface), surface, label))
    dates = extract_dates(text, published=PUBLISHED)
    return extract_figures(text, dates=dates, entities=entities)


def by_surface(text: str, names: tuple[tuple[str, str], ...] = ()) -> dict[str, Figure]:
    return {f.surface: f for f in figures(text, names)}


# --- from-to pairs: each value its own date, one measure ---------------------------------------


def test_from_to_pair_gives_each_value_its_own_year() -> None:
    found = by_surface("全市工业用电量从2023年的86亿千瓦时增长到2025年的102亿千瓦时。")
    assert (found["86亿千瓦时"].period, found["102亿千瓦时"].period) == ("2023年", "2025年")
    assert (found["86亿千瓦时"].period_date, found["102亿千瓦时"].period_date) == ("2023", "2025")


def test_from_to_pair_names_the_measure_before_from() -> None:
    found = by_surface("全县污水处理率由2020年的61%提高到2025年的93%。")
    assert found["61%"].metric == found["93%"].metric == "污水处理率"
    assert found["61%"].period == "2020年" and found["93%"].period == "2025年"


def test_from_to_pair_without_dates_shares_the_measure() -> None:
    found = by_surface("每吨蒸汽价格由180元降至150元。")
    assert found["180元"].metric == found["150元"].metric == "每吨蒸汽价格"


def test_from_to_pair_with_a_named_period_names_the_measure() -> None:
    found = by_surface("全县森林覆盖率由“十三五”末的不足30%提高到41%。")
    assert found["不足30%"].metric == found["41%"].metric == "森林覆盖率"


def test_an_age_measures_the_people_it_describes() -> None:
    found = by_surface("自今年起，6周岁以下儿童可免费乘车。")
    assert found["6周岁以下"].metric == "儿童"


def test_a_multiple_of_a_year_keeps_that_year_as_its_base() -> None:
    found = by_surface("2025年，东岭港集装箱吞吐量约为2015年的3倍。")
    assert found["3倍"].period == "2025年"


# --- lists: 分别为, 、 ------------------------------------------------------------------------


def test_values_listed_with_fenbie_share_the_measure() -> None:
    found = by_surface("两地出口额分别为12亿元和9亿元。")
    assert found["12亿元"].metric == found["9亿元"].metric
    assert "出口额" in found["9亿元"].metric


def test_places_in_a_list_each_hold_their_own_value() -> None:
    found = by_surface("早稻播栽过三成，福建近五成、江西湖南近两成。")
    assert found["近五成"].subject == "福建"
    assert found["近两成"].subject == "江西湖南"
    assert found["近五成"].metric == found["近两成"].metric == "早稻播栽"


# --- parallel clauses: 其中, 同比, a change clause after the measure ---------------------------


def test_qizhong_sentence_keeps_the_date_of_the_report() -> None:
    found = by_surface("截至6月末，全省存款余额5.2万亿元。其中，住户存款3.1万亿元。")
    assert found["3.1万亿元"].period == "6月末"
    assert found["3.1万亿元"].metric == "住户存款"


def test_change_clause_takes_the_measure_named_in_the_clause_before() -> None:
    found = by_surface("2025年，全市服务贸易进出口总额增长8%，特别是数字服务出口，同比增长21%。")
    assert found["21%"].metric == "数字服务出口"
    assert found["21%"].change == "increase"


def test_a_share_of_things_named_after_it_measures_those_things() -> None:
    found = by_surface("全省已有96%的规上企业开展数字化改造。")
    assert "企业" in found["96%"].metric


def test_an_adverb_after_a_measure_opens_the_predicate_not_the_metric() -> None:
    found = by_surface("每座泵站占地仅约30平方米却能灌溉500亩农田。")
    assert "占地" in found["约30平方米"].metric and "却" not in found["约30平方米"].metric


def test_adverb_between_yoy_and_the_verb_keeps_the_measure() -> None:
    found = by_surface("快递业务量为18亿件，同比大幅增长32%。")
    assert found["32%"].metric == "快递业务量"


# --- comparisons: the base is not the period -----------------------------------------------------


def test_comparison_with_last_year_keeps_this_years_period_and_measure() -> None:
    found = by_surface("2025年，全县粮食产量比上年增长4.2%。")
    assert found["4.2%"].period == "2025年"
    assert found["4.2%"].metric == "粮食产量"


def test_comparison_with_a_named_year_keeps_the_reported_year() -> None:
    found = by_surface("2025年，该市细颗粒物平均浓度为28微克/立方米，较2024年下降6.7%。")
    assert found["6.7%"].period == "2025年"


def test_a_frame_date_beats_an_event_inside_an_earlier_clause() -> None:
    text = "5月份，端午假期带动出行需求回升，全市客运量环比增长12%。"
    assert by_surface(text)["12%"].period == "5月份"


def test_a_report_date_carries_to_amounts_not_to_counts() -> None:
    text = "截至5月底，全市进口额86亿元。全市12个口岸运行平稳，出口额53亿元。"
    found = by_surface(text)
    assert found["53亿元"].period == "5月底"
    assert found["12个"].period is None


def test_a_since_date_does_not_carry_to_the_next_sentence() -> None:
    text = "2023年以来，全县建成蓄水池40座。这种蓄水池占地约5平方米。"
    assert by_surface(text)["约5平方米"].period is None


# --- headlines ------------------------------------------------------------------------------


def test_headline_figure_takes_its_meaning_from_the_body() -> None:
    found = figures("新建光伏电站40座\n今年，福建新建光伏电站40座，总装机容量达120万千瓦。")
    assert found[0].subject == found[1].subject == "福建"
    assert found[0].subject_span is not None and found[0].subject_span[0] > found[0].end


# --- shares of a whole ----------------------------------------------------------------------


def test_share_is_held_by_the_part_not_the_whole() -> None:
    text = "杭州出口额占浙江的38%。"
    found = by_surface(text, (("杭州", "LOC"), ("浙江", "LOC")))
    assert found["38%"].subject == "杭州"


def test_share_of_the_whole_province_is_not_the_provinces() -> None:
    text = "东岚市粮食产量占全省的三成。"
    found = by_surface(text, (("东岚市", "LOC"),))
    assert found["三成"].subject == "东岚市"


# --- anaphors ---------------------------------------------------------------------------------


def test_whole_county_resolves_to_the_county_named_before() -> None:
    text = "临川县今年新建高标准农田5万亩。全县粮食产量达到9.6亿斤。"
    found = by_surface(text, (("临川县", "LOC"),))
    assert found["9.6亿斤"].subject == "临川县"
    assert found["9.6亿斤"].subject_span == (0, 3)


def test_the_company_resolves_to_the_company_named_before() -> None:
    text = "宏远公司去年营收12亿元。该公司今年一季度营收3.1亿元。"
    found = by_surface(text, (("宏远公司", "ORG"),))
    assert found["3.1亿元"].subject == "宏远公司"
    assert found["3.1亿元"].period == "今年一季度"


def test_our_village_in_a_quote_resolves_to_the_village() -> None:
    text = "青石村党支部书记王林说：“我们村去年种了300亩葡萄。”"
    found = by_surface(text, (("青石村", "LOC"), ("王林", "PER")))
    assert found["300亩"].subject == "青石村"


def test_my_family_resolves_to_the_speaker() -> None:
    text = "村民李秀芳说：“我家今年种了8亩西瓜。”"
    found = by_surface(text, (("李秀芳", "PER"),))
    assert found["8亩"].subject == "李秀芳"


def test_a_bare_anaphor_inside_a_name_is_no_anaphor() -> None:
    text = "宏远公司上线新品。\n在云帆电商平台，今年童装成交额增长12%。"
    found = by_surface(text, (("宏远公司", "ORG"),))
    assert found["12%"].subject == "云帆电商平台"


def test_this_years_event_is_named_by_its_head_noun() -> None:
    found = by_surface("本届博览会展览面积达12万平方米，参展企业超过3000家。")
    assert found["12万平方米"].subject == "博览会"
    assert found["超过3000家"].subject == "博览会"


def test_place_chain_names_the_whole_place() -> None:
    text = "甘肃省陇西县，年均降水量约400毫米。"
    found = by_surface(text, (("甘肃省陇西县", "LOC"),))
    assert "陇西县" in found["约400毫米"].subject


def test_a_counted_group_that_acts_holds_the_later_figures() -> None:
    text = "截至5月底，已有12个粮食主产省份陆续启动夏收，累计收获小麦8000万亩。"
    assert by_surface(text)["8000万亩"].subject == "12个粮食主产省份"


# --- sources and reporters ------------------------------------------------------------------


def test_statistics_office_is_a_source_not_a_holder() -> None:
    text = "记者从省统计局获悉，今年前5个月，全省规上工业增加值增长6.1%。"
    found = by_surface(text, (("省统计局", "ORG"),))
    assert found["6.1%"].subject != "省统计局"


def test_national_statistics_have_no_holder_when_only_the_source_is_named() -> None:
    text = "国家统计局数据显示，8月份，工业生产者出厂价格同比下降1.2%。"
    found = by_surface(text, (("国家统计局", "ORG"),))
    assert found["1.2%"].subject is None


def test_platform_reporting_its_data_holds_the_figures() -> None:
    text = "云集优选数据显示，今年端午期间粽子销量同比增长35%。"
    found = by_surface(text)
    assert found["35%"].subject == "云集优选"
    assert found["35%"].metric == "粽子销量"


def test_trade_partner_is_not_the_holder() -> None:
    text = "1—5月，临川市对东盟进出口86亿元，增长9%。"
    found = by_surface(text, (("临川市", "LOC"), ("东盟", "ORG")))
    assert found["86亿元"].subject == "临川市"


def test_a_bare_company_named_by_the_clause_resolves_to_the_company() -> None:
    text = "宏远储能科技有限公司新线上月投产。公司总经理说，年产能将提高到15吉瓦时。"
    found = by_surface(text, (("宏远储能科技有限公司", "ORG"),))
    assert found["15吉瓦时"].subject == "宏远储能科技有限公司"


def test_comparison_base_name_is_not_the_holder() -> None:
    text = "全县审批用水总量较东岚市下达指标核减300万立方米。"
    found = by_surface(text, (("东岚市", "LOC"),))
    assert found["300万立方米"].subject != "东岚市"


# --- metric_key -----------------------------------------------------------------------------


def test_loan_balances_of_different_borrowers_share_one_key() -> None:
    found = figures("个人住房贷款余额38万亿元，普惠小微贷款余额33万亿元。")
    assert [f.metric_key for f in found] == ["贷款余额", "贷款余额"]


@pytest.mark.parametrize(
    ("metric", "key"),
    [
        ("社会消费品零售总额", "零售总额"),
        ("全年累计进出口总值", "进出口总值"),
        ("耕地的亩均产量", "亩均产量"),
        ("家具（不含床垫）零售总额", "零售总额"),
    ],
)
def test_metric_key_is_the_head_of_the_metric(metric: str, key: str) -> None:
    assert metric_key(metric) == key


def test_metric_key_of_no_metric_is_none() -> None:
    assert metric_key(None) is None and metric_key("") is None


# --- spans and the page document --------------------------------------------------------------


PAGE = (
    "浙江贷款余额再创新高\n"
    "本报杭州5月31日电  截至4月末，浙江省各项贷款余额12.4万亿元，同比增长9.1%。"
    "其中，制造业中长期贷款余额1.1万亿元。该省普惠小微贷款余额2.6万亿元。\n"
)


@pytest.fixture(scope="module")
def page_doc():
    return pipeline.extract(PAGE, published="2026-05-31")


def test_spans_cover_the_metric_and_subject_on_the_page(page_doc) -> None:
    text = page_doc.page.text
    spans = [(f.metric_span, f.metric) for f in page_doc.figures]
    spans += [(f.subject_span, f.subject) for f in page_doc.figures]
    assert any(span is not None for span, _ in spans)
    for span, words in spans:
        if span is not None:
            assert text[span[0] : span[1]] == words


def test_subject_entity_is_the_id_of_the_named_entity(page_doc) -> None:
    ids = {e.id: (e.start, e.end) for e in page_doc.entities}
    linked = [f for f in page_doc.figures if f.subject_entity is not None]
    assert linked
    for f in linked:
        assert ids[f.subject_entity] == f.subject_span


def test_period_date_is_the_normalized_governing_date(page_doc) -> None:
    dates = {d.surface: d.normalized for d in page_doc.dates}
    for f in page_doc.figures:
        if f.period is not None and f.period in dates:
            assert f.period_date == dates[f.period]
    assert any(f.period_date == "2026-04-30" for f in page_doc.figures)


def test_new_fields_are_in_the_json_and_the_tables(page_doc) -> None:
    data = json.loads(page_doc.to_json())
    fields = ("metric_span", "metric_key", "subject_span", "subject_entity", "period_date")
    assert all(key in data["figures"][0] for key in fields)
    frame = pipeline.to_frames([page_doc])["figures"]
    assert set(fields) <= set(frame.columns)


# --- the development gold (../shared, skipped without it) ------------------------------------


def test_meaning_on_the_development_pages_holds_its_floor(shared_dir) -> None:
    folder = shared_dir / "benchmarks" / "pages_dev_gold"
    if not (folder / "score_pages.py").is_file():
        pytest.skip("pages_dev_gold not found")
    sys.path.insert(0, str(folder))
    try:
        import score_pages
    finally:
        sys.path.remove(str(folder))
    pages = {}
    for line in (shared_dir / "corpora_external" / "rmrb_fulltext_pages_dev.jsonl").open():
        record = json.loads(line)
        pages[record["page_id"]] = record["text"]
    results = []
    for path in sorted(folder.glob("rmrb-*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        doc = pipeline.extract(pages[gold["source"]], published=gold["published"]).to_dict()
        results.append(score_pages.score(gold, doc))
    total = score_pages.total(results)
    links = total["figure_links"]
    assert total["figures"]["f1"] >= 0.95
    assert links["period"]["lenient"] >= 0.92
    assert links["metric"]["lenient"] >= 0.91
    assert links["subject"]["lenient"] >= 0.72
