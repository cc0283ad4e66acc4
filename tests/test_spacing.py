"""spacing: stray spaces inside Chinese text and around numbers."""

from __future__ import annotations

from conftest import CLEAN, lint


def messages(text):
    return [(f.line, f.column, f.text("zh"), f.fix) for f in lint(text, rule="spacing")]


def test_clean_notice():
    assert messages(CLEAN) == []


def test_spaces_around_numbers_are_one_finding_per_line_with_a_safe_fix():
    text = CLEAN.replace("截至2024年10月31日", "截至 2024 年 10 月 31 日")
    ((line, column, message, fix),) = messages(text)
    assert message.startswith("多余的空格（6处")
    assert fix.safe and fix.replacement == "2024年10月31"
    row = text.splitlines()[line - 1]
    assert row[column - 1] == " "


def test_space_in_the_title():
    text = CLEAN.replace("水利局党组关于", "水利局党组 关于")
    ((line, _, _, fix),) = messages(text)
    assert line == 1 and fix.replacement == ""


def test_full_width_space_inside_text():
    assert messages(CLEAN.replace("逐项对账销号", "逐项对账\u3000销号"))


def test_left_alone():
    text = CLEAN.replace("中共青石县水利局党组\n\n2024年11月15日", "中共青石县水利局党组　　2024年11月15日")
    text = text.replace("局党组召开", "　　局党组召开")                     # indentation
    text = text.replace("0739-5551234", "0739 5551234")                  # digits and digits
    text = text.replace("逐项对账销号", "逐项对账销号，使用 Python 3 处理")  # Latin words
    assert messages(text) == []


def test_space_after_a_heading_number_is_left_to_heading_numbering():
    text = CLEAN.replace("（二）河道", "（二） 河道")
    assert messages(text) == []
    assert lint(text, rule="heading-numbering")
