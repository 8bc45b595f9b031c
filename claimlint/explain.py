"""`claimlint explain RULE`: the fixed sections of a rule's documentation."""
from __future__ import annotations

import textwrap

from claimlint.rules import Rule


def _wrap(text: str, indent: str = "  ") -> str:
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "\n\n".join(textwrap.fill(" ".join(p.split()), width=88, initial_indent=indent, subsequent_indent=indent) for p in paragraphs)


def explain(rule: Rule) -> str:
    lines = [
        f"{rule.id}: {rule.summary}",
        "",
        f"  category: {rule.category}   severity: {rule.severity}   kind: {rule.kind}   ruleset: {rule.ruleset}",
        f"  profiles: {', '.join(rule.profiles)}   on by default: {'yes' if rule.default else 'no (enable with --extend-select ' + rule.id + ')'}",
        "",
        "What it flags",
        _wrap(rule.summary),
        "",
        "Why",
        _wrap(rule.why),
        "",
        "Example",
        *[f"  ✗ {example}" for example in rule.bad],
        "",
        "Use instead",
        _wrap(rule.instead),
        *[f"  ✓ {example}" for example in rule.good],
    ]
    if rule.suggestion:
        lines += ["", "Suggested replacement", f"  {rule.suggestion}"]
    lines += ["", "References"]
    for ref in rule.references:
        checked = f" (checked {ref.checked.isoformat()})" if ref.checked else ""
        lines.append(f"  - {ref}{checked}")
    lines += ["", f"Last reviewed: {rule.reviewed.isoformat()}   Defined in: {rule.path}:{rule.line or 1}"]
    return "\n".join(lines) + "\n"
