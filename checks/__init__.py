"""The built-in checks, one module per rule, each registered like a third-party plugin."""

BUILTIN = (
    "checks.required_sections",
    "checks.contact_block",
    "checks.heading_numbering",
    "checks.conversion_artifacts",
    "checks.dates",
    "checks.disclosure_period",
    "checks.formulations",
    "checks.inspection_term",
    "checks.name_consistency",
    "checks.punctuation",
    "checks.spacing",
    "checks.issue_counts",
    "checks.confusables",
)
