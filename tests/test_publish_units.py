"""The publish stage's pieces: escaping, relative links, search variants, the corpus index and
its URL scheme, the link checker."""

from __future__ import annotations

import json
from pathlib import Path

import markdown
import pytest
from lxml import html as lxml_html

from lawtool.corpus import Corpus
from lawtool.htmlbuild import elem, esc, join, svg, table
from lawtool.publish import search
from lawtool.publish.html import element, md, rel_url
from lawtool.publish.index import site_index
from lawtool.publish.links import check_site
from lawtool.publish.search import concept_words, fold, records

REPO = Path(__file__).resolve().parents[1]
PENAL = "/akn/ma/act/1962/1-59-413"


# -- escaping ------------------------------------------------------------------------------------------

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[x](javascript:alert(1))",
    "{#evil .cls}",
    "# not a heading",
    "*emphasis* _under_ `code`",
    "![i](x.png)",
    "a | b | c",
    "&amp; &lt;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_md_keeps_markdown_syntax_as_text(text):
    html = markdown.markdown(f"### {md(text)} {{ #art_1 }}", extensions=["attr_list", "tables"])
    for tag in ("<script", "<img", "<a ", "<em>", "<strong>", "<code>"):
        assert tag not in html
    assert 'id="art_1"' in html and "evil" not in html.split(">")[0]
    # the browser shows the original text
    import html as html_module
    import re

    shown = html_module.unescape(re.sub(r"<[^>]+>", "", html)).strip()
    assert shown == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE)
def test_esc_in_a_raw_html_block(text):
    html = markdown.markdown(f'<div class="x"><p title="{esc(text)}">{esc(text)}</p></div>', extensions=["md_in_html"])
    assert "<script" not in html and "<img" not in html and "<a " not in html


@pytest.mark.parametrize("text", HOSTILE)
def test_element_escapes_every_attribute_and_leaves_empty_ones_out(text):
    written = element("p", esc(text), class_="lt-x", data_eid=text, title=None, id="")
    el = lxml_html.fragment_fromstring(written)
    assert el.tag == "p" and el.text == text and el.get("data-eid") == text and el.get("class") == "lt-x"
    assert "title" not in el.attrib and "id" not in el.attrib and len(el) == 0


@pytest.mark.parametrize("text", HOSTILE)
def test_elem_escapes_text_and_keeps_what_it_built(text):
    """A document's text given to the builder comes back as the same text, wherever it goes (content,
    nested element, attribute, a list, a separator); the elements the builder made stay elements."""
    written = elem("td", text, elem("b", text), [None, elem("i", text)], title=text, class_=None, data_x="")
    el = lxml_html.fragment_fromstring(written)
    assert el.tag == "td" and el.text == text and el.get("title") == text
    assert [(c.tag, c.text) for c in el] == [("b", text), ("i", text)]
    assert set(el.attrib) == {"title"} and not el.xpath("//script|//img|//a")
    listed = lxml_html.fragment_fromstring(elem("p", join([elem("span", "1"), elem("span", "2")], text)))
    assert [c.text for c in listed] == ["1", "2"] and listed[0].tail == text


def test_elem_void_and_boolean_attributes():
    assert elem("img", src="a.svg", alt="<x>") == '<img src="a.svg" alt="&lt;x&gt;">'
    assert (
        elem("details", elem("summary", "s"), open=True, hidden=False) == "<details open><summary>s</summary></details>"
    )
    with pytest.raises(ValueError):
        elem("br", "text")


@pytest.mark.parametrize("text", HOSTILE)
def test_svg_elements_parse_back_to_the_text(text):
    from lxml import etree

    picture = svg("svg", svg("title", text), svg("rect", width=14, fill=text), xmlns="http://www.w3.org/2000/svg")
    root = etree.fromstring(picture)
    title, rect = root
    assert title.text == text and rect.get("fill") == text and rect.get("width") == "14" and len(rect) == 0


def test_table_has_a_header_row_and_the_rows_given():
    el = lxml_html.fragment_fromstring(table(["a", "<b>"], [elem("tr", elem("td", "1"))], "cap", class_="t"))
    assert el.get("class") == "t" and el.xpath("caption/text()") == ["cap"]
    assert el.xpath("thead/tr/th/text()") == ["a", "<b>"] and el.xpath("thead/tr/th/@scope") == ["col", "col"]
    assert el.xpath("tbody/tr/td/text()") == ["1"]


def test_md_collapses_lines():
    assert "\n" not in md("line one\n\n# line two")


@pytest.mark.parametrize(
    "source,target,expected",
    [
        (
            "akn/ma/act/1962/1-59-413/ara@2024-08-22/",
            "akn/ma/act/1962/1-59-413/ara@2024-08-22/book_1/#art_13",
            "book_1/#art_13",
        ),
        ("", "about/", "about/"),
        ("akn/x/", "", "../../"),
        ("a/", "a/#x", "#x"),
        ("akn/w/", "akn/w/e.xml", "e.xml"),
        ("a/b/", "a/c/", "../c/"),
        ("reports/gaps/", "assets/charts/coverage.svg", "../../assets/charts/coverage.svg"),
    ],
)
def test_rel_url(source, target, expected):
    assert rel_url(source, target) == expected


# -- search records ----------------------------------------------------------------------------------------


def test_fold_is_the_normaliser_with_hamza_on_its_seat_folded():
    assert fold("مَسْؤُولِيَّة") == fold("مسئولية") == "مسءوليه"
    assert fold("الإساءة") == "الاساءه" and fold("ظـهـير") == "ظهير" and fold("٤٤٧-١") == "447-1"
    assert fold(fold("أوامر الحماية")) == fold("أوامر الحماية")


def test_concept_words_come_from_the_data_table_and_match_whole_words():
    assert "ابتزاز" in concept_words(fold("وكان ذلك بواسطة التهديد بإفشاء أو نسبة أمور شائنة"))
    assert "شتم" in concept_words(fold("يعد سبا كل تعبير شائن"))
    assert "شتم" not in concept_words(fold("بسبب جنسها"))  # «سب» inside «بسبب» is not the word
    assert concept_words(fold("كتاب")) == []


def test_search_records_one_per_article_of_the_latest_versions(index):
    items = records(index)
    by_url = {r.url: r for r in items}
    penal = index.works[PENAL].latest
    r = by_url[f"{penal.places['art_538'].url}#art_538"]
    concepts = dict((w, t) for t, w in r.weighted)[search.CONCEPT_WEIGHT]
    assert "ابتزاز" in concepts and "ابتزاز" not in r.content + r.meta["text"]  # found by the concept, never shown
    assert dict((w, t) for t, w in r.weighted)[search.HEADING_WEIGHT] == "في السرقات وانتزاع الاموال"
    assert r.meta["text"].startswith("من حصل على مبلغ")  # the article's own text, as written
    assert r.filters == {"law": ["1.59.413"], "number": ["538"]}
    old_bill = "akn/ma/bill/2024/digital-violence/ara@2024-05-14/"
    assert not [u for u in by_url if u.startswith(old_bill)]
    # the number of an article an amending article inserts is a filter of the amending article
    bill = index.works["/akn/ma/bill/2024/digital-violence"].latest
    assert "447-4" in by_url[f"{bill.places['art_37'].url}#art_37"].filters["number"]
    assert len(items) == len({r.url for r in items})


# -- the index and the URL scheme --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def index():
    return site_index(Corpus(REPO))


def test_urls_follow_frbr_uris(index):
    penal = index.works[PENAL]
    assert penal.url == "akn/ma/act/1962/1-59-413/"
    expression = penal.latest
    assert expression.url == "akn/ma/act/1962/1-59-413/ara@2024-08-22/"
    assert expression.xml_url == "akn/ma/act/1962/1-59-413/ara@2024-08-22.xml"


def test_large_codes_are_split_into_pages(index):
    for uri in (PENAL, "/akn/ma/act/2002/22-01"):
        expression = index.works[uri].latest
        assert len(expression.pages) > 5
        assert all(len(p.articles) <= 10 for p in expression.pages)  # short pages (GROUP_ARTICLES)
        placed = {e for e, p in expression.places.items() if e.startswith("art_") and "__" not in e}
        assert placed == {a.get("eId") for a in expression.document.articles()}


def test_citation_targets_resolve_to_page_and_anchor(index):
    place, anchor = index.resolve(f"{PENAL}/~art_447-1")
    assert anchor == "art_447-1"
    assert place.url.startswith("akn/ma/act/1962/1-59-413/ara@2024-08-22/") and place.url.endswith("/")
    assert "يعاقب" in place.text
    # an expression URI, a sub-element and a local reference land on the same article
    assert index.resolve(f"{PENAL}/ara@2024-08-22/~art_447-1__para_2")[0].eid == "art_447-1"
    expression = index.works[PENAL].latest
    assert index.resolve("#art_447-1", expression)[0].url == place.url
    assert index.resolve("/akn/ma/act/1999/9-99/~art_1") == (None, "")
    assert index.resolve("not a uri") == (None, "")


def test_backlinks_include_the_bill_that_amends_an_article(index):
    cited = index.cited_by(PENAL, "art_447-1")
    sources = {(c.kind, c.source.expression.work_uri) for c in cited}
    assert ("amends", "/akn/ma/bill/2024/digital-violence") in sources


# -- the link checker ----------------------------------------------------------------------------------------


def test_link_checker_finds_broken_links(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<html><body><a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#nowhere">bad anchor</a>'
        '<a href="b/">missing</a><a href="#top">self</a><a href="https://example.org/">outside</a>'
        '<img src="https://cdn.example/x.png"><a href="javascript:alert(1)">js</a><p id="top"></p></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text(
        '<html><body><h2 id="here">x</h2><a href="../">up</a></body></html>', encoding="utf-8"
    )
    found = {(b.page, b.target): b.reason for b in check_site(tmp_path)}
    assert set(found) == {
        ("index.html", "a/#nowhere"),
        ("index.html", "b/"),
        ("index.html", "https://cdn.example/x.png"),
        ("index.html", "javascript:alert(1)"),
    }
    assert "no element with id" in found[("index.html", "a/#nowhere")]
    assert "another host" in found[("index.html", "https://cdn.example/x.png")]


def test_every_collision_kind_has_an_arabic_name():
    from lawtool.amend.collisions import KINDS
    from lawtool.publish.amendments import COLLISION_AR

    assert set(KINDS) <= set(COLLISION_AR)


def test_the_coverage_matrix_tells_reviewed_cells_from_suggestions(index):
    """A reviewer's decision is shown with its mark, the reviewer and the date; an unreviewed cell is
    marked as a suggestion (issue 16: confirmed and suggested told apart on the site)."""
    from lawtool.gaps.evidence import review_cell
    from lawtool.publish.pages import Site
    from lawtool.publish.reports import gaps_page

    report = json.loads((REPO / "reports/gaps.json").read_text(encoding="utf-8"))
    row = next(r for r in report["coverage"] if r["concept"] == "doxing")
    bill = "/akn/ma/bill/2024/digital-violence/ara@2024-05-14"
    row["documents"][bill] = review_cell(
        row["documents"][bill],
        {"decision": "confirmed", "who": "مراجع (مثال)", "when": "2026-12-07", "note": "المادة 19"},
    )
    page = gaps_page(index, Site(), report, "reports/gaps.json")
    tree = lxml_html.fromstring(page.body)
    doxing = tree.xpath("//table[contains(@class,'lt-coverage')]/tbody/tr")[report["coverage"].index(row)]
    assert doxing.xpath("th")[0].text_content() == (row.get("label") or row["concept"])
    confirmed = doxing.xpath(".//span[contains(@class,'lt-cov-confirmed')]")
    assert len(confirmed) == 1 and confirmed[0].text == "✓"
    assert "مراجع (مثال)" in confirmed[0].get("title") and "2026-12-07" in confirmed[0].get("title")
    assert "أكده مراجع (مثال) 2026-12-07" in doxing.text_content()
    cells = tree.xpath("//table[contains(@class,'lt-coverage')]//td")
    suggested = [c for c in cells if c.xpath(".//span[@class='lt-cov-suggested']")]
    assert len(suggested) == len(cells) - 1


def test_dates_and_identifiers_are_wrapped_in_text_only():
    from lawtool.publish.nowrap import keep_together

    page = (
        '<html><head><title>الفصل 447-1</title><script>var d = "2018-03-12";</script></head><body>'
        '<h2 id="art_447-1">الفصل 447&#45;1<a href="#art_447-1" title="2018-03-12">#</a></h2>'
        "<p>الصيغة (\u20662024-12-10\u2069) والفصلين 447-1 و447-2 وdv-ex-01؛ 1.59.413 و20.000</p>"
        "<code>shared:penal-code.consolidated-2024-08-22.ar.txt</code>"
        "<p>akn-ma-bill-2024-digital-violence-diff-2024-05-14_2024-12-10.docx</p></body></html>"
    )
    out = keep_together(page)
    span = '<span class="lt-nw">{}</span>'.format
    for token in ("447&#45;1", "\u20662024-12-10\u2069", "447-1", "447-2", "dv-ex-01"):
        assert span(token) in out, token
    assert out.count('class="lt-nw"') == 5  # not in the title, the script, an attribute, code, a long file name
    assert "و" + span("447-2") in out and "1.59.413" in out and "20.000" in out
    assert keep_together(out) == out


def test_penalty_ranges_and_collisions_in_arabic():
    from lawtool.amend.collisions import Collision
    from lawtool.gaps.wording_ar import article_refs
    from lawtool.publish.wording import collision_ar

    assert article_refs(["425..429-1", "447-1"]) == "425 إلى 429-1، 447-1"
    words = Collision(
        "overlapping-words",
        ("dv-ex-04", "dv-ex-06"),
        "art_30__para_1",
        "dv-ex-04 and dv-ex-06 both change words in art_30__para_1: «أربعا وعشرين ساعة» and «أربعا وعشرين "
        "ساعة» overlap",
        (("dv-ex-04", 1), ("dv-ex-06", 1)),
    )
    assert collision_ar(words, "المادة 30") == (
        "التعديل dv-ex-04 (العملية 1) والتعديل dv-ex-06 (العملية 1) يغيران المادة 30، في العبارة «أربعا وعشرين ساعة»"
    )


def test_a_search_record_defines_its_terms_and_keeps_meta_out_of_the_indexed_text(index, tmp_path):
    """The terms an article defines are a filter (the search page puts the defining article first,
    search/defined.json lists them) and an indexed element of their own weight; meta and filters go
    in the head as attributes, escaped, so that the article's text as written (not folded) is never
    indexed."""
    items = records(index)
    law = index.works["/akn/ma/act/2018/103-13"].latest
    r = next(x for x in items if x.url == f"{law.places['art_1'].url}#art_1")
    assert "العنف ضد المراه" in r.filters["defines"] and "العنف الجسدي" in r.filters["defines"]
    page = lxml_html.fromstring(r.html())
    weighted = {p.get("data-pagefind-weight"): p.text_content() for p in page.body if p.get("data-pagefind-weight")}
    assert "العنف الاقتصادي" in weighted[f"{search.DEFINED_WEIGHT:g}"]
    assert page.body.text_content().startswith(r.content.split(" ")[0])
    assert "المرأة" not in page.body.text_content()  # the body is folded; the written text is meta only
    meta = {m.get("data-pagefind-meta"): m.get("content") for m in page.head if m.get("data-pagefind-meta")}
    assert meta["text[content]"] == r.meta["text"] and "المرأة" in meta["text[content]"]
    hostile = search.Record("x/", 'a <script>alert(1)</script> "b"', {"title": '"><img src=x onerror=alert(1)>'})
    parsed = lxml_html.fromstring(hostile.html())
    assert not parsed.xpath("//script|//img") and parsed.head.xpath("string(meta[2]/@content)").startswith('">')
    search.write_defined_terms(items, tmp_path)
    terms = json.loads((tmp_path / search.DEFINED_TERMS).read_text(encoding="utf-8"))["terms"]
    assert "العنف الرقمي" in terms and "العنف ضد المراه" in terms and terms == sorted(set(terms))


def test_every_repair_kind_the_importer_writes_has_an_arabic_name():
    # the site's repair tables name each kind in Arabic; a kind without a name reads «إصلاح آخر»
    import re

    from lawtool.publish.wording import REPAIR_KINDS

    importer = Path(__file__).resolve().parents[1] / "lawtool/importer"
    lines = [line for p in importer.glob("*.py") for line in p.read_text(encoding="utf-8").splitlines()]
    kinds = {k for line in lines for k in re.findall(r'(?:Repair|Reading)\(.*?"([a-z]+(?:-[a-z]+)*)"', line)}
    assert {"glued-word", "final-ligature", "glyph-substitution", "reversed-word", "stray-heh"} <= kinds
    assert sorted(kinds - set(REPAIR_KINDS)) == []
