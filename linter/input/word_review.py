"""Reviewers' comments in a Word draft that switch a rule off on the words they are on."""

from __future__ import annotations

import re

from ..patterns import shipped_pattern
from ..record import Record
from ..suppressions import Directive, Suppression

# notice-lint: ignore confusables — 引用原文 / notice-lint：忽略 confusables、spacing 引用原文
_DIRECTIVE = shipped_pattern(
    r"\s*notice-lint\s*[:：]\s*(?:ignore(?=[\s,，、:：—–-]|$)|忽略)"
    r"(?P<rules>(?:[\s,，、]*[a-z][a-z0-9-]*)*)"
    r"(?:\s*(?:[—–]+|--?|[:：，,、；;])?\s*(?P<reason>\S.*?))?\s*",
    re.I | re.S)
_LOOKS_LIKE_ONE = shipped_pattern(r"\s*notice[-_ ]?lint\b", re.I)
_RULE = shipped_pattern(r"[a-z][a-z0-9-]*")



class Comment(Record):
    """A Word comment: who wrote it, what it says, and the span of text it is on."""

    id: str
    author: str
    initials: str
    text: str
    start: int
    end: int


class ReviewIgnore(Record):
    """A reviewer's decision: `rules` (empty: every rule) are wrong on the comment's words."""

    rules: tuple[str, ...]
    reason: str
    comment: Comment


def parse(comment: Comment) -> ReviewIgnore | None:
    """The decision a comment records, or None (not one of ours, or malformed: see
    malformed())."""
    m = _DIRECTIVE.fullmatch(comment.text)
    if m is None:
        return None
    rules = tuple(dict.fromkeys(r.lower() for r in _RULE.findall(m["rules"].lower())))
    return ReviewIgnore(rules, (m["reason"] or "").strip(), comment)


def malformed(comment: Comment) -> bool:
    """A comment that starts like a directive but cannot be read as one."""
    return bool(_LOOKS_LIKE_ONE.match(comment.text)) and parse(comment) is None


def suppressions(document) -> list[Suppression]:
    """The suppressions (see linter.suppressions) the reviewers' comments of a Word draft make:
    each rule named switched off over the words the comment is on. A Word comment is not
    rewritten by a fix (the directive has no removal span)."""
    found: list[Suppression] = []
    for comment in document.word.comments:
        decision = parse(comment)
        if decision is None:
            continue
        span = document.locate(comment.start, max(comment.end, comment.start + 1))
        end_column = span.end_column if span.end_line == span.line else \
            len(document.lines[span.line - 1]) + 1
        directive = Directive("word", span.line, span.column, max(end_column, span.column + 1),
                              comment.text.strip(), decision.rules, decision.reason or None)
        for rule in decision.rules or (None,):
            found.append(Suppression(rule, directive, span.line, span.end_line, tuple(span)))
    return found


def author_of(document, directive: Directive) -> str:
    """Who wrote the Word comment `directive` was read from ("" when unknown)."""
    for comment in document.word.comments:
        if comment.text.strip() == directive.text and \
                document.position(comment.start) == (directive.line, directive.column):
            return comment.author
    return ""
