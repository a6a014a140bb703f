"""AKN → text in the official layout, or Markdown.

The text export is what the importer reads: importing it gives back the same structure and
text (tests/test_roundtrip.py).  It writes the parts of the one traversal the diff uses too
(``lawtool.akn_walk.walk``), so the whole document, in reading order — the notice of
a working text, the preface, the preamble, the body (any hierarchy: articles, sections,
hcontainers ...; tables one row a line, cells separated by « | »), the conclusions, then each
attachment in turn.  Editorial notes are left out of the text (they are not law text, and the
importer would read them as such); Markdown keeps them at the end.  Quoted articles of an
amending article are written as «الفصل 404. - ...» blocks.

Whatever cannot be written as text (an image, an object, foreign XML, a reference to another
document) is named in a warning, one line each: ``export(..., warn=...)`` receives them; by
default they go to standard error as ``lawtool: warning: <file>: ...``.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Callable

from .akn import Document, akn, local_name, text_of
from .akn_walk import TEXT_KINDS, Part, unrendered, walk
from .diff.units import BLOCKS, lines_of

DIVISIONS = {
    "book",
    "part",
    "title",
    "chapter",
    "section",
    "subsection",
    "hcontainer",
    "subchapter",
    "subtitle",
    "subpart",
    "division",
    "subdivision",
    "tome",
    "level",
    "rule",
    "subrule",
    "clause",
    "subclause",
    "transitional",
    "proviso",
}
_HEAD = ("num", "heading", "subheading")
_NOTES = ("authorialNote", "noteRef", "eol", "eop")
_SPACE = re.compile(r"\s+")
Warn = Callable[[str], None]


def _stderr(message: str) -> None:
    print(f"lawtool: warning: {message}", file=sys.stderr)


def _child(el, name):
    for c in el:
        if isinstance(c.tag, str) and local_name(c) == name:
            return c
    return None


def _inline_text(el) -> str:
    return text_of(el) if el is not None else ""


def _lines(el) -> list[str]:
    """Any element as lines: a new line at each block, a table one row a line."""
    if local_name(el) == "table":
        return [" | ".join(text_of(cell) for cell in row if isinstance(cell.tag, str)) for row in el.iter("{*}tr")]
    if el.find(".//{*}table") is not None:
        out: list[str] = []
        for child in el:
            if isinstance(child.tag, str) and local_name(child) not in _NOTES:
                out += _lines(child)
        return out
    return lines_of(el, own_num=True)


# -- text ---------------------------------------------------------------------------------------------


def to_text(document: Document, *, warn: Warn | None = None) -> str:
    """The document as text in the official layout (see the module docstring)."""
    out: list[str] = [document.notice] if document.notice else []
    pending: list[tuple] = []  # (container, lines of its wrapUp): written after its last child
    for part in walk(document):
        while pending and not _inside(part.el, pending[-1][0]):
            out.extend(pending.pop()[1])
        lines = part_lines(part)
        wrap = _child(part.el, "wrapUp") if part.role == "container" and part.el is not None else None
        if wrap is not None:
            tail = [_inline_text(p) for p in wrap if isinstance(p.tag, str)]
            lines = lines[: len(lines) - len(tail)] if lines[len(lines) - len(tail) :] == tail else lines
            pending.append((part.el, tail))
        out.extend(lines)
    for _, tail in reversed(pending):
        out.extend(tail)
    _report(document, "\n".join(out), warn, notes_kept=False)
    return "\n".join(out) + "\n"


def _inside(el, container) -> bool:
    """Is ``el`` the container's descendant (a part of the walk inside it)?"""
    return el is not None and any(a is container for a in el.iterancestors())


def part_lines(part: Part, *, notes: bool = False) -> list[str]:
    """The lines of one part of the walk (``lawtool.akn_walk``), in the official layout."""
    if part.role == "document":
        title = _doc_title(part.el)
        return [title] if title else []
    if part.kind == "notes":
        return _note_lines(part) if notes else []
    if part.role == "text":
        return _text_part_lines(part)
    out: list[str] = []
    if part.role == "container":
        line = _heading_line(part.el)
        out += [line] if line else []
        if _child(part.el, "subheading") is not None:
            out.append(_inline_text(_child(part.el, "subheading")))
        for el in part.loose:
            _hier_text(el, out)
    elif part.kind == "article":
        _article_text(part.el, out, None)
    else:
        _hier_text(part.el, out)
    return out


def _note_lines(part: Part) -> list[str]:
    """The notes of a ``notes`` part, one line each: its marker and its text."""
    each = [n for el in part.loose for n in (el if local_name(el) == "notes" else [el]) if isinstance(n.tag, str)]
    return [f"{n.get('marker') or ''} {text_of(n)}".strip() for n in each]


def _text_part_lines(part: Part) -> list[str]:
    """The lines of a ``text`` part (preface, preamble ...), lawtool's own notice left out."""
    out: list[str] = []
    for el in part.loose:
        if local_name(el) not in TEXT_KINDS:
            _hier_text(el, out)
            continue
        for p in el:
            if isinstance(p.tag, str) and "lawtool-notice" not in (p.get("class") or ""):
                out.extend([_inline_text(p)] if local_name(p) == "p" else _lines(p))
    return out


def _doc_title(doc) -> str:
    """An attached document's title line (its docTitle is written with its preface)."""
    if doc.find(".//{*}docTitle") is not None:
        return ""
    return doc.get("name") or ""


def _heading_line(el) -> str:
    num = _inline_text(_child(el, "num"))
    heading = _inline_text(_child(el, "heading"))
    if num and heading:
        return f"{num}: {heading}"
    return num or heading


def _hier_text(el, out: list[str], quoted: str | None = None) -> None:
    """``quoted``: None in the body; "«" for a quoted article framed by guillemets; "" for one
    quoted without them (Adala's layout: the heading alone on its line)."""
    name = local_name(el)
    if name in DIVISIONS:
        line = _heading_line(el)
        if line:
            out.append(line)
        if _child(el, "subheading") is not None:
            out.append(_inline_text(_child(el, "subheading")))
        for child in el:
            if isinstance(child.tag, str) and local_name(child) not in _HEAD:
                _hier_text(child, out, quoted)
        return
    if name == "article":
        _article_text(el, out, quoted)
        return
    if name == "content":
        for p in el:
            if isinstance(p.tag, str):
                _p_text(p, out)
        return
    out.extend(_lines(el))


def _article_text(el, out: list[str], quoted: str | None) -> None:
    lines: list[str] = []
    for child in el:
        if not isinstance(child.tag, str):
            continue
        cname = local_name(child)
        if cname in ("paragraph", "content"):
            _block_text(child, lines)
        elif cname not in ("num", "heading") and cname not in _NOTES:
            lines.extend(_lines(child))
    num = _inline_text(_child(el, "num"))
    if quoted == "«":
        first = lines.pop(0) if lines else ""
        out.append(f"«{num}. - {first}".rstrip())
        out.extend(lines)
        out[-1] = out[-1] + "»"
    else:
        out.append(num)
        heading = _child(el, "heading")
        if heading is not None:
            out.append(_inline_text(heading))
        out.extend(lines)


def _block_text(el, lines: list[str]) -> None:
    name = local_name(el)
    if name == "content":
        for p in el:
            if isinstance(p.tag, str):
                _p_text(p, lines)
        return
    start = len(lines)
    for child in el:  # a paragraph
        if not isinstance(child.tag, str):
            continue
        cname = local_name(child)
        if cname in ("content", "intro", "wrapUp"):
            for p in child:
                if isinstance(p.tag, str):
                    _p_text(p, lines)
        elif cname == "point" and _simple_point(child):
            num = _inline_text(_child(child, "num"))
            content = _child(child, "content")
            text = " ".join(_inline_text(p) for p in content) if content is not None else ""
            lines.append(f"{_item_label(num)} {text}".strip())
        elif cname not in ("num", "heading") and cname not in _NOTES:
            lines.extend(_lines(child))
    num = _inline_text(_child(el, "num"))
    if num:  # a numbered paragraph: «(1) ...»
        lines[start : start + 1] = [f"{num} {lines[start]}" if len(lines) > start else num]


def _simple_point(point) -> bool:
    """A point made of a number and a content of paragraphs (the importer's points)."""
    content = _child(point, "content")
    return (
        content is not None
        and all(local_name(c) in ("num", "content") for c in point if isinstance(c.tag, str))
        and all(local_name(p) == "p" for p in content if isinstance(p.tag, str))
    )


def _item_label(num: str) -> str:
    if not num:
        return "-"
    return f"{num})" if not num[0].isdigit() else f"{num}-"


def _p_text(p, lines: list[str]) -> None:
    if local_name(p) != "p":
        lines.extend(_lines(p))
        return
    mod = None
    for child in p:
        if isinstance(child.tag, str) and local_name(child) == "mod":
            mod = child
    if mod is None:
        lines.append(_inline_text(p))
        return
    # the announcing sentence: the mod's text and its inline children (noteRef, ref, term ...), not the quotations
    parts = [mod.text or ""]
    for child in mod:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
        elif local_name(child) not in ("quotedText", "quotedStructure"):
            parts += [_inline_text(child) if local_name(child) != "noteRef" else "", child.tail or ""]
    lines.append(" ".join("".join(parts).split()))
    for child in mod:
        if not isinstance(child.tag, str):
            continue
        if local_name(child) == "quotedText":
            lines.append(_inline_text(child))
        elif local_name(child) == "quotedStructure":
            for quoted in child:
                if isinstance(quoted.tag, str):
                    _hier_text(quoted, lines, quoted=child.get("startQuote") or "")


# -- what could not be written -------------------------------------------------------------------------


def _report(document: Document, written: str, warn: Warn | None, *, notes_kept: bool) -> None:
    """One warning per element that is not text, one for the notes left out, and one if some
    words of the document are missing from what was written."""
    say = warn or _stderr
    for name, place in unrendered(document):
        say(f"{document.path}:{place}: <{name}> is not text: written as its text only, if it has any")
    notes = _notes(document)
    if notes and not notes_kept:
        say(
            f"{document.path}: {len(notes)} editorial or authorial notes left out of the text export "
            "(`--to markdown` keeps them)"
        )
    missing = _missing_words(document, written, skip_notes=not notes_kept)
    if missing:
        sample = " ".join(missing[:5])
        say(f"{document.path}: {len(missing)} words of the document are not in the export (e.g. {sample})")


def _notes(document: Document) -> list:
    main = document.main
    return list(main.iter("{*}authorialNote")) + document.xpath("./a:meta/a:notes/a:note", main)


_WORD = re.compile(r"\w+")
_BLOCK_TAGS = frozenset(akn(n) for n in BLOCKS | {"num"})


def document_words(document: Document, *, notes: bool = True) -> Counter:
    """The words of the whole document outside ``meta`` (its notes aside unless asked for);
    comments and processing instructions are not text."""
    pieces: list[str] = []
    skip = {"meta"} | ({"authorialNote"} if not notes else set())

    def visit(el) -> None:
        if el.text:
            pieces.append(el.text)
        for child in el:
            if isinstance(child.tag, str) and local_name(child) not in skip:
                block = child.tag in _BLOCK_TAGS
                pieces.append(" " if block else "")
                visit(child)
                pieces.append(" " if block else "")
            if child.tail:
                pieces.append(child.tail)

    visit(document.main)
    if notes:
        pieces += [" " + text_of(note) for note in document.xpath("./a:meta/a:notes/a:note", document.main)]
    return Counter(w.lower() for w in _WORD.findall("".join(pieces)))


def _missing_words(document: Document, written: str, *, skip_notes: bool) -> list[str]:
    have = Counter(w.lower() for w in _WORD.findall(written))
    need = document_words(document, notes=not skip_notes)
    return sorted(w for w, n in need.items() if have[w] < n)


# -- Markdown ------------------------------------------------------------------------------------------

_MD_INLINE = re.compile(r"([\\`*_\[\]{}|~^$!])")
_MD_LINE_START = re.compile(r"^(?:([#+\-=>])|(\d+)([.)]))")
_SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")


def md_text(text: str) -> str:
    """Document text made inert in Markdown and in the HTML it lets through: the marks that
    could start markup get a backslash (a list or heading mark only at the start of the line),
    ``& < >`` become entities."""
    text = _MD_INLINE.sub(r"\\\1", _SPACE.sub(" ", text).strip())
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_LINE_START.sub(lambda m: "\\" + m.group(1) if m.group(1) else m.group(2) + "\\" + m.group(3), text)


def md_anchor(eid: str | None) -> str:
    """`` {#eid}`` for an eId made of letters, digits, ``_ . -`` only; nothing otherwise (an eId
    such as «art_3 onmouseover=alert(1)» never becomes an attribute)."""
    return f" {{#{eid}}}" if eid and _SAFE_ID.match(eid) else ""


def to_markdown(document: Document, *, warn: Warn | None = None) -> str:
    """The document as Markdown: the notice, a title, every part in reading order (a heading
    for each container and provision, one level deeper than the container holding it), then
    the notes."""
    out: list[str] = [f"# {md_text(document.title or '')}\n"]
    plain: list[str] = []
    if document.notice:
        out.append(f"> {md_text(document.notice)}\n")
        plain.append(document.notice)
    notes: list[str] = []
    for part in walk(document):
        if part.kind == "notes":
            notes += part_lines(part, notes=True)
            continue
        lines = part_lines(part)
        plain += lines
        if part.role in ("container", "provision", "document") and lines:
            level = "#" * min(6, 2 + _depth(part))
            out.append(f"{level} {md_text(lines.pop(0))}{md_anchor(part.eid)}\n")
        out += [md_text(line) + "\n" for line in lines if line]
    if notes:
        out.append("## Notes\n")
        out += [md_text(line) + "\n" for line in notes]
        plain += notes
    _report(document, "\n".join(plain), warn, notes_kept=True)
    return "\n".join(out).rstrip() + "\n"


def _depth(part: Part) -> int:
    depth = 0
    while part.parent is not None:
        part, depth = part.parent, depth + 1
    return depth
