"""Amendments in Word: the form written by `amend template`, filled with python-docx (as staff
would in Word) or made by hand in other shapes, read by `amend import-docx`, then applied."""

import subprocess
import sys
from pathlib import Path

import docx
import pytest

from lawtool.akn import Document, text_of
from lawtool.amend import apply_amendments, load_amendments
from lawtool.amend.docx_form import FormError, read_form, template

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-12-10.xml"
GROUP_A, GROUP_B = "فريق برلماني (مثال أ)", "فريق برلماني (مثال ب)"


def lawtool(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "lawtool.cli", *map(str, args)], capture_output=True, text=True, cwd=cwd
    )


def _row(table, label):
    for row in table.rows:
        if row.cells[1].text == label:
            return row.cells
    raise AssertionError(f"no row {label} in the form")


def _fill(cells, **values):
    columns = {
        "number": 0,
        "kind": 2,
        "current": 3,
        "proposed": 4,
        "justification": 5,
        "proposer": 6,
        "cosignatories": 7,
    }
    for key, value in values.items():
        cells[columns[key]].text = value


def test_template_is_a_right_to_left_form_of_every_block(tmp_path):
    out = tmp_path / "form.docx"
    result = lawtool("amend", "template", BILL, "-o", out)
    assert result.returncode == 0, result.stderr
    form = docx.Document(out)
    xml = form.element.xml
    assert "w:bidiVisual" in xml and "<w:bidi/>" in xml and "w:rtl" in xml
    table = form.tables[0]
    assert [c.text for c in table.rows[0].cells] == [
        "رقم التعديل",
        "المرجع",
        "نوع التعديل",
        "النص الحالي",
        "النص المقترح",
        "التعليل",
        "مقدم التعديل",
        "الموقعون",
        "الحالة",
    ]
    cells = _row(table, "المادة 17، الفقرة 1")
    assert cells[3].text.startswith("يعاقب بالحبس من سنتين إلى خمس سنوات")
    assert _row(table, "المادة الأولى، الفقرة 1، البند 3")
    assert any("نص عمل" in p.text or "lawtool" in p.text for p in form.paragraphs), "the working-text notice"
    # deterministic, and never over an existing file without --force
    assert template(Document.load(BILL)) == template(Document.load(BILL))
    again = lawtool("amend", "template", BILL, "-o", out)
    assert again.returncode == 2 and "exists" in again.stderr


def test_template_fill_import_apply_gives_the_expected_version(tmp_path):
    form_path = tmp_path / "form.docx"
    form_path.write_bytes(template(Document.load(BILL)))
    form = docx.Document(form_path)
    table = form.tables[0]
    _fill(
        _row(table, "المادة 17، الفقرة 1"),
        kind="تعديل",
        current="بالحبس من سنتين إلى خمس سنوات",
        proposed="بالحبس من ثلاث إلى سبع سنوات",
        proposer=GROUP_A,
        cosignatories="عضو (مثال 1)\nعضو (مثال 2)",
        justification="رفع العقوبة (مثال).",
    )
    _fill(
        _row(table, "المادة 30، الفقرة 1"),
        kind="تعديل",
        proposer=GROUP_B,
        proposed="يجب على مزودي الخدمات الرقمية سحب المحتوى داخل أجل اثنتي عشرة ساعة (نص مثال).",
    )
    _fill(
        _row(table, "المادة 18، الفقرة 2"),
        kind="إضافة",
        proposer=GROUP_A,
        number="7",
        proposed="فقرة جديدة مضافة (مثال).",
    )
    _fill(_row(table, "المادة 18، الفقرة 1"), kind="حذف", proposer=GROUP_A, number="7")
    _fill(
        _row(table, "المادة 35، الفقرة 1، البند 4"), kind="إضافة", proposer=GROUP_B, proposed="5- بند جديد مضاف (مثال)."
    )
    form.save(form_path)

    out = tmp_path / "amendments.yaml"
    result = lawtool(
        "amend", "import-docx", form_path, "--bill", BILL, "-o", out, "--date", "2025-01-30", "--prefix", "form"
    )
    assert result.returncode == 0, result.stderr
    amendments = load_amendments([out])
    assert [a.id for a in amendments] == ["form-01", "form-07", "form-03", "form-04"]
    first = amendments[0]
    assert first.cosignatories == ["عضو (مثال 1)", "عضو (مثال 2)"] and first.proposer == GROUP_A
    assert first.operations[0].op == "substitute" and first.justification == "رفع العقوبة (مثال)."
    assert [op.op for op in amendments[1].operations] == ["delete", "insert"]

    bill = Document.load(BILL)
    new = apply_amendments(bill, amendments, date="2025-02-01").document
    index = new.eid_index()
    assert "بالحبس من ثلاث إلى سبع سنوات" in text_of(index["art_17__para_1"])
    assert (
        text_of(index["art_30__para_1"])
        == "يجب على مزودي الخدمات الرقمية سحب المحتوى داخل أجل اثنتي عشرة ساعة (نص مثال)."
    )
    old18 = [text_of(p) for p in bill.by_eid("art_18").iter("{*}paragraph")]
    new18 = [text_of(p) for p in index["art_18"].iter("{*}paragraph")]
    assert new18 == old18[1:2] + ["فقرة جديدة مضافة (مثال)."] + old18[2:]
    assert text_of(index["art_35__para_1__point_5"]).endswith("بند جديد مضاف (مثال).")
    # the yaml is accepted by the other commands
    check = lawtool("amend", "check", BILL, out)
    assert check.returncode == 0, check.stdout + check.stderr


def _hand_made(path: Path, rows: list[list[str]], header: list[str], *, title_row: bool = False) -> None:
    """A form made by hand: the table Word users make (no right-to-left settings, headers their way)."""
    document = docx.Document()
    document.add_paragraph("تعديلات الفريق (مثال)")
    table = document.add_table(rows=0, cols=len(header))
    if title_row:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[-1])
        merged.text = "جدول التعديلات"
    for values in [header, *rows]:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            cell.text = value
    document.save(path)


def test_hand_made_variants_french_headers_blank_rows_merged_cells(tmp_path):
    path = tmp_path / "hand.docx"
    header = ["Auteur", "Article visé", "Nature", "Texte proposé", "Exposé des motifs", "Texte actuel"]
    rows = [
        [
            GROUP_A,
            "article 17, alinéa premier",
            "Modification",
            "بالحبس من ثلاث إلى سبع سنوات",
            "motif",
            "بالحبس من سنتين إلى خمس سنوات",
        ],
        ["", "", "", "", "", ""],
        [GROUP_B, "المادة 30 - الفقرة الأولى", "suppression", "", "", ""],
        ["", "", "", "", "", ""],
    ]
    _hand_made(path, rows, header, title_row=True)
    # a vertically merged proposer: Word repeats the cell in the rows it spans
    document = docx.Document(path)
    table = document.tables[0]
    table.cell(2, 0).merge(table.cell(3, 0))
    table.cell(2, 0).text = GROUP_A
    document.save(path)
    amendments = read_form(str(path), Document.load(BILL), prefix="hand", date="2025-01-30")
    assert [(a.proposer, [o.to_dict() for o in a.operations]) for a in amendments] == [
        (
            GROUP_A,
            [
                {
                    "op": "substitute",
                    "eid": "art_17__para_1",
                    "find": "بالحبس من سنتين إلى خمس سنوات",
                    "with": "بالحبس من ثلاث إلى سبع سنوات",
                }
            ],
        ),
        (GROUP_B, [{"op": "delete", "eid": "art_30__para_1"}]),
    ]
    assert amendments[0].justification == "motif"


def test_bad_rows_are_each_reported_and_nothing_is_written(tmp_path):
    path = tmp_path / "bad.docx"
    header = ["المرجع", "نوع التعديل", "النص الحالي", "النص المقترح", "مقدم التعديل"]
    rows = [
        ["المادة 17، الفقرة 1", "تعديل", "", "نص جديد (مثال).", GROUP_A],  # row 2: good
        ["المادة 99", "تعديل", "", "نص", GROUP_A],  # row 3: no article 99
        ["المادة 17، الفقرة 1", "تحويل", "", "نص", GROUP_A],  # row 4: unknown kind
        ["المادة 17، الفقرة 2", "تعديل", "", "نص", ""],  # row 5: no proposer
        ["المادة 17، الفقرة 1", "تعديل", "كلمات لا توجد في الفقرة", "نص", GROUP_B],  # row 6: words not there
        ["المادة 17", "إضافة", "", "نص بلا رقم", GROUP_B],  # row 7: new article, no number
    ]
    _hand_made(path, rows, header)
    out = tmp_path / "out.yaml"
    result = lawtool("amend", "import-docx", path, "--bill", BILL, "-o", out)
    assert result.returncode == 2
    assert not out.exists()
    err = result.stderr + result.stdout
    assert "Traceback" not in err
    for row, words in [
        (3, "no article"),
        (4, "تحويل"),
        (5, "no proposer"),
        (6, "neither the whole text"),
        (7, "number"),
    ]:
        line = next((x for x in err.splitlines() if f"bad.docx:row {row}:" in x), None)
        assert line and words in line and " — " in line, (row, err)
    assert "bad.docx:row 2:" not in err
    with pytest.raises(FormError) as caught:
        read_form(str(path), Document.load(BILL), prefix="x", date="2025-01-30")
    assert len(caught.value.lines) == 5


def test_import_never_overwrites_its_input_and_refuses_other_files(tmp_path):
    form = tmp_path / "form.docx"
    form.write_bytes(template(Document.load(BILL)))
    before = form.read_bytes()
    same = lawtool("amend", "import-docx", form, "--bill", BILL, "-o", form, "--force")
    assert same.returncode == 2 and "one of the inputs" in same.stderr
    assert form.read_bytes() == before
    empty = lawtool("amend", "import-docx", form, "--bill", BILL, "-o", tmp_path / "a.yaml")
    assert empty.returncode == 2 and "no filled row" in empty.stderr
    text = tmp_path / "notes.docx"
    text.write_text("not a word file", encoding="utf-8")
    wrong = lawtool("amend", "import-docx", text, "--bill", BILL, "-o", tmp_path / "b.yaml")
    assert wrong.returncode == 2 and "not a" in wrong.stderr and "Traceback" not in wrong.stderr
    other = REPO / "bills/ma/bill/2024/digital-violence/ara@2025-02-18.xml"
    mismatch = lawtool("amend", "import-docx", form, "--bill", other, "-o", tmp_path / "c.yaml")
    assert mismatch.returncode == 2 and "made for" in mismatch.stderr


def test_amendments_exported_to_the_form_edited_and_read_back(tmp_path):
    """export → edit in the DOCX → import gives the edited amendments."""
    paths = [REPO / f"bills/ma/bill/2024/digital-violence/amendments/dv-ex-0{n}.yaml" for n in (1, 2, 3, 4)]
    form = tmp_path / "amendments.docx"
    result = lawtool("amend", "template", BILL, *paths, "-o", form)
    assert result.returncode == 0, result.stderr
    originals = load_amendments(paths)
    back = read_form(str(form), Document.load(BILL), prefix="x", date="2025-01-21")
    assert [a.id for a in back] == [a.id for a in originals]
    for a, b in zip(originals, back, strict=False):
        assert [op.to_dict() for op in b.operations] == [op.to_dict() for op in a.operations], a.id
        assert (b.proposer, b.cosignatories, b.justification, b.status) == (
            a.proposer,
            a.cosignatories,
            a.justification,
            a.status,
        )
    # edit in Word: dv-ex-04 asks for six hours, and is withdrawn
    document = docx.Document(form)
    for row in document.tables[0].rows[1:]:
        if row.cells[0].text == "dv-ex-04":
            row.cells[4].text = "ست ساعات"
            row.cells[8].text = "مسحوب"
    document.save(form)
    out = tmp_path / "edited.yaml"
    assert lawtool("amend", "import-docx", form, "--bill", BILL, "-o", out, "--date", "2025-01-21").returncode == 0
    edited = {a.id: a for a in load_amendments([out])}
    assert edited["dv-ex-04"].operations[0].with_ == "ست ساعات" and edited["dv-ex-04"].status == "withdrawn"
    assert edited["dv-ex-01"].same_as(
        __import__("dataclasses").replace(
            originals[0], example=False, title=None, votes=None, path=edited["dv-ex-01"].path
        )
    )


def test_an_operation_the_form_cannot_hold_is_refused(tmp_path):
    move = tmp_path / "move.yaml"
    move.write_text(
        "id: x-move\ntarget: /akn/ma/bill/2024/digital-violence/ara@2024-12-10\nproposer: p\n"
        "date: 2025-01-21\nstatus: proposed\noperations:\n  - {op: move, eid: art_3, after: art_17}\n",
        encoding="utf-8",
    )
    result = lawtool("amend", "template", BILL, move, "-o", tmp_path / "f.docx")
    assert result.returncode == 2 and "the form cannot hold it" in result.stderr
    assert not (tmp_path / "f.docx").exists()
