"""Configuration files: discovery upward, pyproject.toml, `extends:` chains, merged into a Config."""

from __future__ import annotations

import os
import types
from typing import Any

from .. import data, yamlfile
from ..input.bounded import (
    CONFIG_MAX_SIZE,
    DEFAULT_MAX_FILE_SIZE,
    ReadError,
    TooLarge,
    read_regular,
)
from ..sandbox import DEFAULT_BUDGET
from .schema import (
    CONFIG_FILES,
    PROFILES,
    TOP_KEYS,
    Config,
    ConfigError,
    RuleSettings,
    check_keys,
    merge_rules,
    suggest,
    top_value,
)


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
    import tomllib  # start-up: only a pyproject.toml needs it
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
        check_keys(raw, TOP_KEYS, str(path), "顶层键 (top-level key)")
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
    profiles = {f"configs/{name}.yaml" for name in PROFILES}
    for raw, name in layers:
        for key, value in raw.items():
            line = yamlfile.line_of(raw, key)
            if key == "extends":
                continue
            if key == "rules":
                merge_rules(values["rules"], value, name, line)
                continue
            values[key] = top_value(key, value, name, line)
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
        cache=values.get("cache", True),
        force_exclude=values.get("force-exclude", True),
        exclude_base=_base(origins.get("exclude"), profiles),
        per_file_ignores_base=_base(origins.get("per-file-ignores"), profiles),
        origins=types.MappingProxyType(origins),
    )


def _base(origin: tuple[str, int | None] | None, profiles: set[str]) -> str | None:
    """The folder a file's path patterns are relative to: the file's own (a built-in profile's
    are relative to the working directory)."""
    if origin is None or origin[0] in profiles:
        return None
    return os.path.dirname(os.path.abspath(origin[0]))
