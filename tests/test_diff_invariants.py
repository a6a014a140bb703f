"""Invariants of the diff on the real corpus: a text against itself, determinism, symmetry."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from lawtool.akn import Document
from lawtool.diff import diff_documents
from lawtool.diff.render import render
from lawtool.diff.result import SWAPPED

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence"
PENAL_CODE = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"
LAW_103_13 = REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml"
DOCS = [BILL / "ara@2024-05-14.xml", BILL / "ara@2024-12-10.xml", PENAL_CODE, LAW_103_13]


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_a_text_against_itself_is_empty(path):
    a, b = Document.load(path), Document.load(path)
    result = diff_documents(a, b)
    assert result.is_empty(typographic=True)
    assert result.changes(typographic=True) == []
    assert set(result.summary()) >= {"unchanged"} and result.summary()["unchanged"] == len(result.articles) > 0
    assert all(r["old"] == r["new"] for r in result.concordance())
    assert result.to_dict()["changes"] == []


def _json(old, new) -> str:
    return render(diff_documents(Document.load(old), Document.load(new)), "json", typographic=True)


def test_deterministic_in_process():
    old, new = BILL / "ara@2024-05-14.xml", BILL / "ara@2024-12-10.xml"
    assert _json(old, new) == _json(old, new)


def test_deterministic_across_hash_seeds():
    outs = set()
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "lawtool.cli",
                "diff",
                str(BILL / "ara@2024-05-14.xml"),
                str(BILL / "ara@2024-12-10.xml"),
                "--format",
                "json",
                "--show-typographic",
            ],
            capture_output=True,
            text=True,
            cwd=REPO,
            env=env,
            check=True,
        )
        outs.add(proc.stdout)
    assert len(outs) == 1
    assert json.loads(outs.pop())["summary"]["split"] == 1


def _signature(result):
    return sorted(
        (c.status, tuple(u.eid for u in c.old), tuple(u.eid for u in c.new), c.moved, c.renumbered)
        for c in result.containers + result.articles
    )


def _swapped(result):
    return sorted(
        (
            SWAPPED.get(c.status, c.status),
            tuple(u.eid for u in c.new),
            tuple(u.eid for u in c.old),
            c.moved,
            c.renumbered,
        )
        for c in result.containers + result.articles
    )


def test_swapping_old_and_new_swaps_added_deleted_split_merged():
    v1, v2 = Document.load(BILL / "ara@2024-05-14.xml"), Document.load(BILL / "ara@2024-12-10.xml")
    forward, backward = diff_documents(v1, v2), diff_documents(v2, v1)
    assert _signature(backward) == _swapped(forward)
    assert backward.summary()["split"] == forward.summary()["merged"] == 1
    assert backward.summary()["added"] == forward.summary()["deleted"] == 2


def test_swapping_on_a_synthetic_penal_code():
    from synthetic import edit_document

    base = Document.load(PENAL_CODE)
    edited, _ = edit_document(
        base,
        seed=11,
        rates={
            "word": 0.05,
            "insert": 0.02,
            "delete": 0.02,
            "move": 0.02,
            "renumber": 0.02,
            "split": 0.01,
            "merge": 0.01,
        },
    )
    edited = Document.from_bytes(edited.to_bytes())
    assert _signature(diff_documents(edited, base)) == _swapped(diff_documents(base, edited))


def test_two_different_works_need_cross_work():
    from lawtool.errors import LawtoolError

    bill, code = Document.load(BILL / "ara@2024-05-14.xml"), Document.load(PENAL_CODE)
    with pytest.raises(LawtoolError, match="not expressions of the same work"):
        diff_documents(bill, code)
    result = diff_documents(
        bill, code, cross_work=True, old_eid="art_37__para_1__mod_1__qstr_1__art_447-1", new_eid="art_447-1"
    )
    (change,) = result.articles
    assert change.status == "modified" and change.renumbered is False
    assert result.old.frbr.endswith("/~art_37__para_1__mod_1__qstr_1__art_447-1")
    assert result.new.frbr.endswith("ara@2024-08-22/~art_447-1")


def test_a_quotation_against_the_whole_code():
    bill, code = Document.load(BILL / "ara@2024-05-14.xml"), Document.load(PENAL_CODE)
    result = diff_documents(bill, code, cross_work=True, old_eid="art_37__para_1__mod_1__qstr_1")
    quoted = [c for c in result.articles if c.old]
    assert [(c.status, c.old[0].rel_eid, c.new_eid) for c in quoted] == [
        ("modified", "art_447-1", "art_447-1"),
        ("modified", "art_447-2", "art_447-2"),
        ("modified", "art_447-3", "art_447-3"),
        ("deleted", "art_447-4", None),
    ]
    assert not any(c.moved for c in quoted)
