"""What is read from a pattern's parse tree (its gate, its reach), kept across runs."""

# Reading a pattern's tree (tree.py) is pure Python: for the few dozen gated patterns it cost a
# small draft's run more than its lint (the parser's import and a parse per pattern). A value
# depends only on the pattern and on the code that reads it, so it is kept in the user's cache
# directory (marshal: plain data) in a file named by notice-lint's version and the size and
# modification time of that code; anything wrong with the file only means reading the trees
# again. New values are written once, when the process ends.

from __future__ import annotations

import atexit
import binascii
import marshal
import os
from collections.abc import Callable
from functools import cache
from typing import TypeVar

from ..cachedir import cache_dir, prune_stamped
from ..version import __version__

T = TypeVar("T")

_CODE = ("tree.py", "literals.py", "anchored.py")  # the modules the values are computed by
_MOST = 4096    # entries: past this (user patterns that came and went), the file starts afresh
_new: dict[str, object] = {}


def remembered(kind: str, source: str, compute: Callable[[str], T]) -> T:
    """`compute(source)`, read from the cache when this code computed it before. `kind` names
    what is computed (one source can have several); the value must be plain data (tuples,
    frozensets, str, int, None)."""
    key = f"{kind}\0{source}"
    known = _known()
    if key in known:
        return known[key]  # type: ignore[return-value]
    value = compute(source)
    if not _new and _file() is not None:
        atexit.register(flush)
    known[key] = _new[key] = value
    return value


@cache
def _file() -> str | None:
    folder = cache_dir()
    if not folder:
        return None
    here = os.path.dirname(__file__)
    stamps = []
    for name in _CODE:
        try:
            status = os.stat(os.path.join(here, name))
        except OSError:
            return None  # code we cannot stamp: no value is kept
        stamps.append(f"{name}:{status.st_size}:{status.st_mtime_ns}")
    stamp = binascii.crc32("|".join([here, *stamps]).encode("utf-8", "surrogateescape"))
    return os.path.join(folder, f"patterns-{__version__}-{stamp:08x}.marshal")


@cache
def _known() -> dict[str, object]:
    return _read()


def _read() -> dict[str, object]:
    path = _file()
    if path is None:
        return {}
    try:
        with open(path, "rb") as handle:
            loaded = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def flush() -> None:
    """Write the values computed in this process, merged with what another run wrote meanwhile
    (at exit; a worker process, which ends without the exit handlers, calls it itself)."""
    path = _file()
    if path is None or not _new:
        return
    entries = _read()
    if len(entries) + len(_new) > _MOST:
        entries = {}
    entries.update(_new)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        from ..atomic import write_bytes_atomic  # tempfile & co.: only a run that writes pays
        write_bytes_atomic(path, marshal.dumps(entries))
        prune_stamped(path)
    except (OSError, ValueError):
        pass  # a read-only home, a full disk: the next run reads the trees again
    _new.clear()
