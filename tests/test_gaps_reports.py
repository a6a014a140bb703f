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


def test_update_reports_finds_and_rewrites_a_stale_report(tmp_path):
    """lawtool reports (--check) through the library: a report edited by hand is out of date, left
    as is without ``write``, made again with it; the others are untouched."""
    import shutil

    from lawtool.gaps.report import update_reports

    for top in ("law", "bills", "reports", "tests/data"):
        shutil.copytree(REPO / top, tmp_path / top)
    committed = (tmp_path / "reports/gaps.md").read_bytes()
    (tmp_path / "reports/gaps.md").write_bytes(committed + b"hand edit\n")
    stale = update_reports(tmp_path, write=False)
    assert stale == {
        "reports/gaps.json": False,
        "reports/gaps.md": True,
        "reports/penalties.json": False,
        "reports/penalties.md": False,
    }
    assert (tmp_path / "reports/gaps.md").read_bytes() == committed + b"hand edit\n"
    assert update_reports(tmp_path)["reports/gaps.md"]
    assert (tmp_path / "reports/gaps.md").read_bytes() == committed
    assert not any(update_reports(tmp_path, write=False).values())
