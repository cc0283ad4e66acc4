"""Where suppressions come from: each source reads a document's own directives."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .document import Document
    from .suppressions import Suppression


def markdown_comments(document: Document) -> list[Suppression]:
    """`<!-- notice-lint-disable… -->` comments in a Markdown draft."""
    if document.kind != "markdown" or "notice-lint-" not in document.text:
        return []
    from .markdown import suppression_comments  # start-up: only a Markdown draft with them
    return suppression_comments(document.text)


def word_comments(document: Document) -> list[Suppression]:
    """Reviewers' `notice-lint: ignore RULE — reason` comments on the words of a Word draft."""
    word = getattr(document, "word", None)   # a WordDocument (input/word_document.py)
    if document.kind != "docx" or word is None or not word.comments:
        return []
    from .input.word_review import suppressions  # start-up: only a Word draft with comments
    return suppressions(document)


# each `(document) -> list[Suppression]`, cheap when the document has none; a new source is one
# function appended here
SOURCES: tuple[Callable[[Document], list[Suppression]], ...] = (markdown_comments, word_comments)


def collect(document: Document) -> list[Suppression]:
    return [suppression for source in SOURCES for suppression in source(document)]
