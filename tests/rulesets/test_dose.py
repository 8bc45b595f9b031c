"""The `dose` ruleset: recommended supplement doses above the adult UL fire; intake references,
limits, study doses, supervised doses, compound weights and other ingredients do not."""
from __future__ import annotations

import time
from typing import Callable

import pytest

from claimlint.findings import Finding
from tests.conftest import SHARED

Lint = Callable[..., list[Finding]]
RULESET = ("dose",)
CATEGORY = "dose-limit"
SEEDS = SHARED / "seeds"


def dose(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.category == CATEGORY]


# (sentence, nutrient named in the message)
POSITIVE = [
    # magnesium: UL 350 mg from supplements
    pytest.param("For restless nights, take 500 mg of magnesium about an hour before bed.", "magnesium", id="mg-imperative"),
    pytest.param("The usual dose is 400 to 600 mg of magnesium glycinate daily.", "magnesium", id="mg-usual-dose-range"),
    pytest.param("Magnesium citrate is normally taken at 200-300 mg twice a day.", "magnesium", id="mg-range-twice"),
    pytest.param("We recommend starting with two 200 mg capsules of magnesium each evening.", "magnesium", id="mg-two-capsules"),
    pytest.param("Most people take between 400 and 500 mg of magnesium to ease leg cramps.", "magnesium", id="mg-most-people-between"),
    pytest.param("Take 2 x 250 mg magnesium with your evening meal.", "magnesium", id="mg-2-x-250"),
    pytest.param("Magnesium: 150 mg every 8 hours.", "magnesium", id="mg-every-8-hours"),
    # vitamin D: 4,000 IU = 100 mcg
    pytest.param("In winter, try 5,000 IU of vitamin D3 every day.", "vitamin D", id="vitd-5000-iu"),
    pytest.param("A good maintenance dose is 125 mcg of vitamin D daily.", "vitamin D", id="vitd-125-mcg"),
    pytest.param("Take 50,000 IU of vitamin D twice a week to top up your levels.", "vitamin D", id="vitd-weekly"),
    # vitamin C: 2,000 mg
    pytest.param("At the first sign of a cold, take 1,000 mg of vitamin C every 2 hours.", "vitamin C", id="vitc-every-2-hours"),
    pytest.param("Our liposomal vitamin C delivers 3 grams per serving.", "vitamin C", id="vitc-per-serving"),
    # zinc: 40 mg
    pytest.param("Zinc lozenges with 25 mg of zinc can be taken three times a day during a cold.", "zinc", id="zinc-lozenges"),
    pytest.param("For acne, dermatologists often suggest 50 mg of zinc gluconate daily.", "zinc", id="zinc-acne"),
    # vitamin B6: 100 mg
    pytest.param("Many women find 200 mg of vitamin B6 a day eases PMS.", "vitamin B6", id="b6-pms"),
    pytest.param("Take 100 mg of pyridoxine twice daily for nausea.", "vitamin B6", id="b6-pyridoxine-twice"),
    # iron: 45 mg
    pytest.param("If you are low in iron, take 65 mg of iron twice a day with orange juice.", "iron", id="iron-twice"),
    # calcium: 2,500 mg (2,000 mg at 51+)
    pytest.param("Postmenopausal women should take 1,200 mg of calcium twice daily.", "calcium", id="calcium-postmenopausal"),
    pytest.param("Take 3,000 mg of calcium carbonate daily for strong bones.", "calcium", id="calcium-3000"),
    # niacin: 35 mg from supplements
    pytest.param("To raise HDL, take 500 mg of niacin at bedtime.", "niacin", id="niacin-500"),
    pytest.param("Our energy shot contains 50 mg of vitamin B3.", "niacin", id="niacin-b3-shot"),
    # vitamin A: 3,000 mcg RAE = 10,000 IU preformed
    pytest.param("Take 25,000 IU of vitamin A daily to support your immune system.", "vitamin A", id="vita-25000-iu"),
    pytest.param("A daily 5,000 mcg of retinol keeps skin clear.", "vitamin A", id="vita-retinol-mcg"),
    # vitamin E: 1,000 mg (1,500 IU natural)
    pytest.param("Take 800 IU of vitamin E twice a day for heart health.", "vitamin E", id="vite-800-iu-twice"),
    # selenium: 400 mcg
    pytest.param("Selenium at 200 mcg three times daily supports thyroid health.", "selenium", id="selenium-three-times"),
    # folic acid: 1,000 mcg
    pytest.param("Take 5 mg of folic acid every day before conception.", "folic acid", id="folic-5-mg"),
    # iodine: 1,100 mcg
    pytest.param("Many practitioners recommend 12.5 mg of iodine daily for thyroid support.", "iodine", id="iodine-12-5-mg"),
    # copper: 10,000 mcg
    pytest.param("Take 12 mg of copper a day alongside your zinc.", "copper", id="copper-12-mg"),
    # capsules, servings and label-style lists
    pytest.param("Magnesium glycinate 120 mg (elemental) per capsule; take 2-3 capsules before bed.", "magnesium", id="mg-per-capsule-times-count"),
    pytest.param("Take 1-2 capsules (each providing 200 mg magnesium) nightly.", "magnesium", id="mg-each-providing"),
    pytest.param("Take 500 mg of magnesium per dose, up to 3 doses daily.", "magnesium", id="mg-doses-daily"),
    pytest.param("Vitamin D3 5,000 IU, magnesium 200 mg and zinc 15 mg make a good winter stack.", "vitamin D", id="vitd-label-list"),
    pytest.param("Give your immune system a boost with 2 grams of vitamin C each morning and evening.", "vitamin C", id="vitc-morning-and-evening"),
    # manganese, boron
    pytest.param("Take 15 mg of manganese daily for joint support.", "manganese", id="manganese-15"),
    pytest.param("Most people take 30 mg of boron a day for bone health.", "boron", id="boron-30"),
]

NEGATIVE = [
    # intake references: total intake, not a supplement dose
    pytest.param("Men over 30 need about 420 mg of magnesium a day.", id="rda-need"),
    pytest.param("The recommended dietary allowance of vitamin C for women is 75 mg.", id="rda-named"),
    pytest.param("Most adults require 300 to 400 mg of magnesium daily from food and supplements combined.", id="require-total"),
    pytest.param("The Daily Value for calcium is 1,300 mg.", id="daily-value"),
    pytest.param("Average intakes of magnesium from food are around 350 mg in men.", id="average-intake"),
    # the UL or a threshold
    pytest.param("The upper limit for zinc is 40 mg per day.", id="ul-zinc"),
    pytest.param("Do not exceed 4,000 IU of vitamin D a day.", id="do-not-exceed"),
    pytest.param("Keep your supplemental magnesium under 350 mg unless a doctor says otherwise.", id="keep-under"),
    pytest.param("Doses over 100 mg of vitamin B6 a day have been linked to nerve damage.", id="over-b6-harm"),
    # studies
    pytest.param("In a 2021 trial, volunteers received 1,000 mg of vitamin C daily for three months.", id="trial-received"),
    pytest.param("Researchers gave 50 mg of zinc a day to older adults for a year.", id="researchers-gave"),
    pytest.param("The study used 600 mg of magnesium citrate in migraine patients.", id="study-used"),
    # supervision
    pytest.param("Higher doses, such as 50,000 IU of vitamin D weekly, should only be used under medical supervision.", id="supervised-vitd"),
    pytest.param("Prescription niacin at 1,000 mg or more is used to treat high cholesterol.", id="prescription-niacin"),
    pytest.param("Your doctor may recommend 65 mg of iron twice daily if you are anemic.", id="doctor-may-recommend"),
    pytest.param("Take 600 mg of magnesium daily only under your doctor's supervision.", id="supervised-imperative"),
    # health authorities, RDA tables retold, the market
    pytest.param("The NIH recommends 310-420 mg of magnesium per day for adults.", id="authority-recommends"),
    pytest.param("Adults should aim for 310 to 420 mg of magnesium per day, depending on age and sex.", id="aim-for-by-age-and-sex"),
    pytest.param("Magnesium is available in 100 mg to 500 mg capsules.", id="available-in"),
    pytest.param("Sunlight can produce 10,000 IU of vitamin D in half an hour.", id="sunlight"),
    # harm, toxicity
    pytest.param("Taking 10,000 IU of vitamin A daily in pregnancy can cause birth defects.", id="harm-vita"),
    pytest.param("Selenium toxicity has been seen at intakes of 900 mcg a day.", id="toxicity-selenium"),
    # compound weights
    pytest.param("A 1,000 mg capsule of magnesium glycinate contains only about 140 mg of elemental magnesium.", id="compound-capsule"),
    pytest.param("Check the label: 500 mg of zinc gluconate gives roughly 70 mg of elemental zinc.", id="compound-label-zinc"),
    # other ingredients and amounts below the UL
    pytest.param("Take 300 mg of magnesium with 500 mg of L-theanine before bed.", id="other-ingredient"),
    pytest.param("Combine 2,000 IU of vitamin D3 with 100 mcg of vitamin K2.", id="vitd-with-k2"),
    pytest.param("Take 200 mg of magnesium and 1,000 mg of fish oil with dinner.", id="mg-with-fish-oil"),
    pytest.param("Take 15 mg of zinc and 2 mg of copper daily.", id="below-ul"),
    # food, forms not covered, questions, judgements
    pytest.param("Half a cup of pumpkin seeds provides about 300 mg of magnesium.", id="food-pumpkin-seeds"),
    pytest.param("A single Brazil nut can contain 90 mcg of selenium, so a handful adds up fast.", id="food-brazil-nut"),
    pytest.param("Beta-carotene supplements of 25,000 IU are not a source of preformed vitamin A.", id="beta-carotene"),
    pytest.param("L-methylfolate at 7.5 mg is prescribed for depression.", id="methylfolate"),
    pytest.param("Is 1,000 mg of vitamin C too much for a child?", id="question"),
    pytest.param("Taking 5,000 IU of vitamin D every day is unnecessary for most people.", id="judged-unnecessary"),
    pytest.param("Your body stores about 1 kg of calcium in the bones, mostly as 1,000 g of hydroxyapatite.", id="body-stores"),
]


@pytest.mark.parametrize(("text", "nutrient"), POSITIVE)
def test_recommended_dose_above_the_ul_fires(lint: Lint, text: str, nutrient: str) -> None:
    found = dose(lint(text, RULESET))
    assert found, f"no dose-limit finding for {text!r}"
    assert f" of {nutrient}" in found[0].message
    assert "the adult UL" in found[0].message and "NIH ODS" in found[0].message


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_a_recommended_dose_above_the_ul(lint: Lint, text: str) -> None:
    assert dose(lint(text, RULESET)) == []


def test_message_states_amount_daily_maximum_and_source(lint: Lint) -> None:
    (finding,) = dose(lint("Take two 250 mg capsules of magnesium twice a day.", RULESET))
    assert finding.rule == "dose-above-upper-limit"
    assert finding.message == (
        "'two 250 mg capsules of magnesium twice a day' recommends up to 1,000 mg/day of magnesium "
        "(2 x 250 mg x 2 a day); the adult UL is 350 mg/day from supplements and medications "
        "(NIH ODS, Magnesium fact sheet)"
    )


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        pytest.param("| Supplement | Dose per day |\n| --- | --- |\n| Magnesium | 500 mg |\n| Zinc | 15 mg |\n", True, id="dose-table"),
        pytest.param("| Nutrient | RDA | UL |\n| --- | --- | --- |\n| Magnesium | 420 mg | 350 mg |\n| Zinc | 11 mg | 40 mg |\n", False, id="reference-table"),
        pytest.param("Daily intake targets:\n\n- Vitamin C: 90 mg\n- Calcium: 1,000 mg\n- Magnesium: 420 mg\n", False, id="intake-list"),
        pytest.param("Our evening stack:\n\n- Magnesium glycinate, 600 mg\n- L-theanine, 200 mg\n", True, id="stack-list"),
    ],
)
def test_markdown_tables_and_lists(lint: Lint, text: str, fires: bool) -> None:
    assert bool(dose(lint(text, RULESET, markup="markdown"))) is fires


def test_every_limit_has_a_fact_sheet_and_date() -> None:
    from claimlint import rulesets

    (ruleset,) = rulesets.load(["dose"])
    (rule,) = ruleset.rules
    limits = rule.checker.limits
    nutrients = {limit.nutrient for limit in limits}
    assert {
        "magnesium", "zinc", "vitamin D", "vitamin C", "vitamin B6", "iron", "calcium", "niacin", "vitamin A",
        "vitamin E", "selenium", "folic acid", "iodine", "copper",
    } <= nutrients
    for limit in limits:
        assert limit.url.startswith("https://ods.od.nih.gov/factsheets/") and limit.url.endswith("-HealthProfessional/")
        assert limit.section.startswith("Health Risks from Excessive")
        assert str(limit.checked) == "2026-11-23"
    supplemental = {limit.nutrient for limit in limits if limit.scope == "supplemental"}
    assert supplemental == {"magnesium", "niacin", "vitamin E", "folic acid"}
    by_name = {limit.nutrient: limit for limit in limits}
    assert by_name["magnesium"].upper_limit == 350 and by_name["vitamin D"].upper_limit == 100
    assert by_name["vitamin D"].iu_per_unit == 40 and by_name["copper"].upper_limit == 10000


@pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds is not present")
@pytest.mark.parametrize(
    ("name", "line", "fires"),
    [
        pytest.param("002_fc006c4cf61c5b8d.txt", 109, True, id="002-109-typical-sleep-dose"),
        pytest.param("002_fc006c4cf61c5b8d.txt", 99, False, id="002-99-rdi-values"),
        pytest.param("002_fc006c4cf61c5b8d.txt", 216, False, id="002-216-compound-weight-on-a-label"),
        pytest.param("000_7abb85deac7ffda2.txt", 49, True, id="000-49-once-or-twice-daily"),
    ],
)
def test_seed_lines(lint: Lint, name: str, line: int, fires: bool) -> None:
    text = (SEEDS / name).read_text(encoding="utf-8")
    lines = {f.line for f in dose(lint(text, RULESET))}
    assert (line in lines) is fires


def test_only_those_seed_lines_fire(lint: Lint) -> None:
    if not SEEDS.exists():
        pytest.skip("../shared/seeds is not present")
    found = {(path.name, f.line) for path in sorted(SEEDS.glob("*.txt")) for f in dose(lint(path.read_text(encoding="utf-8"), RULESET))}
    assert found == {("000_7abb85deac7ffda2.txt", 49), ("002_fc006c4cf61c5b8d.txt", 109)}


def test_a_long_article_is_fast(lint: Lint) -> None:
    text = "Take 500 mg of magnesium twice daily with meals, and 2,000 IU of vitamin D3. Adults need 420 mg. " * 300
    started = time.perf_counter()
    lint(text, RULESET)
    assert time.perf_counter() - started < 5.0
