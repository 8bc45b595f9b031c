"""Inline suppression directives.

In Markdown, HTML and plain text, an HTML comment:
    <!-- claimlint-disable [targets] -->          off from this line until enabled again
    <!-- claimlint-enable [targets] -->           on again (no targets: everything)
    <!-- claimlint-disable-next-line [targets] --> off for the next non-blank line
    <!-- claimlint-disable-line [targets] -->      off for this line
In plain text the same directive may also be a whole line starting with # or //:
    # claimlint-disable-next-line absolute-safety
Targets are rule ids, ruleset ids or categories, separated by commas or spaces; none means all.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from claimlint.patterns import lazy_regex

DIRECTIVE = lazy_regex(
    r"(?:<!--[ \t]*|^[ \t]*(?:#|//)[ \t]*)"
    r"claimlint-(?P<action>disable-next-line|disable-line|disable|enable)(?![\w-])"
    r"(?P<targets>[^\n]*?)[ \t]*(?:-->|$)",
    regex.MULTILINE,
)


@dataclass
class Suppression:
    """One suppression directive: the lines it covers and the rules it names."""

    first: int  # lines, 1-based, inclusive
    last: int
    targets: frozenset[str]  # empty: every rule
    line: int  # where the directive is
    used: bool = False

    def covers(self, line: int, names: tuple[str, ...]) -> bool:
        return self.first <= line <= self.last and (not self.targets or any(n in self.targets for n in names))


@dataclass
class Suppressions:
    """A document's suppression directives."""

    items: list[Suppression] = field(default_factory=list)

    def to_list(self) -> list[list[object]]:
        return [[item.first, item.last, sorted(item.targets), item.line] for item in self.items]

    @classmethod
    def from_list(cls, data: list[list[object]]) -> "Suppressions":
        return cls([Suppression(int(a), int(b), frozenset(map(str, t)), int(c)) for a, b, t, c in data])  # type: ignore[call-overload, arg-type]

    def suppressed(self, line: int, names: tuple[str, ...]) -> bool:
        hit = False
        for item in self.items:
            if item.covers(line, names):
                item.used = True
                hit = True
        return hit


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for m in regex.finditer(r"\r\n|\r|\n", text):
        starts.append(m.end())
    return starts


def parse(source: str, markup: str) -> Suppressions:
    if "claimlint-" not in source:
        return Suppressions()
    starts = _line_starts(source)
    lines = source.splitlines()
    result = Suppressions()
    open_: dict[str, tuple[int, int]] = {}  # target ("" for all) -> (first line, directive line)
    import bisect

    for m in DIRECTIVE.finditer(source):
        if markup != "text" and not m.group(0).lstrip().startswith("<!--"):
            continue
        line = bisect.bisect_right(starts, m.start())
        targets = frozenset(t for t in regex.split(r"[\s,]+", m.group("targets").strip()) if t)
        action = m.group("action")
        if action == "disable-line":
            result.items.append(Suppression(line, line, targets, line))
        elif action == "disable-next-line":
            nxt = line + 1
            while nxt <= len(lines) and not lines[nxt - 1].strip():
                nxt += 1
            result.items.append(Suppression(nxt, nxt, targets, line))
        elif action == "disable":
            for target in targets or {""}:
                open_.setdefault(target, (line, line))
        else:  # enable
            closing = list(open_) if not targets else [t for t in targets if t in open_]
            for target in closing:
                first, at = open_.pop(target)
                result.items.append(Suppression(first, line, frozenset({target} - {""}), at))
    for target, (first, at) in open_.items():
        result.items.append(Suppression(first, max(len(lines), first), frozenset({target} - {""}), at))
    return result
