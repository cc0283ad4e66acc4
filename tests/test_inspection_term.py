"""inspection-term: the notice's own inspecting body decides between 巡视 and 巡察."""

from __future__ import annotations

import pytest
from conftest import CLEAN, draft, lint

from notice_lint.document import Document
from notice_lint.substitution import check_examples

XUNSHI = draft("""
    中共丰源市委
    关于十三届省委第二轮巡视整改进展情况的通报

    根据省委统一部署，2025年3月3日至5月9日，省委第七巡视组对丰源市进行了巡视。2025年6月10日，省委第七巡视组向丰源市委反馈了巡视意见。按照巡视工作有关要求，现将巡视整改进展情况予以公布。

    一、巡视整改组织领导情况

    市委把巡视整改作为重大政治任务，推动巡视巡察上下联动，坚持以巡视带巡察，对12个县市区开展巡察。

    二、巡视反馈问题整改落实情况

    省委巡视反馈的4个方面20个问题已全部完成整改。

    三、下一步工作打算

    持续巩固巡视整改成果。

    欢迎广大干部群众对巡视整改落实情况进行监督。联系电话：0731-5551234；电子邮箱：fy@163.com。

    中共丰源市委

    2025年10月20日
""")


def found(text):
    return [(f.line, text.splitlines()[f.line - 1][f.column - 1:f.end_column - 1], f.text("zh"))
            for f in lint(text, rule="inspection-term")]


@pytest.mark.parametrize("name", ["in_xuncha", "in_xunshi", "always"])
def test_data_examples(name):
    from notice_lint import load_data
    from notice_lint.substitution import parse_entries
    check_examples(parse_entries(load_data("notice_lint.configs", "inspection.yaml")[name], "configs/inspection.yaml"))


@pytest.mark.parametrize(("preamble", "genre", "expected"), [
    ("根据县委统一部署，县委第四巡察组对县水利局党组进行了巡察。", "county-xuncha", "巡察"),
    ("根据区委统一部署，八届区委第五轮巡察区委第四巡察组对某局开展了巡察。", "county-xuncha", "巡察"),
    ("根据省委统一部署，省委第七巡视组对某市进行了巡视。", "provincial-xunshi", "巡视"),
    ("根据市委统一部署，重庆市委第三巡视组对某区进行了巡视。", "municipal-xunshi", "巡视"),
    ("根据中央统一部署，中央第五巡视组对某部党组进行了常规巡视。", "central-xunshi", "巡视"),
    ("根据厅党组统一部署，厅党组第二巡察组对某中心党支部进行了巡察。", "internal-xuncha", None),
    ("根据县委的统一部署，县委安全生产专项巡察组对县林业局党组进行了巡察。", "county-xuncha", "巡察"),
])
def test_the_profile_comes_from_the_dispatcher(preamble, genre, expected):
    profile = Document.from_text(f"某单位关于整改情况的通报\n{preamble}\n").profile
    assert (profile.genre.key, profile.expected if profile.certain else None) == (genre, expected)


def test_clean_xuncha_notice_with_legitimate_xunshi():
    text = CLEAN.replace("局党组召开专题会议", "局党组认真学习《中国共产党巡视工作条例》和习近平总书记关于巡视工作"
                         "的重要论述，全面贯彻巡视工作方针，召开专题会议")
    assert found(text) == []


def test_general_references_to_xunshi_work_stay_silent():
    text = CLEAN.replace("局党组召开专题会议", "局党组学习习近平总书记关于巡视工作重要论述和关于巡视巡察工作的"
                         "重要指示精神，召开专题会议")
    assert found(text) == []


def test_xunshi_in_a_county_xuncha_notice():
    text = CLEAN.replace("持续巩固整改成果", "持续巩固巡视整改成果").replace(
        "局党组召开专题会议", "县委书记在听取巡视情况汇报时提出要求，局党组召开专题会议")
    result = lint(text, rule="inspection-term")
    assert [(f.line, f.column, f.severity) for f in result] == [(7, 8, "error"), (27, 9, "error")]
    assert result[0].text("zh") == "本通报所述为“县委第四巡察组”开展的巡察，此处“巡视”应为“巡察”"


def test_clean_xunshi_notice_keeps_the_lower_levels_xuncha():
    assert found(XUNSHI) == []


def test_xuncha_for_the_provincial_group_in_a_xunshi_notice():
    text = XUNSHI.replace("市委把巡视整改作为", "市委对照省委第七巡察组反馈意见，把巡视整改作为")
    ((line, word, message),) = found(text)
    assert (line, word) == (8, "巡察")
    assert message == "本通报所述为“省委第七巡视组”开展的巡视，此处“巡察”应为“巡视”"


# a municipality directly under the Centre: its 市委 does 巡视, and the notice does not repeat the
# city's name before 市委
MUNICIPAL = draft("""
    中共上海市某区委关于十二届市委第三轮巡视整改进展情况的通报

    根据市委统一部署，2024年4月至6月，市委第二巡视组对某区进行了常规巡视。2024年8月，市委巡视组向区委反馈了巡视意见。按照巡视工作有关要求，现将巡视整改进展情况予以公布。

    一、坚决扛起巡视整改政治责任

    区委把巡视整改作为重大政治任务，区委书记主持召开巡视整改领导小组会议，推动巡视整改和区委巡察整改贯通。

    二、巡视反馈问题整改落实情况

    巡视反馈的3个方面问题，已完成整改。

    三、持续深化巡视整改

    巩固巡视整改成果，做好巡视整改“后半篇文章”。

    欢迎广大干部群众对巡视整改落实情况进行监督。联系电话：021-55512345。
""")


def test_a_municipality_committee_does_xunshi():
    profile = Document.from_text(MUNICIPAL).profile
    assert profile.genre.key == "municipal-xunshi"
    assert found(MUNICIPAL) == []


def test_a_bare_city_committee_with_xunshi_throughout_is_not_flagged():
    text = MUNICIPAL.replace("上海市某区委", "某区委")
    assert found(text) == []


def test_the_other_term_throughout_is_one_finding_with_a_count():
    text = CLEAN.replace("巡察组", "巡视组").replace("巡察意见", "巡视意见").replace(
        "巡察工作", "巡视工作").replace("巡察整改", "巡视整改").replace("巡察反馈", "巡视反馈")
    result = lint(text, rule="inspection-term")
    assert [(f.line, f.column, f.severity) for f in result] == [(3, 30, "error")]
    assert result[0].text("zh").startswith("通报称由“县委第四巡视组”开展，应统一用“巡察”，但全文")


def test_many_strays_are_one_finding():
    text = CLEAN.replace("局党组召开专题会议研究部署整改工作", "巡视整改、巡视整改、巡视整改、巡视整改")
    result = lint(text, rule="inspection-term")
    assert len(result) == 1 and "有4处写作“巡视”（第7行）" in result[0].text("zh")


INTERNAL = draft("""
    中共某集团有限公司第三党支部关于巡察整改情况的通报

    根据集团党委统一部署，2024年3月至5月，集团党委第二巡察组对第三党支部进行了巡察，并反馈了巡察意见。现将巡察整改情况予以公布。

    一、巡察整改组织情况

    支部把巡察整改作为政治任务，巡察反馈的问题逐条落实，巡察整改台账动态更新。SENTENCE

    二、巡察反馈问题整改情况

    巡察反馈的5个问题已完成整改。
""")


def test_an_institution_notice_follows_its_own_usage_with_a_warning():
    result = lint(INTERNAL.replace("SENTENCE", "持续巩固巡视整改成果。"), rule="inspection-term")
    assert [(f.line, f.severity) for f in result] == [(7, "warning")]
    assert result[0].text("zh") == "本通报其余10处均称“巡察”，此处“巡视”应为“巡察”"


def test_an_institution_notice_with_mixed_usage_is_left_alone():
    mixed = INTERNAL.replace("SENTENCE", "巡视整改方案、巡视整改台账、巡视反馈意见、巡视整改成效、巡视意见逐项落实。")
    assert found(mixed) == []


def test_the_canonical_formula_in_any_notice():
    text = XUNSHI.replace("持续巩固巡视整改成果", "深入学习习近平总书记关于巡察工作的重要论述")
    ((_, _, message),) = found(text)
    assert message.startswith("“巡察”应为“巡视”：规范表述")


@pytest.mark.parametrize(("sentence", "flagged"), [
    ("二、巡查反馈问题整改进展情况", True),
    ("县委第二巡查组反馈了意见。", True),
    ("通过日常巡查和关键点验收。", False),
    ("配合省安委会安全生产巡查组开展检查。", False),
    ("到所联系乡镇、国有林场巡查、指导开展工作。", False),
])
def test_xuncha_misspelt_as_xuncha_patrol(sentence, flagged):
    text = CLEAN.replace("局党组召开专题会议研究部署整改工作", sentence)
    assert bool(found(text)) == flagged


def test_group_contradicting_its_dispatcher():
    text = CLEAN.replace("县委第四巡察组对", "县委第四巡视组对")
    assert [w for _, w, _ in found(text)] == ["巡视"]


def test_a_file_that_is_not_a_notice_gets_no_term_findings():
    assert found("# tools\n\nRun the script to build the docs. 巡视 is mentioned once here.\n") == []
