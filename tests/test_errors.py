"""Bad input: each case gets its own clear message, exit status 2, no traceback, nothing written."""

import subprocess
import sys

import pytest

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
BOMB = f"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<akomaNtoso xmlns="{NS}"><act name="act"><body><p>&lol3;</p></body></act></akomaNtoso>"""
XXE = f"""<?xml version="1.0"?>
<!DOCTYPE a [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<akomaNtoso xmlns="{NS}"><act name="act"><body><p>&xxe;</p></body></act></akomaNtoso>"""
CASES = {
    "malformed": (b"<akomaNtoso><act>", "not well-formed XML"),
    "bomb": (BOMB.encode(), "DOCTYPE and entity declarations are not allowed"),
    "xxe": (XXE.encode(), "DOCTYPE and entity declarations are not allowed"),
    "latin1": f'<akomaNtoso xmlns="{NS}"><p>é</p></akomaNtoso>'.encode("latin-1"),
    "empty": (b"", "the file is empty"),
    "not-akn": (b"<html><body/></html>", "not an Akoma Ntoso document"),
    "draft-ns": (
        b'<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0/CSD13"><act/></akomaNtoso>',
        "not Akoma Ntoso 3.0",
    ),
}
CASES["latin1"] = (CASES["latin1"], "not valid UTF-8")


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "lawtool.cli", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("command", ["info", "export"])
def test_bad_xml(tmp_path, case, command):
    data, message = CASES[case]
    path = tmp_path / f"{case}.xml"
    path.write_bytes(data)
    out = tmp_path / "out.txt"
    args = [command, str(path)] + (["-o", str(out)] if command == "export" else [])
    result = run(*args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"lawtool: error: {path}"), result.stderr
    assert message in result.stderr
    assert "—" in result.stderr, "the message says what to do"
    assert "Traceback" not in result.stderr
    assert not out.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        # a file really in the encoding it declares is told it is not UTF-8, not to fix its declaration
        ('<?xml version="1.0" encoding="windows-1256"?><act>المادة</act>'.encode("cp1256"), "not valid UTF-8"),
        ('<?xml version="1.0" encoding="windows-1256"?><act>المادة</act>'.encode(), "but the bytes are UTF-8"),
        ("<!DOCTYPE a><a>é</a>".encode("latin-1"), "not valid UTF-8"),
        (b"<a>" + b"1" * 5000 + b"\xe9</a>", "not valid UTF-8"),
    ],
)
def test_an_encoding_error_says_which(data, message):
    from lawtool.akn import parse_bytes
    from lawtool.errors import LawtoolError

    with pytest.raises(LawtoolError, match=message):
        parse_bytes(data, "in.xml")


def test_bomb_is_never_expanded(tmp_path):
    from lawtool.akn import parse_bytes
    from lawtool.errors import UnsafeInputError

    with pytest.raises(UnsafeInputError):
        parse_bytes(BOMB.encode(), "bomb.xml")


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        ("المادة الأولى".encode("cp1256"), "not valid UTF-8"),
    ],
)
def test_bad_text_import(tmp_path, content, message):
    src = tmp_path / "in.txt"
    src.write_bytes(content)
    out = tmp_path / "out.xml"
    result = run("import", str(src), "--frbr-uri", "/akn/ma/act/2018/1-18/ara@2018-01-01", "-o", str(out))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_bad_frbr_uri(tmp_path):
    src = tmp_path / "in.txt"
    src.write_text("قانون\nالمادة الأولى\nنص.\n", encoding="utf-8")
    result = run("import", str(src), "--frbr-uri", "ma/act/2018", "-o", str(tmp_path / "o.xml"))
    assert result.returncode == 2 and "not an Akoma Ntoso FRBR URI" in result.stderr


def test_missing_file(tmp_path):
    result = run("info", str(tmp_path / "nope.xml"))
    assert result.returncode == 2 and "no such file" in result.stderr


def test_usage_error_exit_2():
    result = run("info")
    assert result.returncode == 2 and "Traceback" not in result.stderr
