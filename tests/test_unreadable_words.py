"""Words the extraction left unreadable (importer/build.py ``mark_unreadable``): kept as printed,
marked in the text as ``<inline name="unreadable">``, each an ``unreadable-word`` finding, shown to
the site's readers, and counted apart from unmarked damage in the corpus report."""

from __future__ import annotations

from functools import cache

from conftest import SHARED

from lawtool.corpus_import import Options, build_report, import_one
from lawtool.importer import import_text
from lawtool.importer.build import UNREADABLE
from lawtool.publish.body import UNREADABLE_TITLE, BodyRenderer
from lawtool.validate import check_schema

CORPUS = SHARED / "sources/adala/corpus"
# a finance law whose tables were printed in two interleaved text layers: 21 words no rule can read,
# read one by one: the six the damage signatures saw in session 10 («ششرراات», «سسييدداالقنصرة» ...) and
# fifteen with a «ة» or «ى» inside, the mark of two layers run together («ةللواقلامياةنيالاطبليإة...»,
# «ووتتهصينئةة»)
FINANCE = "ma-adala-finance-laws-9097.txt"
DAMAGED = [
    "ششرراات",
    "للللحجللةد",
    "ووتتهصينئةة",
    "التشجيمعكاعفلاىت",
    "الحيوانيومساالعودسااتئلماالليةجماعلشيرةاءال",
    "ابالفصلفرحيوةل",
    "ووتتهعيببنيئئةة",
    "طةه",
    "فينةقل",
    "يلةاستثمار",
    "املشدررواسعاتتهيائلةإجمسالبيوة",
    "ئنةه",
    "سسييدداالقنصرة",
    "بانشاتءراوءتهايلئةارااضليحياوتيالمباني",
    "ااششتترااءم",
    "االلمعيداات",
    "ةللواقلامياةنيالاطبليإةداروياةلاجتمنافعقياةت",
    "االلبمغخااللي",
    "االلتتأاسسي",
    "ىر",
    "والتهبييئئةة",
]


@cache
def _finance():
    return import_text((CORPUS / FINANCE).read_text("utf-8"), None, source_name=FINANCE)


def _marked(document) -> list[str]:
    return [el.text or "" for el in document.main.iter("{*}inline") if el.get("name") == UNREADABLE]


def test_each_unreadable_word_is_kept_as_printed_and_marked():
    document, report = _finance()
    assert _marked(document) == DAMAGED
    found = [f for f in report.findings if f.rule == "unreadable-word"]
    assert [f.message.split("»")[0].lstrip("«") for f in found] == DAMAGED
    assert all(f.eid and f.line and f.message_ar for f in found)
    assert found[0].eid == "chp_63__division_1__intro" and found[0].line == 6078
    assert not [f for f in check_schema(document) if f.severity == "error"]


def test_a_clean_law_has_no_word_marked():
    source = "penal-code.consolidated-2024-08-22.ar.txt"
    document, report = import_text((SHARED / "sources/adala" / source).read_text("utf-8"), None, source_name=source)
    assert _marked(document) == []
    assert not [f for f in report.findings if f.rule == "unreadable-word"]


def test_the_site_shows_the_word_for_what_it_is():
    document, _ = _finance()
    [first, *_] = [el for el in document.main.iter("{*}inline") if el.get("name") == UNREADABLE]
    html = BodyRenderer(None, None, "x").inline_element(first, [])  # type: ignore[arg-type]
    assert html == f'<span class="lt-unreadable" title="{UNREADABLE_TITLE}">ششرراات</span>'


def test_the_corpus_report_counts_marked_words_apart(tmp_path):
    entry = import_one(CORPUS / FINANCE, Options(out=tmp_path, spelling=False))
    assert "damage_signatures" not in entry
    assert sorted(entry["unreadable_words"]) == sorted(DAMAGED)
    report = build_report([entry], folder=CORPUS, imported=1, seconds=0.0)
    assert report["summary"]["damage_signatures"] == {}
    assert set(report["summary"]["unreadable_words"][FINANCE]) == set(DAMAGED)


def _law_103_13_with(damage: dict[int, str]):
    """Law 103.13 as Adala prints it, a damaged word put at the start of some lines (0-based)."""
    lines = (SHARED / "sources/adala/law-103-13.ar.txt").read_text("utf-8").split("\n")
    for k, word in damage.items():
        lines[k] = word + " " + lines[k]
    return import_text("\n".join(lines), None, source_name="law-103-13-damaged.txt")


def _mods(document) -> int:
    return len(document.main.findall(".//{*}activeModifications/{*}textualMod"))


def test_a_word_marked_in_an_amending_sentence_keeps_its_modifications():
    # «ششرراات تغير وتتمم على النحو التالي أحكام الفصول 404 و431 ...»: the sentence is read for the
    # articles it amends before the word is marked, so the marking cuts nothing short
    source = "law-103-13.ar.txt"
    clean, _ = import_text((SHARED / "sources/adala" / source).read_text("utf-8"), None, source_name=source)
    damaged, _ = _law_103_13_with({42: "ششرراات"})
    assert _marked(damaged) == ["ششرراات"]
    assert _mods(damaged) == _mods(clean) > 0


def test_each_finding_names_the_line_of_its_own_word():
    # the same damaged word on two lines: each finding names its own line, not the first one's
    document, report = _law_103_13_with({42: "ششرراات", 100: "ششرراات"})
    lines = [f.line for f in report.findings if f.rule == "unreadable-word"]
    assert lines == [43, 101]
