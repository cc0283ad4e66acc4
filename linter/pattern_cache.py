"""The shipped `re` patterns, compiled once and kept across runs.

Compiling them is a quarter of start-up: the standard library's compiler is written in Python,
and a class of Chinese characters costs it a millisecond. What it produces, the engine's code,
is plain data, so the first run stores it in the cache directory (beside the parsed rule data)
and later runs hand it straight to the engine. Entries are keyed by the exact Python build and
checked against ``re.compile`` before they are stored, and the file carries a checksum; a
missing, stale or damaged file only means compiling again.
"""

from __future__ import annotations

import array
import atexit
import binascii
import marshal
import os
import re
import sys
from collections.abc import Callable

try:
    import _sre
    from re import _compiler, _parser
except ImportError:  # another Python's internals: compile as usual
    _sre = None

_WORD = "I" if array.array("I").itemsize == 4 else "L"  # the engine's code words: 32 bits
_BUILD = (f"{sys.implementation.name}-{sys.version}-{getattr(_sre, 'MAGIC', 0)}-"
          f"{sys.byteorder}-{os.uname().machine if hasattr(os, 'uname') else sys.platform}")
_LIMIT = 4096                      # entries kept; past it, only those this run used
_entries: dict | None = None       # (pattern, flags) → the engine's arguments, as loaded
_added: dict = {}                  # entries compiled by this process, written at exit
_used: set = set()


def compile_with(key: tuple, make: Callable[[], re.Pattern]) -> re.Pattern:
    """The pattern `make()` compiles, from the cache when this build compiled it before.

    `key` names what `make` compiles (the source pattern and flags it was asked for)."""
    entries = _load()
    args = entries.get(key)
    if args is not None:
        try:
            pattern, flags, packed, *groups = args
            code = array.array(_WORD)
            code.frombytes(packed)
            compiled = _sre.compile(pattern, flags, code.tolist(), *groups)
            _used.add(key)
            return compiled
        except Exception:  # an entry the engine refuses: compile it again
            pass
    compiled = make()
    args = _arguments(compiled)
    if args is not None:
        if not _added:
            atexit.register(_save)
        _added[key] = args
    return compiled


def _arguments(compiled: re.Pattern) -> tuple | None:
    """What the engine needs to rebuild `compiled`, or None when it cannot be had exactly."""
    if _sre is None or not isinstance(compiled.pattern, str):
        return None
    try:
        flags = compiled.flags
        parsed = _parser.parse(compiled.pattern, flags)
        code = _compiler._code(parsed, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        rest = (parsed.state.groups - 1, groupindex, tuple(indexgroup))
        if _sre.compile(compiled.pattern, flags | parsed.state.flags, code, *rest) != compiled:
            return None
        # the code as bytes: a hundred kilobytes of it load ten times faster than a list of ints
        packed = array.array(_WORD, code).tobytes()
        return (compiled.pattern, flags | parsed.state.flags, packed, *rest)
    except Exception:  # internals that changed: just do not cache
        return None


def _path() -> str | None:
    from .data import cache_dir
    folder = cache_dir()
    if not folder or _sre is None:
        return None
    # one file per Python build: two interpreters sharing a home do not keep replacing each other's
    return os.path.join(folder, f"patterns-{binascii.crc32(_BUILD.encode()):08x}.marshal")


def _load() -> dict:
    global _entries
    if _entries is None:
        _entries = {}
        path = _path()
        if path:
            try:
                with open(path, "rb") as handle:
                    build, checksum, payload = marshal.load(handle)
                if build == _BUILD and binascii.crc32(payload) == checksum:
                    entries = marshal.loads(payload)
                    _entries = entries if isinstance(entries, dict) else {}
            except (OSError, EOFError, ValueError, TypeError):
                pass
    return _entries


def _save() -> None:
    path = _path()
    if not path or not _added:
        return
    entries = {**_load(), **_added}
    if len(entries) > _LIMIT:  # patterns of older versions pile up: keep this run's
        entries = {k: v for k, v in entries.items() if k in _used or k in _added}
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        from .atomic import write_bytes_atomic
        payload = marshal.dumps(entries)
        write_bytes_atomic(path, marshal.dumps((_BUILD, binascii.crc32(payload), payload)))
    except (OSError, ValueError):
        pass  # a read-only home, a full disk: the next run compiles again
    _added.clear()
