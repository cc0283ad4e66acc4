"""formulations: fixed political formulations with the right members and words."""

from __future__ import annotations

import pytest
from conftest import CLEAN, lint

from notice_lint.checks.formulations import Options, data, enumeration_findings
from notice_lint.substitution import check_examples


def messages(sentence):
    text = CLEAN.replace("局党组召开专题会议研究部署整改工作，", sentence)
    return [(f.text("zh"), str(f.severity)) for f in lint(text, rule="formulations")]


def test_entry_examples():
    check_examples(data(Options()).entries.entries)


@pytest.mark.parametrize("enumeration", data(Options()).enumerations, ids=lambda e: e.name)
def test_enumeration_examples(enumeration):
    for sample in enumeration.fail:
        assert list(enumeration_findings(sample, enumeration)), sample
    for sample in enumeration.passes:
        assert not list(enumeration_findings(sample, enumeration)), sample


def test_clean_notice():
    assert lint(CLEAN, rule="formulations") == []


@pytest.mark.parametrize(("sentence", "message"), [
    ("坚定道路自信、理论自信、制度自信、历史自信。",
     "“四个自信”是道路自信、理论自信、制度自信、文化自信，不包括“历史自信”"),
    ("增强政治意识、大局意识、核心意识、服务意识。",
     "“四个意识”是政治意识、大局意识、核心意识、看齐意识，不包括“服务意识”"),
    ("做到“四个维护”。", "“四个维护”应为“两个维护”：只有“两个维护”，没有“四个维护”"),
    ("契而不舍落实中央八项规定精神。", "“契而不舍”应为“锲而不舍”：规范表述为“锲而不舍落实中央八项规定精神”"),
    ("落实“第一课题”制度。", "“第一课题”应为“第一议题”：制度名称为“第一议题”制度"),
    ("确保“打早、打少、打了”。", "“打少”应为“打小”：森林防灭火原则为“打早、打小、打了”"),
])
def test_wrong_formulations(sentence, message):
    ((found, _),) = messages(sentence)
    assert found == message


@pytest.mark.parametrize("sentence", [
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”。",
    "深刻领悟“两个确立”的决定性意义，坚决捍卫“两个确立”。",
    "践行“四个意识”“两个维护”。",
    "强化服务意识、责任意识、安全意识。",
    "深入学习习近平新时代中国特色社会主义思想。",
    "学习习近平新时代中国特色社会主义经济思想。",
])
def test_correct_formulations(sentence):
    assert messages(sentence) == []


def test_verb_collocations_are_warnings():
    ((message, severity),) = messages("坚决做到“两个确立”。")
    assert message.startswith("“做到”应为“捍卫”") and severity == "warning"


def test_a_word_both_rules_know_is_fixed_once(tmp_path):
    from conftest import cli
    (tmp_path / "d.txt").write_text(CLEAN.replace("逐项对账销号", "契而不舍逐项对账销号"),
                                    encoding="utf-8")
    found = cli("d.txt", cwd=tmp_path).stdout
    assert "formulations" in found and "confusables" in found  # each rule owns the defect
    cli("--fix", "d.txt", cwd=tmp_path)
    assert "锲而不舍逐项对账销号" in (tmp_path / "d.txt").read_text(encoding="utf-8")


def where_and_what(sentence):
    text = CLEAN.replace("局党组召开专题会议研究部署整改工作，", sentence)
    return [(f.line, f.column, f.rule, str(f.severity), f.text("zh"), f.fix)
            for f in lint(text, rule="formulations")]


@pytest.mark.parametrize(("sentence", "column", "message"), [
    ("局党组始终坚持“两个确立”，召开专题会议，", 6,
     "“坚持”应为“捍卫”：规范搭配为“捍卫（拥护）‘两个确立’”，“坚持”不与“两个确立”搭配"),
    ("局党组坚持两个维护，召开专题会议，", 4,
     "“坚持”应为“做到”：规范搭配为“做到‘两个维护’”，“坚持”不与“两个维护”搭配"),
])
def test_jianchi_with_the_two_terms_is_info(sentence, column, message):
    ((line, col, rule, severity, found, fix),) = where_and_what(sentence)
    assert (line, col, rule, severity, found) == (7, column, "formulations", "info", message)
    assert not fix.safe   # a verb pairing is a judgement: --fix leaves it


@pytest.mark.parametrize("sentence", [
    "局党组坚定拥护“两个确立”、坚决做到“两个维护”，召开专题会议，",
    "局党组坚持以“两个确立”为根本遵循，召开专题会议，",
    "局党组坚持和捍卫“两个确立”，召开专题会议，",
    "局党组坚持把“两个维护”作为根本政治任务，召开专题会议，",
])
def test_jianchi_in_other_constructions_is_fine(sentence):
    assert where_and_what(sentence) == []
