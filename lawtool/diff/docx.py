"""The diff as a Word document for staff who work in Word: the summary, and the comparative
table old | new of the changed elements, deleted words struck through in red, inserted ones
underlined in green.

The page follows the document's language, as the HTML does (``present.html_lang``).  For Arabic
(and the other right-to-left languages) right to left is set where Word reads it: ``w:bidi`` on
every paragraph and on the section, ``w:rtl`` and the complex-script language on every run,
``w:bidiVisual`` on the tables (their first column is on the right); for Italian or Finnish the
page is left to right and the runs carry that language.  lawtool's own labels stay Arabic.  The file is deterministic: fixed core properties
(dated by ``SOURCE_DATE_EPOCH`` when set, else by the new version's date) and fixed times in
the zip archive.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from contextlib import contextmanager
from contextvars import ContextVar

from .present import NEW_AR, OLD_AR, STATUS_AR, change_sides, change_title, html_lang
from .result import Change, DiffResult

FONT = "Arial"
INSERT_COLOR, DELETE_COLOR = "00703C", "C00000"
# (language tag, direction) of the document being written: Arabic unless ``language`` says otherwise
_PAGE: ContextVar[tuple[str, str]] = ContextVar("lawtool_docx_page", default=("ar-MA", "rtl"))


@contextmanager
def language(code: str | None):
    """Write the DOCX helpers' output in the language of an AKN document (FRBRlanguage: ara, ita ...)."""
    tag, direction = html_lang(code)
    token = _PAGE.set(("ar-MA" if tag == "ar" else tag, direction))
    try:
        yield
    finally:
        _PAGE.reset(token)


def _rtl() -> bool:
    return _PAGE.get()[1] == "rtl"


def _oxml():
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    return OxmlElement, qn


def set_rtl_paragraph(paragraph) -> None:
    """Right to left when the page is (the name stays: the first language is Arabic)."""
    if not _rtl():
        return
    OxmlElement, qn = _oxml()
    ppr = paragraph._p.get_or_add_pPr()
    if ppr.find(qn("w:bidi")) is None:
        ppr.append(OxmlElement("w:bidi"))


def set_rtl_run(run) -> None:
    OxmlElement, qn = _oxml()
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), FONT)
    tag, direction = _PAGE.get()
    if direction == "rtl" and rpr.find(qn("w:rtl")) is None:
        rpr.append(OxmlElement("w:rtl"))
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:bidi" if direction == "rtl" else "w:val"), tag)


def set_rtl_table(table) -> None:
    if not _rtl():
        return
    OxmlElement, qn = _oxml()
    tblpr = table._tbl.tblPr
    if tblpr.find(qn("w:bidiVisual")) is None:
        tblpr.append(OxmlElement("w:bidiVisual"))


def _rtl_section(document) -> None:
    if not _rtl():
        return
    OxmlElement, qn = _oxml()
    for section in document.sections:
        sectpr = section._sectPr
        if sectpr.find(qn("w:bidi")) is None:
            sectpr.append(OxmlElement("w:bidi"))


def add_pieces(paragraph, pieces) -> None:
    """Runs for (text, mark) pieces; a line break inside a piece becomes a break in the run."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import RGBColor

    for text, mark in pieces:
        for k, line in enumerate(text.split("\n")):
            if k:
                paragraph.add_run().add_break()
            if not line:
                continue
            run = paragraph.add_run(line)
            set_rtl_run(run)
            if mark == "ins":
                run.font.underline = True
                run.font.color.rgb = RGBColor.from_string(INSERT_COLOR)
            elif mark == "del":
                run.font.strike = True
                run.font.color.rgb = RGBColor.from_string(DELETE_COLOR)
            elif mark == "typo":
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW


def paragraph(container, pieces=None, *, text: str | None = None, bold: bool = False, style: str | None = None):
    p = container.add_paragraph(style=style) if style else container.add_paragraph()
    set_rtl_paragraph(p)
    if text is not None:
        run = p.add_run(text)
        run.bold = bold
        set_rtl_run(run)
    if pieces:
        add_pieces(p, pieces)
    return p


def fill_cell(cell, entries, note: str | None = None) -> None:
    first = cell.paragraphs[0]
    set_rtl_paragraph(first)
    used = False
    for unit, pieces in entries:
        target = first if not used else paragraph(cell)
        run = target.add_run(unit.title + (f" — {unit.heading}" if unit.heading else ""))
        run.bold = True
        set_rtl_run(run)
        body = paragraph(cell)
        add_pieces(body, pieces)
        used = True
    if note:
        target = first if not used else paragraph(cell)
        run = target.add_run(note)
        run.italic = True
        set_rtl_run(run)


def new_document(title: str):
    import docx
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(11)
    _rtl_section(document)
    heading = document.add_heading(level=1)
    set_rtl_paragraph(heading)
    run = heading.add_run(title)
    set_rtl_run(run)
    return document


def rtl_table(document, rows: int, cols: int):
    table = document.add_table(rows=rows, cols=cols)
    table.style = "Table Grid"
    set_rtl_table(table)
    return table


def finish(document, date: str | None) -> bytes:
    """Fixed properties and zip times, so the same diff gives the same bytes."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        when = dt.datetime.fromtimestamp(int(epoch), dt.UTC).replace(tzinfo=None)
    elif date:
        when = dt.datetime.fromisoformat(date)
    else:
        when = dt.datetime(2000, 1, 1)
    props = document.core_properties
    props.created = props.modified = when
    props.last_printed = when
    props.author = props.last_modified_by = "lawtool"
    props.revision = 1
    raw = io.BytesIO()
    document.save(raw)
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _note(change: Change, side: str) -> str | None:
    if side == "old" and change.status == "added":
        return "(لا مقابل لها في النص السابق)"
    if side == "new" and change.status == "deleted":
        return "(حذفت)"
    if side == "new" and change.status == "moved" and change.new[0].parent is not None:
        return f"(نقلت إلى {change.new[0].parent.describe()})"
    return None


def render_docx(result: DiffResult, *, typographic: bool = False) -> bytes:
    with language(result.new.language or result.old.language):
        return _render_docx(result, typographic=typographic)


def _render_docx(result: DiffResult, *, typographic: bool) -> bytes:
    title = "مقارنة: " + (result.new.title or result.old.title or "")
    document = new_document(title)
    paragraph(document, text=f"{OLD_AR}: {result.old.frbr or result.old.path}")
    paragraph(document, text=f"{NEW_AR}: {result.new.frbr or result.new.path}")
    for line in dict.fromkeys(x for x in (result.old.notice, result.new.notice, *result.warnings) if x):
        paragraph(document, text=line)
    paragraph(document, text="الملخص", bold=True)
    summary = [(s, n) for s, n in result.summary().items() if n]
    table = rtl_table(document, len(summary) + 1, 2)
    fill_cell(table.cell(0, 0), [], "الحالة")
    fill_cell(table.cell(0, 1), [], "عدد المواد")
    for i, (status, count) in enumerate(summary, start=1):
        fill_cell(table.cell(i, 0), [], STATUS_AR[status])
        fill_cell(table.cell(i, 1), [], str(count))
    paragraph(document, text="التغييرات", bold=True)
    changes = [c for c in result.changes(typographic=typographic) if c.level in ("provision", "text")]
    if not changes:
        paragraph(document, text="لا تغييرات.")
        _concordance(document, result)
        return finish(document, result.new.date)
    table = rtl_table(document, 1, 3)
    for cell, text in zip(table.rows[0].cells, (OLD_AR, NEW_AR, "الحالة"), strict=False):
        fill_cell(cell, [], text)
    for change in changes:
        old, new = change_sides(change, typographic=typographic)
        cells = table.add_row().cells
        fill_cell(cells[0], old, _note(change, "old"))
        fill_cell(cells[1], new, _note(change, "new"))
        fill_cell(cells[2], [], f"{STATUS_AR[change.status]}\n{change_title(change)}")
    _concordance(document, result)
    return finish(document, result.new.date)


def _concordance(document, result: DiffResult) -> None:
    paragraph(document, text="جدول التوافق", bold=True)
    rows = result.concordance()
    table = rtl_table(document, len(rows) + 1, 3)
    for cell, text in zip(table.rows[0].cells, (OLD_AR, NEW_AR, "الحالة"), strict=False):
        fill_cell(cell, [], text)
    for i, row in enumerate(rows, start=1):
        cells = table.rows[i].cells
        fill_cell(cells[0], [], row["old_num"] or "—")
        fill_cell(cells[1], [], row["new_num"] or "—")
        fill_cell(cells[2], [], STATUS_AR[row["status"]])
