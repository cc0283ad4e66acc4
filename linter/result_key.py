"""The result cache's run key: everything a file's findings depend on besides the file itself."""

# The key covers the effective configuration, the active rules with their plugins and the files
# they come from, the installed plugin distributions' versions, notice-lint's own version and its
# installed files, and the Python version. Any change is a new key, so a cached result is never
# stale, only unused.

from __future__ import annotations

import enum
import importlib
import os
import sys
from collections.abc import Mapping
from typing import Any

from .engine import Linter
from .plugins import ENTRY_POINT_GROUP, providers
from .version import __version__

FORMAT = 4  # of the cached results: a change makes every older entry a miss (4: a place's part)


def run_key(linter: Linter) -> str:
    """What every result of this linter depends on besides the file itself, as a hex digest."""
    import hashlib  # start-up: only a run with the cache on needs it

    settings = linter.settings
    parts = [
        ["format", FORMAT],
        ["notice-lint", __version__],
        ["installed", _installed_files()],
        ["python", sys.version],
        ["config", _stable(linter.config)],
        ["select", _stable(getattr(settings, "select", None))],
        ["ignore", _stable(getattr(settings, "ignore", ()))],
        # findings carry excerpts only when the output shows them (places.py)
        ["excerpts", bool(getattr(settings, "excerpts", False))],
        # a rule's options come from the configuration above and its code
        ["rules", [[a.loaded.id, a.loaded.plugin, _stable(a.severity),
                    _module_file(a.loaded.rule)] for a in linter.active]],
        ["plugins", _plugin_distributions()],
    ]
    # repr of nested lists of str, int, float, bool and None is one text for one value
    return hashlib.sha256(repr(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _stable(value: Any) -> Any:
    """`value` as nested lists of plain values whose repr does not depend on the order dicts
    and sets were built in."""
    if isinstance(value, enum.Enum):
        return [type(value).__name__, _stable(value.value)]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return ["map", sorted([str(k), _stable(v)] for k, v in value.items())]
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a Record
        # `origins` only say where a setting was written (for errors), and the line is known
        # only when the YAML was freshly parsed, not read from the data cache
        return [type(value).__name__, [[f, _stable(getattr(value, f))] for f in value._fields
                                       if f != "origins"]]
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    if isinstance(value, set | frozenset):
        return ["set", sorted(repr(_stable(v)) for v in value)]
    if hasattr(value, "__dataclass_fields__"):  # a rule's options
        return [type(value).__name__,
                [[f, _stable(getattr(value, f))] for f in value.__dataclass_fields__]]
    return [type(value).__name__, repr(value)]


def _file_stamp(path: str | None) -> list:
    try:
        status = os.stat(path or "")
    except OSError:
        return [path, None]
    return [path, status.st_size, status.st_mtime_ns]


def _module_file(rule: Any) -> list:
    """The file a rule's code comes from: editing a plugin in place changes its stamp."""
    module = sys.modules.get(type(rule).__module__)
    return _file_stamp(getattr(module, "__file__", None))


def _installed_files() -> list:
    """Every file of the installed notice-lint (code and rule data), stamped: an editable
    install being worked on changes its files without changing its version. An install from a
    wheel is stamped by its RECORD instead, which pip writes anew with every install (one file
    looked at, not 150: a run over a draft new to the cache starts that much sooner)."""
    record = _wheel_record()
    if record is not None:
        return [_file_stamp(record)]
    stamps = []
    for package in ("notice_lint", "notice_lint.checks", "notice_lint.configs"):
        top = os.path.dirname(importlib.import_module(package).__file__ or "")
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            stamps += [_file_stamp(os.path.join(folder, name)) for name in sorted(files)
                       if name.endswith((".py", ".yaml", ".yml", ".json", ".txt"))]
    return stamps


def _wheel_record() -> str | None:
    """The RECORD of the distribution notice-lint's own files were installed from, when they sit
    beside it in the same folder (an install from a wheel); None for an editable install (the
    code is in the working tree, only a finder beside the metadata) or any other layout."""
    top = os.path.dirname(os.path.abspath(__file__))
    record = os.path.join(os.path.dirname(top), f"notice_lint-{__version__}.dist-info", "RECORD")
    try:
        with open(record, encoding="utf-8") as handle:
            listed = handle.read()
    except OSError:
        return None
    # the files it lists are ours: this module among them
    return record if f"{os.path.basename(top)}/result_key.py," in listed else None


def _plugin_distributions() -> list[list[str]]:
    """(metadata folder, version) of every installed distribution with a notice_lint entry point,
    from the scan the plugins were found by (importlib.metadata costs more to import than a warm
    run takes)."""
    found = []
    for info in providers(ENTRY_POINT_GROUP):
        name = "METADATA" if info.endswith(".dist-info") else "PKG-INFO"
        try:
            with open(os.path.join(info, name), encoding="utf-8") as handle:
                version = next((line.split(":", 1)[1].strip() for line in handle
                                if line.startswith("Version:")), "")
        except OSError:
            version = None
        found.append([info, version])
    return found
