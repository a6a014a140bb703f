"""The law as the bill would leave it (`amend project`), and blame between bill versions."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lawtool.akn import Document, text_of
from lawtool.amend import load_amendments
from lawtool.amend.blame import blame
from lawtool.amend.project import project
from lawtool.diff import diff_documents
from lawtool.diff.compare import compare, fill_dots
from lawtool.diff.units import outline
from lawtool.validate import validate_document

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence"
V2, V3 = BILL / "ara@2024-12-10.xml", BILL / "ara@2025-02-18.xml"
PENAL_CODE = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"
LAW_103_13 = REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml"
CPP = REPO / "law/ma/act/2002/22-01/ara@2025-09-08.xml"


def lawtool(*args, cwd=REPO):
    return subprocess.run(
        [sys.executable, "-m", "lawtool.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


@pytest.mark.parametrize("law_path", [PENAL_CODE, LAW_103_13])
def test_projection_is_valid_labelled_and_its_diff_is_exactly_the_bills_changes(law_path, tmp_path):
    bill, law = Document.load(V3), Document.load(law_path)
    result = project(bill, law)
    doc = result.document
    doc.path = str(tmp_path / "projection.xml")
    assert [f for f in validate_document(doc) if f.severity == "error"] == []
    # labelled: date, FRBR expression, notice, proprietary record, lifecycle event
    assert str(doc.frbr_expression) == f"{law.frbr_expression.work_uri()}/ara@2025-02-18"
    assert doc.notice.startswith("إسقاط:") and "Projection" in doc.notice
    record = doc.xpath("./a:meta/a:proprietary/*[local-name()='projection']", doc.main)[0]
    assert record.get("bill") == str(bill.frbr_expression) and record.get("base") == str(law.frbr_expression)
    # the diff with the law in force: exactly the articles of the bill's mods, with the bill's text
    expected = {}
    for row in compare(bill, law).rows:
        text = fill_dots(row.in_force.text, row.proposed.text)[0] if row.in_force else row.proposed.text
        expected[row.target] = text
    diff = diff_documents(law, doc)
    changed = {c.new_eid or c.old_eid for c in diff.articles if c.is_change(typographic=True)}
    assert changed == set(expected)
    new_units = {u.eid: u for u in outline(doc).articles}
    for eid, text in expected.items():
        assert new_units[eid].text == text, eid
    assert {c.status for c in diff.articles if c.is_change(typographic=True)} <= {"modified", "added"}
    assert not [c for c in diff.articles if c.status in ("deleted", "moved", "renumbered", "split", "merged")]


def test_dotted_lines_keep_the_paragraphs_in_force():
    result = project(Document.load(V3), Document.load(LAW_103_13))
    assert result.kept == {"art_1": 5}
    article = result.document.by_eid("art_1")
    paragraphs = [text_of(p) for p in article.iter("{*}paragraph")]
    assert paragraphs[0] == "من أجل تطبيق أحكام هذا القانون، يراد بما يلي:"
    assert paragraphs[-1].startswith("العنف الرقمي:") and not any(set(p) <= set(". ") for p in paragraphs)


def test_committed_projections_are_reproduced():
    for law_path in (PENAL_CODE, LAW_103_13):
        result = project(Document.load(V3), Document.load(law_path))
        committed = REPO / "projections" / result.document.frbr_expression.relative_path()
        assert committed.read_bytes() == result.document.to_bytes(), committed


def test_cli_refuses_a_law_the_bill_does_not_amend_and_law_folder(tmp_path):
    result = lawtool("amend", "project", V3, "--law", CPP, "-o", tmp_path / "x.xml")
    assert result.returncode == 2 and "amends no article" in result.stderr and not (tmp_path / "x.xml").exists()
    result = lawtool("amend", "project", V3, "--law", PENAL_CODE, "-o", "law/ma/act/1962/1-59-413/ara@2025-02-18.xml")
    assert result.returncode == 2 and "not law" in result.stderr
    assert not (REPO / "law/ma/act/1962/1-59-413/ara@2025-02-18.xml").exists()
    out = tmp_path / "pc.xml"
    ok = lawtool("amend", "project", V3, "--law", PENAL_CODE, "-o", out)
    assert ok.returncode == 0 and "(projection)" in ok.stdout + ok.stderr and out.exists()


def test_cli_refuses_a_bill_whose_expression_has_no_date_without_date(tmp_path):
    """Without --date the projection takes the bill's expression date; a bill without one used to
    end in a TypeError traceback (found by mypy)."""
    bill = Document.load(V3)
    (date,) = bill.xpath("./a:meta/a:identification/a:FRBRExpression/a:FRBRdate", bill.main)
    date.getparent().remove(date)
    undated = tmp_path / "bill.xml"
    undated.write_bytes(bill.to_bytes())
    out = tmp_path / "pc.xml"
    result = lawtool("amend", "project", undated, "--law", PENAL_CODE, "-o", out)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "no date" in result.stderr and "--date" in result.stderr and not out.exists()
    dated = lawtool("amend", "project", undated, "--law", PENAL_CODE, "-o", out, "--date", "2025-02-18")
    assert dated.returncode == 0 and out.exists()


def test_blame_gives_each_changed_word_its_amendment():
    amendments = load_amendments(sorted((BILL / "amendments").glob("*.yaml")))
    entries = blame(Document.load(V2), Document.load(V3), amendments)
    by_words = {(e["eid"], e["change"], e["words"]): e["amendments"] for e in entries}
    assert by_words[("art_17__para_1", "insert", "سبع")] == ["dv-ex-01"]
    assert by_words[("art_17__para_1", "delete", "100.000")] == ["dv-ex-01"]
    assert by_words[("art_30__para_1", "insert", "اثنتي عشرة")] == ["dv-ex-04"]
    assert any(e["eid"] == "art_18__para_3" and e["amendments"] == ["dv-ex-02"] for e in entries)
    provisions = [e for e in entries if e["eid"].startswith("art_")]
    assert provisions and all(len(e["amendments"]) == 1 for e in provisions)
    # what no amendment made (the version's notice) is listed without one
    assert all(e["amendments"] == [] for e in entries if not e["eid"].startswith("art_"))


def test_blame_cli(tmp_path):
    result = lawtool("amend", "blame", V2, V3, "--format", "json")
    assert result.returncode == 0, result.stderr
    # without the amendments' files the step cannot be checked: said in one line
    assert "cannot check" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert any(e["amendments"] == ["dv-ex-04"] for e in json.loads(result.stdout))
    out = tmp_path / "blame.html"
    assert lawtool("amend", "blame", V2, V3, "-f", "html", "-o", out).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert 'dir="rtl"' in page and "dv-ex-01" in page and "<ins>سبع</ins>" in page


def test_projections_of_the_bill_for_the_site():
    from lawtool.amend.project import amended_works, projections_of

    bill = Document.load(V3)
    assert amended_works(bill) == ["/akn/ma/act/1962/1-59-413", "/akn/ma/act/2018/103-13"]
    found = projections_of(bill, REPO / "law")
    assert [str(law.frbr_expression) for law, _ in found] == [
        "/akn/ma/act/1962/1-59-413/ara@2024-08-22",
        "/akn/ma/act/2018/103-13/ara@2018-03-12",
    ]
    assert all(p.document.notice.startswith("إسقاط") for _, p in found)


def test_blame_refuses_a_step_the_amendments_did_not_make():
    """The amendments V3 records amend V2: blaming V1 → V3 with them would give them V1 → V2's changes."""
    result = lawtool("amend", "blame", BILL / "ara@2024-05-14.xml", V3, *sorted((BILL / "amendments").glob("*.yaml")))
    assert result.returncode == 2
    assert "not /akn/ma/bill/2024/digital-violence/ara@2024-05-14" in result.stderr and "Traceback" not in result.stderr


def test_a_supplement_without_dotted_lines_keeps_the_paragraphs_in_force():
    """«تتمم» quoting the first line and the new definition, without the dotted line: the
    projection keeps the five definitions in force all the same (it dropped them)."""
    bill = Document.load(V3)
    (dots,) = bill.root.xpath("//*[@eId='art_38__para_1__mod_1__qstr_1__art_1__para_2']")
    dots.getparent().remove(dots)
    result = project(Document.from_bytes(bill.to_bytes()), Document.load(LAW_103_13))
    assert result.kept == {"art_1": 5}
    paragraphs = [text_of(p) for p in result.document.by_eid("art_1").iter("{*}paragraph")]
    assert len(paragraphs) == 7 and paragraphs[-1].startswith("العنف الرقمي:")
    assert [p.split(":")[0] for p in paragraphs[1:6]] == [
        "العنف ضد المرأة",
        "العنف الجسدي",
        "العنف الجنسي",
        "العنف النفسي",
        "العنف الاقتصادي",
    ]


def test_a_change_lawtool_cannot_project_is_refused_in_one_line(tmp_path):
    """A repeal of article 1 (no article quoted), the bill's only change to Law 103.13: nothing can
    be projected, and the projection stops saying which article of the bill and why, writing nothing."""
    bill = Document.load(V3)
    (mod,) = bill.root.xpath("//*[@eId='art_38__para_1__mod_1']")
    for child in list(mod):
        if child.tag.endswith("quotedStructure"):
            mod.remove(child)
    mod.text = "تنسخ أحكام المادة الأولى من القانون رقم 103.13."
    path = tmp_path / "bill.xml"
    path.write_bytes(bill.to_bytes())
    result = lawtool("amend", "project", path, "--law", LAW_103_13, "-o", tmp_path / "x.xml")
    assert result.returncode == 2 and "can be projected" in result.stderr and "المادة 38" in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "x.xml").exists()


def test_a_change_lawtool_cannot_project_is_named_and_the_rest_projected(tmp_path):
    """Law 103.13 projected on the Penal Code: its article 3 changes a division's heading and no
    textualMod describes it; the 25 articles it quotes are projected and a warning names article 3."""
    result = project(Document.load(LAW_103_13), Document.load(PENAL_CODE), date="2026-01-01")
    assert len(result.targets) == 25 and len(result.skipped) == 1 and result.skipped[0].startswith("المادة 3")
    cli = lawtool("amend", "project", LAW_103_13, "--law", PENAL_CODE, "--date", "2026-01-01", "-o", tmp_path / "p.xml")
    assert cli.returncode == 0 and "warning: المادة 3" in cli.stderr and (tmp_path / "p.xml").exists()


def test_a_supplement_completing_a_line_takes_its_place():
    """«تتمم» quoting the first line with words added and the new definition, no dotted line: the
    completed line takes the first line's place, the five definitions follow, then the new one
    (the first line was kept and the completed one added after the definitions)."""
    bill = Document.load(V3)
    (dots,) = bill.root.xpath("//*[@eId='art_38__para_1__mod_1__qstr_1__art_1__para_2']")
    dots.getparent().remove(dots)
    (first,) = bill.root.xpath("//*[@eId='art_38__para_1__mod_1__qstr_1__art_1__para_1']//*[local-name()='p']")
    first.text = "من أجل تطبيق أحكام هذا القانون والنصوص المتخذة لتطبيقه، يراد بما يلي:"
    result = project(Document.from_bytes(bill.to_bytes()), Document.load(LAW_103_13))
    paragraphs = [text_of(p) for p in result.document.by_eid("art_1").iter("{*}paragraph")]
    assert paragraphs[0] == first.text and len(paragraphs) == 7 and paragraphs[-1].startswith("العنف الرقمي:")
    assert sum("يراد بما يلي" in p for p in paragraphs) == 1
