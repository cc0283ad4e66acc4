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


def _lint_many(paths: Sequence[str]) -> list[FileResult]:
    return [_lint_one(path) for path in paths]


def parallel_results(linter: Linter, files: Sequence[str], jobs: int) -> Iterator[FileResult]:
    forked = "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if forked else "spawn")
    initargs = (linter, None) if forked else (None, linter.settings)
    # the first file here: the workers forked after it inherit every pattern it compiled
    from .run import lint_file
    first = lint_file(linter, files[0])
    yield first
    rest = list(files[1:])
    # batches: few enough that round trips stay cheap, small enough that no worker is left
    # with a long last one while the others idle; results still come in order
    size = max(1, min(64, len(rest) // (jobs * 16) or 1))
    batches = [rest[i:i + size] for i in range(0, len(rest), size)]
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init,
                             initargs=initargs) as pool:
        for results in pool.map(_lint_many, batches):
            yield from results
