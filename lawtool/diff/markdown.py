"""The diff as Markdown for the site (MkDocs Material with ``language: ar`` lays it out right
to left): a summary, the concordance, and one section per changed element with a two-column
table old | new.  Changed words are marked with ``<del>`` and ``<ins>`` (raw HTML, which
Markdown keeps); anchors are ASCII eIds.  Text from the documents is escaped for both HTML and
Markdown, so nothing in a bill can become markup.
"""

from __future__ import annotations

import re
from html import escape

from .present import NEW_AR, OLD_AR, STATUS_AR, change_sides, change_title, elide
from .result import Change, DiffResult

_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|#~^])")


def md_escape(text: str) -> str:
    """Escape for a Markdown table cell that may hold inline HTML: the characters Markdown (and
    its usual extensions) would read as markup get a backslash, then ``& < >`` become entities."""
    return escape(_MD_SPECIAL.sub(r"\\\1", text), quote=False)


def pieces_md(pieces) -> str:
    out = []
    for text, mark in pieces:
        lines = [md_escape(line) for line in text.split("\n")]
        body = "<br>".join(lines)
        if mark == "del":
            body = "<br>".join(f"<del>{x}</del>" if x else "" for x in lines)
        elif mark == "ins":
            body = "<br>".join(f"<ins>{x}</ins>" if x else "" for x in lines)
        elif mark == "typo":
            body = "<br>".join(f"<mark>{x}</mark>" if x else "" for x in lines)
        out.append(body)
    return "".join(out)


def _cell(entries, other, empty: str) -> str:
    if not entries:
        return empty
    other_pieces = [p for _, pieces in other for p in pieces + [("\n", None)]]
    parts = []
    for unit, pieces in entries:
        parts.append(f"**{md_escape(unit.title)}**<br>{pieces_md(elide(pieces, other_pieces, keep=3))}")
    return "<br><br>".join(parts)


def _section(change: Change, typographic: bool) -> list[str]:
    old, new = change_sides(change, typographic=typographic)
    anchor = (change.new or change.old)[0].ref or "none"
    lines = [
        f'### <a id="{escape(anchor, quote=True)}"></a>{md_escape(change_title(change))} '
        f"({STATUS_AR.get(change.status, change.status)})",
        "",
    ]
    if change.status == "moved":
        where = [u.parent.describe() for u in change.old + change.new if u.parent is not None]
        if len(where) == 2:
            lines += [f"نقلت من {md_escape(where[0])} إلى {md_escape(where[1])}.", ""]
    lines += [
        f"| {OLD_AR} | {NEW_AR} |",
        "| --- | --- |",
        f"| {_cell(old, new, '—')} | {_cell(new, old, '(حذفت)' if change.status == 'deleted' else '—')} |",
        "",
    ]
    return lines


def render_markdown(result: DiffResult, *, typographic: bool = False) -> str:
    title = result.new.title or result.old.title or ""
    out = [
        f"# مقارنة: {md_escape(title)}",
        "",
        f"- {OLD_AR}: `{result.old.frbr or result.old.path}`",
        f"- {NEW_AR}: `{result.new.frbr or result.new.path}`",
        "",
    ]
    out += [f"> {md_escape(n)}\n" for n in dict.fromkeys(x for x in (result.old.notice, result.new.notice) if x)]
    out += [f"> {md_escape(w)}\n" for w in result.warnings]
    out += ["## الملخص", "", "| الحالة | عدد المواد |", "| --- | ---: |"]
    for status, count in result.summary().items():
        if count:
            out.append(f"| {STATUS_AR[status]} | {count} |")
    out.append("")
    changes = result.changes(typographic=typographic)
    out += ["## التغييرات", ""]
    if not changes:
        out += ["لا تغييرات.", ""]
    for change in changes:
        if change.level in ("provision", "text"):
            out += _section(change, typographic)
        else:
            out += [
                f"### {md_escape(change_title(change))} ({STATUS_AR.get(change.status, change.status)})",
                "",
                " ← ".join(md_escape(u.describe()) for u in change.old + change.new),
                "",
            ]
    out += ["## جدول التوافق", "", f"| {OLD_AR} | {NEW_AR} | الحالة |", "| --- | --- | --- |"]
    for row in result.concordance():
        out.append(
            f"| {md_escape(row['old_num'] or '—')} | {md_escape(row['new_num'] or '—')} | {STATUS_AR[row['status']]} |"
        )
    return "\n".join(out) + "\n"
