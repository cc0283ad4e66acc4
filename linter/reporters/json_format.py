"""One JSON object: {"tool": …, "findings": […], "summary": …, "errors": […]}."""

from __future__ import annotations

from ..outputs import json_nested
from ..version import __version__
from .base import Reporter, Summary


class JsonReporter(Reporter):
    """Streamed: each file's findings are written as they come (the summary follows them in the
    document anyway), so a run over an archive holds one file's findings at a time. The bytes
    are those of the whole document dumped at once."""

    def start(self) -> None:
        self._count = 0
        self._opened = False

    def _open(self) -> None:
        if not self._opened:
            self._opened = True
            tool = {"name": "notice-lint", "version": __version__}
            self.stream.write(f'{{\n  "tool": {json_nested(tool, 1)},\n  "findings": [')

    def file(self, result) -> None:
        self._open()
        if result.findings:
            self.stream.write(("," if self._count else "")
                              + items(json_nested([f.to_json(self.lang) for f in result.findings],
                                                  1)))
            self._count += len(result.findings)

    def finish(self, summary: Summary) -> None:
        self._open()
        totals = {
            "files": summary.files,
            "findings": summary.findings,
            "error": summary.by_severity["error"],
            "warning": summary.by_severity["warning"],
            "info": summary.by_severity["info"],
            "by_rule": dict(sorted(summary.by_rule.items())),
            "exit_status": summary.exit_status,
        }
        errors = [{k: v for k, v in vars_of(p).items() if v is not None}
                  for p in summary.problems]
        self.stream.write(("\n  ]" if self._count else "]")
                          + f',\n  "summary": {json_nested(totals, 1)}'
                          + f',\n  "errors": {json_nested(errors, 1)}\n}}\n')


def items(dumped_list: str) -> str:
    """The items of a non-empty list as dumped, without its brackets: what follows the "[" of
    the list they are part of (one dump a file costs less than one a finding)."""
    return dumped_list[1:dumped_list.rindex("\n")]


def vars_of(problem) -> dict:
    return {"path": problem.path, "rule": problem.rule, "plugin": problem.plugin,
            "message": problem.message}
