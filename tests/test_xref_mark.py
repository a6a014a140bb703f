"""Marking citations up as ref/rref: valid, idempotent, text-preserving, existing refs kept."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import etree

from lawtool.akn import NS, Document, akn, local_name, text_of
from lawtool.validate import validate_paths
from lawtool.xref import ArticleIndex
from lawtool.xref.mark import mark_document

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml"
LAW = REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml"


@pytest.fixture(scope="module")
def corpus():
    return ArticleIndex.from_root(REPO)


def unwrap(document: Document) -> Document:
    copy = Document.from_bytes(document.to_bytes(), document.path)
    for el in list(copy.root.iter(akn("ref"), akn("rref"))):
        parent, previous = el.getparent(), el.getprevious()
        text = (el.text or "") + (el.tail or "")
        if previous is not None:
            previous.tail = (previous.tail or "") + text
        else:
            parent.text = (parent.text or "") + text
        parent.remove(el)
    return copy


def marked(path: Path, corpus) -> Document:
    document = unwrap(Document.load(path))
    mark_document(document, corpus)
    return document


def test_bill_refs(corpus):
    document = marked(BILL, corpus)
    refs = {
        (local_name(el), text_of(el)): (el.get("href") or f"{el.get('from')}..{el.get('upTo')}")
        for el in document.root.iter(akn("ref"), akn("rref"))
    }
    assert refs[("ref", "الفصول 447-1")] == "/akn/ma/act/1962/1-59-413/~art_447-1"
    assert (
        refs[("rref", "الفصول من 425 إلى 429-1")]
        == "/akn/ma/act/1962/1-59-413/~art_425../akn/ma/act/1962/1-59-413/~art_429-1"
    )
    assert refs[("ref", "المادة 7")] == "/akn/ma/act/2002/22-01/~art_7"
    assert refs[("ref", "المادة المذكورة")] == "/akn/ma/act/2002/22-01/~art_7"
    assert refs[("ref", "الفقرة الثالثة من المادة 39")] == "#art_39__para_3"
    assert refs[("ref", "القانون رقم 103.13")] == "/akn/ma/act/2018/103-13"
    assert refs[("ref", "الفصل 447-4")] == "/akn/ma/act/1962/1-59-413/~art_447-4"  # «ب» left outside
    # laws outside lawtool's registry are not marked
    assert not any("09.08" in text for _, text in refs)
    assert not any("الدستور" in text or text.startswith("للفصول 19") for _, text in refs)


def test_marking_keeps_the_text_and_is_idempotent(corpus):
    for path in (BILL, LAW):
        plain = unwrap(Document.load(path))
        before = {el: text_of(el) for el in plain.root.iter() if isinstance(el.tag, str)}
        once = marked(path, corpus)
        assert [
            text_of(el) for el in once.root.iter() if isinstance(el.tag, str) and local_name(el) not in ("ref", "rref")
        ] == list(before.values())
        data = once.to_bytes()
        again = Document.from_bytes(data, str(path))
        assert mark_document(again, corpus) == 0
        assert again.to_bytes() == data


def test_existing_refs_are_kept_and_never_nested(corpus):
    document = unwrap(Document.load(BILL))
    p = document.by_eid("art_9__para_3").find(f".//{{{NS}}}p")
    text = p.text
    k = text.index("الفصل 503-1-1")
    ref = etree.SubElement(p, akn("ref"), href="https://example.org/hand-made")
    ref.text, ref.tail, p.text = text[k : k + len("الفصل 503-1-1")], text[k + len("الفصل 503-1-1") :], text[:k]
    mark_document(document, corpus)
    p = document.by_eid("art_9__para_3").find(f".//{{{NS}}}p")
    refs = p.findall(f".//{{{NS}}}ref")
    assert [r.get("href") for r in refs] == ["https://example.org/hand-made"]
    for el in document.root.iter(akn("ref"), akn("rref")):
        assert not any(local_name(a) in ("ref", "rref", "num", "heading", "docTitle") for a in el.iterancestors())


def test_marked_documents_validate(corpus, tmp_path):
    for path in (BILL, LAW, REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"):
        document = marked(path, corpus)
        target = tmp_path / path.relative_to(REPO)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(document.to_bytes())
    reports = validate_paths([tmp_path / "law", tmp_path / "bills"])
    errors = [(r.path, f.rule, f.message) for r in reports for f in r.findings if f.severity == "error"]
    assert errors == []


def test_internal_refs_point_at_existing_eids(corpus):
    document = marked(BILL, corpus)
    eids = document.eid_index()
    internal = [el.get("href") for el in document.root.iter(akn("ref")) if el.get("href", "").startswith("#")]
    assert internal and all(h[1:] in eids for h in internal)


def test_unknown_work_is_never_marked_as_the_penal_code(corpus):
    document = marked(LAW, corpus)
    texts = [text_of(el) for el in document.root.iter(akn("ref"))]
    assert not any("53" in t and "مدونة" in t for t in texts)
    hrefs = [el.get("href") for el in document.root.iter(akn("ref"))]
    assert "/akn/ma/act/1962/1-59-413/~art_53" not in hrefs


def test_mark_cli_never_overwrites_the_input(tmp_path):
    from typer.testing import CliRunner

    from lawtool.cli import app

    source = tmp_path / "bill.xml"
    shutil.copy(BILL, source)
    before = source.read_bytes()
    runner = CliRunner()
    result = runner.invoke(app, ["xref", "mark", str(source), "--root", str(REPO)])
    assert result.exit_code == 0 and "<akomaNtoso" in result.stdout
    assert source.read_bytes() == before
    result = runner.invoke(app, ["xref", "mark", str(source), "--dry-run", "--root", str(REPO)])
    assert result.exit_code == 0 and source.read_bytes() == before
    out = tmp_path / "out.xml"
    result = runner.invoke(app, ["xref", "mark", str(source), "-o", str(out), "--root", str(REPO)])
    assert result.exit_code == 0 and out.exists() and source.read_bytes() == before
    result = runner.invoke(app, ["xref", "mark", str(source), "--in-place", "--root", str(REPO)])
    assert result.exit_code == 0 and source.read_bytes() == out.read_bytes()
