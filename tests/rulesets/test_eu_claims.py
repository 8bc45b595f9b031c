"""The `eu-claims` ruleset (profiles eu and uk): claims the US accepts as structure/function
claims are findings in the EU and UK, while the authorised EU/GB wording stays clean."""
from __future__ import annotations

import time
from typing import Callable

import pytest

from claimlint.findings import Finding

Lint = Callable[..., list[Finding]]
RULESETS = ("disease", "eu-claims")
EU_RULE_IDS = {
    "eu-medicinal-symptom-claim", "eu-disease-risk-reduction-claim", "eu-unauthorised-sleep-claim",
    "eu-unauthorised-stress-mood-claim", "eu-unauthorised-immune-claim", "eu-unauthorised-blood-sugar-claim",
    "eu-detox-claim", "eu-unauthorised-energy-claim", "eu-general-health-claim", "eu-prohibited-claim-type",
    "eu-unauthorised-function-claim",
}


def summary(findings: list[Finding]) -> list[tuple[str, str]]:
    return [(f.rule, f.match) for f in findings]


# (text, the eu-claims rule that must report it under eu and uk). Each is clean under us,
# with the disease ruleset loaded as well.
US_ONLY = [
    pytest.param("Glycine powder supports restful sleep.", "eu-unauthorised-sleep-claim", id="sleep-restful"),
    pytest.param("Melatonin helps you fall asleep faster and wake up refreshed.", "eu-unauthorised-sleep-claim", id="sleep-faster"),
    pytest.param("Our sleep gummies help you stay asleep longer.", "eu-unauthorised-sleep-claim", id="sleep-stay-asleep"),
    pytest.param("Tart cherry capsules promote deeper sleep.", "eu-unauthorised-sleep-claim", id="sleep-tart-cherry"),
    pytest.param("Valerian root helps you drift off to sleep.", "eu-unauthorised-sleep-claim", id="sleep-drift-off"),
    pytest.param("Our ashwagandha gummies help you unwind and de-stress after a long day.", "eu-unauthorised-stress-mood-claim", id="stress-unwind"),
    pytest.param("Ashwagandha helps reduce occasional stress.", "eu-unauthorised-stress-mood-claim", id="stress-occasional"),
    pytest.param("L-theanine promotes a sense of calm.", "eu-unauthorised-stress-mood-claim", id="calm-theanine"),
    pytest.param("Saffron supports a positive mood.", "eu-unauthorised-stress-mood-claim", id="mood-saffron"),
    pytest.param("Ashwagandha soothes frazzled nerves and reduces stress.", "eu-unauthorised-stress-mood-claim", id="stress-magnesium"),
    pytest.param("Elderberry gummies boost your immune system.", "eu-unauthorised-immune-claim", id="immune-elderberry"),
    pytest.param("Vitamin C boosts immunity.", "eu-unauthorised-immune-claim", id="immune-vitamin-c"),
    pytest.param("Echinacea: a natural immune booster for the whole family", "eu-unauthorised-immune-claim", id="immune-booster"),
    pytest.param("Elderberry syrup: immune support for the whole family", "eu-unauthorised-immune-claim", id="immune-support-noun"),
    pytest.param("Vitamin C gummies to keep your immune defences strong.", "eu-unauthorised-immune-claim", id="immune-keep-strong"),
    pytest.param("Cinnamon supports balanced blood sugar.", "eu-unauthorised-blood-sugar-claim", id="glucose-cinnamon"),
    pytest.param("Berberine helps stabilise blood sugar after meals.", "eu-unauthorised-blood-sugar-claim", id="glucose-berberine"),
    pytest.param("Gymnema tea curbs sugar cravings.", "eu-unauthorised-blood-sugar-claim", id="glucose-cravings"),
    pytest.param("Milk thistle helps detoxify the liver.", "eu-detox-claim", id="detox-milk-thistle"),
    pytest.param("Chlorella binds heavy metals and flushes toxins from the body.", "eu-detox-claim", id="detox-chlorella"),
    pytest.param("Our B-complex boosts energy levels.", "eu-unauthorised-energy-claim", id="energy-b-complex"),
    pytest.param("Rhodiola helps fight fatigue.", "eu-unauthorised-energy-claim", id="energy-rhodiola"),
    pytest.param("Probiotics support gut health.", "eu-general-health-claim", id="general-gut-health"),
    pytest.param("Lion's mane supports brain health.", "eu-general-health-claim", id="general-brain-health"),
    pytest.param("Collagen is a superfood for your skin.", "eu-general-health-claim", id="general-superfood"),
    pytest.param("CoQ10 for heart health and energy", "eu-general-health-claim", id="general-for-heart-health"),
    pytest.param("Probiotics for a happy, healthy gut.", "eu-general-health-claim", id="general-happy-gut"),
    pytest.param("Lion's mane sharpens memory and focus.", "eu-unauthorised-function-claim", id="function-memory"),
    pytest.param("Green tea extract boosts metabolism and burns fat.", "eu-unauthorised-function-claim", id="function-metabolism"),
    pytest.param("Collagen boosts skin elasticity and reduces wrinkles.", "eu-unauthorised-function-claim", id="function-wrinkles"),
    pytest.param("Glucosamine keeps your joints healthy and flexible.", "eu-unauthorised-function-claim", id="function-joints"),
    pytest.param("Maca naturally boosts libido.", "eu-unauthorised-function-claim", id="function-libido"),
    pytest.param("Our NMN capsules slow ageing at the cellular level.", "eu-unauthorised-function-claim", id="function-ageing"),
    pytest.param("Our magnesium citrate relieves occasional constipation.", "eu-medicinal-symptom-claim", id="medicinal-constipation"),
    pytest.param("Black cohosh may ease hot flashes.", "eu-medicinal-symptom-claim", id="medicinal-hot-flashes"),
    pytest.param("Vitamin B6 helps relieve PMS symptoms.", "eu-medicinal-symptom-claim", id="medicinal-pms"),
    pytest.param("Chasteberry relieves premenstrual tension.", "eu-medicinal-symptom-claim", id="medicinal-pmt"),
    pytest.param("Ginger capsules ease travel sickness.", "eu-medicinal-symptom-claim", id="medicinal-travel-sickness"),
    pytest.param("Zinc helps clear up noncystic acne.", "eu-medicinal-symptom-claim", id="medicinal-noncystic-acne"),
    pytest.param(
        "Supportive but not conclusive research shows that EPA and DHA omega-3 fatty acids may reduce the risk of coronary heart disease.",
        "eu-disease-risk-reduction-claim",
        id="risk-us-qualified-health-claim",
    ),
    pytest.param(
        "Adequate calcium and vitamin D as part of a healthful diet may reduce the risk of osteoporosis.",
        "eu-disease-risk-reduction-claim",
        id="risk-us-authorised-health-claim",
    ),
    pytest.param("Doctor-recommended vitamin D drops", "eu-prohibited-claim-type", id="art12-doctor-recommended"),
    pytest.param("Recommended by leading nutritionists.", "eu-prohibited-claim-type", id="art12-recommended-by"),
    pytest.param("Glucomannan helps you lose 4 kg in a month.", "eu-prohibited-claim-type", id="art12-weight-loss-rate"),
]

# Authorised EU/GB wording (Regulation (EU) 432/2012), the way a compliant label writes it.
AUTHORISED = [
    pytest.param("Magnesium contributes to a reduction of tiredness and fatigue.", id="mg-tiredness"),
    pytest.param("Magnesium contributes to normal psychological function.", id="mg-psychological"),
    pytest.param("Magnesium contributes to normal muscle function.", id="mg-muscle"),
    pytest.param("Magnesium contributes to normal functioning of the nervous system.", id="mg-nervous-system"),
    pytest.param("Magnesium contributes to electrolyte balance.", id="mg-electrolytes"),
    pytest.param("Vitamin D contributes to the normal function of the immune system.", id="d-immune"),
    pytest.param("Vitamin D contributes to the maintenance of normal bones and teeth.", id="d-bones"),
    pytest.param("Zinc contributes to the normal function of the immune system.", id="zinc-immune"),
    pytest.param("Zinc contributes to the maintenance of normal skin.", id="zinc-skin"),
    pytest.param("Zinc contributes to normal cognitive function.", id="zinc-cognitive"),
    pytest.param("Vitamin C contributes to the reduction of tiredness and fatigue.", id="c-tiredness"),
    pytest.param("Vitamin C contributes to normal collagen formation for the normal function of skin.", id="c-collagen"),
    pytest.param("Vitamin B6 contributes to normal psychological function.", id="b6-psychological"),
    pytest.param("Vitamin B12 contributes to the normal function of the immune system.", id="b12-immune"),
    pytest.param("Iron contributes to normal energy-yielding metabolism.", id="iron-energy"),
    pytest.param("Melatonin contributes to the reduction of time taken to fall asleep.", id="melatonin-sleep-onset"),
    pytest.param("Melatonin contributes to the alleviation of subjective feelings of jet lag.", id="melatonin-jet-lag"),
    pytest.param("Chromium contributes to the maintenance of normal blood glucose levels.", id="chromium-glucose"),
    pytest.param("DHA contributes to the maintenance of normal brain function.", id="dha-brain"),
    pytest.param("EPA and DHA contribute to the normal function of the heart.", id="epa-dha-heart"),
    pytest.param("Selenium contributes to the protection of cells from oxidative stress.", id="selenium-oxidative"),
    pytest.param("Biotin contributes to the maintenance of normal hair.", id="biotin-hair"),
    pytest.param("Folate contributes to normal blood formation.", id="folate-blood"),
    pytest.param("Calcium is needed for the maintenance of normal bones.", id="calcium-bones"),
    pytest.param("Vitamin C increases iron absorption.", id="c-iron-absorption"),
    pytest.param("Creatine increases physical performance in successive bursts of short-term, high intensity exercise.", id="creatine-performance"),
    pytest.param("Vitamin E contributes to the protection of cells from oxidative stress.", id="e-oxidative"),
    pytest.param("Potassium contributes to the maintenance of normal blood pressure.", id="potassium-blood-pressure"),
    pytest.param("Choline contributes to the maintenance of normal liver function.", id="choline-liver"),
    pytest.param("Iodine contributes to the normal production of thyroid hormones and normal thyroid function.", id="iodine-thyroid"),
    pytest.param("Glucomannan in the context of an energy-restricted diet contributes to weight loss.", id="glucomannan-weight"),
]

# Not claims about a food at all: instructions, facts, lifestyle advice, mandatory label text.
EU_NEAR_MISSES = [
    pytest.param("Adults need seven to nine hours of sleep a night.", id="sleep-fact"),
    pytest.param("Regular physical activity can help reduce stress.", id="lifestyle-stress"),
    pytest.param("Take one capsule daily with food.", id="directions"),
    pytest.param("Do not exceed the stated recommended daily dose.", id="mandatory-warning"),
    pytest.param("Food supplements should not be used as a substitute for a varied diet.", id="mandatory-diet-statement"),
    pytest.param("Keep out of the reach of young children.", id="mandatory-children"),
    pytest.param("Our magnesium is sourced from seawater in Ireland.", id="sourcing"),
    pytest.param("Magnesium citrate dissolves more easily than magnesium oxide.", id="solubility"),
    pytest.param("Each tablet provides 375 mg of magnesium, 100% of the NRV.", id="nrv"),
    pytest.param("Melatonin is a prescription-only medicine in the UK.", id="melatonin-status"),
    pytest.param("Caffeine late in the day can make it harder to fall asleep.", id="caffeine"),
    pytest.param("A short walk after meals can help balance blood sugar.", id="walk-after-meals"),
    pytest.param("Poor sleep can weaken the immune system.", id="sleep-immune"),
    pytest.param("Your liver and kidneys already clear waste products from the blood.", id="liver-kidneys"),
    pytest.param("Ask your pharmacist if constipation lasts more than a week.", id="pharmacist"),
]


@pytest.mark.parametrize(("text", "rule"), US_ONLY)
def test_clean_under_us_but_a_finding_under_eu(lint: Lint, text: str, rule: str) -> None:
    assert lint(text, RULESETS, profile="us") == [], summary(lint(text, RULESETS, profile="us"))
    found = lint(text, RULESETS, profile="eu")
    assert rule in {f.rule for f in found}, summary(found)


@pytest.mark.parametrize(("text", "rule"), US_ONLY)
def test_uk_profile_reports_the_same_claims(lint: Lint, text: str, rule: str) -> None:
    found = lint(text, RULESETS, profile="uk")
    assert rule in {f.rule for f in found}, summary(found)


@pytest.mark.parametrize("text", AUTHORISED)
@pytest.mark.parametrize("profile", ["eu", "uk"])
def test_authorised_wording_is_clean(lint: Lint, text: str, profile: str) -> None:
    found = lint(text, RULESETS, profile=profile)
    assert found == [], summary(found)


@pytest.mark.parametrize("text", EU_NEAR_MISSES)
def test_statements_that_are_not_claims_are_clean_under_eu(lint: Lint, text: str) -> None:
    found = lint(text, RULESETS, profile="eu")
    assert found == [], summary(found)


def test_tables_cover_every_rule() -> None:
    assert {p.values[1] for p in US_ONLY} == EU_RULE_IDS
    assert len(AUTHORISED) >= 20 and len(EU_NEAR_MISSES) >= 10


def test_rules_do_not_run_under_us(lint: Lint) -> None:
    text = "Our detox tea boosts immunity, improves sleep quality and relieves hot flushes."
    assert lint(text, ("eu-claims",), profile="us") == []
    assert len({f.rule for f in lint(text, ("eu-claims",), profile="eu")}) >= 3


def test_categories_follow_the_policy(lint: Lint) -> None:
    medicinal = lint("Our magnesium citrate relieves occasional constipation.", ("eu-claims",), profile="eu")
    unauthorised = lint("This CBD oil improves sleep quality.", ("eu-claims",), profile="eu")
    assert {(f.category, f.severity) for f in medicinal} == {("disease-claim", "error")}
    assert {(f.category, f.severity) for f in unauthorised} == {("efficacy-overstatement", "warning")}


def test_general_claim_needs_an_authorised_claim_somewhere_in_the_document(lint: Lint) -> None:
    alone = "Our greens powder supports overall wellbeing.\n"
    accompanied = alone + "\nIt provides vitamin C, which contributes to the normal function of the immune system.\n"
    assert [f.rule for f in lint(alone, ("eu-claims",), profile="eu")] == ["eu-general-health-claim"]
    assert lint(accompanied, ("eu-claims",), profile="eu") == []


def test_an_authorised_claim_does_not_excuse_an_unauthorised_specific_one(lint: Lint) -> None:
    text = "Magnesium contributes to normal psychological function. It also improves sleep quality."
    found = lint(text, ("eu-claims",), profile="eu")
    assert [(f.rule, f.line) for f in found] == [("eu-unauthorised-sleep-claim", 1)]


def test_disease_claims_are_still_reported_under_eu(lint: Lint) -> None:
    found = lint("Zinc lozenges shorten the common cold.", RULESETS, profile="eu")
    assert [(f.rule, f.category) for f in found] == [("disease-treatment-claim", "disease-claim")]


def test_finding_message_names_the_match(lint: Lint) -> None:
    found = lint("Our elderberry syrup is an immune booster.", ("eu-claims",), profile="eu")
    assert [f.match for f in found] == ["immune booster"]
    assert "'immune booster'" in found[0].message


def test_pathological_input_finishes_without_regex_timeouts() -> None:
    from claimlint import rulesets
    from claimlint.engine import lint_text
    from claimlint.selection import select_rules

    rules = select_rules(rulesets.load(["eu-claims"]), select=[], extend_select=[], ignore=[], severity={}, profile="eu")
    texts = [
        "Zinc " + "boosts supports improves relieves eases reduces keeps " * 500 + "immunity.",
        "for " * 5000 + "a healthy gut",
        "keep your " * 3000 + "joints healthy",
        "Magnesium relieves " + "x" * 20000 + " constipation",
    ]
    start = time.perf_counter()
    for text in texts:
        result = lint_text(rules, text, "article.txt")
        assert result.problems == [], [p.message for p in result.problems]
    assert time.perf_counter() - start < 20
