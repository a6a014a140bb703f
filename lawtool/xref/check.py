"""Checks of references against the corpus: each finding says rule, document, eId and what is wrong.

Rules
-----
``missing-article``    error    a reference (``ref``, ``rref`` bound, or a citation the detector finds
                                and could not mark) to an article the cited work does not have in its
                                expression in force at the citing text's date — and that the citing
                                document does not insert itself (its active modifications)
``missing-provision``  error    a reference to a paragraph or point (``~art_39__para_3``) the cited
                                article does not have
``repealed``           warning  a reference to an article the cited work marks as repealed («نسخت»,
                                a repeal in its passive modifications, an editorial note «نسخت الفصول
                                ...»); when the repeal is dated after the citing text, no finding;
                                when its date is unknown and the only expression is later than the
                                citing text, the message says so
``ambiguous``          warning  an article number held by two articles of the cited work, or a
                                citation whose law cannot be decided (a quotation of an unknown law)
``outside-corpus``     info     a reference to a work lawtool knows that law/ and bills/ do not hold
``inserted``           info     a reference to an article the citing document itself inserts into
                                the cited work (a bill adding «الفصل 447-4»)

Citations of laws outside lawtool's registry («القانون رقم 09.08») are not references: they are
left unmarked and are listed by ``lawtool xref extract``, not here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..akn import Document, local_name, text_of
from ..errors import LawtoolError
from ..findings import Finding
from ..frbr import FrbrUri
from .resolve import ArticleIndex, WorkArticles, _xml_files, document_articles
from .sources import DocumentReader, eid_at

SEVERITY = {
    "missing-article": "error",
    "missing-provision": "error",
    "repealed": "warning",
    "ambiguous": "warning",
    "outside-corpus": "info",
    "inserted": "info",
}


def _finding(rule: str, document: str, eid: str | None, message: str, href: str | None = None) -> Finding:
    """A check's finding, in the project's one model (the cited href is its ``target``)."""
    return Finding(rule, SEVERITY[rule], eid, message, file=document, target=href)


def _holder_eid(el) -> str | None:
    node = el
    while node is not None:
        if isinstance(node.tag, str) and node.get("eId"):
            return node.get("eId")
        node = node.getparent()
    return None


def _split(href: str, own: str | None) -> tuple[str | None, str | None]:
    """(work URI, portion eId) of an href; None work for hrefs that are not AKN references."""
    if href.startswith("#"):
        return own, href[1:]
    if not href.startswith("/akn/"):
        return None, None
    try:
        uri = FrbrUri.parse(href)
    except LawtoolError:
        return None, None
    return uri.work_uri(), uri.portion


class Checker:
    def __init__(self, corpus: ArticleIndex, root: Path | None = None):
        self.corpus = corpus
        self.root = root

    def _name(self, document: Document) -> str:
        path = Path(document.path)
        if self.root is not None:
            try:
                return str(path.resolve().relative_to(self.root.resolve()))
            except ValueError:
                pass
        return str(path)

    def check_document(self, document: Document) -> list[Finding]:
        doc = self._context(document)
        read = list(DocumentReader(document, self.corpus).read())
        doc.repealing = _repealing(read)
        for eid, href in _ref_hrefs(document):
            work_uri, portion = _split(href, doc.own)
            if work_uri is not None:
                self._target(doc, work_uri, portion, eid, href)
        # citations of corpus works the detector found but that are not marked (a missing article
        # is not marked): the same checks, so nothing escapes because it has no ref
        for block, citations in read:
            for c in citations:
                self._citation(doc, block, c)
        return doc.out

    def _context(self, document: Document) -> _Checked:
        work = document.frbr_work
        own = work.work_uri() if work else None
        inserted = {
            d.get("href")
            for d in document.xpath(
                "./a:meta/a:analysis/a:activeModifications/a:textualMod[@type='insertion']/a:destination", document.main
            )
        }
        own_info = self.corpus.get(own, document.expression_date) if own else None
        if own_info is None or own_info.expression != str(document.frbr_expression):
            own_info = document_articles(document, own or "")
        date = document.expression_date or document.work_date
        return _Checked(own, own_info, date, inserted, self._name(document))

    def _target(self, doc: _Checked, work_uri: str | None, portion: str | None, eid: str | None, href: str) -> None:
        """The findings on one cited href from one place (once per place and href)."""
        if (eid, href) in doc.seen:
            return
        doc.seen.add((eid, href))
        for f in self._check_target(doc, work_uri, portion, eid, href):
            if f.rule == "repealed" and (eid, href) in doc.repealing:
                continue
            doc.out.append(f)

    def _citation(self, doc: _Checked, block, c) -> None:
        """A citation the detector found: its articles' hrefs checked where no ref holds them."""
        eid = eid_at(block, c.start)
        if c.problem == "quoted law unknown" and c.kind == "article":
            key = (eid, "ambiguous:" + c.text)
            if key not in doc.seen:
                doc.seen.add(key)
                doc.out.append(
                    _finding(
                        "ambiguous",
                        doc.name,
                        eid,
                        f"«{_short(c.text)}» is inside a quotation of a law lawtool cannot "
                        "identify: which law its articles belong to is not known",
                    )
                )
            return
        if c.kind != "article" or (c.work is None and not c.internal):
            return
        marked = any(a < c.end and c.start < b for a, b in block.marked)
        href_of = dict(zip(c.articles, c.hrefs, strict=False))
        for start, end, numbers in c.spans or [(c.start, c.end, c.articles)]:
            # a written number already inside a reference was checked with the reference
            if marked and any(a < end and start < b for a, b in block.marked):
                continue
            for href in (href_of.get(number) for number in numbers):
                if href:
                    work_uri, portion = _split(href, doc.own)
                    self._target(doc, work_uri, portion, eid, href)

    def _check_target(self, doc: _Checked, work_uri, portion, eid, href) -> list[Finding]:
        def finding(rule, message):
            return [_finding(rule, doc.name, eid, message, href)]

        info: WorkArticles | None = doc.own_info if work_uri == doc.own else self.corpus.get(work_uri, doc.date)
        if info is None:
            return finding("outside-corpus", f"{work_uri} is not in law/ or bills/: the reference cannot be checked")
        if not portion:
            return []
        article_eid, _, rest = portion.partition("__")
        if not article_eid.startswith("art_"):
            return (
                [] if portion in info.all_eids else finding("missing-provision", f"{work_uri} has no element {portion}")
            )
        number = next((n for n, e in info.eids.items() if e == article_eid), article_eid[4:])
        if number in info.duplicates:
            return finding("ambiguous", f"{work_uri}: two articles are numbered {number}")
        if number in info.repealed:
            message = _repeal_message(info, number, work_uri, doc.date)
            return finding("repealed", message) if message else []
        if not info.has(number) and article_eid not in info.all_eids:
            if href in doc.inserted or href.split("__", 1)[0] in doc.inserted:
                return finding("inserted", f"article {number} of {work_uri} is inserted by this document")
            return finding("missing-article", f"{work_uri} ({info.expression or info.date}) has no article {number}")
        if rest and portion not in info.all_eids:
            return finding("missing-provision", f"article {number} of {work_uri} has no {rest.replace('_', ' ')}")
        return []


@dataclass
class _Checked:
    """One document under check: who it is, and the findings so far."""

    own: str | None
    own_info: WorkArticles
    date: str | None
    inserted: set
    name: str
    seen: set = field(default_factory=set)  # (eId, href) already checked
    repealing: set = field(default_factory=set)  # (eId, href) cited by a sentence that repeals them
    out: list[Finding] = field(default_factory=list)


def _repeal_message(info: WorkArticles, number: str, work_uri: str, date: str | None) -> str | None:
    """What to say of a cited article that is repealed; None when the repeal came after the citing text."""
    when = info.repealed[number]
    if when and date and when > date:
        return None
    if when:
        return f"article {number} of {work_uri} was repealed on {when}"
    later = info.date and date and info.date > date
    return f"article {number} of {work_uri} is repealed in the {info.date} version" + (
        "; whether it was already at the citing text's date is not recorded" if later else ""
    )


def _ref_hrefs(document: Document):
    """(eId of the holder, href) of every ``ref`` and of both bounds of every ``rref``, in order."""
    for el in document.main.iter():
        if not isinstance(el.tag, str) or local_name(el) not in ("ref", "rref"):
            continue
        eid = _holder_eid(el)
        hrefs = [el.get("href")] if local_name(el) == "ref" else [el.get("from"), el.get("upTo")]
        for href in hrefs:
            if href:
                yield eid, href


def _repealing(read) -> set[tuple[str | None, str]]:
    """A sentence that repeals («نسخت الفصول 289 و290 و291») cites repealed articles on purpose:
    (eId, href) of its citations."""
    return {
        (eid_at(block, c.start), h)
        for block, citations in read
        for c in citations
        for h in c.hrefs
        if h and (_REPEALS.search(_sentence(block.text, c.start, c.end)) or _REPEALS.search(_list_intro(block.element)))
    }


_REPEALS = re.compile(
    r"(?<![^\W\d_])(?:تم\s+|و)?(?:نسخ|نسخت|تنسخ|ينسخ|ألغي|ألغيت|الغي|إلغاء|الغاء|تلغى|يلغى|حذف|حذفت|"
    r"abrog)"
)


def _list_intro(el) -> str:
    """The introduction of the list a block's point belongs to («تنسخ ... ولا سيما:»)."""
    node = el
    while node is not None and local_name(node) != "point":
        node = node.getparent()
    if node is None or node.getparent() is None:
        return ""
    for sibling in node.getparent():
        if local_name(sibling) in ("intro", "listIntroduction"):
            return text_of(sibling)
    return ""


_SENTENCE = re.compile(r"[.؛!؟?](?=\s|$)|\n\s*\n")


def _sentence(text: str, start: int, end: int) -> str:
    """The sentence of a block that holds ``text[start:end]``."""
    begin = max((m.end() for m in _SENTENCE.finditer(text, 0, start)), default=0)
    stop = _SENTENCE.search(text, end)
    return text[begin : stop.start() if stop else len(text)]


def _short(text: str, n: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def check_paths(paths, corpus: ArticleIndex | None = None, root: str | Path | None = None) -> list[Finding]:
    """Findings for every AKN file under ``paths``; the corpus defaults to law/ and bills/ under
    ``root`` (the current folder)."""
    root = Path(root) if root is not None else Path(".")
    corpus = corpus if corpus is not None else ArticleIndex.from_root(root)
    checker = Checker(corpus, root)
    out: list[Finding] = []
    for path in _xml_files(paths):
        document = Document.load(path)
        out += checker.check_document(document)
    return sorted(out, key=lambda f: (f.file or "", f.eid or "", f.rule, f.target or "", f.message))
