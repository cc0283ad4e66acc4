"""The outline of a notice: its parts, each with its span in the original text."""

from __future__ import annotations

from .date_mentions import DateMention
from .elements import (
    ContactBlock,
    ContactField,
    CountPhrase,
    DocNumber,
    Heading,
    Paragraph,
    Period,
    Rate,
    Section,
    Signature,
    Supervision,
    Title,
)
from .model import Outline
from .vocabulary import Vocabulary, builtin_vocabulary

__all__ = ["ContactBlock", "ContactField", "CountPhrase", "DateMention", "DocNumber", "Heading",
           "Outline", "Paragraph", "Period", "Rate", "Section", "Signature", "Supervision",
           "Title", "Vocabulary", "builtin_vocabulary"]
