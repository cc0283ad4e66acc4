"""The notice profile: what kind of notice a draft is, decided once from its own evidence."""

from __future__ import annotations

from collections import Counter
from functools import cache

from . import data
from .patterns import shipped_pattern
from .record import Record

XUNSHI, XUNCHA = "巡视", "巡察"
# what every genre may be required to carry (configs/profiles.yaml `requires`)
REQUIREMENTS = ("title", "preamble", "parts", "supervision", "contact", "signature", "period")


class Evidence(Record):
    """One thing the profile was decided from: what it says, the words, where they stand."""

    what: str            # dispatcher, term, title, inspected, issuer, usage, declared
    text: str
    start: int           # offset in the view (-1: not in the text, e.g. from the configuration)


class Genre(Record):
    key: str
    name: str
    name_en: str
    term: str
    requires: frozenset[str]


class Profile(Record):
    is_notice: bool
    genre: Genre | None
    term: str | None             # the term the notice uses for its own inspection (majority)
    expected: str | None         # the term its dispatcher's level implies
    certain: bool                # `expected` comes from a dispatcher that leaves no doubt
    level: str | None            # the dispatcher's level (central, provincial, … institution)
    dispatcher: Evidence | None
    inspected: str | None
    issuer: str | None
    variants: tuple[str, ...]
    usage: dict                  # own-use counts: {"巡视": n, "巡察": m}
    evidence: tuple[Evidence, ...]
    declared: bool = False

    def requires(self, part: str) -> bool:
        """Whether a notice of this genre carries `part` (unknown genre: everything)."""
        return self.genre is None or part in self.genre.requires

    def describe(self, lang: str = "zh") -> str:
        if not self.is_notice:
            return ("not a rectification-progress notice" if lang == "en"
                    else "不是巡察（巡视）整改情况通报")
        if self.genre is None:
            kind = "unknown kind" if lang == "en" else "类型未能确定"
        else:
            kind = self.genre.name_en if lang == "en" else self.genre.name
        if self.variants:
            kind += f" ({'、'.join(self.variants)})" if lang == "en" else f"（{'、'.join(self.variants)}）"
        return kind


class Level(Record):
    """A dispatcher's level (configs/profiles.yaml `levels`)."""

    name: str
    pattern: object
    term: str | None                 # None: the level does not decide (an institution)
    genres: dict                     # the notice's own term (None: any) → its genre


class Vocabulary(Record):
    genres: dict[str, Genre]
    levels: tuple[Level, ...]
    bare_city: frozenset[str]
    round_tail: object
    municipalities: object
    dispatchers: tuple[tuple[str, object], ...]
    inspected: object
    variants: tuple[str, ...]
    notice_words: object
    own_use: object
    other_body_before: object


@cache
def vocabulary() -> Vocabulary:
    raw = data.builtin("profiles.yaml")
    genres = {key: Genre(key, g["name"], g["name_en"], g["term"], frozenset(g["requires"]))
              for key, g in raw["genres"].items()}
    levels = tuple(Level(name, shipped_pattern(f"(?:{spec['pattern']})$"), spec["term"],
                         spec["genres"] if "genres" in spec else {None: spec["genre"]})
                   for name, spec in raw["levels"].items())
    return Vocabulary(
        genres=genres,
        levels=levels,
        bare_city=frozenset(raw["bare_city"]),
        round_tail=shipped_pattern(raw["round_tail"]),
        municipalities=shipped_pattern(raw["municipalities"]),
        dispatchers=tuple((k, shipped_pattern(v)) for k, v in raw["dispatcher_patterns"].items()),
        inspected=shipped_pattern(raw["inspected"]),
        variants=tuple(raw["variants"]),
        notice_words=shipped_pattern(raw["notice_words"]),
        own_use=shipped_pattern(raw["own_use"]),
        other_body_before=shipped_pattern(raw["other_body_before"]),
    )


def genre_names() -> tuple[str, ...]:
    return tuple(vocabulary().genres)


def level_of(dispatcher: str, vocab: Vocabulary) -> str | None:
    """The level of a dispatcher as written (县委, 中共上海市委, 集团党委 …)."""
    for level in vocab.levels:
        if level.pattern.search(dispatcher):
            return level.name
    return None


def detect(outline, declared: str | None = None) -> Profile:
    """The profile of the notice `outline` was parsed from (`declared`: a genre the configuration
    sets for every file; the evidence is still gathered for `notice-lint show`)."""
    vocab = vocabulary()
    text = outline.text
    head = _head_paragraphs(outline)
    evidence: list[Evidence] = []

    dispatcher, dispatcher_by, level, group_word = _dispatcher(head, text, vocab)

    usage = _usage(text, vocab)
    title_word = None
    if outline.title is not None:
        for word in (XUNSHI, XUNCHA):
            if word in outline.title.text:
                title_word = word
                evidence.append(Evidence("title", outline.title.text, outline.title.view_start))
                break
    term = _majority(usage, group_word, title_word)
    if usage[XUNSHI] or usage[XUNCHA]:
        evidence.append(Evidence("usage", f"巡视×{usage[XUNSHI]} 巡察×{usage[XUNCHA]}", -1))

    # 市委 alone: a municipality's committee (巡视) when the notice names one of the four
    # municipalities or calls its own inspection 巡视; else a city's (巡察)
    if level == "city" and _is_bare_city(dispatcher_by, vocab):
        names_municipality = any(vocab.municipalities.search(text, p.view_start, p.view_end) for p in head)
        if names_municipality or term == XUNSHI:
            level = "municipality"
    certain = level in ("central", "provincial", "county") or (
        level == "city" and not _is_bare_city(dispatcher_by, vocab)) or (
        level == "municipality" and bool(vocab.municipalities.search(dispatcher_by)))
    spec = next((x for x in vocab.levels if x.name == level), None)
    expected = spec.term if spec else None
    if dispatcher is not None:
        evidence.insert(0, dispatcher)
    genre_key = (spec.genres.get(None) or spec.genres.get(term)) if spec else None
    if declared:
        genre_key = declared
        evidence.insert(0, Evidence("declared", declared, -1))
    genre = vocab.genres.get(genre_key) if genre_key else None
    if declared and genre is not None:
        expected, certain = genre.term, True

    inspected = None
    for p in head:
        m = vocab.inspected.search(text, p.view_start, p.view_end)
        if m:
            inspected = m["inspected"]
            evidence.append(Evidence("inspected", inspected, m.start("inspected")))
            break
    issuer = outline.title.organ if outline.title is not None and outline.title.organ else (
        outline.signature.organ_name)
    if issuer:
        evidence.append(Evidence("issuer", issuer, -1))
    variants = tuple(v for v in vocab.variants
                     if any(v in text[p.view_start:p.view_end] for p in head))

    return Profile(
        is_notice=_is_notice(outline, vocab, dispatcher),
        genre=genre, term=term, expected=expected, certain=bool(certain and expected),
        level=level, dispatcher=dispatcher, inspected=inspected, issuer=issuer,
        variants=variants, usage=dict(usage), evidence=tuple(evidence),
        declared=bool(declared))


def _dispatcher(head, text: str, vocab: Vocabulary):
    """(evidence, dispatcher's words, level, term in the group's name) of the first dispatcher
    named, trying the patterns strongest first (the group, the round, the deployment)."""
    for _, pattern in vocab.dispatchers:
        for p in head:
            for m in pattern.finditer(text, p.view_start, p.view_end):
                by = _strip_dispatcher(m["by"], vocab)
                level = level_of(by, vocab) if by else None
                if level is not None:
                    return Evidence("dispatcher", m.group(), m.start()), by, level, m["word"]
    return None, "", None, None


def _head_paragraphs(outline) -> list:
    """The title and the first paragraphs after it: where a notice says who inspected whom."""
    title = list(outline.title.paragraphs) if outline.title is not None else []
    body = [p for p in outline.paragraphs[outline.body_start:outline.body_start + 3]
            if outline.heading_of(p) is None]
    return [*body, *title]


def _strip_dispatcher(by: str, vocab: Vocabulary) -> str:
    """The dispatcher's words: 根据县委 → 县委; 十二届市委第五轮巡视 → 十二届市委."""
    for lead in ("根据", "按照", "由", "经"):
        if by.startswith(lead):
            by = by[len(lead):]
    m = vocab.round_tail.search(by)
    if m:
        by = by[:m.start()]
    return by.rstrip("的")


def _is_bare_city(by: str, vocab: Vocabulary) -> bool:
    """市委, 十二届市委, 中共市委: no city named before 市委."""
    for lead in ("中共", "届"):
        by = by.split(lead)[-1]
    return by in vocab.bare_city


def _usage(text: str, vocab: Vocabulary) -> Counter:
    """How often the notice names its own inspection 巡视 and 巡察."""
    counts: Counter = Counter({XUNSHI: 0, XUNCHA: 0})
    for m in vocab.own_use.finditer(text):
        clause_start = max(0, m.start() - 12)
        if vocab.other_body_before.search(text, clause_start, m.start()):
            continue
        counts[m["word"]] += 1
    return counts


def _majority(usage: Counter, group_word: str | None, title_word: str | None) -> str | None:
    a, b = usage[XUNSHI], usage[XUNCHA]
    if a != b:
        return XUNSHI if a > b else XUNCHA
    for word in (group_word, title_word):
        if word in (XUNSHI, XUNCHA):
            return word
    return None


def _is_notice(outline, vocab: Vocabulary, dispatcher) -> bool:
    """Anything that has the words of a rectification notice, a title or a dispatcher."""
    if dispatcher is not None or outline.title is not None:
        return True
    return bool(vocab.notice_words.search(outline.text))
