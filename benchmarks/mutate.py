"""Random drafts mutated from the generated corpus, the examples and the tests' drafts, for proving
that a change leaves every finding as it was.

    python benchmarks/mutate.py OUT_DIR [--count 20000] [--seed 16] [--sources PATH ...]

Each draft is a source notice (a corpus notice, examples/*.txt, or a draft written inline in
tests/test_*.py) put through a few random mutations: lines and headings swapped, duplicated or
deleted; wrong words and failing examples from configs/*.yaml injected; counts, dates and
phone numbers changed; 巡视/巡察 swapped; HTML entities, mid-sentence line breaks, full- and
half-width punctuation, spaces, mojibake and undecodable bytes. Every built-in rule fires on some
of them. Run the old and the new notice-lint with `--format json` on the folder and compare the
outputs byte for byte.
"""

from __future__ import annotations

import argparse
import ast
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from notice_lint import load_data

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
HAN = re.compile(r"[\u4e00-\u9fff]")
NUMBER = re.compile(r"[0-9]+|[一二三四五六七八九十两]+(?=[个项件条名])")
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
NUMERAL = "[一二三四五六七八九十]+"
HEADING = re.compile(rf"^(?:{NUMERAL}、|（{NUMERAL}）|\({NUMERAL}\)|\d+[.．、])")
HALF_FULL = {"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!", "？": "?", "。": "."}
ENTITIES = ["&nbsp;", "&amp;", "&lt;", "&gt;", "&quot;", "&#12288;", "&ldquo;", "&rdquo;"]
ODD_SPACES = [" ", "  ", "\u3000", "\t", "\u00a0", "\u200b"]
MARKDOWN_LEADS = ["# ", "## ", "- ", "> ", "**"]


def corpus_sources(paths: list[Path]) -> list[str]:
    """The text of every source: .txt/.md files (folders walked) and the tests' inline drafts."""
    texts: list[str] = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if file.suffix in (".txt", ".md"):
                texts.append(file.read_text("utf-8", errors="replace"))
            elif file.suffix == ".py":
                texts.extend(_inline_drafts(file))
    return [t for t in texts if t.strip()]


def _inline_drafts(file: Path) -> Iterator[str]:
    """String constants of a test module that read like a draft (Han text, a line or more)."""
    try:
        tree = ast.parse(file.read_text("utf-8"))
    except SyntaxError:
        return
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            value = node.value
            if len(value) >= 12 and len(HAN.findall(value)) >= 6:
                yield value


def data_phrases() -> tuple[list[str], list[str]]:
    """The wrong words and the failing and passing examples of every configs/*.yaml file."""
    words: list[str] = []
    samples: list[str] = []
    for file in sorted((ROOT / "configs").glob("*.yaml")):
        _collect(load_data("notice_lint.configs", file.name), words, samples)
    return sorted(set(words)), sorted(set(samples))


def _collect(node, words: list[str], samples: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "wrong" and isinstance(value, str):
                words.append(value)
            elif key in ("fail", "pass") and isinstance(value, list):
                samples.extend(str(v) for v in value)
            else:
                _collect(value, words, samples)
    elif isinstance(node, list):
        for value in node:
            _collect(value, words, samples)


class Mutator:
    """The mutations, each a function of the lines of a draft and the random source."""

    def __init__(self, rng: random.Random, words: list[str], samples: list[str],
                 texts: list[str]) -> None:
        self.rng = rng
        self.words = words
        self.samples = samples
        self.texts = texts
        self.steps: list[Callable[[list[str]], None]] = [
            self.swap_lines, self.duplicate_line, self.delete_line, self.delete_heading,
            self.inject_word, self.inject_sample, self.inject_sample, self.change_number,
            self.change_number, self.wrong_date, self.swap_inspection, self.entity,
            self.break_line, self.punctuation_width, self.odd_space, self.splice,
            self.renumber_heading, self.mojibake_text, self.drop_label, self.change_phone,
            self.rename_place,
        ]

    def draft(self) -> list[str]:
        lines = self.rng.choice(self.texts).split("\n")
        for _ in range(self.rng.choice((1, 1, 2, 2, 3, 4, 6))):
            self.rng.choice(self.steps)(lines)
        return lines

    def _index(self, lines: list[str], want: Callable[[str], bool] = bool) -> int | None:
        fits = [i for i, line in enumerate(lines) if want(line)]
        return self.rng.choice(fits) if fits else None

    def swap_lines(self, lines: list[str]) -> None:
        if len(lines) > 1:
            i, j = self.rng.sample(range(len(lines)), 2)
            lines[i], lines[j] = lines[j], lines[i]

    def duplicate_line(self, lines: list[str]) -> None:
        i = self._index(lines)
        if i is not None:
            lines.insert(self.rng.randrange(len(lines) + 1), lines[i])

    def delete_line(self, lines: list[str]) -> None:
        i = self._index(lines)
        if i is not None and len(lines) > 1:
            del lines[i]

    def delete_heading(self, lines: list[str]) -> None:
        i = self._index(lines, lambda s: bool(HEADING.match(s.strip())))
        if i is not None:
            del lines[i]

    def renumber_heading(self, lines: list[str]) -> None:
        i = self._index(lines, lambda s: bool(HEADING.match(s.strip())))
        if i is not None:
            line = lines[i].strip()
            marker = HEADING.match(line).group()
            other = self.rng.choice(["一、", "三、", "五、", "（一）", "（三）", "(二)", "1.", "2、", "十、"])
            lines[i] = other + line[len(marker):]

    def _insert(self, lines: list[str], phrase: str) -> None:
        i = self._index(lines)
        if i is None:
            lines.append(phrase)
            return
        line = lines[i]
        at = self.rng.randrange(len(line) + 1)
        lines[i] = line[:at] + phrase + line[at:]

    def inject_word(self, lines: list[str]) -> None:
        if self.words:
            self._insert(lines, self.rng.choice(self.words))

    def inject_sample(self, lines: list[str]) -> None:
        if self.samples:
            self._insert(lines, self.rng.choice(self.samples))

    def splice(self, lines: list[str]) -> None:
        other = self.rng.choice(self.texts).split("\n")
        i = self.rng.randrange(len(other))
        at = self.rng.randrange(len(lines) + 1)
        lines[at:at] = other[i:i + self.rng.randint(1, 6)]

    def change_number(self, lines: list[str]) -> None:
        i = self._index(lines, lambda s: bool(NUMBER.search(s)))
        if i is None:
            return
        found = list(NUMBER.finditer(lines[i]))
        m = self.rng.choice(found)
        new = self.rng.choice([str(self.rng.randint(0, 60)), "十二", "两", "一", "三十八", "0"])
        lines[i] = lines[i][:m.start()] + new + lines[i][m.end():]

    def wrong_date(self, lines: list[str]) -> None:
        i = self._index(lines, lambda s: bool(DATE.search(s)))
        if i is None:
            return
        m = self.rng.choice(list(DATE.finditer(lines[i])))
        year = int(m.group(1)) + self.rng.choice((-3, -1, 0, 0, 1, 5))
        month = self.rng.choice((int(m.group(2)), 2, 13, 0, 12, 6))
        day = self.rng.choice((int(m.group(3)), 30, 31, 29, 1, 45))
        new = self.rng.choice((f"{year}年{month}月{day}日", f"{month}月{day}日",
                               f"{year}年{month:02d}{day:02d}日", f"{year}.{month}.{day}"))
        lines[i] = lines[i][:m.start()] + new + lines[i][m.end():]

    def swap_inspection(self, lines: list[str]) -> None:
        i = self._index(lines, lambda s: "巡视" in s or "巡察" in s)
        if i is not None:
            line = lines[i]
            a, b = ("巡视", "巡察") if "巡视" in line and self.rng.random() < 0.5 else ("巡察", "巡视")
            lines[i] = line.replace(a, b, self.rng.choice((1, -1)))

    def entity(self, lines: list[str]) -> None:
        self._insert(lines, self.rng.choice(ENTITIES))

    def break_line(self, lines: list[str]) -> None:
        i = self._index(lines, lambda s: len(s) > 8)
        if i is not None:
            line = lines[i]
            at = self.rng.randrange(2, len(line) - 2)
            lines[i:i + 1] = [line[:at], line[at:]]

    def punctuation_width(self, lines: list[str]) -> None:
        i = self._index(lines, lambda s: any(c in s for c in HALF_FULL))
        if i is None:
            return
        line = lines[i]
        if self.rng.random() < 0.2:  # the other way: half-width to full-width
            lines[i] = "".join({v: k for k, v in HALF_FULL.items()}.get(c, c) for c in line)
            return
        spots = [j for j, c in enumerate(line) if c in HALF_FULL]
        j = self.rng.choice(spots)
        lines[i] = line[:j] + HALF_FULL[line[j]] + line[j + 1:]

    def odd_space(self, lines: list[str]) -> None:
        self._insert(lines, self.rng.choice(ODD_SPACES))
        if self.rng.random() < 0.2:
            lines.insert(self.rng.randrange(len(lines) + 1), self.rng.choice(("", " ", "\u3000")))

    def mojibake_text(self, lines: list[str]) -> None:
        i = self._index(lines, lambda s: len(s) > 4)
        if i is None:
            return
        line = lines[i]
        a = self.rng.randrange(len(line) - 2)
        b = min(len(line), a + self.rng.randint(2, 12))
        codec = self.rng.choice(("latin-1", "gbk", "cp1252"))
        garbled = line[a:b].encode("utf-8").decode(codec, errors="replace")
        lines[i] = line[:a] + garbled + line[b:]

    def drop_label(self, lines: list[str]) -> None:
        i = self._index(lines, lambda s: "：" in s[:12])
        if i is not None:
            line = lines[i]
            label = line.index("：")
            lines[i] = self.rng.choice((line[label + 1:], line.replace("：", ":", 1),
                                        line[:label] + line[label + 1:]))

    def change_phone(self, lines: list[str]) -> None:
        i = self._index(lines, lambda s: bool(re.search(r"\d{3,4}-\d{6,8}|1\d{10}", s)))
        if i is not None:
            new = self.rng.choice(("739-1234567", "0734-123", "1380000", "138001380001",
                                   "0734—6813456", "（0734）6813456"))
            lines[i] = re.sub(r"\d{3,4}-\d{6,8}|1\d{10}", new, lines[i], count=1)

    def rename_place(self, lines: list[str]) -> None:
        i = self._index(lines, lambda s: bool(re.search(r"[\u4e00-\u9fff]{2}[县市区]", s)))
        if i is not None:
            m = re.search(r"[\u4e00-\u9fff]{2}([县市区])", lines[i])
            other = self.rng.choice(("云溪", "青石", "南岭", "丰源", "临江"))
            lines[i] = lines[i][:m.start()] + other + m.group(1) + lines[i][m.end():]


def encode(rng: random.Random, text: str) -> tuple[bytes, str]:
    """The bytes written and the file's suffix: mostly UTF-8 text, sometimes Markdown, GBK,
    a byte-order mark, CRLF line ends or a few undecodable bytes."""
    roll = rng.random()
    suffix = ".txt"
    if roll < 0.05:
        suffix = ".md"
        lines = text.split("\n")
        for _ in range(rng.randint(1, 3)):
            i = rng.randrange(len(lines))
            if rng.random() < 0.5:
                lines.insert(i, "<!-- notice-lint-disable-next-line confusables punctuation -->")
            else:
                lines[i] = rng.choice(MARKDOWN_LEADS) + lines[i]
        text = "\n".join(lines)
    if roll < 0.03:
        return text.encode("gbk", errors="replace"), suffix
    if roll < 0.06:
        return "\ufeff".encode() + text.encode("utf-8"), suffix
    if roll < 0.09:
        return text.replace("\n", "\r\n").encode("utf-8"), suffix
    data = text.encode("utf-8")
    if roll < 0.11 and data:
        at = rng.randrange(len(data))
        data = data[:at] + bytes(rng.randrange(128, 256) for _ in range(rng.randint(1, 3))) \
            + data[at:]
    return data, suffix


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--sources", type=Path, nargs="*",
                        default=[HERE / "corpus" / "notices", ROOT / "examples", ROOT / "tests"])
    args = parser.parse_args(argv)
    texts = corpus_sources(args.sources)
    if not texts:
        parser.error("no source drafts found (generate the corpus: python benchmarks/run.py)")
    words, samples = data_phrases()
    rng = random.Random(args.seed)
    mutator = Mutator(rng, words, samples, texts)
    args.out.mkdir(parents=True, exist_ok=True)
    for n in range(args.count):
        data, suffix = encode(rng, "\n".join(mutator.draft()))
        (args.out / f"draft-{n:05d}{suffix}").write_bytes(data)
    print(f"{args.count} drafts from {len(texts)} sources in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
