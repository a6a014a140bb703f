"""Issue 19, item 10: what the system or the user gets wrong under any command — a full disk, a
read-only file system, numbers of thousands of digits, dates that do not exist, nested YAML,
control characters in an option, a port in use, a checklist of the wrong shape — ends in one line
naming the file and what to do, exit 2, and nothing written.  Never a traceback."""

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from lawtool.errors import InputError
from lawtool.yaml_input import parse_yaml_text

REPO = Path(__file__).resolve().parents[1]
LAW = REPO / "law/ma/act/2018/103-13/ara@2018-03-12.xml"
BILL = REPO / "bills/ma/bill/2024/digital-violence"
URI = "/akn/ma/act/2020/1/ara@2020-01-01"


def lawtool(*args, cwd=None, stdout=None):
    return subprocess.run(
        [sys.executable, "-m", "lawtool", *map(str, args)],
        cwd=cwd,
        text=True,
        timeout=120,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def one_clean_line(result, *needles):
    """exit 2, no traceback, the error on one line holding every needle and a hint («—»)."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("lawtool: error:")]
    assert len(errors) == 1, result.stderr
    for needle in needles:
        assert needle in errors[0], errors[0]
    assert " — " in errors[0]
    return errors[0]


# -- writing -------------------------------------------------------------------------------------------------


def test_a_full_disk_is_one_line():
    one_clean_line(lawtool("export", LAW, "--to", "text", "-o", "/dev/full"), "/dev/full", "No space left")


def test_a_full_standard_output_is_one_line():
    with open("/dev/full", "w") as full:
        result = lawtool("export", LAW, "--to", "text", stdout=full)
    one_clean_line(result, "standard output", "No space left")


@pytest.mark.parametrize("target", ["/proc/lawtool-out.txt", "/sys/lawtool-out.txt"])
def test_a_place_nobody_can_write_is_one_line(target):
    one_clean_line(lawtool("export", LAW, "--to", "text", "-o", target), target, "cannot write")


def test_a_reader_that_stops_is_not_an_error():
    reader = subprocess.Popen(["head", "-c", "10"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    writer = subprocess.run(
        [sys.executable, "-m", "lawtool", "export", str(LAW), "--to", "text"],
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )
    reader.stdin.close()
    reader.wait()
    assert writer.returncode == 0 and "Traceback" not in writer.stderr


# -- numbers and dates ---------------------------------------------------------------------------------------


def test_an_article_number_of_5000_digits_in_a_text(tmp_path):
    source = tmp_path / "big.txt"
    source.write_text(f"قانون رقم 1.20\nالمادة {'9' * 5000}\nنص.\nالمادة 2\nنص.\n", encoding="utf-8")
    out = tmp_path / "big.xml"
    one_clean_line(lawtool("import", source, "--frbr-uri", URI, "-o", out), "big.txt:2", "digits")
    assert not out.exists()


@pytest.mark.parametrize(
    "command", [["info"], ["export"], ["gaps"], ["penalties"], ["xref", "check"], ["definitions"], ["consistency"]]
)
def test_an_article_number_of_5000_arabic_digits_in_xml(command, tmp_path):
    text = LAW.read_text(encoding="utf-8").replace(">1</num>", ">" + "٣" * 5000 + "</num>", 1)
    assert "٣" * 5000 in text
    path = tmp_path / "big.xml"
    path.write_text(text, encoding="utf-8")
    one_clean_line(lawtool(*command, path), "big.xml:", "more than 1000 digits")


def test_validate_reports_the_long_number_as_a_finding(tmp_path):
    path = tmp_path / "big.xml"
    path.write_text(LAW.read_text(encoding="utf-8").replace(">1</num>", ">" + "9" * 5000 + "</num>", 1))
    result = lawtool("validate", path)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "more than 1000 digits" in result.stdout


def test_dates_that_do_not_exist_are_refused_on_import(tmp_path):
    source = tmp_path / "t.txt"
    source.write_text("قانون\nالمادة 1\nنص.\n", encoding="utf-8")
    out = tmp_path / "t.xml"
    one_clean_line(lawtool("import", source, "--frbr-uri", URI, "-o", out, "--work-date", "2025-02-30"), "2025-02-30")
    one_clean_line(
        lawtool("import", source, "--frbr-uri", "/akn/ma/act/2020/1/ara@2020-02-30", "-o", out),
        "2020-02-30",
        "does not exist",
    )
    assert not out.exists()


def test_an_amendment_dated_february_30(tmp_path):
    original = next((BILL / "amendments").glob("*.yaml"))
    lines = original.read_text(encoding="utf-8").splitlines()
    at = next(n for n, line in enumerate(lines) if line.startswith("date:"))
    lines[at] = "date: 2025-02-30"
    bad = tmp_path / "bad.yaml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    one_clean_line(lawtool("amend", "check", BILL / "ara@2025-02-18.xml", bad), f"bad.yaml:{at + 1}:", "2025-02-30")


# -- YAML ----------------------------------------------------------------------------------------------------


def test_deeply_nested_yaml_is_refused_not_recursed(tmp_path):
    deep = tmp_path / "deep.yaml"
    deep.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    one_clean_line(lawtool("amend", "check", BILL / "ara@2025-02-18.xml", deep), "deep.yaml:1", "nested")


@pytest.mark.parametrize(
    "text, needle",
    [
        ("a: 2025-13-01\n", "does not exist"),
        ("a: " + "1" * 200 + "\n", "digits"),
        ("a: !!python/name:os.system x\n", "tag"),
        ("a: 1\na: 2\n", "appears twice"),
        ("a: 1\n---\nb: 2\n", "several YAML documents"),
        ("a: [1, 2\n", "not valid YAML"),
    ],
)
def test_the_one_yaml_loader_refuses(text, needle):
    with pytest.raises(InputError) as info:
        parse_yaml_text(text, "x.yaml")
    assert needle in str(info.value) and "x.yaml" in str(info.value)


def test_the_one_yaml_loader_reads_plain_data():
    import datetime

    assert parse_yaml_text("a: 2025-02-28\nb: [1, x]\nc: {d: null}\n") == {
        "a": datetime.date(2025, 2, 28),
        "b": [1, "x"],
        "c": {"d": None},
    }


def test_a_malformed_import_yaml(tmp_path):
    folder = tmp_path / "law/ma/act/2020/1"
    folder.mkdir(parents=True)
    (folder / "import.yaml").write_text("expressions:\n  - expression: [unclosed\n", encoding="utf-8")
    one_clean_line(lawtool("corpus", "build", "--root", tmp_path), "import.yaml:", "not valid YAML")
    (folder / "import.yaml").write_text("expressions:\n  - work_date: 2018-02-30\n", encoding="utf-8")
    one_clean_line(lawtool("corpus", "build", "--root", tmp_path), "import.yaml:2", "2018-02-30")


@pytest.mark.parametrize(
    "spec, needle",
    [
        ("expressions: {a: 1}\n", "a list of expressions"),
        ("- 1\n", "a list of expressions"),
        ("expressions:\n  - source: x.txt\n", "no 'expression'"),
        ("expressions:\n  - expression: /akn/ma/act/2020/1/ara@2020-01-01\n    titel: x\n", "unknown field 'titel'"),
        ("expressions:\n  - expression: /akn/ma/act/2020/1/ara@2020-01-01\n    xref: 3\n", "xref must be bool"),
        (
            "expressions:\n  - expression: /akn/ma/act/2020/1/ara@2020-01-01\n    corrections:\n      - {line: x, find: a, "
            "replace: b}\n",
            "correction 1: line must be int",
        ),
        (
            "expressions:\n  - expression: /akn/ma/act/2020/1/ara@2020-01-01\n    corrections: [{line: 3}]\n",
            "no 'find'",
        ),
    ],
)
def test_an_import_yaml_of_the_wrong_shape(spec, needle, tmp_path):
    folder = tmp_path / "law/ma/act/2020/1"
    folder.mkdir(parents=True)
    (folder / "import.yaml").write_text(spec, encoding="utf-8")
    one_clean_line(lawtool("corpus", "build", "--root", tmp_path), "import.yaml", needle)


@pytest.mark.parametrize(
    "checklist, needle",
    [
        ("- id: x\n  labels: hello\n", "labels of 'x'"),
        ("- id: x\n  synonyms: {ar: 5}\n", "synonyms of 'x'"),
        ("- labels: {ar: عنف}\n", "without a text id"),
        ("id: x\n", "not a checklist"),
    ],
)
def test_concepts_of_the_wrong_shape(checklist, needle, tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(checklist, encoding="utf-8")
    one_clean_line(lawtool("gaps", BILL / "ara@2025-02-18.xml", "--concepts", path), "c.yaml", needle)


# -- options ---------------------------------------------------------------------------------------------------


def test_control_characters_in_the_title(tmp_path):
    source = tmp_path / "t.txt"
    source.write_text("قانون\nالمادة 1\nنص.\n", encoding="utf-8")
    out = tmp_path / "t.xml"
    line = one_clean_line(
        lawtool("import", source, "--frbr-uri", URI, "-o", out, "--title", "a\x1b]0;x\x07b"), "U+001B", "title"
    )
    assert "\x1b" not in line
    assert not out.exists()


def test_control_characters_in_the_proposer(tmp_path):
    out = tmp_path / "a.yaml"
    one_clean_line(
        lawtool(
            "amend",
            "from-diff",
            BILL / "ara@2024-12-10.xml",
            BILL / "ara@2025-02-18.xml",
            "--proposer",
            "x\x1by",
            "-o",
            out,
        ),
        "U+001B",
        "--proposer",
    )
    assert not out.exists()


def test_a_port_in_use_is_said_before_building(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = lawtool("publish", "--serve", "--port", port, "--out", tmp_path / "site", cwd=REPO)
    one_clean_line(result, f"port {port}", "--port")
    assert not (tmp_path / "site").exists()
