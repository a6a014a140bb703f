"""The pieces of a document that a diff aligns: containers, articles and their sub-units.

A ``Unit`` is a read-only view of one element: its kind, eId, number, label, heading, its text
(one line per block, the element's own ``<num>`` left out so that a renumbered article keeps
the same text) and that text's comparison key (``words.text_key``).  Units are made in one
pass over the tree; nothing here changes the document.

- containers: book, part, title, chapter, section ... and ``hcontainer`` outside articles;
- articles: every ``article`` of the scope, those quoted by an amending article excepted
  (they are part of the amending article's text) unless the scope is the quotation itself;
- sub-units: the paragraphs, points, lists ... directly inside an element (``child_units``).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from lxml import etree

from ..akn import DIVISIONS, Document, akn, local_name
from ..akn_walk import GENERATED, walk
from ..eids import number_from_num
from ..errors import EidError, LawtoolError
from .words import text_key

CONTAINERS = DIVISIONS  # the kinds that make a container unit
SUBUNITS = {
    "paragraph",
    "subparagraph",
    "point",
    "item",
    "list",
    "blockList",
    "alinea",
    "indent",
    "clause",
    "subclause",
    "intro",
    "wrapUp",
    "listIntroduction",
    "listWrapUp",
    "level",
    "transitional",
    "proviso",
}
# Elements that start a new line of text.
BLOCKS = (
    SUBUNITS
    | CONTAINERS
    | {
        "p",
        "heading",
        "subheading",
        "content",
        "article",
        "quotedStructure",
        "tr",
        "li",
        "td",
        "th",
        "caption",
        "blockContainer",
        "longTitle",
        "tblock",
        "container",
        "attachment",
        "doc",
        "preamble",
        "preface",
        "conclusions",
        "formula",
        "citation",
        "recital",
        "body",
        "mainBody",
    }
)
SKIPPED = {"authorialNote", "noteRef", "meta", "eol", "eop"}


def _squeeze(text: str) -> str:
    """Every run of white space one space, none at the ends (``str.split`` and the regular
    expression ``\\s`` agree on what white space is)."""
    return " ".join(text.split())


class Unit:
    """One aligned piece of a document (see the module docstring).  Everything but the
    position is read from the element on first use: most articles of two versions are matched
    on their serialised bytes alone and never need their text extracted."""

    __slots__ = (
        "el",
        "kind",
        "eid",
        "ref",
        "rel_eid",
        "index",
        "parent",
        "role",
        "loose",
        "_label",
        "_heading",
        "_text",
        "_key",
        "_words",
        "_shingles",
        "_bag",
        "_number",
        "_signature",
    )

    def __init__(
        self,
        el,
        kind: str,
        index: int,
        scope_prefix: str = "",
        parent: Unit | None = None,
        *,
        ref: str | None = None,
        role: str | None = None,
        loose: list | None = None,
    ):
        self.el = el
        self.kind = kind
        # ``ref``: the eId, or an identifier generated from the element's place (never written out)
        self.ref: str | None = ref or (el.get("eId") if el is not None else None)
        self.eid: str | None = None if self.ref is None or self.ref.startswith(GENERATED) else self.ref
        self.role = role or ("container" if kind in CONTAINERS else "provision")
        self.loose = loose  # text and container units: the elements holding their own text
        # eId without the scope's prefix: a quoted «art_447-1» meets the code's «art_447-1»
        eid = self.ref
        self.rel_eid = eid[len(scope_prefix) :] if eid and scope_prefix and eid.startswith(scope_prefix) else eid
        self.index = index  # rank in document order among the units of its level
        self.parent = parent  # the nearest container
        # read on first use (the properties below)
        self._label: str | None = None
        self._heading: str | None = None
        self._text: str | None = None
        self._key: str | None = None
        self._number: str | None = None
        self._words: tuple[str, ...] | None = None
        self._shingles: frozenset | None = None
        self._signature: bytes | None = None
        self._bag: Counter | None = None

    def __repr__(self) -> str:
        return f"<Unit {self.kind} {self.eid}>"

    @property
    def label(self) -> str:
        """The <num> text as written: «المادة 12 مكررة»."""
        if self._label is None:
            self._label = label_of(self.el) if self.role in ("container", "provision") else ""
        return self._label

    @property
    def heading(self) -> str:
        if self._heading is None:
            if self.role == "document":
                self._heading = document_title(self.el)
            elif self.role == "text":
                self._heading = ""
            else:
                self._heading = _heading(self.el)
        return self._heading

    @property
    def grouping(self) -> bool:
        """A container or an attached document: its text is its heading and its loose text."""
        return self.role in ("container", "document")

    @property
    def number(self) -> str | None:
        """The eId form of the number: "12-bis", "447-1"."""
        if self._number is None:
            self._number = number_of(self.el, self.label) or ""
        return self._number or None

    @property
    def text(self) -> str:
        """Lines of text, "\n" between blocks, the element's own <num> left out (a container's
        text is its heading)."""
        if self._text is None:
            if self.role in ("provision", "sub"):
                lines = lines_of(self.el)
            else:
                # (an attached document's docTitle is text of its preface, a unit of its own: read once)
                titled = self.role == "document" and self.el.find(".//{*}docTitle") is not None
                lines = [self.heading] if self.heading and not titled else []
                for el in self.loose or ():
                    lines += lines_of(el, own_num=True)
            self._text = "\n".join(lines)
        return self._text

    @property
    def key(self) -> str:
        if self._key is None:
            source = f"{self.label}\n{self.text}" if self.grouping else self.text
            self._key = text_key(source)
        return self._key

    @property
    def signature(self) -> bytes:
        """The element's serialised bytes: equal signatures mean equal elements, number included."""
        if self._signature is None:
            if self.role == "text":
                self._signature = b"".join(_serialise(el) for el in self.loose or ())
            else:
                self._signature = _serialise(self.el)
        return self._signature

    @property
    def words(self) -> tuple[str, ...]:
        if self._words is None:
            self._words = tuple(_WORD.findall(self.key))
        return self._words

    @property
    def shingles(self) -> frozenset:
        """Word pairs of the key (single words for texts of fewer than three words)."""
        if self._shingles is None:
            w = self.words
            self._shingles = frozenset(pairwise(w)) if len(w) >= 3 else frozenset((x,) for x in w)
        return self._shingles

    @property
    def shingle_bag(self) -> Counter:
        """The word pairs with their number of occurrences."""
        if self._bag is None:
            w = self.words
            self._bag = Counter(pairwise(w)) if len(w) >= 3 else Counter((x,) for x in w)
        return self._bag

    @property
    def title(self) -> str:
        """«المادة 12 مكررة», or the kind and eId when there is no number."""
        if self.label:
            return self.label
        if self.role == "document" and self.heading:
            return self.heading
        if self.role == "text" and (not self.eid or self.eid == self.kind):
            # a text of an attached document («preface») names the document it belongs to
            document = self.parent if self.parent is not None and self.parent.role == "document" else None
            return f"{document.title} — {self.kind}" if document is not None else self.kind
        return f"{self.kind} {self.eid}" if self.eid else self.kind

    def describe(self) -> str:
        """Label and heading, for containers: «الباب الأول: أحكام عامة»."""
        if self.role == "text":
            return self.kind
        return self._describe()

    def _describe(self) -> str:
        """Label and heading, for containers: «الباب الأول: أحكام عامة»."""
        if self.label and self.heading:
            return f"{self.label}: {self.heading}"
        return self.label or self.heading or self.title


_WORD = re.compile(r"\w+")
_NUM, _HEADING, _QSTR = akn("num"), akn("heading"), akn("quotedStructure")


def _serialise(el) -> bytes:
    """An element's bytes in UTF-8 (five times quicker than lxml's default ASCII, which writes
    every Arabic letter as a character reference)."""
    return etree.tostring(el, with_tail=False, encoding="utf-8", xml_declaration=False)


def _num_child(el) -> etree._Element | None:
    if len(el) and el[0].tag == _NUM:  # where <num> nearly always is
        return el[0]
    return next(el.iterchildren(_NUM), None)


def _heading(el) -> str:
    found = el.find(_HEADING)
    return _squeeze("".join(_itertext(found))) if found is not None else ""


def _itertext(el):
    """Text of an element and its descendants, notes left out."""
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str) and local_name(child) not in SKIPPED:
            yield from _itertext(child)
        if child.tail:
            yield child.tail


def label_of(el) -> str:
    num = _num_child(el)
    if num is None:
        return ""
    return _squeeze(num.text or "") if not len(num) else _squeeze("".join(_itertext(num)))


@lru_cache(maxsize=20_000)
def _number_from_label(label: str) -> str | None:
    try:
        return number_from_num(label)
    except EidError:
        return None


def number_of(el, label: str) -> str | None:
    """The eId form of an element's number: from its <num>, else from its eId."""
    if label:
        found = _number_from_label(label)
        if found:
            return found
    eid = el.get("eId") if el is not None else None
    if eid:
        last = eid.rsplit("__", 1)[-1]
        return last.split("_", 1)[1] if "_" in last else last
    return None


_BLOCK_TAGS = frozenset(akn(n) for n in BLOCKS)
_SKIPPED_TAGS = frozenset(akn(n) for n in SKIPPED)


def lines_of(el, *, own_num: bool = False) -> list[str]:
    """The element's text as lines: a new line at every block (paragraph, point, ``p`` ...);
    a sub-unit's number stays on the line of its text («1 العنف الرقمي: ...»); the quotation
    marks of a quoted structure (kept in attributes) are written out."""
    lines: list[str] = []
    cur: list[str] = []
    glue = False  # after a number or an opening quote: the next text stays on the same line

    def flush() -> None:
        if cur and not glue:
            line = _squeeze("".join(cur))
            if line:
                lines.append(line)
            cur.clear()

    def visit(node, top: bool) -> None:
        nonlocal glue
        tag = node.tag
        if tag == _NUM:
            if top and not own_num:
                return  # the element's own number
            text = _squeeze("".join(_itertext(node)))
            if text:
                cur.append(text + " ")
                glue = True
            return
        block = tag in _BLOCK_TAGS
        if block:
            flush()
        if tag == _QSTR and node.get("startQuote"):
            cur.append(node.get("startQuote"))
            glue = True
        if node.text:
            cur.append(node.text)
            if glue and not node.text.isspace():
                glue = False
        for child in node:
            if isinstance(child.tag, str) and child.tag not in _SKIPPED_TAGS:
                visit(child, node is el)
            if child.tail:
                cur.append(child.tail)
                if glue and not child.tail.isspace():
                    glue = False
        if block:
            flush()
        if tag == _QSTR and node.get("endQuote"):
            if lines and not cur:
                lines[-1] += node.get("endQuote")
            else:
                cur.append(node.get("endQuote"))

    visit(el, False)
    glue = False
    flush()
    return lines


@dataclass
class Outline:
    """The parts of a document (or of one element of it), in document order: containers
    (attached documents included), provisions (``articles``: the level that carries the
    numbering) and the other texts (preface, preamble, conclusions, notes ...)."""

    containers: list[Unit]
    articles: list[Unit]
    root: etree._Element
    scope_eid: str | None = None
    texts: list[Unit] = field(default_factory=list)


def outline(document: Document, eid: str | None = None) -> Outline:
    """The parts of ``document``, or of its element ``eid`` (an article, a chapter, a quoted
    structure ...), from the one traversal of ``lawtool.akn_walk``."""
    if eid:
        root = document.by_eid(eid)
        if root is None:
            raise LawtoolError(
                f"no element with eId {eid!r}",
                path=document.path,
                hint="list the eIds with `lawtool info` or look in the XML",
            )
        parts = walk(document, root)
        prefix = _parent_prefix(eid) if len(parts) == 1 and parts[0].el is root else f"{eid}__"
    else:
        root = document.main
        parts = walk(document)
        prefix = ""
    result = Outline([], [], root, eid)
    units: dict[int, Unit] = {}
    pools = {"provision": result.articles, "text": result.texts}
    for part in parts:
        parent = units.get(id(part.parent)) if part.parent is not None else None
        pool = pools.get(part.role, result.containers)
        unit = Unit(part.el, part.kind, len(pool), prefix, parent, ref=part.ref, role=part.role, loose=part.loose)
        pool.append(unit)
        units[id(part)] = unit
    return result


def document_title(el) -> str:
    """An attached document's title: its docTitle, else its name attribute."""
    for found in el.iter("{*}docTitle"):
        return _squeeze("".join(_itertext(found)))
    return el.get("name") or ""


def _parent_prefix(eid: str) -> str:
    """For a scope that is one article, the prefix that makes its eId relative: the quotation's
    «art_37__para_1__mod_1__qstr_1__art_447-1» is compared as «art_447-1»."""
    return eid.rsplit("__", 1)[0] + "__" if "__" in eid else ""


def child_units(parent: Unit) -> list[Unit]:
    """The sub-units directly inside ``parent`` (paragraphs of an article, points of a
    paragraph ...), with eIds relative to the parent's."""
    prefix = f"{parent.ref}__" if parent.ref else ""
    out: list[Unit] = []
    if parent.el is None or parent.grouping:
        return out

    def visit(el) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child)
            if name in SUBUNITS or name in CONTAINERS or name == "article":
                ref = child.get("eId") or f"{GENERATED}{prefix.lstrip(GENERATED)}{name}_{len(out) + 1}"
                out.append(Unit(child, name, len(out), prefix, None, ref=ref, role="sub"))
            elif name in ("content", "num", "heading", "subheading", "p", "quotedStructure") or name in SKIPPED:
                continue
            else:
                visit(child)

    visit(parent.el)
    return out
