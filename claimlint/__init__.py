"""claimlint: a linter for health and supplement marketing copy."""

__version__ = "0.1.0"
