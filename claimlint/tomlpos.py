"""Where each key of a TOML file stands, so that errors can name a line.

tomllib returns plain data without positions. This scanner walks the text once and
records the line of every table header, key and multi-line array element, keyed by
the path tomllib would give it, e.g. ("rule", 2, "patterns", 1).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
Path = tuple  # of str | int


@dataclass
class _Container:
    """An array or inline table being scanned."""

    kind: str  # "[" or "{"
    path: Path
    count: int = 0
    expect: bool = True  # expecting a value (array) or a key (inline table)


@dataclass
class TomlMap:
    """The line of each key path in a TOML file."""

    lines: dict[Path, int] = field(default_factory=dict)

    def line_for(self, path: Path) -> int | None:
        """The line of the longest known prefix of path."""
        path = tuple(path)
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def _read_key(text: str, i: int) -> tuple[list[str], int]:
    """Read a (dotted, maybe quoted) key starting at i; return its parts and the index after it."""
    parts: list[str] = []
    n = len(text)
    while i < n:
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] in "\"'":
            quote = text[i]
            j = i + 1
            while j < n and text[j] != quote and text[j] != "\n":
                j += 2 if (quote == '"' and text[j] == "\\") else 1
            parts.append(text[i + 1 : j])
            i = j + 1
        else:
            m = _BARE_KEY.match(text, i)
            if not m:
                break
            parts.append(m.group())
            i = m.end()
        while i < n and text[i] in " \t":
            i += 1
        if i < n and text[i] == ".":
            i += 1
            continue
        break
    return parts, i


def _skip_string(text: str, i: int) -> tuple[int, int]:
    """Skip the string starting at i; return (index after it, newlines inside)."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        end = text.find(quote * 3, i + 3)
        while end != -1 and quote == '"' and _escaped(text, end):
            end = text.find(quote * 3, end + 1)
        end = len(text) if end == -1 else end + 3
        while end < len(text) and text[end] == quote:  # up to two quotes may close it
            end += 1
        return end, text.count("\n", i, end)
    j = i + 1
    while j < len(text) and text[j] != quote and text[j] != "\n":
        j += 2 if (quote == '"' and text[j] == "\\") else 1
    return min(j + 1, len(text)), 0


def _escaped(text: str, i: int) -> bool:
    backslashes = 0
    while i - 1 - backslashes >= 0 and text[i - 1 - backslashes] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


class LazyTomlMap:
    """A TomlMap made on first use: positions are only needed to report an error (and a
    rule's own line), and scanning every bundled ruleset cost a sixth of a second per run."""

    def __init__(self, text: str) -> None:
        self._text: str | None = text
        self._map: TomlMap | None = None

    @property
    def lines(self) -> dict[Path, int]:
        return self._scanned().lines

    def _scanned(self) -> TomlMap:
        if self._map is None:
            assert self._text is not None
            self._map, self._text = scan(self._text), None
        return self._map

    def line_for(self, path: Path) -> int | None:
        return self._scanned().line_for(path)


def scan(text: str) -> TomlMap:
    result = TomlMap()
    table: Path = ()
    array_counts: dict[Path, int] = {}
    stack: list[_Container] = []
    line = 1
    i, n = 0, len(text)
    at_line_start = True
    pending_key: Path | None = None
    while i < n:
        ch = text[i]
        if ch == "\n":
            line += 1
            i += 1
            at_line_start = not stack
            continue
        if ch in " \t\r":
            i += 1
            continue
        if ch == "#":
            end = text.find("\n", i)
            i = n if end == -1 else end
            continue
        if not stack and at_line_start:
            at_line_start = False
            if ch == "[":
                is_array = text.startswith("[[", i)
                parts, j = _read_key(text, i + (2 if is_array else 1))
                table = _resolve(tuple(parts), array_counts)
                if is_array:
                    array_counts[tuple(parts)] = array_counts.get(tuple(parts), -1) + 1
                    table = _resolve(tuple(parts), array_counts) + (array_counts[tuple(parts)],)
                result.lines.setdefault(table, line)
                end = text.find("\n", j)
                i = n if end == -1 else end
                continue
            parts, j = _read_key(text, i)
            if parts and j < n and text[j] == "=":
                pending_key = table + tuple(parts)
                result.lines.setdefault(pending_key, line)
                i = j + 1
                continue
            i += 1
            continue
        if stack and stack[-1].kind == "{" and stack[-1].expect and ch not in ",}":
            parts, j = _read_key(text, i)
            if parts and j < n and text[j] == "=":
                pending_key = stack[-1].path + tuple(parts)
                result.lines.setdefault(pending_key, line)
                stack[-1].expect = False
                i = j + 1
                continue
        if stack and stack[-1].kind == "[" and stack[-1].expect and ch not in ",]":
            top = stack[-1]
            pending_key = top.path + (top.count,)
            result.lines.setdefault(pending_key, line)
            top.count += 1
            top.expect = False
        if ch in "\"'":
            i, newlines = _skip_string(text, i)
            line += newlines
            continue
        if ch in "[{":
            stack.append(_Container(ch, pending_key if pending_key is not None else table))
            i += 1
            continue
        if ch in "]}":
            if stack:
                stack.pop()
            i += 1
            continue
        if ch == "," and stack:
            stack[-1].expect = True
        i += 1
    return result


def _resolve(parts: Path, array_counts: dict[Path, int]) -> Path:
    """Insert the current index after every prefix that names an array of tables."""
    resolved: list[object] = []
    for k in range(len(parts)):
        resolved.append(parts[k])
        prefix = tuple(parts[: k + 1])
        if prefix in array_counts and k + 1 < len(parts):
            resolved.append(array_counts[prefix])
    return tuple(resolved)
