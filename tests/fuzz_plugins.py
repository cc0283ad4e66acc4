"""Rules that misbehave, for the fuzz properties: each draws a list of things to do in check()."""

from __future__ import annotations

import os
import sys
import time

from hypothesis import strategies as st

from notice_lint import Finding
from notice_lint.finding import Fix

# what a rule can do in check(); those in CRASHES must end as a crash naming the rule
ACTIONS = ["good", "good_fix", "past_line_end", "empty_fix", "other_text", "backwards", "line_0",
           "beyond_last_line", "not_a_finding", "print", "print_buffer", "write_fd1", "stderr",
           "raise", "exit_0", "exit_1", "interrupt", "generator_exit", "spin", "sleep",
           "swallow_then_return"]
CRASHES = {"backwards", "line_0", "beyond_last_line", "not_a_finding", "raise", "exit_0",
           "exit_1", "interrupt", "generator_exit", "spin", "sleep"}
# a fix the fix layer must refuse, naming the rule, rather than write
REFUSED_FIXES = {"past_line_end", "empty_fix", "other_text"}


class Chaos:
    """A rule doing `actions` in order on every document."""

    id = "chaos"
    description = "misbehaves on purpose"
    severity = "warning"

    def __init__(self, actions: list[tuple[str, int, int]]) -> None:
        self.actions = actions

    def check(self, document, options):
        lines = document.lines
        for action, a, b in self.actions:
            line = a % len(lines) + 1
            width = len(lines[line - 1])
            column = b % (width + 1) + 1
            if action == "good":
                yield Finding(self.id, line, column, "ok")
            elif action == "good_fix" and column <= width:
                original = lines[line - 1][column - 1]
                yield Finding(self.id, line, column, "fix", end_column=column + 1,
                              fix=Fix("〇", safe=True, original=original))
            elif action == "past_line_end":
                yield Finding(self.id, line, width + 2, "x", end_column=width + 4,
                              fix=Fix("〇", safe=True, original="甲乙"))
            elif action == "empty_fix":
                yield Finding(self.id, line, column, "x", end_column=column,
                              fix=Fix("账号", safe=True, original=""))
            elif action == "other_text" and column <= width:
                yield Finding(self.id, line, column, "x", end_column=column + 1,
                              fix=Fix("〇", safe=True, original="\x00"))
            elif action == "backwards":
                yield Finding(self.id, line, column + 1, "x", end_line=line, end_column=column)
            elif action == "line_0":
                yield Finding(self.id, 0, 1, "x")
            elif action == "beyond_last_line":
                yield Finding(self.id, len(lines) + 1 + a, 1, "x")
            elif action == "not_a_finding":
                yield "a string, not a Finding"
            elif action == "print":
                print("printed by a rule", a)
            elif action == "print_buffer":
                sys.stdout.buffer.write(b"\xff raw bytes\n")
            elif action == "write_fd1":
                os.write(1, b'{"not": "json"\n')
            elif action == "stderr":
                print("a warning of its own", file=sys.stderr)
            elif action == "raise":
                raise ValueError("chaos")
            elif action == "exit_0":
                sys.exit(0)
            elif action == "exit_1":
                raise SystemExit(1)
            elif action == "interrupt":
                raise KeyboardInterrupt
            elif action == "generator_exit":
                raise GeneratorExit
            elif action == "spin":
                while True:
                    pass
            elif action == "sleep":
                time.sleep(1000)
            elif action == "swallow_then_return":
                try:
                    time.sleep(0.001)
                except Exception:
                    pass


def actions(rare_hangs: bool = True):
    """Lists of (action, a, b): hangs are rare so a long run stays within its hours."""
    common = [a for a in ACTIONS if a not in ("spin", "sleep")]
    action = st.one_of(st.sampled_from(common), st.sampled_from(["spin", "sleep"])) \
        if not rare_hangs else st.sampled_from(common * 20 + ["spin", "sleep"])
    return st.lists(st.tuples(action, st.integers(0, 10_000), st.integers(0, 10_000)),
                    max_size=8)


# the same rule as an installed plugin for the command-line property: its plan comes from the
# environment, {file name: [[action, a, b], ...]}, and "die"/"kill" end the worker process
PLUGIN_SOURCE = '''
import json, os, signal

from notice_lint import hookimpl
from fuzz_plugins import Chaos


class Planned(Chaos):
    def __init__(self):
        super().__init__([])
        self.plan = json.loads(os.environ.get("NOTICE_LINT_CHAOS", "{}"))

    def check(self, document, options):
        steps = self.plan.get(os.path.basename(document.path), [])
        for action, a, b in steps:
            if action == "die":
                os._exit(3)
            if action == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
        self.actions = [tuple(step) for step in steps]
        yield from Chaos.check(self, document, options)


@hookimpl
def notice_lint_rules():
    return [Planned()]
'''
