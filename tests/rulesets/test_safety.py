"""The `safety` ruleset: unqualified safety promises fire; hedged, reported, warning and debunking sentences do not."""
from __future__ import annotations

import time
from typing import Callable

import pytest

from claimlint.findings import Finding

Lint = Callable[..., list[Finding]]
RULESET = ("safety",)
CATEGORY = "absolute-safety"


def safety(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.category == CATEGORY]


# (sentence, rule that must report it)
POSITIVE = [
    # no-side-effects
    pytest.param("Our zinc picolinate gives you immune support with no side effects.", "no-side-effects", id="zinc-no-side-effects"),
    pytest.param("Unlike antidepressants, saffron lifts mood without any unwanted side effects.", "no-side-effects", id="saffron-without-any-unwanted"),
    pytest.param("Enjoy restful nights with zero side effects thanks to our valerian tea.", "no-side-effects", id="valerian-zero"),
    pytest.param("CBD oil offers relief free from the harmful side effects of painkillers.", "no-side-effects", id="cbd-free-from-the-harmful"),
    pytest.param("Berberine balances blood sugar without the nasty side effects of metformin.", "no-side-effects", id="berberine-without-the-nasty"),
    pytest.param("This fish oil has no known side effects.", "no-side-effects", id="fish-oil-no-known"),
    pytest.param("Probiotics are side-effect free.", "no-side-effects", id="probiotic-side-effect-free"),
    pytest.param("Our elderberry gummies won't give you any side effects.", "no-side-effects", id="elderberry-wont-give"),
    pytest.param("Rhodiola boosts energy without jitters or side effects.", "no-side-effects", id="rhodiola-without-x-or"),
    pytest.param("Users report zero adverse reactions to our collagen.", "no-side-effects", id="collagen-zero-adverse-reactions"),
    pytest.param("Take it every day with no ill effects.", "no-side-effects", id="no-ill-effects"),
    pytest.param("It's not addictive and has no side effects.", "no-side-effects", id="stacked-negative-claim"),
    pytest.param("You don't have to worry about side effects with our kava.", "no-side-effects", id="dont-worry-about-side-effects"),
    pytest.param("Vitamin K2 never causes side effects.", "no-side-effects", id="never-causes"),
    # completely-safe
    pytest.param("Melatonin is completely safe for long-term use.", "completely-safe", id="melatonin-completely-safe"),
    pytest.param("Our vitamin D3 is 100% safe for daily use.", "completely-safe", id="vitamin-d-100-percent"),
    pytest.param("Ashwagandha is totally harmless.", "completely-safe", id="ashwagandha-totally-harmless"),
    pytest.param("Kava is an absolutely safe way to ease social anxiety.", "completely-safe", id="kava-absolutely-safe"),
    pytest.param("Our NMN capsules are perfectly safe, even at high doses.", "completely-safe", id="nmn-perfectly-safe"),
    pytest.param("Green tea extract is non-toxic and gentle on the liver.", "completely-safe", id="green-tea-non-toxic"),
    pytest.param("Quercetin is harmless, so double up during allergy season.", "completely-safe", id="quercetin-is-harmless"),
    pytest.param("We think our kava is completely safe.", "completely-safe", id="first-person-belief"),
    pytest.param("No fillers, no dyes and 100% safe for daily use.", "completely-safe", id="after-stacked-negatives"),
    # risk-free
    pytest.param("Collagen is a risk-free way to support your joints.", "risk-free", id="collagen-risk-free"),
    pytest.param("There is zero risk in taking our turmeric every day.", "risk-free", id="turmeric-zero-risk"),
    pytest.param("Taking elderberry poses no health risks.", "risk-free", id="elderberry-poses-no-health-risks"),
    pytest.param("Creatine has no safety concerns whatsoever.", "risk-free", id="creatine-no-safety-concerns"),
    pytest.param("Try a little echinacea - it can't hurt you.", "risk-free", id="echinacea-cant-hurt"),
    pytest.param("Zinc and vitamin C, with no drug interactions and zero risk.", "risk-free", id="zero-risk-after-no"),
    pytest.param("Our spray soothes nerves without the risk of addiction.", "risk-free", id="without-the-risk"),
    # safe-for-everyone
    pytest.param("Our melatonin gummies are safe for everyone.", "safe-for-everyone", id="melatonin-safe-for-everyone"),
    pytest.param("Magnesium is safe for all ages.", "safe-for-everyone", id="magnesium-all-ages"),
    pytest.param("Our probiotic is suitable for the whole family, from toddlers to grandparents.", "safe-for-everyone", id="probiotic-whole-family"),
    pytest.param("Anyone can take our ashwagandha gummies.", "safe-for-everyone", id="anyone-can-take"),
    pytest.param("Iron drops that are safe for kids and adults alike.", "safe-for-everyone", id="iron-kids-and-adults"),
    pytest.param("Our ashwagandha is safe for all, even during pregnancy.", "safe-for-everyone", id="safe-for-all-comma"),
    # no-overdose
    pytest.param("Vitamin C is water-soluble, so you can't overdose on it.", "no-overdose", id="vitamin-c-cant-overdose"),
    pytest.param("It's impossible to overdose on B12.", "no-overdose", id="b12-impossible"),
    pytest.param("Take as much zinc as you like: there's no such thing as too much.", "no-overdose", id="zinc-no-such-thing"),
    pytest.param("Biotin is safe at any dose.", "no-overdose", id="biotin-any-dose"),
    pytest.param("Any excess vitamin B6 is simply flushed out in your urine.", "no-overdose", id="b6-flushed-out"),
    pytest.param("Your body will just flush out whatever it doesn't need.", "no-overdose", id="body-flushes"),
    pytest.param("With these gummies there's no risk of overdose.", "no-overdose", id="no-risk-of-overdose"),
    pytest.param("Take as much collagen as you want.", "no-overdose", id="take-as-much-as-you-want"),
    # no-interactions
    pytest.param("St John's wort has no drug interactions.", "no-interactions", id="st-johns-no-interactions"),
    pytest.param("Our CBD gummies don't interact with any medications.", "no-interactions", id="cbd-dont-interact"),
    pytest.param("Ginkgo is safe to take with all prescription drugs.", "no-interactions", id="ginkgo-safe-with-all"),
    pytest.param("You can mix our sleep blend with any medication you're on.", "no-interactions", id="mix-with-any"),
    pytest.param("Our CBD products are safe to use with other medications.", "no-interactions", id="safe-with-other-medications"),
    # natural-means-safe
    pytest.param("Chamomile is a safe and natural remedy for anxiety.", "natural-means-safe", id="chamomile-safe-and-natural"),
    pytest.param("Boost your immunity naturally and safely with echinacea.", "natural-means-safe", id="naturally-and-safely"),
    pytest.param("Because it's herbal, it's perfectly safe.", "natural-means-safe", id="because-herbal-safe"),
    pytest.param("Black seed oil is natural, so it's harmless.", "natural-means-safe", id="natural-so-harmless"),
    pytest.param("Our adaptogen blend offers a safe, effective and natural way to beat stress.", "natural-means-safe", id="safe-effective-natural"),
    pytest.param("Ease joint pain the safe, all-natural way with turmeric.", "natural-means-safe", id="safe-all-natural"),
    pytest.param("Safe. Natural. Effective.", "natural-means-safe", id="tagline-across-full-stops"),
]

# Hedged, reported, comparative, warning, debunking and off-topic sentences: no absolute-safety finding.
NEGATIVE = [
    pytest.param("Zinc is generally well tolerated, but doses above 40 mg a day can cause nausea.", id="hedged-well-tolerated"),
    pytest.param("Vitamin D is considered safe at recommended doses for most adults.", id="considered-safe-at-doses"),
    pytest.param("Fish oil may have fewer side effects than some prescription drugs.", id="fewer-side-effects"),
    pytest.param("In the 8-week trial, no serious adverse events were reported.", id="trial-no-serious-events"),
    pytest.param("Participants taking ashwagandha reported no side effects beyond mild drowsiness.", id="participants-reported-none"),
    pytest.param("No adverse effects were observed compared with placebo.", id="none-observed-vs-placebo"),
    pytest.param("High doses of vitamin B6 can cause nerve damage.", id="b6-warning"),
    pytest.param("Melatonin can cause headaches, dizziness and next-day grogginess.", id="melatonin-warning"),
    pytest.param("'Natural' does not mean safe: comfrey can damage the liver.", id="natural-not-safe"),
    pytest.param("Natural doesn't always mean safe.", id="natural-doesnt-always"),
    pytest.param("No supplement is completely safe for everyone.", id="no-supplement-completely-safe"),
    pytest.param("Is kava completely safe?", id="question-completely-safe"),
    pytest.param("Does elderberry have no side effects at all?", id="question-no-side-effects"),
    pytest.param("Iron supplements are not safe for everyone, especially young children.", id="not-safe-for-everyone"),
    pytest.param("You can overdose on vitamin A, which is stored in the liver.", id="can-overdose"),
    pytest.param("Excess vitamin C is excreted in urine, but doses over 2 g can cause diarrhoea.", id="excreted-with-warning"),
    pytest.param("St John's wort interacts with many medicines, including birth control pills.", id="interaction-warning"),
    pytest.param("Ask your pharmacist before combining CBD with any medication.", id="ask-before-combining"),
    pytest.param("No interactions between elderberry and flu vaccines have been reported.", id="no-interactions-reported"),
    pytest.param("Try our collagen risk-free for 30 days.", id="risk-free-trial-offer"),
    pytest.param("No supplement is risk-free.", id="no-supplement-risk-free"),
    pytest.param("Elderberry has a low risk of side effects when cooked properly.", id="low-risk"),
    pytest.param("Few people experience side effects from creatine, though some report bloating.", id="few-people"),
    pytest.param("Most people have few or no side effects from probiotics.", id="few-or-no"),
    pytest.param("If you notice no side effects after a week, you can take it daily.", id="conditional-no-side-effects"),
    pytest.param("Probiotics are safe for most healthy adults, but people with weakened immune systems should ask a doctor.", id="safe-for-most"),
    pytest.param("Melatonin is generally safe for short-term use.", id="generally-safe"),
    pytest.param("You cannot overdose on vitamin D from sunlight, because the skin limits production.", id="sunlight-cannot-overdose"),
    pytest.param("There is no risk of vitamin D toxicity from sun exposure alone.", id="sun-no-risk"),
    pytest.param("Be wary of any product that claims to be 100% safe.", id="wary-of-claims"),
    pytest.param("Many people believe herbal supplements are completely safe, but some cause liver injury.", id="people-believe"),
    pytest.param("The bright yellow urine caused by riboflavin is harmless.", id="harmless-side-effect"),
    pytest.param("Blood levels stayed in the non-toxic range throughout the study.", id="non-toxic-range"),
    pytest.param("Valerian is a natural sleep aid, but it can interact with alcohol and sedatives.", id="natural-with-warning"),
    pytest.param("People with no risk factors for deficiency rarely need B12 injections.", id="no-risk-factors"),
    pytest.param("Always store supplements in a safe place away from children.", id="safe-place"),
    pytest.param("Ask your doctor whether zinc is safe for you.", id="safe-for-you"),
    pytest.param("Collagen is safe for most people to take daily.", id="safe-for-most-people"),
    pytest.param("Vitamin D drops are suitable for everyone over the age of one at the label dose.", id="everyone-over-age"),
    pytest.param("It is a myth that you can't overdose on natural products.", id="myth-overdose"),
    pytest.param("Magnesium is not without side effects.", id="not-without"),
    pytest.param("Zinc isn't free of side effects.", id="isnt-free-of"),
    pytest.param("Not all magnesium forms are free of side effects.", id="not-all-free-of"),
    pytest.param("There is little to no risk of toxicity from dietary magnesium in healthy people.", id="little-to-no-risk"),
    pytest.param("Ask your doctor whether it is safe to take with your medications.", id="whether-safe-with-medications"),
    pytest.param("Using safe and natural-sounding words does not make a product safe.", id="natural-sounding"),
    pytest.param("Natural and synthetic vitamin E are not equally effective.", id="natural-and-synthetic"),
    pytest.param("Zinc is safe up to 40 mg a day for adults.", id="safe-up-to-limit"),
    pytest.param("A high-dose iron tablet is not a risk-free choice for children.", id="not-a-risk-free-choice"),
    pytest.param("No herb is completely harmless.", id="no-herb-harmless"),
]


@pytest.mark.parametrize(("text", "rule"), POSITIVE)
def test_unqualified_safety_claim_is_reported(lint: Lint, text: str, rule: str) -> None:
    found = safety(lint(text, RULESET))
    assert rule in {f.rule for f in found}, f"{rule} missed; got {[(f.rule, f.match) for f in found]}"


@pytest.mark.parametrize("text", NEGATIVE)
def test_hedged_or_reported_safety_statement_is_clean(lint: Lint, text: str) -> None:
    found = safety(lint(text, RULESET))
    assert found == [], [(f.rule, f.match) for f in found]


def test_generalisation_tables_are_large_enough() -> None:
    assert len(POSITIVE) >= 25 and len(NEGATIVE) >= 25
    assert {p.values[1] for p in POSITIVE} == {
        "no-side-effects", "completely-safe", "risk-free", "safe-for-everyone",
        "no-overdose", "no-interactions", "natural-means-safe",
    }


def test_finding_points_at_the_claim_and_names_it(lint: Lint) -> None:
    text = "Zinc supports immunity.\n\nOur lozenges are 100% safe for kids.\n"
    found = safety(lint(text, RULESET))
    assert [(f.rule, f.line, f.column, f.match) for f in found] == [("completely-safe", 3, 18, "100% safe")]
    assert "'100% safe'" in found[0].message
    assert found[0].severity == "error"


def test_each_claim_in_a_paragraph_is_reported_once(lint: Lint) -> None:
    text = (
        "Ashwagandha is a gentle herb. It is risk-free and has no side effects. "
        "Generally, it is well tolerated."
    )
    rules = sorted(f.rule for f in safety(lint(text, RULESET)))
    assert rules == ["no-side-effects", "risk-free"]


def test_markdown_code_is_not_prose(lint: Lint) -> None:
    text = "# Melatonin\n\n```\nclaim = 'no side effects'\n```\n\nMelatonin is safe for everyone.\n"
    found = safety(lint(text, RULESET, markup="markdown"))
    assert [(f.rule, f.line) for f in found] == [("safe-for-everyone", 7)]


def test_curly_quotes_and_dashes_are_normalised(lint: Lint) -> None:
    found = safety(lint("Our CBD is side\u2011effect\u2011free \u2014 it\u2019s completely safe.", RULESET))
    assert {f.rule for f in found} == {"no-side-effects", "completely-safe"}


def test_pathological_input_finishes_quickly(lint: Lint) -> None:
    text = "natural safe and " * 1500 + "without sedation " * 1500 + "safe " * 3000
    start = time.perf_counter()
    lint(text, RULESET)
    assert time.perf_counter() - start < 10
