"""kind = "limit": a recommended daily supplement dose above a tolerable upper intake level.

The rule carries a table of upper limits (`[[rule.limits]]`, one entry per nutrient,
each with its names, UL, unit, scope and source). For every sentence the checker

1. reads the amounts (claimlint.quantities: ranges, units, counts, frequencies),
2. attributes each amount to the nutrient it is *of* ("500 mg of magnesium",
   "Magnesium glycinate ... 100-200 mg", "Zinc | 50 mg" in a table row),
3. works out the most a day's intake reaches and compares it with the UL,
4. and reports it unless the context says this is not a recommended supplement dose:
   intake references (RDA, "adults need"), the UL itself, thresholds ("more than"),
   negation, questions, doses a study used, harm statements, food contents,
   medical supervision, or a compound's weight when the elemental amount is stated.

What the context tests mean is part of this kind (documented in rulesets/dose.toml);
the nutrients, their names and limits are data.
"""
from __future__ import annotations

import datetime as _dt
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Any, Iterator

import regex

from claimlint.document import Document, Unit
from claimlint.kinds.base import CompileContext
from claimlint.matching import Hit, RegexTimeout, negated, shorten
from claimlint.patterns import Terms, alternation, compile_built, compile_one, compile_set, lazy_regex, phrase_to_regex
from claimlint.quantities import (
    UNIT_LABEL,
    Amount,
    Dose,
    convert,
    find_amounts,
    format_amount,
    read_dose,
)
from claimlint.rules import Rule
from claimlint.schema import Field, Where, check_fields

NAME = "limit"
UNITS = ("mg", "mcg")
SCOPES = ("supplemental", "total")
QUALIFIERS = ("DFE", "RAE", "NE", "TE")

LIMIT_FIELDS: dict[str, Field] = {
    "nutrient": Field("str", required=True, doc="the nutrient's name in messages, e.g. 'magnesium'"),
    "names": Field("str-list", required=True, doc="phrases naming it (forms, synonyms); re: for a regex"),
    "symbols": Field("str-list", default=[], doc="case-sensitive symbols ('Mg', 'Zn'), never read after a number"),
    "upper_limit": Field("number", required=True, doc="the adult UL per day, in unit"),
    "unit": Field("choice", required=True, choices=UNITS),
    "scope": Field("choice", required=True, choices=SCOPES, doc="supplemental: the UL counts supplements only; total: all sources"),
    "applies_to": Field("str", doc="what the UL counts, shown in messages ('from supplements and medications')"),
    "iu_per_unit": Field("number", doc="International Units in one `unit` (vitamin D: 40 IU per mcg)"),
    "qualifiers": Field("table", default={}, doc="label units and their factor to `unit`, e.g. { DFE = 0.588 }"),
    "exclude": Field("str-list", default=[], doc="regexes: forms the UL does not cover ('beta-carotene'); such sentences are skipped"),
    "groups": Field("table-list", default=[], doc="[{label, upper_limit, when}]: a different UL when `when` is found in the block"),
    "source": Field("str", required=True, doc="short name of the source, shown in messages"),
    "url": Field("str", required=True),
    "section": Field("str", required=True),
    "checked": Field("date", required=True),
    "note": Field("str", doc="why the value is what it is (not shown)"),
}
GROUP_FIELDS: dict[str, Field] = {
    "label": Field("str", required=True, doc="who this UL is for, e.g. 'adults 51 and older'"),
    "upper_limit": Field("number", required=True),
    "when": Field("str-list", required=True, doc="regexes: any found in the block selects this UL"),
}
FIELDS: dict[str, Field] = {
    "limits": Field("table-list", required=True, doc="the table of upper limits, one [[rule.limits]] per nutrient"),
    "others": Field("str-list", default=[], doc="phrases naming ingredients without a UL here; they claim their own amounts"),
    "unless": Field("str-list", default=[], doc="regexes that excuse a dose when found in its sentence"),
    "blocks": Field("str-list", default=[], doc="only in these block kinds (default: all)"),
    "margin": Field("number", default=0.005, doc="report only above UL x (1 + margin): label rounding is not an excess"),
}


# --- context cues ------------------------------------------------------------------------
# Regexes over one sentence (or a clause of it): every repetition is bounded.

_F = regex.IGNORECASE | regex.V0

# Salts and chelates: "magnesium glycinate" weighs far more than its magnesium.
_SALT = (
    r"(?:(?:bis|di|tri)?glycinate|(?:amino\s+acid\s+)?chelate|citrate(?:\s+malate)?|(?:hydr)?oxide|gluconate|"
    r"sul(?:f|ph)ate|fumarate|carbonate|picolinate|chloride|lactate|malate|taurate|(?:l-?\s?)?threonate|orotate|"
    r"aspartate|acetate|succinate|pidolate|phosphate|glucoheptonate|iodide|iodate|selenite|selenate|bisglycinate)"
)
SALT_IN = lazy_regex(rf"(?<!\w){_SALT}(?!\w)", _F)
SALT_AFTER = lazy_regex(rf"\s{{1,2}}{_SALT}(?!\w)", _F)
ELEMENTAL_BEFORE = lazy_regex(r"(?<!\w)elemental\s{1,2}$", _F)
ELEMENTAL_AFTER = lazy_regex(r"\s{0,2}\(\s{0,2}(?:as\s+)?elemental(?:\s{1,2}[\w-]{1,20})?\s{0,2}\)", _F)  # "120 mg (elemental)"
# The sentence is about elemental content or labels: a salt's weight is not the dose.
ELEMENTAL_CONTEXT = lazy_regex(
    r"(?<!\w)(?:elemental|compound|labels?|labell?ing|weight|weighs|yields?|equivalent\s+to|"
    r"(?:provid(?:e|es|ing)|contain(?:s|ing)?|deliver(?:s|ing)?|suppl(?:y|ies|ying))\s{1,2}(?:(?:about|approximately|roughly|around|only|just)\s{1,2})?\d)(?!\w)",
    _F,
)

# Two amounts written as alternatives share what they are of:
# "400-420 mg (for men) and 310-320 mg (for women) elemental magnesium".
COORDINATED = lazy_regex(
    r"\s{0,3}(?:\([^()]{0,40}\)\s{0,3})?,?\s{0,3}(?:and|or|to|,|/)\s{0,3}(?:up\s+to\s+|about\s+|around\s+)?(?:\([^()]{0,40}\)\s{0,3})?",
    _F,
)
# Words that may stand between an amount and the nutrient it is of: "500 mg of elemental magnesium",
# "10,000 IU per day of vitamin D", "200 mg (as glycinate) magnesium".
_CONNECTOR = (
    r"(?:of|elemental|supplemental|pure|additional|extra|the|a|an|as|in|from|form|total|chelated|natural|synthetic|"
    r"liquid|oral|high-dose|buffered|your|each|per|a\s+day|day|daily|nightly|/day|/d|dose|doses|dosage|serving|servings|"
    r"capsules?|tablets?|softgels?|gummies|pills?|chewables?|lozenges?|drops)"
)
FORWARD_GAP = lazy_regex(
    # No comma first: in "Vitamin D3 5,000 IU, magnesium 200 mg" the IU are not magnesium's.
    rf"[\s/]{{0,3}}(?:\([^()]{{0,40}}\)[\s,]{{0,3}})?(?:{_CONNECTOR}[\s,/]{{1,3}}){{0,5}}(?:\([^()]{{0,40}}\)[\s,]{{0,3}})?",
    _F,
)
OF_SOMETHING = lazy_regex(r"(?:\s{0,2}(?:/\s?day|per\s+day|a\s+day|daily))?\s{1,2}of\s{1,2}(?P<word>[\w'-]{1,30})", _F)
# Words that do not name another substance: "of this supplement", "Dosage: 500 mg".
TRANSPARENT_WORD = lazy_regex(
    r"(?:elemental|supplemental|pure|additional|extra|the|a|an|it|this|that|these|those|them|your|our|my|each|every|"
    r"total|chelated|natural|synthetic|liquid|oral|high-dose|buffered|supplements?|products?|formulas?|formulations?|"
    r"blends?|powders?|capsules?|tablets?|softgels?|gummies|pills?|doses?|dosage|dosing|servings?|amounts?|intake|"
    r"daily|day|adults?|men|women|take|taking|typically|usually|about|around|approximately|roughly|range|ranges|"
    r"between|from|is|are|of|to|up|at|least|suggested|recommended|typical|standard|usual|per|directions|use|sleep|"
    r"support|form|forms|mg|mcg|iu)",
    _F,
)
# "K2 (100 mcg)", "Passionflower: 500 mg": the word right before a bracket or colon owns the amount.
OWNER_BEFORE = lazy_regex(
    r"(?P<word>[\w'-]{1,30})\s{0,2}(?P<sep>\(|:|\||-\s)\s{0,2}(?:(?:about|around|approximately|up\s+to)\s{1,2})?$", _F
)
# A label ("Passionflower: 500 mg") starts its sentence; "works best at night: 500 mg" is no label.
LABEL_START = lazy_regex(r"\s{0,3}(?:[-*\u2022]\s{0,2})?(?:[\w'-]{1,30}\s{1,2}){0,2}", _F)

CLAUSE_BREAK = lazy_regex(
    r"[;:]|\s-{1,2}\s|(?<!\w)(?:but|however|although|though|whereas|while|yet|unless|except|whether)(?!\w)",
    _F,
)
HAS_DIGIT = lazy_regex(r"\d")

# "more than 350 mg", "doses above 4,000 IU", "no more than", "keep it under 40 mg".
THRESHOLD_BEFORE = lazy_regex(
    r"(?<!\w)(?:above|over|more\s+than|greater\s+than|higher\s+than|exceed(?:s|ed|ing)?|in\s+excess\s+of|beyond|upwards\s+of|"
    r"under|below|less\s+than|lower\s+than|fewer\s+than|at\s+most|max(?:imum)?\.?(?:\s+of)?|limit(?:ed)?\s+(?:of|to|at)|"
    r"cap(?:ped)?\s+at|>|<|\u2265|\u2264)\s{0,2}(?:(?:about|approximately|around|roughly|~)\s{0,2})?$",
    _F,
)
# The clause states a limit, not a dose: "the UL is 350 mg", "do not exceed 4,000 IU".
LIMIT_WORDS = lazy_regex(
    r"(?<!\w)(?:upper\s+(?:intake\s+)?(?:limit|level)s?|tolerable|safe\s+(?:upper\s+)?(?:limit|level)s?|"
    r"max(?:imum)?\s+(?:safe\s+)?(?:daily\s+)?(?:dose|dosage|amount|intake|limit|level)s?|limit(?:s|ed)?|ceiling|threshold|"
    r"toxic\s+(?:dose|level|threshold)s?|(?:not|never)\s+(?:to\s+)?exceed|stay\s+(?:under|below|within)|"
    r"keep\s+(?:it\s+|doses?\s+|intake\s+)?(?:under|below))(?!\w)",
    _F,
)
ACRONYM_LIMIT = lazy_regex(r"(?<!\w)(?:ULs?|NOAEL|LOAEL)(?!\w)")
# "500 mg is not recommended", "10,000 IU would be too much".
JUDGED_AFTER = lazy_regex(
    r"[^.;]{0,40}?(?<!\w)(?:is|are|would\s+be|may\s+be|can\s+be|could\s+be|seems?)\s{1,2}(?:(?:generally|usually|often|probably)\s{1,2})?"
    r"(?:not\s+(?:recommended|advised|safe|necessary|needed)|too\s+(?:much|high|many)|excessive|unsafe|dangerous|toxic|"
    r"harmful|overkill|unnecessary|risky|considered\s+(?:high|excessive|toxic|unsafe)|a\s+megadose)(?!\w)|"
    r"[^.;]{0,40}?(?<!\w)should\s+be\s+avoided(?!\w)",
    _F,
)
SUPERVISION = lazy_regex(
    r"(?<!\w)(?:(?:medical|doctor'?s?|physician'?s?|clinician'?s?|professional|clinical)\s{1,2}(?:supervision|guidance|monitoring|oversight|direction|care)|"
    r"supervis(?:ed|ion)|prescri(?:be|bed|bes|bing|ption)s?|medically\s+(?:supervised|indicated|monitored)|"
    r"under\s+the\s+(?:care|guidance|direction|supervision)\s+of|"
    r"as\s+(?:directed|prescribed)\s+by\s+(?:a|your)|"
    r"(?:only|unless)\s+(?:\w+\s+){0,3}?(?:directed|advised|prescribed|recommended|instructed|told)\s+(?:to\s+)?by\s+(?:a|your)\s+"
    r"(?:doctor|physician|clinician|health\s?care\s+(?:provider|professional|practitioner)|pharmacist|dietitian)|"
    r"(?:your|a)\s+(?:doctor|physician|clinician|health\s?care\s+(?:provider|professional))\s+(?:may|might|can|could|will|would)\s+"
    r"(?:\w+\s+)?(?:prescribe|recommend|suggest|advise|order))(?!\w)",
    _F,
)
BODY = lazy_regex(
    r"(?<!\w)(?:(?:the|your|our|an?\s+adult|the\s+adult)\s{1,2}(?:human\s+)?body\s{1,2}(?:contains|holds|stores|has)|"
    r"in\s+the\s+(?:human\s+|adult\s+)?body|body\s+stores|stored\s+in\s+(?:the\s+|your\s+)?(?:bones?|body|liver))(?!\w)",
    _F,
)
# An instruction or a recommendation to take the amount (searched in the amount's clause).
_ACTION_VERB = (
    r"(?:take|try|use|start|begin|aim\s+for|supplement|add|consider|go\s+(?:for|with)|stick\s+(?:to|with)|opt\s+for|"
    r"choose|pop|swallow|mix|dissolve|chew|give|increase\s+to|double)"
)
_IMPERATIVE = lazy_regex(
    rf"(?:^|[,;:(]\s{{0,2}}|(?<!\w)(?:so|then|and|or|simply|just|please|instead|also|always|first|now)\s{{1,2}})"
    rf"(?:(?:you\s+can|you\s+should|we\s+suggest\s+you|try\s+to)\s{{1,2}})?{_ACTION_VERB}(?!\w)",
    _F,
)
_MODAL = lazy_regex(
    r"(?<!\w)(?:you|we|i|adults|men|women|people|most\s+people|everyone|one|they)\s{1,2}(?:\w+\s{1,2})?"
    r"(?:should|can|could|may|might|must|ought\s+to|want\s+to|will\s+want\s+to)\s{1,2}(?:\w+\s{1,2})?"
    r"(?:take|use|try|supplement|start|aim|consider)(?!\w)",
    _F,
)
_RECOMMEND = lazy_regex(
    r"(?<!\w)(?:(?:we|i|experts?|doctors?|physicians?|nutritionists?|dietitians?|naturopaths?|practitioners?|many|most|some)\s{1,2}"
    r"(?:\w+\s{1,2})?(?:recommend|suggest|advise)s?|(?:is|are)\s{1,2}(?:(?:often|usually|typically|commonly|generally)\s{1,2})?"
    r"(?:recommended|suggested|advised)(?!\s+(?:dietary|daily\s+(?:allowance|intake))))(?!\w)",
    _F,
)
DOSE_PHRASE = lazy_regex(
    r"(?<!\w)(?:(?:typical|usual|standard|ideal|optimal|effective|therapeutic|suggested|recommended|starting|maintenance|"
    r"best|right|daily|nightly|common|sleep[\s-]support)\s{1,2}(?:supplement(?:al)?\s{1,2}|sleep[\s-]support\s{1,2}|adult\s{1,2})?"
    r"(?:dose|doses|dosage|dosing|serving)|directions|suggested\s+use|serving\s+size|per\s+serving)(?!\w)",
    _F,
)
DEMOGRAPHIC = lazy_regex(
    r"(?<!\w)(?:depending\s+on\s+(?:your\s+)?(?:age|sex|gender)|(?:for|in)\s+(?:adult\s+)?(?:men|women|males|females)|"
    r"(?:aged?|ages)\s+\d{1,2}\s*(?:-|to|through|and)\s*\d{1,2}|\d{1,2}\s*(?:-|to)\s*\d{1,2}\s+years)(?!\w)",
    _F,
)
DOSING_WORD = lazy_regex(
    r"(?<!\w)(?:dose|doses|dosage|dosing|supplement(?:s|al|ing|ation)?|capsules?|tablets?|softgels?|gummies|servings?|"
    r"take|taken|taking|pills?)(?!\w)",
    _F,
)
# Describing the market, not advising a reader: "available in 500 mg capsules".
AVAILABILITY = lazy_regex(
    r"(?<!\w)(?:available\s+(?:in|as)|comes?\s+in|sold\s+(?:in|as)|(?:in|at)\s+strengths?\s+of|"
    r"(?:most|many|some|typical|common|standard)\s+(?:\w+\s+)?(?:supplements?|products?|multivitamins?|formulas?|brands?)\s+"
    r"(?:contain|provide|have|offer|deliver)s?)(?!\w)",
    _F,
)
DOSE_HEADER = lazy_regex(r"(?<!\w)(?:dose|doses|dosage|dosing|serving|take|supplement|per\s+capsule|how\s+much|amount\s+per)(?!\w)", _F)
STUDY = lazy_regex(
    r"(?<!\w)(?:stud(?:y|ies|ied)|trials?|participants?|subjects|patients|volunteers|researchers|investigators|"
    r"randomi[sz]ed|placebo|cohort|meta-?analys[ie]s|RCTs?|experiments?|enrolled|received|took|research|evidence|"
    r"scientists|found|showed|shown|reported|demonstrated|observed|"
    r"(?:was|were)\s{1,2}(?:given|administered|assigned|randomi[sz]ed|supplemented)|had\s+taken|in\s+(?:19|20)\d\d)(?!\w)",
    _F,
)
_INTAKE = lazy_regex(
    r"(?<!\w)(?:recommended\s+(?:dietary|daily)\s+(?:allowance|intake|amount|value)s?|dietary\s+(?:reference|allowance|intake|guidelines?)|"
    r"adequate\s+intake|daily\s+(?:value|requirement|needs?)|reference\s+(?:daily\s+|nutrient\s+)?intake|nutrient\s+reference|"
    r"intakes?|need(?:s|ed)?|require(?:s|d|ments?)?|should\s+(?:get|consume|eat|obtain)|get\s+enough|"
    r"from\s+(?:food|foods|your\s+diet|the\s+diet|diet|all\s+sources|foods?\s+and\s+supplements)|consum(?:e|es|ed|ing|ption))(?!\w)",
    _F,
)
# "The NIH recommends 310-420 mg a day": what health authorities recommend is total intake.
_AUTHORITY = lazy_regex(
    r"(?<!\w)(?:NIH|National\s+Institutes\s+of\s+Health|Office\s+of\s+Dietary\s+Supplements|Institute\s+of\s+Medicine|IOM|"
    r"National\s+Academ(?:y|ies)|Food\s+and\s+Nutrition\s+Board|USDA|Dietary\s+Guidelines|FDA|EFSA|NHS|World\s+Health\s+Organi[sz]ation)"
    r"(?!\w)"
)
_ACRONYM_INTAKE = lazy_regex(r"(?<!\w)(?:RDAs?|RDIs?|DRIs?|EARs?|AIs?|DVs?|%\s?DV|NRVs?|RNIs?)(?!\w)")
HARM = lazy_regex(
    r"(?<!\w)(?:(?:can|may|could|might|will|would|does|do)\s{1,2}(?:\w+\s{1,2})?(?:cause|lead\s+to|result\s+in|trigger|induce|"
    r"increase\s+(?:the\s+)?risk)|caus(?:e|es|ed|ing)|toxic(?:ity)?|overdos\w{0,5}|poison\w{0,5}|side\s+effects?|adverse|harm(?:ful)?|"
    r"danger\w{0,5}|diarrh\w{0,6}|nausea|neuropath\w{0,3}|hypervitaminosis|hypercalc\w{0,6}|hypermagnes\w{0,6}|kidney\s+stones?|"
    r"liver\s+(?:damage|injury|toxicity)|bleeding|too\s+much|excess(?:ive)?)(?!\w)",
    _F,
)
FOOD = lazy_regex(
    r"(?<!\w)(?:foods|cups?|ounces?|oz|spinach|almonds?|cashews?|peanuts?|nuts|seeds|beans|legumes|lentils|whole\s+grains|"
    r"avocados?|bananas?|dark\s+chocolate|milk|yog(?:h)?urt|cheese|salmon|tuna|sardines|oysters?|beef|chicken|"
    r"(?<!cod\s)liver(?!\s+(?:oil|damage|injury|toxicity|function|disease))|eggs?|oranges?|orange\s+juice|fruits?|vegetables?|broccoli|"
    r"bell\s+peppers?|kale|tofu|cereals?|bread|brazil\s+nuts?|seaweed|dairy|meat|fish(?!\s+oil)|shellfish|potato(?:es)?|"
    r"eat|eating|diet|dietary|sun(?:light|shine)?|sun\s+exposure|UVB|sunbathing)(?!\w)",
    _F,
)


def action_in(clause: str) -> bool:
    """Is there an instruction or recommendation to take something in this clause?"""
    clause = clause.strip()
    return bool(_IMPERATIVE.search(clause) or _MODAL.search(clause) or _RECOMMEND.search(clause))


def intake_cue(text: str) -> bool:
    """RDA, 'adults need', 'daily value', 'from food': a total-intake statement."""
    return bool(_INTAKE.search(text) or _ACRONYM_INTAKE.search(text) or _AUTHORITY.search(text))


def reference_cue(text: str) -> bool:
    """An intake reference or a limit: what a table column or a list lead-in may announce."""
    return intake_cue(text) or bool(LIMIT_WORDS.search(text) or ACRONYM_LIMIT.search(text))


@dataclass
class Group:
    """A different upper limit for one group of people (e.g. adults 51 and older), used when one of its patterns is found in the block."""

    label: str
    upper_limit: float
    when: list[regex.Pattern[str]]


@dataclass
class Limit:
    """One nutrient's tolerable upper intake level, with its source."""

    nutrient: str
    upper_limit: float
    unit: str
    scope: str
    applies_to: str
    iu_per_unit: float | None
    qualifiers: dict[str, float]
    exclude: list[regex.Pattern[str]]
    groups: list[Group]
    source: str
    url: str
    section: str
    checked: _dt.date
    names: regex.Pattern[str]

    def daily(self, dose: Dose) -> float | None:
        """The dose's daily maximum in this limit's unit; None when it cannot be converted."""
        value = convert(dose.daily_high, dose.amount.unit, self.unit, self.iu_per_unit)
        if value is None:
            return None
        if dose.amount.qualifier:
            value *= self.qualifiers.get(dose.amount.qualifier, 1.0)
        return value

    def upper_for(self, text: str, timeout: float) -> tuple[float, str]:
        """The UL that applies where text is said, and the group it is for ('' = all adults)."""
        best, label = self.upper_limit, ""
        for group in self.groups:
            if group.upper_limit < best and any(p.search(text, timeout=timeout) for p in group.when):
                best, label = group.upper_limit, group.label
        return best, label


@dataclass(frozen=True)
class Mention:
    """Where a document names a nutrient (or an ingredient without a limit)."""

    start: int
    end: int
    limit: Limit | None  # None: an ingredient without a UL here
    compound: bool = False  # "magnesium glycinate": the weight may be the compound's
    elemental: bool = False  # "elemental magnesium"


@dataclass
class Attribution:
    """Which mention an amount was taken to be of, and how it was decided."""

    limit: Limit | None
    mention: Mention | None
    how: str  # forward | backward | context | none


def _number(where: Where, key: str, value: Any, positive: bool = True) -> float:
    if positive and value <= 0:
        raise where.error(key, f"must be greater than 0, not {value!r}")
    return float(value)


class LimitChecker:
    def __init__(self, rule: Rule, ctx: CompileContext) -> None:
        options = rule.options
        self.rule_id = rule.id
        self.timeout = ctx.timeout
        self.blocks = set(options["blocks"])
        self.margin = _number(ctx.where, "margin", options["margin"], positive=False)
        if self.margin < 0:
            raise ctx.where.error("margin", "must not be negative")
        if not options["limits"]:
            raise ctx.where.error("limits", "needs at least one [[rule.limits]] entry")
        self.limits: list[Limit] = []
        name_sources: list[str] = []
        seen_names: dict[str, tuple[int, str]] = {}
        seen_nutrients: dict[str, int] = {}
        self.symbols: dict[str, Limit] = {}
        for index, table in enumerate(options["limits"]):
            where = ctx.where.sub("limits", index)
            limit, names = self._limit(table, where, ctx.terms)
            key = limit.nutrient.lower()
            if key in seen_nutrients:
                raise where.error("nutrient", f"{limit.nutrient!r} already has a limit (limits[{seen_nutrients[key]}])")
            seen_nutrients[key] = index
            for n, name in enumerate(names):
                folded = " ".join(name.lower().split())
                if folded in seen_names and seen_names[folded][0] != index:
                    other, nutrient = seen_names[folded]
                    raise where.error(("names", n), f"{name!r} already names {nutrient!r} (limits[{other}])")
                seen_names[folded] = (index, limit.nutrient)
                name_sources.append(phrase_to_regex(name))
            for n, symbol in enumerate(table.get("symbols", [])):
                if not re.fullmatch(r"[A-Z][a-z]?", symbol):
                    raise where.error(("symbols", n), f"{symbol!r} is not a chemical symbol like 'Mg' or 'Zn'")
                self.symbols[symbol] = limit
            self.limits.append(limit)
        # Longest first, so "calcium ascorbate" (vitamin C) wins over "calcium".
        name_sources.sort(key=len, reverse=True)
        self.find_names = compile_built(
            # Not "zinc-free" or "magnesium-rich": a hyphenated word is a different word.
            r"(?<![\w-])(?:" + "|".join(f"(?:{ctx.terms.expand(src)})" for src in name_sources) + r")(?!\w|-\w)",
            regex.IGNORECASE | regex.V0,
        )
        self.find_symbols = (
            compile_built(r"(?<!\d)(?<!\d\s)(?<![\w-])(?:" + "|".join(map(regex.escape, self.symbols)) + r")(?!\w)", 0)
            if self.symbols
            else None
        )
        self.find_others = compile_set(options["others"], [], ctx.terms, ctx.where, phrase_key="others") if options["others"] else None
        self.unless = [compile_one(p, ctx.terms, ctx.where, ("unless", i)) for i, p in enumerate(options["unless"])]
        self._sentence_starts: list[int] = []  # of the document being checked

    def _limit(self, table: dict[str, Any], where: Where, terms: Terms) -> tuple[Limit, list[str]]:
        values = check_fields(table, LIMIT_FIELDS, where)
        if not values["nutrient"].strip():
            raise where.error("nutrient", "must not be empty")
        if not values["names"]:
            raise where.error("names", "needs at least one name")
        for key in ("source", "section"):
            if not values[key].strip():
                raise where.error(key, "must not be empty")
        if not re.match(r"^https?://\S+$", values["url"]):
            raise where.error("url", f"must be an http(s) URL, not {values['url']!r}")
        upper = _number(where, "upper_limit", values["upper_limit"])
        iu = _number(where, "iu_per_unit", values["iu_per_unit"]) if values["iu_per_unit"] is not None else None
        qualifiers: dict[str, float] = {}
        for name, factor in values["qualifiers"].items():
            if name not in QUALIFIERS:
                raise where.error(("qualifiers", name), f"unknown label unit {name!r} (known: {', '.join(QUALIFIERS)})")
            if isinstance(factor, bool) or not isinstance(factor, (int, float)) or factor <= 0:
                raise where.error(("qualifiers", name), f"must be a number greater than 0, not {factor!r}")
            qualifiers[name] = float(factor)
        groups = []
        for g, group_table in enumerate(values["groups"]):
            group_where = where.sub("groups", g)
            group = check_fields(group_table, GROUP_FIELDS, group_where)
            when = [compile_one(p, terms, group_where, ("when", i)) for i, p in enumerate(group["when"])]
            groups.append(Group(group["label"], _number(group_where, "upper_limit", group["upper_limit"]), when))
        names_re = [compile_one(phrase_to_regex(n), terms, where, ("names", i)) for i, n in enumerate(values["names"])]
        exclude = [compile_one(p, terms, where, ("exclude", i)) for i, p in enumerate(values["exclude"])]
        scope_text = "from supplements" if values["scope"] == "supplemental" else "from food and supplements together"
        limit = Limit(
            nutrient=values["nutrient"].strip(),
            upper_limit=upper,
            unit=values["unit"],
            scope=values["scope"],
            applies_to=(values["applies_to"] or scope_text).strip(),
            iu_per_unit=iu,
            qualifiers=qualifiers,
            exclude=exclude,
            groups=groups,
            source=values["source"].strip(),
            url=values["url"],
            section=values["section"],
            checked=values["checked"],
            names=compile_built(
                r"(?:" + alternation([p.pattern for p in names_re]) + r")", regex.IGNORECASE | regex.V0
            ),
        )
        return limit, values["names"]

    # --- finding what an amount is of -------------------------------------------

    def _limit_of(self, name: str) -> Limit | None:
        for limit in self.limits:
            if limit.names.fullmatch(name, timeout=self.timeout):
                return limit
        return None

    def mentions(self, text: str, lo: int, hi: int) -> list[Mention]:
        found: list[Mention] = []
        for m in self.find_names.finditer(text, lo, hi, timeout=self.timeout):
            limit = self._limit_of(m.group(0))
            found.append(self._mention(text, m.start(), m.end(), limit, hi))
        if self.find_symbols is not None:
            for m in self.find_symbols.finditer(text, lo, hi, timeout=self.timeout):
                found.append(self._mention(text, m.start(), m.end(), self.symbols[m.group(0)], hi))
        if self.find_others is not None:
            taken = [(f.start, f.end) for f in found]
            for m in self.find_others.finditer(text, lo, hi, timeout=self.timeout):
                if not any(s < m.end() and m.start() < e for s, e in taken):
                    found.append(Mention(m.start(), m.end(), None))
        found.sort(key=lambda f: f.start)
        return found

    def _mention(self, text: str, start: int, end: int, limit: Limit | None, hi: int) -> Mention:
        compound = bool(SALT_IN.search(text, start, end)) or bool(SALT_AFTER.match(text, end, hi))
        elemental = bool(ELEMENTAL_BEFORE.search(text, max(0, start - 30), start))
        return Mention(start, end, limit, compound and not elemental, elemental)

    def attribute(self, doc: Document, sentence: Unit, amounts: list[Amount], mentions: list[Mention]) -> list[Attribution]:
        text = doc.text
        result: list[Attribution] = [Attribution(None, None, "none") for _ in amounts]
        chains: list[list[int]] = []
        for i, amount in enumerate(amounts):
            if chains and COORDINATED.fullmatch(text, amounts[chains[-1][-1]].end, amount.start):
                chains[-1].append(i)
            else:
                chains.append([i])
        context: list[Mention | None] = []  # looked up once, when first needed
        for chain in chains:
            first, last = amounts[chain[0]], amounts[chain[-1]]
            attribution = self._forward(text, last, mentions, sentence.end)
            if attribution is None:
                attribution = self._backward(text, first, mentions, sentence.start)
            if attribution is None:
                if not context:
                    context.append(self._context(doc, sentence))
                mention = context[0]
                attribution = Attribution(mention.limit if mention else None, mention, "context" if mention else "none")
            for i in chain:
                result[i] = attribution
        return result

    def _forward(self, text: str, amount: Amount, mentions: list[Mention], hi: int) -> Attribution | None:
        for mention in mentions:
            if mention.start < amount.end:
                continue
            if mention.start - amount.end <= 60 and FORWARD_GAP.fullmatch(text, amount.end, mention.start):
                return Attribution(mention.limit, mention, "forward")
            break
        # "500 mg of passionflower": an amount of something this rule does not know.
        of = OF_SOMETHING.match(text, amount.end, hi)
        if of is not None and not TRANSPARENT_WORD.fullmatch(of.group("word")):
            return Attribution(None, None, "unknown")
        return None

    def _backward(self, text: str, amount: Amount, mentions: list[Mention], lo: int) -> Attribution | None:
        # "K2 (100 mcg)" or "Passionflower: 500 mg": the word before the bracket owns the amount.
        owner = OWNER_BEFORE.search(text, max(lo, amount.start - 60), amount.start)
        if owner is not None and owner.group("sep") != "(" and not LABEL_START.fullmatch(text, lo, owner.start("word")):
            owner = None
        if owner is not None:
            word_end = owner.end("word")
            for mention in mentions:
                if mention.end == word_end:
                    return Attribution(mention.limit, mention, "backward")
            if not TRANSPARENT_WORD.fullmatch(owner.group("word")):
                return Attribution(None, None, "unknown")
        before = [m for m in mentions if m.end <= amount.start]
        if before:
            return Attribution(before[-1].limit, before[-1], "backward")
        return None

    def _single_topic(self, text: str, lo: int, hi: int) -> Mention | None | bool:
        """The one nutrient text[lo:hi] is about; None if none is named, False if several are."""
        found = self.mentions(text, lo, hi)
        if not found:
            return None
        limits = {id(m.limit) for m in found}
        if len(limits) > 1 or found[0].limit is None:
            return False
        return found[-1]

    def _context(self, doc: Document, sentence: Unit) -> Mention | None:
        """A sentence that names no nutrient: the one named just before (sentence, list lead-in, table row)."""
        text = doc.text
        index = bisect_right(self._sentence_starts, sentence.start) - 1
        block = doc.block_of(sentence.start)
        for back in range(1, 4):
            if index - back < 0:
                break
            previous = doc.sentences[index - back]
            if block is None or previous.start < block.start:
                break
            topic = self._single_topic(text, previous.start, previous.end)
            if topic is not None:
                return topic if isinstance(topic, Mention) else None
        if block is None:
            return None
        if block.kind == "table-cell":
            row = table_row(doc, block)
            if row is not None:
                for cell in reversed(row.cells_before):
                    topic = self._single_topic(text, cell.start, cell.end)
                    if topic is not None:
                        return topic if isinstance(topic, Mention) else None
            return None
        if block.kind == "list-item":
            lead = lead_in(doc, block)
            if lead is not None:
                topic = self._single_topic(text, lead.start, lead.end)
                return topic if isinstance(topic, Mention) else None
        return None

    # --- is it a recommended dose? ---------------------------------------------

    def excuse(self, doc: Document, sentence: Unit, amount: Amount, limit: Limit, attribution: Attribution) -> str | None:
        """Why this amount is not a recommended supplement dose (None: it is one)."""
        text = doc.text
        said = text[sentence.start : sentence.end]
        for pattern in self.unless:
            if pattern.search(said, timeout=self.timeout):
                return "unless"
        for pattern in limit.exclude:
            if pattern.search(said, timeout=self.timeout):
                return "excluded form"
        reason = context_excuse(text, sentence.start, sentence.end, amount.start, amount.end)
        if reason:
            return reason
        block = doc.block_of(sentence.start)
        if block is not None and block.kind in ("list-item", "table-cell"):
            return self._block_excuse(doc, block, attribution)
        return None

    def _block_excuse(self, doc: Document, block: Unit, attribution: Attribution) -> str | None:
        text = doc.text
        if block.kind == "table-cell":
            row = table_row(doc, block)
            header = text[row.header.start : row.header.end] if row is not None and row.header is not None else ""
            if header and reference_cue(header):
                return "intake or limit column"
            # A bare number in a table is a dose only under a column that says so.
            if attribution.how == "context" and not DOSE_HEADER.search(header):
                return "table column is not a dose"
            return None
        lead = lead_in(doc, block)
        if lead is not None and reference_cue(text[lead.start : lead.end]):
            return "list of intake or limit values"
        return None

    def check(self, doc: Document) -> Iterator[Hit]:
        try:
            yield from self._check(doc)
        except TimeoutError:  # a rule author's name, `unless` or `when` regex ran away
            raise RegexTimeout(self.rule_id, self.timeout) from None

    def _check(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        self._sentence_starts = [s.start for s in doc.sentences]
        for sentence in doc.sentences:
            if self.blocks and sentence.kind not in self.blocks:
                continue
            amounts = find_amounts(text, sentence.start, sentence.end)
            if not amounts:
                continue
            mentions = self.mentions(text, sentence.start, sentence.end)
            attributions = self.attribute(doc, sentence, amounts, mentions)
            # Coordinated amounts share one Attribution ("50 mcg (2,000 IU)", "400 mg (men) and
            # 310 mg (women)"): one finding per group, for the amount furthest above its UL.
            best: dict[int, tuple[float, Hit]] = {}
            for index in range(len(amounts)):
                found = self._over_limit(doc, sentence, amounts, mentions, attributions, index)
                if found is None:
                    continue
                key = id(attributions[index])
                if key not in best or found[0] > best[key][0]:
                    best[key] = found
            for _, hit in sorted(best.values(), key=lambda item: item[1].start):
                yield hit

    def _over_limit(
        self,
        doc: Document,
        sentence: Unit,
        amounts: list[Amount],
        mentions: list[Mention],
        attributions: list[Attribution],
        index: int,
    ) -> tuple[float, Hit] | None:
        """(how far above its UL, the finding) for amounts[index], or None when it is fine."""
        text = doc.text
        amount, attribution = amounts[index], attributions[index]
        limit = attribution.limit
        if limit is None or self._compound_weight(text, sentence, amounts, mentions, attributions, index):
            return None
        after_end = self._window_end(amounts, attributions, index, sentence.end)
        dose = read_dose(
            text, amount, sentence.start, sentence.end,
            after_end=min(after_end, amount.end + 120),
            before_start=sentence.start if index == 0 else None,
        )
        daily = limit.daily(dose)
        if daily is None:
            return None
        block = doc.block_of(sentence.start)
        upper, group = limit.upper_for(text[block.start if block else sentence.start : sentence.end], self.timeout)
        if daily <= upper * (1 + self.margin):
            return None
        if self.excuse(doc, sentence, amount, limit, attribution):
            return None
        # The finding covers the amount, its count and frequency, and "of <nutrient>" after it.
        end = dose.end
        if attribution.how == "forward" and attribution.mention is not None:
            end = max(end, attribution.mention.end)
        values = message_values(text, dose.start, end, dose, limit, daily, upper, group)
        mention = attribution.mention
        if mention is not None and mention.compound:
            form = " ".join(text[mention.start : mention.end].split())
            values["note"] = f"; if {amount.text} is the weight of the {form}, the elemental {limit.nutrient} is less"
        return daily / upper, Hit(dose.start, end, extra=values)

    def _compound_weight(
        self,
        text: str,
        sentence: Unit,
        amounts: list[Amount],
        mentions: list[Mention],
        attributions: list[Attribution],
        index: int,
    ) -> bool:
        """'1,000 mg magnesium glycinate' when the sentence is about elemental amounts or labels."""
        attribution = attributions[index]
        mention, limit = attribution.mention, attribution.limit
        if mention is None or ELEMENTAL_AFTER.match(text, amounts[index].end, sentence.end):
            return False
        about_elements = ELEMENTAL_CONTEXT.search(text, sentence.start, sentence.end) is not None
        if not mention.compound:
            if not about_elements or not any(m.compound and m.limit is limit for m in mentions):
                return False
            # "Magnesium oxide is 60% elemental magnesium, so a 500 mg tablet gives 300 mg": an amount
            # not tied to the elemental name may be the salt's weight...
            if attribution.how != "forward":
                return True
            # ...and "500 mg of zinc gluconate gives 70 mg of elemental zinc" explains a label, unless
            # the sentence tells the reader to take it or calls it the dose.
            said = text[sentence.start : sentence.end]
            return not (action_in(said) or DOSE_PHRASE.search(said))
        if about_elements:
            return True
        return any(
            a.limit is limit and a.mention is not None and not a.mention.compound
            for j, a in enumerate(attributions)
            if j != index
        )

    @staticmethod
    def _window_end(amounts: list[Amount], attributions: list[Attribution], index: int, end: int) -> int:
        """A frequency after an amount belongs to it until an amount of something else."""
        mine = attributions[index].limit
        for j in range(index + 1, len(amounts)):
            if attributions[j].limit is not mine:
                return amounts[j].start
        return end


# --- block structure: table rows and list lead-ins ------------------------------------


@dataclass
class Row:
    """A table cell's context: its column's header and the cells before it in its row."""

    header: Unit | None  # the header cell of this cell's column
    cells_before: list[Unit] = field(default_factory=list)  # cells left of it in its row


def _block_index(doc: Document, block: Unit) -> int:
    return bisect_right([b.start for b in doc.blocks], block.start) - 1


def table_row(doc: Document, cell: Unit) -> Row | None:
    """The header and left-hand cells of a table cell.

    Documents keep table cells as a flat run of blocks. Rows are read from the source:
    cells on one line are one row and the first row is the header (Markdown, and HTML
    written a row a line). A table written on a single line falls back to counting
    columns up to the first cell holding a number, taken as a data row's second cell.
    """
    i = _block_index(doc, cell)
    start = i
    while start > 0 and doc.blocks[start - 1].kind == "table-cell":
        start -= 1
    end = i
    while end + 1 < len(doc.blocks) and doc.blocks[end + 1].kind == "table-cell":
        end += 1
    run = doc.blocks[start : end + 1]
    rows: dict[int, list[Unit]] = {}
    for unit in run:
        rows.setdefault(doc.line_col(doc.source_offset(unit.start))[0], []).append(unit)
    if len(rows) > 1:
        header = next(iter(rows.values()))
        row = rows[doc.line_col(doc.source_offset(cell.start))[0]]
        column = row.index(cell)
        return Row(header[column] if column < len(header) and row is not header else None, row[:column])
    columns = 0
    for k, unit in enumerate(run):
        if HAS_DIGIT.search(doc.text, unit.start, unit.end):
            columns = k - 1  # the number's row began one cell earlier (its name column)
            break
    if columns < 1:
        return Row(None, list(run[: i - start]))
    position = i - start
    column = position % columns
    row_start = position - column
    return Row(run[column], list(run[row_start:position]))


def lead_in(doc: Document, item: Unit) -> Unit | None:
    """The paragraph or heading that introduces the list an item belongs to."""
    i = _block_index(doc, item)
    while i > 0 and doc.blocks[i - 1].kind == "list-item":
        i -= 1
    if i > 0 and doc.blocks[i - 1].kind in ("paragraph", "heading"):
        return doc.blocks[i - 1]
    return None


# --- context tests (pure functions of the prose, tested on their own) ----------------


def clause_bounds(text: str, lo: int, hi: int, start: int, end: int) -> tuple[int, int]:
    """The clause of text[lo:hi] around [start, end): cut at ; : dashes and but/although/while..."""
    clause_lo, clause_hi = lo, hi
    for m in CLAUSE_BREAK.finditer(text, lo, start):
        clause_lo = m.end()
    m = CLAUSE_BREAK.search(text, end, hi)
    if m is not None:
        clause_hi = m.start()
    return clause_lo, clause_hi


def context_excuse(text: str, lo: int, hi: int, start: int, end: int) -> str | None:
    """Why the amount at text[start:end] in the sentence text[lo:hi] is not a recommended dose."""
    sentence = text[lo:hi]
    if sentence.rstrip().rstrip("\"')]").endswith("?"):
        return "question"
    clause_lo, clause_hi = clause_bounds(text, lo, hi, start, end)
    clause = text[clause_lo:clause_hi]
    before = text[max(clause_lo, start - 40) : start]
    if THRESHOLD_BEFORE.search(before):
        return "threshold"
    if LIMIT_WORDS.search(clause) or ACRONYM_LIMIT.search(clause):
        return "upper limit"
    if negated(text, clause_lo, start):
        return "negated"
    if JUDGED_AFTER.match(text, end, min(clause_hi, end + 80)):
        return "judged excessive"
    if SUPERVISION.search(sentence):
        return "medical supervision"
    if BODY.search(sentence):
        return "body content"
    # "Adults should aim for 310 to 420 mg a day, depending on age and sex": amounts by sex or
    # age with no word of dosing are the RDA table retold.
    if DEMOGRAPHIC.search(sentence) and not DOSING_WORD.search(sentence):
        return "intake reference"
    if action_in(clause):
        return None  # an instruction to take it outweighs the softer readings below
    if STUDY.search(sentence):
        return "study dose"
    if intake_cue(sentence):
        return "intake reference"
    if AVAILABILITY.search(sentence) and not action_in(sentence):
        return "what products contain"
    if DOSE_PHRASE.search(clause):
        return None
    if HARM.search(sentence):
        return "harm statement"
    if FOOD.search(sentence):
        return "food content"
    return None


# --- the message -------------------------------------------------------------------------


def _with_unit(value: float, unit: str) -> str:
    return f"{format_amount(value)} {UNIT_LABEL.get(unit, unit)}"


def message_values(
    text: str, start: int, end: int, dose: Dose, limit: Limit, daily: float, upper: float, group: str
) -> dict[str, Any]:
    amount = dose.amount
    written_daily = dose.daily_high
    qualifier = f" {amount.qualifier}" if amount.qualifier else ""
    daily_text = f"{_with_unit(written_daily, amount.unit)}{qualifier}/day"
    if amount.unit != limit.unit or (qualifier and daily != written_daily):
        daily_text += f" ({_with_unit(daily, limit.unit)})"
    limit_text = f"{_with_unit(upper, limit.unit)}/day"
    if amount.unit == "iu" and limit.iu_per_unit:
        limit_text += f" ({_with_unit(upper * limit.iu_per_unit, 'iu')})"
    how = ""
    if dose.units != 1 or dose.per_day != 1:
        parts = _with_unit(amount.high, amount.unit)
        if dose.units != 1:
            parts = f"{format_amount(dose.units)} x {parts}"
        freq = dose.frequency
        if freq is not None and not freq.split:
            if freq.period_days == 1 and freq.times != 1:
                parts += f" x {format_amount(freq.times)} a day"
            elif freq.period_days == 1:
                pass
            else:
                parts += f", {' '.join(freq.text.split())}"
        how = f" ({parts})"
    return {
        "match": shorten(text[start:end]),
        "amount": amount.text,
        "daily": daily_text,
        "how": how,
        "nutrient": limit.nutrient,
        "limit": limit_text,
        "applies": limit.applies_to,
        "scope": limit.scope,
        "group": f" for {group}" if group else "",
        "source": limit.source,
        "url": limit.url,
        "note": "",
    }


def compile(rule: Rule, ctx: CompileContext) -> LimitChecker:
    return LimitChecker(rule, ctx)
