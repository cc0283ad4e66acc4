"""Select rules, run each one isolated on a document, apply severities and ignores."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from functools import partial
from typing import Any

from . import config as config_module
from .config import Config
from .document import Document
from .finding import Finding, Message, Severity
from .input.globs import per_file_glob
from .outline import Outline
from .plugins import LoadedRule, PluginProblem
from .record import Record
from .sandbox import Sandbox, Terminated, describe
from .suppression_sources import collect as collect_suppressions
from .suppressions import RULE_ID as UNUSED_SUPPRESSION
from .suppressions import Suppression
from .suppressions import apply as apply_suppressions
from .suppressions import unused as unused_suppressions
from .unused_suppression import UnusedSuppression


class RuleCrash(Record):
    """A rule that failed (raised, exited, ran past its time, killed its worker): reported,
    never a traceback; the other rules' findings still count."""

    rule: str
    plugin: str
    message: str | Message


class Printed(Record):
    """What a rule wrote to stdout or stderr while checking a file: kept out of the report."""

    rule: str
    plugin: str
    text: str


class ActiveRule(Record):
    loaded: LoadedRule
    options: Any
    severity: Severity | None   # the configured severity, overriding the rule's own
    label: Message              # how errors name it: 规则 X（插件 P）


class FileResult:
    """What one file gave: its findings, the rules that crashed on it, or why it was not read."""

    __slots__ = ("crashes", "digest", "document", "error", "findings", "path", "printed",
                 "suppressed")

    def __init__(self, path: str, findings: list[Finding] | None = None,
                 crashes: list[RuleCrash] | None = None, error: Message | None = None,
                 document: Document | None = None, printed: list[Printed] | None = None,
                 digest: bytes | None = None) -> None:
        self.path = path
        self.findings = findings if findings is not None else []
        self.crashes = crashes if crashes is not None else []
        self.error = error                  # the file could not be read or decoded
        self.document = document
        self.printed = printed if printed is not None else []
        self.digest = digest  # of the bytes linted, when the result cache is to keep the result
        self.suppressed: list = []  # (finding, the Suppression that hid it), for annotate

    def __reduce__(self):  # worker processes send results back; the document stays there
        return FileResult, (self.path, self.findings, self.crashes, self.error, None,
                            self.printed, self.digest)


class Linter:
    """Runs the selected rules on documents. Build it once per run; it is read-only after."""

    def __init__(self, config: Config, rules: Sequence[LoadedRule],
                 plugin_problems: Sequence[PluginProblem] = (),
                 select: Sequence[str] | None = None, ignore: Sequence[str] = ()) -> None:
        if all(r.id != UNUSED_SUPPRESSION for r in rules):   # reported by the engine itself
            rules = [*rules, LoadedRule(UnusedSuppression(), UnusedSuppression.__module__)]
        known = [r.id for r in rules]
        config_module.check_rule_ids(config, known)
        _check_cli_ids(select, known, "--select")
        _check_cli_ids(ignore, known, "--ignore")
        self.config = config
        self.settings: Any = None   # the run settings it was built from (for worker processes)
        self.result_cache: Any = None  # a result_cache.ResultCache when results are reused
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
            options = _options(loaded, settings, config.source)
            label = Message(f"规则 {loaded.id}（插件 {loaded.plugin}）",
                            f"rule {loaded.id} (plugin {loaded.plugin})")
            self.active.append(ActiveRule(loaded, options,
                                          settings.severity if settings else None, label))
        self.reads = _reads(self.active)
        # the built-in checks write nothing themselves: their prints are looked for in Python's
        # streams only, a third party's at the file descriptors too
        self._builtin = {a.loaded.id for a in self.active
                         if type(a.loaded.rule).__module__.startswith(_BUILTIN_MODULES)}
        self._descriptors = len(self._builtin) < len(self.active)

    def lint(self, document: Document, *, skip: Collection[str] = (),
             watch: Callable[[str], None] | None = None) -> FileResult:
        """Every active rule on `document`, each in the sandbox (sandbox.py). `skip`: rules
        not to run; `watch`: told the id of each rule before it runs ("" when all are done)."""
        result = FileResult(document.path, document=document)
        if self.config.notice and "profile" not in vars(document):
            document.declared_genre = self.config.notice
        ignored = self._ignored_for(document.path)
        seen: set[tuple] = set()
        with Sandbox(self.config.rule_timeout, document.path,
                     descriptors=self._descriptors) as sandbox:
            # the view and the outline, once, before any rule: a parser fault is one error
            # naming the file, not a crash of every rule that reads the outline
            parsed = sandbox.run(_PARSER, partial(_prepare, document, self.reads),
                                 descriptors=False)
            if parsed.failure is not None:
                result.error = _parse_error(parsed.failure)
                return result
            for active in self.active:
                rule_id, plugin = active.loaded.id, active.loaded.plugin
                if rule_id in ignored or rule_id in skip or rule_id == UNUSED_SUPPRESSION:
                    continue
                if watch is not None:
                    watch(rule_id)
                outcome = sandbox.run(active.label, partial(self._findings, active, document),
                                      descriptors=rule_id not in self._builtin)
                if outcome.printed:
                    result.printed.append(Printed(rule_id, plugin, outcome.printed))
                if outcome.failure is not None:
                    result.crashes.append(RuleCrash(rule_id, plugin, outcome.failure))
                    continue
                for finding in outcome.value:
                    key = (finding.rule, finding.line, finding.column, finding.end_line,
                           finding.end_column, str(finding.message))
                    if key not in seen:
                        seen.add(key)
                        result.findings.append(finding)
            if watch is not None:
                watch("")
        suppressions = collect_suppressions(document)   # each source looks cheaply first
        if suppressions:
            result.findings = self._suppress(result, document, suppressions,
                                             ignored | set(skip))
        result.findings.sort(key=lambda f: f.sort_key)
        excerpts = bool(getattr(self.settings, "excerpts", False))
        if excerpts or document.kind == "docx":
            # start-up: only a run that shows source, or reads Word drafts, needs it
            from .places import attach
            result.findings = attach(document, result.findings, excerpts)
        return result

    def _suppress(self, result: FileResult, document: Document,
                  suppressions: list[Suppression], not_run: set[str]) -> list[Finding]:
        """The findings no suppression hides, and the suppressions that hid nothing (judged on
        the rules that ran: not those not selected, ignored for the file or crashed)."""
        kept, used = apply_suppressions(result.findings, suppressions)
        shown = {id(f) for f in kept}
        result.suppressed = [(f, next(s for s in suppressions if s.covers(f)))
                             for f in result.findings if id(f) not in shown]
        report = next((a for a in self.active if a.loaded.id == UNUSED_SUPPRESSION), None)
        if report is None or UNUSED_SUPPRESSION in not_run:
            return kept
        not_run = not_run | {crash.rule for crash in result.crashes} | {UNUSED_SUPPRESSION}
        ran = {a.loaded.id for a in self.active} - not_run
        every = {r.id for r in self.rules} - {UNUSED_SUPPRESSION}
        idle = unused_suppressions(suppressions, used, known={r.id for r in self.rules},
                                   ran=ran, all_ran=ran >= every)
        return kept + [self._accept(f, report, document) for f in idle]

    def _findings(self, active: ActiveRule, document: Document) -> list[Finding]:
        produced = list(active.loaded.rule.check(document, active.options) or ())
        return [self._accept(f, active, document) for f in produced]

    def _accept(self, finding: Any, active: ActiveRule, document: Document) -> Finding:
        if not isinstance(finding, Finding):
            raise TypeError(f"check() yielded {type(finding).__name__}, not a Finding")
        if not isinstance(finding.message, str | Message):
            raise TypeError(f"a finding's message is {type(finding.message).__name__}, "
                            f"not a string")
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
        for glob, rules in self.config.per_file_ignores:
            if per_file_glob(glob, self.config.per_file_ignores_base).match(path):
                if "ALL" in rules:
                    return {a.loaded.id for a in self.active}
                ignored.update(rules)
        return ignored


# where the built-in checks live, installed (the engine's own unused-suppression rule beside them)
_BUILTIN_MODULES = ("notice_lint.checks.", "notice_lint.unused_suppression")
_PARSER = Message("文档结构解析", "the outline parser")
_PROFILE = "profile"


def _reads(active: Sequence[ActiveRule]) -> frozenset[str] | None:
    """The outline parts (and "profile") the active rules read, from each rule's `reads`; None
    (everything) when a rule does not say, or names a part the outline does not have."""
    known = {*Outline.PARTS, _PROFILE}
    wanted: set[str] = set()
    for active_rule in active:
        reads = getattr(active_rule.loaded.rule, "reads", None)
        if reads is None or isinstance(reads, str) or not set(reads) <= known:
            return None
        wanted.update(reads)
    return frozenset(wanted)


def _prepare(document: Document, reads: frozenset[str] | None) -> Document:
    """The document parsed for the rules: everything (as Document.parse) when `reads` is None,
    else only the parts named, in the outline's own order (a part's sources come first)."""
    if reads is None:
        return document.parse()
    document.outline.parse(part for part in Outline.PARTS if part in reads)
    if _PROFILE in reads:
        _ = document.profile
    return document


def _parse_error(failure: str | Message) -> Message:
    zh, en = (failure.zh, failure.en) if isinstance(failure, Message) else (failure, failure)
    return Message(f"无法解析文档结构：{zh}", f"the outline could not be parsed: {en}")


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


def _options(loaded: LoadedRule, settings, source: str | None) -> Any:
    """The rule's validated options; a plugin's options class that exits or is interrupted
    is a configuration error naming the rule, not the end of the run."""
    try:
        return config_module.build_options(loaded.rule, settings, source)
    except (config_module.ConfigError, Terminated):
        raise
    except BaseException as exc:
        if isinstance(exc, KeyboardInterrupt):
            raise
        raise config_module.ConfigError(
            source or loaded.plugin, None, f"规则 {loaded.id}（插件 {loaded.plugin}）的选项出错："
                                           f"{describe(exc)} (the rule's options failed)") from None
