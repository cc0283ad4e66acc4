"""required-sections: each part missing is reported where it belongs; complete notices pass."""

from __future__ import annotations

from conftest import CLEAN, draft, lint


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
    from linter.config import load
    text = CLEAN.replace("三、下一步工作安排", "三、工作展望")
    assert any("第三部分" in m for _, m in findings(text))
    (tmp_path / "c.yaml").write_text(
        "rules:\n  required-sections:\n    add:\n      - {part: next-steps, pattern: '展望'}\n",
        encoding="utf-8")
    assert lint(text, rule="required-sections", config=load(tmp_path / "c.yaml")) == []
