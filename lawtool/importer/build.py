"""Build: the layout tree → an Akoma Ntoso 3.0 document (lxml tree), with eIds.

Editorial footnotes of the source become ``<note>`` elements in ``meta/notes`` (they are not
law text) referenced by ``<noteRef>`` where their marker stood.  Amendment footnotes become
lifecycle events and passive modifications naming the amending law.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..akn import LAWTOOL_NS, LOST_LAYOUT, NS, E, akn, identification, remove_keeping_tail
from ..eids import assign_eids
from ..frbr import FrbrUri
from .common import AR_WORD, LETTER, MARKS
from .layout import FN, Layout, Node, document_title, lost_tables, title_span
from .ligatures import is_damaged


@dataclass
class Metadata:
    expression: FrbrUri  # /akn/ma/act/2018/103-13/ara@2018-03-12
    work_date: str  # 2018-02-22 (date of the promulgating dahir / presentation)
    title: str | None = None
    author: str = "#parliament"
    publication: dict | None = None  # {"date", "name", "number", "showAs"}
    notes: dict[int, str] = field(default_factory=dict)  # footnote number → text
    concepts: list[tuple[str, str]] = field(default_factory=list)  # (eId, showAs) of TLCConcept
    notice: str | None = None  # a visible notice (bills: working text)
    source: dict | None = None  # {"file", "sha256"}
    numbering_gaps: str | None = None  # numbers skipped on purpose: "3 11 22 28", "289-291"


def inline(tag: str, text: str, **attrs) -> etree._Element:
    """An inline container (p, num, heading ...) whose text may hold footnote markers."""
    el = E(tag, **attrs)
    pos = 0
    last = None
    for match in FN.finditer(text):
        chunk = text[pos : match.start()]
        _append_text(el, last, chunk)
        last = E("noteRef", marker=match.group(1), href=f"#note_{match.group(1)}")
        el.append(last)
        pos = match.end()
    _append_text(el, last, text[pos:])
    return el


def _append_text(el, last, chunk: str) -> None:
    if not chunk:
        return
    if last is None:
        el.text = (el.text or "") + chunk
    else:
        last.tail = (last.tail or "") + chunk


# -- body ------------------------------------------------------------------------------------------

PROMULGATION = "promulgation"  # hcontainer name of a promulgating dahir's own articles
DIVISION_TAGS = {"book", "part", "title", "chapter", "section", "subsection", "hcontainer"}


def build_node(node: Node) -> etree._Element:
    if node.kind in DIVISION_TAGS:
        el = E(node.kind, name="division" if node.kind == "hcontainer" else None)
        _num_heading(el, node)
        children = [build_node(c) for c in node.children]
        text = _text_blocks(node.intro, before=node.heading)
        if children:
            if text:
                el.append(E("intro", *text))
            for c in children:
                el.append(c)
        else:
            el.append(E("content", *(text or [E("p")])))
        return el
    if node.kind == "article":
        el = E("article")
        _num_heading(el, node)
        blocks = _article_blocks(node)
        for b in blocks:
            el.append(b)
        if not blocks:
            el.append(E("content", E("p")))
        return el
    raise ValueError(f"unexpected node kind {node.kind}")


def _num_heading(el, node: Node) -> None:
    if node.num:
        el.append(inline("num", node.num))
    if node.heading:
        el.append(inline("heading", node.heading))
    if node.subheading:
        el.append(inline("subheading", node.subheading))


def _article_blocks(article: Node) -> list[etree._Element]:
    out: list[etree._Element] = []
    children = article.children
    i = 0
    while i < len(children):
        child = children[i]
        if child.kind == "paragraph" and i + 1 < len(children) and children[i + 1].kind == "mod" and not child.children:
            out.append(_mod_paragraph(child.text, children[i + 1]))
            i += 2
            continue
        if child.kind == "mod":
            out.append(_mod_paragraph(None, child))
        else:
            out.append(_paragraph(child))
        i += 1
    return out


def _lost_layout_table(cells: list[str]) -> etree._Element:
    return E("table", *[E("tr", E("td", inline("p", cell))) for cell in cells], class_=LOST_LAYOUT)


def _text_blocks(lines: list[str], before: str | None = None) -> list[etree._Element]:
    """Unnumbered text (a division's, a text's without articles, an annex's): a ``p`` a line, and
    each run of cells that makes a table (layout.py's ``lost_tables``) one table whose layout was
    lost.  ``before``: the heading above the text (a signature block's «الإمضاءات»)."""
    blocks = lost_tables([Node("paragraph", text=line) for line in lines], before)
    return [
        _lost_layout_table([cell.text or "" for cell in b.children]) if b.kind == "table" else inline("p", b.text or "")
        for b in blocks
    ]


def _paragraph(node: Node) -> etree._Element:
    if node.kind == "table":
        return E("paragraph", E("content", _lost_layout_table([cell.text or "" for cell in node.children])))
    el = E("paragraph")
    if node.children:
        if node.text:
            el.append(E("intro", inline("p", node.text)))
        for point in node.children:
            p = E("point")
            if point.num:
                p.append(E("num", point.num))
            p.append(E("content", inline("p", point.text or "")))
            el.append(p)
    else:
        el.append(E("content", inline("p", node.text or "")))
    return el


def _mod_paragraph(intro: str | None, mod_node: Node) -> etree._Element:
    mod = inline("mod", (intro or "") + " ")
    if mod_node.quoted_text and not mod_node.children:
        mod.append(inline("quotedText", mod_node.quoted_text))
    if mod_node.children:
        marks = any(q.guillemets for q in mod_node.children)
        qs = E("quotedStructure", startQuote="«" if marks else None, endQuote="»" if marks else None)
        if mod_node.quoted_text:
            # a heading quoted before the articles (a division title) stays as text of the quote
            mod.append(inline("quotedText", mod_node.quoted_text))
        for quoted in mod_node.children:
            qs.append(build_node(quoted))
        mod.append(qs)
    # trailing whitespace of the announcing text is kept inside the mod
    return E("paragraph", E("content", E("p", mod)))


# -- meta ---------------------------------------------------------------------------------------------


def _identification(meta: Metadata, **extra) -> etree._Element:
    """The FRBR identification of the document (or, with ``component``, of an annex)."""
    expr = meta.expression
    return identification(
        expr.work_uri(),
        expr.expression_uri(),
        work_date=meta.work_date,
        date=expr.expression_date or meta.work_date,
        author=meta.author,
        country=expr.country,
        language=expr.language,
        **extra,
    )


def build_meta(meta: Metadata) -> etree._Element:
    ident = _identification(meta, number=meta.expression.number, title=meta.title)
    el = E("meta", ident)
    if meta.publication:
        p = meta.publication
        el.append(
            E("publication", date=p["date"], name=p["name"], showAs=p.get("showAs", p["name"]), number=p.get("number"))
        )
    el.append(
        E(
            "lifecycle",
            E("eventRef", eId="evt_generation", date=meta.work_date, type="generation", source="#original"),
            source="#lawtool",
        )
    )
    references = E("references", source="#lawtool")
    references.append(
        E("original", eId="original", href=meta.expression.work_uri(), showAs=meta.title or meta.expression.work_uri())
    )
    for eid, show in meta.concepts:
        references.append(E("TLCConcept", eId=eid, href=f"/ontology/concept/lawtool/{eid}", showAs=show))
    references.append(E("TLCOrganization", eId="lawtool", href="/ontology/organization/lawtool", showAs="lawtool"))
    references.append(
        E("TLCOrganization", eId="adala", href="/ontology/organization/ma/adala", showAs="بوابة عدالة - وزارة العدل")
    )
    references.append(
        E("TLCOrganization", eId="parliament", href="/ontology/organization/ma/parliament", showAs="البرلمان")
    )
    el.append(references)
    if meta.notes:
        notes = E("notes", source="#adala")
        for number in sorted(meta.notes):
            notes.append(E("note", inline("p", meta.notes[number]), eId=f"note_{number}", marker=str(number)))
        el.append(notes)
    if meta.source or meta.notice or meta.numbering_gaps:
        prop = E("proprietary", source="#lawtool")
        if meta.numbering_gaps:
            etree.SubElement(
                prop, f"{{{LAWTOOL_NS}}}numbering", nsmap={"lawtool": LAWTOOL_NS}, gaps=str(meta.numbering_gaps)
            )
        lt = etree.SubElement(prop, f"{{{LAWTOOL_NS}}}import", nsmap={"lawtool": LAWTOOL_NS})
        if meta.source:
            for k, v in meta.source.items():
                lt.set(k, str(v))
        if meta.notice:
            etree.SubElement(lt, f"{{{LAWTOOL_NS}}}notice").text = meta.notice
        el.append(prop)
    return el


def build_document(layout: Layout, meta: Metadata, doctype: str = "act") -> etree._ElementTree:
    """The AKN document: meta, preface, preamble, body, conclusions and attachments, with eIds."""
    root = etree.Element(akn("akomaNtoso"), nsmap={None: NS})
    doc = etree.SubElement(root, akn(doctype), name=doctype)
    doc.append(build_meta(meta))
    for part in (_preface(layout, meta), _preamble(layout), _body(layout)):
        if part is not None:
            doc.append(part)
    if layout.conclusions:
        doc.append(E("conclusions", *[inline("p", text) for text in layout.conclusions]))
    if layout.attachments:
        attachments = E("attachments")
        for n, annex in enumerate(layout.attachments, 1):
            attachments.append(E("attachment", _annex_doc(annex, meta, n)))
        doc.append(attachments)
    assign_eids(doc)
    return root.getroottree()


def _preface(layout: Layout, meta: Metadata) -> etree._Element | None:
    """The notice, then the title lines (the document's title among them as ``docTitle``)."""
    preface = E("preface")
    first, end = title_span(layout.title_lines)
    read = document_title(layout.title_lines, layout.preamble)
    title = meta.title or read
    ours = bool(read) and title == read  # the title read here, not one the user gave
    if end == first:
        first = end = -1  # no title line: the dahir's heading
    if meta.notice:
        preface.append(E("p", meta.notice, class_="lawtool-notice"))
    for k, line in enumerate(layout.title_lines):
        if ours and read and k == first:
            preface.append(E("p", inline("docTitle", line if end == first + 1 else read)))  # wrapped lines as one
        elif ours and first < k < end:
            continue
        elif not ours and line == title:
            preface.append(E("p", inline("docTitle", line)))
        else:
            preface.append(inline("p", line))
    # given by the user; the dahir's heading as title (no title line) is the metadata's alone: the
    # preamble prints it already
    if title and not ours and title not in layout.title_lines:
        preface.append(E("p", E("docTitle", title)))
    return preface if len(preface) else None


def _preamble(layout: Layout) -> etree._Element | None:
    if not (layout.preamble or layout.preamble_heading):
        return None
    preamble = E("preamble")
    if layout.preamble_heading:
        preamble.append(inline("p", layout.preamble_heading, class_="heading"))
    for text in layout.preamble:
        preamble.append(inline("p", text))
    return preamble


def _body(layout: Layout) -> etree._Element:
    """The promulgating dahir's own articles (before the law it promulgates), the articles and
    divisions, the text of an unstructured document; never empty."""
    body = E("body")
    if layout.promulgation:
        dahir = E("hcontainer", name=PROMULGATION)
        for node in layout.promulgation:
            dahir.append(build_node(node))
        if layout.promulgation_end:
            dahir.append(E("wrapUp", *[inline("p", text) for text in layout.promulgation_end]))
        body.append(dahir)
    for node in layout.body:
        body.append(build_node(node))
    if layout.text:
        body.append(E("hcontainer", E("content", *_text_blocks(layout.text)), name="text"))
    if not len(body):
        body.append(E("hcontainer", E("content", E("p")), name="empty"))
    return body


def _annex_doc(annex: Layout, meta: Metadata, n: int) -> etree._Element:
    """An annexed text («ملحق») as a ``doc`` of the attachment, its own articles numbered apart."""
    ident = _identification(meta, component=f"annex_{n}")
    doc = E("doc", E("meta", ident), name="annex")
    lines = annex.title_lines + annex.preamble
    if lines:
        doc.append(E("preface", *[inline("p", line) for line in lines]))
    body = E("mainBody")
    for node in annex.body:
        body.append(build_node(node))
    for block in _text_blocks(annex.text):
        body.append(block)
    for text in annex.conclusions:
        body.append(inline("p", text))
    if not len(body):
        body.append(E("p"))
    doc.append(body)
    return doc


UNREADABLE = "unreadable"  # the name of an ``inline`` holding a word the extraction left unreadable


def mark_unreadable(document) -> None:
    """Each word of the text (and of its notes) that no Arabic spells as the extraction's damage
    left it (ligatures.py ``is_damaged``: two text layers interleaved, a tripled alef ...) goes into
    ``<inline name="unreadable">``: kept as printed, and shown to readers for what it is."""
    main = document.main
    # each distinct word is judged once; a clean document (nearly all) is left at once
    damaged = {w for w in set(AR_WORD.findall("\n".join(main.itertext()))) if is_damaged(w)}
    if not damaged:
        return
    words = re.compile(
        f"(?<![{LETTER}{MARKS}])(?:{'|'.join(map(re.escape, sorted(damaged, key=len, reverse=True)))})(?![{LETTER}{MARKS}])"
    )
    in_meta = {el for meta in main.iter("{*}meta") for el in meta.iter()}
    in_notes = {el for notes in main.iter("{*}notes") for el in notes.iter()}
    for el in [e for e in main.iter() if isinstance(e.tag, str) and (e not in in_meta or e in in_notes)]:
        if el.text and words.search(el.text):
            pieces = words.split(el.text)
            found = words.findall(el.text)
            el.text = pieces[0]
            for k, (word, after) in enumerate(zip(found, pieces[1:], strict=True)):
                marked = E("inline", word, name=UNREADABLE)
                marked.tail = after or None
                el.insert(k, marked)
        parent = el.getparent()
        if el.tail and parent is not None and words.search(el.tail):
            pieces = words.split(el.tail)
            found = words.findall(el.tail)
            el.tail = pieces[0] or None
            at = parent.index(el)
            for k, (word, after) in enumerate(zip(found, pieces[1:], strict=True)):
                marked = E("inline", word, name=UNREADABLE)
                marked.tail = after or None
                parent.insert(at + 1 + k, marked)


def drop_dangling_note_refs(tree: etree._ElementTree, notes: dict[int, str]) -> list[tuple[int, str]]:
    """Remove the markers of footnotes whose body was not found in the source (the report lists
    them), so that every noteRef resolves; returns (marker, eId of the holder) pairs."""
    dropped = []
    for ref in list(tree.getroot().iter(akn("noteRef"))):
        marker = ref.get("marker")
        if marker and marker.isdigit() and int(marker) in notes:
            continue
        holder = next((a.get("eId") for a in ref.iterancestors() if a.get("eId")), "")
        dropped.append((int(marker) if marker and marker.isdigit() else -1, holder))
        remove_keeping_tail(ref)
    return dropped
