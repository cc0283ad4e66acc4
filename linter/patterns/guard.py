"""User patterns: refused at load when they can backtrack catastrophically or match nothing."""

from __future__ import annotations

import regex

from .tree import ANY, Alt, Atom, Empty, Group, Repeat, Seq, parse


def pattern_problem(pattern: str, group: str | None = None) -> str | None:
    """Why a user's (compiled) pattern is refused, or None: a shape that backtracks
    catastrophically, or a match of the empty text (which flags nothing, or makes --fix
    rewrite every character). `group`: the named group that is the match, when there is one.

    A backtracking engine goes exponential (or polynomial of a high degree) when a repeated part
    can match the same text in more than one way: (a+)+, (a|aa)+, (.*a){20}, (\\w+\\s?)*,
    (a?){25}. So the pattern is parsed into a small tree, and every group repeated more than
    once is checked for the three ways that happens: its content can match the empty text; its
    content is a choice whose branches can spell the same text; a variable repeat inside it can
    hand a character to what follows it (the next iteration included). The check errs on the
    side of refusing: a refused pattern is easy to rewrite, a hung CI gate is not. The time
    budget of user patterns (user.py) backs it up for whatever it misses."""
    risky = backtracking_risk(pattern)
    if risky:
        return backtracking_message(pattern, risky)
    if matches_empty(pattern, group):
        return empty_message(pattern)
    return None


def backtracking_message(pattern: str, part: str) -> str:
    return (f"“{pattern}”中重复的“{part}”可以用多种方式匹配同一段文字，会导致灾难性回溯，"
            f"请改写（如把“(甲+)+”写成“甲+”，把“(甲|甲甲)+”写成“甲+”） "
            f"(the repeated {part} in {pattern} can match the same text in several ways: "
            f"catastrophic backtracking)")


def empty_message(pattern: str) -> str:
    return (f"“{pattern}”可以匹配空文本，会在每个位置命中，请去掉空分支或可省略的整体 "
            f"(the pattern can match the empty text)")


def backtracking_risk(pattern: str) -> str | None:
    """The repeated part of `pattern` that can backtrack catastrophically, or None."""
    tree = parse(pattern)
    sets = _CharSets(pattern)
    for node in _repeats(tree):
        if _ambiguous_repeat(node, sets):
            return pattern[node.start:node.end]
    return None


def matches_empty(pattern: str, group: str | None = None) -> bool:
    """Whether `pattern` (or its named `group`, when it has one) can match the empty text."""
    tree = parse(pattern)
    if group is not None:
        found = _named(tree, group)
        if found is not None:
            return _nullable(found) or _optional_path(tree, found)
    if _nullable(tree):
        return True
    return regex.search(pattern, "") is not None


# -- what the nodes match ------------------------------------------------------------------------

class _CharSets:
    """The characters each atom matches, as a bitmask over a sample alphabet: ASCII, the common
    Chinese punctuation and spaces, a few Han characters, and every character of the pattern."""

    def __init__(self, pattern: str) -> None:
        sample = {chr(c) for c in range(32, 127)} | set("\t\n\u3000\xa0，。、；：？！“”‘’（）《》"
                                                        "〔〕【】—…·０１甲乙丙的一二三ａＡ")
        sample |= set(pattern)
        self.alphabet = sorted(sample)
        self.flags = regex.I if regex.match(r"\(\?[a-zA-Z]*i", pattern) else 0
        self._masks: dict[str, int] = {}

    def of(self, atom: Atom) -> int:
        mask = self._masks.get(atom.source)
        if mask is None:
            try:
                compiled = regex.compile(atom.source, self.flags)
            except regex.error:  # a piece that only means something in context: anything
                compiled = regex.compile(ANY)
            mask = 0
            for bit, char in enumerate(self.alphabet):
                if compiled.fullmatch(char):
                    mask |= 1 << bit
            self._masks[atom.source] = mask
        return mask


def _nullable(node) -> bool:
    if isinstance(node, Atom):
        return False
    if isinstance(node, Empty):
        return True
    if isinstance(node, Seq):
        return all(_nullable(i) for i in node.items)
    if isinstance(node, Alt):
        return any(_nullable(b) for b in node.branches)
    if isinstance(node, Group):
        return _nullable(node.item)
    return node.low == 0 or _nullable(node.item)


def _first(node, sets: _CharSets) -> int:
    """The characters a match of `node` can start with."""
    return _edge(node, sets, last=False)


def _last(node, sets: _CharSets) -> int:
    """The characters a match of `node` can end with."""
    return _edge(node, sets, last=True)


def _edge(node, sets: _CharSets, *, last: bool) -> int:
    """The characters at one end of a match of `node`: a sequence is read from that end on,
    past the items that can match nothing."""
    if isinstance(node, Atom):
        return sets.of(node)
    if isinstance(node, Empty):
        return 0
    if isinstance(node, Seq):
        mask = 0
        for item in reversed(node.items) if last else node.items:
            mask |= _edge(item, sets, last=last)
            if not _nullable(item):
                break
        return mask
    if isinstance(node, Alt):
        mask = 0
        for branch in node.branches:
            mask |= _edge(branch, sets, last=last)
        return mask
    return _edge(node.item, sets, last=last)


def _children(node) -> tuple:
    if isinstance(node, Seq):
        return node.items
    if isinstance(node, Alt):
        return node.branches
    if isinstance(node, Group | Repeat):
        return (node.item,)
    if isinstance(node, Empty) and node.inner is not None:
        return (node.inner,)
    return ()


def _repeats(node):
    """Every repeat in the tree, outermost first (lookaround contents included)."""
    if isinstance(node, Repeat):
        yield node
    for child in _children(node):
        yield from _repeats(child)


def _named(node, name: str):
    if isinstance(node, Group) and node.name == name:
        return node
    for child in _children(node):
        found = _named(child, name)
        if found is not None:
            return found
    return None


def _optional_path(node, target) -> bool:
    """Whether a match of `node` can leave `target` out (it sits under ?, * or one branch)."""
    if node is target:
        return False
    if isinstance(node, Repeat):
        return node.low == 0 or _optional_path(node.item, target)
    if isinstance(node, Alt):
        return True  # another branch leaves it out
    return any(_optional_path(c, target) for c in _children(node) if _contains(c, target))


def _contains(node, target) -> bool:
    return node is target or any(_contains(c, target) for c in _children(node))


# -- the three ambiguities -------------------------------------------------------------------------

def _ambiguous_repeat(node: Repeat, sets: _CharSets) -> bool:
    if node.possessive or (node.high is not None and node.high < 2):
        return False
    content = node.item
    first = _first(content, sets)
    if _nullable(content) and first:
        return True                               # (a?){25}, (a*)*, (a|)+
    for alt in _tail_choices(content):
        words = _words(alt)
        if words is not None and not _uniquely_decodable(words):
            return True                           # (a|b|ab)*: a·b or ab
    found: list[tuple[object, int]] = []
    _follow(content, first, sets, found)          # what comes after: the next iteration too
    for inner, after in found:
        if isinstance(inner, Alt):
            if _choice_ambiguous(inner, after, sets):
                return True                       # (a|aa)+, ((a|a)b)+
        elif (inner.high is None or inner.high > inner.low) and not inner.possessive \
                and _last(inner.item, sets) & after:
            return True                           # (a+)+, (.*a){20}, (\w+\s?)*
    return False


def _follow(node, after: int, sets: _CharSets, out: list) -> None:
    """Record, for every repeat and choice inside `node`, the characters that can come right
    after it."""
    if isinstance(node, Seq):
        for item in reversed(node.items):
            _follow(item, after, sets, out)
            after = _first(item, sets) | (after if _nullable(item) else 0)
    elif isinstance(node, Alt):
        out.append((node, after))
        for branch in node.branches:
            _follow(branch, after, sets, out)
    elif isinstance(node, Group):
        _follow(node.item, after, sets, out)
    elif isinstance(node, Repeat):
        out.append((node, after))
        again = node.high is None or node.high > 1
        _follow(node.item, after | (_first(node.item, sets) if again else 0), sets, out)


def _tail_choices(node):
    """The choices whose match can run straight into the next iteration's."""
    if isinstance(node, Group):
        yield from _tail_choices(node.item)
    elif isinstance(node, Alt):
        yield node
    elif isinstance(node, Seq):
        for item in reversed(node.items):
            yield from _tail_choices(item)
            if not _nullable(item):
                break


def _choice_ambiguous(alt: Alt, after: int, sets: _CharSets) -> bool:
    """Whether two branches of `alt` can both match where it stands. Literal branches exactly:
    the same word twice, or a word and a longer one whose next character may follow the choice
    (省|省委 before 书记 is fine); other branches when two can start with the same character or
    both match the empty text."""
    words = _words(alt)
    if words is not None:
        if len(set(words)) < len(words):
            return True
        return any(long != short and long.startswith(short)
                   and sets.of(Atom(regex.escape(long[len(short)]), 0, 0)) & after
                   for short in words for long in words)
    if sum(_nullable(b) for b in alt.branches) > 1:
        return True
    seen = 0
    for branch in alt.branches:
        mask = _first(branch, sets)
        if seen & mask:
            return True
        seen |= mask
    return False


def _words(alt: Alt) -> list[str] | None:
    words = [_literal(b) for b in alt.branches]
    return words if all(w is not None for w in words) else None


def _literal(node) -> str | None:
    """The one text `node` matches, when it is a plain string of characters."""
    if isinstance(node, Group):
        return _literal(node.item)
    if isinstance(node, Atom):
        text = node.source
        if len(text) == 1 and text != ".":  # a literal is escaped when it is a metacharacter
            return text
        if len(text) == 2 and text[0] == "\\" and not text[1].isalnum():
            return text[1]
        return None
    if isinstance(node, Seq):
        parts = [_literal(i) for i in node.items]
        return "".join(parts) if all(p is not None for p in parts) else None
    return None


def _uniquely_decodable(words: list[str]) -> bool:
    if len(set(words)) < len(words) or "" in words:
        return False
    code = set(words)
    dangling = {b[len(a):] for a in code for b in code if a != b and b.startswith(a)}
    seen: set[str] = set()
    while dangling:
        if dangling & code:
            return False
        seen |= dangling
        step = set()
        for d in dangling:
            for w in code:
                if w.startswith(d) and w != d:
                    step.add(w[len(d):])
                elif d.startswith(w) and d != w:
                    step.add(d[len(w):])
        if "" in step:
            return False
        dangling = step - seen
    return True
