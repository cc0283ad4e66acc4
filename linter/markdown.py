"""Markdown drafts: the markup the view hides, and the suppression comments it honours."""

from __future__ import annotations

import regex

from .patterns import shipped_pattern
from .record import Record
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
    r"(?:[ \t]+--[^>]*?)?\s*-->")


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


class Suppressions(Record):
    """Rules switched off per line by HTML-comment directives; `None` in a set means every rule."""

    by_line: dict[int, frozenset[str] | None]

    def covers(self, line: int, rule: str) -> bool:
        if line not in self.by_line:
            return False
        rules = self.by_line[line]
        return rules is None or rule in rules


def suppressions(text: str) -> Suppressions:
    lines = text.split("\n")
    by_line: dict[int, frozenset[str] | None] = {}
    disabled: dict[str, bool] = {}
    all_disabled = False
    for number, line in enumerate(lines, 1):
        for m in _DIRECTIVE.finditer(line):
            rules = frozenset(r.strip() for r in m["rules"].replace(",", " ").split()) or None
            kind = m["kind"]
            if kind == "disable-next-line":
                _merge(by_line, number + 1, rules)
            elif kind == "disable-line":
                _merge(by_line, number, rules)
            elif kind == "disable":
                if rules is None:
                    all_disabled = True
                else:
                    disabled.update(dict.fromkeys(rules, True))
            elif rules is None:
                all_disabled = False
                disabled.clear()
            else:
                for rule in rules:
                    disabled.pop(rule, None)
        if all_disabled:
            by_line[number] = None
        elif disabled:
            _merge(by_line, number, frozenset(disabled))
    return Suppressions(by_line)


def _merge(by_line: dict, line: int, rules: frozenset[str] | None) -> None:
    if line in by_line and by_line[line] is None:
        return
    if rules is None:
        by_line[line] = None
    else:
        by_line[line] = (by_line.get(line) or frozenset()) | rules
