"""Repeated edits as findings: one per line, or one for the whole text when the damage is systemic."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from .record import Record

Edit = tuple[int, int, str]


class Group(Record):
    edits: tuple[Edit, ...]     # in text order
    whole_document: bool        # one group for the whole text (systemic damage)

    @property
    def start(self) -> int:
        return self.edits[0][0]

    @property
    def end(self) -> int:
        return self.edits[-1][1]


def group_edits(text: str, edits: Sequence[Edit], paragraphs: int, *, max_lines: int = 3,
                share: float = 0.2) -> list[Group]:
    """One group per line, or a single group when the edits touch more than `max_lines` lines
    and more than `share` of the paragraphs (a whole document converted, not a stray line)."""
    if not edits:
        return []
    edits = sorted(edits)
    by_line: dict[int, list[Edit]] = {}
    line, position = 0, 0
    for edit in edits:  # in text order: count the line breaks once, as we go
        line += text.count("\n", position, edit[0])
        position = edit[0]
        by_line.setdefault(line, []).append(edit)
    if len(by_line) > max_lines and len(by_line) > share * max(paragraphs, 1):
        return [Group(tuple(edits), True)]
    return [Group(tuple(group), False) for _, group in sorted(by_line.items())]


def replaced(text: str, group: Group, edits_of: Callable[[Group], Sequence[Edit]] | None = None
             ) -> str:
    """The text of the group's span with its edits applied (the fix's replacement)."""
    pieces = []
    last = group.start
    for start, end, replacement in edits_of(group) if edits_of else group.edits:
        pieces += [text[last:start], replacement]
        last = end
    pieces.append(text[last:group.end])
    return "".join(pieces)


def examples(text: str, group: Group, count: int = 3, context: int = 1) -> list[str]:
    """A few of the damaged spots as the user sees them, with a character of context."""
    seen: list[str] = []
    for start, end, _ in group.edits:
        sample = text[max(start - context, 0):end]
        if sample not in seen:
            seen.append(sample)
        if len(seen) == count:
            break
    return seen
