"""Configuration discovery and validation: unknown keys are errors naming file, line and key."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from claimlint.cli import main
from claimlint.config import discover
from claimlint.errors import RulesetError

BASIC = str(Path(__file__).parent / "fixtures" / "basic.toml")


@pytest.fixture
def in_tmp(tmp_path: Path):  # type: ignore[no-untyped-def]
    old = os.getcwd()
    os.chdir(tmp_path)
    yield tmp_path
    os.chdir(old)


def test_pyproject_table_found_upward(in_tmp: Path) -> None:
    (in_tmp / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.claimlint]\nfail-on = "error"\nprofile = "eu"\n', encoding="utf-8")
    (in_tmp / "content" / "deep").mkdir(parents=True)
    settings = discover(None, False, in_tmp / "content" / "deep")
    assert (settings.fail_on, settings.profile, settings.root) == ("error", "eu", in_tmp.resolve())


def test_dotfile_wins_over_pyproject_in_same_folder(in_tmp: Path) -> None:
    (in_tmp / "pyproject.toml").write_text('[tool.claimlint]\nfail-on = "error"\n', encoding="utf-8")
    (in_tmp / ".claimlint.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    assert discover(None, False, in_tmp).fail_on == "info"


def test_no_config_ignores_files(in_tmp: Path) -> None:
    (in_tmp / ".claimlint.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    assert discover(None, True, in_tmp).fail_on == "warning"


@pytest.mark.parametrize(
    ("name", "body", "expected"),
    [
        pytest.param(".claimlint.toml", 'fail-on = "error"\nfial-on = "x"\n', ".claimlint.toml:2: key 'fial-on': unknown key", id="unknown-key"),
        pytest.param("pyproject.toml", '[tool.claimlint]\n\nprofile = "mars"\n', "pyproject.toml:3: key 'profile': must be one of us, eu, uk", id="bad-choice"),
        pytest.param(".claimlint.toml", '[severity]\nmiracle-word = "loud"\n', ".claimlint.toml:2: key 'severity.miracle-word': must be one of", id="bad-severity"),
        pytest.param(".claimlint.toml", 'select = "a"\nignore = 3\n', ".claimlint.toml:2: key 'ignore': must be a list of strings", id="bad-type"),
    ],
)
def test_config_errors(in_tmp: Path, name: str, body: str, expected: str) -> None:
    (in_tmp / name).write_text(body, encoding="utf-8")
    with pytest.raises(RulesetError) as info:
        discover(None, False, in_tmp)
    assert expected in str(info.value)


def test_config_drives_the_cli(in_tmp: Path) -> None:
    (in_tmp / ".claimlint.toml").write_text(
        f'rulesets = ["{BASIC}"]\nignore = ["miracle-word"]\n[severity]\ndisease-claim = "info"\n', encoding="utf-8"
    )
    (in_tmp / "a.txt").write_text("A miracle. Zinc cures colds.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--format", "concise", "a.txt"])
    assert result.stdout == "a.txt:1:17: info cures-cold 'cures colds' is a disease claim\n"
    assert result.exit_code == 0


def test_rule_options_override_kind_options(in_tmp: Path) -> None:
    (in_tmp / ".claimlint.toml").write_text(
        f'rulesets = ["{BASIC}"]\nextend-select = ["long-paragraph"]\n[rule-options.long-paragraph]\nmax = -20\nmin_words = 1\n',
        encoding="utf-8",
    )
    (in_tmp / "a.txt").write_text("Short and plain words here.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--format", "concise", "a.txt"])
    assert "info long-paragraph reading grade" in result.stdout


def test_rule_options_cannot_change_metadata(in_tmp: Path) -> None:
    (in_tmp / ".claimlint.toml").write_text(f'rulesets = ["{BASIC}"]\n[rule-options.miracle-word]\nseverity = "info"\n', encoding="utf-8")
    (in_tmp / "a.txt").write_text("x\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["a.txt"])
    assert result.exit_code == 2
    assert "rule-options.miracle-word: severity cannot be changed here" in result.output


def test_missing_config_file(in_tmp: Path) -> None:
    result = CliRunner().invoke(main, ["--config", "nope.toml", "x.txt"])
    assert result.exit_code == 2 and "nope.toml: configuration file not found" in result.output


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ('patterns = ["(unclosed"]', "key 'patterns[0]': bad regex '(unclosed': missing ) at position 9 (set by rule-options in the configuration)"),
        ('unless = ["{{nope}}"]', "key 'unless[0]': unknown term {{nope}}"),
    ],
)
def test_rule_options_of_a_bundled_rule_are_checked_before_linting(in_tmp: Path, options: str, expected: str) -> None:
    """Bundled patterns compile when first used; a pattern the configuration puts into a
    bundled rule is the user's, and is checked at once, with a clear error (it used to
    crash with a traceback in the middle of the run)."""
    (in_tmp / ".claimlint.toml").write_text(f"[rule-options.proven-claim]\n{options}\n", encoding="utf-8")
    (in_tmp / "a.txt").write_text("This is clinically proven.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--no-cache", "a.txt"])
    assert result.exit_code == 2, result.exception
    assert "rule 'proven-claim'" in result.stderr and expected in result.stderr
