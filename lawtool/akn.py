"""Akoma Ntoso documents: safe loading, deterministic saving, and a thin wrapper over the tree.

Loading never resolves entities, never loads a DTD, never touches the network and never
follows XInclude; a document with a DOCTYPE is refused outright (that is where entity bombs
and external entities live).  Saving is deterministic: UTF-8, XML declaration, two-space
indentation of element-only content (mixed content such as ``<p>`` is left untouched),
namespace declared once on the root, a final newline.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from lxml import etree

from .errors import FrbrError, InputError, NotAknError, UnsafeInputError
from .frbr import FrbrUri

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NSMAP = {"a": NS}
MAX_BYTES = 64 * 1024 * 1024  # larger files are refused with a clear message

DOC_TYPES = {"act", "bill", "amendment", "amendmentList", "debate", "debateReport", "doc", "documentCollection",
             "judgment", "officialGazette", "portion", "statement"}

# Hierarchical elements in reading order of their usual nesting (for counts and walks).
HIERARCHY_KINDS = ["book", "tome", "part", "subpart", "title", "subtitle", "chapter", "subchapter", "section",
                   "subsection", "division", "subdivision", "article", "paragraph", "subparagraph", "list",
                   "point", "item", "indent", "alinea", "clause", "subclause", "hcontainer", "level",
                   "mod", "quotedStructure", "quotedText", "def", "ref", "term", "authorialNote", "recital"]

# Elements whose content is element-only in lawtool's documents: safe to re-indent.
_MIXED = {"p", "num", "heading", "subheading", "docTitle", "docNumber", "docProponent", "docDate", "docType",
          "docStage", "docStatus", "docAuthority", "docCommittee", "docIntroducer", "docJurisdiction", "ref", "term",
          "def", "span", "i", "b", "u", "sup", "sub", "a", "mref", "rref", "inline", "date", "person", "role",
          "organization", "concept", "object", "event", "location", "process", "quantity", "signature",
          "quotedText", "mod", "remark", "noteRef", "affectedDocument", "legislature", "session", "shortTitle",
          "entity", "outcome", "argument", "narrative", "summary", "td", "th", "caption", "li", "listIntroduction",
          "listWrapUp", "intro", "wrapUp", "tocItem", "change", "omissis", "ins", "del", "vote", "recordedTime",
          "lawtool", "textualMod"}


def local_name(el) -> str:
    tag = el.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def remove_keeping_tail(el) -> None:
    """Remove ``el`` from its parent; the text that followed it (its tail) stays where it was."""
    parent, tail, previous = el.getparent(), el.tail or "", el.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def akn(tag: str) -> str:
    """Clark name of an AKN element: akn('article') → '{ns}article'."""
    return f"{{{NS}}}{tag}"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=False, collect_ids=False)


def parse_bytes(data: bytes, path: str = "<input>") -> etree._ElementTree:
    """Parse XML bytes safely; any problem becomes a clear ``InputError`` naming ``path``."""
    if not data.strip():
        raise InputError("the file is empty", path=path, hint="give an Akoma Ntoso XML file")
    if len(data) > MAX_BYTES:
        raise InputError(f"the file is {len(data) // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit",
                         path=path, hint="split the document or raise lawtool.akn.MAX_BYTES")
    head = data[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"\x00<", b"<\x00"):
        raise InputError("the file is UTF-16, not UTF-8", path=path, hint="save it as UTF-8")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InputError(f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path=path, place=line,
                         hint="save the file as UTF-8") from None
    # A DOCTYPE is where entity bombs and external entities live: refuse it before parsing.
    declaration = re.search(rb"<!(?:DOCTYPE|ENTITY)", data, re.IGNORECASE)
    if declaration:
        line = data[:declaration.start()].count(b"\n") + 1
        raise UnsafeInputError("DOCTYPE and entity declarations are not allowed (entity expansion and external "
                               "entities are refused, never resolved)", path=path, place=line,
                               hint="remove the <!DOCTYPE ...> block; Akoma Ntoso needs none")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(f"not well-formed XML: {exc.msg}", path=path, place=line,
                         hint="fix the XML syntax at that line") from None
    return root.getroottree()


def read_bytes(path: str | os.PathLike) -> bytes:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"the file is {size // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit",
                             path=str(p), hint="split the document or raise lawtool.akn.MAX_BYTES")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=str(p), hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=str(p), hint="give an XML file") from None
    except PermissionError:
        raise InputError("permission denied", path=str(p), hint="check the file's permissions") from None


def check_akn_root(root: etree._Element, path: str) -> None:
    """Refuse XML that is not an Akoma Ntoso 3.0 document (other namespaces, drafts, other roots)."""
    ns = etree.QName(root).namespace
    if ns != NS:
        if ns and ("akn" in ns or "legaldocml" in ns.lower() or "legalDocML" in ns):
            raise NotAknError(f"not Akoma Ntoso 3.0: namespace {ns!r} is a draft or national variant",
                              path=path, hint=f"lawtool reads the OASIS standard namespace {NS}")
        raise NotAknError(f"not an Akoma Ntoso document (root <{etree.QName(root).localname}>"
                          + (f" in namespace {ns!r})" if ns else " without namespace)"),
                          path=path, hint=f"give an <akomaNtoso> document in namespace {NS}")
    if local_name(root) != "akomaNtoso":
        raise NotAknError(f"the root element is <{local_name(root)}>, not <akomaNtoso>", path=path,
                          hint="give a whole Akoma Ntoso document")


# -- saving ------------------------------------------------------------------------------------------

def _indent(el: etree._Element, level: int = 0) -> None:
    """Indent element-only content by two spaces per level; leave mixed content untouched."""
    children = list(el)
    if not children:
        return
    mixed = local_name(el) in _MIXED or (el.text and el.text.strip()) or any(c.tail and c.tail.strip() for c in children)
    if mixed:
        return
    pad = "\n" + "  " * (level + 1)
    el.text = pad
    for child in children:
        child.tail = pad
        _indent(child, level + 1)
    children[-1].tail = "\n" + "  " * level


def serialise(tree: etree._ElementTree | etree._Element) -> bytes:
    root = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    etree.cleanup_namespaces(root, top_nsmap={None: NS} if root.nsmap.get(None) == NS else None)
    _indent(root)
    root.tail = None
    body = etree.tostring(root, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + body + b"\n"


def atomic_write(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: a reader (or a crash)
    sees the old file or the new one, never half of one."""
    target = Path(path)
    if target.is_dir():
        raise InputError("is a directory", path=str(target), hint="give a file name for the output")
    if target.exists() and not target.is_file():
        # /dev/null, /dev/stdout, a named pipe: write into it; a rename would replace the device itself
        with open(target, "wb") as handle:
            handle.write(data)
        return
    if target.is_symlink():
        target = target.resolve()  # write the file the link points at, keep the link
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


# -- the document --------------------------------------------------------------------------------------

@dataclass
class Document:
    """An AKN document: the lxml tree plus convenient access.  There is no parallel model:
    every method reads or changes the tree itself."""

    tree: etree._ElementTree
    path: str = "<memory>"

    # construction
    @classmethod
    def load(cls, path: str | os.PathLike) -> "Document":
        data = read_bytes(path)
        return cls.from_bytes(data, str(path))

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<input>") -> "Document":
        tree = parse_bytes(data, path)
        check_akn_root(tree.getroot(), path)
        return cls(tree, path)

    def to_bytes(self) -> bytes:
        return serialise(self.tree)

    def save(self, path: str | os.PathLike | None = None) -> None:
        atomic_write(path or self.path, self.to_bytes())

    # structure
    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def main(self) -> etree._Element:
        """The document element under <akomaNtoso>: <act>, <bill>, <amendment> ..."""
        for child in self.root:
            if local_name(child) in DOC_TYPES:
                return child
        raise NotAknError("no document element (act, bill, ...) under <akomaNtoso>", path=self.path,
                          hint="put an <act> or <bill> inside <akomaNtoso>")

    @property
    def doctype(self) -> str:
        return local_name(self.main)

    @property
    def body(self) -> etree._Element | None:
        for child in self.main:
            if local_name(child) in ("body", "mainBody", "amendmentBody", "judgmentBody", "debateBody", "collectionBody"):
                return child
        return None

    def xpath(self, expr: str, el=None):
        return (self.root if el is None else el).xpath(expr, namespaces=NSMAP)

    def by_eid(self, eid: str) -> etree._Element | None:
        found = self.root.xpath("//*[@eId=$e]", e=eid)
        return found[0] if found else None

    def eid_index(self) -> dict[str, etree._Element]:
        return {el.get("eId"): el for el in self.root.iter() if isinstance(el.tag, str) and el.get("eId")}

    def walk(self, *kinds: str) -> Iterator[etree._Element]:
        """Every element of the given kinds (local names) in document order, outside <meta>."""
        wanted = set(kinds)
        for el in self.main.iter():
            if isinstance(el.tag, str) and (not wanted or local_name(el) in wanted):
                if not any(local_name(a) == "meta" for a in el.iterancestors()):
                    yield el

    def articles(self, *, include_quoted: bool = False) -> list[etree._Element]:
        out = []
        for el in self.walk("article"):
            if include_quoted or not any(local_name(a) == "quotedStructure" for a in el.iterancestors()):
                out.append(el)
        return out

    # metadata
    def _frbr(self, level: str, field: str) -> str | None:
        found = self.xpath(f"./a:meta/a:identification/a:{level}/a:{field}/@value", self.main)
        return found[0] if found else None

    def _frbr_uri(self, level: str) -> FrbrUri | None:
        """The level's FRBRthis (else FRBRuri); a URI of an unexpected shape is read loosely
        (``FrbrUri.loose``), an empty one is None: any AKN document can be read."""
        value = (self._frbr(level, "FRBRthis") or "").strip() or (self._frbr(level, "FRBRuri") or "").strip()
        if not value:
            return None
        try:
            return FrbrUri.parse(value)
        except FrbrError:
            return FrbrUri.loose(value)

    @property
    def frbr_work(self) -> FrbrUri | None:
        return self._frbr_uri("FRBRWork")

    @property
    def frbr_expression(self) -> FrbrUri | None:
        value = self._frbr_uri("FRBRExpression")
        return value.expression if value is not None else None

    @property
    def notice(self) -> str | None:
        """A working text's notice: the preface's ``p class="lawtool-notice"``, else the
        ``lawtool:notice`` of the proprietary metadata."""
        for p in self.xpath("./a:preface/a:p[contains(@class, 'lawtool-notice')]", self.main):
            if text_of(p):
                return text_of(p)
        for el in self.xpath("./a:meta/a:proprietary//*[local-name()='notice']", self.main):
            if text_of(el):
                return text_of(el)
        return None

    @property
    def language(self) -> str | None:
        found = self.xpath("./a:meta/a:identification/a:FRBRExpression/a:FRBRlanguage/@language", self.main)
        return found[0] if found else None

    @property
    def expression_date(self) -> str | None:
        found = self.xpath("./a:meta/a:identification/a:FRBRExpression/a:FRBRdate/@date", self.main)
        return found[0] if found else None

    @property
    def work_date(self) -> str | None:
        found = self.xpath("./a:meta/a:identification/a:FRBRWork/a:FRBRdate/@date", self.main)
        return found[0] if found else None

    @property
    def title(self) -> str | None:
        for expr in (".//a:preface//a:docTitle", ".//a:coverPage//a:docTitle", "./a:meta//a:FRBRalias[@name='title']/@value"):
            found = self.xpath(expr, self.main)
            if found:
                value = found[0] if isinstance(found[0], str) else text_of(found[0])
                if value:
                    return value
        return None

    def lifecycle(self) -> list[dict]:
        return [dict(ev.attrib) for ev in self.xpath("./a:meta/a:lifecycle/a:eventRef", self.main)]

    def counts(self) -> dict[str, int]:
        """How many elements of each hierarchical kind the document has (quoted ones included)."""
        counts: dict[str, int] = {}
        for el in self.walk():
            name = local_name(el)
            if name in HIERARCHY_KINDS:
                counts[name] = counts.get(name, 0) + 1
        return dict(sorted(counts.items()))


_SPACE = re.compile(r"\s+")


def text_of(el: etree._Element, *, notes: bool = False) -> str:
    """The text of an element with white space collapsed; editorial and authorial notes
    (``authorialNote``) left out unless asked for."""
    parts: list[str] = []

    def visit(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and (notes or local_name(child) != "authorialNote"):
                visit(child)
            if child.tail:
                parts.append(child.tail)

    visit(el)
    return _SPACE.sub(" ", "".join(parts)).strip()
