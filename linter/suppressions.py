"""Suppressions from any source (Markdown comments …): which findings they hide, which hid nothing.

A source is a function `(document) -> list[Suppression]` (suppression_sources.SOURCES). Each Suppression switches
one rule (or every rule) off over whole lines or over a span, and names the Directive it came
from: where it is written, its text, the rule ids as written, the reason, and how to remove it
(for the unused-suppression report and its fix). The engine hides every finding a suppression
covers, then reports the directives (or the rule ids in them) that covered nothing.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence

from .finding import Finding, Fix, Message, Severity
from .record import Record

RULE_ID = "unused-suppression"


class Directive(Record):
    """A suppression as written: its place (1-based, exclusive end column), its text, the rule
    ids it names in order (empty: every rule), its reason, and the spans a fix edits: `removal`
    (line, column, end_line, end_column) deletes it whole, `rules_at` (line, column, end_column)
    holds the list of ids; None where the source cannot be edited (a Word comment)."""

    source: str
    line: int
    column: int
    end_column: int
    text: str
    rules: tuple[str, ...] = ()
    reason: str | None = None
    removal: tuple[int, int, int, int] | None = None
    rules_at: tuple[int, int, int] | None = None


class Suppression(Record):
    """One rule (None: every rule) switched off over lines `first`..`last` (a finding starting
    on one of them is hidden), or over `span` (line, column, end_line, end_column: a finding
    overlapping it is hidden) when given."""

    rule: str | None
    directive: Directive
    first: int = 0
    last: int = 0
    span: tuple[int, int, int, int] | None = None

    def covers(self, finding: Finding) -> bool:
        if self.rule is not None and self.rule != finding.rule:
            return False
        if self.span is None:
            return self.first <= finding.line <= self.last
        line, column, end_line, end_column = self.span
        return ((finding.line, finding.column) < (end_line, end_column)
                and (line, column) < (finding.end_line, max(finding.end_column,
                                                            finding.column + 1)))

    @property
    def breadth(self) -> tuple[int, int]:
        """How much it covers, to credit the narrowest of several suppressions with a finding."""
        lines = (self.span[2] - self.span[0]) if self.span is not None else self.last - self.first
        return (self.rule is None, lines)


def apply(findings: Iterable[Finding],
          suppressions: Sequence[Suppression]) -> tuple[list[Finding], set[int]]:
    """The findings no suppression covers, and the indices of the suppressions that hid one
    (each hidden finding credited to the narrowest that covers it, so a redundant one shows as
    unused and removing it changes nothing)."""
    kept: list[Finding] = []
    used: set[int] = set()
    for finding in findings:
        covering = [i for i, s in enumerate(suppressions) if s.covers(finding)]
        if not covering:
            kept.append(finding)
            continue
        used.add(min(covering, key=lambda i: suppressions[i].breadth))
    return kept, used


def unused(suppressions: Sequence[Suppression], used: set[int], *, known: Collection[str],
           ran: Collection[str], all_ran: bool) -> list[Finding]:
    """One finding per directive that hid nothing (or names rule ids that hid nothing), and one
    per directive naming an unknown rule id. Only what was checked is judged: a rule id that
    did not run on the file (not selected, ignored for it, crashed) is never called unused, nor
    a directive for every rule unless every rule ran."""
    by_directive: dict[Directive, list[int]] = {}
    for index, suppression in enumerate(suppressions):
        by_directive.setdefault(suppression.directive, []).append(index)
    found: list[Finding] = []
    for directive, indices in by_directive.items():
        unknown = [rule for rule in directive.rules if rule not in known and rule != RULE_ID]
        if unknown:
            found.append(_unknown(directive, unknown, known))
        judged = [i for i in indices
                  if (suppressions[i].rule is None and all_ran)
                  or (suppressions[i].rule is not None and suppressions[i].rule in ran)]
        idle = [suppressions[i].rule for i in judged if i not in used]
        if not idle:
            continue
        if None in idle or len(idle) == len(directive.rules):
            found.append(_whole(directive))
        else:
            found.append(_some(directive, [r for r in idle if r is not None]))
    return found


def _shown(text: str) -> str:
    return text if len(text) <= 60 else text[:59] + "…"


def _whole(directive: Directive) -> Finding:
    fix = None
    if directive.removal is not None:
        line, column, end_line, end_column = directive.removal
        fix = Fix("", safe=True)
    else:
        line, column, end_line, end_column = (directive.line, directive.column, directive.line,
                                              directive.end_column)
    text = _shown(directive.text)
    message = Message(f"未使用的抑制注释：{text}（没有可抑制的问题，可删除）",
                      f"unused suppression: {text} (it suppresses nothing; remove it)")
    return Finding(RULE_ID, line, column, message, Severity.INFO, end_line=end_line,
                   end_column=end_column, fix=fix)


def _some(directive: Directive, idle: list[str]) -> Finding:
    kept = [rule for rule in directive.rules if rule not in idle]
    fix = None
    line, column, end_column = directive.line, directive.column, directive.end_column
    if directive.rules_at is not None:
        line, column, end_column = directive.rules_at
        fix = Fix(" " + ", ".join(kept), safe=True)
    ids = ", ".join(idle)
    text = _shown(directive.text)
    message = Message(f"抑制注释中的 {ids} 未使用：{text}（该处没有这些规则的问题，可从注释中删去）",
                      f"unused rule id(s) {ids} in suppression {text} (no such finding there; "
                      f"remove them from it)")
    return Finding(RULE_ID, line, column, message, Severity.INFO, end_line=line,
                   end_column=end_column, fix=fix)


def _unknown(directive: Directive, unknown: list[str], known: Collection[str]) -> Finding:
    from .config import suggest  # start-up: only for a directive with a wrong id
    hints = "".join(suggest(rule, list(known)) for rule in unknown)
    ids = ", ".join(unknown)
    message = Message(f"抑制注释中的规则 {ids} 不存在{hints}：{_shown(directive.text)}"
                      f"（notice-lint rules 列出所有规则）",
                      f"unknown rule id {ids}{hints} in suppression {_shown(directive.text)} "
                      f"(notice-lint rules lists them)")
    return Finding(RULE_ID, directive.line, directive.column, message, Severity.WARNING,
                   end_line=directive.line, end_column=directive.end_column)
