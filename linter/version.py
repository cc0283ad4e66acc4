"""The version of notice-lint (a leaf module: whatever names the version imports it from here)."""

__version__ = "0.1.0"
