"""Linting many files with several processes; results come back in the order given."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor

from .engine import FileResult, Linter

_LINTER: Linter | None = None


def _init(linter: Linter | None, settings) -> None:
    global _LINTER
    if linter is not None:
        _LINTER = linter
    else:  # a spawned worker: build its own linter from the same settings
        from .run import build_linter
        _LINTER = build_linter(settings)


def _lint_one(path: str) -> FileResult:
    from .run import lint_file
    result = lint_file(_LINTER, path)
    result.document = None  # documents stay in the worker; findings travel
    return result


def parallel_results(linter: Linter, files: Sequence[str], jobs: int) -> Iterator[FileResult]:
    method = multiprocessing.get_start_method(allow_none=True) or "fork"
    forked = method == "fork" or (method is None and "fork" in
                                   multiprocessing.get_all_start_methods())
    context = multiprocessing.get_context("fork" if forked else "spawn")
    initargs = (linter, None) if forked else (None, linter.settings)
    chunk = max(1, min(64, len(files) // (jobs * 8) or 1))
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init,
                             initargs=initargs) as pool:
        yield from pool.map(_lint_one, files, chunksize=chunk)
