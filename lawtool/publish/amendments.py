"""The amendments of a bill: one page listing them grouped under the article they touch, with
the collisions report, and one page per amendment with its status, its generated wording
(Arabic and French), and the diff it makes when applied alone to the version it amends.

Everything comes from ``lawtool.amend`` (``load_amendments``, ``check_collisions``,
``instructions``, ``apply_amendments``) and ``lawtool.diff``; the text of every field is
escaped.  An amendment that cannot be applied (an unknown eId, words not found) is shown with
the error instead of a diff.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from ..akn import Document
from ..amend import apply_amendments, check_collisions, instructions, load_amendments
from ..amend.listing import (
    STATUS_AR,  # the one table of the statuses' Arabic names
    as_parent_leaves_it,
    votes_ar,
)
from ..diff import diff_documents
from ..eids import article_order
from ..errors import LawtoolError
from ..htmlbuild import concat, elem, join, row, table
from .difftable import diff_table
from .html import link
from .index import Expression, SiteIndex, Work
from .pages import Site, SitePage, breadcrumbs, heading, meta_table, notice_html, page_path
from .wording import collision_ar

# Arabic names of the collision kinds of lawtool.amend.collisions.KINDS (a test checks they all have one)
COLLISION_AR = {
    "same-element": "نفس العنصر",
    "overlapping-words": "تداخل في العبارات",
    "target-deleted": "عنصر يحذفه تعديل آخر",
    "target-moved": "عنصر ينقله تعديل آخر",
    "target-renumbered": "عنصر يعيد تعديل آخر ترقيمه",
    "same-place": "إضافة في نفس الموضع",
    "same-number": "نفس الرقم",
}


def amendments_url(work: Work) -> str:
    return f"{work.url}amendments/"


def amendment_url(work: Work, amendment_id: str) -> str:
    return f"{amendments_url(work)}{amendment_id}/"


def amendments_folder(index: SiteIndex, work: Work):
    return index.root / work.latest.path.parent / "amendments"


def bill_amendments(index: SiteIndex, work: Work) -> list:
    """The amendments filed against a bill: the YAML files of its ``amendments/`` folder (not its
    sub-folders, such as ``carried/``)."""
    folder = amendments_folder(index, work)
    paths = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml")) if folder.is_dir() else []
    return load_amendments(paths) if paths else []


def _article_of(eid: str) -> str:
    head = eid.split("__")[0]
    return head if head.startswith("art_") else eid


def _wording_html(parts, expression: Expression | None, page_url: str, index: SiteIndex) -> str:
    out: list[str] = []
    for part in parts:
        kind, text = part[0], part[1]
        if kind == "old":
            out.append(concat("«", elem("del", text), "»"))
        elif kind == "new":
            out.append(concat("«", elem("ins", text), "»"))
        elif kind == "heading":
            out.append(f"«{text}»")
        elif kind == "ref" and len(part) > 2 and expression is not None and part[2]:
            place = index.place(expression, part[2])
            if place is not None:
                out.append(link(page_url, f"{place.url}#{index.anchor(expression, part[2])}", text, title=place.text))
            else:
                out.append(text)
        else:
            out.append(text)
    return join(out)


def target_uri(amendment) -> str:
    """The expression an amendment amends (its ``target``)."""
    return amendment.target.expression_uri()


def _status(status: str) -> str:
    return elem("span", STATUS_AR.get(status, status), class_=f"lt-status lt-am-{status}")


def amendment_pages(index: SiteIndex, work: Work, site: Site) -> list[SitePage]:
    """The page listing the amendments of a bill (collisions, then by article), and one page per amendment."""
    url = amendments_url(work)
    amendments = bill_amendments(index, work)
    out = [
        breadcrumbs([(work.url, work.title)], url),
        heading(1, "التعديلات المقترحة") + "\n",
        notice_html(work.latest) + "\n",
    ]
    if not amendments:
        out.append(concat(elem("p", "لم يقدم أي تعديل على هذا المقترح بعد."), "\n"))
        return [site.add(SitePage(page_path(url), url, f"التعديلات: {work.title}", "\n".join(out), notice=True))]
    if any(a.example for a in amendments):
        warning = "التعديلات المعروضة هنا أمثلة صنعت لمشروع lawtool، لم يقدمها أي فريق برلماني أو نائب."
        out.append(concat(elem("p", elem("strong", "تنبيه:"), " ", warning), "\n"))
    collisions_of: dict[str, list] = {}
    out.append(heading(2, "التعارضات بين التعديلات", "collisions") + "\n")
    by_target: dict[str, list] = {}
    for a in amendments:
        by_target.setdefault(target_uri(a), []).append(a)
    for target, group in sorted(by_target.items()):
        out.extend(_collisions_on(index, work, target, group, collisions_of))
    out.append(heading(2, "التعديلات حسب المواد", "by-article") + "\n")
    out.extend(_by_article(index, work, amendments))
    made = [site.add(SitePage(page_path(url), url, f"التعديلات: {work.title}", "\n".join(out), notice=True))]
    for a in amendments:
        made.append(_amendment_page(index, work, a, collisions_of.get(a.id, []), site, amendments))
    return made


def _collisions_on(index: SiteIndex, work: Work, target: str, group: list, collisions_of: dict[str, list]) -> list[str]:
    """The collisions between the amendments of ``group``, all on the expression ``target``: a line
    with the compatible ones in the order they apply, and a table; each collision is also recorded
    under the amendments it involves in ``collisions_of``."""
    url = amendments_url(work)
    expression = index.expression(target)
    if expression is None:
        return [concat(elem("p", "الصيغة ", elem("code", target), " غير موجودة في الموقع."), "\n")]
    try:
        result = check_collisions(expression.document, group)
    except LawtoolError as exc:
        return [concat(elem("p", f"تعذر فحص التعارضات على الصيغة {expression.when}: {exc}"), "\n")]
    rows = []
    for c in result.collisions:
        links = join([link(url, amendment_url(work, i), i) for i in c.amendments], "، ")
        place = index.place(expression, c.eid)
        where = link(url, f"{place.url}#{index.anchor(expression, c.eid)}", place.label) if place else c.eid
        rows.append(row(links, where, COLLISION_AR.get(c.kind, c.kind), collision_ar(c, place.label if place else "")))
        for i in c.amendments:
            collisions_of.setdefault(i, []).append(c)
    order = join([link(url, amendment_url(work, i), i) for i in result.order], "، ")
    line = elem(
        "p",
        "على الصيغة ",
        link(url, expression.url, "الصيغة " + expression.when),
        f": {len(result.collisions)} تعارض؛ التعديلات المتوافقة بترتيب تطبيقها: ",
        order or "—",
    )
    out: list[str] = [concat(line, "\n")]
    if rows:
        head = ["التعديلات", "الموضع", "النوع", "التفصيل"]
        out.append(concat(table(head, rows, class_="lt-table-list"), "\n"))
    return out


def _by_article(index: SiteIndex, work: Work, amendments: list) -> list[str]:
    """The amendments grouped under the articles they touch, in article order: a heading and a list each."""
    url = amendments_url(work)
    groups: dict[tuple[str, str], list] = {}
    for a in amendments:
        for art in dict.fromkeys(_article_of(e) for op in a.operations for e in op.eids):
            groups.setdefault((target_uri(a), art), []).append(a)
    out = []
    for (target, art), group in sorted(groups.items(), key=lambda kv: (kv[0][0], _sort_key(kv[0][1]))):
        expression = index.expression(target)
        place = index.place(expression, art) if expression else None
        label = place.label if place else art
        anchor = f"art-{art}" if all(c.isascii() and (c.isalnum() or c in "_-") for c in art) else None
        out.append(heading(3, label, anchor) + "\n")
        items = [
            elem(
                "li",
                link(url, amendment_url(work, a.id), a.id),
                " ",
                _status(a.status),
                f" — {a.title or ''} ({a.proposer}، {a.date})",
            )
            for a in group
        ]
        text_link = link(url, f"{place.url}#{place.eid}", "نص المادة", title=place.text) if place else None
        out.append(concat(elem("p", text_link), elem("ul", items), "\n"))
    return out


def _sort_key(eid: str) -> tuple:
    """The order of the articles on the amendments page: lawtool's one article order."""
    return article_order(eid)


def _amendment_page(
    index: SiteIndex, work: Work, a, collisions: list, site: Site, amendments: Sequence = ()
) -> SitePage:
    """The page of one amendment: its particulars, justification, wording, collisions and diff."""
    url = amendment_url(work, a.id)
    expression = index.expression(target_uri(a))
    title = f"التعديل {a.id}" + (f": {a.title}" if a.title else "")
    out = [
        breadcrumbs([(work.url, work.title), (amendments_url(work), "التعديلات")], url),
        heading(1, title) + "\n",
        notice_html(expression or work.latest) + "\n",
    ]
    if a.example:
        example = "تعديل صنع لمشروع lawtool، لم يقدمه أي فريق برلماني أو نائب."
        out.append(concat(elem("p", elem("strong", "مثال:"), " ", example), "\n"))
    out.append(_particulars(work, a, expression))
    if a.justification:
        out.append(heading(2, "التعليل", "justification") + "\n")
        lines = [elem("p", line) for line in a.justification.splitlines() if line.strip()]
        out.append(concat(elem("div", lines), "\n"))
    out.append(heading(2, "الصيغة", "wording") + "\n")
    out.extend(_wording(index, a, expression, url))
    if collisions:
        out.append(heading(2, "التعارضات", "collisions") + "\n")
        out.append(_collision_list(index, work, a, collisions, expression))
    out.append(heading(2, "أثر التعديل على النص", "diff") + "\n")
    out.extend(_effect(work, a, expression, amendments))
    return site.add(SitePage(page_path(url), url, title, "\n".join(out), search=False, notice=True))


def _particulars(work: Work, a, expression: Expression | None) -> str:
    """The table of an amendment's status, proposer, date, amended version, cosignatories, votes."""
    url = amendment_url(work, a.id)
    target = link(url, expression.url, "الصيغة " + expression.when) if expression else elem("code", target_uri(a))
    rows = [
        ("الحالة", _status(a.status)),
        ("مقدمه", a.proposer),
        ("التاريخ", a.date),
        ("الصيغة المعدلة", target),
    ]
    if a.cosignatories:
        rows.append(("الموقعون معه", "، ".join(a.cosignatories)))
    if a.votes:
        rows.append(("التصويت", votes_ar(a.votes)))
    if a.amends:
        rows.append(("يعدل التعديل", link(url, amendment_url(work, a.amends), a.amends)))
    return concat(meta_table(rows), "\n")


def _wording(index: SiteIndex, a, expression: Expression | None, url: str) -> list[str]:
    """The amendment's generated wording, in Arabic then in French (or why it could not be made)."""
    try:
        wording = instructions(a, expression.document if expression else None)
    except LawtoolError as exc:
        return [concat(elem("p", f"تعذر توليد الصيغة: {exc}"), "\n")]
    if not wording:
        return []
    items_ar = [
        elem(
            "li",
            _wording_html(w.ar, expression, url, index),
            [elem("div", line, class_="lt-quoted") for line in w.lines],
        )
        for w in wording
    ]
    items_fr = [elem("li", _wording_html(w.fr, expression, url, index)) for w in wording]
    french = elem(
        "div", elem("p", elem("strong", "En français :")), elem("ol", items_fr), lang="fr", dir="ltr", class_="lt-ltr"
    )
    return [concat(elem("ol", items_ar, class_="lt-wording"), "\n"), concat(french, "\n")]


def _collision_list(index: SiteIndex, work: Work, a, collisions: list, expression: Expression | None) -> str:
    """The collisions of one amendment, each with the other amendments it involves."""
    url = amendment_url(work, a.id)
    places = {c.eid: index.place(expression, c.eid) if expression else None for c in collisions}
    labels = {eid: place.label if place is not None else "" for eid, place in places.items()}
    items = [
        elem(
            "li",
            f"{COLLISION_AR.get(c.kind, c.kind)}: {collision_ar(c, labels[c.eid])} — ",
            join([link(url, amendment_url(work, i), i) for i in c.amendments if i != a.id], "، "),
        )
        for c in collisions
    ]
    return concat(elem("ul", items), "\n")


def _effect(work: Work, a, expression: Expression | None, amendments: Sequence) -> list[str]:
    """The diff the amendment makes when applied alone to the version it amends (a sub-amendment:
    the text after both amendments against the text before them)."""
    if expression is None:
        return [concat(elem("p", "الصيغة المعدلة غير موجودة في الموقع."), "\n")]
    url = amendment_url(work, a.id)
    out: list[str] = []
    try:
        bill = Document.from_bytes(expression.document.to_bytes(), str(expression.path))
        parent = next((p for p in amendments if p.id == a.amends), None) if a.amends else None
        if parent is not None:
            # a sub-amendment amends its amendment: the bill as the parent leaves it, then this one
            base, (sub,) = as_parent_leaves_it(bill, parent, [a])
            applied = apply_amendments(
                base, [dataclasses.replace(sub, status="adopted")], date=max(a.date, base.expression_date or a.date)
            )
            parent_link = link(url, amendment_url(work, parent.id), parent.id)
            line = elem("p", "تعديل فرعي للتعديل ", parent_link, ": يقارن النص بعد التعديلين بالنص قبلهما.")
            out.append(concat(line, "\n"))
        else:
            applied = apply_amendments(bill, [a], date=a.date if a.date > expression.date else expression.date)
        result = diff_documents(expression.document, applied.document)
        result.articles = [c for c in result.articles if c.is_change()]
        out.append(diff_table(result, expression, _AfterAmendment(expression, a.id), url) + "\n")
    except LawtoolError as exc:
        out.append(concat(elem("p", f"تعذر تطبيق التعديل على النص: {exc}"), "\n"))
    return out


class _AfterAmendment:
    """The «new» side of an amendment's diff: the amended version's page (the new text is not
    published as an expression of its own), labelled with the amendment."""

    def __init__(self, expression: Expression, amendment_id: str):
        self.url = expression.url
        self.date = expression.date
        self.when = f"{expression.when} + {amendment_id}"
        self.places = expression.places
