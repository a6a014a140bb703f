"""Reading PDFs back for the tests: the Arabic words in reading order, from poppler's pdftotext.

pdftotext -bbox-layout gives each text block with its place and each word in visual order;
``pdf_words`` puts the words of a line back in reading order (right to left, the letters of an
Arabic word reversed), drops the notice repeated at the top of each page and the repeated table
headers, and gives two word streams: page by page, and column by column (a table cell that runs
over a page break stays whole in the second)."""

import html
import re
import shutil
import subprocess

from lxml import etree

NS = {"x": "http://www.w3.org/1999/xhtml"}
_BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_INLINE = re.compile(r"</?(?:del|ins|span|a|strong|em|b|i|bdi|code)\b[^>]*>")


def arabic_words(text: str) -> list[str]:
    """The Arabic words, vowel marks left out (a PDF may place a mark before or after its letter)."""
    return re.findall(r"[\u0621-\u064a]+", re.sub("[\u064b-\u0652]", "", _BIDI.sub("", text or "")))


def contains_in_order(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def html_blocks(page: str) -> list[list[str]]:
    """The Arabic words of each paragraph, cell, list item and heading of an HTML page."""
    out = []
    for _, inner in re.findall(r"<(td|p|li|h1|h2|h3)\b[^>]*>(.*?)</\1>", page, re.S):
        text = html.unescape(re.sub(r"<[^>]+>", " ", _INLINE.sub("", inner)))
        out.append(arabic_words(text))
    return out


def pdf_words(path, notice: str | None = None, headers=()) -> tuple[list[str], list[str], int, int]:
    """(words page by page, words column by column, pages, pages whose top holds the notice)."""
    assert shutil.which("pdftotext"), "pdftotext is missing: install poppler-utils (make system-deps)"
    raw = subprocess.run(
        ["pdftotext", "-bbox-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = etree.fromstring(raw.encode("utf-8"))
    notice_words = arabic_words(notice)
    header_words = [arabic_words(h) for h in headers]
    blocks, pages, with_notice = [], 0, 0
    for number, page in enumerate(root.iterfind(".//x:page", NS)):
        pages += 1
        found = []
        for block in page.iterfind(".//x:block", NS):
            lines = []
            for line in block.iterfind("x:line", NS):
                words = sorted(line.iterfind("x:word", NS), key=lambda w: -float(w.get("xMin")))
                lines.append(
                    " ".join(
                        w.text[::-1] if re.search("[\u0600-\u06ff]", w.text or "") else (w.text or "") for w in words
                    )
                )
            found.append((float(block.get("yMin")), round(float(block.get("xMax")) / 15), " ".join(lines)))
        found.sort()
        top: list[str] = []
        while (
            found
            and notice_words
            and arabic_words(found[0][2])
            and contains_in_order(notice_words, arabic_words(found[0][2]))
        ):
            top += arabic_words(found.pop(0)[2])
        with_notice += bool(notice_words) and top == notice_words
        for y, column, text in found:
            if re.fullmatch(r"\s*\d+\s*/\s*\d+\s*", _BIDI.sub("", text)) or arabic_words(text) in header_words:
                continue
            blocks.append((-column, number, y, text))
    by_page = arabic_words(" ".join(b[3] for b in sorted(blocks, key=lambda b: (b[1], b[2]))))
    by_column = arabic_words(" ".join(b[3] for b in sorted(blocks)))
    return by_page, by_column, pages, with_notice
