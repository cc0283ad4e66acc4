"""The sub-commands: rules, explain, show, annotate (what they print to the terminal has its
control characters escaped by linter.outputs, as every output does)."""

from __future__ import annotations

import dataclasses
import inspect
import os
import sys

from .cli import UsageError, _Parser
from .config import LANGS


def _rules_and_lang(argv: list[str], prog: str, extra=None):
    parser = _Parser(prog=f"notice-lint {prog}")
    parser.add_argument("--lang", choices=LANGS, default=None)
    parser.add_argument("--config", default=None)
    parser.add_argument("--isolated", action="store_true")
    if extra:
        extra(parser)
    args = parser.parse_args(argv)
    from .run import Settings, build_linter
    linter = build_linter(Settings(config=args.config, isolated=args.isolated))
    lang = args.lang or os.environ.get("NOTICE_LINT_LANG") or linter.config.lang
    return linter, lang, args


def rules(argv: list[str]) -> int:
    linter, lang, _ = _rules_and_lang(argv, "rules")
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


def explain(argv: list[str]) -> int:
    def extra(parser):
        parser.add_argument("rule")

    linter, lang, args = _rules_and_lang(argv, "explain", extra)
    found = [r for r in linter.rules if r.id == args.rule]
    if not found:
        from .config import suggest
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


def show(argv: list[str]) -> int:
    parser = _Parser(prog="notice-lint show")
    parser.add_argument("path")
    parser.add_argument("--repaired", action="store_true",
                        help="并列显示修复后的文本（规则实际读取的内容）")
    parser.add_argument("--lang", choices=LANGS, default=None)
    parser.add_argument("--config", default=None, help="配置文件（其中 notice: 指定通报类型）")
    parser.add_argument("--isolated", action="store_true", help="忽略所有配置文件")
    args = parser.parse_args(argv)
    lang = args.lang or os.environ.get("NOTICE_LINT_LANG") or "zh"
    from .files import ReadError, read_document
    from .run import Settings, load_config
    # a ConfigError ends the run: exit 2
    config = load_config(Settings(config=args.config, isolated=args.isolated))
    try:
        document = read_document(args.path, limit=config.max_file_size)
        document.declared_genre = config.notice
    except ReadError as exc:
        print(f"notice-lint: {'error' if lang == 'en' else '错误'}: {args.path}: "
              f"{exc.message.render(lang)}", file=sys.stderr)
        return 2
    lines = document.lines
    width = len(str(len(lines)))
    if lang == "en":
        print(f"# {args.path}: encoding {document.encoding}, {len(lines)} lines")
    else:
        print(f"# {args.path}：编码 {document.encoding}，共 {len(lines)} 行")
    for line in profile_lines(document, lang):
        print(line)
    repaired = _repaired_lines(document) if args.repaired else None
    for number, line in enumerate(lines, 1):
        print(f"{number:>{width}}  {line}")
        if repaired and repaired.get(number) is not None and repaired[number] != line:
            print(f"{'':>{width}}→ {repaired[number]}")
    return 0


_EVIDENCE = {"declared": ("配置指定", "set by the configuration"),
             "dispatcher": ("派出主体", "inspecting body"),
             "title": ("标题", "title"),
             "usage": ("本通报用词", "the notice's own usage"),
             "inspected": ("被巡察（巡视）对象", "body inspected"),
             "issuer": ("发文机关", "issuing organ")}


def profile_lines(document, lang: str) -> list[str]:
    """The notice profile as `show` prints it: the genre, then what it was decided from."""
    profile = document.profile
    if lang == "en":
        out = [f"# notice: {profile.describe('en')}"]
    else:
        out = [f"# 通报类型：{profile.describe('zh')}"]
    for item in profile.evidence:
        zh, en = _EVIDENCE.get(item.what, (item.what, item.what))
        where = ""
        if item.start >= 0:
            line = document.view.locate(item.start, item.start + 1).line
            where = f" (line {line})" if lang == "en" else f"（第{line}行）"
        out.append(f"#   {en if lang == 'en' else zh}: {item.text}{where}" if lang == "en"
                   else f"#   {zh}：{item.text}{where}")
    return out


def _repaired_lines(document) -> dict[int, str]:
    """For each original line, the repaired text that starts on it."""
    view = document.view
    out: dict[int, str] = {}
    for start, end in view.line_spans:
        if start == end:
            continue
        line = view.locate(start, end).line
        out[line] = out.get(line, "") + view.text[start:end]
    return out


def annotate(argv: list[str]) -> int:
    from .annotate import main as annotate_main
    return annotate_main(argv)
