"""The digital-violence bill: a working text under the published title and chapter titles."""

from pathlib import Path

import pytest
import yaml

from lawtool.akn import Document, text_of

BILL = Path(__file__).resolve().parents[1] / "bills/ma/bill/2024/digital-violence"
CHAPTERS = [
    "أحكام عامة",
    "الوقاية من العنف الرقمي",
    "الجانب الزجري",
    "الجانب المسطري",
    "الحماية من العنف الرقمي",
    "جبر الضرر",
    "مسؤولية مزودي الخدمات وشركات الاتصال",
    "أحكام ختامية",
]


@pytest.fixture(scope="module")
def v1():
    return Document.load(BILL / "ara@2024-05-14.xml")


def test_v1_shape(v1):
    assert v1.doctype == "bill"
    assert str(v1.frbr_expression) == "/akn/ma/bill/2024/digital-violence/ara@2024-05-14"
    assert v1.xpath("./a:preamble/a:p", v1.main), "the bill has a preamble"
    chapters = v1.xpath("./a:body/a:chapter", v1.main)
    assert [text_of(c.find("{*}heading")) for c in chapters] == CHAPTERS
    articles = v1.articles()
    assert len(articles) == 40
    assert [a.get("eId") for a in articles] == [f"art_{n}" for n in range(1, 41)]


def test_working_text_notice(v1, v2):
    for doc in (v1, v2):
        notice = doc.xpath("./a:preface/a:p[@class='lawtool-notice']", doc.main)
        assert notice and "lawtool" in text_of(notice[0]) and "ليست نص الجمعية" in text_of(notice[0])


def test_v2_matches_its_concordance(v2):
    truth = yaml.safe_load((BILL / "source/v1-to-v2.yaml").read_text(encoding="utf-8"))
    expected = set()
    for row in truth["concordance"]:
        new = row["new"]
        for n in [new] if isinstance(new, str) else new or []:
            expected.add(f"art_{n}")
    assert {a.get("eId") for a in v2.articles()} == expected
    assert len(v2.xpath("./a:body/a:chapter", v2.main)) == 8


def test_amending_articles_are_mods(v1):
    art37 = v1.by_eid("art_37")
    quoted = [a.get("eId").rsplit("__", 1)[1] for a in art37.iter("{*}article") if a is not art37]
    assert quoted == ["art_447-1", "art_447-2", "art_447-3", "art_447-4"]
    qstr = art37.find(".//{*}quotedStructure")
    assert qstr.get("startQuote") == "«" and not text_of(qstr).endswith("»")
