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
from .difftable import diff_table
from .html import esc, link
from .index import Expression, SiteIndex, Work
from .pages import Site, SitePage, breadcrumbs, heading, notice_html, page_path
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
    out = []
    for part in parts:
        kind, text = part[0], part[1]
        if kind == "old":
            out.append(f"«<del>{esc(text)}</del>»")
        elif kind == "new":
            out.append(f"«<ins>{esc(text)}</ins>»")
        elif kind == "heading":
            out.append(f"«{esc(text)}»")
        elif kind == "ref" and len(part) > 2 and expression is not None and part[2]:
            place = index.place(expression, part[2])
            if place is not None:
                out.append(link(page_url, f"{place.url}#{index.anchor(expression, part[2])}", text, title=place.text))
            else:
                out.append(esc(text))
        else:
            out.append(esc(text))
    return "".join(out)


def target_uri(amendment) -> str:
    """The expression an amendment amends (its ``target``)."""
    return amendment.target.expression_uri()


def _status(status: str) -> str:
    return f'<span class="lt-status lt-am-{esc(status)}">{esc(STATUS_AR.get(status, status))}</span>'


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
        out.append("<p>لم يقدم أي تعديل على هذا المقترح بعد.</p>\n")
        return [site.add(SitePage(page_path(url), url, f"التعديلات: {work.title}", "\n".join(out), notice=True))]
    if any(a.example for a in amendments):
        out.append(
            "<p><strong>تنبيه:</strong> التعديلات المعروضة هنا أمثلة صنعت لمشروع lawtool، لم يقدمها أي فريق "
            "برلماني أو نائب.</p>\n"
        )
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
        return [f"<p>الصيغة <code>{esc(target)}</code> غير موجودة في الموقع.</p>\n"]
    try:
        result = check_collisions(expression.document, group)
    except LawtoolError as exc:
        return [f"<p>تعذر فحص التعارضات على الصيغة {esc(expression.when)}: {esc(exc)}</p>\n"]
    rows = []
    for c in result.collisions:
        links = "، ".join(link(url, amendment_url(work, i), i) for i in c.amendments)
        place = index.place(expression, c.eid)
        where = link(url, f"{place.url}#{index.anchor(expression, c.eid)}", place.label) if place else esc(c.eid)
        rows.append(
            f"<tr><td>{links}</td><td>{where}</td><td>{esc(COLLISION_AR.get(c.kind, c.kind))}</td>"
            f"<td>{esc(collision_ar(c, place.label if place else ''))}</td></tr>"
        )
        for i in c.amendments:
            collisions_of.setdefault(i, []).append(c)
    out = [
        f"<p>على الصيغة {link(url, expression.url, 'الصيغة ' + expression.when)}: "
        f"{len(result.collisions)} تعارض؛ التعديلات المتوافقة بترتيب تطبيقها: "
        + ("، ".join(link(url, amendment_url(work, i), i) for i in result.order) or "—")
        + "</p>\n"
    ]
    if rows:
        out.append(
            '<table class="lt-table-list"><thead><tr><th scope="col">التعديلات</th><th scope="col">الموضع</th>'
            '<th scope="col">النوع</th><th scope="col">التفصيل</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>\n"
        )
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
            f"<li>{link(url, amendment_url(work, a.id), a.id)} {_status(a.status)} — {esc(a.title or '')} "
            f"({esc(a.proposer)}، {esc(a.date)})</li>"
            for a in group
        ]
        text_link = link(url, f"{place.url}#{place.eid}", "نص المادة", title=place.text) if place else ""
        out.append(f"<p>{text_link}</p><ul>{''.join(items)}</ul>\n")
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
        out.append("<p><strong>مثال:</strong> تعديل صنع لمشروع lawtool، لم يقدمه أي فريق برلماني أو نائب.</p>\n")
    out.append(_particulars(work, a, expression))
    if a.justification:
        out.append(heading(2, "التعليل", "justification") + "\n")
        out.append(
            "<div>"
            + "".join(f"<p>{esc(line)}</p>" for line in a.justification.splitlines() if line.strip())
            + "</div>\n"
        )
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
    target = (
        link(url, expression.url, "الصيغة " + expression.when) if expression else f"<code>{esc(target_uri(a))}</code>"
    )
    rows = [
        ("الحالة", _status(a.status)),
        ("مقدمه", esc(a.proposer)),
        ("التاريخ", esc(a.date)),
        ("الصيغة المعدلة", target),
    ]
    if a.cosignatories:
        rows.append(("الموقعون معه", esc("، ".join(a.cosignatories))))
    if a.votes:
        rows.append(("التصويت", esc(votes_ar(a.votes))))
    if a.amends:
        rows.append(("يعدل التعديل", link(url, amendment_url(work, a.amends), a.amends)))
    return (
        '<table class="lt-meta"><tbody>'
        + "".join(f'<tr><th scope="row">{esc(k)}</th><td>{v}</td></tr>' for k, v in rows)
        + "</tbody></table>\n"
    )


def _wording(index: SiteIndex, a, expression: Expression | None, url: str) -> list[str]:
    """The amendment's generated wording, in Arabic then in French (or why it could not be made)."""
    try:
        wording = instructions(a, expression.document if expression else None)
    except LawtoolError as exc:
        return [f"<p>تعذر توليد الصيغة: {esc(exc)}</p>\n"]
    if not wording:
        return []
    items_ar = "".join(
        f"<li>{_wording_html(w.ar, expression, url, index)}"
        + "".join(f'<div class="lt-quoted">{esc(line)}</div>' for line in w.lines)
        + "</li>"
        for w in wording
    )
    items_fr = "".join(f"<li>{_wording_html(w.fr, expression, url, index)}</li>" for w in wording)
    return [
        f'<ol class="lt-wording">{items_ar}</ol>\n',
        f'<div lang="fr" dir="ltr" class="lt-ltr"><p><strong>En français :</strong></p><ol>{items_fr}</ol></div>\n',
    ]


def _collision_list(index: SiteIndex, work: Work, a, collisions: list, expression: Expression | None) -> str:
    """The collisions of one amendment, each with the other amendments it involves."""
    url = amendment_url(work, a.id)
    places = {c.eid: index.place(expression, c.eid) if expression else None for c in collisions}
    labels = {eid: place.label if place is not None else "" for eid, place in places.items()}
    items = "".join(
        f"<li>{esc(COLLISION_AR.get(c.kind, c.kind))}: "
        f"{esc(collision_ar(c, labels[c.eid]))} — "
        + "، ".join(link(url, amendment_url(work, i), i) for i in c.amendments if i != a.id)
        + "</li>"
        for c in collisions
    )
    return f"<ul>{items}</ul>\n"


def _effect(work: Work, a, expression: Expression | None, amendments: Sequence) -> list[str]:
    """The diff the amendment makes when applied alone to the version it amends (a sub-amendment:
    the text after both amendments against the text before them)."""
    if expression is None:
        return ["<p>الصيغة المعدلة غير موجودة في الموقع.</p>\n"]
    url = amendment_url(work, a.id)
    out = []
    try:
        bill = Document.from_bytes(expression.document.to_bytes(), str(expression.path))
        parent = next((p for p in amendments if p.id == a.amends), None) if a.amends else None
        if parent is not None:
            # a sub-amendment amends its amendment: the bill as the parent leaves it, then this one
            base, (sub,) = as_parent_leaves_it(bill, parent, [a])
            applied = apply_amendments(
                base, [dataclasses.replace(sub, status="adopted")], date=max(a.date, base.expression_date or a.date)
            )
            out.append(
                f"<p>تعديل فرعي للتعديل {link(url, amendment_url(work, parent.id), parent.id)}: "
                "يقارن النص بعد التعديلين بالنص قبلهما.</p>\n"
            )
        else:
            applied = apply_amendments(bill, [a], date=a.date if a.date > expression.date else expression.date)
        result = diff_documents(expression.document, applied.document)
        result.articles = [c for c in result.articles if c.is_change()]
        out.append(diff_table(result, expression, _AfterAmendment(expression, a.id), url) + "\n")
    except LawtoolError as exc:
        out.append(f"<p>تعذر تطبيق التعديل على النص: {esc(exc)}</p>\n")
    return out


class _AfterAmendment:
    """The «new» side of an amendment's diff: the amended version's page (the new text is not
    published as an expression of its own), labelled with the amendment."""

    def __init__(self, expression: Expression, amendment_id: str):
        self.url = expression.url
        self.date = expression.date
        self.when = f"{expression.when} + {amendment_id}"
        self.places = expression.places
