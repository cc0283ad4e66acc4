"""Disclosure period: how long the notice stays public (公开期限), present and plausible.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/disclosure-period.yaml (`notice-lint explain disclosure-period` prints it).
"""

from __future__ import annotations

from dataclasses import dataclass

from notice_lint import Finding, Message, hookimpl
from notice_lint.checks._written import zh_date

PROBLEMS = {"month": ("月份不存在", "no such month"), "day": ("该月没有这一天", "no such day")}


@dataclass(frozen=True, eq=False)
class Options:
    min_days: int = 7
    max_days: int = 90

    def __post_init__(self) -> None:
        if self.min_days < 1 or self.max_days < self.min_days:
            raise ValueError("min_days must be at least 1 and no more than max_days")


class DisclosurePeriod:
    id = "disclosure-period"
    description = "公开期限：写明、可解析、起止有序、不早于通报日期、天数合理"
    description_en = ("disclosure period (公开期限): present, readable, start before end, not before "
                      "the notice's date, length within bounds")
    severity = "warning"
    severities = ("warning", "error", "info")  # error: before the notice; info: very long
    reads = ("contact", "paragraphs", "period", "signature", "supervision", "profile")
    Options = Options

    def check(self, document, options: Options):
        outline = document.outline
        view = document.view
        period = outline.period
        profile = document.profile
        if not profile.is_notice:
            return
        if period is None:
            if outline.paragraphs and profile.requires("period"):
                start, end = _where_it_belongs(outline)
                kind = profile.genre
                zh_kind = f"（{kind.name}通报应写明）" if kind else ""
                en_kind = f" ({kind.name_en} notices carry one)" if kind else ""
                yield self._finding(view, start, end,
                                    f"缺少公开期限{zh_kind}：应写明“公开期限：××××年×月×日至×月×日”",
                                    f"no disclosure period{en_kind}: add 公开期限：YYYY年M月D日至M月D日")
            return
        span = (period.view_label_start, period.view_end)
        if period.duration is not None:
            days, unit = period.duration
            if unit != "工作日":
                yield from self._length(view, span, days, options)
            return
        first, last = period.first, period.last
        if first is None or last is None:
            yield self._finding(view, *span,
                                "公开期限无法识别：应写明起止日期，如“2025年11月12日至12月11日”",
                                "the disclosure period cannot be read: give a start and an end "
                                "date, e.g. 2025年11月12日至12月11日")
            return
        for which, date, which_en in (("开始", first, "start"), ("结束", last, "end")):
            if date.problem:
                zh, en = PROBLEMS[date.problem]
                yield self._finding(view, date.view_start, date.view_end,
                                    f"公开期限{which}日期“{view.text[date.view_start:date.view_end]}”无效：{zh}",
                                    f"the disclosure period's {which_en} date "
                                    f"{view.text[date.view_start:date.view_end]} is impossible: {en}")
                return
        if first.date is None or last.date is None:
            return
        if last.date < first.date:
            yield self._finding(view, *span,
                                f"公开期限结束日期（{zh_date(last.date)}）早于开始日期（{zh_date(first.date)}）",
                                f"the disclosure period ends ({last.date}) before it starts "
                                f"({first.date})", "error")
            return
        notice = outline.notice_date
        if notice is not None and first.date < notice:
            yield self._finding(view, first.view_start, first.view_end,
                                f"公开期限开始日期（{zh_date(first.date)}）早于通报日期（{zh_date(notice)}）",
                                f"the disclosure period starts ({first.date}) before the notice's "
                                f"own date ({notice})")
        yield from self._length(view, span, (last.date - first.date).days + 1, options)

    def _length(self, view, span, days, options):
        if days < options.min_days:
            yield self._finding(view, *span,
                                f"公开期限仅{days}天，少于{options.min_days}天",
                                f"the disclosure period is only {days} days (fewer than "
                                f"{options.min_days})")
        elif days > options.max_days:
            yield self._finding(view, *span,
                                f"公开期限长达{days}天，超过{options.max_days}天",
                                f"the disclosure period lasts {days} days (more than "
                                f"{options.max_days})", "info")

    def _finding(self, view, start, end, zh, en, severity=None):
        return Finding.at(view.locate(start, end), rule=self.id, message=Message(zh, en),
                          severity=severity or self.severity)


def _where_it_belongs(outline):
    """After the contact block, else after the supervision sentence, else before the signature."""
    if outline.contact is not None:
        return outline.contact.view_start, outline.contact.view_end
    if outline.view_supervision is not None:
        return outline.view_supervision
    signature = outline.signature.organ or outline.signature.date_paragraph
    p = signature or outline.paragraphs[-1]
    return p.view_start, p.view_end


@hookimpl
def notice_lint_rules():
    return [DisclosurePeriod()]
