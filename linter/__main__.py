"""`python -m linter` runs the command line."""

from notice_lint.cli import main

raise SystemExit(main())
