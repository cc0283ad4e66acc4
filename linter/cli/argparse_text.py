"""argparse's English messages and help headings in Chinese, and our Chinese help in English."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import Any

from ..data import builtin

_PLACEHOLDER = re.compile(r"%\((\w+)\)[sr]|%[sr]")


@cache
def _templates() -> list[tuple[re.Pattern[str], str, tuple[str, ...]]]:
    """Each English template as a pattern matching the whole message, its Chinese, and the
    names of its placeholders (`%s` named arg0, arg1 …)."""
    out = []
    for entry in builtin("argparse.yaml")["errors"]:
        names: list[str] = []
        pattern, last = [], 0
        for m in _PLACEHOLDER.finditer(entry["en"]):
            name = m.group(1) or f"arg{len(names)}"
            names.append(name)
            pattern += [re.escape(entry["en"][last:m.start()]), f"(?P<{name}>.*?)"]
            last = m.end()
        pattern.append(re.escape(entry["en"][last:]))
        zh = _named(entry["zh"])
        out.append((re.compile("".join(pattern) + r"\Z", re.S), zh, tuple(names)))
    return out


def _named(template: str) -> str:
    """`template` with every placeholder as %(name)s (`%s` the n-th as argN): the captured
    values are already as argparse wrote them, quoted where it used %r."""
    parts, last, count = [], 0, 0
    for m in _PLACEHOLDER.finditer(template):
        name = m.group(1)
        if name is None:
            name, count = f"arg{count}", count + 1
        parts += [template[last:m.start()], f"%({name})s"]
        last = m.end()
    return "".join(parts) + template[last:]


def translated_error(message: str) -> str:
    """argparse's error `message` in Chinese, when it is one of the known templates (the inner
    message of `argument X: …` too); else as it is. Values (option names, the user's words) are
    kept as argparse quoted them."""
    for pattern, zh, _names in _templates():
        m = pattern.match(message)
        if m is None:
            continue
        values = m.groupdict()
        if "message" in values:
            values["message"] = translated_error(values["message"])
        return zh % values
    return message


def translated_help(text: str) -> str:
    """A help or usage text with argparse's headings and phrases in Chinese."""
    table = builtin("argparse.yaml")["help"]
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line in table:                      # a heading: `options:`
            lines[i] = table[line]
        elif i == 0 and line.startswith("usage: "):
            lines[i] = table["usage: "] + line[len("usage: "):]
        else:
            for english, chinese in table.items():
                if english.endswith(" exit") and english in line:
                    lines[i] = lines[i].replace(english, chinese)
    return "\n".join(lines)


def english_help(parser: Any, format_help: Callable[[], str]) -> str:
    """The help of `parser` with the help texts written in Chinese given in English, from the
    command's entry in configs/argparse.yaml (an option without one keeps its own)."""
    english = builtin("argparse.yaml")["english"].get(parser.prog, {})
    saved = [(action, action.help) for action in parser.own_actions]
    kept = parser.description, parser.epilog
    try:
        for action in parser.own_actions:
            names = [s for s in action.option_strings if s.startswith("--")] or [action.dest]
            if names[0] in english:
                action.help = english[names[0]]
        parser.description = english.get("description", parser.description)
        parser.epilog = english.get("epilog", parser.epilog)
        return format_help()
    finally:
        for action, text in saved:
            action.help = text
        parser.description, parser.epilog = kept
