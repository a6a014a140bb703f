"""Amendments as Akoma Ntoso <amendment> documents: valid against the official XSD and lawtool's
rules, and read back to the same operations (round trip), for every operation kind."""

import subprocess
import sys
from pathlib import Path

import pytest

from lawtool.akn import Document, text_of
from lawtool.amend import from_akn, load_amendment, parse_amendment, to_akn
from lawtool.validate import schema, validate_document

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence"
V2 = BILL / "ara@2024-12-10.xml"
EXAMPLES = sorted((BILL / "amendments").glob("*.yaml"))
TARGET = "/akn/ma/bill/2024/digital-violence/ara@2024-12-10"

EVERY_KIND = {
    "id": "all-kinds",
    "target": TARGET,
    "proposer": "فريق برلماني (مثال)",
    "date": "2025-01-30",
    "status": "withdrawn",
    "title": "كل العمليات",
    "justification": "سطر أول.\nسطر ثان.",
    "example": True,
    "operations": [
        {"op": "replace", "eid": "art_7", "text": "فقرة أولى.\nفقرة ثانية."},
        {
            "op": "replace",
            "eid": "art_23__para_1",
            "intro": "مقدمة:",
            "points": [{"num": "1", "text": "أ؛"}, {"num": "2", "text": "ب."}],
        },
        {"op": "replace", "eid": "chp_2", "heading": "عنوان جديد"},
        {"op": "replace", "eid": "art_27", "num": "المادة 26 مكررة", "text": "نص."},
        {"op": "substitute", "eid": "art_12__para_2", "find": "هذه المادة", "with": "المادة 12"},
        {"op": "substitute", "eid": "art_12__para_1", "find": "أو", "with": "و", "occurrence": 3},
        {"op": "substitute", "eid": "art_17__para_1", "find": "أو عرض", "with": ""},
        {"op": "insert", "after": "art_9", "num": "المادة 9 مكررة", "heading": "عنوان", "text": "نص."},
        {"op": "insert", "before": "art_13__para_1", "text": "فقرة."},
        {"op": "insert", "into": "art_24__para_1", "num": "7", "text": "بند."},
        {
            "op": "insert",
            "after": "art_38",
            "xml": "<article><num>المادة 38 مكررة</num><paragraph><content><p>نص "
            "<i>مائل</i>.</p></content></paragraph></article>",
        },
        {"op": "delete", "eid": "art_16"},
        {"op": "move", "eid": "art_4", "after": "art_17", "num": "المادة 17 مكررة مرتين"},
        {"op": "move", "eid": "art_5", "into": "chp_3"},
        {"op": "renumber", "eid": "art_1__para_1__point_3", "num": "3 مكرر"},
    ],
}


def exported(amendment, bill):
    document = to_akn(amendment, bill)
    return Document.from_bytes(document.to_bytes(), f"<{amendment.id}.xml>")


@pytest.mark.parametrize("source", ["every-kind"] + [p.name for p in EXAMPLES])
def test_export_is_valid_and_round_trips(v2, source):
    amendment = parse_amendment(EVERY_KIND) if source == "every-kind" else load_amendment(BILL / "amendments" / source)
    document = exported(amendment, v2)
    assert schema().validate(document.tree), schema().error_log
    assert [f for f in validate_document(document) if f.severity != "info"] == []
    back = from_akn(document)
    assert back.to_dict() == amendment.to_dict()
    assert to_akn(back, v2).to_bytes() == document.to_bytes(), "export → import → export is a fixed point"


def test_export_content(v2):
    document = exported(parse_amendment(EVERY_KIND), v2)
    main = document.main
    assert document.doctype == "amendment"
    assert str(document.frbr_expression) == "/akn/ma/amendment/2025-01-30/all-kinds/ara@2025-01-30"
    assert text_of(main.find(".//{*}docProponent")) == "فريق برلماني (مثال)"
    assert main.find(".//{*}affectedDocument").get("href") == TARGET
    mods = main.findall(".//{*}amendmentContent/{*}blockContainer/{*}p/{*}mod")
    assert len(mods) == len(EVERY_KIND["operations"])
    first = mods[0]
    assert text_of(first).startswith("تغير وتتمم أحكام المادة 7 على النحو التالي:")
    assert first.find("{*}quotedStructure/{*}article") is not None
    sub = mods[4]
    assert [text_of(q) for q in sub.findall("{*}quotedText")] == ["هذه المادة", "المادة 12"]
    assert sub.find("{*}ref").get("href") == f"{TARGET}/~art_12__para_2"
    french = main.findall(".//{*}blockContainer/{*}p[@class='lawtool-fr']")
    assert text_of(french[11]) == "L'article 16 est abrogé"
    assert [text_of(p) for p in main.findall(".//{*}amendmentJustification/{*}p")] == ["سطر أول.", "سطر ثان."]
    types = [m.get("type") for m in main.findall(".//{*}activeModifications/{*}textualMod")]
    assert types == ["substitution"] * 7 + ["insertion"] * 4 + ["repeal", "renumbering", "renumbering", "renumbering"]


def test_cli_export_and_import(tmp_path):
    xml = tmp_path / "dv-ex-02.xml"
    result = subprocess.run(
        [sys.executable, "-m", "lawtool.cli", "amend", "export", str(EXAMPLES[1]), "--bill", str(V2), "-o", str(xml)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (
        subprocess.run([sys.executable, "-m", "lawtool.cli", "validate", str(xml)], capture_output=True).returncode == 0
    )
    back = tmp_path / "back.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "lawtool.cli", "amend", "import", str(xml), "-o", str(back)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert load_amendment(back).same_as(load_amendment(EXAMPLES[1]))
    bill = subprocess.run(
        [sys.executable, "-m", "lawtool.cli", "amend", "import", str(V2)], capture_output=True, text=True, timeout=120
    )
    assert bill.returncode == 2 and "not an amendment document" in bill.stderr
