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


class Place(Record):
    """Where a finding is, as a reader finds it without line and column numbers (places.py
    works it out when the file is linted: reporters never see the document).

    ``excerpt`` is the finding's first line around its span, cut with "…" when long, and
    ``start``/``end`` the span within it (code points, exclusive end); None where the output
    does not show it. A Word draft's ``paragraph`` (as Word counts them), the ``opening`` words
    of that paragraph and the ``words`` the finding points at ("…" where cut) name the place
    as a Word user finds it: there are no line numbers in Word."""

    excerpt: str | None = None
    start: int = 0
    end: int = 0
    paragraph: int | None = None
    opening: str | None = None
    words: str | None = None
    # where in the Word draft, outside its body: "header", "footer" or "textbox" (None: the body,
    # whose paragraphs Word's readers count; a header's words are found by its name instead)
    part: str | None = None

    def label(self, lang: str) -> str | None:
        """第31段「关于巡察整改…」：「反应」 (页眉「…」 outside the body), or None when there is no
        paragraph to name."""
        if self.paragraph is None:
            return None
        if lang == "en":
            name = _PARTS_EN.get(self.part or "", f"paragraph {self.paragraph}")
            where = f'{name} ("{self.opening}")' if self.opening else f"{name} (empty)"
            return f'{where}: "{self.words}"' if self.words else where
        name = _PARTS_ZH.get(self.part or "", f"第{self.paragraph}段")
        where = f"{name}「{self.opening}」" if self.opening else f"{name}（空段落）"
        return f"{where}：「{self.words}」" if self.words else where


_PARTS_ZH = {"header": "页眉", "footer": "页脚", "textbox": "文本框"}
_PARTS_EN = {"header": "header", "footer": "footer", "textbox": "text box"}


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
    # where it is, for a reader (set by the engine, see Place)
    place: Place | None = None


class Finding(_FindingFields):
    """One problem at one place: 1-based line and column in code points, exclusive end column.

    Immutable. ``severity`` may be given as a string, ``fix`` as a dict; a missing end means one
    character."""

    __slots__ = ()

    def __new__(cls, rule: str, line: int, column: int, message: str | Message,
                severity: Severity | str = Severity.WARNING, end_line: int | None = None,
                end_column: int | None = None, fix: Fix | dict | None = None,
                path: str | None = None, anchor: str | None = None,
                place: Place | None = None) -> Finding:
        if isinstance(fix, dict):
            fix = Fix(**fix)
        if end_line is None:
            end_line = line
        if end_column is None:
            end_column = column + 1 if end_line == line else 1
        return super().__new__(cls, rule, line, column, message, Severity(str(severity)),
                               end_line, end_column, fix, path, anchor, place)

    @classmethod
    def at(cls, span: Span, **fields: Any) -> Finding:
        return cls(line=span.line, column=span.column, end_line=span.end_line,
                   end_column=span.end_column, **fields)

    def text(self, lang: str) -> str:
        message = self.message
        return message.render(lang) if isinstance(message, Message) else str(message)

    def located(self, lang: str) -> str:
        """The message, after the place as a Word user finds it when there is one to name:
        【第31段「关于巡察整改…」：「反应」】“反应”应为“反映”…"""
        label = self.place.label(lang) if self.place is not None else None
        if label is None:
            return self.text(lang)
        return f"[{label}] {self.text(lang)}" if lang == "en" else f"【{label}】{self.text(lang)}"

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
        place = self.place
        if place is not None and place.paragraph is not None:  # a Word draft's: see Place
            data["place"] = {"paragraph": place.paragraph, "opening": place.opening,
                             "words": place.words, "text": place.label(lang)}
            if place.part is not None:
                data["place"]["part"] = place.part
        return data

    @property
    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.rule)
