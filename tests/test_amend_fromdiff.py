"""From two versions to the amendment: apply(from_diff(a, b), a) == b — the same elements with the
same eIds and the same text (metadata aside) — on the bill's versions and on seeded random edits
of the Penal Code (tests/synthetic.py), and the command."""

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from synthetic import edit_document

from lawtool.akn import Document, local_name, text_of
from lawtool.amend import apply_amendments, dump_amendment, from_diff, load_amendment
from lawtool.amend.wording import wording_comments
from lawtool.eids import assign_eids
from lawtool.errors import AmendmentError

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence"
V1, V2, V3 = BILL / "ara@2024-05-14.xml", BILL / "ara@2024-12-10.xml", BILL / "ara@2025-02-18.xml"
PENAL = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"


def rows(document: Document) -> list[tuple]:
    """Every element of the body with an eId (kind, eId, text), and every num and heading."""
    out = []
    for el in document.body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("eId"):
            out.append((local_name(el), el.get("eId"), text_of(el)))
        elif local_name(el) in ("num", "heading"):
            out.append((local_name(el), text_of(el)))
    return out


def applied(old: Document, amendment, date="9999-12-31") -> Document:
    result = apply_amendments(old, [amendment], date=date, order=[amendment.id])
    return Document.from_bytes(result.document.to_bytes(), "<applied>")


@pytest.fixture(scope="module")
def penal():
    return Document.load(PENAL)


@pytest.mark.parametrize("old,new", [(V1, V2), (V2, V3), (V1, V3)], ids=["v1-v2", "v2-v3", "v1-v3"])
def test_bill_versions(old, new):
    a, b = Document.load(old), Document.load(new)
    amendment = from_diff(a, b)
    assert rows(applied(a, amendment)) == rows(b)


def test_v1_to_v2_operations_say_the_changes():
    """The ground truth of v1 → v2 (source/v1-to-v2.yaml), found as operations."""
    amendment = from_diff(Document.load(V1), Document.load(V2))
    ops = [op.to_dict() for op in amendment.operations]
    kinds = {(op["op"], op.get("eid") or op.get("after")) for op in ops}
    assert ("move", "art_3") in kinds and {
        "op": "move",
        "eid": "art_3",
        "after": "art_17",
        "num": "المادة 17 مكررة",
    } in ops
    assert ("delete", "art_11") in kinds and ("delete", "art_22") in kinds
    assert {"op": "renumber", "eid": "art_28", "num": "المادة 27"} in ops
    assert ("insert", "art_8") in kinds and ("insert", "art_35") in kinds  # 8 مكررة, 35 مكررة
    assert ("delete", "art_27") in kinds  # merged into 26
    assert {
        "op": "substitute",
        "eid": "art_5__para_1",
        "find": "حملات دورية للتوعية",
        "with": "حملات سنوية للتوعية",
    } in ops
    assert all(op["op"] != "replace" for op in ops), "every change said by smaller operations"


def test_v2_to_v3_gives_back_the_example_amendments():
    amendment = from_diff(Document.load(V2), Document.load(V3))
    got = sorted((op.op, op.eid or op.position[1]) for op in amendment.operations)
    assert got == [
        ("insert", "art_18__para_2"),
        ("insert", "art_35__para_1__point_4"),
        ("replace", "art_37"),  # dv-c-01, dv-c-03 (quoted articles)
        ("substitute", "art_12-bis__para_1"),  # dv-c-02
        ("substitute", "art_17__para_1"),
        ("substitute", "art_17__para_1"),
        ("substitute", "art_18__para_1"),
        ("substitute", "art_18__para_2"),  # dv-c-04
        ("substitute", "art_21__para_1"),  # dv-c-05
        ("substitute", "art_30__para_1"),
        ("substitute", "art_32__para_1"),
        ("substitute", "art_32__para_2"),  # dv-c-08
        ("substitute", "art_35__para_1__point_4"),
        ("substitute", "art_38__para_1"),
        ("substitute", "art_38__para_1"),  # dv-c-07
        ("substitute", "art_9__para_1"),
    ]  # dv-c-06


def synthetic(penal, seed, rates):
    new, edits = edit_document(penal, seed=seed, rates=rates)
    assign_eids(new.root)  # the eIds the generator gives
    return Document.from_bytes(new.to_bytes(), f"<seed {seed}>"), edits


RATES = {
    "word": 0.03,
    "typographic": 0.02,
    "insert": 0.02,
    "delete": 0.02,
    "move": 0.02,
    "renumber": 0.02,
    "split": 0.015,
    "merge": 0.015,
}


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4, 5])
def test_penal_code_random_edits(penal, seed):
    new, edits = synthetic(penal, seed, RATES)
    assert len(edits) > 50
    amendment = from_diff(penal, new, date="2024-09-01")
    kinds = {op.op for op in amendment.operations}
    assert {"substitute", "insert", "delete", "move", "renumber"} <= kinds
    assert rows(applied(penal, amendment)) == rows(new)


@settings(max_examples=8, derandomize=True, deadline=None)
@given(seed=st.integers(min_value=100, max_value=10**6), kind=st.sampled_from(sorted(RATES)))
def test_penal_code_one_kind_of_edit(penal, seed, kind):
    new, edits = synthetic(penal, seed, {kind: 0.05})
    amendment = from_diff(penal, new, date="2024-09-01")
    assert rows(applied(penal, amendment)) == rows(new)


def test_chapters_and_points(tmp_path):
    """A chapter's title changed, a chapter deleted with its articles, a chapter added at the end,
    an article moved out of the deleted chapter, points inserted, renumbered and deleted."""
    from copy import deepcopy

    old = Document.load(V2)
    new = Document(deepcopy(old.tree), "<edited>")
    new.by_eid("chp_2").find("{*}heading").text = "الوقاية والتحسيس"
    chp_6, chp_8 = new.by_eid("chp_6"), new.by_eid("chp_8")
    art_33 = new.by_eid("art_33")
    chp_8.append(art_33)  # moved out of the chapter that is deleted
    chp_6.getparent().remove(chp_6)
    added = deepcopy(chp_8)
    added.find("{*}num").text = "الباب التاسع"
    added.find("{*}heading").text = "أحكام انتقالية"
    for article in list(added.iter("{*}article")):
        article.getparent().remove(article)
    article = deepcopy(new.by_eid("art_40"))
    article.find("{*}num").text = "المادة 41"
    added.append(article)
    chp_8.addnext(added)
    points = new.by_eid("art_24__para_1")
    points.remove(new.by_eid("art_24__para_1__point_2"))
    extra = deepcopy(new.by_eid("art_24__para_1__point_6"))
    extra.find("{*}num").text = "7"
    extra.find(".//{*}p").text = "نشر ملخص الحكم في موقع إلكتروني."
    new.by_eid("art_24__para_1__point_6").addnext(extra)
    assign_eids(new.root)
    new = Document.from_bytes(new.to_bytes(), "<edited>")
    amendment = from_diff(old, new, date="2025-03-01")
    ops = {(op.op, op.eid or op.position[1]) for op in amendment.operations}
    assert ("replace", "chp_2") in ops and ("delete", "chp_6") in ops
    assert rows(applied(old, amendment)) == rows(new)


def test_same_text_is_no_amendment():
    with pytest.raises(AmendmentError, match="nothing to amend"):
        from_diff(Document.load(V2), Document.load(V2))


def test_other_work_is_refused():
    with pytest.raises(AmendmentError, match="not versions of the same work"):
        from_diff(Document.load(V2), Document.load(REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml"))


def test_old_version_without_work_uri_is_refused():
    """An old version with an FRBR expression but no FRBR work URI used to end in an AttributeError
    (found by mypy)."""
    old = Document.load(V2)
    for value in old.xpath("./a:meta/a:identification/a:FRBRWork/*[self::a:FRBRthis or self::a:FRBRuri]", old.main):
        value.getparent().remove(value)
    old = Document.from_bytes(old.to_bytes(), "<no work>")
    assert old.frbr_work is None and old.frbr_expression is not None
    with pytest.raises(AmendmentError, match="not versions of the same work"):
        from_diff(old, Document.load(V3))


def test_cli_from_diff(tmp_path):
    out = tmp_path / "from-diff.yaml"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "lawtool.cli",
            "amend",
            "from-diff",
            str(V1),
            str(V2),
            "-o",
            str(out),
            "--id",
            "v1-v2",
            "--proposer",
            "لجنة (مثال)",
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "# تنقل المادة 3 إلى ما بعد المادة 17 وتصبح المادة 17 مكررة" in text
    assert "# L'article 3 devient l'article 17 bis et est placé après l'article 17" in text
    amendment = load_amendment(out)
    assert amendment.id == "v1-v2" and str(amendment.target).endswith("ara@2024-05-14")
    a = Document.load(V1)
    assert rows(applied(a, amendment)) == rows(Document.load(V2))
    again = tmp_path / "again.yaml"
    again.write_text(dump_amendment(amendment, comments=wording_comments(amendment, a)), encoding="utf-8")
    assert again.read_text(encoding="utf-8").split("operations:")[1] == text.split("operations:")[1]


def test_changes_outside_the_body_are_said_not_dropped():
    """An amendment targets the body; a changed preamble or annex must not be called «the same text»
    or silently left out (issue «Every part of every document»)."""
    path = Path(__file__).parent / "data/akn_shapes/annex-articles.fra.xml"
    data = path.read_bytes()
    new = Document.from_bytes(
        data.replace(b"six membres", b"huit membres").replace("Avons ordonné".encode(), "Avons décidé".encode()),
        "b.xml",
    )
    with pytest.raises(AmendmentError) as info:
        from_diff(Document.from_bytes(data, str(path)), new)
    message = str(info.value)
    assert "2 change(s) outside the body" in message and "preamble" in message and "Article 3" in message
