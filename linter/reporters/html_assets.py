"""The HTML report's static parts, shipped as package data: its style, its script, its words."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml


@cache
def asset(name: str) -> str:
    """A file of this package (html.css, html.js), read once per process."""
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


@cache
def _all_labels() -> dict:
    return yaml.safe_load(asset("html_labels.yaml"))


def labels(lang: str) -> dict:
    """What the page says in `lang` (zh unless en)."""
    return _all_labels()["en" if lang == "en" else "zh"]
