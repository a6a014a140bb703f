"""Hostile and broken input: refused or handled with a clear error, never a crash or a hang."""
import subprocess
import sys

import pytest

from lawtool.akn import Document, parse_bytes
from lawtool.errors import InputError, LawtoolError
from lawtool.frbr import FrbrUri
from lawtool.importer import import_text

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
URI = FrbrUri.parse("/akn/ma/act/2018/1-18/ara@2018-01-01")


def lawtool(*args):
    return subprocess.run([sys.executable, "-m", "lawtool", *args], capture_output=True, text=True)


def test_deeply_nested_xml_is_refused_cleanly():
    data = (f'<akomaNtoso xmlns="{NS}"><act name="act"><body>' + "<hcontainer name='x'>" * 5000
            + "</hcontainer>" * 5000 + "</body></act></akomaNtoso>").encode()
    with pytest.raises(InputError) as info:
        parse_bytes(data, "deep.xml")
    assert "deep.xml" in str(info.value)


def test_quadratic_blowup_is_refused(tmp_path):
    entity = "x" * 50000
    data = (f'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "{entity}">]>'
            f'<akomaNtoso xmlns="{NS}"><act name="act"><body><p>' + "&e;" * 50000 + "</p></body></act></akomaNtoso>")
    path = tmp_path / "quadratic.xml"
    path.write_text(data)
    for command in ("info", "export"):
        result = lawtool(command, str(path))
        assert result.returncode == 2 and "DOCTYPE" in result.stderr and "Traceback" not in result.stderr
    # validate reports it as a finding of the file (and goes on with the other files): exit 1
    result = lawtool("validate", str(path))
    assert result.returncode == 1 and "DOCTYPE" in result.stdout and "Traceback" not in result.stderr


def test_xinclude_is_never_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT")
    data = (f'<akomaNtoso xmlns="{NS}" xmlns:xi="http://www.w3.org/2001/XInclude"><act name="act"><body>'
            f'<p><xi:include href="{secret}" parse="text"/></p></body></act></akomaNtoso>')
    path = tmp_path / "xi.xml"
    path.write_text(data)
    result = lawtool("export", str(path))
    assert "SECRET-CONTENT" not in result.stdout + result.stderr


def test_huge_xml_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.xml"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)  # 100 MB (sparse): refused on its size
    result = lawtool("info", str(path))
    assert result.returncode == 2 and "over the 64 MB limit" in result.stderr


def test_huge_text_file_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.truncate(100 * 1024 * 1024)
    result = lawtool("import", str(path), "--frbr-uri", str(URI), "-o", str(tmp_path / "o.xml"))
    assert result.returncode == 2 and "limit for one text" in result.stderr
    assert not (tmp_path / "o.xml").exists()


def test_invisible_characters_in_article_numbers():
    text = "قانون\nالمادة 1\u200f\nنص أول.\nالفصل 447\u200e-1\nنص ثان.\nالمادة\u2067 2\u2069\nنص ثالث.\n"
    document, report = import_text(text, URI, repair=False)
    assert [a.get("eId") for a in document.articles()] == ["art_1", "art_447-1", "art_2"]
    assert report.repairs["invisible-character"] == 4


@pytest.mark.parametrize("char", ["\x00", "\x1b"])
def test_control_characters_are_refused(char):
    with pytest.raises(LawtoolError) as info:
        import_text(f"قانون\nالمادة 1\nنص{char}.\n", URI)
    assert "control character" in str(info.value) and ":3" in str(info.value)


def test_many_control_characters_are_refused():
    with pytest.raises(LawtoolError) as info:
        import_text("قانون\nالمادة 1\n" + "نص\x07" * 50 + ".\n", URI)
    assert "control character" in str(info.value) and ":3" in str(info.value)


def test_a_stray_control_character_of_a_pdf_page_header_is_dropped_and_reported():
    # the Adala extractions leave a few (U+0007, U+0008) in page headers: 21 texts of the corpus
    document, report = import_text("قانون\nالمادة 1\nنص\x08 أول.\n", URI)
    assert "\x08" not in document.to_bytes().decode()
    assert report.repairs["control-character"] == 1
    assert [(f.rule, f.line) for f in report.findings if f.rule == "control-character"] == [("control-character", 3)]


def test_bidi_override_in_xml_does_not_break_numbering(tmp_path):
    body = ('<article eId="art_1"><num>المادة \u202e1\u202c</num><paragraph eId="art_1__para_1"><content>'
            '<p>نص</p></content></paragraph></article>')
    doc = Document.from_bytes(f'<akomaNtoso xmlns="{NS}"><act name="act"><body>{body}</body></act></akomaNtoso>'
                              .encode())
    from lawtool.eids import assign_eids
    assert assign_eids(doc.main) == {}


@pytest.mark.parametrize("source", ["../../../../../../../../../../etc/passwd", "shared:../../../../../../etc/passwd", "/etc/passwd"])
def test_import_spec_cannot_leave_the_repository(tmp_path, source):
    work = tmp_path / "law/ma/act/2018/1-18"
    work.mkdir(parents=True)
    (work / "import.yaml").write_text(
        f"expressions:\n  - expression: /akn/ma/act/2018/1-18/ara@2018-01-01\n    source: '{source}'\n", encoding="utf-8")
    result = lawtool("corpus", "build", "--root", str(tmp_path))
    assert result.returncode == 2 and "leads outside" in result.stderr and "Traceback" not in result.stderr
    assert not list(tmp_path.rglob("*.xml"))


BILLION_LAUGHS = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
                  + f']><akomaNtoso xmlns="{NS}"><act name="act"><body><p>&lol9;</p></body></act></akomaNtoso>')


@pytest.mark.parametrize("command", [
    ["info"], ["export"], ["validate"], ["diff", "{bomb}"], ["xref", "extract"], ["xref", "mark"], ["xref", "check"],
    ["gaps"], ["penalties"], ["definitions"], ["amend", "from-diff", "{bomb}"],
], ids=" ".join)
def test_every_xml_command_refuses_an_entity_bomb(tmp_path, command):
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(BILLION_LAUGHS, encoding="utf-8")
    args = [a.replace("{bomb}", str(bomb)) for a in command]
    result = lawtool(*args[:len(command) - (1 if "{bomb}" in command[-1] else 0)], str(bomb),
                     *(args[-1:] if "{bomb}" in command[-1] else []))
    assert result.returncode in (1, 2), result.stdout + result.stderr
    assert "DOCTYPE" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "lollollol" not in result.stdout + result.stderr
