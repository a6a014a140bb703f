"""The texts the gaps stage reads: AKN documents, or plain texts (a press article, a draft).

A :class:`Source` is cut into *units* (an article; a quoted article is a unit of its own, so
that the Penal Code articles a law re-enacts are read as provisions; the preamble; for a plain
text, each paragraph separated by a blank line) and each unit into *blocks* (the ``p`` of the
unit with the eId of their nearest provision, the evidence the findings point at).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..akn import Document, local_name, read_bytes, text_of
from ..arabic import normalise
from ..eids import number_from_num
from ..errors import InputError, LawtoolError
from .definitions import Definition, find_definitions
from .matching import is_arabic
from .penalties import PENAL_MARK, own_text

QUOTED = ("quotedStructure", "quotedText", "embeddedStructure")


@dataclass
class Block:
    eid: str
    text: str


@dataclass
class Unit:
    eid: str
    number: str | None
    quoted: bool
    provision: bool  # an article (False: the preamble)
    penal: bool  # carries a penalty (يعاقب / بالحبس / غرامة ...)
    blocks: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(b.text for b in self.blocks)


@dataclass
class Source:
    name: str  # FRBR expression URI, or the path of a plain text
    path: str
    work: str
    kind: str  # akn | text
    language: str  # ar | fr
    units: list[Unit]
    definitions: list[Definition]
    document: Document | None = field(default=None, repr=False)
    # made on first use by gaps.evidence: the words of each paragraph, and word prefix → paragraphs
    evidence_paragraphs: list | None = field(default=None, repr=False, compare=False)
    evidence_index: dict[str, set[int]] | None = field(default=None, repr=False, compare=False)

    @property
    def label(self) -> str:
        return self.name


def _nearest_eid(el) -> str:
    for node in [el, *el.iterancestors()]:
        if node.get("eId"):
            return node.get("eId")
    return ""


def _owner_article(el):
    for a in el.iterancestors():
        if local_name(a) == "article":
            return a
    return None


def _number(article) -> str | None:
    num = article.find("{*}num")
    if num is None:
        return None
    try:
        return number_from_num(text_of(num))
    except LawtoolError:
        return None


def _article_units(document: Document, scope: set[str] | None) -> list[Unit]:
    """One unit per article (quoted ones too), the paragraphs it owns as blocks; ``scope`` keeps
    only those article numbers (quoted articles always)."""
    units: list[Unit] = []
    for art in document.articles(include_quoted=True):
        quoted = any(local_name(a) in QUOTED for a in art.iterancestors())
        number = _number(art)
        if scope is not None and not quoted and number not in scope:
            continue
        blocks = [Block(_nearest_eid(p), own_text(p)) for p in art.iter("{*}p") if _owner_article(p) is art]
        unit = Unit(art.get("eId") or "", number, quoted, True, False, [b for b in blocks if b.text])
        unit.penal = bool(PENAL_MARK.search(_norm(unit.text)))
        units.append(unit)
    return units


def _preamble_units(document: Document) -> list[Unit]:
    """One unit per preamble, its paragraphs (not its headings) as blocks."""
    units = []
    for pre in document.walk("preamble"):
        blocks = [
            Block(_nearest_eid(p), own_text(p)) for p in pre.iter("{*}p") if "heading" not in (p.get("class") or "")
        ]
        units.append(Unit(pre.get("eId") or "preamble", None, False, False, False, [b for b in blocks if b.text]))
    return units


def from_document(document: Document, *, scope: set[str] | None = None) -> Source:
    """``scope``: article numbers to keep (others are left out of the units)."""
    units = _article_units(document, scope) + _preamble_units(document)
    definitions = find_definitions(document, include_quoted=True)
    if scope is not None:
        keep = {u.eid for u in units}
        definitions = [d for d in definitions if d.article in keep]
    work = document.frbr_work.work_uri() if document.frbr_work else document.path
    name = str(document.frbr_expression) if document.frbr_expression else document.path
    language = "fr" if (document.language or "").startswith("fr") else "ar"
    return Source(name, document.path, work, "akn", language, units, definitions, document)


def from_text(path: str | Path) -> Source:
    data = read_bytes(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("not valid UTF-8", path=str(path), hint="save the text as UTF-8") from None
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    units = []
    for i, par in enumerate(paragraphs, 1):
        par = re.sub(r"\s+", " ", par)
        unit = Unit(f"p_{i}", None, False, True, bool(PENAL_MARK.search(_norm(par))), [Block(f"p_{i}", par)])
        units.append(unit)
    language = "ar" if is_arabic(text) else "fr"
    return Source(str(path), str(path), str(path), "text", language, units, [])


def load(path: str | Path, *, scope: dict[str, set[str]] | None = None) -> Source:
    """An AKN file (``.xml``) or a plain text (any other extension)."""
    path = Path(path)
    if path.suffix.lower() == ".xml":
        document = Document.load(path)
        work = document.frbr_work.work_uri() if document.frbr_work else None
        return from_document(document, scope=(scope or {}).get(work) if work else None)
    return from_text(path)


def _norm(text: str) -> str:

    return normalise(text)
