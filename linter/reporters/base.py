"""The reporter interface: start, one call per file, finish; output to an injected stream."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ..engine import FileResult


@dataclass(slots=True)
class Problem:
    """Something that made the run fail (exit 2): an unreadable file, a crashed rule or plugin."""

    path: str | None
    message: str
    rule: str | None = None
    plugin: str | None = None


@dataclass(slots=True)
class Summary:
    files: int = 0
    by_severity: Counter = field(default_factory=Counter)
    by_rule: Counter = field(default_factory=Counter)
    problems: list[Problem] = field(default_factory=list)
    exit_status: int = 0

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())


class Reporter:
    """Subclasses override what they need; `lang` is zh or en."""

    def __init__(self, stream: TextIO, lang: str = "zh", *, statistics: bool = False,
                 quiet: bool = False) -> None:
        self.stream = stream
        self.lang = lang
        self.statistics = statistics
        self.quiet = quiet

    def describe_rules(self, rules) -> None:
        """Called once before start with every loaded rule (formats that list rules use it)."""

    def start(self) -> None:
        """Called once before any file."""

    def file(self, result: FileResult) -> None:
        """Called once per file, in the order the files were given."""

    def finish(self, summary: Summary) -> None:
        """Called once at the end."""
