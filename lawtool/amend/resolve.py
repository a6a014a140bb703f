"""Operations resolved against a document: eIds → elements, word substitutions → the place
they match, insertions → the gap they fill.  Shared by the collision check and the applier.

A substitution matches whole words inside the *text blocks* of its element (``p``,
``heading``, ``subheading``; a block's text runs across inline markup such as ``ref`` or
``noteRef``, but never into a nested block): exactly one place, or the ``occurrence``-th.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from lxml import etree

from ..akn import Document, local_name, remove_keeping_tail
from ..arabic import normalise
from ..eids import HIERARCHY
from ..errors import AmendmentError
from ..frbr import FrbrUri
from .content import parse_fragment
from .model import Amendment, Operation

BLOCKS = {"p", "heading", "subheading"}
_SKIP_TEXT = {"authorialNote", "num"}
_WORD = re.compile(r"\w", re.UNICODE)


def in_meta(el) -> bool:
    return any(local_name(a) == "meta" for a in el.iterancestors())


def target_check(amendment: Amendment, document: Document) -> FrbrUri:
    """The amendment must be written against this very expression; returns it."""
    expression = document.frbr_expression
    if expression is None:
        raise AmendmentError(
            "the bill has no FRBR expression URI",
            path=document.path,
            hint="give an Akoma Ntoso document with <FRBRExpression>",
        )
    if amendment.target.work_uri() != expression.work_uri():
        raise AmendmentError(
            f"the amendment's target {amendment.target} is another work than {document.path} ({expression})",
            path=amendment.path,
            place="target",
            hint="give the bill the amendment was written for, or correct `target`",
        )
    if str(amendment.target) != str(expression):
        raise AmendmentError(
            f"the amendment targets the expression {amendment.target}, but {document.path} is {expression}",
            path=amendment.path,
            place="target",
            hint="apply it to the expression it was written for (its eIds are that "
            "expression's), or update `target` after checking the eIds",
        )
    return expression


# -- text blocks and matching ---------------------------------------------------------------------------------


def blocks_of(el) -> list:
    """The text blocks inside ``el`` (or ``el`` itself when it is one), in document order."""
    if local_name(el) in BLOCKS:
        return [el]
    return [
        b
        for b in el.iter()
        if isinstance(b.tag, str)
        and local_name(b) in BLOCKS
        and not any(local_name(a) == "authorialNote" for a in b.iterancestors())
    ]


def slots(block) -> list[tuple]:
    """(element, "text" | "tail") holding the block's own text, in order: nested blocks and
    notes are left out (their tails count)."""
    out = [(block, "text")]

    def visit(node):
        for child in node:
            if not isinstance(child.tag, str):
                continue
            name = local_name(child)
            if name not in BLOCKS and name not in _SKIP_TEXT and name != "quotedStructure":
                out.append((child, "text"))
                visit(child)
            out.append((child, "tail"))

    visit(block)
    return out


def block_text(block) -> str:
    return "".join(getattr(node, attr) or "" for node, attr in slots(block))


def find_all(text: str, words: str) -> list[int]:
    """Starts of the whole-word occurrences of ``words`` in ``text``."""
    out = []
    start = text.find(words)
    while start != -1:
        end = start + len(words)
        before_ok = start == 0 or not (_WORD.match(text[start - 1]) and _WORD.match(words[0]))
        after_ok = end == len(text) or not (_WORD.match(text[end]) and _WORD.match(words[-1]))
        if before_ok and after_ok:
            out.append(start)
        start = text.find(words, start + 1)
    return out


@dataclass(frozen=True)
class Match:
    block: etree._Element
    start: int
    end: int


def match_words(el, op: Operation, amendment: Amendment, *, label: str | None = None) -> Match:
    """The one place where ``op.find`` occurs in ``el`` (or the op.occurrence-th)."""
    found = []
    for block in blocks_of(el):
        text = block_text(block)
        for start in find_all(text, op.required("find")):
            found.append(Match(block, start, start + len(op.required("find"))))
    where = label or op.eid
    if not found:
        hint = "copy the words exactly from the text (whole words)"
        if any(normalise(op.required("find")) in normalise(block_text(b)) for b in blocks_of(el)):
            hint = (
                "the words are there with other spelling (diacritics, hamza, spaces) or inside a longer "
                "word: copy them exactly from the text"
            )
        raise AmendmentError(
            f"the words «{op.find}» are not in {where}", path=amendment.path, place=op.place, hint=hint
        )
    if op.occurrence is not None:
        if op.occurrence > len(found):
            raise AmendmentError(
                f"the words «{op.find}» occur {len(found)} time(s) in {where}, not {op.occurrence}",
                path=amendment.path,
                place=op.place,
                hint=f"give occurrence: 1 to {len(found)}",
            )
        return found[op.occurrence - 1]
    if len(found) > 1:
        raise AmendmentError(
            f"the words «{op.find}» occur {len(found)} times in {where}: which one is meant?",
            path=amendment.path,
            place=op.place,
            hint="quote more words around them, or add occurrence: N (1 = the first)",
        )
    return found[0]


def _common_ends(old: str, new: str) -> tuple[int, int]:
    """How many characters the old and new words share at their start and at their end."""
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    return prefix, suffix


def _with_one_space(full: str, start: int, end: int) -> tuple[int, int]:
    """The span of removed words widened by one space beside them (after, else before)."""
    if end < len(full) and full[end] == " " and (start == 0 or full[start - 1] == " "):
        return start, end + 1
    if start > 0 and full[start - 1] == " ":
        return start - 1, end
    return start, end


def _insert_into_slot(parts: list, texts: list[str], at: int, new: str) -> None:
    """A pure insertion: ``new`` goes into the slot where ``at`` falls."""
    offset = 0
    for (node, attr), text in zip(parts, texts, strict=False):
        lo, hi = offset, offset + len(text)
        offset = hi
        if lo <= at < hi or (at == hi and hi > lo):
            cut = at - lo
            setattr(node, attr, text[:cut] + new + text[cut:])
            return


def _replace_in_slots(parts: list, texts: list[str], start: int, end: int, new: str, block) -> list:
    """The characters start..end replaced: ``new`` in the slot of the first one, the others cut;
    the inline elements left empty (to remove)."""
    emptied = []
    offset = 0
    placed = False
    for (node, attr), text in zip(parts, texts, strict=False):
        lo, hi = offset, offset + len(text)
        offset = hi
        if hi <= start or lo >= end:
            continue
        a, b = max(start - lo, 0), min(end - lo, len(text))
        value = text[:a] + (new if not placed else "") + text[b:]
        placed = True
        setattr(node, attr, value or None)
        if not value and attr == "text" and node is not block and not len(node):
            emptied.append(node)
    return emptied


def substitute(match: Match, new: str) -> None:
    """Replace the matched characters by ``new`` in the block's text slots.

    Only what differs is rewritten: the characters that the old and new words share at both
    ends stay where they are, so inline markup around them (a defined term, a reference) is
    kept.  The new characters go in the slot of the first changed one; an inline element left
    empty is removed (its tail kept).  With empty ``new`` one space next to the removed words
    goes too, so that no double space is left."""
    parts = slots(match.block)
    texts = [getattr(node, attr) or "" for node, attr in parts]
    full = "".join(texts)
    start, end = match.start, match.end
    if new:
        prefix, suffix = _common_ends(full[start:end], new)
        start, end = start + prefix, end - suffix
        new = new[prefix : len(new) - suffix]
    else:
        start, end = _with_one_space(full, start, end)
    if start == end:
        _insert_into_slot(parts, texts, start, new)
        return
    for node in _replace_in_slots(parts, texts, start, end, new, match.block):
        remove_keeping_tail(node)


# -- resolved operations ------------------------------------------------------------------------------------


@dataclass
class Resolved:
    amendment: Amendment
    op: Operation
    el: etree._Element | None  # the element changed (replace, substitute, delete, move, renumber)
    anchor: etree._Element | None  # where an insert or move goes: after/before it, or into it
    side: str | None
    match: Match | None = None  # substitute: where the words are (in the resolved document)

    @property
    def key(self) -> tuple[str, int]:
        return self.amendment.id, self.op.index

    @property
    def target(self) -> etree._Element:
        """``el``, for the operations that change an element (the resolver found it)."""
        if self.el is None:
            raise AmendmentError(f"{self.op.op} names no element", path=self.amendment.path, place=self.op.place)
        return self.el

    @property
    def at(self) -> etree._Element:
        """``anchor``, for the operations that place an element (the resolver found it)."""
        if self.anchor is None:
            raise AmendmentError(f"{self.op.op} names no place", path=self.amendment.path, place=self.op.place)
        return self.anchor


class Resolver:
    """eId → element for one document (index built once)."""

    def __init__(self, document: Document):
        self.document = document
        self.index = {eid: el for eid, el in document.eid_index().items() if not in_meta(el)}

    def element(self, eid: str, amendment: Amendment, op: Operation) -> etree._Element:
        el = self.index.get(eid)
        if el is None:
            close = difflib.get_close_matches(eid, self.index.keys(), n=3, cutoff=0.75)
            hint = (
                f"did you mean {' or '.join(close)}?"
                if close
                else "copy the eId from the bill's XML (lawtool export --to markdown shows the articles' eIds)"
            )
            raise AmendmentError(
                f"no element with eId {eid!r} in {self.document.path}",
                path=amendment.path,
                place=f"operation {op.index}:{eid}",
                hint=hint,
            )
        return el

    def resolve(self, amendment: Amendment) -> list[Resolved]:
        out = []
        for op in amendment.operations:
            el = self.element(op.eid, amendment, op) if op.eid else None
            anchor = side = None
            if op.position:
                side, anchor_eid = op.position
                anchor = self.element(anchor_eid, amendment, op)
            r = Resolved(amendment, op, el, anchor, side)
            self._check(r)
            if op.op == "substitute":
                r.match = match_words(el, op, amendment)
            out.append(r)
        return out

    def _check(self, r: Resolved) -> None:
        if r.el is not None:
            self._check_element(r, r.el)
        if r.anchor is not None:
            self._check_place(r, r.anchor)

    @staticmethod
    def _check_element(r: Resolved, el: etree._Element) -> None:
        """The element changed fits the operation: its kind, its number, its having a parent."""
        op, amendment = r.op, r.amendment
        kind = local_name(el)
        if op.op == "replace" and op.body and "xml" not in op.body and op.kind != kind:
            raise AmendmentError(
                f"{op.eid} is a <{kind}>, not a <{op.kind}>", path=amendment.path, place=op.place, hint="check the eId"
            )
        if op.op == "replace" and op.body and "xml" in op.body and local_name(parse_fragment(op.body["xml"])) != kind:
            raise AmendmentError(
                f"{op.eid} is a <{kind}>: the xml must be a <{kind}> too",
                path=amendment.path,
                place=op.place,
                hint=f"write a <{kind}> element",
            )
        renumbers = op.op == "renumber" or (op.op in ("move", "replace") and op.num is not None)
        if renumbers and el.find("{*}num") is None:
            raise AmendmentError(
                f"{op.eid} has no number to change (unnumbered elements are counted by their place)",
                path=amendment.path,
                place=op.place,
                hint="leave out num; the eIds follow the new order by themselves",
            )
        if el.getparent() is None:
            raise AmendmentError(f"{op.eid} cannot be {op.op}d", path=amendment.path, place=op.place)

    @staticmethod
    def _check_place(r: Resolved, anchor: etree._Element) -> None:
        """The place of an insertion or move can take it."""
        op, amendment = r.op, r.amendment
        if r.side == "into" and local_name(anchor) not in HIERARCHY | {"body"}:
            raise AmendmentError(
                f"nothing can be inserted into the <{local_name(anchor)}> {op.first_eid}",
                path=amendment.path,
                place=op.place,
                hint="use after: or before: an element",
            )
        if r.el is not None and (anchor is r.el or r.el in anchor.iterancestors()):
            raise AmendmentError(
                f"{op.eid} cannot be moved {r.side} itself or into its own content",
                path=amendment.path,
                place=op.place,
                hint="choose another position",
            )


def gap_of(anchor, side: str | None) -> tuple:
    """The place an insertion fills: (parent, rank among the parent's hierarchical children).
    «after art_9» and «before art_10» are the same place when art_10 follows art_9."""
    if side == "into":
        parent = anchor
        return parent, sum(1 for c in parent if isinstance(c.tag, str) and local_name(c) in HIERARCHY)
    parent = anchor.getparent()
    rank = 0
    for child in parent:
        if child is anchor:
            break
        if isinstance(child.tag, str) and local_name(child) in HIERARCHY:
            rank += 1
    return parent, rank + (1 if side == "after" else 0)
