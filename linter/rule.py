"""The Rule protocol: what a rule object provides, built-in or a plugin's."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

from .document import Document
from .finding import Finding, Severity


@runtime_checkable
class Rule(Protocol):
    """A rule, as the hook ``notice_lint_rules`` returns it (see notice_lint.hookspecs).

    Required:

    - ``id``: the rule id of configuration, ``--select``, ``per-file-ignores`` and
      ``notice-lint-disable`` comments (lower case with hyphens, unique among installed rules);
    - ``description``: one line, as ``notice-lint rules`` prints it;
    - ``severity``: the default severity, ``"error"``, ``"warning"`` or ``"info"`` (a
      configuration may override it per rule);
    - ``check(document, options)``: yields (or returns an iterable of) Finding objects.

    Optional, read with ``getattr`` (so not members of the protocol: ``isinstance(x, Rule)``
    checks the four above):

    - ``Options``: a dataclass; the engine validates the user's ``rules: {id: {...}}`` into it
      (unknown keys and wrong types are configuration errors naming the file and line) and
      passes the instance as ``options``, the same object for every draft; without it,
      ``options`` is a read-only mapping of what the configuration gave;
    - ``description_en``: the English description (``--lang en``);
    - ``severities``: every severity its findings can have, its default first (issue-counts:
      ``("warning", "error", "info")``); ``notice-lint rules`` and ``explain`` show them
      (without it, the default alone);
    - a docstring on the rule's class (else its module): what ``notice-lint explain ID`` prints
      and SARIF carries as the rule's help. The built-in rules are documented instead in
      ``configs/docs/<id>.yaml``, in Chinese and English, with ``bad`` and ``good`` examples
      that the test suite runs.
    """

    id: str
    description: str
    severity: str | Severity

    def check(self, document: Document, options: Any) -> Iterable[Finding] | None: ...
