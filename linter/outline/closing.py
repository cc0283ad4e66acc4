"""The closing block of a notice: supervision sentence, contact block, period, signature."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence

from ..patterns import shipped_pattern
from ..textview import TextView
from .date_mentions import DateMention, is_whole_date
from .elements import ContactBlock, ContactField, Heading, Paragraph, Period, Signature
from .headings import parse_heading
from .numerals import to_int
from .vocabulary import Vocabulary

_SENTENCE_PUNCT = frozenset("。：:；;，,")  # a set: only whether a line holds one is asked
# matched at the end of a period label (公开期限：30个工作日)
_DURATION_RE = shipped_pattern(r"[^。；;\n]{0,6}?(?P<n>[0-9０-９]+|[一二两三四五六七八九十]+)\s*个?"
                    r"(?P<unit>工作日|自然日|天|日)")
_INLINE_SIGNATURE = shipped_pattern(
    r"(?P<organ>\S.{1,38}?)[ \t\u3000]+(?P<date>(?:\d{4}|[〇○零一二三四五六七八九]{4})年.{1,6}月.{1,4}日)")
_VALUE_STOPS = {
    # a phone value ends at a clause stop, at words, or at a bracket that is not an area code
    "phone": shipped_pattern(r"[；;。]|[（(](?!0[0-9]{2,3}[）)])|[，,、](?![ \t]*[0-9０-９])"
                           r"|[ \t\u3000]{2,}|(?!转)\p{Han}"),
    "address": shipped_pattern(r"[；;。（(，,]|[ \t\u3000]{2,}"),
    "postcode": shipped_pattern(r"[^0-9０-９ ]|[ ]{2,}"),
    "email": shipped_pattern(r"[；;，,（(）)\s。]|\p{Han}"),
}


def closing_start(paragraphs: Sequence[Paragraph], signature: Signature,
                  vocab: Vocabulary) -> int:
    """Index of the first paragraph of the closing block (after the last part's body)."""
    index = len(paragraphs)
    if signature.date_paragraph is not None:
        index = signature.date_paragraph.index
    if signature.organ is not None:
        index = min(index, signature.organ.index)
    while index > 0:
        p = paragraphs[index - 1]
        if parse_heading(p, vocab) is not None:
            break
        if not _is_closing_text(p, vocab):
            break
        index -= 1
    return index


def _is_closing_text(p: Paragraph, vocab: Vocabulary) -> bool:
    return bool(vocab.contact_label.search(p.text) or vocab.period_label.search(p.text)
                or (vocab.supervision.search(p.text) and len(p.text) < vocab.supervision_paragraph))


def supervision(text: str, headings: Sequence[Heading], vocab: Vocabulary,
                sentence_around: Callable[[int], tuple[int, int]]) -> tuple[int, int] | None:
    """The view span of the supervision sentence ("欢迎广大干部群众…监督"), the last one written."""
    last = None
    tops = [h for h in headings if h.level == 1]
    start = tops[-1].view_start if tops else 0  # it closes the notice: after the last part's head
    for m in vocab.supervision.finditer(text, start):
        last = m
    if last is None and start:
        for m in vocab.supervision.finditer(text, 0, start):
            last = m
    if last is None:
        return None
    return sentence_around(last.start())


def contact(paragraphs: Sequence[Paragraph], heading_of: Callable[[Paragraph], Heading | None],
            vocab: Vocabulary, view: TextView) -> ContactBlock | None:
    """The contact fields written in `paragraphs` (those after the last part's heading)."""
    fields: list[ContactField] = []
    for p in paragraphs:
        if heading_of(p) is not None or not vocab.contact_hint.search(p.text):
            continue
        matches = list(vocab.contact_label.finditer(p.text))
        for i, m in enumerate(matches):
            kind = vocab.kind_of(m)
            stop = matches[i + 1].start() if i + 1 < len(matches) else len(p.text)
            if stop == m.end() and i + 1 < len(matches):
                continue  # 联系方式：电话010-…: a label that introduces the fields after it
            value_start = m.end()
            stop = min(stop, value_start + vocab.contact_value)  # never slice megabytes
            value = _cut_value(kind, p.text[value_start:stop])
            label = p.text[m.start():m.start("sep")]
            label_at, value_at = p.view_start + m.start(), p.view_start + value_start
            fields.append(ContactField(
                kind, label, value, view.to_original(label_at),
                view.to_original_end(value_at + len(value)), label_at, value_at,
                value_at + len(value)))
    return ContactBlock(tuple(fields)) if fields else None


def period(text: str, dates: Sequence[DateMention], vocab: Vocabulary,
           view: TextView) -> Period | None:
    """The disclosure period: the last label followed by a date or a duration (else the last)."""
    found = None
    starts = [d.view_start for d in dates]
    for m in vocab.period_label.finditer(text):
        end = _statement_end(text, m.end(), limit=vocab.period_statement)
        within = dates[bisect_left(starts, m.end()):bisect_left(starts, end)]
        first = within[0] if within else None
        last = None
        if len(within) > 1 and within[1].range_start is not None:
            last = within[1]
        duration = None
        d = _DURATION_RE.match(text, m.end(), end)
        if not within and d:
            duration = (to_int(d["n"]) or 0, d["unit"])
        candidate = Period(m["label"], first, last, duration, view.to_original(m.start()),
                           view.to_original_end(end), m.start(), m.end(), end)
        if found is None or within or duration:
            found = candidate
    return found


def signature(paragraphs: Sequence[Paragraph], dates: Sequence[DateMention],
              vocab: Vocabulary) -> Signature:
    """The signing organ and the notice's date, from its last lines; `dates` as written."""
    if not paragraphs:
        return Signature(None, None, None, None)
    last = paragraphs[-1]
    date = date_paragraph = organ = organ_name = None
    compact = last.text.replace(" ", "").replace("\u3000", "")
    if is_whole_date(compact):
        date_paragraph = last
        candidates = paragraphs[-2:-1]
    else:
        inline = _INLINE_SIGNATURE.fullmatch(last.text)
        if inline and vocab.signature_organ.search(inline["organ"]):
            date_paragraph = last
            organ, organ_name = last, inline["organ"]
            candidates = ()
        else:
            candidates = (last,)
    if date_paragraph is not None:
        found = [d for d in dates if date_paragraph.view_start <= d.view_start
                 and d.view_end <= date_paragraph.view_end and d.year_given]
        date = found[-1] if found else None
    for p in candidates:
        if (len(p.text) <= vocab.signature_line and not parse_heading(p, vocab)
                and _SENTENCE_PUNCT.isdisjoint(p.text) and vocab.signature_organ.search(p.text)
                and not vocab.contact_label.search(p.text)):
            organ, organ_name = p, p.text
    return Signature(organ, organ_name, date, date_paragraph)


def _cut_value(kind: str, text: str) -> str:
    m = _VALUE_STOPS[kind].search(text)
    value = text[:m.start()] if m else text
    return value.rstrip(" \t\u3000.。，,；;")


def _statement_end(text: str, offset: int, stops: str = "。；;\n", limit: int = 400) -> int:
    """The next stop after `offset`, looking no further than `limit` characters."""
    bound = min(len(text), offset + limit)
    ends = [i for i in (text.find(c, offset, bound) for c in stops) if i >= 0]
    return min(ends) if ends else bound
