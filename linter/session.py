"""The configured linter and the lint of one file: what a run, its workers and the commands share."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import config as config_module
from .engine import FileResult, Linter
from .input.files import ReadError, read_bytes, read_document
from .plugins import collect_rules, make_plugin_manager
from .record import Record

if TYPE_CHECKING:
    from .result_cache import ResultCache


class Settings(Record):
    """What the command line asks for, before the configuration file is read."""

    config: str | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    lang: str | None = None
    max_file_size: int | None = None  # bytes; None: as configured
    cache: bool = False               # reuse and keep results in the result cache
    excerpts: bool = False            # findings carry their line's words (the text format's source)


def load_config(settings: Settings) -> config_module.Config:
    if settings.isolated:
        return config_module.load(None)
    path = settings.config or config_module.discover()
    return config_module.load(path)


def build_linter(settings: Settings, builtins: tuple[str, ...] | None = None) -> Linter:
    """The configured linter; raises ConfigError for a configuration it cannot use."""
    config = load_config(settings)
    if settings.max_file_size is not None:
        config = config._replace(max_file_size=settings.max_file_size)
    manager, problems = make_plugin_manager(builtins)
    rules, more = collect_rules(manager)
    linter = Linter(config, rules, [*problems, *more], select=settings.select,
                    ignore=settings.ignore)
    linter.settings = settings
    return linter


def use_result_cache(linter: Linter, files: int) -> None:
    """Open the result cache for a run over `files` files, when the settings ask for it.

    A run over one file does not use it: a file named alone (by a clerk, an editor, pre-commit
    with one staged draft) is almost always one just edited, which the cache would look up in
    vain, and looking costs a small run more than a tenth of its time (hashlib loads OpenSSL);
    a folder or several files, a CI gate or `pre-commit run --all-files`, is where results are
    read back."""
    settings = getattr(linter, "settings", None)
    if (linter.result_cache is None and files > 1 and settings is not None and settings.cache
            and linter.config.cache):
        # start-up: hashlib and marshal, only for a run over files (not stdin, not a subcommand)
        from .result_cache import open_cache
        linter.result_cache = open_cache(linter)


def lint_file(linter: Linter, path: str, **lint_options) -> FileResult:
    """`lint_options`: passed on to Linter.lint (skip, watch). With a result cache, a file
    linted before with the same bytes and the same everything else is not linted again."""
    store = linter.result_cache
    if store is not None and path != "-" and not lint_options.get("skip"):
        return _lint_cached(linter, store, path, **lint_options)
    return _lint(linter, path, **lint_options)


def cached_digests(linter: Linter, files: list[str]) -> dict[int, bytes]:
    """The digests of the files whose results the result cache holds, by their place in
    `files`: a run hands only the others to its worker processes, and takes the kept results
    one at a time as it reports them (all of an archive's at once held every finding). A file
    without an entry is not read."""
    store = linter.result_cache
    found: dict[int, bytes] = {}
    if store is None:
        return found
    for index, path in enumerate(files):
        if path == "-" or not store.known(path):
            continue
        try:
            data = read_bytes(path, linter.config.max_file_size)
        except ReadError:
            continue
        digest = store.digest(data)
        if store.holds(path, digest):
            found[index] = digest
    return found


def kept_result(linter: Linter, path: str, digest: bytes) -> FileResult:
    """The result cached_digests found kept for `path`; linted here should it prove unusable."""
    store = linter.result_cache
    kept = store.get(path, digest) if store is not None else None
    return kept if kept is not None else lint_file(linter, path)


def _lint(linter: Linter, path: str, **lint_options) -> FileResult:
    try:
        document = read_document(path, limit=linter.config.max_file_size)
    except ReadError as exc:
        return FileResult(path, error=exc.message)
    return linter.lint(document, **lint_options)


def _lint_cached(linter: Linter, store: ResultCache, path: str, **lint_options) -> FileResult:
    limit = linter.config.max_file_size
    try:
        data = read_bytes(path, limit)
    except ReadError:  # said the way a plain lint says it
        return _lint(linter, path, **lint_options)
    digest = store.digest(data)
    cached = store.get(path, digest)
    if cached is not None:
        return cached
    try:
        document = read_document(path, data, limit=limit)
    except ReadError as exc:
        return FileResult(path, error=exc.message)
    del data  # the document keeps what it needs: a large draft's bytes go before the lint
    result = linter.lint(document, **lint_options)
    # the digest of the bytes linted travels with the result: a worker process's result is
    # kept by the run's own process, which may have seen other bytes
    result.digest = digest
    store.put(result)
    return result
