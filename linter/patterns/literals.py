"""The literals every match of a pattern contains, read from its parse tree, to gate its scans."""

# A scan over a whole text that hunts for what almost no notice has costs a pass of the regular
# expression engine per text; `word in text` costs a pass of the C string search, several times
# cheaper. `required` reads from the tree (tree.py) what every match must contain: sets of
# alternatives, "every match contains one of these". Anything the tree does not model (a class
# of many characters, a backreference, a case-insensitive flag) contributes nothing, so a gate
# is never stricter than the pattern: it only says where no match can be.

from __future__ import annotations

from collections.abc import Iterable

import regex

from .tree import Alt, Atom, Empty, Group, Repeat, openings, parse

# limits that keep the sets small: a gate of 50 alternatives costs more than it saves
_MAX_ALTERNATIVES = 16
_FEW_OPENINGS = 3
_MAX_CLASS = 8                  # [“"] expands to its members; [0-9] does not
_ESCAPED = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
# flags that make a literal match other text than itself
_CASELESS = regex.compile(r"\(\?[a-zA-Z]*[ifx][a-zA-Z]*[:)]|\\[QEL]")


class _Info:
    """What is known of the texts a part of a pattern matches: `exact`, the finite set of them
    (None when not small and finite), and `needs`, sets of which every match holds a member."""

    __slots__ = ("exact", "needs")

    def __init__(self, exact: frozenset[str] | None, needs: tuple[frozenset[str], ...]) -> None:
        self.exact = exact
        self.needs = needs


_ANY = _Info(None, ())
_NOTHING = _Info(frozenset({""}), ())


def required(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """Sets of literals such that every match of `pattern` contains a member of each set; empty
    when nothing can be said (a gate that always passes). `flags`: those of `re`/`regex`."""
    if flags & (regex.IGNORECASE | regex.FULLCASE | regex.VERBOSE) or _CASELESS.search(pattern):
        return ()
    try:
        tree = parse(pattern)
    except (IndexError, ValueError):
        return ()
    info = _read(tree)
    sets = list(info.needs)
    if info.exact is not None and "" not in info.exact:
        sets.append(info.exact)
    return _best(sets)


def gate(pattern: str, flags: int = 0) -> tuple[frozenset[str], ...]:
    """The sets worth checking before a search of `pattern` (see `required`): none when every
    match opens with one same literal character, as the engine then skips to it at C speed,
    faster than any `in` test (measured: a microsecond a notice against tens). Each `in` test
    costs about what the engine's scan for a class costs: a gate pays where the pattern opens
    with many characters (a class, branches) and tries a lot at each."""
    try:
        starts = openings(parse(pattern))
    except (IndexError, ValueError):
        return ()
    first: set[str] = set()
    for atom in starts or ("",):
        chars = _characters(atom) if atom else None
        if chars is None:   # empty, or an atom of many or unknown characters
            return required(pattern, flags)
        first |= chars
    if len(first) == 1:
        return ()
    needs = required(pattern, flags)
    if len(first) <= _FEW_OPENINGS:
        # a class of two or three characters ([（(]) is scanned about as fast as one `in` test:
        # only a single literal is worth testing first
        return tuple(words for words in needs if len(words) == 1)[:1]
    return needs


def may_match(needs: Iterable[frozenset[str]], text: str) -> bool:
    """Whether `text` holds a member of every set (so a match is possible)."""
    for words in needs:
        for word in words:
            if word in text:
                break
        else:
            return False
    return True


def _best(sets: list[frozenset[str]]) -> tuple[frozenset[str], ...]:
    """The useful sets, most selective first: no empty literal, few alternatives; a set whose
    every member contains a member of a kept set adds little and is dropped."""
    # a member that contains another member adds nothing: 反应 covers 反应了
    useful = [frozenset(w for w in s if not any(o != w and o in w for o in s))
              for s in sets if s and "" not in s and len(s) <= _MAX_ALTERNATIVES]
    useful.sort(key=lambda s: (-min(map(len, s)), len(s), sorted(s)))
    kept: list[frozenset[str]] = []
    for words in useful:
        if words in kept:
            continue
        if any(all(any(k in w for k in kept_set) for w in words) for kept_set in kept):
            continue  # implied by a kept set: every member contains one of its words
        kept.append(words)
    return tuple(kept[:3])


def _read(node) -> _Info:
    if isinstance(node, Atom):
        chars = _characters(node.source)
        return _Info(frozenset(chars), ()) if chars else _ANY
    if isinstance(node, Empty):
        return _NOTHING
    if isinstance(node, Group):
        return _read(node.item)
    if isinstance(node, Repeat):
        return _repeat(node)
    if isinstance(node, Alt):
        return _alternation([_read(branch) for branch in node.branches])
    return _sequence([_read(item) for item in node.items])


def _repeat(node: Repeat) -> _Info:
    inner = _read(node.item)
    if node.low == 0:
        if node.high == 0:
            return _NOTHING
        optional = inner.exact | {""} if inner.exact is not None and node.high == 1 else None
        return _Info(optional, ())
    needs = inner.needs + ((inner.exact,) if inner.exact is not None else ())
    if inner.exact is not None and node.high == node.low and node.low <= 4:
        exact: frozenset[str] | None = frozenset({""})
        for _ in range(node.low):
            exact = _product(exact, inner.exact)
        return _Info(exact, needs)
    return _Info(None, needs)


def _alternation(branches: list[_Info]) -> _Info:
    exact = None
    if all(b.exact is not None for b in branches):
        exact = frozenset().union(*(b.exact for b in branches))
        if len(exact) > _MAX_ALTERNATIVES:
            exact = None
    # every match holds a member of the union of one set taken from each branch
    choices = []
    for b in branches:
        options = list(b.needs) + ([b.exact] if b.exact is not None else [])
        options = [s for s in options if "" not in s]
        if not options:
            return _Info(exact, ())
        choices.append(min(options, key=lambda s: (-min(map(len, s)), len(s))))
    union = frozenset().union(*choices)
    return _Info(exact, (union,) if len(union) <= _MAX_ALTERNATIVES else ())


def _sequence(items: list[_Info]) -> _Info:
    needs: list[frozenset[str]] = []
    run: frozenset[str] | None = frozenset({""})
    for item in items:
        needs.extend(item.needs)
        longer = _product(run, item.exact) if run is not None and item.exact is not None else None
        if longer is not None:
            run = longer
            continue
        if run is not None and "" not in run:
            needs.append(run)
        run = item.exact  # None: a part of unknown text ends the run
    exact = run if all(item.exact is not None for item in items) else None
    if run is not None and "" not in run and exact is None:
        needs.append(run)
    return _Info(exact, tuple(needs))


def _product(left: frozenset[str], right: frozenset[str]) -> frozenset[str] | None:
    if len(left) * len(right) > _MAX_ALTERNATIVES:
        return None
    return frozenset(a + b for a in left for b in right)


def _characters(source: str) -> set[str] | None:
    """The characters an atom (as pattern text) matches, when they are few and known."""
    if len(source) == 1:
        return None if source in ".^$" else {source}
    if source[0] == "\\":
        return _escape(source)
    if source.startswith("[") and source.endswith("]") and not source.startswith("[^"):
        return _members(source[1:-1])
    return None


def _escape(source: str) -> set[str] | None:
    if len(source) == 2:
        c = source[1]
        if not c.isalnum():
            return {c}
        return {_ESCAPED[c]} if c in _ESCAPED else None
    kind, digits = source[1], source[2:].strip("{}")
    if kind in "uUx" and digits and all(c in "0123456789abcdefABCDEF" for c in digits):
        return {chr(int(digits, 16))}
    return None


def _members(body: str) -> set[str] | None:
    """The members of a class body written as single characters ([“"] or [视察查]); None for
    ranges, escapes that stand for many characters, nested sets, or too many members."""
    members: set[str] = set()
    i = 0
    while i < len(body):
        c = body[i]
        if c == "\\":
            one = _escape(body[i:i + 2])
            if one is None:
                return None
            members |= one
            i += 2
            continue
        if c in "[]-&~|" or (c == ":" and body.startswith("[:", i - 1)):
            return None
        members.add(c)
        i += 1
    return members if 0 < len(members) <= _MAX_CLASS else None
