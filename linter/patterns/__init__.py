"""Every pattern of notice-lint: shipped ones compiled lazily, users' ones guarded."""

from __future__ import annotations

from .budget import BUDGET, Budget, PatternTimeout
from .guard import UnsafePattern, pattern_problem, user_pattern
from .lazy import Pattern, near, shipped_pattern

__all__ = ["BUDGET", "Budget", "Pattern", "PatternTimeout", "UnsafePattern", "near",
           "pattern_problem", "shipped_pattern", "user_pattern"]
