"""Every pattern of notice-lint: shipped ones compiled lazily, users' ones guarded."""

from __future__ import annotations

from .anchored import AtEnd
from .lazy import Pattern, near, shipped_pattern
from .user import BUDGET, Budget, PatternTimeout, UnsafePattern, user_pattern

__all__ = ["BUDGET", "AtEnd", "Budget", "Pattern", "PatternTimeout", "UnsafePattern", "near",
           "shipped_pattern", "user_pattern"]
