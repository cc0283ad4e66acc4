"""Word review: what a Word draft still holds of its review, said once.

A .docx is read as it will be once its tracked changes are accepted: inserted text is linted,
deleted text is not. While changes are pending, what is published may still differ from what was
checked, so this rule reports them once, at the first change, with their count (insertions,
deletions and moves; formatting changes are not counted). Accept or reject them in Word
(审阅 → 接受/拒绝) before publishing.

It also reports a reviewer's comment that starts like a notice-lint decision but cannot be read
as one, and says how to write it. A reviewer marks a finding as wrong with a Word comment on the
words, of the form

    notice-lint: ignore RULE — reason        notice-lint：忽略 RULE 理由

(several rules separated by spaces or commas; no rule: every rule). The next run, lint and
annotate, drops the findings of that rule that overlap the commented words.

In the examples, ⟦+…⟧ marks text inserted with 修订 (track changes) on.

Bad (in a Word draft): 如有意见建议，请及时向我们⟦+反映⟧。
Good: 如有意见建议，请及时向我们反映。
"""

from __future__ import annotations

from notice_lint import Finding, Message, hookimpl

_FORM_ZH = "notice-lint：忽略 规则 理由（如“notice-lint：忽略 confusables 引用原文”）"
_FORM_EN = "notice-lint: ignore RULE — reason (e.g. “notice-lint: ignore confusables — quoted”)"


class WordReview:
    id = "word-review"
    description = "Word 审阅：未处理的修订、无法识别的审阅人忽略批注"
    description_en = "Word review: pending tracked changes, unreadable reviewer ignore comments"
    severity = "info"
    reads = ()

    def check(self, document, options):
        changes = getattr(document, "tracked_changes", ())  # only a Word draft has a review
        if changes:
            yield Finding.at(document.locate(min(changes[0], len(document.text) - 1)),
                             rule=self.id, severity=self.severity, message=Message(
                f"文档中有 {len(changes)} 处未处理的修订（插入、删除或移动），已按全部接受后的文字检查；"
                f"发布前请在 Word 中接受或拒绝修订",
                f"the document holds {len(changes)} pending tracked change(s) (insertions, "
                f"deletions or moves), checked as if all were accepted; accept or reject them in "
                f"Word before publishing"))
        for comment in getattr(document, "unreadable_comments", ()):
            shown = comment.text.strip().replace("\n", " ")[:40]
            yield Finding.at(document.locate(comment.start, comment.end), rule=self.id,
                             severity=self.severity, message=Message(
                f"审阅批注“{shown}”无法识别，未忽略任何问题：请写成 {_FORM_ZH}",
                f"the reviewer's comment “{shown}” cannot be read and ignores nothing: "
                f"write {_FORM_EN}"))


@hookimpl
def notice_lint_rules():
    return [WordReview()]
