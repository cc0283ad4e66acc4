"""Writing a file so that it holds its old content or the new one, never a mix, and stays itself."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import signal
import stat
import tempfile
import threading
from collections.abc import Iterator

from .finding import Message

PREFIX = ".notice-lint-"   # every file this module leaves beside another starts so


class ReadOnlyFile(PermissionError):
    """A file without write permission (or with a mode without w, which root could still write):
    refused, left as it is."""

    def __init__(self, path: str) -> None:
        self.message = Message("文件只读，未写入", "read-only file, not written")
        super().__init__(errno.EACCES, "只读文件 (read-only file)", path)


def write_bytes_atomic(path: str, data: bytes) -> None:
    """Write `data` to `path` as an editor saves a file (vim's backupcopy=auto).

    A reader, and a run killed at any moment, sees the old content or the new one, never a mix.
    A symlink is followed: its target gets the bytes and the link stays. An existing file keeps
    its owner, group, mode and extended attributes: a new file replaces it only when all of them
    can be given to it and nothing else links to it; otherwise the file is rewritten in place (the
    same inode, so hard links and ACLs stay). A read-only file is refused (ReadOnlyFile). Devices
    and pipes (-o /dev/stdout) are written through. No temporary file outlives the write: it is
    anonymous where the system allows (Linux O_TMPFILE), and SIGINT, SIGTERM and SIGHUP wait the
    moment it takes to put the bytes in place."""
    try:
        status = os.stat(path)
    except FileNotFoundError:
        status = None
    with _signals_held():
        if status is None:
            _create(os.path.realpath(path), data)
        elif not stat.S_ISREG(status.st_mode):
            _write_through(path, data)
        else:
            refuse_read_only(path, status)
            target = os.path.realpath(path)
            if status.st_nlink > 1 or not _replace(target, data, status):
                _rewrite_in_place(target, data)


def write_text_atomic(path: str, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def refuse_read_only(path: str, status: os.stat_result | None = None) -> None:
    """Raise ReadOnlyFile unless the user may write `path` and its mode allows writing."""
    status = status or os.stat(path)
    if not status.st_mode & 0o222 or not os.access(path, os.W_OK):
        raise ReadOnlyFile(path)


# -- the three ways of writing -------------------------------------------------------------------

def _create(target: str, data: bytes) -> None:
    directory = os.path.dirname(target)
    with _staged(directory, data) as temp:
        _set_mode(temp, 0o666 & ~_umask())  # what open() would have given a new file
        os.fsync(temp.fd)
        temp.put(target, replace=False)
    _sync_directory(directory)


def _replace(target: str, data: bytes, status: os.stat_result) -> bool:
    """Put a new file holding `data` in the place of `target`, with the old one's owner, mode and
    extended attributes; False (nothing changed) when one of them cannot be given to it, or no new
    file can be made in the directory."""
    directory = os.path.dirname(target)
    try:
        with _staged(directory, data) as temp:
            if not _same_identity(temp, target, status):
                return False
            os.fsync(temp.fd)
            temp.put(target, replace=True)
    except PermissionError:
        return False  # a directory we may not write in: the file itself may still be writable
    _sync_directory(directory)
    return True


def _rewrite_in_place(target: str, data: bytes) -> None:
    """Write into the file itself: links, owner, mode and ACLs stay. A copy of the old bytes waits
    beside it (where the directory allows) until the new ones are on disk, for a run killed
    outright midway; an error midway puts the old bytes back."""
    with open(target, "r+b") as handle:
        old = handle.read()
        backup = _backup(os.path.dirname(target), os.path.basename(target), old)
        try:
            _overwrite(handle, data)
        except BaseException:
            try:
                _overwrite(handle, old)
            except OSError:
                kept, backup = backup, None  # the copy is all that is left of the old bytes
                raise OSError(errno.EIO, f"写入中断，原内容保存在 {kept} (interrupted; the old "
                              f"content is in {kept})" if kept else "写入中断 (interrupted)",
                              target) from None
            raise
        finally:
            if backup:
                with contextlib.suppress(OSError):
                    os.unlink(backup)


def _write_through(path: str, data: bytes) -> None:
    with open(path, "wb") as handle:
        handle.write(data)


# -- temporary files -----------------------------------------------------------------------------

class _Temporary:
    """New bytes on their way to a name: `name` None while the file is anonymous."""

    def __init__(self, fd: int, name: str | None, directory: str) -> None:
        self.fd = fd
        self.name = name
        self.directory = directory

    def put(self, target: str, *, replace: bool) -> None:
        if self.name is None:
            if not replace:
                try:
                    _link_anonymous(self.fd, target)
                    return
                except FileExistsError:
                    pass  # made meanwhile by someone else: replaced, as open("w") would
            self.name = _free_name(self.directory, lambda name: _link_anonymous(self.fd, name))
        os.replace(self.name, target)
        self.name = None


@contextlib.contextmanager
def _staged(directory: str, data: bytes) -> Iterator[_Temporary]:
    """A temporary file in `directory` holding `data`; removed unless put in place."""
    fd = _anonymous(directory)
    name = None
    if fd is None:
        fd, name = tempfile.mkstemp(prefix=PREFIX, suffix=".tmp", dir=directory)
    temp = _Temporary(fd, name, directory)
    try:
        _write_all(fd, data)
        yield temp
    finally:
        os.close(fd)
        if temp.name is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp.name)


def _anonymous(directory: str) -> int | None:
    """A file in `directory` without a name (Linux O_TMPFILE): a run killed before it is put in
    place leaves nothing behind. None where the system or the file system has none."""
    flag = getattr(os, "O_TMPFILE", 0)
    if not flag or os.link not in os.supports_dir_fd or not os.path.isdir(_PROC_FDS):
        return None
    try:
        return os.open(directory, flag | os.O_WRONLY | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):
            return None  # a kernel or file system without O_TMPFILE
        raise


_PROC_FDS = "/proc/self/fd"


def _link_anonymous(fd: int, name: str) -> None:
    """Give the anonymous file `fd` a name: linkat through /proc, as open(2) documents. (A plain
    link() of the /proc entry would link the symlink itself and fail across devices.)"""
    fds = os.open(_PROC_FDS, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.link(str(fd), name, src_dir_fd=fds, follow_symlinks=True)
    finally:
        os.close(fds)


def _free_name(directory: str, make) -> str:
    """A new name in `directory` made by `make(name)`, which raises FileExistsError if taken."""
    while True:
        name = os.path.join(directory, f"{PREFIX}{secrets.token_hex(6)}.tmp")
        try:
            make(name)
            return name
        except FileExistsError:
            continue


def _backup(directory: str, base: str, data: bytes) -> str | None:
    """A private copy of `data` beside the file, on disk; None where the directory is not ours."""
    try:
        fd, name = tempfile.mkstemp(prefix=f"{PREFIX}{base}-", suffix=".bak", dir=directory)
    except OSError:
        return None
    try:
        _write_all(fd, data)
        os.fsync(fd)
    except OSError:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(name)
        return None
    os.close(fd)
    return name


# -- small parts ---------------------------------------------------------------------------------

def _same_identity(temp: _Temporary, target: str, status: os.stat_result) -> bool:
    """Give the new file the owner, group, mode and extended attributes of the old one; False if
    one of them cannot be given (another user's file, a label we may not set)."""
    try:
        if hasattr(os, "fchown"):   # not on Windows, where files have no owner ids to keep
            mine = os.fstat(temp.fd)
            if (mine.st_uid, mine.st_gid) != (status.st_uid, status.st_gid):
                os.fchown(temp.fd, status.st_uid, status.st_gid)
        _set_mode(temp, stat.S_IMODE(status.st_mode))  # after chown, which clears set-id bits
        if hasattr(os, "listxattr"):  # Linux
            for key in os.listxattr(target):
                os.setxattr(temp.fd, key, os.getxattr(target, key))
    except OSError:
        return False
    return True


def _set_mode(temp: _Temporary, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(temp.fd, mode)
    else:  # Windows: the named temporary file
        os.chmod(temp.name, mode)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _overwrite(handle, data: bytes) -> None:
    handle.seek(0)
    handle.write(data)
    handle.truncate()
    handle.flush()
    os.fsync(handle.fileno())


def _sync_directory(directory: str) -> None:
    """Make the new name durable (a crash after the write must not bring the old file back)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some systems cannot sync a directory
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_HELD = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP")
              if hasattr(signal, name))


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT, SIGTERM and SIGHUP wait until the bytes are in place (moments), then act as they
    would have: a run stopped so leaves the old file or the new one, and no temporary file."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    previous = {}
    for number in _HELD:
        handler = signal.getsignal(number)
        if handler is None:
            continue  # a handler set outside Python: left alone
        signal.signal(number, lambda received, _frame: caught.append(received))
        previous[number] = handler
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for number in caught:
            signal.raise_signal(number)
