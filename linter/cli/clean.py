"""`notice-lint clean`: remove what notice-lint keeps in its cache directory (as `ruff clean`)."""

from __future__ import annotations

import os
import sys

from ..cachedir import cache_dir
from ..config import LANGS
from .parsing import Parser


def main(argv: list[str]) -> int:
    parser = Parser(prog="notice-lint clean",
                    description="删除结果缓存与规则数据缓存 (remove the result and rule-data "
                                "caches); 目录 (folder): NOTICE_LINT_CACHE_DIR 或用户缓存目录")
    parser.add_argument("--lang", choices=LANGS, default=None)
    args = parser.parse_args(argv)
    lang = args.lang or os.environ.get("NOTICE_LINT_LANG") or "zh"
    folder = cache_dir()
    if folder is None:
        return 0
    removed = _remove_ours(folder)
    if removed is None:
        print(f"notice-lint: {'error' if lang == 'en' else '错误'}: {folder}: "
              + ("cannot remove the cache" if lang == "en" else "无法删除缓存"), file=sys.stderr)
        return 2
    if lang == "en":
        print(f"removed the cache in {folder}" if removed else f"no cache in {folder}")
    else:
        print(f"已删除缓存：{folder}" if removed else f"没有缓存：{folder}")
    return 0


def _remove_ours(folder: str) -> bool | None:
    """Remove the result cache and the data cache files in `folder`, and the folder when that
    leaves it empty; what else it holds stays (NOTICE_LINT_CACHE_DIR may name a shared folder).
    True when something was removed, None when something could not be."""
    import shutil  # start-up: only this command needs it

    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return False
    except OSError:
        return None
    ours = [name for name in names
            if name == "results" or name.startswith(("data-", "patterns-"))]
    failed = False
    for name in ours:
        path = os.path.join(folder, name)
        try:
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path)
            else:
                os.unlink(path)
        except OSError:
            failed = True
    if failed:
        return None
    if ours and len(ours) == len(names):
        try:
            os.rmdir(folder)
        except OSError:
            pass
    return bool(ours)
