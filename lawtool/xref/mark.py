"""Mark-up: write the citations of a document as Akoma Ntoso ``ref`` and ``rref`` elements.

    الفصول 447-1 و447-2 من مجموعة القانون الجنائي
    → <ref href="/akn/ma/act/1962/1-59-413/~art_447-1">الفصول 447-1</ref> و<ref href="/akn/ma/act/1962/1-59-413/~art_447-2">447-2</ref> من مجموعة القانون الجنائي
    الفصول من 425 إلى 429-1            → <rref from=".../~art_425" upTo=".../~art_429-1">الفصول من 425 إلى 429-1</rref>
    المادة 23 أدناه (internal)         → <ref href="#art_23">المادة 23</ref> أدناه
    القانون رقم 22.01                  → <ref href="/akn/ma/act/2002/22-01">القانون رقم 22.01</ref>

Contract of the pass:

- it only wraps text: the document's text is the same before and after (``text_of`` of every
  element is unchanged), and no other element moves;
- it never writes inside an existing ``ref``/``mref``/``rref``/``a``, nor inside ``num``,
  ``heading`` or the document's title, and a citation that touches an existing reference is
  left as it is — so existing refs are kept and marking twice changes nothing (idempotent);
- a reference is written only when its target is known: a work of lawtool's registry or of the
  corpus (not a text known only from the names table), or an article of the document itself that exists (``#art_5``); a citation of a law
  outside the corpus, of an article the cited work (as loaded) does not have, or whose text
  crosses an element boundary, is left unmarked (``lawtool xref extract`` still lists it and
  ``lawtool xref check`` reports it);
- the document's own name («القانون رقم 103.13» inside Law 103.13) is not marked.
It must run after the eIds are final (it reads them for the targets).
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..akn import DOC_INLINES, Document, akn, local_name
from ..corpus import Corpus
from .resolve import ArticleIndex, Citation, known_uris
from .sources import Block, DocumentReader

NO_MARKUP = DOC_INLINES | {
    "shortTitle",
    "ref",
    "mref",
    "rref",
    "a",
    "num",
    "heading",
    "subheading",
    "def",
    "term",
}


def mark_document(document: Document, corpus_index: ArticleIndex | None = None) -> int:
    """Add ``ref``/``rref`` elements for the document's citations; returns how many were added.
    ``corpus_index`` gives the cited works' article lists and eIds (ranges, sub-provisions,
    existence); without it only the document itself is known in full."""
    reader = DocumentReader(document, corpus_index)
    work = reader.articles
    inserted = _inserted_by(document)
    blocks = list(reader.read())
    added = 0
    for block, citations in blocks:
        wraps: list[tuple[int, int, str, dict]] = []
        for citation in citations:
            if any(a < citation.end and citation.start < b for a, b in block.marked):
                continue  # already marked (by an earlier run or by hand): keep it as it is
            wraps += _wraps(citation, reader, work, inserted)
        added += _apply(block, wraps)
    return added


def _inserted_by(document: Document) -> set[str]:
    """Article hrefs this document inserts into other works (its active modifications)."""
    hrefs = set()
    for dest in document.xpath("./a:meta/a:analysis/a:activeModifications/a:textualMod/a:destination", document.main):
        if dest.get("href"):
            hrefs.add(dest.get("href"))
    return hrefs


def _linkable(work: str | None, reader: DocumentReader) -> bool:
    """A work a reference may point at: lawtool's registry or a work of the corpus being marked
    (law/, bills/).  A text known only from the names table is listed by ``xref extract`` and drawn
    by ``xref graph``, not written into the XML: the repository holds no copy to link to."""
    if work is None:
        return False
    return work in known_uris() or (reader.corpus is not None and reader.corpus.get(work) is not None)


def _target_ok(citation: Citation, number: str, href: str | None, reader: DocumentReader, inserted: set[str]) -> bool:
    if href is None:
        return False  # not resolved: nothing to link to
    if citation.internal:
        return reader.articles.has(number)
    if not _linkable(citation.work, reader):
        return False
    info = reader.corpus.get(citation.work, reader.date) if reader.corpus is not None else None
    if info is None:
        return True  # a known work the corpus does not hold: trust the registry
    base = href.split("__", 1)[0]
    return info.has(number) or number in info.repealed or base in inserted or href in inserted


def _wraps(citation: Citation, reader: DocumentReader, work, inserted) -> list[tuple[int, int, str, dict]]:
    if citation.kind == "law":
        return _law_wraps(citation, reader)
    if not citation.hrefs or any(h is None for h in citation.hrefs):
        return []
    href_of = dict(zip(citation.articles, citation.hrefs, strict=False))
    mention = citation.mention
    if not citation.spans or (mention is not None and mention.lookback and not mention.items):
        if len(citation.articles) != 1:
            return []  # «الفصلين المذكورين»: one phrase for two articles, no number to hang a ref on
        number = citation.articles[0]
        if _target_ok(citation, number, href_of[number], reader, inserted):
            return [(_label_start(citation), citation.end, "ref", {"href": href_of[number]})]
        return []
    out = []
    for k, (start, end, numbers) in enumerate(citation.spans):
        begin = _label_start(citation) if k == 0 else start
        wrap = _span_wrap(citation, k, numbers, href_of, reader, inserted)
        if wrap is not None:
            out.append((begin, end, *wrap))
    return out


def _law_wraps(citation: Citation, reader: DocumentReader) -> list[tuple[int, int, str, dict]]:
    """A law cited by number, linked when the corpus holds it (not a code named alone)."""
    if citation.internal or not _linkable(citation.work, reader):
        return []
    phrase = citation.mention.work if citation.mention is not None else None
    if phrase is not None and phrase.kind != "number":
        return []  # a code named alone («مجموعة القانون الجنائي»): listed and drawn, not marked
    return [(citation.start, citation.end, "ref", {"href": citation.work})]


def _span_wrap(citation: Citation, k: int, numbers: list[str], href_of, reader, inserted) -> tuple[str, dict] | None:
    """The element for the ``k``-th written number of a citation: a ``ref`` to one article, an
    ``rref`` for a range (when both bounds can be linked)."""
    mention = citation.mention
    is_range = bool(mention and mention.items and k < len(mention.items) and mention.items[k].last is not None)
    if len(numbers) == 1 and not is_range:
        number = numbers[0]
        return (
            ("ref", {"href": href_of[number]})
            if _target_ok(citation, number, href_of[number], reader, inserted)
            else None
        )
    low, high = numbers[0], numbers[-1]
    if _target_ok(citation, low, href_of[low], reader, inserted) and _target_ok(
        citation, high, href_of[high], reader, inserted
    ):
        return "rref", {"from": href_of[low], "upTo": href_of[high]}
    return None


def _label_start(citation: Citation) -> int:
    """Where the first ref starts: at the label, without a leading «و», «ب», «ف», «ك» («بالفصل 5» →
    ب<ref>الفصل 5</ref>); «للفصل» keeps its «ل», which has swallowed the article's alef."""
    text = citation.text
    k = text.find("ال", 0, 4)
    if 0 < k <= 2 and all(c in "وفبك" for c in text[:k]):
        return citation.start + k
    return citation.start


def _markable(node, attr: str, block: Block) -> bool:
    holder = node if attr == "text" else node.getparent()
    while holder is not None and holder is not block.element:
        if local_name(holder) in NO_MARKUP:
            return False
        holder = holder.getparent()
    return holder is not None


def _apply(block: Block, wraps: list[tuple[int, int, str, dict]]) -> int:
    """Wrap each span that lies inside one piece of text; last first, so offsets stay right."""
    done = 0
    taken: list[tuple[int, int]] = []
    for start, end, tag, attrs in sorted(wraps, key=lambda w: w[0], reverse=True):
        if end <= start or any(a < end and start < b for a, b in taken):
            continue
        segment = next((s for s in block.segments if s[2] <= start and end <= s[3]), None)
        if segment is None:
            continue  # the span crosses an element: leave it unmarked
        node, attr, seg_start, _ = segment
        if not _markable(node, attr, block):
            continue
        current = node.text if attr == "text" else node.tail
        # earlier (later-in-text) wraps of the same piece cut it already: offsets from its start
        local_start, local_end = start - seg_start, end - seg_start
        if current is None or local_end > len(current):
            continue
        text = current[local_start:local_end]
        if not text.strip():
            continue
        el = etree.Element(akn(tag))
        for key, value in attrs.items():
            el.set(key, value)
        el.text = text
        el.tail = current[local_end:] or None
        if attr == "text":
            node.text = current[:local_start] or None
            node.insert(0, el)
        else:
            node.tail = current[:local_start] or None
            node.addnext(el)
        taken.append((start, end))
        done += 1
    return done


_CORPUS_CACHE: dict = {}


def corpus_for(root) -> ArticleIndex:
    """The :class:`ArticleIndex` of ``root``'s law/ and bills/ as they are on disk, kept for as
    long as no file there changes (for ``lawtool corpus build``, which marks each document it
    imports with the works already in the corpus)."""

    corpus = Corpus(Path(root).resolve())
    files = tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in corpus.files)
    cached = _CORPUS_CACHE.get(corpus.root)
    if cached is None or cached[0] != files:
        _CORPUS_CACHE.clear()
        cached = (files, ArticleIndex.of(corpus))
        _CORPUS_CACHE[corpus.root] = cached
    return cached[1]
