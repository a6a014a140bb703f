"""A text's identity (kind, number, date: its FRBR work) read from its own heading, on real Adala
texts whose headings hide the date: a month the extraction damaged, a title line that names the
text before its heading does, a consolidated version's list of amending texts, a Persian kaf, a
year in garbled digits.  Each expectation was read in the raw text by a reader who had not seen
lawtool's output (the heading's words are quoted with each case)."""

import pytest
from conftest import SHARED

from lawtool.arabic import normalise
from lawtool.importer import import_text, read_source

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
