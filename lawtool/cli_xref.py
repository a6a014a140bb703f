"""Commands of the cross-reference stage: ``lawtool xref extract | mark | check | index | graph``.

Light at import time (typer, the standard library and lawtool.errors, which ``lawtool --help`` loads
anyway); the library is imported inside each command: importing lawtool.xref at the top would add
about a third of a second to every ``lawtool`` start (python -X importtime).
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from lawtool.cli_base import run, say, show
from lawtool.errors import InputError, LawtoolError

app = typer.Typer(
    name="xref",
    help="Cross-references: find the articles and laws a text cites, mark them up as "
    "AKN refs, check them against law/ and bills/, index the backlinks.",
    no_args_is_help=True,
)


def _echo_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _corpus(root: Path):
    from lawtool.xref import ArticleIndex

    return ArticleIndex.from_root(root)


def _summary(c) -> str:
    if c.kind == "law":
        target = c.work or f"? ({(c.cited_law or {}).get('number') or (c.cited_law or {}).get('name') or ''})"
        return f"law {target}"
    work = "this document" if c.internal else (c.work or "?")
    if c.work is None and not c.internal and c.cited_law:
        law = c.cited_law
        work = f"? ({law.get('number') or law.get('name') or law.get('kind')})"
    numbers = ", ".join(c.articles[:12]) + (f" … ({len(c.articles)})" if len(c.articles) > 12 else "")
    extra = " range" + (f" [{c.expansion}]" if c.expansion else "") if c.range else ""
    note = f"  ({c.problem})" if c.problem else ""
    return f"{work}: {numbers}{extra}{note}"


@app.command("extract")
def extract(
    file: Path = typer.Argument(..., help="an AKN XML file, or a raw .txt text"),
    as_json: bool = typer.Option(False, "--json", help="print only the JSON, on standard output"),
    frbr_uri: str | None = typer.Option(
        None, "--frbr-uri", help="for a .txt: the text's own work URI (default: guessed from its first lines)"
    ),
    root: Path = typer.Option(
        Path("."), "--root", help="repository root: law/ and bills/ give the cited works' articles"
    ),
):
    """Every citation of a file: its words, place (eId or offset), cited work, articles and hrefs."""

    def action():
        from lawtool.akn import Document
        from lawtool.frbr import FrbrUri
        from lawtool.importer import read_source
        from lawtool.xref import extract_document, extract_text

        corpus = _corpus(root)
        if file.suffix.lower() == ".txt":
            uri = FrbrUri.parse(frbr_uri).work_uri() if frbr_uri else None
            citations = extract_text(read_source(file), uri=uri, corpus=corpus)
            kind = "text"
        else:
            citations = extract_document(Document.load(file), corpus)
            kind = "akn"
        if as_json:
            _echo_json({"file": str(file), "input": kind, "citations": [c.to_dict() for c in citations]})
            return
        for c in citations:
            place = f"{c.eid}" if c.eid is not None else f"line {c.line}"
            show(f"{place}: «{' '.join(c.text.split())}» → {_summary(c)}")
        say(f"{len(citations)} citations")

    run(action)


@app.command("mark")
def mark(
    file: Path = typer.Argument(..., help="an AKN XML file"),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="where to write the marked document (default: standard output)"
    ),
    in_place: bool = typer.Option(False, "--in-place", help="rewrite FILE itself"),
    dry_run: bool = typer.Option(False, "--dry-run", help="write nothing: print the diff"),
    force: bool = typer.Option(
        False, "--force", help="replace the -o file if it exists (never FILE: that is --in-place)"
    ),
    root: Path = typer.Option(Path("."), "--root", help="repository root (law/ and bills/)"),
):
    """Write the citations as AKN ref/rref elements (idempotent; existing refs are kept)."""

    def action():
        import difflib

        from lawtool.akn import Document, atomic_write
        from lawtool.outputs import check_output
        from lawtool.xref.mark import mark_document

        if in_place and output is not None and output.resolve() != file.resolve():
            raise LawtoolError("--in-place and -o name different files", hint="give one of them")
        if not dry_run:
            check_output(
                file if in_place else output, [file], replace=force, in_place=in_place, in_place_flag="--in-place"
            )
        document = Document.load(file)
        before = document.to_bytes()
        added = mark_document(document, _corpus(root))
        after = document.to_bytes()
        if dry_run:
            diff = difflib.unified_diff(
                before.decode("utf-8").splitlines(keepends=True),
                after.decode("utf-8").splitlines(keepends=True),
                f"a/{file}",
                f"b/{file}",
                n=0,
            )
            typer.echo("".join(diff), nl=False)
            say(f"{file}: {added} references would be added (nothing written)")
            return
        target = file if in_place else output
        if target is None:
            typer.echo(after.decode("utf-8"), nl=False)
        elif target.resolve() == file.resolve() and after == before:
            pass  # nothing to change: leave the file untouched
        else:
            atomic_write(target, after)
        say(f"{target or '<stdout>'}: {added} references added")

    run(action)


@app.command("check")
def check(
    paths: list[Path] = typer.Argument(..., help="AKN files or folders (law bills)"),
    as_json: bool = typer.Option(False, "--json", help="JSON output"),
    show_all: bool = typer.Option(False, "--all", help="also the info findings (inserted, outside-corpus)"),
    strict: bool = typer.Option(False, "--strict", help="exit 1 on warnings too"),
    root: Path = typer.Option(Path("."), "--root", help="repository root (law/ and bills/)"),
):
    """Each reference against the corpus: missing articles, repealed ones, ambiguous ones (exit 1 on errors)."""

    def action():
        from lawtool.xref.check import check_paths

        for p in paths:
            if not p.exists():
                raise InputError("no such file or folder", path=str(p), hint="give AKN files or folders (law bills)")
        findings = check_paths(paths, root=root)
        shown = [f for f in findings if show_all or f.severity != "info"]
        if as_json:
            _echo_json({"findings": [f.to_dict() for f in shown]})
        else:
            for f in shown:
                show(f.render())
            counts = {s: sum(1 for f in findings if f.severity == s) for s in ("error", "warning", "info")}
            say(f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info")
        if any(f.severity == "error" for f in findings) or (strict and any(f.severity == "warning" for f in findings)):
            raise typer.Exit(1)

    run(action)


@app.command("index")
def index(
    paths: list[Path] = typer.Argument(..., help="AKN files or folders (law bills)"),
    as_json: bool = typer.Option(False, "--json", help="print the JSON index"),
    output: Path | None = typer.Option(None, "-o", "--output", help="write the JSON index to a file"),
    force: bool = typer.Option(False, "--force", help="replace the -o file if it exists (never an input)"),
    root: Path = typer.Option(Path("."), "--root", help="repository root (law/ and bills/)"),
):
    """Backlinks: for each cited provision who cites it, for each provision what it cites."""

    def action():
        from lawtool.akn import atomic_write
        from lawtool.outputs import check_output
        from lawtool.xref.index import build_index

        check_output(output, paths, replace=force)
        data = build_index(paths, _corpus(root), root=root)
        text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
        if output is not None:
            atomic_write(output, text.encode("utf-8"))
        if as_json:
            typer.echo(text, nl=False)
        elif output is None:
            for target, entries in data["cited_by"].items():
                typer.echo(f"{target}  ← {len(entries)}")
                for e in entries:
                    typer.echo(f"    {e['source']}/~{e['source_eid']}  «{' '.join(e['text'].split())}»")

    run(action)


@app.command("graph")
def graph(
    paths: list[Path] = typer.Argument(..., help="folders (or files) of AKN XML: law bills build/corpus"),
    output: Path = typer.Option(..., "-o", "--output", help="the folder to write the graph into"),
    force: bool = typer.Option(False, "--force", help="replace the graph files of an earlier run"),
    jobs: int | None = typer.Option(None, "--jobs", help="processes (default: every core)"),
    top: int = typer.Option(10, "--top", help="how many of the most cited works and articles to print"),
):
    """The citation graph of a corpus: JSON, CSV edges, GraphML (works and articles), backlinks, most
    cited, unresolved citations, broken citations as findings (exit 1 when there are any, or when a
    file could not be read: it is named and left out)."""

    def action():
        from lawtool.outputs import check_output
        from lawtool.xref.graph import OUTPUTS, build_graph, summary, write_graph

        for p in paths:
            if not p.exists():
                raise InputError("no such file or folder", path=str(p), hint="give folders of AKN XML (law bills)")
        for name in OUTPUTS:
            check_output(output / name, paths, replace=force)
        result = build_graph(paths, jobs)
        if result.unreadable and not result.documents:
            first = result.unreadable[0]
            raise InputError(
                f"no document could be read ({first['error']})",
                path=first["path"],
                hint="give AKN XML files or folders of them",
            )
        write_graph(result, output)
        s = summary(result, top)
        show(
            f"{s['documents']} documents, {s['citations']} citations of other texts "
            f"({s['internal_citations']} internal): {s['work_citations']} to {s['work_edges']} work links, "
            f"{s['article_citations']} to articles, {s['unresolved_citations']} unresolved "
            f"({s['unresolved_texts']} texts outside the corpus), {s['broken_citations']} broken"
        )
        for w in s["most_cited_works"]:
            show(f"  {w['cited']:6d}  {w['work']}  {w['title'] or ''}")
        for a in s["most_cited_articles"]:
            show(f"  {a['cited']:6d}  {a['article']}")
        say(f"{output}: {', '.join(OUTPUTS)}")
        for bad in result.unreadable[:10]:
            say(f"lawtool: warning: {bad['path']}: left out of the graph, not readable: {bad['error']}")
        if len(result.unreadable) > 10:
            say(
                f"lawtool: warning: {len(result.unreadable) - 10} more files left out (listed in graph.json, "
                "«unreadable»)"
            )
        if result.findings or result.unreadable:
            raise typer.Exit(1)

    run(action)
