"""Unused suppression directives (ruff's RUF100): off by default, info when asked."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint.cli import main
from tests.goldens import RULESET

ARTICLE = """# Tea

<!-- claimlint-disable-next-line -->
Our tea is clinically proven.

<!-- claimlint-disable-next-line cures-disease -->
It is soothing.

<!-- claimlint-disable-line some-rule-not-loaded --> Calm words.

<!-- claimlint-disable efficacy-overstatement -->
Nothing to see.
<!-- claimlint-enable efficacy-overstatement -->
"""


def run(path: Path, *args: str) -> tuple[int, str]:
    outcome = CliRunner().invoke(main, ["check", "--no-config", "--ruleset", str(RULESET), *args, str(path)])
    return outcome.exit_code, outcome.stdout


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "tea.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_not_reported_by_default(article: Path) -> None:
    assert run(article) == (0, "")


def test_reported_at_info_when_asked(article: Path) -> None:
    code, out = run(article, "--report-unused-suppressions")
    assert code == 0  # info does not fail the default fail-on level
    assert out.splitlines() == [
        f"{article}:6:1: info unused-suppression suppression directive for cures-disease suppresses no finding; remove it",
        f"{article}:11:1: info unused-suppression suppression directive for efficacy-overstatement suppresses no finding; remove it",
    ]


def test_sarif_describes_the_pseudo_rule(article: Path) -> None:
    import json

    _, out = run(article, "--report-unused-suppressions", "--format", "sarif")
    rules = {r["id"] for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert "unused-suppression" in rules
