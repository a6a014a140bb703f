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
import time
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from lxml import etree

from .errors import FrbrError, InputError, NotAknError, OutputError, UnsafeInputError
from .frbr import FrbrUri
from .outputs import read_only

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
NSMAP = {"a": NS}
LAWTOOL_NS = "https://lawtool.ma/ns/1.0"  # lawtool's proprietary metadata (<proprietary source="#lawtool">)
XML_NS = "http://www.w3.org/XML/1998/namespace"
# Namespaces whose attributes a browser acts on (links, handlers, inclusions, transformations): such an
# attribute on an Akoma Ntoso element is foreign markup; other namespaces' attributes are inert data.
ACTIVE_NAMESPACES = {
    "http://www.w3.org/1999/xhtml",
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "http://www.w3.org/1999/XSL/Transform",
    "http://www.w3.org/2001/XInclude",
    "http://www.w3.org/2001/xml-events",
    "http://www.w3.org/1998/Math/MathML",
}
MAX_BYTES = 64 * 1024 * 1024  # larger files are refused with a clear message

DOC_TYPES = {
    "act",
    "bill",
    "amendment",
    "amendmentList",
    "debate",
    "debateReport",
    "doc",
    "documentCollection",
    "judgment",
    "officialGazette",
    "portion",
    "statement",
}

# The divisions of a text above its articles (an empty chapter or an unnamed hcontainer too).
DIVISIONS = frozenset(
    {
        "book",
        "tome",
        "part",
        "subpart",
        "title",
        "subtitle",
        "chapter",
        "subchapter",
        "section",
        "subsection",
        "division",
        "subdivision",
        "hcontainer",
    }
)

# Hierarchical elements in reading order of their usual nesting (for counts and walks).
HIERARCHY_KINDS = [
    "book",
    "tome",
    "part",
    "subpart",
    "title",
    "subtitle",
    "chapter",
    "subchapter",
    "section",
    "subsection",
    "division",
    "subdivision",
    "article",
    "paragraph",
    "subparagraph",
    "list",
    "point",
    "item",
    "indent",
    "alinea",
    "clause",
    "subclause",
    "hcontainer",
    "level",
    "mod",
    "quotedStructure",
    "quotedText",
    "def",
    "ref",
    "term",
    "authorialNote",
    "recital",
]

# The inline elements that name the document in its preface («docTitle», «docNumber» ...).
DOC_INLINES = frozenset(
    {
        "docTitle",
        "docNumber",
        "docProponent",
        "docDate",
        "docType",
        "docStage",
        "docStatus",
        "docAuthority",
        "docCommittee",
        "docIntroducer",
        "docJurisdiction",
    }
)

# Elements whose content is element-only in lawtool's documents: safe to re-indent.
_MIXED = DOC_INLINES | {
    "p",
    "num",
    "heading",
    "subheading",
    "ref",
    "term",
    "def",
    "span",
    "i",
    "b",
    "u",
    "sup",
    "sub",
    "a",
    "mref",
    "rref",
    "inline",
    "date",
    "person",
    "role",
    "organization",
    "concept",
    "object",
    "event",
    "location",
    "process",
    "quantity",
    "signature",
    "quotedText",
    "mod",
    "remark",
    "noteRef",
    "affectedDocument",
    "legislature",
    "session",
    "shortTitle",
    "entity",
    "outcome",
    "argument",
    "narrative",
    "summary",
    "td",
    "th",
    "caption",
    "li",
    "listIntroduction",
    "listWrapUp",
    "intro",
    "wrapUp",
    "tocItem",
    "change",
    "omissis",
    "ins",
    "del",
    "vote",
    "recordedTime",
    "lawtool",
    "textualMod",
}


def local_name(el) -> str:
    tag = el.tag
    return _local(tag) if isinstance(tag, str) else ""


@lru_cache(maxsize=1024)
def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


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


# The class of a table whose rows and columns the source text lost: its cells one a row, in the
# source's order (the importer's layout.py makes it; the site says so above it).
LOST_LAYOUT = "lt-layout-lost"


def E(tag: str, *children, text: str | None = None, **attrs) -> etree._Element:
    """The one builder of AKN elements: ``E("p", "words ", E("term", "x"), " more", class_="c")``.

    A string child is text (after the element's text, or the tail of the child before it); a None
    child or attribute is left out; ``text`` is the element's text, before its children.  An
    attribute name loses a trailing ``_`` (``class_``) and reads ``__`` as ``:``; a Clark name
    (``{ns}lang``) is kept."""
    el = etree.Element(akn(tag), nsmap=None)
    for key, value in attrs.items():
        if value is not None:
            el.set(key.rstrip("_").replace("__", ":"), str(value))
    for child in (text, *children):
        if child is None:
            continue
        if isinstance(child, str):
            if len(el):
                el[-1].tail = (el[-1].tail or "") + child
            else:
                el.text = (el.text or "") + child
        else:
            el.append(child)
    return el


def identification(
    work: str,
    expression: str,
    *,
    work_date: str | None,
    date: str | None,
    author: str,
    country: str | None,
    language: str | None,
    component: str = "main",
    number: str | None = None,
    title: str | None = None,
) -> etree._Element:
    """The FRBR ``identification`` block of a document (or of an attachment's ``component``):
    work, expression and manifestation, the manifestation made by lawtool."""
    return E(
        "identification",
        E(
            "FRBRWork",
            E("FRBRthis", value=f"{work}/!{component}"),
            E("FRBRuri", value=work),
            E("FRBRalias", value=title, name="title") if title else None,
            E("FRBRdate", date=work_date, name="Generation"),
            E("FRBRauthor", href=author),
            E("FRBRcountry", value=country),
            E("FRBRnumber", value=number) if number is not None else None,
        ),
        E(
            "FRBRExpression",
            E("FRBRthis", value=f"{expression}/!{component}"),
            E("FRBRuri", value=expression),
            E("FRBRdate", date=date, name="Expression"),
            E("FRBRauthor", href=author),
            E("FRBRlanguage", language=language),
        ),
        E(
            "FRBRManifestation",
            E("FRBRthis", value=f"{expression}/!{component}.xml"),
            E("FRBRuri", value=f"{expression}.xml"),
            E("FRBRdate", date=date, name="Transform"),
            E("FRBRauthor", href="#lawtool"),
        ),
        source="#lawtool",
    )


MAX_DIGITS = 1000  # a longer run of digits is not a number of law (and Python refuses over 4,300)
# ASCII, Arabic-Indic (U+0660-0669) and extended Arabic-Indic (U+06F0-06F9) digits, in UTF-8
_DIGIT_BYTES = rb"(?:[0-9]|\xd9[\xa0-\xa9]|\xdb[\xb0-\xb9])"
_LONG_NUMBER_BYTES = re.compile(_DIGIT_BYTES + rb"{%d,}" % (MAX_DIGITS + 1))
# A quick sieve before that regex (which is slow on megabytes): every byte a digit can be made of
# becomes "0"; a long number needs a long run of "0" (other text rarely makes one).
_DIGIT_SIEVE = bytes.maketrans(
    bytes(range(0x30, 0x3A)) + bytes(range(0xA0, 0xAA)) + bytes(range(0xB0, 0xBA)) + b"\xd9\xdb", b"0" * 32
)


def long_number_at(data: bytes) -> int | None:
    """The byte offset of a run of more than ``MAX_DIGITS`` digits in UTF-8 ``data``, or None."""
    if b"0" * (MAX_DIGITS + 1) not in data.translate(_DIGIT_SIEVE):
        return None
    match = _LONG_NUMBER_BYTES.search(data)
    return match.start() if match else None


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
        collect_ids=False,
    )


def parse_bytes(data: bytes, path: str = "<input>") -> etree._ElementTree:
    """Parse XML bytes safely; any problem becomes a clear ``InputError`` naming ``path``."""
    if not data.strip():
        raise InputError("the file is empty", path=path, hint="give an Akoma Ntoso XML file")
    if len(data) > MAX_BYTES:
        raise InputError(
            f"the file is {len(data) // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit",
            path=path,
            hint="split the document or raise lawtool.akn.MAX_BYTES",
        )
    head = data[:4]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[:2] in (b"\x00<", b"<\x00"):
        raise InputError("the file is UTF-16, not UTF-8", path=path, hint="save it as UTF-8")
    # The bytes must be UTF-8.  The full decode is done only when something is refused (the parser
    # itself reads them as UTF-8 and stops at a byte that is not), so that a file in another encoding
    # is told so rather than what else is wrong with it.
    refusal = _refusal_before_parsing(data, path)
    if refusal is None:
        try:
            return etree.fromstring(data, _parser()).getroottree()
        except etree.XMLSyntaxError as exc:
            refusal = InputError(
                f"not well-formed XML: {exc.msg}",
                path=path,
                place=exc.position[0] if exc.position else None,
                hint="fix the XML syntax at that line",
            )
    _check_utf8(data, path)
    raise refusal


def _refusal_before_parsing(data: bytes, path: str) -> InputError | None:
    """What is refused without parsing: a declaration of another encoding (which would have the
    parser read mojibake), a number of thousands of digits, a DOCTYPE or entity declaration."""
    declared = re.match(rb"\s*<\?xml[^>]*encoding\s*=\s*[\"']([A-Za-z0-9._-]+)[\"']", data)
    if declared and declared.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8", b"us-ascii", b"ascii"):
        return InputError(
            f"the XML declaration says encoding={declared.group(1).decode()!r} but the bytes are UTF-8",
            path=path,
            place=1,
            hint='write encoding="UTF-8" in the declaration (or remove it)',
        )
    long_number = long_number_at(data)
    if long_number is not None:
        return InputError(
            f"a number of more than {MAX_DIGITS} digits",
            path=path,
            place=data[:long_number].count(b"\n") + 1,
            hint="no law numbers an article, a law or a date so; check the file",
        )
    # A DOCTYPE is where entity bombs and external entities live: refuse it before parsing.
    declaration = re.search(rb"<!(?:DOCTYPE|ENTITY)", data, re.IGNORECASE)
    if declaration:
        return UnsafeInputError(
            "DOCTYPE and entity declarations are not allowed (entity expansion and external "
            "entities are refused, never resolved)",
            path=path,
            place=data[: declaration.start()].count(b"\n") + 1,
            hint="remove the <!DOCTYPE ...> block; Akoma Ntoso needs none",
        )
    return None


def _check_utf8(data: bytes, path: str) -> None:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x})", path=path, place=line, hint="save the file as UTF-8"
        ) from None


READ_SECONDS = 10.0  # how long lawtool waits for a pipe or a device to give its data


def read_input(path: str | os.PathLike, limit: int, *, seconds: float = READ_SECONDS) -> bytes:
    """Read a file given by the user, bounded in size and time, never hanging: a regular file up to
    ``limit`` bytes; a pipe, a device or a terminal (``/dev/zero``, ``<(command)``, a named pipe)
    what comes within ``seconds``, up to ``limit`` bytes.  A named pipe nobody writes to reads as
    empty.  Raises ``InputError`` when over a limit; FileNotFoundError, IsADirectoryError and
    PermissionError for the caller to word."""
    import select
    import stat

    name = str(path)
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(name)
        if stat.S_ISREG(info.st_mode):
            if info.st_size > limit:
                raise InputError(
                    f"the file is {info.st_size // (1024 * 1024)} MB, over the {limit // (1024 * 1024)} MB limit",
                    path=name,
                    hint="split the document or raise lawtool.akn.MAX_BYTES",
                )
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        deadline = time.monotonic() + seconds
        while True:
            try:
                chunk = os.read(fd, 1 << 20)
            except BlockingIOError:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                    raise InputError(
                        f"no end of the data after {seconds:g} s (a pipe or a device that does not end)",
                        path=name,
                        hint="give a regular file, or make the writer finish",
                    ) from None
                continue
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputError(
                    f"more than {limit // (1024 * 1024)} MB come from it (a device or a pipe without end?)",
                    path=name,
                    hint="give a regular file",
                )
            if time.monotonic() > deadline and not stat.S_ISREG(info.st_mode):
                raise InputError(
                    f"no end of the data after {seconds:g} s (a pipe or a device that does not end)",
                    path=name,
                    hint="give a regular file, or make the writer finish",
                )
        return b"".join(chunks)
    finally:
        os.close(fd)


def read_bytes(path: str | os.PathLike) -> bytes:
    p = Path(path)
    try:
        return read_input(p, MAX_BYTES)
    except FileNotFoundError:
        raise InputError("no such file", path=str(p), hint="check the path") from None
    except IsADirectoryError:
        raise InputError("is a directory, not a file", path=str(p), hint="give an XML file") from None
    except PermissionError:
        raise InputError("permission denied", path=str(p), hint="check the file's permissions") from None


def xml_files(paths, *, empty_ok: bool = False) -> list[Path]:
    """The documents a command is given: each file named as it is (whatever its name: reading it
    says what is wrong), and the ``*.xml`` files under each folder (hidden ones left out), sorted.
    A path that does not exist, or a folder without XML, is an error, never an empty result
    (``empty_ok``: a folder may be empty, for the indexes lawtool builds of law/ and bills/)."""
    found: set[Path] = set()
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = {
                p
                for p in path.rglob("*.xml")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            }
            if not inside and not empty_ok:
                raise InputError(
                    "no AKN XML file (*.xml) in this folder",
                    path=str(path),
                    hint="give the folder of the documents, or the files themselves",
                )
            found |= inside
        elif path.exists():
            found.add(path)
        else:
            raise InputError("no such file or folder", path=str(path), hint="check the path")
    return sorted(found, key=str)


def check_akn_root(root: etree._Element, path: str) -> None:
    """Refuse XML that is not an Akoma Ntoso 3.0 document (other namespaces, drafts, other roots)."""
    ns = etree.QName(root).namespace
    if ns != NS:
        if ns and ("akn" in ns or "legaldocml" in ns.lower() or "legalDocML" in ns):
            raise NotAknError(
                f"not Akoma Ntoso 3.0: namespace {ns!r} is a draft or national variant",
                path=path,
                hint=f"lawtool reads the OASIS standard namespace {NS}",
            )
        raise NotAknError(
            f"not an Akoma Ntoso document (root <{etree.QName(root).localname}>"
            + (f" in namespace {ns!r})" if ns else " without namespace)"),
            path=path,
            hint=f"give an <akomaNtoso> document in namespace {NS}",
        )
    if local_name(root) != "akomaNtoso":
        raise NotAknError(
            f"the root element is <{local_name(root)}>, not <akomaNtoso>",
            path=path,
            hint="give a whole Akoma Ntoso document",
        )


# -- saving ------------------------------------------------------------------------------------------


def _indent(el: etree._Element, level: int = 0) -> None:
    """Indent element-only content by two spaces per level; leave mixed content untouched."""
    children = list(el)
    if not children:
        return
    mixed = (
        local_name(el) in _MIXED or (el.text and el.text.strip()) or any(c.tail and c.tail.strip() for c in children)
    )
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


def _write_into(target: Path, data: bytes, seconds: float = READ_SECONDS) -> None:
    """Write into a device or a named pipe; a pipe nobody reads is refused after ``seconds`` instead of
    waiting for ever (opening it for writing would block until a reader comes)."""
    import errno

    deadline = time.monotonic() + seconds
    while True:
        try:
            fd = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
            break
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: a named pipe without a reader
                raise InputError(
                    f"cannot write into it: {exc.strerror}", path=str(target), hint="give a regular file for the output"
                ) from None
            if time.monotonic() >= deadline:
                raise InputError(
                    f"no process reads this named pipe (waited {seconds:g} s)",
                    path=str(target),
                    hint="start the reader first, or give a regular file for the output",
                ) from None
            time.sleep(0.05)
    try:
        os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    except OSError as exc:
        raise write_error(exc, target) from None
    finally:
        os.close(fd)


def write_error(exc: OSError, target: str | os.PathLike) -> InputError:
    """An OSError met while writing ``target`` (disk full, read-only file system, no permission ...)
    as the one-line error every command prints."""

    return OutputError.from_os_error(exc, str(target))


def remove_stale_temporaries(folder: Path, name: str | None = None) -> int:
    """Remove the temporary files that earlier writes into ``folder`` (of the file ``name``, or of
    any file) left when their writer died before its rename (SIGKILL, a power cut): their name
    carries the writer's process id, and a file is removed only when that process is gone.
    Returns how many were removed."""
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        stem = entry.name
        if not (stem.startswith(".") and stem.endswith(".tmp")):
            continue
        parts = stem[1:-4].rsplit(".", 2)  # name, pid, random part of mkstemp
        if len(parts) != 3 or not parts[1].isdigit() or (name is not None and parts[0] != name):
            continue
        pid = int(parts[1])
        if pid == os.getpid() or not entry.is_file(follow_symlinks=False):
            continue
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            Path(entry.path).unlink(missing_ok=True)  # the writer is gone: its half-written file is garbage
            removed += 1
        except (PermissionError, OverflowError, ValueError):
            continue
    return removed


def atomic_write(path: str | os.PathLike, data: bytes, *, clean: bool = True, durable: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: a reader (or a crash)
    sees the old file or the new one, never half of one.  A temporary file an earlier, killed
    write of ``path`` left is removed (``clean``; a caller writing thousands of files into one
    folder calls :func:`remove_stale_temporaries` once instead).  ``durable``: the data reaches
    the disk before the rename (fsync), so that a power cut cannot leave an empty file; a caller
    writing thousands of outputs it can make again from their sources may skip it."""
    target = Path(path)
    if target.is_dir():
        raise InputError("is a directory", path=str(target), hint="give a file name for the output")
    if target.exists() and not target.is_file():
        # /dev/null, /dev/stdout, a named pipe: write into it; a rename would replace the device itself
        _write_into(target, data)
        return
    if target.is_symlink():
        target = target.resolve()  # write the file the link points at, keep the link

    if target.is_file() and read_only(target):
        # a rename would replace it all the same: a read-only file is the user saying «keep it»
        raise InputError(
            "the file is read-only", path=str(target), hint="make it writable (chmod u+w) or write to another file"
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if clean:
            remove_stale_temporaries(target.parent, target.name)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise write_error(exc, target) from None
    umask = os.umask(0)
    os.umask(umask)
    try:
        os.fchmod(fd, 0o666 & ~umask)  # mkstemp makes 0600; give the file the usual permissions
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        if isinstance(exc, OSError):
            raise write_error(exc, target) from None
        raise


# -- foreign markup -----------------------------------------------------------------------------------------


def _namespace(name: str) -> str | None:
    return name[1:].split("}", 1)[0] if name.startswith("{") else None


def foreign_markup(root: etree._Element) -> list[tuple[etree._Element, str]]:
    """What is neither Akoma Ntoso nor lawtool's own: elements of another namespace (an XHTML
    ``<script>``, an SVG with ``onload``), attributes of a namespace a browser acts on
    (:data:`ACTIVE_NAMESPACES`: ``xlink:href``, ``h:onclick``), processing instructions (an
    ``xml-stylesheet`` runs XSLT), those around the root included.  A browser opening the XML would
    run some of them.  Each as (node, description); a foreign element's content is not listed again."""
    found: list[tuple[etree._Element, str]] = []
    allowed = (NS, LAWTOOL_NS)
    for sibling in list(root.itersiblings(preceding=True)) + list(root.itersiblings()):
        if isinstance(sibling, etree._ProcessingInstruction):
            found.append((sibling, f"processing instruction <?{sibling.target}?>"))
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, etree._ProcessingInstruction):
            found.append((node, f"processing instruction <?{node.target}?>"))
            continue
        if not isinstance(node.tag, str):
            continue  # comments
        if _namespace(node.tag) not in allowed:
            found.append(
                (node, f"element <{etree.QName(node).localname}> of namespace {_namespace(node.tag) or '(none)'}")
            )
            continue
        for name in node.attrib:
            if _namespace(name) in ACTIVE_NAMESPACES:
                found.append(
                    (
                        node,
                        f"attribute {etree.QName(name).localname} of namespace {_namespace(name)} "
                        f"on <{local_name(node)}>",
                    )
                )
        stack.extend(reversed(node))
    return found


def without_foreign(tree: etree._ElementTree | etree._Element) -> tuple[bytes, list[str]]:
    """The document serialised (as :func:`serialise`) without its foreign markup
    (:func:`foreign_markup`): what lawtool publishes as the XML download.  Returns (bytes, what was
    left out)."""
    import copy

    original = tree.getroot() if isinstance(tree, etree._ElementTree) else tree
    dropped = [
        description
        for node, description in foreign_markup(original)
        if node.getparent() is None and node is not original
    ]  # around the root: not copied
    root = copy.deepcopy(original)
    for node, description in foreign_markup(root):
        dropped.append(description)
        if description.startswith("attribute "):
            for name in list(node.attrib):
                if _namespace(name) in ACTIVE_NAMESPACES:
                    del node.attrib[name]
        else:
            parent = node.getparent()
            remove_keeping_tail(node)
            if len(parent) == 0 and not (parent.text or "").strip():
                parent.text = None
    return serialise(root), dropped


# -- the document --------------------------------------------------------------------------------------


@dataclass
class Document:
    """An AKN document: the lxml tree plus convenient access.  There is no parallel model:
    every method reads or changes the tree itself."""

    tree: etree._ElementTree
    path: str = "<memory>"

    # construction
    @classmethod
    def load(cls, path: str | os.PathLike) -> Document:
        data = read_bytes(path)
        return cls.from_bytes(data, str(path))

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "<input>") -> Document:
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
        raise NotAknError(
            "no document element (act, bill, ...) under <akomaNtoso>",
            path=self.path,
            hint="put an <act> or <bill> inside <akomaNtoso>",
        )

    @property
    def doctype(self) -> str:
        return local_name(self.main)

    @property
    def body(self) -> etree._Element | None:
        for child in self.main:
            if local_name(child) in (
                "body",
                "mainBody",
                "amendmentBody",
                "judgmentBody",
                "debateBody",
                "collectionBody",
            ):
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
        # lxml filters the kinds in C; the elements of <meta> (the document's, and those of documents
        # it embeds) are collected once instead of testing every element's ancestors
        in_meta = {el for meta in self.main.iter("{*}meta") for el in meta.iter()}
        for el in self.main.iter(*(f"{{*}}{k}" for k in kinds)) if kinds else self.main.iter():
            if isinstance(el.tag, str) and el not in in_meta:
                yield el

    def articles(
        self, *, include_quoted: bool = False, include_promulgation: bool = False, include_attachments: bool = True
    ) -> list[etree._Element]:
        """The document's own articles, in document order: without the articles of another text
        quoted by an amending article, nor (unless asked) the promulgating dahir's own
        (``<hcontainer name="promulgation">``), which are numbered apart; with those of its
        attachments (annexed texts) unless ``include_attachments`` is False."""
        out = []
        for el in self.walk("article"):
            ancestors = list(el.iterancestors())
            if not include_attachments and any(local_name(a) in ("attachment", "component") for a in ancestors):
                continue
            if not include_quoted and any(local_name(a) == "quotedStructure" for a in ancestors):
                continue
            if not include_promulgation and any(
                local_name(a) == "hcontainer" and a.get("name") == "promulgation" for a in ancestors
            ):
                continue
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
        except FrbrError as exc:
            if exc.message.startswith("unsafe"):  # a number that would make a path («..»): refused
                if exc.path is None and not self.path.startswith("<"):
                    exc.path = self.path
                raise
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
        for expr in (
            "./a:preface//a:docTitle",  # where it nearly always is: no search of the whole document
            ".//a:preface//a:docTitle",
            ".//a:coverPage//a:docTitle",
            "./a:meta//a:FRBRalias[@name='title']/@value",
        ):
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
