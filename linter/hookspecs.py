"""The hooks a notice-lint plugin may implement."""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("notice_lint")


@hookspec
def notice_lint_rules() -> list[object]:
    """Return the rule objects this plugin provides.

    A rule object has:

    - ``id``: the rule id used in configuration, ``--select`` and suppressions;
    - ``description``: a one-line description (``notice-lint rules`` prints it);
    - ``severity``: its default severity, ``"error"``, ``"warning"`` or ``"info"``;
    - ``check(document, options)``: yields :class:`linter.Finding` objects.

    Optional: ``Options``, a dataclass of the rule's options (the engine validates the user's
    configuration into it and passes an instance as ``options``); ``description_en``; a
    docstring, which ``notice-lint explain RULE`` prints.
    """
