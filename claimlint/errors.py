"""The two kinds of failure a user can cause, each with a message that says where."""
from __future__ import annotations


class ClaimlintError(Exception):
    """A usage, configuration or ruleset problem: the run stops with exit code 2."""


class RulesetError(ClaimlintError):
    """A ruleset or configuration file is wrong; the message names file, line, rule and key."""

    def __init__(
        self,
        path: str,
        message: str,
        *,
        line: int | None = None,
        rule: str | None = None,
        key: str | None = None,
    ) -> None:
        self.path = path
        self.line = line
        self.rule = rule
        self.key = key
        self.detail = message
        where = path if line is None else f"{path}:{line}"
        parts = [where]
        if rule is not None:
            parts.append(f"rule {rule!r}")
        if key is not None:
            parts.append(f"key {key!r}")
        super().__init__(": ".join(parts) + f": {message}")


class FileProblem(Exception):
    """A file that cannot be linted (missing, unreadable, binary): reported, skipped, run goes on."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")
