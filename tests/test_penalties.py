"""Penalties of the Penal Code articles touched by Law 103.13, against a table made by hand
(tests/data/penalties_expected.yaml), and the comparison with the bill."""

from pathlib import Path

import pytest
import yaml

from lawtool.akn import Document
from lawtool.arabic import normalise
from lawtool.gaps.penalties import document_penalties, parse_fine, parse_number, parse_prison
from lawtool.gaps.report import load_sources, penalty_report, read_scope

REPO = Path(__file__).resolve().parents[1]
PENAL_CODE = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"
BILL = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-12-10.xml"
EXPECTED = yaml.safe_load((REPO / "tests/data/penalties_expected.yaml").read_text(encoding="utf-8"))["articles"]


def _need(path):
    if not path.exists():
        pytest.fail(f"{path.relative_to(REPO)} not built yet (lawtool corpus build)")
    return path


@pytest.fixture(scope="module")
def parsed(shared):
    touched = read_scope(str(shared / "sources/penal-code/touched-articles.yaml"), shared)
    assert touched == set(EXPECTED), "the expected table covers every touched article"
    pens = document_penalties(Document.load(_need(PENAL_CODE)), articles=touched)
    return {p.article: p.to_dict() for p in pens}


def _range(p):
    if p is None:
        return None
    if p.get("life"):
        return "life"
    return [p["min_days"], p["max_days"]]


def _fine(f):
    return None if f is None else [f["min_mad"], f["max_mad"]]


@pytest.mark.parametrize("article", sorted(EXPECTED))
def test_touched_article(parsed, article):
    want = EXPECTED[article]
    got = parsed.get(article)
    if want is None:
        assert got is None, f"{article} carries no penalty"
        return
    assert got is not None, f"{article}: no penalty found"
    assert got["kind"] == want["kind"]
    assert _range(got["prison"]) == want["prison"]
    assert _fine(got["fine"]) == want["fine"]
    assert got["alternative"] == want["alternative"]
    if "applies_to" in want:
        assert got["applies_to"] == want["applies_to"]
        assert set(got["conditions"]) == set(want["conditions"])
    if "factor" in want:
        assert got["factor"] == want["factor"]
    if "aggravations" in want:
        got_aggr = [
            (a["source"], sorted(a["condition"]), _range(a["prison"]), _fine(a["fine"])) for a in got["aggravations"]
        ]
        want_aggr = [(a["source"], sorted(a["condition"]), a["prison"], a["fine"]) for a in want["aggravations"]]
        assert got_aggr == want_aggr
    if "cases" in want:
        got_cases = [
            (c["refers_to"], c.get("paragraph"), _range(c.get("prison")), c.get("factor")) for c in got["cases"]
        ]
        want_cases = [(c["refers_to"], c.get("paragraph"), c.get("prison"), c.get("factor")) for c in want["cases"]]
        assert got_cases == want_cases


@pytest.mark.parametrize(
    "words, value",
    [
        ("ألف ومائتين", 1200),
        ("عشرين ألف", 20000),
        ("خمسة آلاف", 5000),
        ("خمسين ألف", 50000),
        ("2.000", 2000),
        ("1.000.000", 1000000),
        ("مائة ألف", 100000),
    ],
)
def test_numbers(words, value):
    assert parse_number(normalise(words).split()) == value


@pytest.mark.parametrize(
    "text, days",
    [
        ("بالحبس من ستة أشهر إلى سنة", (180, 365)),
        ("بالحبس من شهر واحد إلى ثلاثة أشهر", (30, 90)),
        ("بالسجن من خمس إلى عشر سنوات", (1825, 3650)),
        ("بالحبس من سنة إلى خمس", (365, 1825)),
        ("بالحبس من سنتين إلى خمس سنوات", (730, 1825)),
        ("بالحبس من ثالثة أشهر إلى سنتين", (90, 730)),  # damaged lam-alef of the Adala PDF
    ],
)
def test_prison_ranges(text, days):
    r = parse_prison(normalise(text))
    assert (r.min_days, r.max_days) == days


def test_fine_in_words():
    f = parse_fine(normalise("وغرامة من ألف ومائتين إلى عشرين ألف درهم"))
    assert (f.min_mad, f.max_mad) == (1200, 20000)


def test_comparison_with_the_bill(shared):
    scope = {"/akn/ma/act/1962/1-59-413": read_scope(str(shared / "sources/penal-code/touched-articles.yaml"), shared)}
    report = penalty_report(load_sources([_need(PENAL_CODE), BILL], scope), scope)
    rows = {r["article"]: r for r in report["comparison"]}
    assert set(rows) == {"447-1", "447-2", "447-3"}
    assert rows["447-1"]["in_force"]["prison"]["max_days"] == 3 * 365
    assert rows["447-1"]["proposed"]["prison"]["max_days"] == 4 * 365
    assert rows["447-1"]["change"]["fine_max_mad"] == {"from": 20000, "to": 50000}
    new = {r["article"]: r for r in report["new"]}
    assert new["447-4"]["status"] == "inserted"
    assert new["13"]["proposed"]["prison"] == {"min_days": 1825, "max_days": 3650, "type": "sijn"}
    assert new["21"]["related"] == ["444-1", "444-2"]
    # «أقصى عقوبة ... هي سنة سجنا» (seminar): among the articles read (those Law 103.13 touches) the law in
    # force goes to life imprisonment (404, case of 403 para 2), not one year, nor five (447-3)
    top = report["summary"]["in_force_max_prison"]
    assert top["prison"] == {"life": True, "type": "sijn"} and top["article"] == "404"
