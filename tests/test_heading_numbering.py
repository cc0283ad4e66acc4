"""heading-numbering: the 一、→（一）→1.→（1） hierarchy, consecutive under each parent."""

from __future__ import annotations

import pytest
from conftest import CLEAN, draft, lint

from notice_lint.checks.heading_numbering import marker


def messages(text):
    return [(f.line, f.text("zh")) for f in lint(text, rule="heading-numbering")]


def body(headings: str) -> str:
    return draft("""
        中共某局党组关于巡察整改进展情况的通报
        根据县委统一部署，2024年5月6日至6月20日，县委第一巡察组对某局党组进行了巡察。2024年7月15日反馈了巡察意见。
    """) + draft(headings) + draft("""
        欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0739-5551234。
        中共某局党组
        2024年11月15日
    """)


def test_marker_forms():
    assert [marker(1, 12), marker(2, 20), marker(3, 3), marker(4, 4)] == [
        "十二、", "（二十）", "3.", "（4）"]


def test_clean_notice_and_a_two_level_notice():
    assert messages(CLEAN) == []
    assert messages(body("""
        一、组织整改落实情况
        1.成立领导小组。
        2.制定整改方案。
        二、巡察反馈问题整改进展情况
        1.问题一。
        三、下一步工作安排
        正文。
    """)) == []


@pytest.mark.parametrize(("heading", "needle"), [
    ("2、制定整改方案。", "标题序号“2、”应为“2.”：序号后应为“.”，不是“、”"),
    ("（二）、制定整改方案。", "括号后不加“、”"),
    ("二.巡察反馈问题整改进展情况", "序号后应为“、”"),
    ("（二） 制定整改方案。", "序号后不加空格"),
])
def test_wrong_forms(heading, needle):
    text = CLEAN.replace("（二）河道采砂管理不规范", heading) if heading.startswith("（") else \
        CLEAN.replace("二、巡察反馈问题整改进展情况", heading)
    if heading.startswith("2"):
        text = body(f"一、组织整改落实情况\n1.成立领导小组。\n{heading}\n二、巡察反馈问题整改进展情况\n正文。\n"
                    f"三、下一步工作安排\n正文。\n")
    found = messages(text)
    assert len(found) == 1 and needle in found[0][1], found


def test_half_width_brackets_among_full_width_siblings():
    text = CLEAN.replace("（二）河道", "(二)河道")
    ((_line, message),) = messages(text)
    assert message == "标题序号“(二)”应为“（二）”：括号应与同级标题一致，使用全角“（）”"


def test_skipped_and_repeated_numbers():
    ((_, message),) = messages(CLEAN.replace("（三）防汛", "（四）防汛"))
    assert message == "序号不连续：“（二）”之后应为“（三）”，却是“（四）”"
    ((_, message),) = messages(CLEAN.replace("（三）防汛", "（二）防汛"))
    assert message == "序号重复：“（二）”与上一个同级标题相同，应为“（三）”"
    ((_line, message),) = messages(CLEAN.replace("（一）水利", "（二）水利").replace(
        "（二）河道", "（三）河道").replace("（三）防汛", "（四）防汛"))
    assert message == "序号应从“（一）”开始，却是“（二）”"


def test_numbering_restarts_under_each_parent():
    assert messages(body("""
        一、组织整改落实情况
        （一）成立领导小组。
        （二）制定方案。
        二、巡察反馈问题整改进展情况
        （一）问题一。
        1.事项。
        2.事项。
        （二）问题二。
        1.事项。
        三、下一步工作安排
        （一）巩固成果。
    """)) == []


def test_inverted_levels():
    found = messages(body("""
        一、组织整改落实情况
        （一）成立领导小组。
        （二）执法不规范。
        1.案卷不规范。
        2.培训不足。重点做好以下工作：
        （一）规范执法程序。
        （二）加强执法培训。
        二、巡察反馈问题整改进展情况
        正文。
        三、下一步工作安排
        正文。
    """))
    assert found == [(8, "层级倒置：“2.”下使用了“（一）”，应为“（1）”")]


def test_inverted_levels_shown_by_the_run_that_resumes():
    # 1. then （一）（二） then 2.: the run of 1. goes on, so （一）（二） belong inside 1. as （1）（2）
    found = messages(body("""
        一、组织整改落实情况
        局党组成立了领导小组。
        二、巡察反馈问题整改进展情况
        1.关于公车管理不严的问题
        （一）整改措施：收回借出车辆。
        （二）整改进展：已全部收回。
        2.关于台账不全的问题
        整改措施：补齐台账。
        3.关于制度不健全的问题
        整改措施：修订制度。
        三、下一步工作安排
        继续抓好整改。
    """))
    assert found == [(7, "层级倒置：“1.”下使用了“（一）”，应为“（1）”")]


def test_numbers_running_on_across_parts_are_not_an_inversion():
    found = messages(body("""
        一、组织整改落实情况
        1.成立领导小组。
        2.制定整改方案。
        二、巡察反馈问题整改进展情况
        3.关于台账不全的问题。
        三、下一步工作安排
        继续抓好整改。
    """))
    assert found == [(7, "序号应从“1.”开始，却是“3.”")]


def test_skipped_level():
    ((_line, message),) = messages(body("""
        一、组织整改落实情况
        （一）成立领导小组。
        （1）制定方案。
        二、巡察反馈问题整改进展情况
        正文。
        三、下一步工作安排
        正文。
    """))
    assert message.startswith("标题层级跳跃")


def places(text):
    """What a user sees of the 一是/二是 findings: line, column, message, severity."""
    return [(f.line, f.column, f.text("zh"), str(f.severity)) for f in
            lint(text, rule="heading-numbering") if "是”" in f.text("zh")]


def parts(middle: str) -> str:
    """A notice whose second part is `middle`, the first and third parts plain."""
    return body("一、组织整改落实情况\n局党组成立了领导小组。\n二、巡察反馈问题整改进展情况\n"
                + draft(middle) + "三、下一步工作安排\n继续抓好整改。\n")


def test_yi_shi_er_shi_runs():
    assert messages(CLEAN.replace("整改情况：开展在建工程质量检查",
                                  "整改情况：一是开展检查。二是建立台账。三是严格考核。")) == []
    ((_line, message),) = messages(CLEAN.replace("整改情况：开展在建工程质量检查",
                                                "整改情况：一是开展检查。三是严格考核。"))
    assert message == "“一是、二是”序列不连续：此处应为“二是”，却是“三是”"
    assert messages(CLEAN.replace("整改情况：开展在建工程质量检查", "整改情况：唯一是开展检查")) == []


def test_one_item_a_paragraph_is_one_run():
    assert places(parts("""
        （一）台账管理不规范
        一是清理台账。逐项核对了往年的收支记录。
        二是补齐手续。缺失的审批单已全部补办。
        三是建立制度。出台了台账管理办法。
    """)) == []


def test_the_run_restarts_under_each_heading():
    assert places(parts("""
        （一）台账管理不规范
        一是清理台账。
        二是补齐手续。
        （二）公务用车管理不严
        一是收回借出车辆。
        二是安装定位设备。
        三是每月通报用车情况。
        1.车辆维修
        一是定点维修。
        （1）加油卡
        一是一车一卡。
        二是按月对账。
    """)) == []


def test_a_label_paragraph_starts_a_new_run():
    assert places(parts("""
        （一）台账管理不规范
        整改措施：一是清理台账。
        二是补齐手续。
        整改成效：
        一是台账已清理完毕。
        二是手续已补齐。
    """)) == []


def test_a_skip_across_paragraphs():
    text = parts("""
        （一）台账管理不规范
        一是清理台账。
        三是建立制度。
    """)
    assert places(text) == [(8, 1, "“一是、二是”序列不连续：此处应为“二是”，却是“三是”", "info")]
    assert text.splitlines()[7] == "三是建立制度。"


def test_a_repeat_across_paragraphs():
    text = parts("""
        （一）台账管理不规范
        一是清理台账。
        二是补齐手续。
        二是建立制度。
    """)
    assert places(text) == [(9, 1, "“一是、二是”序列重复：此处应为“三是”，却又是“二是”", "info")]


def test_a_run_inside_one_paragraph():
    assert places(parts("""
        （一）台账管理不规范
        整改情况：一是清理台账，二是补齐手续，三是建立制度。
    """)) == []
    text = parts("""
        （一）台账管理不规范
        整改情况：一是清理台账，二是补齐手续，四是建立制度。
    """)
    assert places(text) == [(7, 20, "“一是、二是”序列不连续：此处应为“三是”，却是“四是”", "info")]
    assert text.splitlines()[6][19:21] == "四是"


def test_two_runs_in_one_paragraph():
    assert places(parts("""
        （一）台账管理不规范
        整改措施：一是清理台账，二是补齐手续；成效：一是台账已清理，二是手续已补齐。
    """)) == []


def test_a_list_nested_in_an_item_leaves_the_outer_run_alone():
    assert places(parts("""
        （一）台账管理不规范
        一是清理台账。分两步：一是核对，二是销号。
        二是补齐手续。
    """)) == []


def test_a_run_that_opens_past_one_is_left_alone():
    # nothing before it under its heading: a missing 一是, or a list begun elsewhere
    assert places(parts("""
        （一）台账管理不规范
        二是补齐手续。
        三是建立制度。
    """)) == []


def test_heading_broken_across_two_lines_is_reported_once_by_required_sections():
    text = CLEAN.replace("（一）水利工程建设监管不到位", "（一）水利工程建设\n\n监管不到位")
    assert messages(text) == []
    broken = [f for f in lint(text) if "被断成两行" in f.text("zh")]
    assert [(f.rule, text.splitlines()[f.line - 1]) for f in broken] == [
        ("required-sections", "（一）水利工程建设")]


def test_a_number_past_ninety_nine_is_reported_not_a_crash():
    found = messages(body("""
        一、组织整改落实情况
        一二三、巡察反馈问题整改进展情况
        正文。
    """))
    assert found == [(4, "序号不连续：“一、”之后应为“二、”，却是“一二三、”")]


RUN_ON = """
    一、组织整改落实情况
    正文。
    二、巡察反馈问题整改进展情况
    （一）关于政治建设方面
    1.学习不深入的问题。
    2.制度执行不严的问题。
    （二）关于作风建设方面
    3.台账不全的问题。
    LAST.审批拖延的问题。
    三、下一步工作安排
    继续抓好整改。
"""


@pytest.mark.parametrize(("last", "expected"), [
    ("4", []),   # problems numbered on through the aspects of one part: one scheme
    ("5", [(11, "序号不连续：“3.”之后应为“4.”，却是“5.”")]),   # a skip in it is still one
])
def test_problems_numbered_on_through_the_aspects_of_one_part(last, expected):
    assert messages(body(RUN_ON.replace("LAST", last))) == expected
