"""What `check` does between linting and reporting when a team adopts claimlint on an
existing repository: unused suppressions, the baseline, --fix and --diff.

The order matters: unused directives are findings like any other (a baseline may hold
them); the baseline then removes what was already known; only what is left is fixed.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import IO, Any

import click

from claimlint.engine import Linter, Result
from claimlint.errors import ClaimlintError
from claimlint.findings import Finding, at_or_above
from claimlint.rules import Rule


@dataclass
class Outcome:
    """What the steps after linting decided: the rules to report with, and whether the run ends here or lints again."""

    rules: list[Rule]
    exit_code: int | None = None  # set: the run is over (baseline written, diff shown, stdin fixed)
    relint: bool = False  # files were fixed: lint again so the report shows what is left


def _note(message: str) -> None:
    click.echo(f"claimlint: {message}", err=True)


def after_lint(
    result: Result,
    linter: Linter,
    texts: dict[str, str],
    rules: list[Rule],
    options: dict[str, Any],
    fail_on: str,
    stdin_name: str | None = None,
) -> Outcome:
    # Each step's module is imported when asked for: a plain check needs none of them.
    outcome = Outcome(rules)
    if options.get("report_unused_suppressions"):
        from claimlint import unused

        result.findings = sorted(result.findings + unused.find_unused(linter.suppressions, texts, rules), key=Finding.sort_key)
        outcome.rules = [*rules, unused.rule()]
    if options.get("write_baseline"):
        from claimlint import baseline

        count = baseline.write(result.findings, options["write_baseline"])
        _note(f"recorded {count} finding{'s' if count != 1 else ''} in {options['write_baseline']}")
        outcome.exit_code = 0
        return outcome
    if options.get("baseline_file"):
        from claimlint import baseline

        result.findings, matched, stale = baseline.apply(result.findings, options["baseline_file"])
        if matched:
            _note(f"{matched} finding{'s' if matched != 1 else ''} already in the baseline not shown")
        if stale:
            _note(f"{stale} baseline entr{'ies' if stale != 1 else 'y'} no longer found; `claimlint baseline` drops them")
    if options.get("show_diff"):
        from claimlint import fixes

        planned = fixes.fix_texts(result.findings, texts)
        out = sys.stdout
        for path, (before, after) in planned.changed.items():
            out.write(fixes.unified_diff(path, before, after))
        _note(f"{len(planned.fixed)} fix{'es' if len(planned.fixed) != 1 else ''} available in {len(planned.changed)} file{'s' if len(planned.changed) != 1 else ''}")
        outcome.exit_code = 1 if planned.changed else 0
    elif options.get("fix"):
        _fix(result, texts, outcome, fail_on, stdin_name, sys.stdout)
    return outcome


def _fix(result: Result, texts: dict[str, str], outcome: Outcome, fail_on: str, stdin_name: str | None, out: IO[str]) -> None:
    from claimlint import fixes

    planned = fixes.fix_texts(result.findings, texts)
    if stdin_name is not None:
        # Like ruff: the fixed text goes to standard output, for editors that pipe a buffer.
        if len(texts) > 1:
            raise ClaimlintError("--fix with '-' fixes standard input alone; give no other paths")
        source = texts.get(stdin_name, "")
        out.write(planned.changed.get(stdin_name, (source, source))[1])
        fixed = {id(f) for f in planned.fixed}
        left = [f for f in result.findings if id(f) not in fixed and at_or_above(f.severity, fail_on)]
        outcome.exit_code = 1 if left else 0
        return
    fixes.write_fixes(planned)
    for path, reason in planned.skipped:
        _note(f"{path}: {reason}")
    count, files = len(planned.fixed), len(planned.changed)
    if count:
        _note(f"fixed {count} finding{'s' if count != 1 else ''} in {files} file{'s' if files != 1 else ''}")
        outcome.relint = True
