"""The pre-commit hooks, run by the real pre-commit (`pip install pre-commit`; skipped without it).

pre-commit installs claimlint from a snapshot of this checkout into its own virtualenv,
once per test session (that needs PyPI for the build backend and dependencies).
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from claimlint.sources import EXTENSIONS
from tests.goldens import RULESET

ROOT = Path(__file__).resolve().parent.parent
PRE_COMMIT = shutil.which("pre-commit")
GIT = shutil.which("git")
needs_tools = pytest.mark.skipif(PRE_COMMIT is None or GIT is None, reason="pre-commit and git are needed (pip install pre-commit)")
IGNORED = shutil.ignore_patterns(
    ".git", "__pycache__", ".pytest_cache", "*.egg-info", ".claimlint_cache", "build", "dist", ".venv", "tests", "benchmarks"
)


def hooks() -> list[dict[str, Any]]:
    clientlib = pytest.importorskip("pre_commit.clientlib")
    return list(clientlib.load_manifest(str(ROOT / ".pre-commit-hooks.yaml")))


def test_manifest_is_valid_and_matches_the_article_extensions() -> None:
    by_id = {hook["id"]: hook for hook in hooks()}
    assert set(by_id) == {"claimlint", "claimlint-corpus"}
    assert by_id["claimlint"]["pass_filenames"] is True and by_id["claimlint"]["require_serial"] is False
    assert by_id["claimlint-corpus"]["pass_filenames"] is False and by_id["claimlint-corpus"]["require_serial"] is True
    for hook in by_id.values():
        pattern = re.compile(hook["files"])
        assert all(pattern.search(f"a{ext}") and pattern.search(f"A{ext.upper()}") for ext in EXTENSIONS)
        assert not pattern.search("script.py") and not pattern.search("notes.md.bak")


def git(folder: Path, *args: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com"}
    subprocess.run(["git", "-c", "init.defaultBranch=main", *args], cwd=folder, env=env, check=True, capture_output=True)


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A committed snapshot of this checkout, uncommitted work included: pre-commit clones it."""
    snapshot = tmp_path_factory.mktemp("hook-repo") / "claimlint"
    shutil.copytree(ROOT, snapshot, ignore=IGNORED)
    git(snapshot, "init", "-q")
    git(snapshot, "add", "-A")
    git(snapshot, "commit", "-q", "-m", "snapshot")
    return snapshot


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Shared by the tests so pre-commit builds the hook's virtualenv once.
    (`pre-commit try-repo` would rebuild it on every call: it uses a fresh store.)"""
    return tmp_path_factory.mktemp("pre-commit-home")


def head(repo: Path) -> str:
    return subprocess.run(["git", "rev-parse", "HEAD"], cwd=repo, check=True, capture_output=True, text=True).stdout.strip()


def run_hook(
    hook_repo: Path, home: Path, articles: dict[str, str], hook: str, tmp_path: Path, stage: str = "pre-commit"
) -> subprocess.CompletedProcess[str]:
    """`pre-commit run HOOK --all-files` in a site repository whose config is the snippet
    from docs/integrations.md, pointed at the snapshot."""
    work = tmp_path / "site"
    work.mkdir()
    config = CONFIG_SNIPPET.replace(SNIPPET_REPO, str(hook_repo)).replace(SNIPPET_REV, head(hook_repo))
    (work / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (work / ".claimlint.toml").write_text(f'rulesets = ["{RULESET.as_posix()}"]\n', encoding="utf-8")
    for name, text in articles.items():
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(text, encoding="utf-8")
    git(work, "init", "-q")
    git(work, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    assert PRE_COMMIT is not None
    return subprocess.run(
        [PRE_COMMIT, "run", hook, "--all-files", "--color=never", "--hook-stage", stage],
        cwd=work, env=env, capture_output=True, text=True, timeout=600,
    )


def config_snippet() -> str:
    """The first ```yaml block of docs/integrations.md that configures pre-commit."""
    docs = (ROOT / "docs" / "integrations.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", docs, re.DOTALL)
    return str(next(block for block in blocks if block.startswith("repos:") and "claimlint-corpus" in block))


CONFIG_SNIPPET = config_snippet()
SNIPPET_REPO = "https://github.com/OWNER/claimlint"
SNIPPET_REV = "v0.1.0"


def test_docs_snippet_names_both_hooks() -> None:
    assert SNIPPET_REPO in CONFIG_SNIPPET and SNIPPET_REV in CONFIG_SNIPPET
    assert "id: claimlint\n" in CONFIG_SNIPPET


@needs_tools
def test_hook_fails_on_a_bad_article(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    articles = {"posts/tea.md": "# Tea\n\nThis tea cures insomnia.\n", "notes.py": "# cures insomnia\n"}
    run = run_hook(hook_repo, pre_commit_home, articles, "claimlint", tmp_path)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "posts/tea.md:3:10: error cures-disease" in run.stdout
    assert "notes.py" not in run.stdout  # not an article: never passed to the hook


@needs_tools
def test_hook_passes_on_a_clean_article(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    run = run_hook(hook_repo, pre_commit_home, {"posts/tea.md": "# Tea\n\nThis tea supports restful sleep.\n"}, "claimlint", tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"^claimlint\.+Passed$", run.stdout, re.MULTILINE), run.stdout


@needs_tools
def test_corpus_hook_lints_the_whole_repository(hook_repo: Path, pre_commit_home: Path, tmp_path: Path) -> None:
    articles = {"a.md": "Take 400 mg.\n", "b/c.txt": "It is clinically proven.\n"}
    run = run_hook(hook_repo, pre_commit_home, articles, "claimlint-corpus", tmp_path, stage="pre-push")
    assert run.returncode == 1, run.stdout + run.stderr
    assert "a.md:1:6: warning dose-conflict" in run.stdout
    assert "b/c.txt:1:7: warning clinically-proven" in run.stdout
