"""kind = "pattern": a phrase or regex in a sentence, with unless / requires / negation."""
from __future__ import annotations

from typing import Iterator

from claimlint.document import Document
from claimlint.kinds.base import CompileContext
from claimlint.matching import MATCH_FIELDS, Hit, Matcher
from claimlint.rules import Rule

NAME = "pattern"
FIELDS = dict(MATCH_FIELDS)


class PatternChecker:
    def __init__(self, rule: Rule, ctx: CompileContext) -> None:
        self.matcher = Matcher(rule.options, ctx.terms, ctx.where, rule.id, ctx.timeout)

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in self.matcher.matches(doc):
            yield Hit(m.start(), m.end(), extra={"m": m})


def compile(rule: Rule, ctx: CompileContext) -> PatternChecker:
    return PatternChecker(rule, ctx)
