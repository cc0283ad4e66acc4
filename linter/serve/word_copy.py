"""Adapter: the Word copy with the findings as comments, made by `notice-lint annotate` itself.

The one place that calls annotate (whose logic another branch is changing): its `annotate`
function, the one `annotate.main` uses, on a copy of the upload in a temporary directory that is
removed before the response goes out."""

from __future__ import annotations

import os
import tempfile

from ..cli.annotate import AnnotateError, annotate
from ..engine import Linter
from ..finding import Message


class CopyError(Exception):
    def __init__(self, message: Message) -> None:
        super().__init__(message.en)
        self.message = message


def commented_copy(linter: Linter, data: bytes, lang: str) -> tuple[bytes, int]:
    """The annotated .docx and how many comments it holds; CopyError with the reason otherwise."""
    with tempfile.TemporaryDirectory(prefix="notice-lint-serve-") as folder:
        # fixed names inside our own folder: nothing the client sent names a file here
        draft, output = os.path.join(folder, "draft.docx"), os.path.join(folder, "reviewed.docx")
        with open(draft, "wb") as handle:
            handle.write(data)
        try:
            count, _, _ = annotate(linter, draft, output, lang)
        except AnnotateError as exc:
            raise CopyError(exc.message) from None
        with open(output, "rb") as handle:
            return handle.read(), count
