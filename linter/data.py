"""Built-in rule data and profiles, read from the `configs` package (inside the wheel)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from . import yamlfile


class DataError(Exception):
    """Rule data that cannot be used; the message names the file, the line and the entry."""


@cache
def builtin_text(name: str) -> str:
    return resources.files("configs").joinpath(name).read_text(encoding="utf-8")


@cache
def builtin(name: str) -> Any:
    """The parsed YAML of configs/<name> (cached: load once per process)."""
    try:
        return yamlfile.load(builtin_text(name))
    except yamlfile.YamlError as exc:
        raise DataError(f"configs/{name}:{exc.line}: {exc}") from None


def builtin_names() -> list[str]:
    return sorted(p.name for p in resources.files("configs").iterdir() if p.name.endswith(".yaml"))
