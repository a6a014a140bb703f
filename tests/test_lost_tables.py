"""Tables whose rows and columns the source text lost (importer/layout.py ``_lost_tables``): kept
as one table, one cell a row in the source's order, said by a ``table-layout-lost`` finding and,
on the site, by an Arabic caption."""

from __future__ import annotations

from functools import cache

import pytest
from conftest import SHARED
from lxml import etree

from lawtool.akn import LOST_LAYOUT
from lawtool.importer import import_text
from lawtool.importer.repair import repair_text
from lawtool.publish.body import BodyRenderer
from lawtool.validate import check_schema

CORPUS = SHARED / "sources/adala/corpus"
# the decree on the regional audit courts: its article 1 ends on a table of 12 courts (name, seat,
# regions), which the source gives one cell a line, columns interleaved
COURTS = "ma-adala-administrative-4715.txt"


@cache
def _courts():
    return import_text((CORPUS / COURTS).read_text("utf-8"), None, source_name=COURTS)


def _cells(table) -> list[str]:
    return ["".join(td.itertext()).strip() for td in table.iter("{*}td")]


def test_a_table_given_one_cell_a_line_is_one_table_not_fifty_paragraphs():
    document, report = _courts()
    [article] = [a for a in document.articles() if a.get("eId") == "art_1"]
    [table] = article.iter("{*}table")
    assert table.get("class") == LOST_LAYOUT
    cells = _cells(table)
    assert len(cells) == 51
    assert cells[:4] == ["التسمية", "المجلس الجهوي للحسابات", "لجهة طنجة -تطوان -الحسيمة", "المجلس الجهوي للحسابات"]
    # the article is its announcing paragraph and the table: no paragraph the decree does not have
    assert [p.get("eId") for p in article.iter("{*}paragraph")] == ["art_1__para_1", "art_1__para_2"]
    [finding] = [f for f in report.findings if f.rule == "table-layout-lost"]
    assert finding.severity == "warning" and finding.line == 31
    assert finding.message.startswith("lines 31–107: 51 short lines") and finding.message_ar
    assert not [f for f in check_schema(document) if f.severity == "error"]


def test_every_cell_is_a_source_line_in_the_source_order():
    document, _ = _courts()
    [table] = document.main.iter("{*}table")
    repaired = repair_text((CORPUS / COURTS).read_text("utf-8"))
    lines = [t for t, n in zip(repaired.lines, repaired.line_numbers, strict=True) if 31 <= n <= 107]
    assert _cells(table) == [t.strip() for t in lines]


@pytest.mark.parametrize(
    "source", ["penal-code.consolidated-2024-08-22.ar.txt", "law-103-13.ar.txt"], ids=["penal-code", "law-103-13"]
)
def test_the_curated_laws_have_no_such_table(source):
    # Their short lines are points ending on «؛» or «:»: never cells
    document, report = import_text((SHARED / "sources/adala" / source).read_text("utf-8"), None, source_name=source)
    assert not list(document.main.iter("{*}table"))
    assert not [f for f in report.findings if f.rule == "table-layout-lost"]


@pytest.mark.parametrize(
    ("name", "what"),
    [
        # «وبنــاء / على / القــانون / التنظيمي ...»: a recital printed one reversed word a line
        ("ma-adala-judicial-power-376.txt", "بالمجلس"),
        # «عن / حكومة المملكة المغربية / عن / منظمة الأمم المتحدة / عزيز اخنوش ...»: signatures
        ("ma-adala-intl-treaties-7321.txt", "حكومة المملكة المغربية"),
        # «الإمضاءات» and the judges' names under it
        ("ma-adala-organic-laws-7118.txt", "محمد أمين بنعبد الله"),
        # bullets «•» alone on their lines between short items
        ("ma-adala-air-sea-transport-6276.txt", None),
        # the English and French certification, printed a word a line («de», «la», «the» ...)
        ("ma-adala-geneva-conventions-7343.txt", "2015 at the United Nations"),
    ],
)
def test_what_is_not_a_table_stays_text(name, what):
    document, report = import_text((CORPUS / name).read_text("utf-8"), None, source_name=name)
    tables = [t for t in document.main.iter("{*}table") if t.get("class") == LOST_LAYOUT]
    if what is None:
        assert not tables
        return
    assert what in " ".join(" ".join(document.main.itertext()).split())
    assert not any(what in " ".join(_cells(t)) for t in tables), name


def test_the_site_says_the_layout_was_lost_in_arabic():
    document, _ = _courts()
    [table] = document.main.iter("{*}table")
    html = BodyRenderer(None, None, "x").table(table, [])  # type: ignore[arg-type]
    tree = etree.fromstring(html)
    assert "فقد المصدر صفوفه وأعمدته" in tree.findtext(".//caption")
    assert [td.xpath("string()") for td in tree.iter("td")][:2] == ["التسمية", "المجلس الجهوي للحسابات"]


def test_a_table_of_an_annex_without_articles_is_a_table_too():
    # The decree on explosives annexes classification grids («رمز», «المجموعة», «مستوى الخطر» ...)
    # printed one cell a line: each run is a table of the annex, and the finding names its lines
    name = "ma-adala-criminal-5015.txt"
    document, report = import_text((CORPUS / name).read_text("utf-8"), None, source_name=name)
    tables = [t for t in document.main.iter("{*}table") if t.get("class") == LOST_LAYOUT]
    found = [f for f in report.findings if f.rule == "table-layout-lost"]
    assert len(found) == len(tables) >= 5
    first = found[0]
    assert first.eid == "att_1" and first.line == 895 and first.message.startswith("lines 895–917: 12 short lines")
    assert _cells(tables[0])[:3] == ["المجموعة", "مستوى الخطر", "تعريف المجموعة"]
