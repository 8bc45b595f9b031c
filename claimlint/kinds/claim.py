"""kind = "claim": a proposition affirmed in one place and denied in another.

A claim rule names a proposition ("magnesium increases deep sleep"), the words for its
subject, regexes for sentences that affirm it and regexes for sentences that deny it.
Each document yields records (plain, JSON-serialisable dicts, so that they can be
cached): one per sentence that states the proposition, with its polarity.

When the corpus (or one document) holds both an affirming and a denying sentence,
every one of them is reported, each naming the other side in `related`.

What makes a sentence *the same* proposition:

* the subject must be the ingredient the sentence talks about: the nearest ingredient
  named before the end of the match (``others`` lists the ingredients that are not the
  subject: "CBD may support deep sleep" is about CBD). A sentence that names no
  ingredient counts only when it is elliptical (a list item "Increases deep sleep",
  "Sleep: increases deep sleep") or starts with a pronoun ("It increases ..."), and
  then takes the ingredient of its block or, failing that, of the document's title;
* questions ("Does magnesium increase deep sleep?") state nothing;
* a hedge before the match in the same sentence ("may", "might", "could", "possibly",
  ...) makes a weaker proposition: recorded as ``hedged``, never compared;
* an ``unless`` regex found in the clause of the match narrows the proposition ("in
  studies using polysomnography"): recorded as ``scoped``, never compared. Clauses are
  split at ';', ':', ' - ' and ', so / but / yet / therefore / while ...', so that "PSG
  trials found no change, so there is no evidence that magnesium increases deep sleep"
  still denies;
* with ``negation = true`` (the default) a match negated just before it counts for the
  other side: "it is a myth that magnesium increases deep sleep" denies, "there is no
  risk of dependence" (a denial pattern, "risk of dependence", negated) affirms.

This module also holds the helpers the fact kind shares: subject resolution and
turning records into findings.
"""
from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import regex

from claimlint.casefold import fold_case
from claimlint.document import Document, Unit
from claimlint.findings import Finding, Related
from claimlint.kinds.base import CompileContext
from claimlint.matching import RegexTimeout, find_all, format_message, negated, search, shorten
from claimlint.patterns import Terms, compile_one, compile_set, lazy_regex, phrase_to_regex
from claimlint.prefilter import Prefilter
from claimlint.rules import Rule
from claimlint.schema import Field, Where
from claimlint.sha import sha256
from claimlint.superset import accelerated

NAME = "claim"
EXTRACT_VERSION = 1  # bump when records change shape or meaning: cached records are then re-extracted
SCOPES = ("sentence", "block", "document")
DOTTED_ID = lazy_regex(r"^[a-z0-9]+(?:[._-][a-z0-9]+)*$")
POLARITIES = ("affirm", "deny", "hedged", "scoped")
RELATED_LIMIT = 20

DEFAULT_HEDGES = [
    r"\b(?:may|might|could|possibly|potentially|perhaps|conceivably|theoretically)\b",
    r"\b(?:appears?|seems?|is\s+thought|are\s+thought|is\s+believed|are\s+believed)\s+to\b",
    r"\b(?:some|limited|preliminary|early|emerging|weak)\s+evidence\b",
]

FIELDS: dict[str, Field] = {
    "claim": Field("str", required=True, doc="dotted name of the proposition, e.g. magnesium.increases-deep-sleep"),
    "proposition": Field("str", required=True, doc="the proposition in words, for messages and the inventory"),
    "subject": Field("str-list", required=True, doc="phrases naming the subject ('re:' for a regex, {{term}} allowed)"),
    "others": Field("str-list", default=[], doc="phrases naming other subjects; a sentence about one of them is not about this subject"),
    "subject_scope": Field("choice", default="document", choices=SCOPES, doc="how far an elliptical sentence may look for its subject"),
    "affirm": Field("str-list", required=True, doc="regexes matching a statement of the proposition"),
    "deny": Field("str-list", required=True, doc="regexes matching a denial of the proposition"),
    "unless": Field("str-list", default=[], doc="regexes: a sentence with one of these states a narrower proposition (scoped, not compared)"),
    "hedges": Field("str-list", default=list(DEFAULT_HEDGES), doc="regexes: found before the match, the sentence is hedged (not compared)"),
    "negation": Field("bool", default=True, doc="a match negated just before it counts for the other side"),
    "per_subject": Field("bool", default=False, doc="one proposition per subject named: {subject} in `proposition`"),
    "aliases": Field("table", default={}, doc="{ canonical name = [phrases] }: names that are one subject (per_subject)"),
    "blocks": Field("str-list", default=[], doc="only in these block kinds"),
    "case_sensitive": Field("bool", default=False),
}


# ---------------------------------------------------------------------------
# Helpers shared with the fact kind


def flags_for(options: dict[str, Any]) -> int:
    return regex.V0 | (0 if options.get("case_sensitive") else regex.IGNORECASE)


def check_dotted(value: str, key: str, where: Where) -> str:
    if not DOTTED_ID.match(value):
        raise where.error(key, f"{value!r} is not a dotted name (lower-case words joined by '.', '-' or '_')")
    return value


def compile_list(items: list[str], key: str, terms: Terms, where: Where, flags: int) -> list[regex.Pattern[str]]:
    return [compile_one(item, terms, where, (key, i), flags) for i, item in enumerate(items)]


def fingerprint(kind: str, version: int, options: dict[str, Any], patterns: Iterable[regex.Pattern[str] | None]) -> str:
    """What the records depend on: the options and every expanded regex (terms can change)."""
    data = {
        "kind": kind,
        "version": version,
        "options": options,
        "patterns": [p.pattern if p is not None else None for p in patterns],
    }
    return sha256(json.dumps(data, sort_keys=True, default=str).encode("utf-8")).hexdigest()


_ELLIPTICAL_LEAD = lazy_regex(r"^[\s\-*•>\d.)(]*$")
_PRONOUN_LEAD = lazy_regex(
    r"^\s*(?:it|this|that|they|these|those|the\s+(?:mineral|supplement|nutrient|compound|form|vitamin|hormone))\b[^,;:]{0,60}$",
    regex.IGNORECASE,
)


Mention = tuple  # (start, end, is_subject)


@dataclass
class Mentions:
    """Where ingredients are named in one document: the subject(s), and the others."""

    items: list[tuple[int, int, bool]]  # sorted by start
    topic: tuple[int, int, bool] | None  # the document's subject: first named in the title, else the most named

    def __post_init__(self) -> None:
        self._starts = [m[0] for m in self.items]
        self._other_starts = [m[0] for m in self.items if not m[2]]

    @property
    def has_subject(self) -> bool:
        return any(m[2] for m in self.items)

    @classmethod
    def find(cls, doc: Document, subject: regex.Pattern[str] | None, others: regex.Pattern[str] | None, rule_id: str, timeout: float) -> Mentions:
        """The mentions in doc (read only: rules with the same lists share them)."""
        key = (_key(subject), _key(others))
        if _SPAN_DOC and _SPAN_DOC[0] is doc and key in _MENTIONS_CACHE:
            return _MENTIONS_CACHE[key]
        found = cls._find(doc, subject, others, rule_id, timeout)  # (re)sets the per-document caches
        _MENTIONS_CACHE[key] = found
        return found

    @classmethod
    def _find(cls, doc: Document, subject: regex.Pattern[str] | None, others: regex.Pattern[str] | None, rule_id: str, timeout: float) -> Mentions:
        subj = _spans(doc, subject, rule_id, timeout)
        raw = _spans(doc, others, rule_id, timeout)
        text = doc.text
        subj_starts = [s for s, _ in subj]
        items = sorted([(s, e, True) for s, e in subj] + [(s, e, False) for s, e in raw if not _overlaps((s, e), subj, subj_starts)])
        topic = None
        if doc.blocks and items:
            first = doc.blocks[0]
            inside = [m for m in items if first.start <= m[0] < first.end]
            if inside:
                topic = inside[0]
            else:
                counts: dict[str, list[tuple[int, int, bool]]] = {}
                for m in items:
                    counts.setdefault(" ".join(fold_case(text[m[0] : m[1]]).split()), []).append(m)
                topic = max(counts.values(), key=lambda group: (len(group), group[0][2]))[0]
        return cls(items, topic)

    def last_before(self, lo: int, hi: int) -> tuple[int, int, bool] | None:
        """The mention named last with its start in [lo, hi)."""
        k = bisect_left(self._starts, hi) - 1
        if k >= 0 and self._starts[k] >= lo:
            return self.items[k]
        return None

    def first_after(self, lo: int, hi: int) -> tuple[int, int, bool] | None:
        k = bisect_left(self._starts, lo)
        if k < len(self._starts) and self._starts[k] < hi:
            return self.items[k]
        return None

    def other_in(self, lo: int, hi: int) -> bool:
        k = bisect_left(self._other_starts, lo)
        return k < len(self._other_starts) and self._other_starts[k] < hi


# Rules of one ruleset share their subject and "others" lists: the spans, and the mentions
# made of them, are computed once per document (the engine runs every corpus rule on a
# document before the next).
_SPAN_CACHE: dict[tuple[str, int], list[tuple[int, int]]] = {}
_MENTIONS_CACHE: dict[tuple[tuple[str, int] | None, tuple[str, int] | None], Mentions] = {}
_SPAN_DOC: list[Document] = []


def _key(pattern: regex.Pattern[str] | None) -> tuple[str, int] | None:
    return None if pattern is None else (pattern.pattern, pattern.flags)


def _spans(doc: Document, pattern: regex.Pattern[str] | None, rule_id: str, timeout: float) -> list[tuple[int, int]]:
    if not _SPAN_DOC or _SPAN_DOC[0] is not doc:
        _SPAN_CACHE.clear()
        _MENTIONS_CACHE.clear()
        _SPAN_DOC[:] = [doc]
    if pattern is None:
        return []
    key = (pattern.pattern, pattern.flags)
    if key not in _SPAN_CACHE:
        _SPAN_CACHE[key] = [m.span() for m in find_all(pattern, doc.text, 0, len(doc.text), rule_id, timeout)]
    return _SPAN_CACHE[key]


_CLAUSE_GAP = lazy_regex(r"[,;:()]|\s-\s|\b(?:and|but|while|whereas|unlike)\b", regex.IGNORECASE)


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]], starts: list[int]) -> bool:
    k = bisect_right(starts, span[1] - 1)
    for s, e in spans[max(0, k - 3) : k]:
        if s < span[1] and span[0] < e:
            return True
    return False


def _subject(mention: tuple[int, int, bool] | None) -> tuple[int, int, bool] | None:
    return mention if mention is not None and mention[2] else None


def resolve_subject(
    doc: Document,
    mentions: Mentions,
    sentence: Unit,
    start: int,
    end: int,
    scope: str,
    *,
    elliptical_only: bool,
) -> tuple[tuple[int, int, bool] | None, bool]:
    """The mention of the subject that the match text[start:end] is about (None: it is not
    about the subject), and whether that mention is in the sentence."""
    lo, hi = sentence.start, sentence.end
    if not mentions.items:
        return None, False
    near = mentions.last_before(lo, end)
    if near is None:
        after = mentions.first_after(end, hi)
        if after is not None and after[2] and not elliptical_only and not mentions.other_in(lo, hi):
            return after, True  # figures: the sentence names only the subject ("60% of adults ... magnesium")
        if after is not None:
            # "Deep sleep increased with magnesium": the subject follows closely, in the same clause.
            gap = doc.text[end : after[0]]
            if len(gap) <= 40 and not _CLAUSE_GAP.search(gap):
                return _subject(after), True
            return None, False
    if near is not None:
        return _subject(near), True
    # The sentence names no ingredient: it may inherit one from its context.
    if scope == "sentence":
        return None, False
    lead = doc.text[lo:start]
    if elliptical_only:
        label = lead.rsplit(":", 1)[-1] if ":" in lead else lead
        elliptical = _ELLIPTICAL_LEAD.match(label) is not None
        if not elliptical and not _PRONOUN_LEAD.match(label):
            return None, False
        if not elliptical:
            # "It increases deep sleep": the previous sentences of the block must name the subject.
            block = doc.block_of(lo)
            if block is None or block.start >= lo:
                return None, False
            return _subject(mentions.last_before(block.start, lo)), False
    block = doc.block_of(lo)
    if block is not None:
        near = mentions.last_before(block.start, lo)
        if near is not None:
            return _subject(near), False
    if scope == "block":
        return None, False
    return _subject(mentions.topic), False


# A scope qualifier ("in studies using polysomnography") narrows its own clause only:
# "PSG trials found no change, so there is no evidence that ..." still denies.
_CLAUSE_SPLIT = lazy_regex(
    r"[;:]|,\s*(?:so|but|yet|therefore|thus|hence|whereas|while|although|though)\b|\s-\s", regex.IGNORECASE
)


def clause(text: str, sentence: Unit, start: int, end: int) -> tuple[int, int]:
    """The clause of the sentence that holds text[start:end]."""
    lo, hi = sentence.start, sentence.end
    for m in _CLAUSE_SPLIT.finditer(text, lo, start):
        lo = m.end()
    after = _CLAUSE_SPLIT.search(text, end, hi)
    if after is not None:
        hi = after.start()
    return lo, hi


# ---------------------------------------------------------------------------
# Records and findings


def location_record(doc: Document, start: int, end: int) -> dict[str, Any]:
    line, column, end_line, end_column = doc.location(start, end)
    sentence = doc.sentence_of(start)
    text = doc.text[sentence.start : sentence.end] if sentence else doc.text[start:end]
    return {
        "line": line,
        "column": column,
        "end_line": end_line,
        "end_column": end_column,
        "match": doc.text[start:end],
        "sentence": shorten(text, 300),
    }


def make_finding(rule: Rule, path: str, record: dict[str, Any], message: str, related: Iterable[Related] = ()) -> Finding:
    return Finding(
        path=path,
        line=int(record["line"]),
        column=int(record["column"]),
        end_line=int(record["end_line"]),
        end_column=int(record["end_column"]),
        rule=rule.id,
        category=rule.category,
        severity=rule.severity,
        message=message,
        match=str(record.get("match", "")),
        suggestion=rule.suggestion,
        related=tuple(related),
    )


def place(path: str, record: dict[str, Any], here: str | None = None) -> str:
    """'path:line', or 'line N' for a place in the document being reported."""
    if here is not None and path == here:
        return f"line {record['line']}"
    return f"{path}:{record['line']}"


def places(items: list[tuple[str, dict[str, Any]]], here: str | None = None, limit: int = 5) -> str:
    shown = [place(path, rec, here) for path, rec in items[:limit]]
    if len(items) > limit:
        shown.append(f"{len(items) - limit} more")
    return ", ".join(shown)


def plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


# ---------------------------------------------------------------------------
# The claim checker


class ClaimChecker:
    def __init__(self, rule: Rule, ctx: CompileContext) -> None:
        options = rule.options
        where = ctx.where
        self.rule_id = rule.id
        self.timeout = ctx.timeout
        self.claim = check_dotted(options["claim"], "claim", where)
        self.proposition = options["proposition"].strip()
        self.per_subject = options["per_subject"]
        if self.per_subject and "{subject}" not in self.proposition:
            raise where.error("proposition", "with per_subject = true, must name the subject as {subject}")
        flags = flags_for(options)
        self.subject = compile_set(options["subject"], [], ctx.terms, where, phrase_key="subject", flags=flags)
        self.others = compile_set(options["others"], [], ctx.terms, where, phrase_key="others", flags=flags)
        self.affirm = compile_set([], options["affirm"], ctx.terms, where, pattern_key="affirm", flags=flags)
        self.deny = compile_set([], options["deny"], ctx.terms, where, pattern_key="deny", flags=flags)
        if self.affirm is None:
            raise where.error("affirm", "needs at least one regex")
        if self.deny is None:
            raise where.error("deny", "needs at least one regex")
        # Only sentences holding the literals an affirming or denying pattern needs can
        # state the proposition: skip the rest without running either regex.
        self.prefilters = [Prefilter.for_pattern(p) for p in (self.affirm, self.deny)]
        self.unless = compile_list(options["unless"], "unless", ctx.terms, where, flags)
        self.hedges = compile_list(options["hedges"], "hedges", ctx.terms, where, flags)
        self.aliases: list[tuple[str, regex.Pattern[str]]] = []
        for name, phrases in options["aliases"].items():
            if not isinstance(phrases, list) or not phrases or not all(isinstance(p, str) and p.strip() for p in phrases):
                raise where.error(("aliases", name), "must be a non-empty list of phrases ('re:' for a regex)")
            for i, phrase in enumerate(phrases):
                pattern = compile_one(phrase_to_regex(phrase), ctx.terms, where, ("aliases", name, i), flags)
                self.aliases.append((name, pattern))
        self.scope = options["subject_scope"]
        self.negation = options["negation"]
        self.blocks = set(options["blocks"])
        for pattern in [self.subject, self.others, self.affirm, self.deny, *self.unless, *self.hedges, *(p for _, p in self.aliases)]:
            if pattern is not None:
                accelerated(pattern)
        self.fingerprint = fingerprint(
            NAME, EXTRACT_VERSION, options,
            [self.subject, self.others, self.affirm, self.deny, *self.unless, *self.hedges, *(p for _, p in self.aliases)],
        )

    def subject_name(self, text: str) -> str:
        """The canonical name of a mention: the first alias that matches it whole, else the
        words of the mention in lower case."""
        words = " ".join(text.replace("-", " ").split())
        for name, pattern in self.aliases:
            try:
                if pattern.fullmatch(words, timeout=self.timeout) or pattern.fullmatch(text.strip(), timeout=self.timeout):
                    return name
            except TimeoutError:
                raise RegexTimeout(self.rule_id, self.timeout) from None
        return fold_case(words)

    def stated(self, subject: str | None) -> str:
        """The proposition, about this subject."""
        text = self.proposition.replace("{subject}", subject or "the subject") if self.per_subject else self.proposition
        return text[:1].upper() + text[1:]

    # Per document -----------------------------------------------------------

    def check(self, doc: Document) -> Iterator[Any]:  # corpus kinds report only through compare()
        return iter(())

    def extract(self, doc: Document) -> list[dict[str, Any]]:
        mentions = Mentions.find(doc, self.subject, self.others, self.rule_id, self.timeout)
        if not mentions.has_subject:
            return []
        records = []
        text = doc.text
        for sentence in self._candidates(doc):
            if self.blocks and sentence.kind not in self.blocks:
                continue
            if text[sentence.start : sentence.end].rstrip().rstrip("\"')]").endswith("?"):
                continue  # a question states nothing
            record = self._statement(doc, mentions, sentence)
            if record is not None:
                records.append(record)
        return records

    def _candidates(self, doc: Document) -> list[Unit]:
        chosen: set[int] = set()
        for prefilter in self.prefilters:
            units = prefilter.units(doc.text, doc.unit_starts("sentence"), doc.sentences)
            if units is None:
                return doc.sentences
            chosen.update(unit.start for unit in units)
        return [sentence for sentence in doc.sentences if sentence.start in chosen]

    def _statement(self, doc: Document, mentions: Mentions, sentence: Unit) -> dict[str, Any] | None:
        text = doc.text
        found: list[tuple[int, str, regex.Match[str]]] = []
        for m in find_all(self.deny, text, sentence.start, sentence.end, self.rule_id, self.timeout):
            polarity = "deny"
            if self.negation and negated(text, sentence.start, m.start()):
                polarity = "affirm"  # "there is no risk of dependence"
            found.append((0, polarity, m))
        for m in find_all(self.affirm, text, sentence.start, sentence.end, self.rule_id, self.timeout):
            polarity = "affirm"
            if self.negation and negated(text, sentence.start, m.start()):
                polarity = "deny"
            found.append((1, polarity, m))
        best: tuple[int, dict[str, Any]] | None = None
        for order, polarity, m in found:
            mention, in_sentence = resolve_subject(
                doc, mentions, sentence, m.start(), m.end(), self.scope, elliptical_only=True
            )
            if mention is None:
                continue
            lo, hi = clause(text, sentence, m.start(), m.end())
            if any(search(p, text, lo, hi, self.rule_id, self.timeout) for p in self.unless):
                polarity, rank = "scoped", 3
            else:
                lo = mention[0] if in_sentence and mention[0] < m.start() else sentence.start
                if any(search(p, text, lo, m.start(), self.rule_id, self.timeout) for p in self.hedges):
                    polarity, rank = "hedged", 2
                else:
                    rank = order
            record = {
                "claim": self.claim,
                "subject": self.subject_name(text[mention[0] : mention[1]]),
                "polarity": polarity,
                **location_record(doc, m.start(), m.end()),
            }
            if best is None or rank < best[0]:
                best = (rank, record)
        return best[1] if best else None

    # Across documents --------------------------------------------------------

    def key(self, record: dict[str, Any]) -> str | None:
        """Records with the same key state the same proposition."""
        return str(record.get("subject")) if self.per_subject else None

    def compare(self, rule: Rule, records_by_path: dict[str, list[dict[str, Any]]], reported: set[str]) -> list[Finding]:
        groups: dict[str | None, dict[str, list[tuple[str, dict[str, Any]]]]] = {}
        for path in sorted(records_by_path):
            for record in records_by_path[path]:
                if record.get("polarity") in ("affirm", "deny") and record.get("claim") == self.claim:
                    sides = groups.setdefault(self.key(record), {"affirm": [], "deny": []})
                    sides[record["polarity"]].append((path, record))
        findings = []
        for key in sorted(groups, key=str):
            sides = groups[key]
            if not sides["affirm"] or not sides["deny"]:
                continue
            proposition = self.stated(key if self.per_subject else None)
            for polarity, other in (("affirm", "deny"), ("deny", "affirm")):
                for path, record in sides[polarity]:
                    if path not in reported:
                        continue
                    findings.append(self._finding(rule, path, record, polarity, sides[other], proposition))
        return findings

    def _finding(self, rule: Rule, path: str, record: dict[str, Any], polarity: str,
                 opposite: list[tuple[str, dict[str, Any]]], proposition: str) -> Finding:
        verb = "affirms" if polarity == "affirm" else "denies"
        other_one, other_many = ("denies", "deny") if polarity == "affirm" else ("affirms", "affirm")
        same = [(p, r) for p, r in opposite if p == path]
        elsewhere = [(p, r) for p, r in opposite if p != path]
        parts = []
        if same:
            parts.append(f"this article {other_one} it at {places(same, path)}")
        if elsewhere:
            docs = len({p for p, _ in elsewhere})
            parts.append(
                f"{plural(docs, 'other article', 'other articles')} {other_one if docs == 1 else other_many} it ({places(elsewhere)})"
            )
        if self.per_subject:
            inline = self.proposition.replace("{subject}", str(record.get("subject", "")))  # keep the name's case
        else:
            inline = proposition[:1].lower() + proposition[1:]
        detail = f"{verb} that {inline}; " + "; ".join(parts)
        message = format_message(
            rule.message,
            None,
            match=shorten(str(record.get("match", ""))),
            detail=detail,
            claim=self.claim,
            proposition=proposition,
            subject=str(record.get("subject", "")),
            polarity=polarity,
        )
        related = [
            Related(p, int(r["line"]), int(r["column"]), f"{'affirms' if polarity == 'deny' else 'denies'}: {shorten(str(r.get('sentence', '')), 120)}")
            for p, r in opposite[:RELATED_LIMIT]
        ]
        return make_finding(rule, path, record, message, related)

    # For the inventory -------------------------------------------------------

    def describe(self) -> dict[str, Any]:
        return {"type": "claim", "id": self.claim, "proposition": self.proposition, "per_subject": self.per_subject}


def compile(rule: Rule, ctx: CompileContext) -> ClaimChecker:
    return ClaimChecker(rule, ctx)
