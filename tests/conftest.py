from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from claimlint import rulesets
from claimlint.engine import lint_text
from claimlint.findings import Finding
from claimlint.selection import select_rules

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def pytest_configure(config: pytest.Config) -> None:
    # Compiled-pattern records for a regex release newer than the shipped file go to the
    # user's cache folder (claimlint.precompiled): the suite and the processes it starts
    # use a folder of their own, not the home directory.
    import os
    import tempfile

    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="claimlint-test-cache-")

_CACHE: dict[tuple[str, str], list] = {}


def active_rules(names: tuple[str, ...] = ("default",), profile: str = "us") -> list:
    key = (",".join(names), profile)
    if key not in _CACHE:
        loaded = rulesets.load(list(names))
        _CACHE[key] = select_rules(loaded, select=[], extend_select=[], ignore=[], severity={}, profile=profile)
    return _CACHE[key]


def lint_with(text: str, names: tuple[str, ...] = ("default",), *, markup: str = "text", profile: str = "us") -> list[Finding]:
    suffix = {"text": ".txt", "markdown": ".md", "html": ".html"}[markup]
    return lint_text(active_rules(names, profile), text, f"article{suffix}").findings


@pytest.fixture(autouse=True)
def _not_in_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    # --format auto switches to workflow commands under GitHub Actions; tests expect text.
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def lint() -> Callable[..., list[Finding]]:
    """lint(text, names=("default",), markup="text", profile="us") -> findings of the bundled rules."""
    return lint_with


def categories(findings: list[Finding]) -> set[str]:
    return {f.category for f in findings}
