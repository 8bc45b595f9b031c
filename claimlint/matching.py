"""Finding phrases in sentences, with the context tests every text-matching kind shares:
unless / requires in a scope, text just before or after a match, and negation."""
from __future__ import annotations

from dataclasses import dataclass
from time import monotonic as _monotonic
from typing import Any, Iterator

import regex

from claimlint.document import Document, Unit
from claimlint.patterns import Terms, compile_one, compile_set, lazy_regex
from claimlint.prefilter import Prefilter
from claimlint.schema import Field, Where
from claimlint.superset import accelerated
from claimlint.watchdog import WATCH

SCOPES = ("sentence", "block", "document")
NEGATION_WORDS = 6
# unless_before / unless_after see at most this many characters of the sentence.
LOOK_AROUND = 300

MATCH_FIELDS: dict[str, Field] = {
    "phrases": Field("str-list", default=[], doc="literal phrases, whole words, any case"),
    "patterns": Field("str-list", default=[], doc="regexes ({{term}} expands a term list)"),
    "within": Field("choice", default="sentence", choices=("sentence", "block"), doc="the unit a match must lie in"),
    "blocks": Field("str-list", default=[], doc="only in these block kinds (heading, paragraph, list-item, ...)"),
    "unless": Field("str-list", default=[], doc="regexes that excuse a match when found in unless_scope"),
    "unless_scope": Field("choice", default="sentence", choices=SCOPES),
    "unless_before": Field("str-list", default=[], doc="regexes that excuse a match when found before it in its sentence"),
    "unless_after": Field("str-list", default=[], doc="regexes that excuse a match when found after it in its sentence"),
    "requires": Field("str-list", default=[], doc="regexes that must each be found in requires_scope"),
    "requires_scope": Field("choice", default="sentence", choices=SCOPES),
    "negation": Field("bool", default=False, doc="ignore a match negated just before it ('is not clinically proven')"),
    "negation_window": Field("int", default=NEGATION_WORDS, doc="how many words before a match a negator may stand"),
    "case_sensitive": Field("bool", default=False),
}

NEGATORS = lazy_regex(
    r"(?<!\w)(?:not|no|never|none|nothing|nobody|neither|nor|cannot|can't|won't|isn't|aren't|wasn't|"
    r"weren't|doesn't|don't|didn't|hasn't|haven't|hadn't|shouldn't|wouldn't|couldn't|mustn't|"
    r"lacks?|lacking|far from|hardly|rarely|unlikely|unproven|without|beware|wary|skeptical|sceptical|"
    r"myths?|so-called|misleading|false|avoid|stop)(?!\w)",
    regex.IGNORECASE,
)
# A negation does not reach across these into the next clause.
_CLAUSE_BREAK = lazy_regex(r"[;:!?]|(?<!\w)(?:but|however|although|though|yet|whereas|while)(?!\w)|,\s", regex.IGNORECASE)


class RegexTimeout(Exception):
    def __init__(self, rule: str, seconds: float) -> None:
        super().__init__(f"rule {rule!r}: a regex ran longer than {seconds:g}s and was stopped")
        self.rule = rule


@dataclass
class Hit:
    """A span a checker reports, with its own message when it has one."""

    start: int
    end: int
    message: str | None = None  # None: the rule's message
    extra: dict[str, Any] | None = None


def search(pattern: Any, text: str, pos: int, endpos: int, rule_id: str, timeout: float) -> regex.Match[str] | None:
    """pattern.search(text, pos, endpos), sped up by its RE2 translation (same result);
    a search running past the timeout raises RegexTimeout naming the rule."""
    watch = WATCH
    try:
        if not watch.active:
            return accelerated(pattern).search(text, pos, endpos, timeout=timeout)
        outer = watch.deadline
        watch.deadline = _monotonic() + timeout  # the watchdog stops the search past it
        try:
            return accelerated(pattern).search(text, pos, endpos)
        finally:
            watch.deadline = outer
    except TimeoutError:
        raise RegexTimeout(rule_id, timeout) from None


def find_all(pattern: Any, text: str, pos: int, endpos: int, rule_id: str, timeout: float) -> list[regex.Match[str]]:
    """The non-empty matches of pattern.finditer(text, pos, endpos); each one is a search
    that may take the timeout."""
    watch = WATCH
    try:
        if not watch.active:
            return [m for m in accelerated(pattern).finditer(text, pos, endpos, timeout=timeout) if m.end() > m.start()]
        found = []
        matches = accelerated(pattern).finditer(text, pos, endpos)
        outer = watch.deadline
        try:
            while True:
                watch.deadline = _monotonic() + timeout
                m = next(matches, None)
                if m is None:
                    return found
                if m.end() > m.start():
                    found.append(m)
        finally:
            watch.deadline = outer
    except TimeoutError:
        raise RegexTimeout(rule_id, timeout) from None


def _compile_list(items: list[str], key: str, terms: Terms, where: Where, flags: int) -> list[regex.Pattern[str]]:
    return [compile_one(item, terms, where, (key, i), flags) for i, item in enumerate(items)]


class Matcher:
    def __init__(self, options: dict[str, Any], terms: Terms, where: Where, rule_id: str, timeout: float) -> None:
        self.rule_id = rule_id
        self.timeout = timeout
        flags = regex.V0 | (0 if options["case_sensitive"] else regex.IGNORECASE)
        self.find = compile_set(options["phrases"], options["patterns"], terms, where, flags=flags)
        if self.find is None:
            raise where.error((), "needs at least one of 'phrases' or 'patterns'")
        self.within = options["within"]
        self.prefilter = Prefilter.for_pattern(self.find)
        self.blocks = set(options["blocks"])
        self.unless = _compile_list(options["unless"], "unless", terms, where, flags)
        self.unless_scope = options["unless_scope"]
        self.unless_before = _compile_list(options["unless_before"], "unless_before", terms, where, flags)
        self.unless_after = _compile_list(options["unless_after"], "unless_after", terms, where, flags)
        self.requires = _compile_list(options["requires"], "requires", terms, where, flags)
        self.requires_scope = options["requires_scope"]
        self.negation = options["negation"]
        self.negation_window = options["negation_window"]
        for pattern in [self.find, *self.unless, *self.unless_before, *self.unless_after, *self.requires]:
            accelerated(pattern)
        # Document-scope tests give one answer per document: remember it for the document in hand.
        self._memo_doc: Document | None = None
        self._memo: dict[tuple[int, int, int], bool] = {}

    def _search(self, pattern: regex.Pattern[str], text: str, pos: int, endpos: int) -> regex.Match[str] | None:
        return search(pattern, text, pos, endpos, self.rule_id, self.timeout)

    def _scope(self, doc: Document, scope: str, sentence: Unit, start: int) -> tuple[int, int]:
        if scope == "sentence":
            return sentence.start, sentence.end
        if scope == "block":
            block = doc.block_of(start)
            return (block.start, block.end) if block else (sentence.start, sentence.end)
        return 0, len(doc.text)

    def _unit(self, doc: Document, start: int) -> Unit | None:
        return doc.sentence_of(start) if self.within == "sentence" else doc.block_of(start)

    def matches(self, doc: Document) -> Iterator[regex.Match[str]]:
        """Every match that lies in one unit and passes the rule's context tests."""
        units = doc.sentences if self.within == "sentence" else doc.blocks
        chosen = self.prefilter.units(doc.text, doc.unit_starts(self.within), units)
        for unit in units if chosen is None else chosen:
            for m in self._in_unit(doc, unit):
                if self.accept(doc, m, doc.sentence_of(m.start()) or unit):
                    yield m

    def _in_unit(self, doc: Document, unit: Unit) -> Iterator[regex.Match[str]]:
        if self.blocks and unit.kind not in self.blocks:
            return
        find = self.find
        assert find is not None
        pos = unit.start
        while pos < unit.end:
            m = self._search(find, doc.text, pos, unit.end)
            if m is None:
                return
            pos = max(m.end(), m.start() + 1)
            if m.end() > m.start():
                yield m

    def _found(self, doc: Document, pattern: regex.Pattern[str], scope: str, sentence: Unit, start: int) -> bool:
        if scope == "sentence":
            return self._search(pattern, doc.text, sentence.start, sentence.end) is not None
        # Block and document scopes give one answer per block or document: remember it
        # for the document in hand, or every match in a long paragraph repeats the search.
        if self._memo_doc is not doc:
            self._memo_doc, self._memo = doc, {}
        lo, hi = self._scope(doc, scope, sentence, start)
        key = (id(pattern), lo, hi)
        if key not in self._memo:
            self._memo[key] = self._search(pattern, doc.text, lo, hi) is not None
        return self._memo[key]

    def accept(self, doc: Document, m: regex.Match[str], sentence: Unit) -> bool:
        text = doc.text
        start, end = m.start(), m.end()
        for pattern in self.requires:
            if not self._found(doc, pattern, self.requires_scope, sentence, start):
                return False
        for pattern in self.unless:
            if self._found(doc, pattern, self.unless_scope, sentence, start):
                return False
        if self.unless_before:
            # A slice, so that ^ and $ anchor at its ends; bounded, so that a huge
            # sentence does not make every match cost its whole length.
            before = text[max(sentence.start, start - LOOK_AROUND) : start]
            if any(self._search(pattern, before, 0, len(before)) is not None for pattern in self.unless_before):
                return False
        if self.unless_after:
            after = text[end : min(sentence.end, end + LOOK_AROUND)]
            if any(self._search(pattern, after, 0, len(after)) is not None for pattern in self.unless_after):
                return False
        if self.negation and negated(text, sentence.start, start, self.negation_window):
            return False
        return True


def negated(text: str, lo: int, start: int, window: int = NEGATION_WORDS) -> bool:
    """Is there a negator among the few words before start, in the same clause?"""
    before = text[max(lo, start - 80) : start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    words = before.split()[-window:] if window > 0 else []
    return NEGATORS.search(" ".join(words)) is not None


# A placeholder is a bare name: "{match}", "{first}". str.format would also run
# "{match.__class__}" or "{0[x]}" (attribute and item access on the values) and
# "{match:>99999999}" (a format spec): a rule's message is data, so only names are filled.
_PLACEHOLDER = lazy_regex(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def format_message(template: str, m: regex.Match[str] | None, **values: object) -> str:
    """Fill {match} (and named groups, and given values) into a rule message.

    Only ``{name}`` is replaced (``{{`` and ``}}`` are literal braces); an unknown name,
    and anything else between braces, is left as written.
    """
    fields: dict[str, object] = dict(values)
    if m is not None:
        fields["match"] = shorten(m.group(0))
        for name, value in m.groupdict().items():
            fields[name] = shorten(value or "")

    def fill(placeholder: regex.Match[str]) -> str:
        text = placeholder.group(0)
        if text in ("{{", "}}"):
            return text[0]
        name = placeholder.group(1)
        return str(fields[name]) if name in fields else text

    return _PLACEHOLDER.sub(fill, template)


def shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
