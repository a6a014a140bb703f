"""The comparative table of two versions of a text (lawtool.diff), as the bill pages and the
amendment pages show it: one row per article or heading, the old text beside the new, the changed
words marked, and with a blame the amendment that made each change after it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..diff.html import pieces_html
from ..diff.present import STATUS_AR, change_sides, table_rows
from ..htmlbuild import Html, elem, join, raw, table
from .html import link
from .index import Expression, Place
from .wording import arabic_parts, unit_ar


def status_badge(status: str) -> Html:
    return elem("span", STATUS_AR.get(status, status), class_=f"lt-status lt-{status}")


class DiffSide(Protocol):
    """The page a side of a diff table links to: an expression, or the stand-in of a text that has
    no page of its own (a projection, a version with an amendment applied)."""

    @property
    def url(self) -> str: ...

    @property
    def places(self) -> dict[str, Place]: ...

    @property
    def when(self) -> str: ...


@dataclass
class Blame:
    """The amendments that made each changed run of words of one diff (lawtool.amend.blame), as
    the diff page shows them: a link to the amendment after each run."""

    entries: list[dict]
    recorded: dict[str, str]  # amendment id → label, as the newer version records them
    amendment_href: dict[str, str]  # amendment id → URL of its page
    runs: dict = field(default_factory=dict)  # (eid, mark, words) → [ids]
    of_element: dict = field(default_factory=dict)  # (eid, mark) → [ids], for runs the table cuts differently

    def __post_init__(self):
        for e in self.entries:
            mark = "ins" if e["change"] == "insert" else "del"
            # the table shows an article whole: a run is found under its element and its article
            for eid in dict.fromkeys((e["eid"], e["eid"].split("__")[0])):
                self.runs.setdefault((eid, mark, " ".join(e["words"].split())), e["amendments"])
                ids = self.of_element.setdefault((eid, mark), [])
                ids.extend(i for i in e["amendments"] if i not in ids)

    def ids(self, eid: str, mark: str, words: str) -> list[str]:
        found = self.runs.get((eid, mark, " ".join(words.split())))
        return found if found is not None else self.of_element.get((eid, mark), [])

    def pieces_html(self, pieces, eid: str, page_url: str) -> Html:
        out = []
        for text, mark in pieces:
            out.append(raw(pieces_html([(text, mark)])))
            if mark in ("ins", "del") and text.strip():
                links = [
                    link(page_url, self.amendment_href[i], i, title=arabic_parts(self.recorded.get(i, "")))
                    if i in self.amendment_href
                    else i
                    for i in self.ids(eid, mark, text)
                ]
                if links:
                    out.append(elem("sup", join(links, "، "), class_="lt-blame"))
        return join(out)


def _side_cell(
    side: str,
    entries,
    expression: DiffSide,
    page_url: str,
    note: str = "",
    blame: Blame | None = None,
    after: Html | None = None,
) -> Html:
    """The cell of one side of a row: each element's label (a link to it) and its marked text; ``note``
    when the side is empty; ``after`` at the end of the cell."""
    if not entries:
        return elem("td", elem("span", note or "—", class_="lt-muted"), after)
    out = []
    for unit, pieces in entries:
        label = unit.title + (f" — {unit.heading}" if unit.heading else "")
        place = expression.places.get(unit.eid)
        # the page that shows the element (a long code's articles sit on pages of a few articles)
        target = f"{place.url}#{unit.eid}" if place is not None else expression.url
        out.append(elem("p", link(page_url, target, label), class_="lt-cell-label"))
        text = raw(pieces_html(pieces)) if blame is None else blame.pieces_html(pieces, unit.eid, page_url)
        out.append(elem("div", text, class_="lt-cell-text"))
    return elem("td", out, after)


def row_id(change) -> str:
    side, eid = ("new", change.new_eid) if change.new and change.status != "moved" else ("old", change.old_eid)
    return f"row-{side}-{eid or 'none'}"


def diff_table(
    result, old: Expression, new: DiffSide, page_url: str, changes_only: bool = False, blame: Blame | None = None
) -> str:
    """The comparative table; ``changes_only``: the unchanged articles left out (a row counts them);
    ``blame``: each changed run of words followed by the amendment that made it."""
    rows = []
    skipped = 0
    for row in table_rows(result):
        if changes_only and row[0] == "article" and not row[1].is_change():
            skipped += 1
        elif row[0] == "heading":
            rows.append(_heading_row(row[2]))
        else:
            rows.append(_article_row(row[0], row[1], old, new, page_url, blame))
    if skipped:
        unchanged = elem("span", f"{skipped} مادة دون تغيير لا تعرض هنا", class_="lt-muted")
        rows.append(elem("tr", elem("td", unchanged, colspan="2"), class_="lt-row-unchanged"))
    head = [f"الصيغة {old.when}", f"الصيغة {new.when}"]
    caption = f"مقارنة الصيغة {old.when} بالصيغة {new.when}"
    return elem("div", table(head, rows, caption, class_="lt-compare lt-two"), class_="lt-table-wrap")


def _heading_row(change) -> Html:
    """The row of a heading (a chapter, a section): its old and new titles, its status if it changed."""
    o = unit_ar(change.old[0]) if change.old else "—"
    n = unit_ar(change.new[0]) if change.new else "—"
    badge = status_badge(change.status) if change.is_change() else ""
    return elem("tr", elem("td", o), elem("td", n, " ", badge), class_="lt-row-heading")


def _article_row(kind: str, change, old: Expression, new: DiffSide, page_url: str, blame: Blame | None) -> Html:
    """The row of an article: the old text beside the new; ``kind`` "moved-here" for the row at the
    new place of a moved article."""
    olds, news = change_sides(change)
    status = change.status if change.is_change() else "unchanged"
    if kind == "moved-here":
        back = link(page_url, f"#{row_id(change)}", change.old[0].title)
        moved_from = elem("td", elem("span", status_badge("moved"), " منقولة من ", back, class_="lt-muted"))
        return elem("tr", moved_from, _side_cell("new", news, new, page_url, blame=blame), class_="lt-row-moved")
    old_cell = _side_cell("old", olds, old, page_url, "(لا مقابل لها في الصيغة السابقة)", blame)
    if change.status == "moved":
        moved_to = f" نقلت إلى {change.new[0].title}"
        new_cell = elem("td", elem("span", status_badge("moved"), moved_to, class_="lt-muted"))
    else:
        badge = elem("p", status_badge(status)) if status != "unchanged" else None
        new_cell = _side_cell("new", news, new, page_url, "(حذفت)", blame, badge)
    return elem("tr", old_cell, new_cell, class_=f"lt-row-{status}", id=row_id(change))
