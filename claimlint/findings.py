"""A finding is a small immutable record; checkers make them, reporters only read them."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field

# Slots: a large run holds hundreds of thousands of findings (a third less memory each).
_SLOTS = {"slots": True} if sys.version_info >= (3, 10) else {}

SEVERITIES = ("info", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}

CATEGORIES = (
    "absolute-safety",
    "efficacy-overstatement",
    "disease-claim",
    "evidence-misattribution",
    "unsupported-citation",
    "dose-limit",
    "undisclosed-promotion",
    "numeric-inconsistency",
    "contradiction",
    "readability",
)


@dataclass(frozen=True, order=True, **_SLOTS)
class Related:
    """Another place that a (cross-document) finding points at."""

    path: str
    line: int
    column: int
    message: str = ""

    def to_dict(self) -> dict[str, object]:
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}


@dataclass(frozen=True)
class Fix:
    """A safe replacement of source[start:end] (offsets into the decoded source)."""

    start: int
    end: int
    replacement: str


@dataclass(frozen=True, order=True, **_SLOTS)
class Finding:
    """One reported passage: where it is, which rule flagged it and why."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    category: str
    severity: str
    message: str
    match: str
    suggestion: str | None = None
    related: tuple[Related, ...] = ()
    fix: Fix | None = field(default=None, compare=False)

    def sort_key(self) -> tuple[object, ...]:
        """The dataclass order as a plain tuple: sorting by it compares in C, several
        times faster than the generated __lt__ on a large run."""
        return (self.path, self.line, self.column, self.end_line, self.end_column, self.rule, self.category,
                self.severity, self.message, self.match, self.suggestion or "", self.related)

    def to_row(self) -> list[object]:
        """Every field as a JSON list (for the cache; from_row reads it back)."""
        return [self.path, self.line, self.column, self.end_line, self.end_column, self.rule, self.category,
                self.severity, self.message, self.match, self.suggestion,
                [[r.path, r.line, r.column, r.message] for r in self.related],
                None if self.fix is None else [self.fix.start, self.fix.end, self.fix.replacement]]

    @classmethod
    def from_row(cls, row: list[object]) -> "Finding":
        """The finding to_row wrote (ValueError on anything else). Types are checked, not
        converted: a warm run rebuilds every cached finding this way."""
        path, line, column, end_line, end_column, rule, category, severity, message, match, suggestion, related, fix = row
        if not (type(line) is int and type(column) is int and type(end_line) is int and type(end_column) is int):
            raise ValueError("not a finding row")
        if not (type(path) is str and type(rule) is str and type(category) is str and type(severity) is str
                and type(message) is str and type(match) is str and (suggestion is None or type(suggestion) is str)):
            raise ValueError("not a finding row")
        return cls(
            path, line, column, end_line, end_column, rule, category, severity, message, match, suggestion,
            tuple([Related(*item) for item in related]) if related else (),  # type: ignore[union-attr, misc]
            None if fix is None else Fix(*fix),  # type: ignore[misc]
        )

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity,
            "message": self.message,
            "match": self.match,
        }
        if self.suggestion is not None:
            data["suggestion"] = self.suggestion
        if self.related:
            data["related"] = [item.to_dict() for item in self.related]
        if self.fix is not None:
            data["fix"] = {"replacement": self.fix.replacement}
        return data


def at_or_above(severity: str, threshold: str) -> bool:
    return SEVERITY_RANK[severity] >= SEVERITY_RANK[threshold]
