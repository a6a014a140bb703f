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
from dataclasses import dataclass, field

from lxml import etree

from ..akn import Document, local_name
from ..eids import number_from_num
from ..errors import EidError, LawtoolError
from .words import text_key

CONTAINERS = {"book", "tome", "part", "subpart", "title", "subtitle", "chapter", "subchapter", "section",
              "subsection", "division", "subdivision", "hcontainer"}
SUBUNITS = {"paragraph", "subparagraph", "point", "item", "list", "blockList", "alinea", "indent", "clause",
            "subclause", "intro", "wrapUp", "listIntroduction", "listWrapUp", "level", "transitional", "proviso"}
# Elements that start a new line of text.
BLOCKS = SUBUNITS | CONTAINERS | {"p", "heading", "subheading", "content", "article", "quotedStructure", "tr",
                                  "li", "blockContainer", "preamble", "preface", "conclusions", "formula",
                                  "citation", "recital", "body", "mainBody"}
SKIPPED = {"authorialNote", "noteRef", "meta", "eol", "eop"}
_SPACE = re.compile(r"\s+")


@dataclass(eq=False, slots=True)
class Unit:
    """One aligned piece of a document (see the module docstring)."""

    el: etree._Element
    kind: str
    eid: str | None
    rel_eid: str | None  # eId without the scope's prefix: a quoted «art_447-1» meets the code's «art_447-1»
    number: str | None  # eId form of the number: "12-bis", "447-1"
    label: str  # the <num> text as written: «المادة 12 مكررة»
    heading: str
    text: str  # lines of text, "\n" between blocks; own <num> left out
    key: str
    index: int  # rank in document order among units of its level
    parent: "Unit | None" = None  # the nearest container
    _words: tuple[str, ...] | None = field(default=None, repr=False)
    _shingles: frozenset | None = field(default=None, repr=False)

    @property
    def words(self) -> tuple[str, ...]:
        if self._words is None:
            self._words = tuple(w for w in re.split(r"[^\w]+", self.key) if w)
        return self._words

    @property
    def shingles(self) -> frozenset:
        """Word pairs of the key (single words for texts of fewer than three words)."""
        if self._shingles is None:
            w = self.words
            self._shingles = frozenset(zip(w, w[1:])) if len(w) >= 3 else frozenset((x,) for x in w)
        return self._shingles

    @property
    def title(self) -> str:
        """«المادة 12 مكررة» or the kind and eId when there is no number."""
        return self.label or (f"{self.kind} {self.eid}" if self.eid else self.kind)

    def describe(self) -> str:
        """Label and heading, for containers: «الباب الأول: أحكام عامة»."""
        if self.label and self.heading:
            return f"{self.label}: {self.heading}"
        return self.label or self.heading or self.title


def _num_child(el) -> etree._Element | None:
    for child in el:
        if isinstance(child.tag, str) and local_name(child) == "num":
            return child
    return None


def _heading(el) -> str:
    for child in el:
        if isinstance(child.tag, str) and local_name(child) == "heading":
            return _SPACE.sub(" ", "".join(_itertext(child))).strip()
    return ""


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
    return _SPACE.sub(" ", "".join(_itertext(num))).strip() if num is not None else ""


def number_of(el, label: str) -> str | None:
    if label:
        try:
            return number_from_num(label)
        except EidError:
            pass
    eid = el.get("eId")
    if eid:
        last = eid.rsplit("__", 1)[-1]
        return last.split("_", 1)[1] if "_" in last else last
    return None


def lines_of(el, *, own_num: bool = False) -> list[str]:
    """The element's text as lines: a new line at every block (paragraph, point, ``p`` ...);
    a sub-unit's number stays on the line of its text («1 العنف الرقمي: ...»); the quotation
    marks of a quoted structure (kept in attributes) are written out."""
    lines: list[str] = []
    cur: list[str] = []
    state = {"glue": False}

    def flush() -> None:
        if state["glue"]:
            return
        if cur:
            line = _SPACE.sub(" ", "".join(cur)).strip()
            if line:
                lines.append(line)
            cur.clear()

    def emit(text: str) -> None:
        cur.append(text)
        if state["glue"] and text.strip():
            state["glue"] = False

    def visit(node, top: bool) -> None:
        name = local_name(node)
        if name == "num":
            if top and not own_num:
                return
            text = _SPACE.sub(" ", "".join(_itertext(node))).strip()
            if text:
                emit(text + " ")
                state["glue"] = True
            return
        block = name in BLOCKS
        if block:
            flush()
        if name == "quotedStructure" and node.get("startQuote"):
            emit(node.get("startQuote"))
        if node.text:
            emit(node.text)
        for child in node:
            if isinstance(child.tag, str) and local_name(child) not in SKIPPED:
                visit(child, False)
            if child.tail:
                emit(child.tail)
        if name == "quotedStructure" and node.get("endQuote"):
            emit(node.get("endQuote"))
        if block:
            flush()

    visit(el, True)
    state["glue"] = False
    flush()
    return lines


def make_unit(el, kind: str, index: int, scope_prefix: str, parent: Unit | None = None) -> Unit:
    label = label_of(el)
    heading = _heading(el)
    eid = el.get("eId")
    rel = eid[len(scope_prefix):] if eid and scope_prefix and eid.startswith(scope_prefix) else eid
    if kind in CONTAINERS:
        text = heading
    else:
        text = "\n".join(lines_of(el))
    return Unit(el=el, kind=kind, eid=eid, rel_eid=rel, number=number_of(el, label), label=label,
                heading=heading, text=text, key=text_key(text) if kind not in CONTAINERS else text_key(
                    f"{label}\n{heading}"), index=index, parent=parent)


@dataclass
class Outline:
    """The containers and articles of a document (or of one element of it), in document order."""

    containers: list[Unit]
    articles: list[Unit]
    root: etree._Element
    scope_eid: str | None = None


def outline(document: Document, eid: str | None = None) -> Outline:
    """Containers and articles of ``document``, or of its element ``eid`` (an article, a
    chapter, a quoted structure ...)."""
    if eid:
        root = document.by_eid(eid)
        if root is None:
            raise LawtoolError(f"no element with eId {eid!r}", path=document.path,
                               hint="list the eIds with `lawtool info` or look in the XML")
    else:
        root = document.body if document.body is not None else document.main
    prefix = f"{eid}__" if eid else ""
    containers: list[Unit] = []
    articles: list[Unit] = []
    root_kind = local_name(root)

    if root_kind == "article":
        articles.append(make_unit(root, "article", 0, _parent_prefix(eid)))
        return Outline(containers, articles, root, eid)

    def visit(el, parent: Unit | None) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child)
            if name in SKIPPED:
                continue
            if name == "article":
                articles.append(make_unit(child, "article", len(articles), prefix, parent))
            elif name in CONTAINERS:
                unit = make_unit(child, name, len(containers), prefix, parent)
                containers.append(unit)
                visit(child, unit)
            elif name == "quotedStructure" and child is not root:
                continue  # a quotation belongs to the text of the element quoting it
            else:
                visit(child, parent)

    visit(root, None)
    return Outline(containers, articles, root, eid)


def _parent_prefix(eid: str) -> str:
    """For a scope that is one article, the prefix that makes its eId relative: the quotation's
    «art_37__para_1__mod_1__qstr_1__art_447-1» is compared as «art_447-1»."""
    return eid.rsplit("__", 1)[0] + "__" if "__" in eid else ""


def child_units(parent: Unit) -> list[Unit]:
    """The sub-units directly inside ``parent`` (paragraphs of an article, points of a
    paragraph ...), with eIds relative to the parent's."""
    prefix = f"{parent.eid}__" if parent.eid else ""
    out: list[Unit] = []

    def visit(el) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child)
            if name in SUBUNITS:
                out.append(make_unit(child, name, len(out), prefix, None))
            elif name in ("content", "num", "heading", "subheading", "p", "quotedStructure") or name in SKIPPED:
                continue
            else:
                visit(child)

    visit(parent.el)
    return out
