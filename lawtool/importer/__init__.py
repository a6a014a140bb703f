"""Import an official text into Akoma Ntoso: repair → layout → build.

    raw text ──repair──▶ clean lines + footnotes ──layout──▶ tree ──build──▶ AKN (with eIds)

Each stage is its own module; this one runs them in order and gathers the report.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..akn import MAX_DIGITS, Document, long_number_at, read_input
from ..errors import InputError
from ..findings import Finding
from ..frbr import FrbrUri, real_date
from ..validate import check_numbering
from .build import Metadata, build_document, drop_dangling_note_refs, mark_unreadable
from .context import check_context
from .footnotes import parse_amendment_notes
from .identify import fallback_number, identify
from .layout import document_title, parse_layout
from .lifecycle import active_modifications, amending_law_dates, amendment_events
from .repair import repair_text
from .selfcheck import (
    check_layout,
    check_notes,
    check_stray_heh,
    check_tables,
    check_text_kept,
    check_unreadable,
    count_words,
)
from .strayheh import shows_damage as shows_stray_heh


@dataclass
class Correction:
    """A repair the importer cannot make by itself, kept as data beside the source."""

    line: int  # 1-based line of the raw source
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
    findings: list[Finding] = field(default_factory=list)  # the self-checks: see selfcheck.py
    identity: dict = field(default_factory=dict)  # kind, number, dates read from the heading

    def to_dict(self) -> dict:
        return {
            "source": self.source,
            "repairs": self.repairs,
            "repairs_total": sum(self.repairs.values()),
            "uncertain": self.uncertain,
            "corrections": self.corrections,
            "footnotes": self.footnotes,
            "amendment_notes": self.amendment_notes,
            "layout_notes": self.layout_notes,
            "counts": self.counts,
            "findings": [f.to_dict() for f in self.findings],
            "identity": self.identity,
        }

    @property
    def clean(self) -> bool:
        """No finding worth a look (errors or warnings): ``lawtool import`` exits 0."""
        return not any(f.severity in ("error", "warning") for f in self.findings)


MAX_TEXT_BYTES = 32 * 1024 * 1024  # the whole consolidated Penal Code is 0.5 MB


def read_source(path: str | Path) -> str:

    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(
                f"the file is {size // (1024 * 1024)} MB, over the {MAX_TEXT_BYTES // (1024 * 1024)} MB "
                "limit for one text",
                path=str(p),
                hint="split it into one file per law",
            )
        data = read_input(p, MAX_TEXT_BYTES)
    except FileNotFoundError:
        raise InputError("no such file", path=str(p), hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a text file", path=str(p), hint="give a .txt file") from None
    except PermissionError:
        raise InputError("permission denied", path=str(p), hint="check the file's permissions") from None
    if not data.strip():
        raise InputError("the file is empty", path=str(p), hint="give the text of a law")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})",
            path=str(p),
            place=line,
            hint="convert the file to UTF-8 (iconv -f cp1256 -t utf-8 for Windows Arabic)",
        ) from None


CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f\ufffe\uffff]")
# NUL and ESC never come out of a PDF extraction: a binary file, or terminal escapes.
NEVER_TEXT = re.compile(r"[\x00\x1b\ufffe\uffff]")
CONTROL_ANY = re.compile(r"[\x00-\x1f\x7f-\x9f\ufffe\uffff]")  # in one-line values (a title): none at all
MAX_STRAY_CONTROLS = 0.02  # share of characters: above it the file is not text (a font-encoding failure)
# pdftotext starts each page with a form feed; Windows files end lines with CR LF (neither adds a line)
LINE_BREAKS = str.maketrans({"\f": None})
# Directional formatting and zero-width characters carry no letter of the law; copied into an
# article number («447\u200f-1») they would hide it from every search.
INVISIBLES = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefc]+")


def _presentation_forms(text: str) -> tuple[str, int]:
    """Arabic presentation forms (U+FB50–U+FDFF, U+FE70–U+FEFC: the shaped glyphs some PDF
    extractions give) → the letters they stand for (compatibility decomposition, NFKC)."""
    count = 0

    def letters(match: re.Match) -> str:
        nonlocal count
        count += len(match.group())
        return unicodedata.normalize("NFKC", match.group())

    return PRESENTATION_FORMS.sub(letters, text), count


def check_plain_text(text: str, path: str) -> tuple[str, list[int]]:
    """Refuse a binary or corrupted file (NUL, ESC, or many control characters): XML cannot hold
    them.  A few stray control characters, which PDF extractions leave in page headers, are
    dropped; returns the text without them and their lines."""
    match = NEVER_TEXT.search(text)
    strays = list(CONTROL.finditer(text)) if match is None else []
    if match is not None or len(strays) > max(2, MAX_STRAY_CONTROLS * len(text)):
        match = match or strays[0]
        line = text.count("\n", 0, match.start()) + 1
        raise InputError(
            f"control character U+{ord(match.group()):04X} in the text",
            path=path,
            place=line,
            hint="the file is not plain text: remove the character or give the right file",
        )
    data = text.encode("utf-8", errors="replace")
    long_number = long_number_at(data)
    if long_number is not None:
        raise InputError(
            f"a number of more than {MAX_DIGITS} digits",
            path=path,
            place=data[:long_number].count(b"\n") + 1,
            hint="no law numbers an article, a law or a date so; check the file",
        )
    lines = sorted({text.count("\n", 0, m.start()) + 1 for m in strays})
    return (CONTROL.sub("", text), lines) if strays else (text, [])


def apply_corrections(text: str, corrections: list[Correction], path: str) -> str:
    """Apply recorded corrections to the raw text, each exactly once on its line; a correction
    that no longer matches is an error (the source changed: review it)."""
    lines = text.split("\n")
    for c in corrections:
        if not 1 <= c.line <= len(lines) or c.find not in lines[c.line - 1]:
            raise InputError(
                f"correction not applicable: {c.find!r} is not on line {c.line}",
                path=path,
                place=c.line,
                hint="the source changed: review the corrections file",
            )
        if lines[c.line - 1].count(c.find) != 1:
            raise InputError(
                f"correction ambiguous: {c.find!r} occurs more than once on line {c.line}",
                path=path,
                place=c.line,
                hint="make the 'find' text longer",
            )
        lines[c.line - 1] = lines[c.line - 1].replace(c.find, c.replace)
    return "\n".join(lines)


def _check_arguments(work_date: str | None, title: str | None, notice: str | None) -> None:
    """What the caller gives beside the text (options, import.yaml) must make a valid document."""
    if work_date is not None and not (re.fullmatch(r"\d{4}-\d{2}-\d{2}", work_date) and real_date(work_date)):
        raise InputError(
            f"the work date {work_date!r} is not a date of the calendar",
            place="work date",
            hint="write it as YYYY-MM-DD, e.g. 2018-02-22",
        )
    for name, value in (("title", title), ("notice", notice)):
        bad = value and CONTROL_ANY.search(value)
        if bad:
            raise InputError(
                f"a control character (U+{ord(bad.group()):04X}) in the {name}",
                place=name,
                hint="remove it: XML cannot hold it, and a terminal would run it",
            )


def import_text(
    text: str,
    expression: FrbrUri | None = None,
    *,
    doctype: str = "act",
    source_name: str = "<text>",
    work_date: str | None = None,
    title: str | None = None,
    publication: dict | None = None,
    corrections: Sequence[Correction] = (),
    notice: str | None = None,
    repair: bool = True,
    numbering_gaps: str | None = None,
):
    """Import ``text`` as the expression ``expression``; returns (Document, ImportReport).

    Without ``expression`` the FRBR work, its kind and dates come from the text's own heading
    (identify.py); what the heading did not give is a finding."""
    if expression is not None and not expression.language:
        raise InputError(f"the FRBR URI {expression} has no language", hint="add /ara@<date> (or /fra@<date>)")
    _check_arguments(work_date, title, notice)
    source_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    report = ImportReport(source=source_name)
    glyph_lines = _glyph_lines(text)
    text, cleaned = _plain_text(text, source_name, report)
    if corrections:
        text = apply_corrections(text, list(corrections), source_name)
        report.corrections = [vars(c) for c in corrections]
    lines, numbers, footnotes = _repaired(text, report, glyph_lines) if repair else _as_written(text)
    if expression is None:
        expression = _identify(lines, source_name, report)
    if any(cleaned.values()):
        report.repairs = dict(sorted({**report.repairs, **{k: v for k, v in cleaned.items() if v}}.items()))
    layout = parse_layout(lines, numbers, wrapped=None if repair else False)
    report.layout_notes = layout.notes
    report.footnotes = len(footnotes)
    notes = {f.number: f.text for f in footnotes}
    amendment_notes = [n for f in footnotes for n in parse_amendment_notes(f)]
    report.amendment_notes = len(amendment_notes)
    meta = Metadata(
        expression=expression,
        work_date=work_date or expression.expression_date or expression.date,
        title=title or document_title(layout.title_lines, layout.preamble),
        publication=publication,
        notes=notes,
        notice=notice,
        numbering_gaps=numbering_gaps,
        source={"file": Path(source_name).name, "sha256": source_sha},
    )
    tree = build_document(layout, meta, doctype)
    report.uncertain += _dangling_note_refs(tree, notes)
    document = Document(tree, source_name)
    amendment_events(
        document,
        amendment_notes,
        own_work=expression.work_uri(),
        known_dates=amending_law_dates("\n".join(layout.title_lines)),
    )
    active_modifications(document)
    # last: the readings of amending sentences above take a mod's text as one string
    mark_unreadable(document)
    report.counts = document.counts()
    report.findings += self_check(document, layout, lines, numbers, report, source_name)
    report.findings += check_notes(footnotes, source=source_name)
    report.findings += check_stray_heh(
        repair and shows_stray_heh(text),
        report.repairs.get("stray-heh", 0),
        report.repairs.get("context", 0),
        source=source_name,
    )
    return document, report


def _plain_text(text: str, source_name: str, report: ImportReport) -> tuple[str, dict[str, int]]:
    """The text as plain lines: line ends, presentation forms, stray control characters (a finding)
    and invisible characters; with the count of each kind cleaned."""
    # CR LF (Windows) and a lone CR (old Mac files) end a line too: never glue a law onto one line
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(LINE_BREAKS)
    text, presentation = _presentation_forms(text)
    text, control_lines = check_plain_text(text, source_name)
    if not text.strip():
        raise InputError("the text is empty", path=source_name, hint="give the text of a law")
    if control_lines:
        shown = ", ".join(map(str, control_lines[:10])) + (" …" if len(control_lines) > 10 else "")
        report.findings.append(
            Finding(
                "control-character",
                "warning",
                None,
                f"{len(control_lines)} line{'s' if len(control_lines) > 1 else ''} held stray control characters, "
                f"dropped (line{'s' if len(control_lines) > 1 else ''} {shown})",
                control_lines[0],
                file=source_name,
                message_ar="حذفت محارف تحكم شاردة من النص",
            )
        )
    text, invisible = INVISIBLES.subn("", text)
    cleaned = {
        "invisible-character": invisible,
        "control-character": len(control_lines),
        "presentation-form": presentation,
    }
    return text, cleaned


def _glyph_lines(text: str) -> frozenset[int]:
    """The (0-based) lines written in presentation forms: the glyphs as printed (repair_text)."""
    if not PRESENTATION_FORMS.search(text):
        return frozenset()
    lines = text.replace("\r\n", "\n").replace("\r", "\n").translate(LINE_BREAKS).split("\n")
    return frozenset(j for j, line in enumerate(lines) if PRESENTATION_FORMS.search(line))


def _repaired(text: str, report: ImportReport, glyph_lines: frozenset[int] = frozenset()):
    """Lines, their source line numbers and footnotes after the repair and the context check."""
    result = check_context(text, repair_text(text, glyph_lines=glyph_lines), report)  # context.py: real-word reversals
    report.repairs = result.counts()
    report.uncertain = [
        {"kind": r.kind, "line": r.line, "before": r.before, "after": r.after} for r in result.uncertain
    ]
    return result.lines, result.line_numbers, result.footnotes


def _as_written(text: str):
    """Lines as written, without repair (a clean text)."""
    lines = text.split("\n")
    return lines, list(range(1, len(lines) + 1)), []


def _dangling_note_refs(tree, notes: dict[int, str]) -> list[dict]:
    """Footnote markers whose note body was not found in the source: dropped, listed as uncertain."""
    return [
        {
            "kind": "footnote-missing",
            "line": None,
            "before": f"[[fn:{marker}]]",
            "after": "",
            "eid": holder,
            "note": "footnote marker whose note body was not found in the source: marker dropped",
        }
        for marker, holder in drop_dangling_note_refs(tree, notes)
    ]


def _identify(lines: list[str], source_name: str, report: ImportReport) -> FrbrUri:
    """The expression URI from the text's heading, with a finding for what was guessed."""
    identity = identify(lines, source_name)
    uri = identity.frbr_uri(fallback_number(source_name))
    report.identity = {
        "kind": identity.kind,
        "number": identity.number,
        "date": identity.date,
        "expression_date": identity.expression_date,
        "aliases": identity.aliases,
        "frbr_uri": str(uri),
    }
    if identity.guessed:
        report.findings.append(
            Finding(
                "identity-guessed",
                "warning" if {"number", "date"} & set(identity.guessed) else "info",
                None,
                f"the heading gives no {' or '.join(identity.guessed)}: the FRBR URI {uri} is partly guessed",
                file=source_name,
                message_ar="عنوان النص لا يذكر رقمه أو تاريخه كاملا",
                hint="give the URI with --frbr-uri",
            )
        )
    return uri


def self_check(
    document, layout, lines: list[str], numbers: list[int], report: ImportReport, source_name: str
) -> list[Finding]:
    """What the import found wrong with itself: articles against the source's headings, lost
    text, numbering (validate's rules), uncertain repairs."""
    findings = check_layout(layout, lines, numbers, source=source_name)
    findings += check_tables(document, lines, numbers, source=source_name)
    findings += check_unreadable(document, lines, numbers, source=source_name)
    words = sum(count_words(" ".join(el.itertext())) for el in document.main if not el.tag.endswith("meta"))
    findings += check_text_kept(lines, words, source=source_name)
    if not document.title:  # no line of the head reads as a title: said, not left blank silently
        findings.append(
            Finding(
                "title-missing",
                "warning",
                None,
                "no line of the text's head reads as its title (a page number, a rubric, a note): give one with --title",
                1,
                file=source_name,
                message_ar="لم يُعثر في رأس النص على عنوانه",
            )
        )
    findings += [replace(f, file=source_name) for f in check_numbering(document)]
    for item in report.uncertain:
        findings.append(
            Finding(
                "uncertain-repair",
                "warning",
                item.get("eid"),
                f"{item['kind']}: {item['before']!r} → {item['after']!r}"
                + (f" ({item['note']})" if item.get("note") else ""),
                item.get("line"),
                file=source_name,
                message_ar="إصلاح غير مؤكد",
            )
        )
    return findings
