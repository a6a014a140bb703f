"""The site on a phone: headless Chromium (Debian's, as tests/test_browser.py) at 375×740 CSS pixels, touch,
mobile viewport.  No page scrolls sideways, the bill's working-text notice leaves room on the first screen,
the navigation drawer opens and closes, an article permalink shows its heading below the sticky header,
and dates and identifiers do not break across lines.  Screenshots go to build/screenshots/phone-*.png."""

from __future__ import annotations

import pytest
from test_browser import BILL, PAGE_TYPES, SHOTS, _article_url, browser, site  # noqa: F401 - fixtures

PHONE = {"width": 375, "height": 740}
ARTICLE = "art_447-1"


@pytest.fixture(scope="module")
def phone(browser):  # noqa: F811 - the fixture of test_browser
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.errors = errors
    yield page
    context.close()


def _open(page, base: str, url: str):
    page.goto(base + url, wait_until="load")
    page.wait_for_timeout(300)
    return page


SIDEWAYS = """() => { const d = document.documentElement;
    return {scroll: d.scrollWidth, width: d.clientWidth, x: window.scrollX}; }"""


def test_no_page_scrolls_sideways(phone, site):  # noqa: F811
    """Every page type of the accessibility test, and an article page of the Penal Code."""
    pages = dict(PAGE_TYPES, **{"article of the Penal Code": _article_url(ARTICLE) + "#" + ARTICLE})
    wide = {}
    for name, url in pages.items():
        size = _open(phone, site, url).evaluate(SIDEWAYS)
        if size["scroll"] > size["width"] or size["x"] != 0:
            wide[name] = size
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, url in (("home", ""), ("article", _article_url(ARTICLE) + "#" + ARTICLE), ("bill", f"{BILL}/")):
        _open(phone, site, url).screenshot(path=str(SHOTS / f"phone-{name}.png"))
    assert wide == {}
    assert phone.errors == []


def test_the_notice_leaves_room_on_the_first_screen(phone, site):  # noqa: F811
    """The bill's pages open with the working-text notice: one short line and a folded note, at most a
    third of the first screen, with the page's own content starting on that screen."""
    for url in (f"{BILL}/", f"{BILL}/ara@2025-02-18/", f"{BILL}/amendments/dv-ex-01/"):
        box = _open(phone, site, url).evaluate("""() => { const r = document.querySelector('.lt-notice').getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, height: r.height}; }""")
        assert box["height"] <= PHONE["height"] / 3, (url, box)
        assert box["bottom"] < PHONE["height"] - 100, (url, box)
        assert phone.locator(".lt-notice details[open]").count() == 0


DRAWER = """() => { const r = document.querySelector('.md-sidebar--primary').getBoundingClientRect();
    return {open: document.getElementById('__drawer').checked, left: r.left, right: r.right}; }"""


def test_the_navigation_drawer_opens_and_closes(phone, site):  # noqa: F811
    page = _open(phone, site, _article_url(ARTICLE))
    closed = page.evaluate(DRAWER)
    assert not closed["open"] and closed["left"] >= PHONE["width"] - 1  # off the screen (right to left)
    page.locator("label.md-header__button[for='__drawer']").click()
    page.wait_for_timeout(500)
    shown = page.evaluate(DRAWER)
    assert shown["open"] and 0 <= shown["left"] and shown["right"] <= PHONE["width"] + 1
    assert page.locator(".md-sidebar--primary a.md-nav__link", has_text="الرئيسية").first.is_visible()
    page.screenshot(path=str(SHOTS / "phone-drawer.png"))
    page.locator("label.md-overlay").click(position={"x": 20, "y": PHONE["height"] // 2})  # the dimmed page
    page.wait_for_timeout(500)
    again = page.evaluate(DRAWER)
    assert not again["open"] and again["left"] >= PHONE["width"] - 1


def test_an_article_permalink_shows_its_heading(phone, site):  # noqa: F811
    """Opening …#art_447-1 scrolls the page so that the article's heading is on screen, below the sticky
    header (not hidden under it)."""
    page = _open(phone, site, _article_url(ARTICLE) + "#" + ARTICLE)
    page.wait_for_timeout(500)
    box = page.evaluate(f"""() => {{ const h = document.getElementById('{ARTICLE}').getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect();
        return {{top: h.top, bottom: h.bottom, header: header.bottom, y: window.scrollY}}; }}""")
    assert box["y"] > 200
    assert box["header"] <= box["top"] and box["bottom"] <= PHONE["height"] / 2, box


def test_dates_and_identifiers_do_not_break_on_a_phone(phone, site):  # noqa: F811
    """Every date and identifier lawtool kept together (span.lt-nw) lies on one line, on the pages with
    the most of them at phone width."""
    for url in (f"{BILL}/", f"{BILL}/amendments/", _article_url(ARTICLE), "about/"):
        lines = _open(phone, site, url).evaluate("""() => [...document.querySelectorAll('.lt-nw')]
            .filter(e => e.getClientRects().length)
            .map(e => [e.textContent, new Set([...e.getClientRects()].map(r => Math.round(r.top))).size])""")
        assert len(lines) >= 5, url
        assert [text for text, n in lines if n > 1] == [], url


def test_a_texts_identifier_stays_on_one_line_on_a_phone(phone, site):  # noqa: F811
    """The FRBR URI of an expression page lies on one line (it scrolls in its cell), and the page is
    no wider than the phone."""
    for url in (f"{BILL}/ara@2025-02-18/", "akn/ma/act/1962/1-59-413/ara@2024-08-22/"):
        page = _open(phone, site, url)
        # the lines of the identifier's text (an inline-block has one box however its text wraps)
        tops = page.evaluate("""() => [...document.querySelectorAll('table.lt-meta code')].map(e => {
            const r = document.createRange(); r.selectNodeContents(e);
            return new Set([...r.getClientRects()].map(x => Math.round(x.top))).size; })""")
        assert tops and set(tops) == {1}, (url, tops)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), url


def test_dotted_numbers_and_underscored_ids_need_no_span(phone, site):  # noqa: F811
    """nowrap wraps hyphenated tokens only: the browser never breaks «1.59.413», «103.13», «20.000» or
    «art_17__para_1» (checked in a paragraph one pixel wide, where any break allowed would be taken),
    while it does break «447-1» there."""
    page = _open(phone, site, _article_url(ARTICLE))
    lines = page.evaluate("""() => {
        const p = document.createElement('p');
        p.style.width = '1px';
        document.querySelector('.md-content').appendChild(p);
        const out = {};
        for (const token of ['1.59.413', '103.13', '20.000', 'art_17__para_1', '447-1']) {
            p.textContent = 'نص ' + token + ' نص';
            const range = document.createRange();
            range.setStart(p.firstChild, 3);
            range.setEnd(p.firstChild, 3 + token.length);
            out[token] = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
        }
        return out; }""")
    assert lines.pop("447-1") > 1  # what lawtool.publish.nowrap is for
    assert set(lines.values()) == {1}, lines
