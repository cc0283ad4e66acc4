"""The HTML report's figures (issue 17): its size on the corpus and the peak memory making it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from measure import run_once

Row = tuple[str, str, str, str | None]


def measure(lint: Sequence[str], corpus: Path, drafts: Path, scratch: Path,
            env: Mapping[str, str]) -> tuple[dict[str, float], list[Row]]:
    """One report of the corpus (2,000 notices), and of the 20,000 drafts once they were
    generated (by the memory group): the drafts' sections are spooled to a temporary file, so
    the peak should not grow with the number of drafts."""
    figures: dict[str, float] = {}
    rows: list[Row] = []
    runs = [("corpus", corpus, "2,000 notices")]
    if drafts.is_dir():   # generate.py writes it under another name until it is whole
        runs.append(("20k", drafts, "20,000 drafts"))
    for key, folder, label in runs:
        out = scratch / f"report-{key}.html"
        sample = run_once([*lint, "--format", "html", "--output", str(out), str(folder)], env)
        mb = out.stat().st_size / 1e6
        out.unlink()
        figures |= {f"html_mb_{key}": mb, f"peak_mb_html_{key}": sample.peak_mb,
                    f"s_html_{key}": sample.seconds}
        rows += [(f"HTML report, {label}", f"{mb:.2f} MB",
                  f"{sample.seconds:.1f} s, one self-contained page", f"html_mb_{key}"),
                 (f"HTML report, {label}, peak RSS", f"{sample.peak_mb:.0f} MB",
                  "one process (the page shows the drafts' text)", f"peak_mb_html_{key}")]
    return figures, rows
