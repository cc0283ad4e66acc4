"""`notice-lint show PATH`: a draft as the rules read it, its lines, profile and repairs."""

from __future__ import annotations

import os
import sys

from ..config import LANGS
from ..input.files import ReadError, read_document
from ..session import Settings, load_config
from .parsing import Parser


def main(argv: list[str]) -> int:
    parser = Parser(prog="notice-lint show")
    parser.add_argument("path")
    parser.add_argument("--repaired", action="store_true",
                        help="并列显示修复后的文本（规则实际读取的内容）")
    parser.add_argument("--lang", choices=LANGS, default=None)
    parser.add_argument("--config", default=None, help="配置文件（其中 notice: 指定通报类型）")
    parser.add_argument("--isolated", action="store_true", help="忽略所有配置文件")
    args = parser.parse_args(argv)
    lang = args.lang or os.environ.get("NOTICE_LINT_LANG") or "zh"
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
