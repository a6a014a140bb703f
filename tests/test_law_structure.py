"""law/ against its sources: the structure a reader sees, checked by a reading of the raw text
that shares nothing with the importer (regressions of the corpus issue)."""

import re

from conftest import REPO

from lawtool.akn import Document, text_of

CPP = REPO / "law/ma/act/2002/22-01/ara@2025-09-08.xml"
PENAL = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"


def _word(text: str) -> str:
    """An ordinal as printed, with the PDF's reversed lam-alef undone («األول» → «الأول»)."""
    return text.replace("األ", "الأ").replace("اإل", "الإ").replace("اال", "الا")


def _cpp_source_divisions(shared) -> list[tuple[str, str]]:
    raw = (shared / "sources/adala/criminal-procedure.consolidated-2025-09-08.ar.txt").read_text("utf-8").split("\n")
    start = next(i for i, line in enumerate(raw) if line.strip() == "الكتاب التمهيدي")
    found = []
    for line in raw[start:]:
        match = re.match(r"^\s*(الكتاب|القسم)\s+(ا\S+)(\s+مكرر)?\s*(?::|$)", line)
        if match:
            found.append((match.group(1), _word(match.group(2)) + (match.group(3) or "")))
    return found


def test_cpp_books_and_titles_match_the_source_in_order(shared):
    document = Document.load(CPP)
    built = []
    for el in document.body.iter("{*}book", "{*}title"):
        num = text_of(el.find("{*}num")).split()
        built.append((num[0], " ".join(num[1:])))
    assert built == _cpp_source_divisions(shared)


def test_cpp_titles_sit_in_their_books_and_hold_the_articles(shared):
    document = Document.load(CPP)
    books = [el for el in document.body if el.tag.endswith("book")]
    assert [text_of(b.find("{*}num")) for b in books][:2] == ["الكتاب التمهيدي", "الكتاب الأول"]
    assert not document.main.find("{*}body/{*}hcontainer") is not None  # the preamble is not in the body
    first = books[0].findall(".//{*}article")
    assert [a.get("eId") for a in first] == [f"art_{n}" for n in range(1, 15)]
    # every title (القسم) is a child of a book, and every article after the preliminary book is in a title
    for title in document.body.iter("{*}title"):
        assert title.getparent().tag.endswith("book")
    for book in books[1:]:
        if book.find("{*}title") is None:
            continue  # the eighth book has no title: its articles sit in the book
        for article in book.iter("{*}article"):
            assert any(a.tag.endswith("title") for a in article.iterancestors()), article.get("eId")


def test_cpp_article_407_is_whole_and_408_follows_in_book_two():
    document = Document.load(CPP)
    a407, a408 = document.by_eid("art_407"), document.by_eid("art_408")
    assert a408 is not None and next(a408.iterancestors("{*}book")) is next(a407.iterancestors("{*}book"))
    book = next(a407.iterancestors("{*}book"))
    assert text_of(book.find("{*}num")) == "الكتاب الثاني"
    assert "أعلاه حول سير الجلسة" in text_of(a407)


def test_cpp_articles_equal_the_source_headings(shared):
    raw = (shared / "sources/adala/criminal-procedure.consolidated-2025-09-08.ar.txt").read_text("utf-8")
    document = Document.load(CPP)
    own = document.articles()
    assert len(own) == 918
    assert own[0].get("eId") == "art_1" and own[-1].get("eId") == "art_757"
    assert raw.count("\nالمادة 1\n") >= 1


def test_penal_code_promulgation_dahir_articles_are_articles():
    document = Document.load(PENAL)
    dahir = [
        a.get("eId") for a in document.articles(include_promulgation=True) if a.get("eId").startswith("promulgation__")
    ]
    assert not [a for a in document.articles() if a.get("eId").startswith("promulgation__")]
    assert dahir == [f"promulgation__art_{n}" for n in range(1, 10)]
    assert document.by_eid("art_1") is not None and document.by_eid("promulgation") is not None
