"""The published site in a real headless Chromium (Debian's ``chromium``, driven by Playwright),
served from a local HTTP server on 127.0.0.1.  These tests fail, never skip, when Chromium is
missing.  Screenshots of the home page, an article and a diff page are saved in
build/screenshots/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from publish_support import REPO, hostile_site, repo_site, script_site, serve

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]
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
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
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
        self.page.goto(self.base + url, wait_until="load")
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


def _search(watch: Watch, query: str) -> list[str]:
    page = watch.goto("")
    page.click("input.md-search__input")
    page.type("input.md-search__input", query, delay=30)
    page.wait_for_selector(".md-search-result__item", timeout=60000)
    page.wait_for_timeout(300)
    return page.eval_on_selector_all(".md-search-result__item a", "els => els.map(e => e.getAttribute('href'))")


def _article_text(href: str) -> str:
    from lxml import html
    from urllib.parse import unquote, urlsplit
    parts = urlsplit(href)
    path = repo_site() / unquote(parts.path).lstrip("/") / "index.html"
    tree = html.fromstring(path.read_bytes())
    body = tree.get_element_by_id(parts.fragment).getnext()
    return body.text_content()


def test_search_without_hamza_finds_the_article_with_hamza(browser, site):
    watch = Watch(browser, site)
    hrefs = [h for h in _search(watch, "اساءة") if "#art_" in h]
    assert hrefs
    assert "إساءة" in _article_text(hrefs[0].replace(site, "/"))
    watch.page.screenshot(path=str(SHOTS / "search.png"))
    assert watch.errors == []
    watch.close()


@pytest.mark.parametrize("query", ["447-1", "1-447", "٤٤٧-١"])
def test_search_finds_an_article_by_its_number_either_way(browser, site, query):
    watch = Watch(browser, site)
    hrefs = [h for h in _search(watch, query) if "#art_" in h]
    assert hrefs and hrefs[0].endswith("#art_447-1")
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


def test_french_interface(browser, site):
    """The language switch leads to the French interface: the same pages with Material's interface in
    French, the texts still right to left; its French entry page reads left to right."""
    watch = Watch(browser, site)
    page = watch.goto("")
    assert page.locator("a[hreflang='fr']").first.get_attribute("href").rstrip("/").endswith("fr-ui/fr")
    page = watch.goto("fr-ui/fr/")
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert page.evaluate("document.body.dir") == "rtl"
    assert page.locator("input.md-search__input").get_attribute("placeholder") == "Rechercher"
    assert page.evaluate("getComputedStyle(document.querySelector('.lt-ltr')).direction") == "ltr"
    page.screenshot(path=str(SHOTS / "french-interface.png"))
    page = watch.goto("fr-ui/" + _article_url("art_447-1") + "#art_447-1")
    assert page.locator("#art_447-1").count() == 1
    assert watch.errors == [] and watch.foreign() == []
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
    page_file.write_text(text.replace("</article>", '<script>window.__xss = 1</script>'
                                                   '<img src="x" onerror="window.__xss = 2"></article>', 1),
                         encoding="utf-8")
    with serve(copy) as base:
        watch = Watch(browser, base)
        page = watch.goto("akn/ma/act/2020/1-20/ara@2020-01-01/")
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert any("Content Security Policy" in e for e in watch.errors), watch.errors
        # the page still works: Material's scripts ran (the search box is ready)
        assert page.evaluate("typeof __md_scope") == "object"
        assert page.locator("input.md-search__input").count() == 1
        watch.close()
