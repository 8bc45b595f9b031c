"""The bundled rulesets, already parsed and their patterns compiled: a run need not
parse them again.

The regex module compiles a pattern in two steps: a pure-Python parser and optimiser turn
it into a list of integer opcodes, then its C extension builds the pattern object from
that list. For the bundled rulesets the first step cost about three seconds, paid again
in every process (one file linted by a pre-commit hook paid most of it). The opcode lists
are plain data, so ``python -m claimlint.precompiled`` records them for every bundled
pattern in ``rulesets/compiled-patterns.bin`` (~0.4 MB), and :func:`compile` rebuilds a
pattern from its record in microseconds.

The file is an index (the patterns and flags, and where each record lies) followed by the
records, each marshalled and compressed on its own: a run decodes only the records of the
patterns it uses. (One compressed block of all of them cost 35 ms to decode, paid by every
run that compiled a pattern, when one changed file needs about a fifth of them.)

The records are valid for the regex version that made them (written in the file's
header). With another version installed the file is ignored and patterns are compiled as
usual (slower, never different), and their records are kept for that version in the
user's cache folder (``$XDG_CACHE_HOME/claimlint`` or ``~/.cache/claimlint``), so only
the first run after an upgrade pays. Only the file shipped inside the package is read, never
one from a project or cache folder: the C extension trusts its opcodes.

The bundled TOML files are shipped parsed too (``rulesets/parsed-rulesets.json``, keyed
by each file's SHA-256, so an edited file is simply parsed again): tomllib is pure Python
and took a sixth of a second per run.
"""
from __future__ import annotations

import json
import marshal
import os
import zlib
from collections.abc import Iterator, Mapping
from typing import Any, Tuple

import regex

from claimlint.sha import sha256
FILE_NAME = "compiled-patterns.bin"
PARSED_NAME = "parsed-rulesets.json"
MAGIC = b"claimlint compiled patterns\n"
LAYOUT = 2  # 1: one compressed block of every record (ignored now: compiled as usual)

_table: "Records | None" = None
Key = Tuple[str, int]


class Records(Mapping[Key, Tuple[Any, ...]]):
    """The records of one or more files, by (pattern, flags), each decoded when first
    asked for; the first file that has a key wins."""

    def __init__(self, sources: list[tuple[dict[Key, tuple[int, int]], bytes]] | None = None) -> None:
        self._sources = [source for source in sources or [] if source[0]]
        self._decoded: dict[Key, tuple[Any, ...] | None] = {}

    def _decode(self, key: Key) -> tuple[Any, ...] | None:
        for index, body in self._sources:
            place = index.get(key)
            if place is None:
                continue
            start, length = place
            try:
                entry = marshal.loads(zlib.decompress(body[start : start + length]))
            except (ValueError, EOFError, TypeError, zlib.error):
                entry = None
            return entry if isinstance(entry, tuple) else None
        return None

    def __getitem__(self, key: Key) -> tuple[Any, ...]:
        if key not in self._decoded:
            self._decoded[key] = self._decode(key)
        entry = self._decoded[key]
        if entry is None:
            raise KeyError(key)
        return entry

    def __contains__(self, key: object) -> bool:
        return any(key in index for index, _ in self._sources)

    def __iter__(self) -> Iterator[Key]:
        return iter(dict.fromkeys(key for index, _ in self._sources for key in index))

    def __len__(self) -> int:
        return sum(1 for _ in self)


def _path() -> Any:
    from claimlint.rulesets import bundled_dir

    return bundled_dir() / FILE_NAME


def _c_compile() -> Any:
    return regex._main._regex.compile  # type: ignore[attr-defined]


def _read(path: Any) -> tuple[dict[Key, tuple[int, int]], bytes]:
    """A file's index and records, or ({}, b"") when it is missing, damaged or for
    another regex."""
    try:
        raw = path.read_bytes()
        if raw.startswith(MAGIC):
            header_line, _, rest = raw[len(MAGIC) :].partition(b"\n")
            header = json.loads(header_line)
            if header.get("regex") == regex.__version__ and header.get("layout") == LAYOUT:
                size = header["index"]
                index = marshal.loads(zlib.decompress(rest[:size]))
                if isinstance(index, dict):
                    return index, rest[size:]
    except (OSError, ValueError, EOFError, TypeError, KeyError, zlib.error, AttributeError):
        pass
    return {}, b""


def user_file() -> Any:
    """Where records for the installed regex version are kept when the shipped file is
    for another one: the user's own cache folder, never a project's."""
    from pathlib import Path

    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "claimlint" / f"compiled-patterns-regex-{regex.__version__}.bin"


def loaded() -> bool:
    """Have the records been read in this process?"""
    return _table is not None


def load() -> Records:
    """The records for the installed regex: the shipped file's and the user cache's."""
    global _table
    if _table is None:
        _table = Records([_read(_path()), _read(user_file())])
    return _table


def compile(pattern: str, flags: int) -> regex.Pattern[str] | None:
    """The pattern rebuilt from its record; None when there is none."""
    entry = load().get((pattern, int(flags)))  # decoded now, from its own block
    if entry is None:
        return None
    try:
        return _c_compile()(pattern, *entry)  # type: ignore[no-any-return]
    except Exception:  # noqa: BLE001 - any mismatch: compile the usual way
        return None


_new: dict[tuple[str, int], tuple[Any, ...]] = {}


def compile_and_record(pattern: str, flags: int) -> regex.Pattern[str]:
    """Compile a bundled pattern that has no record, and keep its record for the user
    cache (written when the process exits): with a regex release newer than the shipped
    file, the first run pays for compiling and the next ones do not."""
    captured = record([(pattern, flags)], keep=True)
    compiled, entry = captured.get((pattern, int(flags)), (None, None))
    if compiled is None:
        return regex.compile(pattern, flags)
    if entry is not None:
        if not _new:
            import atexit

            atexit.register(save_new)
        _new[(pattern, int(flags))] = entry
    return compiled  # type: ignore[no-any-return]


def save_new() -> None:
    """Add this process's new records to the user cache (atomically; never raises)."""
    if not _new or os.getpid() != _OWNER:
        return
    try:
        target = user_file()
        table = {**Records([_read(target)]), **_new}
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        write(temporary, table)
        os.replace(temporary, target)
        _new.clear()
    except OSError:
        pass


_OWNER = os.getpid()  # forked workers do not write the user cache: the parent does


def record(patterns: list[tuple[str, int]], keep: bool = False) -> dict[tuple[str, int], Any]:
    """Compile each (pattern, flags) the usual way and capture what reaches the C step:
    {key: record}, or with keep {key: (compiled pattern, record or None)}."""
    captured: dict[tuple[str, int], Any] = {}
    last: list[tuple[Any, ...]] = []
    module = regex._main._regex  # type: ignore[attr-defined]
    real = module.compile

    def spy(pattern: str, flags: int, code: list[int], group_index: dict[str, int], index_group: dict[int, str],
            named_lists: dict[str, Any], named_list_indexes: list[Any], req_offset: int, req_chars: Any,
            req_flags: int, group_count: int) -> Any:
        last.append((
            int(flags), list(code), dict(group_index), dict(index_group), named_lists, named_list_indexes,
            int(req_offset), tuple(req_chars), int(req_flags), int(group_count),
        ))
        return real(pattern, flags, code, group_index, index_group, named_lists, named_list_indexes, req_offset,
                    req_chars, req_flags, group_count)

    module.compile = spy
    try:
        for pattern, flags in patterns:
            last.clear()
            compiled = regex.compile(pattern, flags, cache_pattern=False)
            # Keyed by the flags callers pass; the record holds the ones the C step saw.
            entry = last[0] if len(last) == 1 and not last[0][4] and not last[0][5] else None  # no \L<name> lists
            if keep:
                captured[(pattern, int(flags))] = (compiled, entry)
            elif entry is not None:
                captured[(pattern, int(flags))] = entry
    finally:
        module.compile = real
    return captured


def write(path: Any, table: Mapping[Key, tuple[Any, ...]]) -> None:
    index: dict[Key, tuple[int, int]] = {}
    blocks = []
    offset = 0
    for key, entry in sorted(table.items()):
        block = zlib.compress(marshal.dumps(entry), 9)
        index[key] = (offset, len(block))
        blocks.append(block)
        offset += len(block)
    packed = zlib.compress(marshal.dumps(index), 9)
    header = json.dumps({"regex": regex.__version__, "layout": LAYOUT, "patterns": len(table), "index": len(packed)})
    path.write_bytes(MAGIC + header.encode("ascii") + b"\n" + packed + b"".join(blocks))


def bundled_patterns() -> list[tuple[str, int]]:
    """(pattern, flags) of every lazily compiled pattern the bundled rulesets and the
    kinds' own modules create."""
    import claimlint.engine  # noqa: F401 - with suppress and matching: their module-level patterns
    from claimlint import patterns, rulesets

    loaded = rulesets.load(["default"], eager=False)  # kept alive: ALL_LAZY holds weak references
    rulesets.build_checkers([rule for ruleset in loaded for rule in ruleset.rules])  # their patterns too
    found = sorted({(p.pattern, int(p.flags)) for p in patterns.ALL_LAZY})
    del loaded
    return found


_parsed: dict[str, str] | None = None


def _decode_dates(obj: dict[str, Any]) -> Any:
    if set(obj) == {"$date"}:
        import datetime

        return datetime.date.fromisoformat(obj["$date"])
    return obj


def _encode(value: Any) -> Any:
    import datetime

    if isinstance(value, dict):
        return {key: _encode(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_encode(item) for item in value]
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return {"$date": value.isoformat()}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot record {type(value).__name__}")


def parsed_toml(raw: bytes) -> dict[str, Any] | None:
    """What tomllib.loads would return for these bytes, when they are a bundled file's."""
    global _parsed
    if _parsed is None:
        try:
            _parsed = json.loads((_path().parent / PARSED_NAME).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            _parsed = {}
    entry = _parsed.get(sha256(raw).hexdigest()) if isinstance(_parsed, dict) else None
    if not isinstance(entry, str):
        return None
    try:
        data = json.loads(entry, object_hook=_decode_dates)  # a fresh copy each time: callers may change it
    except ValueError:
        return None
    return data if isinstance(data, dict) else None


def record_parsed() -> dict[str, str]:
    """Every bundled TOML file's parse, as JSON, by the SHA-256 of its bytes."""
    import tomllib

    out = {}
    for toml in sorted(_path().parent.glob("*.toml")):
        raw = toml.read_bytes()
        out[sha256(raw).hexdigest()] = json.dumps(_encode(tomllib.loads(raw.decode("utf-8"))), ensure_ascii=False)
    return out


if __name__ == "__main__":  # python -m claimlint.precompiled: regenerate the shipped file
    import claimlint.precompiled as _module

    _parsed_new = _module.record_parsed()
    (_module._path().parent / PARSED_NAME).write_text(json.dumps(_parsed_new, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    _table_new = _module.record(_module.bundled_patterns())
    _module.write(_module._path(), _table_new)
    print(f"wrote {len(_parsed_new)} parsed rulesets and {len(_table_new)} compiled patterns (regex {regex.__version__})")
