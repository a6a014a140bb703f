"""Penalties over the whole Penal Code as structured data, checked by hand against the text of 30
articles (read in law/ma/act/1962/1-59-413/ara@2024-08-22.xml), the claims computed from them,
and their Arabic wording."""

from pathlib import Path

import pytest

from lawtool.akn import Document
from lawtool.gaps import wording_ar as ar
from lawtool.gaps.ceilings import LIFE, ceiling, ceilings
from lawtool.gaps.penalties import document_penalties
from lawtool.gaps.report import load_sources, penalty_report

REPO = Path(__file__).resolve().parents[1]
PC = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"
LAW = REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml"
Y, M = 365, 30
H, S = "habs", "sijn"

# article: (prison (min, max, type) or None, fine (min, max) or None, «أو بإحدى هاتين العقوبتين»)
BY_HAND = {
    "400": ((1 * M, 1 * Y, H), (200, 500), True),
    "401": ((1 * Y, 3 * Y, H), (200, 1000), False),
    "402": ((5 * Y, 10 * Y, S), None, False),
    "403": ((10 * Y, 20 * Y, S), None, False),
    "407": ((1 * Y, 5 * Y, H), None, False),
    "425": ((1 * Y, 3 * Y, H), (200, 500), False),
    "426": ((2 * Y, 5 * Y, H), (250, 1000), False),
    "427": ((6 * M, 2 * Y, H), (200, 250), False),
    "429": ((1 * M, 3 * M, H), (200, 250), True),
    "431": ((3 * M, 2 * Y, H), (2000, 10000), False),
    "436": ((5 * Y, 10 * Y, H), None, False),  # the text says «بالحبس من خمس إلى عشر سنوات»
    "444-1": (None, (12000, 60000), False),
    "444-2": (None, (12000, 120000), False),
    "447-1": ((6 * M, 3 * Y, H), (2000, 20000), False),
    "447-2": ((1 * Y, 3 * Y, H), (2000, 20000), False),
    "447-3": ((1 * Y, 5 * Y, H), (5000, 50000), False),
    "448": ((1 * M, 1 * Y, H), (200, 500), True),
    "485": ((5 * Y, 10 * Y, S), None, False),
    "486": ((5 * Y, 10 * Y, S), None, False),
    "503-1": ((1 * Y, 3 * Y, H), (5000, 50000), False),
    "503-1-1": ((1 * M, 6 * M, H), (2000, 10000), True),
    "503-1-2": ((3 * Y, 5 * Y, H), (5000, 50000), False),
    "503-2": ((1 * Y, 5 * Y, H), (10000, 1_000_000), False),
    "503-2-1": ((6 * M, 1 * Y, H), (10000, 30000), True),
    "526-1": ((1 * M, 6 * M, H), (2000, 10000), True),
    "538": ((1 * Y, 5 * Y, H), (200, 2000), False),
    "607-3": ((1 * M, 3 * M, H), (2000, 10000), True),
    "607-4": ((6 * M, 2 * Y, H), (10000, 100000), False),
}
# article: its longest maximum (days) and how it is reached
CEILINGS = {
    "404": (LIFE, "case", ["403"]),  # «في الحالة المنصوص عليها في الفقرة الثانية، فهي السجن المؤبد»
    "436-1": (30 * Y, "case", ["436"]),  # «السجن من عشرين إلى ثلاثين سنة» (436 para 2)
    "407": (10 * Y, "aggravation", None),  # «تضاعف العقوبة» of 1–5 years
    "403": (LIFE, "case", []),  # premeditation: «السجن المؤبد»
    "402": (20 * Y, "case", []),
    "436": (30 * Y, "case", []),
    "447-1": (5 * Y, "aggravation", None),  # 447-3
    "503-1-1": (5 * Y, "aggravation", None),  # 503-1-2
    "425": (6 * Y, "aggravation", None),  # 429-1 doubles 1–3 years
    "431": (4 * Y, "aggravation", None),
}


@pytest.fixture(scope="module")
def code():
    if not PC.exists():
        pytest.fail("law/ not built yet (lawtool corpus build)")
    return {p.article: p for p in document_penalties(Document.load(PC))}


@pytest.mark.parametrize("article", sorted(BY_HAND))
def test_principal_penalty_checked_by_hand(code, article):
    prison, fine, alternative = BY_HAND[article]
    p = code[article]
    assert (p.prison.min_days, p.prison.max_days, p.prison.type) == prison if prison else p.prison is None
    assert (p.fine.min_mad, p.fine.max_mad) == fine if fine else p.fine is None
    assert p.alternative is alternative
    assert p.part == "special"


@pytest.mark.parametrize("article", sorted(CEILINGS))
def test_ceiling_and_its_basis(code, article):
    days, via, refers = CEILINGS[article]
    c = ceiling(code[article], code)
    assert (c["days"], c["via"]) == (days, via)
    if refers is not None:
        assert c.get("refers_to") == refers


def test_aggravations_and_cases_checked_by_hand(code):
    assert code["447-1"].aggravations[0]["source"] == "447-3"
    assert "woman_because_of_sex" in code["447-1"].aggravations[0]["condition"]
    assert code["407"].aggravations[0]["factor"] == 2
    assert code["404"].cases[0] == {"refers_to": ["400", "401"], "paragraph": None, "factor": 2}
    assert code["401"].cases[0]["fine"] == {"min_mad": 250, "max_mad": 2000}
    assert code["607-4"].cases[0]["prison"] == {"min_days": 2 * Y, "max_days": 5 * Y, "type": H}
    assert code["429-1"].applies_to == ["425", "426", "427", "429"] and code["429-1"].factor == 2


def test_additional_penalties(code):
    assert set(code["503-2"].additional) >= {"confiscation", "destruction", "publication_of_judgment"}
    assert set(code["401"].additional) == {"deprivation_of_rights", "residence_ban"}
    assert code["404"].additional == []  # «الفصلين 400 و401» is not «الفصل 40»


def test_general_part_sets_no_offence_penalty(code):
    assert code["24"].part == "general"  # book 1: «في العقوبات والتدابير الوقائية»
    assert all(r["article"] != "24" for r in ceilings(list(code.values()), "/akn/ma/act/1962/1-59-413"))


def test_claims_are_computed_over_the_whole_code_and_the_touched_articles():
    report = penalty_report(load_sources([LAW, PC]))
    summary = report["summary"]
    touched = summary["touched"][0]
    assert touched["work"] == "/akn/ma/act/1962/1-59-413"
    tops = [(c["article"], c["days"]) for c in touched["ceilings"][:3]]
    assert tops == [("404", LIFE), ("436-1", 30 * Y), ("407", 10 * Y)]  # not «five years»
    assert summary["in_force_max_prison"]["days"] == LIFE
    assert "السجن المؤبد (الفصل 404" in summary["claims"][1]["ar"]


@pytest.mark.parametrize(
    "prison,text",
    [
        ((30, 180, H), "الحبس من شهر واحد إلى ستة أشهر"),
        ((180, 730, H), "الحبس من ستة أشهر إلى سنتين"),
        ((365, 1825, H), "الحبس من سنة إلى خمس سنوات"),
        ((730, 1825, H), "الحبس من سنتين إلى خمس سنوات"),
        ((1825, 3650, S), "السجن من خمس إلى عشر سنوات"),
        ((3650, 7300, S), "السجن من عشر إلى عشرين سنة"),
        ((7300, 10950, S), "السجن من عشرين إلى ثلاثين سنة"),
        ((30, 90, H), "الحبس من شهر واحد إلى ثلاثة أشهر"),
    ],
)
def test_arabic_wording_as_the_laws_write_it(prison, text):
    assert ar.prison({"min_days": prison[0], "max_days": prison[1], "type": prison[2]}) == text


def test_arabic_fines_and_whole_penalty():
    assert ar.fine({"min_mad": 2000, "max_mad": 20000}) == "غرامة من 2.000 إلى 20.000 درهم"
    assert (
        ar.penalty({"min_days": 365, "max_days": 1095, "type": H}, {"min_mad": 5000, "max_mad": 50000}, True)
        == "الحبس من سنة إلى ثلاث سنوات وغرامة من 5.000 إلى 50.000 درهم أو إحدى هاتين العقوبتين"
    )
    assert ar.prison({"life": True}) == "السجن المؤبد"
    assert ar.duration(15) == "خمسة عشر يوما" and ar.duration(25 * Y) == "خمس وعشرين سنة"
