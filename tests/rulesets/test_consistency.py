"""The `consistency` ruleset: figures that disagree with their sources or each other, and
propositions affirmed in one place and denied in another, for magnesium and other
supplements; hedged, scoped and other-subject statements stay quiet."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from claimlint import rulesets
from claimlint.engine import Linter, lint_files
from claimlint.findings import Finding
from claimlint.sources import Source
from tests.conftest import SHARED, active_rules

RULESET = ("consistency",)
SEEDS = SHARED / "seeds"
CATEGORIES = {"numeric-inconsistency", "contradiction"}


def run(docs: dict[str, str] | str) -> list[Finding]:
    if isinstance(docs, str):
        docs = {"article.txt": docs}
    linter = Linter(active_rules(RULESET))
    for path, text in docs.items():
        linter.add_source(Source(path, text), "text")
    return [f for f in linter.finish().findings if f.category in CATEGORIES]


# (documents, rule that must report, the line it reports in the first document)
POSITIVE = [
    pytest.param({"a.txt": "Magnesium takes part in over 300 enzyme reactions.", "b.txt": "Magnesium runs more than 600 reactions."},
                 "magnesium-reactions-count", id="reactions-300-vs-600"),
    pytest.param("Magnesium is needed for about 900 biochemical reactions.", "magnesium-reactions-count", id="reactions-unsourced"),
    pytest.param("Our magnesium formula feeds 300+ enzymes.\n\nMagnesium runs over six hundred reactions.", "magnesium-reactions-count",
                 id="reactions-within-one-article"),
    pytest.param("For magnesium, 75% of Americans do not get enough from food.", "magnesium-intake-shortfall-share", id="share-75"),
    pytest.param("Magnesium matters because two-thirds of adults fall short of their needs.", "magnesium-intake-shortfall-share",
                 id="share-two-thirds"),
    pytest.param("Magnesium: seven in ten people do not meet their requirements.", "magnesium-intake-shortfall-share", id="share-seven-in-ten"),
    pytest.param({"a.txt": "About 10% of adults are magnesium deficient.", "b.txt": "Some 70% of Americans are deficient in magnesium."},
                 "magnesium-deficiency-share", id="deficiency-10-vs-70"),
    pytest.param("The RDA for magnesium is 600 mg for adults.", "magnesium-rda-adults", id="mg-rda-600"),
    pytest.param("Magnesium guide.\n\nThe recommended dietary allowance for women is 280 mg.", "magnesium-rda-adults", id="mg-rda-from-title"),
    pytest.param("The RDA for vitamin D is 400 IU for adults.", "vitamin-d-rda-adults", id="vitamin-d-old-400"),
    pytest.param("Vitamin D3: the recommended daily intake for adults is 25 mcg.", "vitamin-d-rda-adults", id="vitamin-d-25-mcg"),
    pytest.param("The RDA for zinc is 15 mg.", "zinc-rda-adults", id="zinc-old-15"),
    pytest.param("The recommended daily intake of vitamin C is 60 mg for adults.", "vitamin-c-rda-adults", id="vitamin-c-old-60"),
    pytest.param("The RDA for calcium is 1,500 mg for adults.", "calcium-rda-adults", id="calcium-1500"),
    pytest.param("The RDA for iron is 12 mg for adult men.", "iron-rda-adults", id="iron-12"),
    pytest.param("The RDA for vitamin B12 is 3 mcg for adults.", "vitamin-b12-rda-adults", id="b12-3"),
    pytest.param("Selenium supports the thyroid; its recommended daily intake is 200 mcg.", "selenium-rda-adults", id="selenium-200"),
    pytest.param({"a.txt": "Magnesium supplements increase deep sleep.", "b.txt": "There is no evidence that magnesium increases deep sleep."},
                 "deep-sleep-contradiction", id="deep-sleep-across"),
    pytest.param("Magnesium boosts slow-wave sleep.\n\nMagnesium does not increase N3 sleep.", "deep-sleep-contradiction",
                 id="deep-sleep-synonyms-within"),
    pytest.param({"a.txt": "In trials, people taking magnesium spent more time in deep sleep.",
                  "b.txt": "Magnesium had no effect on slow-wave sleep."}, "deep-sleep-contradiction", id="deep-sleep-no-effect"),
    pytest.param({"a.txt": "Magnesium helps you fall asleep faster.", "b.txt": "Magnesium does not shorten sleep latency."},
                 "sleep-latency-contradiction", id="latency"),
    pytest.param({"a.txt": "Melatonin is non-habit-forming.", "b.txt": "Melatonin can be habit-forming."},
                 "habit-forming-contradiction", id="melatonin-habit"),
    pytest.param({"a.txt": "Magnesium glycinate is a science-backed form.", "b.txt": "No trial has tested magnesium glycinate."},
                 "magnesium-glycinate-trials-contradiction", id="glycinate-trials"),
    # Other supplements: claims are compared per ingredient.
    pytest.param({"a.txt": "Ashwagandha increases deep sleep.", "b.txt": "There is no evidence that ashwagandha increases slow-wave sleep."},
                 "deep-sleep-contradiction", id="ashwagandha-deep-sleep"),
    pytest.param({"a.txt": "Magnesium glycinate boosts deep sleep.", "b.txt": "Magnesium does not increase deep sleep."},
                 "deep-sleep-contradiction", id="glycinate-is-magnesium"),
    pytest.param({"a.txt": "Melatonin helps you fall asleep faster.", "b.txt": "Melatonin does not reduce sleep latency."},
                 "sleep-latency-contradiction", id="melatonin-latency"),
    pytest.param({"a.txt": "Valerian is not habit-forming.", "b.txt": "Valerian root can be habit-forming."},
                 "habit-forming-contradiction", id="valerian-habit"),
    pytest.param({"a.txt": "Vitamin C prevents colds.", "b.txt": "Ascorbic acid does not prevent colds in most people."},
                 "prevents-colds-contradiction", id="vitamin-c-colds-alias"),
    pytest.param({"a.txt": "Zinc lozenges shorten the duration of colds.", "b.txt": "Zinc does not shorten colds."},
                 "shortens-colds-contradiction", id="zinc-colds"),
]

NEGATIVE = [
    pytest.param({"a.txt": "Magnesium is a cofactor in more than 300 enzyme systems.", "b.txt": "Magnesium takes part in over 300 reactions."},
                 id="reactions-agree"),
    pytest.param("Magnesium is involved in hundreds of reactions.", id="reactions-vague"),
    pytest.param("Zinc is needed for over 100 enzymes, and magnesium for many reactions.", id="reactions-other-mineral"),
    pytest.param("For magnesium, nearly half of Americans get less than they need from food.", id="share-nearly-half"),
    pytest.param("About 48% of Americans do not get enough magnesium from their diet.", id="share-48"),
    pytest.param("Most adults (over 80%) fall short of the RDA for magnesium.", id="share-of-rda-is-another-figure"),
    pytest.param("About 45% of Americans are magnesium deficient.", id="deficiency-alone"),
    pytest.param("The RDA for magnesium is 400-420 mg for men and 310-320 mg for women.", id="mg-rda-correct"),
    pytest.param("Magnesium guide.\n\nThe RDA for men is 400 mg at 19 to 30 and 420 mg from 31; women need 310 mg and 320 mg.", id="mg-rda-table"),
    pytest.param("Pregnant women aged 19 to 30 need 350 mg of magnesium, per the RDA.", id="mg-rda-pregnancy"),
    pytest.param("The upper limit for supplemental magnesium is 350 mg, lower than the RDA.", id="mg-ul-not-rda"),
    pytest.param("The RDA for vitamin D is 15 mcg (600 IU), or 20 mcg (800 IU) after 70.", id="vitamin-d-correct"),
    pytest.param("The RDA for vitamin D is 600 IU, but many people take 2,000 IU.", id="vitamin-d-dose-after-but"),
    pytest.param("Infants need 400 IU of vitamin D a day, per the recommended intake.", id="vitamin-d-infants"),
    pytest.param("Many experts suggest 1,000-2,000 IU of vitamin D a day, well above the RDA.", id="vitamin-d-above-the-rda"),
    pytest.param("In 2010 the RDA for vitamin D was raised from 400 IU to 600 IU.", id="vitamin-d-old-value-named-as-old"),
    pytest.param("The RDA for zinc is 11 mg for men and 8 mg for women.", id="zinc-correct"),
    pytest.param("The RDA for zinc is 11 mg; lozenges contain 13 mg per dose.", id="zinc-lozenge-dose"),
    pytest.param("The RDA for vitamin C is 90 mg for men and 75 mg for women.", id="vitamin-c-correct"),
    pytest.param("The RDA for calcium is 1,000 mg, rising to 1,200 mg for women over 50.", id="calcium-correct"),
    pytest.param("The RDA for iron is 8 mg for men and 18 mg for women aged 19 to 50.", id="iron-correct"),
    pytest.param("The RDA for zinc is 11 mg, and the RDA for vitamin C is 90 mg.", id="two-nutrients-one-sentence"),
    pytest.param("The RDA for vitamin B12 is 2.4 mcg; a typical tablet has 1,000 mcg.", id="b12-tablet-dose"),
    pytest.param("The RDA for folate is 400 mcg DFE, or 600 mcg DFE during pregnancy.", id="folate-pregnancy"),
    pytest.param("The RDA for iodine is 150 mcg for adults.", id="iodine-correct"),
    pytest.param({"a.txt": "CBD may support deep and REM sleep.", "b.txt": "There is no evidence that magnesium increases deep sleep."},
                 id="cbd-is-not-magnesium"),
    pytest.param({"a.txt": "Studies using polysomnography do not show that magnesium increases slow-wave sleep.",
                  "b.txt": "Magnesium increases deep sleep."}, id="polysomnography-is-scoped"),
    pytest.param({"a.txt": "Magnesium may improve deep sleep.", "b.txt": "Magnesium does not increase deep sleep."}, id="hedged-may"),
    pytest.param({"a.txt": "Does magnesium increase deep sleep?", "b.txt": "Magnesium does not increase deep sleep."}, id="question"),
    pytest.param({"a.txt": "Magnesium increases deep sleep.", "b.txt": "Magnesium increases slow-wave sleep."}, id="agreeing-claims"),
    pytest.param({"a.txt": "Sleeping pills can be habit-forming.", "b.txt": "Melatonin is not habit-forming."}, id="pills-are-not-melatonin"),
    pytest.param({"a.txt": "Melatonin carries no risk of dependence.", "b.txt": "Melatonin is not addictive."}, id="melatonin-agrees"),
    pytest.param({"a.txt": "Our gummies help users get more deep sleep.", "b.txt": "Magnesium guide.\n\nMagnesium does not increase deep sleep."},
                 id="product-is-not-magnesium"),
    pytest.param({"a.txt": "Melatonin increases deep sleep.", "b.txt": "Magnesium does not increase deep sleep."}, id="other-ingredient"),
    pytest.param({"a.txt": "Vitamin C prevents colds.", "b.txt": "Zinc does not prevent colds."}, id="colds-other-ingredient"),
    pytest.param({"a.txt": "Vitamin C prevents colds.", "b.txt": "Vitamin C may not prevent colds."}, id="colds-hedged"),
    pytest.param({"a.txt": "Lysine helps prevent cold sores.", "b.txt": "Lysine does not prevent colds."}, id="cold-sores-are-not-colds"),
]


@pytest.mark.parametrize(("docs", "rule"), POSITIVE)
def test_reports(docs: dict[str, str] | str, rule: str) -> None:
    found = run(docs)
    assert rule in {f.rule for f in found}, [f.message for f in found]
    first = next(iter(docs)) if isinstance(docs, dict) else "article.txt"
    assert any(f.rule == rule and f.path == first for f in found) or isinstance(docs, dict)


@pytest.mark.parametrize("docs", NEGATIVE)
def test_stays_quiet(docs: dict[str, str] | str) -> None:
    found = run(docs)
    assert found == [], [f"{f.rule}: {f.message}" for f in found]


def test_cross_document_message_names_the_other_places() -> None:
    found = run({
        "guides/sleep.md": "Magnesium plays a part in over 300 biochemical reactions.",
        "reviews/mg.md": "Magnesium is a cofactor in more than 300 enzyme systems.",
        "blog/shop.md": "Magnesium helps run over 600 reactions.",
    })
    (only,) = found
    assert only.path == "blog/shop.md"
    assert only.message.endswith("says over 600 reactions; 2 other articles say over 300 (guides/sleep.md:1, reviews/mg.md:1)")


def test_reference_message_names_nih() -> None:
    (only,) = run("For magnesium, 75% of Americans do not get enough from food.")
    assert "48%" in only.message and "NIH Office of Dietary Supplements" in only.message
    assert "Magnesium Intakes and Status" in only.message


def test_every_rule_is_documented_and_sourced() -> None:
    (ruleset,) = rulesets.load(["consistency"])
    assert ruleset.id == "consistency"
    kinds = {rule.kind for rule in ruleset.rules}
    assert kinds == {"fact", "claim"}
    for rule in ruleset.rules:
        assert len(rule.bad) >= 2 and len(rule.good) >= 2, rule.id
        assert rule.references and all(ref.url.startswith("https://") for ref in rule.references), rule.id
        assert rule.reviewed == dt.date(2026, 11, 23), rule.id
        assert rule.category in CATEGORIES
        for accepted in getattr(rule.checker, "accepted", []):
            assert accepted.url.startswith("https://") and accepted.checked is not None, rule.id


def test_examples_pass() -> None:
    from claimlint.testrules import run_examples

    rules = [rule for ruleset in rulesets.load(["consistency"]) for rule in ruleset.rules]
    count, failures = run_examples(rules)
    assert count >= 4 * len(rules)
    assert failures == [], [str(f) for f in failures]


# --- The seed articles -------------------------------------------------------------------

SEED_FILES = sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []


def seed_findings() -> list[Finding]:
    result = lint_files(active_rules(RULESET), [str(p) for p in SEED_FILES])
    return [f for f in result.findings if f.category in CATEGORIES]


def at(findings: list[Finding], prefix: str, line: int) -> set[str]:
    return {f.category for f in findings if Path(f.path).name.startswith(prefix) and f.line == line}


@pytest.mark.skipif(not SEED_FILES, reason="../shared/seeds is not present")
def test_seed_expectations() -> None:
    found = seed_findings()
    assert at(found, "001", 9) == {"numeric-inconsistency"}
    assert at(found, "002", 35) == {"numeric-inconsistency"}
    for prefix, line in [("001", 17), ("001", 47), ("002", 195), ("003", 25), ("003", 33), ("003", 37), ("002", 244)]:
        assert "contradiction" in at(found, prefix, line), (prefix, line)
    # Clean: correct RDAs; CBD is not magnesium; the polysomnography sentence is scoped.
    assert at(found, "002", 99) == set()
    assert at(found, "002", 85) == set()
    assert at(found, "002", 199) == set()
    (reactions,) = [f for f in found if f.rule == "magnesium-reactions-count"]
    assert sorted((Path(r.path).name[:3], r.line) for r in reactions.related) == [("000", 16), ("002", 13)]
