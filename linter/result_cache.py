"""The result cache: a file's findings kept by a hash of everything they depend on, reused unchanged."""

# A CI gate or `pre-commit run --all-files` lints the same unchanged drafts again and again. The
# key of a file's entry is the SHA-256 of its bytes, its path as reported, and the run's key: the
# effective configuration, the active rules with their plugins and the files they come from, the
# installed plugin distributions' versions, notice-lint's own version and its installed files,
# and the Python version. Any change is a new key, so an entry is never stale, only unused. Only
# complete results are kept (no crash, nothing printed, no error), so a rule that crashes or
# prints shows it on every run. Each entry is one small JSON file written atomically; anything
# wrong with one (unreadable, corrupt, foreign) means linting the file again.

from __future__ import annotations

import enum
import hashlib
import importlib
import json
import os
import sys
from collections.abc import Mapping
from typing import Any

from .cachedir import cache_dir
from .engine import FileResult, Linter
from .finding import Finding, Fix, Message, Severity
from .version import __version__

FORMAT = 1  # of the entries: a change makes every older entry a miss


class ResultCache:
    """The cache for one configured linter: results/<2 hex>/<62 hex>.json under `folder`."""

    def __init__(self, linter: Linter, folder: str) -> None:
        self.folder = os.path.join(folder, "results")
        self.run_key = run_key(linter)

    def key(self, path: str, data: bytes) -> str:
        digest = hashlib.sha256(self.run_key.encode("ascii"))
        digest.update(hashlib.sha256(data).digest())
        digest.update(path.encode("utf-8", "surrogatepass"))
        return digest.hexdigest()

    def _file(self, key: str) -> str:
        return os.path.join(self.folder, key[:2], key[2:] + ".json")

    def get(self, key: str, path: str) -> FileResult | None:
        """The cached result, or None for a miss (no entry, or one that cannot be used)."""
        try:
            with open(self._file(key), "rb") as handle:
                # a path that is not valid UTF-8 (surrogates) goes in and out as it is
                entry = json.loads(handle.read().decode("utf-8", "surrogatepass"))
            if entry["format"] != FORMAT or entry["key"] != key or entry["path"] != path:
                return None
            return FileResult(path, [_finding(item) for item in entry["findings"]])
        except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError,
                RecursionError):  # whatever the file holds, it is only a miss
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Keep `result` when it is complete; a cache that cannot be written is no error."""
        if result.error is not None or result.crashes or result.printed:
            return
        entry = {"format": FORMAT, "key": key, "path": result.path,
                 "findings": [_plain_finding(f) for f in result.findings]}
        try:
            _write_entry(self._file(key), json.dumps(entry, ensure_ascii=False).encode(
                "utf-8", "surrogatepass"))
        except (OSError, ValueError):
            pass  # a read-only or full disk: the next run lints the file again


def _write_entry(target: str, data: bytes) -> None:
    """Write `data` to a fresh temporary name beside `target`, then rename it into place: a
    concurrent reader sees the whole entry or none. No fsync (atomic.write_bytes_atomic's
    doubles a cold run): an entry lost to a power cut is a miss, a torn one fails to parse."""
    temp = f"{target}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(temp, flags, 0o644)
    except FileNotFoundError:  # the first entry of its folder
        os.makedirs(os.path.dirname(target), exist_ok=True)
        fd = os.open(temp, flags, 0o644)
    try:
        with open(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, target)
    except BaseException:
        try:
            os.unlink(temp)
        except OSError:
            pass
        raise


def open_cache(linter: Linter) -> ResultCache | None:
    """The result cache for `linter`, or None when caching is turned off."""
    folder = cache_dir()
    return ResultCache(linter, folder) if folder else None


# -- the run's key --------------------------------------------------------------------------------

def run_key(linter: Linter) -> str:
    """What every result of this linter depends on besides the file itself, as a hex digest."""
    settings = linter.settings
    parts = {
        "format": FORMAT,
        "notice-lint": __version__,
        "installed": _installed_files(),
        "python": sys.version,
        "config": _stable(linter.config),
        "select": _stable(getattr(settings, "select", None)),
        "ignore": _stable(getattr(settings, "ignore", ())),
        # a rule's options come from the configuration above and its code
        "rules": [[a.loaded.id, a.loaded.plugin, _stable(a.severity), _module_file(a.loaded.rule)]
                  for a in linter.active],
        "plugins": _plugin_distributions(),
    }
    text = json.dumps(parts, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8", "surrogateescape")).hexdigest()


def _stable(value: Any) -> Any:
    """`value` as plain JSON data whose text does not depend on the order dicts were built in."""
    if isinstance(value, enum.Enum):
        return [type(value).__name__, _stable(value.value)]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return ["map", sorted([str(k), _stable(v)] for k, v in value.items())]
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a Record
        # `origins` only say where a setting was written (for errors), and the line is known
        # only when the YAML was freshly parsed, not read from the data cache
        return [type(value).__name__, {f: _stable(getattr(value, f)) for f in value._fields
                                       if f != "origins"}]
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    if isinstance(value, set | frozenset):
        return ["set", sorted(json.dumps(_stable(v), sort_keys=True, default=repr) for v in value)]
    if hasattr(value, "__dataclass_fields__"):  # a rule's options
        return [type(value).__name__,
                {f: _stable(getattr(value, f)) for f in value.__dataclass_fields__}]
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
    install being worked on changes its files without changing its version."""
    stamps = []
    for package in ("notice_lint", "notice_lint.checks", "notice_lint.configs"):
        top = os.path.dirname(importlib.import_module(package).__file__ or "")
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            stamps += [_file_stamp(os.path.join(folder, name)) for name in sorted(files)
                       if name.endswith((".py", ".yaml", ".yml", ".json", ".txt"))]
    return stamps


def _plugin_distributions() -> list[list[str]]:
    """(name, version) of every installed distribution with a notice_lint entry point, read from
    the *.dist-info folders on sys.path as plugins.entry_points reads them (importlib.metadata
    costs more to import than a warm run takes)."""
    found = []
    for folder in sys.path or ():
        try:
            names = sorted(os.listdir(folder or "."))
        except OSError:
            continue
        for entry in names:
            if not entry.endswith((".dist-info", ".egg-info")):
                continue
            info = os.path.join(folder or ".", entry)
            try:
                with open(os.path.join(info, "entry_points.txt"), encoding="utf-8") as handle:
                    if "[notice_lint]" not in handle.read():
                        continue
                with open(os.path.join(info, "METADATA" if entry.endswith(".dist-info")
                                       else "PKG-INFO"), encoding="utf-8") as handle:
                    version = next((line.split(":", 1)[1].strip() for line in handle
                                    if line.startswith("Version:")), "")
            except OSError:
                continue
            found.append([folder, entry, version])
    return found


# -- findings as plain data -----------------------------------------------------------------------

def _plain_finding(finding: Finding) -> list:
    message = finding.message
    fix = finding.fix
    return [finding.rule, finding.line, finding.column, finding.end_line, finding.end_column,
            [message.zh, message.en] if isinstance(message, Message) else message,
            str(finding.severity),
            None if fix is None else [fix.replacement, fix.safe, fix.original],
            finding.path, finding.anchor]


def _finding(item: list) -> Finding:
    """The finding `item` was made from; raises TypeError or ValueError for anything else."""
    rule, line, column, end_line, end_column, message, severity, fix, path, anchor = item
    if not (isinstance(rule, str) and all(type(n) is int
                                          for n in (line, column, end_line, end_column))):
        raise TypeError("not a finding")
    if isinstance(message, list):
        zh, en = message
        if not (isinstance(zh, str) and isinstance(en, str)):
            raise TypeError("not a message")
        message = Message(zh, en)
    elif not isinstance(message, str):
        raise TypeError("not a message")
    if fix is not None:
        replacement, safe, original = fix
        if not (isinstance(replacement, str) and type(safe) is bool
                and (original is None or isinstance(original, str))):
            raise TypeError("not a fix")
        fix = Fix(replacement, safe, original)
    if not (isinstance(path, str) and (anchor is None or isinstance(anchor, str))):
        raise TypeError("not a finding")
    return Finding(rule, line, column, message, Severity(severity), end_line, end_column, fix,
                   path, anchor)
