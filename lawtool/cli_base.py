"""What every command module of the CLI shares: printing (control characters shown, never sent
raw to the terminal), the one way a LawtoolError ends a command, JSON output.

Below ``lawtool.cli`` and the stage command modules (``cli_gaps``, ``cli_publish`` ...), which
import it instead of ``lawtool.cli``: no import cycle between the CLI modules.  Light at import
time (typer and ``lawtool.errors`` only).
"""

from __future__ import annotations

import json
from typing import NoReturn

import typer

from .errors import LawtoolError, clean

FORCE_HELP = "replace the output file if it exists (never an input)"


def say(message: str, nl: bool = True) -> None:
    """A message on standard error (progress, warnings, reports): control characters shown, never
    sent raw to the terminal (lawtool.errors.clean)."""
    typer.echo(clean(str(message), keep="\n\t"), err=True, nl=nl)


def show(text: str, nl: bool = True) -> None:
    """A report on standard output (validate's findings, amendments' wording ...): control characters
    shown, never sent raw to the terminal."""
    typer.echo(clean(str(text), keep="\n\t"), nl=nl)


def fail(error) -> NoReturn:
    """Print a LawtoolError the way every command does, and exit with its status."""
    typer.echo(f"lawtool: error: {clean(str(error))}", err=True)
    raise typer.Exit(getattr(error, "exit_code", 2))


def run(action):
    """``action()``, a LawtoolError printed as one line (``fail``)."""
    try:
        return action()
    except LawtoolError as error:
        fail(error)


def echo_json(data) -> None:
    """``data`` as indented JSON on standard output, Arabic as is."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
