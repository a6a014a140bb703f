"""The text of a document as HTML: articles, their paragraphs and points, amending articles
with the text they quote, citations, defined terms, editorial notes.

Every string taken from the document goes through :func:`lawtool.publish.html.esc`; element
names decide the markup, never the document's attributes (an ``href`` of a ``ref`` is only
used to look the target up in the corpus index, and the link written is the one the index
gives).  The output of :meth:`BodyRenderer.article_body` is one raw HTML block without blank
lines, safe to put in a Markdown page.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..akn import local_name, text_of
from .html import attr, esc, ltr, rel_url
from .index import CONTAINERS, CorpusIndex, Expression, child

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

    index: CorpusIndex
    expression: Expression
    page_url: str
    amendments: dict[str, list[Amendment]] = field(default_factory=dict)
    used_ids: set[str] = field(default_factory=set)
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
                owner = _owner_eid(d)
                place = self.index.place(self.expression, owner) if owner else None
                if place is not None:
                    self._defs[key] = (place.url, def_anchor(key))
        return self._defs

    def new_id(self, wanted: str) -> str | None:
        """``wanted`` if no element of the page has it yet (ids are unique on a page)."""
        if not wanted or wanted in self.used_ids:
            return None
        self.used_ids.add(wanted)
        return wanted

    # -- blocks ----------------------------------------------------------------------------------------
    def article_body(self, article) -> str:
        """The article's text (without its num and heading, which the page writes as a Markdown
        heading), its notes and its history, as one raw HTML block."""
        eid = article.get("eId") or ""
        out = [f'<div class="lt-article-body" data-eid="{esc(eid)}">']
        wid = article.get("wId")
        if wid and wid != eid and self.new_id(wid):
            out.append(f'<span class="lt-anchor" id="{esc(wid)}" aria-hidden="true"></span>')
        notes: list[str] = []
        out.append(self.note_refs(child(article, "num"), notes))
        for c in article:
            if isinstance(c.tag, str) and local_name(c) not in SKIP:
                out.append(self.block(c, notes))
        out.append(self.notes_html(notes, eid))
        out.append(self.history(eid))
        out.append("</div>")
        return "".join(part for part in out if part)

    def container_extras(self, container) -> str:
        """Subheading, notes and history of a container heading, as a raw HTML block ("" if none)."""
        notes: list[str] = []
        parts = []
        sub = child(container, "subheading")
        if sub is not None:
            parts.append(f'<p class="lt-subheading">{self.inline(sub, notes)}</p>')
        parts.append(self.note_refs(child(container, "num"), notes))
        parts.append(self.note_refs(child(container, "heading"), notes))
        for c in container:
            if isinstance(c.tag, str) and local_name(c) in ("intro", "content", "wrapUp"):
                parts.append(self.block(c, notes))
        parts.append(self.notes_html(notes, container.get("eId") or ""))
        parts.append(self.history(container.get("eId") or ""))
        body = "".join(p for p in parts if p)
        return f'<div class="lt-container-extras">{body}</div>' if body else ""

    def block(self, el, notes: list[str]) -> str:
        name = local_name(el)
        eid = el.get("eId")
        id_attr = ""
        if eid and name in (
            "paragraph",
            "point",
            "subparagraph",
            "list",
            "blockList",
            "item",
            "intro",
            "wrapUp",
            "alinea",
            "indent",
            "clause",
            "subclause",
            "level",
        ):
            new = self.new_id(eid)
            id_attr = f' id="{esc(new)}"' if new else ""
        wid = el.get("wId")
        if id_attr and wid and wid != eid and self.new_id(wid):  # an old identifier still lands here
            id_attr += f' data-wid="{esc(wid)}"'
            extra = f'<span class="lt-anchor" id="{esc(wid)}" aria-hidden="true"></span>'
        else:
            extra = ""
        if name == "p":
            inner = self.inline(el, notes)
            if any(local_name(d) in ("quotedStructure", "table") for d in el.iter() if isinstance(d.tag, str)):
                return f'<div class="lt-p">{inner}</div>'
            return f"<p>{inner}</p>"
        if name in ("content", "intro", "wrapUp", "listIntroduction", "listWrapUp"):
            cls = {"content": "lt-content", "intro": "lt-intro", "listIntroduction": "lt-intro"}.get(name, "lt-wrapup")
            return (
                f'<div class="{cls}"{id_attr}>'
                + "".join(self.block(c, notes) for c in el if isinstance(c.tag, str))
                + "</div>"
            )
        if name in (
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
        ):
            num = child(el, "num")
            num_html = ""
            if num is not None and text_of(num):
                num_html = f'<span class="lt-num">{esc(text_of(num))}</span>' + self.note_refs(num, notes)
            inner = "".join(self.block(c, notes) for c in el if isinstance(c.tag, str) and local_name(c) != "num")
            cls = "lt-point" if name in ("point", "item", "indent", "clause", "subclause") else f"lt-{name.lower()}"
            return f'<div class="{cls}"{id_attr}>{extra}{num_html}{inner}</div>'
        if name == "article":  # a quoted article
            return self.quoted_article(el, notes)
        if name in CONTAINERS:  # a quoted container
            label = " — ".join(
                x
                for x in (
                    text_of(child(el, "num")) if child(el, "num") is not None else "",
                    text_of(child(el, "heading")) if child(el, "heading") is not None else "",
                )
                if x
            )
            new = self.new_id(eid) if eid else None
            inner = "".join(self.block(c, notes) for c in el if isinstance(c.tag, str) and local_name(c) not in SKIP)
            return (
                f'<div class="lt-quoted-container"{f" id={chr(34)}{esc(new)}{chr(34)}" if new else ""}>'
                f'<p class="lt-qhead"><strong>{esc(label)}</strong></p>{inner}</div>'
            )
        if name == "table":
            return self.table(el, notes)
        if name in ("heading", "subheading", "num"):
            return f'<p class="lt-subheading">{self.inline(el, notes)}</p>'
        if name in ("eol", "eop"):
            return "<br>"
        # anything else: its children as blocks, or its text as a paragraph
        children = [c for c in el if isinstance(c.tag, str)]
        if children and all(local_name(c) in BLOCKISH for c in children) and not (el.text or "").strip():
            return "".join(self.block(c, notes) for c in children)
        return f"<p>{self.inline(el, notes)}</p>"

    def quoted_article(self, el, notes: list[str]) -> str:
        eid = el.get("eId") or ""
        new = self.new_id(eid)
        num = child(el, "num")
        heading = child(el, "heading")
        label = text_of(num) if num is not None else ""
        if heading is not None and text_of(heading):
            label += f" — {text_of(heading)}"
        inner = "".join(self.block(c, notes) for c in el if isinstance(c.tag, str) and local_name(c) not in SKIP)
        id_attr = f' id="{esc(new)}"' if new else ""
        return (
            f'<div class="lt-quoted-article"{id_attr}><p class="lt-qhead"><strong>{esc(label)}</strong>'
            f"{self.note_refs(num, notes)}</p>{inner}</div>"
        )

    def table(self, el, notes: list[str]) -> str:
        rows = []
        for tr in el.iter():
            if isinstance(tr.tag, str) and local_name(tr) == "tr":
                cells = []
                for cell in tr:
                    if isinstance(cell.tag, str) and local_name(cell) in ("td", "th"):
                        tag = local_name(cell)
                        inner = (
                            "".join(self.block(c, notes) for c in cell if isinstance(c.tag, str))
                            if len(cell) and not (cell.text or "").strip()
                            else self.inline(cell, notes)
                        )
                        cells.append(f"<{tag}>{inner}</{tag}>")
                rows.append("<tr>" + "".join(cells) + "</tr>")
        return '<div class="lt-table"><table>' + "".join(rows) + "</table></div>"

    # -- inline ----------------------------------------------------------------------------------------
    def inline(self, el, notes: list[str]) -> str:
        out = [esc(el.text or "")]
        for c in el:
            if isinstance(c.tag, str):
                out.append(self.inline_element(c, notes))
            if c.tail:
                out.append(esc(c.tail))
        return "".join(out)

    def inline_element(self, el, notes: list[str]) -> str:
        name = local_name(el)
        if name == "ref":
            return self.ref(el, notes)
        if name == "rref":  # a range: linked to its first article
            return self.ref(el, notes, href=el.get("from") or "")
        if name == "term":
            key = (el.get("refersTo") or "").lstrip("#")
            target = self.definitions().get(key)
            inner = self.inline(el, notes)
            if target is None:
                return f'<span class="lt-term">{inner}</span>'
            href = rel_url(self.page_url, f"{target[0]}#{target[1]}")
            return f'<a class="lt-term" href="{esc(href)}" title="{attr("تعريف المصطلح")}">{inner}</a>'
        if name == "def":
            key = (el.get("refersTo") or "").lstrip("#")
            new = self.new_id(def_anchor(key)) if key else None
            return f"<dfn{f' id={chr(34)}{esc(new)}{chr(34)}' if new else ''}>{self.inline(el, notes)}</dfn>"
        if name == "noteRef":
            return self.note_ref(el, notes)
        if name == "authorialNote":
            return f'<span class="lt-anote">({self.inline(el, notes)})</span>'
        if name == "mod":
            parts = []
            if el.text:
                parts.append(esc(el.text))
            for c in el:
                if isinstance(c.tag, str):
                    if local_name(c) == "quotedStructure":
                        parts.append(self.quoted_structure(c, notes))
                    else:
                        parts.append(self.inline_element(c, notes))
                if c.tail:
                    parts.append(esc(c.tail))
            return f'<span class="lt-mod">{"".join(parts)}</span>'
        if name == "quotedStructure":
            return self.quoted_structure(el, notes)
        if name == "quotedText":
            start, end = el.get("startQuote") or "", el.get("endQuote") or ""
            return f'<span class="lt-qtext">{esc(start)}{self.inline(el, notes)}{esc(end)}</span>'
        if name in INLINE_TAGS:
            tag = INLINE_TAGS[name]
            return f"<{tag}>{self.inline(el, notes)}</{tag}>"
        if name in ("eol", "br"):
            return "<br>"
        if name == "docTitle":
            return f'<span class="lt-doctitle">{self.inline(el, notes)}</span>'
        return f"<span>{self.inline(el, notes)}</span>"

    def quoted_structure(self, el, notes: list[str]) -> str:
        start, end = el.get("startQuote") or "", el.get("endQuote") or ""
        inner = "".join(self.block(c, notes) for c in el if isinstance(c.tag, str))
        return (
            f'<div class="lt-quoted" role="group" aria-label="{attr("النص المقتبس")}">'
            f'<span class="lt-quote-mark">{esc(start)}</span>{inner}'
            f'<span class="lt-quote-mark">{esc(end)}</span></div>'
        )

    def ref(self, el, notes: list[str], href: str | None = None) -> str:
        inner = self.inline(el, notes)
        if href is None:
            href = el.get("href") or ""
        place, anchor = self.index.resolve(href, self.expression)
        if place is None:
            return f'<span class="lt-ref lt-ref-outside" title="{attr(href)}">{inner}</span>'
        href = rel_url(self.page_url, f"{place.url}#{anchor}" if anchor else place.url)
        title = f"{place.label}: {place.text}" if place.text else place.label
        return f'<a class="lt-ref" href="{esc(href)}" title="{attr(title, 400)}">{inner}</a>'

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
        return (
            f'<sup class="lt-noteref"><a href="#{esc(self.note_id(note))}" '
            f'title="{attr(text_of(self.notes()[note]), 300)}">{esc(marker)}</a></sup>'
        )

    def note_id(self, note: str) -> str:
        return f"n-{note}"

    def notes_html(self, notes: list[str], owner: str) -> str:
        items = []
        for note in notes:
            el = self.notes()[note]
            new = self.new_id(self.note_id(note))
            id_attr = f' id="{esc(new)}"' if new else ""
            marker = el.get("marker") or ""
            text = " ".join(self.inline(p, []) for p in el if isinstance(p.tag, str)) or esc(text_of(el))
            items.append(f'<li{id_attr}><span class="lt-num">{esc(marker)}</span> {text}</li>')
        if not items:
            return ""
        return (
            f'<aside class="lt-notes" aria-label="{attr("هوامش")}"><p class="lt-notes-title">هوامش (من النص '
            f"الموحد)</p><ul>{''.join(items)}</ul></aside>"
        )

    # -- history and backlinks -------------------------------------------------------------------------
    def history(self, eid: str) -> str:
        entries = self.amendments.get(eid) or []
        if not entries:
            return ""
        items = []
        for a in sorted(entries, key=lambda a: (a.date or "", a.law)):
            what = MOD_TYPES_AR.get(a.type, a.type)
            law_html = esc(a.law)
            if a.law_uri:
                target = f"{a.law_uri}/~{a.portion}" if a.portion else a.law_uri
                place, anchor = self.index.resolve(target)
                if place is not None:
                    href = rel_url(self.page_url, f"{place.url}#{anchor}" if anchor else place.url)
                    law_html = f'<a href="{esc(href)}">{law_html}</a>'
            article = f" ({esc(_portion_label(a.portion))})" if a.portion else ""
            date = f'<time datetime="{esc(a.date)}">{esc(ltr(a.date))}</time> — ' if a.date else ""
            items.append(f"<li>{date}{esc(what)} بمقتضى {law_html}{article}</li>")
        return (
            f'<details class="lt-history"><summary>سجل التعديلات ({len(items)})</summary>'
            f"<ul>{''.join(items)}</ul></details>"
        )


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
