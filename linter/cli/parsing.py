"""What every command's parser shares: one-line usage errors, a fixed help width, list options."""

from __future__ import annotations

import argparse


class UsageError(Exception):
    pass


class _Formatter(argparse.HelpFormatter):
    """A fixed width: argparse would import shutil (and bz2, lzma) to measure the terminal."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 30,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position, width or 100)


class Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # one line, exit 2, never the usage dump
        raise UsageError(message)


def comma_separated(value: str) -> tuple[str, ...]:
    """A comma-separated option value (`--select a,b`) as a tuple of names."""
    return tuple(v.strip() for v in value.split(",") if v.strip())
