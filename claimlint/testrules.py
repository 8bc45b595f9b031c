"""`claimlint test-rules`: every bad example must fire its rule, every good one must not."""
from __future__ import annotations

from dataclasses import dataclass

from claimlint.engine import lint_text
from claimlint.matching import shorten
from claimlint.rules import Rule


@dataclass(frozen=True)
class Failure:
    """A rule example that did not behave as documented."""

    rule: Rule
    which: str  # "bad" or "good"
    index: int
    example: str
    found: tuple[str, ...]  # messages of the findings (for good examples)

    def __str__(self) -> str:
        where = f"{self.rule.path}:{self.rule.line or 1}"
        if self.which == "bad":
            return f"{where}: rule {self.rule.id!r}: bad example {self.index + 1} produced no finding: {shorten(self.example, 100)!r}"
        return (
            f"{where}: rule {self.rule.id!r}: good example {self.index + 1} produced a finding: "
            f"{shorten(self.example, 100)!r} -> {'; '.join(self.found)}"
        )


def run_examples(rules: list[Rule]) -> tuple[int, list[Failure]]:
    failures: list[Failure] = []
    count = 0
    for rule in rules:
        for which, examples in (("bad", rule.bad), ("good", rule.good)):
            for index, example in enumerate(examples):
                count += 1
                suffix = {"markdown": ".md", "html": ".html"}.get(rule.example_markup, ".txt")
                result = lint_text([rule], example, f"example{suffix}")
                hits = [f for f in result.findings if f.rule == rule.id]
                if which == "bad" and not hits:
                    failures.append(Failure(rule, which, index, example, ()))
                if which == "good" and hits:
                    failures.append(Failure(rule, which, index, example, tuple(f"{f.match!r}" for f in hits)))
    return count, failures
