"""Golden files and the sample run the reporter tests share.

Regenerate goldens deliberately, then review the diff:
    CLAIMLINT_UPDATE_GOLDEN=1 python -m pytest tests/test_reporters_formats.py
"""
from __future__ import annotations

import contextlib
import dataclasses
import os
from pathlib import Path
from typing import Iterator

from claimlint import rulesets
from claimlint.engine import Problem, Result, lint_files
from claimlint.findings import Related
from claimlint.reporters import Context
from claimlint.rules import Rule
from claimlint.selection import select_rules
from claimlint.sources import read

TESTS = Path(__file__).resolve().parent
DATA = TESTS / "data"
GOLDEN = TESTS / "golden"
RULESET = DATA / "rules" / "integration.toml"
ARTICLES = ["articles/clean.html", "articles/dose.txt", "articles/sleep.md"]
UPDATE = os.environ.get("CLAIMLINT_UPDATE_GOLDEN") == "1"


def assert_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"no golden file {path}; create it with CLAIMLINT_UPDATE_GOLDEN=1"
    expected = path.read_bytes().decode("utf-8")
    assert actual == expected, f"{name} differs from its golden file (CLAIMLINT_UPDATE_GOLDEN=1 regenerates it)"


@contextlib.contextmanager
def inside(folder: Path) -> Iterator[None]:
    before = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(before)


def integration_rules() -> list[Rule]:
    loaded = rulesets.load([str(RULESET)])
    return select_rules(loaded, select=[], extend_select=[], ignore=[], severity={}, profile="us")


def sample() -> tuple[Result, Context]:
    """The three sample articles linted with the test rules (paths relative to tests/data),
    the two dose findings made cross-document as a corpus rule would, and one problem."""
    rules = integration_rules()
    with inside(DATA):
        result = lint_files(rules, ARTICLES)
        texts = {path: read(path).text for path in ARTICLES}
    doses = [f for f in result.findings if f.rule == "dose-conflict"]
    assert len(doses) == 2, doses
    first, second = doses
    linked = {
        first: dataclasses.replace(first, related=(Related(second.path, second.line, second.column, "this article says 400 mg"),)),
        second: dataclasses.replace(second, related=(Related(first.path, first.line, first.column, "this article says 350 mg"),)),
    }
    result.findings = sorted(linked.get(f, f) for f in result.findings)
    result.problems.append(Problem("articles/gone.md", "no such file"))
    return result, Context(rules={r.id: r for r in rules}, sources=texts)
