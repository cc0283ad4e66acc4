"""Suppression comments that suppress nothing, and suppressions naming unknown rules.

A Markdown suppression comment (``<!-- notice-lint-disable-next-line confusables -->``,
``disable-line``, ``disable`` … ``enable``) that hides no finding is reported (info), with
the comment's text; a comment naming several rules of which some hid nothing is reported
with those ids. ``--fix`` removes the unused comment, or the unused ids from it. A comment
naming a rule that does not exist is a warning (no fix: the id was meant for something).

On by default, at info: ESLint reports unused disable directives by default, ruff's RUF100 must
be selected; as info it is shown without failing a gate at the default ``--fail-on warning``
(``--fail-on info`` or ``severity: warning`` in the configuration make it count).

Only what ran is judged: with ``--select``, ``per-file-ignores`` or a rule that crashed, the
ids of the rules that did not run are left alone, and a comment without rule ids is judged
only when every rule ran. The findings of this rule are not themselves suppressed by
comments; switch it off in the configuration (``rules: {unused-suppression: {enabled:
false}}``) or with ``--ignore unused-suppression``.

Bad:  <!-- notice-lint-disable-next-line confusables --> above a line without a wrong word
Good: <!-- notice-lint-disable-next-line confusables --> above the line with the word kept
"""

from __future__ import annotations

from .finding import Finding, Severity
from .suppressions import RULE_ID


class UnusedSuppression:
    # the engine reports this rule's findings (engine.Linter._suppress): it knows which
    # suppressions hid a finding only once every other rule has run
    id = RULE_ID
    description = "未使用的抑制注释，或注释中不存在的规则"
    description_en = "suppression comments that suppress nothing, or name unknown rules"
    severity = Severity.INFO
    severities = ("info", "warning")   # warning: a comment naming a rule that does not exist
    reads = ()   # the engine reports it; checking a document reads nothing

    def check(self, document, options) -> list[Finding]:
        return []
