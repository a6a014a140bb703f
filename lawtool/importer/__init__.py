"""Import an official text into Akoma Ntoso: repair → layout → build.

    raw text ──repair──▶ clean lines + footnotes ──layout──▶ tree ──build──▶ AKN (with eIds)

Each stage is its own module; this one runs them in order and gathers the report.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..frbr import FrbrUri


@dataclass
class Correction:
    """A repair the importer cannot make by itself, kept as data beside the source."""
    line: int            # 1-based line of the raw source
    find: str
    replace: str
    why: str = ""
    certain: bool = True


@dataclass
class ImportReport:
    source: str
    repairs: dict[str, int] = field(default_factory=dict)
    uncertain: list[dict] = field(default_factory=list)
    corrections: list[dict] = field(default_factory=list)
    footnotes: int = 0
    amendment_notes: int = 0
    layout_notes: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "source": self.source, "repairs": self.repairs, "repairs_total": sum(self.repairs.values()),
            "uncertain": self.uncertain, "corrections": self.corrections, "footnotes": self.footnotes,
            "amendment_notes": self.amendment_notes, "layout_notes": self.layout_notes, "counts": self.counts,
        }


MAX_TEXT_BYTES = 32 * 1024 * 1024  # the whole consolidated Penal Code is 0.5 MB


def read_source(path: str | Path) -> str:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(f"the file is {size // (1024 * 1024)} MB, over the {MAX_TEXT_BYTES // (1024 * 1024)} MB "
                             "limit for one text", path=str(p), hint="split it into one file per law")
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(p), hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a text file", path=str(p), hint="give a .txt file") from None
    if not data.strip():
        raise InputError("the file is empty", path=str(p), hint="give the text of a law")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path=str(p), place=line,
                         hint="convert the file to UTF-8 (iconv -f cp1256 -t utf-8 for Windows Arabic)") from None


CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
# pdftotext starts each page with a form feed; Windows files end lines with CR LF (neither adds a line)
LINE_BREAKS = str.maketrans({"\f": None, "\r": None})
# Directional formatting and zero-width characters carry no letter of the law; copied into an
# article number («447\u200f-1») they would hide it from every search.
INVISIBLES = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def check_plain_text(text: str, path: str) -> None:
    """Refuse control characters (a binary file, or a corrupted one): XML cannot hold them."""
    match = CONTROL.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        raise InputError(f"control character U+{ord(match.group()):04X} in the text", path=path, place=line,
                         hint="the file is not plain text: remove the character or give the right file")


def apply_corrections(text: str, corrections: list[Correction], path: str) -> str:
    """Apply recorded corrections to the raw text, each exactly once on its line; a correction
    that no longer matches is an error (the source changed: review it)."""
    lines = text.split("\n")
    for c in corrections:
        if not 1 <= c.line <= len(lines) or c.find not in lines[c.line - 1]:
            raise InputError(f"correction not applicable: {c.find!r} is not on line {c.line}", path=path,
                             place=c.line, hint="the source changed: review the corrections file")
        if lines[c.line - 1].count(c.find) != 1:
            raise InputError(f"correction ambiguous: {c.find!r} occurs more than once on line {c.line}",
                             path=path, place=c.line, hint="make the 'find' text longer")
        lines[c.line - 1] = lines[c.line - 1].replace(c.find, c.replace)
    return "\n".join(lines)


def import_text(text: str, expression: FrbrUri, *, doctype: str = "act", source_name: str = "<text>",
                work_date: str | None = None, title: str | None = None, publication: dict | None = None,
                corrections: list[Correction] = (), notice: str | None = None, repair: bool = True,
                numbering_gaps: str | None = None):
    """Import ``text`` as the expression ``expression``; returns (Document, ImportReport)."""
    from ..akn import Document
    from .build import Metadata, build_document, drop_dangling_note_refs
    from .layout import parse_layout
    from .lifecycle import active_modifications, amending_law_dates, amendment_events

    if not expression.language:
        raise InputError(f"the FRBR URI {expression} has no language", hint="add /ara@<date> (or /fra@<date>)")
    source_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    text = text.translate(LINE_BREAKS)
    check_plain_text(text, source_name)
    report = ImportReport(source=source_name)
    text, invisible = INVISIBLES.subn("", text)
    if corrections:
        text = apply_corrections(text, list(corrections), source_name)
        report.corrections = [vars(c) for c in corrections]
    if repair:
        from .context import check_context
        from .repair import repair_text
        result = check_context(text, repair_text(text), report)  # context.py: real-word reversals
        lines, numbers, footnotes = result.lines, result.line_numbers, result.footnotes
        report.repairs = result.counts()
        report.uncertain = [{"kind": r.kind, "line": r.line, "before": r.before, "after": r.after}
                            for r in result.uncertain]
    else:
        lines = text.split("\n")
        numbers = list(range(1, len(lines) + 1))
        footnotes = []
    if invisible:
        report.repairs = dict(sorted({**report.repairs, "invisible-character": invisible}.items()))
    layout = parse_layout(lines, numbers, wrapped=None if repair else False)
    report.layout_notes = layout.notes
    report.footnotes = len(footnotes)
    notes = {f.number: f.text for f in footnotes}
    amendment_notes = []
    if footnotes:
        from .footnotes import parse_amendment_notes
        amendment_notes = [n for f in footnotes for n in parse_amendment_notes(f)]
    report.amendment_notes = len(amendment_notes)
    meta = Metadata(expression=expression, work_date=work_date or expression.expression_date or expression.date,
                    title=title or (layout.title_lines[0] if layout.title_lines else None), publication=publication,
                    notes=notes, notice=notice, numbering_gaps=numbering_gaps,
                    source={"file": Path(source_name).name, "sha256": source_sha})
    tree = build_document(layout, meta, doctype)
    for marker, holder in drop_dangling_note_refs(tree, notes):
        report.uncertain.append({"kind": "footnote-missing", "line": None, "before": f"[[fn:{marker}]]",
                                 "after": "", "eid": holder,
                                 "note": "footnote marker whose note body was not found in the source: marker dropped"})
    document = Document(tree, source_name)
    amendment_events(document, amendment_notes, own_work=expression.work_uri(),
                     known_dates=amending_law_dates("\n".join(layout.title_lines)))
    active_modifications(document)
    report.counts = document.counts()
    return document, report
