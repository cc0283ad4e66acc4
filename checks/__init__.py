"""The built-in checks, one module per rule, each registered like a third-party plugin."""

BUILTIN = (
    "checks.required_sections",
    "checks.confusables",
)
