"""Cold and warm runs through the result cache, and a re-run after a one-byte change."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from measure import Sample, run_once


def supports_cache(tool: str, env: Mapping[str, str]) -> bool:
    """Whether this notice-lint has the result cache (its help names --no-cache)."""
    shown = subprocess.run([tool, "--help"], capture_output=True, text=True, env=dict(env))
    return "--no-cache" in shown.stdout + shown.stderr


@dataclass(slots=True)
class CacheRuns:
    cold: list[Sample] = field(default_factory=list)     # a fresh cache directory
    warm: list[Sample] = field(default_factory=list)     # the same again, nothing changed
    changed: list[Sample] = field(default_factory=list)  # again, one file changed by one byte

    def linted(self, samples: list[Sample]) -> int | None:
        """The most files any of these runs linted rather than took from the cache (None when
        the summary does not say)."""
        counts = [_linted(s.last_line) for s in samples]
        return None if None in counts else max(counts)


def cache_runs(lint: Sequence[str], notices: Path, runs: int,
               env: Mapping[str, str]) -> CacheRuns:
    """`runs` rounds of cold, warm and one-byte-changed runs of `lint` (its summary in English,
    last) over a copy of `notices` (the corpus itself is never touched), each round with a fresh
    NOTICE_LINT_CACHE_DIR."""
    found = CacheRuns()
    with tempfile.TemporaryDirectory(prefix="notice-lint-bench-") as scratch:
        copy = Path(scratch, "notices")
        shutil.copytree(notices, copy)
        drafts = sorted(copy.glob("*.txt"))
        victim = drafts[len(drafts) // 2]
        original = victim.read_bytes()
        for round_ in range(runs):
            cache = Path(scratch, f"cache-{round_}")
            round_env = {**env, "NOTICE_LINT_CACHE_DIR": str(cache)}
            command = [*lint, str(copy)]
            found.cold.append(run_once(command, round_env, tail=True))
            found.warm.append(run_once(command, round_env, tail=True))
            victim.write_bytes(one_byte_changed(original))
            try:
                found.changed.append(run_once(command, round_env, tail=True))
            finally:
                victim.write_bytes(original)
            shutil.rmtree(cache, ignore_errors=True)
    return found


def one_byte_changed(data: bytes) -> bytes:
    """`data` with one ASCII digit changed to another: the same size, still valid UTF-8."""
    for place, byte in enumerate(data):
        if 0x30 <= byte <= 0x39:
            return data[:place] + bytes([0x30 + (byte - 0x30 + 1) % 10]) + data[place + 1:]
    return data + b"\n"


def _linted(summary: str) -> int | None:
    """Files linted, from a summary such as "Found 3 problems (...) in 2000 files (1999 from the
    cache)."; None when it does not say how many came from the cache."""
    found = re.search(r"in (\d+) files? \((\d+) from the cache\)", summary)
    return int(found.group(1)) - int(found.group(2)) if found else None
