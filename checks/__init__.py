"""The built-in checks, one module per rule, each registered like a third-party plugin."""

BUILTIN = (
    "checks.required_sections",
    "checks.contact_block",
    "checks.disclosure_period",
    "checks.inspection_term",
    "checks.issue_counts",
    "checks.confusables",
)
