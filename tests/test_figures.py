"""Tests of pipeline.figures: numerals, units, bounds, ranges, changes, context, robustness.

Cases are grouped by where they come from: hand-written general cases of every form the issue
lists; sentences written for this file after the *kinds* of figure on the seed page (not its
sentences); negatives; ranges; changes; sidebar periods; and a property test.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import DateMention, Entity, Figure
from pipeline.figures import extract_figures, extract_numbers, find_numbers, parse_number


def only(text: str, **kwargs: object) -> Figure:
    """The single figure in ``text``."""
    figures = extract_figures(text, **kwargs)  # type: ignore[arg-type]
    assert len(figures) == 1, [f.surface for f in figures]
    return figures[0]


def date(text: str, surface: str, kind: str = "period_end", normalized: str = "") -> DateMention:
    start = text.index(surface)
    return DateMention("", None, start, start + len(surface), surface, kind, normalized or None)


# --- parse_number: hand-written -------------------------------------------------------------


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("7", 7.0),
        ("1,234.5", 1234.5),
        ("０．２５", 0.25),
        ("三", 3.0),
        ("十二", 12.0),
        ("二十", 20.0),
        ("两百", 200.0),
        ("一千零五", 1005.0),
        ("三万零六百", 30600.0),
        ("一亿两千万", 120_000_000.0),
        ("两万三", 23000.0),
        ("九点七五", 9.75),
        ("6.5万", 65000.0),
        ("1.2万亿", 1.2e12),
        ("7千", 7000.0),
        ("4万8千", 48000.0),
        ("〇点五", 0.5),
        ("二〇一九", 2019.0),
        ("叁仟肆佰", 3400.0),
        ("贰拾万", 200000.0),
        ("五分之二", 0.4),
        ("百分之十五", 15.0),
        ("负4.5", -4.5),
        ("-12", -12.0),
    ],
)
def test_parse_number_reads_arabic_chinese_and_mixed_numerals(numeral: str, value: float) -> None:
    assert parse_number(numeral) == pytest.approx(value)


@pytest.mark.parametrize("junk", ["", "元", "abc", "点", "三点", "分之一又二"])
def test_parse_number_rejects_what_is_not_a_numeral(junk: str) -> None:
    assert parse_number(junk) is None


@pytest.mark.parametrize(
    ("numeral", "value"),
    [
        ("一百 五 十 二", 152.0),  # spaced, as PDF layouts print it
        ("7 万5 千4 百", 75400.0),
        ("六 点 五", 6.5),
        ("一又二分之一", 1.5),
        ("负一又四分之一", -1.25),
        ("三百五又三分之一", 350 + 1 / 3),
        ("千万分之六", 6e-7),
        ("百二万", 1_200_000.0),  # 百二 is 一百二十
        ("三千五万", 35_000_000.0),
        ("5亿1万4千6百", 500_014_600.0),
    ],
)
def test_parse_number_reads_spaced_numerals_fractions_and_spoken_tails(
    numeral: str, value: float
) -> None:
    assert parse_number(numeral) == pytest.approx(value)


@pytest.mark.parametrize(
    "vague",
    [
        "二三十",  # twenty or thirty
        "七八百",
        "三五",  # a few
        "两两",  # in pairs
        "万万",  # an adverb (万万没想到)
        "亿万",  # countless
    ],
)
def test_parse_number_refuses_vague_and_adverbial_runs(vague: str) -> None:
    assert parse_number(vague) is None


# --- extract_figures: hand-written general cases of every form ------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit", "scale"),
    [
        ("全年营业收入为12.75亿元。", "12.75亿元", 1.275e9, "元", "亿"),
        ("当年实现销售额1,250.5万元。", "1,250.5万元", 12_505_000.0, "元", "万"),
        ("进出口总值４．６万亿元。", "４．６万亿元", 4.6e12, "元", "万亿"),
        ("该县新建农房三百二十套。", "三百二十套", 320.0, "套", None),
        ("全市共有两百家门店。", "两百家", 200.0, "家", None),
        ("项目吸引投资一千零五万元。", "一千零五万元", 10_050_000.0, "元", "万"),
        ("园区引进企业十二家。", "十二家", 12.0, "家", None),
        ("累计接待游客1.8亿人次。", "1.8亿人次", 1.8e8, "人次", "亿"),
        ("新增造林面积35万亩。", "35万亩", 350_000.0, "亩", "万"),
        ("年发电量达42亿千瓦时。", "42亿千瓦时", 4.2e9, "千瓦时", "亿"),
        ("新型储能装机达到12吉瓦时。", "12吉瓦时", 12.0, "吉瓦时", None),
        ("电站储能容量为200MWh。", "200MWh", 200.0, "兆瓦时", None),
        ("新建道路86公里。", "86公里", 86.0, "公里", None),
        ("仓储面积约8000平方米。", "约8000平方米", 8000.0, "平方米", None),
        ("粮食产量1.3万吨。", "1.3万吨", 13_000.0, "吨", None),
        ("出口额达30亿美元。", "30亿美元", 3e9, "美元", "亿"),
        ("募资约5亿港元。", "约5亿港元", 5e8, "港元", "亿"),
        ("不良率为1.2%。", "1.2%", 1.2, "%", None),
        ("全年增长百分之六。", "百分之六", 6.0, "%", None),
        ("出生率为7.5‰。", "7.5‰", 7.5, "‰", None),
        ("占比提高0.8个百分点。", "0.8个百分点", 0.8, "个百分点", None),
        ("产能扩大到原来的3倍。", "3倍", 3.0, "倍", None),
        ("近七成受访者表示满意。", "近七成", 7.0, "成", None),
        ("5部门联合印发方案。", "5部门", 5.0, "部门", None),
        ("全国31个省份参与。", "31个", 31.0, "个", None),
        ("活动覆盖20城市。", "20城市", 20.0, "城市", None),
        ("基准价调升15个基点。", "15个基点", 15.0, "个基点", None),
        ("发行价为18.6元/股。", "18.6元/股", 18.6, "元/股", None),
        ("服务价格为6元1角5分。", "6元1角5分", 6.15, "元", None),
        ("每户补贴一吨半。", "一吨半", 1.5, "吨", None),
        ("港币三百元可兑换。", "港币三百元", 300.0, "港元", None),
    ],
)
def test_extracts_number_scale_and_unit(
    text: str, surface: str, value: float, unit: str, scale: str | None
) -> None:
    fig = only(text)
    assert (fig.surface, fig.unit) == (surface, unit)
    assert fig.value == pytest.approx(value)
    if scale is not None:
        assert fig.scale == scale


@pytest.mark.parametrize(
    ("text", "surface", "qualifier", "bound", "value"),
    [
        ("年营收超过500亿元。", "超过500亿元", "超过", "over", 5e10),
        ("覆盖逾3000户。", "逾3000户", "逾", "over", 3000.0),
        ("交易额突破2万亿元。", "突破2万亿元", "突破", "over", 2e12),
        ("项目总投资200亿元以上。", "200亿元以上", "以上", "over", 2e10),
        ("吸纳就业8万余人。", "8万余人", "余", "over", 80_000.0),
        ("惠及30余家企业。", "30余家", "余", "over", 30.0),
        ("带动就业300多人。", "300多人", "多", "over", 300.0),
        ("融资规模达80多亿元。", "80多亿元", "多", "over", 8e9),
        ("组织超千场招聘会。", "超千场", "超", "over", 1000.0),
        ("接待上百家参展商。", "上百家", "上", "over", 100.0),
        ("利润近500万元。", "近500万元", "近", "under", 5e6),
        ("不足10%的企业回应。", "不足10%", "不足", "under", 10.0),
        ("单笔贷款最高500万元。", "最高500万元", "最高", "at_most", 5e6),
        ("误差在2%以内。", "2%以内", "以内", "at_most", 2.0),
        ("每户至少5000元。", "至少5000元", "至少", "at_least", 5000.0),
        ("会员费100元起。", "100元起", "起", "at_least", 100.0),
        ("约60%的受访者认可。", "约60%", "约", "approx", 60.0),
        ("客单价在200元左右。", "200元左右", "左右", "approx", 200.0),
        ("市值高达3万亿元。", "高达3万亿元", "高达", "exact", 3e12),
        ("全年完成投资45亿元。", "45亿元", None, "exact", 4.5e9),
    ],
)
def test_qualifier_bound_and_surface(
    text: str, surface: str, qualifier: str | None, bound: str, value: float
) -> None:
    fig = only(text)
    assert (fig.surface, fig.qualifier, fig.bound) == (surface, qualifier, bound)
    assert fig.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "value"),
    [
        ("日均调用量达千亿级。", "千亿级", 1e11),
        ("市场规模迈向万亿级。", "万亿级", 1e12),
    ],
)
def test_order_of_magnitude(text: str, surface: str, value: float) -> None:
    fig = only(text)
    assert (fig.surface, fig.bound, fig.value, fig.unit) == (surface, "order", value, None)


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("学校确定了四个重点任务。", "四个", 4.0, "个"),
        ("试点覆盖9个区县。", "9个", 9.0, "个"),
        ("全省建成27家孵化器。", "27家", 27.0, "家"),
        ("平台接入了120个数据接口。", "120个", 120.0, "个"),
        ("企业仅有一名总工程师。", "一名", 1.0, "名"),
        ("当月新增一家上市公司。", "一家", 1.0, "家"),
        ("方案提出五大任务。", "五大任务", 5.0, "任务"),
    ],
)
def test_small_counted_numbers_are_figures(
    text: str, surface: str, value: float, unit: str
) -> None:
    fig = only(text)
    assert (fig.surface, fig.value, fig.unit) == (surface, value, unit)


# --- ratios, currencies, measures and spoken money: hand-written ------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "value", "unit"),
    [
        ("新品全场八五折。", "八五折", 85.0, "%"),  # two digits: the percentage itself
        ("店庆期间商品75折。", "75折", 75.0, "%"),
        ("会员再享9.9折。", "9.9折", 99.0, "%"),  # one digit: tenths
        ("学生票九折。", "九折", 90.0, "%"),
        ("出栏进度过四成半。", "过四成半", 4.5, "成"),
        ("不良率为千分之二点五。", "千分之二点五", 2.5, "‰"),
        ("误差控制在万分之三。", "万分之三", 0.03, "%"),
        ("中奖概率约千万分之六。", "约千万分之六", 6e-5, "%"),
        ("营收增速为负3%。", "负3%", -3.0, "%"),
        ("出口增速为-5%。", "-5%", -5.0, "%"),
        ("售价¥2999起。", "¥2999起", 2999.0, "元"),
        ("售价￥2999。", "￥2999", 2999.0, "元"),
        ("完成融资US$500万。", "US$500万", 5e6, "美元"),
        ("估值约HK$3.2亿。", "约HK$3.2亿", 3.2e8, "港元"),
        ("门票€25一张。", "€25", 25.0, "欧元"),
        ("运费£8。", "£8", 8.0, "英镑"),
        ("每月支付500美金。", "500美金", 500.0, "美元"),
        ("标价9000元日币。", "9000元日币", 9000.0, "日元"),
        ("最低气温零下5℃。", "零下5℃", -5.0, "摄氏度"),
        ("水温为华氏70度。", "华氏70度", 70.0, "华氏度"),
        ("午后气温高达38度。", "高达38度", 38.0, "度"),
        ("鸡蛋三块五一斤。", "三块五", 3.5, "块"),
        ("车费五块七毛八。", "五块七毛八", 5.78, "块"),
        ("邮票三块零四。", "三块零四", 3.04, "块"),
        ("每根两毛五。", "两毛五", 0.25, "元"),
        ("冰棍卖三毛钱。", "三毛钱", 0.3, "元"),
        ("找回5角。", "5角", 0.5, "元"),
        ("每亩省下9块多。", "9块多", 9.0, "块"),
        ("公司投资十个亿。", "十个亿", 1e9, None),  # spoken 个 before 亿
        ("年收入5个多亿。", "5个多亿", 5e8, None),
        ("油箱装满六个加仑。", "六个加仑", 6.0, "加仑"),
        ("每次加三分之一公升。", "三分之一公升", 1 / 3, "升"),
        ("共运出一又二分之一吨。", "一又二分之一吨", 1.5, "吨"),
        ("票房过亿元。", "过亿元", 1e8, "元"),
        ("年作业量33亿亩次。", "33亿亩次", 3.3e9, "亩次"),
        ("船舶进出港8000余艘次。", "8000余艘次", 8000.0, "艘次"),
        ("共计 3 亿 元。", "3 亿 元", 3e8, "元"),  # spaced PDF text
        ("收入7 万5 千4 百元。", "7 万5 千4 百元", 75400.0, "元"),
        ("入驻企业一百 五 十 二家。", "一百 五 十 二家", 152.0, "家"),
        ("占比上升四点 五个百分点。", "四点 五个百分点", 4.5, "个百分点"),
        ("增长百 分 之 2.4。", "百 分 之 2.4", 2.4, "%"),
        ("提高一百五十    个百分点。", "一百五十    个百分点", 150.0, "个百分点"),
    ],
)
def test_ratios_currencies_measures_and_spoken_money(
    text: str, surface: str, value: float, unit: str | None
) -> None:
    fig = only(text)
    assert (fig.surface, fig.unit) == (surface, unit)
    assert fig.value == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("村里只剩一块耕地。", "一块", "块"),  # a piece, not a yuan
        ("楼前共有一块“口袋”空地。", "一块", "块"),
        ("送来三块牌匾。", "三块", "块"),
    ],
)
def test_kuai_before_a_noun_counts_pieces(text: str, surface: str, unit: str) -> None:
    fig = only(text)
    assert (fig.surface, fig.unit, fig.value) == (surface, unit, 1.0 if "一" in surface else 3.0)


@pytest.mark.parametrize(
    "text",
    [
        "企业聘请一名总工程师。",
        "村里平整出一块土地。",
        "这是一种新模式，也是一个重要信号。",
        "一家知名餐厅开业。",
    ],
)
def test_indefinite_yi_with_a_classifier_is_not_a_figure(text: str) -> None:
    assert extract_figures(text) == []


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit"),
    [
        ("贷款利率为百分之三到五。", "百分之三到五", 3.0, 5.0, "%"),
        ("降幅在百分之十到百分之二十。", "百分之十到百分之二十", 10.0, 20.0, "%"),
        ("增速负3%至5%。", "负3%至5%", -3.0, 5.0, "%"),
        ("涨幅为10%-20%。", "10%-20%", 10.0, 20.0, "%"),
        ("单户补贴1万(含)-5万元。", "1万(含)-5万元", 1e4, 5e4, "元"),
        ("体重在50和60公斤之间。", "50和60公斤", 50.0, 60.0, "公斤"),
        ("价格在10万至20万之间。", "10万至20万", 1e5, 2e5, None),
        ("报价五块六到五块七毛八。", "五块六到五块七毛八", 5.6, 5.78, "块"),
        ("售价五元六角-五元七毛八分。", "五元六角-五元七毛八分", 5.6, 5.78, "元"),
    ],
)
def test_percent_money_and_worded_ranges(
    text: str, surface: str, low: float, high: float, unit: str | None
) -> None:
    fig = only(text)
    assert (fig.surface, fig.unit, fig.value) == (surface, unit, None)
    assert (fig.low, fig.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize(
    "text",
    [
        "二三十家企业到场。",  # vague ranges of digits
        "三五个朋友聚会。",
        "七八百人围观。",
        "带动亿万农民增收。",
        "万万没想到。",
        "发布三折叠屏手机。",  # 折 in a word
        "两度夺冠。",  # 度 after a small count is "times"
        "三角形的面积。",  # 角 as a shape
        "参考 https://example.cn/q?rate=30%25&n=2020 的说明。",  # a web address
        "一台台机器运转。",  # one after another
        "提供了另一种可能。",  # a determiner
        "每一次出发都不容易。",
        "单边主义四处蔓延。",  # an adverb
        "两岸一家亲。",  # a set phrase
    ],
)
def test_vague_words_and_set_phrases_are_not_figures(text: str) -> None:
    assert extract_figures(text) == []


def test_guo_is_over_only_where_it_stands_alone() -> None:
    assert only("江苏进度过八成。").bound == "over"
    assert only("通过5项措施。").bound == "exact"  # 通过 is "by means of"


# --- kinds of figure seen on the seed page, in sentences written for this file ---------------


def test_stock_with_trillion_scale_and_yoy_growth() -> None:
    text = "2025年末，全省普惠型涉农贷款余额2.4万亿元，同比增长12.3%。"
    figs = extract_figures(text, dates=[date(text, "2025年末")])
    assert [(f.surface, f.value, f.unit, f.change) for f in figs] == [
        ("2.4万亿元", 2.4e12, "元", None),
        ("12.3%", 12.3, "%", "increase"),
    ]
    assert all(f.metric == "普惠型涉农贷款余额" for f in figs)
    assert all(f.period == "2025年末" for f in figs)
    assert figs[0].subject == "全省"


def test_counts_in_ten_thousands_with_clause_metrics() -> None:
    text = "截至2026年3月末，江西已走访农户210万户，授信户数86万户，累计放款4200亿元。"
    figs = extract_figures(text, dates=[date(text, "2026年3月末")])
    assert [(f.surface, f.value, f.unit) for f in figs] == [
        ("210万户", 2.1e6, "户"),
        ("86万户", 8.6e5, "户"),
        ("4200亿元", 4.2e11, "元"),
    ]
    assert [f.metric for f in figs] == ["走访农户", "授信户数", "放款"]
    assert {f.period for f in figs} == {"2026年3月末"}
    assert figs[0].subject == "江西"


def test_counted_noun_after_the_number_is_the_metric() -> None:
    figs = extract_figures("依托平台归集的45个部门18.2亿条记录开展分析。")
    assert [(f.surface, f.metric) for f in figs] == [("45个", "部门"), ("18.2亿条", "记录")]


def test_qualified_amounts_in_one_sentence() -> None:
    figs = extract_figures("园区累计为3万余户商户发放贷款超800亿元，单户最高授信达500万元。")
    assert [(f.surface, f.bound) for f in figs] == [
        ("3万余户", "over"),
        ("超800亿元", "over"),
        ("500万元", "exact"),
    ]
    assert figs[0].metric == "商户"
    assert figs[1].metric == "发放贷款"


def test_index_points_are_figures_but_clock_times_are_not() -> None:
    assert [(f.surface, f.unit) for f in extract_figures("综指收报3125.6点，下午3点收盘。")] == [
        ("3125.6点", "点")
    ]


def test_bare_numbers_listed_before_a_unit_share_it() -> None:
    figs = extract_figures("三省分别新增12、15和9家试点。")
    assert [(f.surface, f.value, f.unit) for f in figs] == [
        ("12", 12.0, "家"),
        ("15", 15.0, "家"),
        ("9家", 9.0, "家"),
    ]


def test_a_scaled_number_without_unit_is_a_quantity() -> None:
    fig = only("相关话题阅读量超过3亿。")
    assert (fig.surface, fig.value, fig.unit, fig.bound) == ("超过3亿", 3e8, None, "over")


def test_possessive_after_a_count_leaves_the_next_metric_alone() -> None:
    figs = extract_figures("这三类基金的规模占比分别为20.5%、41.2%。")
    assert [(f.surface, f.metric) for f in figs] == [
        ("三类", "基金"),
        ("20.5%", "规模占比"),
        ("41.2%", "规模占比"),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "unit"),
    [
        ("车间噪声有95分贝。", "95分贝", "分贝"),
        ("疫苗需接种3剂次。", "3剂次", "剂次"),
        ("开设42门选修课。", "42门", "门"),
        ("整理民歌60余首。", "60余首", "首"),
        ("他们全家6口人。", "6口", "口"),
        ("要经过20多道工序。", "20多道", "道"),
        ("从4方面推进改革。", "4方面", "方面"),
        ("销量实现近3倍增长。", "近3倍", "倍"),
    ],
)
def test_classifiers_and_measures_of_everyday_news(text: str, surface: str, unit: str) -> None:
    fig = only(text)
    assert (fig.surface, fig.unit) == (surface, unit)


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("村里1200亩果园告别了大水漫灌。", "果园"),
        ("门口有30多名游客在排队等候入场。", "游客"),
        ("全市有18个社区率先推开垃圾分类。", "社区"),
        ("共推出12项改革创新举措。", "改革创新举措"),
        ("表彰了5位拥有发明专利的工匠。", "工匠"),
    ],
)
def test_the_counted_noun_stops_before_its_predicate(text: str, metric: str) -> None:
    assert only(text).metric == metric


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("全省粮食产量首次突破700亿斤。", "粮食产量"),
        ("月均工资仅有3000元。", "月均工资"),
        ("两地产销分别完成120万辆和80万辆。", "两地产销"),
    ],
)
def test_adverbs_before_a_figure_are_not_part_of_its_metric(text: str, metric: str) -> None:
    assert extract_figures(text)[0].metric == metric


# --- negatives: what is not a figure ---------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "2024年起实施。",  # a year
        "会议于3月15日召开。",  # a day
        "项目工期为18个月。",  # a duration
        "两年内完成改造。",  # a duration
        "每周三下午开放。",  # a weekday
        "该行排名第一位。",  # an ordinal
        "一是加强监管，二是优化服务。",  # list numbers
        "坚持一企一策、一对一服务。",  # set phrases
        "推动千家万户共享成果。",  # an idiom
        "在第十四届运动会上亮相。",  # an ordinal event
        "新建5G基站。",  # a code
        "发布《产业发展报告(2025)》。",  # digits in a title
        "配置B12号生产线。",  # an identifier
        "出席2026数字经济大会。",  # a year inside a name
        "数十家企业参加。",  # a vague count
        "产品进入零售渠道。",  # 零 in a word
        "陆家嘴金融城发布。",  # a financial capital in a name
        "下午3点开始。",  # clock time
        "他一步一步走上台阶。",  # 一 + classifier said twice: a manner
        "新人一批接着一批成长。",  # one after another
        "大家拧成一股绳。",  # a set phrase
        "一方面降成本，另一方面提效率。",  # a connective
        "当地推广“三员联动”机制。",  # a slogan in quotes
    ],
)
def test_not_figures(text: str) -> None:
    assert extract_figures(text) == []


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("他说：“我们村今年种了三百亩。”", "三百亩"),  # speech, not a slogan
        ("口号是“再降15%”。", "15%"),  # written in digits
    ],
)
def test_numbers_in_quotes_that_are_not_slogans_stay_figures(text: str, surface: str) -> None:
    assert only(text).surface == surface


def test_a_figure_overlapping_a_known_date_is_dropped() -> None:
    text = "计划用3年时间完成。"
    assert extract_figures(text, dates=[date(text, "3年", "duration", "P3Y")]) == []


# --- ranges ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "surface", "low", "high", "unit"),
    [
        ("单笔额度5万—50万元。", "5万—50万元", 5e4, 5e5, "元"),
        ("增速在6%至8%之间。", "6%至8%", 6.0, 8.0, "%"),
        ("补贴标准为3000-5000元。", "3000-5000元", 3000.0, 5000.0, "元"),
        ("预计需要两到三万名工人。", "两到三万名", 2e4, 3e4, "名"),
        ("覆盖10~15个社区。", "10~15个", 10.0, 15.0, "个"),
        ("成本约为铜的2—4倍。", "2—4倍", 2.0, 4.0, "倍"),
        ("额度为1万-5万元。", "1万-5万元", 1e4, 5e4, "元"),  # a hyphen, not a minus
        ("需要两到三千名志愿者。", "两到三千名", 2000.0, 3000.0, "名"),
        ("规模在七到八百亿元。", "七到八百亿元", 7e10, 8e10, "元"),
    ],
)
def test_ranges_are_one_figure_with_low_and_high(
    text: str, surface: str, low: float, high: float, unit: str
) -> None:
    fig = only(text)
    assert (fig.surface, fig.unit, fig.value) == (surface, unit, None)
    assert (fig.low, fig.high) == (pytest.approx(low), pytest.approx(high))


def test_from_to_levels_are_not_a_range() -> None:
    figs = extract_figures("利率从3%降到2.5%。")
    assert [(f.surface, f.low) for f in figs] == [("3%", None), ("2.5%", None)]


def test_date_ranges_are_not_figure_ranges() -> None:
    assert extract_figures("1—4月，2024年至2026年") == []


# --- changes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "change", "value"),
    [
        ("利润同比增长15.2%。", "increase", 15.2),
        ("产量比上年增加8万吨。", "increase", 80_000.0),
        ("合格率提高2个百分点。", "increase", 2.0),
        ("增速为4.5%。", "increase", 4.5),
        ("增幅达12%。", "increase", 12.0),
        ("能耗同比下降3.1%。", "decrease", 3.1),
        ("库存减少了1200吨。", "decrease", 1200.0),
        ("利差收窄0.2个百分点。", "decrease", 0.2),
        ("价格回落 5%。", "decrease", 5.0),
        ("收入为120亿元。", None, 1.2e10),
        ("规模增长至3万亿元。", None, 3e12),  # a level reached, not a change
        ("增长率为5%。", None, 5.0),
    ],
)
def test_change_direction_keeps_the_rate(text: str, change: str | None, value: float) -> None:
    fig = only(text)
    assert (fig.change, fig.value) == (change, pytest.approx(value))
    assert "增长" not in fig.surface and "下降" not in fig.surface


def test_change_without_metric_inherits_the_previous_figures_metric() -> None:
    figs = extract_figures("制造业贷款余额6.1万亿元，同比增长11%。")
    assert figs[1].metric == figs[0].metric == "制造业贷款余额"


@pytest.mark.parametrize(
    ("text", "change"),
    [
        ("出口增速均超过20%。", "increase"),
        ("三地降幅分别为1.5%、2%。", "decrease"),
        ("增幅是7%。", "increase"),
    ],
)
def test_a_change_noun_reaches_its_rate_across_adverbs_and_copulas(text: str, change: str) -> None:
    assert extract_figures(text)[0].change == change


def test_every_item_of_a_listed_change_shares_its_direction() -> None:
    figs = extract_figures("钢材、水泥价格分别下跌4.2%、3.5%和1.1%。")
    assert [f.change for f in figs] == ["decrease"] * 3


def test_a_change_noun_names_the_measure_when_nothing_else_does() -> None:
    figs = extract_figures("钢铁板块领跌，跌幅分别为2.3%、1.9%。")
    assert [f.metric for f in figs] == ["跌幅", "跌幅"]


def test_a_list_after_fenbie_takes_its_measure_from_the_clause_before() -> None:
    figs = extract_figures("券商板块营业收入居前，分别为86亿元、64亿元。")
    assert [f.metric for f in figs] == ["券商板块营业收入"] * 2


def test_only_link_words_before_a_figure_keep_the_sentences_measure() -> None:
    figs = extract_figures("全年社会物流总额为360万亿元，首次突破350万亿元。")
    assert [f.metric for f in figs] == ["社会物流总额", "社会物流总额"]


def test_a_verb_before_a_figure_starts_a_new_measure() -> None:
    figs = extract_figures("建成120座充电站，完成近3万次检修。")
    assert [f.metric for f in figs] == ["充电站", "检修"]


def test_list_items_share_the_first_metric() -> None:
    figs = extract_figures("公司净利润分别为1.2亿元、1.5亿元和1.9亿元。")
    assert [f.metric for f in figs] == ["净利润"] * 3
    assert [f.subject for f in figs] == ["公司"] * 3


# --- subjects ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        # a wire-service dateline is not who the figure is about
        ("新华社北京5月3日电 市场成交额2.5万亿元。", None),
        ("本报讯 市场成交额2.5万亿元。", None),
        # the unit named last acts (X辖内Y, X旗下Y)
        ("省农信联社辖内东山农商银行累计放款30亿元。", "东山农商银行"),
        ("集团旗下西湖科技公司营收12亿元。", "西湖科技公司"),
        # an ending followed by a title belongs to a person's post
        ("中国科学院院士预计产量将达3亿吨。", "中国科学院"),
        # 全省 after a province only stresses it
        ("安徽全省走访企业52万家。", "安徽"),
    ],
)
def test_subject_of_the_clause(text: str, subject: str | None) -> None:
    assert only(text).subject == subject


def test_parallel_clauses_keep_the_measure_and_change_the_subject() -> None:
    figs = extract_figures("全国收获进度过六成，河南过九成，湖北近三成。")
    assert [(f.subject, f.metric) for f in figs] == [
        ("全国", "收获进度"),
        ("河南", "收获进度"),
        ("湖北", "收获进度"),
    ]


def _entity(text: str, surface: str, label: str) -> Entity:
    start = text.index(surface)
    return Entity("", None, start, start + len(surface), surface, label)


def test_entities_name_the_subject_when_the_clause_does_not() -> None:
    text = "城东支行推出“惠农快贷”产品，单户最高授信达300万元。"
    ents = [_entity(text, "城东支行", "ORG"), _entity(text, "惠农快贷", "PRODUCT")]
    assert only(text).subject == "城东支行"  # no entities: the noun phrase opening the sentence
    assert only(text, entities=ents).subject == "惠农快贷"


def test_entities_replace_a_referring_subject() -> None:
    text = "农业银行运用智能体赋能柜面，全行日均调用量达千亿级。"
    ents = [_entity(text, "农业银行", "ORG")]
    assert only(text).subject == "全行"
    assert only(text, entities=ents).subject == "农业银行"


# --- periods: sentences and sidebars ---------------------------------------------------------


def test_period_is_the_nearest_preceding_date_in_the_sentence() -> None:
    text = "2024年销售额为8亿元，2025年增至11亿元。"
    dates = [date(text, "2024年", "year"), date(text, "2025年", "year")]
    assert [f.period for f in extract_figures(text, dates=dates)] == ["2024年", "2025年"]


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("2025年末，存款余额9万亿元。贷款余额7万亿元。", ["2025年末", "2025年末"]),
        ("2025年末，存款余额9万亿元。\n贷款余额7万亿元。", ["2025年末", None]),
        ("截至2025年末，存款余额9万亿元。其中，活期存款3万亿元。", ["2025年末", "2025年末"]),
    ],
)
def test_a_framing_date_governs_later_sentences_of_its_paragraph(
    text: str, periods: list[str | None]
) -> None:
    figs = extract_figures(text, dates=[date(text, "2025年末", normalized="2025-12-31")])
    assert [f.period for f in figs] == periods


def test_a_vague_date_governs_only_its_own_sentence() -> None:
    text = "目前，存款余额9万亿元。贷款余额7万亿元。"
    figs = extract_figures(text, dates=[date(text, "目前", "relative")])
    assert [f.period for f in figs] == ["目前", None]


def test_a_date_inside_a_clause_does_not_govern_the_next_sentence() -> None:
    text = "该厂建于2005年末。现有员工300人。"
    assert only(text, dates=[date(text, "2005年末")]).period is None


@pytest.mark.parametrize(
    ("text", "base"),
    [
        ("营业收入5亿元，比上年增长8%。", "上年"),
        ("利润8亿元，较上年同期增长6%。", "上年"),
        ("接收污水211吨，约为2023年的40倍。", "2023年"),
    ],
)
def test_a_date_compared_with_is_not_the_period(text: str, base: str) -> None:
    figs = extract_figures(text, dates=[date(text, base, "year")])
    assert figs[-1].period is None


def test_jiezhi_date_after_the_figure_governs_its_sentence() -> None:
    text = "全市共有规上企业3200家（截至2026年2月末）。"
    fig = only(text, dates=[date(text, "2026年2月末")])
    assert fig.period == "2026年2月末"


def test_duration_is_not_a_period() -> None:
    text = "3个月内新增贷款50亿元。"
    fig = only(text, dates=[date(text, "3个月内", "duration", "P3M")])
    assert fig.period is None


def test_sidebar_heading_date_governs_every_line() -> None:
    text = "截至2026年5月末\n\n累计签约项目 86个\n\n协议投资额 1200亿元\n\n带动就业 3.5万人"
    figs = extract_figures(text, dates=[date(text, "2026年5月末")], in_sidebar=True)
    assert [f.surface for f in figs] == ["86个", "1200亿元", "3.5万人"]
    assert all(f.period == "2026年5月末" and f.in_sidebar for f in figs)
    assert figs[1].metric == "协议投资额"


def test_sidebar_label_line_names_a_bare_number_line() -> None:
    text = "2026年一季度末\n\n制造业中长期贷款余额\n\n14.2万亿元 同比增长 10.5%"
    figs = extract_figures(text, dates=[date(text, "2026年一季度末")], in_sidebar=True)
    assert [f.metric for f in figs] == ["制造业中长期贷款余额"] * 2
    assert figs[1].change == "increase"


def test_sentence_span_covers_the_figure() -> None:
    text = "第一句话。园区企业达到450家！最后一句"
    fig = only(text)
    start, end = fig.sentence
    assert text[start:end] == "园区企业达到450家！"


# --- lower layers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("约1/3的企业", [("1/3", 1 / 3)]),
        ("３／５的份额", [("３／５", 0.6)]),
        ("负一又二分之一", [("负一又二分之一", -1.5)]),
        ("二百五, 二百五", [("二百五", 250.0), ("二百五", 250.0)]),
        ("一些企业统一行动", []),  # set phrases are no numbers
        ("二三十人", []),
        ("见 www.example.cn/2025/30 页", []),
    ],
)
def test_find_numbers_reads_fractions_and_skips_set_phrases(
    text: str, expected: list[tuple[str, float]]
) -> None:
    found = [(n.surface, n.value) for n in find_numbers(text)]
    assert [s for s, _ in found] == [s for s, _ in expected]
    assert [v for _, v in found] == pytest.approx([v for _, v in expected])


def test_find_numbers_keeps_bare_numbers() -> None:
    assert [(n.surface, n.value) for n in find_numbers("共3,000，约两百")] == [
        ("3,000", 3000.0),
        ("两百", 200.0),
    ]


def test_extract_numbers_keeps_bounds_without_units() -> None:
    assert [
        (f.surface, f.bound, f.value) for f in extract_numbers("人数不少于三十，票价5000以下")
    ] == [
        ("不少于三十", "at_least", 30.0),
        ("5000以下", "at_most", 5000.0),
    ]


@pytest.mark.parametrize(
    ("text", "surface", "low", "high"),
    [
        ("温度高于18度并且低于26度", "高于18度并且低于26度", 18.0, 26.0),
        ("每组不超过12人、不少于5人", "不超过12人、不少于5人", 5.0, 12.0),
        ("年龄在20岁以上，40岁以下", "20岁以上，40岁以下", 20.0, 40.0),
        ("报价少于九千的同时多于七千", "少于九千的同时多于七千", 7000.0, 9000.0),
    ],
)
def test_a_lower_and_an_upper_bound_side_by_side_make_a_range(
    text: str, surface: str, low: float, high: float
) -> None:
    (fig,) = extract_numbers(text)
    assert (fig.surface, fig.low, fig.high, fig.value) == (surface, low, high, None)


@pytest.mark.parametrize(
    ("text", "surface", "bound", "value"),
    [
        ("重量比 80 轻还是比 90 低", "比 90 低", "under", 90.0),
        ("分数比六十高", "比六十高", "over", 60.0),
        ("价格大于 或 等于 300", "大于 或 等于 300", "at_least", 300.0),
        ("取值 >= 15", ">= 15", "at_least", 15.0),
        ("人数在 300 之上", "300 之上", "over", 300.0),
        ("准备两百或者更多", "两百或者更多", "at_least", 200.0),
    ],
)
def test_comparisons_written_out_are_bounds(
    text: str, surface: str, bound: str, value: float
) -> None:
    fig = extract_numbers(text)[-1]
    assert (fig.surface, fig.bound, fig.value) == (surface, bound, value)


# --- robustness ------------------------------------------------------------------------------

_CHARS = "0123456789０１２３４５６７８９.,，。%％‰一二两三十百千万亿零〇点余多约超近第年月日个家元"
_WORDS = ["万元", "亿元", "个百分点", "同比增长", "下降", "至", "—", "-", "~", "《", "》", "\n"]
_WORDS += ["截至", "以上", "左右", "级", "倍", "平方米", "大", "的", "/", "股", "A", "G", " "]
_WORDS += ["¥", "$", "US$", "€", "块", "毛", "角", "折", "成", "度", "°", "又", "分之", "百分之"]
_WORDS += ["零下", "华氏", "(含)", "个亿", "和", "之间", "过", "次", "一台台", "另", "http://"]
_PIECES = st.sampled_from([*_CHARS, *_WORDS])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=3), max_size=40).map("".join), st.booleans())
def test_never_raises_and_every_span_is_valid(text: str, in_sidebar: bool) -> None:
    for fig in extract_figures(text, in_sidebar=in_sidebar):
        assert 0 <= fig.start < fig.end <= len(text)
        assert text[fig.start : fig.end] == fig.surface
        s, e = fig.sentence
        assert 0 <= s <= fig.start and fig.end <= max(e, fig.end) <= len(text)
    for num in find_numbers(text):
        assert text[num.start : num.end] == num.surface


@pytest.mark.parametrize(
    ("text", "place", "subject"),
    [
        ("榆坪市统计局发布数据。全市工业增加值增长5.1%。", "榆坪市", "榆坪市"),
        ("鹤岭省商务厅发布数据。全省外贸进出口额达1200亿元。", "鹤岭省", "鹤岭省"),
        ("榆坪市统计局发布数据。全省工业增加值增长5.1%。", "榆坪市", "全省"),  # no province named
    ],
)
def test_place_anaphors_take_the_place_named_before(text: str, place: str, subject: str) -> None:
    start = text.index(place)
    entity = Entity("", None, start, start + len(place), place, "LOC")
    [fig] = extract_figures(text, entities=[entity])
    assert fig.subject == subject
