"""The real path of each file, found with as few system calls as possible.

Both caches key their rows by a file's real path, so that two spellings of one file
share a row. ``os.path.realpath`` walks every component of every path, and
``os.path.abspath`` asks the system for the working folder each time; a system call costs
about 5 us on the development machine, and a warm re-run over 2,000 files made four of
them per file. Here each folder is resolved once per run, the working folder is read
once per run, and whether a file is itself a symbolic link is learnt from the ``lstat``
that :func:`stat_file` makes anyway.
"""
from __future__ import annotations

import functools
import os
import stat as _stat_module

_KEYS: dict[str, str] = {}
_LINKS: dict[str, bool] = {}  # path -> is it a symbolic link (seen by stat_file)
_STATS: dict[str, tuple[int, int]] = {}  # (size, mtime_ns) taken by regular_file, for stat_file
_CWD: list[str] = []


def forget() -> None:
    """Start a new run: links, folders and the working folder may have changed."""
    _KEYS.clear()
    _LINKS.clear()
    _STATS.clear()
    _CWD.clear()
    _real_folder.cache_clear()


def _stat(path: str) -> os.stat_result | None:
    """os.stat(path), noting whether path itself is a link (for path_key)."""
    try:
        info = os.lstat(path)
        link = _stat_module.S_ISLNK(info.st_mode)
        if link:
            info = os.stat(path)
    except OSError:
        return None
    if len(_LINKS) >= 65536:
        _LINKS.clear()
    _LINKS[path] = link
    return info


def stat_file(path: str) -> tuple[int, int] | None:
    """(size, mtime_ns) of what path names, through a link; None when it cannot be
    stat'ed. The stat regular_file just took is used once instead of a new one."""
    known = _STATS.pop(path, None)
    if known is not None:
        return known
    info = _stat(path)
    return None if info is None else (info.st_size, info.st_mtime_ns)


def regular_file(path: str) -> bool:
    """os.path.isfile(path), keeping what it learnt for path_key and stat_file (the
    corpus files of a pre-commit run are checked, keyed and stat'ed in turn)."""
    info = _stat(path)
    if info is None or not _stat_module.S_ISREG(info.st_mode):
        return False
    if len(_STATS) >= 65536:
        _STATS.clear()
    _STATS[path] = (info.st_size, info.st_mtime_ns)
    return True


def path_key(path: str) -> str:
    """os.path.realpath(path), resolving each folder once per run and each path once."""
    key = _KEYS.get(path)
    if key is None:
        link = _LINKS.get(path)
        if link is None:
            link = os.path.islink(path)
        if link or ".." in path.replace(os.altsep or os.sep, os.sep).split(os.sep):
            # The slow way keeps realpath's exact answer (it resolves links before "..").
            key = os.path.realpath(path)
        else:
            head, tail = os.path.split(_absolute(path))
            key = os.path.join(_real_folder(head), tail) if tail else os.path.realpath(path)
        if len(_KEYS) >= 65536:
            _KEYS.clear()
        _KEYS[path] = key
    return key


def _absolute(path: str) -> str:
    if os.path.isabs(path):
        return os.path.normpath(path)
    if not _CWD:
        _CWD.append(os.getcwd())
    return os.path.normpath(os.path.join(_CWD[0], path))


@functools.lru_cache(maxsize=4096)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)
