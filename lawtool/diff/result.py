"""What a diff finds, and its JSON form (the schema is written down in docs/diff.md).

A ``Change`` ties the units of the old version to those of the new one: one to one (unchanged,
typographic, modified, moved, renumbered), one to none (deleted), none to one (added), one to
several (split) or several to one (merged).  The first unit of each side is the *principal*
one: the part of a split that keeps the old article's place, the article a merger kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .units import Unit
from .words import Op, has_changes

SCHEMA = "lawtool.diff/1"

UNCHANGED, TYPOGRAPHIC, MODIFIED = "unchanged", "typographic", "modified"
ADDED, DELETED, MOVED, RENUMBERED, SPLIT, MERGED = "added", "deleted", "moved", "renumbered", "split", "merged"
NOT_COMPARED = "not-compared"  # a row of ``lawtool compare`` that lawtool could not compare (its note says why)
# Every status, in the order summaries list them.
STATUSES = (UNCHANGED, TYPOGRAPHIC, MODIFIED, MOVED, RENUMBERED, SPLIT, MERGED, ADDED, DELETED)
# What a status becomes when old and new are swapped.
SWAPPED = {ADDED: DELETED, DELETED: ADDED, SPLIT: MERGED, MERGED: SPLIT}


@dataclass
class Change:
    """One aligned element (an article, a chapter, a paragraph ...)."""

    kind: str
    status: str
    old: tuple[Unit, ...]
    new: tuple[Unit, ...]
    ops: tuple[Op, ...] = ()
    moved: bool = False  # to another container, or out of the order of its neighbours
    renumbered: bool = False  # its number is not the same
    text_changed: bool = False  # words changed (not only typography)
    parts: tuple[Change, ...] = field(default=())  # changed paragraphs, points ... inside
    evidence: dict | None = None  # why two elements were paired (pass, similarity, context)

    # -- convenient views --------------------------------------------------------------------------
    @property
    def old_unit(self) -> Unit | None:
        return self.old[0] if self.old else None

    @property
    def new_unit(self) -> Unit | None:
        return self.new[0] if self.new else None

    @property
    def old_eid(self) -> str | None:
        return self.old[0].eid if self.old else None

    @property
    def new_eid(self) -> str | None:
        return self.new[0].eid if self.new else None

    @property
    def level(self) -> str:
        """provision, container, document (an attachment), text, sub (a paragraph inside)."""
        return (self.old or self.new)[0].role

    @property
    def typographic(self) -> bool:
        """Some typographic difference, words aside."""
        return any(op.op == "typographic" for op in self.ops)

    def is_change(self, *, typographic: bool = False) -> bool:
        """Whether this element is reported as changed (typographic-only ones on request)."""
        if self.status == UNCHANGED:
            return False
        if self.status == TYPOGRAPHIC:
            return typographic
        return True

    def to_dict(self, *, typographic: bool = False) -> dict:
        def num(units):
            return units[0].number if units else None

        def parent(units):
            p = units[0].parent if units else None
            return p.eid if p is not None else None

        return {
            "kind": self.kind,
            "status": self.status,
            "old_eid": self.old_eid,
            "new_eid": self.new_eid,
            "old_ref": self.old[0].ref if self.old else None,
            "new_ref": self.new[0].ref if self.new else None,
            "level": self.level,
            "old_num": num(self.old),
            "new_num": num(self.new),
            "old_label": self.old[0].label if self.old else None,
            "new_label": self.new[0].label if self.new else None,
            "old_eids": [u.eid for u in self.old],
            "new_eids": [u.eid for u in self.new],
            "old_parent": parent(self.old),
            "new_parent": parent(self.new),
            "moved": self.moved,
            "renumbered": self.renumbered,
            "text_changed": self.text_changed,
            "ops": [op.to_dict() for op in self.ops] if has_changes(self.ops, typographic=True) else [],
            "parts": [p.to_dict(typographic=typographic) for p in self.parts if p.is_change(typographic=typographic)],
            "evidence": self.evidence,
        }


@dataclass
class Side:
    """One of the two documents compared: FRBR expression (with ``~eId`` when a part of it was
    compared), title and path."""

    frbr: str | None
    title: str | None
    path: str
    eid: str | None = None
    date: str | None = None
    language: str | None = None  # FRBRlanguage: ara, fra, ita ...
    notice: str | None = None  # a working text's notice (lawtool:notice)


@dataclass
class DiffResult:
    old: Side
    new: Side
    containers: list[Change]  # chapters, sections ... in concordance order
    articles: list[Change]  # every provision (article, section ...) of both versions, in concordance order
    texts: list[Change] = field(default_factory=list)  # preface, preamble, conclusions, notes ...
    warnings: list[str] = field(default_factory=list)  # what the diff could not check, one line each

    def changes(self, *, typographic: bool = False, containers: bool = True) -> list[Change]:
        """The changed elements (texts and containers first when asked, then provisions)."""
        pool = (self.texts + self.containers if containers else []) + self.articles
        return [c for c in pool if c.is_change(typographic=typographic)]

    def is_empty(self, *, typographic: bool = False) -> bool:
        return not self.changes(typographic=typographic)

    def summary(self, kind: str = "article") -> dict[str, int]:
        """How many articles (or containers: ``kind="container"``) have each status; every status
        is listed, zero or not."""
        pool = {"article": self.articles, "text": self.texts}.get(kind, self.containers)
        counts = {status: 0 for status in STATUSES}
        for change in pool:
            counts[change.status] += 1
        return counts

    def concordance(self) -> list[dict]:
        """Old eId → new eId of every article, in the order of the old version with added
        articles after the one they follow in the new version.  A split gives one row per new
        article, a merger one row per old article; ``None`` marks an added or deleted one."""
        rows = []
        for change in self.articles:
            olds = change.old or (None,)
            news = change.new or (None,)
            for o in olds:
                for n in news:
                    rows.append(
                        {
                            "old": o.eid if o else None,
                            "new": n.eid if n else None,
                            "old_num": o.number if o else None,
                            "new_num": n.number if n else None,
                            "status": change.status,
                            "old_ref": o.ref if o else None,
                            "new_ref": n.ref if n else None,
                        }
                    )
        return rows

    def to_dict(self, *, typographic: bool = False) -> dict:
        """The JSON form (schema ``lawtool.diff/1``, see docs/diff.md)."""
        return {
            "schema": SCHEMA,
            "old": self.old.frbr,
            "new": self.new.frbr,
            "old_title": self.old.title,
            "new_title": self.new.title,
            "show_typographic": typographic,
            "summary": self.summary(),
            "summary_containers": self.summary("container"),
            "concordance": self.concordance(),
            "changes": [c.to_dict(typographic=typographic) for c in self.changes(typographic=typographic)],
            "summary_texts": self.summary("text"),
            "language": self.new.language or self.old.language,
            "warnings": self.warnings,
        }
