"""notice-lint: a linter for Chinese inspection-rectification progress notices.

The public API for plugin authors: ``hookimpl`` and ``Finding`` (and ``Fix``, ``Message``,
``Severity``, ``Document``).
"""

from __future__ import annotations

import pluggy

from .document import Document
from .finding import Finding, Fix, Message, Severity, Span

__version__ = "0.1.0"

hookimpl = pluggy.HookimplMarker("notice_lint")

__all__ = ["Document", "Finding", "Fix", "Message", "Severity", "Span", "__version__", "hookimpl"]
