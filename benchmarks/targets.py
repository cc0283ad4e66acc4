"""Issue 16's targets (targets.yaml) judged against the figures of one benchmark run."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
BOUNDS = {"at_least": ">=", "at_most": "<=", "below": "<", "equals": "=="}


@dataclass(frozen=True, slots=True)
class Target:
    figure: str
    bound: str     # one of BOUNDS' values
    value: float
    says: str

    def judge(self, figures: Mapping[str, float]) -> str:
        """PASS or FAIL; SKIP when the run did not measure the figure."""
        if self.figure not in figures:
            return "SKIP"
        got = figures[self.figure]
        passed = {">=": got >= self.value, "<=": got <= self.value, "<": got < self.value,
                  "==": got == self.value}[self.bound]
        return "PASS" if passed else "FAIL"

    def text(self) -> str:
        return f"target {self.bound} {self.value:g}"


def load_targets(path: Path = HERE / "targets.yaml") -> dict[str, Target]:
    targets = {}
    for entry in yaml.safe_load(path.read_text(encoding="utf-8")):
        (key,) = (k for k in entry if k in BOUNDS)
        targets[entry["figure"]] = Target(entry["figure"], BOUNDS[key], float(entry[key]),
                                          entry["says"])
    return targets
