"""The rule model: metadata every rule carries, whatever its kind."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Any

from claimlint.findings import CATEGORIES, SEVERITIES
from claimlint.schema import Field, Where, check_fields

RULE_ID = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
PROFILES = ("us", "eu", "uk")

COMMON_FIELDS: dict[str, Field] = {
    "id": Field("str", required=True, doc="unique kebab-case id"),
    "kind": Field("str", default="pattern", doc="the rule kind (engine module)"),
    "category": Field("choice", required=True, choices=CATEGORIES),
    "severity": Field("choice", required=True, choices=SEVERITIES),
    "summary": Field("str", required=True, doc="one line for `claimlint rules`"),
    "message": Field("str", required=True, doc="the finding's message; {match} names the matched text"),
    "why": Field("str", required=True, doc="why this is a problem"),
    "instead": Field("str", required=True, doc="what to write instead"),
    "examples": Field("table", required=True, doc="bad = [...] must fire, good = [...] must not"),
    "references": Field("table-list", required=True, doc="[{title, url, section?}]"),
    "reviewed": Field("date", required=True, doc="when the rule and its sources were last checked"),
    "default": Field("bool", default=True, doc="active without being selected"),
    "profiles": Field("str-list", default=list(PROFILES), doc="jurisdictions the rule applies in"),
    "suggestion": Field("str", doc="a replacement to offer the writer"),
    "fix": Field("table", doc="{ replace = '...' }: a replacement safe to apply with --fix"),
}
EXAMPLE_FIELDS = {
    "bad": Field("str-list", required=True),
    "good": Field("str-list", required=True),
    "markup": Field("choice", default="text", choices=("text", "markdown", "html")),
}
REFERENCE_FIELDS = {
    "title": Field("str", required=True),
    "url": Field("str", required=True),
    "section": Field("str"),
    "checked": Field("date"),
}


@dataclass
class Reference:
    """A published source a rule relies on, and when it was checked."""

    title: str
    url: str
    section: str | None = None
    checked: _dt.date | None = None

    def __str__(self) -> str:
        section = f", {self.section}" if self.section else ""
        return f"{self.title}{section} <{self.url}>"


@dataclass
class Rule:
    """One rule of a ruleset: its metadata, documentation and kind options, and its checker."""

    id: str
    kind: str
    category: str
    severity: str
    summary: str
    message: str
    why: str
    instead: str
    bad: list[str]
    good: list[str]
    example_markup: str
    references: list[Reference]
    reviewed: _dt.date
    default: bool
    profiles: list[str]
    suggestion: str | None
    fix: str | None
    ruleset: str
    path: str
    at: Any  # the line (int or None), or a function giving it (positions are found lazily)
    options: dict[str, Any] = field(default_factory=dict)
    checker: Any = None  # set by the kind's compile()

    @property
    def line(self) -> int | None:
        """The rule's line in its ruleset file."""
        if callable(self.at):
            self.at = self.at()
        return self.at  # type: ignore[no-any-return]

    def describe(self) -> str:
        return f"{self.id} ({self.category}, {self.severity})"


def split_fields(table: dict[str, Any], kind_fields: dict[str, Field]) -> tuple[dict[str, Any], dict[str, Any]]:
    common = {k: v for k, v in table.items() if k in COMMON_FIELDS}
    own = {k: v for k, v in table.items() if k not in COMMON_FIELDS}
    return common, own


def build_rule(table: dict[str, Any], kind_fields: dict[str, Field], where: Where, ruleset: str) -> Rule:
    """Validate the common metadata; the kind validates the rest (passed on in options)."""
    common, own = split_fields(table, kind_fields)
    values = check_fields(common, COMMON_FIELDS, where)
    if not RULE_ID.match(values["id"]):
        raise where.error("id", f"{values['id']!r} is not a kebab-case id (a-z, 0-9, single hyphens)")
    examples = check_fields(values["examples"], EXAMPLE_FIELDS, where.sub("examples"))
    references = []
    if not values["references"]:
        raise where.error("references", "at least one reference is required")
    for index, item in enumerate(values["references"]):
        ref = check_fields(item, REFERENCE_FIELDS, where.sub("references", index))
        if not re.match(r"^https?://\S+$", ref["url"]):
            raise where.sub("references", index).error("url", f"must be an http(s) URL, not {ref['url']!r}")
        references.append(Reference(ref["title"], ref["url"], ref["section"], ref["checked"]))
    for index, profile in enumerate(values["profiles"]):
        if profile not in PROFILES:
            raise where.error(("profiles", index), f"must be one of {', '.join(PROFILES)}, not {profile!r}")
    fix = None
    if values["fix"] is not None:
        fix_values = check_fields(values["fix"], {"replace": Field("str", required=True)}, where.sub("fix"))
        fix = fix_values["replace"]
    return Rule(
        id=values["id"],
        kind=values["kind"],
        category=values["category"],
        severity=values["severity"],
        summary=values["summary"].strip(),
        message=values["message"].strip(),
        why=values["why"].strip(),
        instead=values["instead"].strip(),
        bad=examples["bad"],
        good=examples["good"],
        example_markup=examples["markup"],
        references=references,
        reviewed=values["reviewed"],
        default=values["default"],
        profiles=values["profiles"],
        suggestion=values["suggestion"],
        fix=fix,
        ruleset=ruleset,
        path=where.path,
        at=lambda: where.positions.line_for(where.base),
        options=check_fields(own, kind_fields, where),
    )
