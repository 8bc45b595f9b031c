"""Compiling a rule's phrases and regexes, with named term lists and exact error positions."""
from __future__ import annotations

import contextlib
import contextvars
import weakref
from typing import Any, Iterator

import regex

from claimlint.schema import Where

FLAGS = regex.IGNORECASE | regex.V0
# While loading the bundled rulesets, patterns are compiled on first use: the test
# suite validates every bundled pattern, and compiling all of them (pure-Python
# parsing of big term alternations) cost seconds at every start.
_LAZY: contextvars.ContextVar[bool] = contextvars.ContextVar("claimlint_lazy_patterns", default=False)


SHORT_PATTERN = 64  # characters; a shorter lazy pattern is compiled directly until the shipped forms are read

# Every LazyPattern alive (to record the bundled ones: python -m claimlint.precompiled).
ALL_LAZY: "weakref.WeakSet[LazyPattern]" = weakref.WeakSet()


class LazyPattern:
    """A regex compiled the first time it is used (from the shipped compiled form when
    there is one, see claimlint.precompiled); .pattern and .flags need no compiling."""

    __slots__ = ("pattern", "flags", "_compiled", "__weakref__")

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags
        self._compiled: regex.Pattern[str] | None = None
        ALL_LAZY.add(self)

    def compiled(self) -> regex.Pattern[str]:
        if self._compiled is None:
            from claimlint import precompiled

            if len(self.pattern) <= SHORT_PATTERN and not precompiled.loaded():
                # Compiled at once: reading the shipped forms costs ~30 ms, which a run that
                # only needs a few small patterns (a fully cached one) need not pay.
                self._compiled = regex.compile(self.pattern, self.flags)
                return self._compiled

            self._compiled = precompiled.compile(self.pattern, self.flags) or precompiled.compile_and_record(
                self.pattern, self.flags
            )
        return self._compiled

    def search(self, *args: Any, **kwargs: Any) -> regex.Match[str] | None:
        return self.compiled().search(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)


def lazy_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """A module-level regex compiled on first use: importing the dose modules compiled
    about fifty of them, half a second at every start, even for runs that never need them."""
    return LazyPattern(pattern, flags)  # type: ignore[return-value]


def compile_built(pattern: str, flags: int) -> regex.Pattern[str]:
    """A regex a kind builds from validated parts: compiled on first use while loading
    the bundled rulesets (like every bundled pattern), at once otherwise."""
    if _LAZY.get():
        return LazyPattern(pattern, flags)  # type: ignore[return-value]
    return regex.compile(pattern, flags)


@contextlib.contextmanager
def lazy_compilation(enabled: bool = True) -> Iterator[None]:
    token = _LAZY.set(enabled)
    try:
        yield
    finally:
        _LAZY.reset(token)
_TERM_REF = regex.compile(r"\{\{\s*([a-z][a-z0-9_-]*)\s*\}\}")
# Words in a phrase may be written with spaces or hyphens ("risk-free", "risk free").
_GAP = r"(?:\s+|\s*-\s*)"
_PHRASE_SPLIT = regex.compile(r"[\s-]+")


def phrase_to_regex(phrase: str) -> str:
    """A literal phrase as a regex: words escaped, any space/hyphen gap allowed between them.

    A phrase starting with "re:" is taken as a regex as it is.
    """
    if phrase.startswith("re:"):
        return phrase[3:]
    words = _PHRASE_SPLIT.split(phrase.strip())
    # An alphanumeric word has nothing to escape (regex.escape, a loop over characters in
    # Python, was a fifth of building the bundled rules).
    return _GAP.join(word if word.isalnum() else regex.escape(word) for word in words if word)


def alternation(items: list[str]) -> str:
    # Longest first, so that "completely safe and natural" wins over "completely safe".
    return "|".join(sorted(items, key=len, reverse=True))


class Terms:
    """Named lists of phrases that patterns use as {{name}}; a ruleset's own shadow the shared ones."""

    def __init__(self, own: dict[str, list[str]], shared: "Terms | None" = None) -> None:
        self.own = own
        self.shared = shared
        self._cache: dict[str, str] = {}

    def names(self) -> set[str]:
        return set(self.own) | (self.shared.names() if self.shared else set())

    def lookup(self, name: str) -> str | None:
        if name in self._cache:
            return self._cache[name]
        if name in self.own:
            expanded = alternation([self.expand(phrase_to_regex(p)) for p in self.own[name]])
            self._cache[name] = expanded
            return expanded
        return self.shared.lookup(name) if self.shared else None

    def expand(self, pattern: str, depth: int = 0) -> str:
        if depth > 8:
            raise ValueError("term references nest too deeply (a term refers to itself?)")

        def replace(m: regex.Match[str]) -> str:
            found = self.lookup(m.group(1))
            if found is None:
                known = ", ".join(sorted(self.names())) or "none"
                raise KeyError(f"unknown term {{{{{m.group(1)}}}}} (known terms: {known})")
            return "(?:" + self.expand(found, depth + 1) + ")"

        return _TERM_REF.sub(replace, pattern)


def compile_one(source: str, terms: Terms, where: Where, key: tuple, flags: int = FLAGS) -> regex.Pattern[str]:
    """Compile one regex; a bad one is a RulesetError naming its position in the written pattern."""
    try:
        expanded = terms.expand(source)
    except (KeyError, ValueError) as error:
        raise where.error(key, str(error).strip("\"'")) from None
    if _LAZY.get():
        return LazyPattern(expanded, flags)  # type: ignore[return-value]
    try:
        return regex.compile(expanded, flags)
    except regex.error as error:
        position = getattr(error, "pos", None)
        if position is not None and expanded == source:
            detail = f"bad regex {source!r}: {error.msg} at position {position}"
        else:
            detail = f"bad regex {source!r}: {getattr(error, 'msg', error)}"
        raise where.error(key, detail) from None


def compile_set(
    phrases: list[str],
    patterns: list[str],
    terms: Terms,
    where: Where,
    *,
    phrase_key: str = "phrases",
    pattern_key: str = "patterns",
    flags: int = FLAGS,
) -> regex.Pattern[str] | None:
    """Phrases and regexes as one whole-word alternation.

    The alternation is compiled once; only when that fails is each item compiled on its
    own, to name the one at fault (compiling every item twice doubled the load time).
    """
    parts: list[str] = []
    for index, phrase in enumerate(phrases):
        parts.append(r"(?<!\w)(?:" + _expand(terms, phrase_to_regex(phrase), where, (phrase_key, index)) + r")(?!\w)")
    for index, source in enumerate(patterns):
        parts.append("(?:" + _expand(terms, source, where, (pattern_key, index)) + ")")
    if not parts:
        return None
    if _LAZY.get():
        return LazyPattern("|".join(parts), flags)  # type: ignore[return-value]
    try:
        return regex.compile("|".join(parts), flags)
    except regex.error as error:
        for index, phrase in enumerate(phrases):
            compile_one(phrase_to_regex(phrase), terms, where, (phrase_key, index), flags)
        for index, source in enumerate(patterns):
            compile_one(source, terms, where, (pattern_key, index), flags)
        raise where.error(pattern_key, f"the patterns do not compile together: {error}") from None


def _expand(terms: Terms, source: str, where: Where, key: tuple) -> str:
    try:
        return terms.expand(source)
    except (KeyError, ValueError) as error:
        raise where.error(key, str(error).strip("\"'")) from None
