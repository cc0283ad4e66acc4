"""Where a notice's parts are: the part each top-level heading names, the preamble's region (required-sections)."""

from __future__ import annotations

import regex


def preamble_region(outline) -> list:
    """The preamble and the next paragraphs that may carry its details (three at most, headings
    passed over)."""
    p = outline.preamble
    if p is None:
        return []
    after = [q for q in outline.paragraphs[p.index + 1:p.index + 5]
             if outline.heading_of(q) is None or outline.heading_of(q).inline]
    return [p, *after[:3]]


def classify(tops, s) -> dict:
    """Each top-level heading to the part its words name (a problem's heading is progress);
    where several parts fit, the one its number says (一 organisation, 二 progress, 三 next
    steps). A first heading numbered 一 that no word places is the organisation part."""
    by_name = {p.part: p for p in s.parts}
    found: dict[str, object] = {}
    for h in tops:
        if timed_search(s.problem_heading, h.title) and not any(
                timed_search(x, h.title) for x in by_name["next-steps"].patterns[:1]):
            found.setdefault("progress", h)   # one heading per problem: all of them part 二
            continue
        fits = [p for p in s.parts if p.part not in found
                and any(timed_search(x, h.title) for x in p.patterns)]
        if not fits:
            if h is tops[0] and h.number == 1 and "organisation" not in found:
                found["organisation"] = h
            continue
        by_number = [p for p in fits if p.order == h.number]
        if by_number:
            found[by_number[0].part] = h
        elif h is tops[0] and h.number == 1 and "organisation" not in found and not any(
                p.part == "next-steps" for p in fits) and not timed_search(by_name["progress"].patterns[0],
                                                                       h.title):
            found["organisation"] = h   # the first part, whatever words it opens with
        else:
            found[fits[0].part] = h
    return found


def written_without_heading(part, tops, body, outline, s) -> bool:
    """Whether an unnumbered paragraph is the part: organisation before the first heading,
    progress and next steps anywhere in the body."""
    if part.part == "organisation":
        before = [p for p in body if p.view_end <= tops[0].view_start]
        return any(timed_search(part.paragraphs, p.text) for p in before)
    if part.part == "progress" and any(
            h.level > 1 and timed_search(s.problem_heading, h.title) for h in outline.headings):
        return True
    return any(timed_search(part.paragraphs, p.text) for p in body)


def timed_search(pattern, text: str):
    """A configured pattern (on `regex`) runs with a time limit; a shipped one needs none."""
    if isinstance(pattern, regex.Pattern):
        return pattern.search(text, timeout=1.0)
    return pattern.search(text)
