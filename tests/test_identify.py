"""A text's identity (kind, number, date: its FRBR work) read from its own heading, on real Adala
texts whose headings hide the date: a month the extraction damaged, a title line that names the
text before its heading does, a consolidated version's list of amending texts, a Persian kaf, a
year in garbled digits.  Each expectation was read in the raw text by a reader who had not seen
lawtool's output (the heading's words are quoted with each case)."""

import pytest
from conftest import SHARED

from lawtool.arabic import normalise
from lawtool.importer import import_text, read_source
from lawtool.importer.identify import identify

CORPUS = SHARED / "sources/adala/corpus"


def _identity(name: str) -> dict:
    _, report = import_text(read_source(CORPUS / name), source_name=name)
    return report.identity


@pytest.mark.parametrize(
    ("name", "kind", "number", "date"),
    [
        # «مرسوم رقم 2.74.817 بتاريخ 21 محرم 1395 (3 يبراير) 1975»: «يبراير» is «فبراير», damaged 419
        # times in the corpus; the first readable date was the one of the dahir it cites (8 January 1974)
        ("ma-adala-administrative-8345.txt", "decree", "2.74.817", "1975-02-03"),
        ("ma-adala-administrative-8066.txt", "decree", "2.74.068", "1974-02-18"),
        # «صادر في فاتح صفر 1441 (30 سبتمبر / 1 / 2019)»: a footnote marker inside the date; the
        # date read before was the 1973 dahir the decree applies
        ("ma-adala-maritime-fishing-5019.txt", "decree", "2.18.722", "2019"),
        # «مرسوم ملکي رقم 559.65» with a Persian kaf: a royal decree, not a text without a number
        ("ma-adala-administrative-8158.txt", "decree", "559.65", "1965-09-27"),
        # a law printed without its dahir, «قانون رقم 005.71 بتاريخ 21 شعبان 1391 (12 أکتوبر 1971)»: its
        # line start was lost when the heading was made one line, and it came out as a text without a number
        ("ma-adala-energy-8159.txt", "law", "005.71", "1971-10-12"),
        # its title line names it and cites no date; its heading, printed after, gives it
        ("ma-adala-adoul-6053.txt", "order", "979.09", "2009-04-08"),
    ],
)
def test_the_date_is_the_texts_own(name, kind, number, date):
    identity = _identity(name)
    assert (identity["kind"], identity["number"]) == (kind, number)
    assert identity["date"].startswith(date), identity


def test_a_consolidated_version_is_its_own_dahir_not_the_law_that_amended_it():
    """«ظهير شريف رقم 1.58.250 بسن قانون الجنسية المغربية … كما تم تعديله بـ: الظهير الشريف رقم 1.23.19
    … بتنفيذ القانون رقم 08.23»: the nationality code of 1958 as amended on 27 February 2023, not law
    08.23; «… الظهير الشريف رقم 1.58.250 الصادر في … 1960» in that list is the amending dahir's date."""
    identity = _identity("ma-adala-family-123.txt")
    assert (identity["kind"], identity["number"]) == ("dahir", "1.58.250")
    assert identity["date"].startswith("1958") and identity["expression_date"] == "2023-02-27"
    assert identity["frbr_uri"].startswith("/akn/ma/act/1958/1-58-250/ara@2023-02-27")


def test_a_year_before_1912_is_no_year_of_moroccan_law():
    """«1212» for 2021 (the extraction's digits): no date is taken from it; the number's year stands in."""
    identity = _identity("ma-adala-agriculture-285.txt")
    assert identity["number"] == "13.21" and identity["date"].startswith("2021")


def test_persian_kaf_and_yeh_fold_to_arabic():
    assert normalise("مرسوم ملکي") == normalise("مرسوم ملكي")
    assert normalise("أکتوبر ی") == "اكتوبر ي"


@pytest.mark.parametrize(
    ("lines", "number", "date"),
    [
        # the own date in the reversed layout, a Persian kaf in the month: not the Constitution's date after it
        (
            [
                "مرسوم رقم 2.69.388 بتاريخ 6 شعبان 8( 1390 أکتوبر )1970",
                "بإحداث الوسام الرياضي",
                "بناء على الدستور الصادر الأمر بتنفيذه يوم 27 جمادى الأولى 1390 (31 يوليوز 1970)",
            ],
            "2.69.388",
            "1970-10-08",
        ),
        # the day is not the Hijri year's last digits («1413»)
        (["ظهير شريف رقم 1.92.171 صادر في 23 من ربيع الآخر 21( 1413 اكتوبر )1992"], "1.92.171", "1992-10-21"),
        # an order whose title names the decree it applies: its own number and date, not the decree's
        (
            [
                "قرار لوزير الصحة بتطبيق",
                "المرسوم رقم 2.24.729 بتحديد شروط",
                "قرار لوزير الصحة رقم 1461.25",
                "صادر في 5 ذي الحجة 1446 (2 يونيو 2025) بتطبيق",
                "المرسوم رقم 2.24.729 الصادر في 26 من ربيع الأول 1446 (30 سبتمبر 2024)",
            ],
            "1461.25",
            "2025-06-02",
        ),
        # a date the heading does not give is not taken from the text it applies: the number's year, guessed
        (
            ["مرسوم رقم 2.60.914 يعاد بموجبه لفترة جديدة", "بناء على الظهير الشريف رقم 1.58.263 (13 شتنبر 1958)"],
            "2.60.914",
            "1960-01-01",
        ),
    ],
)
def test_heading_dates(lines, number, date):
    identity = identify(lines)
    assert (identity.number, identity.date) == (number, date), identity


def test_a_notes_dates_are_read_as_a_headings_are_and_are_valid_iso_dates():
    """An amendment note's date (footnotes → lifecycle events): the same month names as a heading's,
    and never an impossible ISO date («31 يونيو» was written 2019-06-31)."""
    from lawtool.importer.footnotes import _iso_date

    assert _iso_date("بتاريخ 31 يونيو 2019") == "2019-06-30"
    assert _iso_date("فاتح أکتوبر 1970") == "1970-10-01"
    assert _iso_date("3 يبراير 1975") == "1975-02-03"
    assert _iso_date("12 يونيو 1212") is None
