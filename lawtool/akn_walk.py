"""One traversal of a whole Akoma Ntoso document, for diff, export and info.

``walk(document)`` returns the *parts* of a document in reading order:

- ``text``: preface, preamble, conclusions, a cover page, the loose text of a body (text that
  belongs to no container or provision), the notes (authorial notes and ``meta/notes``);
- ``container``: book, part, chapter, section ... ``hcontainer`` — whatever groups provisions;
  its text is its heading and its own loose text (an intro, a ``crossHeading``, a table);
- ``provision``: the level that carries the numbering, chosen per document: ``article`` when
  there are articles, else ``section``, ``rule``, ``clause``, ``hcontainer``, ``level``,
  ``paragraph``, ``point`` (the first found).  A provision kind nested in its own kind is a
  container (an ``hcontainer`` of ``hcontainer``); everything inside a provision is its text;
- ``document``: an attachment, a component or a collection's document, walked in turn
  (recursively) with its own preface, preamble, body, conclusions and attachments.

Every part has a ``ref``: its eId, or, for an element without one, an identifier generated
from its place (``chapter_2__section_3``, ``att_1__preamble``) that lives in memory only.
Quoted structures belong to the text of the element quoting them; ``meta`` is never text
(except ``meta/notes``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .akn import DIVISIONS, DOC_TYPES, Document, akn, local_name

PROVISION_ORDER = ("article", "section", "rule", "clause", "hcontainer", "level", "paragraph", "point")
# the divisions, and every other element that holds numbered provisions or text of its own
CONTAINER_KINDS = DIVISIONS | frozenset(
    {
        "level",
        "rule",
        "subrule",
        "clause",
        "subclause",
        "article",
        "paragraph",
        "subparagraph",
        "point",
        "proviso",
        "transitional",
        "crossHeading",
    }
)
TEXT_KINDS = ("coverPage", "preface", "preamble", "header", "conclusions")
BODIES = frozenset({"body", "mainBody", "amendmentBody", "judgmentBody", "debateBody", "collectionBody", "portionBody"})
WRAPPERS = frozenset({"attachments", "attachment", "components", "component", "collectionBody", "interstitial"})
QUOTED = frozenset({"quotedStructure", "embeddedStructure", "subFlow"})
HEAD = frozenset({"num", "heading", "subheading"})
# Elements whose content lawtool writes as text only: their meaning is partly lost.
UNRENDERED = frozenset({"img", "object", "foreign", "documentRef", "componentRef"})
GENERATED = "~"  # prefix of a generated identifier, never written into a document


@dataclass(eq=False, slots=True)
class Part:
    """One place of the walk (see the module docstring)."""

    el: object
    kind: str  # local name, or "notes" / "attachment"
    role: str  # text, container, provision, document
    ref: str  # eId, or a generated identifier (starts with GENERATED)
    parent: Part | None = None  # nearest container or document
    loose: list = field(default_factory=list)  # elements holding its own text (text parts, containers)
    depth: int = 0  # attachment depth: 0 in the main document

    @property
    def eid(self) -> str | None:
        return None if self.ref.startswith(GENERATED) else self.ref


def provision_kind(root) -> str | None:
    """The kind that carries the numbering under ``root`` (quotations aside)."""
    for kind in PROVISION_ORDER:
        if local_name(root) == kind or any(_unquoted(d, root) for d in root.iter(akn(kind))):
            return kind
    return None


_QUOTED_TAGS = frozenset(akn(n) for n in QUOTED) | {akn("meta")}


def _unquoted(el, top) -> bool:
    """Whether ``el`` is outside any quotation (or ``meta``) up to ``top``."""
    for a in el.iterancestors():
        if a is top:
            return True
        if a.tag in _QUOTED_TAGS:
            return False
    return True


def _holders(root, kind: str | None) -> set:
    """Every element under ``root`` that holds an element of ``kind`` outside quotations (one
    pass over the elements of that kind, each climbing to the first ancestor already known)."""
    found: set = set()
    if kind is None:
        return found
    for el in root.iter(akn(kind)):
        if el is root:
            continue
        chain = []
        quoted = False
        for a in el.iterancestors():
            if a.tag in _QUOTED_TAGS:
                quoted = True
                break
            if a in found:
                break
            chain.append(a)
            if a is root:
                break
        if chain and not quoted:
            found.update(chain)
    return found


class _Walker:
    def __init__(self, provision: str | None, root):
        self.provision = provision
        self.parts: list[Part] = []
        self.used: set[str] = set()
        self.holders = _holders(root, provision)

    def holds(self, el) -> bool:
        """Whether ``el`` holds a provision (then it is a container, not a provision)."""
        return el in self.holders

    def ref(self, el, parent_ref: str, kind: str, numbered: bool = False, number: str | None = None) -> str:
        eid = el.get("eId") if el is not None else None
        if eid and eid not in self.used:
            self.used.add(eid)
            return eid
        number = _number(el) if numbered else number
        base = f"{parent_ref}__" if parent_ref else ""
        stem = f"{base}{kind}_{number}" if number else f"{base}{kind}"
        ref, k = GENERATED + stem.lstrip(GENERATED), 1
        while ref in self.used:
            k += 1
            ref = f"{GENERATED}{stem.lstrip(GENERATED)}_{k}"
        self.used.add(ref)
        return ref

    def add(self, el, kind, role, parent, depth, numbered=False, loose=None, number=None) -> Part:
        parent_ref = parent.ref if parent is not None else ""
        part = Part(el, kind, role, self.ref(el, parent_ref, kind, numbered, number), parent, loose or [], depth)
        self.parts.append(part)
        return part

    def document(self, doc_el, parent: Part | None, depth: int) -> None:
        """One document element: its text parts, its body, its attachments."""
        owner = parent
        for child in doc_el:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child)
            if name in TEXT_KINDS:
                self.add(child, name, "text", owner, depth, loose=[child])
            elif name in BODIES:
                self.body(child, owner, depth)
            elif name in WRAPPERS:
                self.wrappers(child, owner, depth)
        # the meta's <notes> element whole (one serialisation for hundreds of notes), then the
        # authorial notes of the text
        notes = doc_el.xpath("./*[local-name()='meta']/*[local-name()='notes']")
        notes += [n for n in doc_el.iter("{*}authorialNote") if _own(n, doc_el)]
        if notes:
            self.add(None, "notes", "text", owner, depth, loose=notes)

    def wrappers(self, el, parent: Part | None, depth: int) -> None:
        """Attachments, components, a collection's documents: each document walked in turn."""
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child)
            if name in DOC_TYPES:
                count = sum(1 for p in self.parts if p.role == "document" and p.parent is parent) + 1
                holder = child if child.get("eId") else el
                part = self.add(holder, "attachment", "document", parent, depth + 1, number=str(count))
                part.el = child
                self.document(child, part, depth + 1)
            elif name in WRAPPERS:
                self.wrappers(child, parent, depth)
            elif name != "meta":
                self.add(child, name, "text", parent, depth, loose=[child])

    def body(self, el, parent: Part | None, depth: int) -> None:
        """A body: its parts, and its loose text (if any) as a text part before them."""
        at = len(self.parts)
        ref = self.ref(el, parent.ref if parent else "", local_name(el))
        loose = self.children(el, parent, depth)
        if loose:
            self.parts.insert(at, Part(el, local_name(el), "text", ref, parent, loose, depth))

    def children(self, el, parent: Part | None, depth: int) -> list:
        """Walk the children of a container (or body); return its loose text elements."""
        loose = []
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child)
            if name in HEAD or name in ("meta",):
                continue
            if name == self.provision and not self.holds(child):
                self.add(child, name, "provision", parent, depth, numbered=True)
            elif name in DIVISIONS or (name in CONTAINER_KINDS and self.provision and self.holds(child)):
                part = self.add(child, name, "container", parent, depth, numbered=True)
                part.loose = self.children(child, part, depth)
            elif name in WRAPPERS:
                self.wrappers(child, parent, depth)
            else:
                loose.append(child)
        return loose


def _own(note, doc_el) -> bool:
    """A note of this document, not of an attached one or of ``meta``."""
    for a in note.iterancestors():
        if a is doc_el:
            return True
        if local_name(a) in DOC_TYPES or local_name(a) == "meta":
            return False
    return False


def _number(el) -> str | None:
    num = next((c for c in el if isinstance(c.tag, str) and local_name(c) == "num"), None)
    if num is None:
        return None
    text = "".join(num.itertext()).strip().strip(".:)(").strip()
    cleaned = "".join(ch if ch.isalnum() else "-" for ch in text).strip("-")
    return cleaned or None


def walk(document: Document, root=None) -> list[Part]:
    """The parts of ``document`` (or of its element ``root``) in reading order."""
    if root is None:
        walker = _Walker(provision_kind(document.main), document.main)
        walker.document(document.main, None, 0)
        return walker.parts
    name = local_name(root)
    walker = _Walker(provision_kind(root), root)
    if name == walker.provision and not walker.holds(root):
        walker.add(root, name, "provision", None, 0)
    else:
        walker.body(root, None, 0)
    return walker.parts


def parts_summary(document: Document) -> dict:
    """What the walk finds in the whole document, for ``lawtool info``: the texts of the main
    document (preface, preamble, conclusions, notes ...), the provision kind and how many, how many
    containers, and the attached documents (with the provisions they hold)."""
    parts = walk(document)
    main = [p for p in parts if p.depth == 0]
    return {
        # (a body's own loose text, outside any container or provision, is named so)
        "texts": list(
            dict.fromkeys(
                "text outside any provision" if p.kind in ("body", "mainBody") else p.kind
                for p in main
                if p.role == "text"
            )
        ),
        "provision": provision_kind(document.main),
        # (a promulgating dahir's own articles, «promulgation__art_1», are numbered apart)
        "provisions": sum(p.role == "provision" and not p.ref.startswith("promulgation") for p in main),
        "promulgation_provisions": sum(p.role == "provision" and p.ref.startswith("promulgation") for p in main),
        "containers": sum(p.role == "container" and not p.ref.startswith("promulgation") for p in main),
        "attached_documents": sum(p.role == "document" for p in parts),
        "attached_provisions": sum(p.role == "provision" for p in parts if p.depth > 0),
    }


def unrendered(document: Document) -> list[tuple[str, str]]:
    """(element, place) of what a text can only render partly: images, objects, foreign XML,
    references to other documents."""
    out = []
    for el in document.main.iter():
        if isinstance(el.tag, str) and local_name(el) in UNRENDERED:
            place = next((a.get("eId") for a in el.iterancestors() if a.get("eId")), None)
            out.append((local_name(el), place or f"line {el.sourceline}"))
    return out
