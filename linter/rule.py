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
    - a docstring on the rule's class (else its module): what ``notice-lint explain ID`` prints;
      the built-in checks end it with ``Bad:`` and ``Good:`` example lines, which the test
      suite runs.
    """

    id: str
    description: str
    severity: str | Severity

    def check(self, document: Document, options: Any) -> Iterable[Finding] | None: ...
