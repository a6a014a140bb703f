"""Applying amendments: every operation kind on the bill, the new expression's metadata, eIds
renumbered with wId, references re-pointed, validity, collisions refused, atomic writing."""

import subprocess
import sys
from pathlib import Path

import pytest

from lawtool.akn import Document, text_of
from lawtool.amend import apply_amendments, parse_amendment
from lawtool.errors import AmendmentError, CollisionError, LawtoolError
from lawtool.validate import validate_document

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence"
V2 = BILL / "ara@2024-12-10.xml"
TARGET = "/akn/ma/bill/2024/digital-violence/ara@2024-12-10"


def amendment(*ops, ident="t-1", status="adopted"):
    return parse_amendment(
        {
            "id": ident,
            "target": TARGET,
            "proposer": "test",
            "date": "2025-01-01",
            "status": status,
            "operations": list(ops),
        },
        f"{ident}.yaml",
    )


def apply(bill, *amendments, **kw):
    result = apply_amendments(bill, list(amendments), date="2025-02-18", **kw)
    # through the bytes, as it would be written
    return result, Document.from_bytes(result.document.to_bytes(), str(BILL / "ara@2025-02-18.xml"))


def errors(doc):
    return [f for f in validate_document(doc) if f.severity == "error"]


def test_replace_article_paragraph_point(v2):
    result, new = apply(
        v2,
        amendment(
            {"op": "replace", "eid": "art_7", "text": "فقرة أولى جديدة.\nفقرة ثانية جديدة."},
            {"op": "replace", "eid": "art_12__para_2", "text": "نص الفقرة الجديد."},
            {"op": "replace", "eid": "art_23__para_1__point_4", "text": "في حالة العود أو التعدد؛"},
            {"op": "replace", "eid": "chp_2", "heading": "الوقاية والتحسيس"},
        ),
    )
    assert [text_of(p) for p in new.by_eid("art_7").iter("{*}p")] == ["فقرة أولى جديدة.", "فقرة ثانية جديدة."]
    assert new.by_eid("art_7__para_2") is not None
    assert text_of(new.by_eid("art_12__para_2")) == "نص الفقرة الجديد."
    assert text_of(new.by_eid("art_23__para_1__point_4")) == "4 في حالة العود أو التعدد؛"
    assert text_of(new.by_eid("chp_2").find("{*}heading")) == "الوقاية والتحسيس"
    assert errors(new) == []


def test_substitute_words_keeps_markup_around_them(v2):
    _, new = apply(
        v2,
        amendment(
            {"op": "substitute", "eid": "art_35__para_1__point_4", "find": "هوية الضحايا.", "with": "هوية الضحايا؛"},
            {
                "op": "substitute",
                "eid": "art_17__para_1",
                "find": "من سنتين إلى خمس سنوات",
                "with": "من ثلاث إلى سبع سنوات",
            },
            {"op": "substitute", "eid": "art_17__para_1", "find": "أو عرض", "with": ""},
        ),
    )
    point = new.by_eid("art_35__para_1__point_4")
    assert text_of(point).endswith("هوية الضحايا؛")
    assert point.find(".//{*}term") is not None and text_of(point.find(".//{*}term")) == "الضحايا"
    text = text_of(new.by_eid("art_17__para_1"))
    assert "من ثلاث إلى سبع سنوات" in text and "أو عرض" not in text and "  " not in text
    assert "أو وزع، بواسطة" in text


def test_substitute_occurrence(v2):
    para = text_of(v2.by_eid("art_30__para_1"))
    assert para.count("من ") >= 2
    _, new = apply(
        v2, amendment({"op": "substitute", "eid": "art_12__para_1", "find": "أو", "with": "و", "occurrence": 2})
    )
    old_words = text_of(v2.by_eid("art_12__para_1")).split(" ")
    new_words = text_of(new.by_eid("art_12__para_1")).split(" ")
    changed = [i for i, (a, b) in enumerate(zip(old_words, new_words, strict=False)) if a != b]
    assert len(changed) == 1 and old_words[changed[0]] == "أو" and new_words[changed[0]] == "و"
    assert [i for i, w in enumerate(old_words) if w == "أو"][1] == changed[0]


def test_insert_after_before_into(v2):
    result, new = apply(
        v2,
        amendment(
            {"op": "insert", "after": "art_9", "num": "المادة 9 مكررة", "text": "نص المادة 9 مكررة."},
            {"op": "insert", "after": "art_9", "num": "المادة 9 مكررة مرتين", "text": "نص المادة 9 مكررة مرتين."},
            {"op": "insert", "before": "art_12__para_1", "text": "فقرة قبل الأولى."},
            {"op": "insert", "into": "art_20", "text": "فقرة أخيرة."},
            {"op": "insert", "after": "art_1__para_1__point_3", "num": "3 مكرر", "text": "تعريف جديد؛"},
        ),
    )
    eids = [a.get("eId") for a in new.articles()]
    assert eids[eids.index("art_9") + 1 : eids.index("art_9") + 3] == ["art_9-bis", "art_9-ter"], "written order kept"
    assert text_of(new.by_eid("art_12__para_1")) == "فقرة قبل الأولى."
    assert new.by_eid("art_12__para_2").get("wId") == "art_12__para_1"
    assert text_of(new.by_eid("art_20__para_2")) == "فقرة أخيرة."
    assert text_of(new.by_eid("art_1__para_1__point_3-bis")) == "3 مكرر تعريف جديد؛"
    assert result.renames["art_12__para_1"] == "art_12__para_2"
    assert errors(new) == []


def test_delete_move_renumber(v2):
    result, new = apply(
        v2,
        amendment(
            {"op": "delete", "eid": "art_16"},
            {"op": "delete", "eid": "art_24__para_1__point_6"},
            {"op": "move", "eid": "art_19", "after": "art_21", "num": "المادة 21 مكررة"},
            {"op": "renumber", "eid": "art_35-bis", "num": "المادة 35 مكررة مرتين"},
        ),
    )
    assert new.by_eid("art_16") is None
    assert new.by_eid("art_24__para_1__point_6") is None
    eids = [a.get("eId") for a in new.articles()]
    assert "art_19" not in eids and eids.index("art_21-bis") == eids.index("art_21") + 1
    moved = new.by_eid("art_21-bis")
    assert moved.get("wId") == "art_19" and new.by_eid("art_21-bis__para_1").get("wId") == "art_19__para_1"
    assert new.by_eid("art_35-ter").get("wId") == "art_35-bis"
    gaps = new.xpath("./a:meta/a:proprietary/*[local-name()='numbering']/@gaps", new.main)[0].split()
    assert {"16", "19"} <= set(gaps), "deleted and moved-away numbers are declared gaps"
    assert errors(new) == []


def test_internal_references_follow_their_elements(v2):
    """«المادة 12 أعلاه» in 12 مكررة points at art_12: renumbering it re-points the ref; deleting the
    element a ref points at unlinks the ref (its text stays)."""
    refs = [r for r in v2.by_eid("art_12-bis").iter("{*}ref") if r.get("href") == "#art_12"]
    assert refs, "the bill marks its internal references"
    _, new = apply(v2, amendment({"op": "renumber", "eid": "art_12", "num": "المادة 11"}))
    assert [r.get("href") for r in new.by_eid("art_12-bis").iter("{*}ref")][:1] == ["#art_11"]
    result, new = apply(v2, amendment({"op": "delete", "eid": "art_12"}))
    assert not [r for r in new.by_eid("art_12-bis").iter("{*}ref") if r.get("href") == "#art_12"]
    assert "المادة 12 أعلاه" in text_of(new.by_eid("art_12-bis"))
    assert any("unlinked" in w for w in result.warnings)
    assert errors(new) == []


def test_new_expression_metadata(v2):
    result, new = apply(
        v2,
        amendment({"op": "delete", "eid": "art_7"}, ident="a-1"),
        amendment(
            {"op": "substitute", "eid": "art_30__para_1", "find": "أربعا وعشرين ساعة", "with": "اثنتي عشرة ساعة"},
            ident="a-2",
        ),
    )
    assert str(new.frbr_expression) == "/akn/ma/bill/2024/digital-violence/ara@2025-02-18"
    assert new.expression_date == "2025-02-18"
    events = new.lifecycle()
    assert [e["eId"] for e in events] == ["evt_generation", "evt_amd_a-1", "evt_amd_a-2"]
    assert all(e["type"] == "amendment" and e["date"] == "2025-02-18" for e in events[1:])
    mods = new.xpath("./a:meta/a:analysis/a:passiveModifications/a:textualMod", new.main)
    assert [(m.get("type"), m.find("{*}destination").get("href")) for m in mods] == [
        ("repeal", f"{TARGET}/~art_7"),
        ("substitution", "#art_30__para_1"),
    ]
    assert (
        mods[0].find("{*}source").get("href")
        == "/akn/ma/amendment/2025-01-01/a-1/ara@2025-01-01/~blockContainer_1__mod_1"
    )
    refs = new.xpath("./a:meta/a:references/a:passiveRef/@href", new.main)
    assert refs == [
        "/akn/ma/amendment/2025-01-01/a-1/ara@2025-01-01",
        "/akn/ma/amendment/2025-01-01/a-2/ara@2025-01-01",
    ]
    amended = new.xpath("./a:meta/a:proprietary/*[local-name()='amended']", new.main)[0]
    assert amended.get("base") == TARGET and amended.get("amendments") == "a-1 a-2"
    assert not new.xpath("./a:meta/a:proprietary/*[local-name()='import']", new.main)
    assert errors(new) == [] and result.applied == ["a-1", "a-2"]


def test_the_bill_itself_is_not_changed(v2):
    before = v2.to_bytes()
    apply(v2, amendment({"op": "delete", "eid": "art_7"}))
    assert v2.to_bytes() == before


def test_collisions_are_refused_without_an_order(v2):
    a = amendment({"op": "delete", "eid": "art_7"}, ident="a")
    b = amendment({"op": "replace", "eid": "art_7__para_1", "text": "x."}, ident="b")
    with pytest.raises(CollisionError) as info:
        apply(v2, a, b)
    assert info.value.exit_code == 1 and info.value.report.collisions[0].kind == "target-deleted"
    # in an order: b then a works (a deletes what b rewrote); a then b cannot (b's element is gone)
    result, new = apply(v2, a, b, order=["b", "a"])
    assert new.by_eid("art_7") is None
    with pytest.raises(
        AmendmentError,
        match=r"b.yaml:operation 1:art_7__para_1: art_7__para_1 no longer exists: "
        r"it was deleted by a by a \(operation 1\)",
    ):
        apply(v2, a, b, order=["a", "b"])


def test_insertions_at_one_place_follow_the_order(v2):
    a = amendment({"op": "insert", "after": "art_9", "num": "المادة 9 مكررة", "text": "أ."}, ident="a")
    b = amendment({"op": "insert", "before": "art_10", "num": "المادة 9 مكررة مرتين", "text": "ب."}, ident="b")
    with pytest.raises(CollisionError):
        apply(v2, a, b)
    _, new = apply(v2, a, b, order=["a", "b"])
    eids = [x.get("eId") for x in new.articles()]
    assert eids[eids.index("art_9") : eids.index("art_10") + 1] == ["art_9", "art_9-bis", "art_9-ter", "art_10"]


def test_order_must_name_every_amendment(v2):
    a = amendment({"op": "delete", "eid": "art_7"}, ident="a")
    with pytest.raises(AmendmentError, match="leaves out a"):
        apply(v2, a, order=[])
    with pytest.raises(AmendmentError, match="not among"):
        apply(v2, a, order=["a", "z"])


def test_date_must_follow_the_bill(v2):
    with pytest.raises(AmendmentError, match="not after"):
        apply_amendments(v2, [amendment({"op": "delete", "eid": "art_7"})], date="2024-12-10")


def test_two_articles_with_one_number_are_refused(v2):
    with pytest.raises(AmendmentError, match="two articles have the number 8-bis"):
        apply(v2, amendment({"op": "insert", "after": "art_12", "num": "المادة 8 مكررة", "text": "x."}))


# -- the command --------------------------------------------------------------------------------------------


def lawtool(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "lawtool.cli", *args], capture_output=True, text=True, cwd=cwd, timeout=120
    )


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


GOOD = f"""id: ok-1
target: {TARGET}
proposer: test
date: 2025-01-01
status: adopted
operations:
  - op: delete
    eid: art_7
"""


def test_cli_apply_writes_a_valid_new_expression(tmp_path):
    path = write(tmp_path, "ok.yaml", GOOD)
    out = tmp_path / "new.xml"
    result = lawtool("amend", "apply", str(V2), str(path), "-o", str(out), "--date", "2025-02-18")
    assert result.returncode == 0, result.stderr
    assert "applied 1 amendment (ok-1)" in result.stderr
    assert lawtool("validate", str(out)).returncode == 0


def test_cli_apply_never_overwrites_an_input(tmp_path):
    bill = tmp_path / "bill.xml"
    bill.write_bytes(V2.read_bytes())
    path = write(tmp_path, "ok.yaml", GOOD)
    for target in (bill, path):
        before = target.read_bytes()
        result = lawtool("amend", "apply", str(bill), str(path), "-o", str(target), "--date", "2025-02-18")
        assert result.returncode == 2 and "is one of the inputs" in result.stderr and "--overwrite" in result.stderr
        assert target.read_bytes() == before


def test_cli_apply_writes_nothing_on_failure(tmp_path):
    """An amendment that fails late (after others applied, while writing) leaves the output as it was."""
    good = write(tmp_path, "ok.yaml", GOOD)
    bad = write(
        tmp_path,
        "bad.yaml",
        GOOD.replace("ok-1", "bad-1").replace(
            "op: delete\n    eid: art_7", "op: insert\n    after: art_12\n    num: المادة 8 مكررة\n    text: نص."
        ),
    )
    out = tmp_path / "new.xml"
    out.write_bytes(b"the previous file")
    result = lawtool("amend", "apply", str(V2), str(good), str(bad), "-o", str(out), "--date", "2025-02-18")
    assert result.returncode == 2 and "two articles have the number 8-bis" in result.stderr
    assert out.read_bytes() == b"the previous file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.yaml", "new.xml", "ok.yaml"]


def test_cli_apply_refuses_collisions_with_the_report(tmp_path):
    a = write(tmp_path, "a.yaml", GOOD.replace("ok-1", "a"))
    b = write(
        tmp_path, "b.yaml", GOOD.replace("ok-1", "b").replace("op: delete", "op: renumber\n    num: المادة 6 مكررة")
    )
    out = tmp_path / "new.xml"
    result = lawtool("amend", "apply", str(V2), str(a), str(b), "-o", str(out), "--date", "2025-02-18")
    assert result.returncode == 1
    assert "Collisions:" in result.stderr and "target-deleted" in result.stderr and "--order" in result.stderr
    assert not out.exists()
    result = lawtool(
        "amend", "apply", str(V2), str(a), str(b), "-o", str(out), "--date", "2025-02-18", "--order", "b,a"
    )
    assert result.returncode == 0, result.stderr


def test_cli_apply_status_selects(tmp_path):
    a = write(tmp_path, "a.yaml", GOOD.replace("ok-1", "a"))
    b = write(tmp_path, "b.yaml", GOOD.replace("ok-1", "b").replace("adopted", "rejected"))
    out = tmp_path / "new.xml"
    result = lawtool(
        "amend", "apply", str(V2), str(a), str(b), "-o", str(out), "--date", "2025-02-18", "--status", "adopted"
    )
    assert result.returncode == 0, result.stderr
    assert "(a)" in result.stderr
    result = lawtool("amend", "apply", str(V2), str(a), "-o", str(out), "--date", "2025-02-18", "--status", "voted")
    assert result.returncode == 2 and "unknown status" in result.stderr


def test_a_bills_own_eids_are_kept_without_making_two_alike(v2, tmp_path):
    """A bill whose article 18 numbers its paragraphs para_1, para_3, para_4 (its own style): a
    paragraph inserted after para_4 gives every paragraph a distinct eId (the own eIds put back
    collided with the generator's)."""
    data = v2.to_bytes()
    data = data.replace(b'"art_18__para_3"', b'"art_18__para_4"').replace(b'"art_18__para_2"', b'"art_18__para_3"')
    bill = Document.from_bytes(data, str(V2))
    result, doc = apply(bill, amendment({"op": "insert", "after": "art_18__para_4", "text": "فقرة جديدة."}))
    eids = [e.get("eId") for e in doc.root.iter() if isinstance(e.tag, str) and e.get("eId")]
    assert len(eids) == len(set(eids)) and errors(doc) == []
    result.save(tmp_path / "new.xml")


def test_an_error_the_amendment_makes_is_not_passed_off_as_the_bills_own(v2, tmp_path):
    """The bill has an attribute the schema refuses in art_30__para_1; the amendment replaces that
    paragraph and inserts the same fault in article 18: the new error is refused, not «carried over»."""
    data = v2.to_bytes()
    (p,) = [p for p in v2.root.iter("{*}p") if p.getparent().getparent().get("eId") == "art_30__para_1"][:1]
    old = f"<p>{p.text}".encode()
    assert data.count(old) == 1
    bill = Document.from_bytes(data.replace(old, f'<p foo="1">{p.text}'.encode()), str(V2))
    result, _ = apply(
        bill,
        amendment(
            {"op": "replace", "eid": "art_30__para_1", "text": "فقرة صحيحة."},
            {
                "op": "insert",
                "after": "art_18__para_3",
                "xml": '<paragraph><content><p foo="1">فقرة.</p></content></paragraph>',
            },
        ),
    )
    with pytest.raises(LawtoolError, match="attribute 'foo'"):
        result.save(tmp_path / "new.xml")
    assert not (tmp_path / "new.xml").exists()
    # the fault left where it was is the bill's own: carried over, with a warning
    result, _ = apply(bill, amendment({"op": "replace", "eid": "art_18__para_1", "text": "فقرة صحيحة."}))
    result.save(tmp_path / "kept.xml")
    assert any("carried over" in w for w in result.warnings)
