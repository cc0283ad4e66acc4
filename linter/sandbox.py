"""Rule code run contained: an exit, an interrupt, printing or hanging becomes a failure that
names the rule, and the other rules go on.

What is contained, per document (`Sandbox`) and per rule (`Sandbox.run`):

- every exception, BaseException included (sys.exit, SystemExit, KeyboardInterrupt,
  GeneratorExit), except a real Ctrl-C (a SIGINT that arrived while the rules ran) and SIGTERM;
- what the rule prints: sys.stdout and sys.stderr are captured in the main thread, and so are
  writes to file descriptor 1 (os.write, a child process), so that JSON and SARIF stay valid;
- time: in the main thread on POSIX, a rule past its budget is interrupted by a signal (a timer
  ticking while the rules run checks the running rule's deadline). A rule that swallows the
  interruption gets it again RETRY seconds later (not at the very next tick, which would land
  in the unwinding of the first: in a finaliser, where it is lost); one that still refuses to stop after HARD_STOP more
  seconds ends the process with exit 2 and a line naming the file and the rule (a worker's
  death is handled by linter/parallel.py). Elsewhere (Windows, other threads) rules run without
  a budget.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from typing import Any

from .finding import Message
from .record import Record

DEFAULT_BUDGET = 10.0   # seconds for one rule on one file
HARD_STOP = 5.0         # seconds past the budget before a rule that will not stop ends the process
RETRY = 0.5             # seconds before a rule that swallowed its interruption gets another


class RuleTimeout(BaseException):
    """Raised inside a rule past its budget. A BaseException, so that a rule's own
    `except Exception` does not swallow it."""


class Terminated(SystemExit):
    """SIGTERM during a run (linter/parallel.py): unwind, closing the workers, and exit 143."""

    def __init__(self) -> None:
        super().__init__(128 + signal.SIGTERM)


class Outcome(Record):
    value: Any
    failure: str | Message | None   # why the rule failed, or None
    printed: str                    # what it wrote to stdout or stderr


class Sandbox:
    """Runs the rules of one document; a context manager around all of them, `run` for each."""

    def __init__(self, budget: float | None, path: str = "",
                 setting: str | None = "rule-timeout", *, descriptors: bool = True) -> None:
        self.budget = budget if budget and budget > 0 else None
        self.path = path
        # whether what a rule writes to file descriptor 1 is captured: False when every rule
        # that runs is a built-in one, which writes nothing there (six system calls a draft)
        self.descriptors = descriptors
        self.setting = setting       # the configuration key that sets the budget, if any
        self.main = threading.current_thread() is threading.main_thread()
        self.label = Message("", "")  # what is running ("规则 X"), for the hard stop's message
        self._deadline: float | None = None   # when the running rule is interrupted (next)
        self._hard: float | None = None       # when the process ends if it is still running
        self._fired = False                   # whether the running rule was interrupted
        self._counting = False       # whether a real Ctrl-C is counted in _INTERRUPTS
        self._interrupts = 0         # the count when the sandbox was entered
        self._restore: list = []     # what __exit__ puts back, last first
        self._capture: _Capture | None = None
        self._fd: _FdCapture | None = None

    def __enter__(self) -> Sandbox:
        if not self.main:
            return self
        try:
            self._install()
        except BaseException:
            self.__exit__(None, None, None)  # never leave the streams or handlers swapped
            raise
        return self

    def _install(self) -> None:
        self._capture = _Capture.reset()
        saved = sys.stdout, sys.stderr
        if self.descriptors:
            self._fd = _FdCapture.start()
        self._restore.append(lambda: _set_streams(*saved))
        sys.stdout = sys.stderr = self._capture.stream
        handler = signal.getsignal(signal.SIGINT)
        if handler is signal.default_int_handler:  # else a run's handler (guarded()), or not ours
            signal.signal(signal.SIGINT, _on_interrupt)
            self._restore.append(lambda: signal.signal(signal.SIGINT, handler))
            handler = _on_interrupt
        self._counting = handler is _on_interrupt
        self._interrupts = _INTERRUPTS[0]
        if self.budget and hasattr(signal, "setitimer"):
            if _TIMER[0] == _tick(self.budget) and signal.getsignal(signal.SIGALRM) is _on_tick:
                # the run's timer (guarded()) ticks already: it is told which sandbox to check
                _TICKED[0] = self
                self._restore.append(lambda: _TICKED.__setitem__(0, None))
                return
            previous_alarm = signal.signal(signal.SIGALRM, self._on_tick)
            tick = _tick(self.budget)
            timer = signal.setitimer(signal.ITIMER_REAL, tick, tick)
            self._restore.append(lambda: _set_alarm(previous_alarm, timer))

    def __exit__(self, *exc_info) -> None:
        if self._fd is not None:
            self._fd.stop()
            self._fd = None
        while self._restore:
            self._restore.pop()()

    def run(self, label: Message, call, *, descriptors: bool = True) -> Outcome:
        """`call()`, named `label` (规则 X): its value, or why it failed; and what it printed.
        `descriptors` False: what it wrote to file descriptor 1 itself is not looked for now (a
        built-in rule, which writes nothing; a system call saved per rule and draft)."""
        self.label = label
        self._fired = False
        try:
            try:
                if self.budget:
                    self._deadline = time.monotonic() + self.budget
                    self._hard = self._deadline + HARD_STOP
                value = call()
            finally:
                self._deadline = None
            if self._fired:  # it swallowed the interruption and returned: still past its time
                raise RuleTimeout
            failure = None
        except RuleTimeout:
            self._deadline = None  # the tick may land here too: the rule is over either way
            key = (f"（配置项 {self.setting}）", f" ({self.setting})") if self.setting else ("", "")
            value, failure = None, Message(f"超过时限 {self.budget:g} 秒{key[0]}",
                                           f"ran past its time limit of {self.budget:g} s{key[1]}")
        except BaseException as exc:
            if self._real_stop(exc):
                raise
            value, failure = None, describe(exc)
        if self._interrupted():  # the rule swallowed a real Ctrl-C
            raise KeyboardInterrupt
        return Outcome(value, failure, self._take(descriptors))

    def _interrupted(self) -> bool:
        return self._counting and _INTERRUPTS[0] != self._interrupts

    def _real_stop(self, exc: BaseException) -> bool:
        if isinstance(exc, Terminated):
            return True
        if isinstance(exc, KeyboardInterrupt):
            if self._counting:
                return self._interrupted()
            # a handler not ours: a Ctrl-C is possible unless it is ignored or in another thread
            handler = signal.getsignal(signal.SIGINT) if self.main else signal.SIG_IGN
            return handler not in (signal.SIG_IGN, signal.SIG_DFL)
        return False

    def _take(self, descriptors: bool = True) -> str:
        if self._capture is None:
            return ""
        try:
            text = self._capture.take()
        except ValueError:  # the rule closed or detached sys.stdout: what it printed is gone
            text = ""
        if descriptors and self._fd is not None:
            text += self._fd.take()
        return text

    def _on_tick(self, signum, frame) -> None:
        deadline, hard = self._deadline, self._hard
        if deadline is None or hard is None:
            return
        now = time.monotonic()
        if now >= hard:
            self._hard_stop()
        if now >= deadline:
            self._deadline = now + RETRY
            self._fired = True
            raise RuleTimeout

    def _hard_stop(self) -> None:
        """A rule that swallows every interruption: nothing left but to end the process."""
        where = f"{self.path}: " if self.path else ""
        line = (f"notice-lint: 错误: {where}{self.label.zh} 超过时限 {self.budget:g} 秒且不响应中断，"
                f"运行中止 ({self.label.en} ran past its time limit and ignored the interruption; "
                f"run stopped)\n")
        try:
            os.write(2, line.encode("utf-8", "replace"))  # sys.stderr is the capture
        except OSError:
            pass
        os._exit(2)


_INTERRUPTS = [0]  # real Ctrl-Cs so far, counted by _on_interrupt (signals are process-wide)


def _on_interrupt(signum, frame) -> None:
    """SIGINT as Python's own handler does it, counted: a KeyboardInterrupt that a rule raises
    itself is then told apart from the user's Ctrl-C."""
    _INTERRUPTS[0] += 1
    raise KeyboardInterrupt


_TIMER: list[float | None] = [None]     # the tick of the run's timer, while guarded() holds it
_TICKED: list[Sandbox | None] = [None]  # the sandbox whose rule that timer checks, if any


def _forget_run_timer() -> None:
    _TIMER[0] = _TICKED[0] = None  # a forked child has no timer running (fork does not copy it)


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_run_timer)


def _tick(budget: float) -> float:
    return min(1.0, max(0.02, budget / 10))


def _on_tick(signum, frame) -> None:
    sandbox = _TICKED[0]
    if sandbox is not None:
        sandbox._on_tick(signum, frame)


@contextlib.contextmanager
def guarded(budget: float | None = None) -> Iterator[None]:
    """For a whole run: the counting SIGINT handler and, with a rule budget, the timer that
    checks it, installed once, so that each document's sandbox need not install them (that
    costs more than the rest of the sandbox). Between documents the timer's ticks do nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    with contextlib.ExitStack() as stack:
        if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
            signal.signal(signal.SIGINT, _on_interrupt)
            stack.callback(signal.signal, signal.SIGINT, signal.default_int_handler)
        budget = budget if budget and budget > 0 else None
        if budget and hasattr(signal, "setitimer") and _TIMER[0] is None:
            previous = signal.signal(signal.SIGALRM, _on_tick)
            tick = _tick(budget)
            timer = signal.setitimer(signal.ITIMER_REAL, tick, tick)
            _TIMER[0] = tick
            stack.callback(_set_alarm, previous, timer)
            stack.callback(_TIMER.__setitem__, 0, None)
        yield


def describe(exc: BaseException) -> str | Message:
    """One line on what the rule raised; an exit or an interrupt said as such."""
    if isinstance(exc, SystemExit):
        return Message(f"调用了 sys.exit({exc.code!r})，已阻止其结束运行",
                       f"called sys.exit({exc.code!r}); the run was not ended")
    if isinstance(exc, KeyboardInterrupt):
        return Message("抛出了 KeyboardInterrupt，已阻止其结束运行",
                       "raised KeyboardInterrupt; the run was not ended")
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _set_streams(stdout, stderr) -> None:
    sys.stdout, sys.stderr = stdout, stderr


def _set_alarm(handler, timer: tuple[float, float]) -> None:
    signal.setitimer(signal.ITIMER_REAL, *timer)
    if handler is not None:  # None: a handler set outside Python, which cannot be put back
        signal.signal(signal.SIGALRM, handler)


class _Capture:
    """A text stream over bytes, so that sys.stdout.buffer works for the rule too. One per
    process, emptied for each document."""

    _current: _Capture | None = None

    def __init__(self) -> None:
        self.bytes = io.BytesIO()
        self.stream = io.TextIOWrapper(self.bytes, encoding="utf-8", errors="backslashreplace",
                                       write_through=True)

    @classmethod
    def reset(cls) -> _Capture:
        capture = cls._current
        try:
            if capture is not None and not capture.stream.closed:
                capture.take()  # what a document cut short left
                return capture
        except ValueError:  # a rule detached sys.stdout
            pass
        capture = cls._current = cls()
        return capture

    def take(self) -> str:
        if not self.bytes.tell():
            return ""
        self.stream.flush()
        data = self.bytes.getvalue()
        self.bytes.seek(0)
        self.bytes.truncate()
        return data.decode("utf-8", "replace")


class _FdCapture:
    """File descriptor 1 pointed at a temporary file while the rules run."""

    _file = -1   # the file descriptor of this process's capture file
    _pid = 0

    def __init__(self, fd: int, saved: int) -> None:
        self.fd = fd
        self.saved = saved

    @classmethod
    def start(cls) -> _FdCapture | None:
        try:
            for stream in {id(s): s for s in (sys.stdout, sys.__stdout__) if s}.values():
                stream.flush()  # what was written before goes where it was meant to
            if cls._pid != os.getpid():  # one file per process: a forked worker makes its own
                cls._file, cls._pid = _capture_file(), os.getpid()
            fd = cls._file
            if os.lseek(fd, 0, os.SEEK_CUR):  # left over from a document cut short
                os.ftruncate(fd, 0)
                os.lseek(fd, 0, os.SEEK_SET)
            saved = os.dup(1)
        except (OSError, ValueError, AttributeError):
            return None  # no stdout to protect, or one that cannot be flushed
        os.dup2(fd, 1)
        return cls(fd, saved)

    def take(self) -> str:
        _flush_original_stdout()  # a rule that wrote to sys.__stdout__ wrote here
        size = os.lseek(self.fd, 0, os.SEEK_CUR)
        if not size:
            return ""
        os.lseek(self.fd, 0, os.SEEK_SET)
        data = b""
        while len(data) < size:
            chunk = os.read(self.fd, size - len(data))
            if not chunk:
                break
            data += chunk
        os.ftruncate(self.fd, 0)
        os.lseek(self.fd, 0, os.SEEK_SET)
        return data.decode("utf-8", "replace")

    def stop(self) -> None:
        _flush_original_stdout()
        os.dup2(self.saved, 1)
        os.close(self.saved)


def _capture_file() -> int:
    """A file descriptor of an anonymous file: in memory where the system offers one (importing
    tempfile would cost more start-up than the rest of the sandbox)."""
    if hasattr(os, "memfd_create"):
        try:
            return os.memfd_create("notice-lint-capture")
        except OSError:
            pass
    import tempfile
    handle = tempfile.TemporaryFile()
    fd = os.dup(handle.fileno())
    handle.close()
    return fd


def _flush_original_stdout() -> None:
    try:
        if sys.__stdout__:
            sys.__stdout__.flush()
    except (OSError, ValueError):
        pass
