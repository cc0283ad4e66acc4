"""The work behind each request: lint, report, fix, annotate, one draft at a time."""

from __future__ import annotations

import io
import json
import threading
from dataclasses import dataclass
from typing import Any

from ..engine import FileResult, Linter
from ..finding import Message
from ..fixes import FixError, fix_until_stable
from ..input.files import ReadError, read_document
from ..reporters.json_format import JsonReporter
from ..run import run
from .draft_view import report_page
from .uploads import Draft, UploadError


@dataclass(frozen=True, slots=True)
class Checked:
    """What the page shows for one draft."""

    report: dict[str, Any]   # the command line's --format json
    view: str                # the HTML report of the draft
    profile: str             # the notice profile that was assumed, described
    fixable: int             # safe fixes offered


class Checker:
    """The configured linter, shared by the requests. Drafts are linted one at a time: a lint is
    CPU-bound (threads would not make it faster) and a rule's sandbox redirects the process's
    standard streams while it runs, which two threads must not do at once."""

    def __init__(self, linter: Linter, fail_on: str) -> None:
        self.linter = linter
        self.fail_on = fail_on
        self._lock = threading.Lock()

    def _read(self, draft: Draft) -> FileResult:
        """The draft linted, or a result with the reason it cannot be read (as a run has it)."""
        try:
            document = read_document(draft.name, draft.data, limit=self.linter.config.max_file_size)
        except ReadError as exc:
            return FileResult(draft.name, error=exc.message)
        return self.linter.lint(document)

    def _lint(self, draft: Draft) -> FileResult:
        result = self._read(draft)
        if result.error is not None:
            raise UploadError(_named(draft, result.error))
        return result

    def api_report(self, draft: Draft, lang: str) -> tuple[str, int]:
        """The command line's JSON for this draft, and its exit status; a draft that cannot be read
        is in `errors`, as the command line reports it."""
        with self._lock:
            return self._json(self._read(draft), lang)

    def error_report(self, name: str, message: Message, lang: str) -> tuple[str, int]:
        """The command line's JSON for an upload that is no draft at all."""
        with self._lock:
            return self._json(FileResult(name, error=message), lang)

    def check(self, draft: Draft, lang: str) -> Checked:
        with self._lock:
            result = self._lint(draft)
            document = result.document
            profile = document.profile.describe(lang)
            fixable = sum(1 for f in result.findings if f.fix is not None and f.fix.safe)
            if document.kind == "docx":
                fixable = 0  # --fix never rewrites a Word document: the commented copy is offered
            view = report_page(self.linter, result, lang, self.fail_on)
            report, _ = self._json(result, lang)
        return Checked(json.loads(report), view, profile, fixable)

    def fixed(self, draft: Draft, lang: str) -> tuple[bytes, int]:
        """The draft's bytes with the safe fixes applied as --fix applies them (same encoding,
        BOM and line endings), and how many; UploadError when there is none or they do not fit."""
        with self._lock:
            result = self._lint(draft)
            document = result.document
            if document.kind == "docx":
                raise UploadError(Message(
                    "Word 文档不做自动修复：请下载带批注的副本",
                    "a Word document is not fixed: download the commented copy instead"))
            try:
                applied = fix_until_stable(self.linter, document, result.findings)
            except FixError as exc:
                raise UploadError(_named(draft, exc.message)) from None
        if applied is None:
            raise UploadError(Message("没有可以自动修复的问题", "nothing to fix safely"), 409)
        return applied.data, len(applied.fixed)

    def commented(self, draft: Draft, lang: str) -> tuple[bytes, int]:
        from .word_copy import CopyError, commented_copy  # python-docx: only for a Word copy

        if not draft.is_docx:
            raise UploadError(Message("只有 .docx 文件可以生成带批注的副本",
                                      "only a .docx gets a commented copy"), 415)
        with self._lock:
            try:
                return commented_copy(self.linter, draft.data, lang)
            except CopyError as exc:
                raise UploadError(_named(draft, exc.message)) from None

    def _json(self, result: FileResult, lang: str) -> tuple[str, int]:
        buffer = io.StringIO()
        summary = run(self.linter, [result.path], JsonReporter(buffer, lang),
                      fail_on=self.fail_on, results=[result])
        return buffer.getvalue(), summary.exit_status


def _named(draft: Draft, message: Message) -> Message:
    return Message(f"{draft.name}：{message.zh}", f"{draft.name}: {message.en}")
