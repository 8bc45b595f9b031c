"""SHA-256 without importing hashlib.

hashlib loads OpenSSL's bindings: about 5 ms of every run on the development machine,
for digests of a few small strings (cache keys, pattern keys, ruleset files). CPython's
own implementation is built in (``_sha256``; ``_sha2`` from Python 3.12) and gives the
same digests; hashlib is the fallback where it is missing.
"""
from __future__ import annotations

try:
    from _sha256 import sha256  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.12+, or a build without it
    try:
        from _sha2 import sha256  # type: ignore[import-not-found,no-redef]
    except ImportError:
        from hashlib import sha256  # type: ignore[assignment,no-redef]

__all__ = ["sha256"]
