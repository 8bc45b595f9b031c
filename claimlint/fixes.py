"""Applying the replacements that rules mark as safe (`fix = { replace = "..." }`).

Nothing here runs without --fix or --diff. A file is rewritten only when it still holds
exactly what was linted, in the encoding it came in (UTF-8 with or without a BOM, UTF-16
with a BOM), with its line endings and permissions, through a temporary file renamed
over it so a crash never leaves half an article.
"""
from __future__ import annotations

import codecs
import difflib
import os
import stat
from dataclasses import dataclass, field

from claimlint.findings import Finding
from claimlint.normalize import normalize


@dataclass(frozen=True)
class Edit:
    """Replace text[start:end] with text."""

    start: int
    end: int
    text: str


@dataclass
class FixResult:
    """The files --fix changed, the findings it fixed, and the files it left alone."""

    changed: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (before, after)
    fixed: list[Finding] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why not written)


def match_case(original: str, replacement: str) -> str:
    """'Clinically proven' -> 'Clinically studied', 'CLINICALLY PROVEN' -> 'CLINICALLY STUDIED'."""
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return replacement.upper()
    if original[:1].isupper() and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def edit_for(finding: Finding, source: str) -> Edit | None:
    """The edit a finding's fix makes, or None when the span is not plain prose.

    A span whose source differs from the matched prose (other than by typography) holds
    markup: `**clinically** proven`, `clinically&nbsp;proven`. Rewriting it would drop
    the markup, so such a finding is left for a person.
    """
    fix = finding.fix
    if fix is None or not 0 <= fix.start < fix.end <= len(source):
        return None
    original = source[fix.start : fix.end]
    if normalize(original)[0] != finding.match:
        return None
    return Edit(fix.start, fix.end, match_case(original, fix.replacement))


def plan(findings: list[Finding], source: str) -> list[tuple[Edit, Finding]]:
    """Edits in source order; one overlapping an earlier edit waits for the next run."""
    candidates = sorted(
        ((edit, f) for f in findings if (edit := edit_for(f, source)) is not None),
        key=lambda pair: (pair[0].start, pair[0].end),
    )
    chosen: list[tuple[Edit, Finding]] = []
    for edit, finding in candidates:
        if chosen and edit.start < chosen[-1][0].end:
            continue
        chosen.append((edit, finding))
    return chosen


def apply_edits(source: str, edits: list[Edit]) -> str:
    parts, last = [], 0
    for edit in edits:
        parts += [source[last : edit.start], edit.text]
        last = edit.end
    parts.append(source[last:])
    return "".join(parts)


def fix_texts(findings: list[Finding], texts: dict[str, str]) -> FixResult:
    """Work out the fixed text of every file, writing nothing."""
    result = FixResult()
    by_path: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.fix is not None and finding.path in texts:
            by_path.setdefault(finding.path, []).append(finding)
    for path, group in sorted(by_path.items()):
        chosen = plan(group, texts[path])
        if not chosen:
            continue
        after = apply_edits(texts[path], [edit for edit, _ in chosen])
        if after != texts[path]:
            result.changed[path] = (texts[path], after)
            result.fixed += [finding for _, finding in chosen]
    return result


def encode_like(raw: bytes, text: str) -> bytes | None:
    """text in the encoding raw was read from; None when raw was not cleanly decodable."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return bom + text.encode(codec)
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:  # linted with replacement characters: writing would change bytes
        return None
    return text.encode("utf-8")


def write_atomic(path: str, data: bytes) -> None:
    """Write through a temporary file in the same folder, keeping the file's mode."""
    target = os.path.realpath(path)  # write through a symlink, not over it
    folder = os.path.dirname(target) or "."
    os.makedirs(folder, exist_ok=True)  # a report may go to a folder not made yet
    try:
        mode: int | None = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    # The temporary file is named before it is created, and created inside the try block:
    # an interrupt at any moment after that leaves no .claimlint-*.tmp behind (with
    # tempfile.mkstemp, one arriving just after the file was made but before the try did).
    temporary = ""
    try:
        handle = -1
        for _attempt in range(100):
            temporary = os.path.join(folder, f".claimlint-{os.getpid()}-{os.urandom(6).hex()}.tmp")
            try:
                handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
                break
            except FileExistsError:
                temporary = ""  # somebody else's: never removed below
                continue
        else:
            raise FileExistsError(f"cannot create a temporary file in {folder}")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if mode is not None:
            os.chmod(temporary, mode)
        else:  # a new file gets the usual umask-derived mode, not mkstemp's 0600
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, target)
    except BaseException:
        if temporary and os.path.lexists(temporary):
            os.unlink(temporary)
        raise


def write_fixes(result: FixResult) -> None:
    """Write each changed file that still holds what was linted; others go to result.skipped."""
    from claimlint.errors import FileProblem
    from claimlint.sources import decode

    for path, (before, after) in list(result.changed.items()):
        try:
            with open(path, "rb") as handle:
                raw = handle.read()
            current = decode(raw, path).text
        except (OSError, FileProblem) as error:
            result.skipped.append((path, f"not fixed: cannot read it again ({error})"))
            del result.changed[path]
            continue
        data = encode_like(raw, after)
        if current != before:
            reason = "not fixed: the file changed while it was being linted"
        elif data is None:
            reason = "not fixed: the file is not valid UTF-8, and rewriting it would change bytes"
        else:
            write_atomic(path, data)
            continue
        result.skipped.append((path, reason))
        del result.changed[path]
    written = set(result.changed)
    result.fixed = [f for f in result.fixed if f.path in written]


def unified_diff(path: str, before: str, after: str) -> str:
    lines = difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), fromfile=f"a/{path}", tofile=f"b/{path}"
    )
    return "".join(line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n" for line in lines)
