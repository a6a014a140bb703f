"""Amendments as Akoma Ntoso ``amendment`` documents, and back.

    <amendment name="amendment">
      <meta>  FRBR of the amendment (/akn/ma/amendment/<date>/<id>/ara@<date>); the proposer as a
              TLCOrganization; one textualMod per operation in activeModifications; status, id and
              the example flag in <lawtool:amendment>
      <preface>  docType, docProponent, affectedDocument (the target expression), docDate, docStatus
      <amendmentBody>
        <amendmentHeading>  «تعديل dv-2025-01 على المادة 17»
        <amendmentContent>
          <blockContainer>  one per operation:
            <p><mod>  the Arabic instruction, with <ref> to the element, <quotedText> for the words
                      replaced and the new words (or the new number, heading), <quotedStructure>
                      holding the new element
            <p xml:lang="fr" class="lawtool-fr">  the French instruction
        <amendmentJustification>  one <p> per line of the justification

How an operation is recorded in its ``textualMod`` (the import reads only these and the elements
they point at, so that import(export(a)) gives the same operations):

==========  ==============  ====================================================================
operation   type            destination / previous / old / new
==========  ==============  ====================================================================
replace     substitution    destination = the element; new = the quotedStructure (or quotedTexts
                            of class ``lawtool-num`` / ``lawtool-heading`` for a new num/heading only)
substitute  substitution    destination = the element; old, new = the two quotedTexts (an
                            ``occurrence`` is the class ``lawtool-occurrence-N`` of the first)
insert      insertion       destination = the anchor with ``pos`` after | before | end (into);
                            new = the quotedStructure
delete      repeal          destination = the element
move        renumbering     previous = the element; destination = the anchor with ``pos``;
                            new = the quotedText of class ``lawtool-num`` when renumbered too
renumber    renumbering     destination = the element; new = the quotedText of class ``lawtool-num``
==========  ==============  ====================================================================

Akoma Ntoso has no type for a move: lawtool records it as a renumbering with a ``previous``
element and a positioned destination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NoReturn

from lxml import etree

from ..akn import LAWTOOL_NS, NS, Document, E, akn, identification, local_name, text_of
from ..eids import assign_eids
from ..errors import AmendmentError
from ..frbr import FrbrUri
from .content import body_of, build, head_of, kind_of_eid, parse_fragment
from .model import Amendment, Operation, parse_amendment
from .wording import Namer, instruction

STATUS_AR = {"proposed": "مقترح", "adopted": "مقبول", "rejected": "مرفوض", "withdrawn": "مسحوب", "fallen": "ساقط"}
EXAMPLE_NOTICE = (
    "مثال: تعديل مصطنع أعد لمشروع lawtool، وليس تعديلا قدمه أي فريق أو عضو برلماني. "
    "Example amendment made up for the lawtool project; not proposed by any parliamentary group "
    "or member."
)
POS = {"after": "after", "before": "before", "into": "end"}
SIDE = {v: k for k, v in POS.items()}


def mod_eid(index: int) -> str:
    """The eId of operation ``index``'s <mod> in the exported document."""
    return f"blockContainer_{index}__mod_1"


def _append_text(el, text: str) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _quoted_text(eid: str, text: str, *, quotes: bool, cls: str | None = None) -> etree._Element:
    q = E("quotedText", text=text, eId=eid, class_=cls)
    if quotes:
        q.set("startQuote", '"')
        q.set("endQuote", '"')
    return q


_QUOTED_CLASS = {"num": "lawtool-num", "heading": "lawtool-heading"}


def _append_wording(mod, op: Operation, parts: tuple, target: str) -> tuple[list, list]:
    """The Arabic instruction in ``mod``: text, refs to the target and quoted texts; the eIds of
    the quoted old words and of the new ones."""
    prefix = mod_eid(op.index)
    olds: list = []
    news: list = []
    for part in parts:
        kind = part[0]
        if kind == "t":
            _append_text(mod, part[1])
        elif kind == "ref":
            mod.append(E("ref", text=part[1], href=f"{target}/~{part[2]}"))
        else:
            eid = f"{prefix}__qtext_{len(olds) + len(news) + 1}"
            cls = f"lawtool-occurrence-{op.occurrence}" if kind == "old" and op.occurrence else _QUOTED_CLASS.get(kind)
            mod.append(_quoted_text(eid, part[1], quotes=kind in ("old", "new", "heading"), cls=cls))
            (olds if kind == "old" else news).append(eid)
    return olds, news


def _mod_container(op: Operation, namer: Namer, target: str):
    """The operation's blockContainer (its <mod> in Arabic, with the new text as a quotedStructure,
    and its French wording) and its textualMod."""
    wording = instruction(op, namer)
    mod = E("mod")
    container = E("blockContainer", E("p", mod))
    olds, news = _append_wording(mod, op, wording.ar, target)
    if op.op in ("replace", "insert") and op.body:
        _append_text(mod, " ")
        qstr = E("quotedStructure", startQuote="«", endQuote="»")
        qstr.append(build(op.kind if op.op == "insert" else _kind(op), op.body, num=op.num, heading=op.heading))
        mod.append(qstr)
        news.append(None)  # the quotedStructure: its eId is known after assign_eids
    container.append(
        E("p", text=wording.text_fr, class_="lawtool-fr", **{"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
    )
    return container, _textual_mod(op, op.index, target, olds, news)


def _touched(amendment: Amendment) -> list[str]:
    """The top-level elements (articles ...) the operations name, in order."""
    touched: list[str] = []
    for op in amendment.operations:
        for eid in op.eids:
            top = eid.split("__")[0]
            if top not in touched:
                touched.append(top)
    return touched


def _identification(amendment: Amendment) -> etree._Element:
    return identification(
        amendment.work_uri,
        amendment.expression_uri,
        work_date=amendment.date,
        date=amendment.date,
        author="#proposer",
        country=amendment.target.country,
        language=amendment.target.language,
        number=amendment.id,
        title=amendment.title,
    )


def _references(amendment: Amendment, bill_title: str) -> etree._Element:
    return E(
        "references",
        E("original", eId="original", href=amendment.work_uri, showAs=amendment.title or f"تعديل {amendment.id}"),
        E("activeRef", eId="target", href=str(amendment.target), showAs=bill_title),
        E(
            "TLCOrganization",
            eId="proposer",
            href=f"/ontology/organization/lawtool/proposer/{amendment.id}",
            showAs=amendment.proposer,
        ),
        E("TLCOrganization", eId="lawtool", href="/ontology/organization/lawtool", showAs="lawtool"),
        E(
            "TLCConcept",
            eId=f"status_{amendment.status}",
            href=f"/ontology/concept/lawtool/amendment-status/{amendment.status}",
            showAs=amendment.status,
        ),
        source="#lawtool",
    )


def _proprietary(amendment: Amendment) -> etree._Element:
    """lawtool's record: id, status and the fields AKN has no place for."""
    proprietary = E("proprietary", source="#lawtool")
    record = etree.SubElement(
        proprietary,
        f"{{{LAWTOOL_NS}}}amendment",
        nsmap={"lawtool": LAWTOOL_NS},
        id=amendment.id,
        status=amendment.status,
    )
    if amendment.example:
        record.set("example", "true")
    if amendment.title:
        record.set("title", amendment.title)
    if amendment.amends:
        record.set("amends", amendment.amends)
    for key, value in (amendment.votes or {}).items():
        record.set(f"votes-{key}", str(value))
    for name in amendment.cosignatories:
        etree.SubElement(record, f"{{{LAWTOOL_NS}}}cosignatory").text = name
    return proprietary


def _meta(amendment: Amendment, active: etree._Element, bill_title: str) -> etree._Element:
    return E(
        "meta",
        _identification(amendment),
        E(
            "lifecycle",
            E("eventRef", eId="evt_generation", date=amendment.date, type="generation", source="#original"),
            source="#lawtool",
        ),
        E("analysis", active, source="#lawtool"),
        _references(amendment, bill_title),
        _proprietary(amendment),
    )


def _preface(amendment: Amendment, bill_title: str) -> etree._Element:
    preface = E("preface")
    if amendment.example:
        preface.append(E("p", text=EXAMPLE_NOTICE, class_="lawtool-notice"))
    date, status = amendment.date, amendment.status
    preface.append(E("p", E("docType", text="تعديل")))
    preface.append(E("p", E("docProponent", text=amendment.proposer, refersTo="#proposer")))
    preface.append(E("p", E("affectedDocument", text=bill_title, href=str(amendment.target))))
    preface.append(E("p", E("docDate", text=date, date=date)))
    preface.append(E("p", E("docStatus", text=STATUS_AR[status], refersTo=f"#status_{status}")))
    return preface


def _amendment_body(amendment: Amendment, content: etree._Element, names: str) -> etree._Element:
    body = E("amendmentBody")
    heading = f"تعديل {amendment.id} على {names}" if names else f"تعديل {amendment.id}"
    body.append(E("amendmentHeading", E("p", text=heading)))
    body.append(content)
    if amendment.justification:
        justification = E("amendmentJustification")
        for line in amendment.justification.split("\n"):
            if line.strip():
                justification.append(E("p", text=line.strip()))
        body.append(justification)
    return body


def _point_at_quoted_structures(root, amendment: Amendment, active: etree._Element) -> None:
    """The quotedStructures' eIds are known once assigned: point the textualMods at them."""
    for op in amendment.operations:
        mod = root.xpath("//*[@eId=$e]", e=mod_eid(op.index))[0]
        qstr = mod.find(akn("quotedStructure"))
        if qstr is not None:
            tmod = active[op.index - 1]
            for new in tmod.findall(akn("new")):
                if new.get("href") == "#?":
                    new.set("href", f"#{qstr.get('eId')}")


def to_akn(amendment: Amendment, bill: Document | None = None) -> Document:
    """The amendment as an AKN ``amendment`` document; names of elements read from ``bill``
    (the target expression) when given."""
    target = str(amendment.target)
    namer = Namer(bill)
    bill_title = (bill.title if bill is not None else None) or target
    root = etree.Element(akn("akomaNtoso"), nsmap={None: NS})
    doc = etree.SubElement(root, akn("amendment"), name="amendment")
    active = E("activeModifications")
    content = E("amendmentContent")
    for op in amendment.operations:
        container, tmod = _mod_container(op, namer, target)
        content.append(container)
        active.append(tmod)
    doc.append(_meta(amendment, active, bill_title))
    doc.append(_preface(amendment, bill_title))
    names = "، ".join(namer.name(t).ar for t in _touched(amendment))
    doc.append(_amendment_body(amendment, content, names))
    assign_eids(root)
    _point_at_quoted_structures(root, amendment, active)
    return Document(root.getroottree(), f"<{amendment.id}.xml>")


def _kind(op: Operation) -> str:
    return kind_of_eid(op.required("eid"))


def _textual_mod(op: Operation, n: int, target: str, olds: list, news: list) -> etree._Element:
    kind = {
        "replace": "substitution",
        "substitute": "substitution",
        "insert": "insertion",
        "delete": "repeal",
        "move": "renumbering",
        "renumber": "renumbering",
    }[op.op]
    tmod = E("textualMod", type=kind, eId=f"amod_{n}")
    tmod.append(E("source", href=f"#{mod_eid(n)}"))
    if op.position:
        side, where = op.position
        tmod.append(E("destination", href=f"{target}/~{where}", pos=POS[side]))
    else:
        tmod.append(E("destination", href=f"{target}/~{op.eid}"))
    if op.op == "move":
        tmod.append(E("previous", href=f"{target}/~{op.eid}"))
    for eid in olds:
        tmod.append(E("old", href=f"#{eid}"))
    for eid in news:
        tmod.append(E("new", href=f"#{eid}" if eid else "#?"))
    return tmod


# -- import ------------------------------------------------------------------------------------------------------


def _fail(message: str, path: str, place=None, hint: str | None = None) -> NoReturn:
    raise AmendmentError(
        message, path=path, place=place, hint=hint or "give an amendment exported by lawtool (lawtool amend export)"
    )


def _portion(href: str, path: str, place: str) -> str:
    if "~" not in (href or ""):
        _fail(f"the destination {href!r} names no element (no ~eId)", path, place)
    return href.rsplit("~", 1)[1]


def _record_fields(record) -> dict:
    """The fields kept in lawtool's record, when set."""
    data: dict = {}
    if record.get("example") == "true":
        data["example"] = True
    if record.get("title"):
        data["title"] = record.get("title")
    if record.get("amends"):
        data["amends"] = record.get("amends")
    votes = {
        k: int(record.get(f"votes-{k}"))
        for k in ("for", "against", "abstain")
        if (record.get(f"votes-{k}") or "").isdigit()
    }
    if votes:
        data["votes"] = votes
    cosignatories = [c.text or "" for c in record.findall(f"{{{LAWTOOL_NS}}}cosignatory")]
    if cosignatories:
        data["cosignatories"] = cosignatories
    return data


def from_akn(document: Document, path: str | None = None) -> Amendment:
    """Read an amendment back from its AKN document (the inverse of ``to_akn``)."""
    path = path or document.path
    if document.doctype != "amendment":
        _fail(f"not an amendment document (<{document.doctype}>)", path)
    main = document.main
    ns = {"a": NS, "lt": LAWTOOL_NS}
    record = main.xpath("./a:meta/a:proprietary/lt:amendment", namespaces=ns)
    if not record:
        _fail("no <lawtool:amendment> record in <proprietary> (id and status)", path)
    record = record[0]
    index = document.eid_index()
    affected = main.xpath("./a:preface//a:affectedDocument/@href", namespaces=ns)
    proposer = main.xpath("./a:preface//a:docProponent", namespaces=ns)
    justification = [text_of(p) for p in main.xpath("./a:amendmentBody/a:amendmentJustification/a:p", namespaces=ns)]
    tmods = main.xpath("./a:meta/a:analysis/a:activeModifications/a:textualMod", namespaces=ns)
    data = {
        "id": record.get("id"),
        "target": affected[0] if affected else None,
        "proposer": text_of(proposer[0]) if proposer else None,
        "date": document.expression_date,
        "status": record.get("status"),
        "operations": [_operation(tmod, index, path, f"operation {n}") for n, tmod in enumerate(tmods, start=1)],
        **_record_fields(record),
    }
    if justification:
        data["justification"] = "\n".join(justification)
    data = {k: v for k, v in data.items() if v is not None}
    return parse_amendment(data, path)


def _text(el) -> str:
    return "".join(el.itertext())


@dataclass
class _TextualMod:
    """What a textualMod says, read once for the reader of its type."""

    where: str  # the destination's eId
    pos: str | None
    previous: etree._Element | None
    olds: list
    texts: list  # the quoted new texts
    quoted: etree._Element | None  # the quotedStructure, if any
    path: str
    place: str

    def by_class(self, name: str) -> str | None:
        found = [t for t in self.texts if (t.get("class") or "") == name]
        return _text(found[0]) if found else None


def _repeal(m: _TextualMod) -> dict:
    return {"op": "delete", "eid": m.where}


def _insertion(m: _TextualMod) -> dict:
    if m.quoted is None or m.pos not in SIDE:
        _fail("an insertion without its quoted structure or position", m.path, m.place)
    return {"op": "insert", SIDE[m.pos]: m.where, **_element_fields(m.quoted, m.path, m.place)}


def _renumbering(m: _TextualMod) -> dict:
    num = m.by_class("lawtool-num")
    if m.previous is None:
        return {"op": "renumber", "eid": m.where, "num": num}
    op: dict[str, object] = {
        "op": "move",
        "eid": _portion(m.previous.get("href"), m.path, m.place),
        SIDE.get(m.pos or "", "after"): m.where,
    }
    if num is not None:
        op["num"] = num
    return op


def _substitution(m: _TextualMod) -> dict:
    op: dict[str, object]
    if m.olds:
        op = {
            "op": "substitute",
            "eid": m.where,
            "find": _text(m.olds[0]),
            "with": _text(m.texts[-1]) if m.texts else "",
        }
        match = re.match(r"lawtool-occurrence-(\d+)", m.olds[0].get("class") or "")
        if match:
            op["occurrence"] = int(match.group(1))
        return op
    op = {"op": "replace", "eid": m.where}
    if m.quoted is not None:
        fields = _element_fields(m.quoted, m.path, m.place)
        fields.pop("element", None)
        return {**op, **fields}
    for name, key in (("lawtool-num", "num"), ("lawtool-heading", "heading")):
        value = m.by_class(name)
        if value is not None:
            op[key] = value
    return op


_READERS = {"repeal": _repeal, "insertion": _insertion, "renumbering": _renumbering, "substitution": _substitution}


def _operation(tmod, index: dict, path: str, place: str) -> dict:
    kind = tmod.get("type")
    destination = tmod.find(akn("destination"))
    olds: list = [index.get((o.get("href") or "#")[1:]) for o in tmod.findall(akn("old"))]  # no None: checked below
    news: list = [index.get((o.get("href") or "#")[1:]) for o in tmod.findall(akn("new"))]
    if destination is None or any(x is None for x in olds + news):
        _fail("a textualMod points at elements that are not in the document", path, place)
    where = _portion(destination.get("href"), path, place)
    if kind not in _READERS:
        _fail(f"a textualMod of type {kind!r}, which lawtool amendments do not use", path, place)
    mod = _TextualMod(
        where=where,
        pos=destination.get("pos"),
        previous=tmod.find(akn("previous")),
        olds=olds,
        texts=[x for x in news if local_name(x) == "quotedText"],
        quoted=next((x for x in news if local_name(x) == "quotedStructure"), None),
        path=path,
        place=place,
    )
    return _READERS[kind](mod)


def _element_fields(quoted, path: str, place: str) -> dict:
    children = [c for c in quoted if isinstance(c.tag, str)]
    if len(children) != 1:
        _fail("a quoted structure must hold exactly one element", path, place)
    el = children[0]
    body = body_of(el)
    fields = {"element": local_name(el)}
    if "xml" not in body:
        num, heading = head_of(el)
        if num is not None:
            fields["num"] = num
        if heading is not None:
            fields["heading"] = heading
    fields.update(body)
    if "xml" in body:
        parse_fragment(body["xml"])
    return fields


def load_akn_amendment(path) -> Amendment:
    return from_akn(Document.load(path), str(path))


__all__ = ["to_akn", "from_akn", "load_akn_amendment", "mod_eid", "FrbrUri"]
