"""Suppression directives that suppressed nothing (ruff's RUF100), reported only when asked.

A directive is unused when no finding fell under it in this run. One that names a rule,
ruleset or category not active in this run is never reported: with other options that
rule might have fired there.
"""
from __future__ import annotations

import datetime as _dt

from claimlint import suppress
from claimlint.findings import Finding
from claimlint.reporters.common import Lines
from claimlint.rules import Reference, Rule

RULE_ID = "unused-suppression"


def rule() -> Rule:
    """Metadata for the reporters (SARIF rule, HTML legend), like any other rule."""
    return Rule(
        id=RULE_ID,
        kind="builtin",
        category="suppression",
        severity="info",
        summary="A claimlint-disable directive that suppresses no finding.",
        message="suppression directive suppresses no finding; remove it",
        why=(
            "A directive left behind after the copy was rewritten silently hides the next problem "
            "written on that line, and tells reviewers a claim was judged acceptable when it is gone."
        ),
        instead="Delete the directive, or narrow it to the rule that still fires there.",
        bad=["<!-- claimlint-disable-next-line -->\nMagnesium is generally well tolerated."],
        good=["Magnesium is generally well tolerated."],
        example_markup="markdown",
        references=[Reference("Ruff, unused-noqa (RUF100)", "https://docs.astral.sh/ruff/rules/unused-noqa/")],
        reviewed=_dt.date(2026, 11, 23),
        default=False,
        profiles=["us", "eu", "uk"],
        suggestion=None,
        fix=None,
        ruleset="claimlint",
        path="<builtin>",
        at=None,
    )


def active_names(rules: list[Rule]) -> set[str]:
    return {name for r in rules for name in (r.id, r.ruleset, r.category)}


def find_unused(
    suppressions: dict[str, suppress.Suppressions], texts: dict[str, str], rules: list[Rule]
) -> list[Finding]:
    names = active_names(rules)
    findings: set[Finding] = set()
    for path, group in suppressions.items():
        lines = Lines(texts.get(path, ""))
        for item in group.items:
            if item.used or not item.targets <= names:
                continue
            text = lines.line_text(item.line)
            directive = suppress.DIRECTIVE.search(text)
            start, end = (directive.start(), directive.end()) if directive else (0, len(text))
            what = f" for {', '.join(sorted(item.targets))}" if item.targets else ""
            findings.add(
                Finding(
                    path=path,
                    line=item.line,
                    column=start + 1,
                    end_line=item.line,
                    end_column=end + 1,
                    rule=RULE_ID,
                    category="suppression",
                    severity="info",
                    message=f"suppression directive{what} suppresses no finding; remove it",
                    match=text[start:end],
                )
            )
    return sorted(findings)
