"""Every input a fuzzer made crash is replayed here for ever, through every text parser (the importer
and the citation detector): it must give a result or a clear LawtoolError, never another exception.
Inputs live in tests/data/fuzz/<target>/ (fuzz/README.md says how they are found)."""
from pathlib import Path

import pytest

from lawtool.errors import LawtoolError
from lawtool.frbr import FrbrUri
from lawtool.importer import import_text
from lawtool.xref import extract_text

DATA = Path(__file__).parent / "data/fuzz"
CRASHES = sorted(p for p in DATA.rglob("*") if p.is_file())
URI = FrbrUri.parse("/akn/ma/act/2018/1-18/ara@2018-01-01")


def test_the_regressions_are_there():
    assert len(CRASHES) >= 2


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
        assert citation.text == text[citation.start:citation.end]
