"""Checking references against the corpus, and the backlink index."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from lawtool.akn import Document
from lawtool.cli import app
from lawtool.xref import ArticleIndex
from lawtool.xref.check import Checker, check_paths
from lawtool.xref.index import build_index
from lawtool.xref.mark import mark_document

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml"
PC = "/akn/ma/act/1962/1-59-413"

# The corpus's only unresolved references, explained in docs/xref.md:
KNOWN = {
    # the Penal Code writes «الفصلين 218-4 و 218-1-4» in article 218-4-2: 218-1-4 does not exist (218-4-1 is meant)
    ("law/ma/act/1962/1-59-413/ara@2024-08-22.xml", "art_218-4-2__para_1", "#art_218-1-4"),
    ("law/ma/act/1962/1-59-413/ara@2024-08-22.xml", "art_218-4-2__para_2", "#art_218-1-4"),
    # the Code of Criminal Procedure cites «المواد 41 و 41-1 و 215-1 من هذا القانون»: its text has no 215-1
    ("law/ma/act/2002/22-01/ara@2025-09-08.xml", "art_461__para_3", "#art_215-1"),
}


def test_corpus_has_no_unexplained_unresolved_reference():
    findings = check_paths([REPO / "law", REPO / "bills"], root=REPO)
    problems = {(f.file, f.eid, f.target) for f in findings if f.severity in ("error", "warning")}
    assert problems <= KNOWN
    assert {f.rule for f in findings if f.severity == "info"} <= {"inserted", "outside-corpus"}
    inserted = [f for f in findings if f.rule == "inserted"]
    assert inserted and all(f.target == f"{PC}/~art_447-4" for f in inserted)  # the bill adds 447-4


def _document_with(refs: list[tuple[str, str]], date: str = "2024-05-14") -> Document:
    p = "".join(f'<ref href="{href}">{text}</ref> و' for href, text in refs)
    xml = f"""<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act"><meta>
      <identification source="#x"><FRBRWork><FRBRthis value="/akn/ma/act/2030/1-30/!main"/><FRBRuri value="/akn/ma/act/2030/1-30"/>
      <FRBRdate date="{date}" name="Generation"/><FRBRauthor href="#x"/><FRBRcountry value="ma"/></FRBRWork>
      <FRBRExpression><FRBRthis value="/akn/ma/act/2030/1-30/ara@{date}/!main"/><FRBRuri value="/akn/ma/act/2030/1-30/ara@{date}"/>
      <FRBRdate date="{date}" name="Expression"/><FRBRauthor href="#x"/><FRBRlanguage language="ara"/></FRBRExpression>
      <FRBRManifestation><FRBRthis value="/akn/ma/act/2030/1-30/ara@{date}/!main.xml"/><FRBRuri value="/akn/ma/act/2030/1-30/ara@{date}.xml"/>
      <FRBRdate date="{date}" name="Transform"/><FRBRauthor href="#x"/></FRBRManifestation></identification></meta>
      <body><article eId="art_1"><num>المادة 1</num><paragraph eId="art_1__para_1"><content><p>{p}</p></content></paragraph>
      </article></body></act></akomaNtoso>"""
    return Document.from_bytes(xml.encode("utf-8"), "synthetic.xml")


def test_findings_missing_repealed_provision():
    corpus = ArticleIndex.from_root(REPO)
    document = _document_with(
        [
            (f"{PC}/~art_9999", "الفصل 9999"),
            (f"{PC}/~art_290", "الفصل 290"),
            (f"{PC}/~art_404__para_99", "الفقرة 99 من الفصل 404"),
            (f"{PC}/~art_404", "الفصل 404"),
            ("#art_7", "المادة 7"),
        ]
    )
    rules = {(f.rule, f.target) for f in Checker(corpus).check_document(document)}
    assert ("missing-article", f"{PC}/~art_9999") in rules
    assert ("repealed", f"{PC}/~art_290") in rules
    assert ("missing-provision", f"{PC}/~art_404__para_99") in rules
    assert ("missing-article", "#art_7") in rules
    assert not any(href == f"{PC}/~art_404" for _, href in rules)


def test_repeal_after_the_citing_date_is_no_finding():
    corpus = ArticleIndex.from_root(REPO)
    # Penal Code articles 19-23 were repealed in 2003 (Law 22.01): fine for a text of 1990
    old = _document_with([(f"{PC}/~art_19-to-23", "الفصل 19")], date="1990-01-01")
    new = _document_with([(f"{PC}/~art_19-to-23", "الفصل 19")], date="2010-01-01")
    assert not [f for f in Checker(corpus).check_document(old) if f.rule == "repealed"]
    assert [f for f in Checker(corpus).check_document(new) if f.rule == "repealed"]


def _marked_copy(tmp: Path) -> ArticleIndex:
    """law/ and bills/ copied under ``tmp`` and marked (whatever state the repository's files are in)."""
    corpus = ArticleIndex.from_root(REPO)
    for top in ("law", "bills"):
        for path in (REPO / top).rglob("*.xml"):
            document = Document.load(path)
            mark_document(document, corpus)
            target = tmp / path.relative_to(REPO)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(document.to_bytes())
    return corpus


def test_index_backlinks(tmp_path):
    corpus = _marked_copy(tmp_path)
    data = build_index([tmp_path / "law", tmp_path / "bills"], corpus, root=tmp_path)
    assert data["format"] == "lawtool-xref-index/1"
    cited = data["cited_by"][f"{PC}/~art_447-1"]
    sources = {(e["source"], e["source_article"]) for e in cited}
    assert ("/akn/ma/bill/2024/digital-violence/ara@2024-05-14", "art_37") in sources
    assert ("/akn/ma/act/2018/103-13/ara@2018-03-12", "art_5") in sources
    # a range is expanded: the bill's «الفصول من 425 إلى 429-1» cites 428
    assert any(e["kind"] == "range" and e["source_article"] == "art_11" for e in data["cited_by"][f"{PC}/~art_428"])
    cites = data["cites"]["/akn/ma/bill/2024/digital-violence/ara@2024-05-14/~art_25"]
    assert {e["target"] for e in cites} == {"/akn/ma/act/2002/22-01/~art_7"}
    # stable: built twice, the same bytes
    again = build_index([tmp_path / "law", tmp_path / "bills"], corpus, root=tmp_path)
    assert json.dumps(data, ensure_ascii=False) == json.dumps(again, ensure_ascii=False)


def test_cli_extract_json_only_json_and_exit_zero(shared):
    runner = CliRunner()
    result = runner.invoke(
        app,
        ["xref", "extract", str(shared / "sources/adala/laws/ma-adala-adoul-10.txt"), "--json", "--root", str(REPO)],
    )
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["input"] == "text" and data["citations"]
    first = data["citations"][0]
    assert set(first) >= {"text", "place", "work", "articles", "range", "subprovision", "cited_law"}
    result = runner.invoke(app, ["xref", "extract", str(BILL), "--json", "--root", str(REPO)])
    assert result.exit_code == 0 and json.loads(result.stdout)["input"] == "akn"


def test_cli_errors_are_clean(tmp_path):
    runner = CliRunner()
    bad = tmp_path / "bad.xml"
    bad.write_text("<not-closed", encoding="utf-8")
    for args in (
        ["xref", "extract", str(bad)],
        ["xref", "extract", str(tmp_path / "missing.txt")],
        ["xref", "check", str(tmp_path / "nowhere")],
        ["xref", "mark", str(bad)],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("lawtool: error:") and "Traceback" not in result.stderr


def test_cli_check_and_index(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["xref", "check", str(REPO / "bills"), "--json", "--root", str(REPO)])
    assert result.exit_code == 0 and json.loads(result.stdout) == {"findings": []}
    out = tmp_path / "index.json"
    result = runner.invoke(
        app, ["xref", "index", str(REPO / "law"), str(REPO / "bills"), "-o", str(out), "--root", str(REPO)]
    )
    assert result.exit_code == 0 and json.loads(out.read_text(encoding="utf-8"))["format"] == "lawtool-xref-index/1"
