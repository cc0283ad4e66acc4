"""`--show-settings` and `--show-files`: what a run would use, printed instead of linting."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from ..engine import Linter
from ..input.bounded import megabytes
from ..input.files import exclusion, expand


def settings_data(linter: Linter) -> dict[str, Any]:
    """The effective settings as plain data: the configuration file, the top-level values, and
    every rule with whether it runs, its severity and the options the configuration gave it."""
    config = linter.config
    active = {a.loaded.id: a for a in linter.active}
    rules = {}
    for loaded in sorted(linter.rules, key=lambda r: r.id):
        settings = config.rules.get(loaded.id)
        chosen = active.get(loaded.id)
        severity = (chosen.severity if chosen is not None and chosen.severity is not None
                    else loaded.severity)
        entry: dict[str, Any] = {"enabled": chosen is not None, "severity": str(severity),
                                 "plugin": loaded.plugin}
        if settings is not None and settings.options:
            entry["options"] = _plain(dict(settings.options))
        if settings is not None and settings.add:
            entry["add"] = len(settings.add)   # entries added to the rule's data
        rules[loaded.id] = entry
    return {
        "config_file": config.source,
        "select": list(config.select) if config.select is not None else None,
        "ignore": list(config.ignore),
        "fail_on": config.fail_on,
        "lang": config.lang,
        "notice": config.notice,
        "exclude": list(config.exclude),
        "force_exclude": config.force_exclude,
        "per_file_ignores": {glob: list(ids) for glob, ids in config.per_file_ignores},
        "max_file_size": config.max_file_size,
        "rule_timeout": config.rule_timeout,
        "cache": config.cache,
        "rules": rules,
    }


def show_settings(linter: Linter, fmt: str, lang: str) -> int:
    data = settings_data(linter)
    if fmt == "json":
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    for line in settings_lines(data, lang):
        print(line)
    return 0


_LABELS = {  # key: (zh, en)
    "config_file": ("配置文件", "Configuration file"), "select": ("select", "select"),
    "ignore": ("ignore", "ignore"), "fail_on": ("fail-on", "fail-on"), "lang": ("lang", "lang"),
    "notice": ("notice（通报类型）", "notice"), "exclude": ("exclude", "exclude"),
    "force_exclude": ("force-exclude", "force-exclude"),
    "per_file_ignores": ("per-file-ignores", "per-file-ignores"),
    "max_file_size": ("max-file-size", "max-file-size"),
    "rule_timeout": ("rule-timeout", "rule-timeout"), "cache": ("cache", "cache"),
}


def settings_lines(data: dict[str, Any], lang: str) -> list[str]:
    """The settings as readable text: one `key: value` a line, then one line per rule."""
    en = lang == "en"
    none = "(none)" if en else "（无）"
    source = data["config_file"]
    sep = ": " if en else "："
    lines = [f"{_LABELS['config_file'][en]}{sep}"
             + (source if source else ("(none: built-in defaults)" if en else "（无：内置默认设置）"))]
    for key, value in data.items():
        if key in ("config_file", "rules"):
            continue
        if key == "select" and value is None:
            shown = "(every enabled rule)" if en else "（所有启用的规则）"
        elif key == "notice" and value is None:
            shown = "(detected per draft)" if en else "（逐篇识别）"
        elif key == "max_file_size":
            shown = f"{megabytes(value)} MB"
        elif key == "rule_timeout":
            shown = f"{value:g} s" if value else ("(no limit)" if en else "（不限时）")
        elif key == "per_file_ignores":
            shown = "; ".join(f"{glob} → {', '.join(ids)}" for glob, ids in value.items()) or none
        elif isinstance(value, list):
            shown = ", ".join(value) or none
        elif isinstance(value, bool):
            shown = str(value).lower()
        else:
            shown = str(value)
        lines.append(f"{_LABELS[key][en]}{sep}{shown}")
    lines.append("rules:" if en else "规则：")
    width = max((len(rule) for rule in data["rules"]), default=0)
    for rule, entry in data["rules"].items():
        state = ("on " if entry["enabled"] else "off") if en else \
            ("启用" if entry["enabled"] else "停用")
        extra = ""
        if "options" in entry:
            extra += "  " + json.dumps(entry["options"], ensure_ascii=False, sort_keys=True)
        if "add" in entry:
            extra += (f"  (+{entry['add']} data entries)" if en
                      else f"  （增加数据 {entry['add']} 条）")
        lines.append(f"  {rule:<{width}}  {state}  {entry['severity']:<7}{extra}  "
                     f"[{entry['plugin']}]")
    return lines


def show_files(linter: Linter, paths: list[str]) -> int:
    """Every file the run would lint, one a line, as the walk finds it (after `exclude`)."""
    for path in expand(paths, exclusion(linter.config)):
        print("-" if path == "-" else os.path.normpath(path))
    return 0


def _plain(value: Any) -> Any:
    """Options as JSON can hold them (tuples as lists, anything else as its text)."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
