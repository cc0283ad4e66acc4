"""Configuration: discovery, `extends:`, validation into frozen objects; errors name file and line."""

from __future__ import annotations

import dataclasses
import os
import types
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

from . import data, yamlfile
from .finding import Severity
from .guard import DEFAULT_BUDGET
from .inputs import CONFIG_MAX_SIZE, DEFAULT_MAX_FILE_SIZE, MB, ReadError, TooLarge, read_regular

CONFIG_FILES = (".notice-lint.yaml", ".notice-lint.yml")
FAIL_LEVELS = ("error", "warning", "info", "never")
LANGS = ("zh", "en")
TOP_KEYS = ("extends", "select", "ignore", "fail-on", "lang", "notice", "rules", "per-file-ignores",
            "exclude", "max-file-size", "rule-timeout")
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


class RuleSettings(NamedTuple):
    """What the configuration says about one rule (merged over the `extends` chain)."""

    enabled: bool | None = None
    severity: Severity | None = None
    options: Mapping[str, Any] = _EMPTY
    add: tuple[Any, ...] = ()
    # where each option and the rule itself were set: {key: (file, line)}
    origins: Mapping[str, tuple[str, int | None]] = _EMPTY


class Config(NamedTuple):
    source: str | None = None                 # the file the user's configuration came from
    select: tuple[str, ...] | None = None     # None: every enabled rule
    ignore: tuple[str, ...] = ()
    fail_on: str = "warning"
    lang: str = "zh"
    notice: str | None = None                 # the genre of every notice linted (None: detected)
    rules: Mapping[str, RuleSettings] = _EMPTY
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    exclude: tuple[str, ...] = ()
    max_file_size: int = DEFAULT_MAX_FILE_SIZE  # bytes of text a draft may hold
    rule_timeout: float = DEFAULT_BUDGET      # seconds for one rule on one file; 0: no limit
    # where select/ignore/per-file-ignores were written, to name them when a rule id is unknown
    origins: Mapping[str, tuple[str, int | None]] = _EMPTY


def discover(start: str | os.PathLike | None = None) -> str | None:
    """The nearest configuration file from `start` (default: the current directory) upward."""
    folder = os.path.realpath(start or os.getcwd())
    while True:
        for name in CONFIG_FILES:
            candidate = os.path.join(folder, name)
            if os.path.isfile(candidate):
                return candidate
        pyproject = os.path.join(folder, "pyproject.toml")
        if os.path.isfile(pyproject) and _pyproject_has_section(pyproject):
            return pyproject
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def load(path: str | os.PathLike | None) -> Config:
    """The configuration in `path` over its `extends` chain (the default profile when None)."""
    if path is None:
        return _build(_profile_layers("default", seen=(), memo={}), source=None)
    path = os.fspath(path)
    layers = _file_layers(path, seen=(), memo={})
    if not any("extends" in raw for raw, _ in layers):
        layers = _profile_layers("default", seen=(), memo={}) + layers
    return _build(layers, source=str(path))


# -- reading layers ----------------------------------------------------------------------------

Layer = tuple[yamlfile.Mapping, str]  # (raw mapping, source name)


def _read(path: str) -> yamlfile.Mapping:
    name = path
    if not os.path.exists(path):
        raise ConfigError(name, None, "配置文件不存在 (config file not found)")
    try:
        text = read_regular(path, CONFIG_MAX_SIZE, raisable=False).decode("utf-8")
    except ReadError as exc:
        raise ConfigError(name, None, f"{exc.message.zh} ({exc.message.en})") from None
    except UnicodeDecodeError:
        raise ConfigError(name, None, "配置文件不是 UTF-8 编码 (not UTF-8)") from None
    if os.path.basename(path) == "pyproject.toml":
        return _from_pyproject(name, text)
    try:
        raw = yamlfile.load(text)
    except yamlfile.YamlError as exc:
        raise ConfigError(name, exc.line, f"YAML 格式错误：{exc} (malformed YAML)") from None
    if raw is None:
        return yamlfile.Mapping()
    if not isinstance(raw, yamlfile.Mapping):
        raise ConfigError(name, 1, "配置文件顶层应为映射 (the top level must be a mapping)")
    return raw


def _from_pyproject(name: str, text: str) -> yamlfile.Mapping:
    import tomllib
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = _toml_line(str(exc))
        raise ConfigError(name, line, f"TOML 格式错误：{exc} (malformed TOML)") from None
    section = doc.get("tool", {}).get("notice-lint", {})
    lines = _toml_key_lines(text)
    return _to_mapping(section, lines)


def _to_mapping(value: Any, lines: dict[str, int]) -> Any:
    if isinstance(value, dict):
        mapping = yamlfile.Mapping()
        mapping.line = lines.get("[tool.notice-lint]")
        for key, item in value.items():
            mapping[key] = _to_mapping(item, lines)
            mapping.lines[key] = lines.get(key, mapping.line)
        return mapping
    if isinstance(value, list):
        return [_to_mapping(v, lines) for v in value]
    return value


def _toml_line(message: str) -> int | None:
    marker = "line "
    if marker in message:
        digits = "".join(c for c in message.split(marker, 1)[1] if c.isdigit() or c == " ").split()
        return int(digits[0]) if digits else None
    return None


def _toml_key_lines(text: str) -> dict[str, int]:
    """Best-effort lines of keys inside [tool.notice-lint…] tables (TOML keeps no positions)."""
    lines: dict[str, int] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if stripped.startswith("["):
            inside = stripped.startswith("[tool.notice-lint")
            if stripped == "[tool.notice-lint]":
                lines["[tool.notice-lint]"] = number
            elif inside:
                for part in stripped.strip("[]").split(".")[2:]:
                    lines.setdefault(part.strip('"'), number)
            continue
        if inside and "=" in stripped:
            key = stripped.split("=", 1)[0].strip().strip('"')
            lines.setdefault(key, number)
    return lines


def _pyproject_has_section(path: str) -> bool:
    try:
        text = read_regular(path, CONFIG_MAX_SIZE, raisable=False)
    except TooLarge:
        return True  # reading it as the configuration names the problem
    except ReadError:
        return False
    return b"[tool.notice-lint" in text


# `seen`: the files on the way here (one of them again is a loop); `memo`: the layers of each file
# already read, by real path, so a diamond of `extends` costs one read per file, not one per path.

def _file_layers(path: str, seen: tuple[str, ...], memo: dict[str, list[Layer]]) -> list[Layer]:
    key = os.path.realpath(path)
    if key in seen:
        raise ConfigError(str(path), None, "extends 形成循环 (extends loop)")
    if key not in memo:
        raw = _read(path)
        _check_keys(raw, TOP_KEYS, str(path), "顶层键 (top-level key)")
        layers: list[Layer] = []
        if "extends" in raw:
            layers += _extends(raw["extends"], path, yamlfile.line_of(raw, "extends"),
                               (*seen, key), memo)
        memo[key] = _last_of_each([*layers, (raw, str(path))])
    return memo[key]


def _last_of_each(layers: list[Layer]) -> list[Layer]:
    """Each layer once, where it comes last: merging these gives what merging them all would
    (a later layer wins), and a chain of diamonds stays as long as the files in it."""
    placed: set[int] = set()
    out: list[Layer] = []
    for layer in reversed(layers):
        if id(layer[0]) not in placed:
            placed.add(id(layer[0]))
            out.append(layer)
    return out[::-1]


def _extends(value: Any, path: str, line: int | None, seen: tuple[str, ...],
             memo: dict[str, list[Layer]]) -> list[Layer]:
    names = value if isinstance(value, list) else [value]
    layers: list[Layer] = []
    for name in names:
        if not isinstance(name, str) or not name:
            raise ConfigError(str(path), line, "extends 应为预设名或文件路径 (extends must be a "
                                               "profile name or a file path)")
        if name in PROFILES:
            layers += _profile_layers(name, seen, memo)
            continue
        target = name if os.path.isabs(name) else os.path.join(os.path.dirname(path), name)
        if not os.path.exists(target):  # anything else there is refused, by name, when read
            hint = suggest(name, PROFILES)
            raise ConfigError(str(path), line, f"extends 的目标不存在：{name}{hint} "
                                               f"(no such profile or file)")
        layers += _file_layers(target, seen, memo)
    return layers


def _profile_layers(name: str, seen: tuple[str, ...],
                    memo: dict[str, list[Layer]]) -> list[Layer]:
    source = f"configs/{name}.yaml"
    if source in seen:
        raise ConfigError(source, None, "extends 形成循环 (extends loop)")
    if source in memo:
        return memo[source]
    try:
        raw = data.builtin(f"{name}.yaml")
    except data.DataError as exc:
        raise ConfigError(source, None, str(exc)) from None
    layers: list[Layer] = []
    if "extends" in raw:
        for parent in raw["extends"] if isinstance(raw["extends"], list) else [raw["extends"]]:
            layers += _profile_layers(parent, (*seen, source), memo)
    memo[source] = _last_of_each([*layers, (raw, source)])
    return memo[source]


# -- merging and validating --------------------------------------------------------------------

def _build(layers: list[Layer], source: str | None) -> Config:
    values: dict[str, Any] = {"rules": {}}
    origins: dict[str, tuple[str, int | None]] = {}
    for raw, name in layers:
        for key, value in raw.items():
            line = yamlfile.line_of(raw, key)
            if key == "extends":
                continue
            if key == "rules":
                _merge_rules(values["rules"], value, name, line)
                continue
            values[key] = _top_value(key, value, name, line)
            origins[key] = (name, line)
    rules = {rule: RuleSettings(
        enabled=spec.get("enabled"), severity=spec.get("severity"),
        options=types.MappingProxyType(spec.get("options", {})), add=tuple(spec.get("add", ())),
        origins=types.MappingProxyType(spec.get("origins", {})))
        for rule, spec in values["rules"].items()}
    return Config(
        source=source,
        select=values.get("select"),
        ignore=values.get("ignore", ()),
        fail_on=values.get("fail-on", "warning"),
        lang=values.get("lang", "zh"),
        notice=values.get("notice"),
        rules=types.MappingProxyType(rules),
        per_file_ignores=values.get("per-file-ignores", ()),
        exclude=values.get("exclude", ()),
        max_file_size=values.get("max-file-size", DEFAULT_MAX_FILE_SIZE),
        rule_timeout=values.get("rule-timeout", DEFAULT_BUDGET),
        origins=types.MappingProxyType(origins),
    )


def _top_value(key: str, value: Any, source: str, line: int | None) -> Any:
    if key in ("select", "ignore", "exclude"):
        return _string_list(value, source, line, key)
    if key == "fail-on":
        return _choice(value, FAIL_LEVELS, source, line, key)
    if key == "lang":
        return _choice(value, LANGS, source, line, key)
    if key == "max-file-size":
        return megabytes_to_bytes(value, source, line)
    if key == "notice":
        from .profile import genre_names
        return _choice(value, genre_names(), source, line, key)
    if key == "rule-timeout":
        if isinstance(value, bool) or not isinstance(value, int | float) or not value >= 0:
            raise ConfigError(source, line, "rule-timeout 应为秒数（0 表示不限时） "
                                            "(must be a number of seconds; 0: no limit)")
        return float(value)
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


def _merge_rules(into: dict[str, dict], value: Any, source: str, line: int | None) -> None:
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


def _check_keys(raw: Mapping, allowed: Iterable[str], source: str, what: str) -> None:
    allowed = tuple(allowed)
    for key in raw:
        if key not in allowed:
            hint = suggest(str(key), allowed)
            raise ConfigError(source, yamlfile.line_of(raw, key),
                              f"未知的{what}：{key}{hint}")


def suggest(word: str, choices: Iterable[str]) -> str:
    import difflib
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"（是否想写 {close[0]}？ did you mean {close[0]}?）" if close else ""


# -- resolving against the registered rules ------------------------------------------------------

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
