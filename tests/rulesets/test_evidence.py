"""The `evidence` ruleset: research credited to a form, product or population it was not done on."""
from __future__ import annotations

from typing import Callable

import pytest

from claimlint.findings import Finding

Lint = Callable[..., list[Finding]]
RULESET = ("evidence",)
CATEGORY = "evidence-misattribution"


def misattributed(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.category == CATEGORY]


# (text, rule that must report it)
POSITIVE = [
    # --- evidence words attached to a specific form or the marketer's product
    pytest.param("Zinc bisglycinate is the clinically researched form for immune support.", "form-claimed-evidence-backed", id="zinc-bisglycinate-clinically-researched"),
    pytest.param("Our vitamin D3 gummies are backed by science.", "form-claimed-evidence-backed", id="d3-gummies-backed-by-science"),
    pytest.param("This liposomal glutathione formula is clinically tested to support detox.", "form-claimed-evidence-backed", id="liposomal-formula-clinically-tested"),
    pytest.param("Try our research-backed probiotic blend for bloating.", "form-claimed-evidence-backed", id="our-research-backed-blend"),
    pytest.param("Sensoril ashwagandha is a science-backed way to unwind after work.", "form-claimed-evidence-backed", id="branded-extract-science-backed"),
    pytest.param("Methylated B12 is clinically proven to restore energy.", "form-claimed-evidence-backed", id="methylated-b12-clinically-proven"),
    pytest.param("Sublingual melatonin is an evidence-based choice for jet lag.", "form-claimed-evidence-backed", id="sublingual-melatonin-evidence-based"),
    pytest.param("Marine collagen is backed by 20+ clinical studies for skin elasticity.", "form-claimed-evidence-backed", id="marine-collagen-backed-by-studies"),
    pytest.param("Chelated magnesium is scientifically proven to ease leg cramps.", "form-claimed-evidence-backed", id="chelated-magnesium-scientifically-proven"),
    pytest.param("Our proprietary sleep blend is clinically studied.", "form-claimed-evidence-backed", id="proprietary-blend-clinically-studied"),
    pytest.param("Each softgel holds ubiquinol, the same form used in clinical trials.", "form-claimed-evidence-backed", id="same-form-used-in-trials"),
    pytest.param("ProCalm\u00ae is a research-supported answer to everyday stress.", "form-claimed-evidence-backed", id="registered-brand-research-supported"),
    # --- research verbs with a specific form or product as the thing that works
    pytest.param("Research shows that ubiquinol supports heart health.", "research-credited-to-form", id="research-shows-ubiquinol"),
    pytest.param("Studies indicate that nano CBD calms nerves faster.", "research-credited-to-form", id="studies-indicate-nano-cbd"),
    pytest.param("Clinical trials prove that our elderberry gummies shorten colds.", "research-credited-to-form", id="trials-prove-our-gummies"),
    pytest.param("Krill oil has been shown to ease joint pain.", "form-shown-to", id="krill-oil-shown-to"),
    pytest.param("According to studies, algal oil improves memory in seniors.", "research-credited-to-form", id="according-to-studies-algal-oil"),
    pytest.param("Scientists have found that KSM-66 boosts testosterone.", "research-credited-to-form", id="scientists-found-ksm66"),
    pytest.param("Evidence suggests L. reuteri strengthens bones in older women.", "research-credited-to-form", id="evidence-suggests-strain"),
    pytest.param("Buffered vitamin C has been shown to fight colds better.", "form-shown-to", id="buffered-c-shown-to"),
    pytest.param("Research on zinc picolinate shows it helps clear acne.", "research-credited-to-form", id="research-on-form-shows"),
    # --- admission that the research used something else, then extrapolation
    pytest.param(
        "The immunity trials didn't use elderberry gummies, but since gummies are better absorbed, they should work even better.",
        "extrapolated-from-other-form",
        id="did-not-use-then-even-better",
    ),
    pytest.param(
        "While the study was done with a standardized root extract, our ashwagandha tea should produce the same calming effects.",
        "extrapolated-from-other-form",
        id="while-study-extract-same-effects",
    ),
    pytest.param(
        "Although the research focused on deficient older adults, everyone can benefit from a daily dose of vitamin B12.",
        "extrapolated-from-other-form",
        id="population-everyone-can-benefit",
    ),
    pytest.param(
        "Most of this evidence comes from studies in rats, but the benefits would likely translate to humans.",
        "extrapolated-from-other-form",
        id="rats-translate-to-humans",
    ),
    pytest.param(
        "No trial has tested methylfolate for this purpose. Even so, it is at least as effective as folic acid.",
        "extrapolated-from-other-form",
        id="no-trial-then-at-least-as-effective",
    ),
    pytest.param(
        "Each trial used a different curcumin extract (not our fermented turmeric), so the same benefits should apply to our blend.",
        "extrapolated-from-other-form",
        id="different-extract-same-benefits-apply",
    ),
    pytest.param(
        "Researchers gave participants fish oil capsules rather than krill oil. Because krill oil has higher bioavailability, the results should carry over.",
        "extrapolated-from-other-form",
        id="rather-than-then-bioavailability",
    ),
    pytest.param(
        "Since most research uses fish oil, our vegan algal omega-3 delivers the same brain benefits.",
        "extrapolated-from-other-form",
        id="most-research-uses-then-same-benefits",
    ),
    pytest.param(
        "Because the trials used magnesium oxide, which is poorly absorbed, glycinate should give even better results.",
        "extrapolated-from-other-form",
        id="poorly-absorbed-oxide-so-even-better",
    ),
    pytest.param(
        "The research was done in postmenopausal women, but these benefits likely extend to all adults.",
        "extrapolated-from-other-form",
        id="population-benefits-extend",
    ),
    pytest.param("Methylfolate is the form of folate that studies show works best for mood.", "form-shown-to", id="that-studies-show"),
    pytest.param("Studies show our time-release melatonin keeps you asleep all night.", "research-credited-to-form", id="studies-show-our-time-release"),
    pytest.param("Our gummies contain the same elderberry extract used in clinical trials.", "form-claimed-evidence-backed", id="same-extract-used-in-trials"),
    pytest.param("Formulated with clinically studied FerroCalm\u00ae iron bisglycinate for gentle energy.", "form-claimed-evidence-backed", id="formulated-with-clinically-studied"),
    pytest.param("Our magnesium L-threonate crosses into the brain, as proven in studies.", "form-claimed-evidence-backed", id="as-proven-in-studies"),
    pytest.param("The elderberry extract studied in clinical trials is now in our gummies.", "form-claimed-evidence-backed", id="extract-studied-now-in-our-gummies"),
    pytest.param("KSM-66 has been shown in studies to lower cortisol.", "form-shown-to", id="shown-in-studies-to"),
    pytest.param("Clinical trials with our proprietary blend show a 42% improvement in sleep quality.", "research-credited-to-form", id="trials-with-our-blend"),
    # --- trial results reported without their form in an article about one form
    pytest.param(
        "Liposomal Vitamin C for Immunity\n\nA 2020 trial found that vitamin C reduced the length of colds.",
        "trial-form-unstated",
        id="liposomal-article-plain-vitamin-c-trial",
    ),
    pytest.param(
        "Why Methylfolate Matters\n\nOne large trial showed that folate supplementation cut neural tube defects.",
        "trial-form-unstated",
        id="methylfolate-article-folate-trial",
    ),
    pytest.param(
        "Krill Oil and Your Heart\n\nIn a big randomized trial, researchers gave omega-3s to people with high triglycerides.",
        "trial-form-unstated",
        id="krill-article-omega3-trial",
    ),
    # --- known trials credited to the wrong form
    pytest.param("Nielsen et al. (2010) found that magnesium glycinate improved sleep quality in older adults.", "known-trial-wrong-form", id="nielsen-credited-glycinate"),
    pytest.param("Magnesium bisglycinate cut sleep latency in the Abbasi trial.", "known-trial-wrong-form", id="form-before-abbasi"),
    # --- trial results promised to the reader
    pytest.param(
        "Volunteers in the trial lost five pounds, and you will see similar results with our green tea shots.",
        "trial-results-promised",
        id="you-will-see-similar-results",
    ),
    pytest.param(
        "In the study, joint pain fell by half. Customers can expect the same benefits from every jar.",
        "trial-results-promised",
        id="customers-can-expect-same-benefits",
    ),
]

# Near misses a keyword rule would flag: accurate statements of what was tested, generic
# ingredients, cited claims, pharmacokinetics, descriptions of the article.
NEGATIVE = [
    pytest.param("Magnesium glycinate is gentle on the stomach and well tolerated.", id="tolerability-statement"),
    pytest.param("No trial has tested zinc picolinate for colds; the lozenge trials used zinc acetate.", id="accurate-no-trial"),
    pytest.param("Read our evidence-based guide to choosing a vitamin D3 supplement.", id="evidence-based-guide"),
    pytest.param("Vitamin D3 raised blood levels more than D2 in a head-to-head trial (Tripkovic et al., 2012).", id="cited-d3-vs-d2"),
    pytest.param("Studies show that vitamin D3 raises serum levels more effectively than vitamin D2.", id="pharmacokinetic-not-benefit"),
    pytest.param("Some people prefer full-spectrum CBD, although the trials used purified CBD.", id="admission-without-extrapolation"),
    pytest.param("Research has not shown that liposomal vitamin C works better than regular vitamin C.", id="negated-research"),
    pytest.param("Krill oil is a source of omega-3 fats.", id="plain-description"),
    pytest.param("The trials used magnesium oxide, and glycinate has not been tested for sleep.", id="states-the-limit"),
    pytest.param(
        "Magnesium Glycinate for Sleep\n\nA 2012 trial gave older adults magnesium oxide and found longer sleep time.",
        id="trial-names-its-form",
    ),
    pytest.param(
        "Zinc Picolinate Explained\n\nA 2019 trial found that zinc acetate lozenges shortened colds.",
        id="trial-names-other-form",
    ),
    pytest.param(
        "Zinc for Winter Colds\n\nA 2019 trial found that zinc shortened colds by two days.",
        id="article-about-plain-ingredient",
    ),
    pytest.param(
        "Ferrous Bisglycinate: The Gentle Iron\n\nThe trials we cite used other iron forms. A 2015 trial found that iron supplementation reduced fatigue.",
        id="article-admits-other-forms",
    ),
    pytest.param("Studies show that zinc lozenges can shorten colds.", id="lozenges-are-what-trials-used"),
    pytest.param("Studies show melatonin can help with jet lag.", id="generic-ingredient"),
    pytest.param("Although glycinate is more bioavailable, no trial has tested it for insomnia.", id="bioavailability-without-inference"),
    pytest.param(
        "The trials used a different form of magnesium. Glycinate is better absorbed, so it may help, but this has not been tested.",
        id="extrapolation-withdrawn-in-same-sentence",
    ),
    pytest.param("Our lab tests every batch of magnesium glycinate for purity.", id="lab-testing-not-evidence"),
    pytest.param("A science-backed sleep routine starts with a regular bedtime.", id="science-backed-no-form"),
    pytest.param("Creatine monohydrate is one of the most studied sports supplements.", id="most-studied-generic"),
    pytest.param("Clinically studied doses of KSM-66 are listed in the trial report [4].", id="clinically-studied-with-reference"),
    pytest.param("Abbasi et al. (2012) gave 500 mg of magnesium a day as magnesium oxide.", id="abbasi-correct-form"),
    pytest.param("Hausenblas et al. (2024) tested magnesium L-threonate, not glycinate.", id="hausenblas-not-glycinate"),
    pytest.param("In the study, participants took 300 mg of ashwagandha root extract daily.", id="study-dose-report"),
    pytest.param("Your results may differ from those of the study participants.", id="results-may-differ"),
    pytest.param("These trials were done in mice, so we cannot assume the same benefits in people.", id="animal-caution"),
    pytest.param("Research on probiotics is promising but strain-specific.", id="strain-specific-caution"),
    pytest.param("There is no evidence that methylfolate works better than folic acid for most people.", id="no-evidence-better"),
    pytest.param("Algal oil is a vegan source of DHA and EPA.", id="algal-oil-source"),
    pytest.param("Full-spectrum CBD contains traces of THC, which can show up on drug tests.", id="show-up-on-tests"),
    pytest.param("Zinc gluconate and zinc acetate are the forms used in most cold lozenge trials.", id="forms-used-in-trials"),
    pytest.param(
        "Liposomal formulations are designed to improve absorption, but few trials have compared them with standard vitamin C.",
        id="liposomal-few-trials",
    ),
    pytest.param(
        "Studies on zinc and colds used lozenges, not capsules, so capsules may not work the same way.",
        id="lozenges-not-capsules-caution",
    ),
    pytest.param(
        "Most studies of probiotics for diarrhea used Lactobacillus rhamnosus GG or Saccharomyces boulardii.",
        id="strains-named-as-used",
    ),
    pytest.param("Clinical studies have shown that collagen peptides may improve skin elasticity in older women.", id="collagen-peptides-default-form"),
    pytest.param("Evidence from trials in people with deficiency cannot be extended to everyone.", id="population-caution"),
    pytest.param("The same benefits have not been shown for gummies.", id="same-benefits-not-shown"),
    pytest.param("Vitamin K2 as MK-7 stays in the blood longer than MK-4.", id="mk7-pharmacokinetics"),
    pytest.param("Research shows fermented foods improve gut health.", id="fermented-foods-not-a-supplement-form"),
    pytest.param("Water-soluble vitamins are not stored in the body for long.", id="water-soluble-vitamins-generic"),
    pytest.param("The extract used in the trials was standardized to 5% withanolides.", id="extract-description"),
    pytest.param("Our turmeric gummies contain BCM-95, which research shows is absorbed better.", id="absorption-claim-not-benefit"),
    pytest.param("Most sleep studies used melatonin doses of 0.5 to 5 mg.", id="dose-description"),
    pytest.param("Does research support taking magnesium glycinate for sleep?", id="question-heading"),
    pytest.param("Is liposomal vitamin C backed by research?", id="question-backed"),
]


@pytest.mark.parametrize(("text", "rule"), POSITIVE)
def test_misattribution_is_reported(lint: Lint, text: str, rule: str) -> None:
    found = misattributed(lint(text, RULESET))
    assert rule in {f.rule for f in found}, [(f.rule, f.match) for f in found]


@pytest.mark.parametrize("text", NEGATIVE)
def test_near_miss_stays_clean(lint: Lint, text: str) -> None:
    found = misattributed(lint(text, RULESET))
    assert found == [], [(f.rule, f.match) for f in found]


def test_reference_in_same_paragraph_excuses_but_not_in_another(lint: Lint) -> None:
    claim = "Liposomal vitamin C is a science-backed way to support immunity."
    cited = claim + " See the trial by Gopi et al. (2021)."
    separate = claim + "\n\nSee the trial by Gopi et al. (2021)."
    assert misattributed(lint(cited, RULESET)) == []
    assert [f.rule for f in misattributed(lint(separate, RULESET))] == ["form-claimed-evidence-backed"]


def test_finding_points_at_the_extrapolation(lint: Lint) -> None:
    text = "Heading line\n\nThe trials never used zinc picolinate. It should work even better, though."
    found = [f for f in misattributed(lint(text, RULESET)) if f.rule == "extrapolated-from-other-form"]
    assert len(found) == 1
    assert found[0].line == 3
    assert found[0].match == "work even better"
    assert "work even better" in found[0].message


def test_admission_must_be_in_the_same_paragraph(lint: Lint) -> None:
    text = "The trials never used zinc picolinate.\n\nZinc picolinate should work even better than the lozenges."
    assert [f for f in misattributed(lint(text, RULESET)) if f.rule == "extrapolated-from-other-form"] == []


def test_trial_rule_needs_a_heading_naming_a_form(lint: Lint) -> None:
    body = "A 2018 trial found that vitamin D reduced falls in nursing homes."
    assert misattributed(lint("Vitamin D and Falls\n\n" + body, RULESET)) == []
    found = misattributed(lint("Vitamin D3 and Falls\n\n" + body, RULESET))
    assert [f.rule for f in found] == ["trial-form-unstated"]
    assert found[0].line == 3


def test_markdown_heading_counts_as_the_article_topic(lint: Lint) -> None:
    text = "# Ubiquinol for Energy\n\nA 2019 trial found that CoQ10 reduced fatigue in adults.\n"
    found = misattributed(lint(text, RULESET, markup="markdown"))
    assert [f.rule for f in found] == ["trial-form-unstated"]


def test_eu_profile_keeps_the_rules(lint: Lint) -> None:
    found = misattributed(lint("Our vitamin D3 gummies are backed by science.", RULESET, profile="eu"))
    assert [f.rule for f in found] == ["form-claimed-evidence-backed"]


def test_severities_follow_the_policy(lint: Lint) -> None:
    text = (
        "No study has tested zinc picolinate. It should work even better. "
        "Zinc picolinate is a science-backed choice."
    )
    by_rule = {f.rule: f.severity for f in misattributed(lint(text, RULESET))}
    assert by_rule == {"extrapolated-from-other-form": "error", "form-claimed-evidence-backed": "warning"}
