"""kind = "fact": a named figure, compared with its sources and across documents.

A fact rule names one figure (``fact = "magnesium.reactions"``) and gives patterns that
extract it from text, in the ways writers state numbers: "over 300", "300+", "more than
three hundred", "hundreds of" (vague: listed, never compared), "60%", "six in ten",
"nearly half", "400-420 mg", "1,000", "1.5 g". Patterns use named groups:

``value``       the number (digits or words, or a fraction word: "half", "a third")
``high``        the end of a range ("400-420 mg")
``qualifier``   "over", "up to", "nearly", ... (shown, not used to compare)
``plus``        a trailing "+" ("300+")
``num``/``den`` "six in ten" (a share)
``unit``        the written unit, converted with the rule's ``units`` table
``vague``       "hundreds of": recorded for the inventory, never compared

and four built-in terms: ``{{number}}``, ``{{approx}}`` (over, more than, nearly, up to,
...), ``{{amount}}`` (qualifier, number or range, "+") and ``{{share}}`` (a percentage,
"six in ten" or a fraction word, with its qualifier), plus ``{{vague}}``.

The figure's sourced values are ``[[rule.accepted]]`` tables (value, optional high end,
tolerance, label, source, url, section, checked). Several accepted values mean that
several figures are legitimately sourced (300 "enzyme systems" and 600 "enzymatic
reactions"): a finding is then about inconsistency, not truth.

Findings (only in the files being linted):

* a value outside every accepted value (even in a single document); the message names
  the source;
* with ``compare = "corpus"`` (default) values that disagree across documents or within
  one, with ``compare = "document"`` only within one, with ``"none"`` never. Values
  agree when they lie within ``tolerance`` of each other. The outliers are reported
  against the figure most documents give; when no figure has a majority, every side is
  reported. The sources break ties and outrank a majority: when some figures are
  accepted and others are not, only the others are reported.

Every finding names the other figures and where they are (``related``).
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from typing import Any

import regex

from claimlint.casefold import fold_case
from claimlint.document import Document
from claimlint.findings import Finding, Related
from claimlint.kinds.base import CompileContext
from claimlint.kinds.claim import (
    RELATED_LIMIT,
    SCOPES,
    Mentions,
    check_dotted,
    fingerprint,
    flags_for,
    location_record,
    make_finding,
    places,
    plural,
    resolve_subject,
)
from claimlint.matching import MATCH_FIELDS, Matcher, format_message, shorten
from claimlint.numbers import DIGITS, WORD_NUMBER, parse_number
from claimlint.patterns import LazyPattern, Terms, compile_set, lazy_regex
from claimlint.rules import Rule
from claimlint.schema import Field, Where, check_fields
from claimlint.superset import accelerated

NAME = "fact"
EXTRACT_VERSION = 1

_FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3, "two thirds": 2 / 3,
    "a quarter": 0.25, "one quarter": 0.25, "three quarters": 0.75, "a fifth": 0.2, "one fifth": 0.2,
    "two fifths": 0.4, "three fifths": 0.6, "four fifths": 0.8,
}
_FRACTION_RE = (
    r"(?:(?:a|one)[\s-]+(?:half|third|quarter|fifth)|half|two[\s-]+thirds|three[\s-]+quarters|"
    r"(?:two|three|four)[\s-]+fifths)(?!\w)"
)
_APPROX = [
    "over", "more than", "greater than", "in excess of", "upwards of", "upward of", "at least", "nearly", "almost",
    "about", "around", "approximately", "roughly", "up to", "as many as", "as much as", "close to", "some",
    "an estimated", "estimated", "just over", "well over", "just under", "under", "less than", "fewer than",
    "below", "at most", "no more than", "no less than", "only", "re:approx\\.?", "re:~", "re:>", "re:<",
]
_NUMBER = rf"(?<![\w.,])(?:(?:{DIGITS})(?![\d]|[.,]\d)|{WORD_NUMBER}(?!\w))"
BUILTIN_TERMS: dict[str, list[str]] = {
    "number": ["re:" + _NUMBER],
    "approx": _APPROX,
    "vague": ["re:(?P<vague>(?:many\\s+|several\\s+)?hundreds|several\\s+hundred|thousands|dozens)(?!\\w)"],
    "amount": [
        ("re:(?:(?<!\\w)(?:(?P<between>between)|(?P<qualifier>{{approx}}))\\s*)?(?P<value>{{number}})"
        "(?:\\s*(?:-|to)\\s*(?P<high>{{number}})|(?(between)\\s+and\\s+(?P<high>{{number}})))?(?P<plus>\\s?\\+)?")
    ],
    "share": [
        "re:(?:(?<!\\w)(?P<qualifier>{{approx}})\\s*)?(?:"
        "(?P<value>{{number}})(?:\\s*(?:-|to)\\s*(?P<high>{{number}}))?\\s*(?:%|percent(?!\\w)|per\\s+cent(?!\\w))"
        "|(?P<num>{{number}})\\s+(?:in|out\\s+of)\\s+(?P<den>{{number}})"
        "|(?P<value>" + _FRACTION_RE + "))"
    ],
}
_VALUE_GROUPS = ("value", "num", "vague")
_GROUP_NAME = lazy_regex(r"(?<!\\)\(\?P?<([A-Za-z_]\w*)>")
# Every figure has a digit or a number word: other sentences are not searched.
_TRIGGER = lazy_regex(
    r"\d|(?<!\w)(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty|hundreds?|"
    r"thousands?|millions?|dozens?|half|thirds?|quarters?|fifths?)(?!\w)",
    regex.IGNORECASE,
)

ACCEPTED_FIELDS = {
    "value": Field("number", required=True, doc="the sourced figure (in `unit`, default the rule's unit)"),
    "high": Field("number", doc="the end of a sourced range"),
    "unit": Field("str", doc="a unit of the rule's `units` table (default: the rule's unit)"),
    "tolerance": Field("number", doc="how far a stated value may be from this one (default: the rule's tolerance)"),
    "label": Field("str", default="", doc="what the figure counts or who it is for, e.g. 'enzyme systems', 'men 31+'"),
    "source": Field("str", required=True, doc="title of the source"),
    "url": Field("str", required=True),
    "section": Field("str"),
    "checked": Field("date", doc="when the figure was last checked against the source"),
}

FIELDS = dict(MATCH_FIELDS)
FIELDS.update(
    {
        "fact": Field("str", required=True, doc="dotted name of the figure, e.g. magnesium.reactions"),
        "unit": Field("str", required=True, doc="the canonical unit: '%', 'mg', 'IU', 'reactions'"),
        "noun": Field("str", doc="shown after the number in messages (default: the unit; nothing for '%')"),
        "units": Field("table", default={}, doc="{ written unit = factor to the canonical unit }, e.g. { g = 1000, mg = 1 }"),
        "tolerance": Field("number", default=0, doc="values within this of each other agree"),
        "compare": Field("choice", default="corpus", choices=("corpus", "document", "none"), doc="where disagreements are looked for"),
        "accepted": Field("table-list", default=[], doc="the sourced values (see the module documentation)"),
        "subject": Field("str-list", default=[], doc="phrases naming what the figure is about (e.g. magnesium)"),
        "others": Field("str-list", default=[], doc="phrases naming other subjects: a figure stated about one of them is skipped"),
        "subject_scope": Field("choice", default="block", choices=SCOPES, doc="a sentence naming no subject may take it from its block or the document"),
    }
)


def _norm(text: str) -> str:
    return " ".join(fold_case(text).replace("-", " ").split())


def parse_value(text: str) -> tuple[float | None, bool]:
    """(value, is_fraction) for a number or fraction word."""
    norm = _norm(text)
    if norm in _FRACTIONS:
        return _FRACTIONS[norm], True
    return parse_number(text.replace("-", " ") if not re.search(r"\d", text) else text), False


def fmt(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


class Accepted:
    def __init__(self, value: float, high: float | None, tolerance: float, label: str, source: str, url: str,
                 section: str | None, checked: _dt.date | None) -> None:
        self.value, self.high, self.tolerance = value, high, tolerance
        self.label, self.source, self.url, self.section, self.checked = label, source, url, section, checked

    def covers(self, value: float) -> bool:
        top = self.high if self.high is not None else self.value
        return self.value - self.tolerance - 1e-9 <= value <= top + self.tolerance + 1e-9

    def cite(self) -> str:
        parts = [self.source]
        if self.section:
            parts.append(self.section)
        if self.checked:
            parts.append(f"checked {self.checked.isoformat()}")
        return ", ".join(parts)


class FactChecker:
    def __init__(self, rule: Rule, ctx: CompileContext) -> None:
        options = rule.options
        where = ctx.where
        self.rule_id = rule.id
        self.timeout = ctx.timeout
        self.fact = check_dotted(options["fact"], "fact", where)
        self.unit = options["unit"].strip()
        if not self.unit:
            raise where.error("unit", "must not be empty")
        noun = options["noun"]
        self.noun = noun.strip() if noun is not None else ("" if self.unit == "%" else self.unit)
        self.units: dict[str, float] = {}
        for written, factor in options["units"].items():
            if isinstance(factor, bool) or not isinstance(factor, (int, float)) or factor <= 0:
                raise where.error(("units", written), f"must be a positive number (the factor to {self.unit}), not {factor!r}")
            self.units[_norm(written)] = float(factor)
        self.units.setdefault(_norm(self.unit), 1.0)
        tolerance = options["tolerance"]
        if tolerance < 0:
            raise where.error("tolerance", "must not be negative")
        self.tolerance = float(tolerance)
        self.compare_mode = options["compare"]
        self.accepted = [self._accepted(item, where.sub("accepted", i)) for i, item in enumerate(options["accepted"])]
        terms = Terms(BUILTIN_TERMS, ctx.terms)
        self.matcher = Matcher(options, terms, where, rule.id, ctx.timeout)
        assert self.matcher.find is not None
        find = self.matcher.find
        # A bundled pattern is compiled on first use: read its group names from the source.
        names = find.groupindex if not isinstance(find, LazyPattern) else set(_GROUP_NAME.findall(find.pattern))
        if not any(name in names for name in _VALUE_GROUPS):
            raise where.error(
                "patterns", "needs a (?P<value>...) group: use {{amount}}, {{share}} or {{vague}}, or name the number's group 'value'"
            )
        flags = flags_for(options)
        self.subject = compile_set(options["subject"], [], ctx.terms, where, phrase_key="subject", flags=flags)
        self.others = compile_set(options["others"], [], ctx.terms, where, phrase_key="others", flags=flags)
        for pattern in (self.subject, self.others):
            if pattern is not None:
                # Known from now on, like the matcher's own: `python -m claimlint.prefilter`
                # ships their analyses (a run analysed them afresh, ~8 ms, on first use).
                accelerated(pattern)
        self.scope = options["subject_scope"]
        m = self.matcher
        self.fingerprint = fingerprint(
            NAME, EXTRACT_VERSION, {k: v for k, v in options.items() if k not in ("accepted", "tolerance", "compare")},
            [m.find, *m.unless, *m.unless_before, *m.unless_after, *m.requires, self.subject, self.others],
        )

    def _accepted(self, item: dict[str, Any], where: Where) -> Accepted:
        values = check_fields(item, ACCEPTED_FIELDS, where)
        if not re.match(r"^https?://\S+$", values["url"]):
            raise where.error("url", f"must be an http(s) URL, not {values['url']!r}")
        factor = 1.0
        if values["unit"] is not None:
            if _norm(values["unit"]) not in self.units:
                raise where.error("unit", f"unknown unit {values['unit']!r} (add it to the rule's `units`)")
            factor = self.units[_norm(values["unit"])]
        # A tolerance written here is in the entry's unit; the rule's is already canonical.
        if values["tolerance"] is None:
            tolerance = self.tolerance
        elif values["tolerance"] < 0:
            raise where.error("tolerance", "must not be negative")
        else:
            tolerance = float(values["tolerance"]) * factor
        value = float(values["value"]) * factor
        high = float(values["high"]) * factor if values["high"] is not None else None
        if high is not None and high < value:
            raise where.error("high", "must not be below 'value'")
        return Accepted(value, high, tolerance, values["label"], values["source"], values["url"], values["section"], values["checked"])

    # Per document -----------------------------------------------------------

    def check(self, doc: Document) -> Iterator[Any]:  # corpus kinds report only through compare()
        return iter(())

    def extract(self, doc: Document) -> list[dict[str, Any]]:
        mentions = None
        if self.subject is not None:
            mentions = Mentions.find(doc, self.subject, self.others, self.rule_id, self.timeout)
            if not mentions.has_subject:
                return []
        records = []
        for m in self._matches(doc):
            if mentions is not None:
                sentence = doc.sentence_of(m.start())
                if sentence is None:
                    continue
                about, _ = resolve_subject(doc, mentions, sentence, m.start(), m.end(), self.scope, elliptical_only=False)
                if about is None:
                    continue
            record = self._record(m)
            if record is not None:
                record.update(location_record(doc, m.start(), m.end()))
                records.append(record)
        return records

    def _matches(self, doc: Document) -> Iterator[regex.Match[str]]:
        """Matcher.matches(doc), sentence by sentence, skipping cheaply the sentences that
        the prefilter rules out, hold no number or lack a sentence-scoped `requires`."""
        matcher = self.matcher
        find = matcher.find
        assert find is not None
        text = doc.text
        units = doc.sentences if matcher.within == "sentence" else doc.blocks
        early = matcher.requires if matcher.requires_scope == "sentence" and matcher.within == "sentence" else []
        chosen = matcher.prefilter.units(text, doc.unit_starts(matcher.within), units)
        for unit in units if chosen is None else chosen:
            if matcher.blocks and unit.kind not in matcher.blocks:
                continue
            if _TRIGGER.search(text, unit.start, unit.end) is None:
                continue
            if any(matcher._search(p, text, unit.start, unit.end) is None for p in early):
                continue
            pos = unit.start
            while pos < unit.end:
                m = matcher._search(find, text, pos, unit.end)
                if m is None:
                    break
                pos = max(m.end(), m.start() + 1)
                if m.end() == m.start():
                    continue
                if matcher.accept(doc, m, doc.sentence_of(m.start()) or unit):
                    yield m

    def _record(self, m: regex.Match[str]) -> dict[str, Any] | None:
        groups = {k: v for k, v in m.groupdict().items() if v}
        qualifier = " ".join(fold_case(groups.get("qualifier", groups.get("between", ""))).split())
        base = {"fact": self.fact, "unit": self.unit, "qualifier": qualifier or None, "value": None, "high": None, "vague": False}
        if "vague" in groups:
            base.update(vague=True, shown=" ".join(fold_case(groups["vague"]).split()) + (f" of {self.noun}" if self.noun else ""))
            return base
        factor = 1.0
        if "unit" in groups:
            factor = self.units.get(_norm(groups["unit"]), 0.0)
            if not factor:
                return None  # a unit the rule does not know cannot be compared
        if "num" in groups and "den" in groups:
            num, _ = parse_value(groups["num"])
            den, _ = parse_value(groups["den"])
            if num is None or not den:
                return None
            value, high = num / den * (100 if self.unit == "%" else 1), None
        else:
            if "value" not in groups:
                return None
            parsed_value, fraction = parse_value(groups["value"])
            if parsed_value is None:
                return None
            value = parsed_value * (100 if fraction and self.unit == "%" else 1) * factor
            high = None
            if "high" in groups:
                parsed, _ = parse_value(groups["high"])
                if parsed is not None:
                    high = parsed * factor
                    if high < value:
                        value, high = high, value
        base.update(value=value, high=high, shown=self.show(value, high, qualifier, "plus" in groups))
        return base

    def show(self, value: float, high: float | None, qualifier: str = "", plus: bool = False, noun: bool = True) -> str:
        number = fmt(value) if high is None or abs(high - value) < 1e-9 else f"{fmt(value)}-{fmt(high)}"
        if self.unit == "%":
            number += "%"
        if plus:
            number += "+"
        text = f"{qualifier} {number}" if qualifier and qualifier != "between" else number
        if noun and self.noun:
            text += f" {self.noun}"
        return text

    # Across documents --------------------------------------------------------

    def _ok(self, record: dict[str, Any]) -> bool:
        if not self.accepted:
            return True
        ends = [record["value"]] + ([record["high"]] if record.get("high") is not None else [])
        return all(any(a.covers(v) for a in self.accepted) for v in ends)

    def _reference(self) -> str:
        shown = [
            f"{self.show(a.value, a.high, noun=False)}{' ' + a.label if a.label else ''} ({a.cite()})" for a in self.accepted
        ]
        if len(shown) == 1:
            return f"the source gives {shown[0]}"
        return "the sourced figures are " + "; ".join(shown)

    def _clusters(self, entries: list[tuple[str, dict[str, Any]]]) -> list[list[int]]:
        order = sorted(range(len(entries)), key=lambda i: (entries[i][1]["value"], entries[i][1].get("high") or entries[i][1]["value"]))
        clusters: list[list[int]] = []
        top = None
        for i in order:
            rec = entries[i][1]
            lo, hi = rec["value"], rec.get("high") if rec.get("high") is not None else rec["value"]
            if clusters and top is not None and lo <= top + self.tolerance + 1e-9:
                clusters[-1].append(i)
                top = max(top, hi)
            else:
                clusters.append([i])
                top = hi
        return clusters

    def _outliers(self, entries: list[tuple[str, dict[str, Any]]], ok: list[bool], members: list[int]) -> dict[int, list[int]]:
        """entry index -> indexes of the entries it disagrees with (for the entries to report)."""
        subset = [entries[i] for i in members]
        clusters = [[members[j] for j in c] for c in self._clusters(subset)]
        if len(clusters) < 2:
            return {}
        accepted = [all(ok[i] for i in c) for c in clusters]
        if self.accepted and any(accepted) and not all(accepted):
            bad = [k for k, a in enumerate(accepted) if not a]
        else:
            support = [len({entries[i][0] for i in c}) for c in clusters]
            best = max(support)
            tops = [k for k, s in enumerate(support) if s == best]
            bad = [k for k in range(len(clusters)) if k not in tops] if len(tops) == 1 else list(range(len(clusters)))
        result: dict[int, list[int]] = {}
        for k in bad:
            others = [i for j, c in enumerate(clusters) if j != k for i in c]
            for i in clusters[k]:
                result[i] = others
        return result

    def _others_phrase(self, path: str, entries: list[tuple[str, dict[str, Any]]], others: list[int]) -> str:
        by_value: dict[tuple[float, float | None], list[int]] = {}
        for i in others:
            rec = entries[i][1]
            by_value.setdefault((rec["value"], rec.get("high")), []).append(i)
        ranked = sorted(by_value.items(), key=lambda kv: (-len({entries[i][0] for i in kv[1]}), kv[0][0]))
        parts = []
        for _, items in ranked:
            phrasings: dict[str, int] = {}
            for i in items:
                rec = entries[i][1]
                phrasing = self.show(rec["value"], rec.get("high"), rec.get("qualifier") or "", noun=False)
                phrasings[phrasing] = phrasings.get(phrasing, 0) + 1
            shown = max(phrasings, key=lambda k: phrasings[k])
            same = [entries[i] for i in items if entries[i][0] == path]
            elsewhere = [entries[i] for i in items if entries[i][0] != path]
            if elsewhere:
                docs = len({p for p, _ in elsewhere})
                verb = "says" if docs == 1 else "say"
                parts.append(f"{plural(docs, 'other article', 'other articles')} {verb} {shown} ({places(elsewhere)})")
            if same:
                parts.append(f"this article also says {shown} ({places(same, path)})")
        return "; ".join(parts)

    def compare(self, rule: Rule, records_by_path: dict[str, list[dict[str, Any]]], reported: set[str]) -> list[Finding]:
        entries = [
            (path, rec)
            for path in sorted(records_by_path)
            for rec in records_by_path[path]
            if rec.get("fact") == self.fact and not rec.get("vague") and rec.get("value") is not None
        ]
        if not entries:
            return []
        ok = [self._ok(rec) for _, rec in entries]
        outliers: dict[int, list[int]] = {}
        if self.compare_mode == "corpus":
            outliers = self._outliers(entries, ok, list(range(len(entries))))
        elif self.compare_mode == "document":
            for path in {p for p, _ in entries}:
                outliers.update(self._outliers(entries, ok, [i for i, (p, _) in enumerate(entries) if p == path]))
        findings = []
        for i, (path, rec) in enumerate(entries):
            if path not in reported or (ok[i] and i not in outliers):
                continue
            parts = [f"says {rec.get('shown') or self.show(rec['value'], rec.get('high'))}"]
            reference = ""
            if not ok[i]:
                reference = self._reference()
                parts.append(reference)
            related: list[Related] = []
            if i in outliers:
                others = outliers[i]
                parts.append(self._others_phrase(path, entries, others))
                for j in others[:RELATED_LIMIT]:
                    p, r = entries[j]
                    related.append(Related(p, int(r["line"]), int(r["column"]), f"says {r.get('shown', '')}"))
            detail = "; ".join(part for part in parts if part)
            message = format_message(
                rule.message,
                None,
                match=shorten(str(rec.get("match", ""))),
                detail=detail,
                fact=self.fact,
                stated=rec.get("shown", ""),
                reference=reference,
            )
            findings.append(make_finding(rule, path, rec, message, related))
        return findings

    # For the inventory -------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        return {
            "type": "fact",
            "id": self.fact,
            "unit": self.unit,
            "accepted": [
                {
                    "value": a.value,
                    "high": a.high,
                    "shown": self.show(a.value, a.high, noun=False),
                    "label": a.label,
                    "source": a.source,
                    "url": a.url,
                    "section": a.section,
                    "checked": a.checked.isoformat() if a.checked else None,
                }
                for a in self.accepted
            ],
        }

    def accepts(self, record: dict[str, Any]) -> bool | None:
        """For the inventory: does this record match a sourced value (None: nothing to check)."""
        if record.get("vague") or record.get("value") is None or not self.accepted:
            return None
        return self._ok(record)


def compile(rule: Rule, ctx: CompileContext) -> FactChecker:
    return FactChecker(rule, ctx)
