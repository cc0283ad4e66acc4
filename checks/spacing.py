"""Spacing: no spaces inside Chinese text or between Chinese and numbers.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/spacing.yaml (`notice-lint explain spacing` prints it).
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import chain

from notice_lint import Finding, Fix, Message, hookimpl
from notice_lint.edit_groups import group_edits, replaced
from notice_lint.patterns import shipped_pattern

_CJK = r"\p{Han}\u3001-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019"
# a run of spaces with Chinese on one side and Chinese or a digit on the other
_SPACES = " \t\u3000\u00a0"  # every stray run holds one of these
_STRAY = shipped_pattern(
    rf"(?<=[{_CJK}])[{_SPACES}]+(?=[{_CJK}0-9０-９])"
    # a number followed by a space, unless the number belongs to Latin text (Windows 10 系统)
    rf"|(?<![A-Za-z][ \t]*[0-9.]*)(?<=[0-9０-９])[{_SPACES}]+(?=[{_CJK}])")


class Spacing:
    id = "spacing"
    description = "空格：中文之间、中文与数字之间不加空格"
    description_en = "spacing: no spaces inside Chinese text or between Chinese and numbers"
    severity = "warning"
    reads = ("headings", "paragraphs", "signature")

    def check(self, document, options):
        view = document.view
        text = view.text
        if not any(c in text for c in _SPACES):
            return  # most drafts have no space at all: no scan
        found = _STRAY.finditer(text)  # one at a time: a list of a million matches took 200 MB
        first = next(found, None)
        if first is None:
            return
        outline = document.outline
        skip = sorted(_skipped_spans(outline))
        skip_starts = [s for s, _ in skip]
        edits = []
        for m in chain([first], found):
            i = bisect_right(skip_starts, m.start()) - 1
            if i >= 0 and m.start() < skip[i][1]:
                continue
            if not view.faithful(m.start(), m.end()):
                continue
            edits.append((view.to_original(m.start()), view.to_original_end(m.end()), ""))
        original = document.text
        for group in group_edits(original, edits, len(outline.paragraphs), max_lines=10):
            count = len(group.edits)
            samples = []
            for start, end, _ in group.edits[:3]:
                samples.append("“" + original[max(start - 2, 0):end + 2].strip() + "”")
            shown = "、".join(samples)
            if group.whole_document:
                zh = f"全文在中文与数字之间加了空格（共{count}处，如{shown}），公文不加空格"
                en = f"the document puts spaces between Chinese and numbers ({count}, e.g. " \
                     f"{shown}): official documents do not"
            else:
                zh = f"多余的空格（{count}处，如{shown}）：公文的汉字、数字之间不加空格"
                en = f"stray space(s) ({count}, e.g. {shown}): official documents put no " \
                     f"spaces between Chinese characters and numbers"
            yield Finding.at(document.locate(group.start, group.end), rule=self.id,
                             message=Message(zh, en), severity=self.severity,
                             fix=Fix(replaced(original, group), True))


def _skipped_spans(outline) -> list[tuple[int, int]]:
    """The signature (organ and date may sit on one line) and heading markers."""
    spans = []
    signature = outline.signature
    for p in (signature.organ, signature.date_paragraph):
        if p is not None:
            spans.append((p.view_start, p.view_end))
    for h in outline.headings:
        spans.append((h.view_start, h.view_marker_end))
    return spans


@hookimpl
def notice_lint_rules():
    return [Spacing()]
