"""Citations of any text of the corpus (the names table), a text's own identity, and the citation graph.

Real data only: the names table built from the Adala corpus's own titles (lawtool/xref/data/names.yaml),
raw texts of shared/sources/adala/corpus, and law/ + bills/ for the graph.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from lawtool.cli import app
from lawtool.findings import Finding
from lawtool.xref import extract_text
from lawtool.xref.graph import build_graph, summary, to_json, write_graph
from lawtool.xref.identity import own_numbers
from lawtool.xref.names import table
from lawtool.xref.names_build import title_names

REPO = Path(__file__).resolve().parents[1]
LABOUR = "/akn/ma/act/2003/65-99"  # مدونة الشغل, Law 65.99 promulgated by dahir 1.03.194


def corpus_text(shared: Path, name: str) -> str:
    from lawtool.importer import read_source

    return read_source(shared / "sources/adala/corpus" / f"ma-adala-{name}.txt")


def test_a_number_in_any_of_its_spellings_and_its_promulgating_dahir():
    names = table()
    for spelling in ("65.99", "65-99", "065.99"):
        assert names.by_number(spelling)[0].uri == LABOUR
    assert names.by_number("1.03.194")[0].uri == LABOUR  # the dahir that promulgated it


def test_code_names_come_from_the_titles():
    assert title_names("ظهير بمثابة قانون االلتزامات والعقود", "dahir") == ["قانون الالتزامات والعقود"]
    assert title_names("قانون المسطرة المدنية", "dahir") == ["قانون المسطره المدنيه"]
    assert title_names("مرسوم مدونة السير على الطرق بشأن السياقة", "decree") == []  # applies a code, is not one
    assert "مدونه الاسره" in table().names  # cited with its number 70.03 by the corpus, not held by it


def test_own_title_number_and_promulgation_heading_are_not_citations(shared):
    text = corpus_text(shared, "rental-127")
    assert own_numbers(text) == ["07.03", "1.07.134"]
    cited = [c for c in extract_text(text) if not c.internal]
    assert {c.cited_law.get("number") for c in cited if c.cited_law} >= {"67.12"}
    assert not any((c.cited_law or {}).get("number") in ("07.03", "1.07.134") for c in cited)
    [law] = [c for c in cited if c.line == 50]  # «... 67.12 ... الصادر بتنفيذه الظهير الشريف رقم 1.13.111»
    assert law.cited_law == {"kind": "law", "number": "67.12", "alias": {"kind": "dahir", "number": "1.13.111"}}
    doc = [c for c in cited if c.line == 64][0]  # «الفصلين 660و 661من قانون االلتزامات والعقود»
    assert doc.articles == ["660", "661"] and doc.work == table().by_name("قانون الالتزامات والعقود", "2007").uri


def test_another_text_named_in_a_title_is_a_citation(shared):
    text = corpus_text(shared, "electoral-6394")  # «مرسوم بتطبيق القانون رقم 08.02 ...»
    assert own_numbers(text) == ["2.02.424"]
    assert any(c.line == 1 and (c.cited_law or {}).get("number") == "08.02" for c in extract_text(text))


def test_a_longer_code_name_is_not_the_shorter_code(shared):
    text = corpus_text(shared, "maritime-fishing-5006")  # «مدونة التجارة البحرية», not «مدونة التجارة»
    commerce = table().by_number("15.95")[0].uri
    assert not any(c.work == commerce for c in extract_text(text))


def test_foreign_law_is_listed_and_never_linked(shared):
    text = corpus_text(shared, "judicial-org-256")
    foreign = [c for c in extract_text(text) if (c.cited_law or {}).get("kind") == "foreign"]
    assert {c.line for c in foreign} == {645} and all(c.work is None for c in foreign)


def test_a_range_across_a_line_break(shared):
    text = corpus_text(shared, "commercial-5682")  # «الفصول من\n334إلى 391ومن 505إلى 574من القانون الجنائي»
    pc = [c for c in extract_text(text) if c.line == 138 and c.work == "/akn/ma/act/1962/1-59-413"]
    assert pc and {"334", "391", "505", "574"} <= set(pc[0].articles)


def test_a_code_named_with_an_older_date_is_not_the_current_code(shared):
    # the Penal Code repeals «الفصل 490 من قانون المسطرة الجنائية المؤرخ في ... (10 يبراير 1959)»
    snippet = (
        "يـلـغـى الفـصل 490من قـانون المسـطرة الجـنائية المـؤرخ فـي فاتح شعبان 1378\n"
        "( 10يبراير )1959ويعوض بالمقتضيات التالية:"
    )
    assert snippet in (shared / "sources/adala/penal-code.consolidated-2024-08-22.ar.txt").read_text(encoding="utf-8")
    [c] = extract_text(snippet, uri="/akn/ma/act/1962/1-59-413", date="2024-08-22")
    assert c.work is None and c.articles == ["490"] and c.cited_law["year"] == 1959


@pytest.fixture(scope="module")
def graph():
    return build_graph([REPO / "law", REPO / "bills"], jobs=1)


def test_graph_of_law_and_bills(graph, tmp_path):
    s = summary(graph)
    assert s["documents"] >= 4 and s["work_citations"] > 100 and s["article_citations"] > 300
    assert s["most_cited_works"][0]["work"] == "/akn/ma/act/1962/1-59-413"
    backlinks = to_json(graph)["cited_by"]["articles"]
    assert any(t.endswith("/1-59-413/~art_447-1") for t in backlinks)
    assert all(isinstance(f, Finding) and f.rule == "missing-article" for f in graph.findings)
    assert s["unresolved_citations"] > 0  # laws outside the corpus are listed, not dropped
    written = write_graph(graph, tmp_path / "g")
    assert {p.name for p in written} == {
        "graph.json",
        "edges-works.csv",
        "edges-articles.csv",
        "works.graphml",
        "articles.graphml",
        "unresolved.csv",
        "findings.json",
    }
    etree.parse(str(tmp_path / "g/works.graphml"))
    rows = list(csv.reader((tmp_path / "g/edges-works.csv").open(encoding="utf-8")))
    assert rows[0] == ["source", "target", "count"] and len(rows) == len(graph.work_edges) + 1


def test_cli_graph_refuses_to_replace_without_force(tmp_path):
    runner = CliRunner()
    args = ["xref", "graph", str(REPO / "law"), str(REPO / "bills"), "-o", str(tmp_path / "out"), "--jobs", "1"]
    first = runner.invoke(app, args)
    assert first.exit_code in (0, 1), first.output
    data = json.loads((tmp_path / "out/graph.json").read_text(encoding="utf-8"))
    assert data["format"] == "lawtool-xref-graph/1"
    again = runner.invoke(app, args)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert runner.invoke(app, args + ["--force"]).exit_code in (0, 1)
