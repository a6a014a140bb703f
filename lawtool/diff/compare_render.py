"""The three-column comparison (text in force | proposed text | changes) as terminal text,
HTML, Markdown or DOCX.  The same escaping and right-to-left rules as the diff's renderers."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from .docx import fill_cell, finish, new_document, paragraph, rtl_table
from .html import CSS, pieces_html
from .markdown import md_escape, pieces_md
from .present import STATUS_AR, html_lang, inline_pieces, plain_pieces
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
        block: list[list[Segment]] = [[(f"{_title(row)}  [{row.status}] ({row.mod_type or 'by number'})", "head")]]
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


def render_html(comparison: Comparison, *, typographic: bool = False) -> str:

    def e(text) -> str:
        return escape(str(text), quote=True)

    title = f"مقارنة: {comparison.bill.title or ''} / {comparison.law.title or ''}"

    lang, direction = html_lang(comparison.law.language or comparison.bill.language)
    out = [
        "<!DOCTYPE html>",
        f'<html dir="{direction}" lang="{e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{e(title)}</title>",
        f"<style>{CSS}table.compare3 td{{width:33%}}</style>",
        "</head>",
        "<body>",
        f"<h1>{e(title)}</h1>",
        f"<p>القانون: <code>{e(comparison.law.frbr or comparison.law.path)}</code><br>"
        f"النص المعدل: <code>{e(comparison.bill.frbr or comparison.bill.path)}</code></p>",
        *[f'<p class="notice">{e(n)}</p>' for n in _notices(comparison)],
        '<h2 id="toc">الفهرس</h2><nav><ul>',
    ]
    for i, row in enumerate(comparison.rows):
        out.append(
            f'<li><a href="#row-{i}">{e(_title(row))}</a> '
            f'<span class="status {e(row.status)}">{e(STATUS_AR.get(row.status, row.status))}</span></li>'
        )
    out.append("</ul></nav>")
    out.append(
        f'<table class="compare compare3"><thead><tr><th>{IN_FORCE_AR}</th><th>{PROPOSED_AR}</th>'
        f"<th>{CHANGES_AR}</th></tr></thead><tbody>"
    )
    for i, row in enumerate(comparison.rows):
        out.append(
            f'<tr class="heading" id="row-{i}"><td colspan="3">{e(_title(row))} — '
            f"{e(TYPE_AR.get(row.mod_type, row.mod_type))} "
            f'<span class="status {e(row.status)}">{e(STATUS_AR.get(row.status, row.status))}</span>'
            + (f' <span class="note">{e(row.note)}</span>' if row.note else "")
            + "</td></tr>"
        )
        in_force = pieces_html(plain_pieces(row.in_force.text)) if row.in_force else '<span class="note">—</span>'
        out.append(
            f"<tr><td>{in_force}</td><td>{pieces_html(plain_pieces(row.proposed.text))}</td>"
            f"<td>{pieces_html(_changes(row, typographic))}</td></tr>"
        )
    out.append("</tbody></table>")
    if comparison.elsewhere:
        out.append("<h2>تعديلات تخص نصوصا أخرى</h2><ul>")
        for other in comparison.elsewhere:
            out.append(f"<li><code>{e(other['destination'])}</code> ({e(other['type'])})</li>")
        out.append("</ul>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


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
            out += [md_escape(row.note), ""]
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
        fill_cell(merged, [], f"{_title(row)} — {STATUS_AR.get(row.status, row.status)}")
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
