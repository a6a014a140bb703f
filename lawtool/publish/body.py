"""The text of a document as HTML: articles, their paragraphs and points, amending articles
with the text they quote, citations, defined terms, editorial notes.

Every string taken from the document goes through :func:`lawtool.publish.html.esc`; element
names decide the markup, never the document's attributes (an ``href`` of a ``ref`` is only
used to look the target up in the corpus index, and the link written is the one the index
gives).  The output of :meth:`BodyRenderer.article_body` is one raw HTML block without blank
lines, safe to put in a Markdown page.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from lxml import etree

from ..akn import LOST_LAYOUT, local_name, text_of
from ..htmlbuild import elem, esc, raw
from .html import element, ltr, rel_url, title_text
from .index import CONTAINERS, ID_BLOCKS, Expression, SiteIndex, child, unreferenced_notes

INLINE_TAGS = {"b": "b", "i": "i", "u": "u", "sup": "sup", "sub": "sub"}
SKIP = {"num", "heading", "subheading"}  # rendered by the heading writer
MOD_TYPES_AR = {
    "substitution": "تغيير",
    "insertion": "إضافة",
    "repeal": "نسخ",
    "split": "تجزئة",
    "join": "دمج",
    "renumbering": "إعادة ترقيم",
}


@dataclass
class Amendment:
    """One change recorded in ``passiveModifications``: what law changed this element, when."""

    type: str
    law: str  # the amending law as the document names it («القانون رقم 24.03»)
    law_uri: str | None
    portion: str | None  # the amending article's eId, when known
    date: str | None


def passive_modifications(expression: Expression) -> dict[str, list[Amendment]]:
    """Destination eId → the amendments recorded for it (lifecycle dates joined in)."""
    document = expression.document
    ns = {"a": document.root.nsmap.get(None)}
    refs = {}
    for ref in document.xpath("./a:meta/a:references/a:passiveRef", document.main):
        refs[ref.get("eId")] = (ref.get("href"), ref.get("showAs") or ref.get("href"))
    by_href = {href: eid for eid, (href, _) in refs.items()}
    dates = {}
    for ev in document.xpath("./a:meta/a:lifecycle/a:eventRef", document.main):
        source = (ev.get("source") or "").lstrip("#")
        if source and source not in dates:
            dates[source] = ev.get("date")
    out: dict[str, list[Amendment]] = {}
    for mod in document.xpath("./a:meta/a:analysis/a:passiveModifications/a:textualMod", document.main):
        src = mod.xpath("./a:source/@href", namespaces=ns)
        dst = mod.xpath("./a:destination/@href", namespaces=ns)
        if not src or not dst:
            continue
        source = src[0]
        portion = None
        if source.startswith("#"):
            ref_eid = source[1:]
        else:
            work, _, portion = source.partition("/~")
            ref_eid = by_href.get(work)
        href, label = refs.get(ref_eid, (None, None))
        if label is None:
            label = source.partition("/~")[0]
            href = label
        out.setdefault(dst[0].lstrip("#"), []).append(
            Amendment(mod.get("type") or "", label, href, portion or None, dates.get(ref_eid))
        )
    return out


@dataclass
class BodyRenderer:
    """Renders the elements of one expression for one page (``page_url``)."""

    index: SiteIndex
    expression: Expression
    page_url: str
    amendments: dict[str, list[Amendment]] = field(default_factory=dict)
    used_ids: set[str] = field(default_factory=set)
    # a part of a continued page: only these blocks of the continued element are shown (``shown``)
    keep: set | None = None
    whole: set = field(default_factory=set)  # of them, those shown with everything inside
    _defs: dict[str, tuple[str, str]] | None = None
    _notes: dict[str, object] | None = None

    # -- lookups ---------------------------------------------------------------------------------------
    def notes(self) -> dict[str, etree._Element]:
        if self._notes is None:
            document = self.expression.document
            self._notes = {n.get("eId"): n for n in document.xpath("./a:meta/a:notes/a:note", document.main)}
        return self._notes

    def definitions(self) -> dict[str, tuple[str, str]]:
        """``refersTo`` of each ``def`` → (page URL, anchor) of the definition."""
        if self._defs is None:
            self._defs = {}
            for d in self.expression.document.walk("def"):
                key = (d.get("refersTo") or "").lstrip("#")
                if not key or key in self._defs:
                    continue
                part = _unit_page(self.expression, d)
                owner = _owner_eid(d)
                place = self.index.place(self.expression, owner) if owner else None
                if part is not None:  # in a continued article: the part that shows it
                    self._defs[key] = (part.url, def_anchor(key))
                elif place is not None:
                    self._defs[key] = (place.url, def_anchor(key))
        return self._defs

    def new_id(self, wanted: str) -> str | None:
        """``wanted`` if no element of the page has it yet (ids are unique on a page)."""
        if not wanted or wanted in self.used_ids:
            return None
        self.used_ids.add(wanted)
        return wanted

    # -- blocks ----------------------------------------------------------------------------------------
    def article_body(self, article, after: str = "", start: bool = True, end: bool = True) -> str:
        """The article's text (without its num and heading, which the page writes as a Markdown
        heading), its notes and its history, then ``after`` (HTML: the texts that cite it), as one raw
        HTML block.  A part of a continued article: its old identifier only at the ``start``, its
        history and ``after`` only at the ``end``."""
        eid = article.get("eId") or ""
        out: list[str] = []
        wid = article.get("wId")
        if start and wid and wid != eid and self.new_id(wid):
            out.append(elem("span", "", class_="lt-anchor", id=wid, aria_hidden="true"))
        notes: list[str] = []
        if start:
            out.append(self.note_refs(child(article, "num"), notes))
        for c in article:
            if isinstance(c.tag, str) and local_name(c) not in SKIP:
                out.append(self.block(c, notes))
        out.append(self.notes_html(notes, eid))
        if end:
            out.append(self.history(eid))
            out.append(after)
        return element("div", "".join(part for part in out if part), class_="lt-article-body", data_eid=eid)

    def container_extras(self, container) -> str:
        """Subheading, notes and history of a container heading, as a raw HTML block ("" if none)."""
        notes: list[str] = []
        parts: list[str] = []
        sub = child(container, "subheading")
        if sub is not None:
            parts.append(element("p", self.inline(sub, notes), class_="lt-subheading"))
        parts.append(self.note_refs(child(container, "num"), notes))
        parts.append(self.note_refs(child(container, "heading"), notes))
        for c in container:
            if isinstance(c.tag, str) and local_name(c) in ("intro", "content", "wrapUp"):
                parts.append(self.block(c, notes))
        parts.append(self.notes_html(notes, container.get("eId") or ""))
        parts.append(self.history(container.get("eId") or ""))
        body = "".join(p for p in parts if p)
        return element("div", body, class_="lt-container-extras") if body else ""

    def shown(self, el, write: Callable[[], str]) -> str:
        """``write()`` when ``el`` is shown on this part of a continued page ("" when it is not); inside a
        block shown whole, every element is."""
        if self.keep is None:
            return write()
        if el not in self.keep:
            return ""
        if el not in self.whole:
            return write()
        keep, self.keep = self.keep, None
        try:
            return write()
        finally:
            self.keep = keep

    def block(self, el, notes: list[str]) -> str:
        """One block element as HTML (only those of this part of a continued page: ``shown``)."""
        return self.shown(el, lambda: self.any_block(el, notes))

    def any_block(self, el, notes: list[str]) -> str:
        """One block element as HTML, by its name (``BLOCK_WRITERS``); a quoted container, or
        anything else as its children's blocks or a paragraph."""
        name = local_name(el)
        writer = BLOCK_WRITERS.get(name)
        if writer is not None:
            return writer(self, el, notes)
        if name in CONTAINERS:
            return self.quoted_container(el, notes)
        return self.other_block(el, notes)

    def children_blocks(self, el, notes: list[str], skip: Collection[str] = ()) -> str:
        """The element children of ``el`` as blocks, those named in ``skip`` left out."""
        return "".join(self.block(c, notes) for c in el if isinstance(c.tag, str) and local_name(c) not in skip)

    def block_ids(self, el) -> tuple[dict[str, str], str]:
        """The ``id`` (its eId, when the page does not have it yet) and ``data-wid`` attributes of a
        numbered or introductory block, and the anchor of its old identifier (its wId) to write inside it."""
        eid = el.get("eId")
        new = self.new_id(eid) if eid and local_name(el) in ID_BLOCKS else None
        if not new:
            return {}, ""
        wid = el.get("wId")
        if wid and wid != eid and self.new_id(wid):  # an old identifier still lands here
            return {"id": new, "data_wid": wid}, element("span", "", class_="lt-anchor", id=wid, aria_hidden="true")
        return {"id": new}, ""

    def paragraph_text(self, el, notes: list[str]) -> str:
        """A ``p``: a ``div`` when it holds a quoted structure or a table (block content)."""
        inner = self.inline(el, notes)
        if any(local_name(d) in ("quotedStructure", "table") for d in el.iter() if isinstance(d.tag, str)):
            return element("div", inner, class_="lt-p")
        return element("p", inner)

    def wrapper(self, el, notes: list[str]) -> str:
        """content, intro, wrapUp, listIntroduction, listWrapUp: a ``div`` around their blocks."""
        ids, _ = self.block_ids(el)
        return element("div", self.children_blocks(el, notes), class_=WRAPPER_CLASSES[local_name(el)], **ids)

    def numbered(self, el, notes: list[str]) -> str:
        """paragraph, point, item, list ...: its number, then its blocks."""
        name = local_name(el)
        ids, anchor = self.block_ids(el)
        num = child(el, "num")
        num_html = ""
        if num is not None and text_of(num):
            num_html = element("span", esc(text_of(num)), class_="lt-num") + self.note_refs(num, notes)
        inner = self.children_blocks(el, notes, skip=("num",))
        cls = "lt-point" if name in POINT_LIKE else f"lt-{name.lower()}"
        return element("div", anchor + num_html + inner, class_=cls, **ids)

    def quoted_container(self, el, notes: list[str]) -> str:
        """A chapter, section ... quoted by an amending article: its number and heading, then its blocks."""
        num, heading = child(el, "num"), child(el, "heading")
        label = " — ".join(
            x for x in (text_of(num) if num is not None else "", text_of(heading) if heading is not None else "") if x
        )
        eid = el.get("eId")
        new = self.new_id(eid) if eid else None
        inner = self.children_blocks(el, notes, skip=SKIP)
        head = element("p", element("strong", esc(label)), class_="lt-qhead")
        return element("div", head + inner, class_="lt-quoted-container", id=new)

    def subheading(self, el, notes: list[str]) -> str:
        return element("p", self.inline(el, notes), class_="lt-subheading")

    def line_break(self, el, notes: list[str]) -> str:
        return elem("br")

    def other_block(self, el, notes: list[str]) -> str:
        """Anything else: its children as blocks when they all are, or its text as a paragraph."""
        children = [c for c in el if isinstance(c.tag, str)]
        if children and all(local_name(c) in BLOCKISH for c in children) and not (el.text or "").strip():
            return "".join(self.block(c, notes) for c in children)
        return element("p", self.inline(el, notes))

    def quoted_article(self, el, notes: list[str]) -> str:
        eid = el.get("eId") or ""
        new = self.new_id(eid)
        num = child(el, "num")
        heading = child(el, "heading")
        label = text_of(num) if num is not None else ""
        if heading is not None and text_of(heading):
            label += f" — {text_of(heading)}"
        inner = "".join(self.block(c, notes) for c in el if isinstance(c.tag, str) and local_name(c) not in SKIP)
        head = elem("p", elem("strong", label), raw(self.note_refs(num, notes)), class_="lt-qhead")
        return elem("div", head, raw(inner), class_="lt-quoted-article", id=new)

    def table(self, el, notes: list[str]) -> str:
        rows = [
            raw(self.shown(tr, partial(self.table_row, tr, notes)))
            for tr in el.iter()
            if isinstance(tr.tag, str) and local_name(tr) == "tr"
        ]
        caption = None
        if LOST_LAYOUT in (el.get("class") or "").split():
            caption = elem("caption", "خلايا جدول بترتيب النص المصدر، خلية في كل صف: فقد المصدر صفوفه وأعمدته")
        return elem("div", elem("table", caption, rows), class_="lt-table")

    def table_row(self, tr, notes: list[str]) -> str:
        cells = []
        for cell in tr:
            if isinstance(cell.tag, str) and local_name(cell) in ("td", "th"):
                tag = local_name(cell)
                inner = (
                    "".join(self.block(c, notes) for c in cell if isinstance(c.tag, str))
                    if len(cell) and not (cell.text or "").strip()
                    else self.inline(cell, notes)
                )
                cells.append(element(tag, inner))
        return str(elem("tr", cells))

    # -- inline ----------------------------------------------------------------------------------------
    def inline(self, el, notes: list[str]) -> str:
        out: list[str] = [esc(el.text or "")]
        for c in el:
            if isinstance(c.tag, str):
                out.append(self.inline_element(c, notes))
            if c.tail:
                out.append(esc(c.tail))
        return "".join(out)

    def inline_element(self, el, notes: list[str]) -> str:
        """One inline element as HTML, by its name (``INLINE_WRITERS``); a ``span`` otherwise."""
        name = local_name(el)
        if name == "inline" and el.get("name") == "unreadable":
            return element("span", self.inline(el, notes), class_="lt-unreadable", title=UNREADABLE_TITLE)
        writer = INLINE_WRITERS.get(name)
        if name in ("mod", "quotedStructure") and writer is not None:  # divided over parts when heavy
            return self.shown(el, partial(writer, self, el, notes))
        if writer is not None:
            return writer(self, el, notes)
        if name in INLINE_TAGS:
            return element(INLINE_TAGS[name], self.inline(el, notes))
        return element("span", self.inline(el, notes), class_=SPAN_CLASSES.get(name))

    def range_ref(self, el, notes: list[str]) -> str:
        """An ``rref`` (a range of articles): linked to its first article."""
        return self.ref(el, notes, href=el.get("from") or "")

    def term(self, el, notes: list[str]) -> str:
        """A defined term: linked to its definition when the document defines it."""
        key = (el.get("refersTo") or "").lstrip("#")
        target = self.definitions().get(key)
        inner = self.inline(el, notes)
        if target is None:
            return element("span", inner, class_="lt-term")
        href = rel_url(self.page_url, f"{target[0]}#{target[1]}")
        return element("a", inner, class_="lt-term", href=href, title="تعريف المصطلح")

    def definition(self, el, notes: list[str]) -> str:
        key = (el.get("refersTo") or "").lstrip("#")
        new = self.new_id(def_anchor(key)) if key else None
        return element("dfn", self.inline(el, notes), id=new)

    def authorial_note(self, el, notes: list[str]) -> str:
        return element("span", f"({self.inline(el, notes)})", class_="lt-anote")

    def mod(self, el, notes: list[str]) -> str:
        """An amending instruction: its words, with the structures it quotes as blocks."""
        parts: list[str] = [esc(el.text)] if el.text else []
        for c in el:
            if isinstance(c.tag, str):
                if local_name(c) == "quotedStructure":
                    parts.append(self.shown(c, partial(self.quoted_structure, c, notes)))
                else:
                    parts.append(self.inline_element(c, notes))
            if c.tail:
                parts.append(esc(c.tail))
        return element("span", "".join(parts), class_="lt-mod")

    def quoted_text(self, el, notes: list[str]) -> str:
        start, end = el.get("startQuote") or "", el.get("endQuote") or ""
        return element("span", esc(start) + self.inline(el, notes) + esc(end), class_="lt-qtext")

    def quoted_structure(self, el, notes: list[str]) -> str:
        start, end = el.get("startQuote") or "", el.get("endQuote") or ""
        inner = "".join(self.block(c, notes) for c in el if isinstance(c.tag, str))
        marks = [elem("span", mark, class_="lt-quote-mark") for mark in (start, end)]
        return elem("div", marks[0], raw(inner), marks[1], class_="lt-quoted", role="group", aria_label="النص المقتبس")

    def ref(self, el, notes: list[str], href: str | None = None) -> str:
        inner = self.inline(el, notes)
        if href is None:
            href = el.get("href") or ""
        place, anchor = self.index.resolve(href, self.expression)
        if place is None:
            # said in Arabic, the identifier after: a text the site does not publish, or a place not
            # found in one it does
            said = "موضع لم يوجد في النص المنشور" if self.index.publishes(href) else "نص غير منشور في هذا الموقع"
            return element("span", inner, class_="lt-ref lt-ref-outside", title=title_text(f"{said}: {href}"))
        href = rel_url(self.page_url, f"{place.url}#{anchor}" if anchor else place.url)
        title = f"{place.label}: {place.text}" if place.text else place.label
        return element("a", inner, class_="lt-ref", href=href, title=title_text(title, 400))

    # -- notes -----------------------------------------------------------------------------------------
    def note_refs(self, el, notes: list[str]) -> str:
        if el is None:
            return ""
        return "".join(
            self.note_ref(n, notes) for n in el.iter() if isinstance(n.tag, str) and local_name(n) == "noteRef"
        )

    def note_ref(self, el, notes: list[str]) -> str:
        note = (el.get("href") or "").lstrip("#")
        if note not in self.notes():
            return ""
        if note not in notes:
            notes.append(note)
        marker = el.get("marker") or str(notes.index(note) + 1)
        tip = title_text(text_of(self.notes()[note]), 300)
        return elem("sup", elem("a", marker, href=f"#{self.note_id(note)}", title=tip), class_="lt-noteref")

    def note_id(self, note: str) -> str:
        return f"n-{note}"

    def unreferenced_notes(self) -> list[str]:
        """The eIds of the notes no place of the text shows (``index.unreferenced_notes``): the
        expression's page lists them (``notes_html`` with its own title)."""
        return [n.get("eId") for n in unreferenced_notes(self.expression.document)]

    def notes_html(self, notes: list[str], owner: str, title: str = "هوامش (من النص الموحد)") -> str:
        items = []
        for note in notes:
            el = self.notes()[note]
            new = self.new_id(self.note_id(note))
            marker = el.get("marker") or ""
            text = " ".join(self.inline(p, []) for p in el if isinstance(p.tag, str)) or esc(text_of(el))
            items.append(elem("li", elem("span", marker, class_="lt-num"), " ", raw(text), id=new))
        if not items:
            return ""
        head = elem("p", title, class_="lt-notes-title")
        return elem("aside", head, elem("ul", items), class_="lt-notes", aria_label="هوامش")

    # -- history and backlinks -------------------------------------------------------------------------
    def history(self, eid: str) -> str:
        entries = self.amendments.get(eid) or []
        if not entries:
            return ""
        items = []
        for a in sorted(entries, key=lambda a: (a.date or "", a.law)):
            what = MOD_TYPES_AR.get(a.type, a.type)
            law_html = a.law
            if a.law_uri:
                target = f"{a.law_uri}/~{a.portion}" if a.portion else a.law_uri
                place, anchor = self.index.resolve(target)
                if place is not None:
                    href = rel_url(self.page_url, f"{place.url}#{anchor}" if anchor else place.url)
                    law_html = elem("a", a.law, href=href)
            article = f" ({_portion_label(a.portion)})" if a.portion else None
            date = [elem("time", ltr(a.date), datetime=a.date), " — "] if a.date else None
            items.append(elem("li", date, what, " بمقتضى ", law_html, article))
        summary = elem("summary", f"سجل التعديلات ({len(items)})")
        return elem("details", summary, elem("ul", items), class_="lt-history")


NUMBERED = (
    "paragraph",
    "subparagraph",
    "point",
    "item",
    "alinea",
    "indent",
    "clause",
    "subclause",
    "level",
    "list",
    "blockList",
)
POINT_LIKE = {"point", "item", "indent", "clause", "subclause"}  # written with the class lt-point
WRAPPER_CLASSES = {
    "content": "lt-content",
    "intro": "lt-intro",
    "listIntroduction": "lt-intro",
    "wrapUp": "lt-wrapup",
    "listWrapUp": "lt-wrapup",
}
# a word the importer marked unreadable (importer/build.py mark_unreadable)
UNREADABLE_TITLE = "كلمة تعذرت قراءتها في النص المصدر، حُفظت كما طُبعت"
SPAN_CLASSES = {"docTitle": "lt-doctitle"}  # other inline elements: a span without class

_Writer = Callable[[BodyRenderer, Any, list[str]], str]
BLOCK_WRITERS: dict[str, _Writer] = {
    "p": BodyRenderer.paragraph_text,
    **dict.fromkeys(WRAPPER_CLASSES, BodyRenderer.wrapper),
    **dict.fromkeys(NUMBERED, BodyRenderer.numbered),
    "article": BodyRenderer.quoted_article,  # an article quoted by an amending one
    "table": BodyRenderer.table,
    **dict.fromkeys(("heading", "subheading", "num"), BodyRenderer.subheading),
    **dict.fromkeys(("eol", "eop"), BodyRenderer.line_break),
}
INLINE_WRITERS: dict[str, _Writer] = {
    "ref": BodyRenderer.ref,
    "rref": BodyRenderer.range_ref,
    "term": BodyRenderer.term,
    "def": BodyRenderer.definition,
    "noteRef": BodyRenderer.note_ref,
    "authorialNote": BodyRenderer.authorial_note,
    "mod": BodyRenderer.mod,
    "quotedStructure": BodyRenderer.quoted_structure,
    "quotedText": BodyRenderer.quoted_text,
    **dict.fromkeys(("eol", "br"), BodyRenderer.line_break),
}


BLOCKISH = {
    "p",
    "content",
    "intro",
    "wrapUp",
    "paragraph",
    "subparagraph",
    "point",
    "item",
    "list",
    "blockList",
    "table",
    "article",
    "quotedStructure",
    "alinea",
    "indent",
    "clause",
    "subclause",
    "level",
    "listIntroduction",
    "listWrapUp",
    "eol",
    "eop",
} | CONTAINERS


def def_anchor(key: str) -> str:
    return f"def-{key}"


def _unit_page(expression: Expression, el):
    """The part of a continued page that shows ``el`` (None when it is on no continued page)."""
    if not expression.unit_pages:
        return None
    for node in [el, *el.iterancestors()]:
        if node in expression.unit_pages:
            return expression.unit_pages[node]
    return None


def _owner_eid(el) -> str | None:
    node = el
    while node is not None:
        if isinstance(node.tag, str) and node.get("eId") and local_name(node) == "article":
            return node.get("eId")
        node = node.getparent()
    return None


def _portion_label(portion: str) -> str:
    """«art_5» → «المادة 5»; «art_unique» → «المادة الفريدة»; «art_12-bis» → «المادة 12 مكررة»."""
    if portion.startswith("art_"):
        number = portion[4:]
        if number == "unique":
            return "المادة الفريدة"
        for latin, arabic in (("-bis", " مكررة"), ("-ter", " مكررة مرتين")):
            number = number.replace(latin, arabic)
        return "المادة " + number
    return portion
