"""A quarter of a year is no article (issue 12): Bank Al-Maghrib's annual report for 2019 speaks of
«الفصل الرابع» (the fourth quarter), and a wrapped line that starts «الفصل الرابع. ولا يزال ...» was
counted as an article heading, so the report was said to have lost an article."""

from conftest import SHARED

from lawtool.corpus_import import Options, import_one
from lawtool.importer import ImportReport, _glyph_lines, _plain_text, read_source
from lawtool.importer.repair import repair_text
from lawtool.importer.selfcheck import own_headings, source_headings

BANK_REPORT = "ma-adala-bank-al-maghrib-6165.txt"


def test_a_quarter_ending_a_sentence_is_no_heading():
    raw = read_source(SHARED / "sources/adala/corpus" / BANK_REPORT)
    text, _ = _plain_text(raw, BANK_REPORT, ImportReport(source=BANK_REPORT))
    result = repair_text(text, glyph_lines=_glyph_lines(raw))
    quarters = [line for line in result.lines if line.startswith("الفصل الرابع.")]
    assert quarters, "the report's wrapped line «الفصل الرابع. ...» is where the counter went wrong"
    headings = own_headings(source_headings(result.lines, result.line_numbers), result.lines, result.line_numbers)
    assert headings == []


def test_the_bank_report_has_no_article_and_says_no_error(tmp_path):
    entry = import_one(SHARED / "sources/adala/corpus" / BANK_REPORT, Options(out=tmp_path, spelling=False))
    assert entry["status"] != "refused"
    assert entry["counts"]["articles"] == 0
    no_article = [f for f in entry["findings"] if f["rule"] == "no-article"]
    # a text without any article heading: kept as paragraphs, said as a warning, never an error
    assert [f["severity"] for f in no_article] == ["warning"]
    assert not any(f["rule"] == "article-count" for f in entry["findings"])


def test_an_ordinal_heading_with_its_title_is_still_counted():
    lines = ["الفصل الأول", "يحدث مجلس.", "الفصل الثاني: في الاختصاصات", "يختص المجلس.", "الفصل الثالث.", "نص."]
    headings = source_headings(lines, list(range(1, len(lines) + 1)))
    assert [h.number for h in headings] == ["1", "2", "3"]
