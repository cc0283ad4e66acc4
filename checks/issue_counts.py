"""Issue counts: the numbers of a count statement add up, and agree with the problems listed.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/issue-counts.yaml (`notice-lint explain issue-counts` prints it).
"""

from __future__ import annotations

from notice_lint import Finding, Message, hookimpl
from notice_lint.checks._counting import Pool, Vocabulary, is_aspect, read_pools, vocabulary

PART_NAMES = {"done": ("已完成", "completed"), "partial": ("阶段性完成", "partly done"),
              "in_progress": ("正在整改", "in progress"), "long_term": ("需长期坚持", "long-term"),
              "undone": ("未完成", "not done")}
class IssueCounts:
    id = "issue-counts"
    description = "问题数量：已完成与正在整改之和等于反馈总数，完成率、“全部完成”与逐项列出的问题一致"
    description_en = ("issue counts: completed + in progress = total, completion rates, "
                      "\"all done\" claims and the problems listed agree")
    severity = "warning"
    severities = ("warning", "error", "info")  # error: more done than there are; info: a list of topics
    reads = ("contact", "counts", "rates", "sections")

    def check(self, document, options):
        vocab = vocabulary()
        outline = document.outline
        pools = read_pools(outline, vocab)
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
                yield finding(rate.view_start, rate.view_end,
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


def _items(outline, vocab: Vocabulary, pools: list[Pool]):
    """The problems listed one per heading, with their statuses and whether they are topics
    rather than problems; None when the notice does not list them that way. Headings that label
    a part of an item (整改措施：, 整改进展：) are not problems and are left out."""
    aspects = [c.value for c in outline.counts if is_aspect(c.noun)]
    best = None
    for section in outline.sections:
        headings = [h for h in section.headings if not vocab.label_heading.match(h.title)]
        ends = [h.view_start for h in headings[1:]] + [section.view_end]
        leaves, bodies = [], []
        for i, h in enumerate(headings):
            if i + 1 == len(headings) or headings[i + 1].level <= h.level:
                leaves.append(h)
                bodies.append((h.view_title_start, ends[i]))
        if not leaves:
            continue
        # each body cut out in turn, once: all of them at once held a large draft twice over
        statuses = [_status(_stripped(outline.text, start, end), vocab) for start, end in bodies]
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


def _stripped(text: str, start: int, end: int) -> str:
    """``text[start:end].strip()``, cutting the text once."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return text[start:end]


def _status(body: str, vocab: Vocabulary) -> str | None:
    explicit = vocab.explicit_status.search(body)
    if explicit:
        word = explicit["status"]
        for status, pattern in vocab.item_status.items():
            if pattern.search(word + "。"):
                return status
        return "done" if "完成" in word and "阶段" not in word and "未" not in word else None
    # the last status written wins: the last sentence is read first, then, when it has none,
    # the text before it (never the last sentence again). No status holds a 。 but at its end,
    # so no match straddles a sentence boundary and the text before a 。 read alone finds what
    # it finds in the whole body
    last_sentence = body.rfind("。", 0, len(body) - 1) + 1
    spans = ((last_sentence, len(body)), (0, last_sentence)) if last_sentence else ((0, len(body)),)
    for start, end in spans:
        found = None
        for found in vocab.any_status.finditer(body, start, end):  # noqa: B007 - the last one
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
        ends.append(pool.rate.view_end)
    return max(ends)


@hookimpl
def notice_lint_rules():
    return [IssueCounts()]
