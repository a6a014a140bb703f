"""The pages of a bill: its timeline, a diff page for each pair of versions, the comparison
with the law in force, and the amendments.

Diffs come from :func:`lawtool.diff.diff_documents` and are laid out with the diff stage's
presentation helpers (``lawtool.diff.present``: rows of the comparative table, the two sides
of a word diff; ``lawtool.diff.html.pieces_html``: escaped ``<del>``/``<ins>``).  The
comparison with the law in force pairs each article a bill's ``mod`` quotes with the article
of the law it replaces (``activeModifications``) and diffs the two across works.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

from ..amend.blame import blame, recorded_amendments
from ..amend.project import projections_of
from ..diff import diff_documents
from ..diff.compare import Comparison, compare, inline_pieces
from ..diff.html import pieces_html
from ..diff.present import STATUS_AR, change_title, side_pieces
from ..diff.result import NOT_COMPARED, DiffResult
from ..errors import LawtoolError
from ..htmlbuild import Html, concat, elem, join, raw, table
from .amendments import amendment_pages, amendment_url, amendments_url, bill_amendments
from .difftable import Blame, diff_table, row_id, status_badge
from .html import link
from .index import Expression, SiteIndex, Work
from .pages import Site, SitePage, breadcrumbs, heading, notice_html, page_path
from .wording import UNIT_KINDS, arabic_parts

STATUS_ORDER = ("modified", "added", "deleted", "moved", "renumbered", "split", "merged", "typographic", "unchanged")


@dataclass
class BillData:
    """What the bill pages compute once and the home page, feed and charts reuse."""

    diffs: dict[tuple[str, str], DiffResult] = field(default_factory=dict)  # (old URI, new URI) → diff
    comparisons: dict[str, list] = field(default_factory=dict)  # expression URI → [LawComparison]
    projections: dict[str, list] = field(default_factory=dict)  # bill work URI → [(url, label)] of its projections


def diff_pairs(work: Work) -> list[tuple[Expression, Expression]]:
    """Each consecutive pair of versions, and each later version against the first."""
    e = work.expressions
    pairs = [(e[k], e[k + 1]) for k in range(len(e) - 1)]
    pairs += [(e[0], e[k]) for k in range(2, len(e))]
    return pairs


def diff_url(work: Work, old: Expression, new: Expression) -> str:
    return f"{work.url}diff/{old.date}_{new.date}/"


def compare_url(expression: Expression) -> str:
    return f"{expression.url.rstrip('/').rsplit('/', 1)[0]}/compare/{expression.date}/"


def compute_diffs(work: Work, data: BillData) -> None:

    for old, new in diff_pairs(work):
        key = (old.expression_uri, new.expression_uri)
        if key not in data.diffs:
            data.diffs[key] = diff_documents(old.document, new.document)


def summary_text(result) -> str:
    """«9 معدلة، 2 مضافة ...» for a diff."""

    counts = result.summary()
    parts = [f"{counts[s]} {STATUS_AR.get(s, s)}" for s in STATUS_ORDER if s != "unchanged" and counts.get(s)]
    return "، ".join(parts) or "لا تغيير"


# -- blame: the amendment that made each change --------------------------------------------------------------


def blame_of(index: SiteIndex, work: Work, old: Expression, new: Expression, result, site: Site) -> Blame | None:
    """The blame of a step from one version to the next (None for a comparison across several
    steps, or when the amendments cannot be read: a note says why)."""

    if work.expressions.index(new) != work.expressions.index(old) + 1:
        return None
    try:
        amendments = bill_amendments(index, work)
        entries = blame(old.document, new.document, amendments, result)
    except LawtoolError as exc:
        site.notes.append(f"warning: blame of {new.expression_uri}: {exc}")
        return None
    known = {a.id for a in amendments}
    return Blame(entries, recorded_amendments(new.document), {i: amendment_url(work, i) for i in known})


def blame_html(work: Work, old: Expression, new: Expression, blamed: Blame | None, page_url: str) -> Html:
    """The «source of the changes» section of a diff page."""
    if blamed is None:
        steps = [link(page_url, diff_url(work, a, b), f"{a.when} ← {b.when}") for a, b in pairwise(work.expressions)]
        return elem(
            "p",
            "تجمع هذه المقارنة أكثر من خطوة؛ التعديل الذي أحدث كل تغيير مبين في مقارنة كل صيغتين متتاليتين: ",
            join(steps, "، "),
            ".",
        )
    if not blamed.recorded:
        return elem(
            "p",
            f"لم تصنع الصيغة {new.when} بتطبيق تعديلات مسجلة (استوردت من نصها)، فلا ينسب أي تغيير فيها "
            "إلى تعديل بعينه.",
        )
    counts: dict[str, int] = {}
    loose = []
    for e in blamed.entries:
        for i in e["amendments"]:
            counts[i] = counts.get(i, 0) + 1
        if not e["amendments"]:
            loose.append(e)
    rows = []
    for i in sorted(counts, key=lambda i: -counts[i]):
        name = link(page_url, blamed.amendment_href[i], i) if i in blamed.amendment_href else i
        label = arabic_parts(blamed.recorded.get(i, ""))
        rows.append(elem("tr", elem("td", name), elem("td", label), elem("td", counts[i])))
    out = [
        elem(
            "p",
            f"صنعت الصيغة {new.when} بتطبيق التعديلات المقبولة على الصيغة {old.when}: في الجدول المقارن "
            "تتبع كل عبارة مضافة أو محذوفة رقم التعديل الذي أحدثها.",
        ),
        table(["التعديل", "مقدمه وموضوعه", "عدد العبارات المغيرة"], rows, class_="lt-table-list"),
    ]
    if loose:
        places = sorted({UNIT_KINDS.get(e["article"] or e["eid"], e["article"] or e["eid"]) for e in loose})
        out.append(elem("p", f"تغييرات لا يسجلها أي تعديل ({len(loose)}): {'، '.join(places)}."))
    return join(out, "\n")


def _legend() -> list[Html | str]:
    """The end of the sentence that says how deleted and inserted words are shown."""
    return [". الكلمات المحذوفة مشطوبة ", elem("del", "هكذا"), " والمضافة مسطرة ", elem("ins", "هكذا"), "."]


def _paragraph(*parts) -> Html:
    """A paragraph on a line of its own."""
    return concat(elem("p", *parts), "\n")


# -- the diff page -----------------------------------------------------------------------------------------


def diff_page(
    index: SiteIndex, work: Work, old: Expression, new: Expression, result, site: Site, docx_url: str | None
) -> SitePage:

    blamed = blame_of(index, work, old, new, result, site)
    url = diff_url(work, old, new)
    title = f"المقارنة بين صيغة {old.when} وصيغة {new.when}"
    out = [breadcrumbs([(work.url, work.title)], url), heading(1, title) + "\n", notice_html(new) + "\n"]
    out.append(
        _paragraph(link(url, old.url, "الصيغة " + old.when), " ← ", link(url, new.url, "الصيغة " + new.when), _legend())
    )
    if docx_url:
        out.append(_paragraph(link(url, docx_url, "تنزيل الجدول المقارن (DOCX)")))
    counts = result.summary()
    cells = [elem("tr", elem("td", status_badge(s)), elem("td", counts[s])) for s in STATUS_ORDER if counts.get(s)]
    out.append(heading(2, "الملخص", "summary") + "\n")
    out.append(concat(table(["الحالة", "عدد المواد"], cells, class_="lt-table-list"), "\n"))
    out.append(heading(2, "فهرس التغييرات", "changes") + "\n")
    out.append(_changes_list(result, url))
    full_url = f"{url}full/"
    out.append(heading(2, "مصدر التغييرات", "blame") + "\n")
    out.append(blame_html(work, old, new, blamed, url) + "\n")
    out.append(heading(2, "الجدول المقارن: التغييرات وحدها", "table") + "\n")
    out.append(_paragraph(link(url, full_url, "النص الكامل مع المواد التي لم تتغير")))
    out.append(diff_table(result, old, new, url, changes_only=True, blame=blamed) + "\n")
    full = [
        breadcrumbs([(work.url, work.title), (url, title)], full_url),
        heading(1, f"{title}: النص الكامل") + "\n",
        notice_html(new) + "\n",
        _paragraph(link(full_url, url, "التغييرات وحدها")),
        diff_table(result, old, new, full_url, blame=blamed) + "\n",
    ]
    site.add(
        SitePage(page_path(full_url), full_url, f"{title}: النص الكامل", "\n".join(full), search=False, notice=True)
    )
    return site.add(SitePage(page_path(url), url, title, "\n".join(out), search=False, notice=True))


def _changes_list(result, url: str) -> Html:
    """The list of the changes of a diff: each article linked to its row of the table, with its status."""
    changes = result.changes()
    if not changes:
        return _paragraph("لا تغيير.")
    items = []
    for change in changes:
        name = UNIT_KINDS.get(change_title(change), change_title(change))
        if change.kind == "article":
            name = link(url, "#" + row_id(change), name)
        items.append(elem("li", name, " ", status_badge(change.status)))
    return concat(elem("ul", items, class_="lt-change-list"), "\n")


# -- the comparison with the law in force ------------------------------------------------------------------


@dataclass
class LawComparison:
    """The diff stage's comparison of a bill version with one law of the corpus it amends."""

    law: Expression
    comparison: Comparison


def amended_laws(index: SiteIndex, bill: Expression) -> list[Expression]:
    """The laws of the corpus (latest expressions) that the version's ``activeModifications``
    send text to, in the order they first appear."""
    document = bill.document
    out: dict[str, Expression] = {}
    for href in document.xpath(
        "./a:meta/a:analysis/a:activeModifications/a:textualMod/a:destination/@href", document.main
    ):
        work = index.works.get(href.partition("/~")[0])
        if work is not None and work.uri not in out:
            out[work.uri] = work.latest
    return list(out.values())


def compared_articles(index: SiteIndex, bill: Expression) -> list[LawComparison]:

    return [LawComparison(law, compare(bill.document, law.document)) for law in amended_laws(index, bill)]


def comparison_table(
    index: SiteIndex,
    bill: Expression,
    items: list[LawComparison],
    page_url: str,
    penalties: dict[tuple[str, str], dict],
) -> Html:

    rows = [_comparison_row(bill, item.law, row, page_url, penalties) for item in items for row in item.comparison.rows]
    if not rows:
        return elem("p", "لا تعدل هذه الصيغة أي فصل من النصوص الموجودة في الموقع.")
    head = ["النص الساري", "النص المقترح", "التغييرات"]
    caption = f"النص الساري | المقترح ({bill.when}) | التغييرات"
    return elem("div", table(head, rows, caption, class_="lt-compare lt-three"), class_="lt-table-wrap")


def _comparison_row(bill: Expression, law: Expression, row, page_url: str, penalties: dict) -> Html:
    """A row of the comparison: the article in force, the proposed one, the changes (with the penalty's)."""
    proposed = bill.places.get(row.proposed.eid or "")  # on the page that shows it (a long bill is cut)
    bill_link = link(page_url, f"{proposed.url}#{row.proposed.eid}" if proposed else bill.url, row.proposed.title)
    badge = elem("p", status_badge(row.status))
    after = _row_notes(bill, row, penalties)
    if row.in_force is None and row.status == NOT_COMPARED:
        # a mod whose provision lawtool cannot tell: its words beside the reason (in the notes)
        law_cell = elem("td", elem("p", law.title, class_="lt-cell-label"), elem("span", "—", class_="lt-muted"))
        words = join((row.proposed.text or "").split("\n"), elem("br"))
        return elem("tr", law_cell, _cell(bill_link, words), elem("td", badge, after))
    if row.in_force is None:
        new_text = elem("ins", join((row.proposed.text or "").split("\n"), elem("br")))
        law_cell = elem(
            "td",
            elem("p", law.title, class_="lt-cell-label"),
            elem("span", "(فصل جديد لا مقابل له في النص الساري)", class_="lt-muted"),
        )
        return elem("tr", law_cell, _cell(bill_link, new_text), elem("td", badge, after))
    place = law.places.get(row.in_force.eid or "")
    law_link = link(
        page_url,
        f"{place.url}#{row.in_force.eid}" if place else law.url,
        f"{row.in_force.title} — {law.title}",
        title=place.text if place else None,
    )
    old_text, new_text, merged = _texts(row)
    if row.status == NOT_COMPARED:
        merged = "—"  # the reason is in the notes below
    changes = elem("td", badge, elem("div", merged, class_="lt-cell-text"), after)
    return elem("tr", _cell(law_link, old_text), _cell(bill_link, new_text), changes, id=f"cmp-{row.target}")


def _row_notes(bill: Expression, row, penalties: dict) -> list:
    """What follows a row's changes: the change of its penalty, the comparison's note (when there are)."""
    penalty = penalties.get((bill.expression_uri, row.proposed.eid or ""))
    note = row.note_ar
    return [
        elem("p", penalty_summary(penalty), class_="lt-penalty") if penalty else None,
        elem("p", note, class_="lt-muted") if note else None,
    ]


def _texts(row) -> tuple:
    """The text in force, the proposed text and the changes of a row, the words marked when they differ."""
    if not row.ops:
        return row.in_force.text, row.proposed.text, row.proposed.text
    sides = (side_pieces(row.ops, "old"), side_pieces(row.ops, "new"), inline_pieces(row.ops))
    return tuple(raw(pieces_html(pieces)) for pieces in sides)


def _cell(label: Html, text) -> Html:
    """A cell of a side of the comparison: the article's label (a link), then its text."""
    return elem("td", elem("p", label, class_="lt-cell-label"), elem("div", text, class_="lt-cell-text"))


def penalty_summary(entry: dict) -> str:
    """«الحبس: 180 ← 365 يوما (الأدنى)، ...» from a penalties.json comparison entry."""
    change = entry.get("change") or {}
    names = {
        "prison_min_days": "أدنى الحبس (أيام)",
        "prison_max_days": "أقصى الحبس (أيام)",
        "fine_min_mad": "أدنى الغرامة (درهم)",
        "fine_max_mad": "أقصى الغرامة (درهم)",
    }
    parts = [f"{names.get(k, k)}: {v.get('from')} ← {v.get('to')}" for k, v in change.items() if isinstance(v, dict)]
    return "العقوبة — " + "؛ ".join(parts) if parts else ""


def compare_page(
    index: SiteIndex, work: Work, bill: Expression, items, site: Site, penalties: dict, docx: list[tuple[str, str]]
) -> SitePage:
    url = compare_url(bill)
    title = f"مقارنة صيغة {bill.when} بالنص الساري"
    out = [
        breadcrumbs([(work.url, work.title), (bill.url, bill.date)], url),
        heading(1, title) + "\n",
        notice_html(bill) + "\n",
        _paragraph(
            "لكل فصل يعدله المقترح أو يضيفه: نص الفصل الساري كما في الموقع، والنص المقترح، والتغييرات (المحذوف "
            "مشطوب والمضاف مسطر)."
        ),
    ]
    for docx_url, law_title in docx:
        out.append(_paragraph(link(url, docx_url, "تنزيل الجدول المقارن مع " + law_title + " (DOCX)")))
    out.append(comparison_table(index, bill, items, url, penalties) + "\n")
    return site.add(SitePage(page_path(url), url, title, "\n".join(out), search=False, notice=True))


# -- the timeline (on the bill's work page) -----------------------------------------------------------------


def timeline_html(work: Work, data: BillData, page_url: str) -> Html:
    items = []
    previous = None
    for e in work.expressions:
        parts = [
            concat(elem("time", e.when, datetime=e.date), " — ", link(page_url, e.url, "الصيغة " + e.when)),
            f"({len(e.articles())} مادة)",
        ]
        if previous is not None:
            result = data.diffs.get((previous.expression_uri, e.expression_uri))
            if result is not None:
                parts.append(
                    concat(f"— {summary_text(result)}: ", link(page_url, diff_url(work, previous, e), "المقارنة"))
                )
        parts.append(concat("— ", link(page_url, compare_url(e), "المقارنة بالنص الساري")))
        items.append(elem("li", join(parts, " ")))
        previous = e
    first = work.expressions[0]
    extra = [
        elem("li", link(page_url, diff_url(work, first, e), f"الصيغة {e.when} مقارنة بالصيغة الأولى"))
        for e in work.expressions[2:]
    ]
    return concat(
        elem("h2", "المسار الزمني", id="timeline"),
        elem("ol", items, class_="lt-timeline"),
        [elem("p", "مقارنات بالصيغة الأولى:"), elem("ul", extra)] if extra else None,
        elem("p", link(page_url, amendments_url(work), "التعديلات المقترحة على المواد")),
    )


# -- amendments ---------------------------------------------------------------------------------------------


def amendments_pages(index: SiteIndex, work: Work, site: Site) -> list[SitePage]:
    """The amendments filed against the bill (lawtool.publish.amendments)."""

    return amendment_pages(index, work, site)


# -- the laws as the bill would leave them (projections) ----------------------------------------------------


class _Projected:
    """The «new» side of a projection's diff: the law's own pages (the projection is not an
    expression of the law), labelled as a projection by the bill's version."""

    def __init__(self, law: Expression, bill: Expression):
        self.url = law.url
        self.date = bill.date
        self.when = f"إسقاط بحسب الصيغة {bill.when}"
        self.places = law.places


def projection_url(work: Work, law: Expression) -> str:
    return f"{work.url}projections/{law.expression_uri.strip('/').replace('/', '-').replace('@', '-')}/"


def projection_pages(index: SiteIndex, work: Work, site: Site) -> list[tuple[str, str]]:
    """For the bill's latest version, one page per law of the corpus it amends: the law in force
    against the law as the bill would leave it (lawtool.amend.project), changes only.  Returns
    (url, label) of the pages, for the bill's page."""

    bill = work.latest
    made = []
    try:
        projected = projections_of(bill.document, index.root / "law")
    except LawtoolError as exc:
        site.notes.append(f"warning: projections of {bill.expression_uri}: {exc}")
        return []
    for law_document, projection in projected:
        law = index.expression(str(law_document.frbr_expression))
        if law is None:
            continue
        url = projection_url(work, law)
        title = f"{law.title} كما سيصير بعد اعتماد {work.title} (إسقاط، الصيغة {bill.when})"
        result = diff_documents(law_document, projection.document)
        out = [
            breadcrumbs([(work.url, work.title)], url),
            heading(1, title) + "\n",
            notice_html(bill) + "\n",
            _paragraph(
                elem("strong", "إسقاط، لا قانون ساري المفعول:"),
                " النص الساري كما ستتركه مواد المقترح المعدلة لو اعتمدت بصيغتها الحالية، صنعه lawtool (",
                elem("code", "lawtool amend project"),
                ")، ولم يصدر عن أي سلطة تشريعية.",
            ),
            _paragraph(
                link(url, law.url, "النص الساري: الصيغة " + law.when), f" ← {_Projected(law, bill).when}", _legend()
            ),
            diff_table(result, law, _Projected(law, bill), url, changes_only=True) + "\n",
        ]
        site.add(SitePage(page_path(url), url, title, "\n".join(out), search=False, notice=True))
        made.append((url, f"{law.title} كما سيصير (إسقاط)"))
    return made
