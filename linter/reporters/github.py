"""GitHub Actions workflow commands: annotations on the pull request's changed lines."""

from __future__ import annotations

from ..outputs import valid_unicode, visible
from .base import Reporter, Summary

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    # the workflow-command escapes first (a newline must not end the command), then the other
    # control characters as \x1b: the log viewer would act on them
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return visible(valid_unicode(value))


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


class GithubReporter(Reporter):
    def file(self, result) -> None:
        for f in result.findings:
            self.stream.write(
                f"::{COMMANDS[str(f.severity)]} file={_property(f.path or '-')},line={f.line},"
                f"col={f.column},endLine={f.end_line},endColumn={f.end_column},"
                f"title={_property('notice-lint ' + f.rule)}::{_data(f.located(self.lang))}\n")

    def finish(self, summary: Summary) -> None:
        for p in summary.problems:
            where = f" file={_property(p.path)}" if p.path else ""
            self.stream.write(f"::error{where},title=notice-lint::{_data(p.message)}\n")
