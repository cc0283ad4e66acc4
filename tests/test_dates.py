"""Dates and numerals as notices write them."""

from __future__ import annotations

import datetime

import pytest

from notice_lint.outline.date_mentions import find_dates
from notice_lint.outline.numerals import to_int


@pytest.mark.parametrize(("text", "value"), [
    ("12", 12), ("１２", 12), ("十二", 12), ("两", 2), ("二十", 20), ("一百零五", 105),
    ("二〇二五", 2025), ("九十九", 99), ("一万二千", 12000), ("abc", None), ("", None),
])
def test_to_int(text, value):
    assert to_int(text) == value


def spans(text: str, default_year=None):
    return [(text[d.start:d.end], d.year, d.month, d.day, d.problem)
            for d in find_dates(text, default_year)]


def test_full_partial_and_ranges():
    text = "2024年4月8日至5月24日巡察，2024年7月12日反馈。"
    assert spans(text) == [("2024年4月8日", 2024, 4, 8, None), ("5月24日", 2024, 5, 24, None),
                           ("2024年7月12日", 2024, 7, 12, None)]


def test_range_end_rolls_over_into_the_next_year():
    dates = find_dates("2024年12月20日至1月19日")
    assert dates[1].date == datetime.date(2025, 1, 19)
    assert dates[1].range_start == 0


def test_impossible_dates_are_kept_with_the_reason():
    assert spans("2025年2月30日")[0][-1] == "day"
    assert spans("2024年13月27日")[0][-1] == "month"
    assert spans("2024年2月29日")[0][-1] is None
    assert spans("2025年2月29日")[0][-1] == "day"


def test_other_forms():
    assert spans("二〇二五年十一月十二日")[0][1:4] == (2025, 11, 12)
    assert spans("2025.11.12")[0][1:4] == (2025, 11, 12)
    assert spans("截止 11 月 1 日", 2023)[0][1:4] == (2023, 11, 1)
    assert spans("2023年7月至8月")[1][1:4] == (2023, 8, None)
    assert spans("7月17日至30日", 2024)[1][1:4] == (2024, 7, 30)


def test_two_digit_years_are_marked():
    (d,) = find_dates("23年7月完成")
    assert d.two_digit_year and d.year is None


@pytest.mark.parametrize("text", ["6个月", "一月一考核、一季一通报", "每月调度", "3个月集中整改",
                                  "电话0763-3939234"])
def test_not_dates(text):
    assert find_dates(text) == ()


# -- the dates rule ---------------------------------------------------------------------------

from conftest import CLEAN, lint  # noqa: E402


def date_messages(text):
    return [(f.line, f.text("zh"), str(f.severity)) for f in lint(text, rule="dates")]


def test_rule_is_silent_on_a_clean_notice():
    assert date_messages(CLEAN) == []


@pytest.mark.parametrize(("date", "needle"), [
    ("2024年2月30日", "日期“2024年2月30日”不存在：该月没有这一天"),
    ("2024年6月31日", "日期“2024年6月31日”不存在：该月没有这一天"),
    ("2024年13月5日", "日期“2024年13月5日”不存在：月份不存在"),
])
def test_rule_reports_impossible_dates(date, needle):
    ((_, message, severity),) = date_messages(CLEAN.replace("截至2024年10月31日", f"截至{date}"))
    assert message == needle and severity == "error"


def test_rule_reports_two_digit_years():
    ((_, message, _),) = date_messages(CLEAN.replace("局党组召开专题会议", "24年8月，局党组召开专题会议"))
    assert message.startswith("年份应写全称")


def test_something_done_after_the_notice_date():
    text = CLEAN.replace("局党组召开专题会议", "2024年12月26日，局党组召开专题会议")
    ((_line, message, _),) = date_messages(text)
    assert message == "“2024年12月26日”晚于通报日期（2024年11月15日），所述事项尚未发生"


@pytest.mark.parametrize("plan", ["计划于2025年3月底前完成全部整改", "剩余资金将于2025年1月到位",
                                  "确保2025年6月前整改到位"])
def test_plans_may_lie_ahead(plan):
    assert date_messages(CLEAN.replace("其余物资正在采购", f"其余物资正在采购，{plan}")) == []


def test_feedback_before_the_inspection_ended():
    text = CLEAN.replace("2024年7月15日，县委第四巡察组向", "2024年6月1日，县委第四巡察组向")
    ((line, message, severity),) = date_messages(text)
    assert message == "反馈日期（2024年6月1日）早于巡察结束日期（2024年6月20日），先后顺序颠倒"
    assert severity == "error" and line == 3


def test_status_date_before_the_feedback():
    text = CLEAN.replace("截至2024年10月31日", "截至2024年7月1日")
    ((_, message, _),) = date_messages(text)
    assert message.startswith("截至日期（2024年7月1日）早于反馈日期")


def test_notice_within_days_of_the_feedback():
    text = CLEAN.replace("2024年7月15日，县委第四巡察组向", "2024年11月1日，县委第四巡察组向").replace(
        "截至2024年10月31日", "截至2024年11月10日")
    ((_, message, severity),) = date_messages(text)
    assert message.startswith("通报日期距反馈仅14天") and severity == "info"


def test_an_impossible_date_in_the_period_is_reported_here_too():
    text = CLEAN.replace("2024年11月15日至12月14日", "2024年11月15日至2024年13月14日")
    ((_, message, _),) = date_messages(text)
    assert message == "日期“2024年13月14日”不存在：月份不存在"


# -- garbled dates: 年/月 lost, year, month and day run together ----------------------------------

def date_findings(text):
    return [(f.line, f.column, f.rule, str(f.severity), f.text("zh"), f.fix)
            for f in lint(text, rule="dates")]


def test_month_day_splits():
    from notice_lint.outline.date_mentions import month_day_splits

    assert month_day_splits("717", 2024) == [(7, 17)]
    assert month_day_splits("1231") == [(12, 31)]
    assert month_day_splits("0717") == [(7, 17)]
    assert month_day_splits("117") == [(1, 17), (11, 7)]
    assert month_day_splits("229", 2025) == []      # 2月29日 in a common year
    assert month_day_splits("７１７") == [(7, 17)]


def test_garbled_examples_in_the_data():
    from notice_lint import load_data
    from notice_lint.checks.dates import vocabulary

    vocab = vocabulary()
    examples = load_data("notice_lint.configs", "dates.yaml")["garbled_examples"]
    found = lambda s: vocab.garbled.search(s) or vocab.garbled_range_end.search(s)  # noqa: E731
    for sample in examples["fail"]:
        assert found(sample), sample
    for sample in examples["pass"]:
        assert not found(sample), sample


PREAMBLE_RANGE = "2024年5月6日至6月20日"


@pytest.mark.parametrize(("written", "columns", "messages"), [
    ("2024年516日至6月20日", [10],
     ["日期“2024年516日”残缺：年、月、日连在一起（疑为转换或编辑损坏），应为“2024年5月16日”"]),
    ("2024516日至620日", [10, 19],
     ["日期“2024516日”残缺：年、月、日连在一起（疑为转换或编辑损坏），应为“2024年5月16日”",
      "日期“620日”残缺：月、日连在一起（疑为转换或编辑损坏），应为“6月20日”"]),
    ("2024年5月6日至620日", [20],
     ["日期“620日”残缺：月、日连在一起（疑为转换或编辑损坏），应为“6月20日”"]),
])
def test_garbled_dates_with_what_they_likely_are(written, columns, messages):
    found = date_findings(CLEAN.replace(PREAMBLE_RANGE, written))
    assert [(line, column, rule, severity, message) for line, column, rule, severity, message, _
            in found] == [(3, c, "dates", "warning", m) for c, m in zip(columns, messages, strict=True)]
    assert all(fix is not None and not fix.safe for *_, fix in found)


def test_garbled_date_split_both_ways_or_of_two_digits_is_reported_without_a_guess():
    text = CLEAN.replace("2024年7月15日，县委第四巡察组向", "2024年117日，县委第四巡察组向")
    ((line, column, rule, severity, message, fix),) = date_findings(text)
    assert (line, column, rule, severity) == (3, 46, "dates", "warning")
    assert message == "日期“2024年117日”残缺：年、月、日连在一起（疑为转换或编辑损坏），无法确定月、日，请对照原稿补正"
    assert fix is None
    # 2024年12日: 2024年1月2日, or 2024年12月 with 月 written 日?
    text = CLEAN.replace("2024年7月15日，县委第四巡察组向", "2024年12日，县委第四巡察组向")
    ((*_, message, fix),) = date_findings(text)
    assert message.endswith("无法确定月、日，请对照原稿补正") and fix is None


def test_garbled_dates_throughout_are_reported_once():
    text = CLEAN.replace(PREAMBLE_RANGE, "2024516日至620日").replace("2024年7月15日", "2024715日")
    text = text.replace("截至2024年10月31日", "截至20241031日")
    text = text.replace("公开期限：2024年11月15日至12月14日", "公开期限：20241115日至1214日")
    text = text.replace("\n2024年11月15日", "\n20241115日")
    found = [f for f in date_findings(text) if "残缺" in f[4]]
    assert len(found) == 1
    line, column, _, severity, message, _ = found[0]
    assert (line, column, severity) == (3, 10, "warning")
    assert message == ("全文有7处日期残缺，年、月、日连在一起（如“2024516日”→“2024年5月16日”），"
                       "疑为转换或编辑损坏，请对照原稿补正")


@pytest.mark.parametrize("sentence", [
    "整改期限延长至120日，",
    "累计办理15个工作日，",
    "联系电话0734-2024717，",
    "2024年12月31日至2025年1月5日，",
])
def test_not_garbled(sentence):
    text = CLEAN.replace("局党组召开专题会议", f"{sentence}局党组召开专题会议")
    assert [f for f in date_findings(text) if "残缺" in f[4]] == []


def test_a_status_date_without_its_year_in_the_next_year_is_in_order():
    text = CLEAN.replace("截至2024年10月31日", "截至1月10日").replace(
        "2024年7月15日，县委第四巡察组", "2024年11月15日，县委第四巡察组").replace(
        "2024年11月15日至12月14日", "2025年1月15日至2月14日").replace(
        "\n2024年11月15日\n", "\n2025年1月15日\n")
    assert [f for f in lint(text, rule="dates") if "早于" in f.text("zh")] == []


def test_a_status_date_with_its_year_before_the_feedback_is_reported():
    text = CLEAN.replace("截至2024年10月31日", "截至2024年7月10日")
    assert [f.text("zh") for f in lint(text, rule="dates")] == [
        "截至日期（2024年7月10日）早于反馈日期（2024年7月15日）"]
