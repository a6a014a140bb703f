"""From two versions to the amendment: staff edit a copy of the bill, lawtool writes the
operations (and their wording) that turn the old version into the new one.

Passes:

1. *align* the two versions with ``lawtool.diff`` (articles and containers: unchanged,
   modified, moved, renumbered, split, merged, added, deleted);
2. *place*: an element of the new version that was added, or moved, goes after the nearest
   preceding sibling that stayed where it was («after art_17»), else before the nearest
   following one, else at the end of its (old) parent; elements placed at one spot are
   written in the new version's order, and the applier keeps that order;
3. *content*: for each pair of elements whose text differs, the smallest operations that say
   the change — word substitutions inside a paragraph («replace "X" with "Y" in
   art_12__para_2»), paragraphs or points inserted, deleted, renumbered — each article's
   operations checked by applying them to a copy of the old article; when they do not give
   the new article exactly, the article is replaced whole;
4. *verify*: the whole amendment is applied to the old version and the result compared with
   the new one (every element of the body: kind, eId, text); a difference is an error, never a
   wrong amendment.

Split parts become inserted articles, merged articles deleted ones; a chapter added or deleted
is inserted or deleted whole (an article moved out of a deleted chapter is inserted anew).
Metadata (expression dates, lifecycle, notices) are not amendments and are left aside.
"""

from __future__ import annotations

import copy
import re
from difflib import SequenceMatcher

from lxml import etree

from ..akn import DIVISIONS, Document, local_name, text_of
from ..akn import NS as AKN_NS
from ..arabic import tokens
from ..diff import diff_documents
from ..diff.result import ADDED, DELETED, MERGED, SPLIT
from ..diff.words import EQUAL, word_diff
from ..errors import AmendmentError, LawtoolError
from .apply import _Applier, apply_amendments
from .content import body_of, canonical_xml, head_of, shape, strip_markup, text_shape
from .model import Amendment, parse_amendment
from .resolve import Resolver, block_text, blocks_of, find_all

MAX_REGIONS = 4  # more changed places in one paragraph than this: the paragraph is replaced
MAX_CHANGED = 0.6  # share of a paragraph's characters changed above which it is replaced
_UNIT_SKIP = {"num", "heading", "subheading"}


def _units(el) -> list:
    return [c for c in el if isinstance(c.tag, str) and local_name(c) not in _UNIT_SKIP]


def _num(el) -> str | None:
    return head_of(el)[0]


def _heading(el) -> str | None:
    return head_of(el)[1]


# -- word substitutions inside one element -------------------------------------------------------------------


def _regions(old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, new text) of each changed stretch of ``old`` (word diff; typography counts)."""
    out: list[tuple[int, int, str]] = []
    i = 0
    current: tuple[int, int, str] | None = None
    for op in word_diff(old, new, semantic=True):
        if op.op == EQUAL:
            if current:
                out.append(current)
                current = None
            i += len(op.old)
            continue
        start, end, text = current if current is not None else (i, i, "")
        current = (start, end + len(op.old), text + op.new)
        i += len(op.old)
    if current:
        out.append(current)
    return out


def _token_bounds(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is_space) of each token."""
    out, at = [], 0
    for tok in tokens(text):
        out.append((at, at + len(tok), tok.isspace()))
        at += len(tok)
    return out


def _widen(words: list[tuple[int, int]], a: int, b: int) -> tuple[int, int]:
    """One more word on each side (when there is one)."""
    left = [w for w in words if w[1] <= a]
    right = [w for w in words if w[0] >= b]
    return (left[-1][0] if left else a), (right[0][1] if right else b)


def _places(texts: list[str], words: str) -> list[tuple[int, int]]:
    """(block, offset) of each occurrence of ``words`` in the element's blocks."""
    return [(i, p) for i, text in enumerate(texts) for p in find_all(text, words)]


def _expand(old_text: str, words: list[tuple[int, int]], texts: list[str], start: int, end: int) -> tuple[int, int]:
    """Whole words around the change, one word of context on each side when the change is at
    a word's edge, then more until the words occur once in the element."""
    a = max((w[0] for w in words if w[0] <= start), default=0)
    b = min((w[1] for w in words if w[1] >= end), default=len(old_text))
    if a == start or b == end or start == end:
        a, b = _widen(words, a, b)
    while len(_places(texts, old_text[a:b])) != 1 and (a, b) != (0, len(old_text)):
        wider = _widen(words, a, b)
        if wider == (a, b):
            break
        a, b = wider
    return a, b


def _spans(old_text: str, words: list[tuple[int, int]], texts: list[str], regions: list) -> list[tuple]:
    """(a, b, start, end, new text) of each change, ``old_text[a:b]`` being the words found;
    two changes whose words overlap become one."""
    while True:
        spans = [(*_expand(old_text, words, texts, start, end), start, end, piece) for start, end, piece in regions]
        clash = next((k for k in range(len(spans) - 1) if spans[k + 1][0] < spans[k][1]), None)
        if clash is None:
            return spans
        # the words of two changes overlap: one substitution for both
        first, second = regions[clash], regions[clash + 1]
        regions[clash : clash + 2] = [(first[0], second[1], first[2] + old_text[first[1] : second[0]] + second[2])]


def _substitution(el, old_text: str, texts: list[str], block_index: int, span: tuple) -> dict | None:
    """The substitute operation of one span (None when it cannot be written as one)."""
    a, b, start, end, piece = span
    find = old_text[a:b]
    replacement = old_text[a:start] + piece + old_text[end:b]
    if find != find.strip() or replacement != replacement.strip() or not find.strip() or "\n" in find + replacement:
        return None
    op = {"op": "substitute", "eid": el.get("eId"), "find": find, "with": replacement}
    places = _places(texts, find)
    if len(places) > 1:
        if (block_index, a) not in places:
            return None
        op["occurrence"] = places.index((block_index, a)) + 1
    return op


def _substitutions(el, old_text: str, new_text: str, block_index: int, texts: list[str]) -> list[dict] | None:
    """Substitute operations turning ``old_text`` (block ``block_index`` of ``el``) into
    ``new_text``; None when a replacement says it better."""
    regions = _regions(old_text, new_text)
    if not regions:
        return []
    removed = sum(b - a for a, b, _ in regions)
    if len(regions) > MAX_REGIONS or removed > MAX_CHANGED * len(old_text):
        return None
    words = [(a, b) for a, b, space in _token_bounds(old_text) if not space]
    if not words:
        return None
    ops = []
    for span in _spans(old_text, words, texts, regions):
        op = _substitution(el, old_text, texts, block_index, span)
        if op is None:
            return None
        ops.append(op)
    return ops


def _text_ops(o, n) -> list[dict] | None:
    """Substitutions turning the text blocks of ``o`` into those of ``n`` (same structure)."""
    if not o.get("eId"):
        return None
    old_blocks, new_blocks = blocks_of(o), blocks_of(n)
    if len(old_blocks) != len(new_blocks):
        return None
    texts = [block_text(b) for b in old_blocks]
    ops = []
    for i, nb in enumerate(new_blocks):  # as many as old_blocks (checked above)
        old_text, new_text = texts[i], block_text(nb)
        if old_text == new_text:
            continue
        found = _substitutions(o, old_text, new_text, i, texts)
        if found is None:
            return None
        ops.extend(found)
    return ops


# -- element operations --------------------------------------------------------------------------------------


def _same(a, b, markup: bool) -> bool:
    """Whether two elements are the same (num and heading aside): exactly with ``markup``, else
    in structure and text (inline markup such as ``ref`` or ``term`` aside)."""
    if markup:
        return shape(a, skip_head=True) == shape(b, skip_head=True)
    return text_shape(a, skip_head=True) == text_shape(b, skip_head=True)


def _replace(o, n, markup: bool = False) -> dict:
    body = body_of(n, markup=markup)
    op = {"op": "replace", "eid": o.get("eId"), **body}
    if "xml" not in body:
        num, heading = head_of(n)
        if heading != head_of(o)[1] and heading is not None:
            op["heading"] = heading
    return op


def _insert(n, position: dict, markup: bool = False) -> dict:
    body = body_of(n, markup=markup)
    op = {"op": "insert", **position, "element": local_name(n), **body}
    if "xml" not in body:
        num, heading = head_of(n)
        if num is not None:
            op["num"] = num
        if heading is not None:
            op["heading"] = heading
    return op


def _key(el, markup: bool) -> str:
    return canonical_xml(el if markup else strip_markup(el))


def _only_texts(ou: list, nu: list) -> bool:
    """Both sides are the same sequence of content/p leaves: only their texts can differ."""
    leaves = {"content", "p"}
    return (
        len(ou) == len(nu)
        and all(local_name(x) in leaves for x in ou + nu)
        and [local_name(x) for x in ou] == [local_name(x) for x in nu]
    )


def _changed_stretch(olds: list, news: list, markup: bool):
    """For a changed stretch: the operations on its paired elements and the deletions of the
    others, the old elements that stay (indexes in ``olds``) and the new elements to insert
    as (index in ``news``, index in ``olds`` where it goes); None when it cannot be said."""
    pairs = _pair_block(olds, news, markup)  # the most similar elements, in order
    ops: list[dict] = []
    for i, j in pairs:
        found = _pair_ops(olds[i], news[j], markup)
        if found is None:
            return None
        ops.extend(found)
    paired_old = {i for i, _ in pairs}
    for i, old in enumerate(olds):
        if i not in paired_old:
            if not old.get("eId"):
                return None
            ops.append({"op": "delete", "eid": old.get("eId")})
    paired_new = {j for _, j in pairs}
    inserts = []
    for j in range(len(news)):
        if j not in paired_new:
            before = [i for i, jj in pairs if jj < j]
            inserts.append((j, (max(before) + 1) if before else 0))
    return ops, paired_old, inserts


def _insert_position(o, ou: list, stationary_old: set[int], i_at: int) -> dict | None:
    """Where a new unit goes: after the stationary old unit before ``i_at``, before the one after,
    or into ``o``."""
    before = [i for i in stationary_old if i < i_at]
    after = [i for i in stationary_old if i >= i_at]
    if before:
        position = {"after": ou[max(before)].get("eId")}
    elif after:
        position = {"before": ou[min(after)].get("eId")}
    elif o.get("eId"):
        position = {"into": o.get("eId")}
    else:
        return None
    return None if None in position.values() else position


def _children_ops(o, n, markup: bool = False) -> list[dict] | None:
    """Operations on the units (paragraphs, points, intro ...) of ``o`` that give those of ``n``."""
    ou, nu = _units(o), _units(n)
    if not ou or not nu:
        return None
    if _only_texts(ou, nu):
        return _text_ops(o, n)
    ops: list[dict] = []
    matcher = SequenceMatcher(a=[_key(x, markup) for x in ou], b=[_key(x, markup) for x in nu], autojunk=False)
    stationary_old: set[int] = set()
    pending_inserts: list[tuple[int, int]] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            stationary_old.update(range(i1, i2))
            continue
        stretch = _changed_stretch(ou[i1:i2], nu[j1:j2], markup)
        if stretch is None:
            return None
        found, paired_old, inserts = stretch
        ops.extend(found)
        stationary_old.update(i1 + i for i in paired_old)
        pending_inserts.extend((j1 + j, i1 + i_at) for j, i_at in inserts)
    for j, i_at in pending_inserts:
        position = _insert_position(o, ou, stationary_old, i_at)
        if position is None:
            return None
        ops.append(_insert(nu[j], position, markup))
    return ops


def _pair_block(olds: list, news: list, markup: bool) -> list[tuple[int, int]]:
    """Pairs (i, j), in order, of elements of the same kind whose texts are alike (more than half
    the same), best first: the rest of a changed stretch was deleted or inserted."""

    def words(el):
        return text_of(el if markup else strip_markup(el)).split()

    scored = []
    for i, o in enumerate(olds):
        for j, n in enumerate(news):
            if local_name(o) == local_name(n):
                ratio = SequenceMatcher(a=words(o), b=words(n), autojunk=False).ratio()
                if ratio > 0.5:
                    scored.append((-ratio, i, j))
    pairs: list[tuple[int, int]] = []
    for _, i, j in sorted(scored):
        if all((i < a) == (j < b) and i != a and j != b for a, b in pairs):
            pairs.append((i, j))
    return sorted(pairs)


def _pair_ops(o, n, markup: bool = False) -> list[dict] | None:
    """Operations turning the element ``o`` into ``n`` (same kind), its number included."""
    if local_name(o) != local_name(n) or not o.get("eId"):
        return None
    ops = []
    if _num(o) != _num(n):
        if _num(n) is None or _num(o) is None:
            return None
        ops.append({"op": "renumber", "eid": o.get("eId"), "num": _num(n)})
    if _heading(o) != _heading(n):
        return None
    if _same(o, n, markup):
        return ops
    found = _children_ops(o, n, markup)
    if found is None:
        return None
    return ops + found


def _simulate(o, n, ops: list[dict], markup: bool = False) -> bool:
    """Whether ``ops`` (on elements inside ``o``) turn a copy of ``o`` into ``n``."""
    twin = copy.deepcopy(o)
    doc = Document(etree.ElementTree(twin), "<simulation>")
    try:
        amendment = parse_amendment(
            {
                "id": "simulation",
                "target": "/akn/xx/bill/2000/x/ara@2000-01-01",
                "proposer": "lawtool",
                "date": "2000-01-01",
                "status": "proposed",
                "operations": ops,
            },
            "<simulation>",
        )
        resolved = Resolver(doc).resolve(amendment)
        _Applier(doc).apply(amendment, resolved)
    except LawtoolError:
        return False
    return _same(twin, n, markup)


def article_ops(o, n, *, renumber: bool = True, heading: bool = True, markup: bool = False) -> list[dict]:
    """The operations turning the article (or other element) ``o`` into ``n``: fine-grained when
    they say the change exactly, else one replacement."""
    ops: list[dict] = []
    num_changed = _num(o) != _num(n)
    heading_changed = _heading(o) != _heading(n)
    same_body = _same(o, n, markup)
    if not same_body:
        fine = _children_ops(o, n, markup)
        if fine is not None and any(op.get("eid") == o.get("eId") and op["op"] != "substitute" for op in fine):
            fine = None
        if fine is not None and _simulate(o, n, fine, markup):
            ops.extend(fine)
        else:
            replace = _replace(o, n, markup)
            if "xml" in replace:
                return [replace]  # the whole element, its number and heading included
            if heading and heading_changed:
                replace["heading"] = _heading(n) or ""
            ops.append(replace)
            heading_changed = False
    if heading and heading_changed:
        ops.insert(0, {"op": "replace", "eid": o.get("eId"), "heading": _heading(n) or ""})
    if renumber and num_changed and _num(n) is not None:
        ops.insert(0, {"op": "renumber", "eid": o.get("eId"), "num": _num(n)})
    return ops


# -- the whole documents ---------------------------------------------------------------------------------------


class _Plan:
    def __init__(self, old: Document, new: Document, markup: bool = False):
        self.markup = markup
        self.old, self.new = old, new
        # lxml makes a Python object per element on demand: the element lists below are kept so
        # that the id() keys of the maps stay those of live objects
        result = self.result = diff_documents(old, new, parts=False)
        # the units are the elements the diff aligns: containers and the provisions at the level that
        # carries the numbering (articles, or sections); what is below them is a provision's content
        aligned = {id(u.el) for c in result.containers + result.articles for u in (*c.old, *c.new)}
        self.units_old = [e for e in self._units(old) if id(e) in aligned]
        self.units_new = [e for e in self._units(new) if id(e) in aligned]
        self.provisions = {id(u.el) for c in result.articles for u in (*c.old, *c.new)}
        self.pair_new: dict[int, etree._Element] = {}  # id(new el) → old el
        self.moved_new: set[int] = set()
        self.added_new: list = []
        self.deleted_old: list = []
        for change in result.containers + result.articles:
            if change.status == ADDED:
                self.added_new.append(change.new[0].el)
                continue
            if change.status == DELETED:
                self.deleted_old.append(change.old[0].el)
                continue
            o, n = change.old[0].el, change.new[0].el
            self.pair_new[id(n)] = o
            if change.moved:
                self.moved_new.add(id(n))
            if change.status == SPLIT:
                self.added_new.extend(u.el for u in change.new[1:])
            if change.status == MERGED:
                self.deleted_old.extend(u.el for u in change.old[1:])
        added = {id(e) for e in self.added_new}
        deleted = {id(e) for e in self.deleted_old}
        self.covered_new = {id(e) for e in self.units_new if any(id(a) in added for a in e.iterancestors())}
        self.covered_old = {id(e) for e in self.units_old if any(id(a) in deleted for a in e.iterancestors())}
        self.paired_old = {id(o) for o in self.pair_new.values()}

    @staticmethod
    def _units(document: Document) -> list:
        body = document.body
        out = []
        for el in body.iter() if body is not None else ():
            if not isinstance(el.tag, str):
                continue
            name = local_name(el)
            if name in DIVISIONS or name == "article":
                if any(local_name(a) == "quotedStructure" for a in el.iterancestors()):
                    continue
                out.append(el)
        return out

    def stationary(self, n) -> etree._Element | None:
        """The old element of a new one that stayed in place."""
        o = self.pair_new.get(id(n))
        if o is None or id(n) in self.moved_new or id(n) in self.covered_new or id(o) in self.covered_old:
            return None
        return o

    def position(self, n) -> dict:
        parent = n.getparent()
        siblings = [
            c for c in parent if isinstance(c.tag, str) and (local_name(c) in DIVISIONS or local_name(c) == "article")
        ]
        at = siblings.index(n)
        for s in reversed(siblings[:at]):
            o = self.stationary(s)
            if o is not None:
                return {"after": o.get("eId")}
        for s in siblings[at + 1 :]:
            o = self.stationary(s)
            if o is not None:
                return {"before": o.get("eId")}
        o = self.stationary(parent) if local_name(parent) != "body" else None
        if o is not None and o.get("eId"):
            return {"into": o.get("eId")}
        raise AmendmentError(
            f"cannot say where {n.get('eId')} goes: no element around it stayed in place",
            path=self.new.path,
            place=n.get("eId"),
            hint="make the change in two steps (two amendments), or insert its chapter whole",
        )

    def operations(self) -> list[dict]:
        """The operations in the new text's order (stable: ties keep the order they were made in)."""
        order = {id(e): i for i, e in enumerate(self.units_new)}
        keyed = [*self._unit_ops(order), *self._deletions(order)]
        return [op for _, op in sorted(keyed, key=lambda t: t[0])]

    def _unit_ops(self, order: dict[int, int]) -> list[tuple[float, dict]]:
        """(rank in the new text, operation) for each new unit: inserted, moved or changed in place."""
        keyed: list[tuple[float, dict]] = []
        for n in self.units_new:
            if id(n) in self.covered_new:
                continue
            o = self.pair_new.get(id(n))
            key: float = order[id(n)]
            if o is None or id(o) in self.covered_old:
                keyed.append((key, _insert(n, self.position(n), self.markup)))
            elif id(n) in self.moved_new:
                keyed.append((key, self._move(o, n)))
                keyed.extend((key, op) for op in self._content(o, n, renumber=False))
            else:
                keyed.extend((key, op) for op in self._content(o, n, renumber=True))
        return keyed

    def _move(self, o, n) -> dict:
        move = {"op": "move", "eid": o.get("eId"), **self.position(n)}
        if _num(o) != _num(n) and _num(n) is not None:
            move["num"] = _num(n)
        return move

    def _deletions(self, order: dict[int, int]) -> list[tuple[float, dict]]:
        """(rank, delete) of each old unit gone: just after the element that precedes it and stayed."""
        deleted = list(self.deleted_old)
        deleted += [o for nid, o in self.pair_new.items() if nid in self.covered_new and id(o) not in self.covered_old]
        new_of_old = {id(o): nid for nid, o in self.pair_new.items()}
        old_units = self.units_old
        rank = {id(e): i for i, e in enumerate(old_units)}
        keyed: list[tuple[float, dict]] = []
        for o in sorted(deleted, key=lambda e: rank.get(id(e), 0)):
            if id(o) in self.covered_old:
                continue
            key = -0.5
            for prev in reversed(old_units[: rank.get(id(o), 0)]):
                nid = new_of_old.get(id(prev))
                if nid is not None and nid in order:
                    key = order[nid] + 0.5
                    break
            keyed.append((key, {"op": "delete", "eid": o.get("eId")}))
        return keyed

    def _content(self, o, n, *, renumber: bool) -> list[dict]:
        if id(o) not in self.provisions:  # a container: its heading and number
            ops = []
            num_o, head_o = head_of(o)
            num_n, head_n = head_of(n)
            if head_o != head_n:
                ops.append({"op": "replace", "eid": o.get("eId"), "heading": head_n or ""})
            if renumber and num_o != num_n and num_n is not None:
                ops.append({"op": "renumber", "eid": o.get("eId"), "num": num_n})
            return ops
        return article_ops(o, n, renumber=renumber, markup=self.markup)


def _body_rows(document: Document) -> list[tuple]:
    """(kind, eId) of every element with an eId, with the text of those that hold no other
    (paragraphs, points ...), and the texts of every num and heading."""
    rows: list[tuple] = []
    body = document.body
    for el in body.iter() if body is not None else ():
        if not isinstance(el.tag, str):
            continue
        if el.get("eId"):
            leaf = not any(isinstance(d.tag, str) and d.get("eId") for d in el.iterdescendants())
            rows.append((local_name(el), el.get("eId"), text_of(el) if leaf else None))
        elif local_name(el) in ("num", "heading"):
            rows.append((local_name(el), text_of(el)))
    return rows


def compare_bodies(a: Document, b: Document) -> tuple | None:
    """The first difference between the bodies of two documents (kind, eId, text of every
    element with an eId; num and heading texts), or None when they are the same."""
    rows_a, rows_b = _body_rows(a), _body_rows(b)
    for x, y in zip(rows_a, rows_b, strict=False):
        if x != y:
            return x, y
    if len(rows_a) != len(rows_b):
        return (
            rows_a[len(rows_b)] if len(rows_a) > len(rows_b) else None,
            rows_b[len(rows_a)] if len(rows_b) > len(rows_a) else None,
        )
    return None


def _changes_outside_the_body(old: Document, new: Document) -> list[str]:
    """The changes of the whole-document diff in the preface, preamble, conclusions, attachments
    or components: from_diff writes operations on the body only, and must not call those
    versions the same (or leave those changes out) without saying so."""
    # the working-text notice is the version's label, set by amend apply (--notice), not a text change
    old, new = (Document.from_bytes(d.to_bytes(), d.path) for d in (old, new))
    for document in (old, new):
        for notice in document.root.iter(f"{{{AKN_NS}}}p"):
            if notice.get("class") == "lawtool-notice":
                notice.getparent().remove(notice)
    bodies = [old.body, new.body]  # kept alive: lxml proxies are compared by identity
    out = []
    for change in diff_documents(old, new).changes(typographic=True):
        units = change.new or change.old
        el = units[0].el
        if any(el is b or any(a is b for a in el.iterancestors()) for b in bodies if b is not None):
            continue
        out.append(units[0].describe())
    return out


def from_diff(
    old: Document,
    new: Document,
    *,
    id: str | None = None,
    proposer: str = "lawtool from-diff",
    date: str | None = None,
    status: str = "proposed",
    justification: str | None = None,
    title: str | None = None,
    verify: bool = True,
    markup: bool = False,
) -> Amendment:
    """The amendment that turns ``old`` into ``new`` (the body; metadata aside).

    Without ``markup`` (the default) the amendment says the text: inline markup that later
    stages add (cross-references, defined terms: ``INLINE_MARKUP``) is left out of new text and
    does not count as a change; with ``markup`` it is kept and compared too (new text is then
    more often written as ``xml``)."""
    for name, value in (("--proposer", proposer), ("--justification", justification), ("--title", title), ("--id", id)):
        bad = value and re.search(r"[\x00-\x1f\x7f-\x9f]", value)
        if bad:
            raise AmendmentError(
                f"a control character (U+{ord(bad.group()):04X}) in {name}",
                hint="remove it: an amendment's text cannot hold it, and a terminal would run it",
            )
    if old.frbr_expression is None:
        raise AmendmentError(
            "the old version has no FRBR expression URI", path=old.path, hint="give an AKN expression of the bill"
        )
    old_work, new_work = old.frbr_work, new.frbr_work
    if old_work is None or new_work is None or old_work.work_uri() != new_work.work_uri():
        raise AmendmentError(
            f"{old.path} and {new.path} are not versions of the same work",
            path=new.path,
            hint="edit a copy of the bill and keep its FRBR work URI",
        )
    for version in (old, new):
        _need_eids(version)
    plan = _Plan(old, new, markup)
    ops = plan.operations()
    outside = _changes_outside_the_body(old, new)
    if outside:
        raise AmendmentError(
            f"{len(outside)} change(s) outside the body cannot be written as amendment operations "
            f"(an amendment targets the body's eIds): {'; '.join(outside[:5])}" + (" …" if len(outside) > 5 else ""),
            path=new.path,
            hint="amend the body only, or edit the preamble, conclusions and annexes by hand",
        )
    if not ops:
        raise AmendmentError(
            "the two versions have the same text: there is nothing to amend",
            path=new.path,
            hint="edit the copy of the bill first",
        )
    date = date or new.expression_date or old.expression_date
    data = {
        "id": id or f"diff-{date}",
        "target": str(old.frbr_expression),
        "proposer": proposer,
        "date": date,
        "status": status,
        "operations": ops,
    }
    if justification:
        data["justification"] = justification
    if title:
        data["title"] = title
    amendment = parse_amendment(data, "<from-diff>")
    if verify:
        _verify(old, new, amendment)
    return amendment


def _need_eids(document: Document) -> None:
    """An amendment names the elements it changes by eId: a body whose articles, sections or
    other divisions have none cannot be amended (the diff generates ids to compare, but they are
    in no file)."""
    body = document.body
    missing = [
        el
        for el in (body.iter() if body is not None else ())
        if isinstance(el.tag, str)
        and (local_name(el) in DIVISIONS or local_name(el) == "article")
        and not el.get("eId")
    ]
    if missing:
        first = missing[0]
        raise AmendmentError(
            f"{len(missing)} element(s) of the body have no eId (the first: <{local_name(first)}> at line "
            f"{first.sourceline}): an amendment names the elements it changes by their eIds",
            path=document.path,
            place=first.sourceline,
            hint="give both versions their eIds (lawtool eids FILE -o FILE2), then run from-diff on the two copies",
        )


def _verify(old: Document, new: Document, amendment: Amendment) -> None:
    base_date = old.expression_date or "2000-01-01"
    new_date = new.expression_date or ""
    date = new_date if new_date > base_date else "9999-12-31"
    result = apply_amendments(old, [amendment], date=date, order=[amendment.id])
    difference = compare_bodies(Document.from_bytes(result.document.to_bytes()), new)
    if difference is not None:

        def short(row):
            return tuple(x[:80] + "…" if isinstance(x, str) and len(x) > 80 else x for x in row) if row else row

        raise AmendmentError(
            f"the operations found do not give the new version exactly: {short(difference[0])!r} "
            f"where the new version has {short(difference[1])!r}",
            path=new.path,
            hint="report this with the two files; meanwhile write that change by hand",
        )
