"""Rule documentation in the user's language: configs/docs/<rule>.yaml, or a plugin's docstring."""

from __future__ import annotations

import inspect
import sys
from typing import Any

from .data import BUILTIN_PACKAGE, load_data
from .record import Record

BUILTIN_MODULES = "notice_lint."   # notice-lint's own rules, documented in configs/docs
LABELS = {"zh": {"options": "选项：", "defaults": "默认值：", "bad": "错误示例：", "good": "正确示例：",
                 "in_notice": "（以下示例是一篇完整通报中的语句）",
                 "in_word": "（以下示例是 Word 草稿中的段落）"},
          "en": {"options": "Options:", "defaults": "Defaults: ", "bad": "Bad:  ", "good": "Good: ",
                 "in_notice": "(the examples are sentences of a whole notice)",
                 "in_word": "(the examples are paragraphs of a Word draft)"}}


class RuleDoc(Record):
    """What `notice-lint explain` prints and SARIF carries as a rule's help: plain text."""

    summary: str
    text: str = ""
    options: str = ""
    bad: tuple[str, ...] = ()
    good: tuple[str, ...] = ()
    in_notice: bool = False   # the examples are sentences of a whole notice, not a draft alone
    in_word: bool = False     # the examples are paragraphs of a Word draft (⟦+…⟧: tracked changes)


def doc_path(rule_id: str) -> str:
    return f"docs/{rule_id}.yaml"


def shipped_doc(rule_id: str, lang: str) -> RuleDoc | None:
    """A built-in rule's documentation in `lang` (None when the rule has no file)."""
    from importlib.resources import files  # start-up: only explain and SARIF read the docs
    if not files(BUILTIN_PACKAGE).joinpath(doc_path(rule_id)).is_file():
        return None
    raw = load_data(BUILTIN_PACKAGE, doc_path(rule_id))[lang]
    return RuleDoc(summary=raw["summary"].strip(), text=raw.get("text", "").rstrip(),
                   options=raw.get("options", "").rstrip(), bad=_strings(raw.get("bad")),
                   good=_strings(raw.get("good")), in_notice=bool(raw.get("in_notice")),
                   in_word=bool(raw.get("in_word")))


def rule_doc(loaded: Any, lang: str) -> RuleDoc:
    """The documentation of a loaded rule: the shipped file for a built-in rule; for a third
    party's, its docstring (the class's, else its module's) after its description."""
    if loaded.plugin.startswith(BUILTIN_MODULES):
        shipped = shipped_doc(loaded.id, lang)
        if shipped is not None:
            return shipped
    rule = loaded.rule
    description = (getattr(rule, "description_en", None) if lang == "en" else None) \
        or str(rule.description)
    owner = (type(rule).__doc__ and type(rule)) or sys.modules.get(type(rule).__module__)
    return RuleDoc(summary=description, text=(inspect.getdoc(owner) or "") if owner else "")


def as_text(doc: RuleDoc, lang: str, defaults: list[tuple[str, Any]] = ()) -> str:
    """The documentation as the terminal shows it: paragraphs of plain text."""
    labels = LABELS["en" if lang == "en" else "zh"]
    out = [doc.summary]
    if doc.text:
        out += ["", doc.text]
    if doc.options or defaults:
        out += ["", labels["options"]]
        out += [f"  {line}" for line in doc.options.splitlines()]
        if defaults:
            out.append(f"  {labels['defaults']}" + ("; " if lang == "en" else "；").join(
                f"{name} = {value!r}" for name, value in defaults))
    if doc.bad or doc.good:
        out += ["", labels["in_notice"]] if doc.in_notice else (
            ["", labels["in_word"]] if doc.in_word else [""])
        out += [labels["bad"] + example for example in doc.bad]
        out += [labels["good"] + example for example in doc.good]
    return "\n".join(out)


def as_markdown(doc: RuleDoc, lang: str) -> str:
    """The same documentation as Markdown (SARIF `help.markdown`): the prose escaped, lists kept,
    the configuration examples (lines indented outside a list) fenced."""
    labels = LABELS["en" if lang == "en" else "zh"]
    out = [f"**{_escape(doc.summary)}**"]
    if doc.text:
        out += ["", *_markdown_lines(doc.text)]
    if doc.options:
        out += ["", f"**{labels['options']}**", ""]
        out += [f"- {_escape(line)}" for line in doc.options.splitlines() if line.strip()]
    if doc.in_notice and (doc.bad or doc.good):
        out += ["", _escape(labels["in_notice"])]
    elif doc.in_word and (doc.bad or doc.good):
        out += ["", _escape(labels["in_word"])]
    for key, examples in (("bad", doc.bad), ("good", doc.good)):
        for example in examples:
            out += ["", f"{labels[key].strip()}", "", "```text", example, "```"]
    return "\n".join(out)


def _markdown_lines(text: str) -> list[str]:
    out: list[str] = []
    in_list = fenced = False
    for line in text.splitlines():
        indented = line.startswith("  ") and line.strip()
        if indented and not in_list:
            if not fenced:
                out.append("```yaml")
                fenced = True
            out.append(line[2:])
            continue
        if fenced:
            out.append("```")
            fenced = False
        if line.startswith("- "):
            in_list = True
            out.append("- " + _escape(line[2:]))
        elif indented:
            out.append("  " + _escape(line.strip()))
        else:
            if in_list and line.strip():
                out.append("")   # else Markdown reads the line into the last item
            in_list = False
            out.append(_escape(line))
    if fenced:
        out.append("```")
    return out


_SPECIAL = "\\`*_[]<>#|"


def _escape(text: str) -> str:
    return "".join("\\" + c if c in _SPECIAL else c for c in text)


def _strings(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    return (str(value),) if isinstance(value, str) else tuple(str(v) for v in value)
