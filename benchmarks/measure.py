"""Timing and peak memory of commands, alone or in turns with others."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

# run in a Python of its own, so that the figures are those of the command and its processes
# only: wall time, the peak RSS of the largest of them, and their CPU time; with "tail" first,
# the last line of what the command printed too (its summary)
MEASURE = ("import resource, subprocess, sys, time; tail = sys.argv[1] == 'tail'; "
           "t = time.perf_counter(); p = subprocess.run(sys.argv[2:], "
           "stdout=subprocess.PIPE if tail else subprocess.DEVNULL); "
           "e = time.perf_counter() - t; r = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(e, r.ru_maxrss, r.ru_utime + r.ru_stime, p.returncode); "
           "tail and print(p.stdout.decode('utf-8', 'replace').strip().rpartition('\\n')[2])")


@dataclass(frozen=True, slots=True)
class Sample:
    seconds: float       # wall time
    peak_mb: float       # peak RSS of the largest of its processes
    cpu_seconds: float   # user and system time of all its processes
    last_line: str = ""  # what it printed last, when asked for


def environment(cache_dir: str | None = None) -> dict[str, str]:
    """The environment of a measured command: as an installed tool runs, with bytecode caches
    (a first run writes them), and with its caches in `cache_dir` when given (the benchmark's own,
    so that a user's cache is neither used nor filled)."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("GITHUB_ACTIONS", None)
    env.pop("NOTICE_LINT_NO_CACHE", None)
    if cache_dir is not None:
        env["NOTICE_LINT_CACHE_DIR"] = cache_dir
    return env


def run_once(command: Sequence[str], env: Mapping[str, str], *, tail: bool = False) -> Sample:
    """One run of `command`, its output thrown away (`tail`: all but its last line); a crash
    (exit status 2 or more) stops the benchmark, since its time would measure nothing."""
    lines = subprocess.run([sys.executable, "-c", MEASURE, "tail" if tail else "-", *command],
                           capture_output=True, text=True, env=dict(env),
                           check=True).stdout.split("\n")
    out = lines[0].split()
    status = int(out[3])
    if status not in (0, 1):
        sys.exit(f"benchmark: exit status {status} from: {' '.join(command)}")
    return Sample(seconds=float(out[0]), peak_mb=int(out[1]) / 1024, cpu_seconds=float(out[2]),
                  last_line=lines[1] if tail else "")


def in_turns(commands: Mapping[str, Sequence[str]], runs: int,
             env: Mapping[str, str]) -> dict[str, list[Sample]]:
    """Each command once per round, `runs` rounds (A, B, A, B ...): on a machine whose load comes
    and goes, a ratio of two runs made moments apart is the figure to trust."""
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            samples[name].append(run_once(command, env))
    return samples


def median_seconds(samples: Sequence[Sample]) -> float:
    return statistics.median(s.seconds for s in samples)


def median_ratio(numerators: Sequence[Sample], denominators: Sequence[Sample]) -> float:
    """The median over rounds of one command's time divided by the other's, same round."""
    return statistics.median(a.seconds / b.seconds
                             for a, b in zip(numerators, denominators, strict=True))


def load_average() -> float | None:
    """The machine's load over the last minute (None where the system does not say)."""
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):
        return None
