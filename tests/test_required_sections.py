"""required-sections: each part missing is reported where it belongs; complete notices pass."""

from __future__ import annotations

import pytest
from conftest import CLEAN, draft, lint

from notice_lint.document import Document


def findings(text):
    return [(f.line, f.text("zh")) for f in lint(text, rule="required-sections")]


def line_no(text, needle):
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_complete_notice_passes():
    assert findings(CLEAN) == []


def test_missing_title():
    text = CLEAN.split("\n", 2)[2]
    ((line, message),) = findings(text)
    assert line == 1
    assert message.startswith("缺少标题")


def test_two_line_title_is_a_title():
    text = CLEAN.replace("中共青石县水利局党组关于巡察整改进展情况的通报",
                         "中共青石县水利局党组\n关于巡察整改进展情况的通报")
    assert findings(text) == []


def test_incomplete_title():
    text = CLEAN.replace("中共青石县水利局党组关于巡察整改进展情况的通报", "中共青石县水利局党组工作情况")
    ((line, message),) = findings(text)
    assert (line, message[:5]) == (1, "标题不完整")


def test_missing_third_part_points_at_the_closing_block():
    text = CLEAN.replace("三、下一步工作安排\n\n局党组将持续巩固整改成果，对正在整改的问题紧盯不放。\n\n", "")
    ((line, message),) = findings(text)
    assert line == line_no(text, "欢迎广大干部群众")
    assert "缺少第三部分“下一步工作安排”" in message and "三、下一步工作安排" in message


def test_parts_in_the_wrong_order():
    text = draft("""
        中共某局党组关于巡察整改进展情况的通报
        根据县委统一部署，2024年5月6日至6月20日，县委第一巡察组对某局党组进行了巡察。2024年7月15日反馈了巡察意见。
        一、巡察反馈问题整改进展情况
        正文。
        二、组织整改落实情况
        正文。
        三、下一步工作安排
        正文。
        欢迎广大干部群众对巡察整改落实情况进行监督。联系电话：0739-5551234。
        中共某局党组
        2024年11月15日
    """)
    ((line, message),) = findings(text)
    assert line == 3
    assert message == "部分顺序不对：“反馈问题整改进展情况”应在“整改工作的组织情况”之后"


def test_preamble_without_inspection_dates():
    text = CLEAN.replace("2024年5月6日至6月20日，", "")
    ((line, message),) = findings(text)
    assert line == line_no(text, "根据县委统一部署")
    assert "巡察时间" in message


def test_missing_supervision_sentence_and_contact_block():
    text = CLEAN.replace("欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。", "")
    ((line, message),) = findings(text)
    assert line == line_no(text, "联系电话")
    assert message.startswith("缺少监督句")
    text = "\n".join(x for x in CLEAN.splitlines() if "联系电话" not in x) + "\n"
    messages = [m for _, m in findings(text)]
    assert any(m.startswith("缺少监督句") for m in messages)
    assert any(m.startswith("缺少联系方式") for m in messages)


def test_signature_without_date_and_without_anything():
    text = CLEAN.replace("\n2024年11月15日\n", "\n")
    ((line, message),) = findings(text)
    assert line == len(text.rstrip("\n").splitlines())
    assert message.startswith("落款缺少成文日期")
    text = CLEAN.replace("\n中共青石县水利局党组\n\n2024年11月15日\n", "\n")
    ((line, message),) = findings(text)
    assert message.startswith("缺少落款")
    assert line == len(text.rstrip("\n").splitlines())


def test_user_wording_for_a_part(tmp_path):
    from notice_lint.config import load
    text = CLEAN.replace("三、下一步工作安排", "三、工作展望")
    assert any("第三部分" in m for _, m in findings(text))
    (tmp_path / "c.yaml").write_text(
        "rules:\n  required-sections:\n    add:\n      - {part: next-steps, pattern: '展望'}\n",
        encoding="utf-8")
    assert lint(text, rule="required-sections", config=load(tmp_path / "c.yaml")) == []


def severities(text):
    return [(f.line, f.severity, f.text("zh")) for f in lint(text, rule="required-sections")]


def test_a_missing_title_is_a_warning():
    text = CLEAN.split("\n", 2)[2]
    assert [s for _, s, _ in severities(text)] == ["warning"]


@pytest.mark.parametrize("heading", [
    "一、坚决扛起巡察整改政治责任",
    "一、巡察整改的总体情况和主要做法",
    "一、落实巡察整改责任的情况",
    "一、提高政治站位，强化整改责任",
    "一、局党组及主要负责人组织落实整改情况",
    "一、总体履责情况",
])
def test_part_one_in_other_wordings(heading):
    assert findings(CLEAN.replace("一、组织整改落实情况", heading)) == []


@pytest.mark.parametrize(("old", "new"), [
    ("二、巡察反馈问题整改进展情况", "二、集中整改期内整改进展情况"),
    ("二、巡察反馈问题整改进展情况", "二、反馈问题整改落实情况"),
    ("三、下一步工作安排", "三、持续深化巡察整改"),
    ("三、下一步工作安排", "三、巩固拓展整改成果"),
])
def test_parts_two_and_three_in_other_wordings(old, new):
    assert findings(CLEAN.replace(old, new)) == []


# one heading per problem, the organisation part an unnumbered paragraph before them and the next
# steps an unnumbered paragraph after them
PER_PROBLEM = draft("""
    中共青石县农业农村局党组关于巡察整改情况的通报

    根据县委统一部署，2024年3月4日至4月26日，县委第二巡察组对县农业农村局党组进行了巡察。2024年6月3日，县委第二巡察组向局党组反馈了巡察意见。按照党务公开原则和巡察工作有关要求，现将巡察整改情况予以公布。

    局党组高度重视巡察整改工作，成立由党组书记任组长的整改工作领导小组，召开专题会议逐条研究反馈问题。截至2024年9月30日，巡察反馈的3个问题已全部完成整改。

    一、关于惠农补贴发放不规范的问题

    整改情况：逐户核对补贴台账，追回多发资金。

    二、关于项目资金拨付滞后的问题

    整改情况：建立资金拨付周报制度。

    三、关于基层党组织作用发挥不充分的问题

    整改情况：开展支部书记轮训。

    下一步，局党组将坚持标准不降、力度不减，持续巩固整改成果。

    欢迎广大干部群众对巡察整改落实情况进行监督。如有意见建议，请及时向我们反映。联系电话：0739-5556677。公开期限：2024年10月8日至11月7日。

    中共青石县农业农村局党组

    2024年10月8日
""")


def test_one_heading_per_problem_with_unnumbered_parts():
    assert findings(PER_PROBLEM) == []


def test_one_heading_per_problem_without_next_steps():
    text = PER_PROBLEM.replace("下一步，局党组将坚持标准不降、力度不减，持续巩固整改成果。\n\n", "")
    assert [m[:7] for _, m in findings(text)] == ["缺少第三部分“"]


def test_a_title_over_three_lines_is_joined():
    text = CLEAN.replace("中共青石县水利局党组关于巡察整改进展情况的通报",
                         "中共青石县水利局党组\n关于十五届县委第三轮巡察\n整改进展情况的通报")
    assert findings(text) == []


@pytest.mark.parametrize("preamble", [
    # the feedback in a paragraph of its own
    "根据县委统一部署，2024年5月6日至6月20日，县委第四巡察组对县水利局党组进行了巡察。\n\n"
    "2024年7月15日，县委第四巡察组向县水利局党组反馈了巡察情况。按照巡察工作有关要求，现将巡察整改进展情况予以公布。",
    "根据县委统一部署，2024年5月6日至6月20日，县委第四巡察组对县水利局党组开展了巡察“回头看”，"
    "2024年7月15日反馈了巡察“回头看”意见。现将整改进展情况予以公布。",
])
def test_the_feedback_in_other_wordings_and_places(preamble):
    text = CLEAN.replace(CLEAN.splitlines()[2], preamble)
    assert findings(text) == []


def test_a_preamble_that_leaves_the_details_to_part_one():
    text = CLEAN.replace(CLEAN.splitlines()[2], "根据十五届县委第三轮巡察工作部署要求，按照党务公开原则，"
                                                "现将巡察整改进展情况予以公布。")
    assert findings(text) == []


def test_a_preamble_without_dates_is_a_hint():
    text = CLEAN.replace("2024年5月6日至6月20日，", "").replace("2024年7月15日，", "")
    assert severities(text) == [(3, "info", "导语未写明巡察时间（如“2024年4月8日至5月24日”）、反馈日期")]


def test_a_part_heading_without_its_number():
    text = CLEAN.replace("二、巡察反馈问题整改进展情况", "巡察反馈问题整改进展情况")
    assert (11, "warning", "此行应为一级标题，缺少序号“二、”") in severities(text)


CENTRAL = draft("""
    中共某部党组关于二十届中央第三轮巡视整改进展情况的通报

    根据中央统一部署，2024年4月8日至6月30日，中央第六巡视组对某部党组开展了常规巡视。2024年9月5日，中央巡视组向某部党组反馈了巡视意见。按照党务公开原则和巡视整改工作有关要求，现将巡视整改进展情况予以公布。

    一、坚决扛起巡视整改政治责任

    部党组把抓好巡视整改作为重大政治任务，成立巡视整改工作领导小组。

    二、巡视反馈问题整改落实情况

    （一）关于贯彻落实党中央决策部署不够到位的问题

    制定专项方案，已完成整改。

    三、持续深化巡视整改

    部党组将持续巩固整改成果。

    欢迎广大干部群众对巡视整改落实情况进行监督。如有意见建议，请及时向我们反映。联系电话：010-55512345；邮政信箱：北京市某区某路1号；电子邮箱：xszg@example.gov.cn。
""")


def test_a_central_notice_needs_no_signature_and_no_period():
    assert Document.from_text(CENTRAL).profile.genre.key == "central-xunshi"
    assert findings(CENTRAL) == []
    assert lint(CENTRAL, rule="disclosure-period") == []


def test_a_county_notice_still_needs_its_period():
    text = CLEAN.replace("公开期限：2024年11月15日至12月14日。", "")
    assert [f.text("zh")[:6] for f in lint(text, rule="disclosure-period")] == ["缺少公开期限"]


@pytest.mark.parametrize("text", [
    "# build tools\n\nRun `make docs` to build the documentation.\n",
    "pluggy>=1.3\npyyaml>=6.0\nregex>=2023.10\n",
])
def test_a_file_that_is_not_a_notice_gets_one_line(text):
    result = lint(text)
    assert [(f.rule, f.line, f.severity, f.text("zh")) for f in result] == [
        ("required-sections", 1, "info", "此文件不像巡察（巡视）整改情况通报，未检查其结构")]


@pytest.mark.parametrize(("first", "second"), [
    ("一、深入学习习近平总书记关于巡视工作的重要论述，切实增强抓好巡视整改的思想自觉",
     "二、聚焦反馈问题，扎实推进整改落实"),
    ("一、坚决扛起巡视整改政治责任", "二、对照反馈意见逐项抓好整改落实"),
])
def test_central_parts_in_sentence_wordings(first, second):
    text = CENTRAL.replace("一、坚决扛起巡视整改政治责任", first).replace("二、巡视反馈问题整改落实情况", second)
    assert findings(text) == []


def test_four_parts_with_long_term_mechanisms():
    text = CENTRAL.replace("三、持续深化巡视整改", "三、建立健全长效机制\n\n制定制度5项。\n\n四、下一步工作安排")
    assert findings(text) == []


def test_a_preamble_with_garbled_dates_is_left_to_the_dates_rule():
    text = CLEAN.replace("2024年5月6日至6月20日", "202456日至620日")
    assert findings(text) == []


def test_a_missing_signature_is_certain_only_for_a_xuncha_notice():
    county = CLEAN.replace("\n中共青石县水利局党组\n\n2024年11月15日\n", "\n")
    assert [(s, m[:5]) for _, s, m in severities(county)] == [("error", "缺少落款：")]
    provincial = XUNSHI_NOTICE.replace("\n中共某市委\n\n2024年11月15日\n", "\n")
    assert [(s, m[:5]) for _, s, m in severities(provincial)] == [("warning", "缺少落款：")]


XUNSHI_NOTICE = draft("""
    中共某市委关于十三届省委第二轮巡视整改进展情况的通报

    根据省委统一部署，2024年4月8日至6月28日，省委第三巡视组对某市进行了巡视。2024年8月2日，省委第三巡视组向某市委反馈了巡视意见。按照巡视工作有关要求，现将巡视整改进展情况予以公布。

    一、坚决扛起巡视整改政治责任

    市委成立巡视整改工作领导小组，召开专题会议研究部署。

    二、巡视反馈问题整改落实情况

    巡视反馈的3个方面12个问题，已完成整改10个，正在整改2个。

    三、持续深化巡视整改

    市委将持续巩固整改成果。

    欢迎广大干部群众对巡视整改落实情况进行监督。如有意见建议，请及时向我们反映。联系电话：0731-5551234。

    中共某市委

    2024年11月15日
""")
