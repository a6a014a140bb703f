"""The published site in a real headless Chromium (Debian's ``chromium``, driven by Playwright),
served from a local HTTP server on 127.0.0.1.  These tests fail, never skip, when Chromium is
missing.  Screenshots of the home page, an article and a diff page are saved in
build/screenshots/."""

from __future__ import annotations

import re

import pytest
import yaml
from publish_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REPO,
    first_visit_bytes,
    hostile_site,
    repo_site,
    script_site,
    serve,
)

SHOTS = REPO / "build" / "screenshots"
BILL = "akn/ma/bill/2024/digital-violence"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ModuleNotFoundError:
        pytest.fail("the playwright package is missing: pip install -e '.[test]'")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site():
    with serve(repo_site()) as base:
        yield base


class Watch:
    """A page with its console errors, page errors, dialogs and requests recorded."""

    def __init__(self, browser, base: str):
        self.base = base
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def goto(self, url: str):
        response = self.page.goto(self.base + url, wait_until="load")
        self.status = response.status if response else None
        self.page.wait_for_timeout(300)
        return self.page

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(self.base) and not u.startswith(("data:", "blob:"))]

    def close(self):
        self.page.close()


def _article_url(eid: str, under: str = "akn/ma/act/1962/1-59-413/ara@2024-08-22") -> str:
    site = repo_site()
    for page in sorted((site / under).rglob("index.html")):
        if f'id="{eid}"' in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(site).as_posix() + "/"
    raise AssertionError(eid)


def test_home_and_article_load_cleanly_right_to_left(browser, site):
    watch = Watch(browser, site)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = watch.goto("")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("document.body.dir") == "rtl" and page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("document.fonts.check('16px \"Lawtool Arabic\"')")
    page.screenshot(path=str(SHOTS / "home.png"), full_page=False)
    page = watch.goto(_article_url("art_447-1") + "#art_447-1")
    page.wait_for_function("document.fonts.status == 'loaded'")
    page.screenshot(path=str(SHOTS / "article.png"))
    assert watch.errors == [] and watch.foreign() == []
    watch.close()


def test_permalink_scrolls_to_the_article(browser, site):
    watch = Watch(browser, site)
    page = watch.goto(_article_url("art_448-2") + "#art_448-2")
    page.wait_for_timeout(500)
    top = page.evaluate("document.getElementById('art_448-2').getBoundingClientRect().top")
    assert page.evaluate("window.scrollY") > 200
    assert 0 <= top < 200
    watch.close()


@pytest.mark.parametrize("eid", ["art_448-2", "art_447-1"])
def test_the_table_of_contents_marks_the_article_being_read(browser, site, eid):
    """After a jump to an article, the table of contents marks that article, not the one before it."""
    watch = Watch(browser, site)
    page = watch.goto(_article_url(eid) + "#" + eid)
    page.wait_for_timeout(800)
    active = page.evaluate(
        "[...document.querySelectorAll('.md-sidebar--secondary .md-nav__link--active')].map(a => a.hash)"
    )
    assert active == ["#" + eid], active
    watch.close()


def test_citation_leads_to_the_cited_penal_code_article(browser, site):
    watch = Watch(browser, site)
    page = watch.goto(f"{BILL}/ara@2024-12-10/")
    link = page.locator("a.lt-ref[href*='1-59-413'][href*='#art_']").first
    href = link.get_attribute("href")
    assert link.get_attribute("title")
    eid = href.split("#", 1)[1]
    link.scroll_into_view_if_needed()
    link.click()
    page.wait_for_url(re.compile(r".*1-59-413.*#" + re.escape(eid) + "$"))
    page.wait_for_timeout(500)
    assert page.evaluate(f"document.getElementById('{eid}').tagName").startswith("H")
    top = page.evaluate(f"document.getElementById('{eid}').getBoundingClientRect().top")
    assert 0 <= top < 300
    assert watch.errors == [] and watch.foreign() == []
    watch.close()


def _search(watch: Watch, query: str) -> tuple[list[str], str]:
    """The search page's result links for ``query`` (absolute URLs) and the URL the page ends on (the
    article itself when the query is a number only one article has)."""
    from urllib.parse import quote

    page = watch.goto("search/?q=" + quote(query))
    done = """() => { const s = document.getElementById('lt-search-status');
        return !s || (s.textContent && !s.textContent.startsWith('جار')); }"""
    for _ in range(100):
        try:
            if page.evaluate(done):
                break
        except Exception:  # noqa: BLE001 - the page is going to the article (a jump)
            pass
        page.wait_for_timeout(200)
    page.wait_for_load_state("load")
    if "/search/" not in page.url:
        return [page.url], page.url
    return page.eval_on_selector_all("#lt-results a.lt-result-title", "els => els.map(e => e.href)"), page.url


QUERIES = yaml.safe_load((REPO / "tests/data/search_queries.yaml").read_text(encoding="utf-8"))["queries"]
WORKS = {
    "penal-code": "/akn/ma/act/1962/1-59-413/ara@2024-08-22/",
    "criminal-procedure": "/akn/ma/act/2002/22-01/",
    "law-103-13": "/akn/ma/act/2018/103-13/",
    "bill": "/akn/ma/bill/2024/digital-violence/ara@2025-02-18/",
}


def _hit(hrefs: list[str], expect: list[dict]) -> bool:
    return any(WORKS[e["work"]] in h and h.endswith("#" + e["eid"]) for h in hrefs[:3] for e in expect)


# Issue 15 asks for 90 %: the search reaches 63/70 = 90.0 %.  Before the search was tuned (same list):
# lunr 15.7 %, Pagefind untuned 58.6 % (docs/site.md).
HIT_RATE_FLOOR = 0.90


def test_search_hit_rate_on_the_blind_query_list(browser, site):
    """tests/data/search_queries.yaml (written before the search was tuned): the share of queries with an
    expected article in the top 3 is printed with every miss (pytest -s) and must reach the floor."""
    watch = Watch(browser, site)
    misses = []
    for q in QUERIES:
        hrefs, _ = _search(watch, q["query"])
        if not _hit(hrefs, q["expect"]):
            misses.append(f"{q['kind']}: {q['query']} → {[h.rsplit('/', 2)[-2:] for h in hrefs[:3]]}")
    rate = 1 - len(misses) / len(QUERIES)
    print(f"\nsearch hit rate (top 3): {len(QUERIES) - len(misses)}/{len(QUERIES)} = {rate:.1%}")
    print("\n".join(misses))
    assert watch.errors == [] and watch.foreign() == []
    watch.close()
    assert len(QUERIES) >= 30 and rate >= HIT_RATE_FLOOR, misses


HELD_OUT = yaml.safe_load((REPO / "tests/data/search_queries_heldout.yaml").read_text(encoding="utf-8"))["queries"]


def test_search_hit_rate_on_queries_it_was_not_tuned_on(browser, site):
    """tests/data/search_queries_heldout.yaml: written after the tuning, never tuned on (10/10 when first run)."""
    watch = Watch(browser, site)
    misses = [q["query"] for q in HELD_OUT if not _hit(_search(watch, q["query"])[0], q["expect"])]
    watch.close()
    print(f"\nheld-out search hit rate (top 3): {len(HELD_OUT) - len(misses)}/{len(HELD_OUT)}")
    assert len(HELD_OUT) >= 10 and len(misses) <= len(HELD_OUT) // 5, misses


@pytest.mark.parametrize("query", ["تحرش", "التحرش", "بالتحرش"])
def test_search_finds_harassment_with_or_without_the_article_and_preposition(browser, site, query):
    watch = Watch(browser, site)
    hrefs, _ = _search(watch, query)
    assert any(WORKS["penal-code"] in h and h.endswith("#art_503-1-1") for h in hrefs), hrefs
    watch.close()


def test_search_knows_blackmail_though_the_code_never_says_it(browser, site):
    """«ابتزاز» finds Penal Code 538, which says «التهديد بإفشاء» (the concepts table, kept as data)."""
    assert "ابتزاز" not in _article_text_of("art_538")
    watch = Watch(browser, site)
    hrefs, _ = _search(watch, "ابتزاز")
    assert any(WORKS["penal-code"] in h and h.endswith("#art_538") for h in hrefs), hrefs
    watch.close()


def _article_text_of(eid: str) -> str:
    from lxml import etree

    tree = etree.parse(str(REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"))
    return "".join(tree.xpath(f"//*[@eId='{eid}']//text()"))


def test_search_without_hamza_shows_the_article_with_hamza_and_a_readable_excerpt(browser, site):
    watch = Watch(browser, site)
    hrefs, _ = _search(watch, "اساءة")
    assert hrefs
    from lawtool.publish.search import fold

    excerpt = watch.page.locator("#lt-results li").first.locator(".lt-excerpt")
    mark = excerpt.locator("mark").first.inner_text()
    assert fold(mark).startswith("اساء") and ("إ" in mark or "أ" in mark)  # the text as written, with hamza
    assert not [h for h in hrefs[:10] if "#art_" not in h]
    watch.page.screenshot(path=str(SHOTS / "search.png"))
    assert watch.errors == []
    watch.close()


@pytest.mark.parametrize("query", ["447-1", "1-447", "٤٤٧-١", "۴۴۷-۱", "الفصل ٤٤٧-١", "الفصل 447-1"])
def test_search_jumps_to_an_article_by_its_number_in_any_form(browser, site, query):
    watch = Watch(browser, site)
    _, url = _search(watch, query)
    assert "/1-59-413/" in url and url.endswith("#art_447-1"), url
    assert watch.page.locator("[id='art_447-1']").count() == 1
    watch.close()


@pytest.mark.parametrize(
    ("query", "eid"),
    [("المادة الأولى من القانون 103.13", "art_1"), ("المادة الحادية عشرة من القانون 103.13", "art_11")],
)
def test_search_jumps_to_an_article_numbered_in_words(browser, site, query, eid):
    """Law 103.13 numbers its articles in words («المادة الأولى»): a query written so jumps too."""
    watch = Watch(browser, site)
    _, url = _search(watch, query)
    assert "/103-13/" in url and url.endswith("#" + eid), url
    watch.close()


def test_two_articles_in_words_are_not_added_up(browser, site):
    """«المادة الأولى والثانية» names two articles: the search does not read it as article 3."""
    watch = Watch(browser, site)
    _, url = _search(watch, "المادة الأولى والثانية من القانون 103.13")
    assert "#art_3" not in url and "/search/" in url, url
    watch.close()


def test_only_the_search_page_loads_the_search_index(browser, site):
    watch = Watch(browser, site)
    watch.goto("")
    watch.goto(_article_url("art_447-1"))
    assert not [u for u in watch.requests if "/pagefind/" in u]
    _search(watch, "تحرش")
    assert [u for u in watch.requests if "/pagefind/" in u]
    watch.close()


def test_diff_page_shows_insertions_and_deletions(browser, site):
    watch = Watch(browser, site)
    page = watch.goto(f"{BILL}/diff/2024-05-14_2024-12-10/")
    inserted = page.locator("table.lt-compare ins")
    deleted = page.locator("table.lt-compare del")
    assert inserted.count() > 0 and deleted.count() > 0
    first = inserted.first
    first.scroll_into_view_if_needed()
    assert first.is_visible()
    page.screenshot(path=str(SHOTS / "diff.png"))
    assert watch.errors == [] and watch.foreign() == []
    watch.close()


def test_script_in_a_bill_or_amendment_is_shown_as_text_and_runs_nothing(browser):
    _, site_dir, _ = hostile_site()
    with serve(site_dir) as base:
        watch = Watch(browser, base)
        for url in (f"{BILL}/ara@2024-12-10/", f"{BILL}/amendments/dv-ex-99/", f"{BILL}/amendments/", ""):
            page = watch.goto(url)
            page.wait_for_timeout(300)
            assert page.evaluate("typeof window.__xss") == "undefined", url
            assert page.locator("img[src='x']").count() == 0
        text = watch.goto(f"{BILL}/amendments/dv-ex-99/").inner_text("article")
        assert "<script>window.__xss = 5</script>" in text and 'onerror="window.__xss = 6"' in text
        watch.page.screenshot(path=str(SHOTS / "hostile-amendment.png"))
        assert watch.dialogs == [] and watch.errors == [] and watch.foreign() == []
        watch.close()


def test_a_script_inside_the_xml_of_an_article_runs_nothing(browser):
    """An XHTML <script>, an SVG onload and an xml-stylesheet inside an act: the .xml download (written
    again without foreign markup) and the article's page run none of them."""
    _, site_dir = script_site()
    with serve(site_dir) as base:
        watch = Watch(browser, base)
        for url in ("akn/ma/act/2020/1-22/ara@2020-01-01.xml", "akn/ma/act/2020/1-22/ara@2020-01-01/"):
            page = watch.goto(url)
            assert page.evaluate("typeof window.__xss") == "undefined", url
        # (an XML document makes the browser ask for /favicon.ico, which the site has not: a 404)
        assert watch.dialogs == [] and watch.foreign() == []
        assert [e for e in watch.errors if "status of 404" not in e] == []
        watch.close()


def test_the_content_security_policy_stops_an_injected_script(browser, tmp_path):
    """Were a script to slip into a page (a bug of the escaping), the policy would stop it."""
    import shutil

    _, site_dir = script_site()
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    page_file = copy / "akn/ma/act/2020/1-20/ara@2020-01-01/index.html"
    text = page_file.read_text(encoding="utf-8")
    page_file.write_text(
        text.replace(
            "</article>", '<script>window.__xss = 1</script><img src="x" onerror="window.__xss = 2"></article>', 1
        ),
        encoding="utf-8",
    )
    with serve(copy) as base:
        watch = Watch(browser, base)
        page = watch.goto("akn/ma/act/2020/1-20/ara@2020-01-01/")
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert any("Content Security Policy" in e for e in watch.errors), watch.errors
        # the page still works: Material's scripts ran, the search form is there
        assert page.evaluate("typeof __md_scope") == "object"
        assert page.locator("form.lt-searchbar input[name='q']").count() == 1
        watch.close()


# -- weight ------------------------------------------------------------------------------------------------


def test_weight_of_a_first_visit(browser, site):
    """Issue 15: home ≤ 600 KB, an article page ≤ 300 KB, one search ≤ 300 KB, on a first visit (the
    figures are printed: pytest -s)."""
    home, _, home_files = first_visit_bytes(browser, site, "")
    article, _, _ = first_visit_bytes(browser, site, _article_url("art_447-1"))
    search, _, search_files = first_visit_bytes(browser, site, "search/?q=" + "تحرش", wait_results=True)
    print(
        f"\nfirst visit: home {home / 1024:.0f} KB, article page {article / 1024:.0f} KB, "
        f"search «تحرش» {search / 1024:.0f} KB"
    )
    assert home <= 600 * 1024, home_files[:5]
    assert article <= 300 * 1024
    assert search <= 300 * 1024, search_files[:8]
    assert any("/pagefind/" in u for _, u in search_files)


# -- accessibility -----------------------------------------------------------------------------------------

PAGE_TYPES = {
    "home": "",
    "work": "akn/ma/act/1962/1-59-413/",
    "expression (table of contents)": "akn/ma/act/1962/1-59-413/ara@2024-08-22/",
    "chapter": "akn/ma/act/1962/1-59-413/ara@2024-08-22/book_3__part_1__chp_7/",
    "short law (its table of contents)": "akn/ma/act/2018/103-13/ara@2018-03-12/",
    "a chapter of the bill": f"{BILL}/ara@2025-02-18/chp_1/",
    "repairs": "akn/ma/act/2018/103-13/ara@2018-03-12/repairs/",
    "bill": f"{BILL}/",
    "bill version": f"{BILL}/ara@2025-02-18/",
    "diff": f"{BILL}/diff/2024-05-14_2024-12-10/",
    "comparison with the law in force": f"{BILL}/compare/2025-02-18/",
    "amendments": f"{BILL}/amendments/",
    "one amendment": f"{BILL}/amendments/dv-ex-01/",
    "gap report": "reports/gaps/",
    "penalties": "reports/penalties/",
    "downloads": "downloads/",
    "about": "about/",
    "search results": "search/?q=" + "تحرش",
    "not found": "404.html",
    "projection onto the law in force": f"{BILL}/projections/akn-ma-act-1962-1-59-413-ara-2024-08-22/",
    "diff, the full text": f"{BILL}/diff/2024-05-14_2024-12-10/full/",
    "diff with the amendments that made each change": f"{BILL}/diff/2024-12-10_2025-02-18/",
    "a collision between amendments": f"{BILL}/amendments/dv-c-01/",
    "entry page in French": "fr/",
    "entry page in English": "en/",
}
# The pages of the whole corpus on the site (``publish --corpus``), on the sample of
# tests/test_publish_corpus.py: browsing, a corpus text cut into pages (the 1973 dahir on maritime
# fishing), a treaty.
FISHING = "akn/ma/act/1973/1-73-255"
CORPUS_PAGE_TYPES = {
    "corpus: home": "corpus/",
    "corpus: by kind": "corpus/kind/decree/",
    "corpus: by subject": "corpus/subject/maritime-fishing/",
    "corpus: by year": "corpus/year/",
    "corpus: by number": "corpus/number/",
    "corpus text: work": f"{FISHING}/",
    "corpus text: table of contents": f"{FISHING}/ara@2014-05-26/",
    "corpus text: a part": f"{FISHING}/ara@2014-05-26/part_4/",
    "corpus text: a group of articles": f"{FISHING}/ara@2014-05-26/art_51/",
}


@pytest.fixture(scope="module")
def corpus_site():
    from test_publish_corpus import built

    with serve(built()[0]) as base:
        yield base


def test_no_serious_accessibility_violation_on_any_page_type(browser, site):
    """axe-core (axe-playwright-python) on every page type, and on the page of a group of articles:
    no violation of impact serious or critical."""
    pages = dict(PAGE_TYPES, **{"articles (a group)": _article_url("art_447-1")})
    assert _axe_violations(browser, site, pages) == {}


def test_the_corpus_is_browsed_by_subject_and_searched(browser, corpus_site):
    """From the corpus's home to a subject, to a text, and back by its breadcrumbs; the search finds a
    corpus text's article by a word of its own («المصايد»: the 2019 decree on fisheries plans)."""
    watch = Watch(browser, corpus_site)
    page = watch.goto("corpus/")
    page.locator("a[href*='subject/maritime-fishing']").first.click()
    page.wait_for_url(re.compile(r".*/corpus/subject/maritime-fishing/$"))
    page.locator("table a[href*='/1-73-255/']").first.click()
    page.wait_for_url(re.compile(r".*/1-73-255/ara@[\d-]+/$"))
    assert page.locator("nav.lt-crumbs a[href*='corpus/']").count() >= 1
    hrefs, _ = _search(watch, "المصايد")
    assert any("/2-18-722/" in h and "#art_" in h for h in hrefs[:3]), hrefs[:3]
    assert watch.errors == [] and watch.foreign() == []
    watch.close()


def test_no_serious_accessibility_violation_on_the_corpus_pages(browser, corpus_site):
    assert _axe_violations(browser, corpus_site, CORPUS_PAGE_TYPES) == {}


def _axe_violations(browser, site: str, pages: dict[str, str]) -> dict[str, list]:
    """name → the serious or critical violations axe-core finds on that page."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    found = {}
    for name, url in pages.items():
        watch = Watch(browser, site)
        page = watch.goto(url)
        if url.startswith("search/"):
            page.wait_for_selector("#lt-results li", timeout=30000)
        results = axe.run(page)
        bad = [
            (v["id"], v["impact"], len(v["nodes"]))
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        if bad:
            found[name] = bad
        if watch.status != 200:
            found[name] = [("not served", watch.status, url)]
        watch.close()
    return found
