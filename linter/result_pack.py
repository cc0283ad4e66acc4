"""A result pack on disk: the cached results of one folder of drafts under one run key."""

# The file is MAGIC, then records, each a 4-byte little-endian length and that many bytes. The
# first record is the header (format, run key, folder); then two records per draft: its path as
# reported (UTF-8, surrogates kept) and its entry (the SHA-256 of its bytes, 32 bytes, then its
# findings as marshal data). A run writes the records of the drafts it linted to a temporary file
# beside the pack as they come, the rest of the old pack at the end, and renames the file over
# the old pack: memory holds no copy of what is written, and a reader sees a whole pack or the
# previous one.

from __future__ import annotations

import os

MAGIC = b"notice-lint results\n"
_FLUSH_AT = 1 << 18   # bytes gathered before a write


def header(form: int, key: str, folder: str) -> bytes:
    return f"{form}\n{key}\n{folder}".encode("utf-8", "surrogatepass")


def stamp(file: str) -> tuple[int, int, int] | None:
    """What changes when the pack is replaced (None: there is none)."""
    try:
        status = os.stat(file)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns)


def read_pack(file: str, head: bytes) -> tuple[dict[str, bytes], tuple[int, int, int] | None]:
    """The entries of a pack by path, and its stamp. No entries for a pack that is missing,
    unreadable, damaged in any way, or of another format, run key or folder."""
    try:
        with open(file, "rb") as handle:
            status = os.fstat(handle.fileno())
            data = handle.read()
    except OSError:
        return {}, stamp(file)
    found = (status.st_ino, status.st_size, status.st_mtime_ns)
    if not data.startswith(MAGIC):
        return {}, found
    end = len(data)
    at = len(MAGIC)
    fields = []
    append = fields.append
    from_bytes = int.from_bytes
    while at < end:
        stop = at + 4 + from_bytes(data[at:at + 4], "little")
        if stop > end:
            return {}, found  # cut short
        append(data[at + 4:stop])
        at = stop
    if not fields or fields[0] != head or len(fields) % 2 == 0:
        return {}, found
    try:
        paths = [field.decode("utf-8", "surrogatepass") for field in fields[1::2]]
    except UnicodeDecodeError:
        return {}, found
    return dict(zip(paths, fields[2::2], strict=True)), found


class PackWriter:
    """A new pack written beside `target` record by record, then renamed into place. Records
    gather in a buffer of its own (never a Python file object that a forked worker process
    could flush a second time) and go out with os.write."""

    def __init__(self, target: str, head: bytes) -> None:
        self.target = target
        self.temp = f"{target}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
        self.fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                          | getattr(os, "O_BINARY", 0), 0o644)
        self.buffer = bytearray(MAGIC)
        self._record(head)

    def _record(self, data: bytes) -> None:
        self.buffer += len(data).to_bytes(4, "little")
        self.buffer += data

    def add(self, path: str, entry: bytes) -> None:
        self._record(path.encode("utf-8", "surrogatepass"))
        self._record(entry)
        if len(self.buffer) >= _FLUSH_AT:
            self._flush()

    def _flush(self) -> None:
        view = memoryview(self.buffer)
        while view:
            view = view[os.write(self.fd, view):]
        view.release()
        self.buffer.clear()

    def commit(self) -> None:
        """Everything written, then the pack in place. No fsync: a pack lost to a power cut is
        a miss, a torn one fails to read."""
        try:
            self._flush()
            os.close(self.fd)
            self.fd = -1
            os.replace(self.temp, self.target)
        except BaseException:
            self.abandon()
            raise

    def abandon(self) -> None:
        if self.fd >= 0:
            try:
                os.close(self.fd)
            except OSError:
                pass
            self.fd = -1
        try:
            os.unlink(self.temp)
        except OSError:
            pass
