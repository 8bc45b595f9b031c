"""The `readability` ruleset: off by default, a paragraph grade limit the configuration can change,
and a word count for over-long sentences."""
from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from click.testing import CliRunner

from claimlint import rulesets
from claimlint.cli import main
from claimlint.engine import lint_text
from claimlint.findings import Finding
from claimlint.selection import select_rules

Lint = Callable[..., list[Finding]]
RULESET_FILE = Path(__file__).resolve().parents[2] / "rulesets" / "readability.toml"
GRADE = "paragraph-reading-grade"
LONG = "long-sentence"

# Far above grade 20 by Flesch-Kincaid (about 34): two long sentences full of long words.
DENSE = (
    "Supplementation with chelated magnesium formulations has been hypothesised to potentiate inhibitory "
    "neurotransmission, consequently facilitating physiological relaxation and attenuating nocturnal "
    "hyperarousal in individuals experiencing chronic psychological stress. Nevertheless, methodological "
    "heterogeneity across the available investigations necessitates cautious interpretation regarding "
    "generalisability to older populations with multimorbidity and polypharmacy."
)
# About grade 4: short sentences, short words.
PLAIN = (
    "Magnesium is a mineral. Your body uses it in many ways. Some people take it at night to help them "
    "relax. A few small studies suggest it may help older adults fall asleep a bit faster. It does not "
    "work for everyone. Too much can upset your stomach, so start low."
)


def run(text: str, overrides: dict[str, dict[str, Any]] | None = None, *, extend: tuple[str, ...] = ("readability",)) -> list[Finding]:
    loaded = rulesets.load([str(RULESET_FILE)], overrides=overrides)
    rules = select_rules(loaded, select=[], extend_select=list(extend), ignore=[], severity={}, profile="us")
    return lint_text(rules, text, "article.txt").findings


def rules_of(findings: list[Finding]) -> list[str]:
    return [f.rule for f in findings]


def test_rules_are_off_by_default(lint: Lint) -> None:
    assert lint(DENSE + " " + DENSE, ("readability",)) == []
    assert run(DENSE, extend=()) == []


def test_dense_paragraph_is_reported_when_selected() -> None:
    findings = [f for f in run(DENSE) if f.rule == GRADE]
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.category, finding.severity, finding.line, finding.column) == ("readability", "info", 1, 1)
    assert "above the limit of 10" in finding.message


def test_plain_paragraph_is_clean() -> None:
    assert run(PLAIN) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(DENSE, [GRADE], id="dense"),
        pytest.param(PLAIN, [], id="plain"),
        pytest.param(PLAIN + "\n\n" + DENSE, [GRADE], id="only-the-dense-paragraph"),
        pytest.param("Chelated magnesium potentiates inhibitory neurotransmission physiologically.", [], id="too-short-to-score"),
        pytest.param("Supplementation, Neurotransmission and Physiological Relaxation in Multimorbidity", [], id="heading-not-scored"),
    ],
)
def test_grade_by_paragraph(text: str, expected: list[str]) -> None:
    assert [r for r in rules_of(run(text)) if r == GRADE] == expected


def test_finding_points_at_the_first_line_of_a_wrapped_paragraph() -> None:
    wrapped = "A short intro line.\n\n" + DENSE.replace(" consequently", "\nconsequently")
    findings = [f for f in run(wrapped) if f.rule == GRADE]
    assert [(f.line, f.end_line) for f in findings] == [(3, 3)]


def test_rule_options_raise_the_limit() -> None:
    assert rules_of(run(DENSE, overrides={GRADE: {"max": 60}})) == []


def test_rule_options_lower_the_limit() -> None:
    findings = run(PLAIN, overrides={GRADE: {"max": 1}})
    assert rules_of(findings) == [GRADE]
    assert "above the limit of 1" in findings[0].message


def test_rule_options_min_words() -> None:
    short = "Chelated magnesium potentiates inhibitory neurotransmission, attenuating nocturnal hyperarousal."
    assert run(short) == []
    assert rules_of(run(short, overrides={GRADE: {"min_words": 5}})) == [GRADE]


def words(n: int) -> str:
    return " ".join(["Magnesium"] + ["helps"] * (n - 2) + ["sleep."])


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        pytest.param(words(41), 1, id="41-words"),
        pytest.param(words(40), 0, id="40-words"),
        pytest.param(words(30) + " " + words(30), 0, id="two-sentences-of-30"),
        pytest.param(words(45) + " " + words(10) + " " + words(50), 2, id="two-long-sentences"),
        pytest.param("- " + words(25) + "\n- " + words(25), 0, id="list-items-are-separate"),
        pytest.param(words(30) + "\n\n" + words(30), 0, id="paragraphs-are-separate"),
    ],
)
def test_long_sentence(text: str, hits: int) -> None:
    assert rules_of(run(text)).count(LONG) == hits


def test_long_sentence_match_starts_at_the_sentence() -> None:
    text = "Short one here. " + words(42)
    [finding] = [f for f in run(text) if f.rule == LONG]
    assert finding.column == len("Short one here. ") + 1
    assert "more than 40 words" in finding.message


def test_long_sentence_on_huge_input_finishes() -> None:
    loaded = rulesets.load([str(RULESET_FILE)])
    rules = select_rules(loaded, select=[], extend_select=[LONG], ignore=[], severity={}, profile="us")
    text = " ".join([words(45)] * 400 + [words(10)] * 2000)
    result = lint_text(rules, text, "article.txt")
    assert result.problems == []
    assert [f.rule for f in result.findings] == [LONG] * 400
    assert [f.rule for f in lint_text(rules, words(1500), "article.txt").findings] == [LONG]


@pytest.fixture
def in_tmp(tmp_path: Path) -> Iterator[Path]:
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def test_configuration_sets_the_limit(in_tmp: Path) -> None:
    (in_tmp / "article.txt").write_text(DENSE + "\n", encoding="utf-8")
    base = f'rulesets = ["{RULESET_FILE.as_posix()}"]\nextend-select = ["readability"]\n'
    (in_tmp / ".claimlint.toml").write_text(base, encoding="utf-8")
    runner = CliRunner()
    strict = runner.invoke(main, ["check", "--format", "json", "article.txt"])
    reported = json.loads(strict.output)
    reported = reported if isinstance(reported, list) else reported["findings"]
    assert GRADE in {f["rule"] for f in reported}

    (in_tmp / ".claimlint.toml").write_text(base + "\n[rule-options]\nparagraph-reading-grade = { max = 60 }\n", encoding="utf-8")
    relaxed = runner.invoke(main, ["check", "--format", "json", "article.txt"])
    reported = json.loads(relaxed.output)
    reported = reported if isinstance(reported, list) else reported["findings"]
    assert GRADE not in {f["rule"] for f in reported}
