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
import json
from pathlib import Path
from typing import Any, Iterable, Sequence

from claimlint.casefold import fold_in_place
from claimlint.sha import sha256

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

SHIPPED_NAME = "prefilter-analyses.json"
MIN_LITERAL = 3  # shorter literals occur in nearly every sentence: not worth it
MAX_LITERALS = 2000  # a bigger set is a sign the analysis went wrong; run everywhere instead


# key -> its analysis as JSON text, decoded when asked for: the file is one entry per
# line, so the ~300 entries are indexed by splitting lines, and a run decodes only the
# ones its patterns need (parsing the 1.3 MB whole took about 10 ms of every run, a
# warm re-run included, which needs only the corpus rules' ~25).
_shipped: dict[str, str] | None = None
# This process's analyses, for regenerating the shipped file.
SEEN: dict[str, dict[str, Any]] = {}


def _key(pattern: str, flags: int) -> str:
    from claimlint.superset import READING, REFUSED

    return sha256(f"{int(flags) & (READING | REFUSED)}:{pattern}".encode("utf-8")).hexdigest()[:24]


def _load_shipped() -> dict[str, str]:
    global _shipped
    if _shipped is None:
        from claimlint.rulesets import bundled_dir

        try:
            text = (bundled_dir() / SHIPPED_NAME).read_text(encoding="utf-8")
        except (OSError, ValueError):
            text = ""
        entries = {}
        for line in text.split("\n"):  # '"<key>": <analysis>,' (see write_shipped)
            key, sep, rest = line.partition('": ')
            if sep and key.startswith('"'):
                entries[key[1:]] = rest[:-1] if rest.endswith(",") else rest
        _shipped = entries
    return _shipped


def _shipped_analysis(key: str) -> dict[str, Any] | None:
    raw = _load_shipped().get(key)
    if raw is None:
        return None
    try:
        value = json.loads(raw)
    except ValueError:
        return None
    return value if isinstance(value, dict) and set(value) == {"literals", "re2"} else None


def analyse(pattern: str, flags: int) -> dict[str, Any]:
    """Both analyses of a pattern, as stored: {"literals": [[...], ...] | None, "re2": str | None}."""
    from claimlint.superset import translate

    found = required_literals(pattern)
    return {
        "literals": None if found is None else [sorted(item) for item in found],
        "re2": translate(pattern, flags),
    }


def analysis_for(pattern: str, flags: int) -> tuple[tuple[frozenset[str], ...] | None, str | None]:
    """(required literals, RE2 superset translation) of a pattern, read from the file
    shipped with the bundled rulesets when it holds this pattern: analysing the ~80 big
    bundled patterns with Python's parser costs about a second at every start. A pattern
    not in the file (a user's, or an edited one) is analysed here; the file is only a
    cache and can never make the answer wrong."""
    key = _key(pattern, flags)
    value = SEEN.get(key) or _shipped_analysis(key)
    if value is None:
        value = analyse(pattern, flags)
    SEEN[key] = value
    literals = value["literals"]
    return (None if literals is None else tuple(frozenset(item) for item in literals)), value["re2"]


def write_shipped(path: Path) -> int:
    """Write the analyses of every pattern seen in this process (see __main__)."""
    # JSON, one entry per line (read line by line by _load_shipped).
    lines = [f"{json.dumps(key)}: {json.dumps(value, sort_keys=True)}" for key, value in sorted(SEEN.items())]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")
    return len(SEEN)


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
            literal = fold_in_place(literal)
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
        lower = fold_in_place(text)
        hits: dict[int, list[int]] = {}
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


class UnitScan:
    """The units of one document in the ASCII form RE2 reads (see claimlint.superset:
    each non-ASCII character is a placeholder byte), one per line, so that one RE2 pass
    per pattern finds the units it could match in (line anchors hold at every unit's ends,
    as ^ and $ may there in a search bounded to the unit)."""

    def __init__(self, text: str, units: Sequence[Any]) -> None:
        from claimlint.superset import ascii_form

        offsets: list[int] = []
        indexes: list[int] = []
        parts: list[str] = []
        at = 0
        for i, unit in enumerate(units):
            segment = text[unit.start : unit.end]
            offsets.append(at)
            indexes.append(i)
            parts.append(ascii_form(segment))
            at += len(segment) + 1
        self.offsets = offsets
        self.indexes = indexes
        self.data = "\n".join(parts).encode("ascii")

    def possible(self, scanner: Any) -> set[int]:
        """Indexes of the units where scanner (a superset of the real pattern) matches."""
        found: set[int] = set()
        data, offsets, indexes = self.data, self.offsets, self.indexes
        end = len(data)
        pos = 0
        while pos < end:
            span = scanner(data, pos, end)
            if span is None:
                break
            k = bisect.bisect_right(offsets, span) - 1
            found.add(indexes[k])
            pos = offsets[k + 1] if k + 1 < len(offsets) else end
        return found


_SCANS: dict[int, tuple[str, Sequence[Any], UnitScan]] = {}


def unit_scan(text: str, units: Sequence[Any]) -> UnitScan:
    """The UnitScan of the document in hand (one per unit list: sentences, blocks)."""
    entry = _SCANS.get(id(units))
    if entry is not None and entry[0] is text and entry[1] is units:
        return entry[2]
    if any(held is not text for held, _units, _scan in _SCANS.values()):
        _SCANS.clear()  # a new document: drop the last one's
    scan = UnitScan(text, units)
    _SCANS[id(units)] = (text, units, scan)
    return scan


class Prefilter:
    """Which units (sentences or blocks) of a document a pattern can match in: those
    holding its required literals and, when RE2 is available, where its superset
    translation matches (see claimlint.superset)."""

    def __init__(self, constraints: tuple[frozenset[str], ...] | None, translated: str | None = None) -> None:
        self.ids = [INDEX.register(sorted(found)) for found in constraints] if constraints else None
        self._id_sets = [frozenset(ids) for ids in self.ids] if self.ids is not None else None
        from claimlint.superset import WarmScanner

        self._scanner = WarmScanner(translated)

    @classmethod
    def for_pattern(cls, pattern: Any) -> "Prefilter":
        """For a compiled (or lazy) pattern: anything with .pattern and .flags."""
        return cls(*analysis_for(pattern.pattern, pattern.flags))

    def units(self, text: str, starts: Sequence[int], units: Sequence[Any]) -> list[Any] | None:
        """The candidate units, in order; None: search everything."""
        scanner = self._scanner.ready(len(text))
        if scanner is None:
            chosen = self._literal_units(text, starts, units)
            return None if chosen is None else [units[i] for i in sorted(chosen)]
        # RE2 finds the units itself: the literals only rule out whole documents (placing
        # every literal hit in its unit cost more than the scan it would save).
        if not self._literals_in(text):
            return []
        return [units[i] for i in sorted(unit_scan(text, units).possible(scanner))]

    def _literals_in(self, text: str) -> bool:
        """Does the document hold a literal of every constraint?"""
        if self.ids is None:
            return True
        hits = INDEX.hits(text)
        assert self._id_sets is not None
        return not any(ids.isdisjoint(hits) for ids in self._id_sets)  # set operations in C

    def _literal_units(self, text: str, starts: Sequence[int], units: Sequence[Any]) -> set[int] | None:
        """Indexes of the units holding a literal of every constraint; None: no constraint."""
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
                return set()
        return chosen


if __name__ == "__main__":  # python -m claimlint.prefilter: regenerate the shipped analyses
    import claimlint.prefilter as _module  # the module the engine uses, not this __main__ copy
    from claimlint import rulesets as _rulesets

    _module._shipped = {}  # analyse everything afresh
    _module.SEEN.clear()
    _rulesets.load(["default"], eager=True)
    from claimlint.superset import end_tail, known_patterns

    for _pattern in known_patterns():  # every pattern a search may be sped up for
        _module.analysis_for(_pattern.pattern, _pattern.flags)
        _tail = end_tail(_pattern.pattern, _pattern.flags)
        if _tail is not None:
            _module.analysis_for(_tail, _pattern.flags)
    _target = _rulesets.bundled_dir() / SHIPPED_NAME
    print(f"wrote {_module.write_shipped(_target)} pattern analyses to {_target}")
