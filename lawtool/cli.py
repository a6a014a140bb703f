"""The lawtool command line: parses arguments, calls the library, prints.  Nothing else.

Heavy modules (lxml, the importer, the schema) are imported inside the commands so that
``lawtool --help`` stays as quick as a bare typer application.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from . import cli_amend, cli_diff, cli_gaps, cli_publish, cli_xref
from .cli_base import FORCE_HELP, echo_json, run, say, show
from .errors import LawtoolError, OutputError, clean

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Akoma Ntoso legislative drafting and comparison, Arabic first.",
)


@app.command("import")
def import_cmd(
    source: Path = typer.Argument(..., help="the official text (.txt, UTF-8)"),
    frbr_uri: str | None = typer.Option(
        None,
        "--frbr-uri",
        help="expression URI, e.g. /akn/ma/act/2018/103-13/ara@2018-03-12 (default: read from the text's heading)",
    ),
    doctype: str = typer.Option("act", "--doctype", help="act or bill"),
    output: Path = typer.Option(..., "-o", "--output", help="where to write the AKN XML"),
    report: bool = typer.Option(False, "--report", help="print the repair report (JSON) on standard output"),
    work_date: str | None = typer.Option(None, "--work-date", help="date of the work (dahir), YYYY-MM-DD"),
    title: str | None = typer.Option(None, "--title", help="the document title (default: read from the text's head)"),
    no_repair: bool = typer.Option(
        False,
        "--no-repair",
        help="the text is clean (e.g. from lawtool export): one paragraph per line, no PDF damage to repair",
    ),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """Import an official Arabic text into Akoma Ntoso, repairing PDF-extraction damage."""

    def action():
        from .frbr import FrbrUri
        from .importer import import_text, read_source

        if doctype not in ("act", "bill"):
            raise LawtoolError(f"unknown doctype {doctype!r}", hint="use --doctype act or --doctype bill")
        from .outputs import check_output

        check_output(output, [source], replace=force)
        uri = FrbrUri.parse(frbr_uri) if frbr_uri else None
        text = read_source(source)
        document, rep = import_text(
            text, uri, doctype=doctype, source_name=str(source), work_date=work_date, title=title, repair=not no_repair
        )
        document.save(output)
        for finding in rep.findings:
            if finding.severity != "info":
                say(f"lawtool: {finding.render()}")
        if report:
            data = rep.to_dict()
            data["suspects"] = _suspect_check(document)
            # the context check (importer/context.py): real-word reversals, beside hunspell's non-words
            data["context_check"] = getattr(rep, "context", None) or {
                "available": False,
                "message": "not run (--no-repair)",
            }
            echo_json(data)
        else:
            total = sum(rep.repairs.values())
            say(
                f"{output}: {len(document.articles())} articles, {total} repairs, "
                f"{len(rep.uncertain)} uncertain, {sum(f.severity != 'info' for f in rep.findings)} findings"
            )
        if not rep.clean:
            raise typer.Exit(1)  # written, with findings to read

    run(action)


def _suspect_check(document) -> dict:
    """The independent check of the repair (hunspell): share of tokens still suspect."""
    from .akn import text_of
    from .importer.suspects import HunspellMissing, suspect_share

    text = "\n".join(text_of(p) for p in document.main.iter("{*}p"))
    try:
        result = suspect_share(text)
    except HunspellMissing as exc:
        return {"available": False, "message": str(exc)}
    return {
        "available": True,
        "tokens": result.tokens,
        "suspects": result.suspects,
        "share_percent": round(100 * result.share, 3),
        "examples": result.examples[:20],
    }


@app.command()
def validate(
    paths: list[Path] = typer.Argument(..., help="files or folders of AKN XML"),
    as_json: bool = typer.Option(False, "--json", help="JSON output"),
):
    """Check documents against the official XSD and lawtool's rules (exit 1 on any error)."""

    def action():
        from .validate import format_human, to_json, validate_paths

        reports = validate_paths(paths)
        if as_json:
            echo_json(to_json(reports))
        else:
            show(format_human(reports))
        if any(not r.valid for r in reports):
            raise typer.Exit(1)

    run(action)


@app.command()
def export(
    file: Path = typer.Argument(..., help="an AKN XML file"),
    to: str = typer.Option("text", "--to", help="text, markdown or pdf"),
    output: Path | None = typer.Option(None, "-o", "--output", help="write to a file instead of stdout"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """Write a document as text in the official layout, as Markdown, or as PDF (with -o)."""

    def action():
        from .akn import Document, atomic_write
        from .export import to_markdown, to_text

        if to not in ("text", "markdown", "pdf"):
            raise LawtoolError(f"unknown format {to!r}", hint="use --to text, --to markdown or --to pdf")
        if to == "pdf" and output is None:
            raise LawtoolError("the pdf format is binary", hint="give a file with -o FILE.pdf")
        from .outputs import check_output

        check_output(output, [file], replace=force)
        document = Document.load(file)
        if to == "pdf":
            from .export_pdf import to_pdf

            assert output is not None  # refused above
            atomic_write(output, to_pdf(document))
            return
        result = to_text(document) if to == "text" else to_markdown(document)
        if output:
            atomic_write(output, result.encode("utf-8"))
        else:
            typer.echo(result, nl=False)

    run(action)


@app.command()
def info(
    file: Path = typer.Argument(..., help="an AKN XML file"),
    as_json: bool = typer.Option(False, "--json", help="JSON output"),
):
    """Title, FRBR URIs, language and counts of a document."""

    def action():
        from .akn import Document
        from .akn_walk import parts_summary

        document = Document.load(file)
        work, expression = document.frbr_work, document.frbr_expression
        data: dict[str, Any] = {
            "path": str(file),
            "frbr_uri": str(expression or work or ""),
            "work": work.work_uri() if work else None,
            "title": document.title,
            "language": document.language,
            "date": document.expression_date,
            "doctype": document.doctype,
            "counts": document.counts(),
            "parts": parts_summary(document),
        }
        if as_json:
            echo_json(data)
        else:
            typer.echo(
                f"{data['title']}\n  {data['frbr_uri']}  ({data['language']}, {data['date']}, {data['doctype']})"
            )
            typer.echo("  " + ", ".join(f"{k}: {v}" for k, v in data["counts"].items()))
            parts = data["parts"]
            body = f"body: {parts['provisions']} {parts['provision'] or 'provision'}(s) in {parts['containers']} containers"
            if parts["promulgation_provisions"]:
                body += f" (and the promulgating dahir's {parts['promulgation_provisions']})"
            attached = (
                f"{parts['attached_documents']} attached document(s) ({parts['attached_provisions']} provisions)"
                if parts["attached_documents"]
                else None
            )
            typer.echo("  parts: " + ", ".join(x for x in [*parts["texts"], body, attached] if x))

    run(action)


@app.command()
def eids(
    file: Path = typer.Argument(..., help="an AKN XML file"),
    output: Path = typer.Option(..., "-o", "--output", help="where to write the document with its eIds"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """Give every article, division, paragraph ... of a document that has none its eId (the Akoma
    Ntoso naming convention), so that amendments can name them; the eIds it has stay."""

    def action():
        from .akn import Document
        from .eids import fill_missing_eids
        from .outputs import check_output

        check_output(output, [file], replace=force)
        document = Document.load(file)
        added = fill_missing_eids(document.root)
        document.save(output)
        say(f"{output}: {added} eId(s) given")

    run(action)


corpus_app = typer.Typer(
    name="corpus",
    help="The repository's corpus: law/ and bills/ rebuilt from their recorded sources.",
    no_args_is_help=True,
)
app.add_typer(corpus_app)


@corpus_app.command("build")
def corpus_build(
    root: Path = typer.Option(Path("."), "--root", help="repository root"),
    check: bool = typer.Option(False, "--check", help="write nothing; exit 1 if a file would change"),
    dry_run: bool = typer.Option(False, "--dry-run", help="write nothing; show the diff of what would change"),
):
    """Re-import every document of law/ and bills/ from its import.yaml (source + corrections)."""

    def action():
        from .recipes import build_corpus

        changed = []
        for result in build_corpus(root, write=not (check or dry_run), with_diff=dry_run):
            if dry_run and result.diff:
                typer.echo(result.diff, nl=False)
            mark = "changed" if result.changed else "same"
            say(
                f"{result.path}: {mark} ({result.articles} articles, {result.repairs} repairs, "
                f"{result.uncertain} uncertain)"
            )
            if result.changed:
                changed.append(result.path)
        if (check or dry_run) and changed:
            raise typer.Exit(1)

    run(action)


@corpus_app.command("import-all")
def corpus_import_all(
    folder: Path = typer.Argument(..., help="a folder of official texts (.txt), e.g. ../shared/sources/adala/corpus"),
    out: Path = typer.Option(Path("build/corpus"), "--out", help="the build folder (outside git)"),
    jobs: int | None = typer.Option(None, "--jobs", "-j", help="processes (default: every core)"),
    force: bool = typer.Option(False, "--force", help="import every text again, even unchanged ones"),
    no_spelling: bool = typer.Option(False, "--no-spelling", help="skip the hunspell suspect share"),
):
    """Import a whole folder of texts into AKN (incremental, every core) with a quality report.
    Exit 1 when a text was refused (each named on standard error and in the report)."""

    def action():
        from .corpus_import import import_all

        with typer.progressbar(length=1, label="lawtool: import", file=None) as bar:

            def progress(done: int, total: int) -> None:
                bar.length = total
                bar.update(done - bar.pos)

            report = import_all(folder, out, jobs=jobs, force=force, spelling=not no_spelling, progress=progress)
        s = report["summary"]
        typer.echo(
            f"{out}: {s['imported']} texts imported ({s['reimported_this_run']} this run), {s['refused']} "
            f"refused, {s['articles']} articles; article numbers = source headings for "
            f"{s['article_count_agrees_percent']} %; report: {out / 'report.md'}",
            err=True,
        )
        refused = report["refused"]
        for entry in refused[:10]:
            say(f"lawtool: warning: {folder / entry['file']}: refused: {entry['error']}")
        if len(refused) > 10:
            say(f"lawtool: warning: {len(refused) - 10} more texts refused (listed in {out / 'report.md'})")
        if refused:
            raise typer.Exit(1)

    run(action)


@corpus_app.command("summary")
def corpus_summary(
    root: Path = typer.Option(Path("."), "--root", help="repository root"),
    as_json: bool = typer.Option(False, "--json", help="JSON output"),
):
    """Each document of law/ and bills/: title, FRBR, date, counts."""

    def action():
        from .recipes import summary

        rows = summary(root)
        if as_json:
            echo_json(rows)
        else:
            for row in rows:
                counts = row["counts"]
                typer.echo(
                    f"{row['path']}\n  {row['title']}\n  {row['frbr_uri']}  "
                    f"chapters: {counts.get('chapter', 0)}, articles: {row['articles']}"
                )

    run(action)


# The commands of the later stages: each stage's CLI module has its own Typer app (a named group,
# or top-level commands merged into lawtool's), registered here the same way.  Those modules import
# typer and lawtool's light modules only; their library imports happen inside the commands.
for _stage in (cli_diff, cli_amend, cli_xref, cli_gaps, cli_publish):
    app.add_typer(_stage.app)


def main() -> None:
    """Run the CLI.  The library turns a user's mistakes into LawtoolError (printed by ``run``); what
    the system refuses under any command (a full disk or a closed standard output, a file system
    that is read-only, input nested or numbered beyond reason, memory) is printed here as one line
    too, never as a traceback."""
    import errno
    import sys

    try:
        app()
    except BrokenPipeError:  # `lawtool export ... | head`: the reader stopped reading; not an error
        sys.stderr.close()
        raise SystemExit(0) from None
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            print(
                "lawtool: error: the port is already in use (another server runs there) — stop it, or choose "
                "another port with --port",
                file=sys.stderr,
            )
            raise SystemExit(2) from None
        # reads are worded where they happen (lawtool.akn.read_input's callers): what reaches here is a write
        message = OutputError.from_os_error(error, str(error.filename or "standard output"))
        print(f"lawtool: error: {clean(str(message))}", file=sys.stderr)
        raise SystemExit(2) from None
    except RecursionError:
        print(
            "lawtool: error: the input is nested deeper than lawtool reads (elements or lists within each "
            "other thousands of times) — check the file; no law is nested so deep",
            file=sys.stderr,
        )
        raise SystemExit(2) from None
    except MemoryError:
        print("lawtool: error: out of memory — the input is too large for this machine; split it", file=sys.stderr)
        raise SystemExit(2) from None
    except ValueError as error:
        if "integer string conversion" not in str(error):
            raise
        print(
            "lawtool: error: a number in the input has thousands of digits — no law numbers an article, a "
            "law or a date so; check the file",
            file=sys.stderr,
        )
        raise SystemExit(2) from None


if __name__ == "__main__":
    from lawtool.cli import main as _main

    _main()
