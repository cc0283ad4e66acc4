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


KEPT_STAMPS = 8   # files of one kind kept: several installs (venvs, pre-commit's) may take turns


def prune_stamped(path: str, keep: int = KEPT_STAMPS) -> None:
    """After `path` (KIND-VERSION-STAMP.marshal, of a version and a stamp of the code that made
    it) was written: the other files of its kind but the `keep` most recent removed, so each
    upgrade or edit of an editable install does not leave one more behind. Keeping a few lets two
    installs used in turns (two virtual environments) keep theirs."""
    folder, name = os.path.split(path)
    kind = name.split("-", 1)[0] + "-"
    try:
        found = [entry for entry in os.scandir(folder)
                 if entry.name.startswith(kind) and entry.name.endswith(".marshal")
                 and entry.is_file(follow_symlinks=False)]
        found.sort(key=lambda entry: entry.stat().st_mtime_ns, reverse=True)
        for entry in found[keep:]:
            if entry.path != path:
                os.remove(entry.path)
    except OSError:
        pass  # another run removed it first, or the folder cannot be listed: nothing lost
