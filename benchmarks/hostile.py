"""Hostile-but-plausible large drafts, each rule timed alone at doubling sizes: finds superlinear rules.

    python benchmarks/hostile.py [--sizes 256,512,1024,2048,4096] [--inputs NAME,...]
                                 [--rules RULE,...|ALL] [--word N,N,...] [--code DIR]
                                 [--timeout 120] [--json FILE]

Each input is a shape a real draft could take, blown up (one huge line, 100,000 short lines,
50,000 headings, 20,000 dates, deep quotes, ...), set in the middle of a correct notice so that
every rule meets it. For every rule, `notice-lint --select RULE` runs on the input at each size
(KB, doubled) under a time limit and a 4 GB address-space limit, and the table gives the seconds,
the peak memory and the ratio of each doubling: about 2 is linear, about 4 quadratic. A rule
stops growing on an input once a run takes more than a quarter of the limit. `--code DIR` times
another checkout (for before/after tables): its `linter` and `checks` come first on the path.
`--word 1000,2000,4000` times `annotate` instead, on Word drafts with that many findings (one a
paragraph, or all in one paragraph).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
NOTICE = (HERE.parent / "examples" / "clean.txt").read_text("utf-8")
# the hostile block goes where a notice's problems are listed, so every rule reads it
ANCHOR = "二、巡察反馈问题整改进展情况\n\n"
DIGITS = "零一二三四五六七八九"
CONTACT = ("联系电话：0745-4321876；通讯地址：云溪县城关镇建设路18号（邮编：418300）；"
           "电子邮箱：yxzrzyj@163.com。\n")


def chinese(n: int) -> str:
    """1 → 一, 12 → 十二, 305 → 三百零五, 120000 → 十二万 (below 10⁸: enough for any size here)."""
    if n >= 10000:
        high, low = divmod(n, 10000)
        rest = "" if not low else ("零" if low < 1000 else "") + _below_10000(low, leading=False)
        return chinese(high) + "万" + rest
    return _below_10000(n, leading=True)


def _below_10000(n: int, leading: bool) -> str:
    if n < 10:
        return DIGITS[n]
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十")):
        digit, n = divmod(n, value)
        if digit:
            one = leading and not out and unit == "十" and digit == 1  # 十二, not 一十二
            out += ("零" if zero else "") + ("" if one else DIGITS[digit]) + unit
            zero = False
        elif out:
            zero = True
    return out + (("零" if zero else "") + DIGITS[n] if n else "")


def lines(make: Callable[[int], str]) -> Callable[[int], str]:
    """An input of numbered pieces, as many as the size asks for."""
    def build(size: int) -> str:
        out, total, i = [], 0, 1
        while total < size:
            piece = make(i)
            out.append(piece)
            total += len(piece.encode())
            i += 1
        return "".join(out)
    return build


def repeated(unit: str) -> Callable[[int], str]:
    return lambda size: unit * max(1, size // len(unit.encode()))


def halves(opener: str, closer: str, short: int = 0) -> Callable[[int], str]:
    """Openers, then closers (`short` fewer): brackets nested as deep as the size allows."""
    def build(size: int) -> str:
        k = max(2, size // (len(opener.encode()) + len(closer.encode())))
        return opener * k + closer * (k - short)
    return build


def one_line(size: int) -> str:
    """A whole notice pasted without line breaks, repeated: one huge line, no newline at all."""
    unit = NOTICE.replace("\n", "")
    return unit * max(1, size // len(unit.encode()))


INPUTS: dict[str, Callable[[int], str]] = {
    "brackets-nested": halves("（", "）"),
    "brackets-unclosed-at-end": halves("（", "）", short=1),
    "brackets-wrong-closer": halves("（", "》"),
    "brackets-mixed-nested": halves("《（“【", "】”）》"),
    "brackets-halfwidth-closer": halves("（", ")"),
    "title-marks-open": repeated("《"),
    "quotes-open": repeated("“"),
    "quotes-deep": halves("“‘", "’”"),
    "brackets-one-per-line": repeated("（\n"),
    "brackets-pair-per-line": repeated("《整改方案》（试行）“回头看”\n"),
    "one-line": one_line,
    "short-lines": repeated("整改完成。\n"),
    "empty-lines": repeated("\n"),
    "headings": lines(lambda i: f"{chinese(i)}、整改情况\n"),
    "sub-headings": lines(lambda i: f"（{chinese(i)}）问题{i}\n整改情况：已完成整改。\n"),
    "arabic-headings": lines(lambda i: f"{i}.完善制度\n"),
    "dates": lines(lambda i: f"{2000 + i % 25}年{i % 12 + 1}月{i % 28 + 1}日召开专题会议。\n"),
    "counts": lines(lambda i: f"共{i}个问题，已完成整改{i - 1}个，正在整改1个，完成率{(i - 1) * 100 // i}%。\n"),
    "counts-one-line": lines(lambda i: f"共{i}个问题，已完成整改{i}个；"),
    "spaces": lambda size: "整改" + " " * size + "完成",
    "spaces-between-han": repeated("整 改 完 成 "),
    "yishi-one-line": lines(lambda i: f"{chinese(i)}是加强管理；"),
    "contact-lines": repeated(CONTACT),
    "confusables": repeated("截止2024年3月1日，群众反应的问题已建立台帐，布署到位。\n"),
    "terms": repeated("县委巡视组巡察，巡查组开展政治巡视。\n"),
    "names": repeated("中共云溪县自然资源局党组、云溪县自然资源局党委、××局、XXX同志\n"),
    "halfwidth": repeated("整改情况:一是修订制度,明确职责;二是加强培训!\n"),
    "doubled-marks": repeated("整改，，完成。。"),
    "doc-numbers": repeated("云自然党（2024）15号、云自然党[2024]16号\n"),
    "html-entities": repeated("&ldquo;整改&rdquo;&nbsp;完成&amp;\n"),
    "pinyin-traditional": repeated("據(jù)整改進展情況報告，問題已經解決。\n"),
    "broken-lines": repeated("局党组把巡察整改作为\n重大政治任务，反馈会后\n"),
    "formulations": repeated("增强“四个意识”、坚定“四个自信”、做到“两个维护”、四个维护。\n"),
    "periods": repeated("公开期限：2025年9月15日至10月14日。\n"),
    # numbered structures that stay in range (a part numbered 一百 is not read as a heading)
    "heading-cycles": lines(lambda i: f"{chinese(i % 10 + 1)}、整改情况\n" if i % 13 == 1 else
                            f"（{chinese(i % 13)}）问题{i}\n{i % 13}.措施\n"),
    "yishi-cycles-one-line": repeated("".join(f"{chinese(k)}是加强管理；" for k in range(1, 11))),
    "yishi-cycles-lines": repeated("整改情况：一是建立台账；二是完善制度；三是加强培训。\n"),
    "restated-counts": lines(lambda i: f"群众反映的第{i}项问题已整改。\n"),
    "dates-one-line": lines(lambda i: f"{2000 + i % 25}年{i % 12 + 1}月{i % 28 + 1}日，"),
    "contact-one-line": repeated(CONTACT.strip()),
}


def draft(name: str, size: int) -> str:
    """The input blown up to about `size` bytes, inside a correct notice (all on one line for
    the one-line input)."""
    block = INPUTS[name](size)
    if name == "one-line":
        return block
    return NOTICE.replace(ANCHOR, ANCHOR + block + "\n\n", 1)


def run(command: list[str], env: dict, cwd: str,
        limit: float) -> tuple[float | None, float, int]:
    """(seconds or None on a timeout, peak RSS in MB, exit status) of one command, run in `cwd`:
    `python -m` puts the working directory first on the path, ahead of PYTHONPATH."""
    def bounded() -> None:  # a bomb fails inside the limit instead of swapping the machine
        resource.setrlimit(resource.RLIMIT_AS, (4_000_000_000, 4_000_000_000))

    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env=env, cwd=cwd, preexec_fn=bounded)
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            proc.returncode = os.waitstatus_to_exitcode(status)
            seconds = time.perf_counter() - started
            return seconds, usage.ru_maxrss / 1024, proc.returncode
        if time.perf_counter() - started > limit:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            return None, usage.ru_maxrss / 1024, -9
        time.sleep(0.02)


def rule_ids(env: dict) -> list[str]:
    out = subprocess.run([sys.executable, "-m", "notice_lint", "rules"], capture_output=True,
                         text=True, env=env, cwd=tempfile.gettempdir(), check=True).stdout
    return [line.split()[0] for line in out.splitlines() if line.strip()]


# Word drafts for `annotate`, sized by their number of findings (a 截止 before a date each)
def word_draft(path: Path, paragraphs: list[str]) -> None:
    import docx
    document = docx.Document()
    for line in NOTICE.split("\n"):
        document.add_paragraph(line)
        if line + "\n\n" == ANCHOR:
            for paragraph in paragraphs:
                document.add_paragraph(paragraph)
    document.save(path)


def _dated(k: int) -> str:
    return f"截止2024年10月{k % 28 + 1}日，第{k + 1}项已整改。"


WORD_INPUTS: dict[str, Callable[[int], list[str]]] = {
    "word-paragraphs": lambda n: [_dated(k) for k in range(n)],
    "word-one-paragraph": lambda n: ["".join(_dated(k) for k in range(n))],
}


def series(name: str, label: str, sizes: list[int], unit: str, make: Callable[[Path, int], None],
           command: Callable[[Path], list[str]], env: dict, folder: str,
           timeout: float) -> list[dict]:
    """One input at doubling sizes until a run takes more than a quarter of the limit."""
    rows, previous = [], None
    for size in sizes:
        path = Path(folder) / name
        make(path, size)
        seconds, rss, status = run(command(path), env, folder, timeout)
        ratio = seconds / previous if seconds and previous else None
        rows.append({"input": name, "rule": label, unit: size, "seconds": seconds,
                     "rss_mb": round(rss), "status": status,
                     "ratio": round(ratio, 2) if ratio else None})
        shown = f"{seconds:7.2f}" if seconds is not None else "TIMEOUT"
        print(f"{name:26} {label:20} {size:7} {unit} {shown} s {rss:6.0f} MB  "
              f"x{ratio or 0:4.1f}  exit {status}", flush=True)
        if seconds is None or seconds > timeout / 4:
            break
        previous = seconds
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="256,512,1024,2048,4096", help="KB, comma-separated")
    parser.add_argument("--inputs", default=",".join(INPUTS))
    parser.add_argument("--rules", default=None, help="default: every rule; ALL: all at once")
    parser.add_argument("--word", default=None, metavar="N,N,...",
                        help="time `annotate` instead, on Word drafts with N findings")
    parser.add_argument("--code", type=Path, default=HERE.parent,
                        help="the checkout whose linter and checks are timed")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--json", type=Path, help="also write the measurements here")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(args.code.resolve()), "PYTHONIOENCODING": "utf-8"}
    env.pop("NOTICE_LINT_LANG", None)
    results = []
    with tempfile.TemporaryDirectory() as folder:
        if args.word:
            counts = [int(n) for n in args.word.split(",")]
            for name, paragraphs in WORD_INPUTS.items():
                results += series(
                    f"{name}.docx", "annotate", counts, "findings",
                    lambda path, n, paragraphs=paragraphs: word_draft(path, paragraphs(n)),
                    lambda path: [sys.executable, "-m", "notice_lint", "annotate", "--isolated",
                                  "--select", "confusables", "--fail-on", "never", str(path),
                                  "-o", str(path.with_name("reviewed.docx"))],
                    env, folder, args.timeout)
        else:
            sizes = [int(s) * 1024 for s in args.sizes.split(",")]
            for name in args.inputs.split(","):
                for rule in args.rules.split(",") if args.rules else rule_ids(env):
                    results += series(
                        f"{name}.txt", rule, [size // 1024 for size in sizes], "KB",
                        lambda path, kb, name=name: path.write_text(draft(name, kb * 1024),
                                                                    encoding="utf-8"),
                        # past the default 1 MB cap on purpose: the sizes double up to MBs
                        lambda path, rule=rule: [sys.executable, "-m", "notice_lint", "--isolated",
                                                 "--max-file-size", "64",
                                                 "--select", rule, "--fail-on", "never",
                                                 "--quiet", str(path)],
                        env, folder, args.timeout)
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
