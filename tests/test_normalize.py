"""The normalized view: what it drops, folds and converts, and how it maps back to the page."""

from __future__ import annotations

import pytest

from pipeline.ingest.html import html_text, looks_like_html
from pipeline.ingest.normalize import fold_widths, is_traditional, normalize, to_simplified
from pipeline.textmap import TextMap


def _page_span(text: str, part: str) -> tuple[int, int]:
    view = normalize(text)
    at = view.text.index(part)
    return view.map.to_page(at, at + len(part))


@pytest.mark.parametrize("mark", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u00ad", "\u2060"])
def test_invisible_characters_vanish_from_the_view_but_stay_in_the_page_span(mark):
    text = f"余额38.{mark}8万亿元"
    assert normalize(text).text == "余额38.8万亿元"
    start, end = _page_span(text, "38.8万亿元")
    assert text[start:end] == f"38.{mark}8万亿元"


def test_bidi_marks_and_variation_selectors_vanish():
    assert normalize("\u202a增长\u202c5%\u200e\ufe0f").text == "增长5%"


def test_html_tags_vanish_and_block_tags_break_the_line():
    view = normalize("<div><h1>标题</h1><p>贷款<b>余额</b>38.8万亿元</p></div>")
    assert view.text == "标题\n贷款余额38.8万亿元"


def test_a_tag_maps_back_to_the_whole_tag_and_a_figure_starts_after_it():
    text = "<p>38.8万亿元</p>"
    assert _page_span(text, "38.8万亿元") == (3, 10)


def test_entities_decode_and_map_back_to_the_whole_entity():
    text = "A&amp;B&nbsp;增长&#8203;5&#x25;"
    view = normalize(text)
    assert view.text == "A&B 增长5%"
    start, end = view.map.to_page(1, 2)
    assert text[start:end] == "&amp;"
    start, end = view.map.to_page(view.text.index("5"), len(view.text))
    assert text[start:end] == "5&#x25;"


def test_script_style_and_comments_are_hidden_with_their_content():
    text = "<script>var a = '38亿';</script><style>p{}</style><!-- 9亿 -->正文"
    assert normalize(text).text == "正文"


def test_angle_brackets_that_are_not_html_stay():
    for text in ("a<b且c>d", "<<通知>>", "x < 5 and y > 3", "&unknownentity; 与 & 符号"):
        assert normalize(text).text == text


def test_full_width_digits_and_marks_inside_numbers_fold():
    assert fold_widths("１２．５％，共１，２００元；ＧＤＰ") == "12.5%，共1,200元；GDP"


def test_full_width_comma_between_clauses_stays():
    assert fold_widths("增长5，同比") == "增长5，同比"


def test_corner_brackets_read_as_quote_marks_and_clean_keeps_them():
    view = normalize("他說：「我們『很好』。」")
    assert view.text.endswith("“我们‘很好’。”")
    assert view.clean.endswith("「我們『很好』。」")


def test_traditional_is_read_through_a_simplified_view_of_the_same_length():
    text = "【記者王小明／台北報導】台積電營收達新台幣8393億元，軟體產業發展。"
    view = normalize(text)
    assert view.traditional
    assert "台积电" in view.text and "亿元" in view.text
    assert len(view.text) == len(view.clean) == len(text)
    assert view.clean == text


def test_simplified_text_is_not_converted():
    text = "国家金融监督管理总局发布通知，贷款余额38.8万亿元。乾坤未定。"
    view = normalize(text)
    assert not view.traditional
    assert view.text == text


def test_is_traditional_judges_the_share_of_changed_characters():
    assert is_traditional("銀行業金融機構普惠型小微企業貸款餘額")
    assert not is_traditional("银行业金融机构普惠型小微企业贷款余额")
    assert not is_traditional("no Chinese at all 123")


def test_to_simplified_never_changes_the_length():
    for text in ("軟體與資訊", "乾隆皇帝", "記憶體及滑鼠", "著作權法\n第一條"):
        assert len(to_simplified(text)) == len(text)


def test_plain_text_costs_no_offset_table():
    view = normalize("贷款余额38.8万亿元")
    assert isinstance(view.map.offsets, range)


def test_view_offsets_increase_and_stay_inside_the_page():
    text = "<p>a&amp;\u200bb</p>\n<br/>「台積電」&#12290;"
    view = normalize(text)
    offsets = list(view.map.offsets)
    assert offsets == sorted(set(offsets))
    for i in range(len(view.text)):
        start, end = view.map.to_page(i, i + 1)
        assert 0 <= start < end <= len(text)


def test_from_page_finds_the_view_span_of_a_page_span():
    text = "\u200b\u200b标题\n正文"
    view = normalize(text)
    assert view.map.from_page(2, 4) == (0, 2)
    assert view.text[slice(*view.map.from_page(5, 7))] == "正文"


def test_textmap_slice_keeps_the_page_offsets():
    stitched = TextMap.from_spans("银\n\n行业务", [(0, 1), (3, 6)])
    assert stitched.slice(1, 4).to_page(0, 3) == (3, 6)


def test_html_document_is_read_as_its_visible_text():
    markup = (
        "<!DOCTYPE html><html><head><title>网页标题</title><script>x=1</script></head>"
        "<body><h1>金融业服务小微</h1>\n<p>贷款余额\n  38.8万亿元，&nbsp;增长9.9%</p>"
        "<ul><li>一</li><li>二</li></ul></body></html>"
    )
    assert looks_like_html(markup)
    assert html_text(markup) == "金融业服务小微\n贷款余额 38.8万亿元， 增长9.9%\n一\n二"


def test_text_with_a_stray_tag_is_not_an_html_document():
    assert not looks_like_html("本报讯 <p>贷款余额")
