"""«Blame» between two versions of a bill: each word changed from one to the next, and the
amendment that changed it.

The newer version made by ``amend apply`` records, for each operation, a ``textualMod`` in its
``passiveModifications`` (source: the amendment's mod, destination: the element) and a
``passiveRef`` per amendment (its label).  ``blame`` diffs the two versions (lawtool.diff) and
gives each deleted or inserted run of words the amendments whose operations name that element
(or an element inside it, or around it); when several amendments touch one element and the
amendments themselves are given, the one whose new words (or words replaced) are those of the
run is chosen.  Changes no amendment records (the notice of the version, a version edited by
hand) are listed with no amendment.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..akn import Document, local_name
from ..diff import diff_documents
from ..errors import LawtoolError
from ..htmlbuild import Html, concat, elem, join, lines, page
from .model import Amendment


def _records(new: Document) -> tuple[list[tuple[str, str, int]], dict[str, str]]:
    """[(destination eId, amendment id, operation)] and {amendment id: label}."""
    mods = []
    for mod in new.xpath("./a:meta/a:analysis/a:passiveModifications/a:textualMod", new.main):
        found = re.match(r"pmod_(.+)_(\d+)$", mod.get("eId") or "")
        dest = next((d.get("href", "") for d in mod if local_name(d) == "destination"), "")
        if found and dest.startswith("#"):
            mods.append((dest[1:], found.group(1), int(found.group(2))))
    labels = {}
    for ref in new.xpath("./a:meta/a:references/a:passiveRef", new.main):
        if (ref.get("eId") or "").startswith("amd_"):
            labels[ref.get("eId")[4:]] = ref.get("showAs") or ""
    return mods, labels


def recorded_amendments(new: Document) -> dict[str, str]:
    """{amendment id: label} of the amendments NEW records as applied to make it (empty for a
    version imported from its text)."""
    return _records(new)[1]


def _related(a: str, b: str) -> bool:
    return a == b or a.startswith(b + "__") or b.startswith(a + "__")


def _words_of(amendment: Amendment, index: int) -> str:
    for op in amendment.operations:
        if op.index == index:
            parts = [op.find or "", op.with_ or ""]
            if op.body:
                parts += [str(v) for v in op.body.values()]
            return " ".join(parts)
    return ""


def _check_step(old: Document, labels: dict, by_id: dict[str, Amendment]) -> None:
    """The records name amendments, not the version they were applied to: an amendment given that
    NEW records and that amends another version means OLD is not the step they made."""
    base = str(old.frbr_expression)
    elsewhere = sorted(i for i in labels if i in by_id and by_id[i].target.expression_uri() != base)
    if elsewhere:
        raise LawtoolError(
            f"{', '.join(elsewhere)} amend {by_id[elsewhere[0]].target.expression_uri()}, not {base}",
            path=old.path,
            hint="blame explains one step: give the version the amendments were applied to as OLD",
        )


def _responsible(words: str, candidates: list, by_id: dict[str, Amendment]) -> list[str]:
    """The ids of the amendments recorded on the element; when several, those whose operations
    write ``words`` (if the amendments are given and one does)."""
    ids = list(dict.fromkeys(amd for amd, _ in candidates))
    if len(ids) > 1 and by_id:
        fitting = [amd for amd, n in candidates if amd in by_id and words in _words_of(by_id[amd], n)]
        ids = list(dict.fromkeys(fitting)) or ids
    return ids


def _unit_entries(unit, article: str, mods: list, labels: dict, by_id: dict[str, Amendment]) -> list[dict]:
    eid = unit.new_eid or unit.old_eid or ""
    candidates = [(amd, n) for dest, amd, n in mods if eid and _related(dest, eid)]
    out = []
    for op in unit.ops:
        words = (op.new if op.op == "insert" else op.old).strip() if op.op in ("insert", "delete") else ""
        if not words:
            continue
        ids = _responsible(words, candidates, by_id)
        labelled = [labels.get(i, i) for i in ids]
        out.append(
            {"article": article, "eid": eid, "change": op.op, "words": words, "amendments": ids, "labels": labelled}
        )
    return out


def blame(old: Document, new: Document, amendments: Sequence[Amendment] = (), result=None) -> list[dict]:
    """One entry per changed run of words: {article, eid, change (insert | delete), words,
    amendments: [ids], labels: [proposer: title]}.  ``result``: the diff of OLD and NEW when the
    caller has it already (lawtool.diff.diff_documents)."""
    if result is None:
        result = diff_documents(old, new)
    mods, labels = _records(new)
    by_id = {a.id: a for a in amendments}
    _check_step(old, labels, by_id)
    out = []
    for change in result.changes():
        if not change.is_change():
            continue
        changed = change.new_unit or change.old_unit
        article = changed.label if changed else ""
        for unit in list(change.parts) or [change]:
            out.extend(_unit_entries(unit, article, mods, labels, by_id))
    return out


CSS = (
    'body{font-family:"Noto Sans Arabic","Noto Naskh Arabic",sans-serif;margin:1.5em}'
    "table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.3em .5em;"
    "vertical-align:top}ins{background:#d7f5dd}del{background:#fbdada}.notice{color:#700}"
    "code{direction:ltr;unicode-bidi:embed}"
)
COLUMNS_AR = ("المادة", "العنصر", "الكلمات", "التعديل")


def _row_html(entry: dict) -> Html:
    who = join(
        [
            (elem("a", i, href=f"#amendment-{i}"), " (", label, ")")
            for i, label in zip(entry["amendments"], entry["labels"], strict=False)
        ],
        "، ",
    )
    words = elem("ins" if entry["change"] == "insert" else "del", entry["words"])
    cells = (entry["article"], elem("code", entry["eid"]), words, who or "— (لا تعديل مسجل)")
    return elem("tr", [elem("td", cell) for cell in cells])


def to_html(entries: list[dict], old: Document, new: Document) -> str:
    table = elem(
        "table",
        elem("thead", elem("tr", [elem("th", name) for name in COLUMNS_AR])),
        elem("tbody", "\n", lines(_row_html(e) for e in entries), "\n"),
    )
    body = [
        elem("h1", "مصدر التغييرات بين صيغتين"),
        elem("p", new.notice, class_="notice"),
        elem("p", "من ", elem("bdi", str(old.frbr_expression)), " إلى ", elem("bdi", str(new.frbr_expression))),
        table,
    ]
    return page(concat("مصدر التغييرات: ", new.title), CSS, body)
