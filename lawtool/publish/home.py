"""The home, about, French, English and downloads pages.

The prose of the home, about, French and English pages lives in ``site/`` (``home.md``,
``about.md``, ``fr.md``, ``en.md``); lawtool fills the markers ``<!-- lawtool:NAME -->`` in them
with what it knows of the corpus (documents, latest change, entry points, sources).
"""

from __future__ import annotations

import re
from pathlib import Path

from ..htmlbuild import Html, concat, elem, join, table
from .amendments import amendments_url
from .bills import BillData, compare_url, diff_url, summary_text
from .corpus import CORPUS_URL
from .html import link
from .index import SiteIndex
from .pages import Site, SitePage, page_path, publication_ar
from .reports import GAPS_URL, PENALTIES_URL

MARKER = re.compile(r"<!--\s*lawtool:([a-z_]+)\s*-->")
DOWNLOADS_URL = "downloads/"
ABOUT_URL = "about/"


def fill(template: str, values: dict[str, str]) -> str:
    return MARKER.sub(lambda m: values.get(m.group(1), ""), template)


def _documents_html(index: SiteIndex, url: str) -> Html:
    rows = []
    for work in list(index.laws()) + list(index.bills()):
        kind = "قانون ساري" if work.kind == "law" else "مقترح قانون (نص عمل)"
        versions = join([link(url, e.url, e.date) for e in reversed(work.expressions)], "، ")
        articles = sum(len(e.articles()) for e in work.expressions[-1:])
        rows.append(
            elem(
                "tr",
                elem("td", link(url, work.url, work.title)),
                elem("td", kind),
                elem("td", versions),
                elem("td", articles),
            )
        )
    return table(["النص", "النوع", "الصيغ", "المواد"], rows, class_="lt-table-list")


def _latest_html(index: SiteIndex, data: BillData, url: str) -> Html | str:
    parts = []
    for work in index.bills():
        latest = work.latest
        text = ["آخر صيغة من ", link(url, work.url, work.title), ": ", link(url, latest.url, latest.date)]
        if len(work.expressions) > 1:
            previous = work.expressions[-2]
            result = data.diffs.get((previous.expression_uri, latest.expression_uri))
            if result is not None:
                changes = link(url, diff_url(work, previous, latest), "عرض التغييرات")
                text += [f" — مقارنة بصيغة {previous.when}: {summary_text(result)} (", changes, ")"]
        parts.append(elem("p", text))
    if not parts:
        return ""
    return elem(
        "div",
        elem("p", "آخر تغيير في المقترح", class_="lt-label"),
        parts,
        elem("p", "نص المقترح نص عمل كتب لمشروع lawtool، وليس نص الجمعية.", class_="lt-muted"),
        class_="lt-latest",
        role="region",
        aria_label="آخر تغيير",
    )


def _entries_html(index: SiteIndex, url: str, site: Site) -> Html:
    bills = index.bills()
    laws = index.laws()
    public = [link(url, w.latest.url, w.title) for w in laws]
    corpus = index.corpus_works()
    if corpus:
        public.append(link(url, CORPUS_URL, f"المتن الكامل: {len(corpus)} نصا من بوابة عدالة"))
    if page_path(GAPS_URL) in site.pages:
        public.append(link(url, GAPS_URL, "ما لا يعرفه القانون بعد (الثغرات)"))
    ngo = []
    staff = []
    for w in bills:
        ngo.append(link(url, w.url, "المسار الزمني لصيغ المقترح"))
        if len(w.expressions) > 1:
            ngo.append(link(url, diff_url(w, w.expressions[-2], w.latest), "آخر مقارنة بين صيغتين"))
        ngo.append(link(url, "feed.xml", "تتبع الصيغ الجديدة (Atom)"))
        staff.append(link(url, compare_url(w.latest), "الجدول المقارن: النص الساري | المقترح | التغييرات"))
        staff.append(link(url, amendments_url(w), "التعديلات والتعارضات بينها"))
    if page_path(PENALTIES_URL) in site.pages:
        staff.append(link(url, PENALTIES_URL, "مقارنة العقوبات"))
    staff.append(link(url, DOWNLOADS_URL, "التنزيلات (XML، DOCX)"))

    def card(title: str, who: str, items: list[Html]) -> Html:
        lis = [elem("li", i) for i in items]
        return elem("section", elem("h3", title), elem("p", who), elem("ul", lis), class_="lt-card", aria_label=title)

    return elem(
        "div",
        card("للعموم", "اقرأ القانون الساري، وابحث عن فصل برقمه أو بكلمة.", public),
        card("للجمعيات", "تابع صيغ المقترح وما تغير من صيغة إلى أخرى.", ngo),
        card("للأطر البرلمانية", "الجداول المقارنة، والتعديلات، والعقوبات.", staff),
        class_="lt-cards",
    )


def _sources_html(index: SiteIndex, url: str) -> Html:
    items = []
    for e in index.repository():
        source = e.spec.get("source") or "—"
        pub = publication_ar(e.document)
        items.append(
            elem(
                "li",
                link(url, e.url, f"{e.title} ({e.when})"),
                ": ",
                elem("code", source),
                f" — {pub}" if pub else None,
            )
        )
    return elem("ul", items)


def static_page(
    site: Site, index: SiteIndex, data: BillData, source: Path, url: str, title: str, *, notice: bool = False
) -> SitePage:
    template = source.read_text(encoding="utf-8")
    values = {
        "documents": _documents_html(index, url),
        "latest": _latest_html(index, data, url),
        "entries": _entries_html(index, url, site),
        "sources": _sources_html(index, url),
        "home": link(url, "", "العربية"),
        "about": link(url, ABOUT_URL, "حول الموقع"),
        "downloads": link(url, DOWNLOADS_URL, "التنزيلات"),
    }
    return site.add(SitePage(page_path(url), url, title, fill(template, values), notice=notice))


def downloads_page(site: Site, index: SiteIndex, data: BillData, extra: list[tuple[str, str, str]]) -> SitePage:
    """``extra``: (URL, label, description) of the other downloads (feed, charts, zip, DOCX)."""
    url = DOWNLOADS_URL
    rows = []
    for e in index.repository():  # (a corpus text's XML is linked from its own page)
        rows.append(
            elem(
                "tr",
                elem("td", link(url, e.xml_url, e.xml_url.rsplit("/", 1)[-1])),
                elem("td", f"{e.title} ({e.when})"),
                elem("td", "Akoma Ntoso 3.0 XML"),
            )
        )
    for target, label, description in extra:
        rows.append(elem("tr", elem("td", link(url, target, label)), elem("td", description), elem("td")))
    body = concat(
        "# التنزيلات\n\n",
        elem(
            "p",
            "كل صيغة من صيغ النصوص بصيغة Akoma Ntoso (XML)، والجداول المقارنة بصيغة Word (DOCX)، وتغذية Atom "
            "لصيغ المقترح، ورسوم بيانية، والمتن كاملا في ملف واحد.",
        ),
        "\n\n",
        table(["الملف", "المحتوى", "الصيغة"], rows, class_="lt-table-list"),
        "\n",
    )
    return site.add(SitePage(page_path(url), url, "التنزيلات", body, search=False))


SEARCH_URL = "search/"


def search_page(site: Site) -> SitePage:
    """The search page: its results are written by site/javascripts/search.js from the Pagefind
    index (lawtool.publish.search), which only this page loads."""
    help_text = elem(
        "p",
        "ابحث بكلمة أو عبارة (مع الهمزة أو بدونها، بأداة التعريف أو بدونها) أو برقم فصل أو مادة (",
        elem("span", "447-1", dir="ltr"),
        " أو ",
        elem("span", "1-447", dir="ltr"),
        " أو ",
        elem("span", "٤٤٧-١", dir="ltr"),
        "، «المادة 12 مكررة»، «المادة 10 من القانون 103.13»).",
    )
    search = elem(
        "div",
        help_text,
        elem("p", id="lt-search-status", role="status", aria_live="polite"),
        elem("ol", id="lt-results", class_="lt-results"),
        id="lt-search",
        data_pagefind="../pagefind/pagefind.js",
        data_base="../",
    )
    body = concat("# البحث\n\n", search, "\n")
    return site.add(SitePage(page_path(SEARCH_URL), SEARCH_URL, "البحث", body, search=False))
