"""Dates and numerals as notices write them."""

from __future__ import annotations

import datetime

import pytest

from linter.dates import find_dates
from linter.numerals import to_int


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
