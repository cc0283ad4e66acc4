"""punctuation: full-width in Chinese text, balanced pairs, 〔〕, doubled marks."""

from __future__ import annotations

import pytest
from conftest import CLEAN, lint


def messages(text):
    return [(f.line, f.column, f.text("zh"), f.fix) for f in lint(text, rule="punctuation")]


def replace_line(old: str, new: str) -> str:
    assert old in CLEAN
    return CLEAN.replace(old, new)


def test_clean_notice():
    assert messages(CLEAN) == []


def test_half_width_in_one_line_with_a_safe_fix():
    text = replace_line("整改情况：建立日常巡查制度，报名截止日期前完成培训。",
                        "整改情况:建立日常巡查制度,报名截止日期前完成培训;")
    ((_line, column, message, fix),) = messages(text)
    assert message == "中文中使用了半角标点“:”“,”“;”（3处），应使用全角标点"
    assert column == 5
    assert fix.safe and fix.replacement == "：建立日常巡查制度，报名截止日期前完成培训；"


@pytest.mark.parametrize("sentence", [
    "累计下派专家1,000余人次。",
    "每周一8:30召开例会。",
    "电子邮箱：ab_c@163.com。",
    "详见http://www.example.gov.cn/a?b=1。",
    "使用Python (v3) 编写脚本。",
    "通报全文（含附件）已公布。",
])
def test_numbers_times_addresses_and_latin_text_are_left_alone(sentence):
    assert messages(replace_line("局党组召开专题会议研究部署整改工作，", sentence)) == []


def test_a_whole_document_in_half_width_is_one_finding():
    text = CLEAN.replace("，", ",").replace("：", ":").replace("；", ";")
    ((_line, _, message, fix),) = messages(text)
    assert message.startswith("全文使用半角标点（共")
    assert fix.safe


@pytest.mark.parametrize(("sentence", "needle"), [
    ("严格执行“三重一大决策制度。", "引号不配对：「“」缺少对应的「”」"),
    ("按照《预案（试行）》的通知（蒸政办发〔2021〕6号文件要求。", "括号不配对：「（」缺少对应的「）」"),
    ("落实》制度。", "多余的后书名号「》」"),
])
def test_unbalanced_pairs(sentence, needle):
    ((_, _, message, _),) = messages(replace_line("局党组召开专题会议研究部署整改工作，", sentence))
    assert message.startswith(needle)


@pytest.mark.parametrize("number", ["青水党（2024）15号", "青水党[2024]15号", "青水党【2024】15号"])
def test_document_number_brackets(number):
    text = number + "\n\n" + CLEAN
    ((line, column, message, fix),) = messages(text)
    assert (line, column) == (1, 4)
    assert message.startswith("发文字号的年份应使用六角括号“〔2024〕”")
    assert fix.replacement == "〔2024〕" and fix.safe


def test_correct_document_number_and_citation():
    text = "青水党〔2024〕15号\n\n" + CLEAN.replace("逐项对账销号", "逐项对账销号（青水通〔2022〕28号）")
    assert messages(text) == []


def test_doubled_punctuation():
    found = messages(replace_line("逐项对账销号。", "逐项对账销号。。"))
    assert [(m, f.replacement, f.safe) for _, _, m, f in found] == [("标点重复：“。。”", "。", True)]
    ((_, _, _message, fix),) = messages(replace_line("逐项对账销号。", "逐项对账销号，。"))
    assert not fix.safe


def test_ellipsis_and_dash_are_not_doubled():
    assert messages(replace_line("逐项对账销号。", "逐项对账销号……——")) == []


def test_the_document_number_gate_says_what_its_pattern_says():
    import random

    from notice_lint.checks.punctuation import DOC_NUMBER_HINT, may_hold_document_number

    rng = random.Random(16)
    pieces = ["(", "（", "[", "【", "［", "﹝", " ", "\t", "19", "20", "2024", "1", "9", "０", "x",
              "号", "）", "\n", "〔"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 8))) for _ in range(20000)]
    found = 0
    for text in texts:
        assert may_hold_document_number(text) == bool(DOC_NUMBER_HINT.search(text)), text
        found += may_hold_document_number(text)
    assert found > 1000
