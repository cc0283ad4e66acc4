"""Configuration values: the frozen Config, its keys, and the checks of each value read."""

from __future__ import annotations

import types
from collections.abc import Iterable, Mapping
from typing import Any

from .. import yamlfile
from ..finding import Severity
from ..input.bounded import DEFAULT_MAX_FILE_SIZE, MB
from ..profile import genre_names
from ..record import Record
from ..sandbox import DEFAULT_BUDGET

CONFIG_FILES = (".notice-lint.yaml", ".notice-lint.yml")
FAIL_LEVELS = ("error", "warning", "info", "never")
LANGS = ("zh", "en")
TOP_KEYS = ("extends", "select", "ignore", "fail-on", "lang", "notice", "rules", "per-file-ignores",
            "exclude", "force-exclude", "max-file-size", "rule-timeout", "cache")
RULE_KEYS = ("enabled", "severity", "add")
PROFILES = ("default", "strict")


class ConfigError(Exception):
    """A configuration the run cannot use: one line naming the file, the line and the key."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {message}")


_EMPTY: Mapping = types.MappingProxyType({})


class RuleSettings(Record):
    """What the configuration says about one rule (merged over the `extends` chain)."""

    enabled: bool | None = None
    severity: Severity | None = None
    options: Mapping[str, Any] = _EMPTY
    add: tuple[Any, ...] = ()
    # where each option and the rule itself were set: {key: (file, line)}
    origins: Mapping[str, tuple[str, int | None]] = _EMPTY


class Config(Record):
    source: str | None = None                 # the file the user's configuration came from
    select: tuple[str, ...] | None = None     # None: every enabled rule
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    lang: str = "zh"
    notice: str | None = None                 # the genre of every notice linted (None: detected)
    rules: Mapping[str, RuleSettings] = _EMPTY
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    # the folders `exclude` and `per-file-ignores` patterns are relative to: that of the file
    # that set them (None: the working directory)
    exclude_base: str | None = None
    per_file_ignores_base: str | None = None
    force_exclude: bool = True                # `exclude` applies to files named too (pre-commit)
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes of text a draft may hold
    rule_timeout: float = DEFAULT_BUDGET      # seconds for one rule on one file; 0: no limit
    cache: bool = True                        # false: no result cache (as --no-cache)
    # where select/ignore/per-file-ignores were written, to name them when a rule id is unknown
    origins: Mapping[str, tuple[str, int | None]] = _EMPTY


def top_value(key: str, value: Any, source: str, line: int | None) -> Any:
    if key in ("select", "ignore", "exclude"):
        return _string_list(value, source, line, key)
    if key == "fail-on":
        return _choice(value, FAIL_LEVELS, source, line, key)
    if key == "lang":
        return _choice(value, LANGS, source, line, key)
    if key == "max-file-size":
        return megabytes_to_bytes(value, source, line)
    if key == "notice":
        return _choice(value, genre_names(), source, line, key)
    if key == "rule-timeout":
        if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
            raise ConfigError(source, line, "rule-timeout 应为秒数（0 表示不限时） "
                                            "(must be a number of seconds; 0: no limit)")
        return float(value)
    if key in ("cache", "force-exclude"):
        if not isinstance(value, bool):
            raise ConfigError(source, line, f"{key} 应为 true 或 false (must be true or false)")
        return value
    if key == "per-file-ignores":
        if not isinstance(value, Mapping):
            raise ConfigError(source, line, "per-file-ignores 应为“通配符: [规则…]”映射 "
                                            "(per-file-ignores must map globs to rule lists)")
        return tuple((str(glob), _string_list(rules, source, yamlfile.line_of(value, glob), glob))
                     for glob, rules in value.items())
    raise ConfigError(source, line, f"未知的键 {key} (unknown key)")


def megabytes_to_bytes(value: Any, source: str, line: int | None) -> int:
    """`max-file-size` in MB (a fraction allowed) as bytes."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1e6:
        raise ConfigError(source, line, "max-file-size 应为正数，单位 MB "
                                        "(must be a positive number of MB)")
    return max(1, int(value * MB))


def merge_rules(into: dict[str, dict], value: Any, source: str, line: int | None) -> None:
    if value is None:
        return
    if not isinstance(value, Mapping):
        raise ConfigError(source, line, "rules 应为映射 (rules must be a mapping)")
    for rule, spec in value.items():
        rule_line = yamlfile.line_of(value, rule)
        merged = into.setdefault(str(rule), {"options": {}, "add": [], "origins": {}})
        merged["origins"].setdefault("", (source, rule_line))
        merged["origins"][""] = (source, rule_line)
        if isinstance(spec, bool) or spec in ("enable", "disable"):
            merged["enabled"] = spec in (True, "enable")
            continue
        if isinstance(spec, str) and spec in ("error", "warning", "info"):
            merged["enabled"] = True
            merged["severity"] = Severity(spec)
            continue
        if spec is None:
            continue
        if not isinstance(spec, Mapping):
            raise ConfigError(source, rule_line,
                              f"rules.{rule} 应为 true/false、严重级别或映射 "
                              f"(must be true, false, a severity or a mapping)")
        for key, item in spec.items():
            key_line = yamlfile.line_of(spec, key)
            if key == "enabled":
                if not isinstance(item, bool):
                    raise ConfigError(source, key_line, f"rules.{rule}.enabled 应为 true 或 false "
                                                        f"(must be true or false)")
                merged["enabled"] = item
            elif key == "severity":
                merged["severity"] = Severity(_choice(item, ("error", "warning", "info"), source,
                                                      key_line, f"rules.{rule}.severity"))
            elif key == "add":
                if not isinstance(item, list):
                    raise ConfigError(source, key_line, f"rules.{rule}.add 应为列表 "
                                                        f"(must be a list)")
                merged["add"].extend((entry, source, _entry_line(item, i, key_line))
                                     for i, entry in enumerate(item))
            else:
                merged["options"][str(key)] = item
            merged["origins"][str(key)] = (source, key_line)


def _entry_line(items: list, index: int, default: int | None) -> int | None:
    entry = items[index]
    return yamlfile.line_of(entry) or default


def _string_list(value: Any, source: str, line: int | None, key: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [v.strip() for v in value.split(",") if v.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(source, line, f"{key} 应为字符串列表 (must be a list of strings)")
    return tuple(value)


def _choice(value: Any, choices: Iterable[str], source: str, line: int | None, key: str) -> str:
    choices = tuple(choices)
    if value not in choices:
        hint = suggest(str(value), choices)
        raise ConfigError(source, line, f"{key} 的值 {value!r} 无效{hint}，可选：{', '.join(choices)} "
                                        f"(invalid value)")
    return value


def check_keys(raw: Mapping, allowed: Iterable[str], source: str, what: str) -> None:
    allowed = tuple(allowed)
    for key in raw:
        if key not in allowed:
            hint = suggest(str(key), allowed)
            raise ConfigError(source, yamlfile.line_of(raw, key),
                              f"未知的{what}：{key}{hint}")


def suggest(word: str, choices: Iterable[str]) -> str:
    import difflib  # start-up: only an error message needs it
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"（是否想写 {close[0]}？ did you mean {close[0]}?）" if close else ""
