"""Adapter: one draft's view as the HTML report shows it (the page never draws it a second way).

The one place that knows how the HTML report is called: `render_page` of the report, for a
draft that was read; the reporter's own run for one that could not be (its message, as
`--format html` shows it)."""

from __future__ import annotations

import io

from ..engine import FileResult, Linter
from ..reporters.html import HtmlReporter, render_page, rule_descriptions
from ..run import run


def report_page(linter: Linter, result: FileResult, lang: str, fail_on: str) -> str:
    """The whole HTML report of this one draft, as `notice-lint --format html` writes it for a
    single file. The result's document is let go afterwards, as in any run."""
    if result.document is not None and result.error is None:
        page = render_page(result.document, result.findings, lang=lang, path=result.path,
                           descriptions=rule_descriptions(linter.rules, lang))
        result.document = None
        return page
    buffer = io.StringIO()
    run(linter, [result.path], HtmlReporter(buffer, lang), fail_on=fail_on, results=[result])
    return buffer.getvalue()
