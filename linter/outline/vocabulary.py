"""The compiled patterns and thresholds of configs/outline.yaml (built once per process)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from .. import data
from ..patterns import shipped_pattern

# the characters numbers and the spaces around them are written in (the counts read them)
DIGITS = frozenset("0123456789０１２３４５６７８９")
CN_NUMERALS = frozenset("一二两三四五六七八九十百千零〇")
SPACES = frozenset(" \t\u3000")
BEFORE_UNIT = DIGITS | CN_NUMERALS | SPACES


class Vocabulary:
    """What the outline recognises a notice's parts by: patterns, labels, limits."""

    def __init__(self, spec: dict) -> None:
        self.issuer_mark = shipped_pattern(spec["issuer_mark"])
        self.doc_number = shipped_pattern(spec["doc_number"])
        self.title_keywords = shipped_pattern(spec["title_keywords"])
        self.preamble_start = shipped_pattern(spec["preamble_start"])
        self.short_line = int(spec["short_line"])
        self.supervision = shipped_pattern(spec["supervision"])
        self.heading = shipped_pattern("|".join(spec["headings"]))
        self.heading_first = frozenset(spec["heading_first"])
        self.header_paragraphs = int(spec["header_paragraphs"])
        self.title_lines = int(spec["title_lines"])
        self.supervision_paragraph = int(spec["supervision_paragraph"])
        self.signature_line = int(spec["signature_line"])
        self.contact_value = int(spec["contact_value"])
        self.period_statement = int(spec["period_statement"])
        labels = []
        for kind, words in spec["contact_labels"].items():
            for word in words:
                labels.append((kind, word))
        labels.sort(key=lambda kw: -len(kw[1]))
        alternation = "|".join(f"(?P<{kind}_{i}>{word})" for i, (kind, word) in enumerate(labels))
        self.contact_label = shipped_pattern(
            rf"{_opening(word for _, word in labels)}(?:{alternation})"
            rf"(?P<sep>[ \t\u3000]*[:：][ \t\u3000]*|[ \t\u3000]*(?=[0-9０-９A-Za-z]))")
        self.contact_kinds = {f"{kind}_{i}": kind for i, (kind, _) in enumerate(labels)}
        self._label_kinds: dict[str, str] = {}   # label as written → kind, learnt as met
        # a cheap first look: the last two characters of every label
        tails = sorted({word if word.isascii() else word[-2:] for _, word in labels})
        self.contact_hint = shipped_pattern("|".join(tails))
        periods = sorted(spec["period_labels"], key=len, reverse=True)
        self.period_label = shipped_pattern(
            rf"(?P<label>{'|'.join(periods)})[ \t\u3000]*(?:为|是|自|从)?[ \t\u3000]*[:：]?[ \t\u3000]*")
        self.signature_organ = shipped_pattern(spec["signature_organ"])
        # a measure word with a number or a space just before it (各个, 这项 have none)
        before = re.escape("".join(sorted(BEFORE_UNIT)))
        self.count_units = shipped_pattern(f"[{before}](?P<unit>{spec['count_units']})")
        # the measure words themselves when each is one character: found by str.find
        words = spec["count_units"].split("|")
        self.unit_chars = "".join(words) if all(len(w) == 1 and w.isalpha() for w in words) else ""
        self.count_noun = shipped_pattern(spec["count_nouns"])

    def kind_of(self, m) -> str:
        """The kind of contact a contact_label match names (phone, address …)."""
        label = m.string[m.start():m.start("sep")]
        kind = self._label_kinds.get(label)
        if kind is None:
            group = next(k for k, v in m.groupdict().items() if v is not None and k != "sep")
            kind = self._label_kinds[label] = self.contact_kinds[group]
        return kind


def _opening(words: Iterable[str]) -> str:
    """A lookahead of the characters the words (patterns) start with, when each starts with a
    plain character (E-?mail: E); else nothing. With it the standard engine skips the other
    characters at C speed, as fast as `regex` scans the alternation, and compiles it in half
    the time."""
    firsts = set()
    for word in words:
        if not word or word[0] in _SPECIAL or word[1:2] in _QUANTIFIERS:
            return ""
        firsts.add(word[0])
    return f"(?=[{re.escape(''.join(sorted(firsts)))}])"


_SPECIAL = frozenset("\\[](){}.^$|?*+")
_QUANTIFIERS = frozenset("?*+{")


@cache
def builtin_vocabulary() -> Vocabulary:
    return Vocabulary(data.builtin("outline.yaml"))
