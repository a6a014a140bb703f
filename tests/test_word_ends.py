"""«ة» or «ى» inside a word (importer/wordends.py): two words glued, a final ligature reversed; what
no reading explains is marked unreadable (ligatures.is_damaged)."""

from __future__ import annotations

from collections import Counter

import pytest
from conftest import REPO

from lawtool.akn import Document
from lawtool.importer import import_text
from lawtool.importer.ligatures import is_damaged
from lawtool.importer.wordends import INSIDE, glued_reading, reading, repair_line


@pytest.mark.parametrize(
    ("word", "read"),
    [
        ("الجريدةالرسمية", "الجريدة الرسمية"),  # glued at the «ة»
        ("علىتنفيذها", "على تنفيذها"),  # at the «ى»
        ("بإحدىهاتين", "بإحدى هاتين"),
        ("إىل", "إلى"),  # the final ligature «لى» printed in reverse
        ("عىل", "على"),  # not «عى ل»
        ("أدىن", "أدنى"),
        ("الأوىل", "الأولى"),
        ("تبتدىء", None),  # the old spelling of a final hamza on a yeh: a word
        ("مماثلةلتلكالتيعرفتهاسنة", None),  # glued where no «ة» or «ى» shows the place
        ("وتهيئئةة", "وتهيئة"),  # glyphs printed twice, the final letter among them
        ("ىليها", None),  # no doubled final letter: no letter taken out («ىليه»)
        ("يةتار", None),  # «ية», «تار»: fragments, not words
        ("والنجارةوالتكييف", "والنجارة والتكييف"),  # pieces that are words with their proclitics
        ("المختلفةكالمساحات", "المختلفة كالمساحات"),
    ],
)
def test_a_word_with_a_final_letter_inside_reads_as_the_words_the_corpus_knows(word, read):
    assert reading(word) == read


def test_a_piece_the_text_prints_elsewhere_is_a_word():
    # «وضباطها» is too rare in the corpus, but the text prints it apart
    assert reading("الشرطةوضباطها") is None
    assert reading("الشرطةوضباطها", Counter({"وضباطها": 1})) == "الشرطة وضباطها"


def test_each_reading_is_a_repair_and_what_is_left_is_damaged():
    repairs: list = []
    uncertain: list = []
    line = repair_line("ينشر بالجريدةالرسمية إىل أن مماثلةلتلكالتيعرفتهاسنة", 4, repairs, uncertain)
    assert line == "ينشر بالجريدة الرسمية إلى أن مماثلةلتلكالتيعرفتهاسنة"
    assert [(r.kind, r.line) for r in repairs] == [("glued-word", 5), ("final-ligature", 5)]
    assert [(r.kind, r.before, r.line) for r in uncertain] == [("word-end", "مماثلةلتلكالتيعرفتهاسنة", 5)]
    assert is_damaged("مماثلةلتلكالتيعرفتهاسنة") and not is_damaged("تبتدىء") and not is_damaged("الجريدة")


def test_an_import_marks_what_it_could_not_read():
    document, report = import_text(
        "المادة 1\nيعمل بهذا القرار مماثلةلتلكالتيعرفتهاسنة الماضية.", None, source_name="t.txt"
    )
    marked = [el.text for el in document.main.iter("{*}inline") if el.get("name") == "unreadable"]
    assert marked == ["مماثلةلتلكالتيعرفتهاسنة"]
    assert [f.rule for f in report.findings if f.rule == "unreadable-word"] == ["unreadable-word"]


@pytest.mark.parametrize(
    ("path", "phrase"),
    [
        ("law/ma/act/1962/1-59-413/ara@2024-08-22.xml", "بإحدى هاتين العقوبتين"),  # was «بإحدىهاتين»
        ("law/ma/act/2002/22-01/ara@2025-09-08.xml", "للشرطة وعمداء الشرطة"),  # was «للشرطةوعمداء»
    ],
)
def test_the_penal_code_and_the_cpp_hold_no_word_with_a_final_letter_inside(path, phrase):
    text = " ".join(Document.load(REPO / path).root.itertext())
    assert INSIDE.findall(text) == []
    assert phrase in text


@pytest.mark.parametrize(
    ("path", "phrases"),
    [
        # glued words with no «ة» or «ى» between, read by hand and kept as corrections in import.yaml
        (
            "law/ma/act/1962/1-59-413/ara@2024-08-22.xml",
            ["بغرامة من مائتين إلى خمسة آلاف درهم", "ارتكاب إحدى الجرائم", "لتسهيل مرورها"],
        ),
        ("law/ma/act/2002/22-01/ara@2025-09-08.xml", ["لاتخاذ تدابير", "يفوق مليون درهم", "الذي يتطلبه"]),
        ("law/ma/act/2018/103-13/ara@2018-03-12.xml", ["تم تغيير وتتميم هذا الفصل"]),
    ],
)
def test_glued_words_read_by_hand_are_split(path, phrases):
    text = " ".join(" ".join(Document.load(REPO / path).root.itertext()).split())
    for phrase in phrases:
        assert phrase in text


@pytest.mark.parametrize(
    ("word", "pair"),
    [
        ("ارتكابإحدى", ("ارتكاب", "إحدى")),  # glued with no «ة» or «ى» between: a reading to list
        ("مائتينإلى", ("مائتين", "إلى")),
        ("يفوقمليون", ("يفوق", "مليون")),
        ("استجوابهما", None),  # a pronoun suffix is no word: «استجواب هما» is no reading
        ("والمتابعين", None),  # nor a proclitic with the article: «والم تابعين»
        ("المتقاضي", None),
        ("الاستئناف", None),  # a word the corpus knows
        ("ليستعمل", None),  # «ل» + «يستعمل»: a word with its proclitic, not «ليست عمل»
    ],
)
def test_two_words_glued_with_no_final_letter_between_are_a_reading_to_list(word, pair):
    assert glued_reading(word) == pair


def test_a_glued_word_is_listed_not_split():
    document, report = import_text("المادة 1\nيعاقب على ارتكابإحدى الجرائم التالية.", None, source_name="t.txt")
    assert "ارتكابإحدى" in " ".join(document.main.itertext())
    listed = [u for u in report.uncertain if u["kind"] == "glued-word"]
    assert [(u["before"], u["after"]) for u in listed] == [("ارتكابإحدى", "ارتكاب إحدى")]
