"""Reviewers' comments in a Word draft that switch a rule off on the words they are on."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from ..finding import Finding, Message
from ..patterns import shipped_pattern

# notice-lint: ignore confusables — 引用原文 / notice-lint：忽略 confusables、spacing 引用原文
_DIRECTIVE = shipped_pattern(
    r"\s*notice-lint\s*[:：]\s*(?:ignore(?=[\s,，、:：—–-]|$)|忽略)"
    r"(?P<rules>(?:[\s,，、]*[a-z][a-z0-9-]*)*)"
    r"(?:\s*(?:[—–]+|--?|[:：，,、；;])?\s*(?P<reason>\S.*?))?\s*",
    re.I | re.S)
_LOOKS_LIKE_ONE = shipped_pattern(r"\s*notice[-_ ]?lint\b", re.I)
_RULE = shipped_pattern(r"[a-z][a-z0-9-]*")



@dataclass(frozen=True, slots=True)
class Comment:
    """A Word comment: who wrote it, what it says, and the span of text it is on."""

    id: str
    author: str
    initials: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ReviewIgnore:
    """A reviewer's decision: `rules` (empty: every rule) are wrong on text [start, end)."""

    rules: frozenset[str]
    start: int
    end: int
    reason: str
    author: str

    def covers(self, rule: str, start: int, end: int) -> bool:
        if self.rules and rule not in self.rules:
            return False
        if start == end:
            return self.start <= start <= self.end
        return start < max(self.end, self.start + 1) and end > self.start


def parse(comment: Comment) -> ReviewIgnore | None:
    """The decision a comment records, or None (not one of ours, or malformed: see
    malformed())."""
    m = _DIRECTIVE.fullmatch(comment.text)
    if m is None:
        return None
    rules = frozenset(r.lower() for r in _RULE.findall(m["rules"].lower()))
    return ReviewIgnore(rules, comment.start, comment.end, (m["reason"] or "").strip(),
                        comment.author)


def malformed(comment: Comment) -> bool:
    """A comment that starts like a directive but cannot be read as one."""
    return bool(_LOOKS_LIKE_ONE.match(comment.text)) and parse(comment) is None


def ignores(comments: Iterable[Comment]) -> list[ReviewIgnore]:
    return [d for d in (parse(c) for c in comments) if d is not None]


def apply(document, findings: Sequence[Finding], known: Collection[str] = (),
          report: bool = False) -> tuple[list[Finding], list[tuple[Finding, ReviewIgnore]]]:
    """`findings` without those a reviewer's comment switches off, and those, each with the
    comment that did. `known`: the rule ids there are; with `report`, a comment naming another
    is a word-review finding (a misspelt rule would otherwise ignore nothing, silently)."""
    decisions = ignores(document.word.comments)
    if not decisions:
        return list(findings), []
    starts = document.line_starts
    kept: list[Finding] = []
    dropped: list[tuple[Finding, ReviewIgnore]] = []
    for f in findings:
        start = starts[f.line - 1] + f.column - 1
        end = starts[min(f.end_line, len(starts)) - 1] + f.end_column - 1
        by = next((d for d in decisions if d.covers(f.rule, start, max(end, start))), None)
        if by is None:
            kept.append(f)
        else:
            dropped.append((f, by))
    if report:
        kept += [_unknown(document, d, unknown) for d in decisions
                 if (unknown := sorted(d.rules - set(known)))]
    return kept, dropped


def _unknown(document, decision: ReviewIgnore, unknown: list[str]) -> Finding:
    names = "、".join(unknown)
    span = document.locate(decision.start, max(decision.end, decision.start + 1))
    return Finding.at(span, rule="word-review", severity="info", path=document.path,
                      anchor=document.text[decision.start:decision.end][:80] or None,
                      message=Message(
        f"审阅批注要忽略的规则 {names} 不存在，未忽略该规则的问题（规则名见 notice-lint rules）",
        f"the reviewer's comment ignores {', '.join(unknown)}, which is no rule: nothing of it "
        f"is ignored (notice-lint rules lists them)"))
