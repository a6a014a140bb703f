"""The diff stage's commands: diff, compare, history, and --write-wid."""

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from lawtool.cli import app
from lawtool.validate import validate_paths

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence"
V1, V2 = BILL / "ara@2024-05-14.xml", BILL / "ara@2024-12-10.xml"
PENAL_CODE = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"
runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_diff_json_to_a_file(tmp_path):
    out = tmp_path / "d.json"
    result = invoke("diff", V1, V2, "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["summary"]["merged"] == 1 and data["concordance"][2] == {
        "old": "art_3",
        "new": "art_17-bis",
        "old_num": "3",
        "new_num": "17-bis",
        "status": "moved",
        "old_ref": "art_3",
        "new_ref": "art_17-bis",
    }


def test_diff_every_format(tmp_path):
    for fmt in ("text", "html", "markdown", "docx"):
        out = tmp_path / f"d.{fmt}"
        result = invoke("diff", V1, V2, "-f", fmt, "-o", out)
        assert result.exit_code == 0, (fmt, result.output)
        assert out.stat().st_size > 1000


def test_exit_code_option():
    assert invoke("diff", V1, V1, "--exit-code").exit_code == 0
    assert invoke("diff", V1, V2, "--exit-code").exit_code == 1


def test_errors_are_reported_cleanly(tmp_path):
    cases = [
        (("diff", V1, PENAL_CODE), "not expressions of the same work"),
        (("diff", V1, V2, "-f", "rtf"), "unknown format 'rtf'"),
        (("diff", V1, V2, "-f", "pdf"), "give a file with -o FILE.pdf"),
        (("diff", V1, V2, "-f", "docx"), "give a file with -o"),
        (("diff", V1, V2, "--dry-run"), "--dry-run goes with --write-wid"),
        (("diff", V1, tmp_path / "missing.xml"), "no such file"),
        (("diff", V1, PENAL_CODE, "--cross-work", "--old-eid", "art_999"), "no element with eId 'art_999'"),
        (("history", tmp_path), "no *.xml expression"),
    ]
    for args, message in cases:
        result = invoke(*args)
        assert result.exit_code == 2, (args, result.output)
        assert "lawtool: error:" in result.output and message in result.output, (args, result.output)
        assert "Traceback" not in result.output


def test_cross_work_element_diff():
    result = invoke(
        "diff",
        V1,
        PENAL_CODE,
        "--cross-work",
        "--old-eid",
        "art_37__para_1__mod_1__qstr_1__art_447-3",
        "--new-eid",
        "art_447-3",
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.output
    (change,) = json.loads(result.output)["changes"]
    assert change["status"] == "modified" and change["new_eid"] == "art_447-3"


def test_write_wid(tmp_path):
    target = tmp_path / "ara@2024-12-10.xml"
    shutil.copy(V2, target)
    before = target.read_bytes()
    dry = invoke("diff", V1, target, "--write-wid", "--dry-run", "-f", "json", "-o", tmp_path / "d.json")
    assert dry.exit_code == 0, dry.output
    assert '+        <article eId="art_27" wId="art_28">' in dry.output and "dry run" in dry.output
    assert target.read_bytes() == before
    done = invoke("diff", V1, target, "--write-wid", "-f", "json", "-o", tmp_path / "d.json", "--force")
    assert done.exit_code == 0 and "7 wId recorded" in done.output
    text = target.read_text(encoding="utf-8")
    assert '<article eId="art_17-bis" wId="art_3">' in text
    assert '<paragraph eId="art_27__para_1" wId="art_28__para_1">' in text
    assert [r.valid for r in validate_paths([target])] == [True]
    written = target.read_bytes()
    again = invoke("diff", V1, target, "--write-wid", "-f", "json", "-o", tmp_path / "d.json", "--force")
    assert "0 wId recorded" in again.output and target.read_bytes() == written


def test_compare_and_history():
    result = invoke("compare", V1, "--with", PENAL_CODE, "-f", "json")
    assert result.exit_code == 0, result.output
    assert [r["target"] for r in json.loads(result.output)["rows"]] == [
        "art_447-1",
        "art_447-2",
        "art_447-3",
        "art_447-4",
    ]
    result = invoke("history", BILL, "-f", "json")
    assert result.exit_code == 0, result.output
    versions = json.loads(result.output)["versions"]
    dates = [v["date"] for v in versions]
    assert dates == sorted(dates) and dates[:2] == ["2024-05-14", "2024-12-10"]
    assert versions[0]["summary"] is None
    assert versions[1]["summary"]["split"] == 1 and versions[1]["summary"]["renumbered"] == 1
    text = invoke("history", BILL).output
    assert "split       12 → 12, 12-bis" in text


def test_output_never_replaces_an_input_or_a_device(tmp_path):
    import os
    import stat
    import threading

    result = invoke("diff", V1, V2, "-o", V2)
    assert result.exit_code == 2 and "the output is one of the inputs" in result.output
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    result = invoke("diff", V1, V2, "-f", "json", "-o", fifo)
    reader.join(timeout=30)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(fifo.stat().st_mode), "the pipe is still a pipe"
    assert json.loads(received[0])["summary"]["split"] == 1
