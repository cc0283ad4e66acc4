"""`notice-lint explain RULE`: a rule's documentation in the user's language, as plain text."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..config import suggest
from .parsing import UsageError
from .rules import configured, reported_severities


def main(argv: list[str]) -> int:
    def extra(parser):
        parser.add_argument("rule")

    from ..rule_docs import as_text, rule_doc  # start-up: only explain reads the docs

    linter, lang, args = configured(argv, "explain", extra)
    found = [r for r in linter.rules if r.id == args.rule]
    if not found:
        hint = suggest(args.rule, [r.id for r in linter.rules])
        raise UsageError(f"未知的规则 {args.rule}{hint} (unknown rule id)")
    loaded = found[0]
    severities = "/".join(reported_severities(loaded, linter.config))
    print(f"{loaded.id}  ({severities}, {loaded.plugin})\n")
    print(as_text(rule_doc(loaded, lang), lang, option_defaults(loaded.rule)))
    return 0


def option_defaults(rule: Any) -> list[tuple[str, Any]]:
    """Each option of the rule's Options dataclass with its default."""
    options = getattr(rule, "Options", None)
    if options is None or not dataclasses.is_dataclass(options):
        return []
    out = []
    for f in dataclasses.fields(options):
        default = f.default if f.default is not dataclasses.MISSING else (
            f.default_factory() if f.default_factory is not dataclasses.MISSING else None)
        out.append((f.name, default))
    return out
