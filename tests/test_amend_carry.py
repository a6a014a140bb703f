"""Amendments carried from one version of the bill to the next (`amend carry`)."""

import dataclasses
import subprocess
import sys
from pathlib import Path

from lawtool.akn import Document, text_of
from lawtool.amend import apply_amendments, load_amendment, load_amendments
from lawtool.amend.carry import carry, renumbering_map

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence"
V1, V2, V3 = BILL / "ara@2024-05-14.xml", BILL / "ara@2024-12-10.xml", BILL / "ara@2025-02-18.xml"
FILES = sorted((BILL / "amendments").glob("*.yaml"))


def test_the_map_follows_the_renumbering():
    mapping, unsure = renumbering_map(Document.load(V2), Document.load(V3))
    assert mapping["art_18__para_3"] == "art_18__para_4" and mapping["art_18__para_2"] == "art_18__para_2"
    assert mapping["art_35__para_1__point_4"] == "art_35__para_1__point_4" and not unsure


def test_examples_carried_from_v2_to_v3_as_committed():
    old, new = Document.load(V2), Document.load(V3)
    results = {r.amendment.id: r for r in carry(load_amendments(FILES), old, new)}
    assert [i for i, r in results.items() if r.carried] == ["dv-ex-07"]
    assert results["dv-ex-01"].problems == ["adopted: it is already in the new version"]
    assert "sub-amendment" in results["dv-ex-05"].problems[0]
    carried = results["dv-ex-07"]
    assert carried.renamed == {"art_18__para_3": "art_18__para_4"}
    committed = load_amendment(BILL / "amendments/carried/dv-ex-07.yaml")
    assert committed.same_as(dataclasses.replace(carried.carried, path=committed.path))
    # applied to v3 it changes the paragraph it was written for
    applied = apply_amendments(new, [committed], date="2025-03-01").document
    assert "الطابع المفبرك أو المعدل للمحتوى" in text_of(applied.by_eid("art_18__para_4"))
    assert text_of(applied.by_eid("art_18__para_3")) == text_of(new.by_eid("art_18__para_3"))


def test_what_no_longer_fits_is_reported_with_why():
    old, new = Document.load(V2), Document.load(V3)
    base = load_amendment(BILL / "amendments/dv-ex-04.yaml")
    proposed = [
        dataclasses.replace(base, id="x-words", status="proposed"),  # words changed by dv-ex-04
        dataclasses.replace(load_amendment(BILL / "amendments/dv-ex-03.yaml"), id="x-replace", status="proposed"),
    ]  # replaces a paragraph dv-ex-01 changed
    results = {r.amendment.id: r for r in carry(proposed, old, new)}
    assert results["x-words"].carried is None and "أربعا وعشرين ساعة" in results["x-words"].problems[0]
    assert results["x-replace"].carried is None and "changed in the new version" in results["x-replace"].problems[0]


def test_deleted_and_split_elements_from_v1_to_v2():
    """Version 1 → 2 (a committee version edited by hand): an amendment of an article the second
    version deleted is not carried."""
    old, new = Document.load(V1), Document.load(V2)
    mapping, unsure = renumbering_map(old, new)
    gone = [
        e for e in old.eid_index() if e.startswith("art_") and "__" not in e and e not in mapping and e not in unsure
    ]
    assert gone, "version 2 deletes articles of version 1"
    template = load_amendment(BILL / "amendments/dv-ex-06.yaml")
    amendment = dataclasses.replace(
        template,
        id="x-gone",
        status="proposed",
        target=old.frbr_expression,
        operations=[dataclasses.replace(template.operations[0], op="delete", eid=gone[0], find=None, with_=None)],
    )
    result = carry([amendment], old, new)[0]
    assert result.carried is None and "no longer in the new version" in result.problems[0]


def test_cli(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "lawtool.cli",
            "amend",
            "carry",
            str(V2),
            str(V3),
            *map(str, FILES),
            "-o",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "dv-ex-07: carried (art_18__para_3 → art_18__para_4)" in result.stdout
    assert (tmp_path / "dv-ex-07.yaml").read_text(encoding="utf-8").startswith("# EXAMPLE amendment")
