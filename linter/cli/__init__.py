"""The command line: `main` parses and dispatches; one module per command does the rest."""

from __future__ import annotations

import gc
import sys
from typing import NoReturn

from .app import main

__all__ = ["main", "run"]


def run() -> NoReturn:
    """The `notice-lint` executable and `python -m notice_lint`: `main`, then the process ends."""
    code = main()
    # Shutting down, the interpreter has the collector walk every object left (the modules, the
    # compiled patterns) once more, a tenth of a small draft's run; frozen objects are skipped,
    # and nothing of ours waits for the collector to be closed: files are closed by `with`.
    gc.freeze()
    sys.exit(code)
