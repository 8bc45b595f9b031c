"""claimlint.sha gives hashlib's SHA-256 digests (cache keys and shipped files depend on them)."""
from __future__ import annotations

import hashlib

from claimlint.sha import sha256


def test_the_same_digests_as_hashlib() -> None:
    for data in (b"", b"abc", "café ſ İ".encode("utf-8"), bytes(range(256)) * 300):
        assert sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    digest = sha256()
    digest.update(b"part one, ")
    digest.update(b"part two")
    assert digest.hexdigest() == hashlib.sha256(b"part one, part two").hexdigest()
