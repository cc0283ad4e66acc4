"""Linting from Python: `lint_text` and `lint_path`, the same engine and rules as the command line."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

from . import config as config_module
from .config import Config
from .document import Document
from .engine import FileResult, Linter, Printed, RuleCrash
from .finding import Finding, Message
from .input.files import kind_of, read_document
from .plugins import PluginProblem, collect_rules, make_plugin_manager

ConfigSource = Config | str | os.PathLike[str] | None


@dataclass(frozen=True, slots=True)
class LintResult:
    """What linting one draft gave.

    - ``findings``: in line and column order, severities as configured;
    - ``crashes``: rules that failed on this draft (raised, exited, ran past ``rule-timeout``);
      the other rules' findings are all there;
    - ``plugin_problems``: installed plugins that could not be loaded (``fatal``) or printed
      while loading; their rules did not run;
    - ``printed``: what rules wrote to stdout or stderr, kept out of the findings;
    - ``error``: why no rule ran, when the draft's structure could not be parsed (a fault of
      the outline parser, one error instead of a crash of every rule).

    ``ok`` is false when a rule crashed, a plugin failed to load or the draft could not be
    parsed: the command line exits 2 then, whatever the findings."""

    path: str
    findings: tuple[Finding, ...]
    crashes: tuple[RuleCrash, ...] = ()
    plugin_problems: tuple[PluginProblem, ...] = ()
    printed: tuple[Printed, ...] = ()
    error: Message | None = None

    @property
    def ok(self) -> bool:
        return (self.error is None and not self.crashes
                and not any(p.fatal for p in self.plugin_problems))


def lint_text(text: str, *, path: str = "<text>", config: ConfigSource = None,
              select: Sequence[str] | None = None, plugins: bool = True) -> LintResult:
    """Lint a draft held in memory, as the command line lints a file.

    `path` names the draft in findings; a name ending in ``.md`` reads it as Markdown (its
    ``notice-lint-disable`` comments apply). `config`: a `Config`, the path of a configuration
    file, or None for the built-in defaults (no configuration file is looked for). `select`:
    only these rule ids (unknown ids raise ConfigError, as ``--select`` does). `plugins`:
    whether the installed plugins (entry points of the group ``notice_lint``) run too."""
    linter = _linter(config, select, plugins)
    document = Document.from_text(text, path, kind=kind_of(path))
    return _result(linter, linter.lint(document))


def lint_path(path: str | os.PathLike[str], *, config: ConfigSource = None,
              select: Sequence[str] | None = None, plugins: bool = True) -> LintResult:
    """Lint one draft on disk (``.txt`` in UTF-8, UTF-16 or GB18030, ``.md``, ``.docx``), read
    with the command line's limits (``max-file-size``). A file that cannot be read or decoded
    raises ReadError with a one-line reason; the other arguments are `lint_text`'s."""
    linter = _linter(config, select, plugins)
    document = read_document(os.fspath(path),
                             limit=linter.config.max_file_size)
    return _result(linter, linter.lint(document))


def _linter(config: ConfigSource, select: Sequence[str] | None, plugins: bool) -> Linter:
    if not isinstance(config, Config):
        config = config_module.load(None if config is None else os.fspath(config))
    manager, problems = make_plugin_manager(entry_points_too=plugins)
    rules, more = collect_rules(manager)
    return Linter(config, rules, [*problems, *more], select=select)


def _result(linter: Linter, result: FileResult) -> LintResult:
    return LintResult(result.path, tuple(result.findings), tuple(result.crashes),
                      tuple(linter.plugin_problems), tuple(result.printed), result.error)
