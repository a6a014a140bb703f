"""The amendment list (`lawtool amend list`): the examples of bills/ in bill order, numbered,
grouped by article, with proposers, co-signatories, status, votes, collision notes and the
sub-amendment; as JSON, HTML, DOCX and PDF (pdftotext gives the Arabic words in reading order)."""

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from pdf_support import arabic_words, contains_in_order

from lawtool.akn import Document
from lawtool.amend import load_amendments
from lawtool.amend.listing import build_list, to_html

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence"
V2 = BILL / "ara@2024-12-10.xml"
FILES = sorted((BILL / "amendments").glob("dv-ex-*.yaml"))  # the groups' examples (the committee's dv-c-* aside)


def lawtool(*args):
    return subprocess.run([sys.executable, "-m", "lawtool.cli", *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module")
def data():
    return build_list(Document.load(V2), load_amendments(FILES))


def _entries(data):
    for group in data["groups"]:
        for entry in group["amendments"]:
            yield group, entry
            for sub in entry["sub"]:
                yield group, sub


def test_bill_order_numbers_and_groups(data):
    seen = [(g["label"], e["number"], e["id"]) for g, e in _entries(data)]
    assert seen == [
        ("المادة 17", "1", "dv-ex-01"),
        ("المادة 17", "1-1", "dv-ex-05"),
        ("المادة 17", "2", "dv-ex-03"),
        ("المادة 18", "3", "dv-ex-02"),
        ("المادة 18", "4", "dv-ex-07"),
        ("المادة 30", "5", "dv-ex-04"),
        ("المادة 30", "6", "dv-ex-06"),
    ]
    assert data["count"] == 7 and "نص عمل" in data["notice"] and data["bill"]["notice"]


def test_status_votes_cosignatories_and_collision_notes(data):
    by_id = {e["id"]: e for _, e in _entries(data)}
    first = by_id["dv-ex-01"]
    assert first["status_ar"] == "مقبول" and first["votes_ar"] == "الموافقون: 9، المعارضون: 3، الممتنعون: 1"
    assert first["cosignatories"] == ["عضو (مثال 1)", "عضو (مثال 2)"]
    assert first["notes"] == ["إذا قبل التعديل 1 سقط التعديل 2"]
    assert by_id["dv-ex-03"]["notes"] == ["إذا قبل التعديل 1 سقط التعديل 2"]
    assert by_id["dv-ex-06"]["status_ar"] == "ساقط" and by_id["dv-ex-06"]["notes"] == [
        "إذا قبل التعديل 5 سقط التعديل 6"
    ]
    assert by_id["dv-ex-02"]["notes"] == []
    sub = by_id["dv-ex-05"]
    assert sub["amends"] == "dv-ex-01" and sub["notes"] == ["يسقط إذا رفض التعديل 1 أو سحب"]
    assert sub["wording"][0]["ar"].startswith('تعوض عبارة "من ثلاث إلى سبع سنوات"')


def test_sub_amendments_collide_among_themselves(tmp_path):
    """Two sub-amendments of dv-ex-01 that change the same words: «إذا قبل التعديل 1-1 سقط التعديل 1-2»,
    checked against the bill as dv-ex-01 leaves it (their words are not in the bill)."""
    other = (BILL / "amendments/dv-ex-05.yaml").read_text(encoding="utf-8")
    other = other.replace("id: dv-ex-05", "id: dv-ex-08").replace("من ثلاث إلى ست سنوات", "من أربع إلى سبع سنوات")
    other = other.replace("date: 2025-01-24", "date: 2025-01-25")
    (tmp_path / "dv-ex-08.yaml").write_text(other, encoding="utf-8")
    data = build_list(Document.load(V2), load_amendments([*FILES, tmp_path / "dv-ex-08.yaml"]))
    subs = {e["id"]: e for _, e in _entries(data) if e["amends"]}
    assert subs["dv-ex-05"]["number"] == "1-1" and subs["dv-ex-08"]["number"] == "1-2"
    assert "إذا قبل التعديل 1-1 سقط التعديل 1-2" in subs["dv-ex-05"]["notes"]
    assert "إذا قبل التعديل 1-1 سقط التعديل 1-2" in subs["dv-ex-08"]["notes"]


def test_a_sub_amendment_is_not_applied_to_the_bill():
    result = lawtool(
        "amend",
        "apply",
        V2,
        BILL / "amendments/dv-ex-01.yaml",
        BILL / "amendments/dv-ex-05.yaml",
        "-o",
        "/dev/null",
        "--date",
        "2025-03-01",
    )
    assert result.returncode == 2 and "sub-amendment of dv-ex-01" in result.stderr and "Traceback" not in result.stderr


def test_json_and_html_outputs(tmp_path):
    result = lawtool("amend", "list", V2, *FILES, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["groups"][0]["amendments"][0]["id"] == "dv-ex-01"
    out = tmp_path / "list.html"
    assert lawtool("amend", "list", V2, *FILES, "-o", out).returncode == 0
    page = out.read_text(encoding="utf-8")
    assert '<html lang="ar" dir="rtl">' in page and "لائحة التعديلات" in page and "نص عمل" in page
    assert page.index("التعديل رقم 1 ") < page.index("تعديل فرعي رقم 1-1") < page.index("التعديل رقم 2 ")
    again = lawtool("amend", "list", V2, *FILES, "-o", out)
    assert again.returncode == 2 and "exists" in again.stderr


def test_docx_output(tmp_path):
    out = tmp_path / "list.docx"
    result = lawtool("amend", "list", V2, *FILES, "--format", "docx", "-o", out)
    assert result.returncode == 0, result.stderr
    document = docx.Document(out)
    texts = [p.text for p in document.paragraphs]
    assert "<w:bidi/>" in document.element.xml and "w:rtl" in document.element.xml
    assert "إذا قبل التعديل 5 سقط التعديل 6" in texts and "الحالة: ساقط" in texts
    assert any(t.startswith("تعديل فرعي رقم 1-1") for t in texts)


_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdf_text(path: Path, *, notice: str | None = None) -> tuple[str, int]:
    """pdftotext's text with the page headers (the notice) and page numbers taken out, and the
    number of pages on which the notice was found."""
    assert shutil.which("pdftotext"), "pdftotext is missing: install poppler-utils (make system-deps)"
    raw = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    kept, notices = [], 0
    for line in raw.split("\n"):
        plain = _BIDI.sub("", line).strip()
        if notice and arabic_words(plain) == arabic_words(notice) and "lawtool" in plain:
            notices += 1
            continue
        if re.fullmatch(r"\d+\s*/\s*\d+", plain):
            continue
        kept.append(line)
    return "\n".join(kept), notices


def test_pdf_words_in_reading_order(tmp_path):
    out = tmp_path / "list.pdf"
    result = lawtool("amend", "list", V2, *FILES, "--format", "pdf", "-o", out)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes().startswith(b"%PDF")
    data = build_list(Document.load(V2), load_amendments(FILES))
    text, notices = pdf_text(out, notice=data["notice"])
    pages = int(
        subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout.split("Pages:")[1].split()[0]
    )
    assert pages >= 2 and notices == pages, "the working-text notice on every page"
    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True).stdout
    assert "NotoSansArabic" in fonts and "Type 3" not in fonts
    words = arabic_words(text)
    # every paragraph of the list, as the HTML has it, is in the PDF in reading order
    paragraphs = re.findall(r"<(?:p|h[1-3])[^>]*>(.*?)</(?:p|h[1-3])>", to_html(data))
    checked = 0
    for paragraph in paragraphs:
        expected = arabic_words(re.sub(r"<[^>]+>", "", paragraph).replace("&quot;", '"'))
        if len(expected) >= 3:
            assert contains_in_order(words, expected), " ".join(expected)
            checked += 1
    assert checked >= 30


def test_amendments_of_another_version_are_refused():
    result = lawtool("amend", "list", BILL / "ara@2025-02-18.xml", BILL / "amendments/dv-ex-01.yaml")
    assert result.returncode == 2 and "targets the expression" in result.stderr and not result.stdout
