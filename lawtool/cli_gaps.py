"""Commands of the gaps stage: definitions, gap report, penalties, the committed reports.

Light at import time (typer, lawtool.cli_base and lawtool.errors only); the library is imported inside
each command.
"""

from __future__ import annotations

from pathlib import Path

import typer

from lawtool.cli_base import echo_json, run, say
from lawtool.errors import InputError, LawtoolError

app = typer.Typer()  # its commands are top-level commands of lawtool (lawtool.cli)


@app.command()
def gaps(
    paths: list[Path] = typer.Argument(..., help="AKN XML files, or plain .txt texts"),
    concepts: Path | None = typer.Option(
        None, "--concepts", help="checklist YAML (format of digital-violence-concepts.yaml)"
    ),
    scope: Path | None = typer.Option(
        None,
        "--scope",
        help="YAML: work URI → article numbers to read (or a touched-articles.yaml, which restricts the Penal Code)",
    ),
    reviews: Path | None = typer.Option(
        None, "--reviews", help="YAML of reviewers' decisions on coverage cells (reports/reviews.yaml)"
    ),
    annotation: Path | None = typer.Option(
        None, "--annotation", help="hand annotation of the coverage: list the cells that differ as to review"
    ),
    as_json: bool = typer.Option(False, "--json", help="JSON output"),
    strict: bool = typer.Option(False, "--strict", help="exit 1 when there is any warning"),
):
    """Definitional gaps: unused and undefined terms, inconsistent terminology, definitions that
    differ between documents, and the coverage of a checklist of concepts."""

    def action():
        from lawtool.gaps.annotation import load_annotation
        from lawtool.gaps.coverage import load_checklist
        from lawtool.gaps.evidence import load_reviews
        from lawtool.gaps.report import gap_report, gaps_markdown, load_scope, load_sources

        checklist = load_checklist(concepts) if concepts else []
        report = gap_report(
            load_sources(paths, load_scope(scope)),
            checklist,
            reviews=load_reviews(reviews),
            annotation=load_annotation(annotation),
        )
        if as_json:
            echo_json(report)
        else:
            typer.echo(gaps_markdown(report), nl=False)
        if strict and any(f["severity"] in ("warning", "error") for f in report["findings"]):
            raise typer.Exit(1)

    run(action)


@app.command()
def consistency(
    paths: list[Path] = typer.Argument(..., help="AKN XML: a bill and the texts it amends"),
    concepts: Path | None = typer.Option(
        None, "--concepts", help="checklist YAML (default: the shared digital-violence-concepts.yaml)"
    ),
    as_json: bool = typer.Option(False, "--json", help="JSON output"),
):
    """Inconsistencies a drafting aid should flag: the same conduct punished twice, aggravations
    that do not aggravate, disproportionate penalties, terms defined twice, unused or undefined
    terms, references to articles that do not exist. Exit 1 when there is any finding."""

    def action():
        from lawtool.corpus import shared_dir
        from lawtool.gaps.consistency import check
        from lawtool.gaps.coverage import load_checklist
        from lawtool.gaps.report import load_sources

        checklist = load_checklist(concepts or shared_dir(Path(".")) / "reference/digital-violence-concepts.yaml")
        found = check(load_sources(paths), checklist)
        if as_json:
            echo_json({"findings": [f.to_dict() for f in found]})
        else:
            for f in found:
                typer.echo(f.render(f.frbr_uri))
                if f.message_ar:
                    typer.echo(f"    {f.message_ar}")
        if found:
            raise typer.Exit(1)

    run(action)


@app.command()
def penalties(
    paths: list[Path] = typer.Argument(..., help="AKN XML files (Penal Code, amending laws, bills)"),
    as_json: bool = typer.Option(False, "--json", help="JSON output"),
    compare: bool = typer.Option(False, "--compare", help="compare the bills' penalties with the acts in force"),
    articles: str | None = typer.Option(None, "--articles", help="only these article numbers, e.g. 447-1,447-2"),
    scope: Path | None = typer.Option(None, "--scope", help="as for `lawtool gaps`"),
):
    """Prison and fine ranges, alternatives and aggravations of each penal article."""

    def action():
        from lawtool.gaps.report import load_scope, load_sources, penalties_markdown, penalty_report

        for p in paths:
            if p.suffix.lower() != ".xml":
                raise InputError(
                    "penalties are read from AKN XML only",
                    path=str(p),
                    hint="import the text first (lawtool import)",
                )
        report = penalty_report(load_sources(paths), load_scope(scope), with_comparison=compare)
        if articles:
            wanted = {a.strip() for a in articles.split(",") if a.strip()}
            report["penalties"] = [p for p in report["penalties"] if p["article"] in wanted]
            for key in ("comparison", "new"):
                if key in report:
                    report[key] = [r for r in report[key] if r["article"] in wanted]
        if as_json:
            echo_json(report)
        else:
            typer.echo(penalties_markdown(report), nl=False)

    run(action)


@app.command()
def definitions(
    file: Path = typer.Argument(..., help="an AKN XML file"),
    link: Path | None = typer.Option(None, "--link", "-o", help="write a copy with <def> and <term> mark-up here"),
    in_place: bool = typer.Option(False, "--in-place", help="add the mark-up to FILE itself"),
    force: bool = typer.Option(
        False, "--force", help="replace the --link file if it exists (never FILE: that is --in-place)"
    ),
    as_json: bool = typer.Option(False, "--json", help="JSON output"),
):
    """The definitions a document makes; with --link, a copy with the terms linked."""

    def action():
        from lawtool.akn import Document
        from lawtool.gaps.definitions import find_definitions, link_definitions
        from lawtool.outputs import check_output

        if in_place and link is not None and link.resolve() != file.resolve():
            raise LawtoolError("--in-place and --link name different files", hint="give one of them")
        target = file if in_place else link
        check_output(target, [file], replace=force, in_place=in_place, in_place_flag="--in-place")
        document = Document.load(file)
        found = find_definitions(document, include_quoted=True)
        rows = [
            {
                "term": d.term,
                "concept": d.concept,
                "eid": d.eid,
                "form": d.form,
                "quoted": d.quoted,
                "definition": d.text,
            }
            for d in found
        ]
        if target:
            added = link_definitions(document)
            document.save(target)
            say(f"{target}: {added} def/term elements added")
        if as_json:
            echo_json(rows)
        elif not target:
            for r in rows:
                typer.echo(f"{r['eid']}\t{r['concept']}\t{r['term']}" + ("\t(quoted)" if r["quoted"] else ""))

    run(action)


@app.command()
def reports(
    root: Path = typer.Option(Path("."), "--root", help="repository root"),
    check: bool = typer.Option(False, "--check", help="write nothing; exit 1 if a report is out of date"),
):
    """Regenerate reports/ (gap report and penalties) from reports/reports.yaml."""

    def action():
        from lawtool.gaps.report import update_reports

        stale = update_reports(root, write=not check)
        for rel, changed in stale.items():
            say(f"{rel}: {'changed' if changed else 'same'}")
        if check and any(stale.values()):
            raise typer.Exit(1)

    run(action)
