"""The comparative table of two versions of a text (lawtool.diff), as the bill pages and the
amendment pages show it: one row per article or heading, the old text beside the new, the changed
words marked, and with a blame the amendment that made each change after it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from ..diff.html import pieces_html
from ..diff.present import STATUS_AR, change_sides, table_rows
from .html import esc, link
from .index import Expression, Place
from .wording import arabic_parts, unit_ar


def status_badge(status: str) -> str:
    return f'<span class="lt-status lt-{esc(status)}">{esc(STATUS_AR.get(status, status))}</span>'


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

    def pieces_html(self, pieces, eid: str, page_url: str) -> str:
        out = []
        for text, mark in pieces:
            out.append(pieces_html([(text, mark)]))
            if mark in ("ins", "del") and text.strip():
                links = [
                    link(page_url, self.amendment_href[i], i, title=arabic_parts(self.recorded.get(i, "")))
                    if i in self.amendment_href
                    else esc(i)
                    for i in self.ids(eid, mark, text)
                ]
                if links:
                    out.append(f'<sup class="lt-blame">{"، ".join(links)}</sup>')
        return "".join(out)


def _side_cell(
    side: str, entries, expression: DiffSide, page_url: str, note: str = "", blame: Blame | None = None
) -> str:
    if not entries:
        return f'<td><span class="lt-muted">{esc(note or "—")}</span></td>'
    out = []
    for unit, pieces in entries:
        label = unit.title + (f" — {unit.heading}" if unit.heading else "")
        place = expression.places.get(unit.eid)
        # the page that shows the element (a long code's articles sit on pages of a few articles)
        target = f"{place.url}#{unit.eid}" if place is not None else expression.url
        out.append(f'<p class="lt-cell-label">{link(page_url, target, label)}</p>')
        text = pieces_html(pieces) if blame is None else blame.pieces_html(pieces, unit.eid, page_url)
        out.append(f'<div class="lt-cell-text">{text}</div>')
    return "<td>" + "".join(out) + "</td>"


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
            continue
        if row[0] == "heading":
            change = row[2]
            o = unit_ar(change.old[0]) if change.old else "—"
            n = unit_ar(change.new[0]) if change.new else "—"
            badge = status_badge(change.status) if change.is_change() else ""
            rows.append(f'<tr class="lt-row-heading"><td>{esc(o)}</td><td>{esc(n)} {badge}</td></tr>')
            continue
        change = row[1]
        olds, news = change_sides(change)
        status = change.status if change.is_change() else "unchanged"
        if row[0] == "moved-here":
            back = link(page_url, f"#{row_id(change)}", change.old[0].title)
            rows.append(
                f'<tr class="lt-row-moved"><td><span class="lt-muted">{status_badge("moved")} منقولة من {back}</span></td>'
                f"{_side_cell('new', news, new, page_url, blame=blame)}</tr>"
            )
            continue
        old_cell = _side_cell("old", olds, old, page_url, "(لا مقابل لها في الصيغة السابقة)", blame)
        if change.status == "moved":
            new_cell = (
                f'<td><span class="lt-muted">{status_badge("moved")} نقلت إلى {esc(change.new[0].title)}</span></td>'
            )
        else:
            new_cell = _side_cell("new", news, new, page_url, "(حذفت)", blame)
            if status != "unchanged":
                new_cell = new_cell[:-5] + f"<p>{status_badge(status)}</p></td>"
        rows.append(f'<tr class="lt-row-{esc(status)}" id="{esc(row_id(change))}">{old_cell}{new_cell}</tr>')
    if skipped:
        rows.append(
            f'<tr class="lt-row-unchanged"><td colspan="2"><span class="lt-muted">{skipped} مادة دون تغيير '
            "لا تعرض هنا</span></td></tr>"
        )
    return (
        '<div class="lt-table-wrap"><table class="lt-compare lt-two">'
        f"<caption>مقارنة الصيغة {esc(old.when)} بالصيغة {esc(new.when)}</caption>"
        f'<thead><tr><th scope="col">الصيغة {esc(old.when)}</th><th scope="col">الصيغة {esc(new.when)}</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
