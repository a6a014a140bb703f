"""No heavy page (issue 15) on real corpus texts: four Adala texts that made pages of 300 KB to 850 KB
(docs/site.md, Known limits), imported with ``lawtool corpus import-all`` and published beside law/ and
bills/.  Each shows one kind of weight: a short decree whose few articles hold heavy tables (2-24-404,
one page by its text, cut by its weight, its article 1 continued over several pages), an order of 1966
whose chapter holds a long unnumbered text and whose article 10 is huge (399-66: a container and an
article continued), a finance law whose amending article quotes 36 articles of a code (1-22-75,
art_297-bis: continued inside the quoted structure), and the road code 52-05, whose notes that no place
of the text points at made its first page heavy (continued)."""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html
from publish_support import REPO, corpus_site
from test_publish_corpus import CORPUS
from test_publish_site import _english_words

from lawtool.corpus import Corpus
from lawtool.publish import check_site
from lawtool.publish.index import site_index
from lawtool.publish.search import records

HEAVY = 250_000  # bytes of HTML: the bound of tests/test_publish_site.py::test_no_page_is_heavy
SOURCES = ["industry-economy-5298", "finance-laws-9097", "finance-laws-188", "road-transport-7848"]
# page (expression URL + eId, or the expression's own page) → what made it heavy before
CONTINUED = {
    "akn/ma/act/decree/2024/2-24-404/ara@2024-06-26/art_1/": "article with heavy tables",
    "akn/ma/act/order/1966/399-66/ara@1966-01-01/art_10_2/": "article with a long list",
    "akn/ma/act/order/1966/399-66/ara@1966-01-01/chp_63__division_1/": "container with a long unnumbered text",
    "akn/ma/act/2022/1-22-75/ara@2022-12-13/art_297-bis/": "amending article quoting 36 articles",
    "akn/ma/act/2010/52-05/ara@2016-08-11/": "notes that no place of the text points at",
}

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared Adala corpus is not here")


@functools.cache
def built() -> tuple[Path, Path]:
    """(site, corpus build folder): the four texts imported, then published beside law/ and bills/."""
    return corpus_site({f"ma-adala-{n}.txt": CORPUS / f"ma-adala-{n}.txt" for n in SOURCES}, "lawtool-heavy-pages-")


@functools.cache
def index():
    """The site's index of the same texts (the pages and places the published site was made from)."""
    _, out = built()
    return site_index(Corpus(REPO, out))


def _html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def _ids(site: Path, url: str) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', _html(site, url)))


def test_no_page_is_heavy():
    site, _ = built()
    heavy = [(p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html")]
    assert [h for h in heavy if h[0] > HEAVY] == []


def test_the_site_has_no_broken_link():
    site, _ = built()
    assert check_site(site) == []


def test_each_heavy_page_is_continued_with_arabic_navigation():
    site, _ = built()
    for url, why in CONTINUED.items():
        parts = [url] + sorted(
            (p.parent.relative_to(site).as_posix() + "/" for p in (site / url).glob("[0-9]*/index.html")),
            key=lambda u: int(u.rstrip("/").rsplit("/", 1)[-1]),
        )
        assert len(parts) >= 2, f"{url} ({why}) is not continued"
        for k, part in enumerate(parts, 1):
            tree = lxml_html.fromstring(_html(site, part))
            navs = tree.xpath('//nav[contains(@class, "lt-parts")]')
            assert len(navs) == 2, part  # above and below the text
            words = " ".join(navs[0].text_content().split())
            assert f"الجزء {k} من {len(parts)}" in words, (part, words)
            assert len({a.get("href") for a in navs[0].xpath(".//ol//a")}) == len(parts) - 1  # the other parts
            if k > 1:
                assert "الجزء السابق" in words
                h1 = " ".join(tree.xpath("string(//h1)").split())
                assert f"الجزء {k} من {len(parts)}" in h1, h1
                assert "(تابع)" in tree.text_content()  # the article's or container's heading, continued
            if k < len(parts):
                assert "الجزء التالي" in words
            assert _english_words(site / part / "index.html", site) == []


def test_every_anchor_of_a_continued_text_is_on_the_page_that_holds_it():
    """Every eId and wId of the continued texts (paragraphs, points, quoted articles, tables ...) has a
    place whose page is built and holds its anchor; search records point at the page of the article."""
    site, _ = built()
    ids: dict[str, set[str]] = {}
    expressions = {url.split("ara@")[0] for url in CONTINUED}
    checked = 0
    for expression in index().expressions:
        if not any(expression.url.startswith(e) for e in expressions):
            continue
        for eid in list(expression.places) + list(expression.wids):
            place = index().place(expression, eid)
            assert place is not None, eid
            url, anchor = place.url, place.eid  # (a Place's repr holds its whole expression)
            assert (site / url / "index.html").is_file(), (eid, url)
            if anchor:
                if url not in ids:
                    ids[url] = _ids(site, url)
                assert anchor in ids[url], (eid, url, anchor)
            checked += 1
    assert checked > 1000  # the paragraphs and points of the continued articles are among them
    for record in records(index()):
        url, _, anchor = record.url.partition("#")
        if any(url.startswith(e) for e in expressions) and anchor:
            if url not in ids:
                ids[url] = _ids(site, url)
            assert anchor in ids[url], record.url


def test_the_blocks_of_a_continued_article_are_each_on_one_part():
    """art_297-bis of the finance law 2023: each paragraph of the 36 quoted articles is shown once,
    on the part its place names."""
    site, _ = built()
    expression = next(e for e in index().expressions if e.url.startswith("akn/ma/act/2022/1-22-75/"))
    page = expression.article_pages["art_297-bis"]
    assert len(page.parts) >= 3
    quoted = "art_297-bis__para_12__mod_1__qstr_1__"
    shown: dict[str, list[str]] = {}
    for part in page.parts:
        for eid in _ids(site, part.url):
            if eid.startswith(quoted) and "__para_" in eid[len(quoted) :]:  # (a quoted article: on each part)
                shown.setdefault(eid, []).append(part.url)
    assert len(shown) > 1000
    for eid, urls in shown.items():
        assert len(urls) == 1, (eid, urls)
        assert expression.places[eid].url == urls[0]
