"""`python -m notice_lint` runs the command line."""

from notice_lint.cli import run

run()
