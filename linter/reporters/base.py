"""The reporter interface: start, one call per file, finish; output to an injected stream."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TextIO

from ..record import Record

if TYPE_CHECKING:
    from ..engine import FileResult


class Problem(Record):
    """Something that made the run fail (exit 2): an unreadable file, a crashed rule or plugin."""

    path: str | None
    message: str
    rule: str | None = None
    plugin: str | None = None


def problem_line(problem: Problem, lang: str) -> str:
    """The problem as the one line printed to stderr."""
    where = f"{problem.path}: " if problem.path else ""
    return f"notice-lint: {'error' if lang == 'en' else '错误'}: {where}{problem.message}"


class Summary:
    """The run's totals, filled in as the files go by."""

    __slots__ = ("by_rule", "by_severity", "cached", "excluded", "exit_status", "files",
                 "problems")

    def __init__(self) -> None:
        self.files = 0
        self.cached = 0   # of the files, how many results came from the result cache
        self.excluded = 0  # files named on the command line that `exclude` left out
        self.by_severity: Counter = Counter()
        self.by_rule: Counter = Counter()
        self.problems: list[Problem] = []
        self.exit_status = 0

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())


class Reporter:
    """Subclasses override what they need; `lang` is zh or en."""

    # whether `file` reads each result's document (its text): the run then lints in this
    # process, as worker processes send back findings only
    needs_documents = False

    def __init__(self, stream: TextIO, lang: str = "zh", *, statistics: bool = False,
                 quiet: bool = False, show_source: bool = False, color: bool = False) -> None:
        self.stream = stream
        self.lang = lang
        self.statistics = statistics
        self.quiet = quiet
        self.show_source = show_source  # the text format: each finding's words in context
        self.color = color              # the text format: terminal colours

    def describe_rules(self, rules) -> None:
        """Called once before start with every loaded rule (formats that list rules use it)."""

    def start(self) -> None:
        """Called once before any file."""

    def file(self, result: FileResult) -> None:
        """Called once per file, in the order the files were given."""

    def finish(self, summary: Summary) -> None:
        """Called once at the end."""
