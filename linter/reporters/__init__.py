"""Output formats. Each is a small module with a Reporter subclass; `--format` picks one."""

from __future__ import annotations

import importlib

from .base import Reporter, Summary

FORMATS = {
    "text": "linter.reporters.text:TextReporter",
    "json": "linter.reporters.json_format:JsonReporter",
    "sarif": "linter.reporters.sarif:SarifReporter",
    "github": "linter.reporters.github:GithubReporter",
    "html": "linter.reporters.html:HtmlReporter",
}


def reporter_class(name: str) -> type[Reporter]:
    module, _, cls = FORMATS[name].partition(":")
    return getattr(importlib.import_module(module), cls)


__all__ = ["FORMATS", "Reporter", "Summary", "reporter_class"]
