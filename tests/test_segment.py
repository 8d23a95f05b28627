"""Article segmentation: synthetic pages written for these tests, then the seed page."""

from __future__ import annotations

import itertools
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.ingest import LayoutHint
from pipeline.segment import Segmentation, byline_names, dateline_names, segment
from pipeline.textmap import TextMap

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pdf_layouts  # the seed page's articles, as the PDF tests lay them out


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

记者手记

走在修缮后的老街上，记者看到不少老人在门口晒太阳、聊家常，老街的烟火气又回来了。

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
    assert "记者手记\n\n走在修缮后的老街上" in stitched(INSET, seg, 0)


def test_background_box_is_a_sidebar_of_its_article() -> None:
    """corpora/ANNOTATION.md section 3: 链接/背景 boxes are sidebars, titled by their label."""
    seg = segment(INSET)
    assert [(sb.title, sb.article) for sb in seg.sidebars] == [("链接", 0)]
    box = INSET[slice(*seg.sidebars[0].span)]
    assert box.startswith("链接\n\n古镇老街始建于明代") and box.endswith("重点区域。")
    assert "始建于明代" not in stitched(INSET, seg, 0)


# An untitled box printed between two paragraphs of a feature: the box holds its one paragraph
# (or its short lines); the feature's own paragraphs after it go back to the feature.
BOX_PARAGRAPH = """乡村振兴观察
## 石桥村的“共享果园”

□ 本报记者 柯文涛

初秋的石桥村，山坡上的柑橘渐渐转黄。果农邓春林打开手机，就能看到自家果树的认养订单。“以前果子卖不上价，现在城里人提前认养，心里踏实多了。”他说。

“共享果园”由村集体牵头，城市家庭可按棵认养果树，每棵每年600元，果子成熟后由村里统一采摘寄送。

## 链接

认养规则：认养期为1年，认养人可随时到园区参观采摘，果树日常管护由村集体统一负责。

村党支部书记曹明远介绍，村里把认养收入的三成用于修路和建设冷库。“冷库建成后，果子能错峰上市，价格更稳。”

今年以来，石桥村已有400多个城市家庭认养果树，带动村民人均增收约2000元。曹明远说，明年还打算把茶园也纳入认养范围。
"""

BOX_LINES = """## 海边小镇的渔旅新路

□ 本报记者 柯文涛

清晨六点，渔港码头已经热闹起来。渔民许海生把刚卸下的梭子蟹装进冷链车，一部分送往城里的超市，一部分留给镇上的民宿。

## 小知识

学名：三疣梭子蟹；

产地：东海沿岸；

旺季：每年9月至11月。

“过去只会打鱼，现在游客来了，渔家乐也开起来了。”许海生笑着说，他家的民宿旺季几乎天天客满。

镇文旅办负责人蒋文清说，小镇正在修缮老渔村的石头房，计划明年开放渔俗展馆。
"""


@pytest.mark.parametrize(
    ("page", "box_end", "resumes"),
    [
        (BOX_PARAGRAPH, "统一负责。", "村党支部书记曹明远介绍"),
        (BOX_LINES, "9月至11月。", "“过去只会打鱼"),
        (BOX_LINES.replace("；", "").replace("9月至11月。", "9月至11月"), "9月至11月", "“过去"),
    ],
    ids=["one-paragraph", "short-lines", "display-lines"],
)
def test_untitled_box_ends_with_its_own_text_and_the_article_goes_on(
    page: str, box_end: str, resumes: str
) -> None:
    seg = segment(page)
    assert_valid(page, seg)
    assert len(seg.articles) == 1 and len(seg.sidebars) == 1
    box = page[slice(*seg.sidebars[0].span)]
    assert box.endswith(box_end) and seg.sidebars[0].article == 0
    article = seg.articles[0]
    assert len(article.spans) == 2
    assert page[slice(*article.spans[1])].startswith(resumes)
    assert page[slice(*article.spans[0])].endswith("。")  # no blank line before the box


# A commentary with its own headline, signed off by its author's bare name at the end and no
# reporter: the sign-off makes it a commentary. News with its reporter at the end stays news.
SIGNED_PIECE = """## 老街改造要让居民留得住

老街改造，难在“改”与“留”之间找到平衡。拆得太多，老街就只剩一个名字；一成不变，居民的生活又难以改善。

好的改造，应当先问居民需要什么。修好下水道、装上路灯，比刷一遍外墙更实在。

留住了人，才留得住烟火气。

{sign}

本版编辑 马 林
"""

NEWS_ENDS_WITH_REPORTER = """## 城南新建三座口袋公园

城南区今年新建的三座口袋公园日前全部开放，总面积约1.2万平方米，周边居民步行5分钟即可到达。

公园内设有健身步道、儿童游乐区和休息长廊，区园林部门还将在秋季补种乔木200余株。

{sign}

本版编辑 马 林
"""


@pytest.mark.parametrize(
    ("page", "sign", "kind"),
    [
        (SIGNED_PIECE, "□ 柯文涛", "commentary"),
        (SIGNED_PIECE, "——柯文涛", "commentary"),
        (NEWS_ENDS_WITH_REPORTER, "（记者 柯文涛）", "news"),
        (NEWS_ENDS_WITH_REPORTER, "（本报记者 柯文涛）", "news"),
        (NEWS_ENDS_WITH_REPORTER, "本报记者 柯文涛", "news"),
    ],
    ids=["square", "dash", "paren-reporter", "paren-staff", "staff-line"],
)
def test_bare_author_sign_off_makes_a_commentary_and_a_reporter_keeps_news(
    page: str, sign: str, kind: str
) -> None:
    text = page.format(sign=sign)
    seg = segment(text)
    assert_valid(text, seg)
    article = seg.articles[0]
    assert (article.kind, article.byline) == (kind, ["柯文涛"])
    assert article.headline == page.splitlines()[0].removeprefix("## ")
    assert stitched(text, seg, 0).endswith(sign)


def test_dateline_keeps_news_signed_with_a_bare_name() -> None:
    text = SIGNED_PIECE.format(sign="□ 柯文涛").replace("老街改造，难在", "本报讯 老街改造，难在")
    assert segment(text).articles[0].kind == "news"


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


SIGNED_MID_PAGE = """物价指数是观察宏观经济运行的重要窗口。最新数据显示，居民消费价格温和上涨。

稳物价既要关注短期波动，更要着眼中长期供需结构，让物价运行在合理区间。

经济时评

柯文涛

高校毕业生就业服务月开启

本报记者 蒋若帆

本报北京5月19日电　高校毕业生就业服务月19日开启，各地将举办招聘会，为毕业生提供岗位信息。
"""


def signed_mid_page_hints(role_of_column: str) -> list[LayoutHint]:
    """Hints as a PDF reader gives them: the column name in display type, the name as body."""
    page = SIGNED_MID_PAGE
    roles = {"经济时评": role_of_column, "柯文涛": "body", "高校毕业生就业服务月开启": "headline"}
    lines = page.split("\n")
    starts = itertools.accumulate([len(x) + 1 for x in lines], initial=0)
    return [
        LayoutHint(start, start + len(line), roles.get(line, "body"), 10.0)
        for start, line in zip(starts, lines, strict=False)
        if line
    ]


@pytest.mark.parametrize(
    "hints",
    [[], signed_mid_page_hints("subheadline"), signed_mid_page_hints("headline")],
    ids=["text", "column_as_subheadline", "column_as_headline"],
)
def test_column_and_author_close_an_article_in_mid_page(hints: list[LayoutHint]) -> None:
    seg = segment(SIGNED_MID_PAGE, hints)
    heads = [(a.kind, a.headline, a.column, a.byline) for a in seg.articles]
    assert heads == [
        ("commentary", None, "经济时评", ["柯文涛"]),
        ("news", "高校毕业生就业服务月开启", None, ["蒋若帆"]),
    ]
    assert stitched(SIGNED_MID_PAGE, seg, 0).endswith("经济时评\n\n柯文涛")


@pytest.mark.parametrize("folio", ["金融 第9版", "第3版：要闻", "要闻 3版", "第 9 版"])
def test_folio_with_section_name_is_furniture(folio: str) -> None:
    page = f"{folio}\n\n老街区改造完成\n\n老街区改造全部完成，居民生活更加便利。"
    seg = segment(page)
    assert [(a.kind, a.kicker, a.headline) for a in seg.articles] == [
        ("furniture", None, None),
        ("news", None, "老街区改造完成"),
    ]


# Hard-wrapped pages (OCR output, some archives): a newline every N characters.
WRAPPED_STORIES = [
    (
        "县域商业体系建设提速",
        "本报记者 柯文涛",
        [
            "近日，商务部门发布数据显示，今年以来各地加快推进县域商业体系建设，新建和改造乡镇"
            "商贸中心1200余个，农村快递物流网点覆盖率超过95%。",
            "县域商业是连接城乡市场的重要纽带。过去，不少乡镇商贸设施陈旧，商品种类少，农产品"
            "进城难、工业品下乡贵的问题较为突出。随着县域商业体系建设深入推进，这些问题正在逐步"
            "缓解。",
            "在中部某县，新建成的乡镇商贸中心集超市、餐饮、快递收发于一体，周边村民不出镇就能"
            "买到城里的商品。商贸中心负责人介绍，开业以来客流量稳步增加，日均销售额达到8.6万元。",
            "下一步，商务部门将继续完善县乡村三级物流配送体系，推动连锁商超向乡镇延伸，促进农村"
            "消费提质扩容。",
        ],
    ),
    (
        "老旧小区加装电梯惠及万户居民",
        "本报记者 蒋若帆",
        [
            "本报南湖5月19日电  记者从住房城乡建设部门获悉，2026年1—4月，全市老旧小区"
            "新开工加装电梯860部，惠及居民1.2万户，提前完成年度目标的四成。",
            "加装电梯是群众关心的民生实事。为加快审批，相关部门推行联合审查，将审批时间压缩至"
            "20个工作日以内，并对符合条件的项目给予资金补贴。",
            "居民老周家住六楼，过去上下楼十分吃力。“现在电梯装好了，出门方便多了。”他说。",
        ],
    ),
]


def wrap(text: str, width: int, printed: bool) -> list[str]:
    """Lines of ``width`` characters, or of ``width`` full-width characters when ``printed``
    (then half-width digits and letters take half the room)."""
    lines, line, room = [], "", 0.0
    for ch in text:
        size = 0.5 if printed and ch.isascii() else 1.0
        if room + size > width:
            lines.append(line)
            line, room = "", 0.0
        line += ch
        room += size
    return [*lines, line] if line else lines


def hard_wrapped(
    width: int, style: str, printed: bool = False, stories: list = WRAPPED_STORIES
) -> str:
    """The stories with every paragraph cut into lines of ``width``; paragraphs start with an
    indent, or stand between blank lines, or neither (style plain)."""
    out: list[str] = []
    for headline, byline, paragraphs in stories:
        out += [headline, byline] if byline else [headline]
        for para in paragraphs:
            text = "\u3000\u3000" + para if style == "indent" else para
            if style == "blank":
                out.append("")
            out += wrap(text, width, printed)
        if style == "blank":
            out.append("")
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("printed", [False, True], ids=["by_characters", "by_printed_width"])
@pytest.mark.parametrize("width", [20, 26, 33, 40])
@pytest.mark.parametrize("style", ["indent", "blank", "plain"])
def test_hard_wrapped_paragraphs_read_as_paragraphs(width: int, style: str, printed: bool) -> None:
    page = hard_wrapped(width, style, printed)
    seg = segment(page)
    assert_valid(page, seg)
    heads = [(a.kind, a.headline, a.byline) for a in seg.articles]
    assert heads == [("news", h, [b.split()[-1]]) for h, b, _ in WRAPPED_STORIES]
    for k, (_, _, paragraphs) in enumerate(WRAPPED_STORIES):
        body = stitched(page, seg, k)
        for para in paragraphs:  # whole, with no line break inside (numbers included)
            assert para in body


@pytest.mark.parametrize(
    ("style", "byline"),
    [("indent", True), ("indent", False), ("blank", True), ("blank", False), ("plain", True)],
)
def test_headline_as_wide_as_the_wrap_width_stays_a_headline(style: str, byline: bool) -> None:
    """A headline that fills the wrap width ends where a byline, a blank line or an indent
    says so (on a plain page with none of them it cannot be told from a wrapped line)."""
    headline = "老旧小区加装电梯惠及全市一万多户居民家庭"
    stories = [(h, b if byline else "", paragraphs) for h, b, paragraphs in WRAPPED_STORIES]
    stories[1] = (headline, *stories[1][1:])
    page = hard_wrapped(len(headline), style, stories=stories)
    seg = segment(page)
    assert [a.headline for a in seg.articles] == [WRAPPED_STORIES[0][0], headline]
    assert stitched(page, seg, 1).startswith(headline + "\n")


@pytest.mark.parametrize("style", ["indent", "blank", "plain"])
def test_hard_wrapped_page_keeps_paragraph_breaks_it_can_see(style: str) -> None:
    page = hard_wrapped(24, style)
    body = stitched(page, segment(page), 0)
    first, second = WRAPPED_STORIES[0][2][:2]
    if style == "plain":  # nothing marks where a paragraph ends that fills its last line
        assert first in body and second in body
    else:
        assert f"{first}\n" in body


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


def article_heads(seg: Segmentation) -> list[tuple]:
    return [
        (a.kind, a.kicker, a.headline, a.subheadline, a.column, a.byline, a.truncated)
        for a in seg.articles
    ]


def squeezed(text: str, spans: list[tuple[int, int]]) -> str:
    return "".join(TextMap.from_spans(text, spans).text.split())


def wrapped_seed(seed_text: str, width: int, style: str) -> str:
    """The seed page with its paragraphs hard-wrapped (section heads and short lines too)."""
    out: list[str] = []
    for para in seed_text.split("\n"):
        if not para.strip():
            out += [""] if style == "blank" else []
            continue
        indent = style == "indent" and not para.startswith("#") and len(para) > width
        out += wrap("\u3000\u3000" + para if indent else para, width, printed=False)
    return "\n".join(out)


@pytest.mark.parametrize("width", [20, 30, 40])
@pytest.mark.parametrize("style", ["indent", "blank", "plain"])
def test_hard_wrapped_seed_page_segments_like_the_seed(
    seed_text: str, seed: Segmentation, width: int, style: str
) -> None:
    page = wrapped_seed(seed_text, width, style)
    seg = segment(page)
    assert_valid(page, seg)
    assert article_heads(seg) == article_heads(seed)
    for got, want in zip(seg.articles, seed.articles, strict=True):
        assert squeezed(page, got.spans) == squeezed(seed_text, want.spans)
    assert [squeezed(page, [b.span]) for b in seg.sidebars] == [
        squeezed(seed_text, [b.span]) for b in seed.sidebars
    ]


# --- reports, summaries and verse (written for these tests) --------------------------------

PACKAGE_NOTE = """古镇新生  老街焕彩（城乡新貌）

古镇是乡愁的载体。近年来，各地在保护中发展，让古镇老街重新焕发活力。本版今起推出系列报道，讲述古镇老街的新故事。

——编  者

"""

PACKAGE_PARTS = """青石板路  重现市声

本报记者  柯文涛

清晨，古镇老街的青石板路上，早点铺子已经支起了摊位。老街修缮坚持修旧如旧，保留了老字号招牌和木质门板，游客和居民在老街上往来穿行。

老街的修缮让古镇重新热闹起来。老字号店主说，修缮后的老街客流明显增加，古镇的夜市也恢复了往日的市声。

老宅改造  留住乡愁

本报记者  蒋若帆

在古镇东头，几座老宅经过改造成了民宿和书屋。改造保留了老宅的梁柱和天井，古镇老街的居民说，老宅留住了大家的乡愁。

古镇老宅改造由居民自愿参与，政府给予修缮补贴。古镇老街的老宅民宿开业后，吸引了不少年轻人回乡创业。

高校毕业生就业服务月开启

本报记者 邱明远

本报北京5月19日电　高校毕业生就业服务月19日开启，各地将举办招聘会，为毕业生提供岗位信息。
"""


def test_bylined_parts_after_an_editors_note_belong_to_its_report() -> None:
    page = PACKAGE_NOTE + PACKAGE_PARTS
    seg = segment(page)
    assert [a.headline for a in seg.articles] == [
        "古镇新生  老街焕彩（城乡新貌）",
        "高校毕业生就业服务月开启",
    ]
    assert "老宅改造  留住乡愁" in stitched(page, seg, 0)


def test_bylined_parts_without_an_editors_note_are_articles() -> None:
    seg = segment(PACKAGE_PARTS)
    assert [a.headline for a in seg.articles] == [
        "青石板路  重现市声",
        "老宅改造  留住乡愁",
        "高校毕业生就业服务月开启",
    ]


SUMMARY_THEN_DATELINE = """数字经济发展迎来新机遇

■ 数字经济规模持续扩大，数据要素市场加快培育，算力基础设施布局不断优化。

■ 与会嘉宾认为，要加强数据安全保护，完善数据产权制度，推动公共数据开放共享。

■ 会上发布数字经济发展报告，提出加快建设统一的数据要素市场，培育数据服务企业。

■ 多家企业签署合作协议，共建算力中心和数据交易平台，推动数字技术与实体经济融合。

■ 与会嘉宾建议，加大对中小企业数字化转型的支持力度，降低企业上云用数的成本。

■ 会上还启动了数字技能提升行动，计划三年内培训产业工人和基层干部。

本报南湖5月19日电（记者柯文涛）第五届南湖论坛19日开幕，来自各地的八百余位嘉宾出席。

与会嘉宾认为，数字经济规模持续扩大，数据要素市场加快培育，算力基础设施布局不断优化。要加强数据安全保护，完善数据产权制度，推动公共数据开放共享。

会上发布数字经济发展报告，提出加快建设统一的数据要素市场，培育数据服务企业。多家企业签署合作协议，共建算力中心和数据交易平台，推动数字技术与实体经济融合。
"""


def test_dateline_after_a_summary_of_its_own_story_stays_in_the_article() -> None:
    seg = segment(SUMMARY_THEN_DATELINE)
    assert [a.headline for a in seg.articles] == ["数字经济发展迎来新机遇"]


VERSE = """秋日登高（随笔）

重阳前后，约了几位老友去爬城郊的小山。山路不陡，走走停停，一路说着旧事，不觉已到山顶。

山顶有座小亭，亭中石桌上刻着棋盘。我们坐下歇脚，看山下的稻田一块块黄了。

河边的早晨

河水醒得很早

雾从芦苇里升起

一只白鹭  站在浅滩上

它看着水  水也看着它

渡船还没有来

远处的钟声  一下一下

把早晨敲得很亮

山城的灯火（遇见）

夜里到达山城，出租车沿着江边盘旋而上。窗外的灯火一层叠着一层，像是挂在山上的星星。

司机是本地人，一路给我讲哪座桥是哪年修的，哪条街的小面最地道。
"""


def test_poem_and_a_tagged_headline_after_it_are_two_articles() -> None:
    seg = segment(VERSE)
    assert [a.headline for a in seg.articles] == [
        "秋日登高（随笔）",
        "河边的早晨",
        "山城的灯火（遇见）",
    ]
    assert stitched(VERSE, seg, 1).endswith("把早晨敲得很亮")


def test_dateline_of_another_story_starts_an_article_without_a_headline() -> None:
    other = (
        "新华社北京5月19日电  高校毕业生就业服务月19日开启，各地将举办招聘会，"
        "为毕业生提供岗位信息。招聘会将重点面向中小企业，帮助毕业生找到合适岗位。"
    )
    page = SUMMARY_THEN_DATELINE + "\n" + other + "\n"
    seg = segment(page)
    assert len(seg.articles) == 2
    assert stitched(page, seg, 1) == other


NEWS_THEN_COLUMN = """高校毕业生就业服务月开启

本报记者 蒋若帆

本报北京5月19日电　高校毕业生就业服务月19日开启，各地将举办招聘会，为毕业生提供岗位信息。

经济时评

物价指数是观察宏观经济运行的重要窗口。最新数据显示，居民消费价格温和上涨。

稳物价既要关注短期波动，更要着眼中长期供需结构，让物价运行在合理区间。

柯文涛

本版编辑 邱明远
"""


def test_column_name_on_top_and_author_at_the_end_make_a_commentary() -> None:
    seg = segment(NEWS_THEN_COLUMN)
    assert [(a.kind, a.headline, a.column, a.byline) for a in seg.articles] == [
        ("news", "高校毕业生就业服务月开启", None, ["蒋若帆"]),
        ("commentary", None, "经济时评", ["柯文涛"]),
        ("furniture", None, None, []),
    ]
    assert stitched(NEWS_THEN_COLUMN, seg, 1).endswith("合理区间。\n\n柯文涛")


def test_author_alone_closes_an_article_in_mid_page() -> None:
    page = SIGNED_MID_PAGE.replace("经济时评\n\n", "")
    seg = segment(page)
    assert [(a.headline, a.byline) for a in seg.articles] == [
        (None, ["柯文涛"]),
        ("高校毕业生就业服务月开启", ["蒋若帆"]),
    ]


# --- other papers' conventions (经济日报, 光明日报, local dailies; written for these tests) ---

ECONOMY = """经济日报 2026年6月10日 星期三 第5版 产业

责编：邱明远　美编：蒋若帆　校对：柯文涛

夏粮收购平稳有序推进

本报讯（记者 周晓梅 通讯员 陈立军）今年夏粮收购已全面展开。

为方便农民售粮，各地增设收购网点320个，推行预约收购和上门服务，农民售粮排队时间明显缩短。

数据来源：省粮食部门

光伏制造加快向中西部布局

本报北京6月9日讯（记者 刘建国）多家光伏制造企业近期宣布在中西部地区新建生产基地，产业布局加快调整。

业内人士分析，中西部地区电力资源丰富、土地成本较低，为制造业发展提供了有利条件，也带动了当地配套企业发展。

记者 刘建国 摄

让数据要素更好服务实体经济

赵志远

数据要素是数字经济发展的重要引擎。发挥数据要素的放大、叠加、倍增作用，是推动高质量发展的重要课题。

破解确权难、定价难、流通难等问题，需要在制度设计上下功夫，在实践探索中积累经验。

（作者系某大学数字经济研究院研究员）
"""


def test_economy_page_header_datelines_credits_and_author_note() -> None:
    seg = segment(ECONOMY)
    assert_valid(ECONOMY, seg)
    assert [(a.kind, a.headline, a.byline) for a in seg.articles] == [
        ("furniture", None, []),
        ("news", "夏粮收购平稳有序推进", ["周晓梅", "陈立军"]),
        ("news", "光伏制造加快向中西部布局", ["刘建国"]),
        ("commentary", "让数据要素更好服务实体经济", ["赵志远"]),
    ]
    assert stitched(ECONOMY, seg, 1).endswith("数据来源：省粮食部门")
    assert stitched(ECONOMY, seg, 2).endswith("记者 刘建国 摄")


PICTURES_AND_BRIEFS = """要闻 2版

图片新闻

6月9日，在城郊的一处高标准农田，农机手驾驶收割机抢收小麦。

新华社记者 王晓东 摄

6月9日，游客在古镇参观非遗展示活动。

新华社发（陈静 摄）

快讯

■ 跨省氢能重卡干线开通　本报讯　一条连接两省的氢能重卡货运干线9日开通，沿线建成加氢站6座。

■ 便民生活圈加快建设　本报讯　今年以来，各地新建改造社区便民商业网点1.2万个。

■ 农村公路养护水平提升　本报讯　交通运输部门数据显示，农村公路优良中等路率稳步提高。

海上风电项目并网发电

（上接第1版）

项目全部建成后，每年可提供清洁电力约28亿千瓦时。项目建设中，企业采用多项新技术，降低了施工成本。
"""


def test_photo_items_each_close_with_their_credit() -> None:
    seg = segment(PICTURES_AND_BRIEFS)
    assert_valid(PICTURES_AND_BRIEFS, seg)
    assert stitched(PICTURES_AND_BRIEFS, seg, 1).startswith("图片新闻\n\n6月9日，在城郊")
    assert stitched(PICTURES_AND_BRIEFS, seg, 1).endswith("新华社记者 王晓东 摄")
    assert (
        stitched(PICTURES_AND_BRIEFS, seg, 2)
        == "6月9日，游客在古镇参观非遗展示活动。\n\n新华社发（陈静 摄）"
    )


def test_each_brief_is_an_article_headed_by_its_lead_in() -> None:
    seg = segment(PICTURES_AND_BRIEFS)
    briefs = [(a.kind, a.kicker, a.headline) for a in seg.articles[3:6]]
    assert briefs == [
        ("news", "快讯", "跨省氢能重卡干线开通"),
        ("news", None, "便民生活圈加快建设"),
        ("news", None, "农村公路养护水平提升"),
    ]


def test_continued_article_keeps_its_headline_over_the_jump_note() -> None:
    seg = segment(PICTURES_AND_BRIEFS)
    last = seg.articles[-1]
    assert (last.headline, last.kicker) == ("海上风电项目并网发电", None)
    assert stitched(PICTURES_AND_BRIEFS, seg, len(seg.articles) - 1).startswith(
        "海上风电项目并网发电\n\n（上接第1版）\n\n项目全部建成后"
    )


@pytest.mark.parametrize("note", ["下转第8版", "（下转第八版）", "PARA（下转第2版）"])
def test_jump_note_truncates_and_closes_the_article(note: str) -> None:
    para = "老街区改造全部完成，居民生活更加便利，沿街商户也迎来更多顾客。"
    tail = para + note[4:] if note.startswith("PARA") else f"{para}\n\n{note}"
    page = (
        f"老街区改造完成\n\n本报记者 柯文涛\n\n{tail}\n\n稳就业需要久久为功\n\n就业是最基本的民生。"
    )
    seg = segment(page)
    assert [(a.headline, a.truncated) for a in seg.articles] == [
        ("老街区改造完成", True),
        ("稳就业需要久久为功", False),
    ]
    assert stitched(page, seg, 0).endswith(note[4:] if note.startswith("PARA") else note)


def test_article_opening_with_a_jump_note_is_a_new_article() -> None:
    page = (
        "老街区改造完成\n\n老街区改造全部完成，居民生活更加便利。\n\n（上接第1版）\n\n"
        "项目全部建成后，每年可提供清洁电力约28亿千瓦时。"
    )
    seg = segment(page)
    assert len(seg.articles) == 2
    assert stitched(page, seg, 1).startswith("（上接第1版）")


EDUCATION = """光明日报 2026年6月10日 第7版 教育

校企共建产业学院　培养“订单式”人才

光明日报记者　孙丽华　光明日报通讯员　杨帆

走进一所职业技术学院的智能制造实训中心，学生们正在老师指导下调试工业机器人。这所学院与多家制造企业共建产业学院，企业工程师定期来校授课。

记者：学院在师资队伍建设方面有哪些做法？

答：我们实行双师型教师培养计划，每年选派教师到企业实践，同时聘请企业技术骨干担任兼职教师。

记者：学生的实践机会多吗？

答：学生在校期间就参与企业真实项目，毕业后上手快，近三年毕业生就业率保持在95%以上。

短评

职业教育要跟上产业变化

产业在升级，技术在迭代，职业教育的专业设置和课程内容也要随之调整。院校与企业深度合作，才能让学生学到真本事。

——李明哲
"""


def test_interview_questions_stay_in_the_body_and_a_short_comment_is_commentary() -> None:
    seg = segment(EDUCATION)
    assert_valid(EDUCATION, seg)
    assert [(a.kind, a.kicker, a.headline, a.byline) for a in seg.articles] == [
        ("furniture", None, None, []),
        ("news", None, "校企共建产业学院　培养“订单式”人才", ["孙丽华", "杨帆"]),
        ("commentary", "短评", "职业教育要跟上产业变化", ["李明哲"]),
    ]
    assert "记者：学生的实践机会多吗？\n\n答：" in stitched(EDUCATION, seg, 1)
    assert stitched(EDUCATION, seg, 2).endswith("真本事。\n\n——李明哲")


ADS_ONLY = """广告

某某品牌空调　节能新选择

一级能效　静音运行　全国联保

服务热线：400-123-4567

某某地产　滨江花园

精装现房　即买即住
"""


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_advertisement_copy_joins_its_marker(where: str) -> None:
    page = ADS_ONLY if where == "top" else ADS_ONLY.replace("广告\n\n", "") + "\n广告\n"
    seg = segment(page)
    assert [a.kind for a in seg.articles] == ["advertisement"]
    assert squeezed(page, seg.articles[0].spans) == "".join(page.split())


SHORT_STORIES = [
    ("春耕生产全面展开", "各地抢抓农时，组织农机下田，确保春播面积稳定。"),
    ("这个夏天，去哪儿避暑？", "盛夏来临，不少市民开始规划避暑出行，亲子家庭占比上升。"),
    ("让文明之花处处绽放！", "文明城市创建离不开每一位市民的参与，点滴小事汇聚成城市底色。"),
    ("老旧小区加装电梯提速", "全市新开工加装电梯860部，审批时间压缩至20个工作日以内。"),
    ("跨境电商出口较快增长", "跨境电商企业积极开拓新兴市场，海外仓建设加快推进。"),
    ("县域商业体系建设提速", "新建和改造乡镇商贸中心1200余个，农村快递网点加快覆盖。"),
    ("高校毕业生就业服务月开启", "各地将举办招聘会，重点面向中小企业提供岗位信息。"),
    ("古镇老街焕新颜", "古镇老街完成保护性修缮，沿街商铺陆续开门迎客。"),
    ("城乡居民收入稳步增长", "前5个月居民人均可支配收入实际增长5.2%，城乡差距继续缩小。"),
]


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank_lines", "single_newlines"])
@pytest.mark.parametrize("indent", ["", "\u3000\u3000"], ids=["flush", "full_width_indent"])
def test_page_of_many_short_bylined_stories(sep: str, indent: str) -> None:
    names = ["柯文涛", "蒋若帆", "邱明远"]
    page = sep.join(
        f"{head}{sep}本报记者 {names[k % 3]}{sep}{indent}本报北京6月9日电　{body}"
        for k, (head, body) in enumerate(SHORT_STORIES)
    )
    seg = segment(page)
    assert_valid(page, seg)
    assert [(a.headline, a.byline) for a in seg.articles] == [
        (head, [names[k % 3]]) for k, (head, _) in enumerate(SHORT_STORIES)
    ]
    assert not seg.sidebars


def test_single_long_article_with_short_figure_paragraphs_is_one_article() -> None:
    paras = [f"第{k}季度，全市新增就业岗位{k}.{k}万个，同比增长{k}%。" for k in range(1, 5)] * 6
    page = "全市就业形势保持稳定\n\n本报记者 柯文涛\n\n" + "\n\n".join(paras)
    seg = segment(page)
    assert len(seg.articles) == 1 and not seg.sidebars
    assert squeezed(page, seg.articles[0].spans) == "".join(page.split())


RESULTS_TABLE = """全市中小学生运动会落幕

本报记者 郑海燕

本报讯　为期三天的全市中小学生运动会9日落幕，来自42所学校的1800余名运动员参加比赛。

男子100米决赛成绩如下：

第一名　李浩然　11秒32

第二名　陈思远　11秒45

第三名　王子轩　11秒58

本届运动会共打破市纪录6项，组委会表示，明年将增设游泳项目。
"""


def test_results_table_the_text_announces_is_body_not_a_sidebar() -> None:
    """A table the article's own sentence introduces (如下：) is body text; sidebars are
    boxes printed beside the text (corpora/ANNOTATION.md section 3)."""
    seg = segment(RESULTS_TABLE)
    assert not seg.sidebars
    assert "如下：\n\n第一名　李浩然　11秒32" in stitched(RESULTS_TABLE, seg, 0)


LOCAL_DAILY = """5　综合　2026年6月10日　星期三

“小修小补”撬动城市大民生

本报记者 马志远 报道

本报南湖6月9日电　今年以来，南湖市聚焦群众身边的“小修小补”需求，在社区设立便民维修点300余个。

【群众心声】

家住老城区的居民王阿姨说，以前修个拉链要跑好几条街，现在楼下就能修，方便多了。

【部门举措】

市商务局相关负责人介绍，下一步将把便民维修点纳入一刻钟便民生活圈建设统筹推进。

以公益诉讼守护绿水青山

——访某省人民检察院负责人

文／张晓琳

问：今年以来，全省检察机关办理了哪些公益诉讼案件？

答：我们聚焦生态环境和资源保护领域，办理了一批群众关注的案件，推动解决了一批突出问题。

责任编辑：陈晓东　　版式设计：林华
"""


def test_local_daily_bracket_labels_are_sections_and_bylines_with_a_suffix() -> None:
    seg = segment(LOCAL_DAILY)
    assert_valid(LOCAL_DAILY, seg)
    assert [(a.kind, a.headline, a.subheadline, a.byline) for a in seg.articles] == [
        ("furniture", None, None, []),
        ("news", "“小修小补”撬动城市大民生", None, ["马志远"]),
        ("news", "以公益诉讼守护绿水青山", "——访某省人民检察院负责人", ["张晓琳"]),
        ("furniture", None, None, []),
    ]
    assert "【部门举措】\n\n市商务局" in stitched(LOCAL_DAILY, seg, 1)


def test_closing_parenthesis_names_the_reporter() -> None:
    page = "老街区改造完成\n\n老街区改造全部完成，居民生活更加便利。\n\n（本报记者 马志远）"
    seg = segment(page)
    assert [(a.headline, a.byline) for a in seg.articles] == [("老街区改造完成", ["马志远"])]


INCOME = """城乡居民收入稳步增长

本报记者 吴晓燕

本报北京6月9日电　最新发布的数据显示，今年前5个月，居民收入实际增长5.2%。

前5个月居民收入

人均可支配收入 1.8万元

工资性收入 1.03万元

数据来源：国家统计局

专家表示，收入稳步增长为扩大消费提供了有力支撑。下一步，要多渠道增加城乡居民收入，让居民钱袋子更鼓。

其中，山区县居民收入增速高于平原县，外出务工收入也在增加。
"""


def test_a_sidebar_keeps_its_source_line_and_the_article_goes_on_after_it() -> None:
    seg = segment(INCOME)
    assert len(seg.articles) == 1 and len(seg.sidebars) == 1
    assert INCOME[slice(*seg.sidebars[0].span)].endswith("数据来源：国家统计局")
    assert stitched(INCOME, seg, 0).endswith("外出务工收入也在增加。")


def test_credit_that_the_text_goes_on_after_does_not_close_the_article() -> None:
    page = INCOME.replace(
        "前5个月居民收入\n\n人均可支配收入 1.8万元\n\n工资性收入 1.03万元\n\n", ""
    )
    seg = segment(page)
    assert [a.headline for a in seg.articles] == ["城乡居民收入稳步增长"]


def test_photo_credit_with_a_padded_name_under_a_caption() -> None:
    page = (
        "船舶污染治理见成效\n\n本报记者 柯文涛\n\n图①：环卫工人在码头收集垃圾。\n\n全  异摄\n\n"
        "江河湖库是生态系统的重要组成部分。检察机关发挥公益诉讼作用，推动流域综合治理。"
    )
    seg = segment(page)
    assert [a.headline for a in seg.articles] == ["船舶污染治理见成效"]
    assert "全  异摄\n\n江河湖库" in stitched(page, seg, 0)


@pytest.mark.parametrize("sep", ["\n\n", "\n"], ids=["blank_lines", "single_newlines"])
def test_page_of_short_stories_without_bylines(sep: str) -> None:
    page = sep.join(f"{head}{sep}{body}" for head, body in SHORT_STORIES)
    seg = segment(page)
    assert [a.headline for a in seg.articles] == [head for head, _ in SHORT_STORIES]


@pytest.mark.parametrize("page", [ECONOMY, EDUCATION, PICTURES_AND_BRIEFS, LOCAL_DAILY])
def test_windows_line_ends_give_the_same_articles(page: str) -> None:
    def heads(text: str) -> list[tuple]:
        return [(a.kind, a.headline, a.byline, len(a.spans)) for a in segment(text).articles]

    windows = page.replace("\n", "\r\n")
    assert heads(windows) == heads(page)
    assert_valid(windows, segment(windows))


SERIES_NOTE = """编者按：乡村振兴，人才是关键。今起，本版推出“返乡青年”系列报道。

种下一片希望田

本报记者 蒋若帆

清晨六点，小周已经在自家的果园里忙碌起来。三年前，他辞去城里的工作回到家乡，承包荒山种植猕猴桃。

如今，小周的果园年产猕猴桃十余万斤，还带动周边三十多户村民一起种植。

高校毕业生就业服务月开启

本报记者 邱明远

本报北京5月19日电　高校毕业生就业服务月19日开启，各地将举办招聘会，为毕业生提供岗位信息。
"""


def test_editors_note_over_a_headline_opens_that_article() -> None:
    seg = segment(SERIES_NOTE)
    assert [(a.headline, a.byline) for a in seg.articles] == [
        ("种下一片希望田", ["蒋若帆"]),
        ("高校毕业生就业服务月开启", ["邱明远"]),
    ]
    assert stitched(SERIES_NOTE, seg, 0).startswith("编者按：乡村振兴")


# --- a headline-less commentary signed off after another article (written for these tests) --

CLINIC_THEN_NIGHT_MARKETS = """城乡居民医保参保实现掌上办

本报记者 林晓岚

本报讯　省医疗保障局近日推出城乡居民医保参保缴费线上服务，群众通过手机即可完成参保登记、缴费和查询。

据介绍，线上服务打通了医保、税务和民政部门的数据，低保对象、特困人员等群体的参保补助自动核定，无需再到窗口提交证明材料。今年以来，全省已有320万人通过线上渠道完成参保缴费。

省医疗保障局有关负责人表示，下一步将推动异地就医备案、医保关系转移等更多事项网上办理，让参保群众少跑腿。

夜间经济是城市活力的晴雨表。夜市、夜游、夜读等新业态不断涌现，既丰富了居民的夜间生活，也为城市消费增添了新动能。

发展夜间经济，不能只图一时热闹。一些城市的夜市同质化严重，摊位千篇一律，游客逛过一次便失去兴趣。夜间经济要持续繁荣，必须在特色上下功夫，挖掘本地文化资源，打造有辨识度的夜间消费场景。

夜间经济的繁荣也离不开精细的城市管理。延长公交地铁运营时间，完善夜间照明和停车设施，加强治安巡逻和食品安全检查，才能让居民和游客放心消费、安心游玩。

点亮夜间经济，更要温暖城市烟火气。把群众的夜间需求放在心上，夜间经济才能成为城市的一张亮丽名片。

城市观察

周明远

本版编辑 许  静
"""

GRAIN_THEN_FARMING = """夏粮收购进度快于去年同期

本报记者 陈立军

本报北京6月9日电　今年夏粮收购已在主产区全面展开，收购进度快于去年同期。

据国家粮食和物资储备局统计，各类粮食企业已累计收购小麦2100万吨。

为方便农民售粮，主产区增设收购网点，推行预约收购、上门服务和线上结算，农民售粮排队时间明显缩短。

国家粮食和物资储备局有关负责人表示，将加强收购资金保障和市场监测，坚决守住农民种粮卖得出的底线。

种粮有钱赚，农民才愿意种粮。保障国家粮食安全，归根结底要调动农民种粮积极性，让种粮农民在经济上不吃亏、在政策上得实惠。

近年来，种粮成本持续上升，化肥、农药、人工等价格上涨挤压了种粮收益。提高种粮收益，既要稳定粮价预期，也要降低种粮成本，推广社会化服务，让小农户用上先进农机和良种。

健全种粮农民收益保障机制，还要发挥政策的托底作用。完善最低收购价政策和耕地地力保护补贴，扩大完全成本保险和种植收入保险覆盖面，让种粮农民吃下定心丸。

手中有粮，心中不慌。把种粮农民的收益放在心上，粮食安全的根基才能更加牢固。

田间笔记

钱  锋

新能源汽车充电网络加快向县乡延伸

本报记者 蒋若帆

本报北京6月9日电　国家能源局日前印发通知，推动充电基础设施向县城和乡镇延伸。

通知提出，鼓励企业在县城商业中心、乡镇政府驻地和高速公路服务区建设公共充电设施，完善充电网络运营维护机制。
"""

HOUSING_THEN_READING = """## 老旧小区改造惠及百万居民

□ 本报记者 孙丽华

今年以来，全省加快推进城镇老旧小区改造，已开工改造小区1860个，惠及居民42万户。老旧小区改造既是民生工程，也是发展工程，各地把改造与完善社区服务、提升城市品质结合起来，群众获得感明显增强。

## 补齐设施短板

各地把加装电梯、更新管网、增设停车位作为老旧小区改造重点，同步建设养老托育、便民市场等社区服务设施。南湖区在老旧小区改造中引入专业物业服务，小区环境明显改善。

加装电梯是居民最关心的事。多地简化加装电梯审批流程，提供财政补贴，并组织社区干部上门协调，帮助低层和高层住户达成共识。

## 创新投融资机制

老旧小区改造资金需求大，各地探索政府补助、居民出资、社会资本参与的多元投入机制。一些城市通过盘活小区闲置空间、发展社区商业，吸引企业参与老旧小区改造和运营。

省住房城乡建设厅有关负责人表示，将继续完善老旧小区改造政策，推动改造后的小区建立长效管理机制。

阅读是一座城市最温柔的底色。走进街头的城市书房，总能看到安静读书的市民，有白发老人，也有背着书包的孩子。

城市书房遍地开花，让阅读变得触手可及。但也要看到，一些书房藏书更新慢、开放时间短，晚上和周末恰恰是市民最想去的时候，却常常大门紧闭。

建好城市书房，更要用好城市书房。可以根据读者借阅数据及时更新书目，延长开放时间，开展读书分享、亲子阅读等活动，让书房真正成为市民的精神家园。

书香浸润城市，阅读滋养人心。愿每一座城市书房都灯火常明。

书香随笔

吴  桐
"""

TREES_THEN_TWO_COLUMNS = """春季植树活动在全市展开

本报记者 赵一鸣

本报讯　全市春季义务植树活动近日展开，共栽种苗木12万株。

各区组织干部群众在河道两岸、城郊荒山种植乔木和灌木。市园林部门介绍，今年植树坚持适地适树，优先选用乡土树种，并安排专人负责后期养护，确保种一棵活一棵。

垃圾分类贵在坚持。不少小区刚推行垃圾分类时热情高涨，过了一段时间，分类投放点又出现了混投混放现象。

让垃圾分类成为习惯，需要久久为功。一方面要完善分类投放、收运和处理设施，避免前端分好、后端混运；另一方面要加强宣传引导，让居民明白分类的意义和方法。

垃圾分类是一件小事，也是一件大事。每个人从自己做起，城市环境就会更加美好。

民生杂谈

郑晓光

假期出游，不少游客遇到过景区预约难、停车难的烦恼。旅游旺季客流集中，考验的是景区的管理和服务水平。

提升游客体验，景区要在细节上多下功夫。科学设置预约名额，提供实时客流信息，增加临时停车位和接驳车辆，都能有效缓解游客的出行焦虑。

好的旅游体验来自用心的服务。景区多想一步，游客就会多一分满意。

旅途随想

黄思远

本版编辑 许  静
"""

BAMBOO_THEN_GUESTHOUSES = """非遗传承人

## 竹编老手艺编出新生活

在皖南山区的一个小村子里，七十岁的老篾匠正带着几名年轻人劈竹、刮篾、编织。竹篮、竹席、竹灯在他们手中渐渐成形。

几年前，村里的竹编手艺一度后继无人。老篾匠办起竹编工坊，免费教村民学手艺，还和设计师合作开发文创产品。如今，工坊的竹编产品通过网络销往全国，年销售额超过

乡村民宿火了，服务也要跟上。近年来，不少乡村依托山水风光发展民宿，吸引城里人前来度假休闲。

民宿经营不能只靠好风景。一些民宿卫生条件差、收费不透明，游客住过一次就不愿再来。提升民宿服务水平，需要经营者树立品牌意识，也需要行业协会制定服务标准。

乡村民宿要留住客人，靠的是干净舒适的住宿、热情周到的服务和原汁原味的乡土文化。

乡野漫谈

钱  锋

广告
"""

NIGHT_SPENDING_THEN_CITY_CARE = """夜间消费持续升温

本报记者 林晓岚

本报讯　今年以来，全市夜间消费持续升温，一季度夜间消费额达86亿元。

数据显示，一季度全市夜间消费额同比增长15%，夜间客流量同比增长22%。

在南湖夜市，各色小吃摊位前排起长队，非遗手作、街头演艺吸引游客驻足。夜市运营方介绍，夜市每晚接待游客超过2万人次，周末客流更多。

市商务局有关负责人表示，今年将新培育10条特色夜间消费街区，延长商圈营业时间，进一步激发夜间消费活力。

夜间经济热起来，城市管理也要跟上。夜间消费场景增多，对交通、治安、环境卫生等公共服务提出了更高要求。

一些夜市人流密集，周边停车难、打车难，散场后垃圾遍地，既影响居民休息，也影响游客体验。夜间经济要行稳致远，城市管理必须精细化，公交延时、临时停车、环卫保洁都要提前谋划。

把城市管理做细做实，夜间经济才能既有热度，又有温度。

城市观察

周明远

本版编辑 许  静
"""

ONE_PARAGRAPH_THEN_NIGHT_MARKETS = """城乡居民医保参保实现掌上办

本报记者 林晓岚

省医疗保障局近日推出城乡居民医保参保缴费线上服务，群众通过手机即可完成参保登记、缴费和查询，今年以来全省已有320万人通过线上渠道完成参保缴费。

夜间经济是城市活力的晴雨表。夜市、夜游、夜读等新业态不断涌现，既丰富了居民的夜间生活，也为城市消费增添了新动能。

发展夜间经济，不能只图一时热闹。一些城市的夜市同质化严重，摊位千篇一律，游客逛过一次便失去兴趣。夜间经济要持续繁荣，必须在特色上下功夫。

点亮夜间经济，更要温暖城市烟火气。把群众的夜间需求放在心上，夜间经济才能成为城市的一张亮丽名片。

城市观察

周明远
"""

HEADED_COLUMN = """让老字号焕发新活力

近日，商务部等部门发布通知，推动老字号创新发展，支持老字号企业传承技艺、创新产品、拓展市场。

老字号承载着几代人的记忆。一些老字号店铺门庭若市，也有一些老字号经营困难，产品多年不变，渐渐被年轻消费者冷落。

老字号要焕发新活力，守正是根本，创新是关键。守住传统技艺和品质口碑，同时研究年轻人的消费习惯，推出新品、打造新场景，老字号才能常做常新。

政府部门也要为老字号发展创造良好环境，加强老字号商标保护，支持老字号进商圈、进景区、上网店。

让老字号擦亮金字招牌，既是保护传统文化，也是扩大消费的应有之义。

商业观察

何  平
"""
# The feature finished: no truncation, and no reporter to tell its end from the commentary's.
BAMBOO_FINISHED_THEN_GUESTHOUSES = BAMBOO_THEN_GUESTHOUSES.replace(
    "年销售额超过\n",
    "年销售额超过200万元。\n\n老篾匠说，最大的心愿是让竹编手艺一代代传下去，让更多年轻人靠"
    "手艺过上好日子。\n",
)

# Each page: the units' (kind, headline, column, byline) and the first words of each unit.
SIGNED_AFTER = {
    "after_a_complete_news_story": (
        CLINIC_THEN_NIGHT_MARKETS,
        [
            ("news", "城乡居民医保参保实现掌上办", None, ["林晓岚"]),
            ("commentary", None, "城市观察", ["周明远"]),
            ("furniture", None, None, []),
        ],
        ["城乡居民医保", "夜间经济是城市活力", "本版编辑"],
    ),
    "after_a_story_of_the_same_field_in_mid_page": (
        GRAIN_THEN_FARMING,
        [
            ("news", "夏粮收购进度快于去年同期", None, ["陈立军"]),
            ("commentary", None, "田间笔记", ["钱  锋"]),
            ("news", "新能源汽车充电网络加快向县乡延伸", None, ["蒋若帆"]),
        ],
        ["夏粮收购进度", "种粮有钱赚", "新能源汽车"],
    ),
    "after_an_article_with_section_heads": (
        HOUSING_THEN_READING,
        [
            ("news", "老旧小区改造惠及百万居民", None, ["孙丽华"]),
            ("commentary", None, "书香随笔", ["吴  桐"]),
        ],
        ["## 老旧小区改造", "阅读是一座城市"],
    ),
    "two_commentaries_in_a_row": (
        TREES_THEN_TWO_COLUMNS,
        [
            ("news", "春季植树活动在全市展开", None, ["赵一鸣"]),
            ("commentary", None, "民生杂谈", ["郑晓光"]),
            ("commentary", None, "旅途随想", ["黄思远"]),
            ("furniture", None, None, []),
        ],
        ["春季植树活动", "垃圾分类贵在坚持", "假期出游", "本版编辑"],
    ),
    "after_a_truncated_feature": (
        BAMBOO_THEN_GUESTHOUSES,
        [
            ("feature", "竹编老手艺编出新生活", None, []),
            ("commentary", None, "乡野漫谈", ["钱  锋"]),
            ("advertisement", None, None, []),
        ],
        ["非遗传承人", "乡村民宿火了", "广告"],
    ),
    "after_a_finished_feature": (
        BAMBOO_FINISHED_THEN_GUESTHOUSES,
        [
            ("feature", "竹编老手艺编出新生活", None, []),
            ("commentary", None, "乡野漫谈", ["钱  锋"]),
            ("advertisement", None, None, []),
        ],
        ["非遗传承人", "乡村民宿火了", "广告"],
    ),
    "after_a_story_on_the_same_topic": (
        NIGHT_SPENDING_THEN_CITY_CARE,
        [
            ("news", "夜间消费持续升温", None, ["林晓岚"]),
            ("commentary", None, "城市观察", ["周明远"]),
            ("furniture", None, None, []),
        ],
        ["夜间消费持续升温", "夜间经济热起来", "本版编辑"],
    ),
    "after_a_one_paragraph_story": (
        ONE_PARAGRAPH_THEN_NIGHT_MARKETS,
        [
            ("news", "城乡居民医保参保实现掌上办", None, ["林晓岚"]),
            ("commentary", None, "城市观察", ["周明远"]),
        ],
        ["城乡居民医保", "夜间经济是城市活力"],
    ),
    "a_headed_commentary_keeps_its_sign_off": (
        HEADED_COLUMN,
        [("commentary", "让老字号焕发新活力", "商业观察", ["何  平"])],
        ["让老字号焕发新活力"],
    ),
}
COLUMN_NAMES = ("城市观察", "田间笔记", "书香随笔", "民生杂谈", "旅途随想", "乡野漫谈", "商业观察")


def unit_heads(seg: Segmentation) -> list[tuple]:
    return [(a.kind, a.headline, a.column, a.byline) for a in seg.articles]


def openings(page: str, seg: Segmentation, words: list[str]) -> list[str]:
    return [stitched(page, seg, k)[: len(w)] for k, w in enumerate(words)]


@pytest.mark.parametrize("case", SIGNED_AFTER)
def test_commentary_signed_off_after_an_article_is_cut_out_of_it(case: str) -> None:
    page, heads, words = SIGNED_AFTER[case]
    seg = segment(page)
    assert_valid(page, seg)
    assert unit_heads(seg) == heads
    assert openings(page, seg, words) == words
    for k, (kind, _, column, byline) in enumerate(heads):
        if kind == "commentary":  # the sign-off closes the commentary's own text
            assert stitched(page, seg, k).endswith(f"{column}\n\n{byline[0]}")


# How a PDF reader types the display lines of these pages (other lines are body type).
DISPLAY = {
    "城乡居民医保参保实现掌上办": "headline",
    "夏粮收购进度快于去年同期": "headline",
    "新能源汽车充电网络加快向县乡延伸": "headline",
    "## 老旧小区改造惠及百万居民": "headline",
    "## 补齐设施短板": "subheadline",
    "## 创新投融资机制": "subheadline",
    "春季植树活动在全市展开": "headline",
    "非遗传承人": "kicker",
    "## 竹编老手艺编出新生活": "headline",
    "夜间消费持续升温": "headline",
    "让老字号焕发新活力": "headline",
    "本版编辑 许  静": "furniture",
}


def pdf_hints(page: str, column_role: str) -> list[LayoutHint]:
    """Hints as a PDF reader gives them, with the column names in ``column_role`` and the
    authors' names in body type."""
    sizes = {"headline": 20.0, "subheadline": 14.0, "kicker": 14.0, "furniture": 9.0}
    hints = []
    for m in re.finditer(r"[^\n]+", page):
        line = m.group()
        role = column_role if line in COLUMN_NAMES else DISPLAY.get(line, "body")
        hints.append(LayoutHint(m.start(), m.end(), role, sizes.get(role, 10.0)))
    return hints


@pytest.mark.parametrize("column_role", ["headline", "subheadline", "body"])
@pytest.mark.parametrize("case", SIGNED_AFTER)
def test_commentary_signed_off_after_an_article_in_the_pdf_version(
    case: str, column_role: str
) -> None:
    page, heads, words = SIGNED_AFTER[case]
    seg = segment(page, pdf_hints(page, column_role))
    assert unit_heads(seg) == heads
    assert openings(page, seg, words) == words


# Hard-wrapped with the paragraph ends marked (on a plain page a paragraph that fills its last
# line runs into the next one, and the commentary's first paragraph into the article's last).
LINE_BREAKS = [
    "single_newlines",
    "windows_line_ends",
    "indented",
    *(f"wrapped_{w}_{style}" for w in (20, 26, 33) for style in ("indent", "blank")),
]


def with_line_breaks(page: str, variant: str) -> str:
    """The page with paragraphs on single lines, with CRLF line ends, indented, or hard-wrapped
    at a width."""
    if variant == "single_newlines":
        return page.replace("\n\n", "\n")
    if variant == "windows_line_ends":
        return page.replace("\n", "\r\n")
    if variant == "indented":
        return "\n".join(("\u3000\u3000" + ln if len(ln) > 20 else ln) for ln in page.split("\n"))
    _, width, style = variant.split("_")
    return wrapped_seed(page, int(width), style)


@pytest.mark.parametrize("variant", LINE_BREAKS)
@pytest.mark.parametrize("case", SIGNED_AFTER)
def test_commentary_signed_off_after_an_article_whatever_the_line_breaks(
    case: str, variant: str
) -> None:
    page, heads, _ = SIGNED_AFTER[case]
    other = with_line_breaks(page, variant)
    seg, want = segment(other), segment(page)
    assert unit_heads(seg) == heads
    assert [squeezed(other, a.spans) for a in seg.articles] == [
        squeezed(page, a.spans) for a in want.articles
    ]


@pytest.mark.parametrize("first", ["agents", "small_business", "vocational"])
@pytest.mark.parametrize("then", ["nothing", "editor_line", "another_article"])
def test_seed_commentary_printed_after_a_seed_article_keeps_its_extent(
    first: str, then: str
) -> None:
    """The seed's commentary (its column name and author at its end) right after one of the
    seed's other articles: complete, with section heads, or truncated."""
    arts = pdf_layouts.articles()
    comment = arts["commentary"].texts()
    other = "vocational" if first == "agents" else "agents"
    tail = {"nothing": [], "editor_line": ["本版编辑 于泳"], "another_article": arts[other].texts()}
    page = "\n\n".join([*arts[first].texts(), *comment, *tail[then]]) + "\n"
    seg = segment(page)
    assert_valid(page, seg)
    units = [(a.kind, a.headline, a.column) for a in seg.articles]
    assert units[:2] == [
        ("feature" if first == "vocational" else "news", arts[first].headline, None),
        ("commentary", None, comment[-2]),
    ]
    assert stitched(page, seg, 1) == "\n\n".join(comment)
    assert seg.articles[1].byline == [comment[-1]]
