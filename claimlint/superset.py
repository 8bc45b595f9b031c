"""A fast, sound "could this text match here?" test for a rule's regex, run by RE2.

The exact matching is done by the ``regex`` module (lookarounds, ``\\G``, timeouts), whose
backtracking search over big case-insensitive alternations costs tens of microseconds per
sentence and about a millisecond per article. RE2 (google-re2) scans the same alternations
in linear time, far faster, but reads a smaller language. So each pattern is *translated*
into an RE2 pattern that matches a **superset** of what it matches:

- lookarounds are dropped, anchors become line anchors (a weaker pattern); word
  boundaries are kept (exact on the copy described below);
- possessive repeats and atomic groups become ordinary ones (they only forbid matches);
- a back-reference becomes "any text"; a repeat of more than three becomes unbounded;
- RE2 runs over an ASCII copy of the document, where every non-ASCII character is the
  byte ``\\x01``, or ``_`` when it is a word character (one character for one, so
  offsets are unchanged and ``\\b`` reads the copy as the text), and every part of the
  translation that could match some non-ASCII character also accepts its placeholder.

Every match of the real pattern is therefore a match of its translation at the same place.
:func:`search` uses this: RE2 finds the next place the translation matches, the real pattern
is tried there, anchored, and so on; the result is exactly ``pattern.search`` (the leftmost
match), found in a few anchored attempts instead of an attempt at every offset. The
translation never decides a finding. Patterns it cannot read (Unicode properties, the regex
module's own flags) get no translation and are searched as before.
"""
from __future__ import annotations

import functools
import re as _re
import time as _time
from typing import Any, Iterator

import regex

try:
    import re._constants as C  # type: ignore[import-not-found]
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python < 3.11
    import sre_constants as C  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

try:
    import re2  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - the fallback is tested by forcing it
    re2 = None

IGNORECASE = 2  # the same bits in re, regex and sre
DOTALL = 16
VERBOSE = 64
# Flags that change how a pattern reads: part of the cache key and given to the parser.
READING = IGNORECASE | DOTALL | VERBOSE
# The regex module's own flags (V1 set operations, full case folding, WORD, fuzzy, locale):
# Python's parser would read such a pattern differently, so it gets no translation.
REFUSED = 256 | 16384 | 2048 | 4096 | 32768 | 4
SMALL_REPEAT = 3  # bounded repeats up to this many are kept exactly

# The ASCII members of the regex module's \d, \w and \s (checked against it in the tests).
_MEMBERS = {
    C.CATEGORY_DIGIT: "0123456789",
    C.CATEGORY_WORD: "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz",
    C.CATEGORY_SPACE: "\t\n\x0b\x0c\r ",
}
_NEGATED = {C.CATEGORY_NOT_DIGIT: C.CATEGORY_DIGIT, C.CATEGORY_NOT_WORD: C.CATEGORY_WORD,
            C.CATEGORY_NOT_SPACE: C.CATEGORY_SPACE}
# ASCII letters that, ignoring case, also match a non-ASCII character (İ, ſ, the Kelvin
# sign; checked against the regex module in the tests).
_FOLDS_OUTSIDE_ASCII = frozenset("iIsSkK")
# ... and those non-ASCII characters with the ASCII letters they match.
_FOLDS_INTO_ASCII = {0x130: "iI", 0x131: "iI", 0x17F: "sS", 0x212A: "kK"}
PLACEHOLDER = 1  # the byte standing for a non-ASCII character that is not a word character
WORD_PLACEHOLDER = ord("_")  # ... and for one that is (so that \b reads the copy as the text)
PLACEHOLDERS = frozenset({PLACEHOLDER, WORD_PLACEHOLDER})
ASCII = frozenset(range(128))


class Untranslatable(Exception):
    pass


def _prepare(pattern: str) -> str:
    """What Python's parser can read: a group name used twice (the regex module allows
    it) is made unique, ``(?<name>`` is spelt ``(?P<name>``, ``\\G`` is dropped (an
    anchor); letter properties become their ASCII letters and the placeholder, other
    Unicode properties are refused."""
    out: list[str] = []
    seen: dict[str, int] = {}
    i, n = 0, len(pattern)
    in_class = negated_class = False
    while i < n:
        ch = pattern[i]
        if ch == "\\" and i + 1 < n:
            nxt = pattern[i + 1]
            if nxt in "pP":
                # \p{L}, \p{Lu}, \p{Ll} (letters): their ASCII members and the placeholders
                # (ignoring case, the regex module lets \p{Lu} match lower case too). A
                # non-ASCII letter is a word character: its placeholder is "_", not \x01.
                close = pattern.find("}", i) if pattern.startswith("{", i + 2) else i + 2
                name = pattern[i + 3 : close] if pattern.startswith("{", i + 2) else pattern[i + 2 : i + 3]
                if nxt == "P" or negated_class or name not in ("L", "Lu", "Ll", "Letter"):
                    raise Untranslatable(f"\\{nxt}")
                out.append("A-Za-z_\\x01" if in_class else "[A-Za-z_\\x01]")
                i = close + 1
                continue
            if nxt == "G" and not in_class:
                i += 2
                continue
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = negated_class = False
            out.append(ch)
            i += 1
            continue
        if ch == "[":
            in_class = True
            negated_class = False
            out.append(ch)
            i += 1
            if i < n and pattern[i] == "^":
                negated_class = True
                out.append("^")
                i += 1
            if i < n and pattern[i] == "]":  # a leading ] is a member
                out.append("]")
                i += 1
            continue
        if pattern.startswith("(?P<", i) or (pattern.startswith("(?<", i) and pattern[i + 3 : i + 4] not in ("=", "!")):
            open_ = i + (4 if pattern[i + 2] == "P" else 3)
            close = pattern.find(">", open_)
            if close == -1:
                raise Untranslatable("group name")
            name = pattern[open_:close]
            seen[name] = seen.get(name, 0) + 1
            out.append(f"(?P<{name}>" if seen[name] == 1 else f"(?P<{name}__{seen[name]}>")
            i = close + 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def uses_start_anchor(pattern: str) -> bool:
    """Does pattern use \\G (which matches where a search starts)? Then an anchored attempt
    at a later offset would not be the same as the search, and :func:`search` searches
    with the regex module alone."""
    i = pattern.find("\\G")
    while i != -1:
        backslashes = len(pattern[:i]) - len(pattern[:i].rstrip("\\"))
        if backslashes % 2 == 0:
            return True
        i = pattern.find("\\G", i + 2)
    return False


_INLINE_FLAGS = _re.compile(r"\(\?[a-zA-Z^-]*[mxMX]")


def _structure(pattern: str, start: int) -> Iterator[tuple[int, str, int]]:
    """(offset, character, depth after it) of every parenthesis and bar of pattern from
    start on, outside escapes and classes (a class's leading ] or ^] is a member)."""
    depth, i, n = 0, start, len(pattern)
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "[":  # skip to the closing bracket
            i += 1
            if i < n and pattern[i] == "^":
                i += 1
            if i < n and pattern[i] == "]":
                i += 1
            while i < n and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
        elif ch in "()|":
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth
        i += 1


@functools.lru_cache(maxsize=1024)  # the same unless_before test is in many rules
def end_anchored(pattern: str, flags: int) -> bool:
    """Can a match of pattern start only where ``$`` holds (pattern is ``$`` followed by
    anything without a top-level ``|``, no multi-line or verbose mode)? Then a search
    need only try the end of the text and, when the text ends with a newline, the
    position before it: where the regex module's ``$`` matches. ``unless_before`` tests
    are written this way (``$(?<=...)``: "the text before the match ends with ...")."""
    if not pattern.startswith("$") or flags & (regex.MULTILINE | regex.VERBOSE | regex.V1):
        return False
    if _INLINE_FLAGS.search(pattern) or "(?V1" in pattern:  # inline multi-line, verbose, nested classes
        return False
    depth = 0
    for _at, ch, depth in _structure(pattern, 1):
        if ch == "|" and depth == 0:
            return False
    return depth == 0


def end_tail(pattern: str, flags: int) -> str | None:
    """For an end-anchored pattern that is one lookbehind, ``$(?<=X)``: ``(?:X)$``, whose
    translation RE2 can search in the text before the end. It matches wherever X ends at
    the end (or a line end), so when RE2 finds no match there the lookbehind cannot hold,
    and the regex module need not try it: for a long X that costs it up to 80 us."""
    if not pattern.startswith("$(?<=") or not end_anchored(pattern, flags):
        return None
    for at, ch, depth in _structure(pattern, 1):
        if ch == ")" and depth == 0:  # the lookbehind's closing parenthesis
            return f"(?:{pattern[5:at]})$" if at == len(pattern) - 1 else None
    return None


def translate(pattern: str, flags: int = 0) -> str | None:
    """An RE2 pattern that matches, in the ASCII copy of any text, wherever pattern
    matches in the text itself (and maybe elsewhere); None when there is none."""
    if flags & REFUSED:
        return None
    try:
        parsed = sre_parse.parse(_prepare(pattern), flags & READING)
        global_flags = parsed.state.flags
        if global_flags & REFUSED:
            return None
        body = _seq(list(parsed), bool(global_flags & IGNORECASE), bool(global_flags & DOTALL))
    except Exception:  # noqa: BLE001 - Untranslatable, or syntax Python's parser rejects: no translation
        return None
    return body


def _char(code: int) -> str:
    if code < 128 and (chr(code).isalnum() or chr(code) == "_"):
        return chr(code)
    return f"\\x{{{code:x}}}"


def _ranges(codes: set[int]) -> str:
    """A set of code points as RE2 class ranges."""
    out: list[str] = []
    ordered = sorted(codes)
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        out.append(_char(ordered[i]) if i == j else f"{_char(ordered[i])}-{_char(ordered[j])}")
        i = j + 1
    return "".join(out)


def _with_case(codes: set[int], icase: bool) -> tuple[set[int], bool]:
    """codes with their ASCII case partners when ignoring case, and whether some non-ASCII
    character would match one of them."""
    if not icase:
        return codes, False
    out = set(codes)
    outside = False
    for code in codes:
        ch = chr(code)
        if ch.isalpha():
            out.add(ord(ch.lower()))
            out.add(ord(ch.upper()))
            outside = outside or ch in _FOLDS_OUTSIDE_ASCII
    return out, outside


# Which placeholders a class's non-ASCII members can stand behind: non-ASCII spaces are
# not word characters, non-ASCII digits and letters are, \S and \D have both kinds.
_CATEGORY_OUTSIDE = {
    C.CATEGORY_SPACE: {PLACEHOLDER}, C.CATEGORY_NOT_WORD: {PLACEHOLDER},
    C.CATEGORY_WORD: {WORD_PLACEHOLDER}, C.CATEGORY_DIGIT: {WORD_PLACEHOLDER},
    C.CATEGORY_NOT_SPACE: set(PLACEHOLDERS), C.CATEGORY_NOT_DIGIT: set(PLACEHOLDERS),
}


def _placeholder_of(code: int) -> int:
    return WORD_PLACEHOLDER if _NON_ASCII_WORD.fullmatch(chr(code)) else PLACEHOLDER


def _class_set(items: list[Any], icase: bool) -> set[int]:
    """The ASCII bytes a character class matches in the copy RE2 reads: its ASCII
    members, and the placeholders its non-ASCII members stand behind."""
    negate = False
    codes: set[int] = set()
    outside: set[int] = set()
    for op, arg in items:
        if op is C.NEGATE:
            negate = True
        elif op is C.LITERAL:
            if arg < 128:
                codes.add(arg)
            else:
                outside.add(_placeholder_of(arg))
                if icase:  # its case partners may be other non-ASCII characters, of either kind
                    outside |= PLACEHOLDERS
                    codes.update(map(ord, _FOLDS_INTO_ASCII.get(arg, "")))
        elif op is C.RANGE:
            low, high = arg
            codes.update(range(low, min(high, 127) + 1))
            if high >= 128:
                outside |= PLACEHOLDERS
            if icase:
                for code, letters in _FOLDS_INTO_ASCII.items():
                    if low <= code <= high:
                        codes.update(map(ord, letters))
        elif op is C.CATEGORY:
            if arg in _MEMBERS:
                codes.update(map(ord, _MEMBERS[arg]))
            elif arg in _NEGATED:
                codes.update(ASCII - set(map(ord, _MEMBERS[_NEGATED[arg]])))
            else:
                raise Untranslatable(str(arg))
            outside |= _CATEGORY_OUTSIDE[arg]
        else:
            raise Untranslatable(str(op))
    codes, folded = _with_case(codes, icase)
    if folded:
        outside.add(WORD_PLACEHOLDER)  # İ ı ſ K are letters
    if negate:
        # Unsure which non-ASCII characters remain: any may, so both placeholders do.
        return (ASCII - codes) | PLACEHOLDERS
    return codes | outside


def _set(codes: set[int]) -> str:
    if not codes:
        return "[^\\x{0}-\\x{10ffff}]"  # matches nothing
    if len(codes) == 1:
        return _char(next(iter(codes)))
    return f"[{_ranges(codes)}]"


def _seq(items: list[Any], icase: bool, dotall: bool) -> str:
    return "".join(_node(op, arg, icase, dotall) for op, arg in items)


def _node(op: Any, arg: Any, icase: bool, dotall: bool) -> str:
    if op is C.LITERAL:
        if arg < 128 and not (icase and chr(arg).isalpha()):
            return _char(arg)
        return _set(_class_set([(C.LITERAL, arg)], icase))
    if op is C.NOT_LITERAL:
        return _set(_class_set([(C.NEGATE, None), (C.LITERAL, arg)], icase))
    if op is C.ANY:
        return "(?s:.)" if dotall else "."
    if op is C.IN:
        return _set(_class_set(list(arg), icase))
    if op is C.BRANCH:
        return "(?:" + "|".join(_seq(list(branch), icase, dotall) for branch in arg[1]) + ")"
    if op is C.SUBPATTERN:
        _group, add, remove, child = arg
        inner_icase = (icase or bool(add & IGNORECASE)) and not remove & IGNORECASE
        inner_dotall = (dotall or bool(add & DOTALL)) and not remove & DOTALL
        if add & REFUSED:
            raise Untranslatable("flags")
        return f"(?:{_seq(list(child), inner_icase, inner_dotall)})"
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)):
        low, high, child = arg
        body = _seq(list(child), icase, dotall)
        if high is not C.MAXREPEAT and high <= SMALL_REPEAT:
            quant = "?" if (low, high) == (0, 1) else f"{{{low},{high}}}"
        else:
            # "{0,200}" is 200 copies of its body in RE2's program, and the lazily built
            # DFA pays for every copy: an unbounded repeat is a superset and one loop.
            quant = "*" if low == 0 else "+"
        return f"(?:{body}){quant}"
    if op is getattr(C, "ATOMIC_GROUP", None):
        return f"(?:{_seq(list(arg), icase, dotall)})"
    if op is C.AT and arg in (C.AT_BEGINNING, C.AT_BEGINNING_STRING):
        return "(?m:^)"  # at a line start: a superset of ^ and \A, multi-line or not
    if op is C.AT and arg in (C.AT_END, C.AT_END_STRING):
        return "(?m:$)"  # at a line end: a superset of $ and \Z
    if op is C.AT and arg is C.AT_BOUNDARY:
        # Exact on the copy: each character keeps its word-ness (see ascii_form). (\B is
        # dropped: where units are scanned one per line, a unit cut inside a word would
        # read a boundary at its start that the text does not have.)
        return "\\b"
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
        return ""  # a weaker pattern: every match of the original still matches
    if op is C.GROUPREF:
        return "(?s:.)*"
    if op is C.GROUPREF_EXISTS:
        _group, yes, no = arg
        return "(?:" + _seq(list(yes), icase, dotall) + "|" + (_seq(list(no), icase, dotall) if no else "") + ")"
    raise Untranslatable(str(op))


_COMPILED: dict[str, Any] = {}


def compile_re2(translated: str) -> Any:
    """The compiled RE2 object (one per translation), or None when RE2 is missing or
    refuses the pattern."""
    if translated not in _COMPILED:
        _COMPILED[translated] = _compile_re2(translated)
    return _COMPILED[translated]


# RE2's own default budget, which bounds each pattern's lazily built DFA: with 64 MB for
# every pattern a cold run over 2,000 generated files peaked at 475 MB instead of 160 MB.
MAX_MEM = 8 << 20
# A translation of a long term list (a disease list, say) has so many states that its DFA
# keeps running out of 8 MB and RE2 falls back to its NFA, twenty times slower: the few
# translations this long get four times the budget.
LARGE_TRANSLATION = 40_000  # characters
LARGE_MAX_MEM = 32 << 20
_OPTIONS_BY_MEM: dict[int, Any] = {}


def _options(max_mem: int) -> Any:
    options = _OPTIONS_BY_MEM.get(max_mem)
    if options is None:
        options = re2.Options()
        options.never_capture = True
        options.log_errors = False
        options.max_mem = max_mem
        _OPTIONS_BY_MEM[max_mem] = options
    return options


def _compile_re2(translated: str) -> Any:
    if re2 is None:
        return None
    try:
        return re2.compile(translated, _options(LARGE_MAX_MEM if len(translated) > LARGE_TRANSLATION else MAX_MEM))
    except Exception:  # noqa: BLE001 - e.g. a program too large: no translation
        return None


_UNANCHORED: Any = None


def scanner(translated: str) -> Any:
    """A function (data: bytes, pos, end) -> the start of the first match in data[pos:end],
    or None; None when RE2 is missing or refuses the pattern. It calls RE2 directly: the
    Python wrapper's search builds match objects and re-encodes the text on every call."""
    global _UNANCHORED
    compiled = compile_re2(translated)
    if compiled is None:
        return None
    if _UNANCHORED is None:
        _UNANCHORED = re2._Anchor.UNANCHORED
    low, anchor = compiled._regexp, _UNANCHORED
    if "\\b" not in translated and "(?m:$)" not in translated:

        def first(data: bytes, pos: int, end: int) -> int | None:
            start = low.Match(anchor, data, pos, end)[0][0]
            return None if start == -1 else start

        return first

    def first_bounded(data: bytes, pos: int, end: int) -> int | None:
        # RE2 reads the character after end to judge \b there; the regex module treats
        # end as the end of the text: cut the text there so that both agree.
        if end < len(data):
            data = data[:end]
        start = low.Match(anchor, data, pos, end)[0][0]
        return None if start == -1 else start

    return first_bounded


_NON_ASCII = _re.compile(r"[^\x00-\x7f]")
# A non-ASCII word character by the regex module's own \w (what its \b looks at).
_NON_ASCII_WORD = regex.compile(r"(?:(?![\x00-\x7f])\w)", regex.V0)
# ASCII copies of the last few long texts searched (the document in hand), by identity.
_COPIES: dict[int, tuple[str, bytes]] = {}
_COPY_MIN = 512  # shorter texts are copied afresh: cheaper than keeping them
_COPIES_KEPT = 4


def ascii_form(text: str) -> str:
    """text with every non-ASCII character replaced by the placeholder (same length)."""
    if text.isascii():
        return text
    return _NON_ASCII.sub("\x01", _NON_ASCII_WORD.sub("_", text))


def ascii_copy(text: str) -> bytes:
    """text with every non-ASCII character replaced by the placeholder byte."""
    if len(text) >= _COPY_MIN:
        entry = _COPIES.get(id(text))
        if entry is not None and entry[0] is text:
            return entry[1]
    data = ascii_form(text).encode("ascii")
    if len(text) >= _COPY_MIN:
        if len(_COPIES) >= _COPIES_KEPT:
            _COPIES.pop(next(iter(_COPIES)))
        _COPIES[id(text)] = (text, data)
    return data


# RE2 compiles a pattern (about a millisecond for a big one) once the pattern has been
# asked to search this many characters: one article linted by a pre-commit hook does not
# pay for programs it would use once. 0: at once (the tests' setting).
WARMUP_CHARS = 30_000
# ... or once the regex module has spent on the pattern's searches about what compiling
# its translation costs (measured: 0.15-0.2 us per character of the translation, plus the
# first scans that build RE2's DFA). A big pattern searched over whole documents used to
# run 30,000 characters in the regex module first, at up to 2 us a character.
PRICE_BASE = 50e-6  # seconds
PRICE_PER_CHAR = 0.3e-6  # seconds per character of the translation

# The regex module's expected time per character for a long first search (a block or a
# whole document) before the pattern's own rate is known: measured 0.5-5 us for the big
# bundled patterns. A short first search is simply timed: small patterns run far faster.
FIRST_RATE = 1e-6
LONG_SEARCH = 2000  # characters

# Anchored attempts one search makes before handing the rest of the text to the regex
# module: bounds the cost when a translation matches at nearly every offset.
MAX_ATTEMPTS = 16


def _left(deadline: float | None) -> float | None:
    if deadline is None:
        return None
    left = deadline - _time.monotonic()
    if left <= 0:
        raise TimeoutError("regex timed out")
    return left


class WarmScanner:
    """The RE2 scanner of one translation, compiled once it has been asked to look at
    WARMUP_CHARS characters (``ready``), once the searches it could have sped up have
    cost about as much as compiling it (``spend``), or at once (``now``); None when there
    is no useful one (no RE2, no translation, or one that matches the empty string)."""

    __slots__ = ("translated", "_scan", "_seen", "_budget", "_spent")

    def __init__(self, translated: str | None) -> None:
        self.translated = translated
        self._scan: Any = None  # None: not decided yet; False: none
        self._seen = 0
        self._spent = 0.0
        # Seconds of regex-module time before compiling pays for itself.
        self._budget = PRICE_BASE + PRICE_PER_CHAR * len(translated) if translated is not None else 0.0

    def ready(self, length: int) -> Any:
        """The scanner, or None while warming up (length: characters about to be searched)."""
        if self.warming():
            self._seen += length
            return None
        return self.now()

    def warming(self, length: int = 0) -> bool:
        """Not compiled yet, and not yet worth it (a translation compiled for another use
        is free here): time the search (``spend``). length: the characters the coming
        search will read; when its expected cost alone is more than what is left of the
        budget, compiling now is cheaper than the search (one search of a big pattern
        over a whole document cost 15 ms, three times the price of its translation)."""
        if not (self._scan is None and self._seen < WARMUP_CHARS and self._budget > 0 and self.translated not in _COMPILED):
            return False
        if self._seen:
            rate = self._spent / self._seen
        elif length >= LONG_SEARCH:
            rate = FIRST_RATE
        else:
            return True  # a short first search: its cost is measured, not guessed
        return length * rate <= self._budget

    def spend(self, seconds: float, length: int) -> None:
        """A search of length characters that took seconds without the scanner."""
        self._budget -= seconds
        self._spent += seconds
        self._seen += length

    def timed(self, pattern: Any, text: str, pos: int, end: int, timeout: float | None) -> Any:
        """pattern.search(text, pos, end) by the regex module, its time spent (see
        ``spend``). A LazyPattern is compiled first, untimed: the first search of each
        pattern in a run would otherwise charge its compilation (up to a few ms) to the
        translation, and RE2 would be compiled for patterns the regex module runs fast."""
        compiled = getattr(pattern, "compiled", None)
        search = compiled().search if compiled is not None else pattern.search
        started = _time.perf_counter()
        try:
            return search(text, pos, end, timeout=timeout)
        finally:
            self.spend(_time.perf_counter() - started, end - pos)

    def now(self) -> Any:
        if not ENABLED:
            return None
        if self._scan is None:
            scan = scanner(self.translated) if self.translated is not None else None
            # A translation that matches the empty string gives no help, only overhead.
            self._scan = scan if scan is not None and scan(b"", 0, 0) is None else False
        return self._scan or None


def _warm_scanner(pattern: str | None, flags: int) -> WarmScanner:
    """The WarmScanner of a pattern's translation (None: no pattern, no scanner)."""
    translated = None
    if pattern is not None:
        from claimlint.prefilter import analysis_for

        translated = analysis_for(pattern, flags)[1]
    return WarmScanner(translated)


class Accelerated:
    """A regex pattern whose search and finditer give exactly the pattern's own results,
    found with the help of its RE2 translation (see the module's docstring)."""

    __slots__ = ("pattern", "_warm", "_end", "_tail")

    def __init__(self, pattern: Any) -> None:
        self.pattern = pattern  # a regex.Pattern or a claimlint.patterns.LazyPattern
        self._warm: WarmScanner | None = None  # made on first use (the analysis costs a lookup)
        # Whether it can only match at the end: decided at the first search (the walk over
        # the pattern cost ~5 ms for the ~400 patterns wrapped when the rules are built).
        self._end: bool | None = None
        self._tail: WarmScanner | None = None  # for $(?<=X): the scanner of (?:X)$ (end_tail)

    def at_end_only(self) -> bool:
        if self._end is None:
            self._end = end_anchored(self.pattern.pattern, self.pattern.flags)
        return self._end

    def _tail_scanner(self) -> WarmScanner:
        if self._tail is None:
            self._tail = _warm_scanner(end_tail(self.pattern.pattern, self.pattern.flags), self.pattern.flags)
        return self._tail

    def _scanner(self) -> WarmScanner:
        if self._warm is None:
            own = None if uses_start_anchor(self.pattern.pattern) else self.pattern.pattern
            self._warm = _warm_scanner(own, self.pattern.flags)
        return self._warm

    def scanner(self) -> Any:
        """The RE2 scanner, compiled now if it was not; None when there is none."""
        return self._scanner().now()

    def search(self, text: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None) -> Any:
        end = len(text) if endpos is None else min(endpos, len(text))
        at_end = self._end
        if at_end is None:
            at_end = self.at_end_only()
        if at_end and ENABLED:
            # Only where $ holds: the end, or before a final newline (see end_anchored).
            last = end - 1 if end > pos and text[end - 1] == "\n" else end
            tail = self._tail or self._tail_scanner()
            if tail.warming(end - max(pos, last)):
                return tail.timed(self.pattern, text, max(pos, last), end, timeout)
            scan = tail.now()
            # The lookbehind may look before pos: RE2 reads the text from its start.
            if scan is not None and scan(ascii_copy(text), 0, end) is None:
                return None
            return self.pattern.search(text, max(pos, last), end, timeout=timeout)
        warm = self._warm or self._scanner()
        if warm.warming(end - pos):
            return warm.timed(self.pattern, text, pos, end, timeout)
        scan = warm.now()
        if scan is None:
            return self.pattern.search(text, pos, end, timeout=timeout)
        data = ascii_copy(text)
        deadline = None if timeout is None else _time.monotonic() + timeout
        match = self.pattern.match
        at = pos
        for _attempt in range(MAX_ATTEMPTS):
            start = scan(data, at, end)
            if start is None:
                return None
            m = match(text, start, end, timeout=_left(deadline))
            if m is not None:
                return m
            at = start + 1
        # The translation matches almost everywhere here (its distinctive part was a
        # lookaround): let the regex module scan the rest, as it would have anyway.
        return self.pattern.search(text, at, end, timeout=_left(deadline))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None, timeout: float | None = None) -> Any:
        warm = self._warm or self._scanner()
        length = (len(text) if endpos is None else endpos) - pos
        if warm.warming(length):
            warm.spend(0.0, length)
            found = self.pattern.finditer(text, pos, endpos, timeout=timeout)
            while True:  # each match timed
                started = _time.perf_counter()
                try:
                    m = next(found, None)
                finally:
                    warm.spend(_time.perf_counter() - started, 0)
                if m is None:
                    return
                yield m
        if warm.now() is None:
            yield from self.pattern.finditer(text, pos, endpos, timeout=timeout)
            return
        # The translation never matches empty, so neither does the pattern: each match
        # ends after it starts, and the next one is searched from its end.
        end = len(text) if endpos is None else min(endpos, len(text))
        while pos < end:
            m = self.search(text, pos, end, timeout)
            if m is None:
                return
            yield m
            pos = m.end()


ENABLED = True  # False: every search by the regex module alone (tests compare the two)
_ACCELERATED: dict[int, tuple[Any, Accelerated]] = {}


def accelerated(pattern: Any) -> Accelerated:
    """The Accelerated wrapper of a pattern (one per pattern object)."""
    entry = _ACCELERATED.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        entry = (pattern, Accelerated(pattern))
        _ACCELERATED[id(pattern)] = entry
    return entry[1]


def compile_all() -> None:
    """Compile every wrapped pattern and its translation now (before forking workers,
    which then share them instead of each compiling its own)."""
    for pattern, fast in list(_ACCELERATED.values()):
        compiled = getattr(pattern, "compiled", None)
        if compiled is not None:
            compiled()
        fast.scanner()
        if fast.at_end_only():
            fast._tail_scanner().now()  # what end-anchored searches use


def known_patterns() -> list[Any]:
    """Every pattern wrapped so far (to regenerate the shipped analyses)."""
    return [pattern for pattern, _ in _ACCELERATED.values()]
