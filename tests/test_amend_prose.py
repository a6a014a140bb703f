"""Amending instructions in prose: 60 real instructions of the corpus's amending laws
(tests/data/amend_prose/instructions.yaml, collected by a fixed rule before the parser was
written), the forms the issue names, and lawtool's own wording read back."""

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from lawtool.amend.prose import key, read_instruction

DATA = Path(__file__).parent / "data/amend_prose/instructions.yaml"
REAL = yaml.safe_load(DATA.read_text(encoding="utf-8"))["instructions"]


def test_the_sample_is_real_and_large_enough():
    assert len(REAL) >= 40
    assert all(x["source"] and x["place"] and x["text"] for x in REAL)
    assert sum(x["source"].startswith("law/ma/act/2018/103-13") for x in REAL) == 6


def test_real_instructions_accepted_ones_reproduce_the_instruction():
    readings = [read_instruction(x["text"]) for x in REAL]
    accepted = [r for r in readings if r.accepted]
    for r in accepted:
        assert key(r.wording) == key(r.text), r.text
        assert r.operations
    refused = [r for r in readings if not r.accepted]
    assert all(r.reason for r in refused)
    # the figure reported in docs/amendments.md: 30 of 60 accepted, 30 refused
    assert (len(accepted), len(refused)) == (30, 30)


def test_law_103_13_instructions_read_right():
    law = [read_instruction(x["text"]) for x in REAL if x["source"].startswith("law/")]
    first = law[0]
    assert [op.to_dict() for op in first.operations] == [
        {"op": "replace", "eid": f"art_{n}"} for n in ("404", "431", "446", "481", "503-1")
    ]
    assert first.act.startswith("مجموعة القانون الجنائي")
    new_articles = law[2]
    assert [op.num for op in new_articles.operations][:3] == ["الفصل 88-1", "الفصل 88-2", "الفصل 88-3"]
    assert all(op.op == "insert" and op.into == "body" for op in new_articles.operations)
    assert [op.to_dict() for op in law[5].operations] == [
        {"op": "insert", "into": "body", "element": "article", "num": "المادة 82-5-2"}
    ]


@pytest.mark.parametrize(
    "text, operations",
    [
        ("تغير أحكام الفقرة الثانية من المادة 5 على النحو التالي:", [{"op": "replace", "eid": "art_5__para_2"}]),
        ("تتمم المادة 12 بالفقرة التالية:", [{"op": "insert", "into": "art_12", "element": "paragraph"}]),
        ("تحذف المادة 20", [{"op": "delete", "eid": "art_20"}]),
        ("تنسخ أحكام المادة 20.", [{"op": "delete", "eid": "art_20"}]),
        ("يغير ويتمم الفصل 10 على النحو التالي:", [{"op": "replace", "eid": "art_10"}]),
        ("ينسخ البند 8 من الفصل 2.", [{"op": "delete", "eid": "art_2__point_8"}]),
        (
            "تغير وتتمم على النحو التالي أحكام المادتين 3 و 4:",
            [{"op": "replace", "eid": "art_3"}, {"op": "replace", "eid": "art_4"}],
        ),
    ],
)
def test_the_forms_committees_write(text, operations):
    reading = read_instruction(text)
    assert reading.accepted, reading.reason
    assert [op.to_dict() for op in reading.operations] == operations


@pytest.mark.parametrize(
    "text, why",
    [
        ("تحذف الفصل 447-1", "differs"),  # the verb does not agree with «الفصل»
        ("يغير أحكام المادة 5 على النحو التالي:", "differs"),  # «أحكام» takes a feminine verb
        ("تغير أحكام المادة 5", "does not announce"),  # a replacement without its new text
        ("تغير وفق البيانات الواردة في الجدول الملحق بهذا المرسوم تعريفة رسوم الاستيراد", "no element"),
        ("تنسخ أحكام المادة 7 من القانون رقم 20.99 وتعوض بالأحكام التالية: المادة 7 يتوقف", "colon"),
        ("تضاف ستون دقيقة إلى الساعة القانونية", "no amending verb"),
    ],
)
def test_what_is_not_written_as_lawtool_writes_it_is_refused(text, why):
    reading = read_instruction(text)
    assert not reading.accepted and why in reading.reason and not reading.operations


def test_lawtool_wording_reads_back(v2):
    """Every instruction lawtool writes for the example amendments (no document names) is read
    back into the same operation — except those on an article quoted inside an amending article
    («... كما وردت في الفقرة الأولى من المادة 37»), which the prose reader refuses, saying why
    (a known limit: it reads targets in the amended text itself, not in a quotation)."""
    from lawtool.amend import load_amendments
    from lawtool.amend.wording import ActNamer, instruction

    paths = sorted(Path(__file__).parents[1].glob("bills/ma/bill/2024/digital-violence/amendments/*.yaml"))
    checked = quoted = 0
    for amendment in load_amendments(paths):
        for op in amendment.operations:
            text = instruction(op, ActNamer()).text_ar
            reading = read_instruction(text)
            if any("__qstr_" in (getattr(op, place, None) or "") for place in ("eid", "after", "before", "into")):
                assert not reading.accepted and reading.reason, text
                quoted += 1
                continue
            assert reading.accepted, (text, reading.reason)
            got = reading.operations[0]
            assert (got.op, got.eid or got.after, got.find, got.with_) == (
                op.op if op.op != "replace" else "replace",
                op.eid or op.after,
                op.find,
                op.with_,
            ), text
            checked += 1
    assert checked >= 5 and quoted >= 1


def test_cli(tmp_path):
    source = tmp_path / "instructions.txt"
    source.write_text("تحذف المادة 20\nتغير أحكام المادة 5\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "lawtool.cli", "amend", "prose", str(source)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "1. accepted: op=delete eid=art_20" in result.stdout and "2. refused:" in result.stdout
    assert "1 of 2 accepted" in result.stdout
