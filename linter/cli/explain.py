"""`notice-lint explain RULE`: a rule's documentation, as its docstring and options say."""

from __future__ import annotations

import dataclasses
import inspect
import sys

from ..config import suggest
from .parsing import UsageError
from .rules import configured


def main(argv: list[str]) -> int:
    def extra(parser):
        parser.add_argument("rule")

    linter, lang, args = configured(argv, "explain", extra)
    found = [r for r in linter.rules if r.id == args.rule]
    if not found:
        hint = suggest(args.rule, [r.id for r in linter.rules])
        raise UsageError(f"未知的规则 {args.rule}{hint} (unknown rule id)")
    loaded = found[0]
    rule = loaded.rule
    description = (getattr(rule, "description_en", None) if lang == "en" else None) \
        or rule.description
    out = [f"{loaded.id}  ({loaded.severity}, {loaded.plugin})", "", description, ""]
    owner = (type(rule).__doc__ and type(rule)) or sys.modules.get(type(rule).__module__)
    doc = inspect.getdoc(owner) or ""
    if doc:
        out += [doc, ""]
    options = getattr(rule, "Options", None)
    if options is not None and dataclasses.is_dataclass(options):
        out.append("Options:" if lang == "en" else "选项：")
        for f in dataclasses.fields(options):
            default = f.default if f.default is not dataclasses.MISSING else (
                f.default_factory() if f.default_factory is not dataclasses.MISSING else None)
            out.append(f"  {f.name}: {default!r}")
    print("\n".join(out).rstrip())
    return 0
