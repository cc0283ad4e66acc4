"""inspection-term: the notice's own inspecting body decides between 巡视 and 巡察."""

from __future__ import annotations

import pytest
from conftest import CLEAN, draft, lint

from checks.inspection_term import matchers, notice_kind
from linter.document import Document
from linter.substitution import check_examples

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
    from linter.data import builtin
    from linter.substitution import parse_entries
    check_examples(parse_entries(builtin("inspection.yaml")[name], "configs/inspection.yaml"))


@pytest.mark.parametrize(("preamble", "kind"), [
    ("根据县委统一部署，县委第四巡察组对县水利局党组进行了巡察。", "巡察"),
    ("根据区委统一部署，八届区委第五轮巡察区委第四巡察组对某局开展了巡察。", "巡察"),
    ("根据省委统一部署，省委第七巡视组对某市进行了巡视。", "巡视"),
    ("根据市委统一部署，重庆市委第三巡视组对某区进行了巡视。", "巡视"),
    ("根据厅党组统一部署，厅党组第二巡察组对某中心党支部进行了巡察。", "巡察"),
    ("根据县委的统一部署，县委安全生产专项巡察组对县林业局党组进行了巡察。", "巡察"),
])
def test_the_kind_comes_from_the_dispatcher(preamble, kind):
    outline = Document.from_text(f"某单位关于巡察整改情况的通报\n{preamble}\n").outline
    assert notice_kind(outline, matchers(_options())) == kind


def _options():
    from checks.inspection_term import Options
    return Options()


def test_clean_xuncha_notice_with_legitimate_xunshi():
    text = CLEAN.replace("局党组召开专题会议", "局党组认真学习《中国共产党巡视工作条例》和习近平总书记关于巡视工作"
                         "的重要论述，全面贯彻巡视工作方针，召开专题会议")
    assert found(text) == []


def test_xunshi_in_a_county_xuncha_notice():
    text = CLEAN.replace("持续巩固整改成果", "持续巩固巡视整改成果").replace(
        "局党组召开专题会议", "县委书记在听取巡视情况汇报时提出要求，局党组召开专题会议")
    assert [(w, m.split("：")[0]) for _, w, m in found(text)] == [
        ("巡视", "巡察通报中误用“巡视”，应为“巡察”"), ("巡视", "巡察通报中误用“巡视”，应为“巡察”")]


def test_clean_xunshi_notice_keeps_the_lower_levels_xuncha():
    assert found(XUNSHI) == []


def test_xuncha_for_the_provincial_group_in_a_xunshi_notice():
    text = XUNSHI.replace("市委把巡视整改作为", "市委对照省委第七巡察组反馈意见，把巡视整改作为")
    ((_, word, message),) = found(text)
    assert word == "巡察" and message.startswith("巡视通报中误用“巡察”，应为“巡视”")


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
