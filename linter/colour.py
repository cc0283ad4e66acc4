"""Colour on a terminal: whether to use it (--color, NO_COLOR, FORCE_COLOR) and its codes."""

from __future__ import annotations

import os
from collections.abc import Mapping

# SGR codes: the severity as compilers and ruff colour it, the path bold, the rule id and the
# source gutter in colours of their own
_CODES = {"error": "1;31", "warning": "1;33", "info": "1;36", "path": "1", "rule": "35",
          "gutter": "34"}


def wanted(choice: str | None, stream, environ: Mapping[str, str] | None = None) -> bool:
    """Whether to colour what goes to `stream`. `--color always|never` decides; else, as
    CPython decides for its own tracebacks: NO_COLOR set and not empty means none
    (https://no-color.org), then FORCE_COLOR set and not empty means colour, then TERM=dumb
    none, then colour only on a terminal."""
    if choice == "always":
        return True
    if choice == "never":
        return False
    env = os.environ if environ is None else environ
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    if env.get("TERM") == "dumb":
        return False
    if os.name == "nt" and not (env.get("WT_SESSION") or env.get("TERM")):
        return False   # the old Windows console shows the codes instead of acting on them
    return is_terminal(stream)


def is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


class Palette:
    """Paints text for the terminal, or leaves it as it is."""

    __slots__ = ("on",)

    def __init__(self, on: bool) -> None:
        self.on = on

    def __call__(self, text: str, role: str) -> str:
        if not self.on or not text:
            return text
        return f"\x1b[{_CODES[role]}m{text}\x1b[0m"
