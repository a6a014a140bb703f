"""The amendment list a committee works from («لائحة التعديلات»), in Arabic: the amendments in the
order of the bill, numbered, grouped by article, each with its proposer and co-signatories, its
status and outcome (with the vote when given), its wording and new text, its justification, and
the notes on collisions that committees use («إذا قبل التعديل 3 سقط التعديل 5»).  Sub-amendments
(``amends: <id>``) follow their amendment, numbered «3-1», «3-2», with their own collision notes
(checked against the bill as their amendment leaves it).

``build_list`` makes the data (JSON); ``to_html``, ``to_docx`` write it; PDF is the HTML printed
by lawtool.pdf.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from ..akn import Document
from ..diff.docx import finish, new_document, paragraph
from ..errors import AmendmentError, LawtoolError
from ..htmlbuild import Html, concat, elem, join, lines, page
from .apply import apply_amendments
from .collisions import check_collisions
from .model import Amendment
from .resolve import target_check
from .wording import Namer, instructions

STATUS_AR = {"proposed": "مقترح", "adopted": "مقبول", "rejected": "مرفوض", "withdrawn": "مسحوب", "fallen": "ساقط"}
VOTES_AR = {"for": "الموافقون", "against": "المعارضون", "abstain": "الممتنعون"}
TITLE_AR = "لائحة التعديلات"
WORKING_TEXT_AR = "نص عمل: هذه اللائحة وثيقة عمل أعدتها أداة lawtool، وليست وثيقة رسمية؛ صيغة المقترح المعدل صيغة عمل."
EXAMPLE_AR = "تعديل مثال مصطنع، لم يقدمه أي فريق أو عضو برلماني."


def _first_position(amendment: Amendment, order: dict[str, int]) -> int:
    places = [order.get(e, len(order)) for op in amendment.operations for e in op.eids]
    return min(places) if places else len(order)


def _article_of(eid: str) -> str:
    return eid.split("__")[0]


def votes_ar(votes: dict | None) -> str:
    if not votes:
        return ""
    return "، ".join(f"{VOTES_AR[k]}: {v}" for k, v in votes.items())


def _entry(amendment: Amendment, number: str, namer: Namer) -> dict:
    return {
        "number": number,
        "id": amendment.id,
        "title": amendment.title,
        "proposer": amendment.proposer,
        "cosignatories": list(amendment.cosignatories),
        "status": amendment.status,
        "status_ar": STATUS_AR[amendment.status],
        "votes": amendment.votes,
        "votes_ar": votes_ar(amendment.votes),
        "example": amendment.example,
        "amends": amendment.amends,
        "date": amendment.date,
        "wording": [
            {"operation": i.index, "ar": i.text_ar, "text": list(i.lines)} for i in instructions(amendment, namer=namer)
        ],
        "justification": amendment.justification,
        "notes": [],
        "sub": [],
        "path": amendment.path,
    }


def _notes(document: Document, amendments: list[Amendment], numbers: dict[str, str]) -> tuple[dict, list]:
    """{id: [notes]} and the collisions, for amendments that are taken together."""
    notes: dict[str, list[str]] = {a.id: [] for a in amendments}
    if len(amendments) < 2:
        return notes, []
    result = check_collisions(document, amendments)
    for c in result.collisions:
        ranked = sorted(c.amendments, key=lambda i: _rank(numbers[i]))
        first, *others = ranked
        for other in others:
            note = f"إذا قبل التعديل {numbers[first]} سقط التعديل {numbers[other]}"
            for ident in (first, other):
                if note not in notes[ident]:
                    notes[ident].append(note)
    return notes, [c.to_dict() for c in result.collisions]


def _rank(number: str) -> tuple:
    return tuple(int(x) for x in number.split("-"))


def as_parent_leaves_it(bill: Document, parent: Amendment, subs: list[Amendment]):
    """The bill with the parent applied, and the sub-amendments retargeted to it."""
    base = bill.expression_date or "2000-01-01"
    later = (dt.date.fromisoformat(base) + dt.timedelta(days=1)).isoformat()
    applied = apply_amendments(bill, [dataclasses.replace(parent, status="adopted")], date=later).document
    target = applied.frbr_expression
    if target is None:  # apply_amendments gives the new expression its URI
        raise AmendmentError("the adopted parent left no FRBR expression URI", path=bill.path)
    return applied, [dataclasses.replace(s, target=target, amends=None) for s in subs]


def _check_parents(bill: Document, amendments: list[Amendment]) -> None:
    """Each amendment fits the bill; a sub-amendment's parent is given and is not one itself."""
    by_id = {a.id: a for a in amendments}
    for a in amendments:
        target_check(a, bill)
        if a.amends and a.amends not in by_id:
            raise AmendmentError(
                f"`amends` names {a.amends!r}, which is not among the amendments given",
                path=a.path,
                place="amends",
                hint="give the parent amendment's file too",
            )
        if a.amends and by_id[a.amends].amends:
            raise AmendmentError(
                "a sub-amendment of a sub-amendment",
                path=a.path,
                place="amends",
                hint="amend the amendment itself (one level of sub-amendments)",
            )


def _numbering(amendments: list[Amendment], order: dict[str, int]):
    """The amendments in bill order (then date, id), numbered 1, 2 ...; their sub-amendments 1-1,
    1-2 ...: (top-level amendments, {id: number}, {id: sub-amendments})."""

    def place(a: Amendment) -> tuple:
        return _first_position(a, order), a.date, a.id

    top = sorted((a for a in amendments if not a.amends), key=place)
    numbers: dict[str, str] = {}
    children: dict[str, list[Amendment]] = {}
    for n, a in enumerate(top, start=1):
        numbers[a.id] = str(n)
        children[a.id] = sorted((s for s in amendments if s.amends == a.id), key=place)
        for k, s in enumerate(children[a.id], start=1):
            numbers[s.id] = f"{n}-{k}"
    return top, numbers, children


def _sub_entries(bill: Document, parent: Amendment, subs: list[Amendment], numbers: dict[str, str]):
    """The entries of a parent's sub-amendments, checked against the bill as the parent leaves
    it, and their collisions."""
    try:
        applied, retargeted = as_parent_leaves_it(bill, parent, subs)
        sub_notes, collisions = _notes(applied, retargeted, numbers)
    except LawtoolError as error:
        raise AmendmentError(
            f"the sub-amendments of {parent.id} cannot be checked against the bill as "
            f"{parent.id} leaves it: {error.message}",
            path=error.path,
            place=error.place,
            hint=error.hint or "check the sub-amendments' eIds and words",
        ) from None
    sub_namer = Namer(applied)
    entries = []
    for s in subs:
        child = _entry(s, numbers[s.id], sub_namer)
        child["notes"] = sub_notes[s.id] + [f"يسقط إذا رفض التعديل {numbers[parent.id]} أو سحب"]
        entries.append(child)
    return entries, collisions


def _article_group(groups: list[dict], a: Amendment, order: dict[str, int], namer: Namer) -> dict:
    """The group of the article of the amendment's first target: the last one, or a new one."""
    first = min((e for op in a.operations for e in op.eids), key=lambda e: order.get(e, len(order)))
    article = _article_of(first)
    if not groups or groups[-1]["article"] != article:
        label = namer.name(article).ar if article in order else article
        groups.append({"article": article, "label": label, "amendments": []})
    return groups[-1]


def build_list(bill: Document, amendments: list[Amendment]) -> dict:
    """The amendment list as data (the JSON output)."""
    namer = Namer(bill)
    order = {eid: i for i, eid in enumerate(bill.eid_index())}
    _check_parents(bill, amendments)
    top, numbers, children = _numbering(amendments, order)
    notes, collisions = _notes(bill, top, numbers)
    groups: list[dict] = []
    for a in top:
        entry = _entry(a, numbers[a.id], namer)
        entry["notes"] = notes[a.id]
        if children[a.id]:
            subs, sub_collisions = _sub_entries(bill, a, children[a.id], numbers)
            collisions.extend(sub_collisions)
            entry["sub"].extend(subs)
        _article_group(groups, a, order, namer)["amendments"].append(entry)
    return {
        "title": TITLE_AR,
        "bill": {"frbr": str(bill.frbr_expression), "title": bill.title or "", "notice": bill.notice or ""},
        "notice": WORKING_TEXT_AR,
        "count": len(amendments),
        "groups": groups,
        "collisions": collisions,
    }


# -- HTML ------------------------------------------------------------------------------------------------------

CSS = """
body { font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "DejaVu Sans", sans-serif; direction: rtl;
       line-height: 1.6; margin: 1.5em; }
h1 { font-size: 1.4em; } h2 { font-size: 1.15em; border-bottom: 1px solid #999; margin-top: 1.2em; }
.notice { border: 1px solid #b00; padding: .4em .6em; color: #700; }
.amendment { border: 1px solid #ccc; padding: .5em .8em; margin: .6em 0; page-break-inside: avoid; }
.sub { margin-inline-start: 2em; border-style: dashed; }
.meta { color: #333; } .status { font-weight: bold; } .note { color: #7a4a00; font-weight: bold; }
.new { margin-inline-start: 1.5em; border-inline-start: 3px solid #0a6; padding-inline-start: .5em; }
.example { font-style: italic; color: #555; }
"""


def _entry_head(entry: dict, sub: bool) -> list:
    """The heading, the example mark, the proposer, co-signatories, status and votes."""
    title = (" — ", entry["title"]) if entry["title"] else ()
    out = [elem("h3", "تعديل فرعي" if sub else "التعديل", " رقم ", entry["number"], title)]
    if entry["example"]:
        out.append(elem("p", EXAMPLE_AR, class_="example"))
    out.append(elem("p", "مقدم التعديل: ", entry["proposer"], class_="meta"))
    if entry["cosignatories"]:
        out.append(elem("p", "الموقعون: ", join(entry["cosignatories"], "، "), class_="meta"))
    votes = (" (", entry["votes_ar"], ")") if entry["votes_ar"] else ()
    out.append(elem("p", "الحالة: ", elem("span", entry["status_ar"], class_="status"), votes, class_="meta"))
    return out


def _entry_text(entry: dict) -> list:
    """The wording and new text of each operation, the justification, the collision notes."""
    out = []
    for w in entry["wording"]:
        out.append(elem("p", w["operation"], ". ", w["ar"]))
        out.extend(elem("p", line, class_="new", dir="auto") for line in w["text"])
    if entry["justification"]:
        out.append(elem("p", elem("strong", "التعليل:")))
        out.extend(elem("p", line, dir="auto") for line in entry["justification"].split("\n"))
    out.extend(elem("p", note, class_="note") for note in entry["notes"])
    return out


def _entry_html(entry: dict, sub: bool = False) -> Html:
    box = elem(
        "div",
        "\n",
        lines(_entry_head(entry, sub) + _entry_text(entry)),
        "\n",
        class_="amendment sub" if sub else "amendment",
        id=f"amendment-{entry['id']}",
    )
    return lines([box, *(_entry_html(child, sub=True) for child in entry["sub"])])


def to_html(data: dict, *, extra_css: str = "") -> str:
    bill = data["bill"]
    body = [
        elem("h1", data["title"]),
        elem("p", elem("strong", bill["title"])),
        elem("p", data["notice"], class_="notice"),
    ]
    if bill["notice"]:
        body.append(elem("p", bill["notice"], class_="notice"))
    body.append(elem("p", "النص المعدل: ", elem("bdi", bill["frbr"]), " — عدد التعديلات: ", data["count"]))
    for group in data["groups"]:
        body.append(elem("h2", group["label"]))
        body.extend(_entry_html(entry) for entry in group["amendments"])
    return page(concat(data["title"], " — ", bill["title"]), CSS + extra_css, body)


# -- DOCX ------------------------------------------------------------------------------------------------------


def to_docx(data: dict) -> bytes:
    bill = data["bill"]
    document = new_document(f"{data['title']} — {bill['title']}")
    paragraph(document, text=data["notice"], bold=True)
    if bill["notice"]:
        paragraph(document, text=bill["notice"])
    paragraph(document, text=f"النص المعدل: {bill['frbr']} — عدد التعديلات: {data['count']}")

    def write(entry: dict, sub: bool) -> None:
        head = f"{'تعديل فرعي' if sub else 'التعديل'} رقم {entry['number']}" + (
            f" — {entry['title']}" if entry["title"] else ""
        )
        paragraph(document, text=head, bold=True)
        if entry["example"]:
            paragraph(document, text=EXAMPLE_AR)
        paragraph(document, text=f"مقدم التعديل: {entry['proposer']}")
        if entry["cosignatories"]:
            paragraph(document, text="الموقعون: " + "، ".join(entry["cosignatories"]))
        paragraph(
            document, text=f"الحالة: {entry['status_ar']}" + (f" ({entry['votes_ar']})" if entry["votes_ar"] else "")
        )
        for w in entry["wording"]:
            paragraph(document, text=f"{w['operation']}. {w['ar']}")
            for line in w["text"]:
                paragraph(document, text=f"«{line}»")
        if entry["justification"]:
            paragraph(document, text="التعليل: " + entry["justification"].replace("\n", " "))
        for note in entry["notes"]:
            paragraph(document, text=note, bold=True)
        for child in entry["sub"]:
            write(child, True)

    for group in data["groups"]:
        paragraph(document, text=group["label"], bold=True)
        for entry in group["amendments"]:
            write(entry, False)
    return finish(document, None)
