"""The diff as one standalone HTML page: right to left (``dir="rtl" lang="ar"``), a summary,
a table of contents, the concordance, and the comparative table old | new with deleted words
in ``<del>`` and inserted ones in ``<ins>``.  A moved article keeps a row at its old place that
links to its new place, and the reverse.  Every text and attribute coming from a document is
escaped: a ``<script>`` in a bill is shown as text.  No external resource is loaded.
"""

from __future__ import annotations

from ..htmlbuild import DOCTYPE, Html, concat, elem, head, join, lines
from .present import CHANGES_AR, NEW_AR, OLD_AR, STATUS_AR, anchor, change_sides, change_title, html_lang, table_rows
from .result import Change, DiffResult

CSS = """
body{font-family:"Noto Naskh Arabic","Amiri","Traditional Arabic","Arial",sans-serif;margin:2em;line-height:1.8;
color:#222;background:#fff}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em}
table{border-collapse:collapse;width:100%}
th,td{border:1px solid #bbb;padding:.4em .6em;vertical-align:top;text-align:right}
th{background:#f2f2f2}
table.compare td{width:50%}
tr.heading td{background:#eef3f8;font-weight:bold}
tr.unchanged td{color:#555}
ins{background:#d7f5dd;text-decoration:underline;color:#064}
del{background:#fbdada;text-decoration:line-through;color:#900}
span.typo{background:#fff4c2}
.label{font-weight:bold;display:block}
.status{font-size:.85em;border-radius:.3em;padding:0 .4em;margin-inline-start:.5em;background:#eee;font-weight:normal}
.status.modified{background:#fff0c2}.status.added{background:#d7f5dd}.status.deleted{background:#fbdada}
.status.moved,.status.renumbered{background:#dde8ff}.status.split,.status.merged{background:#efdcff}
.note{color:#555;font-size:.9em}
code{direction:ltr;unicode-bidi:embed}
nav ul{columns:2}
"""


_BR = concat(elem("br"), "\n")
_MARKS = {"del": ("del", None), "ins": ("ins", None), "typo": ("span", "typo")}


def pieces_html(pieces) -> str:
    """Word-diff pieces (text, mark) as HTML (an ``Html`` string, kept as it is by the builder):
    deleted words in ``<del>``, inserted ones in ``<ins>``, typographic changes in
    ``<span class="typo">``; a line break as ``<br>``."""
    out = []
    for text, mark in pieces:
        body = join(text.split("\n"), _BR)
        tag, cls = _MARKS.get(mark, (None, None))
        out.append(elem(tag, body, class_=cls) if tag else body)
    return join(out)


def _status(status: str) -> Html:
    return elem("span", STATUS_AR.get(status, status), class_=f"status {status}")


def _link(side: str, unit) -> Html:
    return elem("a", unit.title, href="#" + anchor(side, unit.ref))


def row_id(change: Change) -> str:
    """The id of an article's row: by its new eId, or its old one when it has no new place in
    the row (deleted, moved)."""
    if change.new and change.status != "moved":
        return "row-" + anchor("new", change.new[0].ref)
    return "row-" + anchor("old", change.old[0].ref)


def _cell(side: str, entries, change: Change, *extra) -> Html:
    """The old or new side of an article's row: each unit's label and its text (``extra``: more
    after them, in the same cell)."""
    if not entries:
        note = "—"
        if side == "old" and change.status == "added":
            note = "(لا مقابل لها في النص السابق)"
        elif side == "new" and change.status == "deleted":
            note = "(حذفت)"
        return elem("td", elem("span", note, class_="note"), extra)
    parts: list[str] = []
    for unit, pieces in entries:
        heading = (" — ", unit.heading) if unit.heading else None
        parts.append(elem("span", unit.title, heading, class_="label", id=anchor(side, unit.ref)))
        parts.append(pieces_html(pieces))
    return elem("td", lines(parts), extra)


def _where_note(change: Change) -> Html | None:
    """Where a moved, split or merged article went (None for the others)."""
    if change.status == "moved":
        first = change.new[0]
        parent = (" (", first.parent.describe(), ")") if first.parent is not None else None
        return elem("div", "نقلت إلى ", _link("new", first), parent, class_="note")
    if change.status == "split":
        return elem("div", "جزئت إلى ", join([_link("new", u) for u in change.new], "، "), class_="note")
    if change.status == "merged":
        return elem("div", "أدمجت في ", _link("new", change.new[0]), class_="note")
    return None


def _article_row(change: Change, typographic: bool) -> Html:
    old, new = change_sides(change, typographic=typographic)
    status = change.status if change.is_change(typographic=typographic) else "unchanged"
    note = _where_note(change)
    if change.status == "moved":
        # the old place: old text and where it went; the new text is shown at the new place
        new_cell = elem("td", elem("span", note, class_="note"))
    else:
        badge = _status(status) if status != "unchanged" else None
        new_cell = _cell("new", new, change, (elem("div", badge), note) if badge or note else None)
    return elem("tr", _cell("old", old, change), new_cell, class_=status, id=row_id(change))


def _moved_here_row(change: Change, typographic: bool) -> Html:
    _, new = change_sides(change, typographic=typographic)
    first = change.old[0]
    parent = (" (", first.parent.describe(), ")") if first.parent is not None else None
    back = elem("div", _status("moved"), " منقولة من ", _link("old", first), parent, class_="note")
    return elem("tr", elem("td", elem("span", back, class_="note")), _cell("new", new, change), class_="moved")


def _heading_row(depth: int, change: Change) -> Html:
    old = change.old[0].describe() if change.old else "—"
    new = change.new[0].describe() if change.new else "—"
    badge = _status(change.status) if change.is_change() else None
    ident = (change.new or change.old)[0].ref
    cells = (elem("td", old), elem("td", new, " ", badge))
    return elem("tr", cells, class_=f"heading depth-{depth}", id=f"chp-{ident}")


def _notices(result: DiffResult) -> list[str]:
    """The working-text notices of the two documents (once if they are the same)."""
    return list(dict.fromkeys(n for n in (result.old.notice, result.new.notice) if n))


def _table(head_cells, rows, **attrs) -> Html:
    """A table: a header row of ``head_cells`` (none: no ``<thead>``), then the rows, one per line."""
    thead = elem("thead", elem("tr", [elem("th", c) for c in head_cells])) if head_cells else None
    return elem("table", thead, elem("tbody", lines(["", *rows, ""])), **attrs)


def standalone(title: str, css: str, body, language: str | None) -> str:
    """A whole page (the diff's and the comparison's): ``dir`` and ``lang`` from the document's
    language, the title, the style sheet, and the body's elements one per line."""
    lang, direction = html_lang(language)
    page = elem("html", "\n", head(title, css), "\n", elem("body", lines(["", *body, ""])), dir=direction, lang=lang)
    return lines([DOCTYPE, page, ""])


def render_html(result: DiffResult, *, typographic: bool = False) -> str:
    """The standalone page (see the module docstring)."""
    title = "مقارنة: " + (result.new.title or result.old.title or "مقارنة")
    body = _page_head(result, title)
    body += _summary_section(result.summary(), typographic)
    body += _table_of_contents(result.changes(typographic=typographic))
    body += _compare_table(result, typographic)
    body += _concordance_table(result)
    body.append(elem("p", "أعدت هذه المقارنة بواسطة lawtool.", class_="note"))
    return standalone(title, CSS, body, result.new.language or result.old.language)


def _page_head(result: DiffResult, title: str) -> list[Html]:
    """The title, the two documents compared, their notices and the warnings."""
    versions = [
        (OLD_AR, result.old.frbr or result.old.path),
        (NEW_AR, result.new.frbr or result.new.path),
    ]
    rows = [elem("tr", elem("th", name), elem("td", elem("code", uri))) for name, uri in versions]
    out = [elem("h1", title), _table((), rows)]
    out += [elem("p", notice, class_="notice") for notice in _notices(result)]
    out += [elem("p", warning, class_="note") for warning in result.warnings]
    return out


def _summary_section(summary: dict[str, int], typographic: bool) -> list[Html]:
    """How many articles have each status (those with none left out)."""
    rows = [elem("tr", elem("td", _status(status)), elem("td", count)) for status, count in summary.items() if count]
    out = [elem("h2", "الملخص", id="summary"), _table(("الحالة", "عدد المواد"), rows)]
    if not typographic and summary["typographic"]:
        out.append(elem("p", summary["typographic"], " تغييرات طباعية فقط غير معروضة.", class_="note"))
    return out


def _table_of_contents(changes: list[Change]) -> list[Html]:
    """A link to each change (articles and texts to their row, containers to their heading)."""
    items = [] if changes else [elem("li", "لا تغييرات")]
    for change in changes:
        if change.level in ("provision", "text"):
            href = "#" + row_id(change)
        else:
            href = f"#chp-{(change.new or change.old)[0].ref}"
        items.append(elem("li", elem("a", change_title(change), href=href), " ", _status(change.status)))
    return [concat(elem("h2", "فهرس التغييرات", id="toc"), elem("nav", elem("ul", lines(["", *items, ""]))))]


def _compare_table(result: DiffResult, typographic: bool) -> list[Html]:
    """The comparative table: changed texts, then the headings and articles in order."""
    rows = [_article_row(c, typographic) for c in result.texts if c.is_change(typographic=typographic)]
    for row in table_rows(result):
        if row[0] == "heading":
            rows.append(_heading_row(row[1], row[2]))
        elif row[0] == "article":
            rows.append(_article_row(row[1], typographic))
        else:
            rows.append(_moved_here_row(row[1], typographic))
    return [elem("h2", CHANGES_AR, id="compare"), _table((OLD_AR, NEW_AR), rows, class_="compare")]


def _concordance_link(side: str, ref: str | None, num: str | None) -> Html | str:
    return elem("a", str(num), href="#" + anchor(side, ref)) if ref else "—"


def _concordance_table(result: DiffResult) -> list[Html]:
    """Old number → new number of every article, each linked to its row."""
    rows = []
    for entry in result.concordance():
        old = _concordance_link("old", entry["old_ref"], entry["old_num"])
        new = _concordance_link("new", entry["new_ref"], entry["new_num"])
        rows.append(elem("tr", elem("td", old), elem("td", new), elem("td", _status(entry["status"]))))
    return [elem("h2", "جدول التوافق", id="concordance"), _table((OLD_AR, NEW_AR, "الحالة"), rows)]
