"""Every input a fuzzer made crash, or that crashed lawtool before a fix, is replayed here for ever:
text inputs (tests/data/fuzz/importer/) through the importer and the citation detector, XML inputs
(akn/) through the AKN reader, validate and the exports, YAML inputs (yaml/) through the one YAML
loader, the amendment reader and the import.yaml reader.  Each must give a result or a clear
LawtoolError, never another exception.  fuzz/README.md says how they are found."""

from pathlib import Path

import pytest

from lawtool.errors import LawtoolError
from lawtool.frbr import FrbrUri
from lawtool.importer import import_text
from lawtool.xref import extract_text

DATA = Path(__file__).parent / "data/fuzz"
CRASHES = sorted(p for p in (DATA / "importer").iterdir() if p.is_file())
XML_CRASHES = sorted(p for p in (DATA / "akn").iterdir() if p.is_file())
YAML_CRASHES = sorted(p for p in (DATA / "yaml").iterdir() if p.is_file())
URI = FrbrUri.parse("/akn/ma/act/2018/1-18/ara@2018-01-01")


def test_the_regressions_are_there():
    assert len(CRASHES) >= 2 and len(XML_CRASHES) >= 2 and len(YAML_CRASHES) >= 4


@pytest.mark.parametrize("path", CRASHES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_importer_regressions(path):
    text = path.read_bytes().decode("utf-8", errors="replace")
    try:
        document, _ = import_text(text, URI)
        document.to_bytes()
    except LawtoolError as error:
        assert str(error)


@pytest.mark.parametrize("path", CRASHES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_xref_regressions(path):
    text = path.read_bytes().decode("utf-8", errors="replace")
    for citation in extract_text(text, uri="/akn/ma/act/2018/1-18"):
        assert citation.text == text[citation.start : citation.end]


@pytest.mark.parametrize("path", XML_CRASHES, ids=lambda p: f"akn/{p.name}")
def test_akn_regressions(path):
    from lawtool.akn import Document, parse_bytes
    from lawtool.export import to_markdown, to_text
    from lawtool.validate import validate_document

    try:
        document = Document(parse_bytes(path.read_bytes(), str(path)), str(path))
        validate_document(document)
        to_text(document, warn=lambda message: None)
        to_markdown(document, warn=lambda message: None)
    except LawtoolError as error:
        assert str(path) in str(error)


@pytest.mark.parametrize("path", YAML_CRASHES, ids=lambda p: f"yaml/{p.name}")
def test_yaml_regressions(path):
    from lawtool.amend.model import parse_amendment
    from lawtool.recipes import import_expressions
    from lawtool.yaml_input import read_yaml_file

    refused = 0
    try:
        value = read_yaml_file(path)
    except LawtoolError as error:
        assert str(path) in str(error)
        return
    for read in (parse_amendment, import_expressions):
        try:
            read(value, path)
        except LawtoolError:
            refused += 1
    assert refused >= 1  # each of these files is wrong as an amendment and as an import.yaml
