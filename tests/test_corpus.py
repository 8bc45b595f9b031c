"""Corpus mode through the command line: several files are compared with each other; with
`corpus = [...]` configured, a run over the changed files alone still compares them with
the rest of the corpus and reports only in the changed files; the cache lives beside the
configuration unless told otherwise."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint.cli import main

OLD = "# Sleep guide\n\nMagnesium plays a part in over 300 biochemical reactions.\n"
OLDER = "# Minerals\n\nMagnesium is a cofactor in more than 300 enzyme reactions.\n"
NEW = "# Shop blog\n\nMagnesium is a vital mineral that runs over 600 reactions in the body.\n"
AFFIRM = "# Deep sleep\n\nMagnesium increases deep sleep, our readers tell us.\n"
DENY = "# Evidence\n\nThere is no evidence that magnesium increases slow-wave sleep.\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "content" / "guides").mkdir(parents=True)
    (tmp_path / "content" / "guides" / "sleep.md").write_text(OLD, encoding="utf-8")
    (tmp_path / "content" / "minerals.md").write_text(OLDER, encoding="utf-8")
    (tmp_path / "content" / "new.md").write_text(NEW, encoding="utf-8")
    (tmp_path / ".claimlint.toml").write_text('rulesets = ["consistency"]\ncorpus = ["content/**/*.md"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(*args: str) -> tuple[int, dict]:
    result = CliRunner().invoke(main, ["check", "--format", "json", *args])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


def ours(data: dict, category: str = "numeric-inconsistency") -> list[dict]:
    return [f for f in data["findings"] if f["category"] == category]


def test_a_changed_file_is_compared_with_the_unchanged_corpus(site: Path) -> None:
    code, data = run("content/new.md")
    assert code == 1
    (finding,) = ours(data)
    assert finding["path"] == "content/new.md" and finding["line"] == 3
    assert sorted((r["path"], r["line"]) for r in finding["related"]) == [
        (os.path.join("content", "guides", "sleep.md"), 3),
        (os.path.join("content", "minerals.md"), 3),
    ]
    assert "2 other articles say over 300" in finding["message"]
    assert data["summary"]["files"] == 1


def test_findings_only_in_the_files_asked_for(site: Path) -> None:
    code, data = run("content/guides/sleep.md")
    # sleep.md is with the majority: nothing to report there, and nothing elsewhere
    assert code == 0 and ours(data) == []


def test_without_a_corpus_only_the_given_files_are_compared(site: Path) -> None:
    _, data = run("--no-config", "--ruleset", "consistency", "content/new.md")
    assert ours(data) == []
    _code, data = run("--no-config", "--ruleset", "consistency", "content/new.md", "content/minerals.md")
    assert sorted(f["path"] for f in ours(data)) == ["content/minerals.md", "content/new.md"]  # no majority: both


def test_contradiction_across_the_corpus(site: Path) -> None:
    (site / "content" / "affirm.md").write_text(AFFIRM, encoding="utf-8")
    (site / "content" / "deny.md").write_text(DENY, encoding="utf-8")
    _code, data = run("content/deny.md")
    (finding,) = ours(data, "contradiction")
    assert finding["path"] == "content/deny.md"
    assert [(r["path"], r["line"]) for r in finding["related"]] == [(os.path.join("content", "affirm.md"), 3)]


def test_a_deleted_file_no_longer_counts(site: Path) -> None:
    (site / "content" / "affirm.md").write_text(AFFIRM, encoding="utf-8")
    (site / "content" / "deny.md").write_text(DENY, encoding="utf-8")
    assert ours(run("content/deny.md")[1], "contradiction")
    (site / "content" / "affirm.md").unlink()
    assert ours(run("content/deny.md")[1], "contradiction") == []
    assert "affirm" not in json.dumps(run("content/deny.md")[1])


def test_the_cache_lives_beside_the_configuration(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (site / "sub").mkdir()
    monkeypatch.chdir(site / "sub")
    result = CliRunner().invoke(main, ["check", "--format", "json", "../content/new.md"])
    assert result.exit_code == 1, result.output
    assert (site / ".claimlint_cache" / "corpus.sqlite3").is_file()
    assert not (site / "sub" / ".claimlint_cache").exists()


def test_no_cache_and_cache_dir(site: Path) -> None:
    _, data = run("--no-cache", "content/new.md")
    assert ours(data) and not (site / ".claimlint_cache").exists()
    _code, data = run("--cache-dir", "elsewhere", "content/new.md")
    assert ours(data) and (site / "elsewhere" / "corpus.sqlite3").is_file()
    assert not (site / ".claimlint_cache").exists()


def test_a_repeated_run_gives_the_same_findings(site: Path) -> None:
    first = run("content/new.md")[1]["findings"]
    second = run("content/new.md")[1]["findings"]
    assert first == second and ours({"findings": second})


def test_editing_a_corpus_file_changes_the_result(site: Path) -> None:
    assert ours(run("content/new.md")[1])
    for name in ("content/guides/sleep.md", "content/minerals.md"):
        (site / name).write_text("# Guide\n\nMagnesium runs over 600 reactions.\n", encoding="utf-8")
    assert ours(run("content/new.md")[1]) == []
