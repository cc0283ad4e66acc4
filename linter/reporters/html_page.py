"""The HTML report's page around the drafts' sections: head, summary, filters, index; no file I/O.

`render_page` is public: a whole page for one draft, as a server shows it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from html import escape

from ..finding import Finding
from ..version import __version__
from .html_assets import asset, labels
from .html_view import counts_of, render_section

SEVERITIES = ("error", "warning", "info")


def rule_descriptions(rules, lang: str) -> dict[str, str]:
    """What each loaded rule checks, in `lang` where the rule says it (for `render_page`)."""
    return {r.id: (getattr(r.rule, "description_en", None) if lang == "en" else None)
            or r.rule.description for r in rules}


def page_start(lang: str) -> str:
    """From the doctype to the page's heading: the style inline, nothing fetched."""
    t = labels(lang)
    return (f'<!DOCTYPE html>\n<html lang="{"en" if lang == "en" else "zh-CN"}"><head>'
            f'<meta charset="utf-8"><meta name="viewport" content="width=device-width">'
            f'<meta name="generator" content="notice-lint {__version__}">'
            f"<title>{t['title']}</title><style>{asset('html.css')}</style></head><body>"
            f"<h1>{t['title']}</h1>")


def page_end() -> str:
    """The filter script last, so that it finds the whole page."""
    return f"<script>{asset('html.js')}</script></body></html>\n"


def summary(files: int, by_severity: Mapping[str, int], by_rule: Mapping[str, int],
            descriptions: Mapping[str, str], lang: str) -> str:
    """The totals and a table of the rules that found something."""
    t = labels(lang)
    total = sum(by_severity.get(s, 0) for s in SEVERITIES)
    c, sc = t["colon"], t["semicolon"]
    head = (f"<p>{t['files']}{c}{files}{sc}{t['findings']}{c}{total}"
            f"{t['counts'].format_map(counts_of(Counter(by_severity)))}</p>")
    rows = "".join(
        f"<tr><td><code>{escape(rule)}</code></td>"
        f"<td>{escape(descriptions.get(rule, ''))}</td><td class=\"n\">{count}</td></tr>"
        for rule, count in sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])))
    table = (f"<table><tr><th>{t['rule']}</th><th>{t['description']}</th>"
             f"<th>{t['count']}</th></tr>{rows}</table>") if rows else ""
    return f"<h2>{t['summary']}</h2>{head}{table}"


def filters(by_severity: Mapping[str, int], by_rule: Mapping[str, int], lang: str,
            *, files: int | None = None) -> str:
    """Check boxes by rule and by severity, hidden until the script shows them (without the
    script they would do nothing)."""
    t = labels(lang)
    if not sum(by_rule.values()):
        return ""
    rules = "".join(
        f'<label><input type="checkbox" checked data-rule="{escape(rule)}"> '
        f"<code>{escape(rule)}</code> ({count})</label>"
        for rule, count in sorted(by_rule.items()))
    severities = "".join(
        f'<label><input type="checkbox" checked data-sev="{s}"> '
        f'<span class="sev {s}">{t["badge"][s]}</span>({by_severity.get(s, 0)})</label>'
        for s in SEVERITIES)
    shown = (f'<span>{t["shown"]}<span id="shown-files">{files}</span></span>'
             if files is not None else "")
    return (f'<form id="filters" hidden><fieldset><legend>{t["severity"]}</legend>{severities}'
            f'</fieldset><fieldset><legend>{t["rule"]}</legend>{rules}</fieldset>{shown}</form>')


def index_row(number: int, path: str, counts: Counter, lang: str,
              error: str | None = None) -> str:
    """One draft in the index: its name linking to its section, its counts by severity."""
    link = f'<a href="#f{number}">{escape(path)}</a>'
    if error is not None:
        return (f'<tr data-file="f{number}"><td>{link}</td>'
                f'<td colspan="3" class="problem">{labels(lang)["unreadable"]}</td></tr>')
    cells = "".join(f'<td class="n{"" if counts[s] else " zero"}">{counts[s]}</td>'
                    for s in SEVERITIES)
    return f'<tr data-file="f{number}"><td>{link}</td>{cells}</tr>'


def index_head(lang: str) -> str:
    t = labels(lang)
    cells = "".join(f"<th>{t['badge'][s]}</th>" for s in SEVERITIES)
    return f"<h2>{t['index']}</h2><table class=\"index\"><tr><th>{t['file']}</th>{cells}</tr>"


def render_page(document, findings: Iterable[Finding], *, lang: str = "zh",
                path: str | None = None, descriptions: Mapping[str, str] | None = None) -> str:
    """A whole page for one draft: the summary, the filters and the draft's full text with its
    findings (the HTML report of a single file). `descriptions` maps rule ids to what they
    check, for the summary's table (`rule_descriptions(linter.rules, lang)`)."""
    findings = list(findings)
    by_severity = Counter(str(f.severity) for f in findings)
    by_rule = Counter(f.rule for f in findings)
    return "".join([page_start(lang),
                    summary(1, by_severity, by_rule, descriptions or {}, lang),
                    filters(by_severity, by_rule, lang),
                    render_section(document, findings, lang=lang, path=path),
                    page_end()])
