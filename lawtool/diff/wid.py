"""The concordance written back: each element of the new version whose eId is not the one it
had in the old version records that old identifier as ``wId``.

If the old element itself had a ``wId`` (it was renumbered before), that older identifier is
carried on, so a ``wId`` always names the element's first identity.  Inside an article whose
eId changed, sub-elements are paired by position when the article's structure is unchanged,
and through the alignment of its paragraphs and points otherwise.  A split passes the old
identifier to the part that kept the old place; a merger keeps the identifier of the article
that absorbed the others.  Running it twice changes nothing the second time.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..akn import local_name
from .result import Change, DiffResult


@dataclass(frozen=True)
class WidUpdate:
    eid: str  # the element in the new version
    before: str | None  # its wId before (None: it had none)
    after: str  # the wId written


def _with_eids(el) -> list:
    return [d for d in el.iterdescendants() if isinstance(d.tag, str) and d.get("eId")]


def _pairs_of(change: Change):
    if not change.old or not change.new:
        return
    old, new = change.old[0], change.new[0]
    yield old.el, new.el
    if old.eid == new.eid:
        return
    a, b = _with_eids(old.el), _with_eids(new.el)
    if [local_name(x) for x in a] == [local_name(y) for y in b]:
        yield from zip(a, b, strict=False)
        return
    for part in change.parts:
        yield from _pairs_of(part)


def wid_updates(result: DiffResult) -> list[tuple]:
    """(new element, WidUpdate) for every element whose ``wId`` would change."""
    out = []
    seen = set()
    for change in result.containers + result.articles:
        for old_el, new_el in _pairs_of(change):
            if id(new_el) in seen:
                continue
            seen.add(id(new_el))
            identity = old_el.get("wId") or old_el.get("eId")
            if not identity or identity == new_el.get("eId") and not new_el.get("wId"):
                continue
            if new_el.get("wId") != identity:
                out.append((new_el, WidUpdate(new_el.get("eId"), new_el.get("wId"), identity)))
    return out


def apply_wids(result: DiffResult) -> list[WidUpdate]:
    """Write the ``wId`` attributes into the new version's tree (not to disk); return what
    changed."""
    updates = wid_updates(result)
    for el, update in updates:
        el.set("wId", update.after)
    return [u for _, u in updates]
