"""A long fuzz run: the property tests of tests/test_robustness.py with a large budget.

    python benchmarks/fuzz.py [EXAMPLES_PER_PROPERTY]   (default 10000; four properties)

Prints the number of inputs tried per property and any falsifying example pytest reports.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROPERTIES = ["test_any_bytes", "test_any_text", "test_notice_like_text_in_any_encoding",
              "test_damaged_copies_of_a_real_notice", "test_hostile_word_files",
              "test_misbehaving_rules", "test_misbehaving_plugins_through_the_command_line"]


def main() -> int:
    examples = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    env = {**os.environ, "NOTICE_LINT_FUZZ_EXAMPLES": str(examples)}
    status = 0
    for name in PROPERTIES:
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                               "--hypothesis-show-statistics",
                               f"tests/test_robustness.py::{name}"],
                              cwd=ROOT, env=env, capture_output=True, text=True)
        elapsed = time.perf_counter() - started
        tried = [line.strip() for line in proc.stdout.splitlines() if " passing, " in line]
        print(f"{name}: {'ok' if proc.returncode == 0 else 'FAILED'} in {elapsed:.0f} s; "
              f"{tried[0] if tried else ''}")
        if proc.returncode:
            status = 1
            print(proc.stdout[-3000:])
    return status


if __name__ == "__main__":
    raise SystemExit(main())
