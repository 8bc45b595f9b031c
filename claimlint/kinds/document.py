"""kind = "document": markers that need something elsewhere in the document.

When a marker occurs (e.g. first-person product promotion) and none of the
`disclosures` is found anywhere in the document, every marker is reported.
"""
from __future__ import annotations

from typing import Iterator

import regex

from claimlint.document import Document
from claimlint.kinds.base import CompileContext
from claimlint.matching import MATCH_FIELDS, Hit, Matcher, search
from claimlint.superset import accelerated
from claimlint.patterns import compile_set
from claimlint.rules import Rule
from claimlint.schema import Field

NAME = "document"
FIELDS = dict(MATCH_FIELDS)
FIELDS.update(
    {
        "disclosures": Field("str-list", required=True, doc="regexes: any one found in the document excuses every marker"),
        "min_markers": Field("int", default=1, doc="report only when the document has at least this many markers"),
    }
)


class DocumentChecker:
    def __init__(self, rule: Rule, ctx: CompileContext) -> None:
        self.rule_id = rule.id
        self.timeout = ctx.timeout
        self.matcher = Matcher(rule.options, ctx.terms, ctx.where, rule.id, ctx.timeout)
        flags = regex.V0 | (0 if rule.options["case_sensitive"] else regex.IGNORECASE)
        self.disclosure = compile_set([], rule.options["disclosures"], ctx.terms, ctx.where, pattern_key="disclosures", flags=flags)
        self.min_markers = rule.options["min_markers"]
        accelerated(self.disclosure)

    def check(self, doc: Document) -> Iterator[Hit]:
        markers = list(self.matcher.matches(doc))
        if len(markers) < self.min_markers:
            return
        assert self.disclosure is not None
        if search(self.disclosure, doc.text, 0, len(doc.text), self.rule_id, self.timeout) is not None:
            return
        for m in markers:
            yield Hit(m.start(), m.end(), extra={"m": m, "count": len(markers)})


def compile(rule: Rule, ctx: CompileContext) -> DocumentChecker:
    return DocumentChecker(rule, ctx)
