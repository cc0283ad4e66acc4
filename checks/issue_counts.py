"""Issue counts: the numbers of a count statement add up, and agree with the problems listed.

A notice sums up its progress: 巡察反馈的25个问题，已完成整改19个、正在整改6个，整改完成率76%. This
rule reads every such statement (Arabic or Chinese numerals, 个 or 项, 十二/两) and checks, for each
pool of counted things — the feedback problems, the separate pool of 立行立改 problems, the
rectification measures, the petitions:

- the completed part is not larger than the total (反馈问题11个，已完成整改12个);
- the parts add up to the total: completed + in progress + partly done + long-term + not done
  (反馈问题12个，整改完成8个，阶段性完成3个 is one short);
- a completion rate matches completed / total, at the precision written (41/46 is 89.13%, not
  91.30%);
- 全部完成 / 均已办结 only when every problem of the pool is done;
- the total of feedback problems equals the number of problems the notice lists, where it lists
  one problem per heading, and no listed problem is marked 正在整改 when all are said to be done.

方面, 问题 and 措施 are never added together: 6个方面18个问题 has 18 problems.

Only the notice's own statement of the total (巡察反馈的25个问题, 反馈问题11个, 4个方面10个问题 after
反馈) is compared with the problems listed; a bare "18个问题已完成整改15个" is checked for its
arithmetic only. Boilerplate that counts in ones (解决一个问题、堵塞一个漏洞、完善一项制度;
发现一个、解决一个; 一个问题、一名领导、一套措施) is no count at all. Headings that label a part of a
problem's write-up (整改措施：, 整改进展：) are not counted as problems, and a listing of topics (no
status, no problem named) is compared at info only.

The vocabulary is data: ``configs/counts.yaml``.

Bad:  巡察反馈的3个方面12个具体问题，整改完成8个，阶段性完成3个。
Good: 巡察反馈的3个方面12个具体问题，整改完成8个，阶段性完成4个。
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from notice_lint import Finding, Message, hookimpl
from notice_lint.data import builtin
from notice_lint.outline import Rate
from notice_lint.patterns import shipped_pattern

PART_NAMES = {"done": ("已完成", "completed"), "partial": ("阶段性完成", "partly done"),
              "in_progress": ("正在整改", "in progress"), "long_term": ("需长期坚持", "long-term"),
              "undone": ("未完成", "not done")}
_CLAUSE_STOPS = "，,；;。：:\n"
# the patterns read a clause's last words only: a longer clause is cut to this many characters
_CLAUSE_WINDOW = 200
_QUALIFIED = shipped_pattern(r"[的对把将有共]$")
# the last clause stop of a stretch: one with no other stop after it
_LAST_STOP = shipped_pattern(rf"[{_CLAUSE_STOPS}][^{_CLAUSE_STOPS}]*\Z")


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
    raw = builtin("counts.yaml")
    pools = {}
    for name, spec in raw["pools"].items():
        pools[name] = {"name": spec["name"], "name_en": spec["name_en"],
                       **{k: shipped_pattern(spec[k]) for k in ("noun", "before", "noun_before")
                          if k in spec}}
    status = dict(raw["item_status"])
    explicit = shipped_pattern(status.pop("explicit"))
    return Vocabulary(pools, shipped_pattern(raw["aspects"]),
                      {k: shipped_pattern(v) for k, v in raw["parts"].items()},
                      shipped_pattern(raw["rate_before"]), shipped_pattern(raw["claim_all"]), explicit,
                      {k: shipped_pattern(v) for k, v in status.items()},
                      shipped_pattern(raw["problem_heading"]), shipped_pattern(raw["remainder"]),
                      {k: shipped_pattern(v) for k, v in raw["after_remainder"].items()},
                      shipped_pattern("|".join(f"(?P<{k}>{v})" for k, v in status.items())),
                      shipped_pattern("|".join(f"(?:{spec['noun_before']})"
                                             for spec in raw["pools"].values())),
                      shipped_pattern(raw["label_heading"]), shipped_pattern(raw["problem_words"]),
                      shipped_pattern(raw["formula_one"]), int(raw["formula_min"]))


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


class IssueCounts:
    id = "issue-counts"
    description = "问题数量：已完成与正在整改之和等于反馈总数，完成率、“全部完成”与逐项列出的问题一致"
    description_en = ("issue counts: completed + in progress = total, completion rates, "
                      "\"all done\" claims and the problems listed agree")
    severity = "warning"

    def check(self, document, options):
        vocab = vocabulary()
        outline = document.outline
        pools = _pools(outline, vocab)
        if not pools:
            return
        items = _items(outline, vocab, pools) if any(p.kind == "feedback" for p in pools) else None
        for pool in pools:
            yield from self._check_pool(document, pool, items if pool.kind == "feedback" else None)

    def _check_pool(self, document, pool: Pool, items):
        view = document.view
        name, name_en = _pool_name(pool.kind)
        total = pool.total
        done = pool.value("done")
        others = {k: pool.value(k) for k in PART_NAMES if k != "done" and pool.value(k)}
        where = (pool.start, _last_end(pool))

        def finding(start, end, zh, en, severity=None):
            return Finding.at(view.locate(start, end), rule=self.id, message=Message(zh, en),
                              severity=severity or self.severity)

        if done is not None and done > total:
            yield finding(*where, f"已完成整改数（{done}个）大于{name}总数（{total}个）",
                          f"more {name_en} completed ({done}) than there are ({total})", "error")
            return
        if others:
            counted = (done or 0) + sum(others.values())
            if counted != total:
                listed = [(PART_NAMES["done"], done)] if done is not None else []
                listed += [(PART_NAMES[k], v) for k, v in others.items()]
                zh_parts = "与".join(f"{zh}{v}个" for (zh, _), v in listed)
                en_parts = " + ".join(f"{v} {en}" for (_, en), v in listed)
                yield finding(*where, f"{name}{total}个，但{zh_parts}之和为{counted}个",
                              f"{total} {name_en}, but {en_parts} make {counted}")
                return
        if pool.rate is not None and done is not None and total:
            rate = pool.rate
            expected = done / total * 100
            if not _rate_matches(rate.value, rate.decimals, expected):
                shown = f"{expected:.{max(rate.decimals, 2)}f}"
                yield finding(rate.start, rate.end,
                              f"整改完成率{rate.value:.{rate.decimals}f}%与{done}/{total}={shown}%不符",
                              f"completion rate {rate.value:.{rate.decimals}f}% does not match "
                              f"{done}/{total} = {shown}%")
                return
        for start, end in pool.claims:
            if (done is not None and done < total) or others:
                yield finding(start, end, f"称{name}已全部完成，但{name}{total}个中已完成{done or 0}个",
                              f"all {name_en} are said to be done, but only {done or 0} of "
                              f"{total} are")
                return
        if items is None or not pool.stated:
            return
        headings, statuses, topics = items
        if topics and len(headings) < total:
            return  # a list of topics (no status, no problem named) groups several problems each
        if len(headings) != total:
            yield finding(pool.start, pool.end,
                          f"称{name}{total}个，但正文逐项列出{len(headings)}个"
                          + ("（逐项列出的是整改事项，请核对）" if topics else ""),
                          f"{total} {name_en} are announced, but {len(headings)} are listed"
                          + (" (the items listed are topics: please check)" if topics else ""),
                          "info" if topics else None)
            return
        all_done = pool.claims or (done == total and not others)
        if all_done:
            for heading, status in zip(headings, statuses, strict=True):
                if status not in (None, "done"):
                    zh, en = PART_NAMES[status]
                    yield finding(*where,
                                  f"称{name}已全部完成整改，但第{heading.marker.strip()}项标注“{zh}”",
                                  f"all {name_en} are said to be done, but item "
                                  f"{heading.marker.strip()} is marked {en}")
                    return
        elif None not in statuses:
            for part in PART_NAMES:
                said = pool.value(part) or 0
                marked = statuses.count(part)
                if said != marked:
                    zh, en = PART_NAMES[part]
                    yield finding(*where, f"称{zh}{said}个，但逐项标注{zh}的有{marked}个",
                                  f"{said} said to be {en}, but {marked} items are marked so")
                    return


def _pools(outline, vocab: Vocabulary) -> list[Pool]:
    """Every pool of counted things, with the parts, rates and claims that refer to it.

    A pool opens at its total (巡察反馈的25个问题); the counts after it in the same sentence are its
    parts (已完成整改19个) by the words just before them; a total restated later (25个问题已完成…)
    reopens the same pool.
    """
    text = outline.text
    closing = outline.contact.start if outline.contact is not None else len(text)
    tokens = sorted([(c.start, c) for c in outline.counts if c.start < closing]
                    + [(r.start, r) for r in outline.rates if r.start < closing],
                    key=lambda t: t[0])
    pools: list[Pool] = []
    latest: dict[tuple[str, int], Pool] = {}  # (kind, total) → the last pool opened with them
    open_in: dict[int, list[Pool]] = {}   # sentence start → pools opened or reopened there
    previous_end = 0
    for start, token in tokens:
        sentence = outline.sentence_start(start)
        clause_start = _clause_start(text, max(sentence, start - _CLAUSE_WINDOW), start)
        clause = text[clause_start:start]
        near = text[max(clause_start, previous_end):start]
        previous_end = token.end
        current = open_in[sentence][-1] if open_in.get(sentence) else None
        if isinstance(token, Rate):
            if current is not None and current.rate is None and vocab.rate_before.search(near):
                current.rate = token
            continue
        if _in_formula(outline, token, vocab):
            continue  # 解决一个问题、堵塞一个漏洞: boilerplate, not a count
        if current is not None and vocab.remainder.search(near):
            # 剩余2个(问题)正在整改: the rest of the pool just stated, whatever noun it repeats
            after = text[token.end:token.end + 8]
            part = next((k for k, p in vocab.after_remainder.items() if p.search(after)),
                        "in_progress")
            current.parts.setdefault(part, []).append((token.value, token.start, token.end))
            continue
        kind = _pool_kind(token, clause, near, vocab)
        if kind is not None:
            paragraph = outline.line_index(start)
            pool = _restated(latest, kind, token, paragraph, clause, vocab)
            if pool is None:
                pool = Pool(kind, token.value, token.start, token.end, paragraph,
                            _states_total(kind, token, clause, vocab))
                pools.append(pool)
                latest[kind, pool.total] = pool
            open_in.setdefault(sentence, []).append(pool)
            continue
        if current is None or (token.noun and _is_aspect(token.noun)):
            continue
        for part, pattern in vocab.parts.items():
            if pattern.search(near):
                current.parts.setdefault(part, []).append((token.value, token.start, token.end))
                break
    _attach_claims(outline, pools, open_in, vocab)
    return pools


def _in_formula(outline, token, vocab: Vocabulary) -> bool:
    """A count of one written 一 inside a parallel formula of ones (解决一个问题、堵塞一个漏洞、
    完善一项制度; 发现一个、解决一个)."""
    text = outline.text
    if token.value != 1 or text[token.start] != "一":
        return False
    lo, hi = outline.sentence_around(token.start)
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
    last = _LAST_STOP.search(text, lo, offset)
    return last.start() + 1 if last else lo


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
def _is_aspect(noun: str) -> bool:
    return bool(vocabulary().aspects.search(noun))


@cache
def _noun_kind(noun: str) -> str | None:
    """The pool a count's noun names (the first whose noun pattern matches), None for 方面.
    Nouns come from a short list (问题, 措施 …): each is judged once per process."""
    if _is_aspect(noun):
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


def _items(outline, vocab: Vocabulary, pools: list[Pool]):
    """The problems listed one per heading, with their statuses and whether they are topics
    rather than problems; None when the notice does not list them that way. Headings that label
    a part of an item (整改措施：, 整改进展：) are not problems and are left out."""
    aspects = [c.value for c in outline.counts if _is_aspect(c.noun)]
    best = None
    for section in outline.sections:
        headings = [h for h in section.headings if not vocab.label_heading.match(h.title)]
        ends = [h.start for h in headings[1:]] + [section.end]
        leaves, bodies = [], []
        for i, h in enumerate(headings):
            if i + 1 == len(headings) or headings[i + 1].level <= h.level:
                leaves.append(h)
                bodies.append(outline.text[h.title_start:ends[i]].strip())
        if not leaves:
            continue
        statuses = [_status(body, vocab) for body in bodies]
        marked = sum(s is not None for s in statuses)
        named = sum(bool(vocab.problem_heading.match(h.title)) for h in leaves)
        leaf_ids = {id(h) for h in leaves}
        parents = {h.level for h in headings if id(h) not in leaf_ids}
        # "4个方面12个问题" above four group headings, each with its problems below it
        grouped = bool(aspects and parents) and any(
            sum(1 for h in headings if h.level == level) == aspects[0] for level in parents
        ) and all(h.level > min(parents) for h in leaves)
        if (marked >= 2 and marked >= 0.6 * len(leaves)) or named == len(leaves) or grouped:
            score = marked + named
            topics = not score and not any(vocab.problem_words.search(h.title) for h in leaves)
            if best is None or score > best[0]:
                best = (score, leaves, statuses, topics)
    if best is None:
        return None
    return best[1], best[2], best[3]


def _status(body: str, vocab: Vocabulary) -> str | None:
    explicit = vocab.explicit_status.search(body)
    if explicit:
        word = explicit["status"]
        for status, pattern in vocab.item_status.items():
            if pattern.search(word + "。"):
                return status
        return "done" if "完成" in word and "阶段" not in word and "未" not in word else None
    # the last status written wins. No status holds a 。 but at its end, so no match straddles a
    # sentence boundary: the last sentence alone has the last match, when it has one
    last_sentence = body.rfind("。", 0, len(body) - 1) + 1
    for start in (last_sentence, 0) if last_sentence else (0,):
        found = None
        for found in vocab.any_status.finditer(body, start):  # noqa: B007 - the last one
            pass
        if found is not None:
            return found.lastgroup
    return None


def _pool_name(kind: str) -> tuple[str, str]:
    spec = vocabulary().pools[kind]
    return spec["name"], spec["name_en"]


def _rate_matches(rate: float, decimals: int, expected: float) -> bool:
    step = 10 ** -decimals
    rounded = round(expected, decimals)
    truncated = int(expected / step + 1e-9) * step
    return abs(rate - rounded) <= step / 2 + 1e-9 or abs(rate - truncated) < 1e-9


def _last_end(pool: Pool) -> int:
    ends = [pool.end] + [e for parts in pool.parts.values() for _, _, e in parts]
    if pool.rate is not None:
        ends.append(pool.rate.end)
    return max(ends)


@hookimpl
def notice_lint_rules():
    return [IssueCounts()]
