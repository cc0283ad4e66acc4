"""The edits that turn a document's text into the view the rules read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .textview import Edit

if TYPE_CHECKING:
    from .document import Document


def view_edits(document: Document) -> list[Edit]:
    edits: list[Edit] = []
    if document.kind == "markdown":
        from .markdown import markup_edits
        edits += markup_edits(document.text)
    return edits
