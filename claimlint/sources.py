"""Finding article files and reading them into text without losing or hiding anything."""
from __future__ import annotations

import codecs
import fnmatch
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from claimlint.errors import FileProblem

EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd", ".txt", ".text", ".html", ".htm", ".xhtml")
MAX_FILE_BYTES = 64 * 1024 * 1024


@dataclass
class Source:
    path: str
    text: str
    notice: str | None = None  # e.g. "not valid UTF-8: decoded with replacement characters"


def decode(raw: bytes, path: str) -> Source:
    """UTF-8 (BOM or not) and UTF-16 with a BOM; NUL bytes otherwise mean binary.

    Invalid UTF-8 is decoded with replacement characters and still linted, with a notice.
    """
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
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
        text = raw.decode("utf-8", errors="replace")
        return Source(path, text, f"not valid UTF-8 (first bad byte at offset {error.start}); decoded with replacement characters")


def read(path: str) -> Source:
    try:
        info = os.stat(path)
    except FileNotFoundError:
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


def excluded(path: str, patterns: list[str]) -> bool:
    parts = Path(path).parts
    for pattern in patterns:
        if fnmatch.fnmatch(path, pattern) or any(fnmatch.fnmatch(part, pattern) for part in parts):
            return True
    return False


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
            dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not excluded(os.path.join(root, d), exclude))
            for name in sorted(names):
                if name.startswith(".") or not name.lower().endswith(EXTENSIONS):
                    continue
                full = os.path.join(root, name)
                if excluded(full, exclude) or full in seen:
                    continue
                seen.add(full)
                files.append(full)
    return files, problems
