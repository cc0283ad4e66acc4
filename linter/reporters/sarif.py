"""SARIF 2.1.0, as GitHub code scanning and other CI dashboards read it."""

from __future__ import annotations

import os
import sys
from urllib.parse import quote

from ..outputs import json_text
from ..patterns import shipped_pattern
from ..version import __version__
from .base import Reporter, Summary

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


class SarifReporter(Reporter):
    def start(self) -> None:
        self._results: list[dict] = []
        self._rules: dict[str, object] = {}

    def describe_rules(self, rules) -> None:
        self._all_rules = {r.id: r for r in rules}

    def file(self, result) -> None:
        for f in result.findings:
            self._rules.setdefault(f.rule, None)
            region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                      "endColumn": f.end_column}
            location = {"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)},
                                             "region": region}}
            item = {"ruleId": f.rule, "level": LEVELS[str(f.severity)],
                    "message": {"text": f.text(self.lang)}, "locations": [location],
                    "partialFingerprints": {"noticeLint/v1": f"{f.rule}:{f.anchor or ''}"}}
            if f.fix is not None:
                item["fixes"] = [{
                    "description": {"text": ("安全修复" if f.fix.safe else "建议修复")
                                    if self.lang != "en" else
                                    ("safe fix" if f.fix.safe else "suggested fix")},
                    "artifactChanges": [{
                        "artifactLocation": {"uri": _uri(f.path)},
                        "replacements": [{"deletedRegion": region,
                                          "insertedContent": {"text": f.fix.replacement}}],
                    }],
                }]
            self._results.append(item)

    def finish(self, summary: Summary) -> None:
        known = getattr(self, "_all_rules", {})
        ids = sorted(set(self._rules) | set(known))
        index = {rule: i for i, rule in enumerate(ids)}
        rules = [self._describe(rule, known.get(rule)) for rule in ids]
        for item in self._results:
            item["ruleIndex"] = index[item["ruleId"]]
        notifications = [{"level": "error", "message": {"text": p.message},
                          **({"locations": [{"physicalLocation": {"artifactLocation": {
                              "uri": _uri(p.path)}}}]} if p.path else {})}
                         for p in summary.problems]
        log = {
            "$schema": SCHEMA,
            "version": "2.1.0",
            "runs": [{
                "tool": {"driver": {"name": "notice-lint", "version": __version__,
                                    "semanticVersion": __version__,
                                    "informationUri": "https://pypi.org/project/notice-lint/",
                                    "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": self._results,
                "invocations": [{"executionSuccessful": not summary.problems,
                                 "exitCode": summary.exit_status,
                                 "toolExecutionNotifications": notifications}],
            }],
        }
        self.stream.write(json_text(log) + "\n")

    def _describe(self, rule_id: str, loaded) -> dict:
        entry: dict = {"id": rule_id, "name": rule_id}
        if loaded is None:
            return entry
        rule = loaded.rule
        short = (getattr(rule, "description_en", None) if self.lang == "en" else None) \
            or rule.description
        entry["shortDescription"] = {"text": short}
        module = sys.modules.get(type(rule).__module__)
        doc = type(rule).__doc__ or (module.__doc__ if module else "") or ""
        if doc:
            entry["fullDescription"] = {"text": doc.strip().splitlines()[0]}
            entry["help"] = {"text": doc.strip()}
        entry["defaultConfiguration"] = {"level": LEVELS[str(loaded.severity)]}
        entry["properties"] = {"plugin": loaded.plugin}
        return entry


def _uri(path: str | None) -> str:
    return artifact_uri(path)


def artifact_uri(path: str | None, windows: bool = os.sep == "\\") -> str:
    """The SARIF artifactLocation.uri of a path: a relative reference for a relative path, with
    every character but `/` percent-encoded (so a `:` in the first segment, as in `http:x.txt`,
    is never read as a scheme, and a name that is not UTF-8 keeps its bytes, `%FF`); a file URI
    for an absolute path (`C:\\x.txt` is `file:///C:/x.txt` on Windows)."""
    if not path or path == "-":
        return "stdin"
    if windows:
        path = path.replace("\\", "/")
        if path.startswith("//"):   # \\server\share
            return "file:" + _quote(path)
        if _DRIVE.match(path):
            return f"file:///{path[:2]}{_quote(path[2:])}"
    elif path.startswith("/"):
        return "file://" + _quote(path)
    while path.startswith("./"):
        path = path[2:]
    return _quote(path)


_DRIVE = shipped_pattern(r"[A-Za-z]:/")


def _quote(path: str) -> str:
    try:
        data = os.fsencode(path)   # the bytes of the name on disk, undecodable ones included
    except UnicodeEncodeError:
        data = path.encode("utf-8", "replace")
    return quote(data, safe="/")
