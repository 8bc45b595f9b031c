"""The wheel ships the bundled rulesets: build it, install it into a fresh venv, lint an example."""
from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(os.environ.get("CLAIMLINT_SKIP_PACKAGING") == "1", reason="CLAIMLINT_SKIP_PACKAGING=1")
def test_wheel_installs_and_lints_with_bundled_rules(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(ROOT)],
        check=True, capture_output=True, text=True,
    )
    (wheel,) = dist.glob("claimlint-*.whl")
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True, text=True)
    article = tmp_path / "article.md"
    article.write_text("# Sleep\n\nOur gummies have no side effects at all.\n", encoding="utf-8")
    done = subprocess.run(
        [str(env_dir / "bin" / "claimlint"), "--no-config", "--format", "concise", str(article)],
        capture_output=True, text=True, cwd=tmp_path, check=False,
    )
    assert done.returncode == 1, done.stderr
    assert f"{article}:3:" in done.stdout and "absolute-safety" not in done.stderr
    listed = subprocess.run([str(env_dir / "bin" / "claimlint"), "rules", "--no-config"], capture_output=True, text=True, check=True)
    assert "no-side-effects" in listed.stdout
