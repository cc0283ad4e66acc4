"""`notice-lint serve`: a local page and a JSON API over the same linter as the command line."""
