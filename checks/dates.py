"""Dates: impossible dates, events after the notice's own date, a chronology that runs backwards.

This rule reads every date of the notice (2024年7月12日, 7月12日 with the year from context,
二〇二四年七月十二日, 2024.7.12) and reports:

- an impossible date: 2月30日, 6月31日, 13月;
- a two-digit year (23年7月): official documents write the year in full;
- something reported as done on a date after the notice's own date (the date under the
  signature); plans and deadlines (将于…前完成, 计划…) may lie ahead and are left alone;
- a chronology that runs backwards: the inspection, then the feedback, then the status date
  (截至…), then the notice; feedback given before the inspection ended, a status date after the
  notice, or a notice published within days of the feedback.

An impossible date is reported wherever it is written, the disclosure period included
(``disclosure-period`` reports it too, as a period that cannot be); the period's other checks are
``disclosure-period``'s.

Bad:  2024年3月18日至5月20日进行了巡视，并于2024年3月5日反馈了巡视意见
Good: 2024年3月18日至5月20日进行了巡视，并于2024年6月5日反馈了巡视意见
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from linter import Finding, Message, hookimpl
from linter.data import builtin
from linter.scan import shipped_pattern

PROBLEMS = {"month": ("月份不存在", "there is no such month"),
            "day": ("该月没有这一天", "the month has no such day")}


class Vocabulary(NamedTuple):
    future: regex.Pattern
    feedback: regex.Pattern
    status: regex.Pattern
    min_days_after_feedback: int


@cache
def vocabulary() -> Vocabulary:
    raw = builtin("dates.yaml")
    return Vocabulary(shipped_pattern(raw["future"]), shipped_pattern(raw["feedback"]),
                      shipped_pattern(raw["status"]), int(raw["min_days_after_feedback"]))


def _show(date) -> str:
    return f"{date.year}年{date.month}月{date.day}日"


class Dates:
    id = "dates"
    description = "日期：不存在的日期、晚于通报日期的已办事项、先后顺序颠倒、两位数年份"
    description_en = ("dates: impossible dates, things done after the notice's date, a "
                      "chronology that runs backwards, two-digit years")
    severity = "warning"

    def check(self, document, options):
        vocab = vocabulary()
        outline = document.outline
        view = document.view
        text = view.text
        period = outline.period
        in_period = (period.label_start, period.end) if period else (0, 0)
        sig = outline.signature.date
        written = [d for d in outline.dates if not (sig is not None and d.start == sig.start)]
        dates = [d for d in written if not in_period[0] <= d.start < in_period[1]]

        def finding(d, zh, en, severity=None):
            return Finding.at(view.locate(d.start, d.end), rule=self.id, message=Message(zh, en),
                              severity=severity or self.severity)

        for d in written:
            written_as = text[d.start:d.end]
            if d.two_digit_year:
                yield finding(d, f"年份应写全称：“{written_as}”缺少世纪（如“2023年”）",
                              f"write the year in full: {written_as} (e.g. 2023年)")
            elif d.problem:
                zh, en = PROBLEMS[d.problem]
                yield finding(d, f"日期“{written_as}”不存在：{zh}",
                              f"{written_as} is impossible: {en}", "error")
        notice = outline.notice_date
        closing = outline.contact.start if outline.contact else len(text)
        if notice is not None:
            for d in dates:
                if d.date is None or d.date <= notice or d.start >= closing:
                    continue
                start, end = outline.sentence_around(d.start)
                if vocab.future.search(text, start, end):
                    continue
                yield finding(d, f"“{text[d.start:d.end]}”晚于通报日期（{_show(notice)}），"
                                 f"所述事项尚未发生",
                              f"{text[d.start:d.end]} is after the notice's own date "
                              f"({notice}): it cannot have happened yet")
        yield from self._chronology(document, outline, vocab, dates, finding)

    def _chronology(self, document, outline, vocab, dates, finding):
        preamble = outline.preamble
        if preamble is None:
            return
        text = outline.text
        inside = [d for d in dates if preamble.start <= d.start < preamble.end and d.date]
        in_range = {id(d) for i, d in enumerate(inside) if d.range_start is not None and i > 0}
        in_range |= {id(inside[i - 1]) for i, d in enumerate(inside)
                     if d.range_start is not None and i > 0}
        # the feedback date: the first single date whose sentence speaks of the feedback
        feedback = next((d for d in inside if id(d) not in in_range
                         and vocab.feedback.search(text, *outline.sentence_around(d.start))),
                        None)
        ranges = [(inside[i - 1], d) for i, d in enumerate(inside)
                  if d.range_start is not None and i > 0]
        inspection = ranges[0] if ranges else None
        if inspection and inspection[1].date < inspection[0].date:
            yield finding(inspection[1], "巡察结束日期早于开始日期",
                          "the inspection ends before it starts")
            return
        if inspection and feedback and feedback.date < inspection[1].date:
            yield finding(feedback, f"反馈日期（{_show(feedback.date)}）早于巡察结束日期"
                                    f"（{_show(inspection[1].date)}），先后顺序颠倒",
                          f"the feedback ({feedback.date}) comes before the inspection ended "
                          f"({inspection[1].date})", "error")
            return
        status = next((d for d in dates if d.date and d.start > preamble.end and vocab.status.search(
            text, max(d.start - 4, 0), d.start)), None)
        if feedback and status and status.date < feedback.date:
            yield finding(status, f"截至日期（{_show(status.date)}）早于反馈日期（{_show(feedback.date)}）",
                          f"the status date ({status.date}) is before the feedback "
                          f"({feedback.date})")
        notice = outline.notice_date
        if feedback and notice:
            gap = (notice - feedback.date).days
            if gap < 0:
                yield finding(feedback, f"反馈日期（{_show(feedback.date)}）晚于通报日期（{_show(notice)}）",
                              f"the feedback ({feedback.date}) is after the notice ({notice})",
                              "error")
            elif gap < vocab.min_days_after_feedback:
                yield finding(feedback, f"通报日期距反馈仅{gap}天，整改进展情况通报通常在集中整改（2至3个月）后公布",
                              f"the notice comes only {gap} days after the feedback; progress is "
                              f"usually published after the 2-3 months of rectification", "info")


@hookimpl
def notice_lint_rules():
    return [Dates()]
