"""A finding is a small immutable record; checkers make them, reporters only read them."""
from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass(frozen=True, order=True)
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


@dataclass(frozen=True, order=True)
class Finding:
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

    def to_record(self) -> dict[str, object]:
        """Every field, as JSON data (for the cache; from_dict reads it back)."""
        data = self.to_dict()
        if self.fix is not None:
            data["fix"] = {"start": self.fix.start, "end": self.fix.end, "replacement": self.fix.replacement}
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> "Finding":
        fix = data.get("fix")
        related = data.get("related") or []
        return cls(
            path=str(data["path"]), line=int(data["line"]), column=int(data["column"]),  # type: ignore[call-overload]
            end_line=int(data["end_line"]), end_column=int(data["end_column"]),  # type: ignore[call-overload]
            rule=str(data["rule"]), category=str(data["category"]), severity=str(data["severity"]),
            message=str(data["message"]), match=str(data["match"]),
            suggestion=None if data.get("suggestion") is None else str(data["suggestion"]),
            related=tuple(Related(str(r["path"]), int(r["line"]), int(r["column"]), str(r.get("message", ""))) for r in related),  # type: ignore[union-attr, attr-defined]
            fix=None if not isinstance(fix, dict) else Fix(int(fix["start"]), int(fix["end"]), str(fix["replacement"])),
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
