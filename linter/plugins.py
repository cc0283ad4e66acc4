"""The plugin manager: built-in checks from an explicit list, then the `notice_lint` entry points."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

import pluggy

from . import hookspecs
from .finding import Severity

PROJECT = "notice_lint"
ENTRY_POINT_GROUP = "notice_lint"


@dataclass(frozen=True, slots=True)
class LoadedRule:
    rule: Any            # the rule object the plugin returned
    plugin: str          # the plugin that provided it

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def severity(self) -> Severity:
        return Severity(str(self.rule.severity))


@dataclass(frozen=True, slots=True)
class PluginProblem:
    """A plugin that could not be loaded or returned something that is not a rule."""

    plugin: str
    message: str


def make_plugin_manager(builtins: tuple[str, ...] | None = None,
                        entry_points_too: bool = True) -> tuple[pluggy.PluginManager,
                                                                 list[PluginProblem]]:
    """A fresh plugin manager with the built-in checks and the installed plugins registered."""
    if builtins is None:
        from checks import BUILTIN
        builtins = BUILTIN
    manager = pluggy.PluginManager(PROJECT)
    manager.add_hookspecs(hookspecs)
    problems: list[PluginProblem] = []
    for name in builtins:
        manager.register(importlib.import_module(name), name=name)
    if entry_points_too:
        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if manager.has_plugin(ep.name) or manager.is_blocked(ep.name):
                continue
            try:
                plugin = ep.load()
                manager.register(plugin, name=ep.name)
            except Exception as exc:
                problems.append(PluginProblem(ep.name, _one_line(exc)))
    return manager, problems


def collect_rules(manager: pluggy.PluginManager) -> tuple[list[LoadedRule], list[PluginProblem]]:
    """Every rule every plugin returns, each hook called on its own so a failure names its plugin."""
    rules: list[LoadedRule] = []
    problems: list[PluginProblem] = []
    seen: dict[str, str] = {}
    for impl in manager.hook.notice_lint_rules.get_hookimpls():  # in registration order
        try:
            returned = list(impl.function() or ())
        except Exception as exc:
            problems.append(PluginProblem(impl.plugin_name, _one_line(exc)))
            continue
        for rule in returned:
            problem = _rule_problem(rule)
            if problem:
                problems.append(PluginProblem(impl.plugin_name, problem))
            elif rule.id in seen:
                problems.append(PluginProblem(impl.plugin_name,
                                              f"rule id {rule.id} is already provided by "
                                              f"{seen[rule.id]}"))
            else:
                seen[rule.id] = impl.plugin_name
                rules.append(LoadedRule(rule, impl.plugin_name))
    return rules, problems


def _rule_problem(rule: Any) -> str | None:
    for attribute in ("id", "description", "severity", "check"):
        if not hasattr(rule, attribute):
            return f"{rule!r} is not a rule: it has no {attribute}"
    if not isinstance(rule.id, str) or not rule.id:
        return f"{rule!r} has an invalid id"
    try:
        Severity(str(rule.severity))
    except ValueError:
        return f"rule {rule.id} has an invalid severity {rule.severity!r}"
    return None


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__
