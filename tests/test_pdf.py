"""PDF of compare and diff (`--format pdf`): printed by Chromium from the HTML; pdftotext gives
every paragraph and table cell of the HTML in reading order, the bill's working-text notice is at
the top of every page, the Arabic font is embedded (TrueType, not Type 3 glyphs)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pdf_support import contains_in_order, html_blocks, pdf_words

from lawtool.akn import Document

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence"
V2, V3 = BILL / "ara@2024-12-10.xml", BILL / "ara@2025-02-18.xml"
PENAL_CODE = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"


def lawtool(*args):
    return subprocess.run([sys.executable, "-m", "lawtool.cli", *map(str, args)], capture_output=True, text=True)


def check_pdf(pdf: Path, page: str, notice: str) -> int:
    headers = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<th[^>]*>(.*?)</th>", page, re.S)]
    by_page, by_column, pages, with_notice = pdf_words(pdf, notice, headers)
    assert pages >= 1 and with_notice == pages, f"the notice on {with_notice} of {pages} pages"
    checked = 0
    for words in html_blocks(page):
        if len(words) >= 3:
            assert contains_in_order(by_page, words) or contains_in_order(by_column, words), " ".join(words)
            checked += 1
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    assert "NotoSansArabic" in fonts and "Type 3" not in fonts
    return checked


@pytest.mark.parametrize(
    "command, inputs, notice_of",
    [
        ("compare", [V2, "--with", PENAL_CODE], V2),
        ("diff", [V2, V3], V3),
    ],
)
def test_pdf_gives_the_html_words_in_reading_order(tmp_path, command, inputs, notice_of):
    pdf = tmp_path / f"{command}.pdf"
    result = lawtool(command, *inputs, "-f", "pdf", "-o", pdf)
    assert result.returncode == 0, result.stderr
    page = lawtool(command, *inputs, "-f", "html").stdout
    assert check_pdf(pdf, page, Document.load(notice_of).notice) >= 15


def test_pdf_needs_a_file():
    result = lawtool("diff", V2, V3, "-f", "pdf")
    assert result.returncode == 2 and "-o FILE.pdf" in result.stderr and "Traceback" not in result.stderr


def test_export_pdf_of_the_bill_has_its_text_in_reading_order_and_the_notice_on_every_page(tmp_path):
    from lawtool.export import to_text

    pdf = tmp_path / "bill.pdf"
    result = lawtool("export", V3, "--to", "pdf", "-o", pdf)
    assert result.returncode == 0, result.stderr
    document = Document.load(V3)
    by_page, by_column, pages, with_notice = pdf_words(pdf, document.notice)
    assert pages >= 5 and with_notice == pages
    from pdf_support import arabic_words

    lines = [arabic_words(line) for line in to_text(document).split("\n")]
    checked = 0
    for words in lines[1:]:
        if len(words) >= 3:
            assert contains_in_order(by_page, words), " ".join(words)
            checked += 1
    assert checked >= 100
    refused = lawtool("export", V3, "--to", "pdf")
    assert refused.returncode == 2 and "-o FILE.pdf" in refused.stderr
