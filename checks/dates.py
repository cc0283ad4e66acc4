"""Dates: impossible dates, events after the notice's own date, a chronology that runs backwards.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/dates.yaml (`notice-lint explain dates` prints it).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from notice_lint import Finding, Fix, Message, hookimpl, load_data
from notice_lint.checks._written import zh_date
from notice_lint.edit_groups import group_edits
from notice_lint.outline.date_mentions import month_day_splits
from notice_lint.patterns import shipped_pattern

PROBLEMS = {"month": ("月份不存在", "there is no such month"),
            "day": ("该月没有这一天", "the month has no such day")}


class Vocabulary(NamedTuple):
    future: regex.Pattern
    feedback: regex.Pattern
    status: regex.Pattern
    min_days_after_feedback: int
    garbled: regex.Pattern           # 2024717日, 2024年717日
    garbled_range_end: regex.Pattern  # …日至830日
    garbled_range_hint: regex.Pattern  # what a text with a garbled_range_end has


@cache
def vocabulary() -> Vocabulary:
    raw = load_data("notice_lint.configs", "dates.yaml")
    return Vocabulary(shipped_pattern(raw["future"]), shipped_pattern(raw["feedback"]),
                      shipped_pattern(raw["status"]), int(raw["min_days_after_feedback"]),
                      shipped_pattern(raw["garbled"]), shipped_pattern(raw["garbled_range_end"]),
                      shipped_pattern(raw["garbled_range_hint"]))


def _rolls_over(later, earlier) -> bool:
    """A date whose year is implied (截至2月10日 after a feedback in October) and that falls in
    order when read in the next year: the year turned, nothing runs backwards."""
    if later.year_given or later.year is None:
        return False
    moved = _next_year(later)
    return moved is not None and moved >= earlier


def _next_year(mention):
    try:
        return mention.date.replace(year=mention.date.year + 1)
    except ValueError:  # 2月29日
        return None


class Dates:
    id = "dates"
    description = "日期：不存在的日期、晚于通报日期的已办事项、先后顺序颠倒、两位数年份"
    description_en = ("dates: impossible dates, things done after the notice's date, a "
                      "chronology that runs backwards, two-digit years")
    severity = "warning"
    severities = ("warning", "error", "info")  # error: impossible or backwards; info: soon after feedback
    reads = ("contact", "dates", "period", "preamble", "signature")

    def check(self, document, options):
        vocab = vocabulary()
        outline = document.outline
        view = document.view
        text = view.text
        period = outline.period
        in_period = (period.view_label_start, period.view_end) if period else (0, 0)
        sig = outline.signature.date
        written = [d for d in outline.dates if not (sig is not None and d.view_start == sig.view_start)]
        dates = [d for d in written if not in_period[0] <= d.view_start < in_period[1]]

        def finding(d, zh, en, severity=None):
            return Finding.at(view.locate(d.view_start, d.view_end), rule=self.id, message=Message(zh, en),
                              severity=severity or self.severity)

        for d in written:
            written_as = text[d.view_start:d.view_end]
            if d.two_digit_year:
                yield finding(d, f"年份应写全称：“{written_as}”缺少世纪（如“2023年”）",
                              f"write the year in full: {written_as} (e.g. 2023年)")
            elif d.problem:
                zh, en = PROBLEMS[d.problem]
                yield finding(d, f"日期“{written_as}”不存在：{zh}",
                              f"{written_as} is impossible: {en}", "error")
        notice = outline.notice_date
        closing = outline.contact.view_start if outline.contact else len(text)
        if notice is not None:
            for d in dates:
                if d.date is None or d.date <= notice or d.view_start >= closing:
                    continue
                start, end = outline.sentence_around(d.view_start)
                if vocab.future.search(text, start, end):
                    continue
                yield finding(d, f"“{text[d.view_start:d.view_end]}”晚于通报日期（{zh_date(notice)}），"
                                 f"所述事项尚未发生",
                              f"{text[d.view_start:d.view_end]} is after the notice's own date "
                              f"({notice}): it cannot have happened yet")
        yield from self._chronology(document, outline, vocab, dates, finding)
        yield from self._garbled(document, vocab)

    def _garbled(self, document, vocab):
        """2024717日, 2024年717日: each, or once with the count when on many lines."""
        view = document.view
        text = view.text
        found = {}
        patterns = (vocab.garbled, vocab.garbled_range_end) if vocab.garbled_range_hint.search(text) \
            else (vocab.garbled,)
        for pattern in patterns:
            for m in pattern.finditer(text):
                found.setdefault(m.start(), (m.end(), garbled_reading(m), bool(m.groupdict().get("y"))))
        if not found:
            return
        edits = [(start, end, meant or "") for start, (end, meant, _) in sorted(found.items())]
        for group in group_edits(text, edits, len(document.outline.paragraphs), share=0):
            if group.whole_document:
                start, end, meant = group.edits[0]
                sample = f"“{view.original(start, end)}”" + (f"→“{meant}”" if meant else "")
                yield Finding.at(view.locate(group.start, group.end), rule=self.id,
                                 message=Message(f"全文有{len(group.edits)}处日期残缺，年、月、日连在一起"
                                                 f"（如{sample}），疑为转换或编辑损坏，请对照原稿补正",
                                                 f"{len(group.edits)} garbled dates, year, month "
                                                 f"and day run together (e.g. {sample}): damaged "
                                                 f"by a converter or editor; restore them from "
                                                 f"the original"),
                                 severity=self.severity)
                continue
            for start, end, meant in group.edits:
                written = view.original(start, end)
                # a range end (…日至830日) has no year: only its month and day run together
                zh, en = (("年、月、日", "year, month and day") if found[start][2]
                          else ("月、日", "month and day"))
                if meant:
                    message = Message(f"日期“{written}”残缺：{zh}连在一起（疑为转换或编辑损坏），"
                                      f"应为“{meant}”",
                                      f"garbled date “{written}”: {en} run together (damaged "
                                      f"by a converter or editor); probably “{meant}”")
                else:
                    message = Message(f"日期“{written}”残缺：{zh}连在一起（疑为转换或编辑损坏），"
                                      f"无法确定月、日，请对照原稿补正",
                                      f"garbled date “{written}”: {en} run together (damaged "
                                      f"by a converter or editor), and the "
                                      f"month and day cannot be told apart: restore it from the "
                                      f"original")
                yield Finding.at(view.locate(start, end), rule=self.id, message=message,
                                 severity=self.severity,
                                 fix=Fix(meant, False) if meant and view.faithful(start, end)
                                 else None)

    def _chronology(self, document, outline, vocab, dates, finding):
        preamble = outline.preamble
        if preamble is None:
            return
        text = outline.text
        inside = [d for d in dates if preamble.view_start <= d.view_start < preamble.view_end and d.date]
        in_range = {id(d) for i, d in enumerate(inside) if d.range_start is not None and i > 0}
        in_range |= {id(inside[i - 1]) for i, d in enumerate(inside)
                     if d.range_start is not None and i > 0}
        # the feedback date: the first single date whose sentence speaks of the feedback
        feedback = next((d for d in inside if id(d) not in in_range
                         and vocab.feedback.search(text, *outline.sentence_around(d.view_start))),
                        None)
        ranges = [(inside[i - 1], d) for i, d in enumerate(inside)
                  if d.range_start is not None and i > 0]
        inspection = ranges[0] if ranges else None
        if inspection and inspection[1].date < inspection[0].date:
            yield finding(inspection[1], "巡察结束日期早于开始日期",
                          "the inspection ends before it starts")
            return
        if inspection and feedback and feedback.date < inspection[1].date and not _rolls_over(
                feedback, inspection[1].date):
            yield finding(feedback, f"反馈日期（{zh_date(feedback.date)}）早于巡察结束日期"
                                    f"（{zh_date(inspection[1].date)}），先后顺序颠倒",
                          f"the feedback ({feedback.date}) comes before the inspection ended "
                          f"({inspection[1].date})", "error")
            return
        status = next((d for d in dates if d.date and d.view_start > preamble.view_end and vocab.status.search(
            text, max(d.view_start - 4, 0), d.view_start)), None)
        if feedback and status and status.date < feedback.date and not _rolls_over(
                status, feedback.date):
            yield finding(status, f"截至日期（{zh_date(status.date)}）早于反馈日期（{zh_date(feedback.date)}）",
                          f"the status date ({status.date}) is before the feedback "
                          f"({feedback.date})")
        notice = outline.notice_date
        if feedback and notice:
            gap = (notice - feedback.date).days
            if gap < 0:
                yield finding(feedback, f"反馈日期（{zh_date(feedback.date)}）晚于通报日期（{zh_date(notice)}）",
                              f"the feedback ({feedback.date}) is after the notice ({notice})",
                              "error")
            elif gap < vocab.min_days_after_feedback:
                yield finding(feedback, f"通报日期距反馈仅{gap}天，整改进展情况通报通常在集中整改（2至3个月）后公布",
                              f"the notice comes only {gap} days after the feedback; progress is "
                              f"usually published after the 2-3 months of rectification", "info")


def garbled_reading(m: regex.Match) -> str | None:
    """What a garbled date likely is (2024717日 → 2024年7月17日): only when its month and day
    digits split one way (717 is 7月17日; 117 may be 1月17日 or 11月7日), and never for two digits
    (2024年12日 may be 2024年1月2日 or 2024年12月)."""
    year_text = m.groupdict().get("y")
    year = int(year_text) if year_text else None
    digits = m["md"]
    splits = month_day_splits(digits, year) if len(digits) >= 3 else []
    if len(splits) != 1:
        return None
    month, day = splits[0]
    return (f"{year}年" if year is not None else "") + f"{month}月{day}日"


@hookimpl
def notice_lint_rules():
    return [Dates()]
