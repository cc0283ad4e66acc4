"""What every command's parser shares: one-line usage errors, a fixed help width, list options,
argparse's own text in the user's language."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import Any


class UsageError(Exception):
    pass


class _Formatter(argparse.HelpFormatter):
    """A fixed width: argparse would import shutil (and bz2, lzma) to measure the terminal."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 30,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or 100)


def language_hint(argv: Sequence[str]) -> str:
    """The message language as the command line and the environment say it, before any
    configuration is read (zh unless `--lang en` or NOTICE_LINT_LANG=en)."""
    lang = os.environ.get("NOTICE_LINT_LANG", "zh")
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(argv):
            lang = argv[i + 1]
        elif arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
    return lang if lang in ("zh", "en") else "zh"


class Parser(argparse.ArgumentParser):
    """argparse's parser with its own text (usage, headings, errors) in Chinese unless the
    message language is English. argparse offers no public way to translate its messages but
    gettext's global catalogue, so the public methods that show them are overridden and the
    known English templates (configs/argparse.yaml) translated."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        self.lang = "zh"
        self.own_actions: list[argparse.Action] = []   # (argparse adds -h in __init__)
        super().__init__(*args, **kwargs)

    def add_argument(self, *args, **kwargs) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        self.own_actions.append(action)  # for their English help (Action.help is public)
        return action

    def parse_known_args(self, args: Sequence[str] | None = None,
                         namespace: Any = None) -> tuple[Any, list[str]]:
        self.lang = language_hint(sys.argv[1:] if args is None else list(args))
        return super().parse_known_args(args, namespace)

    def error(self, message: str) -> None:  # one line, exit 2, never the usage dump
        if self.lang != "en":
            from .argparse_text import translated_error  # start-up: only on an error
            message = translated_error(message)
        raise UsageError(message)

    def format_usage(self) -> str:
        text = super().format_usage()
        if self.lang == "en":
            return text
        from .argparse_text import translated_help
        return translated_help(text)

    def format_help(self) -> str:
        if self.lang != "en":
            from .argparse_text import translated_help
            return translated_help(super().format_help())
        from .argparse_text import english_help
        return english_help(self, super().format_help)


def comma_separated(value: str) -> tuple[str, ...]:
    """A comma-separated option value (`--select a,b`) as a tuple of names."""
    return tuple(v.strip() for v in value.split(",") if v.strip())
