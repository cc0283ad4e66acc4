"""The command line: `main` parses and dispatches; one module per command does the rest."""

from __future__ import annotations

from .app import main

__all__ = ["main"]
