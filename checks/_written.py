"""Text as a notice writes it, shared by the built-in checks: dates in Chinese, names without spaces."""

from __future__ import annotations

import datetime


def zh_date(date: datetime.date) -> str:
    """2024年3月5日: a date as a finding's message quotes it."""
    return f"{date.year}年{date.month}月{date.day}日"


def no_space(text: str) -> str:
    """A name as compared: a draft may space it out (中共  衡阳县林业局党组) or break it across lines."""
    return "".join(text.split())
