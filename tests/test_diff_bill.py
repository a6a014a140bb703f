"""The bill's two versions: the diff must report exactly the changes of source/v1-to-v2.yaml."""

from pathlib import Path

import pytest
import yaml

from lawtool.akn import Document
from lawtool.diff import diff_documents
from lawtool.diff.words import DELETE, INSERT, TYPOGRAPHIC

BILL = Path(__file__).resolve().parents[1] / "bills/ma/bill/2024/digital-violence"
# the ground truth's kinds, as diff statuses
KIND_TO_STATUS = {
    "modified": "modified",
    "penalty-raised": "modified",
    "moved": "moved",
    "typographic": "typographic",
    "inserted": "added",
    "deleted": "deleted",
    "split": "split",
    "merged": "merged",
    "renumbered": "renumbered",
}


@pytest.fixture(scope="module")
def truth():
    return yaml.safe_load((BILL / "source/v1-to-v2.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def result():
    return diff_documents(Document.load(BILL / "ara@2024-05-14.xml"), Document.load(BILL / "ara@2024-12-10.xml"))


def _by_old(result, num):
    found = [c for c in result.articles if any(u.number == num for u in c.old)]
    assert len(found) == 1, num
    return found[0]


def test_changes_are_exactly_the_ground_truth(result, truth):
    expected = sorted((KIND_TO_STATUS[c["kind"]], tuple(c["old"]), tuple(c["new"])) for c in truth["changes"])
    found = sorted(
        (c.status, tuple(u.number for u in c.old), tuple(u.number for u in c.new))
        for c in result.changes(typographic=True, containers=False)
    )
    assert found == expected


def test_concordance_is_the_ground_truth_in_order(result, truth):
    expected = []
    for row in truth["concordance"]:
        news = row["new"] if isinstance(row["new"], list) else [row["new"]]
        expected += [(row["old"], n) for n in news]
    assert [(r["old_num"], r["new_num"]) for r in result.concordance()] == expected


def test_summary_counts(result):
    summary = result.summary()
    assert summary == {
        "unchanged": 23,
        "typographic": 1,
        "modified": 9,
        "moved": 1,
        "renumbered": 1,
        "split": 1,
        "merged": 1,
        "added": 2,
        "deleted": 2,
    }
    assert result.summary("container")["unchanged"] == 8


def test_single_word_changes_are_one_word(result):
    ops = [op for op in _by_old(result, "5").ops if op.op != "equal"]
    assert [(op.op, op.old, op.new) for op in ops] == [(DELETE, "دورية", ""), (INSERT, "", "سنوية")]
    ops = [op for op in _by_old(result, "1").ops if op.op != "equal"]
    assert [(op.op, op.new.strip()) for op in ops] == [(INSERT, "والمستنير")]  # the clitic و stays on its word


def test_penalty_raise_words(result):
    change = _by_old(result, "17")
    deleted = [op.old for op in change.ops if op.op == DELETE]
    inserted = [op.new for op in change.ops if op.op == INSERT]
    assert deleted == ["سنة", "ثلاث", "5.000", "50.000"]
    assert inserted == ["سنتين", "خمس", "10.000", "100.000"]


def test_typographic_change_is_hidden_but_counted(result):
    change = _by_old(result, "6")
    assert change.status == "typographic" and not change.text_changed
    assert [(op.old, op.new) for op in change.ops if op.op == TYPOGRAPHIC] == [("تدرج", "تُدرج")]
    assert change not in result.changes()
    assert change in result.changes(typographic=True)
    assert result.to_dict()["summary"]["typographic"] == 1
    assert "art_6" not in {c["old_eid"] for c in result.to_dict()["changes"]}
    assert "art_6" in {c["old_eid"] for c in result.to_dict(typographic=True)["changes"]}


def test_move_is_across_chapters(result):
    change = _by_old(result, "3")
    assert change.moved and change.renumbered and not change.text_changed
    assert (change.old[0].parent.eid, change.new[0].parent.eid) == ("chp_1", "chp_3")
    renumbered = _by_old(result, "28")
    assert renumbered.status == "renumbered" and not renumbered.moved and renumbered.ops == ()


def test_split_and_merge_parts(result):
    split = _by_old(result, "12")
    assert [u.eid for u in split.new] == ["art_12", "art_12-bis"]
    inserted = " ".join(op.new for op in split.ops if op.op == INSERT)
    assert "المادة 12 أعلاه" in inserted
    merged = _by_old(result, "26")
    assert [u.eid for u in merged.old] == ["art_26", "art_27"] and merged.new_eid == "art_26"
    assert "كما" in " ".join(op.new for op in merged.ops if op.op == INSERT)


def test_paragraph_level_changes(result):
    art25 = _by_old(result, "25")
    assert [(p.kind, p.status, p.new_eid) for p in art25.parts] == [("paragraph", "added", "art_25__para_2")]
    art1 = _by_old(result, "1")
    (para,) = art1.parts
    assert [(p.kind, p.status, p.new_eid) for p in para.parts] == [("point", "modified", "art_1__para_1__point_12")]
