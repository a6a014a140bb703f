"""The diff's outputs: JSON schema, standalone RTL HTML (escaped), Markdown, DOCX, terminal text."""

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from lxml import etree

from lawtool.akn import Document
from lawtool.diff import diff_documents
from lawtool.diff.render import render, to_json
from lawtool.diff.text import RLM, visual

BILL = Path(__file__).resolve().parents[1] / "bills/ma/bill/2024/digital-violence"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)> | **bold** [link](http://e.com) & é'


@pytest.fixture(scope="module")
def result():
    return diff_documents(Document.load(BILL / "ara@2024-05-14.xml"), Document.load(BILL / "ara@2024-12-10.xml"))


@pytest.fixture(scope="module")
def hostile():
    """Version 2 with hostile text in an article and in a chapter heading."""
    old = Document.load(BILL / "ara@2024-05-14.xml")
    new = Document.load(BILL / "ara@2024-12-10.xml")
    p = new.by_eid("art_5__para_1").find(".//{*}p")
    p.text = HOSTILE + " " + (p.text or "")
    new.by_eid("chp_2").find("{*}heading").text = HOSTILE
    return diff_documents(old, Document.from_bytes(new.to_bytes()))


def test_json_schema(result):
    data = json.loads(render(result, "json"))
    assert list(data) == [
        "schema",
        "old",
        "new",
        "old_title",
        "new_title",
        "show_typographic",
        "summary",
        "summary_containers",
        "concordance",
        "changes",
        "summary_texts",
        "language",
        "warnings",
    ]
    assert data["schema"] == "lawtool.diff/1"
    assert data["old"] == "/akn/ma/bill/2024/digital-violence/ara@2024-05-14"
    assert set(data["summary"]) == {
        "unchanged",
        "typographic",
        "modified",
        "moved",
        "renumbered",
        "split",
        "merged",
        "added",
        "deleted",
    }
    assert all(
        set(row) == {"old", "new", "old_num", "new_num", "status", "old_ref", "new_ref"} for row in data["concordance"]
    )
    keys = {
        "kind",
        "status",
        "old_eid",
        "new_eid",
        "old_num",
        "new_num",
        "old_label",
        "new_label",
        "old_eids",
        "new_eids",
        "old_parent",
        "new_parent",
        "moved",
        "renumbered",
        "text_changed",
        "ops",
        "parts",
        "old_ref",
        "new_ref",
        "level",
        "evidence",
    }
    assert all(set(c) == keys for c in data["changes"])
    split = next(c for c in data["changes"] if c["status"] == "split")
    assert split["old_eids"] == ["art_12"] and split["new_eids"] == ["art_12", "art_12-bis"]
    ops = next(c for c in data["changes"] if c["old_eid"] == "art_5")["ops"]
    assert {"op": "delete", "text": "دورية"} in ops and {"op": "insert", "text": "سنوية"} in ops
    moved = next(c for c in data["changes"] if c["status"] == "moved")
    assert moved["ops"] == [] and (moved["old_parent"], moved["new_parent"]) == ("chp_1", "chp_3")


def test_html_is_a_standalone_rtl_page(result):
    html = render(result, "html")
    root = etree.fromstring(html.split("\n", 1)[1].encode("utf-8"), etree.HTMLParser())
    assert root.get("dir") == "rtl" and root.get("lang") == "ar"
    assert not root.xpath("//script") and not root.xpath("//link[@rel='stylesheet']")
    assert root.xpath("//nav//a") and root.xpath("//table[@class='compare']")
    assert root.xpath("//del[text()='دورية']") and root.xpath("//ins[text()='سنوية']")
    ids = set(root.xpath("//@id"))
    links = [h[1:] for h in root.xpath("//a/@href") if h.startswith("#")]
    assert links and all(link in ids for link in links), "every internal link has its target"
    # the moved article: its old row links to its new place, and back
    moved_row = root.xpath("//tr[@id='row-old-art_3']")[0]
    assert moved_row.xpath(".//a[@href='#new-art_17-bis']")
    assert root.xpath("//tr[@class='moved']//a[@href='#old-art_3']")


def test_html_escapes_document_text(hostile):
    html = render(hostile, "html")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    root = etree.fromstring(html.split("\n", 1)[1].encode("utf-8"), etree.HTMLParser())
    assert not root.xpath("//script|//img|//*[@onerror]")
    assert HOSTILE in "".join(root.itertext())


def test_markdown_escapes_document_text(hostile):
    md = render(hostile, "markdown")
    assert "<script>" not in md and "<img" not in md and "**bold**" not in md and "[link](" not in md
    assert r"&lt;script&gt;" in md and r"\*\*bold\*\*" in md and r"\|" in md


def test_markdown_sections(result):
    md = render(result, "markdown")
    assert md.startswith("# مقارنة: ")
    assert '### <a id="art_17-bis"></a>المادة 3 ← المادة 17 مكررة (منقولة)' in md
    assert "<del>دورية</del>" in md and "<ins>سنوية</ins>" in md
    assert "| 12 | 12-bis | مجزأة |" in md


def test_docx_is_right_to_left_and_deterministic(result, tmp_path):
    import docx

    data = render(result, "docx")
    assert data == render(result, "docx")
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert {i.date_time for i in z.infolist()} == {(2024, 12, 10, 0, 0, 0)}
        body = z.read("word/document.xml").decode("utf-8")
    assert body.count("<w:bidiVisual/>") == 3  # summary, changes, concordance
    assert "<w:bidi/>" in body and "<w:rtl/>" in body and 'w:bidi="ar-MA"' in body
    path = tmp_path / "diff.docx"
    path.write_bytes(data)
    document = docx.Document(path)
    changes = document.tables[1]
    assert len(changes.rows) == 1 + len([c for c in result.changes() if c.level in ("provision", "text")])
    cells = [c.text for row in changes.rows for c in row.cells]
    assert any("سنوية" in c for c in cells) and any("(حذفت)" in c for c in cells)
    struck = [r.text for p in changes.rows[4].cells[0].paragraphs for r in p.runs if r.font.strike]
    assert struck == ["دورية"]


def test_text_marks_and_rtl(result):
    plain = render(result, "text")
    assert "[-دورية-]{+سنوية+}" in plain and "\x1b[" not in plain
    assert any(line.startswith(RLM + "المادة 5") for line in plain.splitlines())
    assert "typographic-only" in plain and "المادة 6" not in plain
    coloured = render(result, "text", color=True)
    assert "\x1b[31;9mدورية\x1b[0m" in coloured
    shown = render(result, "text", typographic=True)
    assert "{~تدرج→تُدرج~}" in shown


def test_visual_layout_of_a_right_to_left_line():
    line = [("المادة 447-1 (جديدة) abc", None)]
    laid = "".join(t for t, _ in visual(line))
    assert laid == "abc (ةديدج) 447-1 ةداملا"
    padded = visual(line, width=30)
    assert padded[0] == (" " * (30 - len(line[0][0])), None)


def _json_values(scalars):
    return st.recursive(
        scalars,
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
        max_leaves=20,
    )


@settings(derandomize=True, max_examples=300, deadline=None)
@given(_json_values(st.none() | st.booleans() | st.integers() | st.text()))
@example({"lone surrogate": "\ud800", "beyond 64 bits": 2**70})
def test_json_is_the_standard_librarys_indented_text(value):
    """``to_json`` (orjson, for speed) writes the very text of json.dumps: integers beyond 64
    bits and lone surrogates included (they go to the standard library)."""
    assert to_json(value) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"


@settings(derandomize=True, max_examples=300, deadline=None)
@given(_json_values(st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=3)))
def test_json_floats_read_back_equal(value):
    """Floats keep their value (orjson writes 1e-05 as 0.00001)."""
    assert json.loads(to_json(value)) == value
