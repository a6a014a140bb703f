"""Backlinks: for each cited provision, who cites it; for each provision, what it cites.

Built from the ``ref`` and ``rref`` elements of the documents (the XML is the source of truth:
run ``lawtool xref mark`` or the corpus build first).  A range is expanded to the articles the
cited work has between its bounds.  The JSON is documented in docs/xref.md; its shape::

    {"format": "lawtool-xref-index/1",
     "documents": {expression URI: {"work", "title", "date", "path"}},
     "cited_by": {target: [entry, ...]},     target = work URI + "/~" + article eId
     "cites":    {source: [entry, ...]}}     source = expression URI + "/~" + citing article eId

    entry = {"source": expression URI, "source_eid": eId of the citing element,
             "source_article": eId of its article (or of the note, preamble ...),
             "target": work URI [+ "/~" + eId as written, sub-provision included],
             "target_article": article eId or null, "text": the citation's words,
             "kind": "ref" | "range" | "law", "internal": true when both ends are one work}

Every list is sorted; the output is byte-for-byte stable for the same documents.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from ..akn import Document, local_name, text_of
from ..corpus import Corpus
from ..eids import article_eid
from ..errors import InputError
from .check import _holder_eid, _split
from .resolve import ArticleIndex, _xml_files, document_articles, expand_range

FORMAT = "lawtool-xref-index/1"


def _source_article(el) -> str | None:
    """The eId of the citing article (outside quotations), else of the note/preamble/... holding it."""
    node, fallback = el, None
    while node is not None:
        if isinstance(node.tag, str):
            name = local_name(node)
            if (
                name == "article"
                and node.get("eId")
                and not any(local_name(a) == "quotedStructure" for a in node.iterancestors())
            ):
                return node.get("eId")
            if fallback is None and name in ("note", "preamble", "preface", "conclusions") and node.get("eId"):
                fallback = node.get("eId")
        node = node.getparent()
    return fallback


def backlinks(corpus: Corpus) -> dict:
    """The index of law/ and bills/ (:func:`build_index`), a view of ``corpus`` kept on disk under
    their bytes and lawtool's code (build/cache)."""

    def make() -> dict:
        return build_index(corpus.files, ArticleIndex.of(corpus), root=corpus.root, load=corpus.document)

    return corpus.view("backlinks", lambda: corpus.cached("xref-index", make))


def build_index(
    paths,
    corpus: ArticleIndex | None = None,
    root: str | Path | None = None,
    load: Callable[[Path], Document] = Document.load,
) -> dict:
    """The index of the AKN files under ``paths`` (see the module docstring); ``corpus`` gives the
    cited works' articles (by default, those of the same files)."""
    files = _xml_files(paths)
    for p in paths:
        if not Path(p).exists():
            raise InputError("no such file or folder", path=str(p), hint="give AKN files or folders (law bills)")
    corpus = corpus if corpus is not None else ArticleIndex.from_paths(files)
    root = Path(root) if root is not None else Path(".")
    documents: dict[str, dict] = {}
    cited_by: dict[str, list[dict]] = {}
    cites: dict[str, list[dict]] = {}
    for path in files:
        document = load(path)
        work = document.frbr_work
        expression = document.frbr_expression
        if work is None or expression is None:
            continue
        own, source_uri = work.work_uri(), str(expression)
        documents[source_uri] = {
            "work": own,
            "title": document.title,
            "date": document.expression_date,
            "path": _shown(path, root),
        }
        for work_uri, entry in _entries(document, own, source_uri, corpus):
            article = entry["target_article"]
            key = f"{work_uri}/~{article}" if article else entry["target"]
            cited_by.setdefault(key, []).append(entry)
            source_article = entry["source_article"]
            cites.setdefault(f"{source_uri}/~{source_article}" if source_article else source_uri, []).append(entry)

    return {
        "format": FORMAT,
        "documents": dict(sorted(documents.items())),
        "cited_by": {k: _ordered(v) for k, v in sorted(cited_by.items())},
        "cites": {k: _ordered(v) for k, v in sorted(cites.items())},
    }


def _ordered(entries: list[dict]) -> list[dict]:
    """Entries without repeats, sorted by source, place, target and words."""
    unique = {tuple(sorted((k, str(v)) for k, v in e.items())): e for e in entries}
    return sorted(unique.values(), key=lambda e: (e["source"], e["source_eid"] or "", e["target"], e["text"]))


def _shown(path, root: Path) -> str:
    """A document's path as the index shows it: relative to ``root`` when it is inside it."""
    try:
        return str(Path(path).resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def _entries(document: Document, own: str, source_uri: str, corpus: ArticleIndex):
    """(cited work, entry) for each target of each ``ref`` and ``rref`` of a document, in document order."""

    @cache
    def own_articles():
        return document_articles(document, own)

    for el in document.main.iter():
        if not isinstance(el.tag, str) or local_name(el) not in ("ref", "rref"):
            continue
        if local_name(el) == "ref":
            targets = _ref_targets(el, own)
        else:
            targets = _rref_targets(el, own, document.expression_date, corpus, own_articles)
        for work_uri, portion, kind in targets:
            target = f"{work_uri}/~{portion}" if portion else work_uri
            yield (
                work_uri,
                {
                    "source": source_uri,
                    "source_eid": _holder_eid(el),
                    "source_article": _source_article(el),
                    "target": target,
                    "target_article": portion.split("__", 1)[0] if portion and portion.startswith("art_") else None,
                    "text": text_of(el),
                    "kind": kind,
                    "internal": work_uri == own,
                },
            )


def _ref_targets(el, own: str) -> list[tuple[str, str | None, str]]:
    """(work, portion, kind) of a ``ref``: the work alone («law») or a portion of it."""
    work_uri, portion = _split(el.get("href") or "", own)
    if work_uri is None:
        return []
    return [(work_uri, portion, "ref" if portion else "law")]


def _rref_targets(
    el, own: str, date: str | None, corpus: ArticleIndex, own_articles
) -> list[tuple[str, str | None, str]]:
    """(work, article eId, «range») of every article between the bounds of an ``rref`` of one work."""
    w1, p1 = _split(el.get("from") or "", own)
    w2, p2 = _split(el.get("upTo") or "", own)
    if w1 is None or w1 != w2 or not p1 or not p2:
        return []
    info = own_articles() if w1 == own else corpus.get(w1, date)
    low, high = _number(p1, info), _number(p2, info)
    numbers, _ = expand_range(low, high, info.order if info else None)
    return [(w1, info.eid(n) if info else article_eid(n), "range") for n in numbers]


def _number(portion: str, info) -> str:
    article = portion.split("__", 1)[0]
    if info is not None:
        for number, eid in info.eids.items():
            if eid == article:
                return number
    return article[4:] if article.startswith("art_") else article
