"""SARIF 2.1.0, as GitHub code scanning and other CI dashboards read it."""

from __future__ import annotations

import hashlib
import os
from collections import Counter
from urllib.parse import quote

from ..outputs import json_nested
from ..patterns import shipped_pattern
from ..version import __version__
from .base import Reporter, Summary
from .json_format import items

LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "%SRCROOT%"   # relative artifact URIs are resolved against it: the working directory
WINDOWS = os.sep == "\\"


class SarifReporter(Reporter):
    """Streamed when the rules are known beforehand (`describe_rules`, as a run calls it): the
    log lists the rules before the results, so each file's results are written as they come and
    a run over an archive holds one file's at a time. Without them, the results are held until
    the end, when the rules that fired are known. The bytes are those of the whole log dumped at
    once."""

    def describe_rules(self, rules) -> None:
        self._all_rules = {r.id: r for r in rules}

    def start(self) -> None:
        known = getattr(self, "_all_rules", None)
        self._streamed = known is not None
        self._index = {rule: i for i, rule in enumerate(sorted(known or ()))}
        self._held: list[dict] = []      # the results, when they cannot be streamed
        self._count = 0
        self._opened = False
        self._root = os.getcwd()

    def file(self, result) -> None:
        streamed = []
        seen: Counter = Counter()   # identical findings of this file so far, for fingerprints
        for f in result.findings:
            region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
                      "endColumn": f.end_column}
            artifact = self._artifact(f.path)
            location = {"physicalLocation": {"artifactLocation": artifact, "region": region}}
            item = {"ruleId": f.rule, "level": LEVELS[str(f.severity)],
                    "message": {"text": f.located(self.lang)}, "locations": [location],
                    "partialFingerprints": {"noticeLint/v2": fingerprint(f, artifact["uri"],
                                                                         seen)}}
            if f.fix is not None:
                item["fixes"] = [{
                    "description": {"text": ("安全修复" if f.fix.safe else "建议修复")
                                    if self.lang != "en" else
                                    ("safe fix" if f.fix.safe else "suggested fix")},
                    "artifactChanges": [{
                        "artifactLocation": artifact,
                        "replacements": [{"deletedRegion": region,
                                          "insertedContent": {"text": f.fix.replacement}}],
                    }],
                }]
            if not self._streamed:
                self._held.append(item)
                continue
            # a rule no one described (none the engine reports) keeps its id, without an index
            if f.rule in self._index:
                item["ruleIndex"] = self._index[f.rule]
            streamed.append(item)
        if self._streamed:
            self._write(streamed)

    def _write(self, results: list[dict]) -> None:
        if not self._opened:
            self._opened = True
            known = getattr(self, "_all_rules", {})
            rules = [self._describe(rule, known.get(rule)) for rule in self._index]
            driver = {"name": "notice-lint", "version": __version__,
                      "semanticVersion": __version__,
                      "informationUri": "https://pypi.org/project/notice-lint/", "rules": rules}
            base = {ROOT_ID: {"uri": root_uri(self._root, WINDOWS),
                              "description": {"text": "the working directory of the run"}}}
            self.stream.write(f'{{\n  "$schema": {json_nested(SCHEMA, 1)},\n  "version": "2.1.0",'
                              f'\n  "runs": [\n    {{\n      "tool": '
                              f'{json_nested({"driver": driver}, 3)},\n'
                              f'      "originalUriBaseIds": {json_nested(base, 3)},\n'
                              f'      "columnKind": "unicodeCodePoints",\n      "results": [')
        if results:
            self.stream.write(("," if self._count else "") + items(json_nested(results, 3)))
            self._count += len(results)

    def finish(self, summary: Summary) -> None:
        if not self._streamed:
            ids = sorted({item["ruleId"] for item in self._held})
            self._index = {rule: i for i, rule in enumerate(ids)}
            self._streamed = True
            for item in self._held:
                item["ruleIndex"] = self._index[item["ruleId"]]
            self._write(self._held)
            self._held = []
        self._write([])  # the head, should no result have come
        notifications = [{"level": "error", "message": {"text": p.message},
                          **({"locations": [{"physicalLocation": {
                              "artifactLocation": self._artifact(p.path)}}]} if p.path else {})}
                         for p in summary.problems]
        invocations = [{"executionSuccessful": not summary.problems,
                        "exitCode": summary.exit_status,
                        "toolExecutionNotifications": notifications}]
        self.stream.write(("\n      ]" if self._count else "]")
                          + f',\n      "invocations": {json_nested(invocations, 3)}'
                          + "\n    }\n  ]\n}\n")

    def _describe(self, rule_id: str, loaded) -> dict:
        entry: dict = {"id": rule_id, "name": rule_id}
        if loaded is None:
            return entry
        from ..rule_docs import as_markdown, as_text, rule_doc  # start-up: SARIF only
        rule = loaded.rule
        short = (getattr(rule, "description_en", None) if self.lang == "en" else None) \
            or rule.description
        entry["shortDescription"] = {"text": short}
        doc = rule_doc(loaded, self.lang)
        entry["fullDescription"] = {"text": doc.summary}
        entry["help"] = {"text": as_text(doc, self.lang), "markdown": as_markdown(doc, self.lang)}
        entry["defaultConfiguration"] = {"level": LEVELS[str(loaded.severity)]}
        entry["properties"] = {"plugin": loaded.plugin}
        return entry

    def _artifact(self, path: str | None) -> dict:
        uri = artifact_uri(path, WINDOWS, self._root)
        if ":" in uri or not path or path == "-":   # a file URI, or stdin: no folder to be in
            return {"uri": uri}
        return {"uri": uri, "uriBaseId": ROOT_ID}


def fingerprint(f, uri: str, seen: Counter) -> str:
    """A finding's partialFingerprints value, as GitHub's own line hashes are made: a hash of
    what the finding is (file, rule, the words it points at, its message), then which
    occurrence of that it is in the file. Lines moving elsewhere leave it alone; four 截止 in
    one draft get four fingerprints."""
    key = "\0".join((uri, f.rule, f.anchor or "", f.text("zh")))
    seen[key] += 1
    return f"{hashlib.sha256(key.encode('utf-8', 'surrogatepass')).hexdigest()[:16]}:{seen[key]}"


def root_uri(root: str, windows: bool = WINDOWS) -> str:
    """The file URI of the folder relative artifact URIs are resolved against; it ends in `/`."""
    uri = artifact_uri(root, windows)
    return uri if uri.endswith("/") else uri + "/"


def artifact_uri(path: str | None, windows: bool = WINDOWS, root: str | None = None) -> str:
    """The SARIF artifactLocation.uri of a path: a relative reference for a relative path, with
    every character but `/` percent-encoded (so a `:` in the first segment, as in `http:x.txt`,
    is never read as a scheme, and a name that is not UTF-8 keeps its bytes, `%FF`); relative
    to `root` for an absolute path inside it; otherwise a file URI (`C:\\x.txt` is
    `file:///C:/x.txt` on Windows)."""
    if not path or path == "-":
        return "stdin"
    if root is not None:
        path = _under(path, root, windows)
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


def _under(path: str, root: str, windows: bool) -> str:
    """`path` relative to `root` when it is an absolute path inside it, else as it is."""
    import ntpath
    import posixpath
    module = ntpath if windows else posixpath
    if not module.isabs(path):
        return path
    try:
        relative = module.relpath(path, root)
    except ValueError:   # another drive
        return path
    parts = relative.replace("\\", "/").split("/") if windows else relative.split("/")
    return path if parts[0] == ".." else "/".join(parts)


def _quote(path: str) -> str:
    try:
        data = os.fsencode(path)   # the bytes of the name on disk, undecodable ones included
    except UnicodeEncodeError:
        data = path.encode("utf-8", "replace")
    return quote(data, safe="/")
