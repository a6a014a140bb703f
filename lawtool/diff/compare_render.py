"""The three-column comparison (text in force | proposed text | changes) as terminal text,
HTML, Markdown or DOCX.  The same escaping and right-to-left rules as the diff's renderers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..htmlbuild import Html, concat, elem, lines
from .docx import fill_cell, finish, new_document, paragraph, rtl_table
from .html import CSS, pieces_html, standalone
from .markdown import md_escape, pieces_md
from .present import STATUS_AR, inline_pieces, plain_pieces
from .result import NOT_COMPARED
from .text import Segment
from .text import render as render_lines

if TYPE_CHECKING:  # compare.py renders through this module
    from .compare import Comparison, Row

IN_FORCE_AR, PROPOSED_AR, CHANGES_AR = "النص الساري", "النص المقترح", "التغييرات"
TYPE_AR = {"substitution": "تغيير", "insertion": "إضافة", "repeal": "نسخ", None: "—"}


def _title(row: Row) -> str:
    target = row.in_force.label if row.in_force else row.proposed.label or row.target
    return f"{row.bill_label or row.bill_article or ''} ← {target}".strip(" ←")


def _changes(row: Row, typographic: bool):
    if row.status == NOT_COMPARED:
        return plain_pieces(row.note_ar or "(لم تتم المقارنة)")
    if row.in_force is None:
        return plain_pieces(row.proposed.text, "ins")
    return inline_pieces(row.ops, typographic=typographic) if row.ops else plain_pieces("(دون تغيير)")


def _notices(comparison: Comparison) -> list[str]:
    """The working-text notices of the bill and the law (once each)."""
    return list(dict.fromkeys(n for n in (comparison.bill.notice, comparison.law.notice) if n))


def render_text(comparison: Comparison, *, typographic: bool = False, color: bool = False) -> str:

    head: list[list[Segment]] = [
        [(f"law:  {comparison.law.frbr or comparison.law.path}", "head")],
        [(f"bill: {comparison.bill.frbr or comparison.bill.path}", "head")],
    ]
    head += [[(n, "dim")] for n in _notices(comparison)]
    head.append([("articles: " + ", ".join(f"{k}: {v}" for k, v in comparison.summary().items() if v), None)])
    blocks = [head]
    style = {"del": "delete", "ins": "insert", "typo": "typographic", None: None}
    for row in comparison.rows:
        kind = row.mod_type or ("no textualMod" if row.status == NOT_COMPARED else "by number")
        block: list[list[Segment]] = [[(f"{_title(row)}  [{row.status}] ({kind})", "head")]]
        for label, pieces in (
            (IN_FORCE_AR, plain_pieces(row.in_force.text) if row.in_force else [("—", None)]),
            (PROPOSED_AR, plain_pieces(row.proposed.text)),
            (CHANGES_AR, _changes(row, typographic)),
        ):
            block.append([(label + ":", "dim")])
            lines: list = [[]]
            for text, mark in pieces:
                for k, part in enumerate(text.split("\n")):
                    if k:
                        lines.append([])
                    if part:
                        lines[-1].append((part, style[mark]))
            block += [[("  ", None)] + line for line in lines if line]
        if row.note:
            block.append([(f"  ({row.note})", "dim")])
        blocks.append(block)
    for other in comparison.elsewhere:
        blocks.append(
            [[(f"{other['mod']}: {other['type']} → {other['destination']} (another work, not compared)", "dim")]]
        )
    return render_lines(blocks, color=color, bidi="logical", width=0)


def _status_html(status: str) -> Html:
    return elem("span", STATUS_AR.get(status, status), class_=f"status {status}")


def _rows_html(comparison: Comparison, typographic: bool) -> list[Html]:
    """Two table rows per row of the comparison: its heading, then the three columns."""
    out = []
    for i, row in enumerate(comparison.rows):
        note = (" ", elem("span", row.note_ar or row.note, class_="note")) if row.note else None
        kind = TYPE_AR.get(row.mod_type, row.mod_type)
        heading = elem("td", _title(row), " — ", kind, " ", _status_html(row.status), note, colspan="3")
        out.append(elem("tr", heading, class_="heading", id=f"row-{i}"))
        in_force = pieces_html(plain_pieces(row.in_force.text)) if row.in_force else elem("span", "—", class_="note")
        proposed = pieces_html(plain_pieces(row.proposed.text))
        out.append(
            elem("tr", elem("td", in_force), elem("td", proposed), elem("td", pieces_html(_changes(row, typographic))))
        )
    return out


def _versions_html(comparison: Comparison) -> Html:
    """The law and the amending text compared (their FRBR URIs, else their files)."""
    return elem(
        "p",
        "القانون: ",
        elem("code", comparison.law.frbr or comparison.law.path),
        elem("br"),
        "النص المعدل: ",
        elem("code", comparison.bill.frbr or comparison.bill.path),
    )


def _elsewhere_html(comparison: Comparison) -> Html | None:
    """The destinations in other works (None when there are none)."""
    if not comparison.elsewhere:
        return None
    others = [
        elem("li", elem("code", str(other["destination"])), " (", str(other["type"]), ")")
        for other in comparison.elsewhere
    ]
    return concat(elem("h2", "تعديلات تخص نصوصا أخرى"), elem("ul", lines(["", *others, ""])))


def render_html(comparison: Comparison, *, typographic: bool = False) -> str:
    title = f"مقارنة: {comparison.bill.title or ''} / {comparison.law.title or ''}"
    toc = [
        elem("li", elem("a", _title(row), href=f"#row-{i}"), " ", _status_html(row.status))
        for i, row in enumerate(comparison.rows)
    ]
    columns = elem("thead", elem("tr", [elem("th", name) for name in (IN_FORCE_AR, PROPOSED_AR, CHANGES_AR)]))
    rows = _rows_html(comparison, typographic)
    body = [
        elem("h1", title),
        _versions_html(comparison),
        *[elem("p", n, class_="notice") for n in _notices(comparison)],
        concat(elem("h2", "الفهرس", id="toc"), elem("nav", elem("ul", lines(["", *toc, ""])))),
        elem("table", columns, elem("tbody", lines(["", *rows, ""])), class_="compare compare3"),
        _elsewhere_html(comparison),
    ]
    css = CSS + "table.compare3 td{width:33%}"
    return standalone(title, css, body, comparison.law.language or comparison.bill.language)


def render_markdown(comparison: Comparison, *, typographic: bool = False) -> str:

    out = [
        f"# مقارنة: {md_escape(comparison.bill.title or '')}",
        "",
        f"- القانون: `{comparison.law.frbr or comparison.law.path}`",
        f"- النص المعدل: `{comparison.bill.frbr or comparison.bill.path}`",
        "",
    ]
    out += [f"> {md_escape(n)}\n" for n in _notices(comparison)]
    for row in comparison.rows:
        out += [f"## {md_escape(_title(row))} ({STATUS_AR.get(row.status, row.status)})", ""]
        if row.note:
            out += [md_escape(row.note_ar or row.note), ""]
        in_force = pieces_md(plain_pieces(row.in_force.text)) if row.in_force else "—"
        out += [
            f"| {IN_FORCE_AR} | {PROPOSED_AR} | {CHANGES_AR} |",
            "| --- | --- | --- |",
            f"| {in_force} | {pieces_md(plain_pieces(row.proposed.text))} | {pieces_md(_changes(row, typographic))} |",
            "",
        ]
    return "\n".join(out)


def render_docx(comparison: Comparison, *, typographic: bool = False) -> bytes:

    document = new_document(f"مقارنة: {comparison.bill.title or ''}")
    paragraph(document, text=f"القانون: {comparison.law.frbr or comparison.law.path}")
    paragraph(document, text=f"النص المعدل: {comparison.bill.frbr or comparison.bill.path}")
    for notice in _notices(comparison):
        paragraph(document, text=notice)
    table = rtl_table(document, 1, 3)
    for cell, text in zip(table.rows[0].cells, (IN_FORCE_AR, PROPOSED_AR, CHANGES_AR), strict=False):
        fill_cell(cell, [], text)
    for row in comparison.rows:
        head = table.add_row().cells
        merged = head[0].merge(head[2])
        note = f" ({row.note_ar or row.note})" if row.note else ""
        fill_cell(merged, [], f"{_title(row)} — {STATUS_AR.get(row.status, row.status)}{note}")
        cells = table.add_row().cells
        if row.in_force is not None:
            fill_cell(cells[0], [(row.in_force, plain_pieces(row.in_force.text))])
        else:
            fill_cell(cells[0], [], "—")
        fill_cell(cells[1], [(row.proposed, plain_pieces(row.proposed.text))])
        fill_cell(cells[2], [(row.proposed, _changes(row, typographic))])
    return finish(document, comparison.bill.date)


def render(comparison: Comparison, fmt: str, *, typographic: bool = False, color: bool = False):
    if fmt == "text":
        return render_text(comparison, typographic=typographic, color=color)
    if fmt == "html":
        return render_html(comparison, typographic=typographic)
    if fmt == "markdown":
        return render_markdown(comparison, typographic=typographic)
    if fmt == "docx":
        return render_docx(comparison, typographic=typographic)
    raise ValueError(f"unknown format {fmt!r}")
