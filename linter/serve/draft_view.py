"""Adapter: one draft's view as the HTML report shows it (the page never draws it a second way).

The one place that knows how the HTML reporter is called: it is being reworked to expose a
function rendering one draft from its document and findings; until then the reporter's own
lifecycle (start, file, finish) is run on one result, which gives the `--format html` page."""

from __future__ import annotations

import io

from ..engine import FileResult, Linter
from ..reporters.html import HtmlReporter
from ..run import run


def report_page(linter: Linter, result: FileResult, lang: str, fail_on: str) -> str:
    """The whole HTML report of this one draft, exactly as `notice-lint --format html` writes it.
    The result's document is let go afterwards, as in any run."""
    buffer = io.StringIO()
    run(linter, [result.path], HtmlReporter(buffer, lang), fail_on=fail_on, results=[result])
    return buffer.getvalue()
