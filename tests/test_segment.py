"""Article segmentation: synthetic pages written for these tests, then the seed page."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import LayoutHint
from pipeline.segment import Segmentation, byline_names, dateline_names, segment
from pipeline.textmap import TextMap


def stitched(text: str, seg: Segmentation, k: int) -> str:
    return TextMap.from_spans(text, seg.articles[k].spans).text


def assert_valid(text: str, seg: Segmentation) -> None:
    """Spans inside the page, in order, non-empty, and overlapping nothing else."""
    taken: list[tuple[int, int]] = []
    for art in seg.articles:
        assert art.spans
        for (_, e1), (s2, _) in itertools.pairwise(art.spans):
            assert e1 <= s2, art.spans
        for s, e in art.spans:
            assert 0 <= s < e <= len(text)
            taken.append((s, e))
    taken += [sb.span for sb in seg.sidebars]
    taken.sort()
    for (_, e1), (s2, _) in itertools.pairwise(taken):
        assert e1 <= s2, taken
    firsts = [a.spans[0][0] for a in seg.articles]
    assert firsts == sorted(firsts)


# --- synthetic pages (written for these tests) ---------------------------------------------

STREET = """## 城市更新激活老街区

□ 本报记者 柯文涛

近日，南湖区启动老街区城市更新项目，对沿街建筑、排水管网和公共空间进行整体改造。老街区城市更新项目计划用三年时间完成，惠及沿街商户和居民。

## 加快项目建设

老街区城市更新项目开工以来，施工单位分段推进排水管网改造，沿街商户照常营业。老街区改造坚持微更新，保留老建筑风貌，街区公共空间和排水管网同步提升。为保障老街区商户经营，各施工段仍需

截至2026年3月末

完成改造建筑 126栋

新增公共空间 3.2万平方米

累计投资 8.5亿元

要合理安排施工时间，减少对老街区商户和居民的影响。老街区城市更新项目还将引入文化业态，推动老街区商户转型，带动周边制

造业和服务业协同发展。
"""

TEA = """## 乡村振兴

## 山区茶园走出致富新路

在浙南山区的一个小村庄，茶农们清晨就走进茶园采摘新茶。过去，村里的茶叶卖不上价，年轻人纷纷外出打工。如今，村里成立茶叶合作社，统一种植标准和品牌，茶叶价格翻了一番。

合作社负责人介绍，村里还开通了直播带货，把山里的好茶卖到全国各地。茶园里建起了观光步道，游客可以体验采茶制茶，茶农收入稳步增加。合作社计划在明年建成省级

物价指数是观察宏观经济运行的重要窗口。最新数据显示，居民消费价格温和上涨，核心通胀保持稳定，市场供求总体平衡。

物价保持平稳，离不开保供稳价政策的持续发力。同时也要看到，部分商品价格受季节因素影响波动较大，需要加强价格监测预警。

稳物价既要关注短期波动，更要着眼中长期供需结构，畅通生产流通消费各环节，让物价运行在合理区间。

本版编辑 邱明远 蒋若帆

经济时评

柯文涛

广告
"""

CARS = """新能源汽车下乡活动启动

——多地推出购车补贴和充电优惠

新华社北京5月19日电（记者赵一鸣、马晓东）新能源汽车下乡活动19日在北京启动。活动期间，多地将推出购车补贴，并在县城和乡镇新建充电设施。

业内人士表示，新能源汽车下乡有助于释放县乡消费潜力，带动充电设施建设。

高校毕业生就业服务月开启

本报记者 蒋若帆

本报北京5月19日电　高校毕业生就业服务月19日开启，各地将举办招聘会，为毕业生提供岗位信息。

招聘会将重点面向中小企业，帮助毕业生找到合适岗位。
"""


@pytest.fixture(scope="module")
def street() -> Segmentation:
    return segment(STREET)


@pytest.fixture(scope="module")
def tea() -> Segmentation:
    return segment(TEA)


@pytest.fixture(scope="module")
def cars() -> Segmentation:
    return segment(CARS)


@pytest.mark.parametrize("page", [STREET, TEA, CARS])
def test_spans_are_valid_ordered_and_disjoint(page: str) -> None:
    assert_valid(page, segment(page))


def test_marked_headline_and_byline_are_clean(street: Segmentation) -> None:
    art = street.articles[0]
    assert (art.headline, art.byline, art.kind) == ("城市更新激活老街区", ["柯文涛"], "news")


def test_section_head_stays_inside_its_article(street: Segmentation) -> None:
    assert len(street.articles) == 1
    assert "## 加快项目建设" in stitched(STREET, street, 0)


def test_sidebar_cut_out_mid_sentence_and_sentence_stitched(street: Segmentation) -> None:
    assert len(street.sidebars) == 1
    box = street.sidebars[0]
    assert box.article == 0
    assert STREET[box.span[0] : box.span[1]].startswith("截至2026年3月末")
    assert STREET[box.span[0] : box.span[1]].endswith("8.5亿元")
    body = stitched(STREET, street, 0)
    assert "各施工段仍需要合理安排施工时间" in body
    assert "3.2万平方米" not in body


def test_column_break_inside_a_word_is_joined(street: Segmentation) -> None:
    assert "带动周边制造业和服务业" in stitched(STREET, street, 0)


def test_real_paragraph_breaks_keep_their_newlines(street: Segmentation) -> None:
    assert "居民。\n\n## 加快项目建设" in stitched(STREET, street, 0)


def test_kicker_above_headline(tea: Segmentation) -> None:
    art = tea.articles[0]
    assert (art.kicker, art.headline, art.kind) == ("乡村振兴", "山区茶园走出致富新路", "feature")


def test_truncated_article_is_flagged_and_not_merged(tea: Segmentation) -> None:
    art = tea.articles[0]
    assert art.truncated
    assert stitched(TEA, tea, 0).endswith("合作社计划在明年建成省级")
    assert stitched(TEA, tea, 1).startswith("物价指数是观察宏观经济运行的重要窗口")


def test_trailing_column_and_author_go_to_the_headless_commentary(tea: Segmentation) -> None:
    art = tea.articles[1]
    assert (art.kind, art.headline, art.column, art.byline) == (
        "commentary",
        None,
        "经济时评",
        ["柯文涛"],
    )
    assert stitched(TEA, tea, 1).endswith("经济时评\n\n柯文涛")


def test_furniture_and_advertisement_are_their_own_units(tea: Segmentation) -> None:
    kinds = [a.kind for a in tea.articles]
    assert kinds == ["feature", "commentary", "furniture", "advertisement"]
    assert TEA[slice(*tea.articles[2].spans[0])] == "本版编辑 邱明远 蒋若帆"
    assert TEA[slice(*tea.articles[3].spans[0])] == "广告"


def test_subheadline_with_dash_and_dateline_byline(cars: Segmentation) -> None:
    art = cars.articles[0]
    assert art.headline == "新能源汽车下乡活动启动"
    assert art.subheadline == "——多地推出购车补贴和充电优惠"
    assert art.byline == ["赵一鸣", "马晓东"]


def test_headline_with_byline_starts_a_new_article(cars: Segmentation) -> None:
    assert [a.headline for a in cars.articles] == [
        "新能源汽车下乡活动启动",
        "高校毕业生就业服务月开启",
    ]
    assert cars.articles[1].byline == ["蒋若帆"]
    assert "招聘会将重点面向中小企业" in stitched(CARS, cars, 1)


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("□ 本报记者 彭小林", ["彭小林"]),
        ("本报记者 任 远", ["任 远"]),
        ("本报记者  顾  远", ["顾  远"]),
        ("记者 郑海燕", ["郑海燕"]),
        ("通讯员 马晓东", ["马晓东"]),
        ("本报记者 邱明远 通讯员 蒋若帆", ["邱明远", "蒋若帆"]),
        ("本报评论员", []),
        ("记者在采访中了解到", None),
    ],
)
def test_byline_forms(line: str, names: list[str] | None) -> None:
    assert byline_names(line) == names


@pytest.mark.parametrize(
    ("lead", "names"),
    [
        ("新华社北京5月19日电（记者 赵一鸣）近日，……", ["赵一鸣"]),
        ("本报上海6月2日电 （记者柯文涛、蒋若帆）近日，……", ["柯文涛", "蒋若帆"]),
        ("新华社北京5月19日电 近日，……", []),
    ],
)
def test_dateline_forms(lead: str, names: list[str]) -> None:
    assert dateline_names(lead) == names


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("本版编辑 邱明远", "furniture"),
        ("责任编辑：蒋若帆", "furniture"),
        ("版式设计：柯文涛", "furniture"),
        ("2026年5月18日 星期一", "furniture"),
        ("广告", "advertisement"),
        ("广 告", "advertisement"),
    ],
)
def test_furniture_and_advertisement_lines(line: str, kind: str) -> None:
    page = f"老街区改造完成\n\n老街区改造全部完成，居民生活更加便利。\n\n{line}"
    assert [a.kind for a in segment(page).articles] == ["news", kind]


TWO_STORIES = """春耕生产全面展开

各地抢抓农时，组织农机下田，春耕生产全面展开。农业农村部门派出技术人员深入田间，指导农户科学施肥、适时播种，确保春播面积稳定。

柯文涛摄

稳就业需要久久为功（时评）

就业是最基本的民生。稳就业既要扩大岗位供给，也要提升劳动者技能，让求职者和用人单位更好匹配。
"""

INSET = """古镇老街焕新颜

本报记者 柯文涛

近日，古镇老街完成保护性修缮，沿街商铺陆续开门迎客。古镇老街修缮坚持修旧如旧，保留青石板路和老字号招牌。

链接

古镇老街始建于明代，全长约800米，沿街保存有数十座明清建筑，是古镇老街保护的重点区域。
"""


def test_credit_line_closes_an_article_and_a_column_tag_starts_one() -> None:
    seg = segment(TWO_STORIES)
    assert [a.headline for a in seg.articles] == ["春耕生产全面展开", "稳就业需要久久为功（时评）"]
    assert stitched(TWO_STORIES, seg, 0).endswith("柯文涛摄")
    assert seg.articles[1].kind == "commentary"


def test_inset_label_stays_in_its_article() -> None:
    seg = segment(INSET)
    assert len(seg.articles) == 1
    assert "链接\n\n古镇老街始建于明代" in stitched(INSET, seg, 0)


@pytest.mark.parametrize(
    "line", ["2026-07-04 00:00:00:0 30166 http://example.cn/a.html", "第 9 版", "7"]
)
def test_machine_and_folio_lines_are_furniture(line: str) -> None:
    page = f"{line}\n\n老街区改造完成\n\n老街区改造全部完成，居民生活更加便利。"
    assert [a.kind for a in segment(page).articles] == ["furniture", "news"]


LINE_KINDS = [
    "老街区改造完成",
    "## 加快项目建设",
    "本报记者 柯文涛",
    "老街区改造全部完成，居民生活更加便利。",
    "施工单位分段推进排水管网改造，沿街商户仍需",
    "截至2026年3月末",
    "新增公共空间 3.2万平方米",
    "柯文涛摄",
    "本版编辑 邱明远",
    "广告",
    "经济时评",
    "蒋若帆",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.sampled_from(LINE_KINDS), max_size=14),
    st.sampled_from(["\n", "\n\n", "\n \n"]),
)
def test_any_mix_of_lines_gives_valid_spans(lines: list[str], sep: str) -> None:
    page = sep.join(lines)
    seg = segment(page)
    assert_valid(page, seg)
    covered = sum(e - s for a in seg.articles for s, e in a.spans)
    covered += sum(e - s for s, e in (sb.span for sb in seg.sidebars))
    assert covered >= len(page.replace("\n", "").replace(" ", ""))


# --- layout hints (as a PDF reader gives them) ---------------------------------------------


def test_headline_hint_starts_an_article_without_other_evidence() -> None:
    page = (
        "第一篇文章\n\n老街区改造全部完成。\n\n老街区改造后的新面貌\n\n老街区改造后居民生活更便利。"
    )
    at = page.index("老街区改造后的新面貌")
    hints = [LayoutHint(0, 5, "headline", 20.0), LayoutHint(at, at + 10, "headline", 20.0)]
    seg = segment(page, hints)
    assert [a.headline for a in seg.articles] == ["第一篇文章", "老街区改造后的新面貌"]


def test_sidebar_hint_makes_a_sidebar_of_its_lines() -> None:
    page = "老街区改造完成\n\n老街区改造全部完成，\n\n改造面积\n\n居民生活更加便利。"
    at = page.index("改造面积")
    seg = segment(page, [LayoutHint(at, at + 4, "sidebar")])
    assert [sb.span for sb in seg.sidebars] == [(at, at + 4)]
    assert "改造全部完成，居民生活更加便利。" in stitched(page, seg, 0)


def test_body_hint_keeps_a_short_line_in_the_body() -> None:
    page = "老街区改造完成\n\n老街区改造全部完成。\n\n老街区居民\n\n老街区居民生活更便利。"
    at = page.index("老街区居民\n")
    seg = segment(page, [LayoutHint(at, at + 5, "body")])
    assert len(seg.articles) == 1
    assert seg.articles[0].headline == "老街区改造完成"
    assert "老街区居民" in stitched(page, seg, 0)


# --- the seed page (corpora/seed, in the project) ------------------------------------------


@pytest.fixture(scope="module")
def seed(seed_text: str) -> Segmentation:
    return segment(seed_text)


def test_seed_has_six_units_of_the_right_kinds(seed: Segmentation) -> None:
    kinds = [a.kind for a in seed.articles]
    assert kinds == ["news", "feature", "commentary", "furniture", "news", "advertisement"]


def test_seed_spans_are_valid(seed_text: str, seed: Segmentation) -> None:
    assert_valid(seed_text, seed)


def test_seed_headlines_and_bylines(seed: Segmentation) -> None:
    news, feature, comment, _, news2, _ = seed.articles
    assert news.byline == ["彭江"] and news2.byline == ["尚 咲"]
    assert feature.kicker and feature.headline and not feature.byline
    assert comment.headline is None
    for art in (news, feature, news2):
        assert "#" not in art.headline and "本报记者" not in art.headline


def test_seed_truncated_feature_and_trailing_commentary(seed_text: str, seed: Segmentation) -> None:
    feature, comment = seed.articles[1], seed.articles[2]
    assert feature.truncated and not comment.truncated
    assert comment.column == "陶然论金" and comment.byline == ["陆敏"]
    assert not stitched(seed_text, seed, 1).endswith("。")
    assert stitched(seed_text, seed, 2).endswith("陶然论金\n\n陆敏")


def test_seed_sidebars_found_and_attached(seed_text: str, seed: Segmentation) -> None:
    assert len(seed.sidebars) == 2
    assert all(sb.article == 0 for sb in seed.sidebars)
    for sb in seed.sidebars:
        assert seed_text[sb.span[0] : sb.span[1]] not in stitched(seed_text, seed, 0)
    assert seed.sidebars[1].title is None
    assert seed_text[slice(*seed.sidebars[1].span)].startswith("截至")


@pytest.mark.parametrize(
    ("k", "phrase"),
    [
        (0, "组成部分，需要进一步优化"),  # sidebar cut out mid-sentence
        (0, "《通知》对优化信贷结构"),  # column break between words
        (4, "嵌入银行业务链条"),  # column break inside a word
        (4, "可靠性问题，大模型"),  # column break after a comma
    ],
)
def test_seed_stitched_sentences(seed_text: str, seed: Segmentation, k: int, phrase: str) -> None:
    assert phrase in stitched(seed_text, seed, k)


def test_seed_section_heads_stay_in_the_news_article(seed_text: str, seed: Segmentation) -> None:
    body = stitched(seed_text, seed, 0)
    heads = [ln.lstrip("# ") for ln in seed_text.splitlines() if ln.startswith("## ")]
    inside = [h for h in heads if h in body]
    assert len(inside) >= 3
