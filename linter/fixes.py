"""Safe fixes (--fix, --diff): applied and checked against the text, repeated until stable."""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable
from dataclasses import dataclass

from .atomic import ReadOnlyFile, refuse_read_only, write_bytes_atomic
from .document import Document
from .engine import FileResult, Linter, RuleCrash
from .finding import Finding, Fix, Message
from .input.bounded import ReadError, TooLarge, read_regular
from .input.decoding import Decoded
from .outputs import one_line
from .patterns import shipped_pattern
from .reporters.base import Problem, problem_line

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
    decoded = Decoded(_decoded_text(document, data), document.decoded.encoding,
                      document.decoded.bom)
    return Document(document.path, decoded, kind=document.kind, data=data)


def unified_diff(document: Document, applied: Applied) -> str:
    before = document.raw_text.splitlines(keepends=True)
    after = applied.text.splitlines(keepends=True)
    path = one_line(document.path)   # a newline in the name would start a line of its own
    return "".join(difflib.unified_diff(before, after, f"a/{path}", f"b/{path}"))


def write_fixed(document: Document, applied: Applied) -> None:
    """Rewrite the file (see atomic.write_bytes_atomic: a symlink's target, the same owner, mode
    and links), refusing a read-only file and one changed on disk since it was read."""
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


# -- the fix step of a run -------------------------------------------------------------------------

def fix_step(linter: Linter, results: list[FileResult], *, fix: bool, diff: bool, lang: str) -> int:
    """Fix (or diff) each file; 1 when --diff shows a change, 2 when a file could not be written.
    A rule's fix that does not fit the text is that rule's failure: it joins the file's crashes,
    and nothing of that file is written."""
    step = FixStep(linter, fix=fix, diff=diff, lang=lang)
    for result in results:
        step.file(result)
    step.finish()
    return step.status


class FixStep:
    """The fix step a file at a time, as the results come (a run over an archive holds one
    document at a time); `status` as fix_step returns it, once `finish` is called."""

    def __init__(self, linter: Linter, *, fix: bool, diff: bool, lang: str,
                 stdin_name: str | None = None) -> None:
        self.linter = linter
        self.stdin_name = stdin_name   # --stdin-filename: the document named so came from stdin
        self.fix = fix
        self.diff = diff
        self.lang = lang
        self.plugins = {r.id: r.plugin for r in linter.rules}
        self.status = 0
        self.total = 0

    def file(self, result: FileResult) -> None:
        linter, fix, diff, lang = self.linter, self.fix, self.diff, self.lang
        document = result.document
        if document is None:
            return
        stdin = fix and (document.path == "-" or self.stdin_name is not None)
        if document.kind == "docx":
            print((f"{document.path}: --fix 不会修改 Word 文档；请用 notice-lint annotate "
                   f"{document.path} -o 审阅稿.docx 生成带批注的副本") if lang == "zh" else
                  (f"{document.path}: --fix never rewrites a Word document; use notice-lint "
                   f"annotate {document.path} -o reviewed.docx for a commented copy"),
                  file=sys.stderr)
            return
        try:
            applied = fix_until_stable(linter, document, result.findings)
        except FixError as exc:
            if exc.rule is not None:
                result.crashes.append(RuleCrash(exc.rule, self.plugins.get(exc.rule, "?"),
                                                exc.message.render(lang)))
            else:
                print(problem_line(Problem(document.path, exc.message.render(lang)), lang),
                      file=sys.stderr)
                self.status = 2
            applied = None
        if applied is None:
            if stdin:
                sys.stdout.buffer.write(document.data or b"")  # the text as it came
            return
        if diff:
            sys.stdout.write(unified_diff(document, applied))
            self.status = max(self.status, 1)
            return
        try:
            if stdin:
                sys.stdout.buffer.write(applied.data)
            else:
                write_fixed(document, applied)
        except FixError as exc:
            print(problem_line(Problem(document.path, exc.message.render(lang)), lang),
                  file=sys.stderr)
            self.status = 2
            return
        # report what is left, at its place in the fixed text
        result.document = reread(document, applied.data)
        remaining = linter.lint(result.document)
        result.findings, result.crashes = remaining.findings, remaining.crashes
        self.total += len(applied.fixed)

    def finish(self) -> None:
        if self.fix:
            sys.stdout.flush()
        if self.fix and self.total:
            print(f"已修复 {self.total} 处。" if self.lang == "zh" else
                  f"Fixed {self.total} problem(s).", file=sys.stderr)
