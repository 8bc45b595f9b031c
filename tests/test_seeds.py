"""The mission score: the default rulesets on the four seed articles (skipped without ../shared)."""
from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import SHARED

SEED_CHECK = SHARED / "tools" / "seed_check.py"


@pytest.mark.skipif(not SEED_CHECK.exists(), reason="../shared/tools/seed_check.py is not present (it is not shipped to users)")
def test_seed_expectations_all_met() -> None:
    done = subprocess.run(
        [sys.executable, str(SEED_CHECK), "--cmd", f"{sys.executable} -m claimlint --no-config"],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
