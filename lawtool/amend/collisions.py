"""Collisions between amendments, decided on eIds and on the places words are matched.

Each resolved operation leaves *footprints* on the document:

============  ==================================================================================
content       replace: the element;  substitute: the text block where its words are (with the
              character range)
delete        the element removed
position      the element moved
number        the element whose <num> changes (renumber; a move or replace that gives ``num``)
anchor        the element an insert or move is placed after/before/into
gap           the place filled: (parent, rank among its children) — «after art_9» and «before
              art_10» are one place
new number    the number an article (or point) gets: insert, move or renumber with ``num``
============  ==================================================================================

Two footprints of different amendments meet when one element is the other or contains it.
Kinds of collision (``KINDS``), for amendments A and B:

``same-element``       both change the same element's text (a replace against anything inside it;
                       two renumberings or two moves of one element; two deletions)
``overlapping-words``  both substitute words in one text block, and the ranges overlap
                       (disjoint ranges in the same paragraph are compatible)
``target-deleted``     B touches an element that A deletes (or something inside it, or inserts
                       next to it)
``target-moved``       B touches an element that A moves (or inside it, or inserts next to it)
``target-renumbered``  B touches an element that A renumbers (its eId, and those inside it, change)
``same-place``         both insert (or move) elements into the same place: their order is open
``same-number``        both give an article (or a point of one list) the same number

Within one amendment the same rules find *overlapping operations*, an error, except what one
author can mean at once: new text and a new place or number for one element, and several
insertions at one place (they go in the order written).

The amendments that collide with none are *compatible*; ``order`` lists them in the order of
the text (the first element each touches), the order a committee takes them in.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from lxml import etree

from ..akn import Document, local_name
from ..eids import number_from_num
from ..errors import AmendmentError, LawtoolError
from .model import Amendment
from .resolve import Resolved, Resolver, gap_of, target_check

KINDS = (
    "same-element",
    "overlapping-words",
    "target-deleted",
    "target-moved",
    "target-renumbered",
    "same-place",
    "same-number",
)

# footprint aspects, strongest first (the stronger one is "upper" when both are on one element)
DELETE, REPLACE, POSITION, NUMBER, WORDS, ANCHOR = "delete", "replace", "position", "number", "words", "anchor"
_STRENGTH = {DELETE: 0, REPLACE: 1, POSITION: 2, NUMBER: 3, WORDS: 4, ANCHOR: 5}
_VERB = {
    DELETE: "deletes",
    REPLACE: "replaces",
    POSITION: "moves",
    NUMBER: "renumbers",
    WORDS: "substitutes words in",
    ANCHOR: "inserts next to",
}


@dataclass(frozen=True)
class Collision:
    kind: str
    amendments: tuple[str, ...]
    eid: str
    message: str
    operations: tuple[tuple[str, int], ...] = ()

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "amendments": list(self.amendments),
            "eid": self.eid,
            "message": self.message,
            "operations": [{"amendment": a, "operation": i} for a, i in self.operations],
        }


@dataclass
class CheckResult:
    collisions: list[Collision]
    order: list[str]  # compatible amendments, in application order
    colliding: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.collisions

    def to_dict(self) -> dict:
        return {
            "collisions": [c.to_dict() for c in self.collisions],
            "order": list(self.order),
            "colliding": list(self.colliding),
        }


@dataclass
class _Print:
    aspect: str
    el: etree._Element
    r: Resolved
    start: int = 0
    end: int = 0
    side: str | None = None


def _eid(el) -> str:
    """The eId of an element, or of its nearest ancestor that has one (text blocks have none)."""
    node = el
    while node is not None:
        if isinstance(node.tag, str) and node.get("eId"):
            return node.get("eId")
        node = node.getparent()
    return "?"


def footprints(r: Resolved) -> list[_Print]:
    op = r.op
    out = []
    if op.op == "replace":
        if op.body:
            out.append(_Print(REPLACE, r.el, r))
        elif op.heading is not None:
            # a new heading only: the heading, not what the element holds
            heading = next((c for c in r.target if isinstance(c.tag, str) and local_name(c) == "heading"), None)
            if heading is not None:
                out.append(_Print(REPLACE, heading, r))
        if op.num is not None:
            out.append(_Print(NUMBER, r.el, r))
    elif op.op == "substitute" and r.match is not None:
        out.append(_Print(WORDS, r.match.block, r, r.match.start, r.match.end))
    elif op.op == "delete":
        out.append(_Print(DELETE, r.el, r))
    elif op.op == "move":
        out.append(_Print(POSITION, r.el, r))
        if op.num is not None:
            out.append(_Print(NUMBER, r.el, r))
    elif op.op == "renumber":
        out.append(_Print(NUMBER, r.el, r))
    if r.anchor is not None:
        out.append(_Print(ANCHOR, r.anchor, r, side=r.side))
    return out


def _new_number(r: Resolved):
    """(scope, number) of the number an operation gives, or None."""
    op = r.op
    if op.num is None or op.op not in ("insert", "move", "renumber"):
        return None
    kind = op.kind if op.op == "insert" else local_name(r.el)
    try:
        number = number_from_num(op.num)
    except LawtoolError:
        return None
    if kind == "article":
        return ("article", number)
    parent = r.anchor if r.side == "into" else (r.anchor.getparent() if r.anchor is not None else r.target.getparent())
    return (id(parent), kind, number)


def _meet_delete(upper: _Print, lower: _Print, same: bool) -> str | None:
    return "same-element" if lower.aspect == DELETE and same else "target-deleted"


def _meet_replace(upper: _Print, lower: _Print, same: bool) -> str | None:
    b = lower.aspect
    if b == ANCHOR:
        return "same-element" if (not same or lower.side == "into") else None
    if same and b == POSITION:
        return "target-moved"
    if same and b == NUMBER:
        return "target-renumbered"
    return "same-element"


def _meet_position(upper: _Print, lower: _Print, same: bool) -> str | None:
    return "same-element" if lower.aspect == POSITION and same else "target-moved"


def _meet_number(upper: _Print, lower: _Print, same: bool) -> str | None:
    return "same-element" if lower.aspect == NUMBER and same else "target-renumbered"


def _meet_words(upper: _Print, lower: _Print, same: bool) -> str | None:
    if lower.aspect == WORDS and same and upper.start < lower.end and lower.start < upper.end:
        return "overlapping-words"
    return None


# what the upper footprint's aspect does to a footprint on its element or below it (an anchor
# constrains nothing below it)
_MEET = {
    DELETE: _meet_delete,
    REPLACE: _meet_replace,
    POSITION: _meet_position,
    NUMBER: _meet_number,
    WORDS: _meet_words,
}


def _meet(upper: _Print, lower: _Print, same: bool) -> str | None:
    """The kind of collision when ``upper``'s element is ``lower``'s or contains it."""
    meet = _MEET.get(upper.aspect)
    return meet(upper, lower, same) if meet else None


# Within one amendment: what one author can mean at once.
def _allowed_within(kind: str, upper: _Print, lower: _Print, same: bool) -> bool:
    if kind == "same-place":
        return True
    if kind == "target-moved":
        # changes inside (or to the text of) an element one also moves; only a position next to
        # the moved element itself is ambiguous (its old place or its new one?)
        if upper.aspect != POSITION:
            return False
        if same:
            return lower.aspect in (REPLACE, WORDS, NUMBER) or (lower.aspect == ANCHOR and lower.side == "into")
        return True
    if kind == "target-renumbered":
        # operations name elements by the target's eIds: a new number changes nothing for them
        return True
    return False


def _describe(p: _Print) -> str:
    return f"{p.r.amendment.id} (operation {p.r.op.index}) {_VERB[p.aspect]} {_eid(p.el)}"


def _message(kind: str, upper: _Print, lower: _Print) -> str:
    ra, rb = upper.r, lower.r
    if kind == "overlapping-words":
        return (
            f"{ra.amendment.id} and {rb.amendment.id} both change words in {_eid(upper.el)}: «{ra.op.find}» and "
            f"«{rb.op.find}» overlap"
        )
    if kind == "same-place":
        return f"{ra.amendment.id} and {rb.amendment.id} both insert at the same place ({_where(upper)}): the order is open"
    if kind == "same-number":
        return f"{ra.amendment.id} and {rb.amendment.id} both number an element «{ra.op.num}»"
    return f"{_describe(upper)}; {_describe(lower)}"


class _Findings:
    """The collisions between amendments (one per kind, pair of amendments and element) and the
    overlaps inside one amendment, in the order they are met."""

    def __init__(self) -> None:
        self.found: dict[tuple, Collision] = {}
        self.overlaps: list[tuple[str, _Print, _Print]] = []

    def record(self, kind: str, upper: _Print, lower: _Print) -> None:
        ra, rb = upper.r, lower.r
        if ra.op is rb.op:
            return
        if ra.amendment is rb.amendment:
            if not _allowed_within(kind, upper, lower, upper.el is lower.el):
                self.overlaps.append((kind, upper, lower))
            return
        ids = tuple(sorted((ra.amendment.id, rb.amendment.id)))
        key = (kind, ids, _eid(upper.el))
        if key not in self.found:
            ops = tuple(sorted({ra.key, rb.key}))
            self.found[key] = Collision(kind, ids, _eid(upper.el), _message(kind, upper, lower), ops)

    def meetings(self, prints: list[_Print]) -> None:
        """Each footprint against those on its element and on the elements around it."""
        at: dict[int, list[_Print]] = defaultdict(list)
        for p in prints:
            at[id(p.el)].append(p)
        for p in prints:
            node = p.el
            while node is not None:
                for q in at.get(id(node), ()):
                    if q is not p:
                        self._meet_once(q, p, node is p.el)
                node = node.getparent()

    def _meet_once(self, q: _Print, p: _Print, same: bool) -> None:
        # on the same element, meet once: the stronger aspect above; between equals, the amendment
        # (and operation) that comes first — never the memory address, so every run says the same
        if same and (_STRENGTH[q.aspect], q.r.key, q.start, q.end) > (_STRENGTH[p.aspect], p.r.key, p.start, p.end):
            return
        kind = _meet(q, p, same)
        if kind:
            self.record(kind, q, p)

    def same_places(self, resolved: list[Resolved]) -> None:
        """Insertions (and moves) into the same gap: their order is open."""
        gaps: dict[tuple, list[_Print]] = defaultdict(list)
        for r in resolved:
            if r.anchor is not None and r.op.op in ("insert", "move"):
                parent, rank = gap_of(r.anchor, r.side)
                gaps[(id(parent), rank)].append(_Print(ANCHOR, r.anchor, r, side=r.side))
        for group in gaps.values():
            for i, a in enumerate(group):
                for b in group[i + 1 :]:
                    self.record("same-place", a, b)

    def same_numbers(self, resolved: list[Resolved]) -> None:
        numbers: dict[tuple, list[Resolved]] = defaultdict(list)
        for r in resolved:
            number = _new_number(r)
            if number is not None:
                numbers[number].append(r)
        for numbered in numbers.values():
            for i, ra in enumerate(numbered):
                for rb in numbered[i + 1 :]:
                    # the element renumbered, or the place of the one inserted («el or anchor» would
                    # test whether the element has children: lxml's truth value)
                    pa = _Print(NUMBER, ra.el if ra.el is not None else ra.at, ra)
                    pb = _Print(NUMBER, rb.el if rb.el is not None else rb.at, rb)
                    if ra.amendment is rb.amendment:
                        self.overlaps.append(("same-number", pa, pb))
                    else:
                        self.record("same-number", pa, pb)


def find_collisions(resolved: list[Resolved]) -> tuple[list[Collision], list[tuple[str, _Print, _Print]]]:
    """(collisions between amendments, overlaps inside one amendment)."""
    findings = _Findings()
    findings.meetings([p for r in resolved for p in footprints(r)])
    findings.same_places(resolved)
    findings.same_numbers(resolved)
    collisions = sorted(findings.found.values(), key=lambda c: (c.amendments, c.eid, KINDS.index(c.kind)))
    return collisions, findings.overlaps


def _where(p: _Print) -> str:
    return f"{p.side} {_eid(p.el)}" if p.side else _eid(p.el)


def overlap_error(kind: str, upper: _Print, lower: _Print) -> AmendmentError:
    amendment = lower.r.amendment
    what = {
        "same-element": "changes the same element as",
        "overlapping-words": "changes words that overlap those of",
        "target-deleted": "touches an element deleted by",
        "target-moved": "touches an element moved by",
        "target-renumbered": "touches an element renumbered by",
        "same-number": "gives the same number as",
    }.get(kind, "overlaps")
    a, b = sorted((upper.r.op.index, lower.r.op.index))
    later = lower.r.op if lower.r.op.index == b else upper.r.op
    return AmendmentError(
        f"overlapping operations: operation {b} {what} operation {a} ({_eid(upper.el)})",
        path=amendment.path,
        place=later.place,
        hint="merge them into one operation, or split the amendment in two",
    )


def document_order(document: Document) -> dict[int, int]:
    return {id(el): i for i, el in enumerate(document.main.iter())}


def check_resolved(
    resolved_by_amendment: dict[str, list[Resolved]], amendments: list[Amendment], positions: dict[int, int]
) -> CheckResult:
    resolved = [r for a in amendments for r in resolved_by_amendment[a.id]]
    collisions, overlaps = find_collisions(resolved)
    if overlaps:
        raise overlap_error(*overlaps[0])
    colliding = sorted({i for c in collisions for i in c.amendments})

    def first_place(a: Amendment) -> int:
        places = [positions.get(id(r.el if r.el is not None else r.anchor), 0) for r in resolved_by_amendment[a.id]]
        return min(places) if places else 0

    compatible = [a for a in amendments if a.id not in colliding]
    order = [a.id for a in sorted(compatible, key=lambda a: (first_place(a), a.id))]
    return CheckResult(collisions, order, colliding)


def check_collisions(document: Document, amendments: list[Amendment]) -> CheckResult:
    """Collisions between ``amendments`` (all written against ``document``), and the order in
    which the compatible ones apply.  Raises AmendmentError for an amendment that cannot be
    resolved (unknown eId, words not found) or whose own operations overlap.  Sub-amendments
    (``amends``) are left out: they change their amendment, not the bill (``lawtool.amend.listing``
    checks them against the bill as their amendment leaves it)."""
    amendments = [a for a in amendments if not a.amends]
    resolver = Resolver(document)
    by_id = {}
    for a in amendments:
        target_check(a, document)
        by_id[a.id] = resolver.resolve(a)
    return check_resolved(by_id, amendments, document_order(document))
