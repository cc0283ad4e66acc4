"""Reading inputs with limits: regular files only, never past a size cap, never blocking at open."""

from __future__ import annotations

import os
import stat
import sys
from typing import BinaryIO

from ..finding import Message

MB = 1024 * 1024
# A notice is a few dozen KB. At 1 MB, the draft that costs the engine the most memory per byte
# (a finding on every short line) still peaks well under 500 MB; --max-file-size raises it.
DEFAULT_MAX_FILE_SIZE = 1 * MB
# A .docx carries pictures and markup besides its text: the file and everything it unzips to may
# be this many times the limit, its XML parts (the text and its markup) XML_FACTOR times, and it
# may not unzip to more than MAX_RATIO times its own size (beyond the limit itself): a zip bomb.
ARCHIVE_FACTOR = 32
XML_FACTOR = 4
MAX_RATIO = 100
MAX_MEMBERS = 10_000
CONFIG_MAX_SIZE = 4 * MB  # a configuration file, an `extends` target, a pyproject.toml

_CHUNK = 1 << 20
# O_NONBLOCK: should the name have become a FIFO after the check, open() returns at once instead
# of waiting for a writer; O_NOCTTY: opening a terminal never makes it ours.
_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
          | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0))


class ReadError(Exception):
    """An input that cannot be read; the message names why, in both languages."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


class TooLarge(ReadError):
    """An input past its size cap."""


def megabytes(size: int) -> str:
    return f"{size / MB:.3g}"


def too_large(limit: int, *, raisable: bool = True) -> TooLarge:
    hint_zh = "；可用 --max-file-size 调高" if raisable else ""
    hint_en = "; raise it with --max-file-size" if raisable else ""
    return TooLarge(Message(f"文件过大（超过 {megabytes(limit)} MB 的上限{hint_zh}）",
                            f"file too large (over the {megabytes(limit)} MB limit{hint_en})"))


def read_regular(path: str, limit: int, *, raisable: bool = True) -> bytes:
    """At most `limit` bytes of `path`, which must be a regular file (a symlink to one is
    followed); `-` is standard input. A FIFO, a device, a socket or a directory is refused before
    a byte is read, so `/dev/zero` cannot fill the memory nor a FIFO hang the run. Raises
    ReadError (TooLarge past the limit); `raisable` says whether --max-file-size can help."""
    if path == "-":
        return _read_capped(sys.stdin.buffer, limit, raisable)
    try:
        _require_regular(os.stat(path))  # a FIFO or a device is never even opened
        fd = os.open(path, _FLAGS)
    except OSError as exc:
        raise ReadError(os_message(exc)) from None
    except ValueError:  # a NUL byte in the name
        raise ReadError(Message("文件名无效", "invalid file name")) from None
    with open(fd, "rb", buffering=0) as handle:
        try:
            info = os.fstat(fd)
            _require_regular(info)  # what was opened, should the name have changed since
            return _read_capped(handle, limit, raisable, info.st_size)
        except OSError as exc:
            raise ReadError(os_message(exc)) from None


def is_regular(path: str) -> bool:
    """A regular file, or a symlink to one (False when it cannot be looked at)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _require_regular(info: os.stat_result) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ReadError(Message("是目录，不是文件", "is a directory"))
    if not stat.S_ISREG(info.st_mode):
        raise ReadError(Message("不是普通文件（是管道、设备或套接字），未读取；标准输入请用“-”",
                                "not a regular file (a pipe, device or socket), not read; "
                                "use '-' for standard input"))


def _read_capped(handle: BinaryIO, limit: int, raisable: bool, expected: int = 0) -> bytes:
    """Bounded reads until end of file: the size the file claims is never trusted, only used to
    read a regular file in one piece (chunks joined at the end held the file twice over)."""
    asked = min(limit + 1, max(expected, 0) + 1 if expected else _CHUNK)
    first = handle.read(asked)
    if not first:
        return b""
    if expected and len(first) < asked:
        return first  # a regular file read short of what was asked: its end (one read, not two)
    chunks = [first]
    total = len(first)
    while total <= limit:
        chunk = handle.read(min(_CHUNK, limit + 1 - total))
        if not chunk:
            return first if len(chunks) == 1 else b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
    raise too_large(limit, raisable=raisable)


def os_message(exc: OSError) -> Message:
    if isinstance(exc, FileNotFoundError):
        return Message("文件不存在", "no such file")
    if isinstance(exc, IsADirectoryError):
        return Message("是目录，不是文件", "is a directory")
    if isinstance(exc, PermissionError):
        return Message("没有读取权限", "permission denied")
    reason = exc.strerror or str(exc)
    return Message(f"无法读取：{reason}", f"cannot read: {reason}")
