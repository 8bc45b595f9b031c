"""The composite GitHub Action: its definition, and its lint step run as GitHub would run it
(the step's `run` script under bash, with the step's env and GitHub's variables)."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.goldens import DATA, RULESET

yaml = pytest.importorskip("yaml")
ROOT = Path(__file__).resolve().parent.parent
ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {step.get("id") or step["name"]: step for step in ACTION["runs"]["steps"]}
EXPRESSION = re.compile(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}")


def test_action_is_composite_with_the_documented_inputs() -> None:
    assert ACTION["runs"]["using"] == "composite"
    assert set(ACTION["inputs"]) == {"paths", "args", "fail-on", "sarif", "sarif-file", "python-version"}
    assert all(step.get("shell") == "bash" for step in ACTION["runs"]["steps"] if "run" in step)
    install = STEPS["Install claimlint"]["run"]
    assert '"$GITHUB_ACTION_PATH"' in install  # the action's own checkout, not PyPI


def test_inputs_reach_the_script_only_through_the_environment() -> None:
    used = set()
    for step in ACTION["runs"]["steps"]:
        assert not EXPRESSION.search(step.get("run", "")), f"{step['name']}: inputs pasted into shell code"
        for value in [*step.get("env", {}).values(), *step.get("with", {}).values(), step.get("if", "")]:
            used |= set(EXPRESSION.findall(str(value)))
        used |= set(re.findall(r"inputs\.([\w-]+)", str(step.get("if", ""))))
    assert used == set(ACTION["inputs"])


def github_env(step: dict[str, Any], inputs: dict[str, str]) -> dict[str, str]:
    """The step's env with ${{ inputs.x }} evaluated, defaults filled as GitHub does."""
    values = {name: spec.get("default", "") for name, spec in ACTION["inputs"].items()}
    values.update(inputs)
    return {key: EXPRESSION.sub(lambda m: values[m.group(1)], str(value)) for key, value in step.get("env", {}).items()}


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    work = tmp_path / "workspace"
    shutil.copytree(DATA / "articles", work / "articles")
    (work / ".claimlint.toml").write_text(f'rulesets = ["{RULESET.as_posix()}"]\n', encoding="utf-8")
    return work


def run_step(workspace: Path, **inputs: str) -> tuple[subprocess.CompletedProcess[str], dict[str, str], str]:
    bin_dir = workspace.parent / "bin"  # `python` on PATH is this interpreter, as setup-python arranges
    bin_dir.mkdir(exist_ok=True)
    if not (bin_dir / "python").exists():
        (bin_dir / "python").symlink_to(sys.executable)
    output, summary = workspace.parent / "output.txt", workspace.parent / "summary.md"
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "GITHUB_ACTIONS": "true",
        "GITHUB_WORKSPACE": str(workspace),
        "GITHUB_ACTION_PATH": str(ROOT),
        "GITHUB_OUTPUT": str(output),
        "GITHUB_STEP_SUMMARY": str(summary),
        **github_env(STEPS["lint"], {key.replace("_", "-"): value for key, value in inputs.items()}),
    }
    env.pop("NO_COLOR", None)
    run = subprocess.run(["bash", "-e", "-c", STEPS["lint"]["run"]], cwd=workspace, env=env, capture_output=True, text=True, timeout=120)
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines()) if output.exists() else {}
    return run, outputs, summary.read_text(encoding="utf-8") if summary.exists() else ""


def test_annotations_outputs_and_summary(workspace: Path) -> None:
    run, outputs, summary = run_step(workspace)
    assert run.returncode == 1, run.stderr
    lines = run.stdout.splitlines()
    assert len(lines) == 7
    assert lines[1] == (
        "::error file=articles/dose.txt,line=4,col=14,endLine=4,endColumn=27,title=claimlint (cures-disease)::"
        "'cures anxiety' is a disease claim, which a supplement may not make%0A%0A"
        "Instead: Describe a structure or function: 'supports normal immune function'."
    )
    assert outputs == {"findings": "7"}
    assert "2 errors, 3 warnings, 2 notices." in summary
    assert "| articles/sleep.md:9 | notice | 'Use code' may be promotion; is it disclosed? |" in summary
    assert not (workspace / "claimlint.sarif").exists()


def test_sarif_is_written_when_asked(workspace: Path) -> None:
    run, outputs, _ = run_step(workspace, sarif="true", sarif_file="reports/claimlint.sarif", paths="articles/sleep.md")
    assert run.returncode == 1, run.stderr
    assert outputs == {"findings": "5", "sarif-file": "reports/claimlint.sarif"}
    log = json.loads((workspace / "reports" / "claimlint.sarif").read_text(encoding="utf-8"))
    schema = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]} == {"articles/sleep.md"}


def test_fail_on_and_extra_arguments(workspace: Path) -> None:
    run, outputs, _ = run_step(workspace, fail_on="error", args="--ignore cures-disease")
    assert run.returncode == 0, run.stdout + run.stderr  # only warnings and notices are left
    assert outputs == {"findings": "5"}


def test_bad_fail_on_is_an_error_annotation(workspace: Path) -> None:
    run, _, _ = run_step(workspace, fail_on="fatal")
    assert run.returncode == 2
    assert run.stdout == "::error title=claimlint::fail-on must be one of info, warning, error, not 'fatal'\n"


def test_inputs_cannot_inject_shell_commands(workspace: Path) -> None:
    run, _, _ = run_step(workspace, paths="'$(touch pwned)' articles/clean.html", args="; touch pwned2")
    assert not (workspace / "pwned").exists() and not (workspace / "pwned2").exists()
    assert run.returncode == 2  # claimlint was given a path and an argument that do not exist
