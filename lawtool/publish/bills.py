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
from ..diff.result import DiffResult
from ..errors import LawtoolError
from .amendments import amendment_pages, amendment_url, amendments_url, bill_amendments
from .difftable import Blame, diff_table, row_id, status_badge
from .html import esc, link
from .index import Expression, SiteIndex, Work
from .pages import Site, SitePage, breadcrumbs, heading, notice_html, page_path
from .wording import UNIT_KINDS, arabic_parts, compare_note_ar

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


def blame_html(work: Work, old: Expression, new: Expression, blamed: Blame | None, page_url: str) -> str:
    """The «source of the changes» section of a diff page."""
    if blamed is None:
        steps = [link(page_url, diff_url(work, a, b), f"{a.when} ← {b.when}") for a, b in pairwise(work.expressions)]
        return (
            "<p>تجمع هذه المقارنة أكثر من خطوة؛ التعديل الذي أحدث كل تغيير مبين في مقارنة كل صيغتين متتاليتين: "
            + "، ".join(steps)
            + ".</p>"
        )
    if not blamed.recorded:
        return (
            f"<p>لم تصنع الصيغة {esc(new.when)} بتطبيق تعديلات مسجلة (استوردت من نصها)، فلا ينسب أي تغيير فيها "
            "إلى تعديل بعينه.</p>"
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
        name = link(page_url, blamed.amendment_href[i], i) if i in blamed.amendment_href else esc(i)
        label = arabic_parts(blamed.recorded.get(i, ""))
        rows.append(f"<tr><td>{name}</td><td>{esc(label)}</td><td>{counts[i]}</td></tr>")
    out = [
        f"<p>صنعت الصيغة {esc(new.when)} بتطبيق التعديلات المقبولة على الصيغة {esc(old.when)}: في الجدول المقارن "
        "تتبع كل عبارة مضافة أو محذوفة رقم التعديل الذي أحدثها.</p>",
        '<table class="lt-table-list"><thead><tr><th scope="col">التعديل</th><th scope="col">مقدمه وموضوعه</th>'
        f'<th scope="col">عدد العبارات المغيرة</th></tr></thead><tbody>{"".join(rows)}</tbody></table>',
    ]
    if loose:
        places = sorted({UNIT_KINDS.get(e["article"] or e["eid"], e["article"] or e["eid"]) for e in loose})
        out.append(f"<p>تغييرات لا يسجلها أي تعديل ({len(loose)}): {esc('، '.join(places))}.</p>")
    return "\n".join(out)


# -- the diff page -----------------------------------------------------------------------------------------


def diff_page(
    index: SiteIndex, work: Work, old: Expression, new: Expression, result, site: Site, docx_url: str | None
) -> SitePage:

    blamed = blame_of(index, work, old, new, result, site)
    url = diff_url(work, old, new)
    title = f"المقارنة بين صيغة {old.when} وصيغة {new.when}"
    out = [breadcrumbs([(work.url, work.title)], url), heading(1, title) + "\n", notice_html(new) + "\n"]
    out.append(
        f"<p>{link(url, old.url, 'الصيغة ' + old.when)} ← {link(url, new.url, 'الصيغة ' + new.when)}. "
        "الكلمات المحذوفة مشطوبة <del>هكذا</del> والمضافة مسطرة <ins>هكذا</ins>.</p>\n"
    )
    if docx_url:
        out.append(f"<p>{link(url, docx_url, 'تنزيل الجدول المقارن (DOCX)')}</p>\n")
    counts = result.summary()
    cells = "".join(f"<tr><td>{status_badge(s)}</td><td>{counts[s]}</td></tr>" for s in STATUS_ORDER if counts.get(s))
    out.append(heading(2, "الملخص", "summary") + "\n")
    out.append(
        f'<table class="lt-table-list"><thead><tr><th scope="col">الحالة</th><th scope="col">عدد المواد</th>'
        f"</tr></thead><tbody>{cells}</tbody></table>\n"
    )
    changes = result.changes()
    out.append(heading(2, "فهرس التغييرات", "changes") + "\n")
    if changes:
        items = []
        for change in changes:
            if change.kind == "article":
                items.append(
                    f"<li>{link(url, '#' + row_id(change), UNIT_KINDS.get(change_title(change), change_title(change)))} {status_badge(change.status)}</li>"
                )
            else:
                items.append(
                    f"<li>{esc(UNIT_KINDS.get(change_title(change), change_title(change)))} {status_badge(change.status)}</li>"
                )
        out.append(f'<ul class="lt-change-list">{"".join(items)}</ul>\n')
    else:
        out.append("<p>لا تغيير.</p>\n")
    full_url = f"{url}full/"
    out.append(heading(2, "مصدر التغييرات", "blame") + "\n")
    out.append(blame_html(work, old, new, blamed, url) + "\n")
    out.append(heading(2, "الجدول المقارن: التغييرات وحدها", "table") + "\n")
    out.append(f"<p>{link(url, full_url, 'النص الكامل مع المواد التي لم تتغير')}</p>\n")
    out.append(diff_table(result, old, new, url, changes_only=True, blame=blamed) + "\n")
    full = [
        breadcrumbs([(work.url, work.title), (url, title)], full_url),
        heading(1, f"{title}: النص الكامل") + "\n",
        notice_html(new) + "\n",
        f"<p>{link(full_url, url, 'التغييرات وحدها')}</p>\n",
        diff_table(result, old, new, full_url, blame=blamed) + "\n",
    ]
    site.add(
        SitePage(page_path(full_url), full_url, f"{title}: النص الكامل", "\n".join(full), search=False, notice=True)
    )
    return site.add(SitePage(page_path(url), url, title, "\n".join(out), search=False, notice=True))


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
) -> str:

    rows = []
    for item in items:
        law = item.law
        for row in item.comparison.rows:
            bill_link = link(
                page_url,
                f"{bill.url}#{row.proposed.eid}" if row.proposed.eid in bill.places else bill.url,
                row.proposed.title,
            )
            penalty = penalties.get((bill.expression_uri, row.proposed.eid or ""))
            penalty_html = f'<p class="lt-penalty">{esc(penalty_summary(penalty))}</p>' if penalty else ""
            note = f'<p class="lt-muted">{esc(compare_note_ar(row.note))}</p>' if compare_note_ar(row.note) else ""
            if row.in_force is None:
                law_cell = (
                    f'<td><p class="lt-cell-label">{esc(law.title)}</p><span class="lt-muted">(فصل جديد لا مقابل '
                    "له في النص الساري)</span></td>"
                )
                new_text = f"<ins>{esc(row.proposed.text)}</ins>".replace("\n", "<br>")
                rows.append(
                    f'<tr>{law_cell}<td><p class="lt-cell-label">{bill_link}</p><div class="lt-cell-text">'
                    f"{new_text}</div></td><td><p>{status_badge(row.status)}</p>{penalty_html}{note}</td></tr>"
                )
                continue
            place = law.places.get(row.in_force.eid or "")
            law_link = link(
                page_url,
                f"{place.url}#{row.in_force.eid}" if place else law.url,
                f"{row.in_force.title} — {law.title}",
                title=place.text if place else None,
            )
            old_text = pieces_html(side_pieces(row.ops, "old")) if row.ops else esc(row.in_force.text)
            new_text = pieces_html(side_pieces(row.ops, "new")) if row.ops else esc(row.proposed.text)
            merged = pieces_html(inline_pieces(row.ops)) if row.ops else esc(row.proposed.text)
            rows.append(
                f'<tr id="cmp-{esc(row.target)}"><td><p class="lt-cell-label">{law_link}</p>'
                f'<div class="lt-cell-text">{old_text}</div></td>'
                f'<td><p class="lt-cell-label">{bill_link}</p><div class="lt-cell-text">{new_text}</div></td>'
                f'<td><p>{status_badge(row.status)}</p><div class="lt-cell-text">{merged}</div>{penalty_html}{note}</td></tr>'
            )
    if not rows:
        return "<p>لا تعدل هذه الصيغة أي فصل من النصوص الموجودة في الموقع.</p>"
    return (
        '<div class="lt-table-wrap"><table class="lt-compare lt-three">'
        f"<caption>النص الساري | المقترح ({esc(bill.when)}) | التغييرات</caption>"
        '<thead><tr><th scope="col">النص الساري</th><th scope="col">النص المقترح</th><th scope="col">التغييرات</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
    )


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
        "<p>لكل فصل يعدله المقترح أو يضيفه: نص الفصل الساري كما في الموقع، والنص المقترح، والتغييرات (المحذوف "
        "مشطوب والمضاف مسطر).</p>\n",
    ]
    for docx_url, law_title in docx:
        out.append(f"<p>{link(url, docx_url, 'تنزيل الجدول المقارن مع ' + law_title + ' (DOCX)')}</p>\n")
    out.append(comparison_table(index, bill, items, url, penalties) + "\n")
    return site.add(SitePage(page_path(url), url, title, "\n".join(out), search=False, notice=True))


# -- the timeline (on the bill's work page) -----------------------------------------------------------------


def timeline_html(work: Work, data: BillData, page_url: str) -> str:
    items = []
    previous = None
    for e in work.expressions:
        parts = [
            f'<time datetime="{esc(e.date)}">{esc(e.when)}</time> — {link(page_url, e.url, "الصيغة " + e.when)}',
            f"({len(e.articles())} مادة)",
        ]
        if previous is not None:
            result = data.diffs.get((previous.expression_uri, e.expression_uri))
            if result is not None:
                parts.append(
                    f"— {esc(summary_text(result))}: {link(page_url, diff_url(work, previous, e), 'المقارنة')}"
                )
        parts.append(f"— {link(page_url, compare_url(e), 'المقارنة بالنص الساري')}")
        items.append(f"<li>{' '.join(parts)}</li>")
        previous = e
    first = work.expressions[0]
    extra = [
        f"<li>{link(page_url, diff_url(work, first, e), f'الصيغة {e.when} مقارنة بالصيغة الأولى')}</li>"
        for e in work.expressions[2:]
    ]
    more = f"<p>مقارنات بالصيغة الأولى:</p><ul>{''.join(extra)}</ul>" if extra else ""
    return (
        f'<h2 id="timeline">المسار الزمني</h2><ol class="lt-timeline">{"".join(items)}</ol>{more}'
        f"<p>{link(page_url, amendments_url(work), 'التعديلات المقترحة على المواد')}</p>"
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
            "<p><strong>إسقاط، لا قانون ساري المفعول:</strong> النص الساري كما ستتركه مواد المقترح المعدلة لو "
            "اعتمدت بصيغتها الحالية، صنعه lawtool (<code>lawtool amend project</code>)، ولم يصدر عن أي سلطة "
            "تشريعية.</p>\n",
            f"<p>{link(url, law.url, 'النص الساري: الصيغة ' + law.when)} ← {esc(_Projected(law, bill).when)}. "
            "الكلمات المحذوفة مشطوبة <del>هكذا</del> والمضافة مسطرة <ins>هكذا</ins>.</p>\n",
            diff_table(result, law, _Projected(law, bill), url, changes_only=True) + "\n",
        ]
        site.add(SitePage(page_path(url), url, title, "\n".join(out), search=False, notice=True))
        made.append((url, f"{law.title} كما سيصير (إسقاط)"))
    return made
