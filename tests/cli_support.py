"""The CLI's commands, read from the typer application: for the tests that must cover every one."""

from __future__ import annotations

import typer.main

from lawtool.cli import app


def cli_commands() -> dict[str, object]:
    """«amend check» → its click command, for every command of the CLI (groups walked)."""
    out: dict[str, object] = {}

    def walk(group, prefix=()):
        for name, command in sorted(group.commands.items()):
            if hasattr(command, "commands"):
                walk(command, prefix + (name,))
            else:
                out[" ".join(prefix + (name,))] = command

    walk(typer.main.get_command(app))
    return out
