"""The site's index (:class:`SiteIndex`, a view of the :class:`~lawtool.corpus.Corpus`): every
expression of law/, bills/ (and of the corpus build folder with ``--corpus``) cut into pages, and
every article, container and wId given its page and anchor.

Nothing here needs git: the dates are the documents' own (FRBR expression dates, lifecycle
events).  The index is what the page writers ask «where does /akn/ma/act/1962/1-59-413/~art_447-1
live on the site?» and «who cites this article?».

Page plan of an expression (``plan_pages``): one page when it has at most ``PAGE_ARTICLES``
articles, at most ``PAGE_CHARS`` characters of text in its body and a weight of at most
``PAGE_WEIGHT`` (``weights``: an estimate of the bytes of HTML the text makes, its text plus its
elements, citations, article headings and the citations of its articles); otherwise the expression
page holds the preface, the preamble and the table of contents, every container gets a page that
lists its parts (the chapter as navigation), and the articles are cut into short pages: a container's
articles stay on its page when it has no sub-container, at most ``GROUP_ARTICLES`` articles and a
weight of at most ``PAGE_WEIGHT``, else they go in groups of at most ``GROUP_ARTICLES`` consecutive
articles weighing at most ``PAGE_WEIGHT`` together, each group a page named after its first article.
A page's URL is the expression's URL followed by the container's or the group's first article's eId:
``akn/ma/act/1962/1-59-413/ara@2024-08-22/book_3__part_1__chp_7/``,
``akn/ma/act/1962/1-59-413/ara@2024-08-22/art_447-1/``.  An article's permalink is its page and its
eId as anchor (``…/art_441/#art_447-1``).

A page still too heavy is continued (``Page.parts``): one article heavier than ``PAGE_WEIGHT``, a
container whose own text (intro, content, wrapUp) is, or the expression page's notes that no place of
the text points at.  Its blocks, divided where one alone is too heavy (a paragraph into its points, a
table into its rows, an amending instruction into the articles it quotes), are cut into runs of at
most ``PAGE_WEIGHT``: the first run stays on the page (its URL, the permalink, unchanged), the next go
on ``…/art_297-bis/2/``, ``…/art_297-bis/3/`` …  Every eId and wId inside gets the part that shows it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..akn import DIVISIONS, Document, local_name, text_of
from ..corpus import CORPUS_DIRS, Corpus, CorpusText, load_yaml
from ..errors import InputError, UnsafeInputError
from ..frbr import FrbrUri
from ..outputs import unsafe_part
from ..xref.index import backlinks
from .corpus import mark_citations
from .html import date_ar

PAGE_ARTICLES = 60
PAGE_CHARS = 10_000  # an expression whose body has more characters of text is cut into pages too
GROUP_ARTICLES = 10  # at most this many articles on a page of a split expression
# The weight of a page: an estimate of the bytes of HTML its text makes (``weights``).  A page's own
# text heavier than this is cut (an expression into pages, articles into smaller groups) or, when one
# article or one container's own text is that heavy alone, continued over several pages.
PAGE_WEIGHT = 170_000
ELEMENT_WEIGHT = 60  # the tags, id and class of one element (a paragraph, a table cell)
REF_WEIGHT = 500  # a citation's link: its relative href and the cited article's text in its title
ARTICLE_WEIGHT = 500  # an article's heading, its permalink and its entry in the page's table of contents
CITED_WEIGHT = 800  # a line of an article's «cited by» list: the citing article, its text in the link's title
# The blocks inside an article that the pages give an id (their eId): see lawtool.publish.body.
ID_BLOCKS = frozenset(
    {
        "paragraph",
        "point",
        "subparagraph",
        "list",
        "blockList",
        "item",
        "intro",
        "wrapUp",
        "alinea",
        "indent",
        "clause",
        "subclause",
        "level",
    }
)
# The blocks a heavy article or container is divided into, down to a table's rows, to continue it:
# those blocks, and the parts of a text that hold them or quote others.
DIVISIBLE = (
    ID_BLOCKS
    | {
        "content",
        "listIntroduction",
        "listWrapUp",
        "table",
        "hcontainer",
        "article",  # an article quoted by an amending one
        "p",  # only into the structures its amending instructions quote (``_parts_of``)
        "mod",
        "quotedStructure",
    }
    | DIVISIONS  # the containers a quoted structure holds
)
QUOTING = frozenset({"mod", "quotedStructure"})  # the children a p or a mod is divided into
HEAD = frozenset({"num", "heading", "subheading"})  # written by the heading of the article or container
CONTAINERS = DIVISIONS  # the kinds that get a container page or heading

# Every element the pages give an id: containers, articles and those blocks.
ANCHORED = CONTAINERS | {"article"} | ID_BLOCKS

Progress = Callable[[str], None]
Count = Callable[[str, int, int], None]  # (step, done, total) of a long step


def url_of(uri: str) -> str:
    """The site URL (no leading slash, directory form) of a work or expression URI."""
    return uri.strip("/") + "/"


def child(el, name: str):
    for c in el:
        if local_name(c) == name:
            return c
    return None


# the label of a container that has neither number nor heading, by its name
UNNAMED_AR = {"promulgation": "ظهير الإصدار", "preamble": "الديباجة", "signatures": "التوقيعات"}


def label_of(el) -> str:
    """«الفصل 447-1» / «الباب الأول — أحكام عامة»: the num (notes left out) and heading; a container
    with neither is named by its ``name`` (:data:`UNNAMED_AR`)."""
    num = child(el, "num")
    heading = child(el, "heading")
    parts = [text_of(num) if num is not None else "", text_of(heading) if heading is not None else ""]
    parts = [p for p in parts if p]
    return " — ".join(parts) or UNNAMED_AR.get(el.get("name") or "", "")


@dataclass
class Page:
    """One Markdown page of an expression."""

    url: str
    title: str
    element: etree._Element | None  # the container (None: the expression page itself)
    articles: list = field(default_factory=list)  # article elements rendered on this page, in order
    children: list[Page] = field(default_factory=list)
    parent: Page | None = None
    group: bool = False  # a page of a group of articles (its element is their container)
    # A page continued over several (one article, or a container's own text, too heavy for one):
    # ``parts`` are its pages in order (this one first, then ``…/2/``, ``…/3/``), each showing of
    # ``cut`` only the blocks of ``keep`` (``whole``: shown with everything inside them).
    cut: etree._Element | None = None
    parts: list[Page] = field(default_factory=list)
    keep: set = field(default_factory=set)
    whole: set = field(default_factory=set)
    part: int = 0  # 1, 2 ... of a continued page (0: not continued)


@dataclass
class Place:
    """Where an element of a document is shown: page URL and anchor."""

    url: str
    eid: str
    label: str
    text: str  # plain text of the article (cut), for a link's title
    expression: Expression
    owner: str = ""  # inside a continued article: the article's eId (its backlinks are the article's)


@dataclass
class Expression:
    path: Path  # relative to the corpus root
    document: Document
    uri: FrbrUri
    kind: str  # "law" or "bill" (law/, bills/), or "corpus" (a text of the corpus build folder: --corpus)
    spec: dict  # the import.yaml entry of this expression ({} when there is none)
    yaml_path: Path | None
    pages: list[Page] = field(default_factory=list)  # the expression page first
    places: dict[str, Place] = field(default_factory=dict)  # eId (articles and containers) → place
    wids: dict[str, str] = field(default_factory=dict)  # wId → current eId
    container_pages: dict[str, Page] = field(default_factory=dict)
    article_pages: dict[str, Page] = field(default_factory=dict)  # split expressions: eId → its group's page
    unit_pages: dict = field(default_factory=dict)  # a block of a continued page → the part that shows it
    corpus: CorpusText | None = None  # a corpus text: its source, kind, subject (lawtool.publish.corpus)
    _elements: dict | None = None
    _title: str | None = None

    _articles: list | None = None

    @property
    def corpus_text(self) -> CorpusText:
        """The corpus text of an expression of kind "corpus" (an error for the others)."""
        if self.corpus is None:
            raise ValueError(f"{self.expression_uri} is not a text of the corpus build folder")
        return self.corpus

    def articles(self) -> list:
        """The document's articles (``Document.articles``), found once: pages, tables and search ask often."""
        if self._articles is None:
            self._articles = self.document.articles()
        return self._articles

    @property
    def work_uri(self) -> str:
        return self.uri.work_uri()

    @property
    def expression_uri(self) -> str:
        return self.uri.expression_uri()

    @property
    def url(self) -> str:
        return url_of(self.expression_uri)

    @property
    def date(self) -> str:
        return self.document.expression_date or self.uri.expression_date or ""

    @property
    def when(self) -> str:
        """The date for display: isolated left to right inside Arabic text; «بلا تاريخ» for a text
        whose heading gives none (the import's placeholder date)."""
        return date_ar(self.date)

    @property
    def title(self) -> str:
        if self._title is None:
            self._title = self.document.title or self.work_uri
        return self._title

    @property
    def xml_url(self) -> str:
        """The manifestation's URL on the site: the expression URL + ``.xml``."""
        return self.expression_uri.strip("/") + ".xml"


@dataclass
class Work:
    uri: str
    kind: str
    expressions: list[Expression] = field(default_factory=list)  # by date

    @property
    def url(self) -> str:
        return url_of(self.uri)

    @property
    def latest(self) -> Expression:
        return self.expressions[-1]

    @property
    def title(self) -> str:
        return self.latest.title


@dataclass
class Citation:
    """A link between two articles: ``source`` cites (or amends) ``target``."""

    kind: str  # "cites" or "amends"
    source: Place
    target_work: str
    target_eid: str


class SiteIndex:
    """All expressions of the corpus, their pages and places, and the links between them."""

    def __init__(self, corpus: Corpus, expressions: list[Expression]):
        self.corpus = corpus
        self.root = corpus.root
        self.expressions = expressions
        self.works: dict[str, Work] = {}
        for expression in sorted(expressions, key=lambda e: (e.work_uri, e.date)):
            work = self.works.setdefault(expression.work_uri, Work(expression.work_uri, expression.kind))
            work.expressions.append(expression)
        self._by_uri = {e.expression_uri: e for e in expressions}
        self._citations: list[Citation] | None = None
        self.timings: dict[str, float] = {}  # seconds of the corpus build folder's steps (site_index)

    # -- lookup ---------------------------------------------------------------------------------------
    def laws(self) -> list[Work]:
        return [w for w in self.works.values() if w.kind == "law"]

    def bills(self) -> list[Work]:
        return [w for w in self.works.values() if w.kind == "bill"]

    def corpus_works(self) -> list[Work]:
        """The works of the corpus build folder (``--corpus``), in the order they were read."""
        return [w for w in self.works.values() if w.kind == "corpus"]

    def repository(self) -> list[Expression]:
        """The expressions of law/ and bills/ (not those of the corpus build folder)."""
        return [e for e in self.expressions if e.kind != "corpus"]

    def expression(self, uri: str) -> Expression | None:
        return self._by_uri.get(uri)

    def place(self, expression: Expression, eid: str) -> Place | None:
        """The place of ``eid`` (or of the nearest enclosing article or container; or of the
        element that now has ``eid`` as its ``wId``) in ``expression``."""
        parts = eid.split("__")
        for k in range(len(parts), 0, -1):
            candidate = "__".join(parts[:k])
            if candidate in expression.places:
                return expression.places[candidate]
            if candidate in expression.wids:
                current = expression.wids[candidate]
                if current in expression.places:
                    return expression.places[current]
        return None

    def resolve(self, href: str, context: Expression | None = None) -> tuple[Place | None, str]:
        """``href`` (``/akn/...~eId``, ``/akn/...`` or ``#eId``) → (place, anchor).  A work URI
        means its latest expression in the corpus.  (None, "") when it is not in the corpus."""
        href = (href or "").strip()
        if href.startswith("#"):
            if context is None:
                return None, ""
            eid = href[1:]
            place = self.place(context, eid)
            return place, (place.eid if place else "")
        try:
            uri = FrbrUri.parse(href)
        except Exception:  # noqa: BLE001 - any malformed href is simply not a link target
            return None, ""
        work = self.works.get(uri.work_uri())
        if work is None:
            return None, ""
        expression = None
        if uri.language and uri.expression_date:
            expression = self.expression(uri.expression_uri())
        expression = expression or work.latest
        if not uri.portion:
            return Place(expression.url, "", expression.title, "", expression), ""
        place = self.place(expression, uri.portion)
        if place is None:
            return None, ""
        return place, place.eid

    def publishes(self, href: str) -> bool:
        """Is the text ``href`` names (``#eId``: the text itself) on the site, whether or not the
        place it cites was found in it?"""
        href = (href or "").strip()
        if href.startswith("#"):
            return True
        try:
            return FrbrUri.parse(href).work_uri() in self.works
        except Exception:  # noqa: BLE001 - a malformed href names no published text
            return False

    def anchor(self, expression: Expression, eid: str) -> str:
        """The anchor to link to for ``eid``: its own id when the page gives its element one
        (articles, containers, paragraphs, points ...), else its article's or container's."""
        if expression._elements is None:
            expression._elements = expression.document.eid_index()
        el = expression._elements.get(eid)
        if el is not None and local_name(el) in ANCHORED:
            return eid
        place = self.place(expression, eid)
        return place.eid if place else ""

    # -- links between articles ------------------------------------------------------------------------
    def citations(self) -> list[Citation]:
        """Every ``ref`` to an article of the corpus, and every article a ``mod`` amends (from
        ``activeModifications``), with its source article's place."""
        if self._citations is not None:
            return self._citations
        out: list[Citation] = self._xref_citations()
        for expression in self.expressions:
            document = expression.document
            # the xref index covers law/ and bills/; the corpus texts are marked in memory (publish.corpus)
            for ref in document.walk("ref") if expression.kind == "corpus" else ():
                href = ref.get("href") or ""
                source = _owner_place(self, expression, ref)
                if source is None:
                    continue
                target, anchor = self.resolve(href, expression)
                if target is None or not anchor:
                    continue
                out.append(Citation("cites", source, target.expression.work_uri, target.owner or target.eid))
            for mod in document.xpath("./a:meta/a:analysis/a:activeModifications/a:textualMod", document.main):
                src = mod.xpath("./a:source/@href", namespaces={"a": document.root.nsmap.get(None)})
                dst = mod.xpath("./a:destination/@href", namespaces={"a": document.root.nsmap.get(None)})
                if not src or not dst:
                    continue
                source = self.place(expression, src[0].lstrip("#"))
                target, anchor = self.resolve(dst[0], expression)
                if source is None or target is None or not anchor:
                    continue
                out.append(Citation("amends", source, target.expression.work_uri, target.owner or target.eid))
        self._citations = out
        self._by_target: dict[tuple[str, str], list[Citation]] = {}
        for c in out:
            self._by_target.setdefault((c.target_work, c.target_eid), []).append(c)
        return out

    def _xref_citations(self) -> list[Citation]:
        """The backlinks of the xref stage's index (``lawtool.xref.index.backlinks``)."""

        index = backlinks(self.corpus)
        by_uri = {e.expression_uri: e for e in self.expressions}
        out = []
        for target, entries in sorted(index.get("cited_by", {}).items()):
            work, _, eid = target.partition("/~")
            if not eid:
                continue
            for entry in entries:
                source = by_uri.get(entry.get("source"))
                art = entry.get("source_article")
                if source is None or not art or (entry.get("internal") and source.work_uri == work and art == eid):
                    continue
                place = self.place(source, art)
                if place is not None:
                    out.append(Citation("cites", place, work, eid))
        return out

    def cited_by(self, work_uri: str, eid: str) -> list[Citation]:
        self.citations()
        return self._by_target.get((work_uri, eid), [])


def _owner_place(index: SiteIndex, expression: Expression, el) -> Place | None:
    node = el
    while node is not None:
        eid = node.get("eId") if isinstance(node.tag, str) else None
        if eid and local_name(node) == "article":
            return index.place(expression, eid)
        node = node.getparent()
    return None


# -- building ---------------------------------------------------------------------------------------------


def _import_specs(root: Path) -> dict[str, tuple[Path, dict]]:
    """Expression URI → (import.yaml path, its entry)."""
    out = {}
    for top in CORPUS_DIRS:
        for yaml_path in sorted((root / top).rglob("import.yaml")):
            data = load_yaml(yaml_path) or {}
            for spec in data.get("expressions", []) or []:
                if isinstance(spec, dict) and spec.get("expression"):
                    out[str(spec["expression"]).strip()] = (yaml_path, spec)
    return out


def _article_count(el) -> int:
    return sum(1 for a in el.iter() if isinstance(a.tag, str) and local_name(a) == "article" and not _in_quoted(a, el))


def _in_quoted(el, top) -> bool:
    node = el.getparent()
    while node is not None and node is not top:
        if local_name(node) == "quotedStructure":
            return True
        node = node.getparent()
    return False


def _page_of(expression: Expression, el, parent: Page, pages: list[Page], articles: list | None = None) -> Page:
    """A page of its own under ``parent``: for the container ``el``, or (``articles`` given) for a
    group of articles, named after the first one."""
    first = articles[0] if articles else el
    eid = first.get("eId") or f"part-{len(pages)}"
    reason = unsafe_part(eid)
    if reason:  # the eId becomes a folder of the site
        raise UnsafeInputError(
            f"the eId {eid!r} of a <{local_name(first)}> cannot name its page: it {reason}",
            path=str(expression.path),
            place=first.sourceline,
            hint="renumber the document (its eIds are letters, digits, '_' and '-'); lawtool validate lists such eIds",
        )
    if articles:
        first_label, last_label = _number_label(articles[0]), _number_label(articles[-1])
        title = first_label if len(articles) == 1 else f"{first_label} إلى {last_label.split(' ', 1)[-1]}"
        page = Page(f"{expression.url}{eid}/", title, el, parent=parent, group=True)
    else:
        page = Page(f"{expression.url}{eid}/", label_of(el) or eid, el, parent=parent)
    parent.children.append(page)
    pages.append(page)
    return page


def _number_label(article) -> str:
    num = child(article, "num")
    return text_of(num) if num is not None else (article.get("eId") or "")


def weights(top, cited: dict[str, int] | None = None) -> dict:
    """Every element under ``top`` (itself included) → its weight: an estimate of the bytes of HTML it
    makes, its text in UTF-8 plus ``ELEMENT_WEIGHT`` an element, ``REF_WEIGHT`` a citation and, for an
    article, ``ARTICLE_WEIGHT`` and ``CITED_WEIGHT`` for each citation of it (``cited``: eId → their
    number).  Text alone misjudges a table (many cells, little text) and an article full of citations
    or cited by many texts."""
    cited = cited or {}
    out: dict = {}

    def visit(el) -> int:
        total = ELEMENT_WEIGHT + len((el.text or "").encode())
        name = local_name(el)
        if name in ("ref", "rref"):
            total += REF_WEIGHT
        elif name == "article":
            total += ARTICLE_WEIGHT + CITED_WEIGHT * cited.get(el.get("eId") or "", 0)
        for c in el:
            if isinstance(c.tag, str):
                total += visit(c)
            total += len((c.tail or "").encode())
        out[el] = total
        return total

    visit(top)
    return out


def plan_pages(expression: Expression, limit: int = PAGE_ARTICLES, cited: dict[str, int] | None = None) -> list[Page]:
    """Cut an expression into pages (see the module docstring); fill its places.  ``cited``: how many
    citations of the texts of the site point at each eId of the expression's work (``citation_counts``)."""
    document = expression.document
    top = Page(expression.url, expression.title, None)
    pages = [top]
    body = document.body
    weight = weights(body, cited) if body is not None else {}
    # cut when there are many articles, or few but heavy ones (tables of a finance law, an annex), or a
    # long text that pages would shorten: more articles than a group or chapters to page by (a long
    # decree of three articles would make a table of contents and one page holding them all)
    articles = expression.articles()
    chapters = body is not None and any(isinstance(c.tag, str) and local_name(c) in CONTAINERS for c in body)
    long_text = body is not None and len(text_of(body)) > PAGE_CHARS and (len(articles) > GROUP_ARTICLES or chapters)
    split = body is not None and (len(articles) > limit or weight[body] > PAGE_WEIGHT or long_text)

    def visit(el, page: Page) -> None:
        kids = [c for c in el if isinstance(c.tag, str)]
        articles = [c for c in kids if local_name(c) == "article"]
        # the articles of a container: on its page when they are few, light and alone, else in groups
        alone = (
            split
            and page is not top
            and len(articles) <= GROUP_ARTICLES
            and not any(local_name(c) in CONTAINERS for c in kids)
            and weight[el] <= PAGE_WEIGHT
        )
        run: list = []

        def flush() -> None:
            for chunk in _groups(run, weight):
                group = _page_of(expression, el, page, pages, chunk)
                for a in chunk:
                    expression.article_pages[a.get("eId") or ""] = group
                    group.articles.append(a)
                    _place_article(expression, a, group)
            run.clear()

        for c in kids:
            name = local_name(c)
            if name == "article":
                if split and not alone:
                    run.append(c)
                else:
                    page.articles.append(c)
                    _place_article(expression, c, page)
            elif name in CONTAINERS:
                flush()
                target = page
                if split:
                    target = _page_of(expression, c, page, pages)
                    expression.container_pages[c.get("eId") or ""] = target
                if c.get("eId"):
                    expression.places[c.get("eId")] = Place(target.url, c.get("eId"), label_of(c), "", expression)
                visit(c, target)
        flush()

    if body is not None:
        visit(body, top)
        for page in pages:
            _continue_if_heavy(expression, page, weight)
    _continue_notes(expression, top)
    expression.pages = pages
    return pages


def _groups(articles: list, weight: dict) -> list[list]:
    """Consecutive articles in groups of at most ``GROUP_ARTICLES`` and, when they are more than one,
    at most ``PAGE_WEIGHT`` together."""
    out: list[list] = []
    load = 0
    for a in articles:
        if not out or len(out[-1]) >= GROUP_ARTICLES or load + weight[a] > PAGE_WEIGHT:
            out.append([])
            load = 0
        out[-1].append(a)
        load += weight[a]
    return out


def _continue_if_heavy(expression: Expression, page: Page, weight: dict) -> None:
    """Continue ``page`` over several pages when the one article of its group, or its container's own
    text (intro, content, wrapUp), is heavier than ``PAGE_WEIGHT``: each part shows a run of blocks."""
    if page.group and len(page.articles) == 1:
        cut = page.articles[0]
        own = [c for c in cut if isinstance(c.tag, str) and local_name(c) not in HEAD]
    elif not page.group and page.element is not None:
        cut = page.element
        own = [c for c in cut if isinstance(c.tag, str) and local_name(c) in ("intro", "content", "wrapUp")]
    else:
        return
    if sum(weight[c] for c in own) <= PAGE_WEIGHT:
        return
    if _make_parts(expression, page, cut, _runs(_units(own, weight), weight)):
        _place_inside(expression, page, cut)


def unreferenced_notes(document: Document) -> list:
    """The notes no ``noteRef`` of ``document`` points at: no place of the text shows them, so the
    expression's page lists them (``BodyRenderer.unreferenced_notes``), continued when heavy."""
    referenced = {(r.get("href") or "").lstrip("#") for r in document.walk("noteRef")}
    notes = document.xpath("./a:meta/a:notes/a:note", document.main)
    return [n for n in notes if n.get("eId") and n.get("eId") not in referenced]


def _continue_notes(expression: Expression, top: Page) -> None:
    """The notes no place of the text refers to, listed on the expression's page: continued over
    several pages when they are heavier than ``PAGE_WEIGHT`` together."""
    notes = unreferenced_notes(expression.document)
    weight = {n: weights(n)[n] for n in notes}
    if sum(weight.values()) > PAGE_WEIGHT:
        _make_parts(expression, top, notes[0].getparent(), _runs(notes, weight))


def _make_parts(expression: Expression, page: Page, cut, runs: list[list]) -> bool:
    """Continue ``page`` over a part for each run of blocks of ``cut`` (False: one run, no parts)."""
    if len(runs) < 2:
        return False
    for k, run in enumerate(runs, 1):
        part = page
        if k > 1:
            part = Page(f"{page.url}{k}/", page.title, page.element, list(page.articles), parent=page.parent)
            part.group = page.group
        part.cut, part.part, part.parts = cut, k, page.parts
        part.whole = set(run)
        # a run's blocks and the blocks around them (a table around its rows, shown on each part)
        part.keep = part.whole | {a for unit in run for a in _around(unit, cut)}
        page.parts.append(part)
        for unit in run:
            expression.unit_pages[unit] = part
    return True


def _around(el, cut) -> list:
    """The ancestors of ``el`` below ``cut``."""
    out = []
    for a in el.iterancestors():
        if a is cut:
            break
        out.append(a)
    return out


def _place_inside(expression: Expression, page: Page, cut) -> None:
    """Give each element with an eId inside a continued element the part that shows it (the first, for
    a block divided over several) and an anchor on that part: its own when the page gives it an id,
    else its nearest anchored ancestor's (the top of the part when it has none)."""
    where: dict = {}
    for part in page.parts:
        for unit in part.whole:
            for el in unit.iter():
                where.setdefault(el, part)
        for el in part.keep - part.whole:
            where.setdefault(el, part)
    owner = (cut.get("eId") or "") if local_name(cut) == "article" else ""  # its backlinks are the article's
    urls = {part.url for part in page.parts}
    for el, part in where.items():
        eid = el.get("eId") if isinstance(el.tag, str) else None
        if not eid or (eid in expression.places and expression.places[eid].url not in urls):
            continue  # (a quoted element named like an element of the text: the text's keeps its place)
        anchored = [a for a in [el, *_around(el, cut)] if local_name(a) in ANCHORED]
        if anchored:
            anchor = anchored[0].get("eId") or ""
        else:  # the heading of the article or container, on its first part only (else the part's top)
            anchor = (cut.get("eId") or "") if part is page else ""
        expression.places[eid] = Place(part.url, anchor, label_of(cut), _cut(text_of(el)), expression, owner)
        if el.get("wId") and el.get("wId") != eid:
            expression.wids.setdefault(el.get("wId"), eid)


def _units(blocks: list, weight: dict) -> list:
    """``blocks`` in reading order, each too heavy one that can be divided replaced by its own blocks
    (a paragraph by its points, a table by its rows), down to pieces of at most ``PAGE_WEIGHT``."""
    out = []
    for b in blocks:
        kids = _parts_of(b)
        if weight[b] > PAGE_WEIGHT and local_name(b) in DIVISIBLE and kids:
            out += _units(kids, weight)
        else:
            out.append(b)
    return out


def _parts_of(block) -> list:
    """The blocks ``block`` is divided into: its element children but its number and heading (written
    on each part); of a paragraph's text or an amending instruction, only the structures it quotes
    (its words are written on each part that shows some of them)."""
    kids = [c for c in block if isinstance(c.tag, str) and local_name(c) not in HEAD]
    if local_name(block) in ("p", "mod"):
        return [c for c in kids if local_name(c) in QUOTING]
    return kids


def _runs(units: list, weight: dict) -> list[list]:
    """Consecutive units in runs of at most ``PAGE_WEIGHT`` (a unit heavier alone is a run)."""
    out: list[list] = []
    load = 0
    for u in units:
        if not out or load + weight[u] > PAGE_WEIGHT:
            out.append([])
            load = 0
        out[-1].append(u)
        load += weight[u]
    return out


TITLE_CHARS = 240  # of an article's text in the title (tooltip) of a link to it


def _cut(text: str) -> str:
    return text if len(text) <= TITLE_CHARS else text[:TITLE_CHARS].rsplit(" ", 1)[0] + " …"


def _place_article(expression: Expression, article, page: Page) -> None:
    eid = article.get("eId")
    if not eid:
        return
    text = text_of(article)
    expression.places[eid] = Place(page.url, eid, label_of(article) or eid, _cut(text), expression)
    if article.get("wId") and article.get("wId") != eid:
        expression.wids[article.get("wId")] = eid
    # quoted articles of an amending article are shown inside it, with their own anchors
    for quoted in article.iter():
        if quoted is article or not isinstance(quoted.tag, str) or local_name(quoted) != "article":
            continue
        qeid = quoted.get("eId")
        if qeid:
            expression.places[qeid] = Place(page.url, qeid, label_of(quoted) or qeid, _cut(text_of(quoted)), expression)


def site_index(corpus: Corpus, progress: Progress | None = None, count: Count | None = None) -> SiteIndex:
    """The site's view of ``corpus``, made once: every expression of law/ and bills/ with its pages
    planned and, when the corpus has a build folder, its texts too, their citations marked (in
    memory) against every text of the corpus (lawtool.publish.corpus).  ``count(step, done,
    total)`` follows the long steps."""
    return corpus.view("site", lambda: _site_index(corpus, progress, count))


def _site_index(corpus: Corpus, progress: Progress | None, count: Count | None) -> SiteIndex:
    root = corpus.root
    specs = _import_specs(root)
    files = corpus.files
    repository = []
    for k, path in enumerate(files, 1):
        if progress:
            progress(f"reading {path.relative_to(root)} ({k}/{len(files)})")
        document = corpus.document(path)
        uri = document.frbr_expression
        if uri is None:
            raise InputError(
                "the document has no FRBR expression URI",
                path=str(path),
                hint="give it meta/identification/FRBRExpression/FRBRthis",
            )
        yaml_path, spec = specs.get(uri.expression_uri(), (None, {}))
        repository.append(Expression(path.relative_to(root), document, uri, corpus.kind_of(path), spec, yaml_path))
    timings: dict[str, float] = {}
    texts = _build_folder_expressions(corpus, progress, timings, count) if corpus.build_folder is not None else []
    # the pages are planned once every citation is known: an article cited by many texts is heavier
    cited = citation_counts(repository + texts)
    for expression in repository:
        plan_pages(expression, cited=cited.get(expression.work_uri))
    expressions = repository + _plan_corpus(texts, cited, progress, timings, count)
    index = SiteIndex(corpus, expressions)
    index.timings = timings
    return index


def citation_counts(expressions: list[Expression]) -> dict[str, dict[str, int]]:
    """Work URI → eId → how many citations (``ref``) of ``expressions`` point at it or inside it."""
    out: dict[str, dict[str, int]] = {}
    for expression in expressions:
        for ref in expression.document.walk("ref"):
            href = ref.get("href") or ""
            if href.startswith("#"):
                work, portion = expression.work_uri, href[1:]
            else:
                try:
                    uri = FrbrUri.parse(href)
                except Exception:  # noqa: BLE001 - a malformed href cites nothing
                    continue
                work, portion = uri.work_uri(), uri.portion or ""
            parts = portion.split("__") if portion else []
            counts = out.setdefault(work, {})
            for k in range(1, len(parts) + 1):  # the article of a cited paragraph is cited too
                key = "__".join(parts[:k])
                counts[key] = counts.get(key, 0) + 1
    return out


def _build_folder_expressions(
    corpus: Corpus, progress: Progress | None, timings: dict[str, float], count: Count | None
) -> list[Expression]:
    """The texts of the corpus build folder, read and their citations marked (their pages not planned)."""
    say = progress or (lambda message: None)
    say(f"reading the corpus build folder {corpus.build_folder}")
    start = time.perf_counter()
    texts = corpus.build_texts(say, count)
    timings["corpus read"] = time.perf_counter() - start
    say(f"marking the citations of {len(texts)} corpus texts")
    start = time.perf_counter()
    added = mark_citations(corpus, count)
    timings["corpus citations"] = time.perf_counter() - start
    say(f"corpus: {added} citations marked")
    out = []
    for text in texts:
        uri = text.document.frbr_expression
        if uri is None:
            say(f"corpus: {text.text.source} left out: it has no FRBR expression URI")
            continue
        out.append(Expression(text.path, text.document, uri, "corpus", {}, None, corpus=text.text))
    return out


def _plan_corpus(
    texts: list[Expression],
    cited: dict[str, dict[str, int]],
    progress: Progress | None,
    timings: dict[str, float],
    count: Count | None,
) -> list[Expression]:
    """The pages of the corpus build folder's texts; a text that cannot be cut into pages is left out."""
    say = progress or (lambda message: None)
    start = time.perf_counter()
    out = []
    for k, expression in enumerate(texts, 1):
        try:
            plan_pages(expression, cited=cited.get(expression.work_uri))
        except UnsafeInputError as exc:  # one text that cannot be cut into pages does not stop the site
            say(f"corpus: {expression.corpus_text.source} left out: {exc}")
            continue
        out.append(expression)
        if count:
            count("texts planned", k, len(texts))
    if texts:
        timings["corpus pages planned"] = time.perf_counter() - start
    return out
