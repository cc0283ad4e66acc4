"""Instructions per notice under valgrind's callgrind: a figure that does not move with the load."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

BASELINE_PER_NOTICE = 9.6e6  # issue 16: --jobs 1 on the benchmark corpus before its work


def have_valgrind() -> bool:
    return shutil.which("valgrind") is not None


def instructions(command: Sequence[str], env: Mapping[str, str]) -> int:
    """Instructions (Ir) executed by `command`, one process, under callgrind."""
    with tempfile.TemporaryDirectory(prefix="notice-lint-callgrind-") as scratch:
        out = Path(scratch, "callgrind.out")
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}",
                               *command], env=dict(env), stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True)
        if done.returncode not in (0, 1):  # a rule past its time budget under valgrind's
            # slowness, say: fewer instructions, for less work
            last = done.stderr.strip().rpartition("\n")[2]
            raise RuntimeError(f"exit status {done.returncode} under callgrind: "
                               f"{' '.join(command)}: {last}")
        found = re.search(r"^(?:summary|totals): (\d+)", out.read_text(), re.MULTILINE)
        if found is None:
            raise RuntimeError(f"callgrind gave no total for: {' '.join(command)}")
        return int(found.group(1))


def per_notice(lint: Sequence[str], folder: Path, small: Path, notices: int,
               env: Mapping[str, str]) -> float:
    """Ir of linting `folder` (`notices` drafts, --jobs 1) less Ir of one small draft (start-up,
    imports, the patterns compiled on first use), divided by `notices`.

    The rules run without a time budget: its timer signal, queued by valgrind, can arrive after
    the run has put back the default handler and end the process ("Alarm clock")."""
    with tempfile.TemporaryDirectory(prefix="notice-lint-callgrind-config-") as scratch:
        config = Path(scratch, "notice-lint.yaml")
        config.write_text("rule-timeout: 0\n", encoding="utf-8")
        command = [*lint, "--config", str(config), "--jobs", "1"]
        run = instructions([*command, str(folder)], env)
        alone = instructions([*command, str(small)], env)
    return (run - alone) / notices
