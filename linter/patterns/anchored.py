"""A pattern whose every match ends at the end of the text, searched in the text's tail only."""

# The counting checks ask of the words before a number whether they end like a status
# (已完成整改…$, 完成率为$ …): a search tries the pattern at every position of a clause of up to 200
# characters, when only the last few can start a match. How far back a match can start is read
# from the parse tree (tree.py): every branch ends with `$` and the longest match is bounded.

from __future__ import annotations

from typing import Any

from .derived import remembered
from .lazy import shipped_pattern

# flags under which `$` or a character's width is not what the tree reads
_FLAGS = shipped_pattern(r"\(\?[a-zA-Z]*[imxf][a-zA-Z]*[:)]|\\[QELX]")


class AtEnd:
    """A shipped pattern, searched from as far back as a match can start when every match ends
    at the end of the text (or before a final newline); else searched whole. The same match as
    `search(text)` on the compiled pattern."""

    __slots__ = ("_compiled", "pattern", "reach")

    def __init__(self, source: str) -> None:
        self.pattern = source
        self._compiled = shipped_pattern(source)
        self.reach = remembered("reach", source, tail_reach)

    def search(self, text: str) -> Any:
        reach = self.reach
        if reach is None or len(text) <= reach:
            return self._compiled.search(text)
        return self._compiled.search(text, len(text) - reach)

    def __getattr__(self, name: str) -> Any:   # finditer, match …: the compiled pattern's own
        return getattr(self._compiled, name)


def tail_reach(source: str) -> int | None:
    """How many characters from the end a match of `source` can start (its longest match, and
    one for the final newline `$` may stand before); None unless every match ends at the end."""
    from . import tree as tree_module  # the parser, when a pattern is first read: not at start-up

    if _FLAGS.search(source):
        return None
    try:
        tree = tree_module.parse(source)
    except (IndexError, ValueError):
        return None
    if not _ends_at_end(tree, source):
        return None
    longest = _longest(tree)
    return None if longest is None else longest + 1


def _ends_at_end(node, source: str) -> bool:
    from .tree import Alt, Atom, Empty, Group, Repeat

    if isinstance(node, Empty):
        return node.inner is None and source[node.start:node.end] in ("$", r"\Z")
    if isinstance(node, Group):
        return _ends_at_end(node.item, source)
    if isinstance(node, Alt):
        return all(_ends_at_end(branch, source) for branch in node.branches)
    if isinstance(node, Repeat) or isinstance(node, Atom):
        return False
    return bool(node.items) and _ends_at_end(node.items[-1], source)


def _longest(node) -> int | None:
    from .tree import Alt, Atom, Empty, Group, Repeat

    if isinstance(node, Atom):
        return 1
    if isinstance(node, Empty):
        return 0
    if isinstance(node, Group):
        return _longest(node.item)
    if isinstance(node, Repeat):
        inner = _longest(node.item)
        return None if inner is None or node.high is None else inner * node.high
    parts = [_longest(item) for item in (node.branches if isinstance(node, Alt) else node.items)]
    if None in parts:
        return None
    return max(parts, default=0) if isinstance(node, Alt) else sum(parts)
