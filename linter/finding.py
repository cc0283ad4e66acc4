"""Findings: one problem at one place, 1-based line and column in code points, exclusive end."""

from __future__ import annotations

import enum
from typing import Any

from .record import Record


class Severity(enum.StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Message(Record):
    """A message in both languages; the reporter picks one."""

    zh: str
    en: str

    def render(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def __str__(self) -> str:
        return self.zh


class Fix(Record):
    """Replace the finding's span with `replacement`; only `safe` fixes are applied by --fix.

    `original` is the text the rule read in that span, when it knows it: --fix then refuses a
    span holding anything else. A fix always replaces some text: --fix refuses an empty span or
    an empty `original` (a pattern that matched nothing must not insert its word everywhere)."""

    replacement: str
    safe: bool = False
    original: str | None = None


class Span(Record):
    """A place in the original text: 1-based line and column, exclusive end column."""

    line: int
    column: int
    end_line: int
    end_column: int


class _FindingFields(Record):
    rule: str
    line: int
    column: int
    message: str | Message
    severity: Severity | str = Severity.WARNING
    end_line: int | None = None
    end_column: int | None = None
    fix: Fix | None = None
    path: str | None = None
    # the text the finding points at; the baseline matches on it, not on the line
    anchor: str | None = None


class Finding(_FindingFields):
    """One problem at one place: 1-based line and column in code points, exclusive end column.

    Immutable. ``severity`` may be given as a string, ``fix`` as a dict; a missing end means one
    character."""

    __slots__ = ()

    def __new__(cls, rule: str, line: int, column: int, message: str | Message,
                severity: Severity | str = Severity.WARNING, end_line: int | None = None,
                end_column: int | None = None, fix: Fix | dict | None = None,
                path: str | None = None, anchor: str | None = None) -> Finding:
        if isinstance(fix, dict):
            fix = Fix(**fix)
        if end_line is None:
            end_line = line
        if end_column is None:
            end_column = column + 1 if end_line == line else 1
        return super().__new__(cls, rule, line, column, message, Severity(str(severity)),
                               end_line, end_column, fix, path, anchor)

    @classmethod
    def at(cls, span: Span, **fields: Any) -> Finding:
        return cls(line=span.line, column=span.column, end_line=span.end_line,
                   end_column=span.end_column, **fields)

    def text(self, lang: str) -> str:
        message = self.message
        return message.render(lang) if isinstance(message, Message) else str(message)

    def to_json(self, lang: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.text(lang),
        }
        if self.fix is not None:
            data["fix"] = {"replacement": self.fix.replacement, "safe": self.fix.safe}
        return data

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.rule)
