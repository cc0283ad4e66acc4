"""Built-in rule data and profiles, read from the `configs` package (inside the wheel).

Parsing the shipped YAML is a tenth of start-up, so its result is kept in the user's cache
directory (marshal: plain data, fast to load), keyed by the tool's version and each file's size
and modification time; anything wrong with the cache just means parsing again.
"""

from __future__ import annotations

import binascii
import marshal
import os
from functools import cache
from typing import Any

from . import yamlfile


class DataError(Exception):
    """Rule data that cannot be used; the message names the file, the line and the entry."""


def _folder() -> str:
    from . import configs
    return os.path.dirname(configs.__file__)


@cache
def builtin_text(name: str) -> str:
    path = os.path.join(_folder(), name)
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:  # a zipped install: ask importlib.resources (slower to import)
        from importlib import resources
        return resources.files("notice_lint.configs").joinpath(name).read_text(encoding="utf-8")


@cache
def builtin(name: str) -> Any:
    """The parsed YAML of configs/<name> (loaded once per process, cached across processes)."""
    key = _key(name)
    cached = _cache().get(name)
    if key is not None and cached is not None and cached[0] == key:
        return cached[1]
    try:
        parsed = yamlfile.load(builtin_text(name))
    except yamlfile.YamlError as exc:
        raise DataError(f"configs/{name}:{exc.line}: {exc}") from None
    if key is not None:
        _store(name, key, parsed)
    return parsed


def builtin_names() -> list[str]:
    return sorted(n for n in os.listdir(_folder()) if n.endswith(".yaml"))


# -- the cache across processes -------------------------------------------------------------------

def cache_dir() -> str | None:
    if os.environ.get("NOTICE_LINT_NO_CACHE"):
        return None
    base = os.environ.get("NOTICE_LINT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "notice-lint")
    return base


def _cache_file() -> str | None:
    """One file per installed copy (its version and where its data lives): two installs sharing
    a home, a pre-commit environment beside a project's venv, keep their own."""
    from . import __version__
    folder = cache_dir()
    if not folder:
        return None
    where = binascii.crc32(_folder().encode("utf-8", "surrogateescape"))
    return os.path.join(folder, f"data-{__version__}-{where:08x}.marshal")


def _key(name: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(os.path.join(_folder(), name))
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


@cache
def _cache() -> dict:
    path = _cache_file()
    if not path:
        return {}
    try:
        with open(path, "rb") as handle:
            loaded = marshal.load(handle)
        return loaded if isinstance(loaded, dict) else {}
    except (OSError, EOFError, ValueError, TypeError):
        return {}


def _store(name: str, key: tuple[int, int], parsed: Any) -> None:
    path = _cache_file()
    if not path:
        return
    entries = dict(_cache())
    entries[name] = (key, _plain(parsed))
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        from .atomic import write_bytes_atomic
        write_bytes_atomic(path, marshal.dumps(entries))
        _cache.cache_clear()
    except (OSError, ValueError):
        pass  # a read-only home, a full disk: the next run parses again


def _plain(value: Any) -> Any:
    """The parsed YAML as plain dicts and lists (marshal knows no subclasses)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
