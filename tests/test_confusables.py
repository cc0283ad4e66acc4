"""confusables: every shipped entry's own examples, the counter-examples, fixes, user data."""

from __future__ import annotations

import pytest
from conftest import CLEAN, lint

from notice_lint.checks.confusables import shipped_entries
from notice_lint.substitution import Substitutions, check_examples

ENTRIES = shipped_entries()


def test_all_rows_of_the_domain_table_are_shipped():
    keys = {e.key for e in ENTRIES}
    for wrong in ("截止", "截至到", "反应", "布署", "部置", "台帐", "帐", "制订", "做出", "急待",
                  "权利", "必需", "拟订", "法制", "按装", "按排", "再接再励", "既使", "一如继往",
                  "峻工", "鼎立相助", "迫不急待", "震憾", "凑和", "气慨", "针贬", "松驰", "重迭",
                  "防碍", "幅射", "编篡", "坐阵", "旁证博引", "九洲", "名信片", "安祥", "按步就班",
                  "报导", "好象", "帐蓬", "亦或", "张驰", "批露", "察颜观色", "延用", "打少", "整治",
                  "其它", "以至", "既", "贯切", "签定", "迄今为止", "契而不舍"):
        assert wrong in keys, wrong
    assert sum(1 for e in ENTRIES if e.pattern is not None) == 2  # 人次…人, N立方


@pytest.mark.parametrize("entry", ENTRIES, ids=lambda e: e.key)
def test_entry_examples(entry):
    assert entry.fail, f"{entry.key} has no failing example"
    assert entry.passes, f"{entry.key} has no passing example"
    check_examples([entry])


@pytest.mark.parametrize(("sentence", "wrong", "right"), [
    ("如有意见建议，请及时向我们反应。", "反应", "反映"),
    ("对群众反应强烈的问题优先办理。", "反应", "反映"),
    ("截止目前，已完成整改8个。", "截止", "截至"),
    ("截止11月20日，已建成3座。", "截止", "截至"),
    ("截止 11 月 1 日，全部验收。", "截止", "截至"),
    ("对整改事项实行台帐管理。", "台帐", "台账"),
    ("确保整改任务对表交帐。", "交帐", "交账"),
    ("确保“打早、打少、打了”。", "打少", "打小"),
])
def test_flagged_in_context(sentence, wrong, right):
    (finding,) = lint(sentence, rule="confusables")
    assert finding.column == sentence.index(wrong) + 1
    assert finding.end_column == finding.column + len(wrong)
    assert f"“{wrong}”应为“{right}”" in finding.text("zh")
    assert finding.fix.replacement == right


@pytest.mark.parametrize("sentence", [
    "各应急队伍反应迅速、处置有序。",
    "提升应急反应和现场处置能力。",
    "避免发生化学反应。",
    "报名截止日期为5月30日。",
    "网上申报将于6月1日截止。",
    "受理信访截止时间为2022年8月16日。",
    "储备防汛帐篷1,200顶。",
    "对照反馈意见制订工作方案。",
    "落实重大行政执法决定法制审核制度。",
    "开展专项整治，集中整治突出问题。",
    "截至目前，已完成整改8个。",
    "请及时向我们反映。",
])
def test_silent_on_correct_usage(sentence):
    assert lint(sentence, rule="confusables") == []


def test_silent_on_a_correct_notice():
    assert lint(CLEAN, rule="confusables") == []


def test_entry_severities():
    findings = lint("截止到12月10日，其它问题已办结。", rule="confusables")
    assert [(f.line, str(f.severity)) for f in findings] == [(1, "info"), (1, "info")]
    assert not any(f.fix.safe for f in findings)


def test_a_catastrophic_user_pattern_times_out_naming_the_entry():
    from notice_lint.substitution import PatternTimeout, parse_entry
    # polynomial, not exponential: the load-time check lets it through, the time budget does not
    slow = "甲+乙*(?:[甲乙]){2,}乙*甲{0,3}[甲乙]甲{0,3}(?:甲|乙)(?:甲{0,3}甲+甲+)?丙"
    entry = parse_entry({"wrong": "甲", "right": "乙", "flag_when": slow}, "u.yaml:3")
    with pytest.raises(PatternTimeout) as caught:
        list(Substitutions([entry]).find("甲甲甲甲甲丙。\n" + "甲" * 80 + "\n"))
    assert "u.yaml:3" in str(caught.value)


def test_bad_user_entries_are_rejected_at_load():
    from notice_lint import DataError
    from notice_lint.substitution import parse_entry
    with pytest.raises(DataError, match="right"):
        parse_entry({"wrong": "帐号"}, "u.yaml:1")
    with pytest.raises(DataError, match="flag_when"):
        parse_entry({"wrong": "帐号", "right": "账号", "flag_when": "(unclosed"}, "u.yaml:1")
    with pytest.raises(DataError, match="did you mean"):
        parse_entry({"wrong": "帐号", "right": "账号", "flag_wen": "x"}, "u.yaml:1")
