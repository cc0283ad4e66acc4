"""The built-in checks, one module per rule, each registered like a third-party plugin."""

BUILTIN = (
    "notice_lint.checks.required_sections",
    "notice_lint.checks.contact_block",
    "notice_lint.checks.heading_numbering",
    "notice_lint.checks.conversion_artifacts",
    "notice_lint.checks.dates",
    "notice_lint.checks.disclosure_period",
    "notice_lint.checks.formulations",
    "notice_lint.checks.inspection_term",
    "notice_lint.checks.name_consistency",
    "notice_lint.checks.punctuation",
    "notice_lint.checks.spacing",
    "notice_lint.checks.issue_counts",
    "notice_lint.checks.confusables",
    "notice_lint.checks.word_review",
)
