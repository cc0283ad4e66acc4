"""disclosure-period: present, readable, ordered, not before the notice, of a sensible length."""

from __future__ import annotations

import pytest
from conftest import CLEAN, lint

PERIOD = "公开期限：2024年11月15日至12月14日。"


def with_period(statement: str) -> str:
    assert PERIOD in CLEAN
    return CLEAN.replace(PERIOD, statement)


def messages(text, config=None):
    return [(f.line, f.text("zh"), str(f.severity))
            for f in lint(text, rule="disclosure-period", config=config)]


@pytest.mark.parametrize("statement", [
    PERIOD,
    "公示期：2024年11月15日至11月29日。",
    "公开时间：2024年11月15日至2025年1月14日。",
    "公示时间为2024年11月15日至12月14日。",
    "公开期限：2024年11月20日至12月19日。",
])
def test_correct_periods(statement):
    assert messages(with_period(statement)) == []


def test_year_rollover_is_not_an_error():
    text = CLEAN.replace("2024年11月15日至12月14日", "2024年12月20日至1月19日").replace(
        "\n2024年11月15日\n", "\n2024年12月20日\n")
    assert messages(text) == []


def test_missing_period_is_reported_where_it_belongs():
    text = with_period("")
    ((line, message, _),) = messages(text)
    assert message.startswith("缺少公开期限")
    assert "联系电话" in text.splitlines()[line - 1]


def test_end_before_start():
    ((_, message, severity),) = messages(with_period("公开期限：2024年11月15日至2024年1月14日。"))
    assert message == "公开期限结束日期（2024年1月14日）早于开始日期（2024年11月15日）"
    assert severity == "error"


def test_start_before_the_notice_date():
    ((_, message, _),) = messages(with_period("公开期限：2024年11月1日至11月30日。"))
    assert message == "公开期限开始日期（2024年11月1日）早于通报日期（2024年11月15日）"


@pytest.mark.parametrize(("statement", "needle"), [
    ("公开期限：2024年11月15日至11月16日。", "公开期限仅2天，少于7天"),
    ("公开期限：2024年11月15日至2025年6月30日。", "超过90天"),
])
def test_length_bounds(statement, needle):
    ((_, message, _),) = messages(with_period(statement))
    assert needle in message


def test_length_bounds_are_configurable(tmp_path):
    from notice_lint.config import load
    (tmp_path / "c.yaml").write_text("rules:\n  disclosure-period:\n    min_days: 1\n",
                                     encoding="utf-8")
    text = with_period("公开期限：2024年11月15日至11月16日。")
    assert messages(text, load(tmp_path / "c.yaml")) == []


@pytest.mark.parametrize(("statement", "needle"), [
    ("公开期限：2024年11月15日至2024年13月14日。", "公开期限结束日期“2024年13月14日”无效：月份不存在"),
    ("公开期限：2024年11月15日至11月31日。", "无效：该月没有这一天"),
    ("公开期限：一个月。", "公开期限无法识别"),
])
def test_unreadable_and_impossible(statement, needle):
    ((_, message, _),) = messages(with_period(statement))
    assert needle in message


def test_duration_form():
    assert messages(with_period("公示期为30天。")) == []
    ((_, message, _),) = messages(with_period("公示期为3天。"))
    assert message == "公开期限仅3天，少于7天"
