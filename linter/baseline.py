"""The baseline (--baseline, --write-baseline): findings accepted by content, not by line."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .atomic import write_text_atomic
from .document import Document
from .engine import FileResult, Linter
from .finding import Finding, Message
from .input.bounded import ReadError, read_regular
from .record import Record
from .version import __version__

BASELINE_VERSION = 2
BASELINE_LIMIT = 64 * 1024 * 1024   # bytes; a baseline of a large archive stays far below


class BaselineError(Exception):
    """A baseline file that cannot be used; `message` says why, naming the file."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


# Findings are matched by content: the rule, the text they point at and their message, never the
# line (an edit above moves them). The path is the file's path from the project root, so
# `notice.txt`, `./notice.txt` and `../drafts/notice.txt` from elsewhere are one file. Identical
# findings in one file are told apart by the few characters around them; where those changed
# too, by their order: the first ones stay accepted, the rest are new.

CONTEXT = 8   # characters either side of a finding that tell identical ones apart


def project_root(linter: Linter) -> str:
    """The directory baseline paths are relative to: the configuration file's, else the git
    work tree's, else the current directory."""
    source = linter.config.source
    if source and os.path.isfile(source):
        return os.path.dirname(os.path.realpath(source))
    here = os.path.realpath(os.getcwd())
    folder = here
    while True:
        if os.path.exists(os.path.join(folder, ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return here
        folder = parent


def baseline_path(path: str, root: str) -> str:
    """`path` relative to `root`, with forward slashes (stdin stays `-`). The folders are resolved,
    the file's own name is not: a symlinked draft is keyed by its own name."""
    if path == "-":
        return path
    folder, name = os.path.split(os.path.abspath(path))
    real = os.path.join(os.path.realpath(folder), name)
    try:
        relative = os.path.relpath(real, root)
    except ValueError:   # another drive (Windows)
        relative = real
    return relative.replace(os.sep, "/")


class _Occurrence(Record):
    key: tuple[str, ...]     # path, rule, text, message
    context: str


def _occurrences(result: FileResult, root: str) -> list[_Occurrence]:
    path = baseline_path(result.path, root)
    return [_Occurrence((path, f.rule, f.anchor or "", str(f.message)),
                        _context(result.document, f))
            for f in result.findings]


def _context(document: Document | None, f: Finding) -> str:
    """The finding's text with a few characters either side, within its line."""
    if document is None or f.line > len(document.line_starts):
        return ""
    line_start = document.line_starts[f.line - 1]
    line_end = line_start + len(document.lines[f.line - 1])
    start = line_start + f.column - 1
    end = line_start + f.end_column - 1 if f.end_line == f.line else line_end
    return document.text[max(line_start, start - CONTEXT):min(line_end, end + CONTEXT)]


def write_baseline(path: str, results: Iterable[FileResult], root: str) -> int:
    return write_entries(path, [baseline_entries(result, root) for result in results])


def baseline_entries(result: FileResult, root: str) -> tuple[str, list[dict]]:
    """What the baseline records of one file (its path, then an entry a finding), taken while
    its document is at hand: a run keeps these, not the documents."""
    path = baseline_path(result.path, root)
    entries = []
    for occurrence in _occurrences(result, root):
        file, rule, text, message = occurrence.key
        entries.append({"path": file, "rule": rule, "text": text, "message": message,
                        "context": occurrence.context})
    return path, entries


def write_entries(path: str, files: list[tuple[str, list[dict]]]) -> int:
    """Write the baseline of `files` (as baseline_entries gives them), in the order of their
    paths; the number of findings it holds."""
    entries = [entry for _, listed in sorted(files, key=lambda f: f[0]) for entry in listed]
    write_text_atomic(path, json.dumps({"tool": "notice-lint", "version": BASELINE_VERSION,
                                        "notice_lint": __version__, "findings": entries},
                                       ensure_ascii=False, indent=1) + "\n")
    return len(entries)


@dataclass
class Baseline:
    """The accepted findings: how many of each content, and of each content in its context.
    A version 1 file has no messages and no contexts: matched on rule and text alone."""

    counts: Counter
    in_context: Counter
    with_message: bool = True

    def key(self, occurrence: _Occurrence) -> tuple[str, ...]:
        return occurrence.key if self.with_message else occurrence.key[:3]


def load_baseline(path: str, root: str) -> Baseline:
    try:
        try:
            raw = json.loads(read_regular(path, BASELINE_LIMIT, raisable=False).decode("utf-8"))
        except ReadError as exc:
            raise BaselineError(Message(f"{path}: {exc.message.zh}", f"{path}: {exc.message.en}")) \
                from None
        version = raw.get("version", 1)
        if version not in (1, BASELINE_VERSION):
            raise BaselineError(Message(
                f"{path}: 无法识别的基线版本 {version}，请用 --write-baseline 重新生成",
                f"{path}: unknown baseline version {version}; regenerate it with "
                f"--write-baseline"))
        baseline = Baseline(Counter(), Counter(), with_message=version != 1)
        for entry in raw["findings"]:
            file = baseline_path(entry["path"], root) if version == 1 else entry["path"]
            key = (file, entry["rule"], entry["text"])
            if version == 1:
                baseline.counts[key] += int(entry.get("count", 1))
                continue
            key = (*key, entry["message"])
            baseline.counts[key] += 1
            baseline.in_context[(*key, entry.get("context", ""))] += 1
        return baseline
    except FileNotFoundError:
        raise BaselineError(Message(f"{path}: 基线文件不存在", f"{path}: baseline file not found")) \
            from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise BaselineError(Message(f"{path}: 基线文件无效（{exc}），请用 --write-baseline 重新生成",
                               f"{path}: invalid baseline ({exc}); regenerate it with "
                               f"--write-baseline")) from None


def filter_baseline(results: list[FileResult], baseline: Baseline, root: str) -> None:
    """Drop the accepted findings: first those found again in the same context, then the others
    of the same content in order of appearance, as many as the baseline holds."""
    accept = BaselineFilter(baseline, root)
    for result in results:
        accept.file(result)


class BaselineFilter:
    """filter_baseline a file at a time, in the order of the run: what the baseline holds is
    used up as the files come."""

    def __init__(self, baseline: Baseline, root: str) -> None:
        self.baseline = baseline
        self.root = root
        self.counts = Counter(baseline.counts)
        self.in_context = Counter(baseline.in_context)

    def file(self, result: FileResult) -> None:
        baseline, counts, in_context = self.baseline, self.counts, self.in_context
        occurrences = _occurrences(result, self.root)
        accepted = [False] * len(occurrences)
        for i, occurrence in enumerate(occurrences):
            key = baseline.key(occurrence)
            where = (*key, occurrence.context)
            if in_context[where] > 0 and counts[key] > 0:
                in_context[where] -= 1
                counts[key] -= 1
                accepted[i] = True
        for i, occurrence in enumerate(occurrences):
            key = baseline.key(occurrence)
            if not accepted[i] and counts[key] > 0:
                counts[key] -= 1
                accepted[i] = True
        result.findings = [f for f, ok in zip(result.findings, accepted, strict=True) if not ok]
