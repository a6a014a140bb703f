"""Commands of the amendment stage: ``lawtool amend check | apply | from-diff | show | export |
import | schema``.

Light at import time (typer and the standard library only); the library is imported inside
each command.  Errors print as ``lawtool: error: FILE:operation N:eId: ... — what to do`` with
exit status 2; ``check`` exits 1 when amendments collide, and ``apply`` refuses them with the
collision report and exit status 1 unless ``--order`` is given.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from lawtool.cli_base import run, say, show

app = typer.Typer(
    name="amend",
    help="Amendments: check collisions, apply, word, export/import, make from a diff.",
    no_args_is_help=True,
)


def _echo_json(data) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _load(bill: Path, amendments: list[Path]):
    from lawtool.akn import Document
    from lawtool.amend import load_amendments

    return Document.load(bill), load_amendments(amendments)


def _select(amendments, status: str | None):
    from lawtool.amend import STATUSES, select
    from lawtool.errors import LawtoolError

    if status is not None and status not in STATUSES:
        raise LawtoolError(f"unknown status {status!r}", hint="use one of: " + ", ".join(STATUSES))
    chosen = select(amendments, status)
    if not chosen:
        raise LawtoolError(
            f"no amendment has the status {status!r}", hint="check the amendments' status fields, or leave out --status"
        )
    return chosen


def _namer(bill):
    from lawtool.amend.wording import Namer

    return Namer(bill)


def _wording_lines(amendment, namer, *, indent: str = "  ") -> list[str]:
    from lawtool.amend.wording import instructions

    lines = []
    for ins in instructions(amendment, namer=namer):
        lines.append(f"{indent}{ins.index}. {ins.text_ar}")
        lines.append(f"{indent}   {ins.text_fr}")
        for text in ins.lines:
            lines.append(f"{indent}     «{text}»")
    return lines


def _wording_json(amendment, namer) -> list[dict]:
    from lawtool.amend.wording import instructions

    return [
        {"operation": i.index, "ar": i.text_ar, "fr": i.text_fr, "text": list(i.lines)}
        for i in instructions(amendment, namer=namer)
    ]


def format_check(bill, amendments, result, *, wording: bool = True) -> str:
    """The readable collision report."""
    n = len(result.collisions)
    lines = [
        f"{bill.path}: {len(amendments)} amendment{'s' if len(amendments) != 1 else ''}, "
        f"{n} collision{'s' if n != 1 else ''}"
    ]
    namer = _namer(bill) if wording else None
    for a in amendments:
        lines.append("")
        lines.append(f"{a.id}  [{a.status}]  {a.proposer}  ({a.path})" + ("  — example" if a.example else ""))
        if wording:
            lines.extend(_wording_lines(a, namer))
    lines.append("")
    if result.collisions:
        lines.append("Collisions:")
        for c in result.collisions:
            lines.append(f"  {c.kind}  {c.eid}  [{', '.join(c.amendments)}]: {c.message}")
        lines.append("")
    if result.order:
        lines.append("Compatible, in the order to apply them: " + ", ".join(result.order))
    else:
        lines.append("No amendment is compatible with all the others.")
    if result.colliding:
        lines.append(
            "Colliding (apply one of each collision, e.g. by --status, or give --order): " + ", ".join(result.colliding)
        )
    return "\n".join(lines)


FORCE_HELP = "replace the output file if it exists (never an input)"


def _check_output(output: Path | None, inputs: list[Path], overwrite: bool, flag: str = "--force") -> None:
    """lawtool.outputs.check_output: never an input (unless --overwrite for apply), never an existing
    file unless the flag is given."""
    from lawtool.outputs import check_output

    check_output(
        output,
        inputs,
        replace=overwrite,
        flag=flag,
        in_place=overwrite and flag == "--overwrite",
        in_place_flag="--overwrite" if flag == "--overwrite" else None,
    )


@app.command("check")
def check_cmd(
    bill: Path = typer.Argument(..., help="the amended expression (AKN XML)"),
    amendments: list[Path] = typer.Argument(..., help="amendment files (YAML)"),
    status: str | None = typer.Option(None, "--status", help="only the amendments with this status"),
    as_json: bool = typer.Option(False, "--json", help="JSON: {collisions, order, colliding, amendments}"),
    no_wording: bool = typer.Option(False, "--no-wording", help="leave the instructions out of the report"),
):
    """Collisions between amendments, and the order to apply the compatible ones (exit 1 on a collision).

    Kinds: same-element, overlapping-words, target-deleted, target-moved, target-renumbered,
    same-place, same-number."""

    def action():
        from lawtool.amend import check_collisions

        document, loaded = _load(bill, amendments)
        chosen = _select(loaded, status) if status else loaded
        result = check_collisions(document, chosen)
        if as_json:
            data = result.to_dict()
            namer = _namer(document)
            data["amendments"] = [
                {
                    "id": a.id,
                    "status": a.status,
                    "proposer": a.proposer,
                    "path": a.path,
                    "example": a.example,
                    "wording": _wording_json(a, namer),
                }
                for a in chosen
            ]
            _echo_json(data)
        else:
            show(format_check(document, chosen, result, wording=not no_wording))
        if result.collisions:
            raise typer.Exit(1)

    run(action)


@app.command("apply")
def apply_cmd(
    bill: Path = typer.Argument(..., help="the amended expression (AKN XML)"),
    amendments: list[Path] = typer.Argument(..., help="amendment files (YAML)"),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="the new expression (default: beside the bill, named <lang>@<date>.xml)"
    ),
    status: str | None = typer.Option(None, "--status", help="apply only those with this status (e.g. adopted)"),
    date: str | None = typer.Option(
        None, "--date", help="the new expression's date, YYYY-MM-DD (default: today, or SOURCE_DATE_EPOCH)"
    ),
    order: str | None = typer.Option(
        None, "--order", help="apply in this order: id,id,... (needed when amendments collide)"
    ),
    notice: str | None = typer.Option(None, "--notice", help="the new expression's notice (working text ...)"),
    overwrite: bool = typer.Option(
        False, "--overwrite", "--force", help="replace the output if it exists, even an input file"
    ),
):
    """Apply amendments: write the bill's new expression (nothing is written on error).

    The new expression is renumbered (old eIds kept as wId), its references re-pointed, and each
    amendment recorded in its lifecycle and passive modifications."""

    def action():
        from lawtool.amend import apply_amendments
        from lawtool.amend.apply import today
        from lawtool.errors import CollisionError

        document, loaded = _load(bill, amendments)
        chosen = _select(loaded, status) if status else loaded
        when = date or today()
        sequence = [x.strip() for x in order.split(",") if x.strip()] if order else None
        try:
            result = apply_amendments(document, chosen, date=when, order=sequence, notice=notice)
        except CollisionError as error:
            say(format_check(document, chosen, error.report, wording=False))
            raise
        new = result.document.frbr_expression
        target = output or result.default_path(bill)
        _check_output(target, [Path(bill), *amendments], overwrite, "--overwrite")
        result.save(target)
        for warning in result.warnings:
            say(f"lawtool: warning: {warning}")
        say(
            f"{target}: {new} — applied {len(result.applied)} amendment"
            f"{'s' if len(result.applied) != 1 else ''} ({', '.join(result.applied)}), "
            f"{len(result.renames)} eId{'s' if len(result.renames) != 1 else ''} renumbered"
        )

    run(action)


@app.command("from-diff")
def from_diff_cmd(
    old: Path = typer.Argument(..., help="the bill (AKN XML)"),
    new: Path = typer.Argument(..., help="an edited copy of it (AKN XML)"),
    output: Path | None = typer.Option(None, "-o", "--output", help="the amendment (YAML); default: standard output"),
    ident: str | None = typer.Option(None, "--id", help="the amendment's id"),
    proposer: str = typer.Option("lawtool from-diff", "--proposer", help="who proposes it"),
    status: str = typer.Option("proposed", "--status", help="proposed, adopted, rejected, withdrawn"),
    date: str | None = typer.Option(None, "--date", help="YYYY-MM-DD (default: NEW's date)"),
    justification: str | None = typer.Option(None, "--justification", help="why"),
    markup: bool = typer.Option(
        False, "--markup", help="count inline markup (ref, term ...) as text: new text then keeps it (as xml)"
    ),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """The amendment (operations, with their wording as comments) that turns OLD into NEW."""

    def action():
        from lawtool.akn import Document, atomic_write
        from lawtool.amend import dump_amendment, from_diff
        from lawtool.amend.wording import wording_comments

        _check_output(output, [old, new], force)
        before, after = Document.load(old), Document.load(new)
        amendment = from_diff(
            before,
            after,
            id=ident,
            proposer=proposer,
            status=status,
            date=date,
            justification=justification,
            markup=markup,
        )
        header = [
            f"Amendment made by `lawtool amend from-diff {old} {new}`.",
            "Each operation is preceded by its wording (Arabic, then French).",
        ]
        text = dump_amendment(amendment, header=header, comments=wording_comments(amendment, before))
        if output:
            atomic_write(output, text.encode("utf-8"))
            say(f"{output}: {len(amendment.operations)} operations")
        else:
            typer.echo(text, nl=False)

    run(action)


@app.command("show")
def show_cmd(
    amendments: list[Path] = typer.Argument(..., help="amendment files (YAML)"),
    bill: Path | None = typer.Option(None, "--bill", help="the target expression (names elements as the text does)"),
    as_json: bool = typer.Option(False, "--json", help="JSON output"),
):
    """The instructions of amendments, in Arabic and French, with the new text."""

    def action():
        from lawtool.akn import Document
        from lawtool.amend import load_amendments

        document = Document.load(bill) if bill else None
        loaded = load_amendments(amendments)
        namer = _namer(document)
        if as_json:
            _echo_json(
                [
                    {
                        "id": a.id,
                        "status": a.status,
                        "proposer": a.proposer,
                        "target": str(a.target),
                        "wording": _wording_json(a, namer),
                    }
                    for a in loaded
                ]
            )
            return
        blocks = []
        for a in loaded:
            blocks.append("\n".join([f"{a.id}  [{a.status}]  {a.proposer}  → {a.target}", *_wording_lines(a, namer)]))
        show("\n\n".join(blocks))

    run(action)


@app.command("export")
def export_cmd(
    amendment: Path = typer.Argument(..., help="an amendment (YAML)"),
    output: Path = typer.Option(..., "-o", "--output", help="the AKN amendment document (XML)"),
    bill: Path | None = typer.Option(None, "--bill", help="the target expression (names and title)"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """Write an amendment as an Akoma Ntoso <amendment> document (valid against the XSD)."""

    def action():
        from lawtool.akn import Document, atomic_write
        from lawtool.amend import load_amendment, to_akn

        loaded = load_amendment(amendment)
        document = Document.load(bill) if bill else None
        _check_output(output, [amendment] + ([bill] if bill else []), force)
        atomic_write(output, to_akn(loaded, document).to_bytes())

    run(action)


@app.command("import")
def import_cmd(
    document: Path = typer.Argument(..., help="an AKN <amendment> document made by lawtool"),
    output: Path | None = typer.Option(None, "-o", "--output", help="the amendment (YAML); default: standard output"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """Read an AKN <amendment> document back into the YAML format."""

    def action():
        from lawtool.akn import Document, atomic_write
        from lawtool.amend import dump_amendment, from_akn

        _check_output(output, [document], force)
        amendment = from_akn(Document.load(document), str(document))
        text = dump_amendment(amendment)
        if output:
            atomic_write(output, text.encode("utf-8"))
        else:
            typer.echo(text, nl=False)

    run(action)


@app.command("schema")
def schema_cmd():
    """Print the JSON Schema of the amendment format (docs/amendment.schema.json)."""
    from lawtool.amend.model import SCHEMA

    _echo_json(SCHEMA)


@app.command("template")
def template_cmd(
    bill: Path = typer.Argument(..., help="the bill (AKN XML)"),
    amendments: list[Path] | None = typer.Argument(
        None, help="amendments (YAML) to put in the form, to edit them in Word"
    ),
    output: Path = typer.Option(..., "-o", "--output", help="the form (DOCX)"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """Write the amendment form (Word, right to left): one row per text block of the bill, with
    its target and current text, to fill in and read back with `amend import-docx`; with
    AMENDMENTS, one row per operation of each, to edit them and read them back."""

    def action():
        from lawtool.akn import Document, atomic_write
        from lawtool.amend import load_amendments
        from lawtool.amend.docx_form import template

        _check_output(output, [bill, *(amendments or [])], force)
        document = Document.load(bill)
        loaded = load_amendments(amendments) if amendments else None
        atomic_write(output, template(document, amendments=loaded))
        say(f"{output}: the amendment form of {document.frbr_expression}")

    run(action)


@app.command("import-docx")
def import_docx_cmd(
    form: Path = typer.Argument(..., help="a filled amendment form (DOCX)"),
    bill: Path = typer.Option(..., "--bill", help="the bill the form amends (AKN XML)"),
    output: Path = typer.Option(..., "-o", "--output", help="the amendments (YAML collection)"),
    prefix: str | None = typer.Option(
        None, "--prefix", help="the amendments' ids: PREFIX-01, PREFIX-02 ... (default: the form's file name)"
    ),
    date: str | None = typer.Option(None, "--date", help="the amendments' date, YYYY-MM-DD (default: today)"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """Read a filled amendment form (Word) into amendments (YAML). Every bad row is reported
    with its number; nothing is written when one is bad."""

    def action():
        import re

        from lawtool.akn import Document, atomic_write
        from lawtool.amend import dump_amendments
        from lawtool.amend.apply import today
        from lawtool.amend.docx_form import FormError, check_applies, read_form

        _check_output(output, [form, bill], force)
        document = Document.load(bill)
        ident = prefix or re.sub(r"[^A-Za-z0-9]+", "-", form.stem).strip("-") or "amendment"
        try:
            amendments = read_form(str(form), document, prefix=ident, date=date or today())
            check_applies(amendments, document, str(form))
        except FormError as error:
            for line in error.lines:
                say(f"lawtool: error: {line}")
            raise
        header = [
            f"Amendments read by `lawtool amend import-docx {form.name}` from the form; check them with",
            f"`lawtool amend check {bill} {output.name}`.",
        ]
        atomic_write(output, dump_amendments(amendments, header=header).encode("utf-8"))
        say(
            f"{output}: {len(amendments)} amendment{'s' if len(amendments) != 1 else ''} "
            f"({sum(len(a.operations) for a in amendments)} operations)"
        )

    run(action)


@app.command("prose")
def prose_cmd(
    source: Path = typer.Argument(..., help="a UTF-8 text file, one instruction per line ('-': standard input)"),
    as_json: bool = typer.Option(False, "--json", help="JSON: one reading per instruction"),
):
    """Read amending instructions written in prose («تغير أحكام الفقرة الثانية من المادة 5 على النحو
    التالي:») into operations. A reading is accepted only if lawtool's wording of it gives the
    instruction again; the others are refused with the reason (exit 1 when one is refused)."""

    def action():
        import sys

        from lawtool.amend.prose import read_instruction
        from lawtool.errors import InputError
        from lawtool.importer import check_plain_text, read_source

        text = sys.stdin.read() if str(source) == "-" else read_source(source)  # bounded, encoding checked
        text, _ = check_plain_text(text, str(source))
        if not text.strip():
            raise InputError(
                "no instruction in the file", path=str(source), hint="write one amending instruction per line"
            )
        readings = [read_instruction(line) for line in text.splitlines() if line.strip()]
        if as_json:
            _echo_json([r.to_dict() for r in readings])
        else:
            lines = []
            for n, r in enumerate(readings, start=1):
                if r.accepted:
                    ops = "; ".join(" ".join(f"{k}={v}" for k, v in op.to_dict().items()) for op in r.operations)
                    lines.append(f"{n}. accepted: {ops}" + (f"  [in: {r.act}]" if r.act else ""))
                else:
                    lines.append(f"{n}. refused: {r.reason}" + (f" (lawtool writes: {r.wording})" if r.wording else ""))
            accepted = sum(r.accepted for r in readings)
            lines.append(f"{accepted} of {len(readings)} accepted")
            show("\n".join(lines))
        if not all(r.accepted for r in readings):
            raise typer.Exit(1)

    run(action)


LIST_FORMATS = ("html", "docx", "pdf", "json")


@app.command("list")
def list_cmd(
    bill: Path = typer.Argument(..., help="the amended expression (AKN XML)"),
    amendments: list[Path] = typer.Argument(..., help="amendment files (YAML)"),
    fmt: str = typer.Option("html", "--format", "-f", help="html, docx, pdf or json"),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="the list (default: standard output for html and json)"
    ),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """The amendment list in Arabic: bill order, numbered, grouped by article, proposers and
    co-signatories, status and vote, collision notes («إذا قبل التعديل 3 سقط التعديل 5»), sub-amendments."""

    def action():
        from lawtool.akn import Document, atomic_write
        from lawtool.amend import load_amendments
        from lawtool.amend.listing import build_list, to_docx, to_html
        from lawtool.errors import LawtoolError

        if fmt not in LIST_FORMATS:
            raise LawtoolError(f"unknown format {fmt!r}", hint="use one of: " + ", ".join(LIST_FORMATS))
        if fmt in ("docx", "pdf") and output is None:
            raise LawtoolError(f"--format {fmt} needs -o FILE", hint=f"give -o list.{fmt}")
        _check_output(output, [bill, *amendments], force)
        document = Document.load(bill)
        data = build_list(document, load_amendments(amendments))
        if fmt == "json":
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
            data_bytes = text.encode("utf-8")
        elif fmt == "html":
            data_bytes = to_html(data).encode("utf-8")
        elif fmt == "docx":
            data_bytes = to_docx(data)
        else:
            from lawtool.pdf import html_to_pdf

            data_bytes = html_to_pdf(to_html(data), notice=data["notice"])
        if output is None:
            typer.echo(data_bytes.decode("utf-8"), nl=False)
        else:
            atomic_write(output, data_bytes)
            say(f"{output}: {data['count']} amendments")

    run(action)


@app.command("project")
def project_cmd(
    bill: Path = typer.Argument(..., help="the bill (AKN XML)"),
    law: Path = typer.Option(..., "--law", help="the law in force it amends (AKN XML)"),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="the projection (default: projections/<expression>.xml)"
    ),
    date: str | None = typer.Option(None, "--date", help="the projection's date (default: the bill's)"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """The law as the bill would leave it: the bill's mods applied to the law, written as a new
    expression labelled as a projection (never law in force); validated before it is written."""

    def action():
        from lawtool.akn import Document
        from lawtool.amend.project import default_path, project

        result = project(Document.load(bill), Document.load(law), date=date)
        target = output or Path(default_path(result))
        _check_output(target, [bill, law], force)
        result.save(target, law_dir=Path.cwd() / "law")
        for line in result.skipped:
            say(f"lawtool: warning: {line}")
        kept = sum(result.kept.values())
        say(
            f"{target}: {result.document.frbr_expression} (projection) — {len(result.targets)} articles from the "
            f"bill ({', '.join(result.targets)})"
            + (f", {kept} paragraphs in force kept (dotted lines, supplements)" if kept else "")
        )

    run(action)


@app.command("blame")
def blame_cmd(
    old: Path = typer.Argument(..., help="a version of the bill (AKN XML)"),
    new: Path = typer.Argument(..., help="the next version, made by `amend apply` (AKN XML)"),
    amendments: list[Path] | None = typer.Argument(
        None, help="the amendments applied (YAML; they decide between amendments of one element)"
    ),
    fmt: str = typer.Option("json", "--format", "-f", help="json or html"),
    output: Path | None = typer.Option(None, "-o", "--output", help="write to a file"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """Each word changed from OLD to NEW, and the amendment that changed it."""

    def action():
        from lawtool.akn import Document, atomic_write
        from lawtool.amend import load_amendments
        from lawtool.amend.blame import blame, recorded_amendments, to_html
        from lawtool.errors import LawtoolError

        if fmt not in ("json", "html"):
            raise LawtoolError(f"unknown format {fmt!r}", hint="use json or html")
        _check_output(output, [old, new, *(amendments or [])], force)
        before, after = Document.load(old), Document.load(new)
        if not amendments and recorded_amendments(after):
            say(
                f"lawtool amend blame: warning: {new}: without the amendments' files, blame cannot check that "
                f"{old} is the version they amended (give them to check it)"
            )
        entries = blame(before, after, load_amendments(amendments) if amendments else [])
        text = (
            (json.dumps(entries, ensure_ascii=False, indent=2) + "\n")
            if fmt == "json"
            else to_html(entries, before, after)
        )
        if output:
            atomic_write(output, text.encode("utf-8"))
        else:
            typer.echo(text, nl=False)

    run(action)


@app.command("carry")
def carry_cmd(
    old: Path = typer.Argument(..., help="the version the amendments were written against (AKN XML)"),
    new: Path = typer.Argument(..., help="the next version (AKN XML)"),
    amendments: list[Path] = typer.Argument(..., help="amendment files (YAML)"),
    out_dir: Path | None = typer.Option(
        None, "-o", "--output-dir", help="write each carried amendment there (<id>.yaml)"
    ),
    as_json: bool = typer.Option(False, "--json", help="JSON report"),
    force: bool = typer.Option(False, "--force", help=FORCE_HELP),
):
    """Carry the proposed amendments from one version of the bill to the next through the
    renumbering map; report the ones that no longer fit, with why (exit 1 when one does not fit)."""

    def action():
        from lawtool.akn import Document, atomic_write
        from lawtool.amend import dump_amendment, load_amendments
        from lawtool.amend.carry import carry
        from lawtool.outputs import inside

        before, after = Document.load(old), Document.load(new)
        results = carry(load_amendments(amendments), before, after)
        written = []
        if out_dir is not None:
            out_dir.mkdir(parents=True, exist_ok=True)
            targets = [
                (r, carried, inside(out_dir, f"{carried.id}.yaml", what="amendment id"))
                for r in results
                if (carried := r.carried)
            ]
            for _, _, target in targets:
                _check_output(target, [old, new, *amendments], force)
            for r, carried, target in targets:
                header = [
                    *(
                        [
                            "EXAMPLE amendment, made up for the lawtool project: not proposed by any "
                            "parliamentary group or member."
                        ]
                        if carried.example
                        else []
                    ),
                    f"Carried by `lawtool amend carry` from {r.amendment.target} to {carried.target}"
                    + (f"; renumbered: {', '.join(f'{a} → {b}' for a, b in r.renamed.items())}" if r.renamed else "")
                    + ".",
                ]
                atomic_write(target, dump_amendment(carried, header=header).encode("utf-8"))
                written.append(str(target))
        if as_json:
            _echo_json(
                [
                    {
                        "id": r.amendment.id,
                        "carried": r.carried is not None,
                        "renamed": r.renamed,
                        "problems": r.problems,
                    }
                    for r in results
                ]
            )
        else:
            lines = []
            for r in results:
                if r.carried:
                    moved = f" ({', '.join(f'{a} → {b}' for a, b in r.renamed.items())})" if r.renamed else ""
                    lines.append(f"{r.amendment.id}: carried{moved}")
                else:
                    lines.append(f"{r.amendment.id}: not carried — {'; '.join(r.problems)}")
            lines += [f"written: {w}" for w in written]
            show("\n".join(lines))
        if any(r.carried is None and r.amendment.status == "proposed" and not r.amendment.amends for r in results):
            raise typer.Exit(1)

    run(action)
