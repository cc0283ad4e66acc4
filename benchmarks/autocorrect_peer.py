"""autocorrect's Python package (PyPI autocorrect-py) linting a folder of drafts, as its CLI would.

    python benchmarks/autocorrect_peer.py DIR

Each .txt file in DIR, sorted, is read and linted for its file name (`lint_for(text, path)`,
what `autocorrect --lint` does per file), in one process; prints how many lines it would change.
An optional benchmark dependency: `pip install -e '.[bench]'`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PACKAGE = "autocorrect_py"


def available(python: str) -> bool:
    """Whether `python` can import autocorrect's package."""
    return subprocess.run([python, "-c", f"import {PACKAGE}"], capture_output=True).returncode == 0


def command(python: str, folder: Path) -> list[str]:
    return [python, str(Path(__file__).resolve()), str(folder)]


def main() -> int:
    import autocorrect_py  # only here: the benchmark itself runs without it

    changed = 0
    for path in sorted(Path(sys.argv[1]).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        changed += len(autocorrect_py.lint_for(text, str(path)).lines)
    print(changed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
