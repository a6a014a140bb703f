"""Adala amendment footnotes -> structured records."""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import pytest

from lawtool.importer.common import Footnote
from lawtool.importer.footnotes import AMENDMENT_OPENING, AmendmentNote, parse_amendment_notes
from lawtool.importer.repair import repair_text

SHARED = Path(os.environ.get("LAWTOOL_SHARED", Path(__file__).resolve().parents[2] / "shared"))
LAW_103_13 = SHARED / "sources" / "law-103-13" / "ar.txt"
PENAL_CODE = SHARED / "sources" / "adala" / "penal-code.consolidated-2024-08-22.ar.txt"

needs_shared = pytest.mark.usefixtures("shared")  # fails (never skips) when ../shared is missing


@cache
def notes(path: Path) -> dict[int, Footnote]:
    return {f.number: f for f in repair_text(path.read_text(encoding="utf-8")).footnotes}


def fn(number: int, text: str) -> Footnote:
    return Footnote(number, text, 1)


def test_simple_note():
    [r] = parse_amendment_notes(fn(3, "تم تغيير وتتميم الفصل 431 أعلاه، بمقتضى المادة 2 من هذا القانون رقم 103.13."))
    assert r == AmendmentNote(
        3,
        "amended-and-completed",
        ("431",),
        "2",
        "103.13",
        None,
        "تم تغيير وتتميم الفصل 431 أعلاه، بمقتضى المادة 2 من هذا القانون رقم 103.13.",
    )


def test_not_an_amendment():
    assert (
        parse_amendment_notes(fn(1, "الجريدة الرسمية عدد 6655 بتاريخ 23 جمادى الآخرة 1439 (12 مارس 2018)، ص 1449."))
        == []
    )
    assert parse_amendment_notes(fn(9, "تم استدراك خطأ بالفصل أعلاه، منشور بالجريدة الرسمية عدد 5188")) == []


def test_actions():
    cases = {
        "أضيف هذا الفصل بمقتضى المادة الثانية من القانون رقم 13.10، سالف الذكر.": ("added", ("this",), "2", "13.10"),
        "تم نسخ الفصول من 19 إلى 23 من مجموعة القانون الجنائي، بمقتضى المادة 756 من القانون رقم 22.01": (
            "repealed",
            ("19", "23"),
            "756",
            "22.01",
        ),
        "تم تتميم الفصل 61 أعلاه، بمقتضى المادة 4 من هذا القانون رقم 103.13.": ("completed", ("61",), "4", "103.13"),
        "تم تغيير هذا الفصل بموجب المادة الأولى من القانون رقم 24.03 المتعلق بتغيير وتتميم مجموعة القانون الجنائي": (
            "amended",
            ("this",),
            "1",
            "24.03",
        ),
        "حلت المادة 482 من القانون رقم 22.01 المتعلق بالمسطرة الجنائية، سالف الذكر، محل الفصل 517 المشار إليه": (
            "replaced",
            ("517",),
            "482",
            "22.01",
        ),
    }
    for text, (action, targets, article, law) in cases.items():
        [r] = parse_amendment_notes(fn(1, text))
        assert (r.action, r.targets, r.by_article, r.by_law) == (action, targets, article, law), text


@needs_shared
def test_law_103_13_footnote_2_and_7():
    f = notes(LAW_103_13)
    [r2] = parse_amendment_notes(f[2])
    assert (r2.action, r2.targets, r2.by_article, r2.by_law) == ("amended-and-completed", ("404",), "2", "103.13")
    [r7] = parse_amendment_notes(f[7])
    assert r7.action == "title-changed" and r7.by_article == "3" and r7.by_law == "103.13"
    assert r7.targets[0].startswith("عنوان الفرع السابع من الباب الثامن")


@needs_shared
def test_law_103_13_footnote_4_names_three_laws():
    recs = parse_amendment_notes(notes(LAW_103_13)[4])
    assert [r.by_law for r in recs] == ["103.13", "24.03", "11.99"]
    assert [r.by_article for r in recs] == ["2", "2", "الفريدة"]
    assert recs[0].targets == ("this",)
    assert recs[2].targets == ("الفقرة الثانية من هذا الفصل",)
    assert recs[2].by_date == "1999-02-05"


@needs_shared
def test_law_103_13_all_amendment_notes_parse():
    f = notes(LAW_103_13)
    assert all(parse_amendment_notes(f[k]) for k in range(2, 13))
    assert parse_amendment_notes(f[1]) == []


@needs_shared
def test_penal_code_share_parsed():
    f = notes(PENAL_CODE)
    amendment = [x for x in f.values() if AMENDMENT_OPENING.match(x.text)]
    unparsed = [(x.number, x.text[:80]) for x in amendment if not parse_amendment_notes(x)]
    assert len(amendment) >= 170
    assert len(unparsed) <= 0.05 * len(amendment), unparsed
    records = [r for x in amendment for r in parse_amendment_notes(x)]
    laws = {r.by_law for r in records}
    assert {"24.03", "103.13", "22.01", "43.22"} <= laws
    assert sum(r.by_date is not None for r in records) >= 10


def test_a_note_opening_on_a_split_tam_is_read_as_an_amendment_note():
    """«ت م تغيير هذا الفصل ...»: the extraction split «تم»; the repair joins it (recorded as an
    intraword-space repair), and the note is then read as the amendment it records (two notes of
    the Penal Code were left out of its passive modifications)."""
    from lawtool.akn import Document, text_of

    penal = Document.load(Path(__file__).resolve().parents[1] / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml")
    notes = [text_of(n) for n in penal.root.iter("{*}note")]
    assert not [t for t in notes if t.startswith("ت م ")]
    assert sum(t.startswith("تم تغيير هذا الفصل بموجب الفصل الأول من مرسوم ملكي رقم 181.66") for t in notes) == 1
    # the same repair for a body line: «ف ي الحالة ...», «ك ل قاض ...» (a split word of one letter after)
    texts = [text_of(p) for p in penal.root.iter("{*}p")]
    assert not [t for t in texts if t.startswith(("ف ي ", "ك ل ", "ت م"))]
    sources = {m.get("href") for m in penal.root.iter("{*}source")}
    assert any("1-66-181" in (s or "") or "181-66" in (s or "") for s in sources), sorted(s for s in sources if s)[:5]


def test_the_last_note_of_a_page_whose_marker_is_far_up_is_a_note():
    """CPP: note 3 («- 3ت م تغيير وتتميم عنوان الباب الأول ...»), the last lines of its page, refers to a
    heading many lines up; it was read as a point of article 3. It is now a note, on that heading."""
    from lawtool.akn import Document, text_of

    cpp = Document.load(Path(__file__).resolve().parents[1] / "law/ma/act/2002/22-01/ara@2025-09-08.xml")
    assert "تغيير وتتميم عنوان" not in text_of(cpp.by_eid("art_3"))
    (note,) = [n for n in cpp.root.iter("{*}note") if text_of(n).startswith("تم تغيير وتتميم عنوان الباب الأول")]
    refs = [r for r in cpp.root.iter("{*}noteRef") if r.get("href") == f"#{note.get('eId')}"]
    assert len(refs) == 1 and refs[0].getparent().tag.endswith("num")
