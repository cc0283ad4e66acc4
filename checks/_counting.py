"""Reading a notice's count statements into pools: totals, their parts, rates and claims (issue-counts)."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from operator import itemgetter
from typing import NamedTuple

import regex

from notice_lint import Rate, load_data
from notice_lint.patterns import AtEnd, Pattern, shipped_pattern

_CLAUSE_STOPS = "，,；;。：:\n"
# (?r): `regex` searches from the end of the range backwards, so the first match is the last stop
_CLAUSE_STOP_BACK = shipped_pattern(f"(?r)[{_CLAUSE_STOPS}]")
# the patterns read a clause's last words only: a longer clause is cut to this many characters
_CLAUSE_WINDOW = 200
_QUALIFIED = AtEnd(r"[的对把将有共]$")


class Vocabulary(NamedTuple):
    pools: dict[str, dict]
    aspects: regex.Pattern
    parts: dict[str, regex.Pattern]
    rate_before: regex.Pattern
    claim_all: regex.Pattern
    explicit_status: regex.Pattern
    item_status: dict[str, regex.Pattern]
    problem_heading: regex.Pattern
    remainder: regex.Pattern
    after_remainder: dict[str, regex.Pattern]
    any_status: regex.Pattern        # the item statuses as one pattern, a group per status
    pool_gate: regex.Pattern         # the words before a count that may open a pool
    label_heading: regex.Pattern     # 整改措施：… under a problem: not a problem of its own
    problem_words: regex.Pattern     # a heading that reads as a problem
    formula_one: regex.Pattern       # 一个/一项 of the boilerplate 解决一个、堵塞一个 …
    formula_min: int


@cache
def vocabulary() -> Vocabulary:
    raw = load_data("notice_lint.configs", "counts.yaml")
    pools = {}
    for name, spec in raw["pools"].items():
        pools[name] = {"name": spec["name"], "name_en": spec["name_en"],
                       **{k: AtEnd(spec[k]) for k in ("noun", "before", "noun_before")
                          if k in spec}}
    status = dict(raw["item_status"])
    explicit = shipped_pattern(status.pop("explicit"))
    return Vocabulary(pools, shipped_pattern(raw["aspects"]),
                      {k: AtEnd(v) for k, v in raw["parts"].items()},
                      shipped_pattern(raw["rate_before"]), shipped_pattern(raw["claim_all"]), explicit,
                      {k: shipped_pattern(v) for k, v in status.items()},
                      shipped_pattern(raw["problem_heading"]), shipped_pattern(raw["remainder"]),
                      {k: shipped_pattern(v) for k, v in raw["after_remainder"].items()},
                      _opened(raw["item_status_opening"],
                              (f"(?P<{k}>{v})" for k, v in status.items())),
                      AtEnd(_opened(raw["noun_before_opening"],
                                    (f"(?:{spec['noun_before']})" for spec in raw["pools"].values()))
                            .pattern),
                      shipped_pattern(raw["label_heading"]), shipped_pattern(raw["problem_words"]),
                      shipped_pattern(raw["formula_one"]), int(raw["formula_min"]))


def _opened(opening: str, branches: Iterable[str]) -> Pattern:
    """The branches as one pattern, behind a lookahead of the characters they can start with:
    the standard engine then skips the other characters at C speed."""
    return shipped_pattern(f"(?=[{opening}])(?:{'|'.join(branches)})")


class Pool:
    """A pool of counted things (the feedback problems, the 立行立改 ones, the measures …) and
    what the text says of it."""

    __slots__ = ("claims", "end", "kind", "paragraph", "parts", "rate", "start", "stated", "total")

    def __init__(self, kind: str, total: int, start: int, end: int, paragraph: int,
                 stated: bool = True) -> None:
        self.kind = kind
        self.total = total
        # the notice's own statement of the total (巡察反馈的25个问题, 反馈问题11个); a bare
        # "N个问题已完成…" with no such statement before it is not, and is never compared with
        # the problems listed
        self.stated = stated
        self.start = start          # the total's span in the view
        self.end = end
        self.paragraph = paragraph
        self.parts: dict[str, list] = {}   # part → [(value, start, end)]
        self.rate = None
        self.claims: list = []             # (start, end) of 全部完成 …

    def value(self, part: str) -> int | None:
        found = self.parts.get(part)
        return sum(v for v, _, _ in found) if found else None


def read_pools(outline, vocab: Vocabulary) -> list[Pool]:
    """Every pool of counted things, with the parts, rates and claims that refer to it.

    A pool opens at its total (巡察反馈的25个问题); the counts after it in the same sentence are its
    parts (已完成整改19个) by the words just before them; a total restated later (25个问题已完成…)
    reopens the same pool.
    """
    text = outline.text
    closing = outline.contact.view_start if outline.contact is not None else len(text)
    tokens = sorted([(c.view_start, c) for c in outline.counts if c.view_start < closing]
                    + [(r.view_start, r) for r in outline.rates if r.view_start < closing],
                    key=itemgetter(0))
    pools: list[Pool] = []
    latest: dict[tuple[str, int], Pool] = {}  # (kind, total) → the last pool opened with them
    open_in: dict[int, list[Pool]] = {}   # sentence start → pools opened or reopened there
    previous_end = 0
    for start, token in tokens:
        sentence = outline.sentence_start(start)
        clause_start = _clause_start(text, max(sentence, start - _CLAUSE_WINDOW), start)
        clause = text[clause_start:start]
        near = text[max(clause_start, previous_end):start]
        previous_end = token.view_end
        current = open_in[sentence][-1] if open_in.get(sentence) else None
        if isinstance(token, Rate):
            if current is not None and current.rate is None and vocab.rate_before.search(near):
                current.rate = token
            continue
        if token.value == 1 and _in_formula(outline, token, vocab):
            continue  # 解决一个问题、堵塞一个漏洞: boilerplate, not a count
        if current is not None and vocab.remainder.search(near):
            # 剩余2个(问题)正在整改: the rest of the pool just stated, whatever noun it repeats
            after = text[token.view_end:token.view_end + 8]
            part = next((k for k, p in vocab.after_remainder.items() if p.search(after)),
                        "in_progress")
            current.parts.setdefault(part, []).append((token.value, token.view_start, token.view_end))
            continue
        kind = _pool_kind(token, clause, near, vocab)
        if kind is not None:
            paragraph = outline.line_index(start)
            pool = _restated(latest, kind, token, paragraph, clause, vocab)
            if pool is None:
                pool = Pool(kind, token.value, token.view_start, token.view_end, paragraph,
                            _states_total(kind, token, clause, vocab))
                pools.append(pool)
                latest[kind, pool.total] = pool
            open_in.setdefault(sentence, []).append(pool)
            continue
        if current is None or (token.noun and is_aspect(token.noun)):
            continue
        for part, pattern in vocab.parts.items():
            if pattern.search(near):
                current.parts.setdefault(part, []).append((token.value, token.view_start, token.view_end))
                break
    _attach_claims(outline, pools, open_in, vocab)
    return pools


def _in_formula(outline, token, vocab: Vocabulary) -> bool:
    """A count of one written 一 inside a parallel formula of ones (解决一个问题、堵塞一个漏洞、
    完善一项制度; 发现一个、解决一个)."""
    text = outline.text
    if token.value != 1 or text[token.view_start] != "一":
        return False
    lo, hi = outline.sentence_around(token.view_start)
    return len(vocab.formula_one.findall(text, lo, hi)) >= vocab.formula_min


def _states_total(kind: str, token, clause: str, vocab: Vocabulary) -> bool:
    """Whether this count is the notice's statement of a pool's total (巡察反馈的25个问题,
    反馈问题11个, 4个方面10个问题 after 反馈), not a bare restatement (46个问题已完成…)."""
    spec = vocab.pools[kind]
    before = spec.get("before")
    return bool((before is not None and before.search(clause))
                or spec["noun_before"].search(clause) or not token.noun)


def _clause_start(text: str, lo: int, offset: int) -> int:
    """Where the clause holding `offset` starts: after the last clause stop in [lo, offset)."""
    # read backwards from the count to the first stop met: one short scan, where a search for
    # each stop read the whole window, and most counts stand a few characters after a stop
    stop = _CLAUSE_STOP_BACK.search(text, lo, offset)
    return stop.end() if stop is not None else lo


def _restated(latest: dict[tuple[str, int], Pool], kind: str, token, paragraph: int,
              clause: str, vocab: Vocabulary) -> Pool | None:
    """The earlier pool this total repeats (same kind and number, a paragraph or two before).

    Pools open in text order, so the last one of this kind and number is the nearest: a lookup,
    not a walk back over every pool (which made thousands of counts quadratic)."""
    if kind == "feedback" and vocab.pools["feedback"]["before"].search(clause):
        return None  # 反馈的N个问题 opens a pool of its own
    pool = latest.get((kind, token.value))
    return pool if pool is not None and pool.paragraph >= paragraph - 2 else None


def _pool_kind(token, clause: str, near: str, vocab: Vocabulary) -> str | None:
    noun = token.noun
    if noun:
        kind = _noun_kind(noun)
        if kind == "feedback" and not (vocab.pools[kind]["before"].search(clause)
                                       or _is_restatement(near)):
            return None
        return kind
    if not vocab.pool_gate.search(clause):
        return None  # nothing before it can name a pool
    for kind, spec in vocab.pools.items():
        if spec["noun_before"].search(near) or spec["noun_before"].search(clause):
            return kind
    return None


@cache
def is_aspect(noun: str) -> bool:
    return bool(vocabulary().aspects.search(noun))


@cache
def _noun_kind(noun: str) -> str | None:
    """The pool a count's noun names (the first whose noun pattern matches), None for 方面.
    Nouns come from a short list (问题, 措施 …): each is judged once per process."""
    if is_aspect(noun):
        return None
    return next((kind for kind, spec in vocabulary().pools.items() if spec["noun"].search(noun)),
                None)


def _is_restatement(near: str) -> bool:
    """'46个问题已完成整改41个': a bare total restated after a date, not a new pool; but not
    '对整改不彻底的2个问题' (a qualified subset)."""
    return not near.strip() or not _QUALIFIED.search(near)


def _attach_claims(outline, pools: list[Pool], open_in: dict[int, list[Pool]],
                   vocab: Vocabulary) -> None:
    """全部完成 / 均已办结: for the pools opened before it in its sentence, or, standing alone
    (所有问题均已全部办结), for every pool of its paragraph."""
    text = outline.text
    spans = outline.view.line_spans
    for paragraph in sorted({p.paragraph for p in pools}):
        lo, hi = spans[paragraph]
        for m in vocab.claim_all.finditer(text, lo, hi):
            sentence = outline.sentence_start(m.start())
            # the pools opened in the claim's own clause group (since the last ；), else the last one
            group = max(text.rfind("；", sentence, m.start()), text.rfind(";", sentence, m.start()))
            before = [p for p in open_in.get(sentence, ()) if group < p.start < m.start()] or [
                p for p in open_in.get(sentence, ()) if p.start < m.start()][-1:]
            if before:
                for pool in before:
                    pool.claims.append(m.span())
            elif not open_in.get(sentence):
                for pool in pools:
                    if pool.paragraph == paragraph:
                        pool.claims.append(m.span())
