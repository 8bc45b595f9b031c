"""The `efficacy` ruleset: overstated efficacy fires; negated, hedged, reported and debunking sentences do not."""
from __future__ import annotations

import time
from typing import Callable

import pytest

from claimlint.findings import Finding

Lint = Callable[..., list[Finding]]
RULESET = ("efficacy",)
CATEGORY = "efficacy-overstatement"


def efficacy(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.category == CATEGORY]


# (sentence, rule that must report it)
POSITIVE = [
    # proven-claim
    pytest.param("Our zinc lozenges are clinically proven to shorten colds by days.", "proven-claim", id="zinc-clinically-proven"),
    pytest.param("Ashwagandha: scientifically proven stress relief.", "proven-claim", id="ashwagandha-scientifically"),
    pytest.param("A medically proven formula for deeper sleep.", "proven-claim", id="medically-proven"),
    pytest.param("This probiotic strain is clinically shown to reduce bloating.", "proven-claim", id="probiotic-clinically-shown"),
    pytest.param("Elderberry has been proven to fight the flu.", "proven-claim", id="elderberry-proven-to"),
    pytest.param("Research proves that omega-3s sharpen memory.", "proven-claim", id="research-proves"),
    pytest.param("A clinically validated dose of saffron for low mood.", "proven-claim", id="saffron-clinically-validated"),
    pytest.param("Sleep without pills using our clinically proven valerian blend.", "proven-claim", id="after-without-pills"),
    pytest.param("Get proven results with our CoQ10 softgels.", "proven-claim", id="coq10-proven-results"),
    # science-backed
    pytest.param("Lion's mane, the science-backed mushroom for focus.", "science-backed", id="lions-mane-science-backed"),
    pytest.param("Our research-backed collagen peptides for stronger nails.", "science-backed", id="collagen-research-backed"),
    pytest.param("Every capsule is backed by peer-reviewed research.", "science-backed", id="backed-by-peer-reviewed"),
    pytest.param("Five evidence-backed benefits of black seed oil.", "science-backed", id="evidence-backed-benefits"),
    pytest.param("A science-based formula for healthy hair with biotin.", "science-backed", id="science-based-formula"),
    # expert-endorsement
    pytest.param("A doctor-formulated magnesium blend for restful sleep.", "expert-endorsement", id="doctor-formulated"),
    pytest.param("Trusted by thousands of pharmacists nationwide.", "expert-endorsement", id="trusted-by-pharmacists"),
    pytest.param("Doctors recommend our vitamin D3 + K2 drops.", "expert-endorsement", id="doctors-recommend-our"),
    pytest.param("The nutritionist-approved greens powder for busy mornings.", "expert-endorsement", id="nutritionist-approved"),
    # guaranteed-results
    pytest.param("Guaranteed results in 14 days or your money back.", "guaranteed-results", id="guaranteed-results"),
    pytest.param("Our biotin is guaranteed to make your hair grow faster.", "guaranteed-results", id="biotin-guaranteed-to"),
    pytest.param("You'll definitely feel calmer after one dose of L-theanine.", "guaranteed-results", id="theanine-definitely"),
    pytest.param("A foolproof way to boost testosterone with tongkat ali.", "guaranteed-results", id="tongkat-foolproof"),
    pytest.param("We guarantee you'll sleep through the night with our valerian tea.", "guaranteed-results", id="we-guarantee-you"),
    pytest.param("Guaranteed better sleep tonight.", "guaranteed-results", id="guaranteed-better-sleep"),
    pytest.param("Say goodbye to bloating forever with our probiotic.", "guaranteed-results", id="goodbye-forever"),
    # works-for-everyone
    pytest.param("This ashwagandha works for everyone, whatever your stress level.", "works-for-everyone", id="works-for-everyone"),
    pytest.param("Everyone will feel the difference within a week.", "works-for-everyone", id="everyone-will-feel"),
    pytest.param("Our probiotic helps everybody digest better.", "works-for-everyone", id="helps-everybody"),
    # miracle-claim
    pytest.param("Sea moss is a miracle superfood.", "miracle-claim", id="sea-moss-miracle"),
    pytest.param("Black seed oil: the cure-all of the ancient world.", "miracle-claim", id="black-seed-cure-all"),
    pytest.param("NAD+ is the closest thing to a fountain of youth.", "miracle-claim", id="nad-fountain-of-youth"),
    pytest.param("Berberine is nature's magic pill for weight loss.", "miracle-claim", id="berberine-magic-pill"),
    pytest.param("Saffron works wonders for low mood.", "miracle-claim", id="saffron-works-wonders"),
    pytest.param("Colostrum, the wonder supplement for gut health.", "miracle-claim", id="colostrum-wonder-supplement"),
    pytest.param("Our breakthrough formula melts fat while you sleep.", "miracle-claim", id="breakthrough-formula"),
    # superlative-claim
    pytest.param("Choose the best magnesium supplement on the market.", "superlative-claim", id="best-magnesium-supplement"),
    pytest.param("The #1 probiotic for women's health.", "superlative-claim", id="number-one-probiotic"),
    pytest.param("The most powerful turmeric formula available.", "superlative-claim", id="most-powerful-turmeric"),
    pytest.param("Unrivaled purity and potency in every softgel of fish oil.", "superlative-claim", id="unrivaled"),
    pytest.param("Our CoQ10 outperforms all other brands.", "superlative-claim", id="outperforms-all-brands"),
    pytest.param("The only multivitamin you'll ever need.", "superlative-claim", id="only-multivitamin-you-need"),
    pytest.param("Our probiotic is the best on the market for gut health.", "superlative-claim", id="best-on-the-market"),
    pytest.param("Without a doubt the best vitamin D on the shelf.", "superlative-claim", id="without-a-doubt-best"),
    pytest.param("Rhodiola is the most powerful herb for stress.", "superlative-claim", id="most-powerful-herb"),
    # overstated-evidence
    pytest.param("Decades of research prove that vitamin C prevents colds.", "overstated-evidence", id="decades-of-research-prove"),
    pytest.param("Study after study shows that creatine improves brain function.", "overstated-evidence", id="study-after-study"),
    pytest.param("The evidence is overwhelming: probiotics heal the gut.", "overstated-evidence", id="evidence-overwhelming"),
    pytest.param("Research has repeatedly demonstrated the benefits of NMN.", "overstated-evidence", id="repeatedly-demonstrated"),
    pytest.param("All the research agrees that collagen reverses skin aging.", "overstated-evidence", id="all-research-agrees"),
    pytest.param("Studies have consistently shown that melatonin resets jet lag.", "overstated-evidence", id="consistently-shown"),
    # up-to-claim / multiplier-claim
    pytest.param("Get up to 5x better absorption with our liposomal glutathione.", "up-to-claim", id="up-to-5x"),
    pytest.param("Boost recovery by up to 60% with tart cherry.", "up-to-claim", id="by-up-to-60"),
    pytest.param("Elderberry users recover up to twice as fast from colds.", "up-to-claim", id="up-to-twice-as-fast"),
    pytest.param("Our chelated iron is absorbed 4 times better than ferrous sulfate.", "multiplier-claim", id="four-times-better"),
    pytest.param("Enjoy 30% more energy every morning with CoQ10.", "multiplier-claim", id="thirty-percent-more-energy"),
    pytest.param("Triple your focus with our nootropic stack.", "multiplier-claim", id="triple-your-focus"),
    pytest.param("Liposomal vitamin C is 10x more bioavailable than tablets.", "multiplier-claim", id="ten-x-more"),
    # instant-results
    pytest.param("Instant relief from bloating with our digestive enzymes.", "instant-results", id="instant-relief"),
    pytest.param("Feel calmer in just 10 minutes with our CBD drops.", "instant-results", id="calmer-in-minutes"),
    pytest.param("Melatonin spray that puts you to sleep instantly.", "instant-results", id="puts-you-to-sleep-instantly"),
    pytest.param("Wake up with results overnight thanks to our collagen shot.", "instant-results", id="results-overnight"),
    pytest.param("Notice results in just 24 hours with our electrolyte powder.", "instant-results", id="results-in-24-hours"),
    pytest.param("Turbocharge your immunity instantly.", "instant-results", id="your-x-instantly"),
]

# Negated, hedged, reported, debunking and off-topic sentences: no efficacy-overstatement finding.
NEGATIVE = [
    pytest.param("Zinc may shorten colds slightly if taken within 24 hours of symptoms.", id="hedged-may"),
    pytest.param("Ashwagandha has not been proven to treat anxiety disorders.", id="not-proven"),
    pytest.param("No probiotic has been clinically proven to prevent colds.", id="no-probiotic-proven"),
    pytest.param("Is elderberry clinically proven to work?", id="question-proven"),
    pytest.param("Some labels say 'clinically proven' even when the study used a different dose.", id="quoted-mention"),
    pytest.param("Turmeric's benefits for joints have yet to be proven in large trials.", id="yet-to-be-proven"),
    pytest.param("A large trial proved that vitamin E does not prevent prostate cancer.", id="proved-no-effect"),
    pytest.param("The evidence for lion's mane comes mostly from animal studies.", id="evidence-limits"),
    pytest.param("This guide takes an evidence-based look at magnesium supplements.", id="evidence-based-look"),
    pytest.param("Ask your doctor whether vitamin D testing is right for you.", id="ask-your-doctor"),
    pytest.param("Take only the dose recommended by your doctor.", id="dose-recommended-by-your-doctor"),
    pytest.param("Doctors may prescribe high-dose vitamin D for a diagnosed deficiency.", id="doctors-prescribe"),
    pytest.param("No supplement can guarantee weight loss.", id="no-guarantee"),
    pytest.param("Each bottle is guaranteed to contain at least 10 billion CFU through expiry.", id="guaranteed-contents"),
    pytest.param("Our money-back guarantee covers 60 days.", id="money-back-guarantee"),
    pytest.param("We guarantee our products are tested by an independent lab.", id="guarantee-testing"),
    pytest.param("Magnesium can help, but it does not guarantee results for everyone.", id="does-not-guarantee"),
    pytest.param("Creatine doesn't work for everyone.", id="doesnt-work-for-everyone"),
    pytest.param("What helps one person may not help everyone.", id="may-not-help-everyone"),
    pytest.param("There is no miracle pill for weight loss.", id="no-miracle-pill"),
    pytest.param("Turmeric is not a magic bullet for joint pain.", id="not-magic-bullet"),
    pytest.param("Don't expect apple cider vinegar to work wonders.", id="dont-expect-wonders"),
    pytest.param("You may wonder whether collagen powder is worth the price.", id="wonder-verb"),
    pytest.param("Be skeptical of supplements that promise miracles.", id="skeptical-of-miracles"),
    pytest.param("Oily fish is the best source of omega-3s.", id="best-food-source"),
    pytest.param("Magnesium is best taken with food to avoid an upset stomach.", id="best-taken-with-food"),
    pytest.param("The best-studied form of iron for anaemia is ferrous sulfate.", id="best-studied"),
    pytest.param("The best supplement for you depends on your diet and blood tests.", id="best-depends"),
    pytest.param("What is the best time to take melatonin?", id="best-time-question"),
    pytest.param("Researchers compared the most effective dose of caffeine for endurance.", id="most-effective-dose"),
    pytest.param("No single multivitamin is the best choice for everyone.", id="no-single-best"),
    pytest.param("Studies on vitamin D and depression have been inconsistent.", id="inconsistent"),
    pytest.param("Dozens of trials have tested zinc for colds, with mixed results.", id="dozens-mixed"),
    pytest.param("Meta-analyses have consistently found no benefit of vitamin D for fractures in healthy adults.", id="consistent-null"),
    pytest.param("There is no overwhelming evidence that NMN slows aging in people.", id="no-overwhelming-evidence"),
    pytest.param("Not all studies agree on the benefits of CBD for anxiety.", id="not-all-agree"),
    pytest.param("Take zinc up to twice a day with food.", id="up-to-twice-a-day"),
    pytest.param("Up to 40% of adults may be low in vitamin D.", id="up-to-prevalence"),
    pytest.param("People with low magnesium were three times more likely to report poor sleep.", id="more-likely"),
    pytest.param("In a 2018 trial, participants taking curcumin with piperine had blood levels 20 times higher than with curcumin alone.", id="trial-measured-result"),
    pytest.param("A cup of red peppers contains three times more vitamin C than an orange.", id="contains-more"),
    pytest.param("Do not double your dose if you miss one.", id="do-not-double"),
    pytest.param("Creatine takes several weeks to saturate your muscles.", id="weeks-to-work"),
    pytest.param("The powder mixes instantly into cold water.", id="mixes-instantly"),
    pytest.param("Call a doctor immediately if a child swallows iron tablets.", id="call-immediately"),
    pytest.param("Don't expect instant results from probiotics.", id="dont-expect-instant"),
    pytest.param("Omega-3 is best known for its role in heart health.", id="best-known"),
    pytest.param("The most common form of magnesium in supplements is oxide.", id="most-common-form"),
    pytest.param("Guaranteed analysis: each scoop contains 10 g of collagen.", id="guaranteed-analysis"),
    pytest.param("Stop taking it for good if you get a rash.", id="stop-for-good"),
    pytest.param("Absorption was roughly 2 times higher with the chelated form (Lee et al., 2020).", id="cited-multiplier"),
    pytest.param("Claims like 'clinically proven' should come with a citation.", id="claims-like-quoted"),
    pytest.param("Zinc lozenges may help, though the best form and dose are unclear.", id="best-form-unclear"),
]


@pytest.mark.parametrize(("text", "rule"), POSITIVE)
def test_overstated_efficacy_is_reported(lint: Lint, text: str, rule: str) -> None:
    found = efficacy(lint(text, RULESET))
    assert rule in {f.rule for f in found}, f"{rule} missed; got {[(f.rule, f.match) for f in found]}"


@pytest.mark.parametrize("text", NEGATIVE)
def test_measured_or_negated_statement_is_clean(lint: Lint, text: str) -> None:
    found = efficacy(lint(text, RULESET))
    assert found == [], [(f.rule, f.match) for f in found]


def test_generalisation_tables_are_large_enough() -> None:
    assert len(POSITIVE) >= 25 and len(NEGATIVE) >= 25
    assert {p.values[1] for p in POSITIVE} == {
        "proven-claim", "science-backed", "expert-endorsement", "guaranteed-results", "works-for-everyone",
        "miracle-claim", "superlative-claim", "overstated-evidence", "up-to-claim", "multiplier-claim",
        "instant-results",
    }


def test_establishment_claims_are_errors_and_superlatives_warnings(lint: Lint) -> None:
    found = efficacy(lint("Clinically proven and the #1 rated melatonin.", RULESET))
    assert {(f.rule, f.severity) for f in found} == {("proven-claim", "error"), ("superlative-claim", "warning")}


def test_finding_location_and_message(lint: Lint) -> None:
    text = "Echinacea basics\n\nStudies have consistently shown it shortens colds.\n"
    found = efficacy(lint(text, RULESET))
    assert [(f.rule, f.line, f.column) for f in found] == [("overstated-evidence", 3, 1)]
    assert found[0].match == "Studies have consistently shown"
    assert "'Studies have consistently shown'" in found[0].message


def test_up_to_is_reported_even_with_a_trial_id(lint: Lint) -> None:
    text = "In our trial (NCT01234567), participants gained up to 3x more deep sleep."
    assert [f.rule for f in efficacy(lint(text, RULESET))] == ["up-to-claim"]


def test_up_to_multiplier_is_reported_once(lint: Lint) -> None:
    found = efficacy(lint("Get up to 3x more energy from our B12 drops.", RULESET))
    assert [(f.rule, f.match) for f in found] == [("up-to-claim", "up to 3x more")]


def test_first_person_belief_is_still_a_claim(lint: Lint) -> None:
    found = efficacy(lint("We believe our lion's mane is clinically proven to sharpen focus.", RULESET))
    assert [f.rule for f in found] == ["proven-claim"]


def test_negation_does_not_reach_into_the_next_clause(lint: Lint) -> None:
    text = "It is not a sedative, but it is clinically proven to calm you."
    assert [f.rule for f in efficacy(lint(text, RULESET))] == ["proven-claim"]


def test_html_headings_are_checked(lint: Lint) -> None:
    html = "<h2>The Miracle Mineral for Sleep</h2><p>Magnesium may help some people.</p>"
    found = efficacy(lint(html, RULESET, markup="html"))
    assert [(f.rule, f.match) for f in found] == [("miracle-claim", "Miracle")]


def test_pathological_input_finishes_quickly(lint: Lint) -> None:
    text = "the best " * 2000 + "study was " * 2000 + "up to 2 " * 2000 + "3 times more"
    start = time.perf_counter()
    lint(text, RULESET)
    assert time.perf_counter() - start < 10
