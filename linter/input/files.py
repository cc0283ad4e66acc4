"""Finding drafts on disk and reading them into documents."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator

from ..document import Document
from ..finding import Message
from .bounded import ARCHIVE_FACTOR, DEFAULT_MAX_FILE_SIZE, ReadError, is_regular, read_regular
from .decoding import DecodeError, decode
from .globs import PathGlobs

__all__ = ["ReadError", "expand", "is_excluded", "kind_of", "read_bytes", "read_document",
           "read_stdin_as"]

DRAFT_SUFFIXES = (".txt", ".md", ".docx")
# Drafts in a format notice-lint cannot read: named, or found in a walked folder, each is an error
# that says what to do, so a gate never passes on drafts it did not read.
FOREIGN_FORMATS = {".doc": "Word 97-2003 (.doc)", ".dot": "Word 97-2003 (.dot)",
                   ".docm": "Word (.docm)", ".dotx": "Word (.dotx)", ".dotm": "Word (.dotm)",
                   ".wps": "WPS (.wps)", ".wpt": "WPS (.wpt)", ".odt": "OpenDocument (.odt)",
                   ".rtf": "RTF (.rtf)", ".pdf": "PDF"}
SKIP_DIRS = frozenset({".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
                       ".tox", ".mypy_cache", ".ruff_cache", ".pytest_cache"})


# why a path named on the command line is not linted: the configuration's `exclude` names it
# (pre-commit names every staged file; ruff's --force-exclude). Not a warning: expected.
EXCLUDED = Message("已被配置的 exclude 排除", "excluded by the configuration's exclude")


def exclusion(config) -> tuple[PathGlobs, bool]:
    """The configuration's `exclude` patterns, relative to the file that set them, and whether
    they apply to paths named on the command line too (`force-exclude`, default true)."""
    return PathGlobs(config.exclude, config.exclude_base), config.force_exclude


def expand(paths: Iterable[str], exclude: Iterable[str] | tuple[PathGlobs, bool] = (),
           empty: list[str] | None = None,
           unreadable: list[tuple[str, str]] | None = None,
           skipped: list[tuple[str, Message]] | None = None) -> Iterator[str]:
    """The files to lint: files as given, directories walked for drafts (symlinks to directories
    not followed, so a link loop ends). Directories that hold no draft are added to `empty`,
    directories that cannot be listed to `unreadable` as (path, reason), files a walk leaves out
    (a symlink out of the folder, a FIFO or a device) to `skipped` as (path, why), and paths
    named but excluded by the configuration (`exclusion(config)`) as (path, EXCLUDED)."""
    if isinstance(exclude, tuple) and len(exclude) == 2 and isinstance(exclude[0], PathGlobs):
        globs, force = exclude
    else:   # bare patterns (a library caller): relative to the working directory, walks only
        globs, force = PathGlobs(tuple(exclude)), False

    def failed(error: OSError) -> None:
        if unreadable is not None:
            unreadable.append((error.filename or "?", error.strerror or str(error)))

    for given in paths:
        if force and given != "-" and globs.match_within(given) is not None:
            if skipped is not None:
                skipped.append((given, EXCLUDED))
            continue
        if given == "-" or not os.path.isdir(given):
            yield given
            continue
        found = []
        excluded = False   # drafts left out by `exclude`: a folder of only those is no mistake
        root = os.path.realpath(given)
        for folder, dirs, files in os.walk(given, onerror=failed):
            kept = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
            dirs[:] = sorted(d for d in kept if globs.match(os.path.join(folder, d)) is None)
            excluded = excluded or len(dirs) < len(kept)
            for name in files:
                path = os.path.join(folder, name)
                if not _is_draft_name(name):
                    continue
                if globs.match(path) is not None:
                    excluded = True
                    continue
                why = _left_out(path, root)
                if why is None:
                    found.append(path)
                elif skipped is not None:
                    skipped.append((path, why))
        if not found and excluded and skipped is not None:
            skipped.append((given, EXCLUDED))
        elif not found and empty is not None:
            empty.append(given)
        yield from sorted(found)


def _is_draft_name(name: str) -> bool:
    lower = name.lower()
    return not name.startswith("~$") and (
        lower.endswith(DRAFT_SUFFIXES) or os.path.splitext(lower)[1] in FOREIGN_FORMATS)


def _left_out(path: str, root: str) -> Message | None:
    """Why a walk leaves `path` out: a symlink whose target lies outside the walked folder (its
    content would end up in the report), or anything but a regular file (a FIFO would hang the
    run). None to lint it; a name that cannot be looked at is linted, so the error names it."""
    if os.path.islink(path) and not _inside(os.path.realpath(path), root):
        return Message("符号链接指向所检查的目录之外，已跳过（需要检查请直接给出该文件）",
                       "symlink to a file outside the folder, skipped (name it to lint it)")
    if os.path.exists(path) and not is_regular(path):
        return Message("不是普通文件（管道、设备或套接字），已跳过",
                       "not a regular file (a pipe, device or socket), skipped")
    return None


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # another drive
        return False


def is_excluded(path: str, patterns: PathGlobs | Iterable[str]) -> bool:
    """Whether `exclude` patterns match `path` or a folder it lies in, as a walk would leave it
    out: PathGlobs (`exclusion(config)[0]`, relative to the configuration file), or bare
    patterns, relative to the working directory."""
    globs = patterns if isinstance(patterns, PathGlobs) else PathGlobs(tuple(patterns))
    return globs.match_within(path) is not None


def kind_of(path: str) -> str:
    lower = path.lower()
    if lower.endswith(".docx"):
        return "docx"
    if lower.endswith((".md", ".markdown")):
        return "markdown"
    return "text"


def read_bytes(path: str, limit: int = DEFAULT_MAX_FILE_SIZE) -> bytes:
    """The bytes of a draft (`-` is stdin): a regular file, at most `limit` bytes of text or, for
    a .docx, ARCHIVE_FACTOR times that (its pictures). Raises ReadError."""
    return read_regular(path, limit * ARCHIVE_FACTOR if kind_of(path) == "docx" else limit)


def read_document(path: str, data: bytes | None = None, *, limit: int = DEFAULT_MAX_FILE_SIZE,
                  **kwargs) -> Document:
    """Read and decode one draft (`-` is stdin), reading at most `limit` bytes of text. Raises
    ReadError with a one-line reason."""
    foreign = foreign_format(path)
    if foreign is not None:
        raise ReadError(foreign)
    kind = kind_of(path)
    if data is None:
        data = read_bytes(path, limit)
    if kind == "docx":
        from .word import read_docx  # start-up: zipfile (bz2, lzma) only for a .docx
        return read_docx(path, data, limit=limit, **kwargs)
    try:
        decoded = decode(data)
    except DecodeError as exc:
        raise ReadError(_sniffed(data) or Message(exc.zh, exc.en)) from None
    return Document(path, decoded, kind=kind, data=data, **kwargs)


def read_stdin_as(name: str, *, limit: int = DEFAULT_MAX_FILE_SIZE) -> Document:
    """Standard input read as the draft `name` (--stdin-filename): the reader chosen by its
    suffix (a .docx is Word bytes), `name` as the document's path, the file itself never read.
    Raises ReadError."""
    foreign = foreign_format(name)
    if foreign is not None:
        raise ReadError(foreign)
    data = read_regular("-", limit * ARCHIVE_FACTOR if kind_of(name) == "docx" else limit)
    return read_document(name, data, limit=limit)


def foreign_format(path: str) -> Message | None:
    """What to do with a draft in a format notice-lint cannot read, known by its name."""
    label = FOREIGN_FORMATS.get(os.path.splitext(path.lower())[1])
    if label is None:
        return None
    return _save_as(label)


def _save_as(label: str) -> Message:
    if label == "PDF":
        return Message("PDF 文件无法检查：请检查它的原稿（另存为 .docx 或 .txt）",
                       "a PDF cannot be linted: lint its source, saved as .docx or .txt")
    return Message(f"{label} 文件无法直接检查：请在 Word 或 WPS 中另存为 .docx（或 .txt）后再检查",
                   f"a {label} file cannot be linted: save it as .docx (or .txt) in Word or WPS "
                   f"and lint that")


# the first bytes of the formats a draft is most often saved in by mistake, under a .txt name
_MAGIC = ((b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Word 97-2003 / WPS"), (b"%PDF-", "PDF"))


def _sniffed(data: bytes) -> Message | None:
    """For a file that does not decode as text: what it is, when its first bytes tell."""
    if data.startswith(b"PK\x03\x04"):
        return Message("这是 zip 文件（如 Word .docx），不是文本：.docx 请保留 .docx 扩展名",
                       "a zip file (a Word .docx?), not text: keep a .docx named .docx")
    for magic, label in _MAGIC:
        if data.startswith(magic):
            return _save_as(label)
    return None
