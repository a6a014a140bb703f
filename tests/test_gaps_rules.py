"""Gap rules and the coverage matrix on the real texts."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawtool.cli import app
from lawtool.gaps.coverage import load_checklist
from lawtool.gaps.report import gap_report, load_sources

REPO = Path(__file__).resolve().parents[1]
LAW = REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml"
BILL_V1 = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml"
BILL_V2 = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-12-10.xml"
LAW_URI = "/akn/ma/act/2018/103-13/ara@2018-03-12"
V1, V2 = "/akn/ma/bill/2024/digital-violence/ara@2024-05-14", "/akn/ma/bill/2024/digital-violence/ara@2024-12-10"


@pytest.fixture(scope="module")
def concepts(shared):
    return load_checklist(shared / "reference/digital-violence-concepts.yaml")


@pytest.fixture(scope="module")
def report(concepts):
    if not LAW.exists():
        pytest.fail("law/ not built yet (lawtool corpus build)")
    return gap_report(load_sources([LAW, BILL_V1, BILL_V2]), concepts)


def _row(report, concept):
    return next(r for r in report["coverage"] if r["concept"] == concept)


def test_digital_violence_undefined_in_law_defined_in_bill(report):
    row = _row(report, "digital_violence_against_women")
    law = row["documents"][LAW_URI]  # only the generic definition of violence against women
    assert (law["kinds"], law["borderline"], law["articles"]) == ("D", True, ["1"])
    assert "no digital element" in law["why"]
    for v in (V1, V2):
        assert row["documents"][v]["status"] == "defined"
        assert "art_1__para_1__point_1" in row["documents"][v]["evidence"]
    assert any(
        f["rule"] == "definition-missing"
        and f["document"] == LAW_URI
        and "digital_violence_against_women" in f["message"]
        for f in report["findings"]
    )


def test_law_definitions_in_coverage(report):
    psy = _row(report, "psychological_violence_digital")["documents"][LAW_URI]
    assert (psy["status"], psy["evidence"], psy["kinds"], psy["borderline"]) == (
        "defined",
        ["art_1__para_5"],
        "D",
        True,
    )
    assert psy["phrase"].startswith("العنف النفسي: كل اعتداء لفظي") and psy["review"] == "suggested"
    assert _row(report, "economic_violence_digital")["documents"][LAW_URI]["status"] == "defined"
    # the Penal Code articles the law re-enacts (quoted) are its penal provisions
    covert = _row(report, "covert_recording_and_capture")["documents"][LAW_URI]
    assert covert["status"] == "criminalised"
    assert any(e.startswith("art_5__") and "art_447-1" in e for e in covert["evidence"])


def test_same_concept_defined_differently(report):
    hits = [
        f
        for f in report["findings"]
        if f["rule"] == "definition-differs"
        and f["evidence"][0]["document"] == LAW_URI
        and "psychological_violence_digital" in f["message"]
    ]
    assert hits and hits[0]["evidence"][0]["term"] == "العنف النفسي"
    assert hits[0]["evidence"][1]["term"] == "العنف النفسي الرقمي"


def test_unused_definitions_of_the_law(report):
    unused = {f["eid"] for f in report["findings"] if f["rule"] == "unused-definition" and f["document"] == LAW_URI}
    assert "art_1__para_2" not in unused  # «العنف ضد المرأة» is used
    assert "art_1__para_3" in unused  # «العنف الجسدي» is not


def test_inconsistent_terminology_in_the_seminar_article(shared, concepts):
    seminar = shared / "sources/seminar-article.ar.txt"
    report = gap_report(load_sources([seminar]), concepts)
    hits = [f for f in report["findings"] if f["rule"] == "inconsistent-terminology"]
    assert len(hits) == 1
    phrases = {e["phrase"]: e["count"] for e in hits[0]["evidence"]}
    assert set(phrases) == {"العنف الرقمي", "العنف الإلكتروني"}  # written «الإليكتروني» in the article
    assert phrases["العنف الإلكتروني"] == 2
    assert hits[0]["eid"].startswith("p_")
    undefined = [f for f in report["findings"] if f["rule"] == "undefined-term"]
    assert "«العنف الرقمي»" in undefined[0]["message"]


def test_cli_gaps_json_shape(shared):
    if not LAW.exists():
        pytest.fail("law/ not built yet")
    result = CliRunner().invoke(
        app,
        [
            "gaps",
            str(LAW),
            str(BILL_V2),
            "--json",
            "--concepts",
            str(shared / "reference/digital-violence-concepts.yaml"),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"findings", "coverage"}
    assert set(data["findings"][0]) >= {"rule", "document", "eid", "message", "evidence"}
    cell = data["coverage"][0]["documents"][LAW_URI]
    assert cell["status"] in ("defined", "criminalised", "provided", "missing")


def test_cli_errors_are_clean(tmp_path):
    result = CliRunner().invoke(app, ["gaps", str(tmp_path / "nope.xml")])
    assert result.exit_code == 2
    assert "lawtool: error:" in result.output and "Traceback" not in result.output
    bad = tmp_path / "bad.yaml"
    bad.write_text("a: [", encoding="utf-8")
    result = CliRunner().invoke(app, ["gaps", str(BILL_V2), "--concepts", str(bad)])
    assert result.exit_code == 2 and "not valid YAML" in result.output
    result = CliRunner().invoke(app, ["penalties", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and "AKN XML only" in result.output
