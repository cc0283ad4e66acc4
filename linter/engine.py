"""Select rules, run each one isolated on a document, apply severities and ignores."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from . import config as config_module
from .config import Config
from .document import Document
from .finding import Finding, Message, Severity
from .plugins import LoadedRule, PluginProblem


class RuleCrash(NamedTuple):
    """A rule that raised: reported, never a traceback; the other rules' findings still count."""

    rule: str
    plugin: str
    message: str


class ActiveRule(NamedTuple):
    loaded: LoadedRule
    options: Any
    severity: Severity | None   # the configured severity, overriding the rule's own


class FileResult:
    """What one file gave: its findings, the rules that crashed on it, or why it was not read."""

    __slots__ = ("crashes", "document", "error", "findings", "path")

    def __init__(self, path: str, findings: list[Finding] | None = None,
                 crashes: list[RuleCrash] | None = None, error: Message | None = None,
                 document: Document | None = None) -> None:
        self.path = path
        self.findings = findings if findings is not None else []
        self.crashes = crashes if crashes is not None else []
        self.error = error                  # the file could not be read or decoded
        self.document = document

    def __reduce__(self):  # worker processes send results back; the document stays there
        return FileResult, (self.path, self.findings, self.crashes, self.error, None)


class Linter:
    """Runs the selected rules on documents. Build it once per run; it is read-only after."""

    def __init__(self, config: Config, rules: Sequence[LoadedRule],
                 plugin_problems: Sequence[PluginProblem] = (),
                 select: Sequence[str] | None = None, ignore: Sequence[str] = ()) -> None:
        known = [r.id for r in rules]
        config_module.check_rule_ids(config, known)
        _check_cli_ids(select, known, "--select")
        _check_cli_ids(ignore, known, "--ignore")
        self.config = config
        self.settings: Any = None   # the run settings it was built from (for worker processes)
        self.rules = list(rules)
        self.plugin_problems = list(plugin_problems)
        chosen = select if select is not None else config.select
        ignored = set(config.ignore) | set(ignore)
        self.active: list[ActiveRule] = []
        for loaded in rules:
            settings = config.rules.get(loaded.id)
            if chosen is not None and "ALL" not in chosen:
                wanted = loaded.id in chosen
            else:
                wanted = settings is None or settings.enabled is not False
            if not wanted or loaded.id in ignored or "ALL" in ignored:
                continue
            options = config_module.build_options(loaded.rule, settings, config.source)
            self.active.append(ActiveRule(loaded, options,
                                          settings.severity if settings else None))

    def lint(self, document: Document) -> FileResult:
        result = FileResult(document.path, document=document)
        if self.config.notice and "profile" not in vars(document):
            document.declared_genre = self.config.notice
        ignored = self._ignored_for(document.path)
        seen: set[tuple] = set()
        for active in self.active:
            rule_id = active.loaded.id
            if rule_id in ignored:
                continue
            try:
                produced = list(active.loaded.rule.check(document, active.options) or ())
                findings = [self._accept(f, active, document) for f in produced]
            except Exception as exc:
                result.crashes.append(RuleCrash(rule_id, active.loaded.plugin, _one_line(exc)))
                continue
            for finding in findings:
                key = (finding.rule, finding.line, finding.column, finding.end_line,
                       finding.end_column, str(finding.message))
                if key not in seen:
                    seen.add(key)
                    result.findings.append(finding)
        if document.kind == "markdown" and "notice-lint-" in document.text:
            from .markdown import suppressions
            quiet = suppressions(document.text)
            result.findings = [f for f in result.findings if not quiet.covers(f.line, f.rule)]
        result.findings.sort(key=lambda f: f.sort_key)
        return result

    def _accept(self, finding: Any, active: ActiveRule, document: Document) -> Finding:
        if not isinstance(finding, Finding):
            raise TypeError(f"check() yielded {type(finding).__name__}, not a Finding")
        if finding.rule != active.loaded.id:
            finding = finding._replace(rule=active.loaded.id)
        lines = len(document.line_starts)
        if not (1 <= finding.line <= lines and finding.column >= 1):
            raise ValueError(f"finding at line {finding.line}, column {finding.column} lies "
                             f"outside the document ({lines} lines)")
        if (finding.end_line, finding.end_column) < (finding.line, finding.column):
            raise ValueError(f"finding ends before it starts (line {finding.line})")
        if finding.end_line > lines:
            finding = finding._replace(end_line=lines, end_column=len(document.lines[-1]) + 1)
        changes: dict[str, Any] = {"path": document.path}
        if active.severity is not None:
            changes["severity"] = active.severity
        if finding.anchor is None:
            changes["anchor"] = _anchor(document, finding)
        return finding._replace(**changes)

    def _ignored_for(self, path: str) -> set[str]:
        ignored: set[str] = set()
        if not self.config.per_file_ignores:
            return ignored
        import fnmatch
        for glob, rules in self.config.per_file_ignores:
            if fnmatch.fnmatch(path, glob) or fnmatch.fnmatch(path.replace("\\", "/"), glob) \
                    or fnmatch.fnmatch(path.rsplit("/", 1)[-1], glob):
                if "ALL" in rules:
                    return {a.loaded.id for a in self.active}
                ignored.update(rules)
        return ignored


def fails(findings: Iterable[Finding], fail_on: str) -> bool:
    if fail_on == "never":
        return False
    level = Severity(fail_on).rank
    return any(f.severity.rank >= level for f in findings)


def _anchor(document: Document, finding: Finding) -> str:
    """The text a finding points at (at most one line), which the baseline matches on."""
    start = document.line_starts[finding.line - 1] + finding.column - 1
    if finding.end_line == finding.line:
        end = document.line_starts[finding.line - 1] + finding.end_column - 1
    else:
        end = document.line_starts[finding.line - 1] + len(document.lines[finding.line - 1])
    return document.text[start:max(end, start + 1)][:80]


def _check_cli_ids(ids: Sequence[str] | None, known: list[str], flag: str) -> None:
    for rule in ids or ():
        if rule not in known and rule != "ALL":
            hint = config_module.suggest(rule, known)
            raise config_module.ConfigError(flag, None, f"未知的规则 {rule}{hint} (unknown rule id)")


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
