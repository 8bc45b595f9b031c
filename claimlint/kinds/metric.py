"""kind = "metric": a readability score of each paragraph (or the document) above a limit.

textstat is imported only when a metric rule actually runs: it costs about half a
second at start-up, which runs without metric rules should not pay.
"""
from __future__ import annotations

from typing import Any, Callable, Iterator

from claimlint.document import Document
from claimlint.kinds.base import CompileContext
from claimlint.matching import Hit
from claimlint.rules import Rule
from claimlint.schema import Field

NAME = "metric"
METRICS = {
    "flesch-kincaid-grade": "flesch_kincaid_grade",
    "gunning-fog": "gunning_fog",
    "smog-index": "smog_index",
    "coleman-liau-index": "coleman_liau_index",
    "automated-readability-index": "automated_readability_index",
}
FIELDS = {
    "metric": Field("choice", required=True, choices=tuple(METRICS)),
    "scope": Field("choice", default="block", choices=("block", "document")),
    "max": Field("number", required=True, doc="report when the score is above this"),
    "min_words": Field("int", default=40, doc="skip units shorter than this: scores of short texts are noise"),
    "blocks": Field("str-list", default=["paragraph", "list-item", "quote"], doc="block kinds scored"),
}


def _metric(name: str) -> Callable[[str], float]:
    import textstat  # noqa: PLC0415  (lazy on purpose)

    return getattr(textstat, METRICS[name])  # type: ignore[no-any-return]


class MetricChecker:
    def __init__(self, rule: Rule, ctx: CompileContext) -> None:
        self.options: dict[str, Any] = rule.options
        self.metric_name = rule.options["metric"]

    def check(self, doc: Document) -> Iterator[Hit]:
        score = None
        units = [(0, len(doc.text))] if self.options["scope"] == "document" else [
            (b.start, b.end) for b in doc.blocks if b.kind in self.options["blocks"]
        ]
        for start, end in units:
            text = doc.text[start:end]
            if len(text.split()) < self.options["min_words"]:
                continue
            score = score or _metric(self.metric_name)
            value = float(score(text))
            if value > self.options["max"]:
                first_line_end = text.find("\n")
                shown_end = end if first_line_end == -1 else start + first_line_end
                yield Hit(start, shown_end, extra={"value": round(value, 1), "threshold": self.options["max"]})


def compile(rule: Rule, ctx: CompileContext) -> MetricChecker:
    return MetricChecker(rule, ctx)
