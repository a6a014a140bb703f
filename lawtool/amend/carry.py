"""Amendments written against version N of a bill, carried to version N+1.

The renumbering map old eId → new eId comes from two places:

1. the ``wId`` that ``amend apply`` leaves on every element whose eId changed (``art_18__para_4``
   with ``wId="art_18__para_3"``): exact, for versions made by lawtool;
2. the alignment of the two versions (``lawtool.diff``): articles paired even when moved,
   renumbered, split or merged, and their paragraphs paired inside; an element inside a paired
   article keeps its place in it (``art_12__para_2`` → ``art_13__para_2``).

Each operation's eIds go through the map; the carried amendment targets the new version and is
resolved against it (elements there, words found once).  An amendment that no longer fits is
reported with why: an element deleted or split in the new version, words no longer in the
element, an element whose text changed since (a replacement would undo that change).  Only
amendments still ``proposed`` are carried: adopted ones are in the new version, rejected,
withdrawn and fallen ones are decided, sub-amendments go with their amendment.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from ..akn import Document, text_of
from ..diff import diff_documents
from ..errors import LawtoolError
from .model import Amendment
from .resolve import Resolver


@dataclasses.dataclass
class Carried:
    amendment: Amendment  # the original
    carried: Amendment | None  # against the new version; None when it does not fit
    problems: list[str]  # why it does not fit (empty: it fits)
    renamed: dict[str, str]  # old eId → new eId for the eIds it names that changed


def _pairs_of_the_diff(old: Document, new: Document, mapping: dict[str, str], unsure: set[str], gone: set[str]) -> None:
    """Each unit (and part) the diff pairs one to one maps its eId; the units of a split or merge
    are unsure, those of a deletion gone."""
    for change in diff_documents(old, new).changes():
        for olds, news in [(change.old, change.new)] + [(p.old, p.new) for p in change.parts]:
            if len(olds) == 1 and len(news) == 1 and olds[0].eid and news[0].eid:
                mapping.setdefault(olds[0].eid, news[0].eid)
            elif olds and len(news) != 1:
                for unit in olds:
                    if unit.eid and unit.eid not in mapping:
                        (unsure if news else gone).add(unit.eid)


def _through_ancestor(eid: str, new_index, mapping: dict[str, str], unsure: set[str], gone: set[str]) -> None:
    """An eId the diff does not pair follows its nearest mapped ancestor (or is unsure or gone
    with it); with none, it keeps its eId if the new version has it."""
    parts = eid.split("__")
    for cut in range(len(parts) - 1, 0, -1):
        head = "__".join(parts[:cut])
        if head in mapping:
            candidate = "__".join([mapping[head], *parts[cut:]])
            if candidate in new_index:
                mapping[eid] = candidate
            return
        if head in unsure or head in gone:
            (unsure if head in unsure else gone).add(eid)
            return
    if eid in new_index:
        mapping[eid] = eid


def renumbering_map(old: Document, new: Document) -> tuple[dict[str, str], set[str]]:
    """{old eId: new eId} and the old eIds with no single place in the new version (split or
    merged); an old eId in neither was deleted."""
    unsure: set[str] = set()  # split or merged
    gone: set[str] = set()  # deleted
    old_index, new_index = old.eid_index(), new.eid_index()
    # an element that kept its wId (the eId it had) maps to its eId now
    mapping = {el.get("wId"): eid for eid, el in new_index.items() if el.get("wId") in old_index}
    _pairs_of_the_diff(old, new, mapping, unsure, gone)
    for eid in old_index:
        if eid not in mapping and eid not in unsure and eid not in gone:
            _through_ancestor(eid, new_index, mapping, unsure, gone)
    return mapping, unsure


def _closed(amendment: Amendment) -> str | None:
    """Why an amendment is not carried whatever the text: it is decided, or it follows its parent."""
    if amendment.amends:
        return f"a sub-amendment of {amendment.amends}: it goes with that amendment, not with the bill"
    if amendment.status == "adopted":
        return "adopted: it is already in the new version"
    if amendment.status != "proposed":
        return f"{amendment.status}: a decided amendment is not carried"
    return None


def carry(amendments: list[Amendment], old: Document, new: Document) -> list[Carried]:
    """Each amendment carried from ``old`` to ``new`` (see the module docstring)."""
    new_expression = new.frbr_expression
    mapping, unsure = renumbering_map(old, new)
    old_index, new_index = old.eid_index(), new.eid_index()
    out = []
    for amendment in amendments:
        closed = _closed(amendment)
        if closed or str(amendment.target) != str(old.frbr_expression):
            out.append(
                Carried(amendment, None, [closed or f"it targets {amendment.target}, not {old.frbr_expression}"], {})
            )
            continue
        problems, renamed, operations = [], {}, []
        for op in amendment.operations:
            fields: dict[str, Any] = {}
            for key in ("eid", "after", "before", "into"):
                eid = getattr(op, key)
                if not eid:
                    continue
                if eid in unsure:
                    problems.append(
                        f"operation {op.index}: {eid} was split or merged in the new version: "
                        "which part is meant is for its author to say"
                    )
                    continue
                target = mapping.get(eid)
                if target is None:
                    problems.append(f"operation {op.index}: {eid} is no longer in the new version (deleted)")
                    continue
                if target != eid:
                    renamed[eid] = target
                fields[key] = target
            if op.op == "replace" and op.eid in mapping:
                before_text, after_text = text_of(old_index[op.eid]), text_of(new_index[mapping[op.eid]])
                if " ".join(before_text.split()) != " ".join(after_text.split()):
                    problems.append(
                        f"operation {op.index}: the text of {op.eid} changed in the new version: "
                        "its replacement would undo that change — write it again against the new text"
                    )
            operations.append(dataclasses.replace(op, **fields))
        carried = None
        if new_expression is None:
            problems.append(
                "the new version has no FRBR expression URI to target — give an Akoma Ntoso document "
                "with <FRBRExpression>"
            )
        if not problems and new_expression is not None:
            carried = dataclasses.replace(amendment, target=new_expression, operations=operations)
            try:
                Resolver(new).resolve(carried)
            except LawtoolError as error:
                problems.append(error.message + (f" — {error.hint}" if error.hint else ""))
                carried = None
        out.append(Carried(amendment, carried, problems, renamed))
    return out
