"""Rule data in YAML shipped inside a package (ours in configs/, or a plugin's), parsed once."""

# Parsing the shipped YAML is a tenth of start-up, so its result is kept in the user's cache
# directory (marshal: plain data, fast to load), keyed by the tool's version and each file's size
# and modification time; anything wrong with the cache just means parsing again.

from __future__ import annotations

import binascii
import importlib
import marshal
import os
from functools import cache
from typing import Any

from . import yamlfile
from .cachedir import cache_dir, prune_stamped
from .version import __version__

BUILTIN_PACKAGE = "notice_lint.configs"


class DataError(Exception):
    """Rule data that cannot be used; the message names the file, the line and the entry."""


@cache
def load_data(package: str, name: str) -> Any:
    """The parsed YAML file `name` shipped inside the package `package` (a dotted name).

    The built-in checks load configs/*.yaml with it and a plugin loads its own files the same
    way: the same YAML loader (duplicate keys and alias bombs refused), the same cache across
    processes, and a malformed file raises DataError naming it and the line. Mappings know the
    line each key was written on (`line_of`) when freshly parsed, not when read from the cache.
    The result is shared by every caller: read it, never change it."""
    path = os.path.join(_folder(package), name)
    entry = f"{package}:{name}"
    key = _key(path)
    cached = _cache().get(entry)
    if key is not None and cached is not None and cached[0] == key:
        return cached[1]
    label = f"configs/{name}" if package == BUILTIN_PACKAGE else f"{package}/{name}"
    try:
        parsed = yamlfile.load(_read(package, path, name))
    except yamlfile.YamlError as exc:
        raise DataError(f"{label}:{exc.line}: {exc}") from None
    if key is not None:
        _store(entry, key, parsed)
    return parsed


def builtin(name: str) -> Any:
    """The parsed YAML of configs/<name>."""
    return load_data(BUILTIN_PACKAGE, name)


def line_of(value: Any, key: Any = None) -> int | None:
    """The 1-based line of a YAML file where a mapping, or one of its keys, was written (None
    when unknown), so that a rule's data error can name it."""
    return yamlfile.line_of(value, key)


@cache
def _folder(package: str) -> str:
    return os.path.dirname(importlib.import_module(package).__file__ or "")


def _read(package: str, path: str, name: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read()
    except OSError:  # a zipped install: ask importlib.resources (slower to import)
        from importlib import resources
        return resources.files(package).joinpath(name).read_text(encoding="utf-8")


# -- the cache across processes -------------------------------------------------------------------

def _cache_file() -> str | None:
    """One file per installed copy (its version and where its data lives): two installs sharing
    a home, a pre-commit environment beside a project's venv, keep their own."""
    folder = cache_dir()
    if not folder:
        return None
    where = binascii.crc32(_folder(BUILTIN_PACKAGE).encode("utf-8", "surrogateescape"))
    return os.path.join(folder, f"data-{__version__}-{where:08x}.marshal")


def _key(path: str) -> tuple[int, int] | None:
    try:
        stat = os.stat(path)
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


def _store(entry: str, key: tuple[int, int], parsed: Any) -> None:
    path = _cache_file()
    if not path:
        return
    entries = dict(_cache())
    entries[entry] = (key, _plain(parsed))
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        from .atomic import write_bytes_atomic  # tempfile & co.: only a run that writes pays
        write_bytes_atomic(path, marshal.dumps(entries))
        _cache.cache_clear()
        prune_stamped(path)
    except (OSError, ValueError):
        pass  # a read-only home, a full disk: the next run parses again


def _plain(value: Any) -> Any:
    """The parsed YAML as plain dicts and lists (marshal knows no subclasses)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
