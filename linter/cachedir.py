"""Where notice-lint keeps what it caches across runs: the parsed rule data and the lint results."""

from __future__ import annotations

import os
import sys

APP = "notice-lint"


def cache_dir() -> str | None:
    """The user's cache directory for notice-lint, or None when caching is turned off.

    NOTICE_LINT_CACHE_DIR overrides it (the test suite points it at a temporary folder);
    NOTICE_LINT_NO_CACHE turns every cache off."""
    if os.environ.get("NOTICE_LINT_NO_CACHE"):
        return None
    chosen = os.environ.get("NOTICE_LINT_CACHE_DIR")
    if chosen:
        return chosen
    if sys.platform.startswith(("win", "darwin", "cygwin", "msys")):
        # start-up: platformdirs costs ~6 ms to import, so only where its answer is not the
        # XDG one below
        import platformdirs
        return platformdirs.user_cache_dir(APP, appauthor=False)
    # what platformdirs answers on Linux and the BSDs (XDG_CACHE_HOME, else ~/.cache)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return os.path.join(base or os.path.expanduser("~/.cache"), APP)
