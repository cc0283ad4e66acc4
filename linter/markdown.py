"""Markdown drafts: the markup the view hides, and the suppression comments it honours."""

from __future__ import annotations

import regex

from .patterns import shipped_pattern
from .suppressions import Directive, Suppression
from .textview import Edit

_FENCE = shipped_pattern(r"^[ \t]{0,3}(```|~~~)")
_LINE_MARKUP = shipped_pattern(
    r"^(?P<lead>[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+)+)"
    r"|^[ \t]*[0-9]{1,2}\.(?P<olspace>[ \t]+)"
)
_TRAILING_HASHES = shipped_pattern(r"[ \t]+#+[ \t]*$")
_INLINE = shipped_pattern(
    r"<!--.*?-->"                       # comments (suppressions are read separately)
    r"|\*\*|__|`"                       # strong emphasis and code markers
    r"|\[(?=[^\]\n]*\]\([^)\n]*\))"     # the [ of a link …
    r"|\]\([^)\n]*\)"                   # … and its ](url)
    r"|[ \t]+$",
    regex.S,
)
_DIRECTIVE = shipped_pattern(
    r"<!--\s*notice-lint-(?P<kind>disable-next-line|disable-line|disable|enable)"
    r"(?P<rules>(?:[ \t]+[a-z][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z][a-z0-9-]*)*)?)"
    r"(?:[ \t]+--(?P<reason>[^>]*?))?\s*-->")


# a line that starts a block of its own (a heading, a list item, a quote, a fence, a table …)
_BLOCK_START = shipped_pattern(r"^[ \t]{0,3}(?:#|>|[-*+][ \t]|[0-9]{1,2}\.|```|~~~|\||<!--|$)")
# block starts that hold prose a following line may continue (list items and quotes)
_CONTINUABLE = shipped_pattern(r"^[ \t]{0,3}(?:[-*+][ \t]|[0-9]{1,2}\.|>)")
_MULTILINE_COMMENT = shipped_pattern(r"<!--.*?-->", regex.S)


def markup_edits(text: str) -> list[Edit]:
    """The edits that hide Markdown markup from the view: heading marks, list markers, emphasis,
    link syntax, comments, code blocks; and the line breaks inside a wrapped paragraph."""
    edits: list[Edit] = []
    offset = 0
    in_fence = False
    continues_at: int | None = None   # end of the previous prose line, if the next may join it
    for line in text.split("\n"):
        end = offset + len(line)
        fence = bool(_FENCE.match(line))
        starts_block = bool(_BLOCK_START.match(line))
        if continues_at is not None and not in_fence and not starts_block:
            indent = len(line) - len(line.lstrip(" \t"))
            edits.append((continues_at, offset + indent, ""))  # one paragraph in the view
        continues_at = None
        if fence:
            edits.append((offset, end, ""))
            in_fence = not in_fence
        elif in_fence:
            if line:
                edits.append((offset, end, ""))
        else:
            edits += _line_markup(line, offset, end)
            prose = not starts_block or _CONTINUABLE.match(line)
            if prose and line.strip() and not line.lstrip().startswith(("#", "<!--")):
                continues_at = end - (len(line) - len(line.rstrip(" \t")))
        offset = end + 1
    edits += [(m.start(), m.end(), "") for m in _MULTILINE_COMMENT.finditer(text)
              if "\n" in m.group()]
    return edits


def _line_markup(line: str, offset: int, end: int) -> list[Edit]:
    edits: list[Edit] = []
    m = _LINE_MARKUP.match(line)
    if m and m["lead"]:
        edits.append((offset, offset + m.end("lead"), ""))
        hashes = _TRAILING_HASHES.search(line) if "#" in m["lead"] else None
        if hashes:
            edits.append((offset + hashes.start(), end, ""))
    elif m and m["olspace"]:
        edits.append((offset + m.start("olspace"), offset + m.end("olspace"), ""))
    edits += [(offset + i.start(), offset + i.end(), "") for i in _INLINE.finditer(line)]
    return edits


def suppression_comments(text: str) -> list[Suppression]:
    """The suppressions the HTML-comment directives of `text` make: `disable-next-line` and
    `disable-line` for one line, `disable` up to the `enable` that ends it (or the end); a
    directive without rule ids is for every rule. `enable RULE` ends RULE's `disable`, `enable`
    ends them all (a `disable` for every rule ends only there)."""
    lines = text.split("\n")
    found: list[Suppression] = []
    open_blocks: list[tuple[str | None, Directive, int]] = []   # (rule, directive, first line)

    def close(number: int, which) -> None:
        for block in [b for b in open_blocks if which(b[0])]:
            open_blocks.remove(block)
            found.append(Suppression(block[0], block[1], block[2], number - 1))

    for number, line in enumerate(lines, 1):
        for m in _DIRECTIVE.finditer(line):
            rules = tuple(dict.fromkeys(r.strip() for r in m["rules"].replace(",", " ").split()))
            kind = m["kind"]
            if kind == "enable":
                if rules:
                    close(number, lambda rule, rules=rules: rule is not None and rule in rules)
                else:
                    close(number, lambda rule: True)
                continue
            directive = _directive(m, lines, number, rules)
            for rule in rules or (None,):
                if kind == "disable":
                    open_blocks.append((rule, directive, number))
                else:
                    target = number + 1 if kind == "disable-next-line" else number
                    found.append(Suppression(rule, directive, target, target))
    close(len(lines) + 1, lambda rule: True)
    return found


def _directive(m, lines: list[str], number: int, rules: tuple[str, ...]) -> Directive:
    """The directive `m` on line `number`, with the spans a fix edits. A comment alone on its
    line leaves the line empty (a safe fix never removes a line break; a blank line keeps the
    blocks on either side apart, as the comment did)."""
    line = lines[number - 1]
    start, end = m.start() + 1, m.end() + 1
    removal = (number, start, number, end)
    if not line[:m.start()].strip() and not line[m.end():].strip():
        removal = (number, 1, number, len(line) + 1)
    reason = (m["reason"] or "").strip() or None
    rules_at = (number, m.start("rules") + 1, m.end("rules") + 1) if rules else None
    return Directive("markdown", number, start, end, m.group(), rules, reason, removal,
                     rules_at)
