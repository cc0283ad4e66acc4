"""Name consistency: the issuing organ named the same way throughout the notice.

The issuing organ is named in the title (中共衡阳县林业局党组关于…) or the signature. This rule
reports a name in the text that is almost, but not quite, that organ: a character dropped
(衡阳县林业党组 for 衡阳县林业局党组, 坡子街道党工委 for 坡子街街道党工委), a word shortened
(交通局党组 for 交通运输局党组), the wrong party body (…有限公司党组 for a company whose 委员会 is a
党委). The usual short forms are fine: 局党组, 县林业局党组, 林业局党组, 本局, 我局, 街道党工委, 集团
公司党委.

It also reports an issuer mark (发文机关标志, 衡阳县林业局文件) or a signature that names another body
than the title: a party body's notice carries the party body's mark.

Bad:  中共衡阳县林业局党组关于… / 衡阳县林业党组把抓好巡察整改作为…
Good: 中共衡阳县林业局党组关于… / 县林业局党组把抓好巡察整改作为…
"""

from __future__ import annotations

from functools import cache
from typing import NamedTuple

import regex

from linter import Finding, Fix, Message, hookimpl
from linter.data import builtin
from linter.scan import shipped_pattern

_HAN = shipped_pattern(r"\p{Han}+")


class Vocabulary(NamedTuple):
    bodies: dict[str, tuple[str, ...]]   # a body as named in full → the forms allowed in text
    body_pattern: regex.Pattern          # any party body, at the end of a name
    max_share: float                     # the most differences a near-miss may have, per char


@cache
def vocabulary() -> Vocabulary:
    raw = builtin("names.yaml")
    bodies = {k: tuple(v) for k, v in raw["bodies"].items()}
    words = sorted({w for forms in bodies.values() for w in forms} | set(bodies), key=len,
                   reverse=True)
    # 党组织 (any party organisation) and 党组书记 … are not names of a body
    return Vocabulary(bodies, shipped_pattern(f"(?:{'|'.join(map(regex.escape, words))})(?!织)"),
                      float(raw["max_share"]))


class Organ(NamedTuple):
    full: str              # as named: 中共衡阳县林业局党组
    unit: str              # 衡阳县林业局
    body: str              # 党组
    bodies: tuple[str, ...]  # the body's allowed forms: 党组 / 党委, 委员会 …


def parse_organ(name: str, vocab: Vocabulary) -> Organ | None:
    name = _no_space(name)
    bare = name.removeprefix("中共").removeprefix("中国共产党")
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

    def check(self, document, options):
        vocab = vocabulary()
        outline = document.outline
        view = document.view
        text = view.text
        title = outline.title
        signature = outline.signature
        named = (title.organ if title and title.organ else None) or signature.organ_name
        organ = parse_organ(named, vocab) if named else None
        if organ is None:
            return
        yield from self._marks(document, organ, vocab)
        protected = [(p.start, p.end) for p in (title.paragraphs if title else ())]
        protected += [(p.start, p.end) for p in (signature.organ, outline.issuer_mark) if p]
        seen: dict[tuple[str, str], object] = {}   # a notice repeats its names: judge each once
        for m in vocab.body_pattern.finditer(text):
            if any(s <= m.start() < e for s, e in protected):
                continue
            key = (text[max(0, m.start() - len(organ.unit) - 3):m.start()], m.group())
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

    def _near_miss(self, text: str, m: regex.Match, organ: Organ, vocab: Vocabulary):
        """(start, written, expected) when the name ending at this body is a near miss."""
        body = m.group()
        before = text[max(0, m.start() - len(organ.unit) - 3):m.start()]
        suffixes = [organ.unit[i:] for i in range(len(organ.unit) - 2)]  # 3 characters or more
        if any(before.endswith(s) for s in suffixes) and body in organ.bodies:
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
                if not _HAN.fullmatch(written):
                    continue
                d = distance(written, suffix)
                if d == 0 and body in organ.bodies:
                    return None
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
        expected_body = body if body in organ.bodies else organ.bodies[-1] \
            if organ.body in ("委员会", "工作委员会") else organ.body
        return m.start() - len(written), written + body, suffix + expected_body

    def _marks(self, document, organ: Organ, vocab: Vocabulary):
        """The issuer mark and the signature name the title's organ."""
        outline = document.outline
        view = document.view
        mark = outline.issuer_mark
        if mark is not None:
            name = mark.text.removesuffix("文件")
            other = parse_organ(name, vocab)
            if _no_space(name) not in (organ.full, organ.full.removeprefix("中共")) \
                    and (other is None or other.unit != organ.unit or other.body != organ.body):
                yield Finding.at(view.locate(mark.start, mark.end), rule=self.id,
                                 message=Message(f"发文机关标志“{mark.text}”与发文机关“{organ.full}”不一致，"
                                                 f"应为“{organ.full}文件”",
                                                 f"the issuer mark {mark.text} does not name the "
                                                 f"issuing organ {organ.full}"),
                                 severity=self.severity)
        signature = outline.signature
        title = outline.title
        if title and title.organ and signature.organ_name:
            signed = _no_space(signature.organ_name)
            if signed not in (organ.full, organ.full.removeprefix("中共")):
                p = signature.organ
                yield Finding.at(view.locate(p.start, p.end), rule=self.id,
                                 message=Message(f"落款“{signed}”与标题中的发文机关“{organ.full}”不一致",
                                                 f"the signature {signed} does not match the "
                                                 f"issuing organ in the title, {organ.full}"),
                                 severity=self.severity)


@hookimpl
def notice_lint_rules():
    return [NameConsistency()]


def _no_space(text: str) -> str:
    return "".join(text.split())
