"""The plugin manager: built-in checks from an explicit list, then the `notice_lint` entry points."""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any, NamedTuple

import pluggy

from . import hookspecs
from .finding import Severity

PROJECT = "notice_lint"
ENTRY_POINT_GROUP = "notice_lint"


class LoadedRule(NamedTuple):
    rule: Any            # the rule object the plugin returned
    plugin: str          # the plugin that provided it

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def severity(self) -> Severity:
        return Severity(str(self.rule.severity))


class PluginProblem(NamedTuple):
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
    manager = _Manager(PROJECT)
    manager.add_hookspecs(hookspecs)
    problems: list[PluginProblem] = []
    for name in builtins:
        manager.register(importlib.import_module(name), name=name)
    if entry_points_too:
        for name, target in entry_points(ENTRY_POINT_GROUP):
            if manager.has_plugin(name) or manager.is_blocked(name):
                continue
            try:
                manager.register(_load(target), name=name)
            except Exception as exc:  # a broken plugin must not stop the run
                problems.append(PluginProblem(name, _one_line(exc)))
    return manager, problems


class _Manager(pluggy.PluginManager):
    """pluggy inspects every attribute of every plugin it registers (a module's imports and
    classes, an object's dunders); only names of this project's hooks can be hook
    implementations, so the others are passed over at once."""

    def parse_hookimpl_opts(self, plugin, name: str):
        if not name.startswith(PROJECT):
            return None
        return super().parse_hookimpl_opts(plugin, name)


def entry_points(group: str) -> list[tuple[str, str]]:
    """(name, "module:attr") of every installed distribution's entry point in `group`.

    The same answer as importlib.metadata.entry_points(group=…), read straight from the
    *.dist-info/entry_points.txt files on sys.path: importing importlib.metadata (email, csv,
    zipfile, …) would cost more than the rest of notice-lint's start-up."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for folder in sys.path or ():
        try:
            names = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in sorted(names):
            if not entry.endswith((".dist-info", ".egg-info")):
                continue
            distribution = entry.rsplit("-", 1)[0].lower().replace("_", "-")
            if distribution in seen:
                continue  # the first on sys.path wins, as with importlib.metadata
            path = os.path.join(folder or ".", entry, "entry_points.txt")
            try:
                with open(path, encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            seen.add(distribution)
            found += _section(text, group)
    return found


def _section(text: str, group: str) -> list[tuple[str, str]]:
    out = []
    inside = False
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            inside = line.strip("[] ") == group
        elif inside and "=" in line:
            name, _, target = line.partition("=")
            out.append((name.strip(), target.split("[")[0].strip()))
    return out


def _load(target: str) -> Any:
    module, _, attribute = target.partition(":")
    loaded = importlib.import_module(module.strip())
    for part in filter(None, attribute.strip().split(".")):
        loaded = getattr(loaded, part)
    return loaded


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
