"""GitHub Actions workflow commands: annotations on the pull request's changed lines."""

from __future__ import annotations

import os

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
    summary_file = None   # a github_summary.StepSummary when $GITHUB_STEP_SUMMARY is set

    def start(self) -> None:
        if os.environ.get("GITHUB_STEP_SUMMARY"):
            from .github_summary import step_summary  # start-up: only inside a GitHub job
            self.summary_file = step_summary(self.lang)

    def file(self, result) -> None:
        if self.summary_file is not None:
            self.summary_file.add(result.findings)
        for f in result.findings:
            self.stream.write(
                f"::{COMMANDS[str(f.severity)]} file={_property(f.path or '-')},line={f.line},"
                f"col={f.column},endLine={f.end_line},endColumn={f.end_column},"
                f"title={_property('notice-lint ' + f.rule)}::{_data(f.located(self.lang))}\n")

    def finish(self, summary: Summary) -> None:
        for p in summary.problems:
            where = f" file={_property(p.path)}" if p.path else ""
            self.stream.write(f"::error{where},title=notice-lint::{_data(p.message)}\n")
        if self.summary_file is not None:
            self.summary_file.finish(summary)
