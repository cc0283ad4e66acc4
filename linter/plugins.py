"""The plugin manager: built-in checks from an explicit list, then the `notice_lint` entry points."""

from __future__ import annotations

import importlib
import os
import sys
from functools import cache, partial
from typing import Any

import pluggy

from . import hookspecs
from .finding import Message, Severity
from .record import Record
from .sandbox import DEFAULT_BUDGET, Outcome, Sandbox

PROJECT = "notice_lint"
ENTRY_POINT_GROUP = "notice_lint"


class LoadedRule(Record):
    rule: Any            # the rule object the plugin returned
    plugin: str          # the plugin that provided it

    @property
    def id(self) -> str:
        return self.rule.id

    @property
    def severity(self) -> Severity:
        return Severity(str(self.rule.severity))


class PluginProblem(Record):
    """A plugin that could not be loaded or returned something that is not a rule (`fatal`:
    the run fails), or that printed while loading (a warning: the text is kept out of the
    report)."""

    plugin: str
    message: str | Message
    fatal: bool = True


def make_plugin_manager(builtins: tuple[str, ...] | None = None,
                        entry_points_too: bool = True) -> tuple[pluggy.PluginManager,
                                                                 list[PluginProblem]]:
    """A fresh plugin manager with the built-in checks and the installed plugins registered."""
    if builtins is None:
        from notice_lint.checks import BUILTIN
        builtins = BUILTIN
    manager = _Manager(PROJECT)
    manager.add_hookspecs(hookspecs)
    problems: list[PluginProblem] = []
    for name in builtins:
        manager.register(importlib.import_module(name), name=name)
    if entry_points_too:
        # a broken plugin must not stop the run, nor one that exits, prints or hangs on import
        with Sandbox(DEFAULT_BUDGET, setting=None) as sandbox:
            for name, target in entry_points(ENTRY_POINT_GROUP):
                if manager.has_plugin(name) or manager.is_blocked(name):
                    continue
                outcome = sandbox.run(_label(name), partial(_register, manager, name, target))
                problems += _problems(name, outcome)
    return manager, problems


def _register(manager: pluggy.PluginManager, name: str, target: str) -> None:
    manager.register(_load(target), name=name)


def _label(plugin: str) -> Message:
    return Message(f"插件 {plugin}", f"plugin {plugin}")


def _problems(plugin: str, outcome: Outcome) -> list[PluginProblem]:
    found = []
    if outcome.failure is not None:
        found.append(PluginProblem(plugin, outcome.failure))
    if outcome.printed.strip():
        first = outcome.printed.strip().splitlines()[0][:80]
        found.append(PluginProblem(plugin, Message(f"加载时输出了文字，已截留，未混入报告：{first}",
                                                   f"printed while loading; kept out of the "
                                                   f"report: {first}"), fatal=False))
    return found


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
    for _info, text in _entry_point_files(tuple(sys.path)):
        found += _section(text, group)
    return found


def providers(group: str) -> list[str]:
    """The metadata folder (*.dist-info, *.egg-info) of every installed distribution with an
    entry point in `group`, in the order of sys.path, the first of a name winning."""
    return [info for info, text in _entry_point_files(tuple(sys.path)) if _section(text, group)]


@cache
def _entry_point_files(path: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """(metadata folder, entry_points.txt) of each installed distribution on `path` (sys.path)
    that has one, read once per process (the plugins and the result cache's key both ask)."""
    found: list[tuple[str, str]] = []
    seen: set[str] = set()
    for folder in path:
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
            info = os.path.join(folder or ".", entry)
            try:
                with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as handle:
                    text = handle.read()
            except OSError:
                continue
            seen.add(distribution)
            found.append((info, text))
    return tuple(found)


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
    with Sandbox(DEFAULT_BUDGET, setting=None) as sandbox:
        checked = []  # (plugin, object returned, why it is not a rule or None)
        for impl in manager.hook.notice_lint_rules.get_hookimpls():  # in registration order
            outcome = sandbox.run(_label(impl.plugin_name), partial(_returned, impl.function))
            problems += _problems(impl.plugin_name, outcome)
            checked += [(impl.plugin_name, rule, problem) for rule, problem in outcome.value or ()]
    for plugin, rule, problem in checked:
        if problem:
            problems.append(PluginProblem(plugin, problem))
        elif rule.id in seen:
            problems.append(PluginProblem(plugin, f"rule id {rule.id} is already provided by "
                                                  f"{seen[rule.id]}"))
        else:
            seen[rule.id] = plugin
            rules.append(LoadedRule(rule, plugin))
    return rules, problems


def _returned(hook) -> list[tuple[Any, str | None]]:
    """What a plugin's hook returned, each object with why it is not a rule (or None)."""
    return [(rule, _rule_problem(rule)) for rule in hook() or ()]


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

