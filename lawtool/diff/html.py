"""The diff as one standalone HTML page: right to left (``dir="rtl" lang="ar"``), a summary,
a table of contents, the concordance, and the comparative table old | new with deleted words
in ``<del>`` and inserted ones in ``<ins>``.  A moved article keeps a row at its old place that
links to its new place, and the reverse.  Every text and attribute coming from a document is
escaped: a ``<script>`` in a bill is shown as text.  No external resource is loaded.
"""

from __future__ import annotations

from html import escape

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


def _e(text) -> str:
    return escape(str(text), quote=True)


def pieces_html(pieces) -> str:
    out = []
    for text, mark in pieces:
        body = _e(text).replace("\n", "<br>\n")
        if mark == "del":
            out.append(f"<del>{body}</del>")
        elif mark == "ins":
            out.append(f"<ins>{body}</ins>")
        elif mark == "typo":
            out.append(f'<span class="typo">{body}</span>')
        else:
            out.append(body)
    return "".join(out)


def _status(status: str) -> str:
    return f'<span class="status {_e(status)}">{_e(STATUS_AR.get(status, status))}</span>'


def _link(side: str, unit) -> str:
    return f'<a href="#{_e(anchor(side, unit.ref))}">{_e(unit.title)}</a>'


def row_id(change: Change) -> str:
    """The id of an article's row: by its new eId, or its old one when it has no new place in
    the row (deleted, moved)."""
    if change.new and change.status != "moved":
        return "row-" + anchor("new", change.new[0].ref)
    return "row-" + anchor("old", change.old[0].ref)


def _cell(side: str, entries, change: Change) -> str:
    if not entries:
        note = "—"
        if side == "old" and change.status == "added":
            note = "(لا مقابل لها في النص السابق)"
        elif side == "new" and change.status == "deleted":
            note = "(حذفت)"
        return f'<td><span class="note">{_e(note)}</span></td>'
    html = []
    for unit, pieces in entries:
        html.append(
            f'<span class="label" id="{_e(anchor(side, unit.ref))}">{_e(unit.title)}'
            + (f" — {_e(unit.heading)}" if unit.heading else "")
            + "</span>"
        )
        html.append(pieces_html(pieces))
    return "<td>" + "\n".join(html) + "</td>"


def _article_row(change: Change, typographic: bool) -> str:
    old, new = change_sides(change, typographic=typographic)
    status = change.status if change.is_change(typographic=typographic) else "unchanged"
    notes = []
    if change.status == "moved":
        notes.append("نقلت إلى " + _link("new", change.new[0]))
        if change.new[0].parent is not None:
            notes[-1] += f" ({_e(change.new[0].parent.describe())})"
    if change.status == "split":
        notes.append("جزئت إلى " + "، ".join(_link("new", u) for u in change.new))
    if change.status == "merged":
        notes.append("أدمجت في " + _link("new", change.new[0]))
    note = f'<div class="note">{" ".join(notes)}</div>' if notes else ""
    if change.status == "moved":
        # the old place: old text and where it went; the new text is shown at the new place
        new_cell = f'<td><span class="note">{note}</span></td>'
        return f'<tr class="{_e(status)}" id="{_e(row_id(change))}">{_cell("old", old, change)}{new_cell}</tr>'
    badge = _status(status) if status != "unchanged" else ""
    old_html = _cell("old", old, change)
    new_html = _cell("new", new, change)
    if badge or note:
        new_html = new_html[:-5] + f"<div>{badge}</div>{note}</td>"
    return f'<tr class="{_e(status)}" id="{_e(row_id(change))}">{old_html}{new_html}</tr>'


def _moved_here_row(change: Change, typographic: bool) -> str:
    _, new = change_sides(change, typographic=typographic)
    back = f'<div class="note">{_status("moved")} منقولة من {_link("old", change.old[0])}'
    if change.old[0].parent is not None:
        back += f" ({_e(change.old[0].parent.describe())})"
    back += "</div>"
    return f'<tr class="moved"><td><span class="note">{back}</span></td>{_cell("new", new, change)[:-5]}</td></tr>'


def _heading_row(depth: int, change: Change) -> str:
    old = change.old[0].describe() if change.old else "—"
    new = change.new[0].describe() if change.new else "—"
    badge = _status(change.status) if change.is_change() else ""
    ident = (change.new or change.old)[0].ref
    return f'<tr class="heading depth-{depth}" id="chp-{_e(ident)}"><td>{_e(old)}</td><td>{_e(new)} {badge}</td></tr>'


def _notices(result: DiffResult) -> list[str]:
    """The working-text notices of the two documents (once if they are the same)."""
    return list(dict.fromkeys(n for n in (result.old.notice, result.new.notice) if n))


def render_html(result: DiffResult, *, typographic: bool = False) -> str:
    """The standalone page (see the module docstring)."""
    out = _page_head(result)
    out += _summary_section(result.summary(), typographic)
    out += _table_of_contents(result.changes(typographic=typographic))
    out += _compare_table(result, typographic)
    out += _concordance_table(result)
    out.append('<p class="note">أعدت هذه المقارنة بواسطة lawtool.</p>')
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _page_head(result: DiffResult) -> list[str]:
    """From the doctype to the two documents compared, their notices and the warnings."""
    title = result.new.title or result.old.title or "مقارنة"
    lang, direction = html_lang(result.new.language or result.old.language)
    out = [
        "<!DOCTYPE html>",
        f'<html dir="{direction}" lang="{_e(lang)}">',
        "<head>",
        '<meta charset="utf-8">',
        f"<title>{_e('مقارنة: ' + title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e('مقارنة: ' + title)}</h1>",
        "<table><tbody>",
        f"<tr><th>{OLD_AR}</th><td><code>{_e(result.old.frbr or result.old.path)}</code></td></tr>",
        f"<tr><th>{NEW_AR}</th><td><code>{_e(result.new.frbr or result.new.path)}</code></td></tr>",
        "</tbody></table>",
    ]
    out += [f'<p class="notice">{_e(notice)}</p>' for notice in _notices(result)]
    out += [f'<p class="note">{_e(warning)}</p>' for warning in result.warnings]
    return out


def _summary_section(summary: dict[str, int], typographic: bool) -> list[str]:
    """How many articles have each status (those with none left out)."""
    out = ['<h2 id="summary">الملخص</h2>', "<table><thead><tr><th>الحالة</th><th>عدد المواد</th></tr></thead><tbody>"]
    out += [f"<tr><td>{_status(status)}</td><td>{count}</td></tr>" for status, count in summary.items() if count]
    out.append("</tbody></table>")
    if not typographic and summary["typographic"]:
        out.append(f'<p class="note">{summary["typographic"]} تغييرات طباعية فقط غير معروضة.</p>')
    return out


def _table_of_contents(changes: list[Change]) -> list[str]:
    """A link to each change (articles and texts to their row, containers to their heading)."""
    out = ['<h2 id="toc">فهرس التغييرات</h2><nav><ul>']
    if not changes:
        out.append("<li>لا تغييرات</li>")
    for change in changes:
        if change.level in ("provision", "text"):
            href = "#" + row_id(change)
        else:
            href = f"#chp-{(change.new or change.old)[0].ref}"
        out.append(f'<li><a href="{_e(href)}">{_e(change_title(change))}</a> {_status(change.status)}</li>')
    out.append("</ul></nav>")
    return out


def _compare_table(result: DiffResult, typographic: bool) -> list[str]:
    """The comparative table: changed texts, then the headings and articles in order."""
    out = [
        f'<h2 id="compare">{CHANGES_AR}</h2>',
        f'<table class="compare"><thead><tr><th>{OLD_AR}</th><th>{NEW_AR}</th></tr></thead><tbody>',
    ]
    out += [_article_row(c, typographic) for c in result.texts if c.is_change(typographic=typographic)]
    for row in table_rows(result):
        if row[0] == "heading":
            out.append(_heading_row(row[1], row[2]))
        elif row[0] == "article":
            out.append(_article_row(row[1], typographic))
        else:
            out.append(_moved_here_row(row[1], typographic))
    out.append("</tbody></table>")
    return out


def _concordance_link(side: str, ref: str | None, num: str | None) -> str:
    return f'<a href="#{_e(anchor(side, ref))}">{_e(num)}</a>' if ref else "—"


def _concordance_table(result: DiffResult) -> list[str]:
    """Old number → new number of every article, each linked to its row."""
    out = [
        '<h2 id="concordance">جدول التوافق</h2>',
        f"<table><thead><tr><th>{OLD_AR}</th><th>{NEW_AR}</th><th>الحالة</th></tr></thead><tbody>",
    ]
    for entry in result.concordance():
        old = _concordance_link("old", entry["old_ref"], entry["old_num"])
        new = _concordance_link("new", entry["new_ref"], entry["new_num"])
        out.append(f"<tr><td>{old}</td><td>{new}</td><td>{_status(entry['status'])}</td></tr>")
    out.append("</tbody></table>")
    return out
