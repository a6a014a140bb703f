"""Three columns (text in force | proposed | changes) for amending texts, on the real corpus."""

import json
from pathlib import Path

import pytest

from lawtool.akn import Document
from lawtool.diff.compare import compare, render_comparison

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml"
PENAL_CODE = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"
LAW_103_13 = REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml"


@pytest.fixture(scope="module")
def code():
    return Document.load(PENAL_CODE)


@pytest.fixture(scope="module")
def bill_rows(code):
    return compare(Document.load(BILL), code)


@pytest.fixture(scope="module")
def law_rows(code):
    return compare(Document.load(LAW_103_13), code)


def test_bill_against_penal_code(bill_rows):
    rows = {r.target: r for r in bill_rows.rows}
    assert list(rows) == ["art_447-1", "art_447-2", "art_447-3", "art_447-4"]
    assert [rows[t].status for t in rows] == ["modified", "modified", "modified", "added"]
    assert rows["art_447-4"].in_force is None and rows["art_447-4"].mod_type == "insertion"
    assert {r.bill_article for r in bill_rows.rows} == {"art_37"}
    ops = [(op.op, op.new) for op in rows["art_447-2"].ops if op.op == "insert"]
    assert ("insert", "خمس") in ops
    # the bill's amendment of Law 103.13 is listed apart, not compared with the Penal Code
    assert [e["destination"] for e in bill_rows.elsewhere] == ["/akn/ma/act/2018/103-13/~art_1"]


def test_law_103_13_against_consolidated_penal_code(law_rows):
    rows = {r.target: r for r in law_rows.rows}
    # real divergences between the re-enacted articles and the 2024 consolidation
    assert rows["art_88-1"].status == "modified" and rows["art_447-3"].status == "modified"
    assert rows["art_404"].status == "unchanged"
    quoting = [r for r in law_rows.rows if r.status != "not-compared"]
    assert all(r.in_force is not None for r in quoting), "every quoted article exists in the code"
    summary = law_rows.summary()
    assert summary["unchanged"] + summary["modified"] + summary["typographic"] == len(quoting) >= 20
    # article 3 changes the heading of a division («يغير ... عنوان الفرع السابع»), with no textualMod:
    # its row says that it was not compared, and why (it had no row at all)
    (heading,) = [r for r in law_rows.rows if r.status == "not-compared"]
    assert heading.bill_article == "art_3" and heading.convention == "substitution"
    assert "الفرع 7" in heading.proposed.text and "not compared" in heading.note and heading.note_ar
    # destinations in Law 22.01 (criminal procedure) are not compared with the Penal Code
    assert {e["destination"].split("/~")[0] for e in law_rows.elsewhere} == {"/akn/ma/act/2002/22-01"}


def test_formats(bill_rows):
    data = json.loads(render_comparison(bill_rows, "json"))
    assert data["schema"] == "lawtool.compare/1" and len(data["rows"]) == 4
    assert data["rows"][0]["in_force_text"] and data["rows"][0]["proposed_text"]
    html = render_comparison(bill_rows, "html")
    assert 'dir="rtl" lang="ar"' in html and html.count("<tr>") == 1 + 4 and "<ins>" in html and "<del>" in html
    md = render_comparison(bill_rows, "markdown")
    assert md.count("| النص الساري | النص المقترح | التغييرات |") == 4
    text = render_comparison(bill_rows, "text")
    assert "[modified] (substitution)" in text and "[added] (insertion)" in text
    docx = render_comparison(bill_rows, "docx")
    assert docx[:2] == b"PK" and docx == render_comparison(bill_rows, "docx")


def test_a_supplement_keeps_what_the_dotted_line_stands_for():
    """Bill article 38 supplements («تتمم») article 1 of Law 103.13: its dotted line stands for
    the definitions in force, which stay; the one new definition is the only change."""
    from lawtool.akn import Document
    from lawtool.diff.compare import compare

    repo = Path(__file__).resolve().parents[1]
    bill = Document.load(repo / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml")
    law = Document.load(repo / "law/ma/act/2018/103-13/ara@2018-03-12.xml")
    (row,) = compare(bill, law).rows
    assert row.target == "art_1" and row.status == "modified" and "«تتمم»" in row.note
    changed = [op for op in row.ops if op.op != "equal"]
    assert [op.op for op in changed] == ["insert"] and "العنف الرقمي" in changed[0].new
    kept = "".join(op.new for op in row.ops if op.op == "equal")
    for term in ("العنف ضد المرأة", "العنف الجسدي", "العنف الجنسي", "العنف النفسي", "العنف الاقتصادي"):
        assert term in kept


def test_fill_dots():
    from lawtool.diff.compare import fill_dots

    assert fill_dots("a\nb\nc\nd", "a\n.....\nd\ne") == ("a\nb\nc\nd\ne", 2)
    assert fill_dots("a\nb", "x\n…") == ("x\na\nb", 2)
    assert fill_dots("a\nb", "a\nz") == ("a\nz", 0)


# -- the drafting conventions, on variants of bill article 38 written in memory ------------------

DIGITAL = "العنف الرقمي: كل فعل يرتكب باستعمال وسيلة رقمية ويترتب عليه ضرر للمرأة."
IN_FORCE_TERMS = ("العنف ضد المرأة", "العنف الجسدي", "العنف الجنسي", "العنف النفسي", "العنف الاقتصادي")


def _bill_with_article_38(words: str, quoted: str | None, *, kind: str = "substitution") -> Document:
    """The bill's first version with article 38's mod replaced: ``words`` (the drafting words),
    then ``quoted`` (a quoted paragraph, or nothing), and its textualMod's type ``kind``."""
    from lxml import etree

    bill = Document.load(BILL)
    ns = bill.root.nsmap[None]
    (mod,) = bill.root.xpath("//*[@eId='art_38__para_1__mod_1']")
    for child in list(mod):
        mod.remove(child)
    mod.text = words
    ref = etree.SubElement(mod, f"{{{ns}}}ref", href="/akn/ma/act/2018/103-13/~art_1")
    ref.text = "المادة الأولى"
    ref.tail = " من القانون رقم 103.13" + (" بالفقرة التالية: " if quoted else ".")
    if quoted:
        qs = etree.SubElement(mod, f"{{{ns}}}quotedStructure", eId="art_38__para_1__mod_1__qstr_1")
        para = etree.SubElement(qs, f"{{{ns}}}paragraph", eId="art_38__para_1__mod_1__qstr_1__para_1")
        etree.SubElement(etree.SubElement(para, f"{{{ns}}}content"), f"{{{ns}}}p").text = quoted
    (textual,) = bill.root.xpath("//*[local-name()='textualMod'][*[@href='#art_38__para_1__mod_1']]")
    textual.set("type", kind)
    return Document.from_bytes(bill.to_bytes())


def _row(bill: Document):
    (row,) = compare(bill, Document.load(LAW_103_13)).rows
    return row


def test_a_supplement_by_a_paragraph_adds_it_and_keeps_the_article():
    """«تتمم المادة الأولى ... بالفقرة التالية» quoting one paragraph: the article as it would read
    keeps every definition in force and adds the new one (it had no row at all)."""
    row = _row(_bill_with_article_38("تتمم ", DIGITAL))
    assert row.convention == "supplement" and row.status == "modified" and row.note_ar
    assert [op.op for op in row.ops if op.op != "equal"] == ["insert"]
    kept = "".join(op.new for op in row.ops if op.op == "equal")
    assert all(term in kept for term in IN_FORCE_TERMS)


def test_a_supplement_quoting_the_article_without_dots_strikes_nothing_out():
    """«تتمم» quoting the article's first line and the new definition, with no dotted line: by the
    convention nothing in force is struck out (the five definitions were shown deleted)."""
    bill = Document.load(BILL)
    (dots,) = bill.root.xpath("//*[@eId='art_38__para_1__mod_1__qstr_1__art_1__para_2']")
    assert "....." in "".join(dots.itertext())
    dots.getparent().remove(dots)
    row = _row(Document.from_bytes(bill.to_bytes()))
    assert row.convention == "supplement" and row.status == "modified"
    assert [op.op for op in row.ops if op.op != "equal"] == ["insert"]
    assert "«تتمم»" in row.note


def test_a_repeal_strikes_the_article_out():
    row = _row(_bill_with_article_38("تنسخ أحكام ", None, kind="repeal"))
    assert row.convention == "repeal" and row.status == "deleted"
    assert [op.op for op in row.ops] == ["delete"] and "العنف الجسدي" in row.ops[0].old


def test_a_change_of_a_part_lawtool_cannot_place_says_so():
    """«تغير الفقرة ...» quoting one paragraph: which paragraph it replaces is not read, and the row
    says so instead of showing the article's other paragraphs struck out."""
    row = _row(_bill_with_article_38("تغير على النحو التالي الفقرة الثانية من ", DIGITAL))
    assert row.convention == "substitution" and row.status == "not-compared" and row.ops == ()
    assert "not compared" in row.note and "لم تتم المقارنة" in row.note_ar


def test_the_supplement_of_article_38_in_every_format():
    """The comparison of article 38 keeps the five definitions in force and adds the new one in
    JSON, HTML and DOCX alike (no deletion anywhere), for every version of the bill."""
    import io
    import zipfile

    law = Document.load(LAW_103_13)
    for path in sorted(BILL.parent.glob("ara@*.xml")):
        comparison = compare(Document.load(path), law)
        data = json.loads(render_comparison(comparison, "json"))
        (row,) = data["rows"]
        assert [op["op"] for op in row["ops"] if op["op"] != "equal"] == ["insert"], path.name
        html = render_comparison(comparison, "html")
        assert "<del>" not in html and html.count("<ins>") == 1 and "العنف الرقمي" in html
        body = zipfile.ZipFile(io.BytesIO(render_comparison(comparison, "docx"))).read("word/document.xml").decode()
        assert "<w:strike" not in body and "العنف الرقمي" in body
        assert all(term in body for term in IN_FORCE_TERMS)


def test_every_target_of_a_mod_gets_its_row_and_a_repeal_is_a_repeal():
    """One mod adds a paragraph to article 1 and repeals article 2 (two textualMods): article 2 is
    shown struck out, whatever the mod quotes (it was shown «modified», the quotation added to it)."""
    from lxml import etree

    bill = _bill_with_article_38("تتمم على النحو التالي ", DIGITAL, kind="insertion")
    (textual,) = bill.root.xpath("//*[local-name()='textualMod'][*[@href='#art_38__para_1__mod_1']]")
    repeal = etree.fromstring(etree.tostring(textual))
    repeal.set("type", "repeal")
    repeal.set("eId", "amod_repeal")
    (destination,) = [c for c in repeal if c.tag.endswith("destination")]
    destination.set("href", "/akn/ma/act/2018/103-13/~art_2")
    textual.addnext(repeal)
    rows = {r.target: r for r in compare(Document.from_bytes(bill.to_bytes()), Document.load(LAW_103_13)).rows}
    assert set(rows) == {"art_1", "art_2"}
    assert rows["art_1"].status == "modified" and rows["art_2"].status == "deleted"
    assert [op.op for op in rows["art_2"].ops] == ["delete"]


def test_a_supplement_completing_a_line_in_force_replaces_it_in_place():
    from lawtool.diff.compare import supplement

    text, kept = supplement("intro a b c\nd1 x\nd2 y", "intro a b c and more\nnew z")
    assert text == "intro a b c and more\nd1 x\nd2 y\nnew z" and kept == 2
    assert supplement("p q r\nd1", "p q r\nd1\nnew") == ("p q r\nd1\nnew", 0)
