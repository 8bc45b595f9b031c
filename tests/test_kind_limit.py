"""kind = "limit": the limit table is validated with errors naming the key; doses are read in context."""
from __future__ import annotations

from pathlib import Path

import pytest

from claimlint import rulesets
from claimlint.engine import lint_text
from claimlint.errors import RulesetError
from claimlint.findings import Finding
from claimlint.kinds.limit import clause_bounds, context_excuse

HEADER = 'schema = 1\nid = "mine"\ntitle = "Mine"\n'
RULE = '''
[[rule]]
id = "over-limit"
kind = "limit"
category = "dose-limit"
severity = "warning"
summary = "Dose above the UL."
message = "{match}: {daily} of {nutrient}{how} > {limit}{group} {applies} ({source})"
why = "Above the UL the risk of adverse effects rises."
instead = "Stay at or below the UL."
reviewed = 2026-11-23
others = ["ashwagandha", "passionflower"]
[rule.examples]
bad = ["Take 500 mg of magnesium.", "Take 10,000 IU of vitamin D."]
good = ["Take 200 mg of magnesium.", "Take 1,000 IU of vitamin D."]
[[rule.references]]
title = "NIH ODS fact sheets"
url = "https://ods.od.nih.gov/factsheets/list-all/"

[[rule.limits]]
nutrient = "magnesium"
names = ["magnesium"]
symbols = ["Mg"]
upper_limit = 350
unit = "mg"
scope = "supplemental"
applies_to = "from supplements"
source = "ODS"
url = "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"
section = "Health Risks from Excessive Magnesium"
checked = 2026-11-23

[[rule.limits]]
nutrient = "vitamin D"
names = ["vitamin D", "vitamin D3"]
upper_limit = 100
unit = "mcg"
scope = "total"
iu_per_unit = 40
source = "ODS"
url = "https://ods.od.nih.gov/factsheets/VitaminD-HealthProfessional/"
section = "Health Risks from Excessive Vitamin D"
checked = 2026-11-23

[[rule.limits]]
nutrient = "calcium"
names = ["calcium"]
upper_limit = 2500
unit = "mg"
scope = "total"
source = "ODS"
url = "https://ods.od.nih.gov/factsheets/Calcium-HealthProfessional/"
section = "Health Risks from Excessive Calcium"
checked = 2026-11-23

[[rule.limits.groups]]
label = "adults 51 and older"
upper_limit = 2000
when = ["\\\\bover\\\\s+(?:5\\\\d|[6-9]\\\\d)\\\\b"]

[[rule.limits]]
nutrient = "folic acid"
names = ["folic acid", "folate"]
upper_limit = 1000
unit = "mcg"
scope = "supplemental"
qualifiers = { DFE = 0.588 }
exclude = ["\\\\bmethylfolate\\\\b"]
source = "ODS"
url = "https://ods.od.nih.gov/factsheets/Folate-HealthProfessional/"
section = "Health Risks from Excessive Folic Acid"
checked = 2026-11-23
'''


def load(tmp_path: Path, body: str = RULE) -> list:
    path = tmp_path / "mine.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    return [rule for ruleset in rulesets.load([str(path)]) if ruleset.id == "mine" for rule in ruleset.rules]


def load_error(tmp_path: Path, body: str) -> str:
    with pytest.raises(RulesetError) as info:
        load(tmp_path, body)
    return str(info.value)


@pytest.fixture
def check(tmp_path: Path):  # type: ignore[no-untyped-def]
    rules = load(tmp_path)

    def run(text: str, markup: str = "text") -> list[Finding]:
        suffix = {"text": ".txt", "markdown": ".md", "html": ".html"}[markup]
        return lint_text(rules, text, f"article{suffix}").findings

    return run


# --- validation ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        pytest.param("upper_limit = 350\n", "upper_limit = -1\n", "key 'limits[0].upper_limit': must be greater than 0", id="negative-ul"),
        pytest.param("upper_limit = 350\n", 'upper_limit = "350"\n', "key 'limits[0].upper_limit': must be a number", id="ul-string"),
        pytest.param("upper_limit = 350\n", "", "key 'limits[0]': missing required key 'upper_limit'", id="missing-ul"),
        pytest.param('unit = "mg"\nscope = "supplemental"', 'unit = "grams"\nscope = "supplemental"', "key 'limits[0].unit': must be one of mg, mcg", id="bad-unit"),
        pytest.param('scope = "supplemental"\napplies_to', 'scope = "food"\napplies_to', "key 'limits[0].scope': must be one of supplemental, total", id="bad-scope"),
        pytest.param('nutrient = "calcium"\n', 'nutrient = "calcium"\ncolour = "blue"\n', "key 'limits[2].colour': unknown key", id="unknown-key"),
        pytest.param('nutrient = "calcium"\n', 'nutrient = "magnesium"\n', "key 'limits[2].nutrient': 'magnesium' already has a limit (limits[0])", id="duplicate-nutrient"),
        pytest.param('names = ["calcium"]', 'names = ["calcium", "magnesium"]', "key 'limits[2].names[1]': 'magnesium' already names 'magnesium' (limits[0])", id="duplicate-name"),
        pytest.param('names = ["calcium"]', "names = []", "key 'limits[2].names': needs at least one name", id="no-names"),
        pytest.param('symbols = ["Mg"]', 'symbols = ["magnesium"]', "key 'limits[0].symbols[0]': 'magnesium' is not a chemical symbol", id="bad-symbol"),
        pytest.param("iu_per_unit = 40", "iu_per_unit = 0", "key 'limits[1].iu_per_unit': must be greater than 0", id="zero-iu"),
        pytest.param("qualifiers = { DFE = 0.588 }", "qualifiers = { XYZ = 0.588 }", "key 'limits[3].qualifiers.XYZ': unknown label unit 'XYZ'", id="unknown-qualifier"),
        pytest.param("qualifiers = { DFE = 0.588 }", 'qualifiers = { DFE = "a lot" }', "key 'limits[3].qualifiers.DFE': must be a number greater than 0", id="bad-qualifier"),
        pytest.param('exclude = ["\\\\bmethylfolate\\\\b"]', 'exclude = ["(methylfolate"]', "key 'limits[3].exclude[0]': bad regex", id="bad-exclude-regex"),
        pytest.param('label = "adults 51 and older"\n', "", "key 'limits[2].groups[0]': missing required key 'label'", id="group-without-label"),
        pytest.param("upper_limit = 2000\n", "upper_limit = 0\n", "key 'limits[2].groups[0].upper_limit': must be greater than 0", id="group-zero-ul"),
        pytest.param('url = "https://ods.od.nih.gov/factsheets/Magnesium-HealthProfessional/"', 'url = "ods.od.nih.gov"', "key 'limits[0].url': must be an http(s) URL", id="bad-url"),
        pytest.param('checked = 2026-11-23\n\n[[rule.limits]]\nnutrient = "vitamin D"', 'checked = "2026-11-23"\n\n[[rule.limits]]\nnutrient = "vitamin D"', "key 'limits[0].checked': must be a date", id="quoted-date"),
        pytest.param('source = "ODS"\nurl = "https://ods.od.nih.gov/factsheets/Calcium', 'url = "https://ods.od.nih.gov/factsheets/Calcium', "key 'limits[2]': missing required key 'source'", id="missing-source"),
        pytest.param('others = ["ashwagandha", "passionflower"]', 'others = ["re:{{herbs}}"]', "key 'others[0]': unknown term {{herbs}}", id="unknown-term"),
        pytest.param('others = ["ashwagandha", "passionflower"]', 'margin = -0.1', "key 'margin': must not be negative", id="negative-margin"),
    ],
)
def test_bad_limit_tables_name_the_key(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert old in RULE, old
    message = load_error(tmp_path, RULE.replace(old, new, 1))
    assert "mine.toml:" in message and "rule 'over-limit'" in message
    assert expected in message


def test_limits_are_required(tmp_path: Path) -> None:
    body = RULE[: RULE.index("[[rule.limits]]")]
    assert "missing required key 'limits'" in load_error(tmp_path, body)


def test_error_names_the_line_of_the_limit(tmp_path: Path) -> None:
    body = RULE.replace("upper_limit = 2500\n", "upper_limit = -2500\n")
    message = load_error(tmp_path, body)
    line = (HEADER + body).splitlines().index("upper_limit = -2500") + 1
    assert f"mine.toml:{line}:" in message


def test_examples_pass(tmp_path: Path) -> None:
    from claimlint.testrules import run_examples

    count, failures = run_examples(load(tmp_path))
    assert count == 4 and not failures


# --- reading doses in context ------------------------------------------------------------


def test_message_names_amount_daily_maximum_and_ul(check) -> None:  # type: ignore[no-untyped-def]
    (finding,) = check("Magnesium is typically taken in doses of 100-200 mg, once or twice daily.")
    assert finding.message == (
        "100-200 mg, once or twice daily: 400 mg/day of magnesium (200 mg x 2 a day) > 350 mg/day from supplements (ODS)"
    )
    assert finding.match == "100-200 mg, once or twice daily"


def test_iu_are_converted_with_the_nutrients_factor(check) -> None:  # type: ignore[no-untyped-def]
    (finding,) = check("Take 10,000 IU of vitamin D3 daily.")
    assert "10,000 IU/day (250 mcg) of vitamin D" in finding.message
    assert "100 mcg/day (4,000 IU) from food and supplements together" in finding.message
    assert check("Take 4,000 IU of vitamin D daily.") == []


def test_label_units_use_their_factor(check) -> None:  # type: ignore[no-untyped-def]
    assert check("Take 1,667 mcg DFE of folic acid daily.") == []  # 1,000 mcg folic acid: the UL itself
    assert len(check("Take 2,500 mcg DFE of folic acid daily.")) == 1


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        pytest.param("Take 500 mg of magnesium.", True, id="forward"),
        pytest.param("Magnesium works best at night: 500 mg.", True, id="backward"),
        pytest.param("Take 500 mg of passionflower with magnesium.", False, id="of-another-ingredient"),
        pytest.param("Take 500 mg of valerian root with magnesium.", False, id="of-an-unknown-ingredient"),
        pytest.param("Pair magnesium with passionflower (500 mg) at night.", False, id="bracket-owner"),
        pytest.param("Take 200 mg of magnesium with 600 mg of ashwagandha.", False, id="two-ingredients"),
        pytest.param("Take 500 mg of this supplement daily for magnesium.", False, id="of-this-supplement-then-nothing-before"),
        pytest.param("Magnesium helps. Take 500 mg of it daily.", True, id="pronoun-refers-back"),
        pytest.param("Mg: 500 mg at night.", True, id="symbol"),
        pytest.param("Take 500 MG at night.", False, id="unit-in-capitals-is-no-symbol"),
    ],
)
def test_attribution(check, text: str, fires: bool) -> None:  # type: ignore[no-untyped-def]
    assert bool(check(text)) is fires


def test_coordinated_amounts_give_one_finding(check) -> None:  # type: ignore[no-untyped-def]
    findings = check("The dose is 400-420 mg (for men) and 310-320 mg (for women) elemental magnesium per day.")
    assert len(findings) == 1 and "420 mg/day" in findings[0].message
    findings = check("Each softgel has 50 mcg (2,000 IU) of vitamin D3; take 3 softgels daily.")
    assert len(findings) == 1 and "150 mcg/day" in findings[0].message


def test_frequency_stops_at_another_nutrients_amount(check) -> None:  # type: ignore[no-untyped-def]
    assert check("Take 300 mg of magnesium and 1,000 mg of calcium twice daily.") == []
    assert len(check("Take 300 mg of magnesium twice daily and 1,000 mg of calcium.")) == 1


def test_context_from_the_previous_sentence(check) -> None:  # type: ignore[no-untyped-def]
    assert len(check("Magnesium helps you relax. Take 600 mg an hour before bed.")) == 1
    assert check("Magnesium and calcium both help. Take 600 mg an hour before bed.") == []
    assert check("Take 600 mg an hour before bed.") == []


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        pytest.param("Take 1,000 mg of magnesium glycinate daily.", True, id="salt-alone-is-read-as-the-dose"),
        pytest.param("A label may list 1,000 mg magnesium glycinate, which provides 140 mg of elemental magnesium.", False, id="elemental-stated"),
        pytest.param("The weight of the compound (e.g., 1000 mg magnesium glycinate) is meaningless.", False, id="label-reading"),
        pytest.param("Magnesium oxide is 60% elemental magnesium, so a 1,000 mg tablet gives 600 mg.", False, id="composition-arithmetic"),
        pytest.param("Take one 1,000 mg tablet of magnesium oxide, which provides 600 mg of elemental magnesium.", True, id="elemental-amount-counts"),
    ],
)
def test_compound_weights(check, text: str, fires: bool) -> None:  # type: ignore[no-untyped-def]
    assert bool(check(text)) is fires


def test_the_ul_itself_and_rounding_are_not_excesses(check) -> None:  # type: ignore[no-untyped-def]
    assert check("Take 350 mg of magnesium daily.") == []
    assert check("Take 351 mg of magnesium daily.") == []  # within the 0.5% margin
    assert len(check("Take 360 mg of magnesium daily.")) == 1


def test_margin_option(tmp_path: Path) -> None:
    rules = load(tmp_path, RULE.replace('others = ["ashwagandha", "passionflower"]', "margin = 0.5"))
    assert lint_text(rules, "Take 500 mg of magnesium.", "a.txt").findings == []
    assert len(lint_text(rules, "Take 600 mg of magnesium.", "a.txt").findings) == 1


def test_groups_lower_the_ul_where_they_apply(check) -> None:  # type: ignore[no-untyped-def]
    assert check("Take 2,200 mg of calcium daily.") == []
    (finding,) = check("Women over 60 can take 2,200 mg of calcium daily.")
    assert "2,000 mg/day for adults 51 and older" in finding.message


def test_exclude_skips_forms_the_ul_does_not_cover(check) -> None:  # type: ignore[no-untyped-def]
    assert len(check("Take 5 mg of folate daily.")) == 1
    assert check("Take 5 mg of folate as methylfolate daily.") == []


def test_unless_option(tmp_path: Path) -> None:
    rules = load(tmp_path, RULE.replace('others = ["ashwagandha", "passionflower"]', 'unless = ["\\\\bEpsom\\\\b"]'))
    assert lint_text(rules, "Add 500 mg of magnesium to an Epsom bath.", "a.txt").findings == []


def test_blocks_option(tmp_path: Path) -> None:
    rules = load(tmp_path, RULE.replace('others = ["ashwagandha", "passionflower"]', 'blocks = ["paragraph"]'))
    text = "# Take 500 mg of magnesium\n\n- Take 500 mg of magnesium.\n"
    assert lint_text(rules, text, "a.md").findings == []
    assert len(lint_text(rules, "Take 500 mg of magnesium.\n", "a.md").findings) == 1


def test_iu_without_a_factor_is_skipped(check) -> None:  # type: ignore[no-untyped-def]
    assert check("Take 5,000 IU of magnesium.") == []


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        pytest.param("| Nutrient | Daily dose |\n| --- | --- |\n| Magnesium | 500 mg |\n", True, id="dose-column"),
        pytest.param("| Nutrient | RDA |\n| --- | --- |\n| Magnesium | 420 mg |\n", False, id="rda-column"),
        pytest.param("| Nutrient | Men | Women |\n| --- | --- | --- |\n| Magnesium | 420 mg | 320 mg |\n", False, id="column-says-nothing"),
        pytest.param("| Product | Dose |\n| --- | --- |\n| Sleep blend | Take 500 mg of magnesium |\n", True, id="cell-with-its-own-sentence"),
        pytest.param("| Nutrient | Form | Dose |\n| --- | --- | --- |\n| Magnesium | glycinate | 500 mg |\n", True, id="third-column"),
        pytest.param("| Ages 19-30 | Men | Women |\n| --- | --- | --- |\n| Magnesium | 400 mg | 310 mg |\n", False, id="digits-in-header"),
        pytest.param("Upper limits for adults:\n\n- Magnesium: 350 mg\n- Calcium: 2,500 mg\n", False, id="list-of-limits"),
        pytest.param("Recommended dietary allowances:\n\n- Magnesium: 420 mg\n", False, id="list-of-rdas"),
        pytest.param("How much magnesium to take:\n\n- For sleep: 500 mg at bedtime\n", True, id="list-with-topic-in-lead-in"),
    ],
)
def test_tables_and_lists(check, text: str, fires: bool) -> None:  # type: ignore[no-untyped-def]
    assert bool(check(text, markup="markdown")) is fires


def test_html(check) -> None:  # type: ignore[no-untyped-def]
    (finding,) = check("<p>Take <strong>5,000 IU</strong> of vitamin D3 every day.</p>", markup="html")
    assert finding.line == 1


@pytest.mark.parametrize(
    ("header", "fires"),
    [pytest.param("Dose", True, id="dose"), pytest.param("RDA", False, id="rda")],
)
@pytest.mark.parametrize("newline", [pytest.param("\n", id="row-per-line"), pytest.param("", id="one-line")])
def test_html_tables(check, header: str, fires: bool, newline: str) -> None:  # type: ignore[no-untyped-def]
    html = (
        f"<table><tr><th>Nutrient</th><th>{header}</th></tr>{newline}"
        "<tr><td>Magnesium</td><td>500 mg</td></tr></table>"
    )
    assert bool(check(html, markup="html")) is fires


# --- the context tests on their own --------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "amount", "reason"),
    [
        pytest.param("Is 500 mg of magnesium too much?", "500 mg", "question", id="question"),
        pytest.param("Do not take more than 500 mg a day.", "500 mg", "threshold", id="threshold"),
        pytest.param("Doses above 350 mg can cause diarrhoea.", "350 mg", "threshold", id="above"),
        pytest.param("The tolerable upper intake level is 4,000 IU.", "4,000 IU", "upper limit", id="upper-limit"),
        pytest.param("The UL for zinc is 40 mg.", "40 mg", "upper limit", id="ul-acronym"),
        pytest.param("Never take 600 mg at once.", "600 mg", "negated", id="negated"),
        pytest.param("For most people 10,000 IU a day is too much.", "10,000 IU", "judged excessive", id="judged"),
        pytest.param("Doses of 600 mg are used under medical supervision.", "600 mg", "medical supervision", id="supervision"),
        pytest.param("Your doctor may prescribe 50,000 IU weekly.", "50,000 IU", "medical supervision", id="prescribe"),
        pytest.param("The adult body contains about 25 g of magnesium.", "25 g", "body content", id="body"),
        pytest.param("Participants took 500 mg daily in the trial.", "500 mg", "study dose", id="study"),
        pytest.param("Adults need 400-420 mg a day.", "400-420 mg", "intake reference", id="need"),
        pytest.param("The RDA for men is 420 mg.", "420 mg", "intake reference", id="rda"),
        pytest.param("Taking 5,000 mg can cause diarrhoea.", "5,000 mg", "harm statement", id="harm"),
        pytest.param("A cup of spinach provides 157 mg.", "157 mg", "food content", id="food"),
        pytest.param("Take 500 mg daily - the dose used in clinical trials.", "500 mg", None, id="instruction-outweighs-study"),
        pytest.param("If you need more support, take 600 mg.", "600 mg", None, id="instruction-outweighs-need"),
        pytest.param("Take 600 mg before bed, unless your doctor advises otherwise.", "600 mg", None, id="unless-otherwise-is-not-supervision"),
        pytest.param("Consult your doctor, then take 600 mg nightly.", "600 mg", None, id="consult-is-not-supervision"),
        pytest.param("Most people take 500 mg at night.", "500 mg", None, id="plain-dose"),
    ],
)
def test_context_excuse(sentence: str, amount: str, reason: str | None) -> None:
    start = sentence.index(amount)
    assert context_excuse(sentence, 0, len(sentence), start, start + len(amount)) == reason


def test_clause_bounds() -> None:
    text = "Take 5,000 IU daily, even though the upper limit is 4,000 IU."
    start = text.index("4,000")
    lo, hi = clause_bounds(text, 0, len(text), start, start + 8)
    assert text[lo:hi].strip() == "the upper limit is 4,000 IU."
    start = text.index("5,000")
    lo, hi = clause_bounds(text, 0, len(text), start, start + 8)
    assert text[lo:hi] == "Take 5,000 IU daily, even "


def test_a_runaway_name_regex_is_stopped_and_reported(tmp_path: Path) -> None:
    body = RULE.replace('names = ["magnesium"]', 'names = ["magnesium", "re:(?:x|xx)+y"]', 1)
    path = tmp_path / "mine.toml"
    path.write_text(HEADER + body, encoding="utf-8")
    rules = [r for rs in rulesets.load([str(path)], timeout=0.2) if rs.id == "mine" for r in rs.rules]
    result = lint_text(rules, "Take 500 mg of magnesium with " + "x" * 60 + ".", "a.txt")
    assert any("over-limit" in p.message and "was stopped" in p.message for p in result.problems)
