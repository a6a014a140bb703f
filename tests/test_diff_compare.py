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
    assert all(r.in_force is not None for r in law_rows.rows), "every quoted article exists in the code"
    summary = law_rows.summary()
    assert summary["unchanged"] + summary["modified"] + summary["typographic"] == len(law_rows.rows) >= 20
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
