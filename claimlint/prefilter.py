"""A literal prefilter: run a rule's regex only on the sentences that can match it.

Most sentences of an article match none of a rule's patterns, and a full regex scan
of every sentence for every rule was the dominant cost (about 0.02 MB/s with the full
default rulesets). From each pattern we derive, soundly, a set of literal strings at
least one of which every match must contain (as Google's codesearch and RE2 do). One
pass over the lower-cased text finds all literals of all rules at once (Aho-Corasick
when pyahocorasick is installed, str.find otherwise); a rule's regex then runs only in
the sentences or blocks where one of its literals occurs. Patterns the analysis cannot
read, or whose literals are too short to be selective, simply run everywhere.
"""
from __future__ import annotations

import bisect
import hashlib
import json
from pathlib import Path
from typing import Any, Iterable, Sequence

try:  # Python's own regex parser reads the syntax most patterns use.
    import re._constants as C  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

try:
    import ahocorasick  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - the fallback is tested by forcing it
    ahocorasick = None

SHIPPED_NAME = "prefilter-literals.json"
MIN_LITERAL = 3  # shorter literals occur in nearly every sentence: not worth it
MAX_LITERALS = 2000  # a bigger set is a sign the analysis went wrong; run everywhere instead


_shipped: dict[str, list[list[str]] | None] | None = None
SEEN: dict[str, tuple[frozenset[str], ...] | None] = {}  # this process's analyses, for regenerating the file


def _key(pattern: str) -> str:
    return hashlib.sha256(pattern.encode("utf-8")).hexdigest()[:24]


def _load_shipped() -> dict[str, list[list[str]] | None]:
    global _shipped
    if _shipped is None:
        from claimlint.rulesets import bundled_dir

        try:
            _shipped = json.loads((bundled_dir() / SHIPPED_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _shipped = {}
    return _shipped


def literals_for(pattern: str) -> tuple[frozenset[str], ...] | None:
    """required_literals, read from the file shipped with the bundled rulesets when it
    holds this pattern: analysing ~80 big patterns with Python's parser cost about half
    a second at every start. A pattern not in the file (a user's, or an edited one) is
    analysed here; the file is only a cache and can never make the answer wrong."""
    key = _key(pattern)
    shipped = _load_shipped()
    if key in shipped:
        value = shipped[key]
        found = None if value is None else tuple(frozenset(item) for item in value)
    else:
        found = required_literals(pattern)
    SEEN[key] = found
    return found


def write_shipped(path: Path) -> int:
    """Write the analyses of every pattern seen in this process (see __main__)."""
    data = {key: None if found is None else [sorted(item) for item in found] for key, found in sorted(SEEN.items())}
    path.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    return len(data)


def required_literals(pattern: str) -> tuple[frozenset[str], ...] | None:
    """Sets of lower-cased strings such that every match of pattern contains at least one
    string of *each* set (a conjunction: "a verb" and "a disease").

    None means no useful constraint: the pattern can match without any literal we
    know of, or it uses syntax this analysis does not read.
    """
    try:
        parsed = sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - regex-module-only syntax, e.g. \\G or \\p{L}
        return None
    useful = tuple(
        found for found in _conjunction(list(parsed))
        if len(found) <= MAX_LITERALS and min(len(x) for x in found) >= MIN_LITERAL
    )
    return useful or None


def _quality(found: frozenset[str]) -> tuple[int, int]:
    return (min(map(len, found)), -len(found))


def _best(constraints: list[frozenset[str]]) -> frozenset[str] | None:
    return max(constraints, key=_quality) if constraints else None


def _conjunction(items: list[Any]) -> list[frozenset[str]]:
    """Every constraint a sequence imposes: each of its literal runs and required parts."""
    constraints: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in items:
        if op is C.LITERAL:
            run.append(chr(arg).lower())
            continue
        if run:
            constraints.append(frozenset({"".join(run)}))
            run = []
        constraints.extend(_node(op, arg))
    if run:
        constraints.append(frozenset({"".join(run)}))
    return constraints


def _node(op: Any, arg: Any) -> list[frozenset[str]]:
    if op is C.SUBPATTERN:
        return _conjunction(list(arg[-1]))
    if op is C.BRANCH:
        union: set[str] = set()
        for branch in arg[1]:
            best = _best(_conjunction(list(branch)))
            if best is None:
                return []
            union |= best
        return [frozenset(union)]
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, _high, child = arg
        return _conjunction(list(child)) if low >= 1 else []
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _conjunction(list(arg))
    return []  # classes, any, anchors, lookarounds, back-references: no literal


class LiteralIndex:
    """Every literal of every registered pattern, found in one pass per document."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self._automaton: Any = None
        self._doc_id: int | None = None
        self._doc_text: str | None = None
        self._hits: dict[int, list[int]] = {}

    def register(self, literals: Iterable[str]) -> list[int]:
        ids = []
        for literal in literals:
            if literal not in self.ids:
                self.ids[literal] = len(self.ids)
                self._automaton = None
                self._doc_text = None  # hits found before this literal existed are incomplete
            ids.append(self.ids[literal])
        return ids

    def _build(self) -> Any:
        if ahocorasick is None:
            return None
        automaton = ahocorasick.Automaton()
        for literal, ident in self.ids.items():
            automaton.add_word(literal, (ident, len(literal)))
        automaton.make_automaton()
        return automaton

    def hits(self, text: str) -> dict[int, list[int]]:
        """literal id -> start offsets in text (of the lower-cased text, same length)."""
        if self._doc_text is text:
            return self._hits
        lower = text.lower()
        hits: dict[int, list[int]] = {}
        if len(lower) != len(text):  # rare case-mappings change length: offsets would lie
            lower = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)
        if ahocorasick is not None and self.ids:
            if self._automaton is None:
                self._automaton = self._build()
            for end, (ident, length) in self._automaton.iter(lower):
                hits.setdefault(ident, []).append(end - length + 1)
        else:
            for literal, ident in self.ids.items():
                at = lower.find(literal)
                while at != -1:
                    hits.setdefault(ident, []).append(at)
                    at = lower.find(literal, at + 1)
        self._doc_text, self._hits = text, hits
        return hits


INDEX = LiteralIndex()


class Prefilter:
    """Which units (sentences or blocks) of a document a pattern can match in."""

    def __init__(self, constraints: tuple[frozenset[str], ...] | None) -> None:
        self.ids = [INDEX.register(sorted(found)) for found in constraints] if constraints else None

    def units(self, text: str, starts: Sequence[int], units: Sequence[Any]) -> list[Any] | None:
        """The units holding a literal of every constraint, in order; None: search everything."""
        if self.ids is None:
            return None
        hits = INDEX.hits(text)
        chosen: set[int] | None = None
        for ids in self.ids:
            here: set[int] = set()
            for ident in ids:
                for at in hits.get(ident, ()):
                    index = bisect.bisect_right(starts, at) - 1
                    if index >= 0 and at < units[index].end:
                        here.add(index)
            chosen = here if chosen is None else chosen & here
            if not chosen:
                return []
        return [units[i] for i in sorted(chosen or ())]


if __name__ == "__main__":  # python -m claimlint.prefilter: regenerate the shipped analyses
    import claimlint.prefilter as _module  # the module the engine uses, not this __main__ copy
    from claimlint import rulesets as _rulesets

    _module._shipped = {}  # analyse everything afresh
    _rulesets.load(["default"], eager=True)
    _target = _rulesets.bundled_dir() / SHIPPED_NAME
    print(f"wrote {_module.write_shipped(_target)} pattern analyses to {_target}")
