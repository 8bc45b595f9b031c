"""`claimlint claims`: the inventory of every extracted fact and claim, grouped by fact,
with value or polarity and location, in text and JSON."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint.cli import main

A = "# Guide\n\nMagnesium plays a part in over 300 biochemical reactions.\n\nMagnesium increases deep sleep.\n"
B = "# Review\n\nMagnesium helps run over 600 reactions.\n\nThere is no evidence that magnesium increases deep sleep.\n"
C = "# Intake\n\nFor magnesium, 60% of adults do not get enough from their diet. Magnesium is involved in hundreds of reactions.\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text(A, encoding="utf-8")
    (tmp_path / "content" / "b.md").write_text(B, encoding="utf-8")
    (tmp_path / "content" / "c.md").write_text(C, encoding="utf-8")
    (tmp_path / ".claimlint.toml").write_text('rulesets = ["consistency"]\ncorpus = ["content/*.md"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def claims(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["claims", *args])
    return result.exit_code, result.stdout


def test_json_inventory_groups_values_by_fact(site: Path) -> None:
    code, out = claims("--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["version"] == 1 and data["files"] == 3
    facts = {f["fact"]: f for f in data["facts"]}
    reactions = facts["magnesium.reactions"]
    assert reactions["rule"] == "magnesium-reactions-count"
    assert [(v["path"], v["line"], v["value"], v["sourced"]) for v in reactions["values"] if not v["vague"]] == [
        ("content/a.md", 3, 300, True),
        ("content/b.md", 3, 600, True),
    ]
    vague = [v for v in reactions["values"] if v["vague"]]
    assert [(v["path"], v["shown"]) for v in vague] == [("content/c.md", "hundreds of reactions")]
    share = facts["magnesium.intake-below-ear-share"]
    (value,) = share["values"]
    assert (value["value"], value["sourced"], value["shown"]) == (60, False, "60% of people")
    assert share["accepted"][0]["value"] == 48 and share["accepted"][0]["url"].startswith("https://ods.od.nih.gov/")
    (deep,) = [c for c in data["claims"] if c["claim"] == "increases-deep-sleep"]
    assert deep["subject"] == "magnesium" and deep["proposition"] == "Magnesium increases deep (slow-wave) sleep"
    assert [(s["path"], s["line"], s["polarity"]) for s in deep["statements"]] == [
        ("content/a.md", 5, "affirm"),
        ("content/b.md", 5, "deny"),
    ]
    assert deep["statements"][1]["sentence"] == "There is no evidence that magnesium increases deep sleep."


def test_text_inventory(site: Path) -> None:
    code, out = claims()
    assert code == 0
    assert "magnesium.reactions" in out
    assert re.search(r"^  over 300 reactions +1 in 1 file$", out, re.MULTILINE)
    assert re.search(r"^  hundreds of reactions +1 in 1 file  \[vague: not compared\]$", out, re.MULTILINE)
    assert "content/b.md:3:" in out
    assert "[not a sourced value]" in out
    assert "affirms  content/a.md:5:1" in out
    assert "denies   content/b.md:5:1" in out
    assert out.rstrip().endswith("in 3 files")


def test_paths_narrow_the_inventory(site: Path) -> None:
    _code, out = claims("--format", "json", "content/a.md")
    data = json.loads(out)
    assert data["files"] == 1
    paths = {v["path"] for f in data["facts"] for v in f["values"]} | {s["path"] for c in data["claims"] for s in c["statements"]}
    assert paths == {"content/a.md"}


def test_the_inventory_uses_and_fills_the_cache(site: Path) -> None:
    first = claims("--format", "json")[1]
    assert (site / ".claimlint_cache" / "corpus.sqlite3").is_file()
    assert claims("--format", "json")[1] == first
    assert claims("--format", "json", "--no-cache")[1] == first


def test_nothing_found(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.md").write_text("Nothing about minerals here.\n", encoding="utf-8")
    code, out = claims("--no-config", "--ruleset", "consistency", "x.md")
    assert code == 0 and "no facts or claims found in 1 file" in out
