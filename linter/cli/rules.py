"""`notice-lint rules`: every registered rule, its severity, whether it runs, and its plugin."""

from __future__ import annotations

import os
import sys

from ..config import LANGS
from ..session import Settings, build_linter
from .parsing import Parser


def configured(argv: list[str], prog: str, extra=None):
    """The configured linter, the message language and the parsed arguments of a command that
    lists or explains rules (`extra` adds its own arguments to the parser)."""
    parser = Parser(prog=f"notice-lint {prog}")
    parser.add_argument("--lang", choices=LANGS, default=None)
    parser.add_argument("--config", default=None)
    parser.add_argument("--isolated", action="store_true")
    if extra:
        extra(parser)
    args = parser.parse_args(argv)
    linter = build_linter(Settings(config=args.config, isolated=args.isolated))
    lang = args.lang or os.environ.get("NOTICE_LINT_LANG") or linter.config.lang
    return linter, lang, args


def main(argv: list[str]) -> int:
    linter, lang, _ = configured(argv, "rules")
    active = {a.loaded.id for a in linter.active}
    rows = []
    for loaded in sorted(linter.rules, key=lambda r: (r.plugin.startswith("notice_lint.checks.") is False,
                                                      r.id)):
        rule = loaded.rule
        description = (getattr(rule, "description_en", None) if lang == "en" else None) \
            or rule.description
        state = "" if loaded.id in active else (" (off)" if lang == "en" else "（未启用）")
        rows.append((loaded.id, str(loaded.severity), description + state, loaded.plugin))
    width = max(len(r[0]) for r in rows)
    for rule_id, severity, description, plugin in rows:
        print(f"{rule_id:<{width}}  {severity:<7}  {description}  [{plugin}]")
    for problem in linter.plugin_problems:
        what = "错误: 插件 {} 加载失败：" if problem.fatal else "警告: 插件 {}: "
        print(f"notice-lint: {what.format(problem.plugin)}{problem.message}", file=sys.stderr)
    return 2 if any(p.fatal for p in linter.plugin_problems) else 0
