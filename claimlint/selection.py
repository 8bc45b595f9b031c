"""Which rules run, and at what severity: select / extend-select / ignore / severity / profile."""
from __future__ import annotations

from claimlint.errors import ClaimlintError
from claimlint.findings import CATEGORIES
from claimlint.rules import Rule
from claimlint.rulesets import Ruleset


def _matches(selector: str, rule: Rule) -> bool:
    return selector in ("ALL", rule.id, rule.ruleset, rule.category)


def _check_known(selectors: list[str], rules: list[Rule], option: str) -> None:
    known = {"ALL", *CATEGORIES} | {r.id for r in rules} | {r.ruleset for r in rules}
    for selector in selectors:
        if selector not in known:
            raise ClaimlintError(f"{option}: unknown rule, ruleset or category {selector!r} (see `claimlint rules`)")


def select_rules(
    rulesets: list[Ruleset],
    *,
    select: list[str],
    extend_select: list[str],
    ignore: list[str],
    severity: dict[str, str],
    profile: str,
) -> list[Rule]:
    rules = [rule for ruleset in rulesets for rule in ruleset.rules]
    _check_known(select, rules, "select")
    _check_known(extend_select, rules, "extend-select")
    _check_known(ignore, rules, "ignore")
    _check_known(list(severity), rules, "severity")
    active: list[Rule] = []
    for rule in rules:
        chosen = any(_matches(s, rule) for s in select) if select else rule.default
        chosen = chosen or any(_matches(s, rule) for s in extend_select)
        if not chosen or any(_matches(s, rule) for s in ignore) or profile not in rule.profiles:
            continue
        level = _override(rule, severity)
        if level == "off":
            continue
        if level is not None:
            rule.severity = level
        active.append(rule)
    return active


def _override(rule: Rule, severity: dict[str, str]) -> str | None:
    # The most specific selector wins: rule id, then ruleset, then category, then ALL.
    for selector in (rule.id, rule.ruleset, rule.category, "ALL"):
        if selector in severity:
            return severity[selector]
    return None
