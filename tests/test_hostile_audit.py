"""The hostile-input audit (issue 19): every command of the CLI, each of its file arguments in turn
given a hostile input (the others valid), must

- end with exit 2 (or 1 for the commands that report a file's problems as findings: validate,
  consistency, xref check), with one line naming the file and what to do, never a traceback;
- write nothing and change nothing;
- stay under 30 s and 1 GB of memory (the child's peak resident set, read with wait4).

The commands are read from the CLI itself: a new command without a row in ``SLOTS`` fails
``test_every_command_is_audited``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_support import cli_commands

REPO = Path(__file__).resolve().parents[1]
BILL = REPO / "bills/ma/bill/2024/digital-violence/ara@2025-02-18.xml"
BILL_OLD = REPO / "bills/ma/bill/2024/digital-violence/ara@2024-12-10.xml"
AMENDMENT = sorted((REPO / "bills/ma/bill/2024/digital-violence/amendments").glob("*.yaml"))[0]
SOURCE = REPO / "tests/data/hostile/small-law.txt"
LAW = REPO / "law/ma/act/1962/1-59-413/ara@2024-08-22.xml"
NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SECONDS = 30
MEMORY_KB = 1024 * 1024  # 1 GB


def _zip(files: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return out.getvalue()


# Hostile contents (bytes), by the kind of file a slot expects.
_XML_HEAD = f'<akomaNtoso xmlns="{NS}"><act name="act"><meta/><body>'
HOSTILE = {
    "entity-bomb": (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;">]>' + f'<akomaNtoso xmlns="{NS}">&c;</akomaNtoso>'
    ).encode(),
    "deep-xml": (
        _XML_HEAD + "<hcontainer name='x'>" * 3000 + "</hcontainer>" * 3000 + "</body></act></akomaNtoso>"
    ).encode(),
    "utf-16": ("\ufeff" + _XML_HEAD + "</body></act></akomaNtoso>").encode("utf-16-le"),
    "lying-encoding": (
        '<?xml version="1.0" encoding="ISO-8859-1"?>'
        + _XML_HEAD
        + "<article eId='art_1'><num>المادة 1</num></article></body></act></akomaNtoso>"
    ).encode(),
    "long-number": (
        _XML_HEAD + f"<article eId='art_1'><num>{'9' * 5000}</num></article></body></act></akomaNtoso>"
    ).encode(),
    "binary": bytes(range(256)) * 64,
    "empty": b"",
    "yaml-bomb": (
        'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
        + "".join(
            f"{c}: &{c} [*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p},*{p}]\n"
            for p, c in zip("abcdefgh", "bcdefghi", strict=True)
        )
        + "j: [*i,*i,*i,*i,*i,*i,*i,*i,*i]\n"
    ).encode(),
    "deep-yaml": ("a: " + "[" * 5000 + "]" * 5000 + "\n").encode(),
    "yaml-tag": b"id: !!python/object/apply:os.system ['true']\n",
    "bad-date": b"id: x\ndate: 2025-02-30\n",
    "control-text": "قانون\nالمادة 1\nنص \x1b]0;x\x07 المادة.\n".encode(),
    "zip-not-docx": _zip({"hello.txt": b"not a Word document"}),
    "docx-entity": _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><d>&x;</d>',
        }
    ),
}
XML_CASES = [
    "entity-bomb",
    "deep-xml",
    "utf-16",
    "lying-encoding",
    "long-number",
    "binary",
    "empty",
    "dev-zero",
    "fifo",
    "directory",
]
YAML_CASES = ["yaml-bomb", "deep-yaml", "yaml-tag", "bad-date", "binary", "empty", "dev-zero", "fifo", "directory"]
TEXT_CASES = ["binary", "control-text", "empty", "dev-zero", "fifo", "directory"]
DOCX_CASES = ["zip-not-docx", "docx-entity", "binary", "empty", "dev-zero", "fifo", "directory"]

# For each command: its arguments, where «XML», «YAML», «TEXT» or «FOLDER» marks a slot given a
# hostile input in turn, «bill»/«old»/«amendment»/«source» valid inputs, «out» an output path.
SLOTS: dict[str, list[list[str]]] = {
    "amend apply": [["XML", "amendment", "-o", "out"], ["bill", "YAML", "-o", "out"]],
    "amend blame": [["XML", "bill"], ["old", "XML"]],
    "amend carry": [["XML", "bill", "amendment"], ["old", "bill", "YAML"]],
    "amend import-docx": [["DOCX", "--bill", "bill", "-o", "out"]],
    "amend list": [["XML", "amendment"], ["bill", "YAML"]],
    "amend project": [["XML", "--law", "law"], ["bill", "--law", "XML"]],
    "amend prose": [["TEXT"]],
    "amend template": [["XML", "-o", "out.docx"]],
    "amend check": [["XML", "amendment"], ["bill", "YAML"]],
    "amend export": [["YAML", "-o", "out"]],
    "amend from-diff": [["XML", "bill", "-o", "out"], ["old", "XML", "-o", "out"]],
    "amend import": [["XML"]],
    "amend show": [["YAML"]],
    "compare": [["XML", "--with", "bill"], ["bill", "--with", "XML"]],
    "consistency": [["XML"]],
    "corpus import-all": [["FOLDER", "--out", "out"]],
    "definitions": [["XML"]],
    "diff": [["XML", "bill"], ["old", "XML"]],
    "eids": [["XML", "-o", "out"]],
    "export": [["XML", "-o", "out"]],
    "gaps": [["XML"], ["bill", "--concepts", "YAML"]],
    "history": [["FOLDER"]],
    "import": [["TEXT", "--frbr-uri", "/akn/ma/act/2020/1/ara@2020-01-01", "-o", "out"]],
    "info": [["XML"]],
    "penalties": [["XML"]],
    "validate": [["XML"]],
    "xref check": [["XML"]],
    "xref extract": [["XML"]],
    "xref graph": [["XML", "-o", "out"]],
    "xref index": [["XML"]],
    "xref mark": [["XML", "-o", "out"]],
}
# Commands without file arguments: they read the repository (corpus build, publish, reports:
# tests/test_hostile.py and tests/test_user_mistakes.py give them hostile repositories) or nothing.
NO_FILE_ARGUMENT = {"amend schema", "corpus build", "corpus summary", "publish", "reports"}
FINDINGS_EXIT_1 = {"validate", "consistency", "xref check"}


def test_every_command_is_audited():
    assert set(cli_commands()) == set(SLOTS) | NO_FILE_ARGUMENT


SLOT_KINDS = ("XML", "YAML", "TEXT", "DOCX", "FOLDER")


def _cases():
    for command, variants in SLOTS.items():
        for n, args in enumerate(variants):
            slot = next(a for a in args if a in SLOT_KINDS)
            kinds = {
                "XML": XML_CASES,
                "YAML": YAML_CASES,
                "TEXT": TEXT_CASES,
                "DOCX": DOCX_CASES,
                "FOLDER": ["fifo-in-folder", "binary-in-folder"],
            }[slot]
            for kind in kinds:
                yield pytest.param(command, args, kind, id=f"{command}-{n + 1}-{kind}")


def _hostile_path(kind: str, slot: str, folder: Path) -> Path:
    suffix = {"XML": ".xml", "YAML": ".yaml", "TEXT": ".txt", "DOCX": ".docx", "FOLDER": ""}[slot]
    path = folder / f"hostile{suffix}"
    if kind == "dev-zero":
        return Path("/dev/zero")
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "directory":
        path.mkdir()
    elif kind.endswith("-in-folder"):
        path.mkdir()
        inner = path / "hostile.txt"
        if kind == "fifo-in-folder":
            os.mkfifo(inner)
        else:
            inner.write_bytes(HOSTILE["binary"])
    else:
        path.write_bytes(HOSTILE[kind])
    return path


def _snapshot(folder: Path) -> dict:
    return {p: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.rglob("*") if not p.is_fifo()}


SHARED = Path(os.environ.get("LAWTOOL_SHARED") or REPO.parent / "shared").resolve()


def _run(args: list[str], cwd: Path):
    """(exit status, stdout, stderr, seconds, peak resident KB) of one lawtool run."""
    started = time.monotonic()
    child = subprocess.Popen(
        [sys.executable, "-m", "lawtool", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "LAWTOOL_SHARED": str(SHARED)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        out, err = child.communicate(timeout=SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        pytest.fail(f"lawtool {' '.join(args)} ran over {SECONDS} s")
    # the child is reaped by communicate; its rusage is the maximum over reaped children, which
    # only grows: read it before and after to attribute a new peak to this run
    peak = _peak_kb()
    return child.returncode, out, err, time.monotonic() - started, peak


def _peak_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss


@pytest.mark.parametrize("command, template, kind", list(_cases()))
def test_hostile_input(command, template, kind, tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    valid = {
        "bill": BILL,
        "old": BILL_OLD,
        "amendment": AMENDMENT,
        "source": SOURCE,
        "out": work / "out",
        "out.docx": work / "out.docx",
        "law": LAW,
    }
    args = command.split()
    hostile = None
    for part in template:
        if part in SLOT_KINDS:
            hostile = _hostile_path(kind, part, tmp_path)
            args.append(str(hostile))
        else:
            args.append(str(valid.get(part, part)))
    before = {p: v for p, v in _snapshot(tmp_path).items() if not p.is_relative_to(work)}
    repo_before = _snapshot(REPO / "bills") | _snapshot(REPO / "law")
    status, out, err, seconds, peak = _run(args, cwd=work)
    assert "Traceback" not in out + err, err
    allowed = (1, 2) if command in FINDINGS_EXIT_1 else (1, 2) if command == "corpus import-all" else (2,)
    assert status in allowed, f"exit {status}: {err}"
    where = out + err
    assert hostile.name in where or str(hostile) in where, f"the file is not named: {where[-400:]}"
    errors = [line for line in err.splitlines() if line.startswith("lawtool: error:")]
    if status == 2:
        assert len(errors) == 1 and " — " in errors[0], err
    after = _snapshot(tmp_path)
    if command == "corpus import-all" and status == 1:  # a batch: its report is its product, and names the refused text
        import json

        report = json.loads((work / "out/report.json").read_text(encoding="utf-8"))
        assert [r["file"] for r in report["refused"]] == ["hostile.txt"] and status == 1
    else:
        assert list(work.iterdir()) == [], f"written: {sorted(work.iterdir())}"
    assert {p: v for p, v in after.items() if not p.is_relative_to(work)} == before
    assert _snapshot(REPO / "bills") | _snapshot(REPO / "law") == repo_before
    assert seconds < SECONDS
    assert peak < MEMORY_KB, f"peak memory of the lawtool runs so far: {peak // 1024} MB"
