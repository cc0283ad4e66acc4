"""The result cache: a file's findings kept by the hash of its bytes and the run's key, reused unchanged."""

# A CI gate or `pre-commit run --all-files` lints the same unchanged drafts again and again.
# Results live in packs (result_pack.py), one per run key (result_key.py) and folder of drafts:
#     <cache>/results/<run key, 32 hex>/<folder, 32 hex>.pack
# holding one entry per path as reported (a changed file replaces its entry): the SHA-256 of the
# file's bytes and its findings, decoded only when used. A pack is read at the first lookup in
# its folder; a run that lints files there writes a new one as it goes and renames it into place
# at the end. Two runs writing one pack at once keep the last one's entries (merged with what
# was on disk when it finished): the other's are misses next time, never wrong results. Only
# complete results are kept (no crash, nothing printed, no error), so a rule that crashes or
# prints shows it on every run. Anything wrong with a pack (unreadable, corrupt, foreign) is a
# miss. Run-key folders unused for PRUNE_DAYS days go, and all but the KEEP newest.

from __future__ import annotations

import hashlib
import marshal
import os
import time
from typing import Any

from .engine import FileResult, Linter
from .finding import Finding, Fix, Message, Place, Severity
from .result_key import FORMAT, run_key
from .result_pack import PackWriter, header, read_pack, stamp

PRUNE_DAYS = 30
KEEP = 16                # run-key folders besides the current one (other configurations)
DAY = 24 * 3600
_UNREADABLE = (OSError, EOFError, ValueError, TypeError, MemoryError, RecursionError)


class _Pack:
    """The results of one folder of drafts under one run key."""

    __slots__ = ("entries", "file", "head", "stamp", "writer", "written")

    def __init__(self, file: str, head: bytes) -> None:
        self.file = file
        self.head = head
        self.entries, self.stamp = read_pack(file, head)
        self.writer: PackWriter | None = None   # the new pack, from the first result kept
        self.written: set[str] = set()


class ResultCache:
    """The result cache of one configured linter, under `folder`."""

    def __init__(self, linter: Linter, folder: str) -> None:
        self.linter = linter
        self.root = os.path.join(folder, "results")
        self._key: str | None = None  # worked out at the first file: stdin alone never needs it
        self.owner = os.getpid()      # worker processes lint; only the run's own process keeps
        self.packs: dict[str, _Pack] = {}
        self._last: tuple[str | None, Any] = (None, None)   # the folder last asked about
        self.hits = 0
        self.warning: Message | None = None   # why results could not be kept (said once)

    @property
    def key(self) -> str:
        if self._key is None:
            self._key = run_key(self.linter)
        return self._key

    @property
    def folder(self) -> str:
        return os.path.join(self.root, self.key[:32])

    @staticmethod
    def digest(data: bytes) -> bytes:
        return hashlib.sha256(data).digest()

    def _pack(self, path: str) -> _Pack:
        where = os.path.dirname(path)
        if where == self._last[0]:  # drafts come folder by folder
            return self._last[1]
        pack = self.packs.get(where)
        if pack is None:
            folder = os.path.abspath(where or ".")
            name = hashlib.sha256(folder.encode("utf-8", "surrogatepass")).hexdigest()[:32]
            pack = self.packs[where] = _Pack(os.path.join(self.folder, name + ".pack"),
                                             header(FORMAT, self.key, folder))
        self._last = (where, pack)
        return pack

    def known(self, path: str) -> bool:
        """Whether a result for `path` is kept (for bytes that may since have changed): reading a
        file only to miss is not worth it."""
        return path in self._pack(path).entries

    def holds(self, path: str, digest: bytes) -> bool:
        """Whether a result for `path` with these bytes is kept (not decoded: see get)."""
        entry = self._pack(path).entries.get(path)
        return type(entry) is bytes and entry.startswith(digest)

    def get(self, path: str, digest: bytes) -> FileResult | None:
        """The kept result for `path` with these bytes, or None (no entry, or one unusable)."""
        entry = self._pack(path).entries.get(path)
        if type(entry) is not bytes or not entry.startswith(digest):
            return None
        try:
            findings = [_finding(item) for item in marshal.loads(memoryview(entry)[len(digest):])]
        except _UNREADABLE:  # whatever the pack holds, it is only a miss
            return None
        self.hits += 1
        return FileResult(path, findings)

    def put(self, result: FileResult) -> None:
        """Keep `result` when it is complete and says which bytes it is of."""
        if (result.digest is None or result.error is not None or result.crashes
                or result.printed or os.getpid() != self.owner or self.warning is not None):
            return
        pack = self._pack(result.path)
        if result.path in pack.written:
            return
        entry = result.digest + marshal.dumps([_plain_finding(f) for f in result.findings])
        try:
            if pack.writer is None:
                os.makedirs(self.folder, exist_ok=True)
                pack.writer = PackWriter(pack.file, pack.head)
            pack.writer.add(result.path, entry)
        except OSError as exc:   # read-only, full, or a file where a folder goes
            self._failed(exc)
            return
        pack.written.add(result.path)

    def save(self) -> None:
        """Put the packs this run wrote in place, each with the entries of the old one it did
        not replace; a cache that cannot be written is one warning."""
        if os.getpid() != self.owner or self._key is None:
            return
        changed = [pack for pack in self.packs.values() if pack.writer is not None]
        if not changed:
            _refresh(self.folder)
            return
        try:
            for pack in changed:
                entries = pack.entries
                if stamp(pack.file) != pack.stamp:  # another run wrote it meanwhile: merged
                    entries, _ = read_pack(pack.file, pack.head)
                writer = pack.writer
                for path, entry in entries.items():
                    if path not in pack.written:
                        writer.add(path, entry)
                pack.writer = None
                writer.commit()
        except OSError as exc:
            self._failed(exc)
            return
        finally:
            self.abandon()
        prune(self.root, keep=self.folder)

    def abandon(self) -> None:
        """Drop the packs being written (a run that did not go through)."""
        for pack in self.packs.values():
            if pack.writer is not None:
                pack.writer.abandon()
                pack.writer = None

    def _failed(self, exc: OSError) -> None:
        self.abandon()
        reason = exc.strerror or str(exc)
        self.warning = Message(f"无法写入结果缓存（{self.root}：{reason}），下次运行将重新检查",
                               f"cannot write the result cache ({self.root}: {reason}); "
                               f"the next run lints the files again")


def open_cache(linter: Linter) -> ResultCache | None:
    """The result cache for `linter`, or None when caching is turned off."""
    from .cachedir import cache_dir

    folder = cache_dir()
    return ResultCache(linter, folder) if folder else None


# -- packs on disk --------------------------------------------------------------------------------

def _refresh(folder: str) -> None:
    """A run that only reads keeps its run-key folder from looking unused to the pruning."""
    try:
        if os.stat(folder).st_mtime < time.time() - DAY:
            os.utime(folder)
    except OSError:
        pass


def prune(root: str, keep: str) -> None:
    """Once a day at most: remove the run-key folders unused for PRUNE_DAYS days, all but the
    KEEP newest of the others, and temporary files a killed run left in `keep`."""
    stamp = os.path.join(root, ".pruned")
    now = time.time()
    try:
        if os.stat(stamp).st_mtime > now - DAY:
            return
    except OSError:
        pass
    try:
        with open(stamp, "wb"):
            pass
        others = []
        with os.scandir(root) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False) and entry.path != keep:
                    others.append((entry.stat(follow_symlinks=False).st_mtime, entry.path))
        with os.scandir(keep) as entries:
            left = [e.path for e in entries if e.name.endswith(".tmp")
                    and e.stat(follow_symlinks=False).st_mtime < now - 3600]
    except OSError:
        return
    others.sort(reverse=True)
    old = [path for index, (mtime, path) in enumerate(others)
           if index >= KEEP or mtime < now - PRUNE_DAYS * DAY]
    if old:
        import shutil  # start-up: only a run that prunes needs it
        for path in old:
            shutil.rmtree(path, ignore_errors=True)
    for path in left:
        try:
            os.unlink(path)
        except OSError:
            pass


# -- findings as plain data -----------------------------------------------------------------------

def _plain_finding(finding: Finding) -> list:
    message = finding.message
    fix = finding.fix
    return [finding.rule, finding.line, finding.column, finding.end_line, finding.end_column,
            [message.zh, message.en] if isinstance(message, Message) else message,
            str(finding.severity),
            None if fix is None else [fix.replacement, fix.safe, fix.original],
            finding.path, finding.anchor, None if finding.place is None else list(finding.place)]


def _finding(item: list) -> Finding:
    """The finding `item` was made from; raises TypeError or ValueError for anything else."""
    rule, line, column, end_line, end_column, message, severity, fix, where, anchor, place = item
    if not (type(rule) is str and all(type(n) is int
                                      for n in (line, column, end_line, end_column))):
        raise TypeError("not a finding")
    if type(message) is list:
        zh, en = message
        if not (type(zh) is str and type(en) is str):
            raise TypeError("not a message")
        message = Message(zh, en)
    elif type(message) is not str:
        raise TypeError("not a message")
    if fix is not None:
        replacement, safe, original = fix
        if not (type(replacement) is str and type(safe) is bool
                and (original is None or type(original) is str)):
            raise TypeError("not a fix")
        fix = Fix(replacement, safe, original)
    if not ((where is None or type(where) is str) and (anchor is None or type(anchor) is str)):
        raise TypeError("not a finding")
    if place is not None:
        place = _place(place)
    return Finding(rule, line, column, message, Severity(severity), end_line, end_column, fix,
                   where, anchor, place)


def _place(item: list) -> Place:
    excerpt, start, end, paragraph, opening, words, part = item
    if not (all(type(n) is int for n in (start, end))
            and (paragraph is None or type(paragraph) is int)
            and all(t is None or type(t) is str for t in (excerpt, opening, words, part))):
        raise TypeError("not a place")
    return Place(excerpt, start, end, paragraph, opening, words, part)
