"""Comparison of two expressions of a work (or of two works): alignment of the hierarchy,
word-level differences inside changed elements, and the reports made from them.

    from lawtool.akn import Document
    from lawtool.diff import diff_documents
    result = diff_documents(Document.load(old_path), Document.load(new_path))
    result.summary()            # {"unchanged": 31, "modified": 9, ...}
    result.to_dict()            # the JSON form, schema in docs/diff.md

Modules: ``units`` (what is compared), ``words`` (word diff, typographic differences),
``align`` (alignment and statuses), ``result`` (changes and JSON), one module per output
format (``text``, ``html``, ``markdown``, ``docx``), ``compare`` (law in force | bill |
changes), ``history`` (the versions of a work), ``wid`` (old eIds written as ``wId``).
Seeded edits with their ground truth, for the tests and the benchmark, are test support:
tests/synthetic.py.
"""

from __future__ import annotations

from ..akn import Document
from ..errors import LawtoolError
from .align import build_changes, match_articles, match_containers, match_texts
from .result import STATUSES, Change, DiffResult, Side
from .units import outline
from .words import forget_line_diffs

__all__ = ["diff_documents", "DiffResult", "Change", "STATUSES", "side_of"]


def side_of(document: Document, eid: str | None = None) -> Side:
    expression = document.frbr_expression
    frbr = None
    if expression is not None:
        frbr = str(expression.with_portion(eid)) if eid else str(expression)
    return Side(
        frbr=frbr,
        title=document.title,
        path=document.path,
        eid=eid,
        date=document.expression_date,
        language=document.language,
        notice=document.notice,
    )


def same_work(old: Document, new: Document) -> bool:
    a, b = old.frbr_work, new.frbr_work
    return a is not None and b is not None and a.work_uri() == b.work_uri()


def _unknown_works(old: Document, new: Document) -> list[str]:
    """One warning per document without a FRBR work URI: the diff cannot check that the two
    are versions of one work, and says so."""
    return [
        f"{d.path}: no FRBR work URI (FRBRWork/FRBRthis is empty): compared without checking that "
        f"{old.path} and {new.path} are versions of one work"
        for d in (old, new)
        if d.frbr_work is None
    ]


def diff_documents(
    old: Document,
    new: Document,
    *,
    old_eid: str | None = None,
    new_eid: str | None = None,
    cross_work: bool = False,
    parts: bool = True,
) -> DiffResult:
    """Align ``old`` and ``new`` (or their elements ``old_eid`` / ``new_eid``) and find what
    changed: every container and article gets a status (see ``result.STATUSES``), changed
    ones a word diff, and with ``parts`` the paragraphs and points inside changed articles too.

    Two different works are compared only with ``cross_work`` (a bill's article against the
    article of the code it replaces).  Between expressions of one work, giving one eId uses it on
    both sides; across works, the side without an eId is the whole document."""
    forget_line_diffs()
    warnings = _unknown_works(old, new)
    if not cross_work and not warnings and not same_work(old, new):
        wa, wb = old.frbr_work, new.frbr_work
        raise LawtoolError(
            f"{old.path} and {new.path} are not expressions of the same work "
            f"({wa.work_uri() if wa else '?'} and {wb.work_uri() if wb else '?'})",
            hint="pass --cross-work (cross_work=True) to compare two different works",
        )
    if not cross_work:
        old_eid, new_eid = old_eid or new_eid, new_eid or old_eid
    a = outline(old, old_eid)
    b = outline(new, new_eid)
    containers = match_containers(a.containers, b.containers)
    became = {id(a.containers[o]): b.containers[n] for o, n in containers.pairs.items()}
    container_changes = build_changes(a.containers, b.containers, containers, became, parts=False)
    # an element compared with a whole document (or two quotations) has no containers to compare
    parents = became if a.containers and b.containers else None
    # an article compared with an article: they are a pair whatever their texts
    single = len(a.articles) == len(b.articles) == 1 and a.articles[0].el is a.root and b.articles[0].el is b.root
    articles = match_articles(a.articles, b.articles, force=single)
    article_changes = build_changes(a.articles, b.articles, articles, parents, parts=parts)
    texts = build_changes(a.texts, b.texts, match_texts(a.texts, b.texts), became, parts=parts)
    return DiffResult(
        old=side_of(old, old_eid),
        new=side_of(new, new_eid),
        containers=container_changes,
        articles=article_changes,
        texts=texts,
        warnings=warnings,
    )
