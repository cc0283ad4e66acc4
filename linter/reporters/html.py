"""One self-contained HTML page: an index of the drafts, each with findings shown in excerpts
(a single draft in full), the clean ones listed by name, filters by rule and severity.

The rendering itself (no file I/O) is public for other callers, such as a server:
`render_section` (one draft's section) and `render_page` (a whole page for one draft)."""

from __future__ import annotations

import tempfile
from collections import Counter
from html import escape
from typing import TextIO

from .base import Reporter, Summary
from .html_assets import labels
from .html_page import (
    filters,
    index_head,
    index_row,
    page_end,
    page_start,
    render_page,
    rule_descriptions,
    summary,
)
from .html_view import CONTEXT, render_section, render_unreadable

__all__ = ["HtmlReporter", "render_page", "render_section", "rule_descriptions"]


class _Spool:
    """Text written now and copied out at the end, held in a temporary file past _SPOOLED
    characters: the summary and the index come first on the page but are known last, and in
    memory the sections grew with the archive (160 MB for 2,000 drafts)."""

    def __init__(self) -> None:
        # a path's undecodable bytes are lone surrogates: kept as they are, as in memory
        # (newline="": a carriage return in a path stays one)
        self._file = tempfile.SpooledTemporaryFile(_SPOOLED, "w+", encoding="utf-8",
                                                   newline="", errors="surrogatepass")
        self.count = 0

    def write(self, text: str) -> None:
        self._file.write(("\n" if self.count else "") + text)
        self.count += 1

    def copy_to(self, stream: TextIO) -> None:
        with self._file as spooled:
            spooled.seek(0)
            while chunk := spooled.read(_SPOOLED):
                stream.write(chunk)


class HtmlReporter(Reporter):
    """A single draft is shown in full; with more, each draft with findings is shown as the
    lines with findings and their context, and the clean drafts are listed by name only."""

    needs_documents = True

    def describe_rules(self, rules) -> None:
        self._descriptions = rule_descriptions(rules, self.lang)

    def start(self) -> None:
        self._sections, self._index, self._clean = _Spool(), _Spool(), _Spool()
        self._files = 0
        self._flagged = 0   # drafts in the index with findings
        self._first = None  # the first result, held until a second shows the page is a folder's

    def file(self, result) -> None:
        self._files += 1
        # the run lets go of result.document after this call: what is held keeps it
        if self._files == 1:
            self._first = (result, result.document)
            return
        if self._first is not None:
            self._add(*self._first, 1)
            self._first = None
        self._add(result, result.document, self._files)

    def _add(self, result, document, number: int) -> None:
        if result.error is not None:
            self._index.write(index_row(number, result.path, Counter(), self.lang, error=""))
            self._sections.write(render_unreadable(result.path, result.error.render(self.lang),
                                                   lang=self.lang, number=number))
        elif result.findings:
            self._flagged += 1
            counts = Counter(str(f.severity) for f in result.findings)
            self._index.write(index_row(number, result.path, counts, self.lang))
            self._sections.write(render_section(document, result.findings,
                                                lang=self.lang, path=result.path,
                                                number=number, context=CONTEXT))
        else:
            self._clean.write(f"<li>{escape(result.path)}</li>")

    def finish(self, summary_: Summary) -> None:
        t = labels(self.lang)
        write = self.stream.write
        descriptions = getattr(self, "_descriptions", {})
        write(page_start(self.lang))
        write(summary(summary_.files, summary_.by_severity, summary_.by_rule, descriptions,
                      self.lang))
        problems = "".join(f'<li class="problem">{escape(p.path or "")} {escape(p.message)}</li>'
                           for p in summary_.problems)
        if problems:
            write(f"<h2>{t['problems']}</h2><ul>{problems}</ul>")
        single, document = self._first or (None, None)
        write(filters(summary_.by_severity, summary_.by_rule, self.lang,
                      files=None if single is not None else self._flagged))
        if single is not None:
            if single.error is not None:
                write(render_unreadable(single.path, single.error.render(self.lang),
                                        lang=self.lang))
            else:
                write(render_section(document, single.findings, lang=self.lang,
                                     path=single.path))
        else:
            if self._index.count:
                write(index_head(self.lang))
                self._index.copy_to(self.stream)
                write("</table>")
            if self._clean.count:
                write(f'<details class="clean"><summary>{t["clean"].format(self._clean.count)}'
                      "</summary><ol>")
                self._clean.copy_to(self.stream)
                write("</ol></details>")
            self._sections.copy_to(self.stream)
        write(page_end())


_SPOOLED = 1 << 20  # characters of a spool held in memory before it goes to a file
