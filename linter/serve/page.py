"""The page and its static files, read once from the package; its words from labels.yaml."""

from __future__ import annotations

import json
from html import escape
from importlib import resources

import yaml

from ..input.bounded import megabytes

STATIC = {"page.js": "text/javascript; charset=utf-8", "page.css": "text/css; charset=utf-8"}


def _read(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


class Page:
    def __init__(self, max_upload: int) -> None:
        self.max_upload = max_upload
        self.labels = yaml.safe_load(_read("labels.yaml"))
        self.template = _read("static/index.html")
        self.files = {name: _read(f"static/{name}").encode() for name in STATIC}

    def render(self, lang: str, config_source: str | None) -> str:
        words = self.labels[lang]
        values = {key: escape(value) for key, value in words.items()}
        values.update({
            "lang": "en" if lang == "en" else "zh-CN",
            "other_lang": "zh" if lang == "en" else "en",
            "max_upload": str(self.max_upload),
            "limit": escape(words["limit"].format(megabytes(self.max_upload))),
            "config_source": escape(config_source or words["default_config"]),
            # read by page.js; inert as JSON in a non-executed script element (</ escaped)
            "labels_json": json.dumps(words, ensure_ascii=False).replace("</", "<\\/"),
        })
        html = self.template
        for key, value in values.items():
            html = html.replace("{{" + key + "}}", value)
        return html

    def static(self, name: str) -> tuple[bytes | None, str]:
        return self.files.get(name), STATIC.get(name, "")
