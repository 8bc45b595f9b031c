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


def test_the_corpus_kinds_are_those_whose_checkers_compare_documents() -> None:
    from claimlint.engine import is_corpus_rule
    from claimlint.kinds import KIND_MODULES

    kinds = {rule.kind for rule in RULES}
    assert kinds == set(KIND_MODULES), "every kind is exercised by a bundled rule"
    for rule in RULES:
        assert is_corpus_rule(rule) == (hasattr(rule.checker, "extract") and hasattr(rule.checker, "compare")), rule.id


def test_bundled_local_checkers_are_built_together_on_first_use() -> None:
    from claimlint.document import parse
    from claimlint.engine import is_corpus_rule
    from claimlint.rulesets import LazyChecker

    rules = [rule for ruleset in rulesets.load(["default"]) for rule in ruleset.rules]
    lazy = [rule for rule in rules if isinstance(rule.checker, LazyChecker)]
    assert {rule.id for rule in lazy} == {rule.id for rule in rules if not is_corpus_rule(rule)}
    assert all(checker._real is None for checker in (rule.checker for rule in lazy))
    hits = list(lazy[0].checker.check(parse("Nothing to see here.", "a.txt")))  # one used: all are built
    assert hits == [] and all(rule.checker._real is not None for rule in lazy)
    eager = rulesets.load(["default"], eager=True)
    assert not any(isinstance(rule.checker, LazyChecker) for ruleset in eager for rule in ruleset.rules)
