"""Finding article files and reading them into text without losing or hiding anything."""
from __future__ import annotations

import codecs
import fnmatch
import functools
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from claimlint.errors import FileProblem

EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text", ".html", ".htm", ".xhtml")
MAX_FILE_BYTES = 64 * 1024 * 1024
# One well-formed UTF-8 multi-byte sequence (RFC 3629).
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}|\xed[\x80-\x9f][\x80-\xbf]"
    rb"|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
# Latin-1 read as Windows-1252: 0x80-0x9f are curly quotes, dashes, the euro sign ...;
# the five bytes Windows-1252 leaves undefined stay the Latin-1 control characters.
_CP1252 = {
    byte: bytes([byte]).decode("cp1252")
    for byte in range(0x80, 0xA0)
    if byte not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}


@dataclass
class Source:
    """A file's text, decoded, with a notice when decoding was not clean."""

    path: str
    text: str
    notice: str | None = None  # e.g. "not valid UTF-8: decoded with replacement characters"


def decode(raw: bytes, path: str) -> Source:
    """UTF-8 (BOM or not) and UTF-16 with a BOM; NUL bytes otherwise mean binary, and
    UTF-32 is reported, not guessed at.

    Bytes that are not UTF-8 are still linted, with a notice: a file with no UTF-8
    multi-byte sequence at all is read as Latin-1 (Windows-1252, as browsers do: one byte,
    one character, so columns stay right); a UTF-8 file with a few bad bytes keeps its
    UTF-8 and gets a replacement character for each bad sequence.
    """
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    elif raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):  # before UTF-16: FF FE 00 00
        raise FileProblem(path, "UTF-32 is not supported (save it as UTF-8); skipped")
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Source(path, raw.decode("utf-16"))
        except UnicodeDecodeError as error:
            raise FileProblem(path, f"invalid UTF-16 at byte {error.start}") from None
    if b"\x00" in raw[:8192] or (b"\x00" in raw and raw.count(b"\x00") > len(raw) // 100):
        raise FileProblem(path, "binary file (contains NUL bytes); skipped")
    try:
        return Source(path, raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        where = f"not valid UTF-8 (first bad byte at offset {error.start})"
    if _UTF8_SEQUENCE.search(raw) is None:  # no UTF-8 at all: a Latin-1 / Windows-1252 file
        return Source(path, raw.decode("latin-1").translate(_CP1252), f"{where}; decoded as Latin-1 (Windows-1252)")
    # Mostly UTF-8 with some bad bytes: keep the UTF-8 and mark the bad bytes.
    return Source(path, raw.decode("utf-8", errors="replace"), f"{where}; decoded with replacement characters")


def read_stdin(stream: BinaryIO, name: str) -> Source:
    """Standard input, read up to the size limit: `claimlint - < /dev/zero` must end."""
    raw = stream.read(MAX_FILE_BYTES + 1)
    if len(raw) > MAX_FILE_BYTES:
        raise FileProblem(name, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; skipped")
    return decode(raw, name)


def read(path: str) -> Source:
    try:
        info = os.stat(path)
    except FileNotFoundError:
        if os.path.islink(path):
            raise FileProblem(path, f"broken symbolic link (to {os.readlink(path)})") from None
        raise FileProblem(path, "no such file") from None
    except OSError as error:
        raise FileProblem(path, f"cannot read: {error.strerror or error}") from None
    if stat.S_ISDIR(info.st_mode):
        raise FileProblem(path, "is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise FileProblem(path, "not a regular file (FIFO, device or socket); skipped")
    if info.st_size > MAX_FILE_BYTES:
        raise FileProblem(path, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB; skipped")
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise FileProblem(path, "disappeared before it could be read") from None
    except OSError as error:
        raise FileProblem(path, f"cannot read: {error.strerror or error}") from None
    return decode(raw, path)


def _parts(path: str) -> list[str]:
    """Path(path).parts, without building a Path (called for every file of a walk)."""
    if os.altsep:
        path = path.replace(os.altsep, os.sep)
    drive, rest = os.path.splitdrive(path)
    parts = [part for part in rest.split(os.sep) if part and part != "."]
    if rest.startswith(os.sep):
        parts.insert(0, drive + os.sep)
    elif drive:
        parts.insert(0, drive)
    return parts


@functools.lru_cache(maxsize=32)
def _globs(patterns: tuple[str, ...]) -> "re.Pattern[str]":
    # One regex for all globs: fnmatch per glob per part was a third of a warm re-run.
    return re.compile("|".join(f"(?:{fnmatch.translate(os.path.normcase(p))})" for p in patterns))


def discover(paths: list[str], exclude: list[str]) -> tuple[list[str], list[FileProblem]]:
    """Files named directly are always linted; folders are walked for article extensions,
    skipping hidden and excluded folders and never following a symlink loop."""
    files: list[str] = []
    problems: list[FileProblem] = []
    seen: set[str] = set()
    for given in paths:
        if not os.path.lexists(given):
            problems.append(FileProblem(given, "no such file or directory"))
            continue
        if not os.path.isdir(given):
            if given not in seen:
                seen.add(given)
                files.append(given)
            continue
        visited: set[tuple[int, int]] = set()
        # A path is excluded when a glob matches it whole or matches one of its parts (as
        # fnmatch.fnmatch would). Below `given`, every folder was tried, with all its
        # parts, before it was walked, so a folder or file there needs only its whole
        # path and its own name tried (trying all seven parts of each file was two thirds
        # of the walk); the parts of `given` itself are tried once, here.
        match = _globs(tuple(exclude)).match if exclude else None
        given_out = match is not None and any(match(part) is not None for part in _parts(os.path.normcase(given)))

        def out(path: str, name: str) -> bool:
            return match is not None and (
                given_out or match(os.path.normcase(path)) is not None or match(os.path.normcase(name)) is not None
            )

        for root, dirs, names in os.walk(given, followlinks=True, onerror=lambda e: problems.append(FileProblem(e.filename or given, f"cannot list: {e.strerror}"))):
            try:
                info = os.stat(root)
                key = (info.st_dev, info.st_ino)
            except OSError:
                dirs[:] = []
                continue
            if key in visited:  # a symlink loop: each real folder is walked once
                dirs[:] = []
                continue
            visited.add(key)
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not out(os.path.join(root, d), d))
            for name in sorted(names):
                if name.startswith(".") or not name.lower().endswith(EXTENSIONS):
                    continue
                full = os.path.join(root, name)
                if out(full, name) or full in seen:
                    continue
                seen.add(full)
                files.append(full)
    return files, problems
