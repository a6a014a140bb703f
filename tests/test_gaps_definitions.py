"""Definitions: found, marked, linked — on Law 103.13 and the bill, the real AKN files."""

from pathlib import Path

import pytest

from lawtool.akn import Document, local_name, text_of
from lawtool.gaps.definitions import find_definitions, link_definitions, slug
from lawtool.gaps.matching import Matcher
from lawtool.validate import check_schema

REPO = Path(__file__).resolve().parents[1]
LAW = REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml"
BILL = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-12-10.xml"


def _load(path):
    if not path.exists():
        pytest.fail(f"{path.relative_to(REPO)} not built yet (lawtool corpus build)")
    return Document.load(path)


def test_law_103_13_article_1_five_definitions():
    defs = [d for d in find_definitions(_load(LAW)) if not d.quoted]
    assert [d.term for d in defs] == [
        "العنف ضد المرأة",
        "العنف الجسدي",
        "العنف الجنسي",
        "العنف النفسي",
        "العنف الاقتصادي",
    ]
    assert all(d.article == "art_1" and d.form == "list" for d in defs)
    assert defs[0].text.startswith("كل فعل مادي أو معنوي أو امتناع أساسه التمييز بسبب الجنس")
    assert [d.concept for d in defs] == [
        "term-3nf-dd-mrah",
        "term-3nf-jsdy",
        "term-3nf-jnsy",
        "term-3nf-nfsy",
        "term-3nf-aqtsady",
    ]


def _fresh_law_103_13() -> Document:
    """Law 103.13 as the importer makes it, before the definitions stage of the corpus build."""
    from lawtool.recipes import build_one, import_specs

    root = Path(__file__).resolve().parents[1]
    yaml_path, spec = next((p, s) for p, s in import_specs(root) if "103-13" in s["expression"])
    spec = {k: v for k, v in spec.items() if k not in ("definitions", "xref")}
    return build_one(root, yaml_path, spec)[1]


def test_committed_law_103_13_carries_its_definitions():
    doc = _load(LAW)
    assert [text_of(d) for d in doc.walk("def")] == [
        "العنف ضد المرأة",
        "العنف الجسدي",
        "العنف الجنسي",
        "العنف النفسي",
        "العنف الاقتصادي",
    ]
    assert link_definitions(doc) == 0


def test_law_103_13_linked_valid_and_idempotent():
    doc = _fresh_law_103_13()
    added = link_definitions(doc)
    once = doc.to_bytes()
    again = Document.from_bytes(once)
    assert link_definitions(again) == 0
    assert again.to_bytes() == once
    assert check_schema(Document.from_bytes(once)) == []
    defs = list(doc.walk("def"))
    assert [text_of(d) for d in defs] == [
        "العنف ضد المرأة",
        "العنف الجسدي",
        "العنف الجنسي",
        "العنف النفسي",
        "العنف الاقتصادي",
    ]
    assert all(d.getparent().getparent().getparent().get("eId").startswith("art_1__para_") for d in defs)
    concepts = doc.xpath("//a:TLCConcept")
    assert {c.get("showAs") for c in concepts} == {text_of(d) for d in defs}
    terms = list(doc.walk("term"))
    assert added == len(defs) + len(terms) and terms
    for t in terms:  # never in headings, nums, quoted structures, or a term's own definition
        names = {local_name(a) for a in t.iterancestors()}
        assert not names & {"heading", "num", "quotedStructure", "quotedText", "def", "term", "ref"}
        assert t.get("refersTo") in {"#" + c.get("eId") for c in concepts}
    # «العنف ضد المرأة» is used by the law outside Article 1
    assert any(t.get("refersTo") == "#term-3nf-dd-mrah" for t in terms)


def test_bill_definitions_and_links():
    doc = _load(BILL)
    defs = find_definitions(doc, include_quoted=True)
    listed = [d for d in defs if d.form == "list" and not d.quoted]
    assert len(listed) == 17 and listed[0].term == "العنف الرقمي"
    assert listed[0].eid == "art_1__para_1__point_1"
    offences = {d.term for d in defs if d.form == "offence"}
    assert {"التحرش الرقمي", "الابتزاز الرقمي", "الاغتصاب الرقمي"} <= offences  # «اغتصابا رقميا» → dictionary form
    assert any(d.quoted and d.term == "العنف الرقمي" for d in defs)  # art 38 amends Law 103.13 art 1
    link_definitions(doc)
    assert check_schema(doc) == []
    point1 = doc.by_eid("art_1__para_1__point_1")
    assert not [t for t in point1.iter("{*}term") if t.get("refersTo") == "#term-3nf-rqmy"]
    linked = [text_of(t) for t in doc.walk("term") if t.get("refersTo") == "#term-wsylh-rqmyh"]
    assert "وسيلة رقمية" in linked and "الوسائل الرقمية" in linked  # indefinite, broken plural
    for el in doc.walk("quotedStructure"):
        assert not list(el.iter("{*}term"))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وبالعنف الرقمي", "وبالعنف الرقمي"),  # و + ب + ال
        ("للعنف الرقمي", "للعنف الرقمي"),  # ل + ال with the alef dropped
        ("العنف الإليكتروني", "العنف الإليكتروني"),  # spelling variant (one more ي)
        ("الوسائل الرقمية", "الوسائل الرقمية"),  # broken plural, feminine adjective
        ("العنف ضد النساء", "العنف ضد النساء"),  # المرأة → النساء
    ],
)
def test_matching_arabic_forms(text, expected):
    m = Matcher.of(
        [("dv", "العنف الرقمي"), ("el", "العنف الإلكتروني"), ("vr", "الوسيلة الرقمية"), ("w", "العنف ضد المرأة")]
    )
    assert [text[x.start : x.end] for x in m.find(text)] == [expected]


def test_matching_limits():
    m = Matcher.of([("pub", "النشر"), ("dv", "العنف الرقمي"), ("pdv", "العنف الرقمي ضد النساء")])
    assert m.find("كل من نشر") == []  # one-word term: the verb is not the noun
    assert m.find("العنف، الرقمي") == []  # no match across punctuation
    found = m.find("العنف الرقمي ضد النساء")
    assert [x.phrase.key for x in found] == ["pdv"]  # longest first


def test_slug_is_ascii_and_stable():
    assert slug("العنف الرقمي") == "3nf-rqmy" == slug("وبالعنف الرقمي".replace("وب", ""))
    assert slug("violence numérique") == "violence-numerique"
