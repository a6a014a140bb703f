"""Applying amendments: the new expression of the bill.

Passes, in order (each works on a copy of the bill; the bill itself is never changed):

1. *resolve* every operation against the bill (eIds → elements), and check the amendments
   for collisions — refused when they collide and no order is given;
2. *operations*, amendment after amendment in the order given (or the collision check's
   order); inside one amendment: new text (replace, substitute), then new elements and moves
   in the order written, then numbers, then deletions.  Operations name elements by the
   eIds of the bill, whatever earlier amendments did; an element that an earlier amendment
   removed is an error that names it;
3. *renumber*: the eId generator (``eids.renumber``) gives every element its eId; an element
   whose eId changed keeps the old one as ``wId``;
4. *references*: every ``href="#..."`` points again at the element it named (through the
   rename map); one whose element was deleted is unlinked (a ``ref`` keeps its text, a
   ``textualMod`` is dropped) and reported as a warning;
5. *metadata*: the new expression (FRBR URIs and dates), one ``passiveRef`` and one lifecycle
   event per amendment, one ``textualMod`` per operation in ``passiveModifications``, the
   numbering gaps left by deleted articles, the notice, and ``lawtool:amended`` (base
   expression and amendments) in place of the import record;
6. *check*: no two articles with one number.
"""

from __future__ import annotations

import copy
import datetime as _dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..akn import LAWTOOL_NS, NS, Document, akn, local_name
from ..eids import numbered, renumber
from ..errors import AmendmentError, CollisionError, LawtoolError
from ..frbr import FrbrUri
from ..validate import save_valid
from .akn import mod_eid
from .collisions import CheckResult, check_resolved, document_order
from .content import build, build_children, parse_fragment
from .content import unwrap as _unwrap
from .model import Amendment
from .resolve import Resolved, Resolver, match_words, substitute, target_check

MOD_TYPES = {
    "replace": "substitution",
    "substitute": "substitution",
    "insert": "insertion",
    "delete": "repeal",
    "renumber": "renumbering",
    "move": "renumbering",
}
_META_ORDER = (
    "identification",
    "publication",
    "classification",
    "lifecycle",
    "workflow",
    "analysis",
    "temporalData",
    "references",
    "notes",
    "proprietary",
    "presentation",
)


@dataclass
class ApplyResult:
    document: Document
    applied: list[str]  # amendment ids, in the order applied
    renames: dict[str, str]  # eId in the bill → eId in the new expression (those that changed)
    warnings: list[str] = field(default_factory=list)
    check: CheckResult | None = None
    base: Document | None = None  # the bill the amendments were applied to

    def default_path(self, bill: str | Path) -> Path:
        """Where the new expression goes by default: beside the bill's file, ``<lang>@<date>.xml``."""
        new = self.document.frbr_expression
        if new is None:  # apply_amendments names every new expression
            raise LawtoolError("the new expression has no FRBR expression URI")
        return Path(bill).parent / f"{new.language}@{new.expression_date}.xml"

    def save(self, target: str | Path) -> None:
        """Write the new expression to ``target``, only if it validates (:func:`lawtool.validate.save_valid`)
        or its only errors are the bill's own, carried over (a warning says so)."""
        carried = save_valid(
            self.document,
            target,
            what="the new expression",
            hint="check the amendments' new text and numbers",
            carried_from=self.base,
            renames=self.renames,
        )
        if carried:
            first = carried[0]
            self.warnings.append(
                f"{len(carried)} error(s) of the bill carried over unchanged into the new expression "
                f"(first: {first.rule}: {first.message}); `lawtool validate` lists them"
            )


def select(amendments: list[Amendment], status: str | None) -> list[Amendment]:
    return [a for a in amendments if status is None or a.status == status]


def today() -> str:
    """Today's date, or the date of ``SOURCE_DATE_EPOCH`` when set (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return _dt.datetime.fromtimestamp(int(epoch), _dt.UTC).date().isoformat()
    return _dt.date.today().isoformat()


def _leading_number(token: str) -> int:
    """The number a token of the ``gaps`` attribute starts with (0 when it starts with none)."""
    match = re.match(r"\d+", token)
    return int(match.group()) if match else 0


def _check_date(date: str, base: FrbrUri) -> None:
    try:
        _dt.date.fromisoformat(date)
    except (TypeError, ValueError):
        raise AmendmentError(f"the date {date!r} is not a date YYYY-MM-DD", hint="give --date YYYY-MM-DD") from None
    if base.expression_date and date <= base.expression_date:
        raise AmendmentError(
            f"the new expression's date {date} is not after the bill's ({base.expression_date})",
            hint="give --date after the amended expression's date",
        )


def _sequence(amendments: list[Amendment], order: list[str]) -> list[Amendment]:
    by_id = {a.id: a for a in amendments}
    seen = set()
    for ident in order:
        if ident not in by_id:
            raise AmendmentError(
                f"--order names {ident!r}, which is not among the amendments applied",
                hint="list the ids of the amendments given (and selected by --status)",
            )
        if ident in seen:
            raise AmendmentError(f"--order names {ident!r} twice", hint="name each amendment once")
        seen.add(ident)
    missing = [a.id for a in amendments if a.id not in seen]
    if missing:
        raise AmendmentError(
            f"--order leaves out {', '.join(missing)}",
            hint="name every amendment applied, or select fewer with --status",
        )
    return [by_id[i] for i in order]


def apply_amendments(
    bill: Document, amendments: list[Amendment], *, date: str, order: list[str] | None = None, notice: str | None = None
) -> ApplyResult:
    """The new expression of ``bill`` dated ``date`` with ``amendments`` applied (see the module
    docstring).  Raises CollisionError when they collide and no ``order`` is given."""
    if not amendments:
        raise AmendmentError(
            "no amendment to apply",
            path=bill.path,
            hint="give amendment files (and check --status: it selects among them)",
        )
    for a in amendments:
        if a.amends:
            raise AmendmentError(
                f"{a.id} is a sub-amendment of {a.amends}: it changes that amendment, not the bill",
                path=a.path,
                place="amends",
                hint=f"once it is adopted, write its change into {a.amends} and apply {a.amends}; "
                "leave it out here (e.g. --status adopted)",
            )
        base = target_check(a, bill)
    _check_date(date, base)
    doc = Document(copy.deepcopy(bill.tree), bill.path)
    resolver = Resolver(doc)
    resolved = {a.id: resolver.resolve(a) for a in amendments}
    check = check_resolved(resolved, amendments, document_order(doc))
    if order is None:
        if check.collisions:
            raise CollisionError(
                f"{len(check.collisions)} collision(s) between the amendments: not applied",
                report=check,
                hint="apply only compatible ones (--status, fewer files), or give "
                "--order id,id,... to apply them in that order",
            )
        sequence = [next(a for a in amendments if a.id == i) for i in check.order]
    else:
        sequence = _sequence(amendments, order)
    hrefs = _internal_hrefs(doc)
    numbers_before = _base_numbers(doc)
    before = copy.deepcopy(doc.root)  # the document's own eIds, kept where lawtool's convention differs
    applier = _Applier(doc)
    for a in sequence:
        applier.apply(a, resolved[a.id])
    renames = renumber(doc.root, before)
    warnings = _repoint(hrefs, doc.root)
    new = base.with_expression(base.language, date)
    _identity(doc, base, new)
    _record(doc, base, sequence, applier.records)
    _numbering_gaps(doc, numbers_before)
    _provenance(doc, base, sequence, notice)
    _check_numbers(doc)
    return ApplyResult(doc, [a.id for a in sequence], renames, warnings, check, bill)


# -- the operations ----------------------------------------------------------------------------------------


def _root_of(el):
    node = el
    while node.getparent() is not None:
        node = node.getparent()
    return node


class _Applier:
    def __init__(self, doc: Document):
        self.doc = doc
        self.root = doc.root
        self.removed: dict[int, tuple[str, int, str]] = {}  # id(element) → (amendment, operation, how)
        self._kept: list = []  # the removed elements, kept alive so that their id() stays theirs
        self.after_last: dict[int, etree._Element] = {}
        self.records: list[tuple[Amendment, object, etree._Element | None, str]] = []

    def apply(self, amendment: Amendment, resolved: list[Resolved]) -> None:
        phases = (("replace", "substitute"), ("insert", "move"), ("renumber",), ("delete",))
        for names in phases:
            for r in resolved:
                if r.op.op in names:
                    self._alive(r)
                    getattr(self, "_" + r.op.op)(r)

    def _alive(self, r: Resolved) -> None:
        for el, eid in ((r.el, r.op.eid), (r.anchor, r.op.position[1] if r.op.position else None)):
            if el is None:
                continue
            top = _root_of(el)
            if top is self.root:
                continue
            how = self.removed.get(id(top))
            by = f" by {how[0]} (operation {how[1]}), applied before" if how else ""
            raise AmendmentError(
                f"{eid} no longer exists: it was {how[2] if how else 'removed'}{by}",
                path=r.amendment.path,
                place=r.op.place,
                hint="apply this amendment first (--order), or leave one of the two out",
            )

    def _record(self, r: Resolved, el) -> None:
        self.records.append((r.amendment, r.op, el, r.op.first_eid))

    def _mark(self, el, r: Resolved, how: str) -> None:
        self._kept.append(el)
        self.removed[id(el)] = (r.amendment.id, r.op.index, how)

    def _replace(self, r: Resolved) -> None:
        el, op = r.target, r.op
        kind = local_name(el)
        if op.body and "xml" in op.body:
            new = parse_fragment(op.body["xml"], kind)
            for child in list(el):
                self._mark(child, r, f"replaced by {r.amendment.id}")
                el.remove(child)
            keep = {k: el.get(k) for k in ("eId", "wId") if el.get(k)}
            el.attrib.clear()
            el.attrib.update({k: v for k, v in new.attrib.items() if k not in ("eId", "wId")})
            el.attrib.update(keep)
            el.text = new.text
            for child in list(new):
                el.append(child)
        else:
            if op.body:
                for child in list(el):
                    if isinstance(child.tag, str) and local_name(child) in ("num", "heading", "subheading"):
                        continue
                    if isinstance(child.tag, str):
                        self._mark(child, r, "replaced")
                    el.remove(child)
                for child in build_children(kind, op.body):
                    el.append(child)
            if op.heading is not None:
                _set_heading(el, op.heading)
            if op.num is not None:
                _set_num(el, op.num)
        self._record(r, el)

    def _substitute(self, r: Resolved) -> None:
        match = match_words(r.target, r.op, r.amendment)
        substitute(match, r.op.required("with_"))
        self._record(r, r.target)

    def _place(self, r: Resolved, new) -> None:
        anchor, side = r.at, r.side
        if side == "after":
            last = self.after_last.get(id(anchor))
            ref = last if last is not None and last.getparent() is anchor.getparent() else anchor
            ref.addnext(new)
            self.after_last[id(anchor)] = new
        elif side == "before":
            anchor.addprevious(new)
        else:
            wrap = next(
                (c for c in reversed(anchor) if isinstance(c.tag, str) and local_name(c) in ("wrapUp", "listWrapUp")),
                None,
            )
            if wrap is not None:
                wrap.addprevious(new)
            else:
                anchor.append(new)

    def _insert(self, r: Resolved) -> None:
        op = r.op
        new = build(op.kind, op.body, num=op.num, heading=op.heading)
        if r.side != "into" and local_name(new) in ("paragraph", "point") and local_name(r.at) != local_name(new):
            raise AmendmentError(
                f"a {local_name(new)} cannot go {r.side} the <{local_name(r.at)}> {op.first_eid}",
                path=r.amendment.path,
                place=op.place,
                hint=f"insert it after or before a {local_name(new)}, or into its parent",
            )
        self._place(r, new)
        self._record(r, new)

    def _move(self, r: Resolved) -> None:
        el = r.target
        el.getparent().remove(el)
        self._place(r, el)
        if r.op.num is not None:
            _set_num(el, r.op.num)
        self._record(r, el)

    def _renumber(self, r: Resolved) -> None:
        _set_num(r.target, r.op.required("num"))
        self._record(r, r.target)

    def _delete(self, r: Resolved) -> None:
        el = r.target
        self._mark(el, r, f"deleted by {r.amendment.id}")
        el.getparent().remove(el)
        self._record(r, None)


def _set_num(el, text: str) -> None:
    num = el.find(akn("num"))
    if num is None:
        num = etree.Element(akn("num"))
        el.insert(0, num)
    num.text = text


def _set_heading(el, text: str) -> None:
    heading = el.find(akn("heading"))
    if not text:
        if heading is not None:
            el.remove(heading)
        return
    if heading is None:
        heading = etree.Element(akn("heading"))
        num = el.find(akn("num"))
        if num is not None:
            num.addnext(heading)
        else:
            el.insert(0, heading)
    for child in list(heading):
        heading.remove(child)
    heading.text = text


# -- references -----------------------------------------------------------------------------------------------

REFERENCE_ATTRIBUTES = ("href", "from", "upTo")  # ref/a/noteRef/source/destination href; rref from, upTo


def _internal_hrefs(doc: Document) -> list[tuple]:
    """(element, attribute, target element, eId) of every internal reference ``"#eId"``."""
    index = doc.eid_index()
    out = []
    for el in doc.root.iter():
        if not isinstance(el.tag, str):
            continue
        for attr in REFERENCE_ATTRIBUTES:
            value = el.get(attr)
            if value and value.startswith("#") and value[1:] in index:
                out.append((el, attr, index[value[1:]], value[1:]))
    return out


def _attached(el, root) -> bool:
    return _root_of(el) is root


def _repoint(hrefs: list[tuple], root) -> list[str]:
    warnings = []
    for el, attr, target, old in hrefs:
        if not _attached(el, root):
            continue
        if _attached(target, root):
            new = target.get("eId")
            if new and new != old:
                el.set(attr, f"#{new}")
            continue
        holder = el.getparent()
        name = local_name(el)
        if name in ("source", "destination") and holder is not None and local_name(holder) == "textualMod":
            container = holder.getparent()
            if container is None:
                continue
            container.remove(holder)
            warnings.append(f"{holder.get('eId') or 'a textualMod'} dropped: {old} no longer exists")
            if not len(container):
                analysis = container.getparent()
                analysis.remove(container)
                if not len(analysis):
                    analysis.getparent().remove(analysis)
        elif name in ("ref", "rref", "mref"):
            warnings.append(
                f"the reference to {old} («{''.join(el.itertext()).strip()}») was unlinked: {old} no longer exists"
            )
            _unwrap(el)
        else:
            warnings.append(f'<{name} {attr}="#{old}"> names an element that no longer exists')
    return warnings


# -- metadata ---------------------------------------------------------------------------------------------------


def _meta(doc: Document):
    return doc.main.find(akn("meta"))


def _meta_child(meta, name: str, **attrs):
    """The <meta> child ``name``, created at its place in the schema's order when missing."""
    found = meta.find(akn(name))
    if found is not None:
        return found
    el = etree.Element(akn(name), **attrs)
    rank = _META_ORDER.index(name)
    previous = None
    for child in meta:
        if (
            isinstance(child.tag, str)
            and local_name(child) in _META_ORDER
            and _META_ORDER.index(local_name(child)) < rank
        ):
            previous = child
    if previous is None:
        meta.insert(0, el)
    else:
        previous.addnext(el)
    return el


def _identity(doc: Document, base: FrbrUri, new: FrbrUri) -> None:
    old_uri, new_uri = base.expression_uri(), new.expression_uri()
    ident = _meta(doc).find(akn("identification"))
    for level in ("FRBRExpression", "FRBRManifestation"):
        el = ident.find(akn(level))
        if el is None:
            continue
        for field_ in ("FRBRthis", "FRBRuri"):
            item = el.find(akn(field_))
            if item is not None and item.get("value", "").startswith(old_uri):
                item.set("value", new_uri + item.get("value")[len(old_uri) :])
        for item in el.findall(akn("FRBRdate")):
            item.set("date", new.expression_date)


def after_refs(references) -> int:
    """Where a new ``passiveRef`` goes in ``references``: after the ``original`` and the other
    ``passiveRef`` elements."""
    kept = ("original", "passiveRef")
    return 1 + max(
        (i for i, c in enumerate(references) if isinstance(c.tag, str) and local_name(c) in kept), default=-1
    )


def _record(doc: Document, base: FrbrUri, sequence: list[Amendment], records: list[tuple]) -> None:
    meta = _meta(doc)
    date = _meta(doc).find(akn("identification")).find(akn("FRBRExpression")).find(akn("FRBRdate")).get("date")
    references = _meta_child(meta, "references", source="#lawtool")
    position = after_refs(references)
    lifecycle = _meta_child(meta, "lifecycle", source="#lawtool")
    for a in sequence:
        label = f"{a.proposer}: {a.title or a.id}"
        references.insert(
            position, etree.Element(akn("passiveRef"), eId=f"amd_{a.id}", href=a.expression_uri, showAs=label)
        )
        position += 1
        etree.SubElement(
            lifecycle, akn("eventRef"), eId=f"evt_amd_{a.id}", date=date, type="amendment", source=f"#amd_{a.id}"
        )
    events = sorted((e for e in lifecycle if isinstance(e.tag, str)), key=lambda e: e.get("date") or "")
    for e in events:
        lifecycle.append(e)
    if not records:
        return
    analysis = _meta_child(meta, "analysis", source="#lawtool")
    passive = analysis.find(akn("passiveModifications"))
    if passive is None:
        passive = etree.Element(akn("passiveModifications"))
        active = analysis.find(akn("activeModifications"))
        if active is not None:
            active.addnext(passive)
        else:
            analysis.insert(0, passive)
    rank = {a.id: i for i, a in enumerate(sequence)}
    for amendment, op, el, old_eid in sorted(records, key=lambda t: (rank[t[0].id], t[1].index)):
        mod = etree.SubElement(passive, akn("textualMod"), type=MOD_TYPES[op.op], eId=f"pmod_{amendment.id}_{op.index}")
        etree.SubElement(mod, akn("source"), href=f"{amendment.expression_uri}/~{mod_eid(op.index)}")
        if el is not None and el.get("eId") and _attached(el, doc.root):
            destination = f"#{el.get('eId')}"
        else:
            destination = f"{base.expression_uri()}/~{old_eid}"
        etree.SubElement(mod, akn("destination"), href=destination)


def _numbers(doc: Document) -> list[tuple]:
    """(article, number) of the document's own numbered articles (not those of its attachments)."""
    return numbered(doc.articles(include_attachments=False))


def _base_numbers(doc: Document) -> set[int]:
    found = set()
    for _, number in _numbers(doc):
        first = number.split("-to-")[0].split("-")[0]
        if first.isdigit():
            found.add(int(first))
    return found


def _numbering_gaps(doc: Document, before: set[int]) -> None:
    """Declare the base numbers that deleted (or moved) articles left vacant; forget declared
    single numbers that are no longer gaps."""
    after = _base_numbers(doc)
    vacated = sorted(before - after)
    meta = _meta(doc)
    found = meta.xpath("./a:proprietary/lt:numbering", namespaces={"a": NS, "lt": LAWTOOL_NS})
    if not vacated and not found:
        return
    if found:
        el = found[0]
    else:
        proprietary = _lawtool_proprietary(meta)
        el = etree.Element(f"{{{LAWTOOL_NS}}}numbering", nsmap={"lawtool": LAWTOOL_NS})
        proprietary.insert(0, el)
    tokens = [t for t in re.split(r"[\s,]+", el.get("gaps", "").strip()) if t]
    kept = [t for t in tokens if not (t.isdigit() and int(t) in after)]
    numbers = {int(t) for t in kept if t.isdigit()}
    kept += [str(n) for n in vacated if n not in numbers]
    kept.sort(key=_leading_number)
    el.set("gaps", " ".join(kept))


def _lawtool_proprietary(meta):
    for prop in meta.findall(akn("proprietary")):
        if prop.get("source") == "#lawtool":
            return prop
    prop = etree.Element(akn("proprietary"), source="#lawtool")
    previous = [
        c
        for c in meta
        if isinstance(c.tag, str)
        and local_name(c) in _META_ORDER
        and _META_ORDER.index(local_name(c)) <= _META_ORDER.index("proprietary")
    ]
    if previous:
        previous[-1].addnext(prop)
    else:
        meta.append(prop)
    return prop


def _provenance(doc: Document, base: FrbrUri, sequence: list[Amendment], notice: str | None) -> None:
    """``lawtool:amended`` (base expression, amendments, notice) replaces the import record, whose
    source file and checksum describe the base expression, not this one."""
    meta = _meta(doc)
    proprietary = _lawtool_proprietary(meta)
    old = proprietary.find(f"{{{LAWTOOL_NS}}}import")
    if old is None:
        old = proprietary.find(f"{{{LAWTOOL_NS}}}amended")
    old_notice = old.find(f"{{{LAWTOOL_NS}}}notice") if old is not None else None
    text = notice if notice is not None else (old_notice.text if old_notice is not None else None)
    amended = etree.Element(
        f"{{{LAWTOOL_NS}}}amended",
        nsmap={"lawtool": LAWTOOL_NS},
        base=base.expression_uri(),
        amendments=" ".join(a.id for a in sequence),
    )
    if text:
        etree.SubElement(amended, f"{{{LAWTOOL_NS}}}notice").text = text
    if old is not None:
        old.addnext(amended)
        proprietary.remove(old)
    else:
        proprietary.append(amended)
    if notice is not None:
        preface = doc.main.find(akn("preface"))
        if preface is not None:
            write_notice(preface, notice)


def write_notice(preface: etree._Element, notice: str, css: str | None = None) -> None:
    """The notice paragraph (``class="lawtool-notice"``) at the top of ``preface``, made or rewritten
    with ``notice``; ``css``: its class when it must say more (a projection)."""
    p = next((p for p in preface if isinstance(p.tag, str) and "lawtool-notice" in (p.get("class") or "")), None)
    if p is None:
        p = etree.Element(akn("p"), **{"class": css or "lawtool-notice"})
        preface.insert(0, p)
    for child in list(p):
        p.remove(child)
    p.text = notice
    if css:
        p.set("class", css)


def _check_numbers(doc: Document) -> None:
    seen: dict[str, str] = {}
    for article, number in _numbers(doc):
        if number in seen:
            raise AmendmentError(
                f"after the amendments, two articles have the number {number} "
                f"({seen[number]} and {article.get('eId')})",
                hint="give the new or renumbered article another number",
            )
        seen[number] = article.get("eId")
