"""The notice-lint benchmark: start-up, throughput, linearity and memory, in one run.

    python benchmarks/run.py [--runs 5] [--notice-lint PATH] [--corpus DIR] [--compare PATH]

Generates the corpus on first use (benchmarks/generate.py: 2000 synthetic notices, about 16 MB,
plus one 5 MB and one 50 MB notice) and prints medians of --runs runs with their ratios to the
targets. Commands run as an installed tool does: with bytecode caches (a first run writes them).
--compare PATH measures another notice-lint (an older install) in turns with this one: start-up
and --jobs 1 on the corpus, as ratios this/that.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
MEASURE = ("import resource, subprocess, sys, time; t = time.perf_counter(); "
           "p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); "
           "e = time.perf_counter() - t; "
           "print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, p.returncode)")


def environment() -> dict:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed tool has its bytecode caches
    env.pop("GITHUB_ACTIONS", None)
    return env


def measure(command: list[str], runs: int) -> tuple[float, float]:
    """(median seconds, peak RSS in MB over the runs) of a command and all its processes."""
    times, peaks = [], []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                             text=True, env=environment(), check=True).stdout.split()
        times.append(float(out[0]))
        peaks.append(int(out[1]) / 1024)
    return statistics.median(times), max(peaks)


def measure_pair(first: list[str], second: list[str], runs: int) -> tuple[float, float, float]:
    """(median seconds of each, median of their ratios second/first), run in turns: on a
    machine whose load comes and goes, each ratio compares two runs made moments apart."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(runs):
        for command, out in zip((first, second), times, strict=True):
            out.append(measure(command, 1)[0])
    ratios = [b / a for a, b in zip(*times, strict=True)]
    return statistics.median(times[0]), statistics.median(times[1]), statistics.median(ratios)


def one_pass_scan(files: list[Path], runs: int) -> float:
    """Seconds to read, decode and scan every file once with one regex of all confusables."""
    import regex
    import yaml
    data = yaml.safe_load((HERE.parent / "configs" / "confusables.yaml").read_text("utf-8"))
    words = sorted({e["wrong"] for e in data["entries"] if "wrong" in e}, key=len, reverse=True)
    patterns = [e["pattern"] for e in data["entries"] if "pattern" in e]
    combined = regex.compile("|".join([*map(regex.escape, words), *patterns]))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for path in files:
            sum(1 for _ in combined.finditer(path.read_bytes().decode("utf-8")))
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--notice-lint", default=None,
                        help="the notice-lint to measure (default: the one beside this Python)")
    parser.add_argument("--corpus", type=Path, default=HERE / "corpus")
    parser.add_argument("--compare", default=None, metavar="PATH",
                        help="another notice-lint to measure in turns with this one")
    args = parser.parse_args()
    tool = args.notice_lint or shutil.which("notice-lint", path=str(Path(sys.executable).parent))
    if not tool:
        sys.exit("notice-lint is not installed beside this Python; give --notice-lint PATH")
    python = str(Path(tool).resolve().parent / "python")
    corpus = args.corpus / "notices"
    big5, big50 = args.corpus / "single-5mb.txt", args.corpus / "single-50mb.txt"
    line2 = args.corpus / "one-line-2mb.txt"
    generate = [sys.executable, str(HERE / "generate.py")]
    if not corpus.is_dir():
        subprocess.run([*generate, str(corpus)], check=True)
    if not big5.is_file():
        subprocess.run([*generate, str(big5), "--single-mb", "5"], check=True)
    if not big50.is_file():
        subprocess.run([*generate, str(big50), "--single-mb", "50"], check=True)
    if not line2.is_file():
        subprocess.run([*generate, str(line2), "--single-mb", "2", "--one-line"], check=True)
    files = sorted(corpus.glob("*.txt"))
    corpus_mb = sum(f.stat().st_size for f in files) / 1e6
    small = HERE.parent / "examples" / "clean.txt"
    # the 5 and 50 MB notices are past the default --max-file-size (1 MB): raised for them
    lint = [tool, "--quiet", "--fail-on", "never", "--max-file-size", "64"]
    subprocess.run([*lint, str(small)], env=environment(), capture_output=True)  # bytecode

    runs = args.runs
    floor, start, start_ratio = measure_pair([python, "-c", "import yaml, regex, pluggy"],
                                             [*lint, str(small)], runs * 2)
    # --jobs 1 and the one-pass scan in turns, for the same reason as the start-up pair
    ones, scans, rss_one = [], [], 0.0
    for _ in range(runs):
        seconds, rss = measure([*lint, "--jobs", "1", str(corpus)], 1)
        ones.append(seconds)
        rss_one = max(rss_one, rss)
        scans.append(one_pass_scan(files, 1))
    one, scan = statistics.median(ones), statistics.median(scans)
    share = statistics.median(s / o for s, o in zip(scans, ones, strict=True))
    two, rss_two = measure([*lint, "--jobs", "2", str(corpus)], runs)
    five, _ = measure([*lint, str(big5)], max(1, runs // 2))
    fifty, rss_fifty = measure([*lint, str(big50)], 1)
    oneline, _ = measure([*lint, str(line2)], max(1, runs // 2))
    if args.compare:
        other = [args.compare, *lint[1:]]
        subprocess.run([*other, str(small)], env=environment(), capture_output=True)
        # in turns, so both see the same load: ratios of runs made moments apart
        _, _, vs_start = measure_pair([*other, str(small)], [*lint, str(small)], runs * 2)
        _, _, vs_one = measure_pair([*other, "--jobs", "1", str(corpus)],
                                    [*lint, "--jobs", "1", str(corpus)], runs)
    mb_line = line2.stat().st_size / 1e6
    mb5, mb50 = big5.stat().st_size / 1e6, big50.stat().st_size / 1e6
    per_mb = one / corpus_mb

    results = {
        "startup_s": start, "floor_s": floor, "startup_ratio": start_ratio,
        "jobs1_mb_s": corpus_mb / one, "jobs1_files_s": len(files) / one,
        "jobs2_mb_s": corpus_mb / two, "jobs2_files_s": len(files) / two,
        "scan_mb_s": corpus_mb / scan, "share_of_scan": share,
        "s_per_mb_corpus": per_mb, "s_per_mb_5": five / mb5, "s_per_mb_50": fifty / mb50,
        "linearity_50": (fifty / mb50) / per_mb, "s_per_mb_one_line": oneline / mb_line,
        "rss_corpus_mb": max(rss_one, rss_two),
        "rss_50_mb": rss_fifty,
    }
    if args.compare:
        results |= {"compare_startup_ratio": vs_start, "compare_jobs1_time_ratio": vs_one}
    print(f"notice-lint benchmark: {Path(tool)}, Python {sys.version.split()[0]}, "
          f"{os.cpu_count()} CPUs, medians of {runs} runs")
    print(f"corpus: {len(files)} notices, {corpus_mb:.1f} MB; single notices: {mb5:.1f} MB, "
          f"{mb50:.1f} MB\n")
    rows = [
        ("start-up, one small draft", f"{start * 1000:.0f} ms",
         f"floor `python -c \"import yaml, regex, pluggy\"` {floor * 1000:.0f} ms, "
         f"ratio {start_ratio:.2f}x", "target <= 2x"),
        ("corpus, --jobs 1", f"{corpus_mb / one:.1f} MB/s",
         f"{len(files) / one:.0f} files/s, {one:.2f} s", "target >= 12 MB/s"),
        ("corpus, --jobs 2", f"{corpus_mb / two:.1f} MB/s",
         f"{len(files) / two:.0f} files/s, {two:.2f} s", "target >= 20 MB/s"),
        ("one-pass regex scan of all confusables", f"{corpus_mb / scan:.1f} MB/s",
         f"--jobs 1 is 1/{1 / share:.1f} of it",
         "target >= 1/10"),
        ("5 MB notice", f"{five:.2f} s", f"{five / mb5:.3f} s/MB, corpus {per_mb:.3f} s/MB, "
         f"ratio {(five / mb5) / per_mb:.2f}", ""),
        ("50 MB notice", f"{fifty:.2f} s", f"{fifty / mb50:.3f} s/MB, ratio to the corpus "
         f"{(fifty / mb50) / per_mb:.2f}", "target <= 1.3"),
        ("2 MB on a single line", f"{oneline:.2f} s", f"{oneline / mb_line:.3f} s/MB, ratio to "
         f"the corpus {(oneline / mb_line) / per_mb:.2f}", "linear"),
        ("peak RSS per process", f"{max(rss_one, rss_two):.0f} MB",
         f"corpus (--jobs 1 {rss_one:.0f} MB, --jobs 2 {rss_two:.0f} MB); 50 MB notice "
         f"{rss_fifty:.0f} MB", "target <= 80 MB on the corpus"),
    ]
    if args.compare:
        rows += [
            ("start-up against --compare", f"{vs_start:.2f}x",
             f"this one's time / {args.compare}'s, measured in turns",
             "the target is the floor ratio above"),
            ("--jobs 1 against --compare", f"{vs_one:.2f}x",
             f"this one's time / {args.compare}'s on the corpus, in turns", "no worse: <= 1"),
        ]
    width = max(len(r[0]) for r in rows)
    for name, value, detail, target in rows:
        print(f"{name:<{width}}  {value:>10}  {detail}  [{target}]" if target else
              f"{name:<{width}}  {value:>10}  {detail}")
    print("\n" + json.dumps({k: round(v, 4) for k, v in results.items()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
