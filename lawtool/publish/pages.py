"""Markdown pages of the site: the works and their expressions, article by article.

A page is a :class:`SitePage`: its path in the generated ``docs_dir``, its URL, its title and
its Markdown.  Headings of containers and articles are Markdown headings with an explicit
ASCII id (``### الفصل 447-1 {#art_447-1}``), so that mkdocs puts them in the page's table of
contents, Material gives them a permalink and its search makes one entry per article; the
text under them is one raw HTML block made by :mod:`lawtool.publish.body`.  Titles and
headings go through :func:`lawtool.publish.html.md`, all other text through
:func:`lawtool.publish.html.esc`.

The bill pages (timeline, diffs, comparison, amendments) are in :mod:`lawtool.publish.bills`,
the reports in :mod:`lawtool.publish.reports`, the home and about pages in
:mod:`lawtool.publish.home`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..akn import local_name, text_of
from ..htmlbuild import Html, concat, elem, esc, join, raw, row, table
from .body import BodyRenderer, passive_modifications
from .corpus import CORPUS_URL, kind_ar, kind_url, subject_ar, subject_url
from .html import date_ar, link, ltr, md, rel_url, yaml_str
from .index import CONTAINERS, Expression, Page, SiteIndex, Work, child, label_of
from .wording import arabic_parts, repair_kind_ar

KIND_AR = {"law": "قانون", "bill": "مقترح قانون", "corpus": "نص من متن بوابة عدالة"}
BILL_NOTICE = "نص عمل: صيغة المواد مكتوبة لمشروع lawtool وفق ما نشر عن المقترح، وليست نص الجمعية صاحبته."
LAW_SOURCE = (
    "مصدر النص: النص الموحد المنشور في بوابة عدالة (وزارة العدل)، مستخرج من ملف PDF ومصحح آليا ويدويا "
    "لأخطاء الاستخراج. النص المنشور في الجريدة الرسمية هو وحده المرجع عند الاختلاف."
)
ORPHANS = "هوامش لا يحيل إليها أي موضع في النص"
LAW_SOURCE_SHORT = "النص من بوابة عدالة، مستخرج من PDF ومصحح؛ الجريدة الرسمية وحدها المرجع."
CORPUS_SOURCE = (
    "مصدر النص: بوابة عدالة (وزارة العدل)، مستخرج من ملف PDF ومستورد ومصحح آليا دون مراجعة يدوية. "
    "النص المنشور في الجريدة الرسمية هو وحده المرجع عند الاختلاف."
)


@dataclass
class SitePage:
    path: str  # in docs_dir: "akn/ma/act/1962/1-59-413/ara@2024-08-22/index.md"
    url: str  # "akn/ma/act/1962/1-59-413/ara@2024-08-22/"
    title: str
    body: str
    search: bool = True  # False: left out of the search index
    notice: bool = False  # carries the bill's working-text notice

    def markdown(self) -> str:
        meta = [f"title: {yaml_str(esc(self.title))}"]
        if not self.search:
            meta.append("search:\n  exclude: true")
        return "---\n" + "\n".join(meta) + "\n---\n\n" + self.body.rstrip() + "\n"


@dataclass
class Site:
    """Everything the build writes into docs_dir: pages, files, and the navigation."""

    pages: dict[str, SitePage] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # docs_dir-relative path → bytes
    nav: list = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what could not be made, and why

    def add(self, page: SitePage) -> SitePage:
        self.pages[page.path] = page
        return page


def page_path(url: str) -> str:
    return (url + "index.md") if url else "index.md"


# -- pieces shared by many pages ------------------------------------------------------------------------


def notice_html(expression: Expression | None = None) -> Html:
    """The working-text notice of a bill (the version's own notice when it has one)."""
    own = ""
    if expression is not None:
        for p in expression.document.xpath(
            ".//a:preface/a:p[contains(@class, 'lawtool-notice')]", expression.document.main
        ):
            own = re.split(r"(?<=\.)\s+(?=[A-Za-z])", text_of(p))[0]  # its Arabic part (an English one follows)
    parts = [elem("p", elem("strong", BILL_NOTICE))]
    if own:  # the version's own notice, folded: the notice stays one line on a phone
        parts.append(elem("details", elem("summary", "تنبيه هذه الصيغة"), elem("p", own)))
    return elem("div", parts, class_="lt-notice", role="note", aria_label="تنبيه")


def source_html(index: SiteIndex, expression: Expression, page_url: str) -> Html:
    """Where a law's text comes from, that the Bulletin officiel prevails, and its repairs (a corpus
    text: its kind and subject, linked to the browse pages)."""
    if expression.kind == "corpus":
        text = expression.corpus_text
        kind = link(page_url, kind_url(text.kind), kind_ar(text.kind))
        subject = link(page_url, subject_url(text.subject), subject_ar(text.subject))
        paragraphs = [elem("p", CORPUS_SOURCE), elem("p", kind, " — الموضوع: ", subject)]
    else:
        uncertain = [
            c for c in (expression.spec.get("corrections") or []) if isinstance(c, dict) and c.get("certain") is False
        ]
        repairs = link(page_url, repairs_url(expression), "الإصلاحات غير المؤكدة")
        count = f" ({len(uncertain)} تصحيحا يدويا غير مؤكد)" if uncertain else ""
        paragraphs = [elem("p", LAW_SOURCE), elem("p", "انظر ", repairs, count, ".")]
    return elem("div", paragraphs, class_="lt-source", role="note", aria_label="مصدر النص")


def short_source_html(expression: Expression, page_url: str, short: bool = False) -> Html:
    """The one-line source note of a page of a law or a corpus text (not of a bill)."""
    if expression.kind == "corpus":
        return elem("p", CORPUS_SOURCE, class_="lt-source-short")
    repairs = link(page_url, repairs_url(expression), "الإصلاحات غير المؤكدة")
    return elem("p", LAW_SOURCE_SHORT if short else LAW_SOURCE, " ", repairs, class_="lt-source-short")


def crumbs_of(work: Work) -> list[tuple[str, str]]:
    """The first links of a page's breadcrumbs: the work (a corpus text: the corpus and its subject first)."""
    if work.kind == "corpus":
        subject = work.latest.corpus_text.subject
        return [(CORPUS_URL, "المتن الكامل"), (subject_url(subject), subject_ar(subject)), (work.url, work.title)]
    return [(work.url, work.title)]


def repairs_url(expression: Expression) -> str:
    return f"{expression.url}repairs/"


def breadcrumbs(items: list[tuple[str, str]], page_url: str) -> Html:
    links = [link(page_url, url, text) for url, text in items]
    return elem("nav", join(links, " ‹ "), class_="lt-crumbs", aria_label="مسار التصفح")


def meta_table(rows: list[tuple[str, object]]) -> Html:
    """A table of particulars: a row per (name, value), the value text or HTML."""
    body = elem("tbody", [elem("tr", elem("th", name, scope="row"), elem("td", value)) for name, value in rows])
    return elem("table", body, class_="lt-meta")


def heading(level: int, text: str, anchor: str | None = None, cls: str | None = None) -> str:
    attrs = []
    if anchor:
        attrs.append(f"#{anchor}")
    if cls:
        attrs.append(f".{cls}")
    suffix = f" {{ {' '.join(attrs)} }}" if attrs else ""
    return f"{'#' * max(1, min(level, 6))} {md(text)}{suffix}"


def _safe_anchor(eid: str) -> bool:
    return bool(eid) and all(c.isalnum() and c.isascii() or c in "_-.:" for c in eid)


def _cited_by_html(index: SiteIndex, expression: Expression, eid: str, page_url: str) -> Html | str:
    entries = index.cited_by(expression.work_uri, eid)
    if not entries:
        return ""
    items = []
    seen = set()
    amending = {(c.source.url, c.source.eid) for c in entries if c.kind == "amends"}
    for c in sorted(entries, key=lambda c: c.kind != "amends"):
        key = (c.source.url, c.source.eid)
        if key in seen or (c.source.expression is expression and c.source.eid == eid):
            continue
        if c.kind == "cites" and key in amending:
            continue
        seen.add(key)
        src = c.source.expression
        text = f"{c.source.label} — {src.title} ({src.when})"
        verb = "يعدله" if c.kind == "amends" else "يحيل إليه"
        items.append(
            elem("li", f"{verb}: ", link(page_url, f"{c.source.url}#{c.source.eid}", text, title=c.source.text))
        )
    if not items:
        return ""
    label = elem("p", f"تحيل إليه أو تعدله نصوص أخرى ({len(items)})", class_="lt-label")
    return elem("div", label, elem("ul", items), class_="lt-cited-by")


# -- the text of a page ---------------------------------------------------------------------------------


def render_elements(
    index: SiteIndex, expression: Expression, page: Page, renderer: BodyRenderer, parent, depth: int, out: list[str]
) -> None:
    """Write the children of ``parent`` that belong to ``page`` (containers that have their own
    page become a link)."""
    for c in parent:
        if not isinstance(c.tag, str):
            continue
        name = local_name(c)
        eid = c.get("eId") or ""
        if name == "article":
            own = expression.article_pages.get(eid)
            if own is not None and own is not page:
                sublink = link(page.url, own.url, _short_label(c) or eid)
                out.append(concat(elem("p", sublink, class_="lt-subpage lt-subpage-art"), "\n"))
                continue
            write_article(index, expression, page, renderer, c, depth, out)
        elif name in CONTAINERS:
            own = expression.container_pages.get(eid)
            if own is not None and own is not page:
                count = sum(1 for a in c.iter() if isinstance(a.tag, str) and local_name(a) == "article")
                sublink = link(page.url, own.url, label_of(c) or eid)
                counted = elem("span", f"({count} مادة)", class_="lt-count")
                out.append(concat(elem("p", sublink, " ", counted, class_="lt-subpage"), "\n"))
                continue
            label = label_of(c) or eid
            out.append(
                heading(depth + 2, label, eid if _safe_anchor(eid) and renderer.new_id(eid) else None, "lt-container")
                + "\n"
            )
            extras = renderer.container_extras(c)
            if extras:
                out.append(extras + "\n")
            render_elements(index, expression, page, renderer, c, depth + 1, out)


def write_article(
    index: SiteIndex, expression: Expression, page: Page, renderer: BodyRenderer, article, depth: int, out: list[str]
) -> None:
    eid = article.get("eId") or ""
    label = label_of(article) or eid
    anchor = eid if _safe_anchor(eid) and renderer.new_id(eid) else None
    out.append(heading(min(depth + 2, 6), label, anchor, "lt-art") + "\n")
    cited = _cited_by_html(index, expression, eid, page.url)
    with _showing(renderer, page, article):
        out.append(renderer.article_body(article, after=cited, end=_last(page, article)) + "\n")


@contextmanager
def _showing(renderer: BodyRenderer, page: Page, el) -> Iterator[None]:
    """Limit ``renderer`` to the blocks of ``page``'s part while it writes ``el``, the element the page
    continues (no limit for any other element)."""
    if page.cut is not el:
        yield
        return
    renderer.keep, renderer.whole = page.keep, page.whole
    try:
        yield
    finally:
        renderer.keep, renderer.whole = None, set()


def _last(page: Page, el) -> bool:
    """Whether ``page`` shows the end of ``el`` (its history and backlinks go there)."""
    return page.cut is not el or page is page.parts[-1]


def _preface_html(expression: Expression, renderer: BodyRenderer) -> Html:
    document = expression.document
    parts = []
    for name in ("preface", "preamble"):
        el = child(document.main, name)
        if el is None:
            continue
        notes: list[str] = []
        blocks = []
        for p in el:
            if not isinstance(p.tag, str) or "lawtool-notice" in (p.get("class") or ""):
                continue
            if local_name(p) == "p" and any(local_name(d) == "docTitle" for d in p.iter() if isinstance(d.tag, str)):
                continue  # the title is the page's heading
            if local_name(p) == "p":
                cls = "lt-subheading" if "heading" in (p.get("class") or "") else None
                blocks.append(elem("p", raw(renderer.inline(p, notes)), class_=cls))
            else:
                blocks.append(raw(renderer.block(p, notes)))
        if blocks:
            parts.append(elem("div", blocks, raw(renderer.notes_html(notes, name)), class_=f"lt-{name}"))
    return join(parts)


def _short_label(article) -> str:
    """An article's label for a list of links: its number and the start of its text when it has no
    heading («الفصل 447-1 — يعاقب بالحبس من ستة أشهر…»)."""
    label = label_of(article)
    if child(article, "heading") is not None:
        return label
    words = [w for w in text_of(article)[len(label) :].split() if w][:8]
    return f"{label} — {' '.join(words)}…" if words else label


def _toc_html(expression: Expression, page: Page) -> Html | str:
    """A table of contents of the expression (split documents): its containers' pages."""

    def items(p: Page) -> Html | str:
        out = []
        for sub in p.children:
            if sub.group:
                continue
            total = sum(
                1
                for a in (sub.element.iter() if sub.element is not None else ())
                if isinstance(a.tag, str) and local_name(a) == "article"
            )
            counted = elem("span", f"({_article_span(sub)}{total} مادة)", class_="lt-count")
            out.append(elem("li", link(page.url, sub.url, sub.title), " ", counted, items(sub)))
        return elem("ul", out) if out else ""

    body = items(page)
    if not body:
        return ""
    return elem("nav", elem("p", "فهرس النص", class_="lt-label"), body, class_="lt-toc", aria_label="فهرس النص")


def _article_span(page: Page) -> str:
    arts = [
        a
        for a in (page.element.iter() if page.element is not None else ())
        if isinstance(a.tag, str)
        and local_name(a) == "article"
        and not any(local_name(x) == "quotedStructure" for x in a.iterancestors())
    ]
    if not arts:
        return ""
    first, last = label_of(arts[0]).split(" — ")[0], label_of(arts[-1]).split(" — ")[0]
    return f"{first} – {last}، " if first != last else f"{first}، "


def publication_ar(document) -> str:
    """The official publication of a text in lawtool's own words and date format (the one of all its
    sentences, 2018-03-12): «الجريدة الرسمية عدد 6655 بتاريخ 2018-03-12، ص 1449»; the page comes
    from the publication's showAs.  «» when the document records none."""
    found = document.xpath("./a:meta/a:publication", document.main)
    if not found:
        return ""
    pub = found[0]
    text = " ".join(p for p in (pub.get("name"), f"عدد {pub.get('number')}" if pub.get("number") else "") if p)
    if pub.get("date"):
        text += f" بتاريخ {ltr(pub.get('date'))}"
    page = re.search(r"ص\s*(\d+)\s*$", pub.get("showAs") or "")
    return text + (f"، ص {page.group(1)}" if page else "")


def _meta_table(index: SiteIndex, expression: Expression, page_url: str) -> Html:
    document = expression.document
    rows: list[tuple[str, object]] = [
        ("المعرف (FRBR)", elem("code", expression.expression_uri)),
        ("تاريخ الصيغة", expression.when),
    ]
    if document.work_date:
        rows.append(("تاريخ النص", date_ar(document.work_date)))
    pub = publication_ar(document)
    if pub:
        rows.append(("النشر", pub))
    rows.append(("عدد المواد", len(expression.articles())))
    rows.append(("تنزيل", link(page_url, expression.xml_url, "Akoma Ntoso XML")))
    return meta_table(rows)


def expression_pages(index: SiteIndex, expression: Expression, site: Site) -> list[SitePage]:
    """The expression page and its container pages."""
    amendments = passive_modifications(expression)
    work = index.works[expression.work_uri]
    made = []
    for page in expression.pages:
        renderer = BodyRenderer(index, expression, page.url, amendments)
        out: list[str] = []
        crumbs = crumbs_of(work)
        for part in page.parts[1:]:
            more = BodyRenderer(index, expression, part.url, amendments)
            made.append(site.add(_continued_page(index, expression, work, part, more)))
        if page.group:
            made.append(site.add(_group_page(index, expression, work, page, renderer)))
            continue
        if page.element is None:
            title = expression.title if len(work.expressions) == 1 else f"{expression.title} — صيغة {expression.date}"
            out.append(breadcrumbs(crumbs, page.url) + "\n")
            out.append(heading(1, f"{expression.title} ({expression.when})") + "\n")
            if expression.kind == "bill":
                out.append(notice_html(expression) + "\n")
            else:
                out.append(source_html(index, expression, page.url) + "\n")
            out.append(_meta_table(index, expression, page.url) + "\n")
            preface = _preface_html(expression, renderer)
            if preface:
                out.append(preface + "\n")
            toc = _toc_html(expression, page)
            if toc:
                out.append(toc + "\n")
            if expression.document.body is not None:
                render_elements(index, expression, page, renderer, expression.document.body, 0, out)
            orphans = _orphans(renderer, page)
            if orphans:  # notes that no place of the text points at: shown here, not lost
                navs = [_parts_nav(page) + "\n"] if page.parts else []  # they are continued on other pages
                out.extend([*navs, renderer.notes_html(orphans, "", ORPHANS) + "\n", *navs])
        else:
            title = page.title
            out.append(breadcrumbs(crumbs + _chain(expression, page), page.url) + "\n")
            eid = page.element.get("eId") or ""
            anchor = eid if _safe_anchor(eid) and renderer.new_id(eid) else None
            out.append(heading(1, title, anchor) + "\n")
            if expression.kind == "bill":
                out.append(notice_html(expression) + "\n")
            else:
                out.append(short_source_html(expression, page.url) + "\n")
            if page.parts:
                out.append(_parts_nav(page) + "\n")
            with _showing(renderer, page, page.element):
                extras = renderer.container_extras(page.element)
            if extras:
                out.append(extras + "\n")
            if page.parts:
                out.append(_parts_nav(page) + "\n")
            toc = _toc_html(expression, page)
            if toc:
                out.append(toc + "\n")
            render_elements(index, expression, page, renderer, page.element, 1, out)
            out.append(_prev_next(expression, page) + "\n")
        # only the latest version of a bill is searched: older ones would repeat every result
        searchable = expression is work.latest
        made.append(
            site.add(
                SitePage(
                    page_path(page.url),
                    page.url,
                    title,
                    "\n".join(out),
                    search=searchable,
                    notice=expression.kind == "bill",
                )
            )
        )
    return made


def _orphans(renderer: BodyRenderer, page: Page) -> list[str]:
    """The notes no place of the text points at that ``page`` lists: all of them, or those of its part
    when they are continued over several pages."""
    orphans = renderer.unreferenced_notes()
    if not page.parts:
        return orphans
    return [eid for eid in orphans if renderer.notes()[eid] in page.whole]


def _chain(expression: Expression, page: Page) -> list[tuple[str, str]]:
    """(URL, title) of the pages above ``page``, from the expression page down."""
    chain = []
    p = page.parent
    while p is not None:
        chain.append((p.url, p.title if p.element is not None else f"{expression.title} ({expression.when})"))
        p = p.parent
    return list(reversed(chain))


def _group_page(index: SiteIndex, expression: Expression, work: Work, page: Page, renderer: BodyRenderer) -> SitePage:
    """A page of a group of articles of a split expression: the articles, the other groups of their
    container (the chapter as navigation), the previous and next group."""
    out = [breadcrumbs(crumbs_of(work) + _chain(expression, page), page.url) + "\n"]
    out.append(heading(1, page.title) + "\n")
    if expression.kind == "bill":
        out.append(notice_html(expression) + "\n")
    else:
        out.append(short_source_html(expression, page.url, short=True) + "\n")
    if page.parts:
        out.append(_parts_nav(page) + "\n")
    for article in page.articles:
        write_article(index, expression, page, renderer, article, 0, out)
    if page.parts:
        out.append(_parts_nav(page) + "\n")
    siblings = [p for p in (page.parent.children if page.parent else []) if p.group]
    if len(siblings) > 1:
        items = [
            elem("li", elem("strong", p.title), aria_current="page")
            if p is page
            else elem("li", link(page.url, p.url, p.title))
            for p in siblings
        ]
        where = page.parent.title if page.parent is not None and page.parent.element is not None else expression.title
        chapter = elem(
            "nav",
            elem("p", where, class_="lt-label"),
            elem("ol", items),
            class_="lt-chapter",
            aria_label="مواد هذا الجزء",
        )
        out.append(concat(chapter, "\n"))
    groups = [p for p in expression.pages if p.group]
    k = groups.index(page)
    nav = _prev_next_nav(
        page.url, groups[k - 1] if k > 0 else None, groups[k + 1] if k + 1 < len(groups) else None, "المواد المجاورة"
    )
    if nav:
        out.append(concat(nav, "\n"))
    title = f"{page.title} — {expression.title}"
    return SitePage(page_path(page.url), page.url, title, "\n".join(out), notice=expression.kind == "bill")


def _continued_page(
    index: SiteIndex, expression: Expression, work: Work, part: Page, renderer: BodyRenderer
) -> SitePage:
    """A later part (``…/2/``, ``…/3/``) of a page continued over several: the heading of the
    article or container it continues, marked «تابع», its blocks of this part, and the parts' navigation."""
    first, cut = part.parts[0], part.cut
    assert cut is not None  # a later part continues an article or a container
    out = [breadcrumbs(crumbs_of(work) + _chain(expression, first) + [(first.url, first.title)], part.url) + "\n"]
    out.append(heading(1, f"{first.title} — {_part_label(part)}") + "\n")
    if expression.kind == "bill":
        out.append(notice_html(expression) + "\n")
    else:
        out.append(short_source_html(expression, part.url, short=True) + "\n")
    out.append(_parts_nav(part) + "\n")
    is_article = local_name(cut) == "article"
    if local_name(cut) == "notes":  # the notes no place of the text points at
        out.append(renderer.notes_html(_orphans(renderer, part), "", f"{ORPHANS} (تابع)") + "\n")
        out.append(_parts_nav(part) + "\n")
        title = f"{ORPHANS} — {_part_label(part)} — {expression.title}"
        return SitePage(page_path(part.url), part.url, title, "\n".join(out), notice=expression.kind == "bill")
    label = f"{label_of(cut) or cut.get('eId') or ''} (تابع)"
    out.append(heading(2, label, None, "lt-art" if is_article else "lt-container") + "\n")
    with _showing(renderer, part, cut):
        if is_article:
            eid = cut.get("eId") or ""
            cited = _cited_by_html(index, expression, eid, part.url) if _last(part, cut) else ""
            body = renderer.article_body(cut, after=cited, start=False, end=_last(part, cut))
        else:
            body = renderer.container_extras(cut)
    out.append(body + "\n")
    out.append(_parts_nav(part) + "\n")
    title = f"{first.title} — {_part_label(part)} — {expression.title}"
    return SitePage(page_path(part.url), part.url, title, "\n".join(out), notice=expression.kind == "bill")


def _part_label(page: Page) -> str:
    return f"الجزء {page.part} من {len(page.parts)}"


def _parts_nav(page: Page) -> Html:
    """The parts of a continued page: «الجزء 2 من 5», a link to each part, the previous and the next."""
    items = [
        elem("li", elem("strong", f"الجزء {k}"), aria_current="page")
        if p is page
        else elem("li", link(page.url, p.url, f"الجزء {k}"))
        for k, p in enumerate(page.parts, 1)
    ]
    k = page.parts.index(page)
    steps = []
    if k > 0:
        steps.append(elem("span", link(page.url, page.parts[k - 1].url, "الجزء السابق"), class_="lt-prev"))
    if k + 1 < len(page.parts):
        steps.append(elem("span", link(page.url, page.parts[k + 1].url, "الجزء التالي"), class_="lt-next"))
    label = elem("p", f"هذا النص طويل فقسم على صفحات: {_part_label(page)}", class_="lt-label")
    return elem(
        "nav", label, elem("ol", items), elem("p", join(steps, " ")), class_="lt-parts", aria_label="أجزاء النص"
    )


def _prev_next(expression: Expression, page: Page) -> Html | str:
    pages = expression.pages
    k = pages.index(page)
    return _prev_next_nav(
        page.url, pages[k - 1] if k > 1 else None, pages[k + 1] if k + 1 < len(pages) else None, "الصفحات المجاورة"
    )


def _prev_next_nav(page_url: str, before: Page | None, after: Page | None, label: str) -> Html | str:
    """The links to the previous and the next page ("" when there is neither)."""
    parts = []
    if before is not None:
        parts.append(elem("span", "السابق: ", link(page_url, before.url, before.title), class_="lt-prev"))
    if after is not None:
        parts.append(elem("span", "التالي: ", link(page_url, after.url, after.title), class_="lt-next"))
    return elem("nav", join(parts, " "), class_="lt-prevnext", aria_label=label) if parts else ""


# -- the work page and the repairs page -----------------------------------------------------------------


def work_page(index: SiteIndex, work: Work, site: Site, extra: str = "") -> SitePage:
    url = work.url
    out = [heading(1, work.title) + "\n"]
    if work.kind == "corpus":
        out.insert(0, breadcrumbs(crumbs_of(work)[:-1], url) + "\n")
    if work.kind == "bill":
        out.append(notice_html(work.latest) + "\n")
    else:
        out.append(source_html(index, work.latest, url) + "\n")
    kind = KIND_AR.get(work.kind, work.kind)
    out.append(concat(elem("p", "المعرف: ", elem("code", work.uri), f" — {kind}"), "\n"))
    rows = [
        elem(
            "tr",
            elem("td", e.when),
            elem("td", link(url, e.url, e.title)),
            elem("td", len(e.articles())),
            elem("td", link(url, e.xml_url, "XML")),
        )
        for e in reversed(work.expressions)
    ]
    out.append(concat(elem("h2", "الصيغ", id="versions"), "\n"))
    out.append(concat(table(["التاريخ", "الصيغة", "المواد", "تنزيل"], rows, class_="lt-table-list"), "\n"))
    if extra:
        out.append(extra + "\n")
    history = _lifecycle_html(index, work.latest, url)
    if history:
        out.append(concat(elem("h2", "تاريخ التعديلات", id="history"), "\n"))
        out.append(history + "\n")
    return site.add(SitePage(page_path(url), url, work.title, "\n".join(out), notice=work.kind == "bill"))


def _lifecycle_html(index: SiteIndex, expression: Expression, page_url: str) -> Html | str:
    document = expression.document
    refs = {r.get("eId"): r for r in document.xpath("./a:meta/a:references/*", document.main)}
    amendments = passive_modifications(expression)
    count_by_law: dict[str, int] = {}
    for entries in amendments.values():
        for a in entries:
            count_by_law[a.law] = count_by_law.get(a.law, 0) + 1
    rows = []
    for ev in document.lifecycle():
        source = (ev.get("source") or "").lstrip("#")
        ref = refs.get(source)
        label = arabic_parts(ref.get("showAs")) if ref is not None else source
        href = ref.get("href") if ref is not None else None
        what = {"generation": "صدور النص", "amendment": "تعديل", "repeal": "نسخ"}.get(
            ev.get("type") or "", ev.get("type")
        )
        law_html = label
        if href and local_name(ref) == "passiveRef":
            place, _ = index.resolve(href)
            if place is not None:
                law_html = link(page_url, place.url, label)
        count = count_by_law.get(label, 0) if ref is not None and local_name(ref) == "passiveRef" else 0
        rows.append(
            elem("tr", elem("td", ev.get("date")), elem("td", what), elem("td", law_html), elem("td", count or ""))
        )
    if len(rows) <= 1 and not amendments:
        return ""
    return table(["التاريخ", "الحدث", "النص", "عناصر معدلة"], rows, class_="lt-table-list")


def repairs_page(
    index: SiteIndex, expression: Expression, site: Site, report: dict | None, why_missing: str = ""
) -> SitePage:
    """The uncertain repairs of a law: the hand corrections marked ``certain: false`` in its
    import.yaml and the uncertain automatic repairs of the import report; then the number of the
    certain automatic repairs by kind (tatweel, ligatures, ...), all named in Arabic."""
    url = repairs_url(expression)
    title = f"الإصلاحات غير المؤكدة: {expression.title}"
    out = [
        breadcrumbs([(index.works[expression.work_uri].url, expression.title), (expression.url, expression.date)], url),
        heading(1, title) + "\n",
        _paragraph(LAW_SOURCE),
        _paragraph(
            "أصلح lawtool آليا أخطاء استخراج النص من ملف PDF (حروف مركبة، مسافات، ترقيم). هذه الصفحة تعرض "
            "الإصلاحات التي لم يتأكد منها: يجب مقارنتها بالجريدة الرسمية."
        ),
    ]
    hand = [c for c in (expression.spec.get("corrections") or []) if isinstance(c, dict) and c.get("certain") is False]
    out.append(concat(elem("h2", "تصحيحات يدوية غير مؤكدة", id="hand"), "\n"))
    if hand:
        # (the reason of each correction is written in English in import.yaml: not shown in the Arabic site)
        rows = [row(c.get("line"), c.get("find"), c.get("replace")) for c in hand]
        out.append(concat(table(["السطر", "في المصدر", "التصحيح"], rows, class_="lt-table-list"), "\n"))
    else:
        out.append(_paragraph("لا توجد."))
    out.append(concat(elem("h2", "إصلاحات آلية غير مؤكدة", id="automatic"), "\n"))
    out.extend(_uncertain_repairs(report, why_missing))
    certain = (report or {}).get("repairs") or {}
    if certain:  # the certain repairs, applied: their number by kind
        out.append(concat(elem("h2", "إصلاحات آلية مؤكدة", id="certain"), "\n"))
        rows = [row(repair_kind_ar(kind), n) for kind, n in sorted(certain.items(), key=lambda kv: (-kv[1], kv[0]))]
        out.append(
            concat(
                elem("p", "طبقت هذه الإصلاحات دون مراجعة لأنها لا تغير إلا ما أفسده الاستخراج؛ عددها حسب النوع:"),
                "\n",
                table(["النوع", "العدد"], rows, class_="lt-table-list lt-repairs"),
                "\n",
            )
        )
    return site.add(SitePage(page_path(url), url, title, "\n".join(out), search=False))


def _uncertain_repairs(report: dict | None, why_missing: str) -> list[Html]:
    """The uncertain automatic repairs of the import report: their number by kind, and a table."""
    items = (report or {}).get("uncertain") or []
    if report is None:
        return [_paragraph(why_missing or "تقرير الاستيراد غير متاح.")]
    if not items:
        return [_paragraph("لا توجد.")]
    kinds: dict[str, int] = {}
    for item in items:
        kind = repair_kind_ar(str(item.get("kind")))
        kinds[kind] = kinds.get(kind, 0) + 1
    summary = "، ".join(f"{k}: {v}" for k, v in sorted(kinds.items()))
    rows = [row(i.get("line"), repair_kind_ar(str(i.get("kind"))), i.get("before"), i.get("after")) for i in items]
    return [
        _paragraph(f"{len(items)} إصلاحا ({summary})."),
        concat(table(["السطر", "النوع", "قبل", "بعد"], rows, class_="lt-table-list lt-repairs"), "\n"),
    ]


def _paragraph(text) -> Html:
    """A paragraph of text on a line of its own."""
    return concat(elem("p", text), "\n")


def article_link(from_url: str, place, text: str | None = None) -> str:
    return link(from_url, f"{place.url}#{place.eid}" if place.eid else place.url, text or place.label, title=place.text)


__all__ = [
    "Site",
    "SitePage",
    "expression_pages",
    "work_page",
    "repairs_page",
    "notice_html",
    "heading",
    "breadcrumbs",
    "page_path",
    "rel_url",
    "article_link",
    "publication_ar",
]
