"""The benchmark's inputs, generated on first use under benchmarks/corpus/ (git-ignored)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
DRAFTS_SEED = 16  # the 20,000 drafts: not the corpus's seed (7), so they are other notices


@dataclass(frozen=True, slots=True)
class Corpora:
    notices: Path      # 2,000 notices, about 16 MB
    big5: Path         # one 5 MB notice
    big50: Path        # one 50 MB notice
    one_line: Path     # 2 MB on a single line
    drafts: Path       # 20,000 drafts, about 190 MB: the archive run's memory

    def files(self) -> list[Path]:
        return sorted(self.notices.glob("*.txt"))

    def megabytes(self) -> float:
        return sum(f.stat().st_size for f in self.files()) / 1e6


def ensure(root: Path, *, drafts: bool) -> Corpora:
    """The corpora under `root`, each generated when missing (the drafts only when asked for:
    they take a minute and 190 MB)."""
    corpora = Corpora(root / "notices", root / "single-5mb.txt", root / "single-50mb.txt",
                      root / "one-line-2mb.txt", root / "drafts-20k")
    generate = [sys.executable, str(HERE / "generate.py")]
    if not corpora.notices.is_dir():
        subprocess.run([*generate, str(corpora.notices)], check=True)
    for path, extra in ((corpora.big5, ["--single-mb", "5"]),
                        (corpora.big50, ["--single-mb", "50"]),
                        (corpora.one_line, ["--single-mb", "2", "--one-line"])):
        if not path.is_file():
            subprocess.run([*generate, str(path), *extra], check=True)
    if drafts and len(list(corpora.drafts.glob("*.txt"))) != 20_000:
        partial = corpora.drafts.with_name(corpora.drafts.name + ".partial")
        shutil.rmtree(partial, ignore_errors=True)
        subprocess.run([*generate, str(partial), "--files", "20000", "--seed", str(DRAFTS_SEED)],
                       check=True)
        shutil.rmtree(corpora.drafts, ignore_errors=True)
        partial.rename(corpora.drafts)  # an interrupted generation is never taken for a whole one
    return corpora


def subset(files: list[Path], count: int, folder: Path) -> Path:
    """The first `count` files (all when 0) copied into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in files[:count] if count else files:
        shutil.copyfile(path, folder / path.name)
    return folder
