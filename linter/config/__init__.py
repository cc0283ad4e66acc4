"""Configuration: discovery, `extends:`, validation into frozen objects; errors name file and line."""

from __future__ import annotations

from .loading import discover, load
from .options import build_options, check_rule_ids
from .schema import (
    CONFIG_FILES,
    FAIL_LEVELS,
    LANGS,
    PROFILES,
    RULE_KEYS,
    TOP_KEYS,
    Config,
    ConfigError,
    RuleSettings,
    megabytes_to_bytes,
    suggest,
)

__all__ = ["CONFIG_FILES", "FAIL_LEVELS", "LANGS", "PROFILES", "RULE_KEYS", "TOP_KEYS", "Config",
           "ConfigError", "RuleSettings", "build_options", "check_rule_ids", "discover", "load",
           "megabytes_to_bytes", "suggest"]
