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
from typing import NoReturn

from lxml import etree

from ..akn import NS, Document, akn, local_name, text_of
from ..eids import assign_eids
from ..errors import AmendmentError
from ..frbr import FrbrUri
from .content import body_of, build, head_of, parse_fragment
from .model import Amendment, Operation, parse_amendment
from .wording import Namer, instruction

LAWTOOL_NS = "https://lawtool.ma/ns/1.0"
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


def _e(tag: str, *children, text=None, **attrs) -> etree._Element:
    el = etree.Element(akn(tag), {k.rstrip("_"): v for k, v in attrs.items() if v is not None})
    if text is not None:
        el.text = text
    for c in children:
        if c is not None:
            el.append(c)
    return el


def _append_text(el, text: str) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "") + text
    else:
        el.text = (el.text or "") + text


def _quoted_text(eid: str, text: str, *, quotes: bool, cls: str | None = None) -> etree._Element:
    q = _e("quotedText", text=text, eId=eid, class_=cls)
    if quotes:
        q.set("startQuote", '"')
        q.set("endQuote", '"')
    return q


def to_akn(amendment: Amendment, bill: Document | None = None) -> Document:
    """The amendment as an AKN ``amendment`` document; names of elements read from ``bill``
    (the target expression) when given."""
    target = str(amendment.target)
    work, expression = amendment.work_uri, amendment.expression_uri
    date = amendment.date
    namer = Namer(bill)
    bill_title = (bill.title if bill is not None else None) or target
    root = etree.Element(akn("akomaNtoso"), nsmap={None: NS})
    doc = etree.SubElement(root, akn("amendment"), name="amendment")

    active = _e("activeModifications")
    content = _e("amendmentContent")
    touched: list[str] = []
    for op in amendment.operations:
        wording = instruction(op, namer)
        n = op.index
        container = _e("blockContainer")
        p = _e("p")
        mod = _e("mod")
        p.append(mod)
        container.append(p)
        prefix = mod_eid(n)
        qtexts = 0
        olds: list[etree._Element] = []
        news: list[etree._Element] = []
        for part in wording.ar:
            kind = part[0]
            if kind == "t":
                _append_text(mod, part[1])
            elif kind == "ref":
                mod.append(_e("ref", text=part[1], href=f"{target}/~{part[2]}"))
            else:
                qtexts += 1
                eid = f"{prefix}__qtext_{qtexts}"
                cls = {"num": "lawtool-num", "heading": "lawtool-heading"}.get(kind)
                if kind == "old" and op.occurrence:
                    cls = f"lawtool-occurrence-{op.occurrence}"
                mod.append(_quoted_text(eid, part[1], quotes=kind in ("old", "new", "heading"), cls=cls))
                (olds if kind == "old" else news).append(eid)
        if op.op in ("replace", "insert") and op.body:
            _append_text(mod, " ")
            qstr = _e("quotedStructure", startQuote="«", endQuote="»")
            qstr.append(build(op.kind if op.op == "insert" else _kind(op), op.body, num=op.num, heading=op.heading))
            mod.append(qstr)
            news.append(None)  # the quotedStructure: its eId is known after assign_eids
        container.append(
            _e("p", text=wording.text_fr, class_="lawtool-fr", **{"{http://www.w3.org/XML/1998/namespace}lang": "fr"})
        )
        content.append(container)
        active.append(_textual_mod(op, n, target, olds, news))
        for eid in op.eids:
            top = eid.split("__")[0]
            if top not in touched:
                touched.append(top)

    meta = _e(
        "meta",
        _e(
            "identification",
            _e(
                "FRBRWork",
                _e("FRBRthis", value=f"{work}/!main"),
                _e("FRBRuri", value=work),
                _e("FRBRalias", value=amendment.title, name="title") if amendment.title else None,
                _e("FRBRdate", date=date, name="Generation"),
                _e("FRBRauthor", href="#proposer"),
                _e("FRBRcountry", value=amendment.target.country),
                _e("FRBRnumber", value=amendment.id),
            ),
            _e(
                "FRBRExpression",
                _e("FRBRthis", value=f"{expression}/!main"),
                _e("FRBRuri", value=expression),
                _e("FRBRdate", date=date, name="Expression"),
                _e("FRBRauthor", href="#proposer"),
                _e("FRBRlanguage", language=amendment.target.language),
            ),
            _e(
                "FRBRManifestation",
                _e("FRBRthis", value=f"{expression}/!main.xml"),
                _e("FRBRuri", value=f"{expression}.xml"),
                _e("FRBRdate", date=date, name="Transform"),
                _e("FRBRauthor", href="#lawtool"),
            ),
            source="#lawtool",
        ),
        _e(
            "lifecycle",
            _e("eventRef", eId="evt_generation", date=date, type="generation", source="#original"),
            source="#lawtool",
        ),
        _e("analysis", active, source="#lawtool"),
        _e(
            "references",
            _e("original", eId="original", href=work, showAs=amendment.title or f"تعديل {amendment.id}"),
            _e("activeRef", eId="target", href=target, showAs=bill_title),
            _e(
                "TLCOrganization",
                eId="proposer",
                href=f"/ontology/organization/lawtool/proposer/{amendment.id}",
                showAs=amendment.proposer,
            ),
            _e("TLCOrganization", eId="lawtool", href="/ontology/organization/lawtool", showAs="lawtool"),
            _e(
                "TLCConcept",
                eId=f"status_{amendment.status}",
                href=f"/ontology/concept/lawtool/amendment-status/{amendment.status}",
                showAs=amendment.status,
            ),
            source="#lawtool",
        ),
    )
    proprietary = _e("proprietary", source="#lawtool")
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
    meta.append(proprietary)
    doc.append(meta)

    preface = _e("preface")
    if amendment.example:
        preface.append(_e("p", text=EXAMPLE_NOTICE, class_="lawtool-notice"))
    preface.append(_e("p", _e("docType", text="تعديل")))
    preface.append(_e("p", _e("docProponent", text=amendment.proposer, refersTo="#proposer")))
    preface.append(_e("p", _e("affectedDocument", text=bill_title, href=target)))
    preface.append(_e("p", _e("docDate", text=date, date=date)))
    preface.append(_e("p", _e("docStatus", text=STATUS_AR[amendment.status], refersTo=f"#status_{amendment.status}")))
    doc.append(preface)

    body = _e("amendmentBody")
    names = "، ".join(namer.name(t).ar for t in touched)
    body.append(
        _e("amendmentHeading", _e("p", text=f"تعديل {amendment.id} على {names}" if names else f"تعديل {amendment.id}"))
    )
    body.append(content)
    if amendment.justification:
        justification = _e("amendmentJustification")
        for line in amendment.justification.split("\n"):
            if line.strip():
                justification.append(_e("p", text=line.strip()))
        body.append(justification)
    doc.append(body)
    assign_eids(root)
    # the quotedStructures' eIds are known now: point the textualMods at them
    for op in amendment.operations:
        mod = root.xpath("//*[@eId=$e]", e=mod_eid(op.index))[0]
        qstr = mod.find(akn("quotedStructure"))
        if qstr is not None:
            tmod = active[op.index - 1]
            for new in tmod.findall(akn("new")):
                if new.get("href") == "#?":
                    new.set("href", f"#{qstr.get('eId')}")
    return Document(root.getroottree(), f"<{amendment.id}.xml>")


def _kind(op: Operation) -> str:
    from .content import kind_of_eid

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
    tmod = _e("textualMod", type=kind, eId=f"amod_{n}")
    tmod.append(_e("source", href=f"#{mod_eid(n)}"))
    if op.position:
        side, where = op.position
        tmod.append(_e("destination", href=f"{target}/~{where}", pos=POS[side]))
    else:
        tmod.append(_e("destination", href=f"{target}/~{op.eid}"))
    if op.op == "move":
        tmod.append(_e("previous", href=f"{target}/~{op.eid}"))
    for eid in olds:
        tmod.append(_e("old", href=f"#{eid}"))
    for eid in news:
        tmod.append(_e("new", href=f"#{eid}" if eid else "#?"))
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
    date = document.expression_date
    justification = [text_of(p) for p in main.xpath("./a:amendmentBody/a:amendmentJustification/a:p", namespaces=ns)]
    operations = []
    for n, tmod in enumerate(
        main.xpath("./a:meta/a:analysis/a:activeModifications/a:textualMod", namespaces=ns), start=1
    ):
        operations.append(_operation(tmod, index, path, f"operation {n}"))
    data = {
        "id": record.get("id"),
        "target": affected[0] if affected else None,
        "proposer": text_of(proposer[0]) if proposer else None,
        "date": date,
        "status": record.get("status"),
        "operations": operations,
    }
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
    if justification:
        data["justification"] = "\n".join(justification)
    data = {k: v for k, v in data.items() if v is not None}
    return parse_amendment(data, path)


def _text(el) -> str:
    return "".join(el.itertext())


def _operation(tmod, index: dict, path: str, place: str) -> dict:
    kind = tmod.get("type")
    destination = tmod.find(akn("destination"))
    previous = tmod.find(akn("previous"))
    olds: list = [index.get((o.get("href") or "#")[1:]) for o in tmod.findall(akn("old"))]  # no None: checked below
    news: list = [index.get((o.get("href") or "#")[1:]) for o in tmod.findall(akn("new"))]
    if destination is None or any(x is None for x in olds + news):
        _fail("a textualMod points at elements that are not in the document", path, place)
    where = _portion(destination.get("href"), path, place)
    pos = destination.get("pos")
    quoted = next((x for x in news if local_name(x) == "quotedStructure"), None)
    texts = [x for x in news if local_name(x) == "quotedText"]

    def by_class(name):
        found = [t for t in texts if (t.get("class") or "") == name]
        return _text(found[0]) if found else None

    if kind == "repeal":
        return {"op": "delete", "eid": where}
    if kind == "insertion":
        if quoted is None or pos not in SIDE:
            _fail("an insertion without its quoted structure or position", path, place)
        return {"op": "insert", SIDE[pos]: where, **_element_fields(quoted, path, place)}
    if kind == "renumbering":
        num = by_class("lawtool-num")
        if previous is not None:
            op: dict[str, object] = {
                "op": "move",
                "eid": _portion(previous.get("href"), path, place),
                SIDE.get(pos, "after"): where,
            }
            if num is not None:
                op["num"] = num
            return op
        return {"op": "renumber", "eid": where, "num": num}
    if kind == "substitution":
        if olds:
            op = {"op": "substitute", "eid": where, "find": _text(olds[0]), "with": _text(texts[-1]) if texts else ""}
            match = re.match(r"lawtool-occurrence-(\d+)", olds[0].get("class") or "")
            if match:
                op["occurrence"] = int(match.group(1))
            return op
        op = {"op": "replace", "eid": where}
        if quoted is not None:
            fields = _element_fields(quoted, path, place)
            fields.pop("element", None)
            op.update(fields)
            return op
        for name, key in (("lawtool-num", "num"), ("lawtool-heading", "heading")):
            value = by_class(name)
            if value is not None:
                op[key] = value
        return op
    _fail(f"a textualMod of type {kind!r}, which lawtool amendments do not use", path, place)


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
