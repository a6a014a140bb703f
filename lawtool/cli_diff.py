"""Commands of the diff stage: ``diff``, ``compare`` and ``history``.

Only typer, the standard library and lawtool's light modules (errors, outputs, pdf) are
imported here; the diff library (lxml and the whole ``lawtool.diff`` package, about 0.1 s) is
imported inside the commands so that ``lawtool --help`` stays quick.
"""

from __future__ import annotations

import difflib
import os
import shutil
import sys
from pathlib import Path

import typer

from lawtool.cli_base import run, say
from lawtool.errors import LawtoolError
from lawtool.outputs import check_output
from lawtool.pdf import html_to_pdf

FORMATS = ("text", "json", "html", "markdown", "docx", "pdf")
FORCE_HELP = "replace the output file if it exists (never an input)"


def _check_format(fmt: str, allowed=FORMATS) -> None:
    if fmt not in allowed:
        raise LawtoolError(f"unknown format {fmt!r}", hint="use one of: " + ", ".join(allowed))


def _want_color(color: bool | None, output: Path | None) -> bool:
    if color is not None:
        return color
    return output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _width() -> int:
    return shutil.get_terminal_size((100, 24)).columns


def _deliver(data: str | bytes, output: Path | None, fmt: str, color: bool = False) -> None:
    """Write to ``output`` atomically, or to standard output (DOCX only to a file)."""
    from lawtool.akn import atomic_write  # local: startup (lxml)

    if output is not None:
        atomic_write(output, data if isinstance(data, bytes) else data.encode("utf-8"))
        return
    if isinstance(data, bytes):
        raise LawtoolError(f"the {fmt} format is binary", hint=f"give a file with -o FILE.{fmt}")
    typer.echo(data, nl=False, color=color or None)  # click strips colour off a pipe unless told


def _pdf(page: str, *documents) -> bytes:
    """The HTML page printed to PDF, with the working-text notice of the documents (a bill's) on
    every page."""
    notices = [d.notice for d in documents if d.notice]
    return html_to_pdf(page, notice=notices[-1] if notices else None)


app = typer.Typer()  # its commands are top-level commands of lawtool (lawtool.cli)


@app.command("diff")
def diff_cmd(
    old: Path = typer.Argument(..., help="the old version (AKN XML)"),
    new: Path = typer.Argument(..., help="the new version (AKN XML)"),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json, html, markdown, docx or pdf"),
    output: Path | None = typer.Option(None, "-o", "--output", help="write to a file instead of stdout"),
    show_typographic: bool = typer.Option(
        False,
        "--show-typographic",
        help="also show differences of typography only (diacritics, tatweel, hamza forms, digits, spacing)",
    ),
    cross_work: bool = typer.Option(
        False, "--cross-work", help="allow two different works (a bill's article against a code's article)"
    ),
    old_eid: str | None = typer.Option(None, "--old-eid", help="compare only this element of OLD"),
    new_eid: str | None = typer.Option(None, "--new-eid", help="compare only this element of NEW"),
    write_wid: bool = typer.Option(
        False, "--write-wid", help="record the old eIds as wId in NEW (rewrites NEW atomically)"
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="with --write-wid: show the change to NEW, write nothing"),
    color: bool | None = typer.Option(None, "--color/--no-color", help="colour (default: on a terminal)"),
    bidi: str = typer.Option(
        "logical",
        "--bidi",
        help="text format: logical (terminal reorders) or visual (lawtool lays lines out right to left)",
    ),
    context: bool = typer.Option(False, "--context", help="text format: show unchanged lines too"),
    exit_code: bool = typer.Option(False, "--exit-code", help="exit 1 when there are changes"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """Compare two versions of a text: alignment of chapters and articles (moved, renumbered,
    split, merged ...), word differences inside changed ones, and the concordance."""

    def action():
        # local: startup (lxml and the diff package)
        from lawtool.akn import Document
        from lawtool.diff import diff_documents
        from lawtool.diff.html import render_html
        from lawtool.diff.render import render

        _check_format(fmt)
        if bidi not in ("logical", "visual"):
            raise LawtoolError(f"unknown --bidi {bidi!r}", hint="use --bidi logical or --bidi visual")
        if dry_run and not write_wid:
            raise LawtoolError("--dry-run goes with --write-wid", hint="add --write-wid")
        if write_wid and (cross_work or old_eid or new_eid):
            raise LawtoolError(
                "--write-wid records identifiers between two whole expressions of one work",
                hint="drop --cross-work/--old-eid/--new-eid",
            )
        check_output(output, [old, new], replace=force)
        old_doc, new_doc = Document.load(old), Document.load(new)
        result = diff_documents(old_doc, new_doc, old_eid=old_eid, new_eid=new_eid, cross_work=cross_work)
        for warning in result.warnings:
            typer.echo(f"lawtool: warning: {warning}", err=True)
        colored = _want_color(color, output)
        data: str | bytes
        if fmt == "pdf":
            data = _pdf(render_html(result, typographic=show_typographic), old_doc, new_doc)
        else:
            data = render(
                result, fmt, typographic=show_typographic, color=colored, bidi=bidi, width=_width(), context=context
            )
        if write_wid:
            _write_wid(result, new_doc, new, dry_run)
        _deliver(data, output, fmt, colored)
        if exit_code and not result.is_empty(typographic=show_typographic):
            raise typer.Exit(1)

    run(action)


@app.command("compare")
def compare_cmd(
    bill: Path = typer.Argument(..., help="the amending text (a bill or an amending law, AKN XML)"),
    law: Path = typer.Option(..., "--with", help="the law in force it amends (AKN XML)"),
    fmt: str = typer.Option("text", "--format", "-f", help="text, json, html, markdown, docx or pdf"),
    output: Path | None = typer.Option(None, "-o", "--output", help="write to a file instead of stdout"),
    show_typographic: bool = typer.Option(False, "--show-typographic", help="mark typographic differences"),
    color: bool | None = typer.Option(None, "--color/--no-color", help="colour (default: on a terminal)"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """Three columns for each article the text amends or replaces in the law: the text in
    force, the proposed text, the changes."""

    def action():
        # local: startup (lxml and the diff package)
        from lawtool.akn import Document
        from lawtool.diff.compare import compare, render_comparison

        _check_format(fmt)
        check_output(output, [bill, law], replace=force)
        bill_doc = Document.load(bill)
        comparison = compare(bill_doc, Document.load(law))
        colored = _want_color(color, output)
        if fmt == "pdf":
            data = _pdf(render_comparison(comparison, "html", typographic=show_typographic), bill_doc)
        else:
            data = render_comparison(comparison, fmt, typographic=show_typographic, color=colored)
        _deliver(data, output, fmt, colored)

    run(action)


@app.command("history")
def history_cmd(
    folder: Path = typer.Argument(..., help="a work's folder: its *.xml expressions"),
    fmt: str = typer.Option("text", "--format", "-f", help="text or json"),
    output: Path | None = typer.Option(None, "-o", "--output", help="write to a file instead of stdout"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """The versions of a work in date order, with what changed from each to the next."""

    def action():
        from lawtool.diff.history import history, render_history  # local: startup (lxml)

        _check_format(fmt, ("text", "json"))
        check_output(output, [folder], replace=force)
        _deliver(render_history(history(folder), fmt), output, fmt)

    run(action)


def _write_wid(result, new_doc, new_path: Path, dry_run: bool) -> None:
    # local: startup (lxml and the diff package)
    from lawtool.akn import read_bytes
    from lawtool.diff.wid import apply_wids

    before = read_bytes(new_path)
    updates = apply_wids(result)
    after = new_doc.to_bytes()
    if dry_run:
        lines = difflib.unified_diff(
            before.decode("utf-8").splitlines(keepends=True),
            after.decode("utf-8").splitlines(keepends=True),
            fromfile=f"{new_path} (now)",
            tofile=f"{new_path} (with wId)",
        )
        say("".join(lines), nl=False)
        say(f"{new_path}: {len(updates)} wId to record (dry run: nothing written)")
        return
    if updates:
        new_doc.save(new_path)
    say(f"{new_path}: {len(updates)} wId recorded")
