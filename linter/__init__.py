"""notice-lint: a linter for Chinese inspection-rectification progress notices; the public API."""

# What a library user and a plugin author may import, from here and nowhere deeper, except the
# modules that say they are public: notice_lint.hookspecs (the plugin contract),
# notice_lint.outline and notice_lint.profile (the document model's types), notice_lint.patterns
# (compiling patterns as the built-ins do), and the shared rule
# types notice_lint.substitution (wrong → right lists with context guards) and
# notice_lint.edit_groups (repeated edits grouped per line, or once when the damage is systemic).
# The built-in checks use this same door.

from __future__ import annotations

import pluggy

from .config import Config, ConfigError
from .data import DataError, line_of, load_data
from .document import Document
from .engine import RuleCrash
from .finding import Finding, Fix, Message, Severity, Span
from .input.bounded import ReadError
from .outline import (
    ContactBlock,
    ContactField,
    CountPhrase,
    DateMention,
    DocNumber,
    Heading,
    Outline,
    Paragraph,
    Period,
    Rate,
    Section,
    Signature,
    Title,
)
from .profile import Profile
from .version import __version__

hookimpl = pluggy.HookimplMarker("notice_lint")



def __getattr__(name: str):
    # start-up: loaded on first use; the command line needs neither the library entry points
    # nor the Rule protocol (typing's Protocol machinery)
    if name in ("LintResult", "lint_path", "lint_text"):
        from . import api
        return getattr(api, name)
    if name == "Rule":
        from . import rule
        return rule.Rule
    raise AttributeError(f"module 'notice_lint' has no attribute {name!r}")

__all__ = [
    "Config",
    "ConfigError",
    "ContactBlock",
    "ContactField",
    "CountPhrase",
    "DataError",
    "DateMention",
    "DocNumber",
    "Document",
    "Finding",
    "Fix",
    "Heading",
    "LintResult",
    "Message",
    "Outline",
    "Paragraph",
    "Period",
    "Profile",
    "Rate",
    "ReadError",
    "Rule",
    "RuleCrash",
    "Section",
    "Severity",
    "Signature",
    "Span",
    "Title",
    "__version__",
    "hookimpl",
    "line_of",
    "lint_path",
    "lint_text",
    "load_data",
]
