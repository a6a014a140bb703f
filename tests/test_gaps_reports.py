"""The committed reports in reports/ are what `lawtool reports` makes now."""

from pathlib import Path

import pytest

from lawtool.gaps.report import build_reports

REPO = Path(__file__).resolve().parents[1]


def test_committed_reports_are_up_to_date():
    if not (REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml").exists():
        pytest.fail("law/ not built yet (lawtool corpus build)")
    stale = [
        rel
        for rel, data in build_reports(REPO).items()
        if not (REPO / rel).exists() or (REPO / rel).read_bytes() != data
    ]
    assert not stale, f"out of date: {stale} — run `lawtool reports` (make reports) and commit the result"
