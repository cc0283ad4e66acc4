"""HTML entities a web editor left in the text (&ldquo; &nbsp; &#8220;)."""

from __future__ import annotations

import unicodedata

from ..patterns import shipped_pattern
from ..textview import Edit

# &ldquo; &#8220; &#x201C; (and &amp;ldquo;, escaped twice): an entity a web editor left in the text
_ENTITY = shipped_pattern(r"&(?:amp;)?(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# the spaces an entity may stand for: written as a plain space in the view
_ENTITY_SPACES = frozenset("\u00a0\u2002\u2003\u2009\u200a")


def html_entities(text: str) -> list[Edit]:
    """HTML character entities (&ldquo; &nbsp; &#8220; …) with the characters they stand for.

    Only named entities HTML knows and numeric ones for printable characters, always with the
    closing semicolon: R&D or a bare & is text."""
    if "&" not in text or ";" not in text:
        return []
    import html

    edits: list[Edit] = []
    for m in _ENTITY.finditer(text):
        raw = m.group()
        entity = "&" + raw[5:] if raw.startswith("&amp;") and len(raw) > 5 else raw
        char = html.unescape(entity)
        if not char or char == entity or "\ufffd" in char or any(
                unicodedata.category(c).startswith("C") for c in char):
            continue  # unknown name, or a code point that is no printable character
        edits.append((m.start(), m.end(), " " if char in _ENTITY_SPACES else char))
    return edits


