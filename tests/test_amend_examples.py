"""The example amendments in bills/: marked as examples, generic proposers, one collision, and
the adopted ones reproduce the third version byte for byte (source/v2-to-v3.yaml is the recipe;
LAWTOOL_REGENERATE=1 rewrites the third version after a change of the second or of lawtool)."""

import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from lawtool.akn import Document, text_of
from lawtool.amend import apply_amendments, check_collisions, load_amendments, select

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence"
RECIPE = yaml.safe_load((BILL / "source/v2-to-v3.yaml").read_text(encoding="utf-8"))
PATHS = sorted(BILL.glob(RECIPE["amendments"]))


def test_examples():
    amendments = load_amendments(PATHS)
    assert len(amendments) >= 3
    for a in amendments:
        # a generic group («فريق برلماني (مثال أ)») or the generic committee («اللجنة المختصة (مثال)»)
        assert a.example and re.search(r"^(?:فريق برلماني \(مثال [أ-ي]\)|اللجنة المختصة \(مثال\))$", a.proposer), (
            a.proposer
        )
        assert str(a.target) == "/akn/ma/bill/2024/digital-violence/ara@2024-12-10"
    v2 = Document.load(BILL / RECIPE["from"])
    every = check_collisions(v2, amendments)
    assert every.collisions, "the examples include a collision"
    colliding = {i for c in every.collisions for i in c.amendments}
    assert {a.status for a in amendments if a.id in colliding} >= {"adopted", "rejected"}
    adopted = select(amendments, RECIPE["status"])
    assert check_collisions(v2, adopted).collisions == [], "the adopted ones are compatible"


def make_v3() -> bytes:
    v2 = Document.load(BILL / RECIPE["from"])
    adopted = select(load_amendments(PATHS), RECIPE["status"])
    result = apply_amendments(v2, adopted, date=str(RECIPE["date"]), notice=RECIPE["notice"])
    return result.document.to_bytes()


def test_adopted_examples_make_version_3_byte_for_byte():
    target = BILL / RECIPE["to"]
    data = make_v3()
    if os.environ.get("LAWTOOL_REGENERATE"):
        target.write_bytes(data)
    assert target.read_bytes() == data


def test_version_3_says_what_it_is():
    v3 = Document.load(BILL / RECIPE["to"])
    notice = text_of(v3.xpath("./a:preface/a:p[@class='lawtool-notice']", v3.main)[0])
    assert "نص عمل" in notice and "lawtool" in notice and "أمثلة" in notice
    assert "working text" in notice and "made-up examples" in notice
    assert v3.expression_date == str(RECIPE["date"])


def test_cli_makes_the_same_file(tmp_path):
    out = tmp_path / "v3.xml"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "lawtool.cli",
            "amend",
            "apply",
            str(BILL / RECIPE["from"]),
            *map(str, PATHS),
            "--status",
            RECIPE["status"],
            "--date",
            str(RECIPE["date"]),
            "--notice",
            RECIPE["notice"],
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() == (BILL / RECIPE["to"]).read_bytes()
