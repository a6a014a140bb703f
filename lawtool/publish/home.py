"""The home, about, French, English and downloads pages.

The prose of the home, about, French and English pages lives in ``site/`` (``home.md``,
``about.md``, ``fr.md``, ``en.md``); lawtool fills the markers ``<!-- lawtool:NAME -->`` in them
with what it knows of the corpus (documents, latest change, entry points, sources).
"""

from __future__ import annotations

import re
from pathlib import Path

from .amendments import amendments_url
from .bills import BillData, compare_url, diff_url, summary_text
from .corpus import CORPUS_URL
from .html import esc, link
from .index import SiteIndex
from .pages import Site, SitePage, page_path, publication_ar
from .reports import GAPS_URL, PENALTIES_URL

MARKER = re.compile(r"<!--\s*lawtool:([a-z_]+)\s*-->")
DOWNLOADS_URL = "downloads/"
ABOUT_URL = "about/"


def fill(template: str, values: dict[str, str]) -> str:
    return MARKER.sub(lambda m: values.get(m.group(1), ""), template)


def _documents_html(index: SiteIndex, url: str) -> str:
    rows = []
    for work in list(index.laws()) + list(index.bills()):
        kind = "قانون ساري" if work.kind == "law" else "مقترح قانون (نص عمل)"
        versions = "، ".join(link(url, e.url, e.date) for e in reversed(work.expressions))
        rows.append(
            f"<tr><td>{link(url, work.url, work.title)}</td><td>{esc(kind)}</td><td>{versions}</td>"
            f"<td>{esc(sum(len(e.articles()) for e in work.expressions[-1:]))}</td></tr>"
        )
    return (
        '<table class="lt-table-list"><thead><tr><th scope="col">النص</th><th scope="col">النوع</th>'
        '<th scope="col">الصيغ</th><th scope="col">المواد</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _latest_html(index: SiteIndex, data: BillData, url: str) -> str:
    parts = []
    for work in index.bills():
        latest = work.latest
        text = f"آخر صيغة من {link(url, work.url, work.title)}: {link(url, latest.url, latest.date)}"
        if len(work.expressions) > 1:
            previous = work.expressions[-2]
            result = data.diffs.get((previous.expression_uri, latest.expression_uri))
            if result is not None:
                text += (
                    f" — مقارنة بصيغة {esc(previous.when)}: {esc(summary_text(result))} "
                    f"({link(url, diff_url(work, previous, latest), 'عرض التغييرات')})"
                )
        parts.append(f"<p>{text}</p>")
    if not parts:
        return ""
    return (
        '<div class="lt-latest" role="region" aria-label="آخر تغيير"><p class="lt-label">آخر تغيير في المقترح</p>'
        + "".join(parts)
        + '<p class="lt-muted">نص المقترح نص عمل كتب لمشروع lawtool، وليس نص الجمعية.</p></div>'
    )


def _entries_html(index: SiteIndex, url: str, site: Site) -> str:
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

    def card(title: str, who: str, items: list[str]) -> str:
        lis = "".join(f"<li>{i}</li>" for i in items)
        return (
            f'<section class="lt-card" aria-label="{esc(title)}"><h3>{esc(title)}</h3><p>{esc(who)}</p>'
            f"<ul>{lis}</ul></section>"
        )

    return (
        '<div class="lt-cards">'
        + card("للعموم", "اقرأ القانون الساري، وابحث عن فصل برقمه أو بكلمة.", public)
        + card("للجمعيات", "تابع صيغ المقترح وما تغير من صيغة إلى أخرى.", ngo)
        + card("للأطر البرلمانية", "الجداول المقارنة، والتعديلات، والعقوبات.", staff)
        + "</div>"
    )


def _sources_html(index: SiteIndex, url: str) -> str:
    items = []
    for e in index.repository():
        source = e.spec.get("source") or "—"
        pub = publication_ar(e.document)
        items.append(
            f"<li>{link(url, e.url, f'{e.title} ({e.when})')}: <code>{esc(source)}</code>"
            + (f" — {esc(pub)}" if pub else "")
            + "</li>"
        )
    return f"<ul>{''.join(items)}</ul>"


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
            f"<tr><td>{link(url, e.xml_url, e.xml_url.rsplit('/', 1)[-1])}</td>"
            f"<td>{esc(e.title)} ({esc(e.when)})</td><td>Akoma Ntoso 3.0 XML</td></tr>"
        )
    for target, label, description in extra:
        rows.append(f"<tr><td>{link(url, target, label)}</td><td>{esc(description)}</td><td></td></tr>")
    body = (
        "# التنزيلات\n\n"
        "<p>كل صيغة من صيغ النصوص بصيغة Akoma Ntoso (XML)، والجداول المقارنة بصيغة Word (DOCX)، وتغذية Atom "
        "لصيغ المقترح، ورسوم بيانية، والمتن كاملا في ملف واحد.</p>\n\n"
        '<table class="lt-table-list"><thead><tr><th scope="col">الملف</th><th scope="col">المحتوى</th>'
        f'<th scope="col">الصيغة</th></tr></thead><tbody>{"".join(rows)}</tbody></table>\n'
    )
    return site.add(SitePage(page_path(url), url, "التنزيلات", body, search=False))


SEARCH_URL = "search/"


def search_page(site: Site) -> SitePage:
    """The search page: its results are written by site/javascripts/search.js from the Pagefind
    index (lawtool.publish.search), which only this page loads."""
    body = (
        "# البحث\n\n"
        f'<div id="lt-search" data-pagefind="{esc("../pagefind/pagefind.js")}" data-base="../">'
        "<p>ابحث بكلمة أو عبارة (مع الهمزة أو بدونها، بأداة التعريف أو بدونها) أو برقم فصل أو مادة "
        '(<span dir="ltr">447-1</span> أو <span dir="ltr">1-447</span> أو <span dir="ltr">٤٤٧-١</span>، '
        "«المادة 12 مكررة»، «المادة 10 من القانون 103.13»).</p>"
        '<p id="lt-search-status" role="status" aria-live="polite"></p>'
        '<ol id="lt-results" class="lt-results"></ol></div>\n'
    )
    return site.add(SitePage(page_path(SEARCH_URL), SEARCH_URL, "البحث", body, search=False))
