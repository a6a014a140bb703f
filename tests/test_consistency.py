"""lawtool consistency: the inconsistencies of bill v1 a drafting aid must flag (issue «Analysis a lawyer can
rely on»), each a lawtool.findings.Finding with both places and an Arabic message."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from lawtool.cli import app
from lawtool.findings import Finding
from lawtool.gaps.consistency import check
from lawtool.gaps.coverage import load_checklist
from lawtool.gaps.report import gap_report, load_sources

REPO = Path(__file__).resolve().parents[1]
V1 = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-05-14.xml"
PC = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"
LAW = REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml"
V1_URI = "/akn/ma/bill/2024/digital-violence/ara@2024-05-14"


@pytest.fixture(scope="module")
def concepts(shared):
    return load_checklist(shared / "reference/digital-violence-concepts.yaml")


@pytest.fixture(scope="module")
def found(concepts):
    if not PC.exists():
        pytest.fail("law/ not built yet (lawtool corpus build)")
    return check(load_sources([V1, PC, LAW]), concepts)


def _pairs(found, rule):
    return {(f.evidence[0]["eid"], f.evidence[1]["article"]): f for f in found if f.rule == rule}


def test_every_finding_is_the_project_finding(found):
    assert found and all(isinstance(f, Finding) and f.message_ar and f.frbr_uri for f in found)
    for f in found:
        if f.rule in ("same-conduct-twice", "disproportion", "aggravation-not-higher", "definition-twice"):
            assert len(f.evidence) == 2 and f.eid == f.evidence[0]["eid"]


def test_new_447_3_does_not_raise_447_4(found):
    hits = [f for f in found if f.rule == "aggravation-not-higher" and f.eid.endswith("art_447-4")]
    assert len(hits) == 1 and hits[0].frbr_uri == V1_URI
    assert "الفصل 447-3 يرفع عقوبة الفصل 447-4 إلى الحبس من سنتين إلى خمس سنوات" in hits[0].message_ar


@pytest.mark.parametrize(
    "bill_eid,article,dead_letter",
    [
        ("art_17__para_1", "447-1", True),  # intimate content: art. 17 (1–3 years) vs new 447-1 para 3 (1–4 years)
        (
            "art_12__para_2",
            "447-4",
            False,
        ),  # sexual blackmail: same range, art. 23 doubles 12, 447-3 does not raise 447-4
        ("art_21__para_1", "447-2", True),  # false allegations on private life: 6 months–3 years vs 1–5 years
        ("art_18__para_1", "447-2", False),  # fabricated content: 1–5 years, fines differ
        ("art_18__para_2", "447-2", True),  # non-sexual fabricated content: 6 months–3 years vs 1–5 years
    ],
)
def test_same_conduct_punished_twice(found, bill_eid, article, dead_letter):
    f = _pairs(found, "same-conduct-twice")[(bill_eid, article)]
    assert f.frbr_uri == V1_URI and f.evidence[1]["article"] == article
    assert ("المادة 4 تقضي بتطبيق المقتضيات الجنائية الأشد" in f.message_ar) is dead_letter


def test_one_unwanted_message_punished_more_than_persistent_harassment(found):
    f = _pairs(found, "disproportion")[("art_9__para_1", "503-1-1")]
    assert "الحبس من ستة أشهر إلى سنتين" in f.message_ar and "الحبس من شهر واحد إلى ستة أشهر" in f.message_ar


def test_digital_violence_defined_twice_differently(found):
    f = next(f for f in found if f.rule == "definition-twice" and f.frbr_uri == V1_URI)
    assert "«العنف الرقمي»" in f.message_ar
    assert [e["eid"] for e in f.evidence] == ["art_1__para_1__point_1", "art_38__para_1__mod_1__qstr_1__art_1__para_3"]


def test_two_defined_terms_never_used(found):
    unused = {f.eid for f in found if f.rule == "unused-definition" and f.frbr_uri == V1_URI}
    assert unused == {"art_1__para_1__point_2", "art_1__para_1__point_17"}  # العنف النفسي الرقمي، مرتكب العنف الرقمي


def test_references_to_articles_that_do_not_exist(found):
    assert any(
        f.rule == "missing-reference" and f.eid == "art_218-4-2__para_1" and "218-1-4" in f.message_ar for f in found
    )


def test_gap_rules_use_the_project_finding(concepts):
    from lawtool.gaps.rules import run_rules

    sources = load_sources([V1])
    assert all(isinstance(f, Finding) for f in run_rules(sources, concepts))
    report = gap_report(sources, concepts)
    assert set(report["findings"][0]) >= {"rule", "severity", "document", "eid", "message", "evidence"}


def test_cli(shared):
    result = CliRunner().invoke(
        app,
        [
            "consistency",
            str(V1),
            str(PC),
            "--json",
            "--concepts",
            str(shared / "reference/digital-violence-concepts.yaml"),
        ],
    )
    assert result.exit_code == 1, result.output
    rows = json.loads(result.stdout)["findings"]
    assert {"rule", "severity", "eid", "message", "message_ar", "frbr_uri", "evidence"} <= set(rows[0])
    assert CliRunner().invoke(app, ["consistency", "/nope.xml"]).exit_code == 2


# -- the committee's versions: v3 resolves the v1 inconsistencies (amendments/dv-c-01 … dv-c-08) -------------

V2 = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-12-10.xml"
V3 = REPO / "bills/ma/bill/2024/digital-violence/ara@2025-02-18.xml"
V3_URI = "/akn/ma/bill/2024/digital-violence/ara@2025-02-18"
# The v1 inconsistencies of the issue, each by rule and place (bill article and the other article), with the
# committee amendment that resolves it; v1's art. 12, second paragraph is art. 12 مكررة from v2 on.
LISTED = [
    ("aggravation-not-higher", "447-4", "447-3", "dv-c-01"),
    ("same-conduct-twice", "12-bis", "447-4", "dv-c-02"),
    ("same-conduct-twice", "17", "447-1", "dv-c-03"),
    ("same-conduct-twice", "18", "447-2", "dv-c-04"),
    ("same-conduct-twice", "21", "447-2", "dv-c-05"),
    ("disproportion", "9", "503-1-1", "dv-c-06"),
]


@pytest.fixture(scope="module")
def by_version(found, concepts):
    """version → the findings on the bill itself (v1's are the module's ``found``)."""
    out = {"v1": found}
    for name, path in (("v2", V2), ("v3", V3)):
        out[name] = check(load_sources([path, PC, LAW]), concepts)
    return {name: [f for f in fs if "/bill/2024/digital-violence/" in (f.frbr_uri or "")] for name, fs in out.items()}


def _places(findings, rule):
    """(the bill's article, the other article) of each finding of the rule (447-3 is the other one of the
    aggravation that does not aggravate 447-4)."""
    return {(f.evidence[0]["article"], f.evidence[1]["article"]) for f in findings if f.rule == rule}


@pytest.mark.parametrize("rule,bill_article,other,amendment", LISTED)
def test_v3_has_none_of_the_v1_inconsistencies(by_version, rule, bill_article, other, amendment):
    v1_article = "12" if bill_article == "12-bis" else bill_article
    assert (v1_article, other) in _places(by_version["v1"], rule)  # found in v1
    assert (bill_article, other) not in _places(by_version["v3"], rule), amendment
    if rule == "same-conduct-twice":  # no paragraph of it is left
        assert not [
            f
            for f in by_version["v3"]
            if f.rule == rule and f.eid.startswith(f"art_{bill_article}__") and f.evidence[1]["article"] == other
        ], amendment


def test_v3_digital_violence_defined_once_and_every_definition_used(by_version):
    for rule in ("definition-twice", "unused-definition"):
        assert [f for f in by_version["v1"] if f.rule == rule]
    assert not [f for f in by_version["v3"] if f.rule == "definition-twice"]  # dv-c-07
    assert not {f.eid for f in by_version["v3"] if f.rule == "unused-definition"} & {
        "art_1__para_1__point_2",
        "art_1__para_1__point_17",
    }  # dv-c-08


def test_consistency_findings_go_down_across_versions(by_version):
    from collections import Counter

    counts = {v: Counter(f.rule for f in fs) for v, fs in by_version.items()}
    for v, c in counts.items():
        print(v, sum(c.values()), dict(sorted(c.items())))
    total = {v: sum(c.values()) for v, c in counts.items()}
    assert total["v1"] >= total["v2"] > total["v3"]
    assert counts["v3"]["same-conduct-twice"] < counts["v1"]["same-conduct-twice"]
    for rule in ("aggravation-not-higher", "disproportion", "definition-twice", "unused-definition"):
        assert counts["v1"][rule] and not counts["v3"][rule], rule


def test_v3_penal_code_amendments_read_as_the_committee_wrote_them():
    """447-3 no longer names 447-4; 447-4 is doubled in the same cases (4 to 10 years)."""
    from lawtool.akn import Document
    from lawtool.gaps.penalties import document_penalties

    pens = {p.article: p for p in document_penalties(Document.load(V3)) if p.work.endswith("1962/1-59-413")}
    assert "447-4" not in pens["447-3"].applies_to
    raised = [a for a in pens["447-4"].aggravations if a.get("prison")]
    assert raised and all(a["prison"]["max_days"] > pens["447-4"].prison.max_days for a in raised)


def test_v3_bill_articles_take_the_penal_code_penalty_by_reference():
    """dv-c-02, 04, 05, 06: the penalty by reference names the article after «بالعقوبات المنصوص عليها في»
    only, not «المادة 12 أعلاه» after it nor «دون الإخلال بأحكام الفصلين 444-1 و444-2» before it."""
    from lawtool.akn import Document
    from lawtool.gaps.penalties import document_penalties

    refs = {p.article: p.same_as for p in document_penalties(Document.load(V3)) if p.kind == "reference"}
    assert refs == {"9": ["503-1-1"], "12-bis": ["447-4"], "18": ["447-2"], "21": ["447-2"], "29": ["323-1", "323-2"]}


def test_a_concessive_clause_is_not_an_act_punished():
    """«ولو كانت قد التقطته بنفسها»: art. 17 punishes publishing, not capturing (detector fix)."""
    from lawtool.gaps.consistency import _acts
    from lawtool.gaps.elements import Paragraph, load_rules

    text = (
        "يعاقب بالحبس من ثلاث إلى سبع سنوات، كل من نشر بواسطة وسيلة رقمية محتوى حميميا يخص امرأة أو فتاة "
        "دون موافقتها، ولو كانت قد التقطته بنفسها أو أرسلته إليه أو وافقت على التقاطه."
    )
    capture = [r for r in load_rules()["covert_recording_and_capture"] if not r.borderline]
    assert any(Paragraph(text).match(r) for r in capture)  # the words alone would match
    assert not any(_acts(Paragraph(text)).match(r) for r in capture)  # the acts do not
    plain = Paragraph("كل من قام خلسة بالتقاط صورة ذات طابع حميمي دون موافقة صاحبتها.")
    assert _acts(plain) is plain and any(plain.match(r) for r in capture)
