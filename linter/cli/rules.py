"""`notice-lint rules`: every registered rule, its severity, whether it runs, and its plugin."""

from __future__ import annotations

import os
import sys

from ..config import LANGS
from ..finding import Severity
from ..session import Settings, build_linter
from .parsing import Parser

SCHEMA = "schema.json"   # the JSON Schema of a configuration file, shipped in configs/


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
    if getattr(args, "schema", False):   # needs no configuration: a broken one is when it helps
        return None, None, args
    linter = build_linter(Settings(config=args.config, isolated=args.isolated))
    lang = args.lang or os.environ.get("NOTICE_LINT_LANG") or linter.config.lang
    return linter, lang, args


def main(argv: list[str]) -> int:
    def extra(parser):
        parser.add_argument("--schema", action="store_true",
                            help="输出配置文件的 JSON Schema（供编辑器补全和检查）")

    linter, lang, args = configured(argv, "rules", extra)
    if args.schema:
        from importlib.resources import files  # start-up: only --schema reads it
        sys.stdout.write((files("notice_lint.configs") / SCHEMA).read_text(encoding="utf-8"))
        return 0
    active = {a.loaded.id for a in linter.active}
    rows = []
    for loaded in sorted(linter.rules, key=lambda r: (r.plugin.startswith("notice_lint.checks.") is False,
                                                      r.id)):
        rule = loaded.rule
        description = (getattr(rule, "description_en", None) if lang == "en" else None) \
            or rule.description
        state = "" if loaded.id in active else (" (off)" if lang == "en" else "（未启用）")
        rows.append((loaded.id, "/".join(reported_severities(loaded, linter.config)),
                     description + state, loaded.plugin))
    width = max(len(r[0]) for r in rows)
    levels = max(len(r[1]) for r in rows)
    for rule_id, severity, description, plugin in rows:
        print(f"{rule_id:<{width}}  {severity:<{levels}}  {description}  [{plugin}]")
    for problem in linter.plugin_problems:
        what = "错误: 插件 {} 加载失败：" if problem.fatal else "警告: 插件 {}: "
        print(f"notice-lint: {what.format(problem.plugin)}{problem.message}", file=sys.stderr)
    return 2 if any(p.fatal for p in linter.plugin_problems) else 0


def reported_severities(loaded, config) -> tuple[str, ...]:
    """The severities a rule's findings can have, its default first: one, when the configuration
    sets the rule's severity; else what the rule declares (`severities`, e.g. issue-counts'
    warning/error/info), with what the user's `add:` entries set; a rule that declares nothing
    (a third party's) reports its default."""
    settings = config.rules.get(loaded.id)
    if settings is not None and settings.severity is not None:
        return (str(settings.severity),)
    default = str(loaded.severity)
    try:
        declared = [str(Severity(str(s))) for s in getattr(loaded.rule, "severities", ()) or ()]
    except Exception:  # a plugin's odd attribute: its default is still true
        declared = []
    for entry, _source, _line in settings.add if settings is not None else ():
        if isinstance(entry, dict) and entry.get("severity") in ("error", "warning", "info"):
            declared.append(entry["severity"])
    return (default, *(s for s in ("error", "warning", "info") if s in declared and s != default))
