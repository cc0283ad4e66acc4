"""Linting many files with several processes; results come back in the order given.

The workers are processes of our own, each with a pipe: it sends the results of a batch of files
back in one message and keeps the place of the file and the id of the rule it is running in
shared memory. So when a worker dies (a plugin calls os._exit, the kernel's OOM killer strikes),
the parent knows the file and the rule: it reports the crash, lints the file again in a fresh
worker without that rule, hands the rest of the batch on (the files done before it too: their
results died with the worker), and keeps every finding already made. A death outside any rule
is an error on that file. Each death uses up a file or
one of its rules, so the run always ends. SIGTERM to the parent terminates the workers and exits
143; the workers ignore Ctrl-C (the parent's to handle) and leave when the parent's end of their
pipe closes.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections import deque
from collections.abc import Iterator, Sequence
from multiprocessing.connection import wait
from typing import Any

from .engine import FileResult, Linter, RuleCrash
from .finding import Message
from .patterns.derived import flush
from .sandbox import Terminated, guarded
from .session import build_linter, lint_file, use_result_cache

Task = tuple[int, str, tuple[str, ...]]   # (place in the run, path, rules not to run on it)
_RULE_BYTES = 256                         # room for the running rule's id
MAX_BATCH = 64                            # files in a batch at most
SHARES = 4                                # a batch is at most 1/(jobs*SHARES) of what is left
_PARENT_ENDS: list = []                   # the parent's ends of the pipes: a forked worker closes them


def parallel_results(linter: Linter, files: Sequence[str], jobs: int) -> Iterator[FileResult]:
    forked = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forked else "spawn")
    pending = deque(batches(files, jobs))
    pool = _Pool(context, linter if forked else None, linter.settings, jobs)
    restore = _terminate_on_sigterm()
    try:
        yield from pool.results(pending, len(files), linter)
    finally:
        pool.close()
        restore()


def batches(files: Sequence[str], jobs: int) -> Iterator[list[Task]]:
    """The files in batches that shrink as the run nears its end (guided scheduling): large
    while much is left, so that few messages go back and forth (each wakes the parent), small at
    the end, so that no worker is left with a long last batch while the others idle."""
    start = 0
    while start < len(files):
        size = max(1, min(MAX_BATCH, (len(files) - start) // (jobs * SHARES)))
        yield [(i, files[i], ()) for i in range(start, min(start + size, len(files)))]
        start += size


class _Worker:
    def __init__(self, context, linter: Linter | None, settings: Any) -> None:
        self.conn, child = context.Pipe()
        self.running = context.RawArray("c", _RULE_BYTES)
        self.at = context.RawValue("q", -1)  # the place in the run of the file being linted
        _PARENT_ENDS.append(self.conn)
        self.process = context.Process(target=_work, daemon=True,  # ended if we exit
                                       args=(child, linter, settings, self.running, self.at))
        self.process.start()
        child.close()
        self.tasks: deque[Task] = deque()  # given and not yet answered, in order

    def give(self, batch: list[Task]) -> None:
        self.tasks.extend(batch)
        try:
            self.conn.send(batch)
        except OSError:
            pass  # it died: the parent sees its pipe close and hands the tasks on

    def rule(self) -> str:
        return self.running.value.decode("utf-8", "replace")


class _Pool:
    def __init__(self, context, linter: Linter | None, settings: Any, jobs: int) -> None:
        self.context = context
        self.linter = linter
        self.settings = settings
        self.jobs = jobs
        self.workers: list[_Worker] = []

    def results(self, pending: deque[list[Task]], count: int,
                linter: Linter) -> Iterator[FileResult]:
        done: dict[int, FileResult] = {}
        crashes: dict[int, list[RuleCrash]] = {}  # from workers that died on the file
        following = 0
        while following < count:
            while pending and len(self.workers) < self.jobs:
                worker = _Worker(self.context, self.linter, self.settings)
                self.workers.append(worker)
                worker.give(pending.popleft())
            for conn in wait([w.conn for w in self.workers]):
                worker = next((w for w in self.workers if w.conn is conn), None)
                if worker is None:  # retired a moment ago
                    continue
                try:
                    answers = conn.recv()
                except (EOFError, OSError):
                    self._died(worker, pending, done, crashes, linter)
                    continue
                for index, result in answers:
                    worker.tasks.popleft()
                    result.crashes[:0] = crashes.pop(index, [])
                    done[index] = result
                if not worker.tasks:
                    if pending:
                        worker.give(pending.popleft())
                    else:
                        self._retire(worker)
            while following in done:
                yield done.pop(following)
                following += 1

    def _died(self, worker: _Worker, pending: deque[list[Task]], done: dict[int, FileResult],
              crashes: dict[int, list[RuleCrash]], linter: Linter) -> None:
        rule = worker.rule()
        self._retire(worker)
        if not worker.tasks:  # it had answered everything it was given
            return
        how = _how(worker.process.exitcode)
        tasks = list(worker.tasks)
        # the file it was linting; the ones before it in the batch are linted again
        at = next((n for n, task in enumerate(tasks) if task[0] == worker.at.value), 0)
        index, path, skip = tasks[at]
        rest = tasks[:at] + tasks[at + 1:]
        if rule and rule not in skip:
            plugin = next((a.loaded.plugin for a in linter.active if a.loaded.id == rule), "?")
            crashes.setdefault(index, []).append(RuleCrash(rule, plugin, Message(
                f"工作进程在运行该规则时意外退出（{how[0]}），已跳过该规则重新检查此文件",
                f"the worker process died while running it ({how[1]}); the file was checked "
                f"again without it")))
            rest.insert(at, (index, path, (*skip, rule)))
        else:
            result = FileResult(path, error=Message(
                f"检查该文件的工作进程意外退出（{how[0]}）",
                f"the worker process checking this file died ({how[1]})"))
            result.crashes[:0] = crashes.pop(index, [])
            done[index] = result
        if rest:
            pending.appendleft(rest)

    def _retire(self, worker: _Worker) -> None:
        try:
            worker.conn.send(None)
        except OSError:
            pass
        worker.conn.close()
        _PARENT_ENDS.remove(worker.conn)
        self.workers.remove(worker)
        worker.process.join(1)
        if worker.process.is_alive():
            worker.process.terminate()
            worker.process.join()

    def close(self) -> None:
        """Every worker ended: on the way out of a finished run, an error, Ctrl-C or SIGTERM."""
        for worker in self.workers:
            worker.process.terminate()
        for worker in list(self.workers):
            worker.conn.close()
            _PARENT_ENDS.remove(worker.conn)
            worker.process.join()
        self.workers.clear()


def _how(exitcode: int | None) -> tuple[str, str]:
    if exitcode is not None and exitcode < 0:
        try:
            name = signal.Signals(-exitcode).name
        except ValueError:
            name = str(-exitcode)
        return f"信号 {name}", f"signal {name}"
    return f"退出码 {exitcode}", f"exit code {exitcode}"


def _terminate_on_sigterm():
    """SIGTERM raises Terminated (exit 143) in the parent, so that the workers are ended on the
    way out instead of being left running. Returns what puts the previous handler back."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    return lambda: signal.signal(signal.SIGTERM, previous)


def _on_sigterm(signum, frame) -> None:
    raise Terminated


def _work(conn, linter: Linter | None, settings: Any, running, at) -> None:
    """A worker: batches of tasks in, a list of (index, result) per batch out, until told to
    stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for end in _PARENT_ENDS:  # inherited by fork: only the parent may hold them
        end.close()
    if linter is None:  # a spawned worker builds its own from the same settings
        linter = build_linter(settings)
        use_result_cache(linter, 2)  # a run with workers is over several files

    def watch(rule: str) -> None:
        running.value = rule.encode("utf-8")[:_RULE_BYTES - 1]

    with guarded(linter.config.rule_timeout):  # the rule budget's timer, once per worker
        _serve(conn, linter, watch, at)


def _serve(conn, linter: Linter, watch, at) -> None:
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            flush()  # what this worker read from pattern trees, for the next run
            return
        answers = []
        for index, path, skip in batch:
            at.value = index
            result = lint_file(linter, path, skip=skip, watch=watch)
            result.document = None  # documents stay in the worker; findings travel
            answers.append((index, result))
        conn.send(answers)
