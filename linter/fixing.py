"""Safe fixes (--fix, --diff) and the baseline (--baseline, --write-baseline)."""

from __future__ import annotations

import difflib
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from . import __version__
from .atomic import write_bytes_atomic
from .document import Document
from .engine import FileResult, Linter
from .finding import Finding

BASELINE_VERSION = 1
_NEWLINE = re.compile(r"\r\n|\r|\n")


class FixError(Exception):
    """A fix that must not be written; the message names why."""


@dataclass(frozen=True, slots=True)
class Applied:
    data: bytes          # the fixed file, encoded as the original
    text: str            # the fixed text (decoded, original line endings)
    fixed: tuple[Finding, ...]


def apply_safe_fixes(document: Document, findings: Iterable[Finding]) -> Applied | None:
    """The document's bytes with every safe, non-overlapping fix applied; None if there is none.

    Only the fixed spans change: every other byte (encoding, BOM, line endings) is kept as read.
    """
    raw = document.raw_text
    raw_starts = _raw_line_starts(raw)
    edits: list[tuple[int, int, str, Finding]] = []
    for f in findings:
        if f.fix is None or not f.fix.safe or f.end_line > len(raw_starts):
            continue
        start = raw_starts[f.line - 1] + f.column - 1
        end = raw_starts[f.end_line - 1] + f.end_column - 1
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
            raise FixError("re-encoding would change bytes outside the fix")
        pieces += [unchanged, replacement.encode(encoding)]
        text_pieces += [raw[char:start], replacement]
        byte += len(unchanged) + len(raw[start:end].encode(encoding))
        char = end
    pieces.append(data[byte:])
    text_pieces.append(raw[char:])
    return Applied(b"".join(pieces), "".join(text_pieces), tuple(e[3] for e in kept))


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


def _raw_line_starts(raw: str) -> list[int]:
    return [0, *(m.end() for m in _NEWLINE.finditer(raw))]


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
    """Write atomically, refusing when the file changed on disk since it was read."""
    try:
        with open(document.path, "rb") as handle:
            current = handle.read()
    except OSError as exc:
        raise FixError(exc.strerror or str(exc)) from None
    if current != document.data:
        raise FixError("文件在检查后被修改，未写入修复 (file changed since it was read; not fixed)")
    write_bytes_atomic(document.path, applied.data)


# -- baseline ------------------------------------------------------------------------------------

def baseline_key(f: Finding) -> tuple[str, str, str]:
    return (f.path or "", f.rule, f.anchor or "")


def write_baseline(path: str, results: Iterable[FileResult]) -> int:
    counts: Counter = Counter()
    for result in results:
        for f in result.findings:
            counts[baseline_key(f)] += 1
    entries = [{"path": p, "rule": r, "text": t, "count": n}
               for (p, r, t), n in sorted(counts.items())]
    from .atomic import write_text_atomic
    write_text_atomic(path, json.dumps({"tool": "notice-lint", "version": BASELINE_VERSION,
                                        "notice_lint": __version__, "findings": entries},
                                       ensure_ascii=False, indent=1) + "\n")
    return sum(counts.values())


def load_baseline(path: str) -> Counter:
    try:
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)
        counts: Counter = Counter()
        for entry in raw["findings"]:
            counts[(entry["path"], entry["rule"], entry["text"])] += int(entry.get("count", 1))
        return counts
    except FileNotFoundError:
        raise FixError(f"{path}: 基线文件不存在 (baseline file not found)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise FixError(f"{path}: 基线文件无效 (invalid baseline): {exc}") from None


def filter_baseline(results: list[FileResult], baseline: Counter) -> None:
    remaining = Counter(baseline)
    for result in results:
        kept = []
        for f in result.findings:
            key = baseline_key(f)
            if remaining[key] > 0:
                remaining[key] -= 1
            else:
                kept.append(f)
        result.findings = kept


# -- the command-line flow -------------------------------------------------------------------------

def lint_with_extras(linter: Linter, args, lang: str, fmt: str, fail_on: str) -> int:
    from .reporters import reporter_class
    from .run import iter_results, problem_line, run

    if args.write_baseline and args.baseline:
        print(problem_line(_problem(None, "--baseline 与 --write-baseline 不能同时使用"
                                    if lang == "zh" else
                                    "--baseline and --write-baseline cannot be used together"),
                           lang), file=sys.stderr)
        return 2
    results = list(iter_results(linter, args.paths, 1))
    status = 0
    try:
        if args.baseline:
            filter_baseline(results, load_baseline(args.baseline))
        if args.write_baseline:
            count = write_baseline(args.write_baseline, results)
            print(f"已写入基线 {args.write_baseline}（{count} 个问题）" if lang == "zh" else
                  f"baseline written to {args.write_baseline} ({count} findings)", file=sys.stderr)
    except FixError as exc:
        print(problem_line(_problem(None, str(exc)), lang), file=sys.stderr)
        return 2
    if args.fix or args.diff:
        status = _fix_or_diff(linter, results, args, lang)
        if args.diff:
            return status
    from .outputs import report_output
    output = report_output(args.output, fmt)
    reporter = reporter_class(fmt)(output.stream, lang, statistics=args.statistics,
                                   quiet=args.quiet)
    summary = run(linter, args.paths, reporter, fail_on=fail_on, results=results)
    output.finish()
    for problem in summary.problems:
        print(problem_line(problem, lang), file=sys.stderr)
    return max(summary.exit_status, status)


def _fix_or_diff(linter: Linter, results: list[FileResult], args, lang: str) -> int:
    status = 0
    total = 0
    for result in results:
        document = result.document
        if document is None:
            continue
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
            print(f"notice-lint: {document.path}: {exc}", file=sys.stderr)
            status = 2
            continue
        if applied is None:
            continue
        if args.diff:
            sys.stdout.write(unified_diff(document, applied))
            status = max(status, 1)
            continue
        try:
            if document.path == "-":
                sys.stdout.buffer.write(applied.data)
            else:
                write_fixed(document, applied)
        except (FixError, OSError) as exc:
            print(f"notice-lint: {document.path}: {exc}", file=sys.stderr)
            status = 2
            continue
        # report what is left, at its place in the fixed text
        remaining = linter.lint(reread(document, applied.data))
        result.findings, result.crashes = remaining.findings, remaining.crashes
        total += len(applied.fixed)
    if args.fix and total:
        print(f"已修复 {total} 处。" if lang == "zh" else f"Fixed {total} problem(s).",
              file=sys.stderr)
    return status


def _problem(path, message):
    from .reporters.base import Problem
    return Problem(path, message)

