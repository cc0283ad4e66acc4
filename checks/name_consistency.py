"""Name consistency: the issuing organ named the same way throughout the notice.

What the rule checks, its options and examples, in Chinese and English, are its user
documentation, configs/docs/name-consistency.yaml (`notice-lint explain name-consistency` prints it).
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from notice_lint import Finding, Fix, Message, hookimpl, line_of, load_data
from notice_lint.checks._written import no_space
from notice_lint.edit_groups import group_edits
from notice_lint.patterns import shipped_pattern
from notice_lint.substitution import Substitutions, parse_entries

_HAN = shipped_pattern(r"\p{Han}+")


class Vocabulary(NamedTuple):
    bodies: dict[str, tuple[str, ...]]   # a body as named in full → the forms allowed in text
    body_pattern: regex.Pattern          # any party body, at the end of a name
    max_share: float                     # the most differences a near-miss may have, per char
    prefixes: tuple[str, ...]            # 中国共产党, 中共: longest first
    prefixed: regex.Pattern              # a full name written after a prefix, at the end of a text
    leftovers: Substitutions             # 党委（党组）, ××局: a template never filled in


@cache
def vocabulary() -> Vocabulary:
    raw = load_data("notice_lint.configs", "names.yaml")
    bodies = {k: tuple(v) for k, v in raw["bodies"].items()}
    # longest first; then by the words themselves, so the pattern's text is the same in every
    # run (a set's order is not): what is read from it is kept across runs by that text
    words = sorted({w for forms in bodies.values() for w in forms} | set(bodies),
                   key=lambda w: (-len(w), w))
    # 党组织 (any party organisation) and 党组书记 … are not names of a body
    prefixes = tuple(sorted(raw["party_prefixes"], key=len, reverse=True))
    return Vocabulary(bodies, shipped_pattern(f"(?:{'|'.join(map(regex.escape, words))})(?!织)"),
                      float(raw["max_share"]), prefixes,
                      shipped_pattern(f"(?:{'|'.join(map(regex.escape, prefixes))})"
                                      r"(?P<name>\p{Han}+)$"),
                      Substitutions(parse_entries(raw["template_leftovers"], "configs/names.yaml",
                                                  line_of(raw, "template_leftovers"), trusted=True)))


def strip_party(name: str, vocab: Vocabulary) -> str:
    """The name without its party prefix (中共青石县水利局党组 → 青石县水利局党组)."""
    name = no_space(name)
    for prefix in vocab.prefixes:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


class Organ(NamedTuple):
    full: str              # as named: 中共衡阳县林业局党组
    unit: str              # 衡阳县林业局
    body: str              # 党组
    bodies: tuple[str, ...]  # the body's allowed forms: 党组 / 党委, 委员会 …


def parse_organ(name: str, vocab: Vocabulary) -> Organ | None:
    name = no_space(name)
    bare = strip_party(name, vocab)
    for body in sorted(vocab.bodies, key=len, reverse=True):
        if bare.endswith(body) and len(bare) > len(body) + 1:
            return Organ(name, bare[:-len(body)], body, (body, *vocab.bodies[body]))
    return None


def distance(a: str, b: str) -> int:
    """Levenshtein distance (short strings: organ names)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


class NameConsistency:
    id = "name-consistency"
    description = "名称一致：发文机关名称前后一致，发文机关标志、落款与标题相符"
    description_en = ("name consistency: the issuing organ named one way throughout; issuer mark "
                      "and signature match the title")
    severity = "warning"
    reads = ("issuer_mark", "signature", "title")

    def check(self, document, options):
        vocab = vocabulary()
        outline = document.outline
        view = document.view
        text = view.text
        yield from self._leftovers(document, vocab)
        title = outline.title
        signature = outline.signature
        titled = title.organ if title and title.organ else None
        named = titled or signature.organ_name
        organ = parse_organ(named, vocab) if named else None
        if organ is None or any(vocab.leftovers.find(organ.full)):
            return  # no organ, or one still a template (中共××局党组): nothing to compare with
        protected = [(p.view_start, p.view_end) for p in (title.paragraphs if title else ())]
        protected += [(p.view_start, p.view_end) for p in (signature.organ, outline.issuer_mark) if p]
        if not titled:
            # only the signature names the organ: the full name the text gives (中共…党组) is the
            # other witness, and when it differs it is the signature that is reported
            written = _full_name_in_text(text, organ, vocab, protected)
            if written is not None:
                p = signature.organ
                signed = no_space(signature.organ_name)
                yield Finding.at(view.locate(p.view_start, p.view_end), rule=self.id,
                                 message=Message(f"落款“{signed}”与正文中的“{written}”不一致",
                                                 f"the signature {signed} differs from the "
                                                 f"name in the text, {written}"),
                                 severity=self.severity)
                organ = parse_organ(written, vocab) or organ
        yield from self._marks(document, organ, vocab)
        seen: dict[tuple[str, str], object] = {}   # a notice repeats its names: judge each once
        for m in vocab.body_pattern.finditer(text):
            if any(s <= m.start() < e for s, e in protected):
                continue
            key = (text[max(0, m.start() - len(organ.unit) - _FULL_REACH):m.start()], m.group())
            if key not in seen:
                seen[key] = self._near_miss(text, m, organ, vocab)
            near = seen[key]
            if near is None:
                continue
            _, written, expected = near
            start = m.start() - (len(written) - len(m.group()))
            yield Finding.at(view.locate(start, m.end()), rule=self.id,
                             message=Message(f"名称“{written}”与发文机关“{organ.full}”不一致，应为“{expected}”",
                                             f"“{written}” differs from the issuing organ "
                                             f"{organ.full}: write “{expected}”"),
                             severity=self.severity,
                             fix=Fix(expected, False))

    def _leftovers(self, document, vocab: Vocabulary):
        """党委（党组）, ××局: one finding each, or one with the count when on many lines."""
        view = document.view
        text = view.text
        found = sorted((start, end, entry.why or "", entry.why_en or "")
                       for start, end, entry in vocab.leftovers.find(text))
        if not found:
            return
        reasons = {(s, e): (why, why_en) for s, e, why, why_en in found}
        for group in group_edits(text, [(s, e, "") for s, e, _, _ in found],
                                 len(document.outline.paragraphs), share=0):
            if group.whole_document:
                sample = "、".join(dict.fromkeys(f"“{view.original(s, e)}”" for s, e, _ in group.edits))
                count = len(group.edits)
                yield Finding.at(view.locate(group.start, group.end), rule=self.id,
                                 message=Message(f"全文含{count}处模板残留（{sample}），应按本单位实际填写",
                                                 f"the document has {count} template leftovers "
                                                 f"({sample}): fill in this body's own names"),
                                 severity=self.severity)
                continue
            for s, e, _ in group.edits:
                why, why_en = reasons[(s, e)]
                written = view.original(s, e)   # as the user wrote it: 党组(党委), not 党组（党委）
                yield Finding.at(view.locate(s, e), rule=self.id,
                                 message=Message(f"模板残留“{written}”：{why}",
                                                 f"template leftover “{written}”: {why_en}"),
                                 severity=self.severity)

    def _near_miss(self, text: str, m: regex.Match, organ: Organ, vocab: Vocabulary):
        """(start, written, expected) when the name ending at this body is a near miss."""
        body = m.group()
        found = _full_name(text, m, organ, vocab)
        if found is not None:
            # 对中共青石县水利局党组: the name starts after 中共 and is compared whole
            full = found["name"]
            d = distance(full, organ.unit)
            if d == 0 and body in organ.bodies:
                return None
            if organ.unit.endswith(full) and len(full) >= 3 and body in organ.bodies:
                return None  # a short form, however introduced
            if is_abbreviation(full, organ.unit) and body in organ.bodies:
                return None  # 市场监管局 for 市场监督管理局
            if d > max(1, int(len(organ.unit) * vocab.max_share)) or \
                    len(set(organ.unit) & set(full)) < 3:
                return None  # another organisation
            return m.start() - len(full), full + body, organ.unit + _expected_body(body, organ)
        before = text[max(0, m.start() - len(organ.unit) - 3):m.start()]
        suffixes = [organ.unit[i:] for i in range(len(organ.unit) - 2)]  # 3 characters or more
        if before.endswith(tuple(suffixes)) and body in organ.bodies:
            return None  # an allowed form: the full unit or a short one, with an allowed body
        # a near miss ends with three or more of the name's characters: else nothing to compare
        if len(set(organ.unit) & set(before[-6:])) < 3:
            return None
        best = None
        for suffix in suffixes:
            if len(suffix) < 4:
                continue  # 局, 街道, 医院: short forms of many bodies, too short to compare
            for size in range(max(3, len(suffix) - 2), len(suffix) + 3):
                if size > len(before):
                    break
                written = before[-size:]
                if not _HAN.fullmatch(written) or _splits_prefix(before, written, vocab):
                    continue
                d = distance(written, suffix)
                if d == 0 and body in organ.bodies:
                    return None
                if d and is_abbreviation(written, suffix) and body in organ.bodies:
                    return None  # 市市场监管局 for 市市场监督管理局, 市发展改革委
                limit = max(1, int(len(suffix) * vocab.max_share)) if d else 0
                if d <= limit and (best is None or (d, -len(suffix)) < best[0]):
                    best = ((d, -len(suffix)), written, suffix)
        if best is None:
            return None
        (d, _), written, suffix = best
        if d == 0 and body in organ.bodies:
            return None
        if d == 0 and len(suffix) < 4:
            return None  # 局党组 of another bureau: too short to tell
        return m.start() - len(written), written + body, suffix + _expected_body(body, organ)

    def _marks(self, document, organ: Organ, vocab: Vocabulary):
        """The issuer mark and the signature name the title's organ."""
        outline = document.outline
        view = document.view
        mark = outline.issuer_mark
        if mark is not None:
            name = mark.text.removesuffix("文件")
            other = parse_organ(name, vocab)
            if strip_party(name, vocab) != strip_party(organ.full, vocab) \
                    and (other is None or other.unit != organ.unit or other.body != organ.body):
                yield Finding.at(view.locate(mark.view_start, mark.view_end), rule=self.id,
                                 message=Message(f"发文机关标志“{mark.text}”与发文机关“{organ.full}”不一致，"
                                                 f"应为“{organ.full}文件”",
                                                 f"the issuer mark {mark.text} does not name the "
                                                 f"issuing organ {organ.full}"),
                                 severity=self.severity)
        signature = outline.signature
        title = outline.title
        if title and title.organ and signature.organ_name:
            signed = no_space(signature.organ_name)
            if strip_party(signed, vocab) != strip_party(organ.full, vocab):
                p = signature.organ
                yield Finding.at(view.locate(p.view_start, p.view_end), rule=self.id,
                                 message=Message(f"落款“{signed}”与标题中的发文机关“{organ.full}”不一致",
                                                 f"the signature {signed} does not match the "
                                                 f"issuing organ in the title, {organ.full}"),
                                 severity=self.severity)


@hookimpl
def notice_lint_rules():
    return [NameConsistency()]


def is_abbreviation(short: str, full: str) -> bool:
    """市场监管局 of 市场监督管理局, 发展改革委 of 发展和改革委员会: the short form keeps the full
    name's characters in order, from its first to its kind (局, 委 …), and shortens its words
    (at least two characters dropped, never two side by side but 委员会's 员会). Dropping the kind
    (林业党组 for 林业局党组), one character (水局 for 水利局) or a whole word (交通局 for
    交通运输局) is a miswriting, not an abbreviation."""
    tail = 0
    if full.endswith("委员会") and short.endswith("委"):
        full, tail = full[:-2], 2
    if not short or short[0] != full[0] or short[-1] != full[-1]:
        return False
    kept = dropped = run = longest = 0
    for c in full:
        if kept < len(short) and c == short[kept]:
            kept, run = kept + 1, 0
        else:
            dropped, run = dropped + 1, run + 1
            longest = max(longest, run)
    return kept == len(short) and longest < 2 and dropped + tail >= 2


# how far before a body a party prefix is looked for, beyond the organ's own length
_FULL_REACH = 8


def _full_name(text: str, m: regex.Match, organ: Organ, vocab: Vocabulary) -> regex.Match | None:
    """The party prefix and the name after it, up to this body (对中共青石县水利局党组 → 中共 +
    青石县水利局), when a prefix is there and the name is about as long as the organ's."""
    window = text[max(0, m.start() - len(organ.unit) - _FULL_REACH):m.start()]
    for prefix in vocab.prefixes:
        if prefix in window:
            break
    else:
        return None  # no party prefix, no match: the `regex` engine's call costs more than a look
    found = vocab.prefixed.search(window)
    if found is None or abs(len(found["name"]) - len(organ.unit)) > 3:
        return None
    return found


def _splits_prefix(before: str, written: str, vocab: Vocabulary) -> bool:
    """A candidate name that starts at or inside a party prefix (中共青石县…, 共青石县…): the
    prefix is never part of a name."""
    start = len(before) - len(written)
    return any(start - i >= 0 and before.startswith(prefix, start - i)
               for prefix in vocab.prefixes for i in range(len(prefix)))


def _full_name_in_text(text: str, organ: Organ, vocab: Vocabulary, protected) -> str | None:
    """The organ's name as the text writes it in full (中共 + name + body), when that differs a
    little from `organ` (the signature's) and the text never writes the signature's name."""
    seen = set()
    for m in vocab.body_pattern.finditer(text):
        if any(s <= m.start() < e for s, e in protected) or m.group() not in organ.bodies:
            continue
        full = _full_name(text, m, organ, vocab)
        if full is None:
            continue
        name = full["name"]
        if name == organ.unit:
            return None
        if distance(name, organ.unit) <= max(1, int(len(organ.unit) * vocab.max_share)) and \
                len(set(organ.unit) & set(name)) >= 3 and not organ.unit.endswith(name):
            seen.add(full.group() + m.group())
    return seen.pop() if len(seen) == 1 else None


def _expected_body(body: str, organ: Organ) -> str:
    """The body a near miss should name: the one written when it is one of the organ's forms."""
    if body in organ.bodies:
        return body
    return organ.bodies[-1] if organ.body in ("委员会", "工作委员会") else organ.body
