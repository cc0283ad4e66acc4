"""A configuration against the registered rules: known rule ids, each rule's validated options."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Iterable
from typing import Any

from .. import data
from .schema import RULE_KEYS, Config, ConfigError, RuleSettings, suggest


def check_rule_ids(config: Config, known: Iterable[str]) -> None:
    """Every rule id the configuration names must exist; the error suggests the closest one."""
    known = tuple(known)
    for rule, settings in config.rules.items():
        if rule not in known:
            source, line = settings.origins.get("", (config.source or "", None))
            raise ConfigError(source, line, f"未知的规则 {rule}{suggest(rule, known)} "
                                            f"(unknown rule id)")
    for key in ("select", "ignore"):
        for rule in getattr(config, key) or ():
            if rule not in known and rule != "ALL":
                source, line = config.origins.get(key, (config.source or "", None))
                raise ConfigError(source, line, f"{key} 中未知的规则 {rule}{suggest(rule, known)} "
                                                f"(unknown rule id)")
    for _glob, rules in config.per_file_ignores:
        for rule in rules:
            if rule not in known and rule != "ALL":
                source, line = config.origins.get("per-file-ignores", (config.source or "", None))
                raise ConfigError(source, line, f"per-file-ignores 中未知的规则 {rule}"
                                                f"{suggest(rule, known)} (unknown rule id)")


def build_options(rule: Any, settings: RuleSettings | None, source: str | None) -> Any:
    """The rule's validated options: an instance of `rule.Options`, or a read-only mapping."""
    settings = settings or RuleSettings()
    options_class = getattr(rule, "Options", None)
    given = dict(settings.options)
    if settings.add:
        given["add"] = settings.add
    if options_class is None or not dataclasses.is_dataclass(options_class):
        if settings.add:
            src, line = settings.origins.get("add", (source or "", None))
            raise ConfigError(src, line, f"规则 {rule.id} 不接受 add (rule takes no data)")
        return types.MappingProxyType(given)
    fields = {f.name: f for f in dataclasses.fields(options_class)}
    for key in given:
        if key not in fields:
            src, line = settings.origins.get(key, (source or "", None))
            names = [*RULE_KEYS, *(n for n in fields if n != "add")]
            raise ConfigError(src, line, f"规则 {rule.id} 没有选项 {key}{suggest(key, names)}"
                                         f"（可用：{', '.join(names)}） (unknown option)")
    for key, value in given.items():
        expected = fields[key].type
        problem = _type_problem(value, expected)
        if problem:
            src, line = settings.origins.get(key, (source or "", None))
            raise ConfigError(src, line, f"rules.{rule.id}.{key} {problem}")
    for key, value in given.items():
        if str(fields[key].type).startswith("tuple") and isinstance(value, list):
            given[key] = tuple(value)
    try:
        return options_class(**given)
    except data.DataError as exc:  # the rule's data (its `add:` entries) failed to load
        raise ConfigError(*_split_origin(str(exc), source)) from None
    except (TypeError, ValueError) as exc:
        src, line = settings.origins.get("", (source or "", None))
        raise ConfigError(src, line, f"rules.{rule.id}: {exc}") from None


def _split_origin(message: str, source: str | None) -> tuple[str, int | None, str]:
    """'file:line: text' → (file, line, text), so the error names the entry's own place."""
    head, sep, rest = message.partition(": ")
    name, _, line = head.rpartition(":")
    if sep and name and line.isdigit():
        return name, int(line), rest
    return source or "", None, message


def _type_problem(value: Any, expected: Any) -> str | None:
    text = str(expected)
    if text.startswith("int") and (not isinstance(value, int) or isinstance(value, bool)):
        return "应为整数 (must be an integer)"
    if text.startswith("float") and (not isinstance(value, int | float) or isinstance(value, bool)):
        return "应为数字 (must be a number)"
    if text.startswith("bool") and not isinstance(value, bool):
        return "应为 true 或 false (must be true or false)"
    if text.startswith("str") and not isinstance(value, str):
        return "应为字符串 (must be a string)"
    if text.startswith("tuple[str") and not (
            isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)):
        return "应为字符串列表 (must be a list of strings)"
    return None
