"""Findings: one problem at one place, 1-based line and column in code points, exclusive end."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any


class Severity(enum.StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True)
class Message:
    """A message in both languages; the engine picks one when it reports."""

    zh: str
    en: str

    def render(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def __str__(self) -> str:
        return self.zh


@dataclass(frozen=True, slots=True)
class Fix:
    """Replace the finding's span with `replacement`; only `safe` fixes are applied by --fix."""

    replacement: str
    safe: bool = False


@dataclass(frozen=True, slots=True)
class Span:
    """A place in the original text: 1-based line and column, exclusive end column."""

    line: int
    column: int
    end_line: int
    end_column: int


@dataclass(frozen=True, slots=True)
class Finding:
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
    anchor: str | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "severity", Severity(str(self.severity)))
        if isinstance(self.fix, dict):
            object.__setattr__(self, "fix", Fix(**self.fix))
        if self.end_line is None:
            object.__setattr__(self, "end_line", self.line)
        if self.end_column is None:
            end = self.column + 1 if self.end_line == self.line else 1
            object.__setattr__(self, "end_column", end)

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
