"""Errors audit: every command of the CLI, run with bad arguments, fails cleanly — no traceback, a
message naming the problem, and a documented exit status (docs/cli.md: 2 for usage and input errors,
1 for findings/collisions/changes)."""

import subprocess
import sys

import pytest
from cli_support import cli_commands

ALL = [tuple(name.split()) for name in cli_commands()]


def lawtool(*args, cwd):
    return subprocess.run(
        [sys.executable, "-m", "lawtool", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def test_every_stage_has_commands():
    names = {c[0] for c in ALL}
    assert {"import", "validate", "export", "info", "corpus"} <= names


@pytest.mark.parametrize("command", ALL, ids=" ".join)
def test_unknown_option(command, tmp_path):
    result = lawtool(*command, "--no-such-option", cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "No such option" in result.stderr


@pytest.mark.parametrize("command", ALL, ids=" ".join)
def test_missing_file(command, tmp_path):
    """Every path-taking command names the missing file; commands without arguments run or fail cleanly."""
    missing = str(tmp_path / "missing.xml")
    result = lawtool(*command, missing, cwd=tmp_path)
    assert "Traceback" not in result.stderr + result.stdout
    assert result.returncode in (0, 1, 2)
    if result.returncode == 2 and "lawtool: error:" in result.stderr:
        assert "—" in result.stderr, "the message says what to do"
