"""Output formats. Each is a small module with a Reporter subclass; `--format` picks one."""

from __future__ import annotations

import importlib

from .base import Reporter, Summary

FORMATS = {
    "text": "notice_lint.reporters.text:TextReporter",
    "json": "notice_lint.reporters.json_format:JsonReporter",
    "sarif": "notice_lint.reporters.sarif:SarifReporter",
    "github": "notice_lint.reporters.github:GithubReporter",
    "html": "notice_lint.reporters.html:HtmlReporter",
}


def reporter_class(name: str) -> type[Reporter]:
    module, _, cls = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module), cls)


__all__ = ["FORMATS", "Reporter", "Summary", "reporter_class"]
