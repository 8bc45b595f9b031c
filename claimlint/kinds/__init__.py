"""Rule kinds: each kind is one module with NAME, FIELDS and compile(rule, ctx) -> checker.

A checker has check(doc, run) yielding Hits for one document. A kind that compares
documents (fact, claim) also has extract(doc) -> records and compare(...) -> findings.
"""
from __future__ import annotations

import importlib
from types import ModuleType

KIND_MODULES = {
    "pattern": "claimlint.kinds.pattern",
    "document": "claimlint.kinds.document",
    "metric": "claimlint.kinds.metric",
    "limit": "claimlint.kinds.limit",
    "fact": "claimlint.kinds.fact",
    "claim": "claimlint.kinds.claim",
}


# The kinds whose checkers compare documents (extract and compare).
CORPUS_KINDS = frozenset({"fact", "claim"})


def is_corpus_kind(name: str) -> bool:
    return name in CORPUS_KINDS


def kind_module(name: str) -> ModuleType | None:
    dotted = KIND_MODULES.get(name)
    if dotted is None:
        return None
    try:
        return importlib.import_module(dotted)
    except ModuleNotFoundError as error:
        if error.name == dotted:
            return None
        raise
