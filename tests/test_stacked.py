"""Stacked ligatures printed in reverse and glyphs the extraction could not name (importer/stacked.py),
on real lines of the Adala corpus: Bank Al-Maghrib's reports, a decree on legal aid, finance laws."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import SHARED

from lawtool.importer import import_text, read_source
from lawtool.importer.common import AR_WORD, Repair
from lawtool.importer.ligatures import damage_signatures
from lawtool.importer.stacked import (
    ALL_KINDS,
    FINAL_YEH_NOON,
    INITIAL,
    LAM_MEEM,
    LOST_ALEF,
    drop_unknown_glyphs,
    read_dots,
    read_stacked,
    stacked_readings,
    stacking,
)

CORPUS = SHARED / "sources/adala/corpus"
needs_shared = pytest.mark.usefixtures("shared")


@pytest.mark.parametrize(
    ("printed", "meant"),
    [
        ("حتقيق", "تحقيق"),  # «تح» at the word's start
        ("اخلاص", "الخاص"),  # «لخ» after the article's alef
        ("ميكن", "يمكن"),
        ("جلنة", "لجنة"),
        ("إجنازات", "إنجازات"),  # after a hamza on an alef (no join)
        ("احملاور", "المحاور"),  # a stack of three
        ("الفاعلني", "الفاعلين"),  # the final «ين»
        ("حتسني", "تحسين"),  # two places in one word
    ],
)
def test_a_stack_printed_in_reverse_has_the_meant_word_among_its_readings(printed, meant):
    assert meant in stacked_readings(printed)


def test_a_letter_inside_a_word_is_no_stack_top():
    # «المستخدمين»: the «تخ» after «س» is drawn joined, not stacked: only the final «ين» and the
    # «م» after the «د» (which does not join it) may be a stack printed in reverse
    stacks = ALL_KINDS - {LOST_ALEF}
    assert set(stacked_readings("المستخدمني", stacks)) == {"المستخدمين", "المستخدنمي"}
    assert stacked_readings("كلميم", stacks) == ()  # a name: no letter in its initial form before a base


def vocab(name: str) -> Counter[str]:
    return Counter(AR_WORD.findall(read_source(CORPUS / f"ma-adala-{name}.txt")))


@needs_shared
@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("bank-al-maghrib-6158.txt", {LAM_MEEM, INITIAL, FINAL_YEH_NOON}),  # an annual report: every stack
        ("legal-profession-6054.txt", {LAM_MEEM, INITIAL}),  # a decree on legal aid's fees
        # «ملدة» for «لمدة», «الدارة» for «الإدارة»; but «الطابع الأمني» as meant: no final «ين» reversed
        ("finance-laws-3379.txt", {LAM_MEEM, LOST_ALEF}),
        ("culture-tourism-40.txt", {LOST_ALEF}),  # «ل يجوز», «إل إذا», «الحالت»
        ("civil-31.txt", set()),  # the code of obligations: a few real words only («حمل», «تبني»)
        ("criminal-102.txt", set()),
    ],
)
def test_a_text_reads_the_kinds_of_stack_its_print_shows(name, kinds):
    assert stacking(vocab(name.removesuffix(".txt"))) == frozenset(kinds)


def read(line: str, kinds=ALL_KINDS) -> tuple[str, list[Repair], list[Repair]]:
    repairs: list[Repair] = []
    uncertain: list[Repair] = []
    return read_stacked(line, 0, frozenset(kinds), repairs, uncertain), repairs, uncertain


@needs_shared
def test_a_report_line_is_read_with_its_stacks_in_order():
    # Bank Al-Maghrib's 2020 report, as the repair leaves it before this pass
    text, repairs, _ = read("ويبقى حتقيق هذا الهدف رهينا بتعزيز ثقة الفاعلني وإعطاء دينامية جديدة للاستثمار اخلاص")
    assert text == "ويبقى تحقيق هذا الهدف رهينا بتعزيز ثقة الفاعلين وإعطاء دينامية جديدة للاستثمار الخاص"
    assert {(r.kind, r.before, r.after) for r in repairs} == {
        ("stacked-ligature", "حتقيق", "تحقيق"),
        ("stacked-ligature", "الفاعلني", "الفاعلين"),
        ("stacked-ligature", "اخلاص", "الخاص"),
    }


@needs_shared
def test_only_the_kinds_a_text_shows_are_read():
    line = "النفقات المتعلقة بالمهام ذات الطابع الأمني"  # finance law 3379: a real «الأمني»
    assert read(line, {LAM_MEEM})[0] == line
    assert read("ملدة سنة", {LAM_MEEM})[0] == "لمدة سنة"


@needs_shared
def test_a_unit_after_a_number_is_left():
    assert read("قنينة من 100 مل", {LAM_MEEM})[0] == "قنينة من 100 مل"  # a millilitre, not «لم»


def drop(line: str) -> tuple[str, list[Repair], list[str]]:
    repairs: list[Repair] = []
    pieces: list[str] = []
    return drop_unknown_glyphs(line, 0, repairs, pieces), repairs, pieces


def test_a_run_of_unnamed_glyphs_is_a_dot_leader():
    text, repairs, _ = drop("التطور الفصلي للنمو في 5 " + "\ufffd" * 30)
    assert text.strip() == "التطور الفصلي للنمو في 5"
    assert [r.kind for r in repairs] == ["dot-leader"]


def test_an_unnamed_glyph_is_taken_out_and_a_letter_moved_after_the_ra_put_back():
    assert drop("ال\ufffdسنوي")[0] == "السنوي"
    assert drop("ال\ufffdرشكات")[0] == "الشركات"  # the «ش» printed after the «ر» it precedes
    assert drop("إىل\ufffdسنتني")[0] == "إىل سنتني"  # after the reversed «إلى» it stood for a space
    text, repairs, pieces = drop("امل\ufffdصدر")
    assert (text, pieces) == ("املصدر", ["صدر"])
    assert [r.kind for r in repairs] == ["unknown-glyph"]


@needs_shared
def test_a_letter_beside_an_unnamed_glyph_is_read_with_the_dots_it_lost():
    text, _, pieces = drop("الاقت\ufffdسادية")
    repairs: list[Repair] = []
    assert read_dots(text, 0, repairs, pieces) == "الاقتصادية"
    assert [(r.kind, r.after) for r in repairs] == [("letter-dots", "الاقتصادية")]


@needs_shared
def test_a_real_word_without_an_unnamed_glyph_keeps_its_letters():
    # the corpus does not know «شريحة» and knows «صريحة»: no glyph was lost here, nothing is read
    repairs: list[Repair] = []
    assert read_dots("شريحة فائض الاحتياطي", 0, repairs, ["صدر"]) == "شريحة فائض الاحتياطي"
    # a Persian «ی» inside the word: «بالضر» is not the whole word
    assert read_dots("المتعلقة بالضریبة", 0, repairs, ["ضریبة"]) == "المتعلقة بالضریبة"
    assert repairs == []


@needs_shared
def test_a_decree_printed_with_reversed_stacks_imports_clean_of_them():
    raw = read_source(CORPUS / "ma-adala-legal-profession-6054.txt")
    document, report = import_text(raw, source_name="ma-adala-legal-profession-6054.txt")
    text = " ".join(document.root.itertext())
    assert "المحامي" in text and "احملامي" not in text and "تحت عدد" in text
    assert report.repairs["stacked-ligature"] >= 20


@needs_shared
def test_no_unnamed_glyph_is_left_in_a_finance_law():
    # finance law 3300 prints «�» before four letters whose dots the font drew apart
    raw = read_source(CORPUS / "ma-adala-finance-laws-3300.txt")
    assert "\ufffd" in raw
    document, report = import_text(raw, source_name="ma-adala-finance-laws-3300.txt")
    text = "\n".join(document.root.itertext())
    assert "\ufffd" not in text
    assert report.repairs["unknown-glyph"] == raw.count("\ufffd")
    assert "\ufffd" not in damage_signatures(text)


def test_an_unnamed_glyph_left_is_a_damage_signature():
    assert damage_signatures("نص \ufffd فيه")["\ufffd"] == 1


@needs_shared
def test_a_real_word_is_read_only_on_far_stronger_evidence():
    # «تبني» (adoption), «بني», «الملحة» are words the corpus knows as printed: their reading is listed
    for line, word, reading in [
        ("بضرورة تبني استراتيجية رقمية", "تبني", "تبين"),
        ("المعاملات بني البنوك", "بني", "بين"),
        ("قطع الغيار والحاجة الملحة", "الملحة", "الملاحة"),
    ]:
        text, repairs, uncertain = read(line)
        assert text == line and not repairs
        assert (word, reading) in {(r.before, r.after) for r in uncertain}
    # «الول» (the corpus prints «الأول» 300 times as often), «مت» after a year: read
    assert read("الفصل الول", {LOST_ALEF})[0] == "الفصل الأول"
    assert read("في 2019 مت تسجيل")[0] == "في 2019 تم تسجيل"


@needs_shared
def test_a_list_label_is_no_particle():
    line = "ك) المهندسون ؛ ل) الأطباء ؛ م) الصيادلة"
    assert read(line, {LOST_ALEF})[0] == line


def test_two_unnamed_glyphs_inside_a_word_are_no_dot_leader():
    text, repairs, _ = drop("املت\ufffd\ufffdسط")
    assert text == "املتسط" and "dot-leader" not in [r.kind for r in repairs]


@needs_shared
def test_only_the_word_that_held_the_glyph_is_read_for_its_dots():
    text, _, pieces = drop("خلال شهر مار\ufffdس سعف الطلب")
    repairs: list[Repair] = []
    assert read_dots(text, 0, repairs, pieces) == "خلال شهر مارس سعف الطلب"  # «سعف» held no glyph
    assert repairs == []


@pytest.mark.parametrize(
    ("printed", "meant"),
    [
        ("القتصاد", "الاقتصاد"),
        ("الدارة", "الإدارة"),  # the alef with its hamza
        ("التية", "الآتية"),
        ("أعله", "أعلاه"),
        ("ل", "لا"),  # a particle standing alone
        ("إل", "إلا"),
    ],
)
def test_a_lam_that_lost_its_alef_has_the_meant_word_among_its_readings(printed, meant):
    assert meant in stacked_readings(printed, frozenset({LOST_ALEF}))


def test_a_word_ending_in_lam_gets_no_alef_after_it():
    # «فضل», «باطل» are words; their «فضلا», «باطلا» no surer: only a particle's lam gets one
    assert "فضلا" not in stacked_readings("فضل", frozenset({LOST_ALEF}))


@needs_shared
def test_a_text_whose_lams_lost_their_alef_is_read():
    line = "ل يجوز للإدارة أن تتخذ القرار إل بعد القتضاء"
    assert read(line, {LOST_ALEF})[0] == "لا يجوز للإدارة أن تتخذ القرار إلا بعد الاقتضاء"
    assert read("يعد العقد باطل", {LOST_ALEF})[0] == "يعد العقد باطل"
    text, repairs, _ = read("الدارة العامة", {LOST_ALEF})
    assert text == "الإدارة العامة" and [r.kind for r in repairs] == ["lost-alef"]


@needs_shared
def test_a_decree_whose_lams_lost_their_alef_imports_with_them():
    raw = read_source(CORPUS / "ma-adala-administrative-8148.txt")
    document, report = import_text(raw, source_name="ma-adala-administrative-8148.txt")
    text = " ".join(document.root.itertext())
    assert "الإمضاء" in text and "المضاء" not in text
    assert report.repairs["lost-alef"] >= 20
