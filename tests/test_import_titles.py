"""A document's title read from its title lines (importer/layout.py ``title_span``): the lines a
title wraps onto joined, the journal's page number and rubrics left out, the dahir's heading when
there is no title above it."""

from __future__ import annotations

import pytest
from conftest import SHARED

from lawtool.importer import import_text, read_source
from lawtool.importer.layout import document_title, title_span

CORPUS = SHARED / "sources/adala/corpus"
needs_shared = pytest.mark.usefixtures("shared")


def test_a_title_wrapped_over_lines_is_read_whole():
    lines = ["مرسوم", "بتحديد البيانات التي يجب أن تتضمنها الطرود التي لا", "يقل وزنها عن ألف كيلوغرام", "1"]
    assert title_span(lines) == (0, 3)
    assert document_title(lines) == "مرسوم بتحديد البيانات التي يجب أن تتضمنها الطرود التي لا يقل وزنها عن ألف كيلوغرام"


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        (["11380", "الجريدة الرسمية", "نصوص عامة", "قانون المالية"], "قانون المالية"),  # page number, rubrics
        (["مكفولي الأمة", "صيغة محينة بتاريخ 13 نوفمبر 2023"], "مكفولي الأمة"),  # Adala's note under it
        (["مرسوم بتحديد شروط", "مرسوم رقم 2.04.468 صادر في ..."], "مرسوم بتحديد شروط"),  # the heading again
        (
            ["مرسوم بتطبيق أحكام", "القانون رقم 49.00 المتعلق بتنظيم مهنة النساخة"],
            "مرسوم بتطبيق أحكام القانون رقم 49.00 المتعلق بتنظيم مهنة النساخة",
        ),  # another kind: goes on
        (["البروتوكول الخاص", "بالميثاق", "البروتوكول الخاص", "بالميثاق 1997"], "البروتوكول الخاص بالميثاق"),
        (["\x086624"], None),
        # found by a fresh reader (session 12)
        (
            ["مرسوم بتطبيق القانون رقم 40.80 الصادر في", "3 جمادى الآخرة 1401 (8 أبريل 1981)"],
            "مرسوم بتطبيق القانون رقم 40.80 الصادر في 3 جمادى الآخرة 1401 (8 أبريل 1981)",
        ),  # a date line goes on
        (
            ["مرسوم بتحديد القواعد «الجوية»", "والمنشآت التابعة لها"],
            "مرسوم بتحديد القواعد «الجوية» والمنشآت التابعة لها",
        ),
        (
            ["ظهير شريف بتنفيذ القانون رقم 22.82", "قانون رقم 22.82 يتعلق بالمختبر"],
            "ظهير شريف بتنفيذ القانون رقم 22.82",
        ),
        (["مرسوم يتعلق بنشرات الجريدة الرسمية"], "مرسوم يتعلق بنشرات الجريدة الرسمية"),
        (["مرسوم بتطبيق المادة 7 صيغة محينة بتاريخ 20 ماي 1999"], "مرسوم بتطبيق المادة 7"),
        (["صيغة محينه بتاريخ 27 أغسطس 2018", "مرسوم يتعلق بالأرشيف"], "مرسوم يتعلق بالأرشيف"),
        (["مرسوم بتحديد إجراءات الحماية", "تم نسخ المرسوم رقم 2.21.406 ..."], "مرسوم بتحديد إجراءات الحماية"),
        (["ظهير شريف بشأن العون القضائي", "الحمد لله وحده،"], "ظهير شريف بشأن العون القضائي"),
        (["القانون المتعلق بالأرشيف[[fn:1]]", "بناء على الدستور"], "القانون المتعلق بالأرشيف"),  # the marker out
        (
            [
                "تم نسخ المرسوم رقم 2.96.405 الصادر في 13 من محرم",
                " 31( 1417 ماي )1996 بتحديد قائمة",
                "الجريدة الرسمية عدد 4654 ص 33",
                "مرسوم بتحديد قائمة الدوائر",
            ],
            "مرسوم بتحديد قائمة الدوائر",
        ),
    ],
)
def test_what_a_title_is_not(lines, title):
    assert document_title(lines) == title


def test_with_no_title_line_the_dahir_heading_is_the_title():
    preamble = ["ظهير شريف رقم 1.22.75 صادر في 18 من جمادى الأولى 1444 بتنفيذ قانون المالية رقم 50.22 ّ", "الحمد لله"]
    assert document_title(["نصوص عامة"], preamble).endswith("رقم 50.22")


@needs_shared
@pytest.mark.parametrize(
    ("name", "title"),
    [
        (
            "ma-adala-administrative-4210.txt",
            "مرسوم بتحديد البيانات التي يجب أن تتضمنها الطرود التي لا يقل وزنها عن ألف كيلوغرام",
        ),
        ("ma-adala-copiers-5065.txt", "مرسوم بتطبيق أحكام القانون رقم 49.00 المتعلق بتنظيم مهنة النساخة"),
        (
            "ma-adala-energy-313.txt",
            "ظهير شريف بتنفيذ القانون رقم 21.90 المتعلق بالبحث عن حقول الهيدروكاربورات واستغلالها",
        ),
        # was «11380», the official journal's page number
        (
            "ma-adala-finance-laws-3205.txt",
            "ظهير شريف رقم 1.23.91 صادرفي 30 من جمادى الأولى 1445 (14 ديسمبر 2023) بتنفيذ قانون المالية رقم 55.23 للسنة المالية 2024",  # «صادرفي» as printed (a glued word listed)
        ),
    ],
)
def test_the_title_of_a_corpus_text(name, title):
    document, _ = import_text(read_source(CORPUS / name), None, source_name=name)
    assert document.title == title


def test_a_dahir_heading_as_title_is_metadata_and_the_text_round_trips():
    # found by the property test: the heading printed twice in the text export
    from lawtool.export import to_text
    from lawtool.frbr import FrbrUri

    uri = FrbrUri.parse("/akn/ma/act/2018/1-18/ara@2018-01-01")
    document, _ = import_text("\nظهير شريف رقم 1.18.19صادر في 5جمادى اآلخرة 1439", uri)
    assert document.title == "ظهير شريف رقم 1.18.19 صادر في 5 جمادى الآخرة 1439"
    exported = to_text(document)
    assert exported.count("ظهير شريف") == 1
    again, _ = import_text(exported, uri, repair=False)
    assert to_text(again) == exported


def test_a_text_whose_head_holds_no_title_says_so():
    document, report = import_text("11380\nالجريدة الرسمية\nالمادة 1\nيعمل بهذا المرسوم.", None, source_name="t.txt")
    assert document.title is None
    assert [(f.rule, f.line) for f in report.findings if f.rule == "title-missing"] == [("title-missing", 1)]
    titled, report = import_text("مرسوم بتحديد الشروط\nالمادة 1\nيعمل بهذا المرسوم.", None, source_name="t.txt")
    assert titled.title == "مرسوم بتحديد الشروط" and "title-missing" not in {f.rule for f in report.findings}
