"""Path patterns of a configuration (`exclude`, `per-file-ignores`), relative to its folder."""

from __future__ import annotations

import functools
import os


class PathGlobs:
    """Glob patterns written in a configuration file, matched as that file's author meant them:
    against the path relative to the folder holding the file (`base`; the working directory for
    the built-in profiles), with forward slashes, wherever the command runs. `*` crosses `/`
    (fnmatch); a pattern without `/` also matches the file's own name. A path outside `base` is
    matched by its absolute form (forward slashes) and its name."""

    __slots__ = ("_folders", "base", "patterns")

    def __init__(self, patterns: tuple[str, ...], base: str | None = None) -> None:
        self.patterns = tuple(p.replace("\\", "/").removeprefix("./") for p in patterns)
        self.base = os.path.realpath(base or os.getcwd())
        self._folders: dict[str, str] = {}   # a folder as given → as seen from base

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def relative(self, path: str) -> str:
        """`path` (as given on the command line or found by a walk) as the patterns see it."""
        folder, name = os.path.split(path)
        seen = self._folders.get(folder)
        if seen is None:
            # the folder resolved (symlinks, `..`), the name not: a link is matched by its name
            real = os.path.realpath(folder or os.curdir)
            try:
                seen = os.path.relpath(real, self.base)
            except ValueError:   # another drive (Windows)
                seen = real
            seen = seen.replace(os.sep, "/")
            if seen == ".." or seen.startswith("../"):
                seen = real.replace(os.sep, "/")
            self._folders[folder] = seen
        return name if seen == "." else f"{seen}/{name}" if seen != "/" else f"/{name}"

    def match(self, path: str) -> str | None:
        """The first pattern `path` matches, or None."""
        if not self.patterns:
            return None
        import fnmatch  # start-up: only a configuration with patterns needs it
        relative = self.relative(path)
        name = relative.rsplit("/", 1)[-1]
        for pattern in self.patterns:
            if fnmatch.fnmatch(relative, pattern) or ("/" not in pattern
                                                      and fnmatch.fnmatch(name, pattern)):
                return pattern
        return None

    def match_within(self, path: str) -> str | None:
        """The first pattern `path` or a folder it lies in (below `base`) matches: a named file in
        an excluded folder is excluded as the walk would leave it out."""
        found = self.match(path)
        if found is not None or not self.patterns:
            return found
        import fnmatch
        parts = self.relative(path).split("/")[:-1]
        if parts and parts[0] == "":   # outside base: its own name only, as a walk sees it
            return None
        for depth in range(len(parts), 0, -1):
            folder = "/".join(parts[:depth])
            for pattern in self.patterns:
                if fnmatch.fnmatch(folder, pattern) or ("/" not in pattern
                                                        and fnmatch.fnmatch(parts[depth - 1],
                                                                            pattern)):
                    return pattern
        return None


def per_file_glob(pattern: str, base: str | None) -> PathGlobs:
    """One `per-file-ignores` pattern, built once per run (it remembers the folders it saw)."""
    return _glob(pattern, base or os.getcwd())


@functools.lru_cache(maxsize=256)
def _glob(pattern: str, base: str) -> PathGlobs:
    return PathGlobs((pattern,), base)
