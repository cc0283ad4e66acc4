"""Safe fixes (--fix, --diff) and the baseline (--baseline, --write-baseline)."""

from __future__ import annotations

import difflib
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from . import __version__
from .atomic import ReadOnlyFile, refuse_read_only, write_bytes_atomic, write_text_atomic
from .document import Document
from .engine import FileResult, Linter
from .finding import Finding, Fix, Message
from .patterns import shipped_pattern

BASELINE_VERSION = 2
BASELINE_LIMIT = 64 * 1024 * 1024   # bytes; a baseline of a large archive stays far below
_NEWLINE = shipped_pattern(r"\r\n|\r|\n")


class FixError(Exception):
    """Fixes that must not be written; `message` says why, `rule` names the rule whose fix it is
    (None when the file as a whole cannot be written)."""

    def __init__(self, message: Message, rule: str | None = None) -> None:
        super().__init__(message.en)
        self.message = message
        self.rule = rule


@dataclass(frozen=True, slots=True)
class Applied:
    data: bytes          # the fixed file, encoded as the original
    text: str            # the fixed text (decoded, original line endings)
    fixed: tuple[Finding, ...]


def apply_safe_fixes(document: Document, findings: Iterable[Finding]) -> Applied | None:
    """The document's bytes with every safe, non-overlapping fix applied; None if there is none.

    Only the fixed spans change: every other byte (encoding, BOM, line endings) is kept as read.
    Every safe fix is checked against the text first (see `_checked_span`): one that does not fit
    raises FixError naming its rule, and then nothing is written at all."""
    raw = document.raw_text
    lines = _raw_lines(raw)
    edits: list[tuple[int, int, str, Finding]] = []
    for f in findings:
        if f.fix is None:
            continue
        if not (isinstance(f.fix, Fix) and isinstance(f.fix.replacement, str)
                and isinstance(f.fix.original, str | None)):
            raise _refused(f, "不是 Fix(replacement: str, safe: bool)",
                           "is not a Fix(replacement: str, safe: bool)")
        if not f.fix.safe:
            continue
        start, end = _checked_span(f, raw, lines)
        replacement = _with_original_newlines(f.fix.replacement, raw[start:end])
        if replacement is None or raw[start:end] == replacement:
            continue
        edits.append((start, end, replacement, f))
    edits.sort(key=lambda e: (e[0], e[1]))
    kept: list[tuple[int, int, str, Finding]] = []
    for edit in edits:
        if kept and edit[0] < kept[-1][1]:
            continue  # overlapping fixes: the first wins; the next --fix run takes the other
        kept.append(edit)
    if not kept or document.data is None:
        return None
    encoding = document.decoded.encoding
    bom = document.decoded.bom
    data = document.data
    pieces = [bom]
    text_pieces = []
    char = 0
    byte = len(bom)
    for start, end, replacement, _ in kept:
        unchanged = raw[char:start].encode(encoding)
        if data[byte:byte + len(unchanged)] != unchanged:
            raise FixError(Message("重新编码会改动修复之外的字节，未写入修复",
                                   "re-encoding would change bytes outside the fixes; not fixed"))
        pieces += [unchanged, replacement.encode(encoding)]
        text_pieces += [raw[char:start], replacement]
        byte += len(unchanged) + len(raw[start:end].encode(encoding))
        char = end
    pieces.append(data[byte:])
    text_pieces.append(raw[char:])
    return Applied(b"".join(pieces), "".join(text_pieces), tuple(e[3] for e in kept))


def _checked_span(f: Finding, raw: str, lines: list[tuple[int, int]]) -> tuple[int, int]:
    """The finding's span as offsets in the raw text, or FixError naming the rule when the fix
    does not fit the text: a line that is not there, a column past the end of its line (which
    would reach into the next line), an end before the start, an empty span (no rule inserts
    text: an empty match of a pattern must not put its word everywhere), or a span holding other
    text than the rule read (`Fix.original`)."""
    start = _offset(lines, f.line, f.column)
    end = _offset(lines, f.end_line, f.end_column)
    if start is None or end is None:
        raise _refused(f, "超出所在行或文档", "lies outside its line or the document")
    if end < start:
        raise _refused(f, "结束位置在起始位置之前", "ends before it starts")
    original = f.fix.original if f.fix else None
    if end == start or original == "":
        raise _refused(f, "不替换任何文字（空匹配）", "replaces no text (an empty match)")
    actual = _NEWLINE.sub("\n", raw[start:end])
    if original is not None and actual != original:
        raise _refused(f, f"是为“{_shown(original)}”做的，该处却是“{_shown(actual)}”",
                       f"was made for “{_shown(original)}” but the text there is "
                       f"“{_shown(actual)}”")
    return start, end


def _offset(lines: list[tuple[int, int]], line: int, column: int) -> int | None:
    """The raw offset of a 1-based line and column; None off the line (a column may point just
    past the line's last character, never into its line break)."""
    if not 1 <= line <= len(lines) or column < 1:
        return None
    start, end = lines[line - 1]
    offset = start + column - 1
    return offset if offset <= end else None


def _refused(f: Finding, zh: str, en: str) -> FixError:
    return FixError(Message(f"第{f.line}行第{f.column}列的修复{zh}，未写入任何修复",
                            f"the fix at line {f.line}, column {f.column} {en}; nothing was "
                            f"fixed"), rule=f.rule)


def _shown(text: str, limit: int = 20) -> str:
    """Text quoted in a one-line message: short, control characters escaped."""
    short = text if len(text) <= limit else text[:limit] + "…"
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii")
                   for c in short)


def _with_original_newlines(replacement: str, original: str) -> str | None:
    """The replacement with each line break written as in the original span (\\r\\n stays
    \\r\\n); None when the fix would add or remove line breaks (never done by a safe fix)."""
    breaks = _NEWLINE.findall(original)
    if "\r" in replacement or replacement.count("\n") != len(breaks):
        return None
    if not breaks:
        return replacement
    parts = replacement.split("\n")
    return "".join(p + (breaks[i] if i < len(breaks) else "") for i, p in enumerate(parts))


def _raw_lines(raw: str) -> list[tuple[int, int]]:
    """(start, end) of each line of the raw text, its line break excluded."""
    lines = []
    start = 0
    for m in _NEWLINE.finditer(raw):
        lines.append((start, m.start()))
        start = m.end()
    lines.append((start, len(raw)))
    return lines


def _raw_line_starts(raw: str) -> list[int]:
    return [start for start, _ in _raw_lines(raw)]


MAX_ROUNDS = 10


def fix_until_stable(linter: Linter, document: Document, findings) -> Applied | None:
    """Apply the safe fixes, lint the result, and again, until no safe fix is left (fixes that
    overlap are applied in later rounds), so one --fix run leaves nothing for a second."""
    first = current = apply_safe_fixes(document, findings)
    fixed = list(current.fixed) if current else []
    rounds = 1
    while current is not None and rounds < MAX_ROUNDS:
        again = reread(document, current.data)
        nxt = apply_safe_fixes(again, linter.lint(again).findings)
        if nxt is None:
            break
        fixed += nxt.fixed
        current = nxt
        rounds += 1
    if first is None:
        return None
    return Applied(current.data, _decoded_text(document, current.data), tuple(fixed))


def _decoded_text(document: Document, data: bytes) -> str:
    return data[len(document.decoded.bom):].decode(document.decoded.encoding)


def reread(document: Document, data: bytes) -> Document:
    """The fixed bytes as a document, in the encoding the original was read in (never guessed
    again: the fix kept it)."""
    from .decoding import Decoded
    from .repair import repairs
    decoded = Decoded(_decoded_text(document, data), document.decoded.encoding,
                      document.decoded.bom)
    return Document(document.path, decoded, kind=document.kind, data=data, repairer=repairs)


def unified_diff(document: Document, applied: Applied) -> str:
    before = document.raw_text.splitlines(keepends=True)
    after = applied.text.splitlines(keepends=True)
    from .outputs import one_line
    path = one_line(document.path)   # a newline in the name would start a line of its own
    return "".join(difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"))


def write_fixed(document: Document, applied: Applied) -> None:
    """Rewrite the file (see atomic.write_bytes_atomic: a symlink's target, the same owner, mode
    and links), refusing a read-only file and one changed on disk since it was read."""
    from .inputs import ReadError, TooLarge, read_regular
    path = document.path
    try:
        refuse_read_only(path)
        # the same bounded reader as the lint: a FIFO swapped in since cannot hang the run
        current = read_regular(path, len(document.data or b"") + 1)
    except ReadOnlyFile:
        raise FixError(Message("文件只读，未写入修复", "read-only file, not fixed")) from None
    except TooLarge:
        current = None
    except ReadError as exc:
        raise FixError(Message(f"无法写入修复：{exc.message.zh}",
                               f"cannot write the fixes: {exc.message.en}")) from None
    except OSError as exc:
        raise FixError(_os_message(exc)) from None
    if current != document.data:
        raise FixError(Message("文件在检查后被修改，未写入修复",
                               "the file changed since it was read, not fixed"))
    try:
        write_bytes_atomic(path, applied.data)
    except ReadOnlyFile:
        raise FixError(Message("文件只读，未写入修复", "read-only file, not fixed")) from None
    except OSError as exc:
        raise FixError(_os_message(exc)) from None


def _os_message(exc: OSError) -> Message:
    reason = exc.strerror or str(exc)
    return Message(f"无法写入修复：{reason}", f"cannot write the fixes: {reason}")


# -- baseline ------------------------------------------------------------------------------------
#
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


class _Occurrence(NamedTuple):
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
    entries = []
    for result in sorted(results, key=lambda r: baseline_path(r.path, root)):
        for occurrence in _occurrences(result, root):
            file, rule, text, message = occurrence.key
            entries.append({"path": file, "rule": rule, "text": text, "message": message,
                            "context": occurrence.context})
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
    from .inputs import ReadError, read_regular
    try:
        try:
            raw = json.loads(read_regular(path, BASELINE_LIMIT, raisable=False).decode("utf-8"))
        except ReadError as exc:
            raise FixError(Message(f"{path}: {exc.message.zh}", f"{path}: {exc.message.en}")) \
                from None
        version = raw.get("version", 1)
        if version not in (1, BASELINE_VERSION):
            raise FixError(Message(
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
        raise FixError(Message(f"{path}: 基线文件不存在", f"{path}: baseline file not found")) \
            from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise FixError(Message(f"{path}: 基线文件无效（{exc}），请用 --write-baseline 重新生成",
                               f"{path}: invalid baseline ({exc}); regenerate it with "
                               f"--write-baseline")) from None


def filter_baseline(results: list[FileResult], baseline: Baseline, root: str) -> None:
    """Drop the accepted findings: first those found again in the same context, then the others
    of the same content in order of appearance, as many as the baseline holds."""
    counts = Counter(baseline.counts)
    in_context = Counter(baseline.in_context)
    for result in results:
        occurrences = _occurrences(result, root)
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


# -- the command-line flow -------------------------------------------------------------------------

def lint_with_extras(linter: Linter, args, lang: str, fmt: str, fail_on: str) -> int:
    """--fix, --diff, --baseline and --write-baseline.

    --fix rewrites the files and reports what is left; from stdin (`-`) the fixed text (or the
    text as it came, when nothing was fixed) is all that goes to stdout, and the report goes to
    stderr, or to --output. --diff prints the diffs only. --write-baseline writes the baseline
    and no report. Run problems (unreadable files, crashed rules, refused fixes) are one line each
    on stderr and make the exit status 2."""
    from .reporters import reporter_class
    from .run import iter_results, problem_line, run

    if args.write_baseline and args.baseline:
        print(problem_line(_problem(None, "--baseline 与 --write-baseline 不能同时使用"
                                    if lang == "zh" else
                                    "--baseline and --write-baseline cannot be used together"),
                           lang), file=sys.stderr)
        return 2
    root = project_root(linter)
    try:
        baseline = load_baseline(args.baseline, root) if args.baseline else None
    except FixError as exc:  # before anything is fixed
        print(problem_line(_problem(None, exc.message.render(lang)), lang), file=sys.stderr)
        return 2
    empty: list[str] = []
    skipped: list = []
    results = list(iter_results(linter, args.paths, 1, empty, skipped))
    status = 0
    if args.fix or args.diff:
        status = _fix_or_diff(linter, results, args, lang)
    if baseline is not None:
        filter_baseline(results, baseline, root)
    if args.write_baseline:
        try:
            count = write_baseline(args.write_baseline, results, root)
        except OSError as exc:
            print(problem_line(_cannot_write(args.write_baseline, exc, lang), lang),
                  file=sys.stderr)
            return 2
        print(f"已写入基线 {args.write_baseline}（{count} 个问题）" if lang == "zh" else
              f"baseline written to {args.write_baseline} ({count} findings)", file=sys.stderr)
    silent = args.diff or args.write_baseline
    to_stderr = args.fix and "-" in args.paths   # stdout carries the fixed text
    from .outputs import Output, report_output
    if silent:
        output = Output(io.StringIO(), lambda: None)
    elif to_stderr and not args.output:
        output = Output(sys.stderr, sys.stderr.flush)
    else:
        output = report_output(args.output, fmt)
    reporter = reporter_class(fmt)(output.stream, lang, statistics=args.statistics,
                                   quiet=args.quiet)
    summary = run(linter, args.paths, reporter, fail_on=fail_on, results=results,
                  walked=(empty, skipped))
    for problem in summary.problems:
        print(problem_line(problem, lang), file=sys.stderr)
    output.finish()
    if summary.problems:
        return 2
    if args.write_baseline or args.diff:
        return status   # a baseline written is no failing check; a diff shown is 1
    return max(summary.exit_status, status)


def _fix_or_diff(linter: Linter, results: list[FileResult], args, lang: str) -> int:
    """Fix (or diff) each file; 1 when --diff shows a change, 2 when a file could not be written.
    A rule's fix that does not fit the text is that rule's failure: it joins the file's crashes,
    and nothing of that file is written."""
    from .engine import RuleCrash
    from .run import problem_line

    plugins = {r.id: r.plugin for r in linter.rules}
    status = 0
    total = 0
    for result in results:
        document = result.document
        if document is None:
            continue
        stdin = document.path == "-" and args.fix
        if document.kind == "docx":
            print((f"{document.path}: --fix 不会修改 Word 文档；请用 notice-lint annotate "
                   f"{document.path} -o 审阅稿.docx 生成带批注的副本") if lang == "zh" else
                  (f"{document.path}: --fix never rewrites a Word document; use notice-lint "
                   f"annotate {document.path} -o reviewed.docx for a commented copy"),
                  file=sys.stderr)
            continue
        try:
            applied = fix_until_stable(linter, document, result.findings)
        except FixError as exc:
            if exc.rule is not None:
                result.crashes.append(RuleCrash(exc.rule, plugins.get(exc.rule, "?"),
                                                exc.message.render(lang)))
            else:
                print(problem_line(_problem(document.path, exc.message.render(lang)), lang),
                      file=sys.stderr)
                status = 2
            applied = None
        if applied is None:
            if stdin:
                sys.stdout.buffer.write(document.data or b"")  # the text as it came
            continue
        if args.diff:
            sys.stdout.write(unified_diff(document, applied))
            status = max(status, 1)
            continue
        try:
            if stdin:
                sys.stdout.buffer.write(applied.data)
            else:
                write_fixed(document, applied)
        except FixError as exc:
            print(problem_line(_problem(document.path, exc.message.render(lang)), lang),
                  file=sys.stderr)
            status = 2
            continue
        # report what is left, at its place in the fixed text
        result.document = reread(document, applied.data)
        remaining = linter.lint(result.document)
        result.findings, result.crashes = remaining.findings, remaining.crashes
        total += len(applied.fixed)
    if args.fix:
        sys.stdout.flush()
    if args.fix and total:
        print(f"已修复 {total} 处。" if lang == "zh" else f"Fixed {total} problem(s).",
              file=sys.stderr)
    return status


def _cannot_write(path: str, exc: OSError, lang: str):
    if isinstance(exc, ReadOnlyFile):
        return _problem(path, exc.message.render(lang))
    reason = exc.strerror or str(exc)
    return _problem(path, f"无法写入：{reason}" if lang == "zh" else f"cannot write: {reason}")


def _problem(path, message):
    from .reporters.base import Problem
    return Problem(path, message)
