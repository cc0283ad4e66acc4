"""A regular expression of the `regex` syntax as a small tree, for the checks of user patterns."""

from __future__ import annotations

from dataclasses import dataclass

import regex


@dataclass(frozen=True, slots=True)
class Atom:
    """One character out of a set, kept as the pattern text that matches it."""
    source: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Empty:
    """Zero width: an anchor, a boundary, a lookaround (whose own content is `inner`)."""
    start: int
    end: int
    inner: object = None


@dataclass(frozen=True, slots=True)
class Seq:
    items: tuple
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Alt:
    branches: tuple
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Group:
    item: object
    name: str | None
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Repeat:
    item: object
    low: int
    high: int | None          # None: unbounded
    possessive: bool          # a++, (…)*+: never gives back what it took
    start: int
    end: int


ANY = r"(?s:.)"  # what the tree uses for a piece it does not model: any text
# compiled here, not as shipped patterns: the shipped patterns' gate (lazy.py) reads its
# literals through this parser
_QUANTIFIER = regex.compile(r"\{(\d*)(,?)(\d*)\}")
_FUZZY = regex.compile(r"\{[eids][^}]*\}")
_ESCAPE = regex.compile(r"(?s)\\(?:[pP](?:\{[^}]*\}|\w)|N\{[^}]*\}|x(?:\{[0-9a-fA-F]+\}|[0-9a-fA-F]{2})"
                      r"|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|0[0-7]{0,2}|[gk]<[^>]*>|[1-9]\d?|.)")


class Parser:
    """A recursive-descent reader of the `regex` syntax (the pattern already compiled, so it is
    well-formed); what it does not model it reads as any text, which only makes it stricter."""

    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0
        self.verbose = bool(regex.match(r"\(\?[a-zA-Z]*x", pattern))

    def parse(self):
        node = self.alternation()
        while self.i < len(self.p):  # a stray ')' the engine accepted: read on
            self.i += 1
            node = Seq((node, self.alternation()), 0, self.i)
        return node

    def alternation(self):
        start = self.i
        branches = [self.sequence()]
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            branches.append(self.sequence())
        return branches[0] if len(branches) == 1 else Alt(tuple(branches), start, self.i)

    def sequence(self):
        start = self.i
        items = []
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            if self.verbose and self._skip_verbose():
                continue
            item = self.atom()
            while self.i < len(self.p):
                quantified = self.quantifier(item)
                if quantified is None:
                    break
                item = quantified
            items.append(item)
        return items[0] if len(items) == 1 else Seq(tuple(items), start, self.i)

    def _skip_verbose(self) -> bool:
        c = self.p[self.i]
        if c.isspace():
            self.i += 1
            return True
        if c == "#":
            end = self.p.find("\n", self.i)
            self.i = len(self.p) if end < 0 else end + 1
            return True
        return False

    def quantifier(self, item):
        p, i = self.p, self.i
        c = p[i]
        if c in "*+?":
            low, high = {"*": (0, None), "+": (1, None), "?": (0, 1)}[c]
            self.i += 1
        elif c == "{":
            fuzzy = _FUZZY.match(p, i)
            if fuzzy:  # fuzzy matching: insertions and substitutions of any character
                self.i = fuzzy.end()
                return Repeat(Atom(ANY, item.start, self.i), 1, None, False, item.start, self.i)
            m = _QUANTIFIER.match(p, i)
            if not m or not (m.group(1) or m.group(3)):
                return None
            low = int(m.group(1) or 0)
            high = low if not m.group(2) else (int(m.group(3)) if m.group(3) else None)
            self.i = m.end()
        else:
            return None
        possessive = self.i < len(p) and p[self.i] == "+"
        if self.i < len(p) and p[self.i] in "?+":
            self.i += 1
        return Repeat(item, low, high, possessive, item.start, self.i)

    def atom(self):
        p, start = self.p, self.i
        c = p[start]
        if c == "(":
            return self.group()
        if c == "[":
            self.i = _class_end(p, start)
            return Atom(p[start:self.i], start, self.i)
        if c == "\\":
            m = _ESCAPE.match(p, start)
            self.i = m.end() if m else start + 2
            text = p[start:self.i]
            if text[1:2] in ("b", "B", "A", "Z", "z", "G", "m", "M", "K") and len(text) == 2:
                return Empty(start, self.i)
            if (text[1:2].isdigit() and text[1] != "0") or text[1:2] in ("g", "k"):
                return Repeat(Atom(ANY, start, self.i), 0, None, False, start, self.i)  # \1
            if text[1:2] == "X":  # a grapheme: one character or more
                return Repeat(Atom(ANY, start, self.i), 1, None, False, start, self.i)
            return Atom(text, start, self.i)
        self.i += 1
        if c in "^$":
            return Empty(start, self.i)
        if c == ".":
            return Atom(".", start, self.i)
        return Atom(regex.escape(c), start, self.i)

    def group(self):
        p, start = self.p, self.i
        self.i += 1
        rest = p[self.i:self.i + 4]
        name = None
        kind = "group"
        if rest.startswith("?#"):  # a comment
            self.i = p.find(")", self.i) + 1 or len(p)
            return Empty(start, self.i)
        if rest.startswith(("?=", "?!", "?<=", "?<!")):
            kind = "look"
            self.i += 3 if rest.startswith("?<") else 2
        elif m := _NAMED.match(p, self.i):
            name = m.group(1)
            self.i = m.end()
        elif m := _REFERENCE.match(p, self.i):  # (?P=name), (?R), (?1), (?&name): any text
            self.i = m.end()
            return Repeat(Atom(ANY, start, self.i), 0, None, False, start, self.i)
        elif rest.startswith("?("):  # a condition: (?(1)yes|no)
            kind = "condition"
            self.i = p.find(")", self.i) + 1 or len(p)
        elif rest.startswith(("?:", "?>", "?|")):
            self.i += 2
        elif m := _FLAGS.match(p, self.i):
            self.i = m.end()
            if m.group().endswith(")"):
                return Empty(start, self.i)  # (?i): flags for what follows
        inner = self.alternation()
        if self.i < len(p) and p[self.i] == ")":
            self.i += 1
        if kind == "look":
            return Empty(start, self.i, inner)
        if kind == "condition" and not isinstance(inner, Alt):
            inner = Alt((inner, Empty(start, start)), start, self.i)
        return Group(inner, name, start, self.i)


_NAMED = regex.compile(r"\?P?<(\w+)>")
_REFERENCE = regex.compile(r"\?(?:P=\w+|R|[-+]?\d+|&\w+|P>\w+)\)")
_FLAGS = regex.compile(r"\?[a-zA-Z0-9-]*[:)]")


def _class_end(p: str, start: int) -> int:
    """The index after the `]` closing the class at `start`."""
    j = start + 1
    if p.startswith("^", j):
        j += 1
    if p.startswith("]", j):
        j += 1
    while j < len(p) and p[j] != "]":
        if p[j] == "\\":
            j += 2
        elif p.startswith("[:", j):  # [[:alpha:]]
            end = p.find(":]", j + 2)
            j = end + 2 if end >= 0 else j + 1
        else:
            j += 1
    return min(j + 1, len(p))


def parse(pattern: str):
    """The tree of a pattern `regex` has compiled (so it is well-formed)."""
    return Parser(pattern).parse()


def openings(node) -> tuple[str, ...] | None:
    """The atoms (as pattern text) a match of the tree can start with; None when it can match
    the empty string. Lookarounds count as zero width: they only narrow the set."""
    atoms, nullable = _first(node)
    return None if nullable else tuple(atoms)


def _first(node) -> tuple[list[str], bool]:
    if isinstance(node, Atom):
        return [node.source], False
    if isinstance(node, Empty):
        return [], True
    if isinstance(node, Group):
        return _first(node.item)
    if isinstance(node, Repeat):
        atoms, nullable = _first(node.item)
        return atoms, nullable or node.low == 0
    if isinstance(node, Alt):
        found = [_first(branch) for branch in node.branches]
        return [a for atoms, _ in found for a in atoms], any(n for _, n in found)
    atoms = []
    for item in node.items:  # a Seq: up to the first item that cannot be empty
        first, nullable = _first(item)
        atoms += first
        if not nullable:
            return atoms, False
    return atoms, True
