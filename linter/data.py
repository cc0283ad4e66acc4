"""Built-in rule data and profiles, read from the `configs` package (inside the wheel)."""

from __future__ import annotations

import os
from functools import cache
from typing import Any

from . import yamlfile


class DataError(Exception):
    """Rule data that cannot be used; the message names the file, the line and the entry."""


@cache
def builtin_text(name: str) -> str:
    import configs
    path = os.path.join(os.path.dirname(configs.__file__), name)
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:  # a zipped install: ask importlib.resources (slower to import)
        from importlib import resources
        return resources.files("configs").joinpath(name).read_text(encoding="utf-8")


@cache
def builtin(name: str) -> Any:
    """The parsed YAML of configs/<name> (cached: load once per process)."""
    try:
        return yamlfile.load(builtin_text(name))
    except yamlfile.YamlError as exc:
        raise DataError(f"configs/{name}:{exc.line}: {exc}") from None


def builtin_names() -> list[str]:
    import configs
    return sorted(n for n in os.listdir(os.path.dirname(configs.__file__)) if n.endswith(".yaml"))
