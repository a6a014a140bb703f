"""Resolution: which work and which articles a mention points to, given where it stands.

The words of a mention (:mod:`lawtool.xref.patterns`) say what they say; the target depends on
the context, decided here in this order:

1. the work the mention names: a law by number (looked up in :mod:`lawtool.works` and in the
   corpus), a code by name («مجموعة القانون الجنائي», «قانون المسطرة الجنائية» — the latter only
   for texts made after Law 22.01; older texts mean the 1959 code), «هذا القانون» (the document,
   or the quoted law inside a quotation), «القانون المذكور» / «نفس القانون» (the last work cited),
   «منه» (the work just named), another law without number (kept unresolved);
2. a citation joined to the next one by «و» shares its law («الفقرة 5 من المادة 59 والفقرة 3 من
   المادة 103 من القانون رقم 22.01»);
3. «بالفصل 447-4» after a law named earlier in the same sentence («تتمم المجموعة المذكورة
   بالفصل 447-4») belongs to that law;
4. look-backs: «المادة المذكورة», «نفس الفصل» repeat the last article cited; «الفصل السابق»,
   «المادة الموالية» are the articles before and after the citing one;
5. otherwise the article is internal: to the quoted law inside a quotation (a
   ``quotedStructure``, or the articles an amending law re-enacts), else to the document itself
   («أعلاه», «بعده» say the same).

A citation of a law outside the corpus keeps its number (``cited_law``) and gets no work URI: it
is never forced onto a known work.  Ranges cover every article of the cited work between their
bounds, inserted ones included (:func:`expand_range`); without the work's article list, the
integers between the bounds.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from ..akn import Document, local_name, text_of, xml_files
from ..corpus import Corpus
from ..eids import article_eid, article_order
from ..works import ALL_WORKS, CRIMINAL_PROCEDURE, PENAL_CODE, work_by_number, work_by_uri
from .names import fold_number
from .names import table as names_table
from .patterns import Mention, article_numbers, scan

# «تتمم ... أحكام القانون رقم 22.01 ... بالمادة 82-5-2»: a law completed with articles named after «ب»
_AMENDS = re.compile(r"(?:تتمم|تمم|يتمم|تمتمت|تغير|يغير|تضاف|يضاف|أضيف|اضيف|تعوض|يعوض|تكمل|يكمل)")
_SENTENCE_BREAK = re.compile(r"[.؛!؟?](?=\s|$)|:\s*\n")
CODE_NAMES = {
    "penal-code": PENAL_CODE,
    "criminal-procedure": CRIMINAL_PROCEDURE,
    "criminal-procedure-adala": CRIMINAL_PROCEDURE,
}
REPEAL_WORDS = re.compile(r"^[\W\d_]*(?:نسخ|نسخت|ملغى|ملغاة|ألغي|ألغيت|حذف|حذفت|abrogé|abrogée|\(abrogé\))[\W\d_]*$")


# -- article numbers --------------------------------------------------------------------------------


def expand_range(low: str, high: str, order: list[str] | None) -> tuple[list[str], str]:
    """The articles from ``low`` to ``high`` inclusive: every one of ``order`` (a work's article
    numbers in reading order) whose key lies between the bounds' keys, so inserted articles are in
    («575 إلى 579» → 575, 576, 576-1, ..., 579) but not those inserted after the upper bound
    (579-1).  Returns (numbers, how): how is ``corpus`` when ``order`` was used, ``integers``
    when the bounds are plain numbers and no list was available, ``bounds`` otherwise."""
    lo, hi = article_order(low), article_order(high)
    if lo > hi:
        lo, hi, low, high = hi, lo, high, low
    if order:
        keys, ascending = _keys(tuple(order))
        if ascending:  # the usual case: a slice found by bisection (same result as the filter below)
            found = list(order[bisect_left(keys, lo) : bisect_right(keys, hi)])
        else:
            found = [n for n, k in zip(order, keys, strict=False) if lo <= k <= hi]
        if found:
            return list(dict.fromkeys(found)), "corpus"
    if low.isdigit() and high.isdigit() and int(high) - int(low) <= 500:
        return [str(n) for n in range(int(low), int(high) + 1)], "integers"
    a, b = low.rsplit("-", 1) if "-" in low else ("", low), high.rsplit("-", 1) if "-" in high else ("", high)
    if a[0] and a[0] == b[0] and a[1].isdigit() and b[1].isdigit() and int(b[1]) - int(a[1]) <= 200:
        return [f"{a[0]}-{n}" for n in range(int(a[1]), int(b[1]) + 1)], "integers"
    return [low, high], "bounds"


@lru_cache(maxsize=64)
def _keys(order: tuple) -> tuple[list, bool]:
    """The sort keys of a work's articles, and whether they ascend in reading order."""
    keys = [article_order(n) for n in order]
    return keys, all(a <= b for a, b in pairwise(keys))


# -- what the corpus knows about a work -------------------------------------------------------------


@dataclass
class WorkArticles:
    """The articles of one expression of a work: numbers in reading order, the eId of each, the
    repealed ones (with the date of the repeal when the document records it)."""

    uri: str
    expression: str | None = None
    date: str | None = None
    path: str | None = None
    order: list[str] = field(default_factory=list)
    eids: dict[str, str] = field(default_factory=dict)
    all_eids: set[str] = field(default_factory=set)
    repealed: dict[str, str | None] = field(default_factory=dict)
    duplicates: set[str] = field(default_factory=set)
    inserted_by_self: set[str] = field(default_factory=set)

    def eid(self, number: str) -> str:
        return self.eids.get(number, article_eid(number))

    def last_base(self) -> int | None:
        """The highest base number of the articles (607 for 607-ter), computed once."""
        if getattr(self, "_last", (None,))[0] != len(self.order):
            bases = [b for b in (_base(n) for n in self.order) if b is not None]
            self._last = (len(self.order), max(bases) if bases else None)
        return self._last[1]

    def has(self, number: str) -> bool:
        return number in self.eids

    def sub_eid(self, number: str, sub: list[tuple[str, str]]) -> str | None:
        """The eId of «الفقرة 2» / «البند 3» of an article when the document has exactly one."""
        if len(sub) != 1 or number not in self.eids:
            return None
        kind, value = sub[0]
        base = self.eids[number]
        if kind == "paragraph":
            eid = f"{base}__para_{value}"
            return eid if eid in self.all_eids else None
        suffix = f"__point_{value}"
        found = [
            e
            for e in self.all_eids
            if e.startswith(base + "__") and e.endswith(suffix) and "__qstr_" not in e[len(base) :]
        ]
        return found[0] if len(found) == 1 else None


LABELLED = re.compile(r"\s*(?:ال|art)", re.I)  # a <num> that names its label («الفصل 5»), not a bare number
_SIMPLE_NUM = re.compile(r"\s*(?:ال)?(?:فصل|مادة|ماده)\s+(\d+(?:-\d+)*)\s*$")


def _num_numbers(num_text: str) -> list[str]:
    """The article numbers an article's ``<num>`` stands for («الفصول 19 – 23» → 19..23)."""
    simple = _SIMPLE_NUM.match(num_text)
    if simple:
        return article_numbers(simple.group(1))
    _, mentions = scan(num_text if LABELLED.match(num_text) else "الفصل " + num_text)
    for m in mentions:
        if m.kind == "article" and m.items:
            return [number for item in m.items for number in item_numbers(item)]
    return []


def document_articles(document: Document, uri: str | None = None) -> WorkArticles:
    """The :class:`WorkArticles` of a loaded AKN document (its own articles, not quoted ones)."""
    work = document.frbr_work
    expression = document.frbr_expression
    info = WorkArticles(
        uri or (work.work_uri() if work else ""),
        str(expression) if expression else None,
        document.expression_date,
        document.path,
    )
    info.all_eids = {el.get("eId") for el in document.root.iter() if isinstance(el.tag, str) and el.get("eId")}
    for article in document.articles():
        eid = article.get("eId")
        repealed = _reads_repealed(article)
        for number in _article_numbers(article):
            if number in info.eids:
                info.duplicates.add(number)
                continue
            info.order.append(number)
            info.eids[number] = eid
            if repealed:
                info.repealed[number] = None
    _repeal_dates(document, info)
    return info


def _article_numbers(article) -> list[str]:
    """The numbers an article stands for: its ``<num>``'s, else its eId's."""
    eid = article.get("eId")
    num = article.find("{*}num")
    numbers = _num_numbers(text_of(num)) if num is not None else []
    if not numbers and eid and eid.startswith("art_"):
        numbers = [eid[4:]]
    return numbers


def _reads_repealed(article) -> bool:
    """Whether an article's body only says it was repealed («نسخت .»)."""
    size = sum(len(t.strip()) for c in article if local_name(c) not in ("num", "heading") for t in c.itertext())
    if size >= 80:  # only a short article can be a repealed one
        return False
    body = " ".join(text_of(c) for c in article if local_name(c) not in ("num", "heading"))
    return bool(REPEAL_WORDS.match(body.strip())) if body.strip() else False


def _repeal_dates(document: Document, info: WorkArticles) -> None:
    """Dates of repeals from the passive modifications and the editorial notes («نسخت الفصول ...»)."""
    dates = _event_dates(document)
    by_eid = {eid: n for n, eid in info.eids.items()}
    for mod in document.xpath("./a:meta/a:analysis/a:passiveModifications/a:textualMod[@type='repeal']", document.main):
        _date_repeal(document, info, mod, dates, by_eid)
    _repeals_in_notes(document, info)


def _event_dates(document: Document) -> dict[str, str]:
    """The date of each lifecycle event, by the eId of its source reference."""
    dates: dict[str, str] = {}
    for event in document.xpath("./a:meta/a:lifecycle/a:eventRef", document.main):
        source = (event.get("source") or "").lstrip("#")
        if source and event.get("date"):
            dates[source] = event.get("date")
    return dates


def _repealing_date(document: Document, mod, dates: dict[str, str]) -> str | None:
    """The date of the text a repeal comes from (the last passive reference its source names)."""
    source = mod.find("{*}source")
    href = source.get("href") if source is not None else ""
    date = None
    for ref in document.xpath("./a:meta/a:references/a:passiveRef", document.main):
        if href and (href == f"#{ref.get('eId')}" or href.startswith(ref.get("href") + "/")):
            date = dates.get(ref.get("eId"))
    return date


def _date_repeal(document: Document, info: WorkArticles, mod, dates: dict[str, str], by_eid: dict) -> None:
    """One passive repeal: the date of the articles it repealed (those the document marks repealed, or
    whose body is only the repeal note)."""
    dest = mod.find("{*}destination")
    eid = (dest.get("href") or "").lstrip("#") if dest is not None else ""
    date = _repealing_date(document, mod, dates)
    numbers = [number for number, e in info.eids.items() if e == eid]
    for number in numbers:
        if number in info.repealed:
            info.repealed[number] = date or info.repealed[number]
    if eid in by_eid and by_eid[eid] not in info.repealed and _only_repealed(document, eid):
        for number in numbers:
            info.repealed[number] = date


_REPEAL_NOTE = re.compile(r"(?:^|\s|-)(?:تم\s+)?(?:نسخ|نسخت|ألغي|ألغيت)\b")
_REPLACE_NOTE = re.compile(r"تعوض|تعويض|عوضت")


def _repeals_in_notes(document: Document, info: WorkArticles) -> None:
    """Notes that say «نسخت الفصول 289 و290 و291» of articles the document no longer holds: the
    articles of the note's first citation of this document's articles are repealed (date unknown)."""
    for note in document.xpath("./a:meta/a:notes/a:note", document.main):
        text = text_of(note)
        if not _REPEAL_NOTE.search(text) or _REPLACE_NOTE.search(text):
            continue
        _, mentions = scan(text)
        own = (m for m in mentions if m.kind == "article" and not (m.work and m.work.kind in _OTHER_WORK_KINDS))
        mention = next(own, None)
        for item in mention.items if mention is not None else []:
            for number in item_numbers(item):
                if number not in info.eids:
                    info.repealed.setdefault(number, None)


_OTHER_WORK_KINDS = ("number", "other", "name", "same")


def item_numbers(item) -> list[str]:
    """The article numbers of one list item: its number, or its range expanded (no article list)."""
    return expand_range(item.first.value, item.last.value, None)[0] if item.last is not None else [item.first.value]


def _only_repealed(document: Document, eid: str) -> bool:
    el = document.by_eid(eid)
    if el is None:
        return False
    body = " ".join(text_of(c) for c in el if local_name(c) not in ("num", "heading")).strip()
    return bool(REPEAL_WORDS.match(body)) if body else True


class ArticleIndex:
    """The articles of every work, by work URI (every expression, by date): a view over a
    :class:`~lawtool.corpus.Corpus` (:meth:`of`), or made from any AKN files (:meth:`from_paths`);
    a document can also be added in memory (the one being marked)."""

    def __init__(self) -> None:
        self.works: dict[str, list[WorkArticles]] = {}
        self._by_number: dict[tuple, str] | None = None  # folded number → first work URI (uri_for_number)

    @classmethod
    def of(cls, corpus: Corpus, *, with_build_folder: bool = False) -> ArticleIndex:
        """The articles of law/ and bills/ (a broken file is the validator's business, left out),
        then, ``with_build_folder``, those of the corpus build folder's texts; made once per corpus."""

        def make() -> ArticleIndex:
            index = cls()
            for document in corpus.readable():
                index.add(document)
            for text in corpus.build_texts() if with_build_folder else ():
                index.add(text.document)
            return index

        return corpus.view("articles+build" if with_build_folder else "articles", make)

    @classmethod
    def from_paths(cls, paths) -> ArticleIndex:
        index = cls()
        for path in xml_files(paths, empty_ok=True):
            try:
                document = Document.load(path)
            except Exception:  # a broken file is the validator's business, not the index's
                continue
            index.add(document)
        return index

    @classmethod
    def from_root(cls, root: str | Path) -> ArticleIndex:
        """The articles of ``root``'s law/ and bills/ (:meth:`of` a new :class:`~lawtool.corpus.Corpus`)."""
        return cls.of(Corpus(root))

    def add(self, document: Document) -> WorkArticles | None:
        work = document.frbr_work
        if work is None:
            return None
        info = document_articles(document)
        self._by_number = None
        expressions = self.works.setdefault(info.uri, [])
        expressions[:] = [e for e in expressions if e.expression != info.expression]
        expressions.append(info)
        expressions.sort(key=lambda e: e.date or "")
        return info

    def add_articles(self, info: WorkArticles) -> None:
        """Add a work known from elsewhere (a raw text's headings: :func:`text_articles`)."""
        self._by_number = None
        expressions = self.works.setdefault(info.uri, [])
        expressions[:] = [e for e in expressions if e.expression != info.expression]
        expressions.append(info)
        expressions.sort(key=lambda e: e.date or "")

    def get(self, uri: str | None, date: str | None = None) -> WorkArticles | None:
        """The expression of ``uri`` in force at ``date``: the latest one not after it, else the
        earliest one (a later consolidation is the best knowledge there is)."""
        if not uri or uri not in self.works:
            return None
        expressions = self.works[uri]
        if date:
            before = [e for e in expressions if (e.date or "") <= date]
            if before:
                return before[-1]
            return expressions[0]
        return expressions[-1]

    def uri_for_number(self, number: str) -> str | None:
        """The first work (in the order they were added) whose URI ends in ``number``; the table is
        made once for all the works (a look-up per citation over 3,600 works took most of the time
        of marking the whole corpus)."""
        if self._by_number is None:
            self._by_number = {}
            for uri in self.works:
                tail = uri.rsplit("/", 1)[-1]
                if re.fullmatch(r"[\d-]+", tail):
                    self._by_number.setdefault(fold_number(tail), uri)
        return self._by_number.get(fold_number(number))


def _xml_files(paths) -> list[Path]:
    return xml_files(paths)


# -- citations -------------------------------------------------------------------------------------------


@dataclass
class Citation:
    """A resolved citation; ``start``/``end`` are offsets in the text it was found in."""

    text: str
    start: int
    end: int
    kind: str  # article, law
    work: str | None  # FRBR work URI, None when unknown
    internal: bool = False
    cited_law: dict | None = None  # the law as written when it is not a known work
    articles: list[str] = field(default_factory=list)
    hrefs: list[str | None] = field(default_factory=list)  # one per article, None when not linked
    spans: list[tuple[int, int, list[str]]] = field(default_factory=list)  # written number → articles
    range: bool = False
    expansion: str | None = None
    subprovision: list[dict] = field(default_factory=list)
    resolved_by: str = "explicit"
    problem: str | None = None
    eid: str | None = None  # AKN: the nearest element with an eId
    line: int | None = None  # raw text: the 1-based line
    mention: Mention | None = None

    def to_dict(self) -> dict:
        place: dict = {"offset": self.start, "length": self.end - self.start}
        if self.eid is not None:
            place = {"eid": self.eid, **place}
        if self.line is not None:
            place["line"] = self.line
        return {
            "text": self.text,
            "place": place,
            "kind": self.kind,
            "work": self.work,
            "internal": self.internal,
            "cited_law": self.cited_law,
            "articles": [{"number": n, "href": h} for n, h in zip(self.articles, self.hrefs, strict=False)],
            "range": self.range,
            "range_expansion": self.expansion,
            "subprovision": self.subprovision,
            "resolved_by": self.resolved_by,
            "problem": self.problem,
        }


@dataclass
class Scope:
    """A law articles can be internal to: the document itself, or the law a quotation quotes."""

    uri: str | None
    internal: bool = False  # the document itself
    articles: WorkArticles | None = None
    law: dict | None = None  # what is known of it when uri is None
    numbers: frozenset = frozenset()  # the document's own numbers (folded): its title and heading


@dataclass
class _Target:
    uri: str | None
    internal: bool = False
    law: dict | None = None
    how: str = "explicit"
    problem: str | None = None


class Resolver:
    """Resolves the mentions of one document, block after block, in reading order.

    ``own``: the document's scope; ``date``: its date (which codes it can cite);
    ``corpus``: the :class:`ArticleIndex` (article lists for ranges, eIds for hrefs)."""

    def __init__(self, own: Scope, date: str | None = None, corpus: ArticleIndex | None = None):
        self.own = own
        self.date = date
        self.corpus = corpus
        self.last_work: _Target | None = None  # in the current article
        self.doc_last_work: _Target | None = None
        self.last_articles: tuple[_Target, list[str]] | None = None
        self.seen_numbers: dict[tuple, str] = {}
        self.made: str | None = None  # when the text was made (not consolidated)

    def begin_article(self) -> None:
        """A new article (or note) starts: look-backs do not cross it."""
        self.last_work = None
        self.last_articles = None

    # works
    def _articles_of(self, target: _Target, scope: Scope | None) -> WorkArticles | None:
        if target.internal:
            return self.own.articles
        if scope is not None and scope.uri and scope.uri == target.uri and scope.articles is not None:
            return scope.articles
        if self.corpus is not None and target.uri:
            return self.corpus.get(target.uri, self.date)
        return None

    def _by_number(self, number: str, law_kind: str | None, same: bool) -> _Target:
        parts = fold_number(number)
        if parts in self.own.numbers:
            return _Target(self.own.uri, internal=True, how="self")
        uri, ambiguous = self._uri_of_number(number)
        if uri is None and same and not ambiguous:
            # «القانون رقم ،03.24 سالف الذكر» after 24.03: the parts of a number cited before, reversed
            shuffled = sorted(parts)
            for seen_parts, seen in self.seen_numbers.items():
                if sorted(seen_parts) == shuffled and seen_parts != parts:
                    number = seen
                    uri, ambiguous = self._uri_of_number(seen)
                    break
        self.seen_numbers.setdefault(fold_number(number), number)
        law = {"kind": law_kind or "law", "number": number}
        if uri is None:
            return _Target(
                None,
                law=law,
                problem="ambiguous number: two texts of the corpus have it" if ambiguous else "unknown law",
            )
        target = self._known(uri)
        if target.law is None and not target.internal:
            target.law = law
        return target

    def _uri_of_number(self, number: str) -> tuple[str | None, bool]:
        work = work_by_number(number)
        if work is not None:
            return work.uri, False
        named, ambiguous = names_table().by_number(number)
        if named is not None:
            return named.uri, False
        if ambiguous:
            return None, True
        return (self.corpus.uri_for_number(number) if self.corpus else None), False

    def _known(self, uri: str, how: str = "explicit") -> _Target:
        if self.own.uri and uri == self.own.uri:
            return _Target(uri, internal=True, how=how)
        work = work_by_uri(uri)
        if work is not None and work.since and self.date and self.date < work.since:
            return _Target(
                None,
                law={"kind": "law", "name": work.label, "number": None},
                problem=f"the text is older than {work.label}",
                how=how,
            )
        return _Target(uri, how=how)

    def _scope_target(self, scope: Scope, how: str) -> _Target:
        if scope.internal:
            return _Target(self.own.uri, internal=True, how=how)
        if scope.uri:
            return _Target(scope.uri, how=how)
        return _Target(None, law=scope.law or {"kind": "law"}, how=how, problem="quoted law unknown")

    def _named(self, mention: Mention, scope: Scope, block_targets: list) -> _Target | None:
        """The work the words of a mention name, by the kind of phrase (see :class:`WorkPhrase`)."""
        phrase = mention.work
        if phrase is None:
            return None
        if phrase.kind == "number" and phrase.number is not None:
            return self._by_number(phrase.number, phrase.law_kind, phrase.name == "same")
        if phrase.kind == "name":
            code = CODE_NAMES.get(phrase.name or "")
            return self._by_code(phrase, code) if code is not None else self._by_name(phrase)
        if phrase.kind == "foreign":
            return _Target(
                None,
                law={"kind": "foreign", "name": _clean(phrase.text)},
                problem="foreign law: never linked to a Moroccan text",
            )
        if phrase.kind == "this":
            return self._scope_target(scope, "this")
        if phrase.kind == "same":
            return self._last_named(phrase)
        if phrase.kind == "it":
            return self._just_named(scope, block_targets)
        if phrase.kind == "other":
            return _Target(
                None, law={"kind": phrase.law_kind or "law", "name": _clean(phrase.text)}, problem="unknown law"
            )
        return None

    def _by_code(self, phrase, code) -> _Target:
        """One of lawtool's codes by name, unless the citation is older than it (then the older code)."""
        if phrase.year and code.since and phrase.year < int(code.since[:4]):
            return _Target(
                None,
                law={"kind": "code", "name": _clean(phrase.text), "year": phrase.year},
                problem=f"made in {phrase.year}: an older text than {code.label}",
            )
        if phrase.name == "criminal-procedure" and self.date and code.since and self.date < code.since:
            return _Target(
                None,
                law={"kind": "code", "name": "قانون المسطرة الجنائية (1959)"},
                problem="the text is older than Law 22.01: the 1959 code",
            )
        return self._known(code.uri)

    def _last_named(self, phrase) -> _Target:
        """«القانون المذكور», «نفس القانون»: the last work cited (in the article, else in the document)."""
        last = self.last_work or self.doc_last_work
        if last is None:
            return _Target(None, law={"kind": phrase.law_kind or "law"}, problem="no antecedent", how="lookback")
        return _Target(last.uri, last.internal, last.law, "lookback", last.problem)

    def _just_named(self, scope: Scope, block_targets: list) -> _Target:
        """«منه»: the last work named in the block, else the scope's."""
        for target in reversed(block_targets):
            if target is not None and target.how != "default":
                return _Target(target.uri, target.internal, target.law, "lookback", target.problem)
        return self._scope_target(scope, "it")

    def _by_alias(self, target: _Target | None, mention: Mention) -> _Target | None:
        """A law the corpus does not hold by its number, but does by its promulgating dahir's."""
        if target is None or target.uri is not None or target.internal or not mention.alias:
            return target
        if fold_number(mention.alias) in self.own.numbers:
            return _Target(self.own.uri, internal=True, how="self")
        uri, _ = self._uri_of_number(mention.alias)
        if uri is None:
            return target
        found = self._known(uri)
        if not found.internal:
            found.law = target.law
        return found

    def _by_name(self, phrase) -> _Target:
        """A code of the names table by its name, at the citing text's date."""
        if self.own.uri and self.own.uri in names_table().uris_of_name(phrase.name):
            return _Target(self.own.uri, internal=True, how="self")
        year = str(phrase.year) if phrase.year else (self.made or self.date or "")[:4] or None
        named = names_table().by_name(phrase.name, year)
        law = {"kind": "code", "name": _clean(phrase.text)}
        if named is None:
            return _Target(
                None,
                law=law,
                problem="unknown law"
                if len(names_table().names.get(phrase.name, [])) < 2
                else "which text of that name the date does not tell",
            )
        if named.number:
            law["number"] = named.number
        if named.uri is None:
            return _Target(None, law=law, problem="not in the corpus")
        if self.own.uri and named.uri == self.own.uri:
            return _Target(named.uri, internal=True, how="self")
        return _Target(named.uri, law=law)

    # one block
    def resolve(
        self,
        text: str,
        mentions: list[Mention],
        scope: Scope,
        *,
        current: str | None = None,
        eid: str | None = None,
        line_of=None,
    ) -> list[Citation]:
        """Citations of the mentions of ``text`` (one block: a paragraph, a note, a raw text).
        ``scope``: the law internal citations belong to here; ``current``: the number of the
        article the block belongs to (for «الفصل السابق»)."""
        inherited = _coordination(text, mentions)
        out: list[Citation] = []
        block_targets: list[_Target | None] = []
        named_before: list[tuple[int, _Target]] = []
        for k, mention in enumerate(mentions):
            target = self._by_alias(self._named(mention, scope, block_targets), mention)
            if mention.kind == "work":
                block_targets.append(target)
                if target is not None and mention.work is not None and mention.work.kind in ("name", "other", "number"):
                    named_before.append((mention.end, target))
                continue
            if mention.kind == "law":
                block_targets.append(target)
                if target is not None:
                    named_before.append((mention.end, target))
                out.append(self._law_citation(text, mention, target, eid, line_of))
                self._remember(target)
                continue
            articles_target = target
            if articles_target is None and k in inherited:
                articles_target = self._named(inherited[k], scope, block_targets)
                if articles_target is not None:
                    articles_target.how = "coordination"
            if articles_target is None and mention.via_b and not mention.lookback:
                articles_target = _amended_before(text, mention, named_before)
            citation = self._article_citation(text, mention, articles_target, scope, current, eid, line_of)
            if citation is None:
                block_targets.append(None)
                continue
            block_target = (
                articles_target
                if articles_target is not None
                else _Target(citation.work, citation.internal, citation.cited_law, citation.resolved_by)
            )
            block_targets.append(block_target)
            if mention.work is not None and mention.work.kind in ("number", "name", "other"):
                named_before.append((mention.end, block_target))
            out.append(citation)
        return out

    def _remember(self, target: _Target | None, articles: list[str] | None = None) -> None:
        if target is None:
            return
        self.last_work = target
        self.doc_last_work = target
        if articles is not None:
            self.last_articles = (target, articles)

    def _law_citation(self, text, mention, target, eid, line_of) -> Citation:
        return Citation(
            text[mention.start : mention.end],
            mention.start,
            mention.end,
            "law",
            target.uri,
            internal=target.internal,
            cited_law=_with_alias(target.law, mention),
            hrefs=[],
            resolved_by=target.how,
            problem=target.problem,
            eid=eid,
            line=line_of(mention.start) if line_of else None,
            mention=mention,
        )

    def _article_citation(self, text, mention, target, scope, current, eid, line_of) -> Citation | None:
        if mention.lookback and not mention.items:
            found = self._looked_back(mention, target, scope, current)
            if found is None:
                return None
            looked, numbers = found
            citation = self._build(text, mention, looked, scope, [(mention.start, mention.end, numbers)], False, None)
            return self._finish(citation, eid, line_of)
        if target is None:
            target = self._scope_target(scope, "default")
        info = self._articles_of(target, scope)
        if target.how in ("default", "this", "it") and _beyond(mention, info):
            # «الفصول من 688 الى 693» in a note of the Penal Code (612 articles): another law's
            target = _Target(
                None,
                law={"kind": "law"},
                how=target.how,
                problem=f"beyond the last article of {'this document' if target.internal else target.uri}",
            )
            info = None
        spans, is_range, how = _spans(mention, info)
        citation = self._build(text, mention, target, scope, spans, is_range, how, info)
        return self._finish(citation, eid, line_of)

    def _looked_back(self, mention, target, scope, current) -> tuple[_Target, list[str]] | None:
        """(work, articles) of a look-back without number: «المادة المذكورة», «نفس الفصل» repeat the
        last articles cited; «الفصل السابق», «المادة الموالية» are the articles around ``current``."""
        if mention.lookback == "same":
            if self.last_articles is None:
                return None
            last_target, last_numbers = self.last_articles
            if mention.plural != (len(last_numbers) > 1) and not mention.plural:
                last_numbers = last_numbers[-1:]
            if mention.plural and len(last_numbers) < 2:
                return None
            t = target or last_target
            return _Target(t.uri, t.internal, t.law, "lookback", t.problem), list(last_numbers)
        if mention.plural or current is None:
            return None
        t = target or self._scope_target(scope, "default")
        info = self._articles_of(t, scope)
        if info is None or current not in info.order:
            return None
        k = info.order.index(current) + (-1 if mention.lookback == "previous" else 1)
        if not 0 <= k < len(info.order):
            return None
        t.how = "lookback"
        return t, [info.order[k]]

    def _build(self, text, mention, target, scope, spans, is_range, how, info=None) -> Citation:
        info = info if info is not None else self._articles_of(target, scope)
        numbers = list(dict.fromkeys(n for _, _, ns in spans for n in ns))
        sub = [{"kind": k, "number": v} for k, v in (mention.sub or [])]
        if not sub:
            for item in mention.items:
                sub += [{"kind": k, "number": v, "article": item.first.value} for k, v in item.sub]
        hrefs = [self._href(target, n, mention, info) for n in numbers]
        citation = Citation(
            text[mention.start : mention.end],
            mention.start,
            mention.end,
            "article",
            target.uri,
            internal=target.internal,
            cited_law=_with_alias(target.law, mention),
            articles=numbers,
            hrefs=hrefs,
            spans=spans,
            range=is_range,
            expansion=how,
            subprovision=sub,
            resolved_by=target.how,
            problem=target.problem,
            mention=mention,
        )
        self._remember(target, numbers)
        return citation

    def _href(self, target: _Target, number: str, mention: Mention, info: WorkArticles | None) -> str | None:
        if target.uri is None and not target.internal:
            return None
        sub = list(mention.sub) if mention.sub else []
        eid = info.eid(number) if info else article_eid(number)
        if sub and info is not None:
            eid = info.sub_eid(number, sub) or eid
        if target.internal:
            return f"#{eid}"
        return f"{target.uri}/~{eid}"

    @staticmethod
    def _finish(citation: Citation, eid, line_of) -> Citation:
        citation.eid = eid
        if line_of:
            citation.line = line_of(citation.start)
        return citation


def _base(number: str) -> int | None:
    head = number.split("-", 1)[0]
    return int(head) if head.isdigit() else None


def _beyond(mention: Mention, info: WorkArticles | None) -> bool:
    """Whether every article a mention cites lies past the last article of ``info``."""
    if info is None or len(info.order) < 5 or not mention.items:
        return False
    last = info.last_base()
    if last is None:
        return False
    cited = [_base(item.first.value) for item in mention.items]
    return all(c is not None and c > last for c in cited)


def _spans(mention: Mention, info: WorkArticles | None) -> tuple[list[tuple[int, int, list[str]]], bool, str | None]:
    """(written number → articles, whether there is a range, how ranges were expanded) of a mention."""
    spans: list[tuple[int, int, list[str]]] = []
    is_range, how = False, None
    for item in mention.items:
        if item.last is not None:
            numbers, how_item = expand_range(item.first.value, item.last.value, info.order if info else None)
            is_range = True
            how = how_item if how in (None, how_item) else "mixed"
            spans.append((item.first.start, item.last.end, numbers))
        else:
            spans.append((item.first.start, item.first.end, [item.first.value]))
    return spans, is_range, how


def _amended_before(text: str, mention: Mention, named_before: list[tuple[int, _Target]]) -> _Target | None:
    """«تتمم المجموعة المذكورة بالفصل 447-4»: the last law named earlier in the sentence, when the
    sentence amends it (an amending verb before the mention)."""
    for end, t in reversed(named_before):
        if (
            not _SENTENCE_BREAK.search(text, end, mention.start)
            and not t.internal
            and _AMENDS.search(text, max(0, end - 400), mention.start)
        ):
            return _Target(t.uri, t.internal, t.law, "named-before", t.problem)
    return None


def _coordination(text: str, mentions: list[Mention]) -> dict[int, Mention]:
    """«A و B من القانون X»: A (no law of its own) shares the law of the B that follows it."""
    out: dict[int, Mention] = {}
    donor: Mention | None = None
    for k in range(len(mentions) - 1, -1, -1):
        m = mentions[k]
        if m.kind != "article":
            donor = None
            continue
        if m.work is not None:
            donor = m  # «الفصلين 62 و85 والفقرة الخامسة من الفصل 51 منه»: all three are «منه»'s
            continue
        if donor is None or m.lookback:
            donor = None
            continue
        following = mentions[k + 1]
        between = text[m.end : following.start]
        if re.fullmatch(r"\s*(?:[،,]\s*)?(?:و|أو|او)?\s*", between) and (
            between.strip() or text[following.start : following.start + 1] == "و"
        ):
            out[k] = donor
        else:
            donor = None
    return out


def _with_alias(law: dict | None, mention: Mention) -> dict | None:
    """The cited law with the number of the dahir that promulgated it, when the text names it
    («القانون رقم 67.12 ... الصادر بتنفيذه الظهير الشريف رقم 1.13.111»: one citation, the dahir an alias)."""
    if law is None or not mention.alias or fold_number(mention.alias) == fold_number(law.get("number") or "0.0"):
        return law
    return {**law, "alias": {"kind": "dahir", "number": mention.alias}}


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def own_scope(uri: str | None, articles: WorkArticles | None = None) -> Scope:
    return Scope(uri, internal=True, articles=articles)


def known_uris() -> set[str]:
    return {w.uri for w in ALL_WORKS}
