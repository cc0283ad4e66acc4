"""Finding drafts on disk and reading them into documents."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator

from .decoding import MAX_BYTES, DecodeError, decode
from .document import Document
from .finding import Message

DRAFT_SUFFIXES = (".txt", ".md", ".docx")
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                       ".tox", ".mypy_cache", ".ruff_cache", ".pytest_cache"})


class ReadError(Exception):
    """A draft that cannot be read; the message names why, in both languages."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def expand(paths: Iterable[str], exclude: Iterable[str] = (),
           empty: list[str] | None = None,
           unreadable: list[tuple[str, str]] | None = None) -> Iterator[str]:
    """The files to lint: files as given, directories walked for drafts (symlinks not followed,
    so a link loop ends). Directories that hold no draft are added to `empty`, directories that
    cannot be listed to `unreadable` as (path, reason)."""
    exclude = tuple(exclude)

    def failed(error: OSError) -> None:
        if unreadable is not None:
            unreadable.append((error.filename or "?", error.strerror or str(error)))

    for given in paths:
        if given == "-" or not os.path.isdir(given):
            yield given
            continue
        found = []
        for folder, dirs, files in os.walk(given, onerror=failed):
            dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")
                             and not _excluded(os.path.join(folder, d), exclude))
            for name in files:
                path = os.path.join(folder, name)
                if name.lower().endswith(DRAFT_SUFFIXES) and not name.startswith("~$") \
                        and not _excluded(path, exclude):
                    found.append(path)
        if not found and empty is not None:
            empty.append(given)
        yield from sorted(found)


def _excluded(path: str, patterns: tuple[str, ...]) -> bool:
    if not patterns:
        return False
    import fnmatch
    normal = path.replace("\\", "/").removeprefix("./")
    return any(fnmatch.fnmatch(normal, p) or fnmatch.fnmatch(os.path.basename(normal), p)
               for p in patterns)


def kind_of(path: str) -> str:
    lower = path.lower()
    if lower.endswith(".docx"):
        return "docx"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def read_bytes(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read(MAX_BYTES + 1)
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise ReadError(Message(f"文件过大（{size // 1048576} MB，上限 {MAX_BYTES // 1048576} MB）",
                                    f"file too large ({size // 1048576} MB, limit "
                                    f"{MAX_BYTES // 1048576} MB)"))
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise ReadError(Message("文件不存在", "no such file")) from None
    except IsADirectoryError:
        raise ReadError(Message("是目录，不是文件", "is a directory")) from None
    except PermissionError:
        raise ReadError(Message("没有读取权限", "permission denied")) from None
    except OSError as exc:
        raise ReadError(Message(f"无法读取：{exc.strerror or exc}",
                                f"cannot read: {exc.strerror or exc}")) from None


def read_document(path: str, data: bytes | None = None, **kwargs) -> Document:
    """Read and decode one draft (`-` is stdin). Raises ReadError with a one-line reason."""
    kind = kind_of(path)
    if data is None:
        data = read_bytes(path)
    if kind == "docx":
        from .docx_reader import read_docx
        return read_docx(path, data, **kwargs)
    try:
        decoded = decode(data)
    except DecodeError as exc:
        raise ReadError(Message(exc.zh, exc.en)) from None
    return Document(path, decoded, kind=kind, data=data, **kwargs)
