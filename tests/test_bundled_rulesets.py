"""The bundled rulesets are linted: metadata complete, examples pass, ids unique and kebab-case."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from claimlint import rulesets
from claimlint.findings import CATEGORIES
from claimlint.rules import Rule
from claimlint.testrules import run_examples

LOADED = rulesets.load(["default"], eager=True)  # compile and validate every pattern now
RULES: list[Rule] = [rule for ruleset in LOADED for rule in ruleset.rules]


def test_bundled_rulesets_load_and_are_named_after_their_file() -> None:
    assert RULES, "no bundled rules"
    for ruleset in LOADED:
        assert ruleset.path.endswith(f"/{ruleset.id}.toml")


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_metadata(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", rule.id)
    assert rule.category in CATEGORIES
    assert rule.message.strip() and rule.summary.strip() and rule.why.strip() and rule.instead.strip()
    assert "\n" not in rule.summary
    assert len(rule.bad) >= 2, "at least two bad examples"
    assert len(rule.good) >= 2, "at least two good examples"
    assert rule.references and all(ref.url.startswith(("https://", "http://")) for ref in rule.references)
    assert dt.date(2024, 1, 1) <= rule.reviewed <= dt.date.today()


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_examples(rule: Rule) -> None:
    _, failures = run_examples([rule])
    assert not failures, "\n".join(str(f) for f in failures)


def test_every_category_has_a_rule() -> None:
    covered = {rule.category for rule in RULES}
    assert covered == set(CATEGORIES), f"missing: {sorted(set(CATEGORIES) - covered)}"


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_explain_has_every_section(rule: Rule) -> None:
    from claimlint.explain import explain

    text = explain(rule)
    for heading in ("What it flags", "Why", "Example", "Use instead", "References"):
        assert f"\n{heading}\n" in text, heading
    assert rule.references[0].url in text and rule.bad[0] in text
