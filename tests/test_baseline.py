"""Baselines: CI fails only on new findings, however the old ones move."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from claimlint import baseline
from claimlint.cli import main
from claimlint.findings import Finding
from tests.goldens import RULESET

ARTICLE = """# Sleep

Our tea is clinically proven.

It cures insomnia, says our founder.
"""


def claimlint(folder: Path, *args: str) -> tuple[int, str, str]:
    outcome = CliRunner().invoke(main, [*args[:1], "--no-config", "--ruleset", str(RULESET), *args[1:]], catch_exceptions=False)
    return outcome.exit_code, outcome.stdout, outcome.stderr


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "sleep.md").write_text(ARTICLE, encoding="utf-8")
    code, _, err = claimlint(tmp_path, "baseline", "docs")
    assert code == 0 and "recorded 2 findings in .claimlint-baseline.json" in err
    return tmp_path


def check(repo: Path, *args: str) -> tuple[int, str, str]:
    return claimlint(repo, "check", "--baseline", ".claimlint-baseline.json", *args, "docs")


def test_baseline_file_is_readable_and_has_no_lines(repo: Path) -> None:
    data = json.loads((repo / ".claimlint-baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    assert [(e["path"], e["rule"], e["match"], e["count"]) for e in data["findings"]] == [
        ("docs/sleep.md", "clinically-proven", "clinically proven", 1),
        ("docs/sleep.md", "cures-disease", "cures insomnia", 1),
    ]
    assert "line" not in json.dumps(data)


def test_known_findings_pass(repo: Path) -> None:
    code, out, err = check(repo)
    assert (code, out) == (0, "")
    assert "2 findings already in the baseline not shown" in err


def test_findings_survive_lines_moving_and_unrelated_edits(repo: Path) -> None:
    moved = "# Sleep, revised\n\nA new opening paragraph.\n\n" + ARTICLE.replace("says our founder", "our founder says")
    (repo / "docs" / "sleep.md").write_text(moved.replace("\n", "\r\n"), encoding="utf-8")
    assert check(repo)[:2] == (0, "")


def test_only_new_findings_fail(repo: Path) -> None:
    (repo / "docs" / "sleep.md").write_text(ARTICLE + "\nAnd it cures anxiety.\n", encoding="utf-8")
    code, out, _ = check(repo)
    assert code == 1
    assert out == "docs/sleep.md:7:8: error cures-disease 'cures anxiety' is a disease claim, which a supplement may not make\n"


def test_a_second_copy_of_a_known_phrase_is_new(repo: Path) -> None:
    (repo / "docs" / "sleep.md").write_text(ARTICLE + "\nStill clinically proven.\n", encoding="utf-8")
    code, out, _ = check(repo)
    assert code == 1
    assert out.startswith("docs/sleep.md:7:7: warning clinically-proven")


def test_fixed_findings_leave_the_baseline_when_regenerated(repo: Path) -> None:
    (repo / "docs" / "sleep.md").write_text(ARTICLE.replace("clinically proven", "popular"), encoding="utf-8")
    code, _, err = check(repo)
    assert code == 0 and "1 baseline entry no longer found" in err
    claimlint(repo, "baseline", "docs")
    data = json.loads((repo / ".claimlint-baseline.json").read_text(encoding="utf-8"))
    assert [e["rule"] for e in data["findings"]] == ["cures-disease"]


def test_works_from_another_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "docs")
    outcome = claimlint(repo, "check", "--baseline", "../.claimlint-baseline.json", "sleep.md")
    assert outcome[:2] == (0, "")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param("{", "b.json:1: not JSON: Expecting property name enclosed in double quotes", id="not-json"),
        pytest.param('{"version": 9, "findings": []}', "b.json: version: this claimlint reads baseline version 1", id="version"),
        pytest.param('{"version": 1, "findings": {}}', "b.json: findings: must be a list", id="findings"),
        pytest.param('{"version": 1, "findings": [{"count": 1}]}', "b.json: findings[0]: fingerprint: must be a string", id="fingerprint"),
        pytest.param(
            '{"version": 1, "findings": [{"fingerprint": "x", "count": 0}]}',
            "b.json: findings[0]: count: must be a whole number of at least 1, not 0",
            id="count",
        ),
    ],
)
def test_bad_baseline_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("b.json").write_text(content, encoding="utf-8")
    Path("a.md").write_text("Fine.\n", encoding="utf-8")
    code, _, err = claimlint(tmp_path, "check", "--baseline", "b.json", "a.md")
    assert code == 2
    assert err == f"claimlint: error: {message}\n"


def test_missing_baseline_says_how_to_make_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("Fine.\n", encoding="utf-8")
    code, _, err = claimlint(tmp_path, "check", "--baseline", "none.json", "a.md")
    assert code == 2 and "create it with `claimlint baseline`" in err


def finding(path: str, match: str, line: int) -> Finding:
    return Finding(path, line, 1, line, 1 + len(match), "r", "readability", "info", "m", match)


@settings(max_examples=50, deadline=None)
@given(
    old=st.lists(st.tuples(st.sampled_from(["a.md", "b.md"]), st.sampled_from(["x", "y", "z"])), max_size=8),
    new=st.lists(st.tuples(st.sampled_from(["a.md", "b.md"]), st.sampled_from(["x", "y", "z"])), max_size=8),
)
def test_nothing_is_lost(tmp_path_factory: pytest.TempPathFactory, old: list[tuple[str, str]], new: list[tuple[str, str]]) -> None:
    """What passes the baseline is exactly today's findings minus the recorded ones, as multisets."""
    path = str(tmp_path_factory.mktemp("b") / "baseline.json")
    baseline.write([finding(p, m, n) for n, (p, m) in enumerate(old, start=1)], path)
    today = sorted(finding(p, m, n + 100) for n, (p, m) in enumerate(new))
    kept, matched, stale = baseline.apply(today, path)
    expected = Counter(new) - Counter(old)
    assert Counter((f.path, f.match) for f in kept) == expected
    assert matched == len(new) - sum(expected.values())
    assert stale == sum((Counter(old) - Counter(new)).values())
