"""The notice-lint benchmark: issue 16's figures, in one run, as ratios against its targets.

    python benchmarks/run.py [--runs 5] [--notice-lint PATH] [--corpus DIR] [--compare PATH]
                             [--callgrind-notices N] [--only GROUP,...]

Groups (all by default): startup, throughput (--jobs 1, --jobs 2, autocorrect's Python package),
cache (cold, warm, one byte changed), instructions (callgrind), memory (the 50 MB notice, 20,000
drafts as JSON, linearity), html (the HTML report of the corpus: its size and peak memory; of
the 20,000 drafts too once they were generated); only when named: threshold (--jobs 2 against
--jobs 1 on 16 to 256 notices: where worker processes start to pay, linter/run.py's
PARALLEL_FROM).

The corpus is generated on first use (benchmarks/generate.py: 2,000 notices, about 16 MB, single
notices of 5 and 50 MB, 20,000 drafts for the memory group). Times are medians of --runs runs;
commands compared are run in turns (A, B, A, B ...) and their ratio is the median of the ratios
of each round. Every lint run but the cache group's passes --no-cache when the tool has it, so it
measures linting; all keep their caches in a temporary directory of the benchmark's own
(NOTICE_LINT_CACHE_DIR), never the user's. --compare PATH measures another notice-lint (an older
install) in turns with this one: start-up, --jobs 1, and instructions per notice on the same
drafts. The last line is every figure as JSON, with PASS/FAIL per target.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

import autocorrect_peer
import html_report
import instructions
from cache_runs import cache_runs, supports_cache
from corpora import HERE, Corpora, ensure, subset
from measure import environment, in_turns, load_average, median_ratio, median_seconds, run_once
from targets import load_targets

GROUPS = ("startup", "throughput", "cache", "instructions", "memory", "html")
EXTRA_GROUPS = ("threshold",)  # only when asked for
THRESHOLD_NOTICES = (16, 32, 64, 128, 256)
Row = tuple[str, str, str, str | None]   # name, value, detail, the figure judged by a target


class Bench:
    """One benchmark run: the tool, its inputs and what has been found so far."""

    def __init__(self, args: argparse.Namespace, tool: str, corpora: Corpora, scratch: Path):
        self.args, self.tool, self.corpora, self.scratch = args, tool, corpora, scratch
        self.runs = args.runs
        self.env = environment(str(scratch / "cache"))
        self.cached = supports_cache(tool, self.env)
        self.lint = lint_command(tool, self.cached)
        self.python = str(Path(tool).resolve().parent / "python")
        self.small = HERE.parent / "examples" / "clean.txt"
        self.files = corpora.files()
        self.mb = corpora.megabytes()
        self.figures: dict[str, float] = {}
        self.rows: list[Row] = []
        self.notes: list[str] = []

    def startup(self) -> None:
        """The floor, then one small draft, in turns, as a user runs it: the default settings
        (a run over one file does not use the result cache, so a draft new to it and one seen
        before start the same; the cache group measures a run over many)."""
        floor = [self.python, "-c", "import yaml, regex, pluggy"]
        default = [c for c in self.lint if c != "--no-cache"]
        commands = {"floor": floor, "small": [*default, str(self.small)]}
        got = in_turns(commands, self.runs * 2, self.env)
        ratio = median_ratio(got["small"], got["floor"])
        self.figures |= {"startup_s": median_seconds(got["small"]),
                         "floor_s": median_seconds(got["floor"]), "startup_ratio": ratio}
        self.rows.append(("start-up, one small draft", f"{ratio:.2f}x",
                          f"{median_seconds(got['small']) * 1000:.0f} ms, default settings, "
                          f"floor `python -c \"import yaml, regex, pluggy\"` "
                          f"{median_seconds(got['floor']) * 1000:.0f} ms", "startup_ratio"))

    def throughput(self) -> None:
        corpus = str(self.corpora.notices)
        commands = {"jobs1": [*self.lint, "--jobs", "1", corpus],
                    "jobs2": [*self.lint, "--jobs", "2", corpus]}
        peer = autocorrect_peer.available(self.python)
        if peer:
            commands["autocorrect"] = autocorrect_peer.command(self.python, self.corpora.notices)
        else:
            self.notes.append("autocorrect: not installed beside this notice-lint "
                              "(pip install -e '.[bench]'); its row is skipped")
        got = in_turns(commands, self.runs, self.env)
        one, two = median_seconds(got["jobs1"]), median_seconds(got["jobs2"])
        speedup = median_ratio(got["jobs1"], got["jobs2"])
        cpu_one = statistics.median(s.cpu_seconds for s in got["jobs1"])
        cpu_two = statistics.median(s.cpu_seconds for s in got["jobs2"])
        self.figures |= {"jobs1_s": one, "jobs1_mb_s": self.mb / one, "jobs2_s": two,
                         "jobs2_mb_s": self.mb / two, "jobs2_speedup": speedup,
                         "jobs1_cpu_s": cpu_one, "jobs2_cpu_s": cpu_two,
                         "rss_corpus_mb": max(s.peak_mb for s in got["jobs1"] + got["jobs2"])}
        self.rows += [
            ("corpus, --jobs 1", f"{self.mb / one:.1f} MB/s",
             f"{len(self.files) / one:.0f} files/s, {one:.2f} s, CPU {cpu_one:.2f} s", None),
            ("corpus, --jobs 2 / --jobs 1", f"{speedup:.2f}x",
             f"{self.mb / two:.1f} MB/s, {two:.2f} s, CPU of all processes {cpu_two:.2f} s "
             f"({cpu_two / cpu_one:.2f}x --jobs 1's)", "jobs2_speedup")]
        if peer:
            theirs = median_seconds(got["autocorrect"])
            ratio = median_ratio(got["autocorrect"], got["jobs1"])  # throughput ours/theirs
            self.figures |= {"autocorrect_s": theirs, "autocorrect_mb_s": self.mb / theirs,
                             "vs_autocorrect": ratio}
            self.rows.append(("--jobs 1 / autocorrect-py", f"{ratio:.2f}x",
                              f"autocorrect {self.mb / theirs:.1f} MB/s ({theirs:.2f} s), "
                              "one process each", "vs_autocorrect"))

    def cache(self) -> None:
        if not self.cached:
            self.notes.append("cache: not supported by this notice-lint")
            return
        # the cache on, as a user runs it; the summary (in English) says what came from it
        lint = [*lint_command(self.tool, False), "--lang", "en"]
        lint.remove("--quiet")
        got = cache_runs(lint, self.corpora.notices, self.runs, self.env)
        speedup = median_ratio(got.cold, got.warm)
        changed = median_seconds(got.changed)
        relinted, again = got.linted(got.changed), got.linted(got.warm)
        self.figures |= {"cold_s": median_seconds(got.cold), "warm_s": median_seconds(got.warm),
                         "warm_speedup": speedup, "changed_s": changed}
        if relinted is not None and again is not None:
            self.figures |= {"changed_relinted": relinted, "warm_relinted": again}
        else:
            self.notes.append("cache: the summary does not say how many files came from the "
                              "cache; what the changed run relinted is not known")
        self.rows += [
            ("corpus, cold / warm (cached)", f"{speedup:.2f}x",
             f"cold {median_seconds(got.cold):.2f} s, warm {median_seconds(got.warm):.3f} s "
             f"(default --jobs), files the warm run linted: {_unknown(again)}", "warm_speedup"),
            ("warm, one file changed by one byte", f"{_unknown(relinted)} linted",
             f"{changed:.3f} s, {median_ratio(got.changed, got.warm):.2f}x the warm run",
             "changed_relinted")]

    def instructions(self) -> None:
        if not instructions.have_valgrind():
            self.notes.append("instructions: valgrind is not on PATH; skipped")
            return
        count = self.args.callgrind_notices
        folder = subset(self.files, count, self.scratch / "callgrind")
        notices = len(list(folder.glob("*.txt")))
        which = f"the first {notices} notices" if count else f"all {notices} notices"
        ours = instructions.per_notice(self.lint, folder, self.small, notices, self.env)
        self.figures |= {"instructions_per_notice_m": ours / 1e6, "instructions_notices": notices,
                         "instructions_vs_issue": ours / instructions.BASELINE_PER_NOTICE}
        self.rows.append(("instructions per notice", f"{ours / 1e6:.2f} M",
                          f"{which}, {ours / instructions.BASELINE_PER_NOTICE:.2f}x the issue's "
                          "9.6 M (the whole corpus before its work)",
                          "instructions_per_notice_m"))
        if self.args.compare:
            other = lint_command(self.args.compare, supports_cache(self.args.compare, self.env))
            theirs = instructions.per_notice(other, folder, self.small, notices, self.env)
            self.figures |= {"compare_instructions_per_notice_m": theirs / 1e6,
                             "instructions_vs_compare": ours / theirs}
            self.rows.append(("instructions against --compare", f"{ours / theirs:.2f}x",
                              f"{theirs / 1e6:.2f} M per notice there, {which}",
                              "instructions_vs_compare"))

    def memory(self) -> None:
        big5, big50, line2 = self.corpora.big5, self.corpora.big50, self.corpora.one_line
        fifty = run_once([*self.lint, str(big50)], self.env)
        five = in_turns({"five": [*self.lint, str(big5)]}, max(1, self.runs // 2), self.env)
        line = in_turns({"line": [*self.lint, str(line2)]}, max(1, self.runs // 2), self.env)
        json20k = [*lint_command(self.tool, self.cached, fmt="json"), str(self.corpora.drafts)]
        drafts = run_once(json20k, self.env)
        mb50, mb5, mb_line = (p.stat().st_size / 1e6 for p in (big50, big5, line2))
        s5, s_line = median_seconds(five["five"]), median_seconds(line["line"])
        self.figures |= {"peak_mb_50mb_notice": fifty.peak_mb, "s_50mb_notice": fifty.seconds,
                         "peak_mb_20k_json": drafts.peak_mb, "s_20k_json": drafts.seconds,
                         "s_per_mb_5": s5 / mb5, "s_per_mb_50": fifty.seconds / mb50,
                         "s_per_mb_one_line": s_line / mb_line}
        self.rows += [
            ("50 MB notice, peak RSS", f"{fifty.peak_mb:.0f} MB",
             f"{fifty.seconds:.1f} s, {fifty.seconds / mb50:.3f} s/MB", "peak_mb_50mb_notice"),
            ("20,000 drafts, --format json, peak RSS", f"{drafts.peak_mb:.0f} MB",
             f"{drafts.seconds:.1f} s, the largest of its processes (default --jobs)",
             "peak_mb_20k_json"),
            ("5 MB notice", f"{s5:.2f} s", f"{s5 / mb5:.3f} s/MB", None),
            ("2 MB on a single line", f"{s_line:.2f} s", f"{s_line / mb_line:.3f} s/MB", None)]
        if "jobs1_s" in self.figures:  # s/MB against the corpus's: a growing ratio is quadratic
            per_mb = self.figures["jobs1_s"] / self.mb
            self.figures["linearity_50"] = fifty.seconds / mb50 / per_mb
            self.rows.append(("linearity: s/MB against the corpus's",
                              f"{fifty.seconds / mb50 / per_mb:.2f}",
                              f"50 MB notice; 5 MB {s5 / mb5 / per_mb:.2f}, 2 MB on one line "
                              f"{s_line / mb_line / per_mb:.2f}", None))

    def html(self) -> None:
        figures, rows = html_report.measure(self.lint, self.corpora.notices, self.corpora.drafts,
                                            self.scratch, self.env)
        self.figures |= figures
        self.rows += rows

    def threshold(self) -> None:
        """Where worker processes start to pay: --jobs 2 against --jobs 1 on the first N notices,
        in turns (linter/run.py's PARALLEL_FROM; needs an idle machine)."""
        for count in THRESHOLD_NOTICES:
            folder = subset(self.files, count, self.scratch / f"first-{count}")
            kb = sum(f.stat().st_size for f in folder.glob("*.txt")) / 1e3
            got = in_turns({"one": [*self.lint, "--jobs", "1", str(folder)],
                            "two": [*self.lint, "--jobs", "2", str(folder)]}, self.runs * 2,
                           self.env)
            ratio = median_ratio(got["two"], got["one"])
            self.figures[f"threshold_{count}"] = ratio
            self.rows.append((f"--jobs 2 / --jobs 1 time, {count} notices", f"{ratio:.2f}x",
                              f"{kb:.0f} KB; below 1: processes pay", None))

    def compare(self) -> None:
        other_tool = self.args.compare
        other = lint_command(other_tool, supports_cache(other_tool, self.env))
        run_once([*other, str(self.small)], self.env)  # its bytecode
        corpus = str(self.corpora.notices)
        got = in_turns({"theirs": [*other, str(self.small)], "ours": [*self.lint, str(self.small)],
                        "theirs1": [*other, "--jobs", "1", corpus],
                        "ours1": [*self.lint, "--jobs", "1", corpus]}, self.runs, self.env)
        start, one = median_ratio(got["ours"], got["theirs"]), median_ratio(got["ours1"],
                                                                             got["theirs1"])
        self.figures |= {"compare_startup_ratio": start, "compare_jobs1_time_ratio": one}
        self.rows += [("start-up against --compare", f"{start:.2f}x",
                       f"this one's time / {other_tool}'s, in turns", None),
                      ("--jobs 1 against --compare", f"{one:.2f}x",
                       f"this one's time / {other_tool}'s on the corpus, in turns", None)]


def lint_command(tool: str, no_cache: bool, fmt: str | None = None) -> list[str]:
    """A lint run whose exit status is 0 and whose findings are not counted; the 5 and 50 MB
    notices are past the default --max-file-size (1 MB), so it is raised for all."""
    command = [tool, "--quiet", "--fail-on", "never", "--max-file-size", "64"]
    if fmt:
        command += ["--format", fmt]
    return [*command, "--no-cache"] if no_cache else command


def report(bench: Bench, groups: list[str], load: tuple[float | None, float | None]) -> None:
    targets = load_targets()
    verdicts = {name: target.judge(bench.figures) for name, target in targets.items()}
    print(f"notice-lint benchmark: {bench.tool}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, medians of {bench.runs} runs; groups: {', '.join(groups)}")
    print(f"corpus: {len(bench.files)} notices, {bench.mb:.1f} MB; load average "
          f"{_load(load[0])} before, {_load(load[1])} after (parallel ratios need an idle "
          "machine)\n")
    width = max(len(row[0]) for row in bench.rows)
    for name, value, detail, figure in bench.rows:
        judged = (f"  [{targets[figure].text()}: {verdicts[figure]}]"
                  if figure in targets else "")
        print(f"{name:<{width}}  {value:>12}  {detail}{judged}")
    for note in bench.notes:
        print(f"note: {note}")
    print()
    for name, target in targets.items():
        print(f"{verdicts[name]:<4}  {target.says}")
    rounded = {k: round(v, 4) for k, v in bench.figures.items()}
    print("\n" + json.dumps({**rounded, "verdicts": verdicts}))


def _load(value: float | None) -> str:
    return "?" if value is None else f"{value:.2f}"


def _unknown(count: int | None) -> str:
    return "?" if count is None else str(count)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--notice-lint", default=None,
                        help="the notice-lint to measure (default: the one beside this Python)")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--compare", default=None, metavar="PATH",
                        help="another notice-lint to measure in turns with this one")
    parser.add_argument("--callgrind-notices", type=int, default=0, metavar="N",
                        help="instructions: the first N notices of the corpus, sorted (default 0: "
                             "all; a subset is quicker, but its one-off costs weigh more)")
    parser.add_argument("--only", default=",".join(GROUPS), help="the groups to run")
    args = parser.parse_args()
    groups = [g for g in args.only.split(",") if g]
    if unknown := set(groups) - set(GROUPS) - set(EXTRA_GROUPS):
        parser.error(f"unknown group(s) {', '.join(sorted(unknown))}; known: "
                     f"{', '.join(GROUPS + EXTRA_GROUPS)}")
    tool = args.notice_lint or shutil.which("notice-lint", path=str(Path(sys.executable).parent))
    if not tool:
        sys.exit("notice-lint is not installed beside this Python; give --notice-lint PATH")
    corpora = ensure(args.corpus, drafts="memory" in groups)
    with tempfile.TemporaryDirectory(prefix="notice-lint-bench-") as scratch:
        bench = Bench(args, tool, corpora, Path(scratch))
        run_once([*bench.lint, str(bench.small)], bench.env)  # bytecode, the rule data cache
        before = load_average()
        for group in groups:
            getattr(bench, group)()
        if args.compare:
            bench.compare()
        report(bench, groups, (before, load_average()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
