"""One JSON object: {"tool": …, "findings": […], "summary": …, "errors": […]}."""

from __future__ import annotations

from ..outputs import json_text
from ..version import __version__
from .base import Reporter, Summary


class JsonReporter(Reporter):
    def start(self) -> None:
        self._findings: list[dict] = []

    def file(self, result) -> None:
        self._findings.extend(f.to_json(self.lang) for f in result.findings)

    def finish(self, summary: Summary) -> None:
        document = {
            "tool": {"name": "notice-lint", "version": __version__},
            "findings": self._findings,
            "summary": {
                "files": summary.files,
                "findings": summary.findings,
                "error": summary.by_severity["error"],
                "warning": summary.by_severity["warning"],
                "info": summary.by_severity["info"],
                "by_rule": dict(sorted(summary.by_rule.items())),
                "exit_status": summary.exit_status,
            },
            "errors": [{k: v for k, v in vars_of(p).items() if v is not None}
                       for p in summary.problems],
        }
        self.stream.write(json_text(document) + "\n")


def vars_of(problem) -> dict:
    return {"path": problem.path, "rule": problem.rule, "plugin": problem.plugin,
            "message": problem.message}
