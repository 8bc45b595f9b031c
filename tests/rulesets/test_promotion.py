"""The `promotion` ruleset: promotional markers are reported only in documents without a disclosure."""
from __future__ import annotations

from typing import Callable

import pytest

from claimlint.engine import lint_text
from claimlint.findings import Finding
from tests.conftest import active_rules

Lint = Callable[..., list[Finding]]
RULESET = ("promotion",)
CATEGORY = "undisclosed-promotion"


def promo(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.category == CATEGORY]


# (document, rule that must report it)
POSITIVE = [
    pytest.param(
        "Does Ashwagandha Really Lower Stress? What the Trials Show\n\n"
        "At Vitalyne, we think you deserve honest answers. Below we walk through the studies on ashwagandha.\n\n"
        "Two small trials found lower cortisol after eight weeks.",
        "brand-voice-in-editorial",
        id="at-brand-we-in-evidence-review",
    ),
    pytest.param(
        "Our formula combines 200 mg of magnesium bisglycinate with tart cherry extract for calmer evenings.",
        "first-person-product-promotion",
        id="our-formula",
    ),
    pytest.param(
        "We developed our slow-release melatonin tablets after years of listening to shift workers.",
        "first-person-product-promotion",
        id="we-developed-our-tablets",
    ),
    pytest.param(
        "We've carefully formulated Drowsa so that it works without leaving you groggy.",
        "first-person-product-promotion",
        id="we-formulated-brand",
    ),
    pytest.param(
        "Zinc matters for immunity in winter. Our best-selling zinc lozenges are back in stock.",
        "first-person-product-promotion",
        id="our-best-selling-lozenges",
    ),
    pytest.param(
        "Thousands of our customers say they fall asleep faster within a week.",
        "first-person-product-promotion",
        id="our-customers",
    ),
    pytest.param(
        "Omega-3s support heart health. Shop now and stock up before the holidays.",
        "promotional-call-to-action",
        id="shop-now",
    ),
    pytest.param(
        "Sleep better tonight: use code CALM20 at checkout.",
        "promotional-call-to-action",
        id="use-code",
    ),
    pytest.param(
        "New customers get 25% off their first bottle this month only.",
        "promotional-call-to-action",
        id="percent-off",
    ),
    pytest.param(
        "Subscribe & save on monthly deliveries of probiotic capsules.",
        "promotional-call-to-action",
        id="subscribe-and-save",
    ),
    pytest.param(
        "Pick the 60-count jar and add to cart before the sale ends.",
        "promotional-call-to-action",
        id="add-to-cart",
    ),
    pytest.param(
        "These are the collagen sachets I mix into my coffee every morning. Link in bio!",
        "promotional-call-to-action",
        id="link-in-bio",
    ),
    pytest.param(
        "I swear by this creatine. Grab a tub with my discount link and thank me later.",
        "promotional-call-to-action",
        id="use-my-link",
    ),
    pytest.param(
        "Tired of tossing and turning? Try Serenix today and feel the difference.",
        "promotional-call-to-action",
        id="try-brand-today",
    ),
    pytest.param(
        "Melatonin only shifts the timing of sleep. Learn how Lunavela supports deeper rest instead.",
        "promotional-call-to-action",
        id="learn-how-brand-supports",
    ),
    pytest.param(
        "Curious what others think? Read our testimonials from people who finally sleep through the night.",
        "promotional-call-to-action",
        id="read-our-testimonials",
    ),
    pytest.param(
        "Claim your free sample while supplies last.",
        "promotional-call-to-action",
        id="claim-free-sample",
    ),
    pytest.param(
        "Curcumin is poorly absorbed on its own. Click here to order the enhanced-absorption version.",
        "promotional-call-to-action",
        id="click-here-to-order",
    ),
    pytest.param(
        "Magnesium vs. Melatonin: An Honest Comparison\n\n"
        "Magnesium suits people who are low in it. For deeper sleep, choose a gentle option such as the Calmora night blend.\n\n"
        "Order yours today.",
        "brand-product-recommendation",
        id="brand-recommended-in-comparison",
    ),
    pytest.param(
        "How does NoctaCalm compare with melatonin?\n\n"
        "In our clinical trial, participants slept 40 minutes longer.\n\n"
        "See how our melatonin-free capsules helped shift workers.",
        "brand-product-recommendation",
        id="our-clinical-trial-with-cta",
    ),
    pytest.param(
        "Vitamin D: a quick guide\n\nWe at Brightwell Nutrition have read the research so you don't have to.",
        "brand-voice-in-editorial",
        id="we-at-brand",
    ),
    pytest.param(
        "Our team of formulators chose the citrate form for faster absorption.",
        "first-person-product-promotion",
        id="our-team-of-formulators",
    ),
    pytest.param(
        "Our Magnesium Glycinate contains 120 mg of elemental magnesium per capsule.",
        "first-person-product-promotion",
        id="our-named-product",
    ),
    pytest.param(
        "Best Zinc Supplements for Winter\n\n1. Vitora Zinc Picolinate\n\nCheck price on Amazon",
        "promotional-call-to-action",
        id="undisclosed-affiliate-listicle",
    ),
    pytest.param(
        "Join 40,000+ happy sleepers who switched to a gentler nightly routine.",
        "promotional-call-to-action",
        id="join-n-customers",
    ),
]

NEGATIVE = [
    pytest.param(
        "Magnesium takes part in hundreds of reactions in our bodies. Our understanding of how it affects sleep is still limited.",
        id="our-bodies-our-understanding",
    ),
    pytest.param(
        "As we age, our sleep gets lighter, and our diet often contains less magnesium than it should.",
        id="our-sleep-our-diet",
    ),
    pytest.param(
        "Many of us take our supplements with breakfast, but iron is better absorbed on an empty stomach.",
        id="inclusive-we-take-our-supplements",
    ),
    pytest.param(
        "Sponsored content\n\nOur formula combines 200 mg of magnesium with tart cherry extract. Shop now.",
        id="sponsored-label",
    ),
    pytest.param(
        "This post contains affiliate links, and we may earn a commission if you buy. Use code CALM20 for 20% off.",
        id="affiliate-disclosure",
    ),
    pytest.param(
        "#ad These are the collagen sachets I mix into my coffee. Link in bio!",
        id="hashtag-ad",
    ),
    pytest.param(
        "Paid partnership with Serenix. Try Serenix today and feel the difference.",
        id="paid-partnership",
    ),
    pytest.param(
        "Disclosure: Vitalyne sells ashwagandha capsules.\n\nAt Vitalyne, we think you deserve honest answers about the trials.",
        id="disclosure-label",
    ),
    pytest.param(
        "This article was written by Lunavela, which sells a magnesium sleep formula.\n\n"
        "Learn how Lunavela supports deeper rest.",
        id="written-by-brand-which-sells",
    ),
    pytest.param(
        "We make the zinc lozenges reviewed in this article, so weigh our view accordingly. Our lozenges contain 13 mg of zinc.",
        id="we-make-the-products-reviewed",
    ),
    pytest.param(
        "At Lakeside Hospital, we often see patients who take several supplements. Here is what the research says about melatonin.",
        id="hospital-voice",
    ),
    pytest.param(
        "In our study, adults who took 2,000 IU of vitamin D for a year had no fewer falls than those on placebo. "
        "We developed a questionnaire to track sleep quality.",
        id="researcher-voice",
    ),
    pytest.param(
        "Learn How Magnesium Helps You Sleep\n\nSee How Our Bodies Use Zinc",
        id="title-case-headings",
    ),
    pytest.param(
        "Learn how our bodies absorb iron, and see how vitamin C helps.",
        id="learn-how-our-bodies",
    ),
    pytest.param(
        "Popular choices include store brands such as Kirkland softgels and pharmacy own-label capsules.",
        id="neutral-brand-mention",
    ),
    pytest.param(
        "Be skeptical of limited-time offers and money-back guarantees on supplement sites.",
        id="consumer-warning",
    ),
    pytest.param(
        "Previous\n\nCreatine: what the evidence says\n\nNext\n\nVitamin K2 and bone health",
        id="navigation-lines",
    ),
    pytest.param(
        "Content Disclaimer\n\nThis summary was drafted with AI tools and checked by an editor. "
        "It is not a substitute for medical advice.",
        id="ai-content-disclaimer",
    ),
    pytest.param(
        '"Our formula is the best on the market," said the founder of Restwell, although the company has published no trial.',
        id="company-quoted-in-news",
    ),
    pytest.param(
        "Look for supplements with a third-party seal, such as USP Verified capsules or NSF Certified for Sport products.",
        id="certification-marks",
    ),
    pytest.param(
        "Don't buy now: wait until a larger trial reports.",
        id="negated-cta",
    ),
    pytest.param(
        "Our supplement intake as a country has doubled since the 1990s.",
        id="our-supplement-intake",
    ),
    pytest.param(
        "At Christmas, we tend to sleep late. Here is what the research says about melatonin supplements and jet lag.",
        id="at-holiday-we",
    ),
    pytest.param(
        "Try Magnesium Today: A Beginner's Guide",
        id="ingredient-not-brand",
    ),
    pytest.param(
        "Get Moving Now: How Exercise Helps You Sleep",
        id="title-case-get-now",
    ),
    pytest.param(
        "See how COVID changed sleep habits around the world.",
        id="disease-is-not-a-brand",
    ),
    pytest.param(
        "Vitora provided me with free product to try, but all opinions are mine. Our favorite zinc lozenges dissolve slowly.",
        id="gifted-product-disclosed",
    ),
    pytest.param(
        "I'm a paid consultant for Vitora. Use my code ZINC10 if you want to try it.",
        id="consultant-disclosed",
    ),    pytest.param(
        "We designed Study 2 to test whether a framework we developed to compare supplements holds up in older adults.",
        id="research-methods-voice",
    ),
]


@pytest.mark.parametrize(("text", "rule"), POSITIVE)
def test_promotion_is_reported(lint: Lint, text: str, rule: str) -> None:
    findings = promo(lint(text, RULESET))
    assert rule in {f.rule for f in findings}, [(f.rule, f.match) for f in findings]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_promotion_reported(lint: Lint, text: str) -> None:
    findings = promo(lint(text, RULESET))
    assert findings == [], [(f.rule, f.match) for f in findings]


BRAND_REVIEW = """Melatonin or magnesium? A review of the evidence

At Drowsa, we believe you should know what works before you buy.

Magnesium may help people who are low in it fall asleep a little faster.

If deep sleep is your goal, choose an option such as the Drowsa Night formula.

Our lab-tested blend helped users sleep longer.

Discover how Drowsa helps you wake up refreshed.
"""


def test_every_marker_is_reported_on_its_own_line(lint: Lint) -> None:
    findings = promo(lint(BRAND_REVIEW, RULESET))
    by_line = {f.line: f.rule for f in findings}
    assert by_line == {
        3: "brand-voice-in-editorial",
        7: "brand-product-recommendation",
        9: "first-person-product-promotion",
        11: "promotional-call-to-action",
    }


def test_message_names_the_marker(lint: Lint) -> None:
    findings = promo(lint(BRAND_REVIEW, RULESET))
    cta = next(f for f in findings if f.rule == "promotional-call-to-action")
    assert cta.match == "Discover how Drowsa helps"
    assert "'Discover how Drowsa helps'" in cta.message


@pytest.mark.parametrize(
    "disclosure",
    [
        pytest.param("Advertisement", id="advertisement"),
        pytest.param("This article is sponsored by Drowsa.", id="sponsored-by"),
        pytest.param("Drowsa has a material connection to this site.", id="material-connection"),
        pytest.param("We earn a commission when you buy through links on this page.", id="commission"),
        pytest.param("In the interest of full transparency, Drowsa makes the formula discussed below.", id="transparency"),
    ],
)
def test_a_disclosure_anywhere_excuses_every_marker(lint: Lint, disclosure: str) -> None:
    assert promo(lint(BRAND_REVIEW + "\n" + disclosure + "\n", RULESET)) == []


def test_a_study_sponsor_is_not_a_disclosure(lint: Lint) -> None:
    text = "The trial was sponsored by a dairy council.\n\nOur probiotic capsules are the ones to choose."
    assert {f.rule for f in promo(lint(text, RULESET))} == {"first-person-product-promotion"}


def test_brand_recommendation_needs_other_promotion_in_the_document(lint: Lint) -> None:
    alone = "If deep sleep is your goal, choose an option such as the Drowsa Night formula."
    assert promo(lint(alone, RULESET)) == []
    with_cta = alone + "\n\nShop now."
    assert "brand-product-recommendation" in {f.rule for f in promo(lint(with_cta, RULESET))}


def test_markdown_link_text_is_a_call_to_action(lint: Lint) -> None:
    text = "# Sleep stack\n\nMy nightly magnesium: [shop now](https://example.com/mag?ref=abc123).\n"
    findings = promo(lint(text, RULESET, markup="markdown"))
    assert [(f.rule, f.match) for f in findings] == [("promotional-call-to-action", "shop now")]


def test_html_disclosure_is_read(lint: Lint) -> None:
    html = "<p><strong>Sponsored</strong></p><p>Our gummies taste of cherry. <a href='/buy'>Buy now</a></p>"
    assert promo(lint(html, RULESET, markup="html")) == []
    without = html.replace("<p><strong>Sponsored</strong></p>", "")
    assert {f.rule for f in promo(lint(without, RULESET, markup="html"))} == {
        "first-person-product-promotion",
        "promotional-call-to-action",
    }


def test_long_unbroken_input_finishes() -> None:
    # Bounded windows: a huge run of capitalised words or "our" must not blow up.
    text = ("At " + "Brand " * 2000 + "we ") + ("our " * 3000) + "formula. " + "Such as the " + "Zq " * 3000 + "gummies."
    result = lint_text(active_rules(RULESET), text, "article.txt")
    assert result.problems == []  # no rule was stopped by the regex timeout
    assert {f.rule for f in result.findings} == {"first-person-product-promotion"}
