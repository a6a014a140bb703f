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
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from ..akn import Document, akn, local_name
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


class Unit:
    """One aligned piece of a document (see the module docstring).  Everything but the
    position is read from the element on first use: most articles of two versions are matched
    on their serialised bytes alone and never need their text extracted."""

    __slots__ = ("el", "kind", "eid", "rel_eid", "index", "parent", "_label", "_heading", "_text", "_key",
                 "_words", "_shingles", "_bag", "_number", "_signature")

    def __init__(self, el, kind: str, index: int, scope_prefix: str = "", parent: "Unit | None" = None):
        self.el = el
        self.kind = kind
        self.eid: str | None = el.get("eId")
        # eId without the scope's prefix: a quoted «art_447-1» meets the code's «art_447-1»
        eid = self.eid
        self.rel_eid = eid[len(scope_prefix):] if eid and scope_prefix and eid.startswith(scope_prefix) else eid
        self.index = index  # rank in document order among the units of its level
        self.parent = parent  # the nearest container
        self._label = self._heading = self._text = self._key = self._number = None
        self._words = self._shingles = self._signature = self._bag = None

    def __repr__(self) -> str:
        return f"<Unit {self.kind} {self.eid}>"

    @property
    def label(self) -> str:
        """The <num> text as written: «المادة 12 مكررة»."""
        if self._label is None:
            self._label = label_of(self.el)
        return self._label

    @property
    def heading(self) -> str:
        if self._heading is None:
            self._heading = _heading(self.el)
        return self._heading

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
            self._text = self.heading if self.kind in CONTAINERS else "\n".join(lines_of(self.el))
        return self._text

    @property
    def key(self) -> str:
        if self._key is None:
            source = f"{self.label}\n{self.heading}" if self.kind in CONTAINERS else self.text
            self._key = text_key(source)
        return self._key

    @property
    def signature(self) -> bytes:
        """The element's serialised bytes: equal signatures mean equal elements, number included."""
        if self._signature is None:
            self._signature = etree.tostring(self.el, with_tail=False)
        return self._signature

    @property
    def words(self) -> tuple[str, ...]:
        if self._words is None:
            self._words = tuple(w for w in _NON_WORD.split(self.key) if w)
        return self._words

    @property
    def shingles(self) -> frozenset:
        """Word pairs of the key (single words for texts of fewer than three words)."""
        if self._shingles is None:
            w = self.words
            self._shingles = frozenset(zip(w, w[1:])) if len(w) >= 3 else frozenset((x,) for x in w)
        return self._shingles

    @property
    def shingle_bag(self) -> Counter:
        """The word pairs with their number of occurrences."""
        if self._bag is None:
            w = self.words
            self._bag = Counter(zip(w, w[1:])) if len(w) >= 3 else Counter((x,) for x in w)
        return self._bag

    @property
    def title(self) -> str:
        """«المادة 12 مكررة», or the kind and eId when there is no number."""
        return self.label or (f"{self.kind} {self.eid}" if self.eid else self.kind)

    def describe(self) -> str:
        """Label and heading, for containers: «الباب الأول: أحكام عامة»."""
        if self.label and self.heading:
            return f"{self.label}: {self.heading}"
        return self.label or self.heading or self.title


_NON_WORD = re.compile(r"[^\w]+")


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
    eid = el.get("eId")
    if eid:
        last = eid.rsplit("__", 1)[-1]
        return last.split("_", 1)[1] if "_" in last else last
    return None


_BLOCK_TAGS = frozenset(akn(n) for n in BLOCKS)
_SKIPPED_TAGS = frozenset(akn(n) for n in SKIPPED)
_NUM, _QSTR = akn("num"), akn("quotedStructure")


def lines_of(el, *, own_num: bool = False) -> list[str]:
    """The element's text as lines: a new line at every block (paragraph, point, ``p`` ...);
    a sub-unit's number stays on the line of its text («1 العنف الرقمي: ...»); the quotation
    marks of a quoted structure (kept in attributes) are written out."""
    lines: list[str] = []
    cur: list[str] = []
    glue = False  # after a number or an opening quote: the next text stays on the same line

    def flush() -> None:
        if cur and not glue:
            line = _SPACE.sub(" ", "".join(cur)).strip()
            if line:
                lines.append(line)
            cur.clear()

    def visit(node, top: bool) -> None:
        nonlocal glue
        tag = node.tag
        if tag == _NUM:
            if top and not own_num:
                return  # the element's own number
            text = _SPACE.sub(" ", "".join(_itertext(node))).strip()
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
        articles.append(Unit(root, "article", 0, _parent_prefix(eid)))
        return Outline(containers, articles, root, eid)

    def visit(el, parent: Unit | None) -> None:
        for child in el:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child)
            if name in SKIPPED:
                continue
            if name == "article":
                articles.append(Unit(child, "article", len(articles), prefix, parent))
            elif name in CONTAINERS:
                unit = Unit(child, name, len(containers), prefix, parent)
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
                out.append(Unit(child, name, len(out), prefix, None))
            elif name in ("content", "num", "heading", "subheading", "p", "quotedStructure") or name in SKIPPED:
                continue
            else:
                visit(child)

    visit(parent.el)
    return out
