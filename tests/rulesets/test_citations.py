"""The `citations` ruleset: appeals to research or experts without a reference a reader can look up."""
from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Callable

import pytest

from claimlint import rulesets
from claimlint.engine import lint_text
from claimlint.findings import Finding
from claimlint.selection import select_rules

Lint = Callable[..., list[Finding]]
RULESET = ("citations",)
CATEGORY = "unsupported-citation"


def uncited(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.category == CATEGORY]


# (text, rule that must report it)
POSITIVE = [
    pytest.param("Studies show turmeric works as well as ibuprofen for knee pain.", "uncited-research-claim", id="studies-show"),
    pytest.param("Research proves that vitamin C shortens colds.", "uncited-research-claim", id="research-proves"),
    pytest.param("Probiotics have been shown to ease IBS symptoms.", "uncited-research-claim", id="have-been-shown-to"),
    pytest.param("A recent study found that CBD lowers blood pressure.", "uncited-research-claim", id="a-study-found"),
    pytest.param("Science says collagen makes skin firmer.", "uncited-research-claim", id="science-says"),
    pytest.param("According to research, ashwagandha increases muscle strength.", "uncited-research-claim", id="according-to-research"),
    pytest.param("Clinical studies have demonstrated that elderberry reduces flu duration.", "uncited-research-claim", id="clinical-studies-demonstrated"),
    pytest.param("Research indicates that NAC supports lung health.", "uncited-research-claim", id="research-indicates"),
    pytest.param("A 2020 meta-analysis concluded that creatine improves memory.", "uncited-research-claim", id="meta-analysis-concluded"),
    pytest.param("Numerous clinical trials confirm that saw palmetto supports prostate health.", "uncited-research-claim", id="numerous-trials-confirm"),
    pytest.param("It has been proven that green tea extract burns belly fat.", "uncited-research-claim", id="it-has-been-proven-that"),
    pytest.param("The research is clear: omega-3s lower triglycerides.", "uncited-research-claim", id="research-is-clear"),
    pytest.param("One study showed that rhodiola reduced fatigue in night-shift workers.", "uncited-research-claim", id="one-study-showed"),
    pytest.param("Researchers found that magnesium threonate improved memory in older adults.", "uncited-research-claim", id="researchers-found"),
    pytest.param("Medical research has established that zinc prevents colds.", "uncited-research-claim", id="medical-research-established"),
    pytest.param("New research reveals that quercetin fights allergies.", "uncited-research-claim", id="new-research-reveals"),
    pytest.param("Decades of research support the use of glucosamine for joint pain.", "uncited-research-claim", id="decades-of-research-support"),
    pytest.param("Data from clinical trials show that berberine lowers blood sugar.", "uncited-research-claim", id="data-show"),
    pytest.param("Trials have found that melatonin improves sleep in children with autism.", "uncited-research-claim", id="trials-have-found"),
    pytest.param("Research backs up what grandma knew: garlic fights infection.", "uncited-research-claim", id="research-backs-up"),
    pytest.param("Clinical research tells us that saffron lifts mood.", "uncited-research-claim", id="research-tells-us"),
    pytest.param("Vitamin K2 was found to strengthen bones in postmenopausal women.", "uncited-research-claim", id="was-found-to"),
    pytest.param("Scientific evidence confirms that iron boosts energy in teenage girls.", "uncited-research-claim", id="scientific-evidence-confirms"),
    pytest.param(
        "Echinacea is popular in winter. A large double-blind trial showed that it cut colds in half. Take two capsules daily.",
        "uncited-research-claim",
        id="trial-in-longer-paragraph",
    ),
    pytest.param("Omega-3 fish oil is backed by over 30,000 studies for heart and brain health.", "uncited-research-claim", id="backed-by-30000-studies"),
    pytest.param("Probiotics boost immunity, according to scientists.", "uncited-research-claim", id="according-to-scientists"),
    # appeals to unnamed experts
    pytest.param("Doctors recommend vitamin D for every adult in winter.", "uncited-expert-endorsement", id="doctors-recommend"),
    pytest.param("Experts agree that fish oil protects the heart.", "uncited-expert-endorsement", id="experts-agree"),
    pytest.param("Nutritionists recommend our greens powder for daily detox.", "uncited-expert-endorsement", id="nutritionists-recommend"),
    pytest.param("9 out of 10 pediatricians trust elderberry for kids.", "uncited-expert-endorsement", id="nine-out-of-ten"),
    pytest.param("Sleep experts now recommend magnesium before bed.", "uncited-expert-endorsement", id="sleep-experts-now-recommend"),
    pytest.param("Experts say that NAD+ boosters can reverse aging at the cellular level.", "uncited-expert-endorsement", id="experts-say"),
    # a journal without the paper
    pytest.param("A study published in the Journal of Clinical Sleep Medicine found that tart cherry juice helps.", "journal-only-citation", id="published-in-journal-of"),
    pytest.param("A 2022 review in Nutrients showed that vitamin K2 strengthens bones.", "journal-only-citation", id="review-in-nutrients"),
    pytest.param("Researchers writing in The Lancet reported fewer fractures with vitamin D.", "journal-only-citation", id="writing-in-the-lancet"),
]

# Near misses: cited, hedged, negated, anaphoric, questions, cautions, ordinary uses of the words.
NEGATIVE = [
    pytest.param("Studies show that zinc lozenges shortened colds by about a day (Hemil\u00e4, 2017).", id="author-year-parenthetical"),
    pytest.param("Research indicates that probiotics can reduce antibiotic-associated diarrhoea [3].", id="numbered-reference"),
    pytest.param("A 2019 trial (NCT03211234) found that melatonin helped jet lag.", id="registry-number"),
    pytest.param("Collagen peptides have been shown to improve skin hydration (PMID 30681787).", id="pmid"),
    pytest.param("A 2018 review found benefits for omega-3s (doi:10.1002/14651858.CD003177).", id="doi"),
    pytest.param("Smith and Jones, 2020, found that beet juice improves endurance.", id="author-and-author-year"),
    pytest.param("Research shows iron absorption doubles with vitamin C. See Hallberg et al. for details.", id="et-al-in-same-paragraph"),
    pytest.param("Some research suggests that saffron may help mild low mood.", id="hedged-some-research-suggests"),
    pytest.param("What does the research say about ashwagandha?", id="question"),
    pytest.param("Is there evidence that collagen improves skin?", id="question-evidence"),
    pytest.param("Studies have not shown that CBD cures anxiety.", id="negated"),
    pytest.param("There is no evidence that vitamin C prevents colds in most people.", id="no-evidence"),
    pytest.param("Experts agree that more research is needed on NMN.", id="experts-agree-more-research-needed"),
    pytest.param("Doctors recommend that pregnant women talk to their midwife before taking herbs.", id="doctors-recommend-caution"),
    pytest.param("Ask your doctor before starting iron supplements.", id="ask-your-doctor"),
    pytest.param("These studies found smaller effects in older adults.", id="anaphoric-these-studies"),
    pytest.param("The researchers found no difference between groups.", id="anaphoric-the-researchers"),
    pytest.param("Research on turmeric shows mixed results.", id="mixed-results"),
    pytest.param("Studies show that fish oil may lower triglycerides slightly.", id="finding-hedged-with-may"),
    pytest.param("Studies are needed to show whether elderberry helps.", id="studies-needed-to-show"),
    pytest.param("More research is needed to confirm whether melatonin is safe for children.", id="more-research-needed"),
    pytest.param("Magnesium is found in nuts, seeds and whole grains.", id="found-in-food"),
    pytest.param("Early studies in mice show that NMN boosts energy.", id="animal-studies-hedged"),
    pytest.param("A small pilot study found that lion's mane improved memory.", id="small-pilot-study-hedged"),
    pytest.param("This research shows why dosing matters.", id="this-research"),
    pytest.param("A study published in the Journal of Nutrition (Lee et al., 2021) found that iron helps.", id="journal-with-author-year"),
    pytest.param("See registry entry ISRCTN12345678: researchers found lower fatigue with CoQ10.", id="isrctn"),
    pytest.param("Evidence that proves a supplement works should come from randomized trials.", id="relative-clause-evidence-that-proves"),
    pytest.param("Most doctors agree it is unclear whether multivitamins help.", id="experts-unclear"),
    pytest.param("Rich in nutrients, spinach is a good source of magnesium.", id="nutrients-lowercase"),
    pytest.param("Researchers at the university are recruiting participants.", id="researchers-recruiting"),
    pytest.param("Where the data is thin and highlights uncertainty, we say so.", id="data-is-thin"),
    pytest.param("Good sleep hygiene improves Sleep Quality Scores in most people.", id="capitalised-sleep-not-a-journal"),
    pytest.param("Our team reviewed 40 studies on vitamin D; see the reference list below for each one [1-40].", id="reference-range"),
    pytest.param("Experts recommend getting nutrients from food first.", id="expert-advice-not-endorsement"),
    pytest.param("Doctors often prescribe iron for anemia.", id="doctors-prescribe-practice"),
    pytest.param("Data from the NHANES survey show that many Americans get too little magnesium.", id="named-data-source"),
    pytest.param("Most studies have found that melatonin shortens the time to fall asleep by a few minutes.", id="small-effect-stated"),
    pytest.param("Studies show that people who eat more fish tend to have lower rates of heart disease.", id="association-tend-to"),
    pytest.param("A Cochrane review found that probiotics probably reduce antibiotic-associated diarrhea in children.", id="cochrane-probably"),
    pytest.param("According to the Mayo Clinic, melatonin is generally safe for short-term use.", id="according-to-named-clinic"),
    pytest.param(
        "Observational studies link higher vitamin D levels with lower cancer risk, but trials have not confirmed this.",
        id="observational-link-not-confirmed",
    ),
]


@pytest.mark.parametrize(("text", "rule"), POSITIVE)
def test_uncited_claim_is_reported(lint: Lint, text: str, rule: str) -> None:
    found = uncited(lint(text, RULESET))
    assert rule in {f.rule for f in found}, [(f.rule, f.match) for f in found]


@pytest.mark.parametrize("text", NEGATIVE)
def test_near_miss_stays_clean(lint: Lint, text: str) -> None:
    found = uncited(lint(text, RULESET))
    assert found == [], [(f.rule, f.match) for f in found]


def test_reference_must_be_in_the_same_block(lint: Lint) -> None:
    claim = "Studies show that elderberry shortens flu symptoms."
    same = claim + " In one trial, symptoms eased four days sooner (Zakay-Rones et al., 2004)."
    other = claim + "\n\nIn one trial, symptoms eased four days sooner (Zakay-Rones et al., 2004)."
    assert uncited(lint(same, RULESET)) == []
    found = uncited(lint(other, RULESET))
    assert [(f.rule, f.line) for f in found] == [("uncited-research-claim", 1)]


def test_journal_only_is_info_and_replaces_the_warning(lint: Lint) -> None:
    text = "Research has consistently shown benefits. A study published in the Journal of Sleep Research found longer sleep."
    found = uncited(lint(text, RULESET))
    assert [(f.rule, f.severity) for f in found] == [("journal-only-citation", "info")]
    assert found[0].match.startswith("published in the Journal of Sleep Research")


def test_finding_location_and_message(lint: Lint) -> None:
    text = "Zinc for Colds\n\nMany people take zinc in winter. Studies show it shortens colds."
    found = uncited(lint(text, RULESET))
    assert len(found) == 1
    finding = found[0]
    assert (finding.rule, finding.line, finding.column) == ("uncited-research-claim", 3, 34)
    assert finding.match == "Studies show"
    assert "'Studies show'" in finding.message
    assert finding.severity == "warning"


def test_hedged_rule_is_off_by_default_and_selectable(lint: Lint) -> None:
    text = "Some research suggests that ashwagandha may ease stress."
    assert uncited(lint(text, RULESET)) == []
    rules = select_rules(
        rulesets.load(["citations"]), select=[], extend_select=["uncited-hedged-research"], ignore=[], severity={}, profile="us"
    )
    found = lint_text(rules, text, "article.txt").findings
    assert [(f.rule, f.severity) for f in found] == [("uncited-hedged-research", "info")]


def test_markdown_footnote_counts_as_reference(lint: Lint) -> None:
    text = "Studies show that creatine supports memory in older adults.[^1]\n\n[^1]: Avgerinos KI et al. 2018.\n"
    assert uncited(lint(text, RULESET, markup="markdown")) == []


def test_every_rule_is_in_its_category(lint: Lint) -> None:
    text = (
        "Studies show zinc helps. Doctors recommend zinc lozenges. "
        "A trial published in the Journal of Infectious Diseases found it works."
    )
    found = lint(text, RULESET)
    assert found and {f.category for f in found} == {CATEGORY}


def test_reference_detectors_are_the_same_in_both_rulesets() -> None:
    root = Path(__file__).resolve().parents[2] / "rulesets"
    lists = [tomllib.loads((root / name).read_text(encoding="utf-8"))["terms"]["reference"] for name in ("citations.toml", "evidence.toml")]
    assert lists[0] == lists[1]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Studies show that magnesium supports melatonin production1.", id="glued-note-number"),
        pytest.param("Studies show that magnesium supports deep sleep.12 It also relaxes muscles.", id="note-after-full-stop"),
    ],
)
def test_glued_note_numbers_count_as_references(lint: Lint, text: str) -> None:
    assert uncited(lint(text, RULESET)) == []


def test_ingredient_names_with_digits_are_not_note_numbers(lint: Lint) -> None:
    found = uncited(lint("Studies show omega3 supplements and coq10 boost energy.", RULESET))
    assert [f.rule for f in found] == ["uncited-research-claim"]
